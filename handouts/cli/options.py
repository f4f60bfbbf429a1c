"""What every command shares: the workspace options, error mapping, writing and reporting."""

from __future__ import annotations

import datetime as dt
import errno
import functools
import os
import re
import sys
from pathlib import Path

import click

import handouts as api
from handouts import HandoutError
from handouts.errors import commands_said_by, full_command, one_line

LAYOUTS = ("standard", "compact", "large_print")
HOME_KEY = "handouts.home"


def fail_on_user_error(fn):
    """Print a HandoutError as its lines and exit 1; never a traceback for a user's mistake."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            with commands_said_by(rerun):  # the library's "run: ..." with this run's options
                return fn(*args, **kwargs)
        except HandoutError as exc:
            _record_said()
            for problem in exc.problems:
                click.echo(f"error: {problem}", err=True)
            sys.exit(1)
        except OSError as exc:  # a name the system refuses (too long), a disk that is full
            _record_said()
            click.echo(f"error: {refused_by_system(exc)}", err=True)
            sys.exit(1)
        finally:
            _record_said()

    return wrapper


def refused_by_system(exc: OSError) -> str:
    """A file the operating system refused, as one line: its name (shortened, where the
    trouble is its length) and why."""
    name = os.fsdecode(exc.filename) if exc.filename is not None else ""
    if exc.errno == errno.ENAMETOOLONG:
        shown = name if len(name) <= 80 else f"{name[:40]}…{name[-30:]}"
        return (f"{shown}: the name is too long for this computer (at most 255 bytes for a "
                "file's or folder's own name); choose a shorter one")
    said = exc.strerror or str(exc)
    return f"{name}: {said}" if name else said


def _record_said() -> None:
    """What the record did on its own as the command used it (a damaged pending journal set
    aside): warnings, since the command's own work went on. Nothing to say if it was not
    used (not even imported)."""
    used = sys.modules.get("handouts.record")
    if used is not None:
        warn(used.said())


def iso_date(value: str | None, option: str, example: str = "2026-11-23",
             day_first: bool | None = None) -> dt.date | None:
    """An option's date: YYYY-MM-DD, year first or with its month named, or (``day_first``
    given: the clinic's ``Clinic.day_first``) 14/03/1968 in the clinic's order of day and
    month, as its roster reads it. One that is no date is one line, in the words a program
    file's date gets (click's own message names a strptime format, not the date)."""
    if value is None:
        return None
    # 1968/03/14 is not in doubt; 14/03/1968 is read as the clinic's front desk types it.
    # An ISO date leaves the roster's date module unloaded, as a program file's does
    if not re.fullmatch(r"\s*\d{4}-\d{2}-\d{2}\s*", value, re.ASCII):
        value = (api.order_free_date(value, option) if day_first is None
                 else api.clinic_date(value, day_first, option)) or value
    try:
        return dt.datetime.strptime(value.strip(), "%Y-%m-%d").date()
    except ValueError:
        wrong = api.not_real(value, one_line(value))  # a day its month does not have
        if wrong:
            raise HandoutError(f"{option}: {wrong}") from None
        real = "a real date" if re.fullmatch(r"\s*\d{4}-\d{1,2}-\d{1,2}\s*", value) else "a date"
        raise HandoutError(f'{option}: "{one_line(value)}" is not {real}; write it as '
                           f"YYYY-MM-DD (e.g. {example})") from None


def workspace_options(fn):
    fn = click.option("--clinic", "clinic_path", type=click.Path(), callback=_or_before,
                      help="The clinic's branding file (default: clinic.yaml in the --home "
                           "folder, else beside make_handouts.py).")(fn)
    fn = click.option("--library", "library_path", type=click.Path(), callback=_or_before,
                      help="The exercise library (default: exercises.yaml in the --home "
                           "folder, else beside make_handouts.py).")(fn)
    return fn


def _or_before(ctx, param, value):
    """--library or --clinic as given after the command, else as given before it, where
    --home goes (``make_handouts.py --library X build …``)."""
    return value if value is not None else ctx.find_root().meta.get(f"handouts.{param.name}")


def home() -> Path | None:
    """The clinic folder that --home or HANDOUTS_HOME names, if any."""
    ctx = click.get_current_context(silent=True)
    given = ctx.find_root().meta.get(HOME_KEY) if ctx else None
    if given and not Path(given).is_dir():
        raise HandoutError(f"{given}: no such folder (from --home or HANDOUTS_HOME)")
    return Path(given) if given else None


def rerun(words: str, outbox: str | Path | None = None) -> str:
    """A command line printed for the user to run later ("run: ..."), maybe from another
    folder: ``words`` (the command and its arguments, shell-quoted by the caller) with the
    --home, --library and --clinic this command was given, as absolute paths, so that it
    works on the same clinic, not the default; and for ``email`` and ``forget`` the outbox
    (``outbox``, else this command's) unless it is the --home folder's own."""
    ctx = click.get_current_context(silent=True)
    if ctx is None:
        return full_command(words, outbox=outbox)
    params = ctx.params
    if outbox is None:
        outbox = outbox_folder(params.get("outbox_dir"))
    return full_command(words, home=ctx.find_root().meta.get(HOME_KEY), outbox=outbox,
                        library=params.get("library_path"), clinic=params.get("clinic_path"))


def outbox_folder(given: str | None) -> str:
    """The outbox: as given, else outbox/ in the --home folder (or the working folder)."""
    return given or str((home() or Path()) / "outbox")


def programs_folder(given: str | None = None) -> Path:
    """Where the web app saves programs: as given, else programs/ in the --home folder (or
    the working folder). A roster's saved program is looked for there too."""
    return Path(given) if given else (home() or Path()) / "programs"


def open_ws(library_path, clinic_path) -> api.Workspace:
    return api.open_workspace(library_path, clinic_path, home=home())


def warn(messages) -> None:
    for message in messages:
        click.echo(f"warning: {one_line(message)}", err=True)


def write_pdf(path: Path, data: bytes, modes: "api.Modes | None" = None, *,
              replace: bool = False) -> Path:
    """Write a handout whole and, unless ``replace``, never over another file (then under a
    numbered name); returns where it went."""
    modes = modes or api.PRIVATE
    try:
        if replace:
            api.write_atomic(path, data, modes)
            return path
        return api.write_new(path, data, modes)
    except OSError as exc:
        raise HandoutError(f"{path}: cannot write the PDF: {unwritable(path, exc)}; "
                           "choose another folder with -o") from None


def unwritable(path: Path, exc: OSError) -> str:
    """Why ``path`` could not be written, in words: a part of it that is a file, not a
    folder, for the system's "File exists" (``-o notes.txt/jane.pdf``)."""
    if exc.errno in (errno.EEXIST, errno.ENOTDIR):
        blocking = next((p for p in Path(path).parents if p.exists() and not p.is_dir()), None)
        if blocking is not None:
            return f"{blocking} is a file, not a folder"
    return exc.strerror or str(exc)


def refuse_inputs(path: Path, ws: api.Workspace, option: str, *others) -> None:
    """Refuse an output path that names one of the clinic's own files (the library, the
    clinic file, its protocols) or ``others`` (the program, the roster): every command
    that writes where the user says checks this before it writes."""
    api.refuse_inputs(path, [*others, ws.library_path, ws.clinic_path, ws.local_path], option)


def pdf_output(given: str | os.PathLike, ws: api.Workspace, option: str, *others,
               example: str) -> Path:
    """Where ``-o`` writes a PDF: the name given, ".pdf" added where it does not end so
    (``-o /tmp/visit/out`` wrote a file named ``out``, which no viewer opened on a double
    click). A folder is refused, and so is a name ending in a slash (it wrote a file named
    as the folder meant), with a file in it to give instead: ``example``, the name the
    command would choose itself (a handout's, today's packets')."""
    given = os.fspath(given)  # click passes a path object given to it (a script's) on as is
    if given.endswith(("/", os.sep)) or Path(given).is_dir():
        what = "is a folder" if Path(given).is_dir() else "names a folder"
        raise HandoutError(f"{option} {given}: that {what}, not a file; give the name of a "
                           f"file to write in it, e.g. {option} {Path(given) / example}")
    refuse_inputs(Path(given), ws, option, *others)
    path = Path(given)
    if path.suffix.lower() != ".pdf":
        path = path.with_name(path.name + ".pdf")
        refuse_inputs(path, ws, option, *others)
    return path


def _one_id(ctx, param, words: tuple[str, ...]) -> str:
    """The handout id typed as several words (``find mvsy do35``: a space, no quotes), as
    one, the footer's word before it too (``Handout QX7A-B2CD``); words that make more or
    less than one id (two ids, say) are a usage error, not the last eight letters typed."""
    def code(text):
        return re.sub(r"[^A-Za-z0-9]", "", text)

    rest = list(words)
    if len(rest) > 1 and rest[0].isalpha() and len(code("".join(rest[1:]))) >= 8:
        rest = rest[1:]  # the footer's word, in any language
    if len(rest) > 1 and len(code("".join(rest))) != 8:
        raise click.BadParameter(f'"{" ".join(words)}" is not one handout id: give one, as '
                                 "a page's footer prints it (QX7A-B2CD)", ctx, param)
    return " ".join(words)


handout_id_argument = click.argument("handout_id", metavar="ID", nargs=-1, required=True,
                                     callback=_one_id)


def counted(count: int, thing: str) -> str:
    """ "1 protocol", "2 protocols" """
    return f"{count} {thing}{'' if count == 1 else 's'}"


def describe(path: Path, data: bytes) -> str:
    return (f"wrote {path} ({counted(api.page_count(data), 'page')}, "
            f"{max(1, round(len(data) / 1024))} KB)")


def email_options(fn):
    fn = click.option("--encrypt", is_flag=True, help="Protect each PDF with a password "
                      "(AES-256): a roster's password column, else HANDOUTS_PDF_PASSWORD or a "
                      "prompt. The email never contains it.")(fn)
    fn = click.option("--no-send", is_flag=True, help="Only write the messages (.eml files) "
                      "to the outbox's pending/ folder; send them later with email --retry.")(fn)
    fn = click.option("--outbox", "outbox_dir", type=click.Path(file_okay=False),
                      help="Where messages wait (pending/), go once sent (sent/), and the "
                           "audit log is kept (default: outbox/, in the --home folder if one "
                           "is given).")(fn)
    return fn


class _NoBar:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def update(self, n):
        pass


def progress_bar(show: bool, length: int, label: str):
    """A progress bar on standard error, or (not a terminal, --quiet, nothing to do) none."""
    if not show or not length:
        return _NoBar()
    return click.progressbar(length=length, label=label, file=sys.stderr, show_pos=True)
