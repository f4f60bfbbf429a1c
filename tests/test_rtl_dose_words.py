"""The made-up Arabic and Hebrew test clinics (tests/clinics/arabic, tests/clinics/hebrew)
look like a real clinic's: their own dose.txt words every part of a dose the package's
en/dose.txt words. Theirs left out rest, tempo, breaths, sets alone, load, equipment, the
alternatives to a hold, reps by feel and the usual sides, so those parts were lost from
their handouts without a word (a clinic's template may leave a part out on purpose, so no
warning says so): a test run on them saw less than a clinic's handout shows."""

from __future__ import annotations

import re
import unicodedata

import pytest

import handouts as api
from handouts.input.dose_models import Dose
from handouts.words import template_files, text

from conftest import ROOT, page_texts_pypdf
from test_rtl_page import made_clinic

CLINICS = {"ar": ROOT / "tests" / "clinics" / "arabic", "he": ROOT / "tests" / "clinics" / "hebrew"}
# each part of a dose: a dose with it, and the same dose without it
PARTS = {
    "hold": ({"hold": "30 s"}, {}),
    "alternatives": ({"hold": "30 s", "alternatives": ["2 x 15 s", "3 x 10 s"]},
                     {"hold": "30 s"}),
    "sets of reps": ({"sets": "2", "reps": "10"}, {"sets": "2"}),
    "reps": ({"reps": "10"}, {}),
    "reps by feel": ({"reps": "10-15 as tolerated"}, {"reps": "10-15"}),
    "reps until tired": ({"reps": "10 until mild fatigue"}, {"reps": "10"}),
    "reps as tolerated": ({"reps": "as tolerated"}, {}),
    "breaths": ({"breaths": "5"}, {}),
    "duration": ({"duration": "5 min"}, {}),
    "duration by feel": ({"duration": "as tolerated"}, {}),
    "distance": ({"distance": "10"}, {}),
    "sets": ({"sets": "2"}, {}),
    "rest": ({"sets": "2", "rest": "30 s"}, {"sets": "2"}),
    "tempo": ({"tempo": "3-1"}, {}),
    "range": ({"range": "90°"}, {}),
    "effort": ({"effort": "6/10"}, {}),
    "resistance": ({"resistance": "2"}, {}),
    "load": ({"load": "2"}, {}),
    "equipment": ({"equipment": "2"}, {}),
    **{f"side: {side}": ({"side": side}, {}) for side in
       ("each side", "left", "right", "painful side first", "both sides")},
}


@pytest.fixture(scope="module", params=list(CLINICS))
def clinic(request, tmp_path_factory):
    language = request.param
    home = made_clinic(tmp_path_factory.mktemp(language) / "clinic", CLINICS[language])
    return language, api.open_workspace(home=home)


def lines(language, wording, data) -> list[str]:
    return template_files.render_lines(language, "dose.txt", wording,
                                       dose=Dose.model_validate(data), first_name=None)


@pytest.mark.parametrize("part", list(PARTS))
def test_the_clinic_s_dose_template_words_every_part_the_package_s_does(clinic, part):
    language, ws = clinic
    with_it, without = PARTS[part]
    package = lines("en", text.PACKAGE, with_it)
    assert package != lines("en", text.PACKAGE, without)  # the package words it
    own = lines(language, ws.wording, with_it)
    assert own != lines(language, ws.wording, without), own
    assert len(own) == len(package)  # one line for each of the package's
    assert not re.search("[A-Za-z]", " ".join(own)), own  # in the clinic's language


def test_rest_and_tempo_print_on_the_handout(clinic):
    language, ws = clinic
    data = {"patient": {"name": "دانة" if language == "ar" else "דנה"}, "date": "2026-12-03",
            "language": [language],
            "exercises": [{"id": "shoulder_blade_squeeze", "dose": {
                "sets": "2", "reps": "10", "rest": "45 s", "tempo": "2-2", "breaths": "4",
                "load": "7", "equipment": "2"}}]}
    built = api.build_handout(api.program_from_data(data, ws, source="test"), ws)
    assert built.warnings == ()
    # Arabic is drawn in its joined forms: read back as letters ("2-2": a number read
    # back right to left is the same); by pypdf, which reads right-to-left text in its
    # own order and keeps the forms for NFKC to undo (pdfium puts it in another order)
    printed = unicodedata.normalize("NFKC", "\n".join(page_texts_pypdf(built.pdf)))
    words = {"ar": ("استرح", "45", "السرعة", "2-2", "أنفاس", "الوزن", "تحتاج"),
             "he": ("נוחו", "45", "קצב", "2-2", "נשימות", "משקל", "תצטרכו")}[language]
    for word in words:
        assert word in printed, word
