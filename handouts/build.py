"""The public API: load a workspace (library + clinic: ``workspace``), turn programs (see
``programs``) into PDF bytes.

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
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Sequence

from handouts import resolve as resolving
from handouts.errors import HandoutError, Location, Problem
from handouts.input import addresses, references
from handouts.input.models import Program
# the programs' API, here too: tests and ../shared/peer-bench/vs_project.py take it from
# this module
from handouts.programs import (load_program, parse_exercise_option,  # noqa: F401
                               program_from_data, program_from_options, program_items,
                               program_topics, program_with, validate_dose,
                               validate_stage_weeks, yaml_path)
from handouts.resolve import Handout
# open_workspace is here too, as before workspace.py: ../shared/peer-bench/vs_project.py
# imports it from this module
from handouts.workspace import (Workspace, inside_folder, open_workspace,  # noqa: F401
                                save_drawings)


def resolve_program(program: Program, ws: Workspace, *, today: dt.date | None = None,
                    blank_name: bool = False) -> Handout:
    outside = ws.outside(item.id for item in program_items(program, ws))
    if outside:
        raise HandoutError(outside)
    # a program with no date is dated where the clinic is, not where the computer is
    today = today or ws.today()
    handout = resolving.resolve(program, ws.library, ws.clinic, today=today,
                                image_root=ws.image_root,
                                blank_name=blank_name, translations=ws.translations,
                                wording=ws.wording)
    # the patient's own addresses: said here, not kept with the handout patients share
    told = () if blank_name else addresses.mistyped(program.patient, ws.clinic)
    return replace(handout, told=(*handout.told, *told)) if told else handout


def resolve_row(row, ws: Workspace, *, today: dt.date | None = None) -> Handout:
    """A roster row's handout (``resolve_program`` of its ``Row.program``), its warnings in
    the roster's words (``row_cells.told``): the one way every shell resolves a row."""
    from dataclasses import replace

    from handouts.input import row_cells

    handout = resolve_program(row.program, ws, today=today)
    return replace(handout, told=row_cells.told(handout.told, row.headings))


@dataclass(frozen=True)
class Built:
    handout: Handout
    pdf: bytes
    warnings: tuple[str, ...]

    @property
    def filename(self) -> str:
        from handouts.file_names import handout_filename

        return handout_filename(self.handout)


def render_handouts(handouts: Sequence[Handout], ws: Workspace, *, duplex: bool = False,
                    ) -> tuple[bytes, tuple[str, ...]]:
    """One PDF holding every handout in order, each with its own page numbers."""
    data, each = render_each(handouts, ws, duplex=duplex)
    return data, tuple(dict.fromkeys(w for warnings in each for w in warnings))


def render_each(handouts: Sequence[Handout], ws: Workspace, *, duplex: bool = False,
                before: Callable[[int], None] | None = None,
                ) -> tuple[bytes, tuple[tuple[str, ...], ...]]:
    """``render_handouts``, with each handout's warnings apart (in the handouts' order), so
    that a print file of many patients can say whose packet each is about. ``before(i)`` is
    called as the i-th handout (from 0) is about to be laid out; what it raises stops the
    rendering there (a batch asked to stop)."""
    from handouts.render import hyphen_cache, layout, pdf, pictures
    from handouts.render.theme import theme_for
    from handouts.words import template_cache, text

    if not handouts:
        raise HandoutError("nothing to print: no handouts were given")
    each: list[list[str]] = [[] for _ in handouts]
    colors = ws.clinic.colors.readable()  # a pale brand colour, darkened to read on white
    sections = []
    single = len(handouts) == 1
    for index, handout in enumerate(handouts):
        theme = theme_for(handout.layout, ws.clinic.page_size, colors.primary, colors.accent,
                          colors.text, rtl=handout.right_to_left)
        laid_out = functools.partial(layout.build, handout, theme, each[index],
                                     share_cards=not single)
        sections.append(pdf.Section(handout, theme, laid_out if before is None else
                                    functools.partial(_after, before, index, laid_out)))
    first = handouts[0]
    # a print file of packets in several languages has no one language: it claims none,
    # its title is in the clinic's, and each packet's pages say their own (pdf.render)
    mixed = len({h.language for h in handouts}) > 1
    said = ws.clinic.language[0] if mixed else first.language
    meta = pdf.Metadata(
        # never the patient's name: a browser shows the title as the tab's and keeps it in
        # its history, a print queue lists it; the file's name is the patient's to see
        title=text.phrase(said, "document_title", first.wording),
        author=ws.clinic.name_in(said), subject=text.phrase(said, "document_subject",
                                                            first.wording),
        keywords=" ".join(f"handout:{h.handout_id}" for h in handouts[:50]),
        language=None if mixed else first.language_tag, date=max(h.date for h in handouts))
    data = pdf.render(sections, meta, duplex=duplex)
    save_drawings({**pictures.unsaved_drawings(), **template_cache.unsaved_templates(),
                   **hyphen_cache.unsaved_dictionaries()})
    for handout, warnings in zip(handouts, each):
        warnings.extend(handout_notices(handout, ws))
    return data, tuple(tuple(dict.fromkeys(warnings)) for warnings in each)


def handout_notices(handout: Handout, ws: Workspace) -> list[str]:
    """The warnings a build gives of the handout's words, not of how it was drawn: texts
    printed in another language than its own, words printed as typed, an exercise listed
    twice, a figure's words in another language, characters no font draws. Each is said
    when the handout is built; a reprint, which makes the handout as it was given, does
    not say them again (the rest, a picture it could not draw, is of this drawing)."""
    return [*handout.notices, *handout.told, *figure_notices(handout, ws),
            *unprintable(handout)]


def _after(before: Callable[[int], None], index: int, laid_out: Callable[[], list]) -> list:
    before(index)
    return laid_out()


def figure_notices(handout: Handout, ws: Workspace) -> list[str]:
    """The pictures that cannot show the patient's side (side_checks), and the words of the
    handout's figure files that printed in another language than its own, one line per
    file and language, as its drawings found them (figure_words)."""
    from handouts.render import figure_words, pictures
    from handouts.side_checks import side_notices
    from handouts.words import text

    out = side_notices(handout, ws)
    for image in dict.fromkeys(e.image for e in handout.exercises
                               if e.image is not None and pictures.is_figure(e.image)):
        found = pictures.figure_words_of(image, handout.languages)
        if found:
            name = image.relative_to(ws.image_root) if image.is_relative_to(ws.image_root) \
                else image
            out += figure_words.notices(str(name), found, handout.languages,
                                        ws.library.language,
                                        lambda code: text.language_name(code, handout.wording))
    return out


def pictures_as_named(lines: Sequence[str], handout: Handout, ws: Workspace) -> list[str]:
    """A handout's warnings (``lines``) with its pictures named as the library names them
    (``images/knee.png: ...``; the logo as the clinic file does), wherever the handout was
    made from: one made again from the record reads the copy of the library the record
    kept, in a folder of the cache the user never made. A picture the library of ``ws``
    names otherwise today is named by its file's name."""
    from pathlib import PurePath

    def as_named(path: Path, named: str | None) -> str:
        parts = PurePath(named).parts if named else ()
        return named if parts and PurePath(path).parts[-len(parts):] == parts \
            else PurePath(path).name

    names = {}
    for e in handout.exercises:
        if e.image is not None:
            named = ws.library.exercise(e.id).image if e.id in ws.library.exercise_ids \
                else None
            names[str(e.image)] = as_named(e.image, named)
    if handout.logo is not None:
        names[str(handout.logo)] = as_named(handout.logo, ws.clinic.logo)
    out = []
    for line in lines:
        for full in sorted(names, key=len, reverse=True):
            line = line.replace(full, names[full])
        out.append(line)
    return out


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


def compiled_templates():
    """The jinja2 bytecode cache the handouts' templates compile through: a shell's own
    templates (the web app's pages) given it are compiled once per process, however many
    environments it makes, and read compiled from the cache folder by the next process
    once ``keep_compiled_templates`` wrote them."""
    from handouts.words import template_cache

    return template_cache.KEPT


def keep_compiled_templates() -> None:
    """Write the templates compiled since the last build (a web page's) to the cache
    folder, for the next process; a build writes its own."""
    from handouts.words import template_cache

    unsaved = template_cache.unsaved_templates()
    if unsaved:
        save_drawings(unsaved)


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


def listed_dose(exercise, ws: Workspace) -> str:
    """An exercise's dose as the catalogue lists it (``list``, the web app's library): in
    the library's language, as its titles are written ("Tenez 20 à 30 secondes" beside a
    French title), where the handouts have dose wording in it, else in the one the clinic's
    handouts print in; the clinic's own dose wording included."""
    from handouts.words.dose import phrase, phrase_frequency
    from handouts.words.joins import join

    language = ws.library.language
    language = language if language in ws.languages else ws.clinic.language[0]
    return join(language, [*phrase(exercise.dose, language, ws.wording),
                           phrase_frequency(exercise.dose.frequency, language, ws.wording)])


def draw_exercise(exercise_id: str, ws: Workspace, fmt: str = "svg",
                  languages: Sequence[str] = ("en",), side: str | None = None) -> bytes:
    """An exercise's picture to look at while writing its pose: SVG (a figure file drawn in
    the clinic's colours, its words in ``languages``, the patient's ``side`` as a program's
    ``affected_side`` draws it; a clinic's SVG as it is) or, where reportlab can make one,
    PNG."""
    from handouts.render import figure_sides, pictures, png, svgs
    from handouts.words import text

    if exercise_id not in ws.library.exercise_ids:
        raise HandoutError(Problem(Location(), references.unknown(
            "exercise", exercise_id, ws.library.exercise_ids, "see make_handouts.py list")))
    # a language the handouts have no words in is refused, as build refuses it
    problems = [Problem(Location("options", None, "language" if len(languages) == 1 else
                                 f"language[{i + 1}]"),
                        text.no_wording(code, ws.languages))
                for i, code in enumerate(languages) if code not in ws.languages]
    if problems:
        raise HandoutError(problems)
    image = ws.library.exercise(exercise_id).image
    if image is None:
        raise HandoutError(Problem(Location(), f'exercise "{exercise_id}" has no picture; '
                                   "give it an image: in the library"))
    path = ws.image_root / image
    if not (pictures.is_figure(path) or path.suffix.lower() in pictures.VECTOR_SUFFIXES):
        # a photo's bytes were written under the .svg name, or told "use a PNG or JPEG"
        raise HandoutError(Problem(Location(), f'exercise "{exercise_id}" has a photo, not a '
                                   f"drawing: open {path} to look at it (draw makes "
                                   "pictures of figure files and SVGs)"))
    colors = ws.clinic.colors.readable()  # as the handouts print it
    colours = (colors.primary, colors.accent)
    try:
        if pictures.is_figure(path):
            from handouts.figures import load_figure

            load_figure(path)  # every problem of the file, each at its line
            svg = pictures.figure_svg(str(path), *colours, tuple(languages),
                                      rtl=text.right_to_left(tuple(languages), ws.wording),
                                      mirrored=figure_sides.mirrored(path, side)
                                      ).encode("utf-8")
        else:
            svg = path.read_bytes()
            if fmt == "svg":  # written as it is, once read as a handout reads it
                try:
                    svgs.drawing(svg)
                except svgs.Unusable as exc:
                    raise pictures.PictureError(str(exc)) from None
        if fmt == "svg":
            return svg
        return png.png(svg)
    except OSError as exc:
        raise HandoutError(Problem(Location(str(path)), f"cannot read it: {exc.strerror}")) \
            from None
    except pictures.PictureError as exc:
        raise HandoutError(Problem(Location(str(path), exc.line, exc.place), str(exc))) from None


def can_draw_png() -> bool:
    """Whether this computer can make PNG pictures (reportlab's renderPM with its backend)."""
    from handouts.render import png

    return png.can_make_png()
