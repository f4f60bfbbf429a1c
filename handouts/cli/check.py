"""``check``: every problem of the clinic's files in one run, and warnings where the wording is
hard to read or will not print."""

from __future__ import annotations

import math
import sys
from pathlib import Path

import click

import handouts as api
from handouts import HandoutError, record
from handouts.errors import one_line
from handouts.cli.options import counted, fail_on_user_error, home, open_ws, warn, \
    workspace_options


@click.command()
@click.argument("programs", nargs=-1, type=click.Path())
@click.option("--language", metavar="CODE", help="Also list every library text that has no "
              "translation into this language (e.g. es).")
@click.option("--max-grade", type=click.FloatRange(0, 20), default=6.0, show_default=True,
              callback=lambda _ctx, _param, grade: _a_grade(grade),
              help="Warn about library entries that read above this school grade.")
@click.option("--each", is_flag=True, help="One line for each entry a plain-language warning "
              "is said of, and for each text --language lists (not one per warning, or per "
              "entry).")
@workspace_options
@fail_on_user_error
def check(programs, language, max_grade, each, library_path, clinic_path):
    """Check the library, clinic, pictures and fonts, and the PROGRAM files (with none, the
    example programs in the clinic's examples/, which demo builds); list every problem, and
    warn where the wording is hard to read. Exit status 1 if there is any problem (warnings
    do not count)."""
    folder = home() or api.ROOT  # a --home that is no folder: its one line, before all else
    library = Path(library_path) if library_path else folder / api.DEFAULT_LIBRARY.name
    clinic = Path(clinic_path) if clinic_path else folder / api.DEFAULT_CLINIC.name
    problems = []
    ws = None
    # pictures are sized by the layout, which needs the fonts: with a font broken, its one
    # line says it all
    fonts = api.check_fonts()
    try:
        ws = open_ws(library_path, clinic_path)
    except HandoutError as exc:
        problems.extend(exc.problems)
    problems.extend(fonts)
    # each file is checked whether or not the others open, so that one run finds every
    # problem: read as written where the library or clinic file does not validate
    if not fonts:  # named as given, as the files' other problems are
        problems.extend([*api.library_picture_problems(library), *api.logo_problems(clinic)])
    problems.extend(api.wording_problems(ws or clinic))
    problems.extend(api.staff_word_problems(clinic.parent))  # the web app's, its own words
    # with no PROGRAM, the sample programs demo builds: a library rewritten from the starter
    # must not pass here, then fail there (a protocol or exercise the examples still name)
    examples = [] if programs else sorted((clinic.parent / "examples").glob("*.yaml"))
    # each read once, here: its problems now, what the warnings below look for in it later
    read = api.read_program_files([*programs, *examples], ws)
    for program in read:
        problems.extend(program.problems)
    if ws:
        problems.extend(ws.local.problems)
        problems.extend(api.unpaired_lists(ws))
        problems.extend(api.log_wording_problems(ws, read))
        note = api.plain_language_note(ws)
        if note:
            click.echo(f"note: {note}", err=True)
        for finding in api.plain_language_findings(ws, max_grade=max_grade, each=each):
            click.echo(f"warning: plain language: {finding}", err=True)
    warn(api.wording_warnings(ws or clinic))
    if not fonts:  # pictures that print, but not well: the ones loaded above
        warn(api.picture_warnings(library))
        warn(api.logo_warnings(clinic))
    if ws:
        warn(api.translations_without_wording(ws))
        warn(api.rows_in_no_language(ws, read))
        warn(api.wording_to_translate(ws))
        warn(api.figure_words_warnings(ws, language))
        warn(api.figure_pose_warnings(ws))
        if not fonts:  # which letters the fonts draw: only with every font readable
            warn(api.unprintable_wording(ws, read))
        warn(api.colour_warnings(ws))
        warn(api.safety_line_warnings(ws))
        warn(api.numbered_step_warnings(ws))
        warn(api.emergency_number_warnings(ws, read))
        # right at this clinic, so not a warning: a tip for a library that may travel
        for note in api.own_number_notes(ws):
            click.echo(f"note: {one_line(note)}", err=True)
        warn(api.token_warnings(ws, read))
        warn(api.template_gap_warnings(ws, read))
        warn(api.caregiver_wording_warnings(ws, read))
        warn(api.twice_warnings(ws, read))
        warn(api.side_warnings(ws, read))
        warn(api.address_warnings(ws, read))
        warn(api.typed_text_warnings(read))
        warn(record.backup_warnings(ws))
        warn(record.site_warnings(ws))
    if ws and language:
        _untranslated(ws, language, problems, each, read)
    # one file's problems in line order, whichever check found them
    problems.sort(key=lambda p: (str(p.location.file or ""), p.location.line or 0)
                  if hasattr(p, "location") else ("", 0))
    for problem in problems:
        click.echo(f"error: {problem}", err=True)
    if problems:
        click.echo(f"{counted(len(problems), 'problem')} found.", err=True)
        sys.exit(1)
    lib = ws.library_as_written
    counts = [counted(len(lib.exercises), "exercise"), counted(len(lib.education),
                                                             "education topic"),
              counted(len(lib.protocols), "protocol")]
    if ws.local.protocols:
        counts.append(counted(len(ws.local.protocols), "clinic protocol"))
    if programs:
        counts.append(counted(len(programs), "program file"))
    if examples:
        counts.append(counted(len(examples), "example program"))
    click.echo(f"OK: {', '.join(counts)}; clinic \"{one_line(ws.clinic.name)}\"")


def _untranslated(ws: api.Workspace, language: str, problems: list, each: bool,
                  read: list) -> None:
    """--language: every text with no translation into it, as warnings: one line an entry
    (its texts named, each at its line), or, ``each``, one line a text; the program files
    ``read`` too, for their own log rows."""
    if language not in ws.languages:
        problems.append(f"--language: {api.no_wording(language, ws.languages)}")
        return
    texts = api.untranslated_entries(ws, language)
    figures = api.untranslated_figure_words(ws, language)
    # the clinic's tagline, disclaimer and log rows print on every handout, and a build warns
    # of them, as of a protocol's or a program's own rows
    clinic = [*api.untranslated_clinic_texts(ws, language),
              *api.untranslated_log_rows(ws, language, read)]
    for line in [*(texts if each else api.untranslated_by_entry(ws, language)), *figures,
                 *clinic]:
        click.echo(f"untranslated: {line}", err=True)
    # the handouts' own words for a caregiver: not the library's texts, so neither counted
    # with them nor called untranslated; and a note, as a handout without them builds
    for note in (api.caregiver_wording_lacks(ws, language),
                 api.side_wording_lacks(ws, language),
                 api.next_page_wording_lacks(ws, language)):
        if note:
            click.echo(f"note: {note}", err=True)
    own = " (the library's own language)" if language == ws.library.language else ""
    click.echo(f"{counted(len(texts) + len(figures) + len(clinic), 'untranslated text')} for "
               f"{language}{own}.", err=True)


def _a_grade(grade: float) -> float:
    # nan passes any range, and turned every reading-level warning off without a word
    if math.isnan(grade):
        raise click.BadParameter("is not a number; give a school grade, e.g. 6")
    return grade
