"""The other addresses: saved programs, the live checks (a dose box, the search, the
preview), and the pictures: exercise thumbnails, the clinic's logo and colours."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import threading

from flask import (Response, abort, current_app, jsonify, redirect, render_template,
                   request, send_file, url_for)

import handouts as api
from handouts import DOSE_FIELDS, HandoutError
from handouts.web import catalog, editor, preview
from handouts.web import draft as drafts
from handouts.web.store import Entry, Outcome
from handouts.web.views import bp, owner

SAVED_NAME = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,58}[a-z0-9])?$")  # what api.slug makes
THUMB_PX = 240  # twice the largest size a thumbnail is shown at
LONG = 365 * 24 * 3600  # seconds the browser keeps a picture asked for by its version
RASTER = (".png", ".jpg", ".jpeg")
# by path, with the file's stamp (and the colours a figure is drawn in) when it was made:
# a picture replaced while the app runs gets a new thumbnail, and the old one goes; or why
# none can be made
_thumbs: dict[str, tuple[tuple, tuple[bytes, str] | Exception]] = {}
_thumbs_lock = threading.Lock()


def settings():
    return current_app.extensions["handouts"]


@bp.get("/programs")
def saved():
    folder = settings().programs_dir
    found = []
    if folder.is_dir():
        for path in folder.glob("*.yaml"):
            if SAVED_NAME.match(path.stem):
                found.append((path.stem, dt.datetime.fromtimestamp(path.stat().st_mtime)))
    found.sort(key=lambda f: f[1], reverse=True)
    return render_template("programs.html", programs=found)


@bp.get("/programs/<name>")
def open_saved(name: str):
    """A saved program, ready to progress; the name must be one ``api.slug`` could make."""
    if not SAVED_NAME.match(name):
        abort(404)
    s = settings()
    path = s.programs_dir / f"{name}.yaml"
    if not path.is_file():
        abort(404)
    try:
        program = api.load_program(path, s.ws)
    except HandoutError as exc:
        lines = [str(p).replace(str(s.programs_dir), "programs") for p in exc.problems]
        return render_template("error.html", title=f"programs/{name}.yaml has problems",
                               text="Fix these lines in the file, then open it again.",
                               lines=lines, code=422), 422
    draft = drafts.from_program(program, s.ws, file_name=name)
    entry = Entry(owner(), draft, Outcome(
        notice=f"Opened programs/{name}.yaml; today's date prints on the new handout.",
        where="top"))
    ident = s.drafts.put(None, entry)
    return redirect(url_for("web.page", ident=ident), 303)


def live(**answer):
    """A live check's answer, with the banner about the library files as saved (``library``):
    this request looked at them again, as a button's does (see ``_fresh_workspace``), so
    the page shows what it found without a button pressed."""
    return jsonify(**answer, library=render_template("stale.html"))


@bp.get("/check")
def check():
    """The live check of one dose box (or a stage's weeks): the message a program YAML
    would get."""
    field = request.args.get("field", "")
    if field not in drafts.STAGE_KEYS:
        return jsonify(ok=False, message="unknown dose field"), 400
    message = drafts.check_dose_field(field, request.args.get("value", "")[:200])
    return live(ok=message is None, message=message or "")


@bp.get("/search")
def search():
    """The live search: the ids of the exercises that match, in the library's order."""
    found = catalog.search(settings().cards, request.args.get("q", "")[:100],
                           request.args.get("tag", "")[:40])
    return live(ids=[c.exercise.id for c in found])


@bp.post("/preview")
def preview_now():
    """The preview of the program as the form holds it now: its pages and warnings, or why
    there is none yet."""
    draft = drafts.from_form(request.form, settings().ws.library)
    if not draft.items:
        return live(ok=False, message="Add an exercise to see the handout.")
    shown, warnings = editor.built_preview(draft)
    if shown is None:
        return live(ok=False, message="Fix the marked boxes to see the handout.")
    return live(ok=True, pages=shown.pages, warnings=warnings,
                urls=[url_for("web.preview_page", key=shown.key, number=n)
                      for n in range(1, shown.pages + 1)])


@bp.get("/preview/<key>/<int:number>.jpg")
def preview_page(key: str, number: int):
    if not re.fullmatch(r"[0-9a-f]{20}", key):
        abort(404)
    image = settings().previews.image(key, number)
    if image is None:
        abort(404)
    response = Response(image, mimetype="image/jpeg")
    response.headers["Cache-Control"] = "private, max-age=3600"  # a key names one content
    return response


def picture_stamp(path, look: tuple = ()) -> tuple:
    """What a thumbnail is made from: the file as it is now (size, time of the last change,
    inode: a picture saved over, or another moved into its place) and ``look`` (a figure's
    colours)."""
    info = path.stat()
    return (info.st_size, info.st_mtime_ns, info.st_ino, *look)


def version(stamp: tuple) -> str:
    """The ``?v=`` of a picture's address: its stamp, short."""
    return hashlib.blake2s(repr(stamp).encode(), digest_size=6).hexdigest()


class Refused(Exception):
    """A picture the page cannot show: ``word`` says why in a word or two (what the page
    shows in its place), the message in a line (as a handout's warning says it)."""

    def __init__(self, message: str, word: str):
        super().__init__(message)
        self.word = word


def refusal(exc: Exception) -> Refused:
    if isinstance(exc, Refused):
        return exc
    if isinstance(exc, api.UnreadablePhoto):
        return Refused(str(exc), exc.word)
    if isinstance(exc, OSError):
        return Refused(f"cannot read it: {exc.strerror or exc}", "cannot open")
    return Refused(str(exc), "has problems")  # a figure file that does not draw


def unprinted(path) -> Refused | None:
    """A file of a type a handout does not print (a .tiff was sent as an SVG)."""
    suffix = path.suffix.lower()
    if suffix == ".svg" or suffix in RASTER:
        return None
    return Refused(f'"{suffix or path.name}" is not a picture type we use; use .svg, .png or '
                   ".jpg", "wrong format")


def _made(path, draw) -> tuple[bytes, str]:
    if draw is not None:
        return draw(), "image/svg+xml"
    wrong = unprinted(path)
    if wrong is not None:
        raise wrong
    if path.suffix.lower() == ".svg":
        return path.read_bytes(), "image/svg+xml"
    # opened as a handout opens it: only the formats it prints (Pillow opens an EPS by
    # running Ghostscript), and no more pixels than it takes (a huge PNG is not decoded)
    return api.photo_thumbnail(path.read_bytes(), THUMB_PX), "image/jpeg"


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


def refused(path, look: tuple = ()) -> Refused | None:
    """Why the page cannot show this picture, told before the browser asks for it (so that
    the page says so in its place, not the browser's broken-picture frame), as far as it is
    known without making the thumbnail: a refusal of its thumbnail, a type a handout does
    not print, a photo's first bytes (empty, a format not printed, too many pixels); a
    photo damaged further in is found as its thumbnail is made, and said from then on."""
    key, stamp = str(path), picture_stamp(path, look)
    with _thumbs_lock:
        made, probed = _thumbs.get(key), _probed.get(key)
    if made is not None and made[0] == stamp:
        return made[1] if isinstance(made[1], Refused) else None
    if look or path.suffix.lower() == ".svg":
        return None  # a drawing: what is wrong with it is found as it is drawn
    if unprinted(path) is not None:
        return unprinted(path)
    if probed is not None and probed[0] == stamp:
        return probed[1]
    found = api.photo_problem(path.read_bytes())
    found = refusal(found) if found is not None else None
    with _thumbs_lock:
        _probed[key] = (stamp, found)
    return found


# each photo's first bytes as last looked at, by path, with the file's stamp (see refused)
_probed: dict[str, tuple[tuple, Refused | None]] = {}


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
    """The file of an exercise's picture and what its thumbnail is drawn in (a figure file's
    colours), or None: only files the library names, inside its folder."""
    ws = settings().ws
    if exercise_id not in ws.library.exercise_ids:
        return None
    image = ws.library.exercise(exercise_id).image
    path = ws.image_root / image if image else None
    if path is None or not api.inside_folder(ws.image_root, image) or not path.is_file():
        return None
    if not path.name.lower().endswith(".figure.yaml"):
        return path, ()
    colours = ws.clinic.colors.readable()
    return path, (colours.primary, colours.accent)


@bp.app_template_global()
def picture_url(exercise_id: str) -> str:
    """The thumbnail's address, with the picture's version in it: the browser keeps a
    thumbnail long, and a picture replaced meanwhile is a new address, so the next page
    shows it."""
    try:
        found = picture_file(exercise_id)
        stamp = picture_stamp(*found) if found else ()
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
    if problem is None:
        return dict(url=picture_url(exercise_id))
    return dict(why=problem.word, said=f"{image}: {problem}")


@bp.get("/images/<exercise_id>")
def picture(exercise_id: str):
    """An exercise's thumbnail: only files the library names; the request never names a path.
    A figure file is drawn in the clinic's colours. (``?v=`` is only for the browser's
    cache: see picture_url.)"""
    s = settings()
    found = picture_file(exercise_id)
    if found is None:
        abort(404)
    path, look = found
    return send_picture(path, (lambda: api.draw_exercise(exercise_id, s.ws)) if look else None,
                        look)


def logo_file():
    """The clinic's logo, or None: only the file clinic.yaml names, inside its folder."""
    s = settings()
    logo = s.ws.clinic.logo
    if not logo or not api.inside_folder(s.ws.logo_root, logo) \
            or not (s.ws.logo_root / logo).is_file():
        return None
    return s.ws.logo_root / logo


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


@bp.get("/clinic.css")
def clinic_css():
    # darkened where needed until white text on them (and they on white) reads at 4.5:1,
    # as WCAG asks and the handouts print them: a pale brand colour would otherwise make
    # the buttons unreadable
    colours = settings().ws.clinic.colors.readable()
    text = (f":root {{ --primary: {colours.primary}; --accent: {colours.accent}; "
            f"--text: {colours.text}; }}\n")
    return Response(text, mimetype="text/css", headers={"Cache-Control": "no-cache"})
