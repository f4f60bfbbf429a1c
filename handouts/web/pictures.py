"""The pictures of the web app's pages: each exercise's thumbnail, the clinic's logo, and
what the page shows in a picture's place where it cannot show it ("Picture cannot be shown:
damaged"), told before the browser asks, so that no page shows the browser's broken-picture
frame. Each thumbnail (or why there is none) is made once for each version of its file."""

from __future__ import annotations

import hashlib
import io
import logging
import re
import stat
import threading

from flask import abort, current_app, redirect, request, send_file, url_for

import handouts as api
from handouts import HandoutError
from handouts.web.views import bp

THUMB_PX = 240  # twice the largest size a thumbnail is shown at
LONG = 365 * 24 * 3600  # seconds the browser keeps a picture asked for by its version
# how thumbnails are made, in every picture's version: one more whenever what the page is
# sent for a file changes (photos.thumbnail, with_namespace, THUMB_PX), so that a browser
# that kept the old thumbnail for LONG asks again after an upgrade. 2: a photo upright, in
# sRGB, its transparent parts white (1 showed a phone's photo on its side, a PNG's
# background black, and was kept a year after the upgrade that mended them)
THUMB_FORMAT = 2
# by path, with the file's stamp (and the colours a figure is drawn in) when it was made:
# a picture replaced while the app runs gets a new thumbnail, and the old one goes; or why
# none can be made
_thumbs: dict[str, tuple[tuple, tuple[bytes, str] | Exception]] = {}
_thumbs_lock = threading.Lock()
# each photo's first bytes as last looked at, by path, with the file's stamp (see refused)
_probed: dict[str, tuple[tuple, "Refused | None"]] = {}
# each picture found inside the library's folder, by that folder and the name the library
# gives it, with the file the name led to then: following every card's links at every page
# (a dozen system calls a picture) was half of each page's time with 400 exercises. A name
# that leads to another file since (a link put in its place) is followed again
_inside: dict[tuple[str, str], tuple] = {}


def settings():
    return current_app.extensions["handouts"]


def picture_stamp(path, look: tuple = ()) -> tuple:
    """What a thumbnail is made from: the file as it is now (size, time of the last change,
    inode: a picture saved over, or another moved into its place) and ``look`` (a figure's
    colours)."""
    info = path.stat()
    return (info.st_size, info.st_mtime_ns, info.st_ino, *look)


def version(stamp: tuple) -> str:
    """The ``?v=`` of a picture's address: its stamp and THUMB_FORMAT, short."""
    return hashlib.blake2s(repr((THUMB_FORMAT, *stamp)).encode(), digest_size=6).hexdigest()


class Refused(Exception):
    """A picture the page cannot show: ``word`` says why in a word or two (what the page
    shows in its place), the message in a line (as a handout's warning says it), and for a
    figure file the ``line`` and ``place`` in it of its problem."""

    def __init__(self, message: str, word: str, line: int | None = None, place: str = ""):
        super().__init__(message)
        self.word, self.line, self.place = word, line, place

    def said(self, image: str) -> str:
        """The line about the picture the library names ``image``, as a handout's warning
        names it (``images/knee.figure.yaml:3: frames[1].pose.base: ...``)."""
        return str(api.Problem(api.Location(image, self.line, self.place), str(self)))


def refusal(exc: Exception) -> Refused:
    if isinstance(exc, Refused):
        return exc
    if isinstance(exc, api.UnreadablePhoto):
        return Refused(str(exc), exc.word)
    if isinstance(exc, OSError):
        return Refused(f"cannot read it: {exc.strerror or exc}", "cannot open")
    if isinstance(exc, HandoutError):  # a figure file that does not draw: its first problem,
        first = exc.problems[0]        # at its line, without the server's path to the file
        return Refused(first.message, "has problems", first.location.line, first.location.path)
    return Refused(str(exc), "has problems")


def unprinted(path) -> Refused | None:
    """A file of a type a handout does not print (a .tiff was sent as an SVG)."""
    suffix = path.suffix.lower()
    if suffix == ".svg" or suffix in api.PHOTO_SUFFIXES:
        return None
    return Refused(api.picture_wrong_type(suffix, path.name), "wrong format")


def _made(path, draw) -> tuple[bytes, str]:
    if draw is not None:
        return draw(), "image/svg+xml"
    wrong = unprinted(path)
    if wrong is not None:
        raise wrong
    content = path.read_bytes()
    if path.suffix.lower() == ".svg":
        # sent as it is, once parsed as a handout parses it (svglib would take too long): a
        # file cut short, or a web page under an .svg name, was the browser's broken frame
        problem = api.svg_problem(content)
        if problem is not None:
            raise Refused(str(problem), problem.word)
        return with_namespace(content), "image/svg+xml"
    # opened as a handout opens it: only the formats it prints (Pillow opens an EPS by
    # running Ghostscript), and no more pixels than it takes (a huge PNG is not decoded)
    return api.photo_thumbnail(content, THUMB_PX), "image/jpeg"


# the outermost <svg>'s start tag, after what may come before it (an XML declaration,
# comments, a DOCTYPE), each of which ends at its first end (a comment that could reach
# past its "-->" would let a file of many be matched in exponentially many ways); its
# attributes in group 1
_ROOT = re.compile(rb"""\A(?:\xef\xbb\xbf)?(?:\s|<\?(?:[^?]|\?(?!>))*\?>"""
                   rb"""|<!--(?:[^-]|-(?!->))*-->|<!DOCTYPE[^\[>]*(?:\[[^\]]*\])?\s*>)*"""
                   rb"""<svg((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*/?>""", re.S)


def with_namespace(content: bytes) -> bytes:
    """An SVG that checks (api.svg_problem) as a browser shows it: one whose <svg> names no
    namespace (``<svg width=".." height="..">``, which svglib draws and the handout prints)
    is XML of no kind to a browser, which shows an <img> of it as a broken frame; it gets
    the SVG namespace here, the file left as it is."""
    root = _ROOT.match(content)
    if root is None or re.search(rb"\sxmlns\s*=", root.group(1)):
        return content
    at = root.start(1)
    return content[:at] + b' xmlns="http://www.w3.org/2000/svg"' + content[at:]


def thumbnail(path, draw=None, look: tuple = ()) -> tuple[bytes, str]:
    """A picture small enough for the page, made once for each version of the file: a photo
    (a clinic's may be megabytes) scaled down, a figure file drawn (``draw``, in ``look``),
    an SVG as it is. Refused, saying why, for one that cannot be shown (kept too, so that
    the next page shows why in its place: see ``refused``)."""
    key, stamp = str(path), picture_stamp(path, look)
    with _thumbs_lock:
        made = _thumbs.get(key)
    if made is not None and made[0] == stamp:
        found = made[1]
    else:
        try:
            found = _made(path, draw)
        except (OSError, ValueError, HandoutError, api.UnreadablePhoto, Refused) as exc:
            found = refusal(exc)
        with _thumbs_lock:
            _thumbs[key] = (stamp, found)
    if isinstance(found, Refused):
        raise found
    return found


def refused(path, look: tuple = (), draw=None) -> Refused | None:
    """Why the page cannot show this picture, told before the browser asks for it (so that
    the page says so in its place, not the browser's broken-picture frame): a drawing (an
    SVG, a figure file drawn by ``draw``) is made now, as the browser would ask for it, once
    for each version of its file; a photo is told by its first bytes (empty, a format not
    printed, too many pixels), as decoding it would take too long; one damaged further in
    is found as its thumbnail is made, and said from then on."""
    key, stamp = str(path), picture_stamp(path, look)
    with _thumbs_lock:
        made, probed = _thumbs.get(key), _probed.get(key)
    if made is not None and made[0] == stamp:
        return made[1] if isinstance(made[1], Refused) else None
    wrong = unprinted(path) if draw is None else None
    if wrong is not None:
        return wrong
    if draw is not None or path.suffix.lower() == ".svg":
        try:
            thumbnail(path, draw, look)
        except Refused as exc:
            return exc
        return None
    if probed is not None and probed[0] == stamp:
        return probed[1]
    found = api.photo_problem(path.read_bytes())
    found = refusal(found) if found is not None else None
    with _thumbs_lock:
        _probed[key] = (stamp, found)
    return found


def send_picture(path, draw=None, look: tuple = ()):
    """The thumbnail, kept by the browser for a long time when it was asked for by the
    address of this very version (``?v=``: see picture_url), else checked again each time
    (an address without it may show a file replaced since)."""
    try:
        data, mimetype = thumbnail(path, draw, look)
        current = version(picture_stamp(path, look))
    except (OSError, Refused):
        abort(404)
    asked = request.args.get("v")
    response = send_file(io.BytesIO(data), mimetype=mimetype,
                         max_age=LONG if asked == current else 0)
    if asked != current:
        response.headers["Cache-Control"] = "no-cache"
    response.headers["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    return response


def picture_file(exercise_id: str):
    """The file of an exercise's picture, what its thumbnail is drawn in (a figure file's
    colours) and how (a figure file's drawing, else None), or None: only files the library
    names, inside its folder."""
    ws = settings().ws
    if exercise_id not in ws.library.exercise_ids:
        return None
    image = ws.library.exercise(exercise_id).image
    path = in_folder(ws.image_root, image) if image else None
    if path is None:
        return None
    if not path.name.lower().endswith(".figure.yaml"):
        return path, (), None
    colours = ws.clinic.colors.readable()
    return path, (colours.primary, colours.accent), lambda: api.draw_exercise(exercise_id, ws)


def in_folder(root, image: str):
    """``root / image`` where it is a file inside ``root`` once links are followed, else
    None; followed once for each file it leads to (see ``_inside``)."""
    path = root / image
    try:
        info = path.stat()
    except (OSError, ValueError):  # no such file, a link loop, a name the system refuses
        return None
    if not stat.S_ISREG(info.st_mode):
        return None
    key, led_to = (str(root), image), (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)
    if _inside.get(key) != led_to:
        if not api.inside_folder(root, image):
            return None
        _inside[key] = led_to
    return path


def prepare(app) -> None:
    """Every exercise's thumbnail (or why it has none) and the logo's made now, as the first
    page would make them: drawing a figure file takes about 25 ms, so a library of 100 made
    the first page wait 2.5 s. ``serve`` runs it beside the server as it starts listening;
    a picture asked for meanwhile is made by its request, as before."""
    with app.app_context():
        ws = settings().ws
        for entry in ws.library.exercises:
            try:
                found = picture_file(entry.id)
                if found is not None:
                    refused(*found)
            except OSError:
                pass  # said on the page that shows it
            except Exception:  # a fault of ours: in the server's log, as a request's is
                logging.getLogger(__name__).exception("thumbnail of %s", entry.id)
        try:
            path = logo_file()
            if path is not None:
                refused(path)
        except OSError:
            pass


def picture_url(exercise_id: str, found) -> str:
    """The thumbnail's address, with the picture's version in it: the browser keeps a
    thumbnail long, and a picture replaced meanwhile is a new address, so the next page
    shows it. ``found``: the exercise's ``picture_file``."""
    try:
        stamp = picture_stamp(*found[:2]) if found else ()
    except OSError:
        stamp = ()
    return url_for("web.picture", exercise_id=exercise_id, v=version(stamp))


@bp.app_template_global()
def picture_shown(exercise_id: str) -> dict:
    """How the page shows an exercise's picture: its thumbnail's address (``url``), or why
    it cannot be shown (``why``, in a word or two, and ``said``, the line a handout's
    warning gives, the file named as the library names it)."""
    ws = settings().ws
    image = ws.library.exercise(exercise_id).image
    try:
        found = picture_file(exercise_id)
        if found is None:
            raise Refused("there is no such file in the library's folder", "missing")
        problem = refused(*found)
    except OSError as exc:
        problem = refusal(exc)
    except Refused as exc:
        problem = exc
    if problem is None:  # the file as found above: looked up once for each picture
        return dict(url=picture_url(exercise_id, found))
    return dict(why=problem.word, said=problem.said(image))


@bp.get("/images/<exercise_id>")
def picture(exercise_id: str):
    """An exercise's thumbnail: only files the library names; the request never names a path.
    A figure file is drawn in the clinic's colours. (``?v=`` is only for the browser's
    cache: see picture_url.)"""
    found = picture_file(exercise_id)
    if found is None:
        abort(404)
    path, look, draw = found
    return send_picture(path, draw, look)


def logo_file():
    """The clinic's logo, or None: only the file clinic.yaml names, inside its folder."""
    s = settings()
    logo = s.ws.clinic.logo
    return in_folder(s.ws.logo_root, logo) if logo else None


@bp.app_template_global()
def logo_url() -> str:
    """The logo's address with its version in it, as a thumbnail's (see picture_url): a
    logo replaced shows on the next page, not an hour later. None where there is no logo
    to show (none, or one the page cannot show: the clinic's name stands beside it)."""
    try:
        path = logo_file()
        if path is None or refused(path) is not None:
            return ""
        return url_for("web.logo", v=version(picture_stamp(path)))
    except OSError:
        return ""


@bp.get("/favicon.ico")
def favicon():
    """Browsers ask for it on every page: the clinic's logo where it has one (the page's
    head names it too), else nothing, rather than a 404 in every browser's console."""
    address = logo_url()
    return redirect(address) if address else ("", 204)


@bp.get("/logo")
def logo():
    path = logo_file()
    if path is None:
        abort(404)
    return send_picture(path)
