"""The education topics a posted form ticks, in the order the program gives them.

The page lists the topics as the library does, but a handout prints them in the program's
order (a protocol's, then the program's own, as a program file lists them): so the form
carries the order it was shown with (``topic_order``), and a topic ticked since comes after
those, in the library's order, as the page shows it. Ordered by the library alone, a saved
program opened again, or a protocol's topics, printed in another order than a file's build.
"""

from __future__ import annotations

from typing import Any, Mapping

from handouts import Library


def ticked(form: Mapping[str, Any], library: Library) -> list[str]:
    """The library's topics the form ticks: those of ``topic_order`` first, in its order."""
    chosen = set(form.getlist("education")) if hasattr(form, "getlist") else set()
    chosen &= set(library.topic_ids)  # only a forged form has others
    kept = [t for t in str(form.get("topic_order", "")).split(",") if t in chosen]
    return list(dict.fromkeys([*kept, *(t for t in library.topic_ids if t in chosen)]))
