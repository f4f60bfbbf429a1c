"""What `check` says of the library's languages: texts with no translation (the library's
and its figure files' words), translations no handout can print in, lists a bilingual
handout cannot pair, and that the reading grade is checked in English only."""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

from handouts.workspace import Workspace
from handouts.errors import Location, Problem
from handouts.input import loading, translation_gaps
from handouts.program_files import ProgramFile


def plain_language_note(ws: Workspace) -> str | None:
    """What ``check`` says once of a library not written in English: its reading grade is
    not checked (Flesch-Kincaid is an English formula)."""
    from handouts.words import plain
    from handouts.words.text import language_name

    if plain.graded(ws.library):
        return None
    return (f"the reading-level check is for English only: {ws.library_path.name} is "
            f"written in {language_name(ws.library.language, ws.wording)} (language: "
            f"{ws.library.language}), so its reading grade is not checked (its long sentences "
            "and the words of its terms: list still are)")


def untranslated_entries(ws: Workspace, language: str) -> list[str]:
    """Every library text with no translation into ``language`` (none: the library is
    written in it)."""
    from handouts.words.text import language_name

    if language == ws.library.language:
        return []
    found = translation_gaps.untranslated(
        ws.library_as_written, ws.translations.get(language),
        language_name(ws.library.language, ws.wording), language, ws.wording)
    return [str(p) for p in loading.located(ws.library_parsed, found)]


def untranslated_by_entry(ws: Workspace, language: str) -> list[str]:
    """``untranslated_entries``, one line an entry, as a build says it ("no Spanish title,
    steps; printed in English"), each text with its line: 400 exercises were 2,000 lines.
    A stage's own words keep their line each, as a build tells them apart too."""
    from handouts.words.text import language_name

    if language == ws.library.language:
        return []
    source = language_name(ws.library.language, ws.wording)
    found = translation_gaps.untranslated(ws.library_as_written,
                                          ws.translations.get(language), source, language,
                                          ws.wording)
    parsed, plain = ws.library_parsed, f"not translated; {source} is printed"
    by_entry: dict[tuple, list[str]] = {}
    lines: list[tuple[int, str]] = []
    for path, message in found:
        if len(path) == 3 and message == plain:
            by_entry.setdefault(path[:2], []).append(path[2])
        else:
            lines.append((parsed.location(path).line or 0, str(Problem(parsed.location(path),
                                                                       message))))
    def line(entry: tuple, name: str) -> int | None:
        # a dose's words (effort: gentle) are named as the entry's, but written under dose:
        dose = (*entry, "dose", name)
        return parsed.lines[dose] if dose in parsed.lines else parsed.location(
            (*entry, name)).line

    for entry, fields in by_entry.items():
        where = parsed.location(entry)
        # in the file's order, as the build's warning names them (a topic's summary was
        # named after its body, its line before the body's)
        fields = sorted(fields, key=lambda name: line(entry, name) or 0)
        named = ", ".join(f"{name} (:{line(entry, name)})" for name in fields)
        lines.append((where.line or 0, str(Problem(where, (
            f"no {language_name(language, ws.wording)} {named}; printed in {source}")))))
    return [line for _, line in sorted(lines, key=lambda found: found[0])]


def untranslated_clinic_texts(ws: Workspace, language: str) -> list[str]:
    """clinic.yaml's own wording (tagline, disclaimer, each of log_rows) with no text in
    ``language``, each at its line, as a build in it warns: one text is in the library's
    language only."""
    from handouts.words.text import language_name

    parsed = loading.parsed_if_readable(ws.clinic_path)
    found = []
    for at, texts in ws.clinic.own_texts():
        if not texts or language in texts:
            continue
        # printed as the build prints it (library_text.clinic): the library's, else the first
        shown = ws.library.language if ws.library.language in texts else next(iter(texts))
        where = parsed.location(at) if parsed else Location(str(ws.clinic_path))
        found.append(str(Problem(where, (
            f"no {language_name(language, ws.wording)} text; printed in "
            f"{language_name(shown, ws.wording)}; write it as {{{shown}: ..., {language}: ...}}"
        ))))
    return found


def _protocol_rows(ws: Workspace):
    """Each protocol's own log row (its ``log_rows``: the library's, then the clinic's own
    protocols') as written, with where it is: (its texts by language, one text under the
    library's, and the place of it in its file)."""
    source = ws.library.language
    for path, protocols in ((ws.library_file, ws.library_as_written.protocols),
                            (ws.local_path, ws.local.protocols)):
        parsed = (ws.library_parsed if path == ws.library_file else
                  loading.parsed_if_readable(path) if protocols else None)
        listed = parsed.data.get("protocols") if parsed and isinstance(parsed.data, dict) \
            else None
        # each entry's place in the file's list (the clinic's own file may hold broken ones)
        places = {e.get("id"): i for i, e in reversed(list(enumerate(listed)))
                  if isinstance(e, dict)} if isinstance(listed, list) else {}
        for p in protocols:
            for i, row in enumerate(p.as_written("log_rows")):
                at = ("protocols", places.get(p.id, -1), "log_rows", i)

                def where(*more, at=at, parsed=parsed, path=path) -> Location:
                    return parsed.location((*at, *more)) if parsed else Location(str(path))
                yield ({source: row} if isinstance(row, str) else dict(row)), where


def untranslated_log_rows(ws: Workspace, language: str,
                          programs: Sequence[ProgramFile] = ()) -> list[str]:
    """Each protocol's own log rows with no text in ``language``, and each of the
    ``programs``' given per language with none in it, each at its line, as a build in it
    warns: a protocol's one text is in the library's language only (a program's is in
    every language)."""
    from handouts.words.text import language_name

    source, found = ws.library.language, []
    for texts, where in [*_protocol_rows(ws), *_program_rows(programs)]:
        if language in texts:
            continue
        shown = source if source in texts else next(iter(texts))
        found.append(str(Problem(where(), (
            f"no {language_name(language, ws.wording)} text; printed in "
            f"{language_name(shown, ws.wording)}; write it as {{{shown}: ..., "
            f"{language}: ...}}"))))
    return found


def rows_in_no_language(ws: Workspace, programs: Sequence[ProgramFile] = ()) -> list[str]:
    """Each protocol's own log row, and each of the ``programs``' (as check read them),
    given under a language code the handouts have no words in (``sp:`` for es): no handout
    prints it, and a build in the language meant says only that its text is missing, with
    no line. (clinic.yaml's own texts under such a code stop the build: see
    workspace._check_clinic_language.)"""
    from handouts.input.references import did_you_mean

    known = ws.languages
    return [str(Problem(where(code), (
        f'"{code}" is not a language the handouts have words in, so no handout prints this '
        f"row{did_you_mean(code, known) or ''}; they have words in {', '.join(known)}")))
        for texts, where in [*_protocol_rows(ws), *_program_rows(programs)]
        for code in texts if code not in known]


def _program_rows(programs: Sequence[ProgramFile]):
    """Each program file's own log rows given per language, as ``_protocol_rows`` gives a
    protocol's."""
    for file in programs:
        if file.program is None or file.parsed is None:
            continue  # its problems are check's errors
        for i, row in enumerate(file.program.as_written("log_rows")):
            if not isinstance(row, str):
                yield dict(row), lambda *more, i=i, parsed=file.parsed: parsed.location(
                    ("log_rows", i, *more))


def wording_to_translate(ws: Workspace) -> list[str]:
    """The clinic's wording files that ``words`` copied in and no one has translated yet
    (they still start with its line): a handout in that language prints the words copied.
    And the words a dose is read in, and check's examples, still the copied language's,
    at their keys: left so once the rest is translated, they read a Spanish dose as
    Portuguese."""
    from handouts.language_start import MARK, still_copied, unstarted
    from handouts.words.text import languages

    folder = ws.wording.own
    if folder is None:
        return []
    own = [language for language in languages(ws.wording) if language not in languages()]
    return [*(f'{path}: not translated yet: it starts with "{MARK} {language.upper()}", as '
              "words wrote it, and a handout prints the words it was copied from; translate "
              "them and delete its first two lines"
              for language in own for path in unstarted(folder, language)),
            *(str(problem) for language in own for problem in still_copied(folder, language))]


def translations_without_wording(ws: Workspace) -> list[str]:
    """Translations of the library into a language the handouts have no words in: nothing
    prints in it (a build refuses it) until the clinic gives that language its wording."""
    found = []
    for path in ws.translation_files():
        language = loading.translation_language(ws.library_file, path)
        if language not in ws.languages:
            found.append(str(Problem(Location(str(path)), (
                f'translates the library into "{language}", but the handouts have no words '
                f"of their own in it (headings, labels, doses), so no handout can print in "
                f"it; add strings.{language}.yaml and templates/{language}/ to the clinic's "
                "folder (docs/library.md: The clinic's own wording)"))))
    return found


def unpaired_lists(ws: Workspace) -> list[Problem]:
    """Every list of a translation (steps, tips, cautions, a topic's blocks and bullets)
    with another number of items than the library's, at its line: a bilingual handout
    pairs them one by one, and where it cannot, prints each language's whole, one after
    the other (with a warning), which reads worse and hides the slip that made it."""
    from handouts.errors import HandoutError

    found = []
    for path in ws.translation_files():
        translation = ws.translations.get(loading.translation_language(ws.library_file, path))
        if translation is None:
            continue
        try:
            parsed = loading.parse(loading.read_text(path), str(path))
        except HandoutError:
            continue  # changed since the workspace read it: the next check reads it again
        # a list in brackets starts on its key's line: ``steps: [Hold, then come down.]``
        lines = parsed.lines

        def flow(at: tuple) -> bool:
            return at in lines and lines.get((*at, 0)) == lines[at]

        found += loading.located(parsed, translation_gaps.unpaired(ws.library_as_written,
                                                                   translation, flow))
    return found


def figure_files(ws: Workspace) -> list[Path]:
    """The figure files (``*.figure.yaml``) the library's exercises name that are there."""
    from handouts.figures import is_figure

    return [path for e in ws.library.exercises if e.image
            for path in [ws.image_root / e.image] if is_figure(path) and path.is_file()]


def untranslated_figure_words(ws: Workspace, language: str, told: bool = False) -> list[str]:
    """Every word in a figure file that has no ``language`` version (one text, not a
    mapping per language, is in the library's language and prints in every other);
    ``told``: each line says what a handout in ``language`` prints instead."""
    from handouts import figures
    from handouts.errors import HandoutError
    from handouts.render import figure_words
    from handouts.words.text import language_name

    source = ws.library.language
    found = []
    for path in figure_files(ws):
        try:
            figure, parsed = loading.load_once(path, figures.Figure)
        except HandoutError:
            continue  # library_picture_problems reports it
        # the words a build says print in another language (figure_words), each at its line
        for at, words, plain in figure_words.words(figure):
            if language == source if plain else language in dict(words):
                continue
            shown = source if plain else "en"
            said = (f", so a handout in {language_name(language, ws.wording)} prints "
                    f"it in {language_name(shown, ws.wording)}") if told else ""
            found.append(f'{parsed.location(at)} "{dict(words)["en"]}" has no '
                         f"{language} words{said}; write it as "
                         f"{{{shown}: ..., {language}: ...}}")
    return found


def figure_words_warnings(ws: Workspace, listed: str | None = None) -> list[str]:
    """``check``'s warnings, asked or not: words in a figure file with none in a language
    the handouts print in where a program does not say (the library's, the clinic's). A
    French clinic's figure file from the starter (``{en: in, es: tome aire}``) printed "in"
    and "still" on every French handout, and only ``check --language fr`` said so.
    ``listed``: the language ``--language`` lists every untranslated text of anyway."""
    found = []
    for language in dict.fromkeys((ws.library.language, *ws.clinic.language)):
        if language != listed and language in ws.languages:
            found += untranslated_figure_words(ws, language, told=True)
    return found


def log_wording_problems(ws: Workspace, programs: Sequence[ProgramFile]) -> list[Problem]:
    """Each of the ``programs`` whose log prints wording a language of the clinic's own lacks
    (``own.SOME_HANDOUTS``), at its key: its build would stop there. A log of several weeks
    the program asks for (log_weeks, next_visit), a number to write (a dose's ``log:``
    typed in it) and rows of its own (``log_rows``: ``_number_words``)."""
    from handouts.words import own, text

    found = []
    for file in programs:
        handout = file.handout
        if handout is None:
            continue  # its problems are check's errors
        found += _number_words(ws, file)
        given = [k for k in ("log_weeks", "next_visit") if getattr(file.program, k)]
        if handout.log_weeks == 1 or not given:
            continue  # the clinic's log_weeks: the wording's own problem (checks)
        for language in handout.languages:
            if language in text.languages() or "log_heading_weeks" in text.strings(
                    language, ws.wording):
                continue
            lacks = own.lacking("log_heading_weeks", language, ws.wording.own, text.strings("en"))
            found.append(Problem(file.parsed.location((given[0],)),
                                 f"a log of {handout.log_weeks} weeks: {lacks}"))
    return found


def _number_words(ws: Workspace, file: ProgramFile) -> list[Problem]:
    """The words the program's log needs that a language of the clinic's own lacks, where
    the program asks for them: a number to write (a dose's ``log:`` typed in it), at its
    first, what to write under the name (log_write) and the sentences over the log
    (log_how.said); rows of its own (``log_rows``), at that key, the sentences not said at
    the first. A library's ``log:`` and a protocol's rows are the wording's own warnings
    (wording_checks), and the words every handout of the clinic prints are its errors: not
    said again here."""
    from handouts.render import log_how
    from handouts.wording_checks import every_handout_prints
    from handouts.words import own, text

    number = next((("exercises", i, "dose", "log") for i, e in enumerate(file.program.exercises)
                   if e.dose is not None and e.dose.log), None)
    asked = [*([(number, "a number to write in the log", "log_write")] if number else []),
             *([(("log_rows",), "rows of the program's own in the log", None)]
               if file.program.log_rows else [])]
    found, told = [], set()
    for at, what, first in asked:
        keys = [key for key in dict.fromkeys([*filter(None, [first]),
                                              *log_how.said(file.handout)])
                if key in own.SOME_HANDOUTS and key not in every_handout_prints(ws)
                and key not in told]
        told.update(keys)
        found += [Problem(file.parsed.location(at), f"{what}: "
                          f"{own.lacking(key, language, ws.wording.own, text.strings('en'))}")
                  for language in file.handout.languages if language not in text.languages()
                  for key in keys if key not in text.strings(language, ws.wording)]
    return found


def caregiver_wording_warnings(ws: Workspace, programs: Sequence[ProgramFile]) -> list[str]:
    """Each of the ``programs`` given to a caregiver whose language's wording (the clinic's
    own) lacks the caregiver's words: its handout builds, but says "you" to the caregiver
    where it means the patient (``check --language`` says it of every language)."""
    from handouts.wording_lacks import caregiver_wording_lacks

    found = []
    for file in programs:
        handout = file.handout
        if handout is None or not handout.caregiver:
            continue
        for language in handout.languages:
            lacks = caregiver_wording_lacks(ws, language)
            if lacks:
                found.append(str(Problem(file.parsed.location(("patient", "caregiver")),
                                         f"its handout in {language}: {lacks}")))
    return found
