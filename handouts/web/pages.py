"""The other addresses: saved programs, the live checks (a dose box, the search, the
preview), and the clinic's colours (its pictures: see pictures)."""

from __future__ import annotations

import datetime as dt
import re

from flask import (Response, abort, current_app, jsonify, redirect, render_template,
                   request, url_for)

import handouts as api
from handouts import HandoutError
from handouts.web import catalog, dose_fields, editor, picker, preview, security
from handouts.web import draft as drafts
from handouts.web.staff_words import page_said as said
from handouts.web.store import Entry, Outcome
from handouts.web.views import bp, owner

SAVED_NAME = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,58}[a-z0-9])?$")  # what api.slug makes


def saved_name(name: str) -> bool:
    """Whether ``name`` is one the app saves programs under: ``api.slug``'s, or, for a
    patient's name with no Latin letter, the name in its own script (``api.program_name``)."""
    return bool(SAVED_NAME.match(name)) or api.is_program_name(name)


def settings():
    return current_app.extensions["handouts"]


@bp.get("/programs")
def saved():
    folder, timezone = settings().programs_dir, settings().ws.clinic.timezone
    found = []
    if folder.is_dir():
        for path in folder.glob("*.yaml"):
            # a link to a file elsewhere is no program saved here, as a roster's row
            # naming one is refused
            if saved_name(path.stem) and api.inside_folder(folder, path.name):
                saved = dt.datetime.fromtimestamp(path.stat().st_mtime, dt.timezone.utc)
                found.append((path.stem, api.clinic_time(saved, timezone)))
    found.sort(key=lambda f: f[1], reverse=True)
    return render_template("programs.html", programs=found)


@bp.post("/programs/open")
def open_posted():
    """A saved program opened from the list: its name (often the patient's) is posted, not
    put in an address, which the browser keeps in its history for the next person at a
    shared front-desk computer to find."""
    return open_saved(request.form.get("name", ""))


@bp.get("/programs/<name>")
def open_saved(name: str):
    """A saved program, ready to progress; the name must be one the app saves under.
    (By its address: a link or bookmark made before the list posted it.)"""
    if not saved_name(name):
        abort(404)
    if request.method == "GET" and security.from_another_site():
        return redirect(url_for("web.saved"), 303)  # the list: opened from there by a click
    s = settings()
    path = s.programs_dir / f"{name}.yaml"
    if not path.is_file() or not api.inside_folder(s.programs_dir, path.name):
        abort(404)
    # the file as opened, read before it is loaded: one saved in between is then taken
    # for one saved after it was opened, and not saved over unasked (issue.save)
    stamp = api.file_stamp(path)
    try:
        program = api.load_program(path, s.ws)
    except HandoutError as exc:
        lines = [str(p).replace(str(s.programs_dir), "programs") for p in exc.problems]
        return render_template("error.html",
                               title=said("saved_has_problems", file=f"programs/{name}.yaml"),
                               text=said("saved_fix_lines"), lines=lines, code=422), 422
    draft = drafts.from_program(program, s.ws, file_name=name, stamp=stamp)
    entry = Entry(owner(), draft, Outcome(
        notice=said("saved_opened", file=f"programs/{name}.yaml"), where="top"))
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
    message = dose_fields.check_dose_field(field, request.args.get("value", "")[:200],
                                           settings().ws)
    return live(ok=message is None, message=message or "")


@bp.get("/search")
def search():
    """The live search: the cards the page shows for it (the first matches, the best first,
    and the program's: ``program``, its exercises' ids in order), how many match, and
    their ids."""
    program = [i for i in request.args.get("program", "").split(",")[:drafts.MAX_EXERCISES]
               if i]
    in_program = {ident: n for n, ident in enumerate(dict.fromkeys(program), 1)}
    shown = picker.picked(settings().cards, catalog.Finding.asked(request.args),
                          keep=in_program, liked=picker.favourites(request.cookies))
    cards = render_template("cards.html", picked=shown, in_program=in_program,
                            outcome=Outcome())
    return live(ids=[c.exercise.id for c in shown.cards], found=shown.found,
                total=shown.total, cards=cards)


@bp.post("/preview")
def preview_now():
    """The preview of the program as the form holds it now: its pages and warnings, or why
    there is none yet."""
    draft = drafts.from_form(request.form, settings().ws.library)
    shown, warnings, why = editor.built_preview(draft, owner())
    if shown is None:
        return live(ok=False, message=why)
    return live(ok=True, pages=shown.pages, warnings=warnings,
                urls=[url_for("web.preview_page", key=shown.key, number=n)
                      for n in range(1, shown.pages + 1)],
                print_urls=[url_for("web.preview_print_size", key=shown.key, number=n)
                            for n in range(1, shown.pages + 1)])


@bp.get("/preview/<key>/<int:number>.jpg")
def preview_page(key: str, number: int):
    return page_image(key, number, preview.SCALE)


@bp.get("/preview/<key>/<int:number>/print-size.jpg")
def preview_print_size(key: str, number: int):
    """The page drawn for the editor's *print size* view: the column beside the form shows
    a Letter page at about 420 px, its words 5 px high."""
    return page_image(key, number, preview.PRINT_SCALE)


def page_image(key: str, number: int, scale: float):
    if not re.fullmatch(r"[0-9a-f]{20}", key):
        abort(404)
    image = settings().previews.image(key, number, owner(), scale)
    if image is None:
        abort(404)
    response = Response(image, mimetype="image/jpeg")
    # the patient's name is on the page, as in the PDF: never on a shared computer's disk
    # (a page shown again is the same address, which the browser's page still has)
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/clinic.css")
def clinic_css():
    # darkened where needed until white text on them (and they on white) reads at 4.5:1,
    # as WCAG asks and the handouts print them: a pale brand colour would otherwise make
    # the buttons unreadable
    colours = settings().ws.clinic.colors.readable()
    text = (f":root {{ --primary: {colours.primary}; --accent: {colours.accent}; "
            f"--text: {colours.text}; }}\n")
    return Response(text, mimetype="text/css", headers={"Cache-Control": "no-cache"})
