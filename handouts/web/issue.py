"""The editor's buttons that need a valid program: build (the PDF to print), download,
email, save the program, save it as a clinic protocol; and starting from a protocol."""

from __future__ import annotations

import contextlib
import datetime as dt
import threading
from pathlib import Path

import yaml
from flask import Response, current_app

import handouts as api
from handouts import HandoutError
from handouts.errors import command
from handouts.web import draft as drafts
from handouts.web import draft_program, protocols
from handouts.web.security import pdf_response
from handouts.web.staff_words import page_said as said
from handouts.web.draft import Draft
from handouts.web.email_button import Held, MaybeSent
from handouts.web.store import Entry, Outcome

LOCAL = "local:"  # the protocol menu's value for one of the clinic's own protocols


def settings():
    return current_app.extensions["handouts"]


def start_from_protocol(draft: Draft, chosen: str) -> Outcome:
    s = settings()
    before = len(draft.items)
    ident = chosen.removeprefix(LOCAL)
    if ident not in s.ws.library.protocol_ids:
        return Outcome(errors={"protocol": [
            said("protocol_not_there", file=s.ws.local_path.name)  # taken out meanwhile
            if chosen.startswith(LOCAL) else said("choose_protocol_first")]})
    drafts.add_protocol(draft, ident, s.ws.library)
    name = str(s.ws.library.protocol(ident).title)
    added = len(draft.items) - before
    return Outcome(notice=counted("protocol_added", added, title=name), where="protocol")


def finish(entry: Entry, action: str) -> Response | None:
    """Check the program, then do the action; None when the page should show the outcome,
    or the PDF itself for Download."""
    s = settings()
    draft = entry.draft
    today = s.ws.today()  # the clinic's, not the server's
    program, errors, general = draft_program.validate(draft, s.ws, today=today)
    if program is None:
        entry.outcome = Outcome(errors=errors, general=general, where="problems")
        return None
    if action == "save":
        entry.outcome = save(draft, program)
        return None
    if action == "save_protocol":
        entry.outcome = save_protocol(draft, program)
        return None
    try:
        built = api.build_handout(program, s.ws)
        if action == "email":  # the app's own hook says more than a line (email_button)
            sent = s.send_email(s.ws, program, built)
            entry.outcome = Outcome(notice=sent, where="handout") if isinstance(sent, str) \
                else sent
            return None
    except (Held, MaybeSent) as exc:  # with the button that sends it as typed, or again
        entry.outcome = exc.said()
        return None
    except HandoutError as exc:
        entry.outcome = Outcome(general=[str(p) for p in exc.problems], where="problems")
        return None
    notices = s.record(s.ws, program, built, "printed" if action == "build" else "downloaded")
    if action == "build":
        entry.pdf, entry.filename = built.pdf, built.filename
        pages = api.page_count(built.pdf)
        ready = counted("ready", pages, file=built.filename)
        entry.outcome = Outcome(notice=" ".join([ready, *notices]), where="handout",
                                opened_pdf=True)
        return None
    return pdf_response(built.pdf, built.filename, download=True)


def save(draft: Draft, program) -> Outcome:
    # a name with no Latin letter (山田花子, Ελένη) in its own script, as its PDF's
    name = api.program_name(draft.file_name or draft.patient_name)
    if name and not draft.file_name:
        name = saved_before(settings().programs_dir, name, draft.patient_name)
    if not name:
        return Outcome(errors={"file_name": [said("name_the_file")]})
    path = settings().programs_dir / f"{name}.yaml"
    text = (f"# Saved by the web app; build it with: {build_command(path)}\n"
            + yaml.safe_dump(program.to_yaml_data(settings().ws.clinic.language),
                             sort_keys=False, allow_unicode=True))
    data = text.encode("utf-8")
    try:
        # one save at a time, of this server's threads and of another server's on the same
        # folder (two front-desk computers, or one restarted while the old one still runs):
        # else both could find the file as they opened it, and the second write over the
        # first. A new name is claimed, never written over, even without the lock.
        api.make_folder(path.parent)
        with api.file_lock(path.parent, _saving, OSError(BUSY)):
            if name != draft.opened:
                api.write_exclusive(path, data)
            elif draft.opened_stamp and api.file_stamp(path) not in (draft.opened_stamp, ""):
                # the program it was opened from, saved again since (another therapist,
                # another tab): saving over it would lose what that save changed
                return changed_since(draft, name, path)
            else:  # the program it was opened from, as it was opened: saved over
                api.write_atomic(path, data)
    except FileExistsError:
        if not _holds(path, data):  # the same program there already (Save pressed twice,
            return taken(draft, name, path)  # both at once): saved, not another's name
    except OSError as exc:
        why = said("save_busy") if str(exc) == BUSY else exc.strerror or exc
        return Outcome(general=[said("not_saved_why", file=f"programs/{name}.yaml", why=why)])
    draft.file_name = draft.opened = name
    draft.opened_stamp = api.stamp(data)
    return Outcome(notice=said("saved_as", file=f"programs/{name}.yaml"), where="save")


def _holds(path: Path, data: bytes) -> bool:
    try:
        return path.read_bytes() == data
    except OSError:
        return False


_saving = threading.Lock()
BUSY = ("another save into programs/ is taking long (a slow or stuck disk, or another "
        "server's save); press Save program again")


def taken(draft: Draft, name: str, path: Path) -> Outcome:
    """A name another program has (often this patient's, saved at the last visit, the new
    visit's page started from the record) is not written over: the box offers a free one, so
    that pressing Save program again keeps both; before, the box stayed empty and every
    press was refused again, the same way, until a name was made up."""
    draft.file_name = free_name(path.parent, name)
    what = (said("keep_both", file=f"programs/{draft.file_name}.yaml") if draft.file_name
            else said("open_or_rename"))
    return Outcome(errors={"file_name": [
        said("already_there", file=f"programs/{name}.yaml", todo=what)]})


def changed_since(draft: Draft, name: str, path: Path) -> Outcome:
    """A program saved again after this page opened it is not saved over: the page keeps
    what was typed, and offers a free name beside it, so that both can be opened and
    compared. Only the one who saved last can tell which changes are to stay."""
    timezone = settings().ws.clinic.timezone
    when = ""
    with contextlib.suppress(OSError):
        saved = api.clinic_time(dt.datetime.fromtimestamp(path.stat().st_mtime, dt.timezone.utc),
                                timezone)
        time = api.time_of_day(saved, words().language, settings().ws.clinic.locale)
        when = (said("saved_again_at", time=time) if saved.date() == api.clinic_today(timezone)
                else said("saved_again_on", time=time,
                          date=current_app.jinja_env.filters["long_date"](saved.date())))
    draft.file_name = free_name(path.parent, name)
    return Outcome(errors={"file_name": [
        said("saved_again", file=f"programs/{name}.yaml", when=when,
             new=f"programs/{draft.file_name}.yaml")]})


def saved_before(folder: Path, name: str, patient_name: str) -> str:
    """The name an earlier version saved this patient's program under (it dropped letters
    such as ß: ``jurgen-strau`` for Strauß), where that file is there and none is under
    ``name``: the save is then told it exists, to open it, as before, rather than leaving the
    patient two files, the older one no longer under their name."""
    for former in api.name_slugs(patient_name)[1:]:
        if (folder / f"{former}.yaml").exists() and not (folder / f"{name}.yaml").exists():
            return former
    return name


def free_name(folder: Path, name: str) -> str:
    """The first of ``name-2``, ``name-3``... with no program saved under it."""
    for number in range(2, 10_000):
        candidate = api.program_name_numbered(name, number)
        if not (folder / f"{candidate}.yaml").exists():
            return candidate
    return ""


def build_command(path) -> str:
    """How to build a saved program from the command line, with this app's clinic."""
    return command("build", Path(path))


def save_protocol(draft: Draft, program) -> Outcome:
    s = settings()
    title = " ".join(draft.protocol_title.split())
    try:
        protocols.save(s.ws, title, program)
    except protocols.Unnamed:
        return Outcome(errors={"protocol_title": [said("protocol_needs_name")]})
    except protocols.Taken:
        return Outcome(errors={"protocol_title": [said("protocol_name_taken", title=title)]})
    except HandoutError as exc:
        return Outcome(errors={"protocol_title": protocols.shown(exc.problems, s.ws)})
    except OSError as exc:
        return Outcome(general=[said("not_written_why", file=s.ws.local_path.name,
                                     why=exc.strerror or exc)])
    draft.protocol_title = ""
    return Outcome(notice=said("saved_protocol", title=title, file=s.ws.local_path.name),
                   where="save_protocol")


def words():
    """The page's words in the clinic's language (staff_words.Words)."""
    return current_app.jinja_env.globals["t"]


def counted(key: str, count: int, **fill) -> str:
    return words().counted(key, count, **fill)
