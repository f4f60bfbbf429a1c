"""The editor page: a draft and the outcome of the last action, rendered with the library
beside it, the preview of the handout it would print, and the focus where it belongs."""

from __future__ import annotations

import re
from dataclasses import dataclass

from flask import current_app, render_template, request, url_for

import handouts as api
from handouts import DOSE_FIELDS, HandoutError
from handouts.web import (actions, catalog, dose_fields, draft_program, picker, preview,
                          protocols, staff_words, twice, weeks_on)
from handouts.web import draft as drafts
from handouts.web.store import Entry, Outcome

NBSP = "\u00a0"
# the columns a stage commonly changes, where the exercise's dose has them (with reps, sets)
STAGE_COLUMNS = ("hold", "reps", "sets", "breaths", "duration", "load", "resistance",
                 "distance")
PATIENT_FIELDS = ("patient_name", "patient_dob", "patient_number", "patient_email",
                  "therapist", "patient_caregiver", "patient_caregiver_email", "log_pain",
                  "next_visit", "log_weeks", "weeks_from", "affected_side", "note", "language",
                  "order", "large_print")


def settings():
    return current_app.extensions["handouts"]


def field_order(draft) -> list[str]:
    """Every field that can carry a message, in the page's order (the first with a problem
    gets the focus)."""
    names = list(PATIENT_FIELDS)
    for i, item in enumerate(draft.items):
        names += [f"ex-{i}-id", *(f"ex-{i}-{f}" for f in DOSE_FIELDS)]
        names += [f"ex-{i}-stage-{j}-{k}" for j, _ in enumerate(item.stages)
                  for k in drafts.STAGE_KEYS]
        names.append(f"ex-{i}-note")
    return names + ["education", "file_name", "protocol", "protocol_title"]


def in_form_order(draft, errors: dict[str, list[str]]) -> dict[str, list[str]]:
    """The problems as the form shows their boxes, for the summary above it: the checks
    find them in another order (a stage's overlapping weeks after any bad value)."""
    place = {name: i for i, name in enumerate(field_order(draft))}
    return dict(sorted(errors.items(), key=lambda found: place.get(found[0], len(place))))


def focus_target(draft, outcome: Outcome) -> str:
    """The id of the element to focus after this outcome."""
    if outcome.errors:
        return next((n for n in field_order(draft) if n in outcome.errors), "problems")
    if outcome.general:
        return "problems"
    if outcome.focus:
        return outcome.focus
    where = outcome.where
    if where.startswith("removed-"):
        return "undo"
    if where.startswith("item-"):
        return f"item-{where[5:]}-title"
    return ""


def rows_for(draft) -> list[dict]:
    lib = settings().ws.library
    rows = []
    for i, item in enumerate(draft.items):
        entry = lib.exercise(item.id) if item.id in lib.exercise_ids else Gone(
            actions.title(lib, item.id))
        placeholders = dose_fields.placeholders(entry, item.dose)
        before = draft.previous.get(item.id, {})
        main = [f for f in DOSE_FIELDS if f in placeholders or item.dose.get(f) or before.get(f)]
        stages = weekly(i, item, entry, placeholders)
        rows.append(dict(index=i, item=item, entry=entry, placeholders=placeholders,
                         main=main, more=[f for f in DOSE_FIELDS if f not in main],
                         before=before, weekly=stages,
                         stages_before=last_visit(draft.previous_stages.get(item.id, [])),
                         restart=weeks_on.restart_note(draft, item.id, len(stages["rows"]),
                                                       settings().ws.today())))
    return rows


@dataclass(frozen=True)
class Gone:
    """An exercise the library no longer has, as its row shows it: by its id, with no
    picture and no library dose (draft_program.gone)."""
    title: str
    image: None = None
    dose: None = None


def weekly(i: int, item, entry, placeholders: dict[str, str]) -> dict:
    """The Week by week table of one exercise: its columns, and each row's boxes with what an
    empty box prints (in grey): the library's stage while the rows are the library's, else
    the exercise's dose."""
    library = dose_fields.stage_texts(entry.dose)
    used = {k for row in (*library, *item.stages) for k in row} | {
        f for f in STAGE_COLUMNS if placeholders.get(f) or item.dose.get(f)}
    if "reps" in used:
        used.add("sets")
    columns = [f for f in DOSE_FIELDS if f in used] or ["reps", "sets"]
    shown = []
    for j in range(len(item.stages) if item.own_stages else len(library)):
        typed = item.stages[j] if j < len(item.stages) else {}
        grey = library[j] if not item.own_stages else {}
        shown.append(dict(index=j, weeks=typed.get("weeks") or grey.get("weeks", ""), cells=[
            dict(key=k, name=f"ex-{i}-stage-{j}-{k}", value=typed.get(k, ""),
                 placeholder=grey.get(k) or (k != "weeks" and (
                     item.dose.get(k) or placeholders.get(k))) or "")
            for k in ("weeks", *columns)]))
    return dict(columns=columns, rows=shown, library=bool(library), own=item.own_stages)


def last_visit(rows: list[dict[str, str]]) -> str:
    """The last visit's stages on one line: "weeks 1-2: hold 10 s; weeks 3-4: hold 20 s"."""
    parts = []
    for j, row in enumerate(rows):
        weeks = actions.stage_named(row.get("weeks"), j + 1)
        # a value stays on one line ("20 s" is not broken before its "s")
        dose = ", ".join(f"{label(k).lower()} {row[k].replace(' ', NBSP)}"
                         for k in DOSE_FIELDS if row.get(k))
        parts.append(said("stage_given", weeks=weeks, dose=dose or said("unchanged_dose")))
    return said("stages_apart").join(parts)


def built_preview(draft, owner: str) -> tuple[preview.Preview | None, list[str], str]:
    """The handout as it would print now (its preview, kept for the browser ``owner``, and
    what it warns about), or None and what to do to see it while the program is not
    valid."""
    s = settings()
    program, found, general = draft_program.validate(draft, s.ws, today=s.ws.today())
    shown, warnings = preview_of(draft, program, owner)
    return shown, warnings, "" if shown else why_no_preview(draft, found, general)


def why_no_preview(draft, found: dict[str, list[str]], general: list[str]) -> str:
    """What to do to see the handout, said where the preview would be. An empty name is
    not marked until the handout is asked for, so "Fix the marked boxes" sent a therapist
    looking for a mark that was not there: each box is named."""
    if not draft.items:
        return said("add_to_see")
    if draft_program.gone(draft, settings().ws.library):
        return said("gone_to_see")
    no_name = "patient_name" in found and not draft.patient_name.strip()
    labels = field_labels(draft)
    boxes = [f'"{labels.get(name, name)}"' for name in in_form_order(draft, found)
             if not (no_name and name == "patient_name")]
    if len(boxes) > 3:
        boxes = [*boxes[:2], said("more_boxes", count=len(boxes) - 2)]
    todo = [*([said("type_name")] if no_name else []),
            *([said("fix_boxes", boxes=words().listed(boxes))] if boxes else [])]
    if not todo:  # a problem of no one box (rare: the library changed under the form)
        return said("build_to_see")
    if no_name and not boxes:
        return said("name_to_see")
    return said("to_see", todo=words().listed(todo))


def preview_of(draft, program: api.Program | None, owner: str,
               ) -> tuple[preview.Preview | None, list[str]]:
    """The preview of ``program``, kept for the browser ``owner``, and its warnings."""
    s = settings()
    if program is None:
        return None, []
    try:
        built = api.build_handout(program, s.ws)
    except HandoutError:
        return None, []
    shown = preview.make(built.pdf, built.handout, s.previews, owner)
    left = left_protocol(draft, program, s.ws.library)
    return shown, [*([left] if left else []),
                   *(staff_words.as_form(line, words()) for line in protocols.shown(
                       [*api.preflight(built.handout, s.ws), *shown.warnings], s.ws))]


def form_words(found: dict[str, list[str]]) -> dict[str, list[str]]:
    """Messages by box, a program file's key they name said as the form labels its box."""
    return {box: [staff_words.as_form(m, words()) for m in said] for box, said in found.items()}


def left_protocol(draft, program: api.Program, lib) -> str | None:
    """What the page says where the program started from a protocol no longer names it (a
    program file can leave some of its exercises out, but not all, nor take a topic away,
    nor move one): that its handout loses the protocol's title and what it is for, and why.
    Said before the therapist builds or saves, while it can still be put back; None where
    it names it."""
    if not draft.protocol or program.protocol or draft.protocol not in lib.protocol_ids:
        return None
    protocol = lib.protocol(draft.protocol)
    ids = [item.id for item in draft.items]
    kept = [item.id for item in protocol.exercises if item.id in ids]
    why = [] if kept else ["you took out all its exercises"]
    if kept and ids[:len(kept)] != kept:
        why.append("its exercises are no longer first, in its order")
    why += [f"you unticked {lib.topic(t).title}" for t in protocol.education
            if t not in draft.education and t in lib.topic_ids]
    why = why or ["a change you made cannot be kept over it"]
    return (f'This is no longer the protocol "{protocol.title}": {"; ".join(why)}. The '
            "handout will not carry the protocol's title or what it is for. Put back what "
            "you changed to keep them.")


def held_marks(draft, found: dict[str, list[str]]) -> dict[str, list[str]]:
    """The problems of the boxes that hold something typed: every page marks them, whichever
    button was pressed (a "5-x" marked by Build kept its text but lost its mark when Remove
    was pressed next). An empty box that must be filled is told when the handout is asked
    for, not while the program is still being made."""
    def typed(name: str) -> str:
        if name in PATIENT_FIELDS:
            return str(getattr(draft, name))
        box = _BOX.match(name)
        if not box or int(box.group(1)) >= len(draft.items):
            return ""
        item, rest = draft.items[int(box.group(1))], box.group(2)
        if rest == "note":
            return item.note
        stage = _STAGE.match(rest)
        if stage:
            j = int(stage.group(1))
            return item.stages[j].get(stage.group(2), "") if j < len(item.stages) else ""
        return item.dose.get(rest, "")

    return {name: lines for name, lines in found.items()
            if name != "large_print" and typed(name).strip()}


def open_sections(draft, rows: list[dict], marks: dict, outcome: Outcome) -> list[str]:
    """The sections (details) the page shows open, by a name that follows an exercise when
    it moves: those open when the button was pressed (app.js posts them; without it the
    page's own list comes back), an exercise's Week by week the first time it has rows (a
    therapist who closed it after that saw it open again at every button) or with the
    button's answer, and always one that holds a marked box. Each row is told its own."""
    shown = set(draft.open_sections)
    for row in rows:
        i, ident, w = row["index"], row["item"].id, row["weekly"]
        row["open_more"] = f"more-{ident}" in shown or any(
            f"ex-{i}-{f}" in marks for f in row["more"])
        row["open_weekly"] = (f"weekly-{ident}" in shown
                              or (has_rows(row) and ident not in draft.weekly_shown)
                              or outcome.where == f"item-{i}-weekly"
                              or any(n.startswith(f"ex-{i}-stage-") for n in marks))
    protocol = ("as-protocol" in shown or "protocol_title" in marks
                or outcome.where == "save_protocol")
    return [*(f"{kind}-{row['item'].id}" for row in rows for kind in ("more", "weekly")
              if row[f"open_{kind}"]), *(["as-protocol"] if protocol else [])]


def has_rows(row: dict) -> bool:
    """Whether an exercise's Week by week has something to show: stages, or the last
    visit's."""
    return bool(row["weekly"]["rows"] or row["stages_before"])


def weekly_shown(draft, rows: list[dict]) -> list[str]:
    """The exercises whose Week by week this page shows with rows, and those shown so
    before (one removed and put back by Undo does not open by itself again)."""
    drawn = [row["item"].id for row in rows if has_rows(row)]
    return list(dict.fromkeys([*drawn, *draft.weekly_shown]))[:2 * drafts.MAX_EXERCISES]


_BOX = re.compile(r"^ex-(\d+)-(.+)$")
_STAGE = re.compile(r"^stage-(\d+)-([a-z]+)$")


def render(entry: Entry, ident: str | None, status: int = 200):
    s = settings()
    draft, outcome = entry.draft, entry.outcome
    lib = s.ws.library
    program, found, left = draft_program.validate(draft, s.ws, today=s.ws.today())
    # a refused protocol or file name marks its box, and the doses keep theirs
    marks = form_words({**held_marks(draft, found), **outcome.errors})
    # only what stops the handout hides it: a file name or protocol name refused by a save
    # marks its box, and the handout is still the one Build would print
    pv, warnings = preview_of(draft, program, entry.owner)
    no_preview = "" if pv else why_no_preview(draft, found, left)
    general = [staff_words.as_form(line, words()) for line in outcome.general]
    if draft.dropped:
        general.append(twice.told([actions.title(lib, i) for i in draft.dropped]))
    # said on every page until replaced, not only when a build is refused
    general += [line for line in draft_program.gone_lines(draft, lib) if line not in general]
    in_program = {item.id: n for n, item in enumerate(draft.items, 1)}
    answered_on = [outcome.where[5:]] if outcome.where.startswith("card-") else []
    shown = picker.picked(s.cards, entry.finding, keep=[*in_program, *answered_on],
                          liked=picker.favourites(request.cookies))
    rows = rows_for(draft)
    return render_template(
        "editor.html", d=draft, ident=ident or "", revision=entry.revision, rows=rows,
        marks=marks,
        open_sections=open_sections(draft, rows, marks, outcome),
        weekly_shown=weekly_shown(draft, rows),
        errors=in_form_order(draft, form_words(outcome.errors)), general=general, outcome=outcome,
        field_labels=field_labels(draft), focus=focus_target(draft, outcome), picked=shown,
        in_program=in_program, finding=entry.finding,
        tag_groups=catalog.tag_groups(lib), library=lib,
        library_protocols=s.ws.library_as_written.protocols,
        local_protocols=s.ws.local.protocols,
        local_problems=protocols.shown(s.ws.local.problems, s.ws),
        labels={k: label(k) for k in (*drafts.STAGE_KEYS, *DOSE_FIELDS)},
        can_email=bool(s.ws.clinic.smtp),
        max_exercises=drafts.MAX_EXERCISES, language_choices=language_choices(draft.language),
        log_weeks_choices=log_weeks_choices(draft.log_weeks),
        clinic_weeks=weeks(s.ws.clinic.log_weeks or 1), clinic_pain=s.ws.clinic.log_pain,
        warnings=warnings, preview=pv, no_preview=no_preview,
        print_scale=preview.PRINT_SCALE,
        pdf_url=url_for("web.handout_pdf", ident=ident, key=entry.pdf_key)
        if ident and entry.pdf else "",
        filename=entry.filename), status


def field_labels(draft) -> dict[str, str]:
    """What each box of the form is called where the page names it, as its label says it in
    the page's language: in the list of problems and in the preview's line."""
    lib = settings().ws.library
    labels = {field: said(key) for field, key in BOXES.items()}
    for i, item in enumerate(draft.items):
        where = said("exercise_box", number=i + 1, title=actions.title(lib, item.id))
        labels.update({f"ex-{i}-{f}": f"{where}, {label(f).lower()}" for f in DOSE_FIELDS})
        labels.update({f"ex-{i}-note": f"{where}, {said('note').lower()}", f"ex-{i}-id": where})
        labels.update({f"ex-{i}-stage-{j}-{k}": said("stage_box", where=where, number=j + 1,
                                                     field=label(k).lower())
                       for j, _ in enumerate(item.stages) for k in drafts.STAGE_KEYS})
    return labels


# the form's boxes, by the staff words that name them (field_labels)
BOXES = {"patient_name": "name", "patient_dob": "date_of_birth",
         "patient_number": "clinic_number", "patient_email": "email",
         "patient_caregiver": "caregiver", "patient_caregiver_email": "caregiver_email",
         "log_pain": "pain_row", "therapist": "therapist",
         "next_visit": "next_visit", "log_weeks": "weeks_of_log", "weeks_from": "weeks_from",
         "affected_side": "affected_side", "note": "note_for_patient", "file_name": "file_name",
         "protocol": "protocol", "protocol_title": "protocol_name", "education": "education"}


def label(field: str) -> str:
    """A dose field's (or a stage's weeks') name on the page: ``dose_<field>``."""
    return said(f"dose_{field}")


def log_weeks_choices(current: str) -> list[tuple[str, str]]:
    """The weeks of log to choose from: none chosen (the weeks until the next visit, else
    the clinic's), 1 to 6, and a saved file's or a forged post's other value, kept to be
    told at its box."""
    choices = [("", said("until_next_visit"))]
    choices += [(str(n), weeks(n)) for n in range(1, api.MAX_LOG_WEEKS + 1)]
    return choices if current in dict(choices) else [*choices, (current, current)]


def weeks(n: int) -> str:
    return said("week_one") if n == 1 else said("weeks_many", count=n)


def words():
    """The page's words in the clinic's language (staff_words.Words)."""
    return current_app.jinja_env.globals["t"]


def said(key: str, **fill) -> str:
    return words()(key, **fill)


def _leading(name: str) -> str:
    """A language's name to start a choice: its first letter upper case, the rest as the
    clinic wrote it (str.capitalize would make "Tiếng Việt" "Tiếng việt" and "Português
    (Brasil)" "Português (brasil)")."""
    return name[:1].upper() + name[1:]


def language_choices(current: str) -> list[tuple[str, str]]:
    """Each language the handout can print in, and each pair for a bilingual one: those the
    library is written or translated in (with wording for the handout's own words), since
    in another the library's text would print under headings in that language. A saved
    file's choice stays on the list even if it is not one of these."""
    ws = settings().ws
    names = {lang: api.language_name(lang, ws.wording) for lang in ws.languages}
    has_words = [lang for lang in names
                 if lang == ws.library.language or lang in ws.translations]
    # the library's own language first (English, unless exercises.yaml says); a library in
    # a language with no wording and no translation: every language, as it prints in any
    ordered = sorted(has_words or names, key=lambda lang: (lang != ws.library.language, lang))
    choices = [(lang, _leading(names[lang])) for lang in ordered]
    choices += [(f"{a}, {b}", f"{_leading(names[a])} + {names[b]}")
                for a in ordered for b in ordered if a != b]
    if current not in dict(choices):
        parts = [part.strip() for part in current.split(",")]
        known = all(part in names for part in parts) and len(parts) in (1, 2)
        choices.append((current, " + ".join(
            (_leading if i == 0 else str)(names[part]) for i, part in enumerate(parts))
            if known else current))
    return choices
