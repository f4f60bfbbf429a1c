"""A clinic's SVG (or a figure drawn as one) as a reportlab drawing, by svglib, parsed from
its bytes alone: a picture it only links to is refused by name, and a bitmap inside it is
prepared as a photo is. The caller, pictures, caches what this makes."""

from __future__ import annotations

import functools
import io
import logging
import math
import re

from handouts.render import photos
from handouts.render.theme import FAMILY


class Unusable(Exception):
    """The SVG cannot be drawn; the message says why, in a person's words, and ``word`` in
    a word or two (what the web app shows in the picture's place)."""

    def __init__(self, message: str, word: str = "has problems"):
        super().__init__(message)
        self.word = word


# lxml and svglib raise many types for a broken file, none of them a person's words
NOT_A_DRAWING = ("not an SVG drawing this can read (its text is not SVG, or is cut short); "
                 "save it again from a drawing program (Inkscape: Save As, Plain SVG), or "
                 "use a PNG or JPEG")
NOT_FINITE = ("an SVG drawing with a size or place that is no number (\"nan\" or \"inf\"); "
              "save it again from the drawing program, or use a PNG or JPEG")
NOTHING = ("an SVG drawing that draws nothing (no shape, line or text this can draw: text "
           "made of XML entities, or a <use> that shows only itself, is left out); open it "
           "in a drawing program and save it again (Inkscape: Save As, Plain SVG), or use a "
           "PNG or JPEG")

# svglib takes about a third of a millisecond (and 5 kB) per shape: a drawing of 60,000
# tiny paths took 27 s and 307 MB while the therapist waited. A detailed illustration (the
# requests logo, a vector portrait of 880 kB) has 3,698 elements; Inkscape drawings and
# clip art have tens to hundreds, nested at most a dozen deep. Each copy a <use> makes
# counts (8 levels of 10 <use>s each would be 100 million).
MAX_SHAPES = 20_000
MAX_DEPTH = 100


# A picture an SVG only links to (<image href="photo.png">) is not drawn: parsed from its
# bytes, no link leads elsewhere on the computer, and the drawing's cache, keyed by the
# SVG's content, never shows a linked file as it once was. Said so, rather than drawn
# without it. (An SVG's web links, <a href>, are no pictures: allowed.) Compiled at the
# first SVG parsed, not by every cold build, whose drawings come from the cache.
_LINK = (rb"""<(?:[\w.-]+:)?(?:image|use|feImage)\b[^>]*?href\s*=\s*["']\s*"""
         rb"""(?!#|data:)([^"'\s][^"']*)""")


def problem(content: bytes) -> Unusable | None:
    """Why the SVG in ``content`` cannot be drawn, as far as parsing it tells (a fraction of
    a millisecond, where svglib takes tens): empty, cut short or no XML, its outermost
    element no <svg> (a web page saved under a picture's name), a picture it links to, too
    many shapes or groups too deep (as ``drawing`` counts them); else None. Parsed as
    ``drawing`` parses it: no entity resolved, nothing fetched, lxml's own size limits. A
    drawing that parses but draws nothing is found only as it is drawn."""
    from lxml import etree

    if not content.strip():
        return Unusable("the file is empty; save the drawing into it again", "empty")
    try:
        _refuse_links(content)
    except Unusable as exc:
        return exc
    try:
        root = etree.fromstring(content, etree.XMLParser(resolve_entities=False,
                                                         no_network=True))
    except (etree.XMLSyntaxError, ValueError):
        return Unusable(NOT_A_DRAWING, "damaged")
    if not isinstance(root.tag, str) or etree.QName(root).localname != "svg":
        return Unusable(NOT_A_DRAWING, "not a drawing")
    too_big = _too_big(root)
    return Unusable(too_big, "too large") if too_big else None


def _refuse_links(content: bytes) -> None:
    link = re.search(_LINK, content, re.I)
    if link:
        named = link.group(1).decode("utf-8", "replace")[:60]
        raise Unusable(f'it links to another file ("{named}") for a picture; embed that '
                       "picture in the SVG (Inkscape: Extensions, Images, Embed Images), or "
                       "use a PNG or JPEG", "links to a file")


def drawing(content: bytes):
    """The reportlab Drawing of an SVG; Unusable if it links to a picture, holds one too
    large or damaged, or is no readable SVG."""
    from svglib.svglib import load_svg_file

    _refuse_links(content)
    # svglib logs and returns None for much that is wrong; we report it ourselves instead
    svglib_log = logging.getLogger("svglib.svglib")
    level = svglib_log.level
    svglib_log.setLevel(logging.CRITICAL)
    try:
        # parsed as svg2rlg does, then measured before svglib spends time on it
        root = load_svg_file(io.BytesIO(content))
        too_big = root is not None and _too_big(root)
        if too_big:
            raise Unusable(too_big, "too large")
        with photos.pixel_limit():  # a bitmap inside is held to a photo's limit
            made = None if root is None else _renderer()(io.BytesIO(content)).render(root)
            if made is not None:
                _bitmaps_as_photos(made)
    except Unusable:
        raise
    except photos.Unreadable as exc:
        raise Unusable(f"a picture inside it: {exc}") from None
    except Exception:  # lxml and svglib raise many types for a broken file
        raise Unusable(NOT_A_DRAWING) from None
    finally:
        svglib_log.setLevel(level)
    if made is None or not (made.width > 0 and made.height > 0):
        # svglib reads what it can of a file cut short, and gives it no size: only a file
        # that is whole XML is told its size is the trouble
        raise Unusable(NOT_A_DRAWING if made is None or not _whole(content) else
                       "an SVG drawing of no size (its width or height is 0 or less); give "
                       "its <svg> a width and height, or save it again from the drawing program")
    if not _finite(made):
        raise Unusable(NOT_FINITE)
    if not _draws_something(made):
        # svglib leaves out what it refuses (an entity, a <use> of itself) without a word:
        # the card would print a blank box
        raise Unusable(NOTHING)
    if not _whole(content):  # cut short after its size: svglib drew what it read of it
        raise Unusable(NOT_A_DRAWING)
    # reportlab's graphics state starts in Helvetica, which would then be listed (unembedded)
    # in every PDF; start it in the handout's own font instead
    made.initialFontName = FAMILY
    return made


# an arrowhead (or another marker) a line or path names, as an attribute or in CSS
_MARKER = rb"""marker(?:-start|-mid|-end)?\s*(?:=\s*["']\s*|:\s*)url\("""


def facts(content: bytes, made) -> tuple[float, ...]:
    """What `check` warns about a clinic's SVG (see handouts.picture_checks): the box of
    what it draws, in the drawing's units (x0, y0, x1, y1), and 1 where a shape names a
    marker (an arrowhead), which svglib does not draw, else 0."""
    try:
        bounds = made.getBounds()
    except Exception:  # reportlab measures most shapes; where it cannot, the whole page
        bounds = None
    x0, y0, x1, y1 = bounds or (0.0, 0.0, made.width, made.height)
    return (x0, y0, x1, y1, float(bool(re.search(_MARKER, content, re.I))))


def _whole(content: bytes) -> bool:
    """Whether ``content`` is XML from start to end (no entities are resolved) whose
    outermost element is an <svg> (a web page saved under a picture's name is not)."""
    from lxml import etree

    try:
        root = etree.fromstring(content, etree.XMLParser(resolve_entities=False,
                                                         no_network=True))
    except (etree.XMLSyntaxError, ValueError):
        return False
    return etree.QName(root).localname == "svg"


def _finite(made) -> bool:
    """Whether every number the drawing draws with is one: a "nan" or "inf" in the SVG
    (a viewBox of "0 0 nan 100") went into the PDF as it is, where it is no operator,
    and the viewer drew the rest of the page wrongly."""
    stack = [made]
    while stack:
        node = stack.pop()
        for value in vars(node).values():
            numbers = value if isinstance(value, (list, tuple)) else (value,)
            if any(isinstance(n, float) and not math.isfinite(n) for n in numbers):
                return False
        stack.extend(getattr(node, "contents", ()))
    return True


def _bitmaps_as_photos(made) -> None:
    """A bitmap inside an SVG (an embedded photo or scan) is prepared as a photo is: at most
    MAX_DPI at its size in the drawing (a card draws a picture that size or smaller),
    flattened on white: the JPEG's bytes, which the PDF then holds as they are (see
    forms._Renderer)."""
    from reportlab.graphics.shapes import Image

    stack = [made]
    while stack:
        node = stack.pop()
        if not isinstance(node, Image):
            stack.extend(getattr(node, "contents", ()))
        elif hasattr(node.path, "mode"):  # svglib gives a decoded picture (PIL)
            jpeg, _, _ = photos.downscaled(node.path, max(1, round(node.width or 1)),
                                           max(1, round(node.height or 1)))
            node.path = jpeg


def _too_big(root) -> str:
    """Why the parsed SVG is too big to draw (more than MAX_SHAPES elements, counting each
    copy a <use> makes, or nested deeper than MAX_DEPTH), or "": counted only up to the
    limit, so a "<use> bomb" costs no more than a drawing at the limit."""
    from lxml import etree

    ids = {node.get("id"): node for node in root.iter() if node.get("id")}
    count = 0
    # an element, its depth, and the ids of the <use>s it is a copy for (a <use> inside its
    # own target is left out, as svglib does)
    stack = [(root, 1, frozenset())]
    while stack:
        node, depth, using = stack.pop()
        count += 1
        if count > MAX_SHAPES:
            return (f"an SVG drawing of more than {MAX_SHAPES:,} shapes (counting each copy "
                    "a <use> makes), too many to draw in good time; simplify it (Inkscape: "
                    "Path, Simplify, or fewer details), or export it as a PNG")
        if depth > MAX_DEPTH:
            return (f"an SVG drawing with groups nested more than {MAX_DEPTH} deep; ungroup "
                    "them (Inkscape: Object, Ungroup), or export it as a PNG")
        stack.extend((child, depth + 1, using) for child in node)
        if isinstance(node.tag, str) and etree.QName(node).localname == "use":
            href = node.get("{http://www.w3.org/1999/xlink}href") or node.get("href") or ""
            target = href[1:] if href.startswith("#") else None
            if target in ids and target not in using:
                stack.append((ids[target], depth + 1, using | {target}))
    return ""


def _draws_something(made) -> bool:
    """Whether the drawing holds a shape, a line or a text that is not blank."""
    from reportlab.graphics.shapes import String

    stack = [made]
    while stack:
        node = stack.pop()
        contents = getattr(node, "contents", None)
        if contents is not None:
            stack.extend(contents)
        elif not (isinstance(node, String) and not node.text.strip()):
            return True
    return False


@functools.cache
def _renderer():
    """svglib's renderer, but a bitmap inside the SVG (a data: URL) is opened as a photo is:
    only a format of photos.FORMATS (svglib's own opened any Pillow knows, an EPS by running
    Ghostscript on it)."""
    import base64

    from svglib.svglib import SvgRenderer

    class Renderer(SvgRenderer):
        def xlink_href_target(self, node, group=None):
            href = (node.attrib.get("{http://www.w3.org/1999/xlink}href")
                    or node.attrib.get("href") or "")
            # each of FORMATS: svglib's own took a GIF's or WEBP's for a file's name, and
            # left it out
            found = re.match(r"^data:image/(jpe?g|png|gif|webp|bmp|x-ms-bmp);base64", href)
            if not found:
                return super().xlink_href_target(node, group)
            data = base64.decodebytes(href[found.end() + 1:].encode("ascii"))
            return photos.opened(data)

    return Renderer
