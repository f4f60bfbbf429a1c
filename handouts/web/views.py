"""The pages. Each request reads the program being edited from the posted form, calls the
library, and answers with the editor, a PDF, or a saved file's name; no state stays on the
server between requests but the sign-in."""

from __future__ import annotations

import datetime as dt
import re

import yaml
from flask import (Blueprint, Response, abort, current_app, jsonify, redirect, render_template,
                   request, send_file, session, url_for)

import handouts as api
from handouts import DOSE_FIELDS, HandoutError
from handouts.web import catalog
from handouts.web import draft as drafts
from handouts.web import security
from handouts.web.draft import Draft, Item

bp = Blueprint("web", __name__)

SAVED_NAME = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,58}[a-z0-9])?$")  # what api.slug makes
DOSE_LABELS = {"hold": "Hold", "reps": "Reps", "sets": "Sets", "breaths": "Breaths",
               "duration": "Duration", "frequency": "How often", "side": "Side",
               "rest": "Rest", "equipment": "Equipment", "load": "Load",
               "alternatives": "Alternatives", "tempo": "Tempo", "effort": "Effort",
               "resistance": "Resistance", "distance": "Distance", "range": "Range"}
PUBLIC_ENDPOINTS = ("web.login", "static")


def settings():
    return current_app.extensions["handouts"]


def require_sign_in():
    if not settings().password or request.endpoint in PUBLIC_ENDPOINTS:
        return None
    if session.get("signed_in"):
        return None
    if request.method in security.SAFE_METHODS:
        return redirect(url_for("web.login"))
    abort(403)


@bp.route("/login", methods=["GET", "POST"])
def login():
    password = settings().password
    if not password:
        return redirect(url_for("web.start"))
    wrong = False
    if request.method == "POST":
        if security.password_matches(request.form.get("password", ""), password):
            session.clear()
            session["signed_in"] = True
            return redirect(url_for("web.start"))
        wrong = True
    return render_template("login.html", wrong=wrong), 401 if wrong else 200


@bp.post("/logout")
def logout():
    session.clear()
    return redirect(url_for("web.login"))


@bp.get("/")
def start():
    return editor(Draft())


@bp.get("/program")
def program_page():
    return redirect(url_for("web.start"))


@bp.post("/program")
def program():
    """Every button of the editor posts here, naming itself in ``action``."""
    lib = settings().ws.library
    draft = drafts.from_form(request.form, lib)
    action, _, arg = request.form.get("action", "refresh").partition(":")
    if action == "add":
        if arg not in lib.exercise_ids:
            abort(400)
        if len(draft.items) >= drafts.MAX_EXERCISES:
            return editor(draft, general=[f"A program holds at most {drafts.MAX_EXERCISES} "
                                          "exercises."], status=422)
        draft.items.append(Item(arg))
    elif action in ("up", "down", "remove"):
        move(draft.items, action, arg)
    elif action == "protocol":
        if request.form.get("protocol") not in lib.protocol_ids:
            return editor(draft, errors={"protocol": ["Choose a protocol first."]}, status=422)
        drafts.add_protocol(draft, request.form["protocol"], lib)
    elif action in ("build", "download", "save", "email"):
        return finish(draft, action)
    elif action not in ("refresh", "search"):
        abort(400)
    return editor(draft)


def move(items: list[Item], action: str, arg: str) -> None:
    if not arg.isdigit() or not 0 <= int(arg) < len(items):
        abort(400)
    i = int(arg)
    if action == "remove":
        del items[i]
    elif action == "up" and i > 0:
        items[i - 1], items[i] = items[i], items[i - 1]
    elif action == "down" and i < len(items) - 1:
        items[i + 1], items[i] = items[i], items[i + 1]


def finish(draft: Draft, action: str):
    """Build, download, save or email: each needs a valid program first."""
    s = settings()
    program, errors, general = drafts.validate(draft, s.ws, today=dt.date.today())
    if program is None:
        return editor(draft, errors=errors, general=general, status=422)
    if action == "save":
        return save(draft, program)
    try:
        built = api.build_handout(program, s.ws)
        if action == "email":
            return editor(draft, notice=s.send_email(s.ws, program, built))
    except HandoutError as exc:
        return editor(draft, general=[str(p) for p in exc.problems], status=422)
    response = Response(built.pdf, mimetype="application/pdf")
    disposition = "inline" if action == "build" else "attachment"
    response.headers["Content-Disposition"] = f'{disposition}; filename="{built.filename}"'
    response.headers["Cache-Control"] = "no-store"
    return response


def save(draft: Draft, program):
    name = api.slug(draft.file_name or draft.patient_name, fallback="")
    if not name:
        return editor(draft, errors={"file_name": ["Give the program a file name with letters "
                                                   "or digits."]}, status=422)
    path = settings().programs_dir / f"{name}.yaml"
    if path.exists() and name != draft.opened:
        return editor(draft, errors={"file_name": [
            f"programs/{name}.yaml already exists: open it from Saved programs to change it, "
            "or choose another file name."]}, status=422)
    text = (f"# Saved by the web app; build it with: {build_command(path)}\n"
            + yaml.safe_dump(program.to_yaml_data(), sort_keys=False, allow_unicode=True))
    try:
        api.write_atomic(path, text.encode("utf-8"))
    except OSError as exc:
        return editor(draft, general=[f"programs/{name}.yaml could not be saved: "
                                      f"{exc.strerror or exc}"], status=500)
    draft.file_name = draft.opened = name
    return editor(draft, notice=f"Saved as programs/{name}.yaml")


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
    return editor(draft, notice=f"Opened programs/{name}.yaml; today's date prints on the "
                                "new handout.")


@bp.get("/check")
def check():
    """The live check of one dose box: the message a program YAML would get."""
    field = request.args.get("field", "")
    if field not in DOSE_FIELDS:
        return jsonify(ok=False, message="unknown dose field"), 400
    message = drafts.check_dose_field(field, request.args.get("value", "")[:200])
    return jsonify(ok=message is None, message=message or "")


@bp.get("/images/<exercise_id>")
def picture(exercise_id: str):
    """An exercise's drawing: only files the library names; the request never names a path."""
    s = settings()
    if exercise_id not in s.ws.library.exercise_ids:
        abort(404)
    image = s.ws.library.exercise(exercise_id).image
    path = s.ws.image_root / image if image else None
    if path is None or not api.inside_folder(s.ws.image_root, image) or not path.is_file():
        abort(404)
    if path.name.lower().endswith(".figure.yaml"):  # drawn from data, in the clinic's colours
        try:
            svg = api.draw_exercise(exercise_id, s.ws)
        except HandoutError:
            abort(404)
        response = Response(svg, mimetype="image/svg+xml")
        response.cache_control.max_age = 3600
    else:
        response = send_file(path, max_age=3600)
    response.headers["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    return response


def build_command(path) -> str:
    """How to build a saved program from the command line, with this app's clinic."""
    ws = settings().ws
    home = "" if ws.home == api.ROOT else f"--home {ws.home} "
    return f"make_handouts.py {home}build {path}"


def editor(draft: Draft, *, errors=None, general=(), notice=None, status=200):
    s = settings()
    lib = s.ws.library
    query = request.values.get("q", "").strip()[:100]
    tag = request.values.get("tag", "")
    shown = {c.exercise.id for c in catalog.search(s.cards, query, tag)}
    rows = []
    for i, item in enumerate(draft.items):
        entry = lib.exercise(item.id)
        placeholders = drafts.placeholders(entry)
        main = [f for f in DOSE_FIELDS if f in placeholders or item.dose.get(f)]
        rows.append(dict(index=i, item=item, entry=entry, placeholders=placeholders,
                         main=main, more=[f for f in DOSE_FIELDS if f not in main]))
    return render_template(
        "editor.html", d=draft, rows=rows, errors=errors or {}, general=list(general),
        notice=notice, cards=s.cards, shown=shown, query=query, tag=tag,
        tag_groups=catalog.tag_groups(lib), library=lib, labels=DOSE_LABELS,
        can_email=bool(s.ws.clinic.smtp), max_exercises=drafts.MAX_EXERCISES,
        language_choices=language_choices(draft.language),
        warnings=handout_warnings(draft) if not errors else []), status


def handout_warnings(draft: Draft) -> list[str]:
    """What the handout would warn about if built now (English text in a Spanish handout, a
    missing picture): a PDF opened in the browser cannot say it."""
    s = settings()
    if not draft.items:
        return []
    program, _, _ = drafts.validate(draft, s.ws, today=dt.date.today())
    if program is None:
        return []
    try:
        return api.preflight(api.resolve_program(program, s.ws), s.ws)
    except HandoutError:
        return []


def language_choices(current: str) -> list[tuple[str, str]]:
    """Each language the handout can print in, and each pair for a bilingual one; a saved
    file's choice stays on the list even if it is not one of these."""
    ws = settings().ws
    names = {lang: api.phrase(lang, "language_name", ws.wording) for lang in ws.languages}
    ordered = sorted(names, key=lambda lang: (lang != "en", lang))
    choices = [(lang, names[lang].capitalize()) for lang in ordered]
    choices += [(f"{a}, {b}", f"{names[a].capitalize()} + {names[b]}")
                for a in ordered for b in ordered if a != b]
    if current not in dict(choices):
        choices.append((current, current))
    return choices
