"""What names a figure file's drawing, known without the figure engine (a cold build whose
drawings are cached does not load it): in a PDF, the file, the colours, the languages, and
the shape of the box it is printed in, coarsely; in the drawing cache, the engine's code
and fonts too. And how many frames it has, which decides the box large print draws it
for (see large_picture)."""

from __future__ import annotations

import functools
import hashlib
import math
import os
import unicodedata
from pathlib import Path

from handouts import typefaces
from handouts.input import digests
from handouts.render.theme import FONT_DIR


class Unreadable(Exception):
    """The figure file cannot be read; the message says why."""


# figures.svg.BOX, the shape a figure is drawn for, and figures.marks.TEXT_PX, its words'
# size in that box's pixels (here: importing the engine would cost a cold build more than
# the cache saves)
FIGURE_BOX = (400.0, 282.0)
FIGURE_TEXT_PX = 19.0
# figures.svg's frame numbers, in the same pixels at the standard size: a little smaller
# than its words, so a floor on what prints is a floor on them
FIGURE_NUMBER_PX = 18.0
MOST_LEAST = 3.0  # least_scale_for's largest: a picture at its smallest in large print


def stretch_for(max_w: float, max_h: float) -> float:
    """How many times as tall as the figure engine's box (for its width) a figure's printed
    box is, in quarters from 1 to 3: an ``auto`` figure chooses how its frames stand for it.
    Coarse, so each layout has a handful of drawings per figure, not one per point."""
    tall = (max_h / max_w) / (FIGURE_BOX[1] / FIGURE_BOX[0]) if max_w > 0 else 1.0
    return min(3.0, max(1.0, round(tall * 4) / 4))


def words_scale_for(max_w: float, words_pt: float | None) -> float:
    """How many times their standard size (for the figure) the engine draws a picture's
    words and frame numbers, so that in a box ``max_w`` points wide its words print at
    ``words_pt``: a compact card's picture is half as wide as a standard one's, and would
    print them at 4 pt. Never below the standard; at most 2.5 times, so the person stays
    the largest thing in the picture. In quarters, like ``stretch_for``."""
    if not words_pt or max_w <= 0:
        return 1.0
    wanted = words_pt / FIGURE_TEXT_PX / (max_w / FIGURE_BOX[0])
    return min(2.5, max(1.0, round(wanted * 4) / 4))


def least_scale_for(max_w: float, max_h: float, least_pt: float | None) -> float:
    """How many times their standard size a picture's words and frame numbers are drawn
    so that none prints smaller than ``least_pt`` in a box ``max_w`` by ``max_h`` points;
    0 where none is asked for. The drawing fills its box's width or its height
    (``stretch_for``: 400 pixels wide, or as tall as the box it is drawn for), so a pixel
    prints at least the smaller of the two ratios. Rounded up (a floor, not "about") to a
    twentieth: a quarter could draw them a fifth larger than needed, the person smaller
    for nothing.

    Under 1 where the standard size prints them larger, and asked all the same: a word the
    engine fits to its room, in a drawing fitted to its box, may come out a tenth under
    the standard (the wall stretch's "30–60 cm / 1–2 ft" at 0.91 of it, 11.8 pt where 12
    was asked, its numbers at 12.2), and the engine draws it larger where it does
    (figures.svg.layout)."""
    if not least_pt or max_w <= 0 or max_h <= 0:
        return 0.0
    pixel = min(max_w / FIGURE_BOX[0],
                max_h / (FIGURE_BOX[1] * stretch_for(max_w, max_h)))
    wanted = least_pt / FIGURE_NUMBER_PX / pixel
    return min(MOST_LEAST, math.ceil(wanted * 20 - 1e-9) / 20)


@functools.lru_cache(maxsize=256)
def made_keys(path: str, stamp: tuple[int, int], colours: tuple[str, str],
              languages: tuple[str, ...], stretch: float,
              words_scale: float | tuple[float, float] = 1.0,
              rtl: bool = False, mirrored: tuple[int, ...] = ()) -> tuple[str, str]:
    """Two names of the drawing. Its ``name``: what the patient sees it made from (the
    file, colours, languages, the box's shape and size: they decide how the frames
    stand and how large the words are, and the page's direction: which way they read; and
    the frames mirrored to show the patient's other side); it names the drawing's form in a
    PDF, and the drawing kept in a process. And its ``stored`` name in the drawing cache on disk, which
    adds what draws it: the engine's code and the fonts its words are drawn in, so that an
    update draws it again, while a drawing that comes out the same is the same bytes in the
    PDF (a reprint after an update that changed an error message is the PDF issued).
    ``words_scale`` may be (the words' size, the least the engine may draw them: see
    least_scale_for)."""
    words_scale, words_least = (words_scale if isinstance(words_scale, tuple)
                                else (words_scale, None))
    content = _content(path, *stamp)
    seen = [content, colours[0].encode(), colours[1].encode(), ",".join(languages).encode()]
    drawn_by = [_engine_digest(), *filter(None, [_fonts_for(content)])]
    # a standard box (stretch and words scale 1) on a left-to-right page keeps the key it
    # had: the cache of every standard handout stays warm
    box = [*([b"stretch %.2f" % stretch] if stretch != 1 else []),
           *([b"words %.2f" % words_scale] if words_scale != 1 else []),
           *([b"least %.2f" % words_least] if words_least is not None else []),
           *([b"rtl"] if rtl else []),
           *([b"mirrored " + ",".join(map(str, mirrored)).encode()] if mirrored else [])]
    return ("f" + hashlib.sha1(b"|".join([*seen, *box])).hexdigest()[:11],
            "f" + hashlib.sha1(b"|".join([*seen, *drawn_by, *box])).hexdigest()[:11])


@functools.lru_cache(maxsize=256)
def _content(path: str, mtime: int, size: int) -> bytes:
    """The figure file as it is at that time and size: read once, where a card names its
    drawing for each box it tries (made_keys is kept per box)."""
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise Unreadable(f"cannot read it: {exc.strerror}") from None


def key(path: Path, colours: tuple[str, str], languages: tuple[str, ...],
        mirrored: tuple[int, ...] = ()) -> str:
    """What a figure file's drawings are made from (not the box they are laid out for),
    without drawing it: a card whose picture box depends on its text is named by this (by
    the drawing's ``name``: see made_keys).
    Unreadable if the file cannot be read."""
    name = os.fspath(path)
    try:
        stat = os.stat(name)
    except OSError as exc:
        raise Unreadable(f"cannot read it: {exc.strerror}") from None
    return made_keys(name, (stat.st_mtime_ns, stat.st_size), tuple(colours),
                     tuple(languages), 1.0, mirrored=mirrored)[0]


def frame_count(path: Path | str) -> int:
    """How many frames the figure file at ``path`` has, read from its YAML alone; 0 where
    it cannot be read or has no list of frames (drawing it reports why)."""
    name = os.fspath(path)
    try:
        stat = os.stat(name)
    except OSError:
        return 0
    return _frame_count(name, stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=256)
def _frame_count(path: str, mtime: int, size: int) -> int:
    import yaml  # here, not at the top: importing the package loads no YAML parser

    try:
        data = yaml.load(Path(path).read_bytes(), Loader=getattr(yaml, "CSafeLoader",
                                                                   yaml.SafeLoader))
    except (OSError, yaml.YAMLError):
        return 0
    frames = data.get("frames") if isinstance(data, dict) else None
    return len(frames) if isinstance(frames, list) else 0


@functools.cache
def _engine_digest() -> bytes:
    """The figure engine's code and the fonts it ships its words in (read as files: importing
    the engine would cost a cold build more than the cache saves)."""
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha1()
    for source in [*sorted((package / "figures").glob("*.py")), package / "typefaces.py"]:
        digest.update(source.read_bytes())
    for font in ("AtkinsonHyperlegible-Bold.ttf", "DejaVuSans-Bold.ttf"):  # lettering's
        # by their SHA-256 kept in the cache folder: hashing the fonts' 760 KB was 0.5 % of
        # every cold build, for files that change only with an update
        kept = digests.file_digest(FONT_DIR / font)
        digest.update(kept.encode() if kept else (FONT_DIR / font).read_bytes())
    return digest.hexdigest().encode()


def _fonts_for(content: bytes) -> bytes:
    """For a figure file with letters beyond Latin (Greek, Hebrew, Devanagari …): the font
    files this machine would draw each in, first found (so installing a font, or naming one
    in HANDOUTS_FONTS, draws the words again). Nothing for the rest: their key stays."""
    if content.isascii():
        return b""
    letters = sorted({c for c in content.decode("utf-8", "replace")
                      if ord(c) > 0x24F and unicodedata.category(c)[0] in "LM"})
    if not letters:
        return b""
    return ("fonts " + "|".join(str(next(iter(typefaces.candidates(ord(c))), ""))
                                for c in letters)).encode()
