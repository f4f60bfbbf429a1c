"""The day's packets, for the front desk: a roster from the schedule (CSV, or a YAML list of
programs) uploaded, every patient's packet built into one print file in roster order, as
``make_handouts.py batch ROSTER --merge`` does, and each recorded. A bad row is listed with
its line and the others are built. The print file waits in memory, bound to the browser
that made it, for a few batches (``KEEP``); a roster of more than ``MOST`` packets is for
the command line, which builds on every core. And walk-in packets, as ``batch --protocol
ID --copies N`` makes them: a blank name line, and no one's to record."""

from __future__ import annotations

import os
import re
from pathlib import Path

from flask import abort, current_app, redirect, render_template, request, session, url_for
from markupsafe import Markup

import handouts as api
from handouts import HandoutError, record
from handouts.errors import command
from handouts import batch as runner
from handouts.web import protocols, staff_words
from handouts.web.draft import Draft
from handouts.web.security import pdf_response
from handouts.web.store import Entry, Outcome, Store
from handouts.web.views import bp, owner, settings

# packets in one print file from the web app. A clinic of 20 therapists seeing 12 patients
# each has 240 visits a day, and a group's front office prints for several such; 1,000 took
# 3.2 s and 121 MB at the most (87 MB for 200) on a 2-core machine, and make a 4.8 MB file.
# Failed and repeated rows cost next to nothing and are not counted.
MOST = 1000
WALK_INS = 50  # walk-in packets at once: a week of them, and a typo of a zero more is refused
WALK_IN_COPIES = 5  # what the form offers
CHOSEN = "packets"  # the session's key for each form's last choices (see remember)
LAYOUTS = ("standard", "compact", "large_print")  # the form's choices (labels: layout_<it>)
KEEP = 8  # print files kept at once (one of 1,000 packets is about 5 MB)
# rows' problems listed on the page, the rest counted: a roster of 87,000 bad rows made a
# 10 MB page of them (``batch`` lists every one)
SHOWN = 300
ERROR = "Error: "  # a row that failed, among the notes: the page marks it (packets.html)


# a copy of an upload that a version before 2026-12-04 wrote into programs/ while it read
# it (tempfile's name: .roster-, eight letters, digits or _, the suffix), left there by a
# server stopped mid-request: patient names, in a folder that is kept and backed up
LEFT_BEHIND = re.compile(r"\.roster-[a-z0-9_]{8}\.(csv|yaml)")


def tidy(folder: Path) -> list[str]:
    """Delete what an older version's uploads left in the programs ``folder`` (see
    ``LEFT_BEHIND``), as the web app starts; what could not be deleted, one line each."""
    try:
        found = [path for path in Path(folder).iterdir() if LEFT_BEHIND.fullmatch(path.name)
                 and not path.is_dir()]
    except OSError:  # no programs folder yet (nothing to tidy), or one that cannot be read
        return []
    said = []
    for path in found:
        try:
            path.unlink()
        except OSError as exc:
            said.append(f"{path}: a copy of an uploaded roster (patient names) that could not "
                        f"be deleted ({exc.strerror or exc}); delete it")
    return said


def kept() -> Store:
    """The print files built, by id (made with the app: see ``create_app``)."""
    return current_app.extensions["handouts.packets"]


@bp.get("/packets")
def packets():
    return page()


def page(entry: Entry | None = None, ident: str = "", problems=(), heading: str = "",
         **asked):
    """The page: what was built (``entry``), problems (under ``heading``), and both forms as last filled in
    (``asked``, over what this browser posted before: see ``remember``), each its own: the
    roster's ``duplex``; the walk-ins' ``protocol``, ``copies`` (as typed), ``layout``,
    ``walk_duplex``, and ``copies_error`` beside them."""
    ws = settings().ws
    shown = {"duplex": False, "protocol": "", "copies": str(WALK_IN_COPIES),
             "layout": "standard", "walk_duplex": False, "copies_error": "",
             **session.get(CHOSEN, {}), **asked}
    # the roster's columns by their headings in the page's language where the reader has
    # them (English's otherwise), the other languages' as examples; the languages named
    # in the page's
    read = api.roster_languages()
    language = current_app.jinja_env.globals["t"].language
    language = language if any(code == language for code, _, _ in read) else "en"
    columns = api.roster_columns(language)
    return render_template("packets.html", entry=entry, ident=ident, problems=list(problems),
                           heading=heading,
                           protocols=ws.library.protocols, most_walk_ins=WALK_INS,
                           layouts={"standard": said("layout_standard"),
                                    "compact": said("layout_compact"),
                                    "large_print": said("large_print")}, error_mark=ERROR,
                           headings_read=[h for h in read if h[0] != language], columns_read=columns,
                           other_columns=[Markup("<b>{}</b>").format(heading)
                                          for column, heading in columns.items()
                                          if column not in ("name", "first", "last", "program")],
                           roster_languages=[_language(code, name) for code, name, _
                                             in read], **shown)


def said(key: str, **fill) -> str:
    """The page's words in the clinic's language (staff_words)."""
    return current_app.jinja_env.globals["t"](key, **fill)


def counted(key: str, count: int, **fill) -> str:
    return current_app.jinja_env.globals["t"].counted(key, count, **fill)


def number(value: int) -> str:
    return current_app.jinja_env.globals["t"].number(value)


def _language(code: str, english: str) -> str:
    """A roster heading's language named in the page's (its English name where the staff
    words have none for it)."""
    return said(f"lang_{code}") if f"lang_{code}" in staff_words.catalogue("en") else english


def remember(**chosen) -> None:
    """Keep a form's choices in this browser's session, so that the page shows them again
    after a build, or the other form's: two-sided printing, once ticked for the clinic's
    printer, stays ticked for the next roster rather than print it one-sided unasked."""
    session[CHOSEN] = {**session.get(CHOSEN, {}), **chosen}


def finished(jobs, lines: list[str], notice: str, after: str = ".", *, duplex: bool,
             kind: str = "packets", roster: str = "", whole=()):
    """The print file of ``jobs``, recorded (a walk-in packet is no one's, and not), kept for
    this browser; the page it redirects to says ``notice``, the pages, ``after``, and links
    it. Each packet's warnings name its row of the ``roster`` (as the front desk named the
    file), in row order with the lines said of a row whole (``whole``: a row's number and
    its line: a row that failed, one that repeats an earlier one), one list cut as one
    (``first_of``), as ``batch`` says them; walk-in copies are one packet, so theirs are
    said plainly."""
    ws = settings().ws
    try:
        data, each = api.render_each([job.handout for job in jobs], ws, duplex=duplex)
    except HandoutError as exc:  # a font or picture every packet needs, say
        return page(problems=[str(p) for p in exc.problems]), 422
    # its pictures named as the library names them, not by the server's path to them
    each = [protocols.of_handout(told, job.handout, ws) for job, told in zip(jobs, each)]
    rows = {job.number: record.RowWords.of(job) for job in jobs if job.program is not None}
    notices = record.issued(ws, [record.Issue(job.program, job.handout, row=rows[job.number])
                                 for job in jobs if job.program is not None], channel="batch")
    if roster:  # the record's notices among the rows' lines, as batch says them
        whole = [*whole, *record.numbered(notices, {f"{words.where}: ": number
                                                    for number, words in rows.items()})]
        shown = _shown(jobs[0].location.file, roster)
        warnings = first_of([shown(line) for line in by_row(jobs, each, whole)],
                            "row_lines", roster)
        notices = []
    else:
        warnings = list(dict.fromkeys(w for said_of_one in each for w in said_of_one))
    notice += (f"{counted('pages', api.page_count(data))}"
               f"{said('fresh_sheets') if duplex else ''}{after}")
    entry = Entry(owner(), Draft(), Outcome(notice=notice, general=[*lines, *warnings, *notices]),
                  pdf=data,
                  filename=f"{ws.today().isoformat()}_{kind}.pdf")
    return redirect(url_for("web.packets_built", ident=kept().put(None, entry)), 303)


def by_row(jobs, each, said=()) -> list[str]:
    """Each packet's warnings (``each``, in the jobs' order) and a row's note, with the lines
    ``said`` of a row whole (a repeated row's, the record's notices: its number and the line)
    among them in row order, as ``batch`` says them (api.by_row)."""
    return api.by_row(((warning, job.number, job.location) for job, warnings in zip(jobs, each)
                       for warning in (*warnings, *job.notes)), said)


@bp.post("/packets/walk-ins")
def build_walk_ins():
    """Packets of a protocol with a blank name line, for patients who walk in."""
    protocol = request.form.get("protocol", "")
    layout = request.form.get("layout", "standard")
    duplex = request.form.get("duplex") == "1"
    typed = request.form.get("copies", "")[:20]
    try:
        copies = int(typed)
    except ValueError:
        copies = 0
    if protocol not in settings().ws.library.protocol_ids or layout not in LAYOUTS:
        abort(400)  # the page offers only these
    remember(protocol=protocol, layout=layout, walk_duplex=duplex)
    if not 1 <= copies <= WALK_INS:  # shown as typed, and not kept
        return page(copies=typed, copies_error=said("copies_wrong", most=WALK_INS)), 422
    remember(copies=typed)
    ws = settings().ws
    jobs = list(runner.walk_in_jobs(protocol, copies, ws,
                                    today=ws.today(), layout=layout))
    return finished(jobs, [], counted("built_walk_ins", copies), said("blank_lines"),
                    duplex=duplex,
                    kind=f"walk-in_{protocol}")


@bp.post("/packets")
def build_packets():
    """Build the print file of an uploaded roster; the page it redirects to links it."""
    upload = request.files.get("roster")
    duplex = request.form.get("duplex") == "1"
    remember(duplex=duplex)
    if upload is None or not upload.filename:
        return page(problems=[said("choose_roster")]), 422
    name = chosen_name(upload)
    jobs, failed, repeats, notices = _planned(upload.read(), name)
    if not jobs:
        shown = first_of([line for _, line in failed], "rows_failed", name)
        return page(problems=[*notices, *(shown or [said("no_patient_listed", file=name)])]), 422
    told = [*([counted("rows_failed", len(failed))] if failed else []),
            *([counted("rows_repeated", len(repeats))] if repeats else [])]
    after = said("below", told="; ".join(told)) if told else "."
    # a row that failed is marked so in its words, which a screen reader says too
    errors = [(number, f"{ERROR}{line}") for number, line in failed]
    return finished(jobs, notices, counted("built_from", len(jobs), file=name), after,
                    duplex=duplex, roster=name, whole=[*errors, *repeats])


def first_of(lines: list[str], what: str, roster: str) -> list[str]:
    """The first ``SHOWN`` lines, then one that counts the rest (``what`` they are: the
    staff words' ``more_<what>``) and says how to see them: every one is listed by
    ``batch``."""
    if len(lines) <= SHOWN:
        return lines
    return [*lines[:SHOWN], counted(f"more_{what}", len(lines) - SHOWN, file=roster,
                                    command=command("batch", roster))]


def chosen_name(upload) -> str:
    """The roster's file name as the front desk chose it: the last part of what the browser
    sent (one on Windows may send the whole path, whose backslashes werkzeug reads as quoting
    and drops, so it is taken from the part's own header), or "the roster" (the page's
    words)."""
    sent = re.search(r'filename="([^"]*)"', upload.headers.get("Content-Disposition", ""))
    last = re.split(r"[\\/]", sent.group(1) if sent else upload.filename or "")[-1].strip()
    return last if last.strip(".") else said("the_roster")


def _shown(roster: str, name: str):
    """A function that says a line about the roster as the front desk knows the files: the
    upload by its own name, a program file a row names in programs/, the clinic's files from
    the clinic's folder, never a folder of the server's. The folders are looked up once: per
    line, for a roster of 87,000 bad rows, they took two thirds of the upload's time."""
    s = settings()
    swaps = ((roster, name), (f"{Path(s.programs_dir).absolute()}{os.sep}", f"programs{os.sep}"),
             (f"{s.ws.home.absolute()}{os.sep}", ""))

    def shown(line: str) -> str:
        for old, new in swaps:
            line = line.replace(old, new)
        return line
    return shown


def _planned(roster: bytes, name: str,
             ) -> tuple[list, list[tuple[int, str]], list[tuple[int, str]], list[str]]:
    """(packets to build, the number and a line of each row that cannot be, and of each
    row that repeats an earlier one and shares its packet, what is said of the header: a
    column ignored, as ``batch`` says it) of a roster; none to build, and a line, when the
    file itself cannot be read. It is read from memory as if it were in the programs
    folder, so that a row's program file is a saved program's name (no copy of it, with
    its patients' names, is written there, to be left behind by a server stopped while it
    reads); every line names the file as it was uploaded (a row's note is said with its
    packet's warnings: see by_row)."""
    s = settings()
    ws = s.ws
    folder = Path(s.programs_dir).absolute()  # so that every line names it alike (_shown)
    suffix = ".yaml" if name.lower().endswith((".yaml", ".yml")) else ".csv"
    path = str(folder / f".roster{suffix}")  # only its name: nothing is written
    today = ws.today()  # one day for the whole roster, even read at midnight
    shown = _shown(path, name)
    try:
        # the programs folder is the roster's own here: nothing else to look in
        loaded = api.load_roster(path, ws.library, day_first=ws.clinic.day_first,
                                 languages=ws.languages, data=roster, today=today,
                                 desk=api.RosterDesk(ws.local.broken, ws.staff_languages,
                                                     home=ws.home,
                                                     language=ws.clinic.language[0]))
        items, to_build = [], 0
        for item in runner.plan(loaded.rows, ws, today=today):
            items.append(item)
            to_build += isinstance(item, runner.Job)
            if to_build > MOST:  # the rows that are no packet (failed, repeated) don't count
                break
    except HandoutError as exc:
        return [], [(0, shown(str(p))) for p in exc.problems], [], []
    if to_build > MOST:
        return [], [(0, said("too_many_packets", file=name, most=number(MOST),
                             command=command("batch", name, "--merge", "FILE.pdf")))], [], []
    outcomes = [o for o in items if isinstance(o, runner.Outcome)]
    return ([i for i in items if isinstance(i, runner.Job)],
            [(o.number, shown(f"{o.location} {o.problem}")) for o in outcomes
             if not o.repeat],
            [(o.number, shown(o.repeat)) for o in outcomes if o.repeat],
            [shown(line) for line in loaded.notices])


@bp.get("/packets/<ident>")
def packets_built(ident: str):
    entry = kept().get(ident, owner())
    if entry is None:
        abort(404)
    return page(entry, ident, entry.outcome.general)


@bp.get("/packets/<ident>/packets.pdf")
def packets_pdf(ident: str):
    entry = kept().get(ident, owner())
    if entry is None or entry.pdf is None:
        abort(404)
    return pdf_response(entry.pdf, entry.filename)
