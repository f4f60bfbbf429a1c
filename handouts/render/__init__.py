"""Layout: the resolved handout as PDF bytes."""

from handouts.render.shaping import defer_harfbuzz

defer_harfbuzz()
