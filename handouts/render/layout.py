"""Handout + theme → reportlab flowables: one small builder per block of the handout (page 1's
header, title, summary and safety box; the exercise cards; education; the log; the
disclaimer), in the order ``ORDER`` gives.
"""

from __future__ import annotations

from typing import Callable

from reportlab.platypus import (CondPageBreak, Flowable, HRFlowable, KeepTogether, PageBreak,
                                Spacer, Table)

from handouts.render import pictures
from handouts.render.cards import card, page_card
from handouts.render.context import Context, esc, numbered
from handouts.render.flowables import Boxes, Card, EndOfSummary, PageMark, style
from handouts.render.frozen import laid_out
from handouts.render.theme import Theme
from handouts.resolve import Handout
from handouts.words import text
from handouts.words.dose import MAX_BOXES


def fixed(ctx: Context, name: str, content, build: Callable[[], Flowable]) -> Flowable:
    """A block that is the same for every patient with the same ``content`` (what it shows
    besides the handout's languages, wording and theme), laid out once per process (see
    frozen)."""
    key = (name, content, ctx.handout.languages, ctx.handout.wording, id(ctx.theme))
    return laid_out(key, build, ctx.theme.frame_width, warnings=ctx.warnings)


def header(ctx: Context) -> list[Flowable]:
    h = ctx.handout
    content = (h.clinic.name, h.clinic.phone, h.tagline, h.logo,
               _picture_key(h.logo, _logo_size(ctx)))
    return [PageMark(ctx.summary_page), fixed(ctx, "header", content, lambda: _header(ctx)),
            Spacer(1, ctx.theme.space.sm)]


def _picture_key(path, size: float) -> str | None:
    try:
        return pictures.load(path, size, size).key if path else None
    except pictures.PictureError as exc:
        return str(exc)


def _logo_size(ctx: Context) -> float:
    return ctx.theme.body_size * 4.4


def _header(ctx: Context) -> Table:
    t, clinic = ctx.theme, ctx.handout.clinic
    logo_size = _logo_size(ctx)
    logo: Flowable = Spacer(1, 1)
    if ctx.handout.logo:
        try:
            logo = pictures.Picture(
                pictures.load(ctx.handout.logo, logo_size, logo_size), logo_size, logo_size)
        except pictures.PictureError as exc:
            ctx.warnings.append(f"{ctx.handout.logo}: {exc}; the handout has no logo")
    name = [ctx.p(esc(clinic.name), "clinic_name")]
    if ctx.handout.tagline:
        name.append(ctx.p(esc(ctx.handout.tagline), "tagline"))
    phone = [ctx.p(esc(ctx.say("call_us")), "phone_label"), ctx.p(esc(clinic.phone), "phone")]
    phone_w = t.frame_width * 0.34
    table = Table([[logo, name, phone]],
                  colWidths=[logo_size + t.space.md, None, phone_w])
    table.setStyle(style([
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), t.space.sm),
        ("LINEBELOW", (0, 0), (-1, 0), 2, t.primary),
    ]))
    return table


def title(ctx: Context) -> list[Flowable]:
    h, t = ctx.handout, ctx.theme
    out = [ctx.p(esc(h.title), "h1")]
    if h.subtitle:
        out.append(ctx.p(esc(h.subtitle), "subtitle"))
    name = (f"<b>{esc(h.patient_name)}</b>" if h.patient_name
            else esc(ctx.say("blank_name")))
    date = " / ".join(text.parts(ctx.date_text()))
    facts = [f"{esc(ctx.label('for_patient'))}: {name}" if h.patient_name else name,
             f"{esc(ctx.label('date_label'))}: {esc(date)}"]
    if h.therapist:
        therapist = f"{esc(ctx.label('therapist_label'))}: {esc(h.therapist)}"
        if len(h.languages) == 1:  # on the date's line; two languages make that line full
            facts[-1] += f" · {therapist}"
        else:
            facts.append(therapist)
    out.extend(ctx.p(f, "body_tight") for f in facts)
    out.append(Spacer(1, t.space.sm))
    if h.note:
        out.append(boxed(ctx, [ctx.p(esc(ctx.say("therapist_note")), "label"),
                               ctx.p(esc(h.note))]))
    return out


def boxed(ctx: Context, content: list[Flowable], *, border=None, width: float = 2,
          background=None) -> Table:
    t = ctx.theme
    table = Table([[content]], colWidths=[None])
    table.setStyle(style([
        ("BOX", (0, 0), (-1, -1), width, border or t.rule),
        ("LEFTPADDING", (0, 0), (-1, -1), t.space.md),
        ("RIGHTPADDING", (0, 0), (-1, -1), t.space.md),
        ("TOPPADDING", (0, 0), (-1, -1), t.space.sm),
        ("BOTTOMPADDING", (0, 0), (-1, -1), t.space.sm),
        *([("BACKGROUND", (0, 0), (-1, -1), background)] if background else []),
    ]))
    return table


def one_line(parts) -> str:
    """Dose parts joined with " · ", language by language: in a bilingual handout the Spanish
    dose, then the English one under it (not each part in turn in both)."""
    count = max((len(text.parts(part)) for part in parts), default=0)
    return text.both(" · ".join(text.part(part, i) for part in parts) for i in range(count))


def at_a_glance(ctx: Context) -> list[Flowable]:
    h, t = ctx.handout, ctx.theme
    return [ctx.p(esc(ctx.say("at_a_glance")), "h2"),
            ctx.p(esc(ctx.say("at_a_glance_intro"))),
            fixed(ctx, "at_a_glance", repr(h.exercises), lambda: _summary_table(ctx)),
            Spacer(1, t.space.sm),
            ctx.p(f"<b>{esc(ctx.say('session_minutes', minutes=h.session_minutes))}</b>")]


def _summary_table(ctx: Context) -> Table:
    h, t = ctx.handout, ctx.theme
    rows = [[ctx.p(esc(ctx.say(k)), "cell_bold") for k in ("col_exercise", "col_dose",
                                                            "col_often")]]
    for e in h.exercises:
        # a progression: its first stage here, the rest on the card
        stages = [text.both(f"{text.part(weeks, i)}: {text.part(what, i)}"
                            for i in range(len(h.languages))) for weeks, what in e.progression[:1]]
        stages += [ctx.say("progression_more")] if len(e.progression) > 1 else []
        rows.append([ctx.p(f"<b>{e.number}.</b> {esc(e.title)}", "cell"),
                     ctx.p(esc(one_line([*e.dose_parts, *stages])) or "–", "cell"),
                     ctx.p(esc(e.often), "cell")])
    w = t.frame_width
    table = Table(rows, colWidths=[w * 0.38, w * 0.40, w * 0.22], repeatRows=1)
    table.setStyle(style([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, 0), 1.5, t.primary),
        ("LINEBELOW", (0, 1), (-1, -1), 0.6, t.rule),
        ("LEFTPADDING", (0, 0), (-1, -1), t.space.xs),
        ("RIGHTPADDING", (0, 0), (-1, -1), t.space.sm),
        ("TOPPADDING", (0, 0), (-1, -1), t.space.xs),
        ("BOTTOMPADDING", (0, 0), (-1, -1), t.space.xs),
    ]))
    return table


def exercises(ctx: Context) -> list[Flowable]:
    t, items = ctx.theme, ctx.handout.exercises
    out: list[Flowable] = []
    if t.card_per_page:
        for e in items:
            out += [PageBreak(), *page_card(ctx, e)]
        return out
    out.append(EndOfSummary(ctx.summary_page))
    out.append(ctx.p(esc(ctx.say("exercises_heading")), "h2"))
    if t.cards_per_row == 1:
        out += [card(ctx, e, t.frame_width) for e in items]
        return out
    half = t.frame_width / 2
    for i in range(0, len(items), 2):
        pair = [card(ctx, e, half) for e in items[i:i + 2]]
        row = Card([pair + [""] * (2 - len(pair))], colWidths=[half, half],
                   page_height=t.frame_height,
                   share="|".join(c.share for c in pair) if ctx.share_cards else None)
        row.setStyle(style([("VALIGN", (0, 0), (-1, -1), "TOP"),
                                 *[(k, (0, 0), (-1, -1), 0) for k in (
                                     "LEFTPADDING", "RIGHTPADDING", "TOPPADDING",
                                     "BOTTOMPADDING")]]))
        out.append(row)
    return out


def education(ctx: Context) -> list[Flowable]:
    topics = ctx.handout.education
    if not topics:
        return []
    t = ctx.theme
    out: list[Flowable] = [PageBreak() if t.card_per_page else CondPageBreak(t.frame_height / 3),
                           ctx.p(esc(ctx.handout.education_heading
                                     or ctx.say("education_heading")), "h2")]
    for topic in topics:
        head = [ctx.p(esc(topic.title), "h3")]
        if topic.summary:
            head.append(ctx.p(f"<b>{esc(topic.summary)}</b>"))
        body = blocks(ctx, topic.body)
        # keep a topic's header with its first block so a header never ends a page
        out.append(KeepTogether(head + body[:1]))
        out.extend(body[1:])
    return out


def blocks(ctx: Context, body) -> list[Flowable]:
    out: list[Flowable] = []
    for block in body:
        if hasattr(block, "bullets"):
            out.extend(numbered(ctx, block.bullets, bullet="•"))
        elif hasattr(block, "heading"):
            heading = ctx.p(f"<b>{esc(block.heading)}</b>", "body")
            heading.keepWithNext = 1  # a heading never ends a page
            out.append(heading)
        else:
            out.append(ctx.p(esc(block.text)))
    return out


def log(ctx: Context) -> list[Flowable]:
    h, t = ctx.handout, ctx.theme
    how = ctx.p(esc(ctx.say("log_how")))
    table = fixed(ctx, "log", repr(h.exercises), lambda: _log_table(ctx))
    # in one piece, and with the disclaimer after it (keepWithNext): on the page where
    # the education ends if it fits, else on the next, never leaving the disclaimer alone
    how.keepWithNext = 1
    return [*([PageBreak()] if t.card_per_page else []), ctx.p(esc(ctx.say("log_heading")), "h2"),
            how, table]


def _log_table(ctx: Context) -> Table:
    h, t = ctx.handout, ctx.theme
    days = 7
    name_w = t.frame_width * (0.25 if t.card_per_page else 0.3)
    day_w = (t.frame_width - name_w) / days
    box = t.body_size * 1.15
    gap = t.body_size * 0.3
    header_row = [ctx.p(esc(ctx.say("col_exercise")), "cell_bold")] + [
        ctx.p(esc(ctx.say("log_day", n=d)), "cell_bold") for d in range(1, days + 1)]
    rows = [header_row]
    for e in h.exercises:
        per_row = max(1, int((day_w - t.space.sm) // (box + gap)))
        count = e.per_day
        name = [ctx.p(f"{e.number}. {esc(e.title)}", "cell")]
        if count > MAX_BOXES:  # "every 2 hours": a line to tally on, the aim by the name
            name.append(ctx.p(esc(ctx.say("log_tally", n=count)), "cell"))
            cell = [HRFlowable(width="100%", thickness=1.2, color=t.ink,
                               spaceBefore=box * 1.5, spaceAfter=0)]
        else:
            cell = [Boxes(min(count, per_row), box, gap, t.ink)] if count <= per_row else [
                Boxes(per_row, box, gap, t.ink), Spacer(1, gap),
                Boxes(count - per_row, box, gap, t.ink)]
        rows.append([name] + [cell] * days)
    rows.append([ctx.p(esc(ctx.say("log_pain")), "cell_bold")] + [""] * days)
    table = Table(rows, colWidths=[name_w] + [day_w] * days, repeatRows=1)
    table.setStyle(style([
        ("GRID", (0, 0), (-1, -1), 0.6, t.rule),
        ("LINEBELOW", (0, 0), (-1, 0), 1.5, t.primary),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (1, 1), (-1, -1), "CENTER"),
        ("TOPPADDING", (0, 0), (-1, -1), t.space.xs),
        ("BOTTOMPADDING", (0, 0), (-1, -1), t.space.xs),
        ("LEFTPADDING", (0, 0), (-1, -1), t.space.xs),
        ("RIGHTPADDING", (0, 0), (-1, -1), t.space.xs),
        ("ROWBACKGROUNDS", (0, 1), (-1, -2), [None, t.tint]),
    ]))
    table.setStyle(style([("TOPPADDING", (0, -1), (-1, -1), t.space.md),
                               ("BOTTOMPADDING", (0, -1), (-1, -1), t.space.md)]))
    table.keepWithNext = 1
    table.spaceAfter = t.space.md
    return table


def safety(ctx: Context) -> list[Flowable]:
    h = ctx.handout
    box = fixed(ctx, "safety", (h.safety, h.clinic.phone), lambda: _safety_box(ctx))
    return [Spacer(1, ctx.theme.space.sm), KeepTogether([box])]


def _safety_box(ctx: Context) -> Table:
    h, t = ctx.handout, ctx.theme
    content: list[Flowable] = [ctx.p(esc(ctx.say("safety_heading")), "safety_head")]
    if h.safety:
        content += blocks(ctx, [b for b in h.safety.body if not hasattr(b, "heading")])
    content.append(ctx.p(esc(ctx.say("safety_call", phone=h.clinic.phone)), "safety_call"))
    return boxed(ctx, content, border=t.ink, width=2.5)


def disclaimer(ctx: Context) -> list[Flowable]:
    text_ = ctx.handout.disclaimer
    if not text_:
        return []
    # no spacer before it: the log keeps the label (keepWithNext) and the label its text
    return [ctx.p(esc(ctx.say("disclaimer_heading")), "label"), ctx.p(esc(text_), "small")]


Builder = Callable[[Context], list[Flowable]]

BLOCKS: dict[str, Builder] = {
    "header": header, "title": title, "at_a_glance": at_a_glance, "exercises": exercises,
    "education": education, "log": log, "safety": safety, "disclaimer": disclaimer,
}
ORDER = ("header", "title", "at_a_glance", "safety", "exercises", "education", "log",
         "disclaimer")


def build(handout: Handout, theme: Theme, warnings: list[str] | None = None, *,
          share_cards: bool = False) -> list[Flowable]:
    """The handout's flowables. ``share_cards`` for a file of many handouts: each card is
    drawn once in the file and placed by name wherever it recurs (see Card)."""
    ctx = Context(handout, theme, warnings if warnings is not None else [],
                  share_cards=share_cards)
    return [f for name in ORDER for f in BLOCKS[name](ctx)]
