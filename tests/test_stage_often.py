"""How often an exercise with weekly stages is done, as the card, page 1, the log and the
email say it (README: *Doses*, *The handout*): never the dose's own frequency where no stage
asks for it. Read back from the PDFs."""

from __future__ import annotations

import re

import pytest

import handouts as api

from conftest import page_texts

# a dose of 2 times a day whose stages are done 3 days a week, then once a day: the dose's
# own frequency is never asked for in the weeks the card's table covers
CHANGING = {"frequency": "2 times a day", "progression": [
    {"weeks": "1-2", "frequency": "3 days a week"},
    {"weeks": "3-4", "frequency": "once a day", "sets": 2}]}


def pages(ws, dose, **keys) -> list[str]:
    data = {"patient": {"name": "Jane Doe"}, "date": "2026-11-23",
            "exercises": ["si_joint_correction", {"id": "child_pose", "dose": dose}], **keys}
    built = api.build_handout(api.program_from_data(data, ws, source="program.yaml"), ws)
    return [" ".join(p.split()) for p in page_texts(built.pdf)]


def how_often_at_a_glance(text: list[str]) -> str:
    """The *How often* cell after the summary's first stage of the exercise (large print's
    summary starts page 2)."""
    more = "Later weeks: see the exercise "
    page = next(p for p in text if more in p)
    return page[page.index(more) + len(more):]


@pytest.mark.parametrize("layout", ["standard", "compact", "large_print"])
def test_stages_that_change_how_often_say_week_by_week_and_page_1_says_week_1(ws, layout):
    text = pages(ws, CHANGING, layout=layout)
    whole = " ".join(text)
    assert "2 times a day" not in whole
    assert "How often: Week by week" in whole or "How often Week by week Weeks 1–2" in whole
    assert "Week by week Week by week" not in whole  # the box's table says it once
    if layout != "compact":  # compact's cards start on page 1 instead of the summary
        assert how_often_at_a_glance(text).startswith("3 days a week")
    log = whole[whole.index("Your exercise log"):]
    assert "Child's pose rock-back · 3 days a week" in log


def test_stages_that_share_a_frequency_say_it_on_the_card(ws):
    dose = {**CHANGING, "progression": [{"weeks": "1-2", "frequency": "3 days a week"},
                                        {"weeks": "3-4", "frequency": "3 days a week",
                                         "sets": 2}]}
    whole = " ".join(pages(ws, dose))
    assert "2 times a day" not in whole and "How often: Week by week" not in whole
    assert "How often: 3 days a week" in whole or "How often 3 days a week" in whole
    # stages that keep the dose's frequency: the dose's own words, as ever
    dose = {**CHANGING, "progression": [{"weeks": "1-2", "sets": 1}, {"weeks": "3-4", "sets": 2}]}
    assert "How often: 2 times a day" in " ".join(pages(ws, dose))


def test_a_stage_that_keeps_the_doses_frequency_says_it_where_another_changes_it(ws):
    # its row said nothing of how often, and the card said the dose's: now the card defers to
    # the table, so every row says it
    dose = {**CHANGING, "progression": [{"weeks": "1-2", "sets": 1},
                                        {"weeks": "3-4", "frequency": "once a day"}]}
    whole = " ".join(pages(ws, dose))
    assert "Weeks 1–2 Hold 20–30 seconds · Repeat 3 times · 2 times a day" in whole
    assert "From week 3 on Hold 20–30 seconds · Repeat 3 times · Once a day" in whole


def test_in_spanish_and_english_both_say_it(ws):
    whole = " ".join(pages(ws, CHANGING, language=["es", "en"]))
    assert "2 veces al día" not in whole and "2 times a day" not in whole
    # the dose box says each language's words in turn; the tight card's line, a line each
    assert "Con qué frecuencia How often Semana a semana Week by week" in whole or (
        "Con qué frecuencia: Semana a semana" in whole and "How often: Week by week" in whole)
    assert "3 días a la semana" in whole


def test_the_email_says_week_1s(ws):
    data = {"patient": {"name": "Jane Doe", "email": "jane@example.com"},
            "date": "2026-11-23", "exercises": [{"id": "child_pose", "dose": CHANGING}]}
    handout = api.resolve_program(api.program_from_data(data, ws, source="t"), ws)
    from handouts.mail.message import glance
    assert [g.dose for g in glance(handout)] == [
        "Weeks 1–2: Hold 20–30 seconds · Repeat 3 times · 3 days a week · Later weeks: see "
        "the exercise. How often: 3 days a week"]


def test_the_email_says_how_much_as_page_1_does(ws):
    """A dose whose stages set the hold: the email said "How often: 2 times a day" and not
    how long to hold or how many times, where page 1 says week 1's."""
    from email.headerregistry import Address
    from email.message import EmailMessage

    from handouts.mail import message as mail

    dose = {"hold": "45 s", "progression": [{"weeks": "1-2"}, {"weeks": "3-4", "hold": "60 s"}]}
    data = {"patient": {"name": "Jane Doe", "email": "jane@example.com"},
            "date": "2026-11-23", "exercises": [{"id": "child_pose", "dose": dose}]}
    built = api.build_handout(api.program_from_data(data, ws, source="t"), ws)
    summary = "Weeks 1–2: Hold 45 seconds · Repeat 3 times · Later weeks: see the exercise"
    assert summary in " ".join(page_texts(built.pdf)[0].split())
    sent: EmailMessage = mail.compose(built.handout, built.pdf, built.filename,
                                      sender=Address("Clinic", "desk", "example.com"))
    for kind in ("plain", "html"):
        body = " ".join(sent.get_body((kind,)).get_content().split())
        assert f"{summary}. How often: 2 times a day" in body, kind



# every value of the dose is in the stages: the card's dose box has nothing to say under
# *How much* but its table
ALL_IN_STAGES = {"frequency": "once a day", "progression": [
    {"weeks": "1-2", "reps": 5}, {"weeks": "3-4", "reps": 10, "sets": 2}]}
# page 1's summary heads its columns so, over the first stage's dose
SUMMARY_HEADS = ("Ejercicio Exercise Cuánto How much Con qué frecuencia How often",
                 "Exercise How much How often")


@pytest.mark.parametrize("language", [["en"], ["es", "en"]])
@pytest.mark.parametrize("layout", ["standard", "compact", "large_print"])
def test_how_much_never_prints_over_nothing(ws, layout, language):
    # alone, so that a standard page sets it as a whole card, not a tighter one
    alone = [{"id": "child_pose", "dose": ALL_IN_STAGES}]
    whole = " ".join(pages(ws, ALL_IN_STAGES, layout=layout, language=language,
                           exercises=alone))
    for heads in SUMMARY_HEADS:
        whole = whole.replace(heads, "")
    # the label (English, the last of two languages) straight before the next label
    for empty in ("How much How often", "How much Con qué frecuencia", "How much: How often",
                  "How much: . How often", "How much: Con qué"):
        assert empty not in whole
    assert "From week 3 on" in whole and "2 sets of 10" in whole
    if language == ["en"] and layout != "compact":  # the box: how often, then the table
        assert "How often Once a day Week by week Weeks 1–2" in whole



# once a day, then 3 days a week: the later weeks' rows say the stage's dose under the name
LATER_SOME_DAYS = {"frequency": "once a day", "progression": [
    {"weeks": "1-2", "reps": 5}, {"weeks": "3-4", "frequency": "3 days a week", "sets": 2}]}
# 3 days a week in every stage, which none sets: the stage's words do not say it
SOME_DAYS_ALL_ALONG = {"frequency": "3 days a week", "progression": [
    {"weeks": "1-2", "reps": 5}, {"weeks": "3-4", "sets": 2}]}


def log_weeks(ws, dose, language) -> list[str]:
    """Each week's table of a four-week log of the exercise alone."""
    whole = " ".join(pages(ws, dose, language=language, log_weeks=4,
                           exercises=[{"id": "child_pose", "dose": dose}]))
    log = whole[whole.index("Semana 1" if language[0] == "es" else "Week 1"):]
    weeks = re.split(r"(?:Semana|Week) \d (?:Week \d )?", log)[1:]
    assert len(weeks) == 4
    return weeks


@pytest.mark.parametrize("language,often", [
    (["en"], ["3 days a week"]), (["es"], ["3 días a la semana"]),
    (["es", "en"], ["3 días a la semana", "3 days a week"])])
def test_a_later_stage_of_some_days_says_how_often_once_in_each_weeks_row(ws, language,
                                                                           often):
    # beside the name and again at the end of the stage's words under it, it was said twice
    for week in log_weeks(ws, LATER_SOME_DAYS, language)[2:]:
        assert [week.count(words) for words in often] == [1] * len(often), week
    # the stage's words say nothing of how often: beside the name, once, every week
    for week in log_weeks(ws, SOME_DAYS_ALL_ALONG, language):
        assert [week.count(words) for words in often] == [1] * len(often), week
