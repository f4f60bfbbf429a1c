"""Every page's footer: the patient's name, the clinic and its phone (and website, where
there is room), "Page X of Y" and the handout id, drawn once the packet's page count is
known. On a mirrored page (a handout whose every language is right to left) its sides are
swapped: the name and the page number on the right, where its reader starts.
"""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import getAscentDescent
from reportlab.pdfgen.canvas import Canvas

from handouts.render import glyphs, links, shaping
from handouts.render.theme import FAMILY, Theme
from handouts.resolve import Handout
from handouts.words import joins, text


def _width(value: str, font: str, size: float) -> float:
    return sum(shaping.width(piece, _weight(face, font), size) for face, piece in glyphs.runs(value))


def _weight(face: str, font: str) -> str:
    """The fallback face in the weight of ``font`` (bold stays bold where the face has it)."""
    if face == FAMILY:
        return font
    if font.endswith("-Bold"):
        from reportlab.lib.fonts import tt2ps
        return tt2ps(face, 1, 0)
    return face


def _fit(value: str, font: str, size: float, width: float) -> str:
    if _width(value, font, size) <= width:
        return value
    while value and _width(value + "…", font, size) > width:
        value = value[:-1]
    return value + "…"


def _draw(canvas: Canvas, x: float, y: float, value: str, font: str, size: float,
          right: bool = False) -> None:
    """Draw one line, switching to a fallback font for characters ours cannot draw."""
    if right:
        x -= _width(value, font, size)
    # one text object, so a text extractor reads the line as one line
    line = canvas.beginText(x, y)
    for face, piece in glyphs.runs(value):
        face = _weight(face, font)
        line.setFont(face, size)
        line.textOut(shaping.shaped(piece, face, size))
    canvas.drawText(line)


def draw_centred(canvas: Canvas, x: float, y: float, value: str, font: str,
                 size: float) -> None:
    """One line centred on ``x``, drawn as the footer's are: in the fonts that have its
    letters, shaped (a duplex run's blank back page says so in the handout's language)."""
    _draw(canvas, x - _width(value, font, size) / 2, y, value, font, size)


def draw_footer(canvas: Canvas, theme: Theme, handout: Handout, page: int | None,
                total: int, kept: dict) -> None:
    """The patient's name, the clinic and its phone, "Page X of Y" and the handout id. What
    every page of the packet repeats (the name and the clinic, the id) is written by its
    first footer and ``kept`` (the operators, which the document writes the same on every
    page) for the rest."""
    t, clinic, lang = theme, handout.clinic, handout.language
    style = t.style("footer")
    size, lead = style.fontSize, style.leading
    left, right = t.margin, t.page_size[0] - t.margin
    top = t.margin + t.footer_height - lead * 0.6
    canvas.saveState()
    canvas.setStrokeColor(t.rule)
    canvas.setLineWidth(0.8)
    canvas.line(left, top, right, top)
    canvas.setFillColor(t.ink)
    if "lines" in kept:
        canvas._code.extend(kept["lines"])
    else:
        mark = len(canvas._code)
        kept["line2"], kept["links"] = _footer_lines(canvas, t, handout, (left, right, top),
                                                     size, lead)
        kept["lines"] = canvas._code[mark:]
    line2 = kept["line2"]
    for uri, rect in kept["links"]:  # the footer's phone and website, links on every page
        links.link(canvas, uri, rect)
    canvas.setFont(FAMILY, size)
    start, end = (right, left) if t.rtl else (left, right)  # a mirrored page's footer too
    if "id" in kept:
        canvas._code.extend(kept["id"])
    else:
        mark = len(canvas._code)
        _draw_plain(canvas, end, line2, text.phrase(lang, "footer_id", handout.wording,
                                                    handout_id=handout.handout_id),
                    size, right=not t.rtl)
        kept["id"] = canvas._code[mark:]
    if page:
        _draw_plain(canvas, start, line2, text.phrase(lang, "footer_page", handout.wording,
                                                      page=page, total=total),
                    size, right=t.rtl)
    canvas.restoreState()


def _draw_plain(canvas: Canvas, x: float, y: float, value: str, size: float,
                right: bool) -> None:
    """A footer's line in our font, set before; a line in some other script (Hebrew, say)
    is drawn in a font that has its letters, in drawing order (see ``_draw``)."""
    if glyphs.runs(value) != ((FAMILY, value),):
        _draw(canvas, x, y, value, FAMILY, size, right=right)
    elif right:
        canvas.drawRightString(x, y, value)
    else:
        canvas.drawString(x, y, value)


def _footer_lines(canvas: Canvas, t: Theme, handout: Handout, at: tuple[float, float, float],
                  size: float, lead: float) -> tuple[float, tuple]:
    """The footer's name and clinic lines; returns the baseline of its last line, and the
    links of the phone number and the website (each its address and where it is drawn)
    where they print whole."""
    left, right, top = at
    clinic = handout.clinic
    half = (right - left) / 2 - size
    patient = handout.patient_name or text.phrase(handout.language, "blank_name",
                                                  handout.wording)
    fields = lambda *values: joins.join(handout.language, values, "fields")  # noqa: E731
    contact = fields(handout.clinic_name, clinic.phone, clinic.website)
    bold = f"{FAMILY}-Bold"
    line1 = top - lead * 1.2
    start, end = (right, left) if t.rtl else (left, right)  # a mirrored page's sides
    if _width(contact, FAMILY, size) > half and t.footer_height > lead * 3.4:
        # large print: the contact line gets a line of its own rather than losing a part
        _draw(canvas, start, line1, _fit(patient, bold, size, right - left), bold, size,
              right=t.rtl)
        contact = _fit(contact, FAMILY, size, right - left)
        _draw(canvas, start, top - lead * 2.35, contact, FAMILY, size, right=t.rtl)
        return top - lead * 3.5, _links(clinic, contact, (start, top - lead * 2.35), size,
                                        right=t.rtl)
    # the phone number must print whole; the clinic's name and website give way first
    choices = [contact, fields(handout.clinic_name, clinic.phone),
               fields(clinic.phone, clinic.website),
               clinic.phone]
    contact = next((c for c in choices if _width(c, FAMILY, size) <= half), choices[-1])
    _draw(canvas, start, line1, _fit(patient, bold, size, half), bold, size, right=t.rtl)
    _draw(canvas, end, line1, contact, FAMILY, size, right=not t.rtl)
    return top - lead * 2.35, _links(clinic, contact, (end, line1), size, right=not t.rtl)


def _links(clinic, value: str, at: tuple[float, float], size: float, right: bool) -> tuple:
    """The links of the clinic's phone (``tel:``) and website (``https:``) in the contact
    line ``value`` drawn at ``at``, as page 1's header has them: those that read as one
    number or address and are drawn whole (the website gives way first where room is short,
    and a line cut short with "…" cuts it)."""
    found = (_link(links.tel(clinic.phone) if clinic.phone else None, clinic.phone, value, at,
                   size, right),
             _link(links.web(clinic.website) if clinic.website else None, clinic.website,
                   value, at, size, right))
    return tuple(link for link in found if link)


def _link(uri: str | None, part: str, value: str, at: tuple[float, float], size: float,
          right: bool) -> tuple | None:
    """``uri`` and the box ``part`` is drawn in, where ``value`` is drawn at ``at`` as
    ``_draw`` draws it (in drawing order, each run in its own font); None where there is no
    ``uri`` or ``part`` is not drawn whole (cut short)."""
    runs = glyphs.runs(value)
    shown = "".join(piece for _, piece in runs)
    drawn = "".join(piece for _, piece in glyphs.runs(part)) if part else ""
    start = shown.find(drawn) if drawn else -1
    if uri is None or start < 0:
        return None
    end = start + len(drawn)

    def offset(index: int) -> float:
        """How far from the line's start its ``index``-th drawn character is."""
        x, seen = 0.0, 0
        for face, piece in runs:
            face = _weight(face, FAMILY)
            if index <= seen + len(piece):
                return x + shaping.width(piece[:index - seen], face, size)
            x, seen = x + shaping.width(piece, face, size), seen + len(piece)
        return x

    x0 = at[0] - (offset(len(shown)) if right else 0) + offset(start)
    ascent, descent = getAscentDescent(FAMILY, size)
    return uri, (x0, at[1] + descent, x0 + offset(end) - offset(start), at[1] + ascent)
