"""A program counted from the day its week 1 began (``weeks_from:``, a surgery's), and a
protocol's exercises chosen (``leave_out:``): README *The program file*. A protocol written by
weeks after surgery printed *Weeks 1–2* to a patient in week 3, on page 1, every card and
the log; and twelve of a protocol's fifteen could be had only by dropping ``protocol:`` and
its title. Read back from the PDFs; made-up patients."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import yaml
from click.testing import CliRunner

import handouts as api
from handouts.cli import main
from handouts.web import create_app

from conftest import page_texts
from test_web_protocol_parity import clinic_copy, fields, press, started, web_pdf, workspace

BAND = "band_external_rotation"  # weeks 1-2 yellow band, 3-4 red band, 5-6 green band


@pytest.fixture(scope="module")
def dublin(tmp_path_factory):
    return clinic_copy(tmp_path_factory.mktemp("clinic"), "dublin")


@pytest.fixture(scope="module")
def ws(dublin):
    return workspace(dublin)


def program(ws, **keys) -> api.Program:
    data = {"patient": {"name": "Fay Order"}, "date": "2026-11-23",
            "exercises": ["pendulum", BAND], **keys}
    return api.program_from_data(data, ws, source="program.yaml")


def text(ws, **keys) -> str:
    pdf = api.build_handout(program(ws, **keys), ws).pdf
    return " ".join(" ".join(page_texts(pdf)).split())


def test_the_stages_start_at_the_week_the_patient_is_in_labelled_as_they_count_them(ws):
    # week 1 began 14 days before the visit: the patient is in week 3
    found = text(ws, weeks_from="2026-11-09", log_weeks=2)
    assert "This is week 3. Week 1 began on 9 November 2026." in found
    assert "Weeks 1–2" not in found and "yellow band" not in found
    assert "Weeks 3–4: 3 sets of 10 · Use: red band" in found  # page 1, as the patient counts
    assert "Week by week Weeks 3–4 3 sets of 10 · Use: red band Weeks 5–6" in found  # the card
    # the log's two weeks are weeks 3 and 4, the first in the red band's stage
    assert re.findall(r"\bWeek (\d) Day", found) == ["3", "4"]
    # without it, as written, the log from week 1
    found = text(ws, log_weeks=2)
    assert "Weeks 1–2: 2 sets of 10 · Use: yellow band" in found
    assert "This is week" not in found
    assert re.findall(r"\bWeek (\d) Day", found) == ["1", "2"]


def test_a_day_so_long_ago_that_every_stage_is_done_gives_the_last_going_on(ws):
    found = text(ws, weeks_from="2026-06-01")
    assert "This is week 26." in found
    assert "Week by week From week 5 on 3 sets of 15 · Use: green band" in found
    assert "Weeks 3–4" not in found and "Weeks 5–6" not in found
    assert "Your exercise log: week 26" in found


def test_in_spanish(ws):
    found = text(ws, weeks_from="2026-11-09", language="es")
    assert "Esta es la semana 3. La semana 1 empezó el 9 de noviembre de 2026." in found
    assert "Semanas 3–4" in found and "Semanas 1–2" not in found
    assert "Su registro de ejercicios: semana 3" in found


@pytest.mark.parametrize("day, said", [
    ("2026-11-30", "weeks_from: 2026-11-30 is after the visit's date (2026-11-23); give the "
                   "day week 1 began (the day of surgery), on or before the visit, or leave "
                   "weeks_from out"),
    ("2016-11-09", "weeks_from: 2016-11-09 is more than two years before the visit's date "
                   "(2026-11-23); check the year")])
def test_a_day_after_the_visit_or_years_before_is_one_line(ws, day, said):
    with pytest.raises(api.HandoutError) as caught:
        program(ws, weeks_from=day)
    assert [str(p) for p in caught.value.problems] == [f"program.yaml: {said}"]


def test_build_weeks_from_and_leave_out_on_the_command_line(dublin, tmp_path):
    clinic = ["--library", str(dublin / "exercises.yaml"), "--clinic", str(dublin / "clinic.yaml")]
    out = tmp_path / "fay.pdf"
    done = CliRunner().invoke(main, ["build", "--patient", "Fay Order", "--protocol",
                                     "after_shoulder_surgery", "--date", "2026-11-23",
                                     "--weeks-from", "2026-11-09", "--leave-out", "pendulum",
                                     "-o", str(out), *clinic])
    assert done.exit_code == 0, done.output
    found = " ".join(" ".join(page_texts(out.read_bytes())).split())
    assert "This is week 3." in found and "Weeks 3–4" in found
    assert "After shoulder surgery, weeks 1 to 6" in found  # the protocol's title kept
    assert "Pendulum" not in found
    ahead = CliRunner().invoke(main, ["build", "--patient", "Fay Order", "--protocol",
                                      "after_shoulder_surgery", "--date", "2026-11-23",
                                      "--weeks-from", "2026-12-01", "-o", str(out), *clinic])
    assert ahead.exit_code == 1
    assert ahead.output.count("\n") == 1 and "2026-12-01 is after the visit's date" in ahead.output
    assert "Traceback" not in ahead.output


def test_a_roster_column_gives_each_row_its_day(dublin, tmp_path):
    roster = tmp_path / "today.csv"
    roster.write_text("name,program,date,surgery date\n"
                      "Ada Example,after_shoulder_surgery,2026-11-23,2026-11-09\n"
                      "Bo Example,after_shoulder_surgery,2026-11-23,2026-12-09\n"
                      "Cy Example,after_shoulder_surgery,2026-11-23,\n", encoding="utf-8")
    done = CliRunner().invoke(main, ["batch", str(roster), "--out-dir", str(tmp_path / "out"),
                                     "--library", str(dublin / "exercises.yaml"),
                                     "--clinic", str(dublin / "clinic.yaml")])
    assert done.exit_code == 1
    assert ('today.csv:3: row 2: "surgery date": 2026-12-09 is after the visit\'s date '
            "(2026-11-23)") in done.output
    ada, cy = (" ".join(page_texts((tmp_path / "out" / f"2026-11-23_{n}-example.pdf")
                                   .read_bytes())) for n in ("ada", "cy"))
    assert "This is week 3." in ada and "Weeks 1–2" not in ada
    assert "This is week" not in cy and "Weeks 1–2" in cy


def test_leave_out_prints_the_protocol_less_those_exercises(ws):
    protocol = [i.id for i in ws.library.protocol("after_shoulder_surgery").exercises]
    left = program(ws, exercises=[], protocol="after_shoulder_surgery",
                   leave_out=protocol[:1])
    items = [i.id for i in api.program_items(left, ws)]
    assert items == protocol[1:]
    found = " ".join(" ".join(page_texts(api.build_handout(left, ws).pdf)).split())
    assert "After shoulder surgery, weeks 1 to 6" in found


@pytest.mark.parametrize("keys, said", [
    ({"protocol": "after_shoulder_surgery", "leave_out": ["pendulm"]},
     'leave_out[1]: "pendulm" is not an exercise of protocol "after_shoulder_surgery"; did '
     'you mean "pendulum"?'),
    ({"protocol": "after_shoulder_surgery", "leave_out": ["pendulum"]},
     'leave_out[1]: "pendulum" is left out and listed in exercises too; keep it in one of '
     "them"),
    # every one of them, and none of its own: a handout of no exercise (an IndexError)
    ({"exercises": [], "protocol": "after_shoulder_surgery", "leave_out": [
        "pendulum", "table_slide", "shoulder_blade_squeeze", BAND]},
     'leave_out: leaves out every exercise of protocol "after_shoulder_surgery"; keep one, '
     "or give the program's own under exercises"),
    ({"leave_out": ["pendulum"]},
     "leave_out: leaves out a protocol's exercises, and the program has no protocol; give a "
     "protocol, or leave leave_out out")])
def test_a_left_out_id_that_is_no_exercise_of_the_protocol_is_one_line(ws, keys, said):
    with pytest.raises(api.HandoutError) as caught:
        program(ws, **keys)
    assert [str(p) for p in caught.value.problems] == [f"program.yaml: {said}"]


def test_check_names_the_line_of_a_left_out_id(dublin, tmp_path):
    path = tmp_path / "fay.yaml"
    path.write_text("patient: {name: Fay Order}\nprotocol: after_shoulder_surgery\n"
                    "leave_out:\n- pendulum\n- no_such\n", encoding="utf-8")
    done = CliRunner().invoke(main, ["check", str(path), "--library",
                                     str(dublin / "exercises.yaml"),
                                     "--clinic", str(dublin / "clinic.yaml")])
    assert done.exit_code == 1
    assert f'{path}:5: leave_out[2]: "no_such" is not an exercise of protocol' in done.output


def test_the_web_form_keeps_weeks_from_and_an_exercise_taken_out_of_a_protocol(dublin,
                                                                               tmp_path):
    ws = workspace(dublin)
    app = create_app(ws, programs_dir=tmp_path / "programs", record=lambda *a: ())
    b, form = started(app, "Fay Order", "after_shoulder_surgery")
    first = form["ex-0-id"]
    form = fields(press(b, "remove:0", form))
    form["weeks_from"] = str(ws.today() - dt.timedelta(days=15))  # day 16: week 3
    found = " ".join(" ".join(page_texts(web_pdf(b, form))).split())
    assert "This is week 3." in found
    assert "After shoulder surgery, weeks 1 to 6" in found  # still the protocol's handout
    press(b, "save", form)
    saved = yaml.safe_load((tmp_path / "programs" / "fay-order.yaml").read_text("utf-8"))
    assert (saved["protocol"], saved["leave_out"], saved["weeks_from"]) == (
        "after_shoulder_surgery", [first], form["weeks_from"])
    b.get("/programs/fay-order", follow_redirects=True)  # opened again, both kept
    again = fields(b.page)
    assert again["weeks_from"] == form["weeks_from"]
    assert first not in [v for k, v in again.items() if re.fullmatch(r"ex-\d+-id", k)]


def test_a_next_visit_counted_from_weeks_from_offers_no_carry_on(tmp_path, database):
    """The last visit counted its weeks from the surgery (``weeks_from:``); the next visit,
    started from it, does so again, its stages carried on at build. The page said they
    start again at week 1 and offered *Carry on*, which carried them on twice: a patient in
    week 5 was given the weeks 7-8 stage, labelled *From week 5 on*."""
    from handouts import record
    from test_web import unescape
    from test_web_weekly import pdf_text, recording_app

    ws, b = recording_app(tmp_path)
    surgery, given = (ws.today() - dt.timedelta(days=d) for d in (30, 15))
    stages = [{"weeks": f"{w}-{w + 1}", "reps": str(r)} for w, r in ((1, 5), (3, 8), (5, 12),
                                                                      (7, 15))]
    last = api.program_from_data({"patient": {"name": "Wes Weekly"}, "date": str(given),
                                  "weeks_from": str(surgery), "exercises": [
                                      {"id": "bridge", "dose": {"progression": stages}}]},
                                 ws, source="program.yaml")
    record.issued(ws, record.Issue.of(last, api.build_handout(last, ws)), channel="printed",
                  by="dave")
    [person] = record.patients(ws, "Wes Weekly")
    html = unescape(b.post("next", {}, url=f"/patients/{person.id}/next").get_data(
        as_text=True))
    assert "start again at week 1" not in html and "carry_on:0" not in html
    assert b.form()["weeks_from"] == str(surgery)
    form = b.form()
    found = " ".join(pdf_text(b, form).split())
    assert "This is week 5." in found
    assert "Week by week Weeks 5–6 2 sets of 12 From week 7 on 2 sets of 15" in found
    assert b.post("carry_on:0", form).status_code == 400  # the page never offers it
