"""What the record keeps of one handout issued, as plain data (the pending journal stores it
as JSON), and the library version: the texts of the files it was made from, by content hash.
"""

from __future__ import annotations

import datetime as dt
import getpass
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple, Sequence

import handouts as api
from handouts.errors import HandoutError

# "maybe emailed": the mail server took the whole message and never answered (emailed.py)
CHANNELS = ("printed", "downloaded", "emailed", "batch", "maybe emailed")


class RowWords(NamedTuple):
    """A roster row an issue comes from (``today.csv:4: row 3``), and what that roster
    calls the patient's date of birth and clinic number: a notice about the patient names
    the row, in the roster's own words."""

    where: str
    dob: str
    number: str

    @classmethod
    def of(cls, row: Any) -> "RowWords":
        """A roster row's (``Row``), or a packet's made from one (``batch.Job``): anything
        with the row's ``location`` and ``identity``; the one way every shell hands a row
        to the record, so that every notice names it alike."""
        return cls(f"{row.location}".rstrip(":"), *row.identity)


@dataclass(frozen=True)
class Issue:
    """One handout given to its patient: the program it was made from, the resolved handout
    and, when it was made alone (not merged into a print file), its PDF's SHA-256, so that a
    reprint can tell that it is the same."""

    program: api.Program
    handout: api.Handout
    pdf_sha256: str | None = None
    row: RowWords | None = None
    # when its file was written (UTC), where a batch run again found it there, the same
    # bytes: a run killed, or whose record's disk was full, wrote it and never recorded it;
    # recorded then, once, if the record does not have it (writing.write)
    found_at: dt.datetime | None = None

    @classmethod
    def of(cls, program: api.Program, built: api.Built,
           row: RowWords | None = None) -> "Issue":
        return cls(program, built.handout, hashlib.sha256(built.pdf).hexdigest(), row)


def fold(name: str) -> str:
    """A name as it is looked up: case, spacing and accents do not matter (``rosa  diaz``
    finds Rosa Díaz), as everywhere a name is matched (``api.folded``)."""
    return api.folded(name)


def program_yaml(program: api.Program, handout: api.Handout) -> str:
    """The program exactly as it was printed: its date, layout and language are the
    handout's, so the same YAML builds the same PDF on any later day (its language is left
    out where it is the clinic's, which the record keeps with the library version)."""
    fixed = program.model_copy(update={"date": handout.date, "layout": handout.layout,
                                       "language": handout.languages})
    return dump(fixed.to_yaml_data(handout.clinic.language))


def matched(yaml_text: str) -> str:
    """A program's YAML as a visit is matched by: without the patient's email address (nor
    a caregiver's), which no page prints (nor the handout's id counts), so that a program
    emailed after it was printed, or to a corrected address, is the same visit. The text is
    kept as it was."""
    if "email" not in yaml_text:
        return yaml_text
    cut = _without_email_line(yaml_text)
    return cut if cut is not None else _parsed_without_email(yaml_text)


# the keys ``dump`` writes under ``patient:``, each on a line of its own at two spaces; a
# long value goes on over lines of four spaces or more (the dumper's indent for it)
_PATIENT_KEYS = ("name:", "email:", "dob:", "number:")


def _without_email_line(yaml_text: str) -> str | None:
    """``yaml_text`` without its patient's ``email:`` line (and the lines its value goes on
    over), read as ``dump`` writes a program (``program_yaml``: ``patient:`` first, its keys
    a block below it), or None where the text is not of that shape: a stored version is
    matched at every write of its patient, and parsing each took 0.65 ms, seconds a batch."""
    if not yaml_text.startswith("patient:\n"):
        return None
    lines = yaml_text.split("\n")
    email = end = None
    for i, line in enumerate(lines[1:], 1):
        if line.startswith("    "):  # a value going on: its key's, whichever it is
            continue
        if not line.startswith("  "):  # the next top-level key, or the text's end
            end = i
            break
        key = line[2:].split(" ", 1)[0]
        if key not in _PATIENT_KEYS or (key == "email:" and email is not None):
            return None
        if key == "email:":
            email = i
    if end is None:
        return None
    # the block ends at a top-level key, or at the text's end (after its last line break)
    last = end == len(lines) - 1 and not lines[end]
    if not last and lines[end][:1] in ("", "\t", " ", "#"):
        return None
    if email is None:
        return yaml_text
    after = next((i for i in range(email + 1, end) if not lines[i].startswith("    ")), end)
    return "\n".join(lines[:email] + lines[after:])


def _parsed_without_email(yaml_text: str) -> str:
    """``matched`` for any text: read, the address taken out, written again."""
    import yaml

    try:
        data = yaml.load(yaml_text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return yaml_text
    patient = data.get("patient") if isinstance(data, dict) else None
    if not isinstance(patient, dict) or not _ADDRESSES & set(patient):
        return yaml_text
    return dump({**data, "patient": {k: v for k, v in patient.items()
                                     if k not in _ADDRESSES}})


_ADDRESSES = {"email", "caregiver_email"}


def dump(data: dict[str, Any]) -> str:
    """Program data as YAML text; libyaml's dumper writes the same text, faster."""
    import yaml

    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return yaml.dump(data, Dumper=dumper, sort_keys=False, allow_unicode=True)


def patient_data(program: api.Program) -> dict[str, Any]:
    patient = program.patient
    return {"name": patient.name, "dob": patient.dob.isoformat() if patient.dob else None,
            "number": patient.number}


def program_data(program: api.Program, yaml_text: str) -> dict[str, Any]:
    """``program`` dated: its handout's date, or an imported file's (``transfer``)."""
    return {"patient": patient_data(program), "yaml": yaml_text,
            "visit_date": program.date.isoformat(),
            "therapist": program.therapist}


def entries(issues: Sequence[Issue], *, channel: str, by: str | None, when: dt.datetime,
            library_hash: str) -> list[dict[str, Any]]:
    if channel not in CHANNELS:
        raise ValueError(f"channel {channel!r}: use one of {', '.join(CHANNELS)}")
    out = []
    for issue in issues:
        text = program_yaml(issue.program, issue.handout)
        program = issue.program.model_copy(update={"date": issue.handout.date})
        at = issue.found_at or when
        out.append({
            **program_data(program, text),
            **({"row": list(issue.row)} if issue.row else {}),
            "handout": {"id": issue.handout.handout_id, "channel": channel, "by": by,
                        "at": at.isoformat(timespec="microseconds"), "library": library_hash,
                        "pdf_sha256": issue.pdf_sha256,
                        **({"found": True} if issue.found_at else {})}})
    return out


def who() -> str | None:
    """The person at the keyboard, as the operating system knows them."""
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):
        return None


def utc_now() -> dt.datetime:
    # stored without a zone (SQLite keeps none); every time in the record is UTC
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None, microsecond=0)


def written_at(path: Path) -> dt.datetime:
    """When a file was written (UTC, as the record keeps times), or now if that cannot be
    read: the time a handout found in a batch's folder was given."""
    try:
        return dt.datetime.fromtimestamp(path.stat().st_mtime, dt.timezone.utc).replace(
            tzinfo=None)
    except OSError:
        return issue_time()


def issue_time() -> dt.datetime:
    """When a handout is given, to the microsecond: an issue is told from the same entry
    written again (a journal caught up twice after a crash, the helper's entries written by
    the build itself) by its handout id, program, time and channel, so two builds of the
    same handout in one second, or four clicks on Download, are each their own row."""
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


# --- the library version ------------------------------------------------------------------

PICTURES = ("picture", "logo")  # the roles of a library version's pictures


def library_files(ws: api.Workspace) -> list[tuple]:
    """(role, file name, text) of every file that shapes a handout: the library, its
    translations, the clinic file and the clinic's own protocols (a program may name one of
    them, and a reprint must find it as it was), as the workspace read them; and (role,
    path, SHA-256, where it is) of its pictures (``pictures``)."""
    if ws.sources:
        own = [("protocols", ws.local_path.name, ws.local.text)] if ws.local.digest else []
        return [*ws.sources, *own, *pictures(ws)]
    return [*_files_on_disk(ws), *pictures(ws)]


def pictures(ws: api.Workspace) -> list[tuple[str, str, str, str]]:
    """("picture", path as the library names it, SHA-256, the file) of each exercise's
    picture, and ("logo", …) of the clinic's logo: the record keeps each once per content,
    so that a reprint is the same PDF after a picture is changed. One that cannot be read
    now is left out (``check`` names it; a reprint then takes it from today's folder)."""
    wanted = sorted({("picture", e.image) for e in ws.library.exercises if e.image})
    if ws.clinic.logo:
        wanted.append(("logo", ws.clinic.logo))
    out, wrote = [], False
    for role, name in wanted:
        path = (ws.logo_root if role == "logo" else ws.image_root) / name
        found = api.picture_digest_kept(path)
        if found is not None:
            out.append((role, str(name), found[0], str(path)))
            wrote |= found[1]
    if wrote:  # once per library, not per picture: listing the folder is the cost
        api.prune_cache(api.cache_root() / "digests")
    return out


def _files_on_disk(ws: api.Workspace) -> list[tuple[str, str, str]]:
    lib = Path(ws.library_path)
    found = [("library", lib.name, _read(lib)), ("clinic", Path(ws.clinic_path).name,
                                                 _read(Path(ws.clinic_path)))]
    for language in sorted(ws.translations):
        path = lib.with_name(f"{lib.stem}.{language}{lib.suffix}")
        found.append(("translation", path.name, _read(path)))
    if ws.local_path.is_file():
        found.append(("protocols", ws.local_path.name, _read(ws.local_path)))
    return found


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise HandoutError(f"{path}: cannot read it to record the library version: {exc}"
                           ) from None


def library_hash(files: Sequence[tuple]) -> str:
    """The library version's name: its files' roles, names and texts (a picture's text is
    its SHA-256, so a changed picture is a new version)."""
    digest = hashlib.sha256()
    for role, name, text, *_ in sorted(files):
        for part in (role, name, text):
            data = part.encode("utf-8")
            digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()
