"""What `check` and the web page warn about: pictures, fonts, plain language, colours,
letters no font draws, and the warnings a build would give, found without laying the
handout out. The clinic's own wording is checked in wording_checks."""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Sequence

from handouts.workspace import Workspace, inside_folder
from handouts.errors import HandoutError, Location, Problem
from handouts.input import addresses, loading, local, typed
from handouts.language_checks import figure_files
from handouts.program_files import ProgramFile
from handouts.resolve import Handout


def preflight(handout: Handout, ws: Workspace) -> list[str]:
    """The warnings building this handout will give, found without laying it out (the web
    app shows them beside the form): text that prints in English for want of a translation,
    a figure file's words that print in another language than the handout's, and pictures
    that will print as placeholders."""
    from handouts.build import figure_notices
    from handouts.render import pictures
    from handouts.render.cards import placeholder_warning
    from handouts.render.theme import theme_for

    theme = theme_for(handout.layout, ws.clinic.page_size)
    found = list(handout.notices)
    for exercise in handout.exercises:
        if exercise.image is None:
            continue
        try:  # in the handout's languages: a figure's words are found as it is drawn
            pictures.load(exercise.image, theme.image_width, theme.image_height,
                          languages=handout.languages)
        except pictures.PictureError as exc:
            found.append(placeholder_warning(exercise, exc))
    return found + list(handout.told) + figure_notices(handout, ws)


def address_warnings(ws: Workspace, programs: Sequence[ProgramFile]) -> list[str]:
    """``check``'s: each address of a program file that looks like a typo of a very common
    provider's (``addresses.mistyped``), at its line. A warning: a real address may be one
    letter off a provider's, and a program kept in the record must still be made again."""
    found = _own_address_warnings(ws)
    for file in programs:
        if file.program is None or file.parsed is None:
            continue  # its problems are check's errors
        for line in addresses.mistyped(file.program.patient, ws.clinic):
            path, _, rest = line.partition(": ")
            at = file.parsed.location(tuple(path.split(".")))
            found.append(f"{Location(at.file, at.line, path)} {rest}")
    return found


def typed_text_warnings(programs: Sequence[ProgramFile]) -> list[str]:
    """``check``'s: what ``build`` takes out of a program file's typed texts (a line break in
    a note, a zero-width space in a name), at its line, so that it is found before the day
    the handout is given."""
    from handouts.programs import in_file
    from handouts.resolve import typed_notices

    return [line for file in programs if file.program is not None
            for line in in_file(typed_notices(file.program), file.path)]


def _own_address_warnings(ws: Workspace) -> list[str]:
    """The clinic's own address (``email:``, ``smtp: from``) where it looks like a typo of a
    very common provider's: its domain is never called a typo in a patient's address, so a
    slip there (desk@gmial.com) would let every patient's bo@gmial.com go unheld."""
    found, parsed = [], None
    for path, written, bare in addresses.clinic_addresses(ws.clinic):
        likely = addresses.meant(bare)
        if likely:
            parsed = parsed or loading.parsed_if_readable(ws.clinic_path)
            where = parsed.location(path) if parsed else Location(str(ws.clinic_path))
            found.append(f"{Location(where.file, where.line, '.'.join(path))} "
                         f"{addresses.looks_mistyped(written, likely)} While it is the "
                         f"clinic's own, a patient's address at {bare.rpartition('@')[2]} is "
                         f"not held as a typo of {likely.rpartition('@')[2]}")
    return found


def library_picture_problems(library_path) -> list[Problem]:
    """Every picture the library names must load, each problem on the line of its
    ``image:`` (a figure file's, each at its own line in that file) — read from the YAML
    itself, so that `check` finds them even while the library has other problems."""
    from handouts import figures
    from handouts.render import pictures
    from handouts.render.theme import theme_for

    parsed = loading.parsed_if_readable(library_path)
    entries = parsed.data.get("exercises") if parsed and isinstance(parsed.data, dict) else None
    theme = theme_for("large_print", "Letter")
    problems = []
    for i, entry in enumerate(entries if isinstance(entries, list) else []):
        image = entry.get("image") if isinstance(entry, dict) else None
        if not typed.is_relative_path(image):
            continue
        where = parsed.location(("exercises", i, "image"))
        path = Path(library_path).parent / image
        if not inside_folder(Path(library_path).parent, image):
            problems.append(Problem(where, f'"{image}" leads outside the library\'s folder (a '
                                    "link?); keep the pictures in it"))
            continue
        if pictures.is_figure(path) and path.is_file():
            try:
                figures.load_figure(path)
            except HandoutError as exc:
                problems.extend(exc.problems)
            continue
        try:
            pictures.load(path, theme.image_width, theme.image_height)
        except pictures.PictureError as exc:
            problems.append(Problem(where, f'"{image}": {exc} (the path is relative to the '
                                    "library's folder; leave image out for no picture)"))
    return problems


def logo_problems(clinic_path) -> list[Problem]:
    """The clinic's logo must load, its problem on the line of ``logo:`` — read from the
    YAML itself, so that `check` finds it even while the clinic file has other problems."""
    from handouts.render import pictures

    parsed = loading.parsed_if_readable(clinic_path)
    logo = parsed.data.get("logo") if parsed and isinstance(parsed.data, dict) else None
    if not typed.is_relative_path(logo):
        return []
    where = parsed.location(("logo",))
    if not inside_folder(Path(clinic_path).parent, logo):
        return [Problem(where, f'"{logo}" leads outside the clinic file\'s folder (a link?); '
                        "keep the logo in it")]
    try:
        pictures.load(Path(clinic_path).parent / logo, 100, 100)
    except pictures.PictureError as exc:
        return [Problem(where, f'"{logo}": {exc}')]
    return []


def plain_language_findings(ws: Workspace, *, max_grade: float = 6.0,
                            each: bool = False) -> list[str]:
    """Reading grade, long sentences and unexplained medical words, entry by entry: the
    library's, then the clinic's own protocols'; one line for a finding said of several
    entries alike (plain.grouped), or, ``each``, one line an entry."""
    from handouts.words import plain
    from handouts.words.languages import emergency_number

    number = emergency_number(ws.clinic.locale)
    found = plain.check(ws.library_as_written, ws.library_parsed, max_grade=max_grade,
                        emergency=number, phone=ws.clinic.phone)
    own = local.readable_entries(ws.local_path)
    if own is not None:
        found += plain.check_protocols(*own, ws.library_as_written, max_grade=max_grade,
                                       emergency=number, phone=ws.clinic.phone)
    return [str(f) for f in found] if each else plain.grouped(found)


def colour_warnings(ws: Workspace) -> list[str]:
    """Each clinic colour too pale to read on white (below 4.5:1, WCAG's ratio for small
    text), or, the primary and the text, on the primary's tint (the dose box), at its line
    in the clinic file, with the darker colour of its hue that the handouts print instead."""
    from handouts.input.clinic_parts import READABLE, contrast, contrast_on_tint

    found = []
    parsed = None
    printed = ws.clinic.colors.readable()  # darkened where it does not read, as it prints
    for key in ("primary", "accent", "text"):
        given = getattr(ws.clinic.colors, key)
        if getattr(printed, key) == given:
            continue
        if contrast(given) < READABLE:
            why = f"too pale to read on white paper (contrast {_short_of(contrast(given))}:1"
        else:  # the primary's labels and the text's dose are printed on the primary's tint
            under = printed.primary if key == "text" else given
            why = (f"too pale to read on the tinted box of each exercise's dose (contrast "
                   f"{_short_of(contrast_on_tint(given, under))}:1 there")
        parsed = parsed or loading.parsed_if_readable(ws.clinic_path)
        where = parsed.location(("colors", key)) if parsed else Location(str(ws.clinic_path))
        found.append(f'{where} "{given}" is {why}; small print needs {READABLE}:1); '
                     f'handouts print it darker, as "{getattr(printed, key)}": give that, '
                     "or another dark colour, to choose it yourself")
    return found


def _short_of(ratio: float) -> str:
    """A contrast ratio below the one small print needs, never shown as that one: 4.46:1
    ("#c05a00" read "contrast 4.5:1; small print needs 4.5:1"), else to one place."""
    from handouts.input.clinic_parts import READABLE

    for places in (1, 2):
        if round(ratio, places) < READABLE:
            return f"{ratio:.{places}f}"
    return f"{math.floor(ratio * 100) / 100:.2f}"


def check_fonts() -> list[Problem]:
    """Every font file the PDFs embed is there and readable, and so is every one
    HANDOUTS_FONTS names."""
    from handouts.render.glyphs import named_font_problems
    from handouts.render.theme import font_problems

    return [Problem(Location(str(path)), message)
            for path, message in (*font_problems(), *named_font_problems())]


def unprintable_wording(ws: Workspace, programs: Sequence[ProgramFile] = ()) -> list[str]:
    """The clinic's files (its library and translations, its wording, its clinic file, its
    figure files) and the ``programs`` named, with letters no installed font can draw: they
    would be left out of every handout. One line a file, at the first text holding such a
    letter, naming the letters and what to install."""
    from handouts.render import glyphs

    files = [ws.library_file, *ws.translation_files(), ws.clinic_path]
    if ws.wording.own is not None and ws.wording.own.is_dir():
        files += sorted(ws.wording.own.glob("strings.*.yaml"))
    files += figure_files(ws)  # the words in the drawings print too
    # a name or a note: each read already, its lines named as the file was typed (./x.yaml),
    # as its problems are
    read = {str(p.path): p.parsed for p in programs}
    found = []
    for path in dict.fromkeys([*files, *read]):
        parsed = (read[path] if isinstance(path, str) and path in read
                  else loading.parsed_if_readable(path))
        if parsed is None:
            continue  # reported by the file's own check
        gone: dict[str, None] = {}
        first = None
        for at, value in parsed.strings():
            letters = glyphs.missing(value)
            if letters and first is None:
                first = parsed.location(at)
            # in the order typed (a right-to-left text's come in display order)
            gone.update(dict.fromkeys(sorted(letters, key=lambda c: (value + c).index(c))))
        if gone:
            shown = " ".join(list(gone)[:12]) + (" …" if len(gone) > 12 else "")
            found.append(f"{first} no installed font can draw {len(gone)} of this file's "
                         f"characters ({shown}; the first on this line); they are left out of "
                         "the PDFs. Install a font that has them (Debian: fonts-noto-core), "
                         "or name its file in HANDOUTS_FONTS")
    return found


def safety_line_warnings(ws: Workspace) -> list[str]:
    """The safety box (the ``when_to_call`` topic, at the foot of every handout's page 1)
    where its first line is not bold, in the library and in each translation: README and
    ``new`` have it start with the call to the emergency number, in ``**…**``, which prints
    across the top of the box in bold, so a patient with a red flag sees first what to do.
    A warning, not an error: the box still prints, and a clinic may have reasons."""
    from handouts.input.references import SAFETY_TOPIC
    from handouts.words.languages import EMERGENCY_TOKEN

    sources = [(ws.library_parsed, None)]
    sources += [(loading.parsed_if_readable(path), path)
                for path in ws.translation_files()]
    # the token, as emergency_number_warnings offers a library: the clinic's own number
    # written in would be another country's at a clinic that shares the library
    example = (f"'**Call {EMERGENCY_TOKEN} right away if you have chest pain or trouble "
               "breathing.**'")
    found = []
    for parsed, translation in sources:
        at = _safety_body(parsed.data if parsed else None, SAFETY_TOPIC, translation)
        if at is None:
            continue  # no such topic, or a body that is not text: its own check says so
        first = at[1]
        if first.lstrip().startswith("**"):
            continue
        # pasted from a word processor, its quotes and all
        if first.lstrip()[:1] in "“‘„" and first.lstrip()[1:3] == "**":
            found.append(f"{parsed.location(at[0])} the safety box's first line is in a word "
                         "processor's curly quotes, which print as they are, and keep it from "
                         "printing in bold; write straight quotes (' ') around it")
            continue
        found.append(f"{parsed.location(at[0])} the safety box's first line is not bold: "
                     "make it the call to the emergency number, which prints in bold across "
                     "the top of the box so a patient sees first what to do; write it between "
                     f"** and in quotes, e.g. {example}")
    return found


def numbered_step_warnings(ws: Workspace) -> list[str]:
    """Steps typed with their numbers ("1. Lie on your back."), as a handout copied from a
    word processor has them: the handout numbers its steps, and printed "1. 1. Lie on your
    back." A warning: the steps print, each with two numbers."""
    sources = [(ws.library_parsed, False)]
    sources += [(loading.parsed_if_readable(path), True) for path in ws.translation_files()]
    found = []
    for parsed, translation in sources:
        exercises = parsed.data.get("exercises") if parsed and isinstance(parsed.data, dict) \
            else None
        entries = (exercises.items() if translation else enumerate(exercises)) if isinstance(
            exercises, (dict if translation else list)) else ()
        for key, entry in entries:
            steps = entry.get("steps") if isinstance(entry, dict) else None
            if isinstance(steps, list) and steps and all(
                    isinstance(step, str) and re.match(rf"\s*(?:step\s*)?{i}\s*[.):]\s",
                                                       step, re.IGNORECASE)
                    for i, step in enumerate(steps, 1)):
                number = re.match(r"\s*(\S+)", steps[0])[1]
                found.append(f"{parsed.location(('exercises', key, 'steps', 0))} the steps are "
                             f'typed with their numbers ("{number}"), and the handout numbers '
                             f'them too ("1. {steps[0].strip()}"); leave the numbers out')
    return found


def _safety_body(data, topic: str, translation) -> tuple[tuple, str] | None:
    """Where the safety topic's first line is in a library's parsed YAML (a list of
    topics) or a translation's (topics by id), and its text."""
    education = data.get("education") if isinstance(data, dict) else None
    if translation is None:
        index = next((i for i, t in enumerate(education if isinstance(education, list)
                                              else []) if isinstance(t, dict)
                      and t.get("id") == topic), None)
        entry, at = (education[index], ("education", index)) if index is not None \
            else (None, ())
    else:
        entry = education.get(topic) if isinstance(education, dict) else None
        at = ("education", topic)
    body = entry.get("body") if isinstance(entry, dict) else None
    if not isinstance(body, list) or not body:
        return None
    block, at = body[0], (*at, "body", 0)
    if isinstance(block, dict):
        key = next((k for k in ("bullets", "text", "heading") if k in block), None)
        block, at = (block.get(key), (*at, key)) if key else (None, at)
    if isinstance(block, list) and block:
        block, at = block[0], (*at, 0)
    return (at, block) if isinstance(block, str) else None
