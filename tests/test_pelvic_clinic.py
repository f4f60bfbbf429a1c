"""A pelvic health clinic (tests/clinics/pelvic: made-up Harborview Pelvic Health, A4,
en-GB) meets the product: bladder leaks, pelvic pain and recovery after birth. Its pelvic
floor squeezes have no picture (they are felt, not seen); a breath is counted in and out;
a squeeze is held 10 seconds and let go 10 seconds, 10 times; the bladder protocol's log
is a bladder diary (rows of its own, no pain row). Where its patients' condition must not
show (an email's subject and body, the PDF's file name and properties, the top of a packet
in a shared printer tray) each handout is read back."""

from __future__ import annotations

import email
import functools
import re
from email import policy

import pytest

from clinic_copy import copied, example, flat_pages, run
from conftest import reader

# words that name what a patient of this clinic is treated for
CONDITION = ("bladder", "leak", "pelvic", "urge", "wee", "birth", "pain")


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    return copied(tmp_path_factory, "pelvic", "harborview")


@pytest.fixture(scope="module")
def priya(home) -> bytes:
    return example(home, "priya-shah")[0]


@pytest.fixture(scope="module")
def aisha(home) -> bytes:
    return example(home, "aisha-bello")[0]


def test_the_clinic_checks_clean(home):
    result = run(home, "check")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        'OK: 12 exercises, 4 education topics, 4 protocols, 4 example programs; '
        'clinic "Harborview Pelvic Health"']


def test_page_one_gives_each_dose_under_the_clinics_own_title(priya):
    first = flat_pages(priya)[0]
    for said in ("Home exercise programme Your home exercises For: Priya Shah",
                 # one squeeze session lying, one sitting, one standing: three boxes a day
                 "1. Long pelvic floor squeezes Hold 10 seconds · Repeat 10 times · Relax 10 "
                 "seconds after each hold 3 times a day: lying, sitting and standing",
                 "3. Squeeze before you sneeze – Before you cough, sneeze, laugh or lift",
                 "Call 999 right away if you have heavy bleeding"):
        assert said in first, said
    # the protocol's name is the staff's: its handout_title prints on the packet's top page
    assert "Bladder leakage" not in first


def test_the_bladder_protocol_s_log_is_a_bladder_diary(priya):
    # its protocol's own rows under the exercises, each week, in place of the pain row
    text = " ".join(flat_pages(priya))
    log = text[text.index("Your exercise log"):]
    diary = "Times you passed urine Leaks Times up at night Drinks (cups)"
    assert log.count(diary) == 2 and "Pain (0–10)" not in log
    assert "At the end of each day, fill in the rows under the exercises." in log
    # the diary's exercise asks for no number of its own beside them
    assert "Write the number of times you went for a wee" not in text


def test_its_other_protocols_keep_the_pain_row_and_no_diary(aisha):
    log = " ".join(flat_pages(aisha))
    log = log[log.index("Your exercise log"):]
    assert "Pain (0–10)" in log and "Leaks" not in log


def test_breaths_are_counted_in_and_out(aisha):
    first = flat_pages(aisha)[0]
    assert "1. Belly breathing Take 10 breaths · Breathe in for 4 counts, out for 6 counts" \
        in first


def test_the_email_and_the_pdfs_properties_name_no_condition(home, priya, tmp_path):
    outbox = tmp_path / "outbox"
    result = run(home, "email", str(home / "examples" / "priya-shah.yaml"), "--no-send",
                 "--outbox", str(outbox))
    assert result.exit_code == 0, result.output
    [sent] = (outbox / "pending").glob("*.eml")
    message = email.message_from_bytes(sent.read_bytes(), policy=policy.default)
    [attached] = [part.get_filename() for part in message.walk() if part.get_filename()]
    body = message.get_body(("plain",)).get_content()
    said = [message["Subject"], attached, sent.name, body, *reader(priya).metadata.values()]
    assert attached == "2026-12-07_priya-shah.pdf"
    # the clinic's name and the therapist's job title are the clinic's words, said as typed
    own = ("harborview pelvic health", "pelvic health physiotherapist")
    assert [(words, word) for words in map(str, said) for word in CONDITION
            if word in functools.reduce(lambda w, o: w.replace(o, ""), own, words.lower())
            ] == []


def test_a_uk_roster_s_nhs_number_tells_two_patients_of_one_name_apart(tmp_path_factory):
    # "NHS Number" was an unknown column: two women of one name were one patient in the
    # record, the second's handout listed under the first's visit
    home = copied(tmp_path_factory, "pelvic", "harborview")
    roster = home / "today.csv"
    roster.write_text("Forename,Surname,NHS Number,Programme,Appointment Date\n"
                      "Nia,Rees,943 476 5919,bladder_leakage,07/12/2026\n"
                      "Nia,Rees,401 023 2137,bladder_leakage,07/12/2026\n", encoding="utf-8")
    result = run(home, "batch", str(roster), "--out-dir", str(home.parent / "today"))
    assert result.exit_code == 0, result.output
    assert "unknown column" not in result.output
    assert ('row 2: a new patient in the record, told apart from 1 other of that name by '
            'clinic number alone') in result.output
    assert re.search(r"2 patients in the record are named \"Nia Rees\".*: Nia Rees \(no\. 943 "
                     r"476 5919\): make_handouts.py .*history 'Nia Rees' --id \d+.*; Nia Rees "
                     r"\(no\. 401 023 2137\): make_handouts.py .*history 'Nia Rees' --id \d+",
                     run(home, "history", "Nia Rees").output)
