"""Layout: the resolved handout as PDF bytes."""

from handouts.render import lazy_patterns
from handouts.render.shaping import defer_harfbuzz

defer_harfbuzz()
lazy_patterns.defer()
