"""The handout behind an id, made again from what the record kept: the program's YAML, the
library, clinic and translation files as they were that day, and the pictures they named."""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

import handouts as api
from handouts.errors import HandoutError

from .entry import PICTURES
from .kinds import Issued


@dataclass(frozen=True)
class Reprint:
    built: api.Built
    issued: Issued
    # True: byte for byte the PDF that was issued; False: not (pictures, fonts or the
    # program changed since); None: the record has no checksum to tell (an older entry, or
    # a packet printed in a merged file)
    identical: bool | None
    # what the reprint warns of besides: what its pages lack (a picture it could not draw,
    # the logo), to see before it is handed over. Not the build's notices of the handout's
    # words ("no Français title"): they were said when it was given, and are for whoever
    # edits today's library, which a reprint does not read
    said: tuple[str, ...] = ()

    @property
    def same_id(self) -> bool:
        """The id printed is the one issued (a digest of the exercises, doses and texts the
        patient saw; not of the fixed wording on the page, such as "Questions? Call us")."""
        return self.built.handout.handout_id == self.issued.handout_id


def reprint(ws: api.Workspace, issued: Issued, library: list[tuple[str, str, str]],
            pictures: Mapping[str, bytes] | None = None) -> Reprint:
    """Build ``issued`` again from the texts and ``pictures`` (by SHA-256) the record kept.
    Where it kept no pictures for it (an older entry, a picture it could not read), they
    come from today's folders; the result is checked against the PDF's hash either way."""
    if not library:
        raise HandoutError(f"{issued.handout_id}: the record has lost the library version "
                           "it was made from; it cannot be made again")
    # a folder made outside the cache (which cannot be written) lives as long as the build
    # that reads it; each reprint would otherwise leave one in the temporary folder
    with contextlib.ExitStack() as made:
        then = workspace_as_it_was(ws, library, pictures, issued.library_hash, made)
        program = api.load_program(f"record: handout {issued.handout_id}", then, kept=True,
                                   text=issued.yaml)
        if not any(role == "wording" for role, _, _ in library):
            then = _wording_then(then, program, issued, made)
        # one given before ids counted what its pictures show keeps the id it was given
        handout = api.as_issued(api.resolve_program(program, then, today=issued.visit_date),
                                issued.handout_id)
        built = api.Built(handout, *api.render_handouts([handout], then))
        notices = set(api.handout_notices(built.handout, then))
    identical = None
    if issued.pdf_sha256:
        identical = hashlib.sha256(built.pdf).hexdigest() == issued.pdf_sha256
    elif built.handout.handout_id != issued.handout_id:
        identical = False
    said = tuple(w for w in built.warnings if w not in notices)
    return Reprint(built, issued, identical, said)


def _wording_then(then: api.Workspace, program, issued: Issued,
                  made: contextlib.ExitStack) -> api.Workspace:
    """The wording a handout was made with where the record kept none of the clinic's own:
    none it had (the package's alone), or one it kept no copy of (a version before the
    record kept wording). The handout's id is a digest of the exercises, doses and texts
    the patient saw, the doses as the wording phrased them: of today's wording and the
    package's, the first that gives the id issued is taken; where neither does, today's
    (the reprint then names the id it prints). The fixed wording of the page ("Questions?
    Call us") is not in the id, so where only that changed, today's is used."""
    def gives_id(ws: api.Workspace) -> bool:
        handout = api.resolve_program(program, ws, today=issued.visit_date)
        return api.as_issued(handout, issued.handout_id).handout_id == issued.handout_id

    if gives_id(then):
        return then
    package = dataclasses.replace(then, wording_kept=_wording_folder([], made))
    return package if gives_id(package) else then


def workspace_as_it_was(ws: api.Workspace, library: list[tuple[str, str, str]],
                        pictures: Mapping[str, bytes] | None = None, version: str = "",
                        made: contextlib.ExitStack | None = None) -> api.Workspace:
    """The recorded texts, validated as open_workspace always does, but for the rules that
    came after them (``later_rules``), with the clinic's own wording it kept. Where the record kept every picture the version names, they are
    beside the texts, in a folder of the cache named after the version (the pictures are
    read as the handout is drawn, after this returns); else the texts are read from a
    private temporary folder and the pictures come from today's folders. A folder made
    outside the cache, where it cannot be written, is deleted as ``made`` closes: keep the
    workspace no longer."""
    made = made if made is not None else contextlib.ExitStack()
    pictures = pictures or {}
    roles = {role: name for role, name, _ in library if role in ("library", "clinic")}
    wording = [(name, text) for role, name, text in library if role == "wording"]
    named = [(role, name, digest) for role, name, digest in library if role in PICTURES]
    texts = [(role, Path(name).name, text) for role, name, text in library
             if role != "wording" and role not in PICTURES]
    kept_wording = _wording_folder(wording, made) if wording else None
    files = [("clinic" if role == "clinic" else "library", name, text.encode("utf-8"))
             for role, name, text in texts]
    if named and version and all(digest in pictures for _, _, digest in named):
        folder = _cache_folder(made, "as-issued", version, [
            *files, *(("clinic" if role == "logo" else "library", name, pictures[digest])
                      for role, name, digest in named)])
        return _opened(folder / "library", folder / "clinic", roles, kept_wording)
    with tempfile.TemporaryDirectory(prefix="handouts-reprint-") as tmp:
        _put(Path(tmp), files)
        then = _opened(Path(tmp, "library"), Path(tmp, "clinic"), roles, kept_wording)
    # a record from before the pictures were kept: today's pictures, as they were then;
    # and the clinic's own wording, where none was kept, from today's folder, as it is now
    # (not as the temporary folder was: a process keeps what it read of wording by this)
    return dataclasses.replace(then, library_path=ws.library_path, clinic_path=ws.clinic_path,
                               wording_stamp=ws.wording_stamp)


def _opened(lib_dir: Path, clinic_dir: Path, roles: dict[str, str],
            wording: Path | None) -> api.Workspace:
    try:  # the clinic's language checked against its wording as kept ("fr": strings.fr.yaml)
        return api.open_workspace(lib_dir / roles["library"], clinic_dir / roles["clinic"],
                                  wording_kept=wording, kept=True)
    except HandoutError as exc:
        # named as the clinic knows the files, not by the folder the texts were put in
        said = "; ".join(str(p).replace(f"{lib_dir}{os.sep}", "").replace(
            f"{clinic_dir}{os.sep}", "") for p in exc.problems)
        raise HandoutError(f"the library files the record kept for this handout do not "
                           f"load now: {said}") from None


def _wording_folder(files: list[tuple[str, str]], made: contextlib.ExitStack) -> Path:
    """The clinic's wording as the record kept it, named after its content (a process keeps
    what it read of a wording folder by its name, so one per content)."""
    digest = hashlib.sha256()
    for name, text in sorted(files):
        digest.update(f"{name}\0{text}\0".encode("utf-8"))
    return _cache_folder(made, "wording", digest.hexdigest(),
                         [("", name, text.encode("utf-8")) for name, text in files])


def _cache_folder(made: contextlib.ExitStack, kind: str, key: str,
                  files: list[tuple[str, str, bytes]]) -> Path:
    """A folder of the cache folder named after ``key``, holding ``files`` (a subfolder, a
    name and the bytes), each written where it is missing or is not what the record holds:
    deleting it only costs writing it again. Where the cache folder cannot be written, a
    temporary folder of its own, deleted as ``made`` closes."""
    folder = api.cache_root() / kind / key[:32]
    try:
        _put(folder, files)
        api.cache_used(folder)  # its pictures are read as the handout is made: kept
        api.prune_cache(folder.parent)
    except OSError:
        folder = Path(tempfile.mkdtemp(prefix=f"handouts-{kind}-"))
        made.callback(shutil.rmtree, folder, ignore_errors=True)
        _put(folder, files)
    return folder


def _put(folder: Path, files: list[tuple[str, str, bytes]]) -> None:
    api.make_folder(folder)  # with no files too: no wording of the clinic's own
    for part in {part for part, _, _ in files}:
        api.make_folder(folder / part)  # private, as the rest of the cache folder
    for part, name, data in files:
        root = (folder / part).resolve()
        path = (root / name).resolve()
        # names come from the record; a name that leads out of its folder is left out
        if not path.is_relative_to(root):
            continue
        if not path.is_file() or path.read_bytes() != data:
            api.make_folder(path.parent)
            api.write_atomic(path, data)
