"""Fonts, named styles, colours and the spacing scale. Branding is data: colours come from
clinic.yaml; sizes come from the layout (standard, compact, large print).

Fonts are registered by ``register_fonts()``, once per process, never at import.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch

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


@functools.cache
def register_fonts(font_dir: Path = FONT_DIR) -> str:
    """Register the embedded fonts with reportlab; returns the family name."""
    from reportlab.pdfbase import pdfmetrics

    from handouts.render.fonts import font_class

    for name, file in FONT_FILES.items():
        pdfmetrics.registerFont(font_class()(name, str(font_dir / file)))
    pdfmetrics.registerFontFamily(FAMILY, normal=FAMILY, bold=f"{FAMILY}-Bold",
                                  italic=f"{FAMILY}-Italic", boldItalic=f"{FAMILY}-Bold")
    return FAMILY


def font_problems() -> list[tuple[Path, str]]:
    """(file, what is wrong) for each font that is missing or cannot be read."""
    from reportlab.pdfbase.ttfonts import TTFError

    missing = [(FONT_DIR / f, "font file missing; the PDFs embed it")
               for f in FONT_FILES.values() if not (FONT_DIR / f).is_file()]
    if missing:
        return missing
    try:
        register_fonts()
    except TTFError as exc:
        return [(FONT_DIR, f"a font cannot be read: {exc}")]
    return []


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
    cards_per_row: int
    card_per_page: bool

    @property
    def frame_width(self) -> float:
        return self.page_size[0] - 2 * self.margin

    @property
    def frame_height(self) -> float:
        return self.page_size[1] - 2 * self.margin - self.footer_height

    def style(self, name: str) -> ParagraphStyle:
        return self.styles[name]


def _tint(color: colors.Color, amount: float) -> colors.Color:
    """Mix ``color`` with white: a light background that prints as a pale grey."""
    return colors.Color(*(c + (1 - c) * amount for c in (color.red, color.green, color.blue)))


_SIZES = {
    #             body  h1   h2   h3   footer image(w,h in inch)   per-row  per-page
    "standard":    (13, 26, 19, 16, 10, (2.55, 1.8), 1, False),
    "compact":     (12, 24, 17, 14.5, 10, (2.6, 1.75), 2, False),
    "large_print": (17, 32, 24, 21, 13, (4.2, 3.0), 1, True),
}


@functools.cache
def theme_for(layout: str, page_size: str = "Letter", primary: str = "#0b6e75",
              accent: str = "#b35900", text: str = "#1f2328") -> Theme:
    register_fonts()
    body, h1, h2, h3, footer, (iw, ih), per_row, per_page = _SIZES[layout]
    ink = colors.HexColor(text)
    main = colors.HexColor(primary)
    warn = colors.HexColor(accent)
    muted = colors.HexColor("#4a525a")
    lead = 1.35
    unit = body * 0.5
    space = Space(xs=unit * 0.5, sm=unit, md=unit * 2, lg=unit * 3, xl=unit * 5)
    base = ParagraphStyle("body", fontName=FAMILY, fontSize=body, leading=body * lead,
                          textColor=ink, spaceAfter=space.sm * 0.6, alignment=TA_LEFT)

    def derive(name: str, **kw) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **kw)

    styles = {
        "body": base,
        "body_tight": derive("body_tight", spaceAfter=0),
        "lead": derive("lead", fontSize=body + 1, leading=(body + 1) * lead),
        "h1": derive("h1", fontName=f"{FAMILY}-Bold", fontSize=h1, leading=h1 * 1.15,
                     textColor=ink, spaceAfter=space.xs),
        "subtitle": derive("subtitle", fontSize=h3, leading=h3 * 1.25, textColor=muted,
                           spaceAfter=space.sm),
        "h2": derive("h2", keepWithNext=1, fontName=f"{FAMILY}-Bold", fontSize=h2, leading=h2 * 1.2,
                     textColor=main, spaceBefore=space.md, spaceAfter=space.sm),
        "h3": derive("h3", keepWithNext=1, fontName=f"{FAMILY}-Bold", fontSize=h3, leading=h3 * 1.2,
                     textColor=ink, spaceBefore=space.sm, spaceAfter=space.xs),
        "card_title": derive("card_title", keepWithNext=1, fontName=f"{FAMILY}-Bold", fontSize=h3,
                             leading=h3 * 1.2, spaceAfter=space.xs),
        "label": derive("label", keepWithNext=1, fontName=f"{FAMILY}-Bold", fontSize=body, textColor=main,
                        spaceBefore=space.xs, spaceAfter=space.xs * 0.5),
        "warn_label": derive("warn_label", keepWithNext=1, fontName=f"{FAMILY}-Bold", fontSize=body,
                             textColor=warn, spaceBefore=space.xs, spaceAfter=space.xs * 0.5),
        "dose": derive("dose", fontName=f"{FAMILY}-Bold", fontSize=body + 1,
                       leading=(body + 1) * lead, spaceAfter=0),
        "purpose": derive("purpose", fontName=f"{FAMILY}-Italic", spaceAfter=space.xs),
        "caption": derive("caption", fontName=f"{FAMILY}-Italic", fontSize=max(12, body - 1),
                          leading=max(12, body - 1) * 1.3, textColor=muted, spaceAfter=0),
        "cell": derive("cell", spaceAfter=0),
        "cell_bold": derive("cell_bold", fontName=f"{FAMILY}-Bold", spaceAfter=0),
        "clinic_name": derive("clinic_name", fontName=f"{FAMILY}-Bold", fontSize=h2,
                              leading=h2 * 1.15, textColor=main, spaceAfter=0),
        "tagline": derive("tagline", textColor=muted, spaceAfter=0),
        "phone_label": derive("phone_label", alignment=TA_RIGHT, spaceAfter=0),
        "phone": derive("phone", fontName=f"{FAMILY}-Bold", fontSize=h2 + 2,
                        leading=(h2 + 2) * 1.15, alignment=TA_RIGHT, textColor=ink,
                        spaceAfter=0),
        "safety_head": derive("safety_head", fontName=f"{FAMILY}-Bold", fontSize=h3,
                              leading=h3 * 1.2, textColor=ink, spaceAfter=space.xs),
        "safety_call": derive("safety_call", fontName=f"{FAMILY}-Bold", fontSize=h3,
                              leading=h3 * 1.3, spaceBefore=space.sm, spaceAfter=0),
        "small": derive("small", fontSize=max(12, body - 1), leading=max(12, body - 1) * 1.3,
                        textColor=muted),
        "footer": derive("footer", fontSize=footer, leading=footer * 1.25, textColor=muted),
        "placeholder": derive("placeholder", textColor=muted, alignment=1),
    }
    return Theme(
        layout=layout, page_size=PAGE_SIZES[page_size], margin=0.6 * inch if
        layout != "large_print" else 0.65 * inch,
        footer_height=footer * (4.5 if layout == "large_print" else 3.2),
        body_size=body, space=space, primary=main, accent=warn, ink=ink, muted=muted,
        rule=colors.HexColor("#b8c0c7"), tint=_tint(main, 0.9), styles=styles,
        image_width=iw * inch, image_height=ih * inch, cards_per_row=per_row,
        card_per_page=per_page)
