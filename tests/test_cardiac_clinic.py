"""A cardiac and pulmonary rehab clinic (tests/clinics/cardiac: made-up Lakeside Heart &
Lung Rehab, US Letter, en-US), started with `new` and written from the README and
docs/library.md alone: a home walking program that adds 2 minutes a week (a weekly stage
each week), pursed-lip and belly breathing, arm raises with light weights, sit to stand and
heel raises at a counter; a safety box of the warning signs to stop, the scale of how hard
it feels, and how to protect the breastbone after bypass surgery. Its handouts are read
back page by page; and `check` knows the words of such a clinic a patient may not."""

from __future__ import annotations

import shutil
from email.headerregistry import Address

import pytest

import handouts as api
from clinic_copy import copied, example, flat_pages, run
from conftest import ROOT, page_texts
from handouts.mail import message as mail

CLINIC = ROOT / "tests" / "clinics" / "cardiac"


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    return copied(tmp_path_factory, "cardiac", "lakeside")


def built(home, name: str) -> tuple[list[str], str]:
    pdf, result = example(home, name)
    return flat_pages(pdf), result.stderr


def test_the_clinic_checks_clean(home):
    result = run(home, "check")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert result.stdout.startswith("OK: 6 exercises, 3 education topics, 2 protocols, "
                                    "2 example programs")


def test_after_bypass_in_week_3_the_walk_goes_on_from_14_minutes(home):
    pages, said = built(home, "walter-okafor")
    assert said == ""
    first = pages[0]
    assert "Call 911 right away if you have chest pain, pressure or tightness" in first
    assert "Call us at 555-0142 if you are not sure." in first
    assert "This is week 3. Week 1 began on November 23, 2026." in first
    assert "Week 3: Do this for 14 minutes" in first
    text = " ".join(pages)
    # the stages done are left out; each week after adds 2 minutes, up to 30
    assert "Week 1 Do this" not in text and "Week 2 Do this" not in text
    for week, minutes in zip(range(3, 12), range(14, 31, 2)):
        assert f"Week {week} Do this for {minutes} minutes" in text, week
    assert "How hard: RPE 11–13 (fairly light to somewhat hard)" in text
    assert "Stay within 20 beats of your resting heart rate." in text
    # the log follows the weeks as the patient counts them, with no pain row (clinic.yaml)
    assert "Your exercise log: 2 weeks" in text and "Week 4" in text
    assert "Do this for 16 minutes" in text
    assert "Pain (0–10)" not in text
    assert "Do not lift, push or pull more than 10 lb." in text
    assert "Call us at 555-0142 if your breastbone clicks" in text


def test_copd_breathing_is_done_when_needed_and_the_walk_has_no_stages(home):
    pages, said = built(home, "ruth-lindqvist")
    assert said == ""
    text = " ".join(pages)
    # pursed-lip breathing is slow, not deep; and its pace of breathing is no speed
    assert "Take 5–10 breaths · Breathe in 2 counts, out 4 counts" in text
    assert "deep breath" not in text and "Speed" not in text
    assert "When you need it" in text
    assert "Do this for 10–15 minutes" in text
    assert "Week by week" not in text
    assert "Your number How it feels 6 to 8 Very, very light" in text
    assert "17 to 20 Very hard to as hard as you can" in text


def test_check_warns_of_heart_and_lung_words_left_unexplained(tmp_path):
    folder = tmp_path / "lakeside"
    shutil.copytree(CLINIC, folder)
    library = folder / "exercises.yaml"
    text = library.read_text(encoding="utf-8")
    anchor = "  - If you are at 15 or more, slow down.\n"
    assert anchor in text
    library.write_text(text.replace(anchor, anchor + (
        "  - Tell us about any dyspnea or angina.\n"
        "  - Syncope and diaphoresis are reasons to stop.\n"
        "  - Avoid the Valsalva maneuver after your CABG.\n"
        "  - Keep your RPE at 11 to 13.\n"
        "  - Follow your sternal precautions.\n"
        "  - We check your oxygen saturation.\n")), encoding="utf-8")
    result = run(folder, "check")
    assert result.exit_code == 0, result.output
    warned = {line.split('uses "', 1)[1].split('"', 1)[0]
              for line in result.stderr.splitlines() if "without explaining it" in line}
    assert warned == {"dyspnea", "angina", "syncope", "valsalva", "cabg", "rpe",
                      "sternal precautions", "oxygen saturation"}, result.stderr
    assert 'e.g. "syncope (fainting)"' in result.stderr


def test_the_scale_of_how_hard_it_feels_keeps_together_with_its_words(home):
    # a short list is read as a whole: the 6 lines of the scale printed 2 at a page's foot
    # and 4 on the next; the title and the words that lead into it go along with it. Now a
    # table, it keeps so too: 'How hard should it feel?' and its lead ended page 3, the
    # table on page 4
    pages, _ = built(home, "ruth-lindqvist")
    lines = ["How hard should it feel?", "The scale goes from 6 to 20.",
             "Your number How it feels", "6 to 8 Very, very light", "9 to 10 Very light",
             "11 to 12 Fairly light", "13 to 14 Somewhat hard", "15 to 16 Hard",
             "17 to 20 Very hard to as hard as you can"]
    on = {line: [i for i, page in enumerate(pages) if line in page] for line in lines}
    assert all(len(found) == 1 for found in on.values()), on
    assert len({found[0] for found in on.values()}) == 1, on


def test_a_range_typed_in_a_dose_prints_with_the_dash_of_the_dose_s_own_numbers(home):
    # "RPE 11-13" and "Weight: 1-2 lb" printed beside "1–2 sets" read as two kinds of range;
    # the program keeps what was typed
    text = " ".join(built(home, "walter-okafor")[0])
    assert "How hard: RPE 11–13" in text and "Weight: 1–2 lb" in text and "1–2 sets" in text
    assert "11-13" not in text and "1-2 lb" not in text
    for body in bodies(emailed(home, "walter-okafor")):
        assert "RPE 11–13" in body and "Weight: 1–2 lb" in body and "11-13" not in body
    ws = api.open_workspace(home / "exercises.yaml", home / "clinic.yaml")
    assert ws.library.exercise("home_walking").dose.effort.startswith("RPE 11-13")


def emailed(home, name: str):
    """The email of the example ``name``, to a made-up address."""
    program = home.parent / f"{name}-emailed.yaml"
    written = (home / "examples" / f"{name}.yaml").read_text(encoding="utf-8")
    program.write_text(written.replace("patient:\n", "patient:\n  email: pat@example.com\n", 1),
                       encoding="utf-8")
    ws = api.open_workspace(home / "exercises.yaml", home / "clinic.yaml")
    made = api.build_handout(api.load_program(program, ws), ws)
    return mail.compose(made.handout, made.pdf, made.filename,
                        sender=Address("Lakeside", "desk@example.com"))


def bodies(message) -> list[str]:
    return [message.get_body((kind,)).get_content() for kind in ("plain", "html")]


def test_a_long_intro_to_the_scale_does_not_leave_its_page_half_empty(tmp_path):
    # the scale keeps whole, but the words before it go with it only where they are short:
    # a long paragraph moved with it to the next page left half a page empty above it
    home = tmp_path / "lakeside"
    shutil.copytree(CLINIC, home)
    first = " ".join(f"Line {n} says a little more about how hard you work when you walk."
                     for n in range(1, 16))
    intro = " ".join(f"Sentence number {n} says a little more about how hard you work when you"
                     " walk." for n in range(1, 26))
    library = home / "exercises.yaml"
    said = "  - The scale goes from 6 to 20. 6 is resting. 20 is as hard as you can work.\n"
    assert said in library.read_text(encoding="utf-8")
    library.write_text(library.read_text(encoding="utf-8").replace(
        said, f"  - First. {first}\n  - The scale goes from 6 to 20. {intro}\n"), encoding="utf-8")
    pages, _ = built(home, "ruth-lindqvist")
    ends = [i for i, page in enumerate(pages) if "Line 15 says" in page]
    starts = [i for i, page in enumerate(pages) if "The scale goes from 6 to 20." in page]
    assert ends == starts, (ends, starts)
    scale = [i for i, page in enumerate(pages) if "6 to 8 Very, very light" in page]
    assert len(scale) == 1
    assert scale == [i for i, page in enumerate(pages) if "17 to 20 Very hard" in page]


def test_the_clinic_s_phone_in_a_dose_keeps_its_hyphen(tmp_path):
    # a number put in for {phone} or {emergency} is no range typed: a Brazilian landline's
    # "3456-7890" printed "3456–7890"
    home = tmp_path / "lakeside"
    shutil.copytree(CLINIC, home)
    clinic = home / "clinic.yaml"
    clinic.write_text(clinic.read_text(encoding="utf-8").replace(
        'phone: "555-0142"', 'phone: "(11) 3456-7890"'), encoding="utf-8")
    program = tmp_path / "ruth.yaml"
    program.write_text("patient: {name: Ruth Example}\ntherapist: Dana Reyes, PT\n"
                       "exercises:\n  - id: home_walking\n"
                       "    dose: {effort: 'RPE 11-13; not sure? Call us at {phone}'}\n",
                       encoding="utf-8")
    out = tmp_path / "ruth.pdf"
    result = run(home, "build", str(program), "-o", str(out))
    assert result.exit_code == 0, result.output
    text = " ".join(" ".join(page_texts(out.read_bytes())).split())
    assert "RPE 11–13; not sure? Call us at (11) 3456-7890" in text


def test_a_part_number_in_a_dose_keeps_its_hyphen(tmp_path):
    # "#12-345" is the band's part number, not a range of 12 to 345
    home = tmp_path / "lakeside"
    shutil.copytree(CLINIC, home)
    program = tmp_path / "ruth.yaml"
    program.write_text("patient: {name: Ruth Example}\ntherapist: Dana Reyes, PT\n"
                       "exercises:\n  - id: home_walking\n"
                       "    dose: {effort: 'RPE 11-13, wrist weight #12-345'}\n",
                       encoding="utf-8")
    out = tmp_path / "ruth.pdf"
    result = run(home, "build", str(program), "-o", str(out))
    assert result.exit_code == 0, result.output
    text = " ".join(" ".join(page_texts(out.read_bytes())).split())
    assert "RPE 11–13, wrist weight #12-345" in text
