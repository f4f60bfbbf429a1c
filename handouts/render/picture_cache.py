"""The pictures kept on disk between runs (``cache_dir``): a drawing's PDF operators and
size, keyed by what it is made from, and a photo as prepared for its box. Losing them
costs only time. This module only reads the cache: what a render makes waits in
``unsaved_drawings()`` until the API writes it (rendering writes no file)."""

from __future__ import annotations

import functools
import hashlib
import json
from pathlib import Path

from handouts.input.cache import cache_root
from handouts.input.cache_folder import used
from handouts.render import photos


def cache_dir() -> Path:
    """Where drawn SVGs are kept between runs: $HANDOUTS_CACHE_DIR, or the user's cache
    folder. Losing it costs only time."""
    return cache_root() / "drawings"


@functools.cache
def _cache_tag() -> str:
    """What else the operators depend on: the versions that turned the SVG into them."""
    from importlib.metadata import version

    import reportlab

    # format 3: a drawing too big to draw in good time, or that draws nothing, is refused
    # (one kept from before is not used); format 4: a figure's words that print in another
    # language than the handout's are kept with its drawing (one kept without is drawn again);
    # format 5: a figure's frames' boxes, which large print compares two drawings by;
    # format 6: an SVG cut short after its size is refused (one kept from before is not used)
    versions = f"svglib {version('svglib')} reportlab {reportlab.Version} format 6"
    return hashlib.sha1(versions.encode()).hexdigest()[:8]


def drawing_file(key: str) -> Path:
    return cache_dir() / f"{key}-{_cache_tag()}.json"


def kept_drawing(key: str) -> dict | None:
    """What was kept of the drawing ``key``: ``width``, ``height``, ``ops`` (its operators,
    or None where an earlier process only measured it), ``facts``, ``words`` (a figure's
    words with no version in the handout's language: figure_words.fell_back) and ``frames``
    (a figure's frames' boxes: pictures.frame_boxes); None if
    nothing usable was kept."""
    try:
        saved = json.loads(drawing_file(key).read_text(encoding="utf-8"))
        found = {"width": float(saved["width"]), "height": float(saved["height"]),
                 "ops": saved["ops"],
                 "facts": tuple(float(n) for n in saved.get("facts") or ()),
                 "words": tuple((str(lang), str(said), bool(plain))
                                for lang, said, plain in saved.get("words") or ()),
                 "frames": tuple(tuple(float(n) for n in box)
                                 for box in saved.get("frames") or ())}
    except (OSError, ValueError, KeyError, TypeError):  # not there yet, or damaged
        return None
    used(drawing_file(key))
    operators = found["ops"]
    if operators is not None and not (isinstance(operators, list)
                                      and all(isinstance(o, str) for o in operators)):
        return None
    return found


# drawings turned into operators and photos prepared since the last call of
# unsaved_drawings(): rendering writes no file, so the API saves them for the next process
# (workspace.save_drawings)
_unsaved: dict[Path, bytes] = {}


def keep_drawing(key: str, width: float, height: float, operators: list[str] | None, *,
                 facts: tuple = (), words: tuple = (), frames: tuple = (),
                 replace: bool = True) -> None:
    """Keep a drawing for the next process: its operators, or (``None``) its size alone,
    which does not replace operators already waiting (``replace=False``)."""
    data = {"width": width, "height": height, "ops": operators, "facts": list(facts),
            "words": [list(w) for w in words], "frames": [list(b) for b in frames]}
    encoded = json.dumps(data).encode("utf-8")
    if replace:
        _unsaved[drawing_file(key)] = encoded
    else:
        _unsaved.setdefault(drawing_file(key), encoded)


def photo_file(content: bytes, max_w: int, max_h: int) -> Path:
    """Where a photo prepared for this box is kept: named after its content, the box, and
    the Pillow version and settings that prepared it."""
    import PIL

    # format 4: only photos.FORMATS are read; a TIFF prepared before is not kept on;
    # format 5: a photo's ICC profile is followed (one prepared without is not kept on);
    # format 6: a JPEG is decoded at a fraction of its size where that is still enough
    tag = f"{max_w}x{max_h} {photos.MAX_DPI} pillow {PIL.__version__} format 6".encode()
    return cache_dir().parent / "photos" / f"{hashlib.sha1(content + tag).hexdigest()[:20]}.jpg"


def kept_photo(path: Path) -> tuple[bytes, float, float] | None:
    """A photo prepared by an earlier process (a line "width height", then the JPEG): its
    JPEG and size in pixels."""
    try:
        head, data = path.read_bytes().split(b"\n", 1)
        width, height = (float(v) for v in head.split())
    except (OSError, ValueError):  # not there yet, or damaged
        return None
    # a JPEG starts with SOI and ends with EOI: one cut short (a disk that filled, a crash
    # while an older version wrote it in place) would stop the render at the page it is on
    if not (data.startswith(b"\xff\xd8") and data.endswith(b"\xff\xd9")):
        return None
    used(path)
    return data, width, height


def keep_photo(path: Path, data: bytes, width: float, height: float) -> None:
    _unsaved[path] = b"%d %d\n" % (width, height) + data


def unsaved_drawings() -> dict[Path, bytes]:
    """The cache files (path → content) of drawings and photos made since the last call."""
    found = dict(_unsaved)
    _unsaved.clear()
    return found
