"""The files a workspace is made from, as bytes and as stamps: the bytes read once, so that
what was validated is known (a file saved meanwhile is read again) and is what the record
keeps; the stamps (name, size, time of the last change), so that a program that keeps a
workspace knows when a file was saved, added or removed."""

from __future__ import annotations

from pathlib import Path
from typing import Mapping

from handouts.errors import HandoutError
from handouts.input import loading, local
from handouts.input.decoding import decoded
from handouts.input.yamlsource import MAX_CHARS


def contents(library_path: Path, clinic_path: Path) -> dict[Path, bytes | None]:
    """The bytes of every file a workspace is made from (None: cannot be read)."""
    found: dict[Path, bytes | None] = {}
    for path in made_from(library_path, clinic_path):
        try:  # no more than a YAML file may hold: a device or a pipe is refused, not read
            with path.open("rb") as file:
                found[path] = file.read(MAX_CHARS + 1)
        except OSError:
            found[path] = None
    return found


def made_from(library_path: Path, clinic_path: Path) -> list[Path]:
    """The library, its translations, the clinic file and the clinic's own protocols."""
    local_path = local.path_beside(library_path)
    return [library_path, *loading.translation_files(library_path), clinic_path,
            *([local_path] if local_path.exists() else [])]


def sources(library_path: Path, clinic_path: Path, files: Mapping[Path, bytes | None],
            ) -> tuple[tuple[str, str, str], ...]:
    """What ``Workspace.sources`` holds, from the bytes the workspace was made from."""
    def text(path: Path) -> str:
        try:  # as the files are read to be validated: UTF-16 with its mark too
            return decoded(path, files.get(path) or b"")
        except HandoutError:  # not text: the validation says so, at the file
            return ""

    return (("library", library_path.name, text(library_path)),
            ("clinic", clinic_path.name, text(clinic_path)),
            *(("translation", path.name, text(path)) for path in files
              if path not in (library_path, clinic_path, local.path_beside(library_path))))


def wording_stamp(home: Path) -> tuple:
    """The clinic's own wording files in ``home`` as they are now (``Workspace.wording_stamp``
    of a workspace opened now)."""
    return stamp(wording_files(home))


def stamp(paths: list[Path]) -> tuple:
    """Each of ``paths`` as it is now: name, size, time of the last change and inode (a
    file replaced by a save keeps its size and may keep its time); None where it is gone."""
    found = []
    for path in paths:
        try:
            info = path.stat()
            found.append((str(path), info.st_size, info.st_mtime_ns, info.st_ino))
        except OSError:
            found.append((str(path), None))
    return tuple(found)


def wording_sources(home: Path, paths: list[Path]) -> tuple[tuple[str, str, str], ...]:
    """("wording", the file's name in the clinic's folder, its text) of each wording file,
    for the record (one that cannot be read is the render's to report)."""
    found = []
    for path in paths:
        try:
            with path.open("rb") as file:
                found.append(("wording", path.relative_to(home).as_posix(),
                              decoded(path, file.read(MAX_CHARS + 1))))
        except (OSError, HandoutError):
            continue
    return tuple(found)


def reading_words(home: Path) -> dict[Path, bytes | None]:
    """The clinic's own wording files that give words a dose is read in (``read_units``,
    ``read_how_often``): a workspace validated with other words is validated again. Only
    those: a change to a heading's words does not."""
    found: dict[Path, bytes | None] = {}
    for path in sorted(home.glob("strings.*.yaml")):
        try:
            with path.open("rb") as file:
                data = file.read(MAX_CHARS + 1)
        except OSError:
            continue  # the render's to report, as wording_sources leaves it
        if b"read_units" in data or b"read_how_often" in data:
            found[path] = data
    return found


def wording_files(home: Path) -> list[Path]:
    """The clinic's own wording: ``strings.<lang>.yaml`` and its ``templates/`` folder."""
    templates = home / "templates"
    return [*sorted(home.glob("strings.*.yaml")),
            *(sorted(p for p in templates.rglob("*") if p.is_file())
              if templates.is_dir() else [])]
