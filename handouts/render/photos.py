"""A clinic's photo made ready for a handout: decoded (only a format of ``FORMATS``; a
"decompression bomb" refused), turned upright, its colours made sRGB where its ICC profile
says they are in another space, downscaled to at most ``MAX_DPI`` in the box it is printed
in, flattened on white and encoded as a JPEG, which goes into the PDF as it is. Pillow
only: pictures keeps the result (in memory and on disk) and draws it. The web app's
thumbnails are made the same way, smaller."""

from __future__ import annotations

import contextlib
import functools
import io
import math
import warnings
from collections.abc import Iterator

MAX_DPI = 200
# A photo of 25 million pixels (6000 × 4000) is more than any handout needs; a larger one
# may be a "decompression bomb", a small file that would unpack to gigabytes.
MAX_PIXELS = 25_000_000


class Unreadable(Exception):
    """The photo cannot be used; the message says why, in one line, and ``word`` in a word
    or two (what the web app's list of exercises shows in the picture's place)."""

    def __init__(self, message: str, word: str = "not a picture"):
        super().__init__(message)
        self.word = word


# what Pillow's many exception types mean to a person who saved a picture: the class name
# (UnidentifiedImageError) says nothing to them
NOT_A_PICTURE = ("not a picture this can read (a PNG or JPEG, or an SVG); open it in a "
                 "picture program and save it again as a PNG or JPEG")
DAMAGED = ("a picture that is damaged or cut short; open it in a picture program and save it "
           "again as a PNG or JPEG")
EMPTY = "the file is empty; save the picture into it again"
TOO_LARGE = (f"the picture has more than {MAX_PIXELS:,} pixels; save it smaller "
             "(e.g. 2000 × 1500)")

# The formats Pillow may open: the PNG and JPEG the README promises, and the GIF, WEBP and
# BMP a picture saved from a web page or an old program may be under a .png or .jpg name
# (Pillow's own or libwebp's decoders, which print them as they are). No other: Pillow
# knows some forty, and opens an EPS by running Ghostscript, if installed, on what it holds.
FORMATS = ("PNG", "JPEG", "GIF", "WEBP", "BMP")
# the ends of a photo's name that a handout prints: those of FORMATS (a picture saved from
# a web page is often a .webp or .gif; an animated GIF prints its first frame; Chrome on
# Windows saves a JPEG as .jfif)
SUFFIXES = (".png", ".jpg", ".jpeg", ".jfif", ".gif", ".webp", ".bmp")
# how a file of FORMATS starts, whatever follows: one that starts so and does not open was
# cut short or damaged (a copy stopped part way), not a file of another kind
_SIGNATURES = (
    lambda head: head[:3] == b"\xff\xd8\xff",  # JPEG
    lambda head: head[:8] == b"\x89PNG\r\n\x1a\n",
    lambda head: head[:6] in (b"GIF87a", b"GIF89a"),
    lambda head: head[:4] == b"RIFF" and head[8:12] == b"WEBP",
    lambda head: head[:2] == b"BM" and head[6:10] == b"\0\0\0\0",
)
# what a file of another format is, told by its first bytes, and what to do with it
_OTHER_KINDS = (
    (lambda head: head[4:8] == b"ftyp" and head[8:12] in (
        b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1"),
     "a HEIC photo (an iPhone's), which this cannot read; send it from the phone as a JPEG "
     "(iPhone: Settings, Camera, Formats, Most Compatible, for photos taken from then on), or "
     "open it in a picture program and save it again as a JPEG"),
    (lambda head: head[4:8] == b"ftyp" and head[8:12] in (b"avif", b"avis"),
     "an AVIF picture, which this cannot read; open it in a picture program and save it "
     "again as a PNG or JPEG"),
    (lambda head: head[:4] in (b"II*\0", b"MM\0*"),
     "a TIFF picture (a scanner's?), which this cannot read; open it in a picture program "
     "and save it again as a PNG or JPEG"),
    (lambda head: head[:4] in (b"%!PS", b"\xc5\xd0\xd3\xc6"),
     "an EPS or PostScript file, which this cannot read; export the drawing as an SVG or PNG"),
    (lambda head: head[:5] == b"%PDF-",
     "a PDF, which this cannot read; export the page as a PNG or JPEG"),
)


# what a picture is, by the end of its name, where that is a kind no handout prints: a
# phone's, scanner's or drawing program's (renamed .jpg, it would be refused as what it is)
_SUFFIXES = {  # the index of its kind in _OTHER_KINDS
    ".heic": 0, ".heif": 0, ".hif": 0, ".avif": 1, ".tif": 2, ".tiff": 2,
             ".eps": 3, ".ps": 3, ".pdf": 4}


def wrong_type(suffix: str, name: str = "") -> str:
    """Why a picture whose name ends in ``suffix`` (lower case; a name without one is told
    by ``name``) is not used: what it is and what to do where that is known (an iPhone's
    .heic: send it as a JPEG)."""
    kind = _SUFFIXES.get(suffix)
    if kind is not None:
        return _OTHER_KINDS[kind][1]
    return (f'"{suffix or name}" is not a picture type we use; use .svg, .png or .jpg '
            "(a .gif, .webp or .bmp prints too)")


def prepared(content: bytes, max_w: int, max_h: int) -> tuple[bytes, int, int]:
    """The JPEG of the photo in ``content`` for a box of ``max_w`` × ``max_h`` points, and
    its size in pixels."""
    if not content:
        raise Unreadable(EMPTY, "empty")
    with pixel_limit():
        image = opened(content)
    with image:
        return downscaled(image, max_w, max_h)


def opened(content: bytes):
    """The picture in ``content`` opened by Pillow (its pixels not decoded yet) if it is one
    of FORMATS; Unreadable, saying what it is where that is known, if not."""
    from PIL import Image

    _refuse_bombs()
    try:
        image = Image.open(io.BytesIO(content), formats=FORMATS)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise  # pixel_limit says it
    except Exception:  # PIL raises many types for a file that is not a picture
        head = content[:16]
        if any(signature(head) for signature in _SIGNATURES):
            raise Unreadable(DAMAGED, "damaged") from None
        said = next((what for kind, what in _OTHER_KINDS if kind(head)), None)
        raise Unreadable(said or NOT_A_PICTURE, "wrong format" if said else "not a picture") \
            from None
    if image.width * image.height > MAX_PIXELS:  # whatever became of the warning
        image.close()
        raise Unreadable(TOO_LARGE, "too large")
    return image


@contextlib.contextmanager
def pixel_limit() -> Iterator[None]:
    """Pictures opened inside (a photo, or a bitmap inside an SVG) are held to MAX_PIXELS:
    PIL warns at its limit and refuses at twice it; both are refused here, as one line."""
    from PIL import Image

    _refuse_bombs()
    try:
        yield
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise Unreadable(TOO_LARGE, "too large") from None


def _refuse_bombs() -> None:
    """Pillow's limit set to MAX_PIXELS, and its warning there an error, for the whole
    process and kept: every picture opened here is held to it. Not warnings.catch_warnings
    around each picture, as before: it swaps the process's one list of filters, so in the
    web app a thread that left its catch_warnings while another opened a huge photo took
    the error away from it, and Pillow's DecompressionBombWarning went to the server's
    stderr (``opened`` refuses such a photo by its size all the same). Put back where
    something has taken it away or put a filter before it (a test's catch_warnings)."""
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    bomb = Image.DecompressionBombWarning
    first = next((f for f in warnings.filters if issubclass(bomb, f[2])), None)
    if first is None or first[0] != "error" or first[2] is not bomb:
        warnings.filterwarnings("error", category=bomb)


def downscaled(image, max_w: int, max_h: int) -> tuple[bytes, int, int]:
    """An opened picture as a JPEG for a box of ``max_w`` × ``max_h`` points, flattened on
    white, and its size in pixels."""
    from PIL import Image

    try:
        # the largest pixel size that prints at MAX_DPI in the box the layout gives it
        limit = (max(1, max_w * MAX_DPI // 72), max(1, max_h * MAX_DPI // 72))
        _draft(image, limit)
        image = _upright(image)
        if image.width > limit[0] or image.height > limit[1]:
            image.thumbnail(limit, Image.LANCZOS)
        image = _on_white(image)
        out = io.BytesIO()
        # JPEG goes into the PDF as it is (no re-compression per document)
        image.save(out, "JPEG", quality=85, optimize=True)
        width, height = image.size
        return out.getvalue(), width, height
    except Exception:  # a truncated or corrupt file fails only as it is decoded
        raise Unreadable(DAMAGED, "damaged") from None


def _draft(image, limit: tuple[int, int]) -> None:
    """A JPEG set to be decoded at the smallest of a half, a quarter or an eighth of its
    size that is still at least ``limit`` once turned upright: a phone's 12-megapixel photo,
    printed 425 pixels wide, was decoded whole (36 MB of pixels, and the time to make them)
    only for LANCZOS to throw nearly all of them away. Other formats are decoded whole."""
    # a phone held sideways stores its photo lying down: the box's sides swap for it
    if image.getexif().get(0x0112, 1) in (5, 6, 7, 8):
        limit = (limit[1], limit[0])
    scale = min(limit[0] / image.width, limit[1] / image.height)
    if scale < 1:  # the size it prints at, not the box's: a tall photo in a wide box
        image.draft(image.mode, (max(1, math.ceil(image.width * scale)),
                                 max(1, math.ceil(image.height * scale))))


def _upright(image):
    """The opened picture decoded, turned upright, in sRGB, as 8-bit grey or colour (with
    its transparency if any): what a handout prints and the web app shows."""
    from PIL import ImageOps

    image.load()
    # a phone stores its photo as the sensor saw it, and says in EXIF how to turn it
    return _eight_bit(_in_srgb(ImageOps.exif_transpose(image)))


def _on_white(image):
    """The picture with its transparent parts white, as on paper (their pixels' own colour
    is often black)."""
    from PIL import Image

    if image.mode not in ("RGBA", "LA"):
        return image
    flat = Image.new("RGB", image.size, "white")
    flat.paste(image.convert("RGBA"), mask=image.getchannel("A"))
    return flat


def _in_srgb(image):
    """The picture's colours in sRGB, where its ICC profile says they are in another space:
    a camera's or stock photo's Adobe RGB, an iPhone's Display P3, a print shop's CMYK. The
    PDF has the pixels alone, which viewers and printers take as sRGB, so such a photo
    printed dull and shifted (Adobe RGB's pure green as a yellowish 144, 255, 60). A
    profile that cannot be read, or is for another kind of pixels, leaves them as they are."""
    profile = image.info.get("icc_profile")
    if not profile or image.mode not in ("RGB", "RGBA", "CMYK"):
        return image
    from PIL import ImageCms

    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
        return ImageCms.profileToProfile(image, source, _srgb(),
                                         outputMode="RGBA" if image.mode == "RGBA" else "RGB")
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        return image


@functools.cache
def _srgb():
    from PIL import ImageCms

    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


def _eight_bit(image):
    """The picture as 8-bit grey or colour, with its transparency if any, for LANCZOS to
    shrink: Pillow shrinks a palette or 1-bit picture (clip art, a scanned drawing) by
    dropping pixels, so its thin lines vanished, and refused to shrink a 16-bit grey one
    (a scan), which read as damaged, or made it white where it was not shrunk."""
    if image.mode in ("RGB", "L", "RGBA", "LA"):
        return image
    if image.mode.startswith("I"):  # 16 or 32 bits of grey: 16 bits used, as a PNG's
        return image.convert("I").point(lambda v: v / 256).convert("L")
    has_alpha = "A" in image.mode or "a" in image.mode or "transparency" in image.info
    if image.mode == "1" and not has_alpha:
        return image.convert("L")
    return image.convert("RGBA" if has_alpha else "RGB")


def problem(content: bytes) -> Unreadable | None:
    """Why the photo in ``content`` cannot be used, as far as its first bytes tell (empty, a
    format not in FORMATS, more than MAX_PIXELS), or None; nothing is decoded, so a picture
    damaged further in is found only as it is (``prepared``, ``thumbnail``)."""
    if not content:
        return Unreadable(EMPTY, "empty")
    try:
        with pixel_limit():
            opened(content).close()
    except Unreadable as exc:
        return exc
    return None


def frames(content: bytes) -> int:
    """How many frames the photo in ``content`` holds: more than 1 for an animated GIF,
    WEBP or PNG, of which a handout prints the first; 1 for a still, or where it cannot be
    told (``problem`` says why)."""
    try:
        with pixel_limit():
            image = opened(content)
    except Unreadable:
        return 1
    with image:
        try:
            return max(1, int(getattr(image, "n_frames", 1)))
        except Exception:  # a frame further in damaged: the first prints all the same
            return 1


def thumbnail(content: bytes, size: int) -> bytes:
    """A photo as a small JPEG, at most ``size`` pixels a side (the web app's list of
    exercises), opened as a handout opens it: only FORMATS, at most MAX_PIXELS (a huge PNG
    is refused from its header, not decoded); Unreadable, in one line, if not. (Made
    another way, the web app's THUMB_FORMAT goes up: browsers keep a thumbnail a year.)"""
    with pixel_limit():
        image = opened(content)
    with image:
        try:
            image.draft(image.mode, (size, size))  # a JPEG decoded at a fraction of its size
            # as the handout prints it: upright, its colours, on white (the RGB of a PNG's
            # transparent parts, often black, showed; a phone's photo lay on its side)
            image = _upright(image)
            image.thumbnail((size, size))
            out = io.BytesIO()
            _on_white(image).convert("RGB").save(out, format="JPEG", quality=80)
        except Exception:  # a truncated or corrupt file fails only as it is decoded
            raise Unreadable(DAMAGED, "damaged") from None
    return out.getvalue()
