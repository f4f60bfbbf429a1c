"""The handout behind an id, made again from what the record kept: the program's YAML and the
library, clinic and translation files as they were that day."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import handouts as api
from handouts.errors import HandoutError

from .kinds import Issued


@dataclass(frozen=True)
class Reprint:
    built: api.Built
    issued: Issued
    # True: byte for byte the PDF that was issued; False: not (pictures, fonts or the
    # program changed since); None: the record has no checksum to tell (an older entry, or
    # a packet printed in a merged file)
    identical: bool | None


def reprint(ws: api.Workspace, issued: Issued, library: list[tuple[str, str, str]],
            ) -> Reprint:
    """Build ``issued`` again. Pictures and the logo come from today's folders (the record
    keeps texts, not drawings), which is why the result is checked against the PDF's hash."""
    if not library:
        raise HandoutError(f"{issued.handout_id}: the record has lost the library version "
                           "it was made from; it cannot be made again")
    then = workspace_as_it_was(ws, library)
    program = api.load_program(f"record: handout {issued.handout_id}", then, text=issued.yaml)
    built = api.build_handout(program, then, today=issued.visit_date)
    identical = None
    if issued.pdf_sha256:
        identical = hashlib.sha256(built.pdf).hexdigest() == issued.pdf_sha256
    elif built.handout.handout_id != issued.handout_id:
        identical = False
    return Reprint(built, issued, identical)


def workspace_as_it_was(ws: api.Workspace, library: list[tuple[str, str, str]],
                        ) -> api.Workspace:
    """The recorded texts, validated as open_workspace always does (from a private
    temporary folder), with the clinic's own wording it kept, and today's folders for the
    pictures they name."""
    roles = {role: name for role, name, _ in library if role != "translation"}
    wording = [(name, text) for role, name, text in library if role == "wording"]
    library = [entry for entry in library if entry[0] != "wording"]
    with tempfile.TemporaryDirectory(prefix="handouts-reprint-") as tmp:
        lib_dir, clinic_dir = Path(tmp, "library"), Path(tmp, "clinic")
        lib_dir.mkdir()
        clinic_dir.mkdir()
        for role, name, text in library:
            folder = clinic_dir if role == "clinic" else lib_dir
            # names come from the record, not from the user, but stay inside the folder
            (folder / Path(name).name).write_text(text, encoding="utf-8")
        try:
            then = api.open_workspace(lib_dir / roles["library"], clinic_dir / roles["clinic"])
        except HandoutError as exc:
            # named as the clinic knows the files, not by the temporary folder's path
            said = "; ".join(str(p).replace(f"{lib_dir}{os.sep}", "").replace(
                f"{clinic_dir}{os.sep}", "") for p in exc.problems)
            raise HandoutError(f"the library files the record kept for this handout do not "
                               f"load now: {said}") from None
    # a record from before the wording was kept: today's wording, as then
    return dataclasses.replace(then, library_path=ws.library_path, clinic_path=ws.clinic_path,
                               wording_kept=_wording_folder(wording) if wording else None)


def _wording_folder(files: list[tuple[str, str]]) -> Path:
    """A folder holding the clinic's wording as the record kept it, named after its content
    (in the cache folder: a process keeps what it read of a wording folder by its name, so
    one per content, made once; deleting it only costs making it again)."""
    digest = hashlib.sha256()
    for name, text in sorted(files):
        digest.update(f"{name}\0{text}\0".encode("utf-8"))
    folder = api.cache_root() / "wording" / digest.hexdigest()[:32]
    try:
        _write_into(folder, files)
    except OSError:  # a cache folder that cannot be written: a folder of its own instead
        folder = Path(tempfile.mkdtemp(prefix="handouts-wording-"))
        _write_into(folder, files)
    return folder


def _write_into(folder: Path, files: list[tuple[str, str]]) -> None:
    for name, text in files:
        path = (folder / name).resolve()
        # names come from the record; a name that leads out of the folder is left out
        if path.is_relative_to(folder.resolve()) and not path.is_file():
            api.write_atomic(path, text.encode("utf-8"))
