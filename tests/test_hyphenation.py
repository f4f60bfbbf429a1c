"""A word wider than a whole line is split at a syllable, with a hyphen, in the handout's
language (render/hyphens.py): a German clinic's compounds in large print's narrow columns
were split letter by letter with no hyphen ("Schulterblattzusammenführ" / "ung")."""

from __future__ import annotations

import dataclasses
import re
import shutil
from pathlib import Path

import pyphen
import pytest
from reportlab.lib.styles import ParagraphStyle

import handouts as api
from handouts.render import hyphens
from handouts.render.paragraph import Paragraph

from conftest import page_texts

GERMAN = Path(__file__).resolve().parent / "clinics" / "german"
LONG = "Schulterblattzusammenführung"  # an exercise's title in the German clinic's library


def german_pages(layout: str, home: Path = GERMAN, more: str = "") -> list[str]:
    ws = api.open_workspace(home=home)
    program = api.load_program("program.yaml", ws, text=f"""
patient: {{name: Erika Beispiel}}
date: 2026-12-05
protocol: nach_schulter_op
layout: {layout}
{more}""")
    return page_texts(api.build_handout(program, ws).pdf)


def splits_of(word: str, pages: list[str]) -> list[tuple[str, str]]:
    """Each place ``word`` runs from one line to the next: (the first line's end of it,
    the next line's start of it)."""
    found = []
    for page in pages:
        lines = [line.split() for line in page.splitlines()]
        for end, start in zip(lines, lines[1:]):
            if end and start and end[-1].rstrip("-") + start[0] == word:
                found.append((end[-1], start[0]))
    return found


def test_a_german_word_wider_than_its_column_breaks_at_a_syllable_with_a_hyphen():
    """Large print's summary table and log: "Schulterblatt-" … "zusammenführung" (at
    the syllables German allows), never "Schulterblattzusam" / "menführung". Words that
    fit on a line of their own ("Außenrotationsübung") are not hyphenated."""
    pages = german_pages("large_print")
    found = splits_of(LONG, pages)
    assert len(found) >= 2  # the summary table's row and the log's
    syllables = set(pyphen.Pyphen(lang="de").positions(LONG))
    for head, tail in found:
        assert head.endswith("-"), (head, tail)
        assert len(head) - 1 in syllables, (head, tail)
    hyphenated = [line for page in pages for line in page.splitlines()
                  if line.endswith("-") and not line.endswith(" -")]
    assert len(hyphenated) == len(found), hyphenated


def _lines(markup: str, style, width: float) -> list[str]:
    paragraph = Paragraph(markup, style)
    paragraph.wrap(width, 1000)
    para = paragraph.blPara
    if para.kind == 0:
        return [" ".join(words) for _, words in para.lines]
    return ["".join(f.text for f in line.words if hasattr(f, "text")) for line in para.lines]


@pytest.mark.parametrize("markup", [LONG + " im Sitzen", f"<b>3.</b> {LONG} im Sitzen"])
def test_the_same_text_breaks_by_its_language_whatever_broke_first(markup):
    """The line-break cache is keyed on the language too: the German paragraph splits at a
    syllable, the same text in a language with no dictionary as reportlab splits it."""
    base = ParagraphStyle("hyphen-test", fontName="Helvetica", fontSize=12, leading=14)
    german = hyphens.style(base, ("de",))
    plain_first = _lines(markup, base, 110)
    # a language pyphen has no dictionary for breaks as reportlab does
    assert _lines(markup, hyphens.style(base, ("zh",)), 110) == plain_first
    german_lines = _lines(markup, german, 110)
    assert _lines(markup, base, 110) == plain_first
    assert any(line.endswith("Schulterblatt-") or line.endswith("zu-")
               or line.endswith("zusam-") for line in german_lines), german_lines
    assert not any(line.endswith("-") for line in plain_first), plain_first
    # a two-language paragraph breaks only where both languages allow
    both = _lines(markup, hyphens.style(base, ("de", "en")), 110)
    allowed = set(pyphen.Pyphen(lang="de").positions(LONG)) & set(
        pyphen.Pyphen(lang="en").positions(LONG))
    pieces = [line.split()[-1][:-1] for line in both if line.endswith("-")]
    ends = [sum(map(len, pieces[:k + 1])) for k in range(len(pieces))]
    assert ends and set(ends) <= allowed, both


@pytest.mark.parametrize("word", [
    "frontdesk.schulterzentrum@example.com", "https://example.com/schulterblattuebungen",
    "+43-1-555-0142-0099", "10–15-mal", "3x10Wiederholungen", "Schulter--Nacken"])
def test_no_hyphen_goes_into_a_number_an_address_or_a_phone_number(word):
    assert hyphens.breaks(word, ("de",)) == []


def test_brackets_and_marks_around_a_word_stay_with_it():
    assert hyphens.breaks("(Wandrutschen),", ("de",)) == [
        1 + at for at in pyphen.Pyphen(lang="de").positions("Wandrutschen")]


def test_words_tied_together_break_at_the_first_word_s_syllables_never_at_the_tie():
    """A card's title and its "(continued)" are tied by a no-break space: read as one word
    they had no syllables, and a German title too long for its line broke letter by letter
    ("(Achil" / "lessehnenbelastungsprogramm) (Fortsetzung)", with no hyphen)."""
    word = "(Achillessehnenbelastungsprogramm)\u00a0(Fortsetzung)"
    at = hyphens.breaks(word, ("de",))
    assert at == [1 + k for k in pyphen.Pyphen(lang="de").positions(
        "Achillessehnenbelastungsprogramm")]
    base = ParagraphStyle("hyphen-test", fontName="Helvetica", fontSize=14, leading=16)
    # every width where the last syllables and the word tied on fit a line
    for width in range(180, 400, 10):
        lines = _lines(f"Fersenheben {word}", hyphens.style(base, ("de",)), width)
        assert lines[-1].endswith("\u00a0(Fortsetzung)"), (width, lines)
        assert all(line.endswith(("-", "Fersenheben")) for line in lines[:-1]), (width, lines)


def test_a_compound_with_hyphens_of_its_own_breaks_after_one_of_them_first():
    """"Schulter-Nacken-Programm" in no more than its own pieces where they fit; where a
    piece is wider than a line, at its syllables: never letter by letter."""
    at = hyphens.breaks("Schulter-Nacken-Programm,", ("de",))
    assert {9, 16} <= set(at)
    assert set(at) - {9, 16} <= {9 + k for k in pyphen.Pyphen(lang="de").positions(
        "Nacken")} | {k for k in pyphen.Pyphen(lang="de").positions("Schulter")} | {
        16 + k for k in pyphen.Pyphen(lang="de").positions("Programm")}
    assert hyphens.own("Schulter-Nacken-Programm,", at) == {9, 16}


def _lone_numbers(pages: list[str]) -> list[str]:
    return [line for page in pages for line in page.splitlines()
            if re.fullmatch(r"\s*\d+\.\s*", line)]


@pytest.mark.parametrize("layout", ["standard", "large_print"])
def test_an_items_number_never_stands_alone_above_its_first_word(layout):
    """The glance table's "3." / "4." beside the first part of a word that fits a line of
    its own but not beside the number ("4. Außenrotations-" / "übung mit Theraband"),
    never on a line of its own."""
    pages = german_pages(layout, more="exercises: [schulterblatt, aussenrotation_theraband]")
    assert not _lone_numbers(pages), _lone_numbers(pages)
    heads = [line for page in pages for line in page.splitlines()
             if re.match(r"\d+\. (Schulterblatt|Außenrotation)\S*-$", line)]
    assert heads, pages
    for line in heads:
        word = line.split()[1][:-1]
        full = LONG if word.startswith("Schulter") else "Außenrotationsübung"
        assert len(word) in pyphen.Pyphen(lang="de").positions(full), line


def test_a_compound_with_its_own_hyphens_is_not_split_letter_by_letter(tmp_path):
    """A title "Schulter-Nacken-Programm …" in large print's narrow columns: "3. Schulter-"
    / "Nacken-Programm" (its own hyphen, none added), never "Schulter-Nacken-Pro" / "gramm"
    nor a line holding "3." alone."""
    home = tmp_path / "clinic"
    shutil.copytree(GERMAN, home)
    library = home / "exercises.yaml"
    library.write_text(library.read_text(encoding="utf-8").replace(
        "title: Schulterblattzusammenführung im Sitzen",
        "title: Schulter-Nacken-Programm im Sitzen"), encoding="utf-8")
    pages = german_pages("large_print", home)
    word = "Schulter-Nacken-Programm"
    lines = [line.split() for page in pages for line in page.splitlines()]
    found = [(end[-1], start[0]) for end, start in zip(lines, lines[1:]) if end and start
             and word in (end[-1] + start[0], end[-1][:-1] + start[0])]
    assert len(found) >= 2, found  # the summary table's row and the log's
    assert {head for head, _ in found} <= {"Schulter-", "Schulter-Nacken-"}, found
    assert not _lone_numbers(pages), _lone_numbers(pages)


DUBLIN = Path(__file__).resolve().parent.parent / "examples" / "dublin-shoulder"
SCM = "Sternocleidomastoid"  # en_US: Ster-n-oclei-do-mas-toid; en_GB: Ster-nocl-eido-mastoid


@pytest.mark.parametrize("locale, patterns", [
    ("en-US", "en_US"), (None, "en_US"), ("en-CA", "en_US"), ("en-IE", "en_GB")])
def test_english_is_hyphenated_as_the_clinic_s_country_spells_it(tmp_path, locale, patterns):
    """pyphen's "en" is its first English file, en_GB: a US clinic's "2. Sternocleido-" /
    "mastoid stretch" was split by British patterns; now by US ones ("Sternocleidomas-"),
    an Irish clinic's still by British ones (as text.layers spells its English)."""
    home = tmp_path / "clinic"
    shutil.copytree(DUBLIN, home)
    library = home / "exercises.yaml"
    library.write_text(library.read_text(encoding="utf-8").replace(
        "title: Walking", f"title: {SCM} stretch"), encoding="utf-8")
    ws = api.open_workspace(home=home)
    ws = dataclasses.replace(ws, clinic=ws.clinic.model_copy(
        update={"page_size": "Letter", "locale": locale}))
    program = api.program_from_data(
        {"patient": {"name": "Test Patient"}, "date": "2026-12-03", "layout": "large_print",
         "exercises": ["pendulum", "walking"]}, ws, source="test")
    found = splits_of(SCM, page_texts(api.build_handout(program, ws).pdf))
    assert found
    other = "en_GB" if patterns == "en_US" else "en_US"
    for head, _ in found:
        at = len(head) - 1
        assert at in pyphen.Pyphen(lang=patterns).positions(SCM), found
        if patterns == "en_US":
            assert at not in pyphen.Pyphen(lang=other).positions(SCM), found


@pytest.mark.parametrize("language, locale, name", [
    ("en", "en-US", "en_US"), ("en", "en-GB", "en_GB"), ("en", "en-IE", "en_GB"),
    ("en", None, "en_US"), ("en", "es-US", "en_US"), ("en", "fr-FR", "en_GB"),
    ("de", "de-AT", "de_AT"), ("de", "de-CH", "de_CH"), ("de", None, "de_DE"),
    ("de", "en-US", "de_DE"), ("fr", "fr-CA", "fr"), ("pt", "pt-PT", "pt_PT"),
    ("pt", None, "pt_BR"), ("es", "es-MX", "es"), ("zh", "zh-CN", None)])
def test_a_language_s_dictionary_is_the_clinic_s_country_s_else_its_usual_one(
        language, locale, name):
    assert hyphens.dictionary_name(language, locale) == name


def test_the_same_english_text_breaks_by_the_clinic_s_locale_whatever_broke_first():
    """The style, and so the line-break cache, is keyed on the locale too."""
    base = ParagraphStyle("hyphen-locale-test", fontName="Helvetica", fontSize=12, leading=14)
    markup = f"{SCM} stretch"
    british = _lines(markup, hyphens.style(base, ("en",), "en-GB"), 100)
    american = _lines(markup, hyphens.style(base, ("en",), "en-US"), 100)
    assert british != american
    for lines, patterns in ((british, "en_GB"), (american, "en_US")):
        head = lines[0].rstrip("-")
        assert lines[0].endswith("-") and len(head) in pyphen.Pyphen(
            lang=patterns).positions(SCM), lines
