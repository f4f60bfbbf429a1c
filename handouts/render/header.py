"""Page 1's head: the clinic's logo, name, tagline and contact line (the name and address
in the handout's language), and its phone number, the largest way to reach it. Laid out
once per process for every handout of the clinic (and language).
"""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Spacer, Table

from handouts.render import links, mirror, pictures
from handouts.render.context import Context, esc
from handouts.render.flowables import PageMark
from handouts.render.frozen import fixed
from handouts.render.glyphs import escaped
from handouts.words import text


def header(ctx: Context, short: bool = False) -> list[Flowable]:
    """The clinic's logo, name, contact line and phone: laid out once per process for every
    handout of the clinic (see frozen.fixed). ``short``: a line or so shorter, for a page 1
    that has no room left for the patient's name otherwise (see page_one.FactsKept)."""
    h = ctx.handout
    clinic = h.clinic
    content = (h.clinic_name, clinic.phone, h.clinic_address, clinic.email, clinic.website,
               h.tagline, _logo_key(ctx))
    key = "header, short" if short else "header"
    return [PageMark(ctx.summary_page), fixed(ctx, key, content, lambda: _header(ctx, short)),
            Spacer(1, ctx.theme.space.sm)]


def _logo_box(ctx: Context, shape: tuple[float, float] = (1, 1)) -> tuple[float, float]:
    """The most room a logo of this ``shape`` (width, height) takes: as tall as the name's
    lines beside it, and as wide as the page leaves beside the clinic's name and contact
    lines (and the phone, where it fits beside them), up to four times that: a wide logo
    (a mark with the clinic's name written out, 8:1) printed in a square box as a strip 7 pt
    tall. Never less than the square a logo always had. A logo taller than wide (a 1:3
    mark over the clinic's initials printed 16 pt wide, its letters too small to read)
    takes the header's height, where the phone goes under the name, and is taller than the
    name's lines where it must be to print half the square's width, within twice its
    height: the header grows for it only so far."""
    t = ctx.theme
    height = logo_height(t)
    beside = _lines_width(ctx) + t.space.md + 1
    phone_beside = _phone_beside(ctx, height)
    if phone_beside:
        beside += phone_width(ctx)
    width = max(height, min(height * 4, t.frame_width - beside))
    wide, tall = shape
    if tall <= wide:
        return width, height
    header = height if phone_beside else height + _phone_height(ctx)
    return width, min(2 * height, max(header, height * tall / wide / 2))


def _phone_height(ctx: Context) -> float:
    """The phone's rows under the clinic's name: its label's lines and the number."""
    t = ctx.theme
    label = t.style("phone_label")
    return (len(text.parts(ctx.say("call_us"))) * label.leading + t.style("phone").leading
            + t.space.sm)


def _logo(ctx: Context):
    """The clinic's logo loaded for the room it takes (see ``_logo_box``), and that room;
    PictureError where it cannot be loaded."""
    square = _logo_box(ctx)
    loaded = pictures.load(ctx.handout.logo, *square)
    if loaded.height <= loaded.width:
        return loaded, square  # the header's key asks at every build: measured once
    box = _logo_box(ctx, (loaded.width, loaded.height))
    return (loaded, box) if box == square else (pictures.load(ctx.handout.logo, *box), box)


def logo_height(theme) -> float:
    """How tall the logo prints (at most): as the clinic's name and two lines under it."""
    return theme.body_size * 3.8


def _lines_width(ctx: Context) -> float:
    """The widest of the lines beside the logo as set on one line each: the clinic's name,
    its tagline and contact line."""
    named, small = ctx.theme.style("clinic_name"), ctx.theme.style("tagline")
    h = ctx.handout
    contact = ctx.join((h.clinic_address, h.clinic.email, h.clinic.website), "fields")
    smaller = [*text.parts(h.tagline or ""), contact]
    return max(stringWidth(h.clinic_name, named.fontName, named.fontSize),
               *(stringWidth(line, small.fontName, small.fontSize) for line in smaller))


def _phone_beside(ctx: Context, logo_width: float) -> bool:
    """Whether the phone stands beside the clinic's name (else under it: large print, A4),
    with a logo this wide (0: none)."""
    t = ctx.theme
    named = t.style("clinic_name")
    name_w = stringWidth(ctx.handout.clinic_name, named.fontName, named.fontSize)
    logo_w = logo_width + t.space.md if logo_width else 0
    return logo_w + name_w + phone_width(ctx) < t.frame_width


def _logo_key(ctx: Context) -> str | None:
    """The logo's part of the header's key: the picture by content as it is drawn, or the
    reason it cannot be."""
    try:
        return _logo(ctx)[0].key if ctx.handout.logo else None
    except pictures.PictureError as exc:
        return f"unusable: {exc}"


def _header(ctx: Context, short: bool = False) -> Table:
    t, clinic = ctx.theme, ctx.handout.clinic
    # no logo, no column for one: the clinic's name starts at the margin, in line with the
    # title under it (a clinic made by `new` has none until it adds one)
    logo: list[pictures.Picture] = []
    if ctx.handout.logo:
        try:
            loaded, box = _logo(ctx)
            logo = [pictures.Picture(loaded, *box)]
        except pictures.PictureError as exc:
            ctx.warnings.append(f"{ctx.handout.logo}: {exc}; the handout has no logo")
    small = "tagline_close" if short else "tagline"
    logo_w = [logo[0].width + t.space.md] if logo else []
    phone_w = phone_width(ctx)
    beside = _phone_beside(ctx, logo[0].width if logo else 0)
    name = [ctx.p(esc(ctx.handout.clinic_name), "clinic_name")]
    if ctx.handout.tagline:
        name.append(ctx.p(esc(ctx.handout.tagline), small))
    name += contact_line(ctx, small, t.frame_width - sum(logo_w) - (phone_w if beside else 0))
    phone = [ctx.p(esc(ctx.say("call_us")), "phone_label"),
             links.linked(ctx.p(esc(clinic.phone), "phone"), clinic.phone)]
    if beside:
        table = Table([mirror.row(t, [*logo, name, phone])],
                      colWidths=mirror.row(t, [*logo_w, None, phone_w]))
    else:
        # the name would wrap beside the phone (large print, A4): the phone goes under it;
        # short, its label beside the number rather than over it
        under = _label_beside(ctx, phone) if short else phone
        table = Table([mirror.row(t, [*logo, name]), mirror.row(t, [*[""] * len(logo), under])],
                      colWidths=mirror.row(t, [*logo_w, None]))
        if logo and logo[0].height > logo_height(t):  # a tall logo: beside both
            mirror.set_style(t, table, [("SPAN", (0, 0), (0, 1))])
    mirror.set_style(t, table, [
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (0, 0), (-1, -1), "LEFT"),  # the logo at the page's edge, either way
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), t.space.sm),
        ("LINEBELOW", (0, -1), (-1, -1), 2, t.primary),
    ])
    return table


def _label_beside(ctx: Context, phone: list[Flowable]) -> Table:
    """The phone's label and number on one line, the label's foot on the number's."""
    t = ctx.theme
    number = t.style("phone")
    width = stringWidth(ctx.handout.clinic.phone, number.fontName, number.fontSize) + t.space.sm
    row = Table([mirror.row(t, phone)], colWidths=mirror.row(t, [None, width]))
    mirror.set_style(t, row, [("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                              *[(k, (0, 0), (-1, -1), 0) for k in (
                                  "LEFTPADDING", "RIGHTPADDING", "TOPPADDING",
                                  "BOTTOMPADDING")]])
    return row


def phone_width(ctx: Context) -> float:
    """The phone column: as wide as the number in its large type, which must never wrap."""
    t = ctx.theme
    phone, label = t.style("phone"), t.style("phone_label")
    return max(stringWidth(ctx.handout.clinic.phone, phone.fontName, phone.fontSize),
               *(stringWidth(part, label.fontName, label.fontSize)
                 for part in text.parts(ctx.say("call_us")))) + t.space.sm


def contact_line(ctx: Context, style: str = "tagline", width: float | None = None,
                 ) -> list[Flowable]:
    """The clinic's address, email and website under the header, in body type: the phone
    number above stays the largest way to reach the clinic. The email and website are
    links (``mailto:``, ``https:``) where they read as one address: reportlab puts each over
    the address as drawn, on each line it is drawn on (the paragraph may wrap, and a line
    in a right-to-left script is drawn in reverse order around it); see links.LinksOver.
    Wider than ``width``, they go on as many lines as they need, each line as many whole
    as fit: wrapped as one, a line ended in a stray "·" ("12 Example Quay, Dublin 8 ·")."""
    h = ctx.handout
    found = [(v, uri(v) if uri else None) for v, uri in (
        (h.clinic_address, None), (h.clinic.email, links.mailto),
        (h.clinic.website, links.web)) if v]
    said = ctx.style(style)
    # measured in the style's font: letters it draws (an address in Japanese, joined by an
    # ideographic space, wraps as one as it did, with no dot to leave)
    width = width if all(ord(c) < 0x250 for v, _ in found for c in v) else None
    lines: list[list[tuple[str, str | None]]] = []
    for item in found:
        joined = ctx.join((v for v, _ in [*lines[-1], item]), "fields") if lines else ""
        if lines and (width is None or stringWidth(joined, said.fontName,
                                                   said.fontSize) <= width):
            lines[-1].append(item)
        else:
            lines.append([item])
    return [flowable for line in lines for flowable in _contact(ctx, line, style)]


def _contact(ctx: Context, found: list[tuple[str, str | None]], style: str,
             ) -> list[Flowable]:
    """``found`` (each text, and its link or None) as one line of the header."""
    if not found:
        return []
    plain = ctx.p(ctx.join((esc(v) for v, _ in found), "fields"), style)
    if not any(to for _, to in found):
        return [plain]
    return [links.LinksOver(plain, ctx.p(ctx.join((
        f'<a href="{escaped(to)}">{esc(v)}</a>' if to else esc(v)
        for v, to in found), "fields"), style))]
