"""A new clinic's folder, to write its own library in: a clinic file with its name and phone,
a small library that loads and prints (two exercises, one with a drawing, the topic the
safety box needs, a protocol) and a sample program, each with comments that point to the
library reference.

The starter's files are in ``starter/`` beside ``make_handouts.py`` (as the shipped library is);
only ``clinic.yaml`` is filled in.
Nothing a clinic already has is ever written over: a folder that holds any of these files is
refused before anything is written, and each file is written whole.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from handouts.errors import HandoutError, Location, Problem
from handouts.files import SHARED, write_new
from handouts.workspace import ROOT
from handouts.words.languages import example_place, roster_example, us_way

STARTER = ROOT / "starter"
FILES = ("clinic.yaml", "exercises.yaml", "images/belly_breathing.figure.yaml",
         "examples/sample-patient.yaml")


@dataclass(frozen=True)
class NewClinic:
    name: str
    phone: str
    page_size: str = "Letter"
    locale: str | None = None

    @property
    def language(self) -> str:
        """The language of the clinic's locale (fr for fr-FR); English without one."""
        return self.locale.split("-")[0].lower() if self.locale else "en"


def clinic_text(clinic: NewClinic) -> str:
    """clinic.yaml for ``clinic``, with the keys it does not set yet as comments."""
    import jinja2

    template = jinja2.Template((STARTER / "clinic.yaml.j2").read_text(encoding="utf-8"),
                               keep_trailing_newline=True)
    # the locale's own way (en-CA writes English as the US does), not en-GB's example
    us = us_way(clinic.locale)
    # another country's would be no example: none where the country is not in the table
    address, zone = example_place(clinic.locale) or (None, None)
    # a JSON string is a YAML double-quoted one: any name or number reads back as written
    return template.render(name=_quoted(clinic.name), phone=_quoted(clinic.phone),
                           example_date="December 3, 2026" if us else "3 December 2026",
                           spelling="program" if us else "programme",
                           # an English clinic's examples in its patients' words; another
                           # language's are to be written in it anyway
                           british=clinic.language == "en" and not us,
                           roster_date=roster_example(clinic.locale),
                           page_size=clinic.page_size,
                           locale=_quoted(clinic.locale) if clinic.locale else None,
                           language=clinic.language, has_wording=_has_wording(clinic.language),
                           address=address, zone=zone, soreness=_soreness(clinic.language))


def language_note(clinic: NewClinic) -> str | None:
    """What ``new`` tells a clinic whose locale is in another language than English: the
    starter library is in English, and how to write it in the clinic's language (its
    clinic.yaml says the same in its comments). None for an English one."""
    language = clinic.language
    if language == "en":
        return None
    return ("note: the starter library is in English, so its handouts print in English. To "
            f"write it in the clinic's language ({language}), write its texts (and the words "
            f"in its drawings, images/*.figure.yaml) in {language} "
            f'and put "language: {language}" at the top of exercises.yaml'
            + ("" if _has_wording(language) else
               f"; give the handouts' own words (headings, labels, doses) in {language} too, "
               f"in strings.{language}.yaml and templates/{language}/ in the folder "
               f"(make_handouts.py --home FOLDER words {language} copies the package's there, "
               "to translate)")
            + f'; then "language: {language}" in clinic.yaml (docs/library.md: "Exercises", '
            "\"The clinic's own wording\").")


def _has_wording(language: str) -> bool:
    """Whether the package has the handouts' own words in ``language`` (en, es)."""
    from handouts.words.text import languages

    return language in languages()


def _soreness(language: str) -> str:
    """The first words of the safety box's soreness line as the clinic's handouts print it
    (English's for a language the package has no words in), for its clinic.yaml to name."""
    from handouts.words.text import strings

    said = strings(language if _has_wording(language) else "en")["soreness"]
    return said.split(". ")[0] + "…"


def _quoted(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def make_clinic_folder(folder: Path | str, clinic: NewClinic) -> list[Path]:
    """Write the starter into ``folder`` (made if missing); the files written, in order.
    HandoutError, one line each, for a value the clinic file cannot take or a file that is
    already there."""
    from handouts.input.loading import load
    from handouts.input.models import Clinic

    folder = Path(folder)
    broken = [key for key in ("name", "phone", "locale")
              if any(c in (getattr(clinic, key) or "") for c in "\r\n\u2028\u2029")]
    if broken:  # the clinic file would take it, but it prints as one line everywhere
        raise HandoutError([_said(f"the clinic's {key} cannot be used: it has a line break; "
                                  "give it on one line") for key in broken])
    texts = {name: (STARTER / name).read_bytes() for name in FILES if name != "clinic.yaml"}
    texts["clinic.yaml"] = clinic_text(clinic).encode("utf-8")
    # the values are checked as the clinic file will be read, before anything is written
    try:
        load(folder / "clinic.yaml", Clinic, text=texts["clinic.yaml"].decode("utf-8"))
    except HandoutError as exc:
        raise HandoutError([_said(f"the clinic's {_value(p)} cannot be used: {p.message}")
                            for p in exc.problems]) from None
    there = [folder / name for name in FILES if (folder / name).exists()]
    if there:
        raise HandoutError([_said(f"{path}: already there; a new clinic's folder is never "
                                  "written over (choose an empty folder, or edit the files "
                                  "there)") for path in there])
    written = []
    for name in FILES:
        path = folder / name
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # the clinic's own files, as any it makes itself: no patient's data is in them
            written.append(write_new(path, texts[name], SHARED))
        except OSError as exc:
            raise HandoutError(f"{path}: cannot write it: {exc.strerror or exc}") from None
    return written


def _value(problem: Problem) -> str:
    """What a problem in the clinic file made here is about: its key (name, phone, locale)."""
    return problem.location.path.split(".")[0].split("[")[0] or "details"


def _said(message: str) -> Problem:
    return Problem(Location(), message)
