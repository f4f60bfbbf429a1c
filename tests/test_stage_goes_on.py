"""The last weekly stage goes on after its weeks (README: *Doses*), and its row says so where
the program runs on past them: a card whose table ended at "Weeks 3-4" left a patient whose
next visit is in week 7 with nothing to do in weeks 5-6. Where the program is over by the
last stage's end (its next visit, else its log's weeks) the row keeps its weeks. Read back
from the PDFs; made-up patients."""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner

import handouts as api
from handouts.cli import main

from conftest import ROOT, page_texts

STAGES = {"progression": [{"weeks": "1-2", "hold": "20 s"}, {"weeks": "3-4", "hold": "30 s"}]}


def built(ws, dose=STAGES, **keys) -> api.Built:
    data = {"patient": {"name": "Jane Doe"}, "date": "2026-11-23",
            "exercises": ["si_joint_correction", {"id": "child_pose", "dose": dose}], **keys}
    return api.build_handout(api.program_from_data(data, ws, source="program.yaml"), ws)


def text(ws, dose=STAGES, **keys) -> str:
    return " ".join(" ".join(page_texts(built(ws, dose, **keys).pdf)).split())


@pytest.mark.parametrize("keys", [{}, {"next_visit": "2027-01-04"}, {"log_weeks": 6}],
                         ids=["no next visit", "next visit in week 7", "a log of 6 weeks"])
@pytest.mark.parametrize("layout", ["standard", "compact", "large_print"])
def test_the_last_stage_says_it_goes_on_where_the_program_runs_past_it(ws, layout, keys):
    found = text(ws, layout=layout, **keys)
    assert "From week 3 on Hold 30 seconds" in found
    assert "Weeks 3–4" not in found
    assert "Weeks 1–2 Hold 20 seconds" in found  # only the last goes on


@pytest.mark.parametrize("keys", [{"next_visit": "2026-12-21"}, {"log_weeks": 4},
                                  {"log_weeks": 2}])
def test_the_last_stage_keeps_its_weeks_where_the_program_is_over_by_their_end(ws, keys):
    found = text(ws, **keys)
    assert "Weeks 3–4 Hold 30 seconds" in found
    assert "From week" not in found


def test_a_handouts_id_is_the_same_whether_its_last_stage_goes_on(ws):
    # the row follows from the stages and the next visit, which the id counts: a handout
    # given before the row said so keeps its id (the record and the outbox know it by it)
    from handouts.identity import handout_id

    handout = built(ws).handout
    assert handout.exercises[1].goes_on is not None
    plain = handout.__class__(**{**handout.__dict__, "exercises": tuple(
        e.__class__(**{**e.__dict__, "goes_on": None}) for e in handout.exercises)})
    assert handout_id(plain) == handout.handout_id


def test_a_single_stage_goes_on_from_week_1_on_page_1_and_the_card(ws):
    found = text(ws, {"progression": [{"weeks": "1-2", "hold": "20 s"}]})
    assert found.count("From week 1 on") == 2  # page 1's summary and the card
    assert "Later weeks" not in found


def test_in_spanish_and_in_two_languages(ws):
    assert "De la semana 3 en adelante Mantenga la posición 30 segundos" in text(ws, language="es")
    both = text(ws, language=["en", "es"])
    assert "From week 3 on" in both and "De la semana 3 en adelante" in both


def test_a_long_progression_in_a_table_of_its_own_ends_going_on(ws):
    stages = [{"weeks": f"{w}-{w + 1}", "reps": str(w)} for w in range(1, 27, 2)]
    found = text(ws, {"progression": stages})
    assert "From week 25 on Hold 20–30 seconds · Repeat 25 times" in found
    assert "Weeks 25–26" not in found and "Weeks 23–24 Hold" in found


def test_a_clinics_own_language_without_the_words_builds_other_handouts(tmp_path):
    # a French clinic written before progression_from was added to the package: its
    # handouts without stages build; one whose last stage goes on stops in one line
    home = tmp_path / "kine"
    shutil.copytree(ROOT / "tests" / "clinics" / "french", home)
    own = home / "strings.fr.yaml"
    own.write_text("".join(line for line in own.read_text(encoding="utf-8").splitlines(True)
                           if not line.startswith("progression_from")), encoding="utf-8")
    files = ["--library", home / "exercises.yaml", "--clinic", home / "clinic.yaml"]
    plain = tmp_path / "plain.yaml"
    plain.write_text("patient: {name: Jane Doe}\ndate: 2026-11-23\nexercises: [marche]\n")
    staged = tmp_path / "staged.yaml"
    staged.write_text("patient: {name: Jane Doe}\ndate: 2026-11-23\nexercises:\n"
                      "  - id: marche\n    dose:\n      progression:\n"
                      "        - {weeks: 1-2, duration: 10 min}\n"
                      "        - {weeks: 3-4, duration: 20 min}\n")
    lacks = (f'{own}: no wording for "progression_from"; add it, translated from the '
             "package's English: progression_from: \"From week {{ week }} on\"")

    def cli(*args):
        return CliRunner().invoke(main, [str(a) for a in (*args, *files)],
                                  catch_exceptions=False)

    result = cli("build", plain, "-o", tmp_path / "plain.pdf")
    assert result.exit_code == 0, result.output
    result = cli("build", staged, "-o", tmp_path / "staged.pdf")
    assert (result.exit_code, result.output) == (1, f"error: {lacks}\n")
    assert not (tmp_path / "staged.pdf").exists()
    result = cli("check", plain)
    assert result.exit_code == 0, result.output
    assert f"warning: {lacks}; a handout with weekly stages whose last goes on after its " \
        "weeks (progression) will not build without it" in result.output.splitlines()
    # given its words, the card says it in French
    with own.open("a", encoding="utf-8") as f:
        f.write('progression_from: "À partir de la semaine {{ week }}"\n')
    result = cli("build", staged, "-o", tmp_path / "staged.pdf")
    assert result.exit_code == 0, result.output
    found = " ".join(" ".join(page_texts((tmp_path / "staged.pdf").read_bytes())).split())
    assert "À partir de la semaine 3" in found
