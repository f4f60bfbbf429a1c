"""A card's dose on one tinted line, *How much:* … *How often:* …: a compact card's (bold,
its labels in the brand colour) and the tighter card a standard page sets (its labels bold).

Both wrap in a narrow column (compact's beside its picture, the tighter card's beside the
picture column): a label's words and the first word after it are tied with no-break spaces,
so that no line ends with "How" (its "often:" starting the next) or with a label whose dose
is on the next line.
"""

from __future__ import annotations

import re

from reportlab.platypus import Table

from handouts.render import mirror
from handouts.render.context import Context, esc
from handouts.render.flowables import FluidTable
from handouts.resolve import HandoutExercise
from handouts.words import joins, text

# a space between words, not one inside a tag (esc puts a script's words in <font face=…>)
_WORD_SPACE = re.compile(r" (?![^<]*>)")


def tied(markup: str) -> str:
    """The markup with no break possible between its words."""
    return _WORD_SPACE.sub("\u00a0", markup)


def dose_line(ctx: Context, e: HandoutExercise) -> Table:
    """*How much:* … *How often:* … on one tinted line (two in a bilingual handout)."""
    t = ctx.theme
    dose, often = ctx.say("dose_label"), ctx.say("often_label")
    per_language = []
    for i in range(len(ctx.handout.languages)):
        parts = ctx.join((text.part(p, i) for p in e.dose_parts), index=i)
        # a dose given only week by week ("How much: ." said nothing): its table follows
        much = f"{text.part(dose, i)}{ctx.colon(i)}{parts}" if parts else ""
        how_often = f"{text.part(often, i)}{ctx.colon(i)}{text.part(e.often, i)}"
        per_language.append(joins.full_stop(ctx.handout.languages[i],
                                            ctx.join([much, how_often], "sentences", i)))
    # bold labels in the markup, after escaping: each language's line starts with its label
    markup = esc(text.both(per_language))
    # compact's line is bold throughout (the dose is what a patient looks for), its labels
    # in the brand colour; on a standard page's tighter card the labels alone are bold
    compact = t.layout == "compact"
    mark = (f'<font color="#{t.primary.hexval()[2:]}">', "</font>") if compact else ("<b>", "</b>")
    for i in range(len(ctx.handout.languages)):
        inside, space = ctx.colon_markup(i)
        for bold in (esc(text.part(label, i)) + inside for label in (dose, often)):
            markup = markup.replace(bold + space, f"{mark[0]}{tied(bold)}{mark[1]}{tied(space)}", 1)
    line = FluidTable([[ctx.p(markup, "dose_line" if compact else "body_tight")]], colWidths=[None])
    mirror.set_style(t, line, [
        ("BACKGROUND", (0, 0), (-1, -1), t.tint),
        ("LINEBEFORE", (0, 0), (0, -1), 3, t.primary),
        ("LEFTPADDING", (0, 0), (-1, -1), t.space.sm),
        ("TOPPADDING", (0, 0), (-1, -1), t.space.xs),
        ("BOTTOMPADDING", (0, 0), (-1, -1), t.space.xs),
    ])
    line.spaceAfter = t.space.xs * (0.5 if compact else 1)
    return line
