"""Layout: the resolved handout as PDF bytes."""

from handouts.render import uri_pattern
from handouts.render.shaping import defer_harfbuzz

defer_harfbuzz()
uri_pattern.defer()
