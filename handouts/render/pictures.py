"""Exercise pictures: loaded once per process, drawn once per document, placed by name.

An SVG becomes a reportlab Drawing (svglib) and is written into each PDF once, as a form
XObject, however many times the document shows it (see forms) — a merged print packet of 500
patients carries each drawing once. The PDF operators of a drawing are also kept on disk (see
picture_cache), keyed by the SVG's content, so that a new process — a cold ``build`` at the
end of a visit — neither imports svglib nor parses the SVGs again. A clinic's own PNG or
JPEG photo is downscaled (see photos) to at most ``MAX_DPI`` at its printed size and
re-encoded once, so a handout stays small; the result is kept on disk too (named after the
photo's content, the size asked and the Pillow version), so a new process does not decode
the photo again. A figure file (``*.figure.yaml``, see handouts.figures) is drawn to SVG in
the clinic's colours and then goes the SVG's way: the same figure and colours give the same
SVG, so its operators come from the same cache entry.
"""

from __future__ import annotations

import functools
import hashlib
import io
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from reportlab.platypus import Flowable

from handouts.render import (figure_keys, figure_sides, figure_words, forms, photos,
                             picture_cache, replay, svgs)
from handouts.kept import found as kept_found
from handouts.kept import keep

RASTER_SUFFIXES = photos.SUFFIXES
VECTOR_SUFFIXES = (".svg",)


class PictureError(Exception):
    """A picture that cannot be used; the message says why, in a person's words. A figure
    file's problem also says where in that file: its ``line`` and ``place`` (the key's
    path)."""

    def __init__(self, message: str, line: int | None = None, place: str = "") -> None:
        super().__init__(message)
        self.line, self.place = line, place

    def at(self, name: Path | str) -> str:
        """The problem as one line after the picture's name: ``name:4: frames[1].pose: ...``
        for a figure file's, as every file's problems read, else ``name: ...``."""
        from handouts.errors import Location, Problem

        return str(Problem(Location(str(name), self.line, self.place), str(self)))


@dataclass(frozen=True)
class Vector:
    drawing: object  # reportlab Drawing; None when its operators came from the disk cache
    width: float
    height: float
    key: str
    # a figure only measured so far (its size from the cache): makes the Vector with its
    # drawing, should it be drawn after all
    make: Callable[[], "Vector"] | None = field(default=None, compare=False, repr=False)
    facts: tuple = field(default=(), compare=False)  # a clinic's SVG's: see svgs.facts
    # a figure's words with no version in the handout's languages: see figure_words
    words: tuple = field(default=(), compare=False)
    # a figure's frames as drawn: each one's box (x, y, width, height) as a share of the
    # drawing's width and height, from its SVG; large print compares two drawings by them
    frames: tuple = field(default=(), compare=False)
    # its name in the drawing cache on disk: ``key`` (the name of its form in a PDF) but
    # for a figure's, whose drawing also depends on the figure engine (see
    # figure_keys.made_keys)
    stored: str = ""

    def __post_init__(self) -> None:
        if not self.stored:
            object.__setattr__(self, "stored", self.key)


@dataclass(frozen=True)
class Raster:
    data: bytes  # JPEG or PNG, already downscaled
    width: float  # pixels
    height: float
    key: str


def load(path: Path, max_width_pt: float, max_height_pt: float,
         colours: tuple[str, str] = ("#0b6e75", "#b35900"),
         languages: tuple[str, ...] = ("en",),
         words_pt: float | tuple[float, float | None] | None = None,
         rtl: bool = False, side: str | None = None) -> Vector | Raster:
    """The picture at ``path``, ready to draw at most this big; PictureError if unusable.
    ``colours`` (primary, accent) colour the props and arrows of a figure file, and its
    words are in the handout's ``languages``, printed at about ``words_pt`` where the box is
    smaller than a standard card's picture (see figure_keys.words_scale_for), or given
    (about, least), never below ``least`` (see figure_keys.least_scale_for); its frames
    read from the right on a page that does (``rtl``: the theme's), and those that show
    the person's other side than ``side`` ("left", "right": the patient's) mirrored."""
    # asked for every picture of every packet (a file may change under a running web app,
    # so it is looked at each time): a plain os.stat, no Path made and parsed
    name = os.fspath(path)
    try:
        stat = os.stat(name)
    except FileNotFoundError:
        raise PictureError("file not found") from None
    except OSError as exc:
        raise PictureError(f"cannot read it: {exc.strerror}") from None
    if is_figure(name):
        about, least_pt = words_pt if isinstance(words_pt, tuple) else (words_pt, None)
        words = figure_keys.words_scale_for(max_width_pt, about)
        least = figure_keys.least_scale_for(max_width_pt, max_height_pt, least_pt)
        return _figure(name, (stat.st_mtime_ns, stat.st_size), tuple(colours), tuple(languages),
                       figure_keys.stretch_for(max_width_pt, max_height_pt),
                       (max(least, words), least) if least else words, rtl,
                       figure_sides.mirrored(name, side))
    suffix = os.path.splitext(name)[1].lower()
    if suffix in VECTOR_SUFFIXES:
        return _vector(name, stat.st_mtime_ns, stat.st_size)
    if suffix in RASTER_SUFFIXES:
        return _raster(name, stat.st_mtime_ns, stat.st_size,
                       round(max_width_pt), round(max_height_pt))
    raise PictureError(photos.wrong_type(suffix, os.path.basename(name)))


def figure_key(path: Path, colours: tuple[str, str], languages: tuple[str, ...],
               side: str | None = None) -> str:
    """What a figure file's drawings are made from, whatever box they are laid out for,
    without drawing it (see figure_keys.key); PictureError if it cannot be read."""
    try:
        return figure_keys.key(path, colours, languages, figure_sides.mirrored(path, side))
    except figure_keys.Unreadable as exc:
        raise PictureError(str(exc)) from None


def cached_vector(key: str, stored: str, make: Callable[[], Vector] | None = None,
                  ) -> Vector | None:
    """The drawing ``key`` kept on disk as ``stored`` (see Vector.stored): its operators, or
    (given ``make``) its size alone, where an earlier process only measured it. ``make``
    draws it should its operators be given up (forms.OPERATORS) and gone from the disk too
    by the time it is drawn."""
    kept = picture_cache.kept_drawing(stored)
    if kept is None or (kept["ops"] is not None and forms.per_document(kept["ops"])):
        return None
    if kept["ops"] is None:
        return Vector(None, kept["width"], kept["height"], key, make=make,
                      words=kept["words"], frames=kept["frames"], stored=stored) if make else None
    forms.keep_operators(key, kept["ops"])
    return Vector(None, kept["width"], kept["height"], key, make=make, facts=kept["facts"],
                  words=kept["words"], frames=kept["frames"], stored=stored)


def unsaved_drawings() -> dict[Path, bytes]:
    """The cache files (path → content) of drawings and photos made since the last call."""
    return picture_cache.unsaved_drawings()


@functools.lru_cache(maxsize=256)
def _vector(path: str, mtime: int, size: int) -> Vector:
    try:
        content = Path(path).read_bytes()
    except OSError as exc:
        raise PictureError(f"cannot read it: {exc.strerror}") from None
    key = hashlib.sha1(content).hexdigest()[:12]
    made = cached_vector(key, key, functools.partial(_read_again, path, key)) \
        or _parsed_vector(content, key)
    return made if made.drawing is None else replace(made, facts=svgs.facts(content, made.drawing))


def _read_again(path: str, key: str) -> Vector:
    """The SVG file at ``path`` parsed, as its content ``key`` was (its operators given up
    since it was loaded: see cached_vector); PictureError if it has changed since."""
    try:
        content = Path(path).read_bytes()
    except OSError as exc:
        raise PictureError(f"cannot read it: {exc.strerror}") from None
    if hashlib.sha1(content).hexdigest()[:12] != key:
        raise PictureError("it changed while the handout was made; make it again")
    return _parsed_vector(content, key)


def is_figure(path: Path | str) -> bool:
    # handouts.figures.is_figure, without loading the figure engine on a cold build
    return str(path).lower().endswith(".figure.yaml")


def figure_svg(path: str, primary: str, accent: str,
               languages: tuple[str, ...] = ("en",), stretch: float = 1.0,
               words_scale: float | tuple[float, float] = 1.0, rtl: bool | None = None,
               mirrored: tuple[int, ...] = ()) -> str:
    """A figure file drawn as SVG text for a box ``stretch`` times as tall as the standard
    one, its words and frame numbers ``words_scale`` times their standard size (see
    figure_keys.stretch_for and words_scale_for; or (that, the least: least_scale_for)),
    its frames read from the right where ``rtl``, the ``mirrored`` ones as in a mirror
    (see figures.render); PictureError naming its first problem."""
    return _drawn_figure(path, primary, accent, languages, stretch, words_scale, rtl,
                         mirrored)[0]


def _drawn_figure(path: str, primary: str, accent: str, languages: tuple[str, ...],
                  stretch: float = 1.0, words_scale: float | tuple[float, float] = 1.0,
                  rtl: bool | None = None, mirrored: tuple[int, ...] = ()
                  ) -> tuple[str, tuple[figure_words.FellBack, ...]]:
    """``figure_svg``, and the words it printed in another language than the handout's."""
    from handouts.errors import HandoutError
    from handouts.figures import load_figure, render

    try:
        figure = load_figure(path)
    except HandoutError as exc:
        problem = exc.problems[0]
        raise PictureError(problem.message, problem.location.line, problem.location.path
                           ) from None
    return (render(figure, primary, accent, languages, stretch, words_scale, rtl, mirrored),
            figure_words.fell_back(figure, languages))


# (figure file, the handout's languages) → its words printed in another language, as its
# latest drawing found them: a build reports them from here (see figure_words_of). Only
# those with such words (a figure file fixed since is taken out), the least recently used
# given up first, beyond as many as cards a process keeps laid out (frozen.LAYOUTS: a card
# kept is not drawn again, and its build reports its figure's words from here)
_fell_back: dict[tuple[str, tuple[str, ...]], tuple] = {}
FELL_BACK = 2_000


def figure_words_of(path: Path | str, languages: tuple[str, ...]) -> tuple:
    """The words of the figure file at ``path`` that printed in another language than
    ``languages`` when it was last drawn or taken from the cache in this process (see
    figure_words.fell_back); nothing for one not loaded."""
    return kept_found(_fell_back, (os.fspath(path), tuple(languages))) or ()


@functools.lru_cache(maxsize=256)
def _figure(path: str, stamp: tuple[int, int], colours: tuple[str, str],
            languages: tuple[str, ...], stretch: float,
            words_scale: float | tuple[float, float], rtl: bool,
            mirrored: tuple[int, ...] = ()) -> Vector:
    # a cold build whose drawings are in the cache neither loads the figure engine nor
    # draws the figures again
    try:
        key, stored = figure_keys.made_keys(path, stamp, colours, languages,
                                            stretch, words_scale, rtl, mirrored)
    except figure_keys.Unreadable as exc:
        raise PictureError(str(exc)) from None
    def make() -> Vector:
        svg, fell = _drawn_figure(path, *colours, languages, stretch, words_scale, rtl,
                                  mirrored)
        return _parsed_figure(svg, fell, key, stored)

    made = cached_vector(key, stored, make)
    if not made:
        svg, fell = _drawn_figure(path, *colours, languages, stretch, words_scale, rtl,
                                  mirrored)
        made = _measured_figure(svg, fell, key, stored)
        # its size, for a process that only measures it again (a card laid out, not set):
        # the operators replace it once it is drawn
        picture_cache.keep_drawing(stored, made.width, made.height, None, words=made.words,
                                   frames=made.frames, replace=False)
    if made.words:
        keep(_fell_back, (path, languages), made.words, FELL_BACK)
    else:
        _fell_back.pop((path, languages), None)
    return made


def _parsed_figure(svg: str, fell: tuple, key: str, stored: str) -> Vector:
    return replace(_parsed_vector(svg.encode("utf-8"), key), words=fell,
                   frames=frame_boxes(svg), stored=stored)


def _measured_figure(svg: str, fell: tuple, key: str, stored: str) -> Vector:
    """A figure's drawing measured from its SVG, turned into shapes (svglib) only if it is
    drawn: a card tries its picture at several sizes, and the parse of each, most never
    drawn, was nearly half of a first build's time. A drawing the figure engine could have
    made unusable (no size, a number that is none, nothing drawn, too many shapes) is parsed
    at once instead, so that its problem is said where the picture is loaded, as before."""
    size = _SIZE.search(svg)
    # the numbers follow the title, whose words (a clinic's) may hold "nan" or "inf"
    if size is None or _NOT_A_NUMBER.search(svg, svg.find("</title>") + 1) \
            or "<path " not in svg or svg.count("<") > svgs.MAX_SHAPES:
        return _parsed_figure(svg, fell, key, stored)
    # svglib's Drawing is the SVG's width and height in px, in points
    return Vector(None, float(size[1]) * _PX_TO_PT, float(size[2]) * _PX_TO_PT, key,
                  make=functools.partial(_parsed_figure, svg, fell, key, stored),
                  words=fell, frames=frame_boxes(svg), stored=stored)


_NOT_A_NUMBER = re.compile(r"nan|inf", re.I)
_PX_TO_PT = 0.75
_FRAME_BOX = re.compile(r'<g id="frame-\d+" class="frame" data-box="([-\d. ]+)"')
_SIZE = re.compile(r'<svg [^>]*width="([\d.]+)" height="([\d.]+)"')


def frame_boxes(svg: str) -> tuple[tuple[float, ...], ...]:
    """Each frame's box in a figure's SVG (figures.svg marks them), in frame order, as a
    share of the drawing's width and height (x, y, width, height)."""
    size = _SIZE.search(svg)
    if not size:
        return ()
    w, h = float(size[1]), float(size[2])
    return tuple((x / w, y / h, bw / w, bh / h) for found in _FRAME_BOX.findall(svg)
                 for x, y, bw, bh in [map(float, found.split())])


def _parsed_vector(content: bytes, key: str) -> Vector:
    try:
        drawing = svgs.drawing(content)
    except svgs.Unusable as exc:
        raise PictureError(str(exc)) from None
    return Vector(drawing, float(drawing.width), float(drawing.height), key)


@functools.lru_cache(maxsize=256)
def _raster(path: str, mtime: int, size: int, max_w: int, max_h: int) -> Raster:
    try:
        content = Path(path).read_bytes()
    except OSError as exc:
        raise PictureError(f"cannot read it: {exc.strerror}") from None
    kept = picture_cache.photo_file(content, max_w, max_h)
    found = picture_cache.kept_photo(kept)
    if found is not None:
        data, width, height = found
        return Raster(data, width, height, hashlib.sha1(data).hexdigest()[:12])
    prepared = _prepared(content, max_w, max_h)
    picture_cache.keep_photo(kept, prepared.data, prepared.width, prepared.height)
    return prepared


def _prepared(content: bytes, max_w: int, max_h: int) -> Raster:
    """The photo downscaled to ``MAX_DPI`` in the box, on white, as a JPEG (see photos)."""
    try:
        data, width, height = photos.prepared(content, max_w, max_h)
    except photos.Unreadable as exc:
        raise PictureError(str(exc)) from None
    return Raster(data, float(width), float(height), hashlib.sha1(data).hexdigest()[:12])


def fit(width: float, height: float, max_w: float, max_h: float) -> tuple[float, float]:
    scale = min(max_w / width, max_h / height)
    return width * scale, height * scale


class Picture(Flowable):
    """A loaded picture scaled to fit a box, keeping its proportions, centred."""

    def __init__(self, picture: Vector | Raster, max_w: float, max_h: float):
        super().__init__()
        self.picture = picture
        self.width, self.height = fit(picture.width, picture.height, max_w, max_h)

    def wrap(self, avail_w, avail_h):
        return self.width, self.height

    def draw(self):
        # the picture's form is an object of the document: drawn again at every replay
        replay.live(self.canv, self._draw)

    def _draw(self, canvas):
        picture = self.picture
        if isinstance(picture, Vector):
            name = forms.ensure_form(canvas, picture)
            canvas.saveState()
            canvas.scale(self.width / picture.width, self.height / picture.height)
            canvas.doForm(name)
            canvas.restoreState()
        else:
            canvas.drawImage(_reader(picture), 0, 0, self.width, self.height)


@functools.lru_cache(maxsize=256)
def _reader(picture: Raster):
    from reportlab.lib.utils import ImageReader

    return ImageReader(io.BytesIO(picture.data))
