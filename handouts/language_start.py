"""A clinic's own language, started: the handouts' fixed words (``strings.<lang>.yaml``) and
templates (``templates/<lang>/``) copied into the clinic's folder from a language the
package has, each headed with a line saying to translate it, for the clinic to write over;
a template the package has in that language already is copied as it is.
A clinic once had to find these files inside the installed package.

Nothing a clinic has is written over: a file that is there is left as it is, and said so.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from handouts.errors import HandoutError, Location, Problem
from handouts.files import SHARED, write_exclusive
from handouts.input import key_examples, reading

# the first words of the line each copied file starts with; ``check`` warns while a file
# still has it (``unstarted``)
MARK = "TRANSLATE INTO"

# the keys whose value is a language's words matched with English ones, not a sentence:
# what a copy left as it is does, and which side of each line is translated
_READ = ("a dose written in {source}'s words is read as {language}'s",
         "the phrase before each colon; keep the English after it")
PAIRED = {reading.HOW_OFTEN: _READ, reading.UNITS: _READ,
          key_examples.KEY: ("check gives a library in {language} examples in {source}'s words",
                             "the words after each colon; keep the English before it")}


@dataclass(frozen=True)
class Started:
    written: tuple[Path, ...]  # in the order a translator takes them: the words, then templates
    there: tuple[Path, ...]  # left as they were


def start_language(folder: Path | str, language: str, source: str = "en") -> Started:
    """Copy the package's wording in ``source`` into ``folder`` as ``language``'s. A
    HandoutError, one line, for a code that is no language, a language the package has
    already (its words are changed key by key, not copied whole) or a ``source`` it has not."""
    from handouts.words.languages import is_code
    from handouts.words.text import TEMPLATES, language_name, languages

    folder = Path(folder)
    have = languages()
    if not is_code(language):
        raise _said(f'"{language}" is no language code: give its ISO 639 code, two letters '
                    "(pt) or three where it has no two (hmn)")
    if language in have:
        raise _said(f"the handouts have {language_name(language)} ({language}) words "
                    f"already; to change some, put only those keys in strings.{language}.yaml "
                    "in the clinic's folder (docs/library.md: \"The clinic's own wording\")")
    if source not in have:
        raise _said(f'--from: no handouts in "{source}" to copy; use one of '
                    + ", ".join(have))
    files = {folder / f"strings.{language}.yaml": _strings(
        (TEMPLATES / source / "strings.yaml").read_text(encoding="utf-8"), language, source)}
    # English has every template; another language may lack one (it prints English's)
    for template in sorted(p.name for p in (TEMPLATES / "en").iterdir()
                           if p.name != "strings.yaml" and p.is_file()):
        own = TEMPLATES / language / template
        if own.is_file():
            # the package's own in ``language`` (Portuguese's frequency.txt): a copy of
            # English's to translate would print English until translated, where the
            # package printed Portuguese
            files[folder / "templates" / language / template] = own.read_text(encoding="utf-8")
            continue
        copied = TEMPLATES / source / template
        found = copied if copied.is_file() else TEMPLATES / "en" / template
        files[folder / "templates" / language / template] = _template(
            found.read_text(encoding="utf-8"), language, found.parent.name)
    written, there = [], []
    for path, text in files.items():
        if path.exists() or path.is_symlink():
            there.append(path)
            continue
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # the clinic's own files, as new writes them: no patient's data is in them
            write_exclusive(path, text.encode("utf-8"), SHARED)
        except FileExistsError:
            there.append(path)  # made meanwhile: still never written over
            continue
        except OSError as exc:
            raise HandoutError(f"{path}: cannot write it: {exc.strerror or exc}") from None
        written.append(path)
    return Started(tuple(written), tuple(there))


def _header(language: str, source: str, before: str) -> str:
    """Two lines, each starting with ``before``."""
    return (f"{before}{MARK} {language.upper()}: copied from the package's words in {source}.\n"
            f"{before}Translate the words; keep what is in {{{{ }}}} and {{% %}}; then delete "
            "these two lines.")


def _strings(text: str, language: str, source: str) -> str:
    lines = text.splitlines(keepends=True)
    # the language's name in itself ("português"): said in every message about the language
    lines = [f'language_name: "{language}"      # its name in itself, as Spanish\'s "español"\n'
             if line.startswith("language_name:") else
             f"# translate {PAIRED[line.partition(':')[0]][1]}\n{line}"
             if line.partition(":")[0] in PAIRED else line for line in lines]
    return _header(language, source, "# ") + "\n" + "".join(lines)


def _template(text: str, language: str, source: str) -> str:
    # a jinja2 comment, and "-" on both sides: the template prints as it did
    return "{#- " + _header(language, source, "") + " -#}\n" + text


def unstarted(folder: Path | str, language: str) -> list[Path]:
    """The clinic's wording files in ``language`` that still start with the line
    ``start_language`` wrote: not translated yet, they print the words they were copied
    from."""
    folder = Path(folder)
    paths = [folder / f"strings.{language}.yaml",
             *sorted((folder / "templates" / language).glob("*"))]
    found = []
    for path in paths:
        try:
            with path.open(encoding="utf-8", errors="replace") as file:
                first = file.readline(200)
        except OSError:
            continue  # not there, or no file: wording_problems says what is wrong
        if MARK in first:
            found.append(path)
    return found


def still_copied(folder: Path | str, language: str) -> list[Problem]:
    """Each ``PAIRED`` key of the clinic's ``strings.<language>.yaml`` whose value is still
    the package's in another language (as ``start_language`` copied it), at its line; none
    where the file cannot be read (its problems are check's)."""
    from handouts.input.yamlsource import parse, read_text
    from handouts.words.text import strings, languages

    path = Path(folder) / f"strings.{language}.yaml"
    try:
        parsed = parse(read_text(path), str(path))
    except (HandoutError, OSError):
        return []
    data = parsed.data if isinstance(parsed.data, dict) else {}
    found = []
    for key in PAIRED:
        source = next((other for other in languages() if other != language and data.get(key)
                       and strings(other).get(key) == data[key]), None)
        if source:
            does, translate = PAIRED[key]
            found.append(Problem(parsed.location((key,)), (
                f"still the package's words in {source}, as words copied them: "
                f"{does.format(source=source, language=language)}; "
                f"translate {translate}")))
    return found


def _said(message: str) -> HandoutError:
    return HandoutError(Problem(Location(), message))
