"""Fonts, named styles, colours and the spacing scale. Branding is data: colours come from
clinic.yaml; sizes come from the layout (standard, compact, large print).

Fonts are registered by ``register_fonts()``, once per process, never at import.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, replace
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch

from handouts.errors import HandoutError, Location, Problem
from handouts.input.clinic_parts import tinted
from handouts.kept import found as kept_found
from handouts.kept import keep

FONT_DIR = Path(__file__).resolve().parents[2] / "fonts"
FAMILY = "Atkinson"
FONT_FILES = {
    FAMILY: "AtkinsonHyperlegible-Regular.ttf",
    f"{FAMILY}-Bold": "AtkinsonHyperlegible-Bold.ttf",
    f"{FAMILY}-Italic": "AtkinsonHyperlegible-Italic.ttf",
}
# The handouts never set bold italic; loading a fourth face would cost every cold start.
# The file stays in fonts/ for a clinic that wants it.
PAGE_SIZES = {"Letter": LETTER, "A4": A4}
# The fonts we ship, by content: a damaged file may still open and then fail as a PDF embeds
# it, so a font is checked whole before it is used (README: Limits).
SHIPPED = {
    "AtkinsonHyperlegible-Regular.ttf":
        "7fb917c89019896d0b52ee84b7cbb3304c18cb90b19a62f5e32712bd23e97669",
    "AtkinsonHyperlegible-Bold.ttf":
        "5a3b0c8cc8ca545155150b4512a1fa248298df121c50d6557e651e61fbdab92f",
    "AtkinsonHyperlegible-Italic.ttf":
        "021beda4d3c6edfc78872e436d74009f9a1bcb294331908fe5747c61d3dcc514",
    "DejaVuSans.ttf": "abdc775b21b1bc470d50c97e790d276f2054b7504e56e5bd3e64f48d68582322",
    "DejaVuSans-Bold.ttf": "0d977336a6d5fba34eab8e3199eb218327161b5143749f802982c2bc34df0c96",
}


def load_font(name: str, path: Path, index: int = 0):
    """A reportlab TTFont from ``path``; HandoutError, one line, if it is missing or damaged."""
    import hashlib

    from handouts.render.fonts import font_class

    try:
        data = path.read_bytes()
    except OSError:
        raise HandoutError(Problem(Location(str(path)), "font file missing or unreadable; "
                                   "the PDFs embed it: put it back from the project's fonts/"))
    expected = SHIPPED.get(path.name) if path.parent == FONT_DIR else None
    if expected and hashlib.sha256(data).hexdigest() != expected:
        raise HandoutError(Problem(Location(str(path)), "damaged: it is not the font file the "
                                   "project ships; put a good copy back from its fonts/"))
    try:
        return font_class()(name, str(path), subfontIndex=index)
    except Exception:  # reportlab raises TTFError, struct.error, IndexError ...
        raise HandoutError(Problem(Location(str(path)), "cannot be read as a font (it is "
                                   "damaged, or no TrueType font); use another font file")
                           ) from None


@functools.cache
def register_fonts(font_dir: Path = FONT_DIR) -> str:
    """Register the embedded fonts with reportlab; returns the family name."""
    from reportlab.pdfbase import pdfmetrics

    for name, file in FONT_FILES.items():
        pdfmetrics.registerFont(load_font(name, font_dir / file))
    pdfmetrics.registerFontFamily(FAMILY, normal=FAMILY, bold=f"{FAMILY}-Bold",
                                  italic=f"{FAMILY}-Italic", boldItalic=f"{FAMILY}-Bold")
    return FAMILY


def font_problems() -> list[tuple[Path, str]]:
    """(file, what is wrong) for each font that is missing or cannot be read."""
    import hashlib

    found = []
    for file in SHIPPED:
        try:
            if hashlib.sha256((FONT_DIR / file).read_bytes()).hexdigest() == SHIPPED[file]:
                # the very bytes the project ships, which read as a font: reading them
                # (0.1 s for the five) told nothing, at every `check`
                continue
        except OSError:
            pass  # said by load_font
        try:
            load_font(file, FONT_DIR / file)
        except HandoutError as exc:
            found.extend((Path(p.location.file or FONT_DIR), p.message) for p in exc.problems)
    return found


@dataclass(frozen=True)
class Space:
    xs: float
    sm: float
    md: float
    lg: float
    xl: float


@dataclass(frozen=True)
class Theme:
    layout: str
    page_size: tuple[float, float]
    margin: float
    footer_height: float
    body_size: float
    space: Space
    primary: colors.Color
    accent: colors.Color
    ink: colors.Color
    muted: colors.Color
    rule: colors.Color
    tint: colors.Color
    styles: dict[str, ParagraphStyle]
    image_width: float  # the illustration's width on an exercise card
    image_height: float
    card_per_page: bool
    # the size a figure's words print at, at least: a standard card's picture prints them at
    # about 8 pt, and a smaller picture (compact, a card set tighter) draws them larger for
    # its size rather than letting them shrink with it (see figure_keys.words_scale_for)
    figure_words: float = 8.0
    # the size a figure's words and frame numbers never print below, however small the
    # page makes the picture: large print's readers (14 pt text) cannot read its words at
    # 8 to 11 pt, where a full page shrank the picture (see figure_keys.least_scale_for)
    figure_words_least: float = 0.0
    # a bilingual handout's second language in grey italics, to tell the two apart; large
    # print sets everything in upright black (low-vision readers lose grey and italics)
    quiet_second_language: bool = True
    # the page mirrored for a handout whose every language is written right to left: its
    # paragraphs (their styles say ``mirrored``) start at the right, cards and tables run
    # from the right (see mirror.py)
    rtl: bool = False
    # what ``theme_for`` made it from: the per-process caches key a block laid out in it by
    # this, not by the object's id, which a theme given up and a new one may share
    key: tuple = ()
    # the share of the space between a card's sections it is set with: 1, or less where it is
    # set snug to fit its page (see snug)
    snug: float = 1.0

    @property
    def under(self) -> float:
        """The space under a card's picture row and its dose box: ``space.sm``; set snug, as
        little as ``space.xs`` (half of it)."""
        return self.space.xs * (1 + self.snug)

    @property
    def frame_width(self) -> float:
        return self.page_size[0] - 2 * self.margin

    @property
    def frame_height(self) -> float:
        return self.page_size[1] - 2 * self.margin - self.footer_height

    def style(self, name: str) -> ParagraphStyle:
        return self.styles[name]

    @functools.cached_property
    def figure_colours(self) -> tuple[str, str]:
        """The primary and accent colours as "#rrggbb", as a figure file's props and arrows
        take them: asked for every picture of every packet, and slow to write out."""
        return "#" + self.primary.hexval()[2:], "#" + self.accent.hexval()[2:]


_SIZES = {
    #             body  h1   h2   h3   footer image(w,h in inch)   per-page
    "standard":    (13, 26, 19, 16, 10, (2.3, 1.6), False),
    "compact":     (11, 22, 16, 13.5, 10, (1.15, 0.85), False),
    "large_print": (18, 32, 24, 21, 14, (4.2, 3.0), True),
}


# themes kept per process, by what each is made from: a clinic that edits its colours, or a
# web app that serves several clinics' colours for months, makes a new one each time
_themes: dict[tuple, Theme] = {}
THEMES = 32


def theme_for(layout: str, page_size: str = "Letter", primary: str = "#0b6e75",
              accent: str = "#b35900", text: str = "#1f2328", rtl: bool = False) -> Theme:
    key = (layout, page_size, primary, accent, text, rtl)
    found = kept_found(_themes, key)
    if found is None:
        found = _made(*key)
        keep(_themes, key, found, THEMES)
    return found


def _made(layout: str, page_size: str, primary: str, accent: str, text: str,
          rtl: bool) -> Theme:
    register_fonts()
    body, h1, h2, h3, footer, (iw, ih), per_page = _SIZES[layout]
    ink = colors.HexColor(text)
    main = colors.HexColor(primary)
    warn = colors.HexColor(accent)
    large = layout == "large_print"
    # large print: no grey and no italics anywhere, and nothing smaller than the body text
    muted = ink if large else colors.HexColor("#4a525a")
    italic = FAMILY if large else f"{FAMILY}-Italic"
    # small print never under 12 pt, nor under the body where that is smaller (compact's 11)
    small = body if large else max(min(12, body), body - 1)
    lead = 1.35
    unit = body * 0.5
    space = Space(xs=unit * 0.5, sm=unit, md=unit * 2, lg=unit * 3, xl=unit * 5)
    # no widows and no orphans: a paragraph split across pages leaves two lines on each
    base = ParagraphStyle("body", fontName=FAMILY, fontSize=body, leading=body * lead,
                          textColor=ink, spaceAfter=space.sm * 0.6, alignment=TA_LEFT,
                          allowWidows=0, allowOrphans=0, mirrored=rtl)

    def derive(name: str, **kw) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **kw)

    styles = {
        "body": base,
        "body_tight": derive("body_tight", spaceAfter=0),
        # what the program is for, under whose it is (page 1's title)
        "program_purpose": derive("program_purpose", spaceBefore=space.xs, spaceAfter=0),
        # a step, caution or tip on a card: a list's items closer than paragraphs
        "item": derive("item", leading=body * (1.2 if layout == "compact" else 1.3),
                       spaceAfter=0 if layout == "compact" else space.xs * 0.5),
        "lead": derive("lead", fontSize=body + 1, leading=(body + 1) * lead),
        "h1": derive("h1", fontName=f"{FAMILY}-Bold", fontSize=h1, leading=h1 * 1.15,
                     textColor=ink, spaceAfter=space.xs),
        "subtitle": derive("subtitle", fontSize=h3, leading=h3 * 1.25, textColor=muted,
                           spaceAfter=space.sm),
        "h2": derive("h2", keepWithNext=1, fontName=f"{FAMILY}-Bold", fontSize=h2, leading=h2 * 1.2,
                     textColor=main, spaceBefore=space.md, spaceAfter=space.sm),
        # the summary's heading on page 1, where every line of room counts
        "h2_first": derive("h2_first", keepWithNext=1, fontName=f"{FAMILY}-Bold", fontSize=h2,
                           leading=h2 * 1.2, textColor=main, spaceBefore=space.sm,
                           spaceAfter=space.xs),
        "h3": derive("h3", keepWithNext=1, fontName=f"{FAMILY}-Bold", fontSize=h3, leading=h3 * 1.2,
                     textColor=ink, spaceBefore=space.sm, spaceAfter=space.xs),
        "card_title": derive("card_title", keepWithNext=1, fontName=f"{FAMILY}-Bold", fontSize=h3,
                             leading=h3 * 1.2,
                             # compact: the dose line's tinted box under it sets it apart
                             spaceAfter=space.xs * (0.5 if layout == "compact" else 1)),
        "label": derive("label", keepWithNext=1, fontName=f"{FAMILY}-Bold", fontSize=body, textColor=main,
                        spaceBefore=space.xs, spaceAfter=space.xs * 0.5),
        "warn_label": derive("warn_label", keepWithNext=1, fontName=f"{FAMILY}-Bold", fontSize=body,
                             textColor=warn, spaceBefore=space.xs, spaceAfter=space.xs * 0.5),
        "dose": derive("dose", fontName=f"{FAMILY}-Bold", fontSize=body + 1,
                       leading=(body + 1) * lead, spaceAfter=0),
        # compact's one line of dose: bold throughout, the labels in the brand colour
        "dose_line": derive("dose_line", fontName=f"{FAMILY}-Bold", spaceAfter=0),
        "purpose": derive("purpose", fontName=italic, spaceAfter=space.xs),
        "caption": derive("caption", fontName=italic, fontSize=small, leading=small * 1.3,
                          textColor=muted, spaceAfter=0),
        "cell": derive("cell", spaceAfter=0),
        # a topic table's number between a column's Hebrew and English (render/topic_table)
        "cell_centred": derive("cell_centred", spaceAfter=0, alignment=TA_CENTER),
        "cell_bold": derive("cell_bold", fontName=f"{FAMILY}-Bold", spaceAfter=0),
        "cell_bold_centred": derive("cell_bold_centred", fontName=f"{FAMILY}-Bold",
                                    spaceAfter=0, alignment=TA_CENTER),
        "clinic_name": derive("clinic_name", fontName=f"{FAMILY}-Bold", fontSize=h2,
                              leading=h2 * 1.15, textColor=main, spaceAfter=0),
        "tagline": derive("tagline", textColor=muted, spaceAfter=0),
        # the contact lines closer, where page 1 needs the room for the patient's name
        "tagline_close": derive("tagline_close", textColor=muted, spaceAfter=0,
                                leading=body * 1.2),
        "phone_label": derive("phone_label", alignment=TA_RIGHT, spaceAfter=0),
        "phone": derive("phone", fontName=f"{FAMILY}-Bold", fontSize=h2 + 2,
                        leading=(h2 + 2) * 1.15, alignment=TA_RIGHT, textColor=ink,
                        spaceAfter=0),
        "safety_head": derive("safety_head", fontName=f"{FAMILY}-Bold", fontSize=h3,
                              leading=h3 * 1.2, textColor=ink, spaceAfter=space.xs),
        "safety_call": derive("safety_call", fontName=f"{FAMILY}-Bold", fontSize=h3,
                              leading=h3 * 1.2, spaceBefore=space.xs, spaceAfter=0),
        "small": derive("small", fontSize=small, leading=small * 1.3, textColor=muted),
        "footer": derive("footer", fontSize=footer, leading=footer * 1.25, textColor=muted),
        "placeholder": derive("placeholder", textColor=muted, alignment=1),
    }
    return Theme(
        layout=layout, page_size=PAGE_SIZES[page_size], margin=0.6 * inch if
        layout != "large_print" else 0.65 * inch,
        footer_height=footer * (4.5 if layout == "large_print" else 3.2),
        body_size=body, space=space, primary=main, accent=warn, ink=ink, muted=muted,
        # the pale boxes: the mix that readable() holds the primary's labels to 4.5:1 against
        rule=colors.HexColor("#b8c0c7"), tint=colors.Color(*tinted(main.rgb())), styles=styles,
        image_width=iw * inch, image_height=ih * inch,
        card_per_page=per_page, figure_words=12.0 if large else 8.0,
        figure_words_least=12.0 if large else 0.0,
        quiet_second_language=not large, rtl=rtl,
        key=(layout, page_size, primary, accent, text, rtl))


# a card's styles whose space before and after parts its sections (see snug)
_SECTIONS = ("card_title", "purpose", "label", "warn_label", "item", "body")
_snug: dict[tuple, Theme] = {}


def snug(theme: Theme, room: float) -> Theme:
    """``theme`` with ``room`` times the space above and below a card's title, labels,
    steps and paragraphs (half, or none), less under its picture row and dose box
    (``under``), the type its size: what large print's exercise
    that misses its page by a few lines is set in, to fit it whole (see
    continuation.page_card), as page 1's summary is set snug."""
    key = (*theme.key, "snug", room)
    found = kept_found(_snug, key)
    if found is None:
        styles = dict(theme.styles)
        for name in _SECTIONS:
            style = styles[name].clone(f"{name}-snug-{room}")
            style.spaceBefore, style.spaceAfter = (style.spaceBefore * room,
                                                   style.spaceAfter * room)
            styles[name] = style
        found = replace(theme, styles=styles, key=key, snug=room)
        keep(_snug, key, found, THEMES)
    return found
