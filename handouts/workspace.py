"""The workspace: a clinic's library, its translations and its own protocols, and its clinic
file, validated once (or taken from ``input.cache``) and shared by every build.

Part of the public API (re-exported by ``handouts``); ``build`` turns programs into PDFs
with it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping

from handouts import workspace_files
from handouts.errors import HandoutError, Location, Problem
from handouts.input import cache, cache_folder, clock, later_rules, loading, local
from handouts.input.reading import words_of
from handouts.input.local import LocalProtocols
from handouts.input.models import Clinic, Library
from handouts.input.translations import Translation
from handouts.input.yamlsource import Parsed

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_LIBRARY = ROOT / "exercises.yaml"
DEFAULT_CLINIC = ROOT / "clinic.yaml"


@dataclass(frozen=True)
class Workspace:
    """A validated library (with the clinic's own protocols) and clinic, and the folders
    their pictures are relative to."""

    library: Library
    clinic: Clinic
    library_path: Path
    clinic_path: Path
    translations: Mapping[str, Translation] = field(default_factory=dict)
    # the library's parsed YAML, so that `check` finds each entry's line without reading
    # the file again
    library_source: Parsed | None = field(default=None, compare=False, repr=False)
    # the clinic's own protocols (protocols.local.yaml): the good ones are in ``library``
    # too, after the library's own; the others are left out, with their problems
    local: LocalProtocols = field(default_factory=LocalProtocols)
    # (role, file name, text) of the library, its translations and the clinic file as they
    # were read: the library version a handout was made from is recorded, not the files as
    # they are by the time it is recorded (edited meanwhile, under a running web app)
    sources: tuple[tuple[str, str, str], ...] = field(default=(), compare=False, repr=False)
    # the clinic's own wording files as they were when opened (see text.Wording.stamp)
    wording_stamp: tuple = field(default=(), compare=False, repr=False)
    # the clinic's own wording as the record kept it, for a handout made again (see
    # text.Wording.kept); None: the clinic's folder's
    wording_kept: Path | None = field(default=None, compare=False, repr=False)
    # the library's file as it was given (``library_path`` is where it is): what `check`
    # names it and its translations, as its problems are named
    library_given: Path | None = field(default=None, compare=False, repr=False)

    def today(self) -> dt.date:
        """Today where the clinic is (its ``timezone:``; unset, the computer's)."""
        return clock.clinic_today(self.clinic.timezone)

    @functools.cached_property
    def library_as_written(self) -> Library:
        """The library as its file holds it, without the clinic's own protocols: for what
        names a line of that file."""
        return local.unmerged(self.library, self.local)

    @property
    def local_path(self) -> Path:
        """The clinic's own protocols file, beside the library."""
        return local.path_beside(self.library_path)

    @property
    def image_root(self) -> Path:
        return self.library_path.parent

    @property
    def logo_root(self) -> Path:
        return self.clinic_path.parent

    @property
    def wording(self):
        """The fixed wording: the package's, under the clinic folder's own, in its locale."""
        from handouts.words.text import Wording

        return Wording(self.clinic_path.parent, self.clinic.locale, self.wording_stamp,
                       self.wording_kept)

    @property
    def home(self) -> Path:
        """The clinic's folder (the clinic file's): its examples/ and programs/."""
        return self.clinic_path.parent

    @property
    def library_name(self) -> str:
        """The library's file as a person would name it: relative to the working folder
        when it is inside it."""
        try:
            return str(self.library_path.relative_to(Path.cwd()))
        except ValueError:
            return str(self.library_path)

    @property
    def languages(self) -> tuple[str, ...]:
        from handouts.words.text import languages

        return languages(self.wording)

    @property
    def staff_languages(self) -> tuple[str, ...]:
        """The languages the clinic's staff may write in (a roster's headings, say): its
        locale's first, then the library's, those it prints in and those the handouts have
        wording in. A clinic in France writes French where its handouts print in English."""
        locale = (self.clinic.locale or "").split("-")[0]
        return tuple(dict.fromkeys(filter(None, (locale, self.library.language,
                                                 *self.clinic.language, *self.languages))))

    def outside(self, exercise_ids: Iterable[str] | None = None) -> list[Problem]:
        """Pictures that lead out of their folder (through a link): the library's pictures
        must stay in the library's folder, the logo in the clinic file's. Of the exercises
        named (by default all) and the logo, which every handout prints: one link out in a
        library of hundreds stops only the handouts that show it. Each looked at once."""
        seen = self._outside
        ids = [i for i in dict.fromkeys(self.library.exercise_ids if exercise_ids is None
                                        else exercise_ids) if i in seen]
        seen.update({i: self._picture_outside(i) for i in ids if seen[i] is ...})
        return [seen[i] for i in ids if seen[i]] + list(self._logo_outside)

    def picture_location(self, index: int) -> Location:
        """Where the library names the picture of its ``index``-th exercise."""
        return self.library_parsed.location(("exercises", index, "image"))

    @functools.cached_property
    def library_parsed(self) -> Parsed:
        """The library file parsed, for the lines of what it says: as validated, or (a
        library kept validated by an earlier process, input.cache) read again, as `check`
        reads it for its pictures (once a run: loading.parse_once)."""
        return self.library_source or loading.parse_once(self.library_file)

    @property
    def library_file(self) -> Path:
        """The library's file as it was given; where it is where none was."""
        return self.library_given or self.library_path

    def translation_files(self) -> list[Path]:
        """The library's translations, named beside the library as it was given."""
        return loading.translation_files(self.library_file)

    @functools.cached_property
    def _outside(self) -> dict:  # by exercise id: ... until a handout shows its picture
        return dict.fromkeys(self.library.exercise_ids, ...)

    def _picture_outside(self, exercise_id: str) -> Problem | None:
        image = self.library.exercise(exercise_id).image
        if not image or inside_folder(self.image_root, image):
            return None
        return Problem(self.picture_location(self.library.exercise_ids.index(exercise_id)),
                       f'"{image}" leads outside the library\'s folder (a link?); keep the '
                       "pictures in it")

    @functools.cached_property
    def _logo_outside(self) -> tuple[Problem, ...]:
        if not self.clinic.logo or inside_folder(self.logo_root, self.clinic.logo):
            return ()
        return (Problem(_clinic_parsed(self).location(("logo",)), f'"{self.clinic.logo}" leads '
                        "outside the clinic file's folder (a link?); keep the logo in it"),)


def inside_folder(root: Path, relative: str) -> bool:
    """Whether ``root / relative`` stays inside ``root`` once links are followed."""
    try:
        return (root / relative).resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError, ValueError):  # a link loop, a name the system refuses
        return False


def open_workspace(library: Path | str | None = None, clinic: Path | str | None = None, *,
                   home: Path | str | None = None, wording_kept: Path | None = None,
                   kept: bool = False) -> Workspace:
    """Load and validate both files; HandoutError lists every problem in either. ``home``
    is a clinic's folder: its exercises.yaml and clinic.yaml are the defaults. The clinic's
    own protocols beside the library are read too; a problem there leaves its entry out
    (``Workspace.local``), it does not stop the workspace. ``wording_kept``: the clinic's
    own wording as the record kept it (``Workspace.wording_kept``), which the clinic
    file's ``language:`` is checked against. ``kept``: the record's files (later_rules)."""
    folder = Path(home) if home else ROOT
    library_path = Path(library) if library else folder / DEFAULT_LIBRARY.name
    clinic_path = Path(clinic) if clinic else folder / DEFAULT_CLINIC.name
    for _ in range(3):
        files = workspace_files.contents(library_path, clinic_path)
        # a dose in the clinic's own language is read in its own wording's words
        with later_rules.as_made(kept), words_of(clinic_path.parent, wording_kept):
            ws, to_cache = _open(library_path, clinic_path, files, workspace_files.reading_words(
                wording_kept or clinic_path.parent))
        # a file saved while it was validated: what was validated is not known, so again
        if workspace_files.contents(library_path, clinic_path) == files:
            save_drawings(to_cache)  # for the next process; a read-only home only costs time
            wording = workspace_files.wording_files(ws.home)
            ws = dataclasses.replace(
                ws, wording_stamp=workspace_files.stamp(wording), wording_kept=wording_kept,
                sources=(*ws.sources, *workspace_files.wording_sources(ws.home, wording)))
            _check_clinic_language(ws)
            return dataclasses.replace(ws, clinic=clinic_in_library_language(ws))
    raise HandoutError(f"{library_path.parent} keeps changing while it is read; try again "
                       "once the library and clinic files are saved")


def _check_clinic_language(ws: Workspace) -> None:
    """clinic.yaml's ``language:``, and each language its texts are given in (name,
    address, tagline, disclaimer, log rows), is one the handouts have wording in (the
    package's, or the clinic's own ``strings.<lang>.yaml``); English always is. A text in
    another (a typo, ``sp:``) would never print."""
    clinic = ws.clinic
    given = [(at, texts) for at, texts in clinic.per_language() if not clinic.plain_at(at)]
    if clinic.language == ("en",) and not given:
        return
    from handouts.words.text import no_wording

    available = ws.languages
    missing = [(("language",) if len(clinic.language) == 1 else ("language", i), lang)
               for i, lang in enumerate(clinic.language) if lang not in available]
    missing += [((*at, lang), lang) for at, texts in given for lang in texts
                if lang not in available]
    if missing:
        parsed = _clinic_parsed(ws)
        raise HandoutError(sorted((Problem(parsed.location(at), no_wording(lang, available))
                                   for at, lang in missing),
                                  key=lambda p: p.location.line or 0))


def clinic_in_library_language(ws: Workspace) -> Clinic:
    """The clinic with its texts (name, tagline, address, disclaimer, log rows) in the
    library's language: one text is written in it (the models file it as English's, and
    keep that it was one), and a text per language must give one in it, printed where the
    handout's language has none; the name's and address's first (``Clinic.name``)."""
    source, clinic = ws.library.language, ws.clinic
    given = clinic.per_language()
    missing = [at for at, texts in given if not clinic.plain_at(at) and source not in texts]
    if missing:
        from handouts.words.text import language_name

        said = language_name(source, ws.wording)
        parsed = _clinic_parsed(ws)
        raise HandoutError([Problem(parsed.location(at), (
            f'give the {said} text too, under "{source}:" (the library\'s language, '
            f"{ws.library_path.name}: it is printed where there is no text in the "
            "handout's language)")) for at in missing])
    # the name and address per language with the library's first: ``Clinic.name``, as
    # the record and check know the clinic
    update = {_FIELDS[key]: {source: texts[source], **texts} for (key, *_), texts in given
              if key in _FIELDS and not clinic.plain(key)}
    if source == "en":  # one text is already English's
        return clinic.model_copy(update=update) if update else clinic
    update |= {_FIELDS.get(name, name): {source: texts["en"]} for (name, *index), texts
               in given if not index and clinic.plain(name)}
    if any(clinic.plain_at(at) for at, _ in given if len(at) == 2):
        update["log_rows"] = tuple({source: row["en"]} if clinic.plain_at(("log_rows", i))
                                   else row for i, row in enumerate(clinic.log_rows))
    return clinic.model_copy(update=update) if update else clinic


_FIELDS = {"name": "names", "address": "addresses"}  # clinic.yaml's keys, the model's fields


def _clinic_parsed(ws: Workspace) -> loading.Parsed:
    """The clinic file as it was validated (its bytes kept in sources), not read again: the
    lines of its keys, for a problem found once it is loaded."""
    kept = next((text for kind, _, text in ws.sources if kind == "clinic"), None)
    return loading.parse(kept if kept is not None else loading.read_text(ws.clinic_path),
                         str(ws.clinic_path))


def _open(library_path: Path, clinic_path: Path, files: Mapping[Path, bytes | None],
          words: Mapping[Path, bytes | None]) -> tuple[Workspace, dict[Path, bytes]]:
    """The workspace, from the cache or validated, and what to keep in the cache: kept by
    the clinic's ``words`` too, which its doses are read in (reading.words_of)."""
    local_path = local.path_beside(library_path)
    sources = workspace_files.sources(library_path, clinic_path, files)
    kept = cache.entry({**files, **words})
    found = cache.load(kept)
    if found:
        cache_folder.used(kept)  # not pruned under this process; the newest for others
        lib, clinic_, translations, own = found
        # None: the protocols had problems, whose messages name their file: read again
        return _with_local(Workspace(lib, clinic_, library_path.resolve(),
                                     clinic_path.resolve(), translations,
                                     sources=sources, library_given=library_path),
                           local_path, own if isinstance(own, LocalProtocols) else None), {}
    problems: list[Problem] = []
    lib = source = clinic_ = None
    translations: dict[str, Translation] = {}
    try:
        lib, source = loading.load_library(library_path)
    except HandoutError as exc:
        problems.extend(exc.problems)
    try:  # checked even when the library has problems, so that `check` finds all at once
        translations = loading.load_translations(library_path, lib)
    except HandoutError as exc:
        problems.extend(exc.problems)
    try:
        clinic_ = loading.load_clinic(clinic_path)
    except HandoutError as exc:
        problems.extend(exc.problems)
    if problems:
        raise HandoutError(problems)
    ws = _with_local(Workspace(lib, clinic_, library_path.resolve(), clinic_path.resolve(),
                               translations, source, sources=sources,
                               library_given=library_path), local_path)
    # protocols with problems are not kept: their messages name this folder's file
    return ws, {} if kept is None else {kept: cache.dump((
        lib, clinic_, translations, None if ws.local.problems else ws.local))}


def _with_local(ws: Workspace, path: Path, own: LocalProtocols | None = None) -> Workspace:
    """``ws``, whose library is its file's alone, with the clinic's own protocols: ``own``
    as kept, or read from ``path`` (the name its messages give the file)."""
    if own is None:
        own = local.load(path, ws.library, where=ws.library_name)
    return dataclasses.replace(ws, library=local.merged(ws.library, own), local=own)


def files_stamp(ws: Workspace) -> tuple:
    """Each file the workspace is made from, and each of the clinic's wording and staff words
    files, as it is now (name, size, time of the last change): a program that keeps a
    workspace (the web app) compares it before each use and opens the files again once one
    was saved, added or removed."""
    from handouts.staff_wording import own_files

    return workspace_files.stamp([*workspace_files.made_from(ws.library_path, ws.clinic_path),
                                  *workspace_files.wording_files(ws.home), *own_files(ws.home)])


def reload_local_protocols(ws: Workspace) -> Workspace:
    """The workspace with the clinic's own protocols read again if their file changed since
    (the web app, after a save or an edit by hand); ``ws`` itself if it did not."""
    if local.fingerprint(ws.local_path) == ws.local.digest:
        return ws
    written = dataclasses.replace(ws, library=ws.library_as_written, local=LocalProtocols())
    with words_of(ws.home, ws.wording_kept):
        return _with_local(written, ws.local_path)


def local_protocol_entries(ws: Workspace) -> list[Any]:
    """The entries of the clinic's own protocols file as data, each as it is, for a save
    that adds one; HandoutError if the file cannot be read as a list of protocols."""
    return local.entries(ws.local_path)


def check_local_protocols(ws: Workspace, text: str) -> LocalProtocols:
    """``text`` read and checked as the clinic's own protocols file will be."""
    with words_of(ws.home, ws.wording_kept):
        return local.load(ws.local_path, ws.library_as_written, where=ws.library_name,
                          text=text)


def save_drawings(drawings: Mapping[Path, bytes]) -> None:
    """Keep what a render prepared (drawings, photos) on disk for the next process; a
    read-only home only costs time (every process then prepares them itself)."""
    from handouts.files import write_atomic

    for path, data in drawings.items():
        try:
            write_atomic(path, data)
        except OSError:
            continue
        cache_folder.used(path)
    for folder in {path.parent for path in drawings}:
        cache_folder.prune(folder)  # the least recently used past a bound: it stays its size
