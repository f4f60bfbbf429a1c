"""How often as an occasion of the patient's own day, in the therapist's words: "each time
you get dressed", "every time you bathe", "whenever you stand up". An OT's daily task is
done then, however often that is; it was refused ("is not a frequency"), and "as needed"
said something else. Kept and printed back as written, read back from the PDF and the
email."""

from __future__ import annotations

import shutil

import pytest

import handouts as api
from handouts.input.frequency import FREQUENCY_EXAMPLE, parse_frequency
from handouts.mail.message import glance

from conftest import ROOT, page_texts, reader

OT = ROOT / "tests" / "clinics" / "ot"


@pytest.mark.parametrize("written, kept", [
    ("each time you get dressed", "each time you get dressed"),
    ("Every time you bathe", "Every time you bathe"),
    ("whenever  you stand up.", "whenever you stand up"),
    ("every time you stand up, and each time you sit down",
     "every time you stand up, and each time you sit down"),
    # a pelvic health clinic's (tests/clinics/pelvic): were refused as "not a frequency"
    ("before you cough, sneeze, laugh or lift", "before you cough, sneeze, laugh or lift"),
    ("When you get a sudden urge", "When you get a sudden urge"),
    ("after you have a wee", "after you have a wee"),
])
def test_an_occasion_is_kept_in_the_therapists_words(written, kept):
    often = parse_frequency(written)
    assert str(often) == kept
    assert parse_frequency(str(often)) == often  # the canonical form reads back the same
    assert often.times_a_day is None and often.days_per_week is None


@pytest.mark.parametrize("written", [
    # a pediatric clinic's: what the child does, which the parent reading sees to (tests/
    # clinics/pediatric); refused as "not a frequency", where "each time you" was read
    "each time your child takes a bath", "Whenever your son brushes his teeth",
    "every time she gets home from school", "each time they wake from a nap",
    "each time Mia gets dressed"])
def test_an_occasion_may_be_what_the_child_does(written):
    often = parse_frequency(written)
    assert often.occasion == written and parse_frequency(str(often)) == often
    with pytest.raises(ValueError, match="says an occasion and how often at once"):
        parse_frequency(f"{written} 2 times a day")


@pytest.mark.parametrize("written", ["every time", "each time it rains", "whenever",
                                     "whenever you", "each time your pain flares up",
                                     "each time the phone rings", "before you", "when it rains"])
def test_an_occasion_says_what_you_do(written):
    with pytest.raises(ValueError, match="is not a frequency"):
        parse_frequency(written)


@pytest.mark.parametrize("written", ["whenever you stand up 3 times a day",
                                     "whenever you stand up, 3 times a day",
                                     "each time you walk 5 days a week",
                                     "every time you bathe daily",
                                     "before you lift 3 times a day"])
def test_an_occasion_and_a_count_at_once_is_refused(written):
    # kept whole as an occasion: each time you stand up, or 3 times a day? the log had a
    # line to mark each time, and the card printed both
    with pytest.raises(ValueError, match="says an occasion and how often at once; write the "
                                         "occasion alone"):
        parse_frequency(written)


@pytest.mark.parametrize("written, kept", [("after you exercise", "after exercise"),
                                           ("when you need it", "as needed")])
def test_an_occasion_the_product_knows_is_kept_as_that_one(written, kept):
    assert str(parse_frequency(written)) == kept


def test_the_refusal_shows_the_form():
    assert '"each time you get dressed"' in FREQUENCY_EXAMPLE


@pytest.fixture(scope="module")
def ot(tmp_path_factory) -> api.Workspace:
    folder = tmp_path_factory.mktemp("ot") / "maple"
    shutil.copytree(OT, folder)
    return api.open_workspace(home=folder)


@pytest.mark.parametrize("layout", ["standard", "compact", "large_print"])
def test_the_table_the_card_the_log_and_the_email_say_it(ot, layout):
    data = {"patient": {"name": "Walter Brandt"}, "date": "2026-12-04", "layout": layout,
            "exercises": [
                {"id": "reacher_sock_aid", "dose": {"frequency": "each time you get dressed"}},
                {"id": "tub_bench_transfer", "dose": {"frequency": "every time you bathe"}},
                {"id": "coin_pickup", "dose": {"frequency": "2 times a day"}}]}
    built = api.build_handout(api.program_from_data(data, ot, source="test"), ot)
    pages = [" ".join(p.split()) for p in page_texts(built.pdf)]
    text = " ".join(pages)
    for said in ("Each time you get dressed", "Every time you bathe"):
        # page 1's table (not in compact), the card and the log
        assert text.count(said) >= (2 if layout == "compact" else 3), (said, layout)
    # the log: a line to mark each time, how often after the name, no boxes for them
    log = next(page for page in pages if "Your exercise log" in page)
    assert "1. Put on socks with a sock aid · Each time you get dressed" in log
    assert "2. Get in and out of the tub with a bench · Every time you bathe" in log
    assert "When you need it" not in text and "As your therapist advised" not in text
    assert [g.dose for g in glance(built.handout)][:2] == [
        "You need a sock aid and a reacher. How often: Each time you get dressed",
        "You need a tub transfer bench. How often: Every time you bathe"]
    # it adds no times a day: coin pick-up's 2 boxes a day are the log's only boxes
    from handouts.render.theme import theme_for
    from test_dose_fields import tick_boxes

    size = theme_for(layout, "Letter").body_size * 1.15
    boxes = [b for page in reader(built.pdf).pages for b in tick_boxes(page, size)]
    assert len(boxes) == 7 * 2


@pytest.mark.parametrize("written, kept, printed", [
    ("cada vez que  se viste.", "cada vez que se viste", "Cada vez que se viste"),
    ("Siempre que se levante", "Siempre que se levante", "Siempre que se levante")])
def test_a_spanish_occasion_is_read_and_kept_as_written(ot, written, kept, printed):
    # "cada vez que se viste" was "not a frequency": only an English occasion was read, and
    # a Spanish handout printed it in English
    data = {"patient": {"name": "Walter Brandt"}, "date": "2026-12-04", "language": "es",
            "exercises": [{"id": "reacher_sock_aid", "dose": {"frequency": written}},
                          {"id": "coin_pickup", "dose": {"frequency": "2 veces al día"}}]}
    program = api.program_from_data(data, ot, source="test")
    often = program.exercises[0].dose.frequency
    assert often.occasion == kept and str(often) == kept
    assert often.times_a_day is None
    built = api.build_handout(program, ot)
    pages = [" ".join(p.split()) for p in page_texts(built.pdf)]
    assert " ".join(pages).count(printed) >= 3  # page 1's table, the card and the log
    log = next(page for page in pages if "Su registro" in page)
    assert f"· {printed}" in log


def test_an_occasion_in_its_own_words_is_told_where_it_prints_in_another_language(ot):
    """No translation gives how often in words of its own: a Spanish handout printed
    "whenever you sit down" in English on page 1, the card and the log, without a word."""
    def warnings(language: str) -> list[str]:
        data = {"patient": {"name": "Walter Brandt"}, "date": "2026-12-04",
                "language": language, "exercises": [
                    {"id": "reacher_sock_aid",
                     "dose": {"frequency": "each time you get dressed"}},
                    {"id": "coin_pickup", "dose": {"frequency": "2 times a day"}}]}
        program = api.program_from_data(data, ot, source="test")
        return [w for w in api.build_handout(program, ot).warnings if "frequency" in w]

    assert warnings("en") == []
    assert warnings("es") == [
        'exercises[reacher_sock_aid].dose.frequency: "each time you get dressed" prints as '
        "written in español (how often in its own words, which no translation gives); where "
        "it is not in español, give it so in the program"]
