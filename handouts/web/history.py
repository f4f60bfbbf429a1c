"""The patient's history from the clinic's record (``handouts.record``): the patient list,
each patient's visits and the handouts given at each, and "Start from the last visit", which
opens the newest program with its doses shown beside the new boxes. Every handout the app
builds or downloads is recorded here too."""

from __future__ import annotations

import datetime as dt

import yaml
from flask import (abort, current_app, make_response, redirect, render_template, request,
                   url_for)

import handouts as api
from handouts import HandoutError, record
from handouts.web import draft as drafts
from handouts.web import actions, draft_program, protocols, weeks_on
from handouts.web.security import pdf_response
from handouts.web.staff_words import page_said as said
from handouts.web.store import Entry, Outcome, Search
from handouts.web.views import bp, owner


# an id no patient can have is not found here, before it reaches the database's driver
PATIENT = f"<int(max={record.MAX_ID}):pid>"


def settings():
    return current_app.extensions["handouts"]


def record_issue(ws: api.Workspace, program: api.Program, built: api.Built,
                 channel: str) -> tuple[str, ...]:
    """Keep the handout in the record; notices for the therapist (never raises for a
    database that is down: the record catches up later)."""
    return record.issued(ws, record.Issue.of(program, built), channel=channel)


def unavailable(exc: HandoutError):
    # what the record says of its database stays as it says it: the command line's words
    return render_template("error.html", title=said("record_unavailable"),
                           text=said("record_unavailable_text", why=exc), code=503), 503


def shown(page: str, **context):
    """A page that read the record, with what the record has to say beside it (see
    behind.html): the handouts waiting that it lacks (``record.behind``), and what the record
    did on its own as it was read (a pending journal it could not read, or the database
    refused, set aside: ``record.said``), so that staff learn of it; the command line warns."""
    ws = settings().ws
    return render_template(page, behind=record.behind(ws), said=record.said(), **context)


def find_patient(pid: int):
    found = record.patient(settings().ws, pid)
    if found is None:
        abort(404)
    return found


def exercises_of(yaml_text: str, library: api.Library) -> list[str]:
    """A visit's exercises as its handout had them, one line each ("Bridge: reps 10, sets
    2"): its protocol's (a visit the day's packets made may have no others), then its own,
    one it repeats with its dose over the protocol's, as ``api.program_items`` merges them.
    By the library's titles: an exercise the library no longer has keeps its id, and a
    protocol it no longer has is said to be gone."""
    data = yaml.safe_load(yaml_text) or {}
    doses: dict[str, dict] = {}
    lines = []
    protocol = data.get("protocol")
    if protocol and str(protocol) in library.protocol_ids:
        for item in library.protocol(str(protocol)).exercises:
            doses[item.id] = item.dose.to_yaml_data() if item.dose else {}
    elif protocol:
        lines.append(said("protocol_gone", id=protocol))
    for item in data.get("exercises") or []:
        item = {"id": item} if isinstance(item, str) else item
        if not isinstance(item, dict):
            continue
        ident = str(item.get("id"))
        own = item.get("dose") if isinstance(item.get("dose"), dict) else {}
        doses[ident] = {**doses.get(ident, {}), **own}
        if "hold" in own and "alternatives" not in own:
            # as Dose.overridden_by lays a dose over another: the protocol's splits of its
            # own hold were not printed beside this one
            doses[ident].pop("alternatives", None)
    for ident, dose in doses.items():
        name = str(library.exercise(ident).title) if ident in library.exercise_ids else ident
        given = ", ".join(f"{actions.dose_word(k)} {_said(v)}" for k, v in dose.items())
        lines.append(said("exercise_given", title=name, dose=given) if given else name)
    return lines


def topics_of(yaml_text: str, library: api.Library) -> list[str]:
    """A visit's education topics as its handout had them, by the library's titles: its
    protocol's, then its own (as ``resolve.topic_ids`` gives them); a topic the library no
    longer has keeps its id. The front desk asked what a patient was given to read."""
    data = yaml.safe_load(yaml_text) or {}
    protocol = str(data.get("protocol") or "")
    ids = list(library.protocol(protocol).education) if protocol in library.protocol_ids \
        else []
    own = data.get("education")
    ids += [str(t) for t in (own if isinstance(own, list) else [])]
    return [str(library.topic(t).title) if t in library.topic_ids else t
            for t in dict.fromkeys(ids)]


def _said(value) -> str:
    """A dose value as typed: a progression as "(weeks 1-2: hold 10 s; weeks 3-4: hold 20 s)",
    alternatives as "2 x 30 s | 3 x 20 s" (a Python list printed was what the page showed)."""
    if isinstance(value, list) and all(isinstance(v, dict) for v in value):
        # a stage that changes nothing does the exercise's dose ("weeks 1-2: ;" said nothing)
        stages = said("stages_apart").join(said(
            "stage_given", weeks=actions.weeks_named(str(s.get("weeks", "?"))),
            dose=", ".join(f"{actions.dose_word(k)} {v}" for k, v in s.items() if k != "weeks")
            or said("unchanged_dose")) for s in value)
        return f"({stages})"
    if isinstance(value, list):
        return " | ".join(map(str, value))
    return str(value)


@bp.get("/patients")
def patients():
    """The patients seen most recently first, a page at a time, or those a search finds
    (as the record looks a name up: "jose nunez" finds José Núñez; a date of birth or a
    clinic number finds its patient), by name. The search is posted (``find_patients``) and
    named here by its id (``found``); ``q`` is for a link made before it was."""
    found = request.args.get("found", "")
    search = current_app.extensions["handouts.searches"].get(found, owner()) if found else None
    query = search.query if search else request.args.get("q", "").strip()[:100]
    page = request.args.get("page", 1, type=int)
    try:
        listing = record.patient_list(record.open_record(settings().ws), query, page)
    except HandoutError as exc:
        return unavailable(exc)
    return shown("patients.html", listing=listing, query=query, size=record.PAGE,
                 found=found if search else "", forgotten=bool(found and not search))


@bp.post("/patients")
def find_patients():
    """A search, posted, then its results by an address that names it by a random id: a
    name in an address stays in the browser's history on a shared front-desk computer."""
    query = request.form.get("q", "").strip()[:100]
    if not query:
        return redirect(url_for("web.patients"), 303)
    found = current_app.extensions["handouts.searches"].put(None, Search(owner(), query))
    return redirect(url_for("web.patients", found=found), 303)


@bp.get(f"/patients/{PATIENT}")
def patient(pid: int):
    try:
        person = find_patient(pid)
        visits = record.visits(settings().ws, person)
    except HandoutError as exc:
        return unavailable(exc)
    listed = [(v, exercises_of(v.yaml, library), topics_of(v.yaml, library))
              for v in reversed(visits) for library in [library_given(v)]]
    return shown("patient.html", patient=person, visits=listed, here=record.here(settings().ws))


def library_given(visit: record.Visit) -> api.Library:
    """The library a visit's exercises are named from: this clinic's, or, for a visit
    given at another clinic of a group, the library version that clinic gave it from
    (this one may not have its exercises, or name them otherwise)."""
    ws = settings().ws
    given = visit.elsewhere(record.here(ws))
    then = record.library_of(ws, given.library_hash) if given is not None else None
    return then if then is not None else ws.library


@bp.post(f"/patients/{PATIENT}/next")
def next_visit(pid: int):
    """A new visit from the last one: the same program, today's date, the old doses kept
    beside each box (and its stages under each Week by week) so the therapist can progress
    them."""
    s = settings()
    try:
        person = find_patient(pid)
        start = record.start_from(s.ws, person)
    except HandoutError as exc:
        return unavailable(exc)
    if start is None:
        abort(404)
    passed = passed_over(start)
    if start.visit is None:  # only other clinics' visits, from libraries this one lacks
        fresh = drafts.Draft(patient_name=person.name, patient_number=person.number or "",
                             patient_dob=person.dob.isoformat() if person.dob else "",
                             language=", ".join(s.ws.clinic.language))
        entry = Entry(owner(), fresh, Outcome(notice=passed, where="top"))
        return redirect(url_for("web.page", ident=s.drafts.put(None, entry)), 303)
    last = start.visit
    try:
        draft = last_program(last, f"record: {person.name}, visit {last.number}", s.ws)
    except HandoutError as exc:  # checked against today's library: a topic gone, say
        return render_template(
            "error.html", title=said("visit_cannot_open", number=last.number),
            text=said("visit_cannot_open_text"),
            lines=protocols.shown(exc.problems, s.ws), code=422), 422
    known = [item for item in draft.items if item.id in s.ws.library.exercise_ids]
    draft.previous = {item.id: dict(item.dose) for item in known}
    draft.previous_stages = {item.id: [dict(row) for row in item.stages]
                             for item in known if item.own_stages and item.stages}
    draft.last_given = last.visit_date.isoformat()  # its stages' weeks count from it
    draft.weeks_again = weeks_on.staged(known, s.ws.library)
    at = said("started_given_at", clinic=start.clinic) if start.clinic else \
        said("started_newest_here") if start.passed else ""
    started = said("started_from", number=last.number, date=long_date(last.visit_date), at=at)
    again = weeks_on.restarted(draft, s.ws.library, s.ws.today())
    if again:
        started += f" {again[0]}"
    # opened as it was given, so a rule that came since (a gap between weekly stages) is
    # told now, beside its row, to put right before the new visit is built
    _, errors, general = draft_program.validate(draft, s.ws, today=s.ws.today())
    # an exercise the library has lost since is said on every page until replaced, and
    # opens as before: not listed as a problem to fix first
    gone = draft_program.gone_lines(draft, s.ws.library)
    entry = Entry(owner(), draft, Outcome(notice=f"{passed} {started}".lstrip(), where="top",
                                          link=f"ex-{again[2]}-restart" if again else "",
                                          link_text=again[1] if again else "", errors=errors,
                                          general=[g for g in general if g not in gone]))
    return redirect(url_for("web.page", ident=s.drafts.put(None, entry)), 303)


def passed_over(start) -> str:
    """Why the newest visit is not the one started from ("" where it is), in the staff
    pages' words (as ``record.Start.said`` says it on the command line): a visit dated a
    year ahead, or one given at another clinic from a library this one cannot open it with.
    What the library found wrong with it stays as the library says it."""
    t = current_app.jinja_env.globals["t"]

    def visit(v) -> str:
        return said("visit_of", number=v.number, date=long_date(v.visit_date))

    lines = []
    if start.ahead:
        lines.append(t.counted("start_ahead", len(start.ahead), patient=start.patient,
                               visits=t.listed([visit(v) for v in start.ahead])))
    if start.passed is not None:
        given = dict(patient=start.patient, visit=visit(start.newest), clinic=start.passed)
        lines.append(said("start_lacking", lacking=t.listed(start.lacking), **given)
                     if start.lacking else
                     said("start_cannot_open", problems="; ".join(start.problems), **given))
        if start.visit is None:
            lines.append(said("start_none_here", patient=start.patient))
    return " ".join(lines)


def last_program(visit, source: str, ws: api.Workspace) -> drafts.Draft:
    """A visit's program, checked against today's library under the rules it was made under
    (a gap between weekly stages, say, is told on the form, not here), as a draft. An
    exercise the library no longer has (renamed or removed since) stays in its place as it
    was given, for the therapist to replace (draft_program.gone); HandoutError for any other
    problem."""
    data = visit.next_program()  # without its date: the new visit is today's
    given = [{"id": e} if isinstance(e, str) else e for e in data.get("exercises") or ()]
    known = [e for e in given if isinstance(e, dict) and e.get("id") in ws.library.exercise_ids]
    # a program is checked with an exercise in it: where every one is gone, any of the
    # library's stands in, and is taken out again
    stand_in = [] if known or data.get("protocol") else [ws.library.exercise_ids[0]]
    program = api.program_from_data({**data, "exercises": known + stand_in}, ws, source=source,
                                    kept=True)
    draft = drafts.from_program(program, ws)
    draft.items = draft.items[:len(draft.items) - len(stand_in)]
    for at, e in enumerate(given):
        if e not in known and isinstance(e, dict) and drafts.could_be_id(e.get("id")):
            draft.items.insert(min(at, len(draft.items)), drafts.item_as_given(e))
    return draft


@bp.app_template_filter("local_time")
def local_time(when: dt.datetime) -> str:
    """A time from the record (UTC) as a clock at the clinic shows it, a day and a time as
    its locale writes them (``date_time``): "printed on 2026-12-05 21:56" was the record's
    own form on every page, a French one too."""
    return date_time(api.clinic_time(when, settings().ws.clinic.timezone))


# the record's channels (record.HOW) whose sentence the staff words say: given_<channel>
SAID_CHANNELS = {"printed": "given_printed", "downloaded": "given_downloaded",
                 "emailed": "given_emailed", "batch": "given_batch",
                 "maybe emailed": "given_maybe_emailed"}


@bp.app_template_global("given_said")
def given_said(issued: record.Issued, here, on: str) -> str:
    """How, where and when a handout was given, to go in a sentence, in the staff pages'
    language ("printed in a batch on …"), and to whom an email went where that was a
    caregiver ("emailed to Luis Ortiz (caregiver) on …"), by name, as ``history`` says it:
    no page here prints an address; the record's English for a channel it does not know
    (one a newer version wrote to a shared record)."""
    t = current_app.jinja_env.globals["t"]
    key = SAID_CHANNELS.get(issued.channel)
    if key is None:
        return issued.given(here, on)
    other = issued.given_at(here)
    caregiver = issued.emailed_to_caregiver
    to = t("given_to_caregiver", name=caregiver) if caregiver else ""
    said = t(key, to=to, at=t("given_at", clinic=other) if other else "", on=on)
    # a clinic's own words for it, written before they could name the caregiver, still do
    return said if not to or "{to}" in t.words[key] else said + to


@bp.app_template_filter("long_date")
def long_date(day: dt.date) -> str:
    """A date as the clinic's handouts print it, in its locale and the staff pages'
    language: "December 4, 2026" in the US, "4 December 2026" in Ireland, "4 décembre 2026"
    in France (it was the US style for every clinic), even where its handouts are English."""
    ws = settings().ws
    t = current_app.jinja_env.globals["t"]
    if t.language != "en" and t.language not in api.languages(ws.wording):
        # French staff of a clinic whose handouts have no French wording: the staff words';
        # a clinic's own Portuguese ones without months: CLDR's, not "November 23, 2026";
        # with months but no date_long, its months in CLDR's order, not "Novembro 23, 2026"
        own = "months" in t.in_language
        cldr = None if own and "date_long" in t.in_language else api.cldr_long_date(
            day, t.language, ws.clinic.locale, t("months").split() if own else None)
        return cldr or t("date_long", day=day.day, month=t("months").split()[day.month - 1],
                 year=day.year)
    for language in dict.fromkeys((t.language, ws.clinic.language[0])):
        try:
            return api.phrase(language, "date_long", ws.wording, date=day,
                              months=api.wording(language, ws.wording)["months"])
        except (HandoutError, KeyError):  # wording of the clinic's own that lacks it
            continue
    return day.isoformat()


@bp.app_template_filter("date_time")
def date_time(when: dt.datetime) -> str:
    """A day and a time of day (the clinic's), each as the clinic's locale writes it in the
    staff pages' language: "5 décembre 2026 à 21:50" in France, "December 5, 2026, 9:50 PM"
    in the US (a Saved programs' time was 2026-12-05 21:50 for every clinic)."""
    t = current_app.jinja_env.globals["t"]
    return t("date_time", date=long_date(when.date()),
             time=api.time_of_day(when, t.language, settings().ws.clinic.locale))


def made_again(pid: int, handout_id: str):
    """The handout given to this patient, made again from what the record kept; where it
    cannot be, a page that says why (404 for an id this patient was never given)."""
    try:
        find_patient(pid)
        return record.reprint(settings().ws, handout_id, pid)
    except record.Unavailable as exc:
        abort(make_response(unavailable(exc)))
    except record.NotInRecord:
        abort(404)
    except HandoutError as exc:  # the recorded files no longer make a handout, say
        abort(make_response(render_template(
            "error.html", title=said("cannot_make_again"), text=str(exc),
            code=500), 500))


@bp.get(f"/patients/{PATIENT}/handouts/<handout_id>")
def given(pid: int, handout_id: str):
    """One handout given to the patient, made again: whether it is the very same PDF, and
    a link to print it."""
    again = made_again(pid, handout_id)
    ws = settings().ws
    return shown("given.html", again=again, issued=again.issued,
                 patient=again.issued.patient, here=record.here(ws),
                 warnings=protocols.of_handout(again.said, again.built.handout, ws))


@bp.get(f"/patients/{PATIENT}/handouts/<handout_id>/handout.pdf")
def given_pdf(pid: int, handout_id: str):
    again = made_again(pid, handout_id)
    return pdf_response(again.built.pdf, again.built.filename)
