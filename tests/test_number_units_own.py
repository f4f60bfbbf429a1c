"""A number stays on the line of its unit where the number is bold and the unit plain ("Lift
your leg **10** times": two fragments of markup, which reportlab breaks between), and where
the unit or counted word is one a clinic's language gives in its wording (``counted_words:``
in ``strings.fr.yaml``), not only the built-in ones (README: *Plain language*). Read back from
the PDFs, as test_number_units does."""

from __future__ import annotations

import re

import yaml

import handouts as api
from conftest import page_texts
from test_number_units import CARDS, _home


def _pdf_lines(home, language: str, cards: str = "poids") -> str:
    ws = api.open_workspace(home=home)
    data = {"patient": {"name": "Françoise Lefèvre"}, "date": "2026-12-03",
            "exercises": [f"{cards}_{k}" for k in range(CARDS)], "language": language}
    pdf = api.build_handout(api.program_from_data(data, ws, source="test"), ws).pdf
    return "\n".join(line.strip() for page in page_texts(pdf) for line in page.splitlines())


def _steps(home, steps_fr, steps_en) -> None:
    """Each card's steps, with ``k`` words more before the number on the ``k``-th."""
    library = yaml.safe_load((home / "exercises.yaml").read_text(encoding="utf-8"))
    english = yaml.safe_load((home / "exercises.en.yaml").read_text(encoding="utf-8"))
    for card in library["exercises"]:
        if card["id"].startswith("poids_"):
            k = int(card["id"].split("_")[1])
            card["steps"] = [s(k) for s in steps_fr]
            english["exercises"][card["id"]]["steps"] = [s(k) for s in steps_en]
    for name, data in (("exercises.yaml", library), ("exercises.en.yaml", english)):
        (home / name).write_text(yaml.dump(data, allow_unicode=True, sort_keys=False),
                                 encoding="utf-8")


def test_a_bold_number_keeps_its_plain_unit(tmp_path):
    home = _home(tmp_path)
    _steps(home, [lambda k: "Levez" + " la" * k + " jambe **10** fois."],
           [lambda k: "Lift" + " the" * k + " leg **10** times.",
            lambda k: "Hold" + " it" * k + " for **5–10** seconds."])
    for language in ("fr", "en"):
        text = _pdf_lines(home, language)
        split = re.findall(r"(?m)(\d+)$\n^(fois|times|seconds)\b", text)
        assert split == [], (language, split)
        assert text.count("10 fois" if language == "fr" else "10 times") >= CARDS


def test_a_clinics_own_counted_word_keeps_its_number(tmp_path):
    """"tours" (laps, turns) is in no built-in list: the French clinic gives it."""
    home = _home(tmp_path)
    _steps(home, [lambda k: "Marchez" + " très" * k + " vite 12 tours."],
           [lambda k: "Walk" + " very" * k + " fast 12 laps."])
    strings = home / "strings.fr.yaml"
    strings.write_text(strings.read_text(encoding="utf-8")
                       + "counted_words: [tour, tours]\n", encoding="utf-8")
    text = _pdf_lines(home, "fr")
    assert re.findall(r"(?m)12$\n^tours\b", text) == []
    assert text.count("12 tours") >= CARDS
    checked = api.wording_problems(api.open_workspace(home=home))
    assert checked == [], checked


def test_an_empty_word_list_is_no_words_of_the_clinics_own(tmp_path):
    """A list copied by ``words`` from another language and emptied: the same as none given
    (it was "must be a list of single words")."""
    home = _home(tmp_path)
    strings = home / "strings.fr.yaml"
    strings.write_text(strings.read_text(encoding="utf-8")
                       + "counted_words: []\nnumber_units: []\n", encoding="utf-8")
    assert api.wording_problems(api.open_workspace(home=home)) == []


def test_a_word_list_that_is_not_one_says_so_at_its_line(tmp_path):
    home = _home(tmp_path)
    strings = home / "strings.fr.yaml"
    lines = strings.read_text(encoding="utf-8").count("\n")
    strings.write_text(strings.read_text(encoding="utf-8") + "counted_words: tours, fois\n",
                       encoding="utf-8")
    said = [str(p) for p in api.wording_problems(api.open_workspace(home=home))]
    assert said == [f"{strings}:{lines + 1}: counted_words: must be a list of single words, "
                    "each as it follows a number (e.g. [keer, herhalingen]); a number stays on "
                    "the line of any of them"], said
