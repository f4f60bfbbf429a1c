"""Counting and braces in a clinic's own staff words: a number takes the form the clinic's
locale counts it in (CLDR's rule, from Babel: Brazil's Portuguese says "0 paciente",
Portugal's "0 pacientes"), and a "{{" in a value is "{" on the page whether or not the
value fills anything in."""

from __future__ import annotations

import re

import pytest

import handouts as api
from handouts.web import create_app

from test_web import Browser
from test_web_staff_language_lists import shown_text
from test_web_staff_language_own import clinic

PATIENTS = """\
patients: "Pacientes"
patients_one: "{count} paciente"
patients_many: "{count} pacientes"
"""


def patients_count(tmp_path, locale: str) -> str:
    """What the Patients page of an empty record says of how many patients it has."""
    home = clinic(tmp_path, f"locale: {locale}\n", **{"staff_words.pt.yaml": PATIENTS})
    ws = api.open_workspace(home / "exercises.yaml", home / "clinic.yaml")
    b = Browser(create_app(ws, programs_dir=tmp_path / "programs"))
    page = b.get("/patients").get_data(as_text=True)
    return re.search(r'id="find-patient-msg">([^<]*)<', page).group(1)


@pytest.mark.parametrize("locale, said", [("pt-BR", "0 paciente"), ("pt-PT", "0 pacientes")])
def test_a_portuguese_clinic_counts_as_its_country_does(tmp_path, database, locale, said):
    assert patients_count(tmp_path, locale) == said


BRACES = """\
new_program: "Novo programa {{beta}}"
patients_many: "{count} pacientes {{ativos}}"
"""


def test_a_double_brace_is_one_brace_whether_or_not_the_page_fills_the_value_in(
        tmp_path, database):
    """As `check` tells a clinic ("{{" and "}}" print "{" and "}"): "{{beta}}" showed as
    typed in a value the page fills nothing in, and as "{ativos}" in one it does."""
    home = clinic(tmp_path, "locale: pt-PT\n", **{"staff_words.pt.yaml": BRACES})
    ws = api.open_workspace(home / "exercises.yaml", home / "clinic.yaml")
    assert api.staff_word_problems(home) == []  # `check` finds nothing wrong with them
    b = Browser(create_app(ws, programs_dir=tmp_path / "programs"))
    text = shown_text(b.get("/patients"))
    assert "Novo programa {beta}" in text and "0 pacientes {ativos}" in text
    assert "{{" not in text and "}}" not in text
