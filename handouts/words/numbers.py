"""How a number and a range of numbers print in a handout's wording: the filters ``num``
and ``span`` the one environment gives every template (``text``), and the mark a language
writes between a range's ends where its wording does not say."""

from __future__ import annotations

import jinja2

from handouts.input.quantities import Span

EN_DASH = "\u2013"
# what a language writes between a range's ends where its wording does not say
# (``text.range_mark``): Japanese "5〜10秒" (a wave dash); Chinese writes "–" and "~" both,
# so keeps the en dash
RANGE_MARKS = {"ja": "\u301c"}
# the name under which a template is given its language's range mark (see
# ``template_files.render``, ``text.phrase``)
RANGE_MARK = "_range_mark"


def number(value: float, decimal: str = ".") -> str:
    text = str(int(value)) if value == int(value) else f"{value:g}"
    return text.replace(".", decimal)


def span_text(span: Span, decimal: str = ".", mark: str = EN_DASH) -> str:
    if span.is_range:
        return f"{number(span.lo, decimal)}{mark}{number(span.hi, decimal)}"
    return number(span.lo, decimal)


@jinja2.pass_context
def span_filter(context: jinja2.runtime.Context, span: Span, decimal: str = ".",
                mark: str | None = None) -> str:
    """The filter ``{{ d|span }}`` (``span(",")``: a decimal comma): a number, or a range
    with its language's mark between its ends (``text.range_mark``), or the one it names."""
    return span_text(span, decimal, mark if mark is not None else context.get(RANGE_MARK, EN_DASH))
