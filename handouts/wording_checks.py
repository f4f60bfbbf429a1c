"""What `check` says of a clinic's own wording: its strings files (each value right, every
key a language needs, no key the handout does not use), its templates (each compiles, and
fills in every dose of the library, its protocols and the programs named), and the values
it fills in that their key never gets. What a language of the clinic's own may leave out,
which its handouts build without, is in wording_lacks; a date it prints the other way round
from how its rosters are read, in date_order_checks."""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Sequence

from handouts.date_order_checks import date_order_warnings
from handouts.errors import HandoutError, Location, Problem
from handouts.input import references
from handouts.input.loading import parsed_if_readable
from handouts.program_files import ProgramFile
from handouts.workspace import Workspace
from handouts.workspace_files import wording_stamp


def wording_problems(ws: Workspace | Path) -> list[Problem]:
    """The clinic's own wording files: each value right, each language it prints in with
    every key (a language the clinic added needs them all), and no key the handout does not
    use (a typo); then its templates. Every problem of every file at once: a value that is
    wrong does not hide a key that is missing. ``ws`` may be the clinic file alone, for a
    clinic whose library or clinic file has problems of its own."""
    from handouts.words import own, template_files, text

    wording = _wording(ws)
    english = text.strings("en")
    env = text.environment(wording.own, wording.stamp)
    problems = []
    for language in text.languages(wording):
        merged: dict = {}
        where: dict = {}
        readable = True
        for path, clinics in text.layers(language, wording):
            if not path.is_file():
                continue
            data, at, found = own.read_all(path, env, english if clinics else None)
            problems.extend(found)
            if clinics:
                problems.extend(_reaching(data, at, env, english, found))
            readable = readable and bool(data or not found)
            merged.update(data)
            where.update(at)
        if not (readable and wording.own):
            continue
        problems.extend(_keys_problems(language, merged, where, wording.own, english,
                                       every_handout_prints(ws)))
        if language not in text.languages() and not _few(merged, english):
            # a language of the clinic's own: every handout fills in these templates too,
            # the package's where it has one in that language (frequency.txt in Portuguese)
            folder = wording.own / "templates" / language
            problems.extend(Problem(Location(str(folder / name)),
                                    template_files.missing_template(language, name))
                            for name in template_files.HANDOUT_TEMPLATES
                            if not (folder / name).is_file()
                            and not (text.TEMPLATES / language / name).is_file())
            # and, where the clinic emails (smtp:), every email in it: all missing at once
            lacking = [name for name in template_files.EMAIL_TEMPLATES
                       if not (folder / name).is_file()]
            if lacking and isinstance(ws, Workspace) and ws.clinic.smtp:
                problems.append(Problem(Location(str(folder / lacking[0] if len(lacking) == 1
                                                     else folder)),
                                        template_files.missing_template(language, *lacking)))
    return problems + _template_problems(wording, _samples(ws))


def _reaching(data: dict, where: dict, env, english: dict, found: list) -> list[Problem]:
    """The values of a clinic's own wording file that reach into Python, or cannot be filled
    in (a number and a word added): the sandbox refuses them, and the sum fails, only as a
    handout is built. A value with a problem of its own is told that one."""
    from handouts.words import own, reach

    wrong = {p.location for p in found}
    problems = []
    for key, value in data.items():
        if where[key] in wrong:
            continue
        for each in (value if isinstance(value, list) else [value]):
            if not (isinstance(each, str) and "{" in each):
                continue
            known = own.fillings(english.get(key, "") if isinstance(english.get(key), str)
                                 else "", env)
            instead = ("this wording may use " + ", ".join("{{ %s }}" % n for n in known)
                       if known else "write it as plain words")
            what = reach.refused(each, env, months=english["months"])
            if what:
                problems.append(Problem(where[key], reach.said(what[0], instead)))
                break
            failing = reach.fill_fails(each, env, months=english["months"])
            if failing:
                problems.append(Problem(where[key], f"cannot be filled in ({failing}); "
                                        f"{instead}"))
                break
    return problems


def _samples(ws: Workspace | Path) -> dict:
    """A dose and how often from the library, to fill the clinic's templates in with."""
    if not (isinstance(ws, Workspace) and ws.library.exercises):
        return {}
    dose = ws.library.exercises[0].dose
    return {"dose": dose, "frequency": dose.frequency}


def _keys_problems(language: str, merged: dict, where: dict, home: Path,
                   english: dict, needed: frozenset[str]) -> list[Problem]:
    """Keys a language's wording lacks (of those only some handouts print, the ``needed``),
    and keys it has that no handout uses."""
    from handouts.words import caregiver, own as own_words
    from handouts.words.own import (EXAMPLES, OPTIONAL, READING, RETIRED, SETTINGS,
                                     SOME_HANDOUTS, WORD_LISTS)

    own = home / f"strings.{language}.yaml"
    missing = [key for key in english if key not in merged]
    if _few(merged, english):
        # most likely no language at all: a copy kept as strings.old.yaml
        return [Problem(Location(str(own)), (
            f"has wording for {len(english) - len(missing)} of the {len(english)} keys; a "
            "language of the clinic's own needs them all (copy handouts/words/templates/"
            f'en/strings.yaml and translate it); if "{language}" is no language, rename '
            f"the file (e.g. strings-{language}.yaml)"))]
    problems = []
    for key in sorted(set(merged) - set(english) - set(SETTINGS) - set(WORD_LISTS)
                      - set(READING) - {EXAMPLES} - RETIRED):
        # a misspelt key is most likely the missing key it is nearest to: one problem, told
        # at the misspelt key's line, not a second one for the key it stands for
        meant = difflib.get_close_matches(key, missing, n=1, cutoff=0.6)
        if meant:
            missing.remove(meant[0])
        problems.append(Problem(where[key], f'unknown wording key "{key}"' + (
            f'; did you mean "{meant[0]}"?' if meant else references.did_you_mean(key, english))))
    # a caregiver's variant it lacks: its plain key prints (a warning, _caregiver_lacks)
    variants = set(caregiver.variants().values())
    asked = own_words.asked(home / "templates" / language)
    return [own_words.missing(own, key, english[key]) for key in missing
            if key not in OPTIONAL and key not in variants
            and (key not in SOME_HANDOUTS or key in needed)
            and (key not in own_words.ASKED or key in asked)] + problems


def every_handout_prints(ws: Workspace | Path) -> frozenset[str]:
    """The wording keys only some handouts print that every handout of this clinic does: a
    clinic's own ``log_weeks`` of several gives every handout with no program's a log of
    several weeks; its ``log_pain: false``, every handout a log without the pain row; its
    ``log_rows``, every handout its rows, and the boxes' sentence (log_how_no_pain) ahead of
    theirs, the pain row or not."""
    clinic = ws.clinic if isinstance(ws, Workspace) else None
    several = clinic is not None and (clinic.log_weeks or 1) > 1
    painless = clinic is not None and not clinic.log_pain
    rows = {"log_how_rows", "log_how_no_pain", *(["log_how_pain"] if not painless else [])} \
        if clinic is not None and clinic.log_rows else ()
    return frozenset({"log_heading_weeks"} if several else ()) | frozenset(
        {"log_how_no_pain"} if painless else ()) | frozenset(rows)


def _few(merged: dict, english: dict) -> bool:
    """Whether a language's wording has fewer than half the keys: most likely no language at
    all (a copy kept as strings.old.yaml)."""
    return sum(key not in merged for key in english) > len(english) // 2


def _wording(ws: Workspace | Path):
    """The clinic's wording: the workspace's, or, from its clinic file alone, its folder's
    in the locale the file names (where that reads as one)."""
    import re

    from handouts.words.text import Wording

    if isinstance(ws, Workspace):
        return ws.wording
    parsed = parsed_if_readable(ws)
    locale = parsed.data.get("locale") if parsed and isinstance(parsed.data, dict) else None
    if not (isinstance(locale, str) and re.fullmatch(r"[a-z]{2,3}-[A-Z]{2}", locale)):
        locale = None
    return Wording(Path(ws).parent, locale, wording_stamp(Path(ws).parent))


def _template_problems(wording, samples: dict) -> list[Problem]:
    """The clinic's own templates (``templates/<lang>/<name>``) that do not compile, or
    reach into Python (filled in with ``samples`` and the names ``reach`` gives)."""
    from handouts.words import reach, template_files, text

    folder = wording.own / "templates" if wording.own else None
    if folder is None or not folder.is_dir():
        return []
    problems = []
    for path in sorted(p for p in folder.glob("*/*") if p.is_file() and p.suffix != ".yaml"):
        try:
            template_files.compile_template(path.parent.name, path.name, wording)
        except HandoutError as exc:
            problems.extend(exc.problems)
            continue
        env = text.environment(wording.own, wording.stamp)
        what = reach.refused(path.read_text(encoding="utf-8", errors="replace"), env,
                             f"{path.parent.name}/{path.name}", **samples)
        if what:
            package = text.TEMPLATES / path.parent.name / path.name
            problems.append(Problem(Location(str(path), what[1]), reach.said(
                what[0], "compare it with the package's handouts/words/templates/"
                f"{path.parent.name if package.is_file() else 'en'}/{path.name}")))
        elif path.name in template_files.HANDOUT_TEMPLATES and samples:
            # filled in as a handout fills it in: a name it asks for that a dose lacks
            # ({{ dose.hodl }}) stops every build that prints it
            given = {"dose": samples["dose"]} if path.name == "dose.txt" else \
                {"frequency": samples["frequency"]}
            try:
                template_files.render(path.parent.name, path.name, wording, first_name=None,
                                      **given)
            except HandoutError as exc:  # the template's own; a strings file's is told above
                problems.extend(p for p in exc.problems if p.location.file == str(path))
    return problems


def wording_warnings(ws: Workspace | Path) -> list[str]:
    """A clinic's wording that fills in a value its key never gets (see ``own``); ``ws`` as
    for ``wording_problems``."""
    from handouts.words import own, text

    wording = _wording(ws)
    home = wording.own
    if home is None or not home.is_dir():
        return []
    env, english = text.environment(home, wording.stamp), text.strings("en")
    return [str(p) for path in sorted(home.glob("strings.*.yaml"))
            for p in own.strange_fillings(path, env, english)] + _some_handouts_lack(ws) \
        + date_order_warnings(wording, _desk_language(ws))


def _desk_language(ws: Workspace | Path) -> str:
    """The (first) language the clinic's handouts print in unless a program says: its
    front desk's."""
    if isinstance(ws, Workspace):
        return ws.clinic.language[0]
    parsed = parsed_if_readable(ws)
    said = parsed.data.get("language") if parsed and isinstance(parsed.data, dict) else None
    said = said[0] if isinstance(said, list) and said else said
    return said.split(",")[0].strip() if isinstance(said, str) and said.strip() else "en"


def _some_handouts_lack(ws: Workspace | Path) -> list[str]:
    """The keys only some handouts print (``own.SOME_HANDOUTS``) that a language of the
    clinic's own lacks, where not every handout prints them (then each is a problem)."""
    from handouts.words import own, text

    wording, needed, used = _wording(ws), every_handout_prints(ws), _log_uses(ws)
    found = []
    for language in text.languages(wording):
        if language in text.languages():
            continue  # the package's own: it has every key
        try:
            given = text.strings(language, wording)
        except HandoutError:
            continue  # its problems are check's errors
        file = wording.own / f"strings.{language}.yaml"
        found += [f"{own.missing(file, key, text.strings('en')[key])}; a handout with {which} "
                  "will not build without it"
                  for key, which in own.SOME_HANDOUTS.items()
                  if key not in given and key not in needed
                  and (key not in own.IF_USED or used.intersection(own.IF_USED[key]))]
    return found


def _log_uses(ws: Workspace | Path) -> set[str]:
    """What of the log's own.IF_USED the clinic uses: an exercise's ``log:`` (a number to
    write), rows of the log's own (clinic.yaml's or a protocol's ``log_rows``); from a
    clinic file alone, none."""
    if not isinstance(ws, Workspace):
        return set()
    return {*(["log"] if any(e.dose.log for e in ws.library.exercises) else []),
            *(["log_rows"] if ws.clinic.log_rows or any(
                p.log_rows for p in ws.library.protocols) else [])}


def template_gap_warnings(ws: Workspace, programs: Sequence[ProgramFile] = ()) -> list[str]:
    """Each dose of the library, its protocols and the ``programs`` that a clinic's own
    ``dose.txt`` or ``frequency.txt`` (one copied before a dose form was added) prints
    empty, without a part, or cannot fill in: one line each, naming the file, the dose and
    what to add (see words.template_gaps)."""
    from handouts.resolve import merged_items
    from handouts.words import template_gaps

    home = ws.wording.own
    folder = home / "templates" if home else None
    if folder is None or not folder.is_dir():
        return []
    languages = sorted(p.name for p in folder.iterdir() if p.is_dir())
    library = ws.library
    doses = [(f"exercises[{e.id}]", e.dose) for e in library.exercises]
    doses += [(f"protocols[{p.id}].exercises[{item.id}]",
               library.exercise(item.id).dose.overridden_by(item.dose))
              for p in library.protocols for item in p.exercises
              if item.dose and item.id in library.exercise_ids]
    for read in programs:
        if read.program is None:
            continue  # its problems are check's errors
        doses += [(f"{read.path}: exercises[{item.id}]",
                   library.exercise(item.id).dose.overridden_by(item.dose))
                  for item in merged_items(read.program, library) if item.dose]
    found = (line for place, dose in doses
             for line in template_gaps.told(place, dose, languages, ws.wording, home))
    return list(dict.fromkeys(found))
