"""The public API: load a workspace (library + clinic), turn programs into PDF bytes.

    ws = open_workspace()                         # exercises.yaml and clinic.yaml beside the repo
    program = load_program("examples/jane.yaml", ws)
    built = build_handout(program, ws)            # built.pdf is bytes; nothing was written
    packet = build_packet([h1, h2], ws, duplex=True)

The CLI, the batch runner, the mailer and the web app are thin shells over these functions.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping, Sequence

from handouts.input import loading
from handouts import resolve as resolving
from handouts.errors import HandoutError, Location, Problem
from handouts.input.models import Clinic, Library, Program, Translation
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

    @property
    def image_root(self) -> Path:
        return self.library_path.parent

    @property
    def logo_root(self) -> Path:
        return self.clinic_path.parent


def open_workspace(library: Path | str | None = None, clinic: Path | str | None = None,
                   ) -> Workspace:
    """Load and validate both files; HandoutError lists every problem in either."""
    library_path = Path(library) if library else DEFAULT_LIBRARY
    clinic_path = Path(clinic) if clinic else DEFAULT_CLINIC
    problems: list[Problem] = []
    loaded = {}
    for key, fn, path in (("library", loading.load_library, library_path),
                          ("clinic", loading.load_clinic, clinic_path)):
        try:
            loaded[key] = fn(path)
        except HandoutError as exc:
            problems.extend(exc.problems)
    if "library" in loaded:
        try:
            loaded["translations"] = loading.load_translations(library_path, loaded["library"])
        except HandoutError as exc:
            problems.extend(exc.problems)
    if problems:
        raise HandoutError(problems)
    return Workspace(loaded["library"], loaded["clinic"], library_path.resolve(),
                     clinic_path.resolve(), loaded["translations"])


def load_program(path: Path | str, ws: Workspace, *, text: str | None = None) -> Program:
    return loading.load_program(path, ws.library, text=text)


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
                         education: Sequence[str] = (), protocol: str | None = None,
                         therapist: str | None = None, date: dt.date | None = None,
                         layout: str | None = None, order: str | None = None,
                         language: str | Sequence[str] | None = None,
                         email: str | None = None,
                         note: str | None = None) -> Program:
    """The quick way at the end of a visit: a program from command-line options."""
    data: dict = {"patient": {"name": patient, **({"email": email} if email else {})}}
    items = [parse_exercise_option(v) for v in exercises]
    optional = {"exercises": items, "education": list(education), "protocol": protocol,
                "therapist": therapist, "date": date, "layout": layout, "order": order,
                "language": language, "note": note}
    data.update({k: v for k, v in optional.items() if v})
    return loading.program_from_data(data, ws.library, source="options")


def program_with(program: Program, ws: Workspace, **changes) -> Program:
    """The program with some keys given another value (the command line's --language for a
    saved program, say), checked as if the file had said so."""
    data = program.to_yaml_data()
    data.update({k: v for k, v in changes.items() if v})
    return loading.program_from_data(data, ws.library, source="options")


def resolve_program(program: Program, ws: Workspace, *, today: dt.date | None = None,
                    blank_name: bool = False) -> Handout:
    return resolving.resolve(program, ws.library, ws.clinic, today=today or dt.date.today(),
                             image_root=ws.image_root, logo_root=ws.logo_root,
                             blank_name=blank_name, translations=ws.translations)


@dataclass(frozen=True)
class Built:
    handout: Handout
    pdf: bytes
    warnings: tuple[str, ...]

    @property
    def filename(self) -> str:
        return handout_filename(self.handout)


def render_handouts(handouts: Sequence[Handout], ws: Workspace, *, duplex: bool = False,
                    ) -> tuple[bytes, tuple[str, ...]]:
    """One PDF holding every handout in order, each with its own page numbers."""
    from handouts.render import layout
    from handouts.render import pdf
    from handouts.words import text
    from handouts.render.theme import theme_for

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
        title=text.phrase(first.language, "pdf_title", patient=first.patient_name)
        if single and first.patient_name else text.phrase(first.language, "document_title"),
        author=ws.clinic.name, subject=text.phrase(first.language, "document_subject"),
        keywords=" ".join(f"handout:{h.handout_id}" for h in handouts[:50]),
        language=first.language, date=max(h.date for h in handouts))
    data = pdf.render(sections, meta, duplex=duplex)
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


def slug(value: str, fallback: str = "patient") -> str:
    """A file-name-safe version of a name: ASCII letters, digits and dashes, at most 60."""
    ascii_ = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    cleaned = re.sub(r"[^A-Za-z0-9]+", "-", ascii_).strip("-").lower()
    return cleaned[:60].strip("-") or fallback


def handout_filename(handout: Handout) -> str:
    name = slug(handout.patient_name) if handout.patient_name else "blank"
    return f"{handout.date.isoformat()}_{name}.pdf"


def preflight(handout: Handout, ws: Workspace) -> list[str]:
    """The warnings building this handout will give, found without laying it out (the web
    app shows them beside the form): text that prints in English for want of a translation,
    and pictures that will print as placeholders."""
    from handouts.render import pictures as illustrations
    from handouts.render.layout import placeholder_warning
    from handouts.render.theme import theme_for

    theme = theme_for(handout.layout, ws.clinic.page_size)
    found = list(handout.notices)
    for exercise in handout.exercises:
        try:
            illustrations.load(exercise.image, theme.image_width, theme.image_height)
        except illustrations.PictureError as exc:
            found.append(placeholder_warning(exercise, exc))
    return found


def check_pictures(ws: Workspace) -> list[Problem]:
    """Every exercise's picture and the logo must load; problems name the YAML entry."""
    from handouts.render import pictures as illustrations
    from handouts.render.theme import theme_for

    theme = theme_for("large_print", ws.clinic.page_size)
    problems = []
    for entry in ws.library.exercises:
        try:
            illustrations.load(ws.image_root / entry.image, theme.image_width, theme.image_height)
        except illustrations.PictureError as exc:
            problems.append(Problem(Location(str(ws.library_path), None,
                                             f"exercises[{entry.id}].image"),
                                    f'"{entry.image}": {exc}'))
    if ws.clinic.logo:
        try:
            illustrations.load(ws.logo_root / ws.clinic.logo, 100, 100)
        except illustrations.PictureError as exc:
            problems.append(Problem(Location(str(ws.clinic_path), None, "logo"),
                                    f'"{ws.clinic.logo}": {exc}'))
    return problems


def plain_language_findings(ws: Workspace, *, max_grade: float = 6.0) -> list[str]:
    """Reading grade, long sentences and unexplained medical words, entry by entry."""
    from handouts.words import plain
    from handouts.input.yamlsource import parse

    parsed = parse(loading.read_text(ws.library_path), str(ws.library_path))
    return [str(f) for f in plain.check(ws.library, parsed, max_grade=max_grade)]


def untranslated_entries(ws: Workspace, language: str) -> list[str]:
    """Every library text with no translation into ``language``."""
    from handouts.input import references
    from handouts.input.yamlsource import parse

    parsed = parse(loading.read_text(ws.library_path), str(ws.library_path))
    found = references.untranslated(ws.library, ws.translations.get(language))
    return [str(p) for p in loading.located(parsed, found)]


def check_fonts() -> list[Problem]:
    from handouts.render.theme import FONT_DIR, FONT_FILES

    problems = []
    for file in FONT_FILES.values():
        path = FONT_DIR / file
        if not path.is_file():
            problems.append(Problem(Location(str(path)), "font file missing; the PDFs embed it"))
    if not problems:
        from reportlab.pdfbase.ttfonts import TTFError
        from handouts.render.theme import register_fonts
        try:
            register_fonts()
        except TTFError as exc:
            problems.append(Problem(Location(str(FONT_DIR)), f"a font cannot be read: {exc}"))
    return problems


def write_atomic(path: Path, data: bytes) -> None:
    """Write the whole file or nothing: a temporary file beside it, then a rename."""
    import os
    import tempfile

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
