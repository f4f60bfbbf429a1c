"""Handout + theme → reportlab flowables: one small builder per block of the handout.

Every string from the user passes through ``esc`` before it enters Paragraph markup, so a
``<`` or ``&`` in a patient's name prints as itself. Pictures that cannot be loaded become
a labelled placeholder and a warning; a therapist at the end of a visit still gets a PDF.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass, field, fields
from typing import Callable

from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.platypus import (CondPageBreak, Flowable, KeepTogether, PageBreak, Spacer, Table,
                                TableStyle)
from reportlab.platypus import Paragraph as _ReportlabParagraph
from reportlab.platypus.doctemplate import ActionFlowable

from handouts.render import glyphs
from handouts.render import pictures
from handouts.words import text
from handouts.resolve import Handout, HandoutExercise
from handouts.render.theme import FAMILY, Theme


@functools.lru_cache(maxsize=4096)
def _parsed(markup: str, paragraph_style) -> tuple:
    """Markup parsed once per process: a library's steps and tips recur in every handout."""
    parsed = _ReportlabParagraph(markup, paragraph_style)
    return parsed.style, tuple(parsed.frags)


class Paragraph(_ReportlabParagraph):
    """A Paragraph that parses its markup once per process and breaks its lines once per
    width. A card is measured by KeepTogether, then by its table, then laid out again as the
    table draws: the same question three times, and line breaking is most of the time a
    handout takes."""

    def __init__(self, text, style=None, bulletText=None, frags=None, **kw):  # noqa: N803
        if frags is None:
            style, parsed = _parsed(text, style)
            # fresh fragments: splitting a paragraph across pages changes them in place
            frags = [f.clone() for f in parsed]
        super().__init__(text, style, bulletText=bulletText, frags=frags, **kw)

    def wrap(self, avail_width, avail_height):
        known = self.__dict__
        if avail_width == known.get("_wrapped_at") and "blPara" in known:
            return self.width, self.height
        size = super().wrap(avail_width, avail_height)
        self._wrapped_at = avail_width
        return size


def style(commands) -> TableStyle:
    """A table style whose cells start in our font: reportlab's default would put an unused,
    unembedded Helvetica into every PDF."""
    return TableStyle([("FONT", (0, 0), (-1, -1), FAMILY), *commands])


def esc(value: text.Text) -> str:
    """Paragraph markup for plain text: escaped, with fallback fonts for other scripts; in a
    bilingual handout the second language follows on its own line, in italics."""
    lead, *rest = text.parts(value)
    return glyphs.markup(lead) + "".join(
        f'<br/><font color="#4a525a"><i>{glyphs.markup(r)}</i></font>' for r in rest)


@dataclass
class Context:
    """What every block builder needs: the handout, the theme, and where warnings go."""

    handout: Handout
    theme: Theme
    warnings: list[str] = field(default_factory=list)
    summary_page: dict = field(default_factory=dict)  # filled in as page 1 is drawn
    share_cards: bool = False

    def say(self, key: str, **kw) -> str:
        return text.both([text.phrase(lang, key, **kw) for lang in self.handout.languages])

    def label(self, key: str, **kw) -> str:
        """Short wording in every language on one line ("Para / For"), where a text of its
        own in each language would break up a line such as "For: Jane Doe"."""
        return " / ".join(dict.fromkeys(text.phrase(lang, key, **kw)
                                        for lang in self.handout.languages))

    def p(self, markup: str, style: str = "body") -> Paragraph:
        return Paragraph(markup, self.theme.style(style))

    def date_text(self) -> str:
        return text.both([text.phrase(lang, "date_long", date=self.handout.date,
                                      months=text.strings(lang)["months"])
                          for lang in self.handout.languages])


# --- pictures -------------------------------------------------------------------------------

class Placeholder(Flowable):
    """A neat dashed box in place of a picture that could not be loaded."""

    def __init__(self, width: float, height: float, label: str, style):
        super().__init__()
        self.width, self.height = width, height
        self.label = Paragraph(esc(label), style)

    def wrap(self, avail_w, avail_h):
        return self.width, self.height

    def draw(self):
        c = self.canv
        c.saveState()
        c.setStrokeColor(colors.HexColor("#8a939b"))
        c.setDash(4, 3)
        c.roundRect(1, 1, self.width - 2, self.height - 2, 6)
        c.restoreState()
        w, h = self.label.wrap(self.width - 16, self.height)
        self.label.drawOn(c, 8, (self.height - h) / 2)


def placeholder_warning(exercise: HandoutExercise, problem: Exception) -> str:
    return (f"{exercise.image}: {problem}; exercise {exercise.id} gets a placeholder instead "
            "of its picture")


def picture(ctx: Context, exercise: HandoutExercise, max_w: float, max_h: float) -> Flowable:
    try:
        loaded = pictures.load(exercise.image, max_w, max_h)
    except pictures.PictureError as exc:
        ctx.warnings.append(placeholder_warning(exercise, exc))
        return Placeholder(max_w, max_h * 0.75,
                           f"{ctx.say('picture_missing')}: {exercise.title}",
                           ctx.theme.style("placeholder"))
    return pictures.Picture(loaded, max_w, max_h)


@functools.lru_cache(maxsize=128)
def qr_code(url: str) -> pictures.Vector:
    """A QR code for a video link: encoded once per process, drawn once per document."""
    from reportlab.graphics.barcode.qr import QrCodeWidget  # slow to import; rarely needed

    widget = QrCodeWidget(url, barLevel="M")
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(x1 - x0, y1 - y0, transform=[1, 0, 0, 1, -x0, -y0])
    drawing.add(widget)
    key = hashlib.sha1(url.encode("utf-8")).hexdigest()[:12]
    return pictures.drawing_picture(drawing, f"qr_{key}")


class PageMark(Flowable):
    """Draws nothing; notes the page it lands on (where the handout's summary begins)."""

    def __init__(self, mark: dict):
        super().__init__()
        self.mark = mark

    def wrap(self, *args):
        return 0, 0

    def draw(self):
        self.mark["page"] = self.canv.getPageNumber()


class EndOfSummary(ActionFlowable):
    """Page 1 is the summary to keep, so the exercises start on a fresh page; but when the
    summary has already run onto page 2, they follow it there rather than leave it alone."""

    def __init__(self, mark: dict):
        super().__init__()
        self.mark = mark

    def apply(self, doc):
        if doc.canv.getPageNumber() == self.mark.get("page"):
            doc.handle_pageBreak()


# --- blocks ---------------------------------------------------------------------------------

def header(ctx: Context) -> list[Flowable]:
    t, clinic = ctx.theme, ctx.handout.clinic
    logo_size = t.body_size * 4.4
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
    return [PageMark(ctx.summary_page), table, Spacer(1, t.space.sm)]


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
    rows = [[ctx.p(esc(ctx.say(k)), "cell_bold") for k in ("col_exercise", "col_dose",
                                                            "col_often")]]
    for e in h.exercises:
        rows.append([ctx.p(f"<b>{e.number}.</b> {esc(e.title)}", "cell"),
                     ctx.p(esc(one_line(e.dose_parts)) or "–", "cell"),
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
    return [ctx.p(esc(ctx.say("at_a_glance")), "h2"),
            ctx.p(esc(ctx.say("at_a_glance_intro"))), table, Spacer(1, t.space.sm),
            ctx.p(f"<b>{esc(ctx.say('session_minutes', minutes=h.session_minutes))}</b>")]


def dose_box(ctx: Context, e: HandoutExercise) -> Table:
    t = ctx.theme
    lines = [ctx.p(esc(ctx.say("dose_label")), "label")]
    lines += [ctx.p(esc(part), "dose") for part in e.dose_parts]
    lines += [ctx.p(esc(ctx.say("often_label")), "label"), ctx.p(esc(e.often), "dose")]
    table = Table([[lines]], colWidths=[None])
    table.setStyle(style([
        ("BACKGROUND", (0, 0), (-1, -1), t.tint),
        ("LINEBEFORE", (0, 0), (0, -1), 4, t.primary),
        ("LEFTPADDING", (0, 0), (-1, -1), t.space.sm),
        ("RIGHTPADDING", (0, 0), (-1, -1), t.space.sm),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), t.space.sm),
    ]))
    return table


@functools.lru_cache(maxsize=64)
def _item_style(body, indent: float, dedent: float):
    from reportlab.lib.styles import ParagraphStyle

    return ParagraphStyle(f"{body.name}_item", parent=body, leftIndent=indent,
                          bulletIndent=indent - dedent, bulletFontSize=body.fontSize,
                          bulletFontName=f"{body.fontName.split('-')[0]}-Bold")


def numbered(ctx: Context, items, style: str = "body", bullet: str | None = None) -> list:
    """Numbered (or bulleted) items with a hanging indent: each a paragraph with its bullet,
    which lays out in a fraction of the time of a ListFlowable."""
    t = ctx.theme
    item = _item_style(t.style(style), t.body_size * 1.6, t.body_size * 1.4)
    return [Paragraph(esc(text_), item, bulletText=bullet or f"{n}.")
            for n, text_ in enumerate(items, start=1)]


def card_text(ctx: Context, e: HandoutExercise, *, with_dose: bool = True) -> list[Flowable]:
    t = ctx.theme
    out: list[Flowable] = [
        ctx.p(f'<font color="#{t.primary.hexval()[2:]}">{e.number}.</font> '
              f"{esc(e.title)}", "card_title"),
        ctx.p(esc(e.purpose), "purpose")]
    if with_dose:
        out += [dose_box(ctx, e), Spacer(1, t.space.xs)]
    out += [ctx.p(esc(ctx.say("steps_label")), "label"), *numbered(ctx, e.steps)]
    if e.note:
        out += [ctx.p(esc(ctx.say("note_label")), "label"), ctx.p(esc(e.note))]
    # cautions before tips: if a large-print page runs out, what moves over is a tip
    if e.cautions:
        out += [ctx.p(esc(ctx.say("cautions_label")), "warn_label"),
                *numbered(ctx, e.cautions, bullet="!")]
    if e.tips:
        out += [ctx.p(esc(ctx.say("tips_label")), "label"), *numbered(ctx, e.tips, bullet="•")]
    return out


def card_picture(ctx: Context, e: HandoutExercise, width: float, height: float) -> list:
    t = ctx.theme
    out: list[Flowable] = [picture(ctx, e, width, height), Spacer(1, t.space.xs),
                           ctx.p(esc(e.caption), "caption")]
    if e.video:
        size = t.body_size * 6
        out += [Spacer(1, t.space.sm), pictures.Picture(qr_code(e.video), size, size),
                ctx.p(esc(ctx.say("video_label")), "caption")]
    return out


class Card(Table):
    """A one-row table kept on one page: where it does not fit, it moves to the next page
    whole. Only a card taller than a whole page (a very long note, say) splits inside its row,
    rather than failing the handout. (KeepTogether would do the same, at the price of laying
    every card out one more time.)

    In a file of many handouts a card is drawn once, as a form XObject named after its
    content (``share``), and placed by name: every patient with the same exercise and dose
    shares one copy of the card instead of carrying their own."""

    def __init__(self, data, *args, page_height: float | None = None,
                 share: str | None = None, **kw):
        # reportlab makes the parts of a split table by calling this class again: those
        # parts come without a page height or a share key, and split where they must
        kw.setdefault("splitInRow", 1)
        super().__init__(data, *args, **kw)
        self.page_height = page_height
        self.share = share

    def split(self, avail_width, avail_height):
        if self.page_height is not None and self._height <= self.page_height:
            return []
        return super().split(avail_width, avail_height)

    def drawOn(self, canvas, x, y, _sW=0):
        if self.share is None:
            return super().drawOn(canvas, x, y, _sW)
        size = f"{self._width:.2f}x{self._height:.2f}"  # the same content laid out the same
        name = "card_" + hashlib.sha1(f"{self.share}|{size}".encode()).hexdigest()[:16]
        if not canvas.hasForm(name):
            # room around it: rules and bars on the card's edges are centred on them
            bleed = 12
            canvas.beginForm(name, -bleed, -bleed, self._width + bleed, self._height + bleed)
            super().drawOn(canvas, 0, 0)
            canvas.endForm()
        canvas.saveState()
        canvas.translate(self._hAlignAdjust(x, _sW), y)
        canvas.doForm(name)
        canvas.restoreState()


def card_key(ctx: Context, e: HandoutExercise, pictured: Flowable) -> str:
    """Everything a card's look depends on, the same in every process and folder: the
    exercise as printed (its picture by content, not by path), the languages and the theme."""
    t = ctx.theme
    printed = {f.name: getattr(e, f.name) for f in fields(e) if f.name != "image"}
    picture_key = getattr(getattr(pictured, "picture", None), "key", "placeholder")
    return repr((printed, picture_key, ctx.handout.languages, t.layout, t.page_size,
                 t.primary.hexval(), t.accent.hexval(), t.ink.hexval()))


def card(ctx: Context, e: HandoutExercise, width: float) -> Table:
    """One exercise: picture and caption beside the text (compact: above it)."""
    t = ctx.theme
    pad = t.space.sm
    if t.cards_per_row > 1:
        # one of a pair: the row holding the pair keeps it on one page (and is shared)
        image_w = min(t.image_width, width - 2 * pad)
        pictured = card_picture(ctx, e, image_w, t.image_height)
        cell = [*pictured, Spacer(1, t.space.sm), *card_text(ctx, e)]
        table = Table([[cell]], colWidths=[width], splitInRow=1)
    else:
        # the dose sits under the picture, where the column has room: the card is shorter
        # and two often fit on a page
        image_w = t.image_width
        pictured = card_picture(ctx, e, image_w, t.image_height)
        left = [*pictured, Spacer(1, t.space.sm), dose_box(ctx, e)]
        table = Card([[left, card_text(ctx, e, with_dose=False)]],
                     colWidths=[image_w + 2 * pad, width - image_w - 2 * pad],
                     page_height=t.frame_height)
    if ctx.share_cards:
        table.share = card_key(ctx, e, pictured[0])
    table.setStyle(style([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEABOVE", (0, 0), (-1, 0), 1.2, t.rule),
        ("LEFTPADDING", (0, 0), (-1, -1), pad if t.cards_per_row > 1 else 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), pad),
        ("TOPPADDING", (0, 0), (-1, -1), t.space.md),
        ("BOTTOMPADDING", (0, 0), (-1, -1), t.space.sm),
    ]))
    return table


@functools.cache
def _measuring_canvas():
    import io

    from reportlab.pdfgen.canvas import Canvas

    return Canvas(io.BytesIO())


def _height(flowables: list[Flowable], width: float, height: float) -> float:
    canvas = _measuring_canvas()
    total = 0.0
    for f in flowables:
        if isinstance(f, KeepTogether):
            # its wrap() claims an endless height to make the frame split it: measure its parts
            total += _height(f._content, width, height)
        else:
            total += f.wrapOn(canvas, width, height)[1] + f.getSpaceBefore() + f.getSpaceAfter()
    return total


def _labels_with_their_text(flowables: list[Flowable]) -> list[Flowable]:
    """Each label ("Tips", "Be careful") in one piece with what it labels, so that a label
    never ends a page on its own."""
    out: list[Flowable] = []
    for f in flowables:
        if out and getattr(getattr(out[-1], "style", None), "keepWithNext", 0):
            out[-1] = KeepTogether([out[-1], f])
        else:
            out.append(f)
    return out


def page_card(ctx: Context, e: HandoutExercise) -> list[Flowable]:
    """Large print: one exercise to a page. The picture and the dose share a row under the
    title, so the picture can be large and the steps, cautions and tips still fit below; on a
    page with a long text the picture gives up height (down to 60 %) first."""
    t = ctx.theme
    text_ = card_text(ctx, e, with_dose=False)
    head, rest = text_[:2], _labels_with_their_text(text_[2:])
    gap = t.space.md
    picture_w = t.image_width
    dose_w = t.frame_width - picture_w - gap

    def top_row(picture_h: float) -> Table:
        shown = card_picture(ctx, e, picture_w, picture_h)
        shown[0].hAlign = "CENTER"
        row = Table([[shown, dose_box(ctx, e)]], colWidths=[picture_w + gap, dose_w])
        row.setStyle(style([("VALIGN", (0, 0), (-1, -1), "TOP"),
                            *[(k, (0, 0), (-1, -1), 0) for k in (
                                "LEFTPADDING", "RIGHTPADDING", "TOPPADDING")],
                            ("RIGHTPADDING", (0, 0), (0, 0), gap),
                            ("BOTTOMPADDING", (0, 0), (-1, -1), t.space.sm)]))
        return row

    row = top_row(t.image_height)
    room = t.frame_height - t.space.md
    over = _height([*head, row, *rest], t.frame_width, t.frame_height) - room
    if over > 0:
        row = top_row(max(t.image_height * 0.6, t.image_height - over))
    return [KeepTogether([*head, row]), *rest]


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
                           ctx.p(esc(ctx.say("education_heading")), "h2")]
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


class Boxes(Flowable):
    """``count`` empty tick boxes in a row: one per session that day."""

    def __init__(self, count: int, size: float, gap: float, color):
        super().__init__()
        self.count, self.size, self.gap, self.color = count, size, gap, color
        self.width = count * size + (count - 1) * gap
        self.height = size

    def wrap(self, avail_w, avail_h):
        return self.width, self.height

    def draw(self):
        c = self.canv
        c.setStrokeColor(self.color)
        c.setLineWidth(1.2)
        for i in range(self.count):
            c.rect(i * (self.size + self.gap), 0, self.size, self.size)


def log(ctx: Context) -> list[Flowable]:
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
        cell = [Boxes(min(count, per_row), box, gap, t.ink)] if count <= per_row else [
            Boxes(per_row, box, gap, t.ink), Spacer(1, gap),
            Boxes(count - per_row, box, gap, t.ink)]
        rows.append([ctx.p(f"{e.number}. {esc(e.title)}", "cell")] + [cell] * days)
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
    how = ctx.p(esc(ctx.say("log_how")))
    # in one piece, and with the disclaimer after it (keepWithNext): on the page where
    # the education ends if it fits, else on the next, never leaving the disclaimer alone
    how.keepWithNext = table.keepWithNext = 1
    table.spaceAfter = t.space.md
    return [*([PageBreak()] if t.card_per_page else []), ctx.p(esc(ctx.say("log_heading")), "h2"),
            how, table]


def safety(ctx: Context) -> list[Flowable]:
    h, t = ctx.handout, ctx.theme
    content: list[Flowable] = [ctx.p(esc(ctx.say("safety_heading")), "safety_head")]
    if h.safety:
        content += blocks(ctx, [b for b in h.safety.body if not hasattr(b, "heading")])
    content.append(ctx.p(esc(ctx.say("safety_call", phone=h.clinic.phone)), "safety_call"))
    return [Spacer(1, t.space.sm), KeepTogether([boxed(ctx, content, border=t.ink, width=2.5)])]


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
