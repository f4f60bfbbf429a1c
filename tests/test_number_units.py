"""A number stays on the line of the unit or counted word after it: a French dose broke
"Poids : 0,5" / "kg." and a step "Levez la jambe 10" / "fois.", which a patient reading a
line at a time takes for another dose. In French and English, on a standard card (its
steps and dose list) and a compact one (its dose line), read back from the PDFs with the
ordinary space between the number and its unit."""

from __future__ import annotations

import re

import pytest
import yaml

import handouts as api
from conftest import page_texts
from test_library_language import clinic

# cards whose steps and dose have ever more words before the number: the margin falls
# between a number and its unit on some of them wherever the column's edge is
CARDS = 14
SPLIT = re.compile(r"(\d+(?:[,.]\d+)?)\n(kg|fois|times)\b")


class _NoAliases(yaml.SafeDumper):
    def ignore_aliases(self, data):
        return True


def _home(tmp_path):
    home = clinic(tmp_path)
    library = yaml.safe_load((home / "exercises.yaml").read_text(encoding="utf-8"))
    english = yaml.safe_load((home / "exercises.en.yaml").read_text(encoding="utf-8"))
    base = next(e for e in library["exercises"] if e["id"] == "genou_assis")
    for k in range(CARDS):
        card = dict(base, id=f"poids_{k}", title=f"Poids {k}",
                    steps=["Tenez" + " bien" * k + " un poids de 0,5 kg à la cheville.",
                           "Levez" + " la" * k + " jambe 10 fois."],
                    dose=dict(base["dose"], load="un sac" + " très" * k + " lourd de 0,5 kg"))
        library["exercises"].append(card)
        english["exercises"][card["id"]] = {
            "title": f"Weight {k}", "purpose": "Makes your thigh stronger.",
            "steps": ["Hold" + " it" * k + " a weight of 0.5 kg at your ankle.",
                      "Lift" + " the" * k + " leg 10 times."],
            "load": "a bag" + " very" * k + " heavy of 0.5 kg"}
    for name, data in (("exercises.yaml", library), ("exercises.en.yaml", english)):
        (home / name).write_text(yaml.dump(data, allow_unicode=True, Dumper=_NoAliases),
                                 encoding="utf-8")
    return home


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    return _home(tmp_path_factory.mktemp("units"))


@pytest.mark.parametrize("layout", ["standard", "compact"])
@pytest.mark.parametrize("language, unit", [("fr", "0,5 kg"), ("en", "0.5 kg")])
def test_a_number_is_never_split_from_its_unit(home, language, unit, layout):
    ws = api.open_workspace(home=home)
    data = {"patient": {"name": "Françoise Lefèvre"}, "date": "2026-12-03", "layout": layout,
            "exercises": [f"poids_{k}" for k in range(CARDS)], "language": language}
    pdf = api.build_handout(api.program_from_data(data, ws, source="test"), ws).pdf
    text = "\n".join(line.strip() for page in page_texts(pdf) for line in page.splitlines())
    assert SPLIT.findall(text) == []
    # every card printed its dose, read back with the ordinary space it was written with
    assert text.count(unit) >= CARDS


@pytest.mark.parametrize("words, joined", [
    ("Poids : 0,5 kg.", ["Poids", ":", "0,5 kg."]),
    ("Répétez 5–10 fois/jour", ["Répétez", "5–10 fois/jour"]),
    ("Wiederholen Sie 10 Mal", ["Wiederholen", "Sie", "10 Mal"]),
    ("Hold ½ min, 20 °C", ["Hold", "½ min,", "20 °C"]),
    ("Call 911 or go", ["Call", "911", "or", "go"]),
    ("kg 5 more", ["kg", "5", "more"]),
    # a number that ends the text keeps the word before it: never alone on the last line
    ("Hold while you count to 10", ["Hold", "while", "you", "count", "to 10"]),
    ("Hold 5 s, then count to 5–10", ["Hold", "5 s,", "then", "count", "to 5–10"]),
    ("10", ["10"]),
    # a postcode's two parts (Canada, Britain, Ireland); not a code and any word
    ("Gatineau (Québec) J8Y 0A1", ["Gatineau", "(Québec)", "J8Y 0A1"]),
    ("London SE10 9XX, UK", ["London", "SE10 9XX,", "UK"]),
    ("Dublin D02 X285", ["Dublin", "D02 X285"]),
    ("Use band B2 ABC then A1 B", ["Use", "band", "B2", "ABC", "then", "A1", "B"]),
])
def test_which_words_a_number_keeps(words, joined):
    from handouts.render import number_units

    assert number_units.tied(words.split()) == joined


def test_a_column_is_never_narrower_than_a_number_and_its_unit():
    """A table sizes its columns by each paragraph's narrowest width (the summary's): one
    that took "minutes" for the widest word split "5–10 minutes" letter by letter."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from handouts.render import hyphens
    from handouts.render.paragraph import Paragraph

    style = hyphens.style(ParagraphStyle("cell", fontName="Helvetica", fontSize=10), ("en",))
    for markup in ("Do this for 5–10 minutes", "Do <b>this</b> for 5–10 minutes"):
        assert Paragraph(markup, style).minWidth() >= stringWidth(
            "5–10 minutes", "Helvetica", 10), markup


@pytest.mark.parametrize("linked", [False, True])
def test_a_postcode_is_never_split_at_any_width(linked):
    """A clinic's address in the header broke "Gatineau (Québec) J8Y" / "0A1" (a made-up
    vestibular clinic's compact handout). At every width, the postcode stays on one line,
    in a paragraph of one text and in one of several fragments (the header's contact line
    with its links)."""
    from reportlab.lib.styles import ParagraphStyle

    from handouts.render import hyphens
    from handouts.render.paragraph import Paragraph

    style = hyphens.style(ParagraphStyle("line", fontName="Helvetica", fontSize=10), ("fr",))
    address = "275, boulevard de l'Exemple, bureau 210, Gatineau (Québec) J8Y 0A1"
    markup = address + (' · <a href="mailto:a@b.example">a@b.example</a>' if linked else "")
    broken = []
    for width in range(60, 420, 2):
        paragraph = Paragraph(markup, style)
        paragraph.wrap(width, 10_000)
        lines = ["".join(f.text for f in line.words) if hasattr(line, "words")
                 else " ".join(line[1]) for line in paragraph.blPara.lines]
        if any(line.rstrip().endswith("J8Y") for line in lines):
            broken.append(width)
    assert broken == []
