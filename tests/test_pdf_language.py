"""A handout's PDF names its language (the catalog's /Lang) as the clinic speaks it: the
clinic's locale where that is of the handout's language (``en-IE`` for the Dublin example's
English handouts), else the language alone (its Spanish handouts are ``es``: the library's
Spanish is not a Spanish of Ireland). A screen reader picks its voice by this tag."""

from __future__ import annotations

import pytest

import handouts as api

from conftest import EXAMPLES, reader
from test_batch_desk import _languages_marked

DUBLIN = EXAMPLES / "dublin-shoulder"


@pytest.fixture(scope="module")
def dublin() -> api.Workspace:
    return api.open_workspace(home=DUBLIN)


def built(ws, name: str) -> api.Built:
    return api.build_handout(api.load_program(DUBLIN / "examples" / name, ws), ws)


@pytest.mark.parametrize("program, tag", [
    ("aoife-byrne.yaml", "en-IE"), ("ciaran-walsh-large-print.yaml", "en-IE"),
    ("lucia-fernandez-es.yaml", "es")])
def test_a_handout_s_language_is_the_clinic_s_locale_where_it_is_of_that_language(
        dublin, program, tag):
    assert reader(built(dublin, program).pdf).trailer["/Root"]["/Lang"] == tag


def test_a_clinic_with_no_locale_says_the_language(ws, jane):
    assert reader(api.build_handout(jane, ws).pdf).trailer["/Root"]["/Lang"] == "en"


def test_a_print_file_of_both_marks_each_packet_so(dublin):
    handouts = [built(dublin, name).handout
                for name in ("aoife-byrne.yaml", "lucia-fernandez-es.yaml")]
    merged, _ = api.render_handouts(handouts, dublin)
    pdf = reader(merged)
    assert "/Lang" not in pdf.trailer["/Root"]
    marks = [_languages_marked(page) for page in pdf.pages]
    assert marks[0] == ["en-IE"] and marks[-1] == ["es"]
    assert {tuple(m) for m in marks} == {("en-IE",), ("es",)}


@pytest.mark.parametrize("locale, language, tag", [
    ("en-US", "en", "en-US"), ("es-MX", "es", "es-MX"), ("es-MX", "en", "en"),
    ("en-IE", "es", "es"), ("en", "en", "en"), (None, "pt", "pt")])
def test_the_tag_for_each_locale_and_language(dublin, locale, language, tag):
    handout = built(dublin, "aoife-byrne.yaml").handout
    clinic = handout.clinic.model_copy(update={"locale": locale})
    assert type(handout)(**{**handout.__dict__, "clinic": clinic,
                            "language": language}).language_tag == tag
