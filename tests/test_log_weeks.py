"""A log until the next visit (README: *The handout*): ``next_visit:`` prints on page 1 and
the log lasts until it, ``log_weeks:`` (the program's or the clinic's) sets its weeks; each
week follows the progression's stage that covers it. Read back from the PDFs."""

from __future__ import annotations

import dataclasses
import re

import pytest
import yaml

import handouts as api
from handouts.errors import HandoutError

from conftest import ROOT, page_texts
from test_record import Clinic
from test_rtl_page import HEBREW_CLINIC, made_clinic

DUBLIN = ROOT / "examples" / "dublin-shoulder"


def build(ws, **keys) -> api.Built:
    data = {"patient": {"name": "Jane Doe"}, "date": "2026-11-23",
            "exercises": ["si_joint_correction", "child_pose"], **keys}
    return api.build_handout(api.program_from_data(data, ws, source="program.yaml"), ws)


def weeks_in(pdf: bytes) -> list[str]:
    return re.findall(r"^(Week \d+|Semana \d+|שבוע \d+)", "\n".join(page_texts(pdf)), re.M)


@pytest.mark.parametrize("layout", ["standard", "compact", "large_print"])
def test_the_next_visit_prints_on_page_one_and_the_log_lasts_until_it(ws, layout):
    # 15 days on: days 1 to 15 to log, three weeks
    built = build(ws, next_visit="2026-12-08", layout=layout)
    pages = page_texts(built.pdf)
    assert "Next appointment: December 8, 2026" in pages[0].replace("\n", " ")
    assert weeks_in(built.pdf) == ["Week 1", "Week 2", "Week 3"]
    assert "Your exercise log: 3 weeks" in "".join(pages)


def test_without_either_key_the_log_is_one_week_and_the_line_is_blank(ws):
    built = build(ws)
    text = "".join(page_texts(built.pdf))
    assert "Your exercise log: week 1" in text and weeks_in(built.pdf) == []
    assert "Next appointment: ______" in text
    assert build(ws, log_weeks=1).pdf == built.pdf  # one week asked: the same handout


def test_log_weeks_wins_over_the_next_visit_and_the_clinics_default_over_neither(
        tmp_path, ws):
    assert len(weeks_in(build(ws, next_visit="2026-12-08", log_weeks=2).pdf)) == 2
    # a next visit three months on: the longest log, six weeks
    assert len(weeks_in(build(ws, next_visit="2027-02-20").pdf)) == 6
    clinic = Clinic(tmp_path)
    path = clinic.root / "clinic.yaml"
    path.write_text(path.read_text() + "\nlog_weeks: 2\n")
    own = clinic.ws()
    assert len(weeks_in(build(own).pdf)) == 2
    assert len(weeks_in(build(own, log_weeks=4).pdf)) == 4


def test_a_two_language_handout_has_both_dates_and_weeks(ws):
    built = build(ws, next_visit="2026-12-01", language=["es", "en"])
    first = page_texts(built.pdf)[0].replace("\n", " ")
    assert "1 de diciembre de 2026 / December 1, 2026" in first
    assert weeks_in(built.pdf) == ["Semana 1", "Week 1", "Semana 2", "Week 2"]


def test_a_right_to_left_handout_names_its_weeks(tmp_path):
    hebrew = api.open_workspace(home=made_clinic(tmp_path / "clinic", HEBREW_CLINIC))
    data = {"patient": {"name": "דנה לוי"}, "date": "2026-12-03", "language": "he",
            "exercises": ["pendulum", "shoulder_blade_squeeze"], "log_weeks": 2}
    built = api.build_handout(api.program_from_data(data, hebrew, source="t"), hebrew)
    text = "".join(page_texts(built.pdf))
    # pypdf reads a line of a mirrored page from its left: the number first
    assert re.findall(r"(\d) שבוע", text) == ["1", "2"]
    assert "שבועות 2 :שלכם התרגילים יומן" in text  # "your exercise log: 2 weeks"


def band_rows(pdf: bytes) -> dict[str, str]:
    """Each week's row of the band exercise (Dublin's, every other day, three stages), as
    pypdf reads it: the name, any stage line, and a dash a day without a box."""
    text = "\n".join(page_texts(pdf))
    weeks = re.split(r"^Week (\d+)$", text, flags=re.M)[1:]
    bodies: dict[str, str] = {}  # a week that goes on over a page is under its heads twice
    for week, body in zip(weeks[::2], weeks[1::2]):
        bodies[week] = bodies.get(week, "") + body
    return {week: re.search(r"Band turn-out\n(.*?)\n(\d\. |Pain)", body, re.S).group(1)
            for week, body in bodies.items()}


def test_every_other_day_goes_on_across_weeks_and_a_week_logs_its_stage():
    ws = api.open_workspace(home=DUBLIN)
    data = {"patient": {"name": "Aoife Byrne"}, "date": "2026-12-03",
            "protocol": "after_shoulder_surgery", "log_weeks": 6}
    pdf = api.build_handout(api.program_from_data(data, ws, source="t"), ws).pdf
    rows = band_rows(pdf)
    # a week that goes on over a page (the table slide "every hour while awake" has three
    # boxes a day) does so under its heads on the next page, not twice on one page
    for page in page_texts(pdf):
        heads = re.findall(r"^Week \d+$", page, flags=re.M)
        assert len(heads) == len(set(heads)), page
    dashes = {week: row.count("–") for week, row in rows.items()}
    # boxes on days 1, 3, 5, 7, then 2, 4, 6 of week 2 (days 9, 11, 13) and so on
    assert dashes == {"1": 3, "2": 4, "3": 3, "4": 4, "5": 3, "6": 4}
    # weeks 1-2 are the first stage, as the card's How much says; then the stage's dose
    assert "band" not in rows["1"] + rows["2"]
    assert "3 sets of 10 · Use: red band" in rows["3"] and "red band" in rows["4"]
    assert "3 sets of 15 · Use: green band" in rows["5"]


@pytest.mark.parametrize("keys, said", [
    ({"next_visit": "2026-11-20"},
     "program.yaml:4: next_visit: 2026-11-20 is not after the visit's date (2026-11-23); "
     "give the day of the next visit, or leave next_visit out"),
    ({"next_visit": "2028-01-02"},
     "program.yaml:4: next_visit: 2028-01-02 is more than a year after the visit's date "
     "(2026-11-23); check the year"),
    ({"log_weeks": 9},
     "program.yaml:4: log_weeks: 9 weeks: a log has 1 to 6 weeks; for a next visit further "
     "off, give 6 and a new handout between"),
    ({"log_weeks": "two"},
     'program.yaml:4: log_weeks: "two" is not a number of weeks; give 1 to 6 (e.g. 2)'),
])
def test_nonsense_is_one_line_at_its_place(ws, tmp_path, keys, said):
    path = tmp_path / "program.yaml"
    path.write_text(yaml.safe_dump({"patient": {"name": "Jane Doe"}, "date": "2026-11-23",
                                    **keys, "exercises": ["child_pose"]}, sort_keys=False))
    with pytest.raises(HandoutError) as caught:
        api.load_program(path, ws)
    assert [str(p).replace(str(tmp_path) + "/", "") for p in caught.value.problems] == [said]


def test_the_id_counts_the_weeks_and_a_reprint_makes_the_same_bytes(tmp_path, database,
                                                                    monkeypatch):
    monkeypatch.chdir(tmp_path)
    clinic = Clinic(tmp_path)
    path = clinic.program()
    data = yaml.safe_load(path.read_text())
    path.write_text(yaml.safe_dump({**data, "next_visit": "2026-12-08"}, sort_keys=False))
    built, _ = clinic.issue(path)
    plain = api.build_handout(api.load_program(clinic.program(), clinic.ws()), clinic.ws())
    assert built.handout.handout_id != plain.handout.handout_id
    result = clinic.run("reprint", built.handout.handout_id, "-o", "copy.pdf")
    assert result.exit_code == 0, result.output
    assert (clinic.root / "copy.pdf").read_bytes() == built.pdf


def test_six_weeks_of_every_exercise_in_large_print_stay_about_a_page_a_week(ws):
    data = {"patient": {"name": "Jane Doe"}, "date": "2026-11-23", "layout": "large_print",
            "exercises": list(ws.library.exercise_ids)}
    pages = [api.page_count(api.build_handout(api.program_from_data(
        {**data, **keys}, ws, source="t"), ws).pdf) for keys in ({}, {"log_weeks": 6})]
    assert pages[1] - pages[0] <= 7


def test_a_one_week_log_says_how_often_as_its_first_stage_does_as_week_1_of_a_longer_one(ws):
    # its boxes followed the first stage already; the words beside them were the dose's own
    dose = {"frequency": "2 times a day", "progression": [
        {"weeks": "1-2", "frequency": "3 days a week"},
        {"weeks": "3-4", "frequency": "once a day", "sets": 2}]}
    exercises = [{"id": "child_pose", "dose": dose}]

    def log_of(**keys) -> str:
        built = build(ws, exercises=exercises, **keys)
        text = "\n".join(page_texts(built.pdf))
        return text[text.index("Your exercise log"):text.index("Pain (0–10)")]

    one, week_1 = log_of(), log_of(log_weeks=2)
    assert "3 days a\nweek" in one and "3 days a\nweek" in week_1
    assert "2 times a" not in one
    # a first stage that keeps the dose's frequency: the dose's own words, as before
    dose.update(frequency="5 days a week")
    dose["progression"][0] = {"weeks": "1-2", "sets": 3}
    assert "5 days a week" in log_of().replace("\n", " ")


def test_after_its_last_stage_the_log_goes_on_with_that_stage(ws):
    # weeks 5 and 6 went back to the dose's own 2 times a day, which the card never says
    # (its How much and How often are in its table, stage by stage), and said no dose
    from handouts.render.theme import theme_for
    from test_dose_fields import tick_boxes

    from conftest import reader
    dose = {"frequency": "2 times a day", "progression": [
        {"weeks": "1-2", "frequency": "once a day", "reps": 5},
        {"weeks": "3-4", "frequency": "once a day", "sets": 2, "reps": 10}]}
    pdf = build(ws, exercises=[{"id": "child_pose", "dose": dose}], log_weeks=6).pdf
    text = "\n".join(page_texts(pdf))
    log = re.split(r"^Week (\d)$", text[text.index("Your exercise log"):], flags=re.M)
    said = {week: " ".join(body.split()) for week, body in zip(log[1::2], log[2::2])}
    for week in "3456":
        assert "Child's pose rock-back Hold 20–30 seconds · 2 sets of 10 · Once a day" \
            in said[week]
    assert "2 times a day" not in " ".join(text.split())
    size = theme_for("standard", ws.clinic.page_size).body_size * 1.15
    assert sum(len(tick_boxes(page, size)) for page in reader(pdf).pages) == 6 * 7


def test_weeks_too_tall_for_two_a_page_leave_no_page_half_empty(ws):
    # a week of six exercises in two languages is over half an A4 page: each week moved on
    # whole to a page of its own, the bottom half of every one of them white
    from page_fill_reading import FULL_ENOUGH, lines, fill
    a4 = dataclasses.replace(ws, clinic=ws.clinic.model_copy(update={"page_size": "A4"}))
    data = {"patient": {"name": "Jane Doe"}, "date": "2026-11-23", "language": ["es", "en"],
            "exercises": list(ws.library.exercise_ids)[:6], "log_weeks": 4}
    pdf = api.build_handout(api.program_from_data(data, a4, source="t"), a4).pdf
    pages = lines(pdf, "standard", "A4")
    first = next(i for i, page in enumerate(pages)
                 if any("Su registro de ejercicios" in t for _, t in page))
    log = pages[first:]
    fills = [round(fill(page, "standard", "A4"), 2) for page in log]
    assert all(f >= FULL_ENOUGH for f in fills[:-1]), fills
    # a week that starts on one page and goes on to the next does so under its heads, two
    # of its exercises at least on each, its pain row with the last
    said = []
    for page in log:
        texts = [t.lstrip("*") for _, t in page]
        starts = [i for i, t in enumerate(texts) if re.fullmatch(r"Semana \d", t)]
        for start, end in zip(starts, [*starts[1:], len(texts)]):
            rows = [t for t in texts[start:end] if re.match(r"\d\. ", t)]
            assert len(rows) >= 2, texts[start:end]
            said.append((texts[start], len(rows)))
    assert [w for w, _ in said] == sorted(w for w, _ in said)  # in order
    assert {w: sum(n for v, n in said if v == w) for w, _ in said} == {
        f"Semana {week}": 6 for week in range(1, 5)}
    assert sum(t.lstrip("*").startswith("Dolor (0") for page in log for _, t in page) == 4


@pytest.mark.parametrize("paper, count, log_weeks, language", [
    ("A4", 9, 1, "en"), ("Letter", 10, 2, ["es", "en"])])
def test_a_week_taller_than_its_room_never_leaves_a_row_alone_at_a_break(
        ws, paper, count, log_weeks, language):
    # in large print a week of nine exercises on A4 went on to a page of its pain row alone,
    # and one of ten in two languages on Letter too, its second week's first row alone at
    # the foot of the page before (a hand clinic's programme of twelve did both)
    from page_fill_reading import lines
    paged = dataclasses.replace(ws, clinic=ws.clinic.model_copy(update={"page_size": paper}))
    exercises = list(ws.library.exercise_ids)[:count]
    data = {"patient": {"name": "Jane Doe"}, "date": "2026-11-23", "layout": "large_print",
            "exercises": exercises, "log_weeks": log_weeks, "language": language}
    pdf = api.build_handout(api.program_from_data(data, paged, source="t"), paged).pdf
    pages = lines(pdf, "large_print", paper)
    first = next(i for i, page in enumerate(pages)
                 if any(re.search("(Your exercise log|Su registro)", t) for _, t in page))
    parts = []  # each page's part of a week: its exercises' numbers, and its pain row
    for page in pages[first:]:
        texts = [t.lstrip("*") for _, t in page]
        heads = [i for i, t in enumerate(texts) if t in ("Day", "Día / Day")]
        for start, end in zip(heads, [*heads[1:], len(texts)]):
            numbers = [int(t.split(".")[0]) for t in texts[start:end]
                       if re.match(r"\d+\. ", t)]
            pain = any(re.match(r"(Pain|Dolor) \(0", t) for t in texts[start:end])
            parts.append((numbers, pain))
    assert len(parts) > log_weeks, parts  # a week breaks
    assert sum(pain for _, pain in parts) == log_weeks
    for numbers, pain in parts:
        assert len(numbers) >= 2, parts
        if pain:
            assert numbers[-1] == count, parts
    assert [n for numbers, _ in parts for n in numbers] == [*range(1, count + 1)] * log_weeks
