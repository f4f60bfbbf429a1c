"""The public API: load a workspace (library + clinic), turn programs into PDF bytes.

    ws = open_workspace()                         # exercises.yaml and clinic.yaml beside the repo
    program = load_program("examples/jane.yaml", ws)
    built = build_handout(program, ws)            # built.pdf is bytes; nothing was written
    packet = build_packet([h1, h2], ws, duplex=True)

The CLI, the batch runner, the mailer and the web app are thin shells over these functions
(re-exported by ``handouts``). Nothing here writes a file but the caches of drawings and of
the validated library, which only save time (see ``render.pictures``, ``input.cache``).
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping, Sequence

from handouts import resolve as resolving
from handouts.errors import HandoutError, Location, Problem
from handouts.input import cache, loading, references
from handouts.input.translations import Translation
from handouts.input.models import Clinic, Dose, Library, Program, ProgramExercise
from handouts.input.yamlsource import Parsed
from handouts.resolve import Handout

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_LIBRARY = ROOT / "exercises.yaml"
DEFAULT_CLINIC = ROOT / "clinic.yaml"


@dataclass(frozen=True)
class Workspace:
    """A validated library and clinic, and the folders their pictures are relative to."""

    library: Library
    clinic: Clinic
    library_path: Path
    clinic_path: Path
    translations: Mapping[str, Translation] = field(default_factory=dict)
    # the library's parsed YAML, so that `check` finds each entry's line without reading
    # the file again
    library_source: Parsed | None = field(default=None, compare=False, repr=False)

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

        return Wording(self.clinic_path.parent, self.clinic.locale)

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

    def outside(self) -> list[Problem]:
        """Pictures that lead out of their folder (through a link): the library's pictures
        must stay in the library's folder, the logo in the clinic file's. Looked at once per
        workspace, as the pictures are loaded once per process."""
        return list(self._outside)

    def picture_location(self, index: int) -> Location:
        """Where the library names the picture of its ``index``-th exercise."""
        # a library kept validated by an earlier process (input.cache) is read for the line
        source = self.library_source or loading.parse(loading.read_text(self.library_path),
                                                      str(self.library_path))
        return source.location(("exercises", index, "image"))

    @functools.cached_property
    def _outside(self) -> tuple[Problem, ...]:
        found = [Problem(self.picture_location(i), f'"{e.image}" leads outside the library\'s '
                         "folder (a link?); keep the pictures in it")
                 for i, e in enumerate(self.library.exercises)
                 if e.image and not inside_folder(self.image_root, e.image)]
        if self.clinic.logo and not inside_folder(self.logo_root, self.clinic.logo):
            found.append(Problem(Location(str(self.clinic_path), None, "logo"),
                                 f'"{self.clinic.logo}" leads outside the clinic file\'s '
                                 "folder (a link?); keep the logo in it"))
        return tuple(found)


def inside_folder(root: Path, relative: str) -> bool:
    """Whether ``root / relative`` stays inside ``root`` once links are followed."""
    try:
        return (root / relative).resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError, ValueError):  # a link loop, a name the system refuses
        return False


def open_workspace(library: Path | str | None = None, clinic: Path | str | None = None, *,
                   home: Path | str | None = None) -> Workspace:
    """Load and validate both files; HandoutError lists every problem in either. ``home``
    is a clinic's folder: its exercises.yaml and clinic.yaml are the defaults."""
    folder = Path(home) if home else ROOT
    library_path = Path(library) if library else folder / DEFAULT_LIBRARY.name
    clinic_path = Path(clinic) if clinic else folder / DEFAULT_CLINIC.name
    kept = cache.entry([library_path, *loading.translation_files(library_path), clinic_path])
    found = cache.load(kept)
    if found:
        lib, clinic_, translations = found
        return Workspace(lib, clinic_, library_path.resolve(), clinic_path.resolve(),
                         translations)
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
    if kept is not None:  # for the next process; a read-only home only costs time
        save_drawings({kept: cache.dump(lib, clinic_, translations)})
    return Workspace(lib, clinic_, library_path.resolve(), clinic_path.resolve(), translations,
                     source)


def load_program(path: Path | str, ws: Workspace, *, text: str | None = None) -> Program:
    return loading.load_program(path, ws.library, text=text, languages=ws.languages,
                                where=ws.library_name)


def program_from_data(data: dict[str, Any], ws: Workspace, *, source: str) -> Program:
    """A program from data that came from a form or the command line, checked like a file."""
    return loading.program_from_data(data, ws.library, source=source, languages=ws.languages,
                                     where=ws.library_name)


def yaml_path(data: dict[str, Any], path: Sequence[str | int]) -> str:
    """How a problem names a place in data: ``exercises[child_pose].dose.hold``."""
    return Parsed(data, "form").location(path).path


def validate_dose(data: dict[str, Any], *, source: str) -> Dose:
    """Dose fields typed into a form, checked and phrased as in a program file."""
    return loading.validate(Parsed(data, source), Dose)


def parse_exercise_option(value: str) -> dict:
    """``child_pose:hold=30s,reps=3`` → ``{"id": "child_pose", "dose": {"hold": "30s", ...}}``."""
    ident, _, rest = value.partition(":")
    item: dict = {"id": ident.strip()}
    if rest.strip():
        dose: dict = {}
        for pair in rest.split(","):
            key, sep, val = pair.partition("=")
            key = key.strip()
            if not sep or not key:
                raise HandoutError(Problem(Location("--exercise"), f'"{value}": write dose '
                                           'changes as key=value (e.g. child_pose:hold=30s,reps=3)'))
            if key == "note":
                item["note"] = val.strip()
            elif key == "alternatives":
                dose[key] = [v.strip() for v in val.split("|")]
            else:
                dose[key] = val.strip()
        if dose:
            item["dose"] = dose
    return item


def program_from_options(ws: Workspace, *, patient: str, exercises: Sequence[str] = (),
                         **options: Any) -> Program:
    """The quick way at the end of a visit: a program from command-line options
    (``education``, ``protocol``, ``therapist``, ``date``, ``layout``, ``order``,
    ``language``, ``email``, ``note``; any left empty is not set)."""
    email = options.pop("email", None)
    data: dict = {"patient": {"name": patient, **({"email": email} if email else {})}}
    options["exercises"] = [parse_exercise_option(v) for v in exercises]
    options["education"] = list(options.get("education") or ())
    data.update({k: v for k, v in options.items() if v})
    return program_from_data(data, ws, source="options")


def program_with(program: Program, ws: Workspace, **changes) -> Program:
    """The program with some keys given another value (the command line's --language for a
    saved program, say), checked as if the file had said so."""
    data = program.to_yaml_data()
    data.update({k: v for k, v in changes.items() if v})
    return program_from_data(data, ws, source="options")


def program_items(program: Program, ws: Workspace) -> list[ProgramExercise]:
    """The program's exercises as they will print: its protocol's, then its own."""
    return resolving.merged_items(program, ws.library)


def program_topics(program: Program, ws: Workspace) -> list[str]:
    """The education topics the handout will carry (not the safety box, which every one has)."""
    return [t for t in resolving.topic_ids(program, ws.library) if t != references.SAFETY_TOPIC]


def resolve_program(program: Program, ws: Workspace, *, today: dt.date | None = None,
                    blank_name: bool = False) -> Handout:
    outside = ws.outside()
    if outside:
        raise HandoutError(outside)
    return resolving.resolve(program, ws.library, ws.clinic, today=today or dt.date.today(),
                             image_root=ws.image_root,
                             blank_name=blank_name, translations=ws.translations,
                             wording=ws.wording)


@dataclass(frozen=True)
class Built:
    handout: Handout
    pdf: bytes
    warnings: tuple[str, ...]

    @property
    def filename(self) -> str:
        from handouts.files import handout_filename

        return handout_filename(self.handout)


def render_handouts(handouts: Sequence[Handout], ws: Workspace, *, duplex: bool = False,
                    ) -> tuple[bytes, tuple[str, ...]]:
    """One PDF holding every handout in order, each with its own page numbers."""
    from handouts.render import layout, pdf, pictures
    from handouts.render.theme import theme_for
    from handouts.words import text

    if not handouts:
        raise HandoutError("nothing to print: no handouts were given")
    warnings: list[str] = []
    colors = ws.clinic.colors
    sections = []
    single = len(handouts) == 1
    for handout in handouts:
        theme = theme_for(handout.layout, ws.clinic.page_size, colors.primary, colors.accent,
                          colors.text)
        sections.append(pdf.Section(handout, theme, functools.partial(
            layout.build, handout, theme, warnings, share_cards=not single)))
    first = handouts[0]
    meta = pdf.Metadata(
        title=text.phrase(first.language, "pdf_title", first.wording, patient=first.patient_name)
        if single and first.patient_name else text.phrase(first.language, "document_title",
                                                          first.wording),
        author=ws.clinic.name, subject=text.phrase(first.language, "document_subject",
                                                   first.wording),
        keywords=" ".join(f"handout:{h.handout_id}" for h in handouts[:50]),
        language=first.language, date=max(h.date for h in handouts))
    data = pdf.render(sections, meta, duplex=duplex)
    save_drawings({**pictures.unsaved_drawings(), **text.unsaved_templates()})
    for handout in handouts:
        warnings.extend(handout.notices)
        warnings.extend(unprintable(handout))
    return data, tuple(dict.fromkeys(warnings))


def unprintable(handout: Handout) -> list[str]:
    """Warnings for characters in what the user typed that no installed font can draw."""
    from handouts.render import glyphs

    typed = [handout.patient_name, handout.therapist, handout.note,
             *(e.note for e in handout.exercises)]
    out = []
    for value in filter(None, typed):
        gone = glyphs.missing(value)
        if gone:
            out.append(f'"{value}": no installed font can draw {" ".join(gone)}; it is left '
                       "out of the PDF")
    return out


def save_drawings(drawings: Mapping[Path, bytes]) -> None:
    """Keep what a render prepared (drawings, photos) on disk for the next process; a
    read-only home only costs time (every process then prepares them itself)."""
    from handouts.files import write_atomic

    for path, data in drawings.items():
        try:
            write_atomic(path, data)
        except OSError:
            pass


def warm_up(ws: Workspace) -> None:
    """Load every picture once (a batch worker or the web app, before the first patient)."""
    from handouts.render import pictures
    from handouts.render.theme import theme_for

    for layout in ("standard", "compact", "large_print"):
        theme = theme_for(layout, ws.clinic.page_size)
        for entry in ws.library.exercises:
            if entry.image is None or not inside_folder(ws.image_root, entry.image):
                continue  # no picture; or one refused by the build that needs it
            try:
                pictures.load(ws.image_root / entry.image, theme.image_width,
                              theme.image_height)
            except pictures.PictureError:
                pass  # reported by the build that needs it


def build_handout(program: Program, ws: Workspace, *, today: dt.date | None = None,
                  layout: str | None = None) -> Built:
    if layout:
        program = program.model_copy(update={"layout": layout})
    handout = resolve_program(program, ws, today=today)
    data, warnings = render_handouts([handout], ws)
    return Built(handout, data, warnings)


def build_packet(handouts: Sequence[Handout], ws: Workspace, *, duplex: bool = False,
                 ) -> tuple[bytes, tuple[str, ...]]:
    return render_handouts(handouts, ws, duplex=duplex)


def page_count(data: bytes) -> int:
    """The number of pages of a PDF this package wrote."""
    from handouts.render.pdf import page_count as count

    return count(data)


def draw_exercise(exercise_id: str, ws: Workspace, fmt: str = "svg",
                  languages: Sequence[str] = ("en",)) -> bytes:
    """An exercise's picture to look at while writing its pose: SVG (a figure file drawn in
    the clinic's colours, its words in ``languages``; a clinic's SVG as it is) or, where
    reportlab can make one, PNG."""
    from handouts.render import pictures

    if exercise_id not in ws.library.exercise_ids:
        raise HandoutError(Problem(Location(), references.unknown(
            "exercise", exercise_id, ws.library.exercise_ids, "see make_handouts.py list")))
    image = ws.library.exercise(exercise_id).image
    if image is None:
        raise HandoutError(Problem(Location(), f'exercise "{exercise_id}" has no picture; '
                                   "give it an image: in the library"))
    path = ws.image_root / image
    colours = (ws.clinic.colors.primary, ws.clinic.colors.accent)
    try:
        svg = (pictures.figure_svg(str(path), *colours, tuple(languages)).encode("utf-8")
               if pictures.is_figure(path) else path.read_bytes())
        if fmt == "svg":
            return svg
        return pictures.png(svg)
    except OSError as exc:
        raise HandoutError(Problem(Location(str(path)), f"cannot read it: {exc.strerror}")) \
            from None
    except pictures.PictureError as exc:
        raise HandoutError(Problem(Location(str(path)), str(exc))) from None


def can_draw_png() -> bool:
    """Whether this computer can make PNG pictures (reportlab's renderPM with its backend)."""
    from handouts.render import pictures

    return pictures.can_make_png()


def check_figures(ws: Workspace) -> list[Problem]:
    """Every figure file the library names, checked: one problem per line, with its line."""
    from handouts import figures

    problems: list[Problem] = []
    for entry in ws.library.exercises:
        path = ws.image_root / entry.image if entry.image else None
        if path and figures.is_figure(path) and path.is_file():
            try:
                figures.load_figure(path)
            except HandoutError as exc:
                problems.extend(exc.problems)
    return problems
