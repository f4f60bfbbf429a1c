"""A pediatric clinic (tests/clinics/pediatric: made-up Little Steps Pediatric Therapy, US
Letter, en-US), written from the README and docs/library.md alone. Its handouts are read by
a parent or caregiver who does the exercises with a child of 3 to 12, as games: the child
named on the handout, no pain row in the log, a dose done "each time your child brushes
their teeth" (refused as "not a frequency" until an occasion could be the child's), a dose
"until mild fatigue" (which told the parent to go on until the parent's own muscles were
tired) and pictures of a child (``body: child``; every figure was an adult's). Its handouts,
roster and email are read back."""

from __future__ import annotations

import email
import email.policy

import pytest

from clinic_copy import copied, example, flat_pages, run
from conftest import reader


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    return copied(tmp_path_factory, "pediatric", "little-steps")


@pytest.fixture(scope="module")
def mia(home) -> list[str]:
    return flat_pages(example(home, "mia-chen")[0])


def test_the_clinic_checks_clean(home):
    result = run(home, "check")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        'OK: 10 exercises, 3 education topics, 2 protocols, 4 example programs; '
        'clinic "Little Steps Pediatric Therapy"']


def test_page_one_names_the_child_and_speaks_to_the_parent(mia):
    first = mia[0]
    for said in ("For: Mia Chen · Caregiver: Lin Chen", "Mia's program at a glance",
                 "every time Mia does it",
                 "3. Flamingo stand Hold 10 seconds · Repeat 3 times · Each foot Each time "
                 "your child brushes their teeth",
                 "Call 911 right away if your child has trouble breathing",
                 "Tired legs after play are normal."):
        assert said in first, said
    text = " ".join(mia)
    # the occasion in the log, a line to mark each time; no pain row for a 4-year-old
    assert "3. Flamingo stand · Each time your child brushes their teeth" in text
    assert "Pain (0–10)" not in text and "your exercises" not in text.lower()


def test_a_dose_until_tired_names_the_child_on_the_card_and_in_the_email(home, tmp_path):
    pages = flat_pages(example(home, "leo-martinez")[0])  # compact
    assert "How much: Repeat until Leo's muscles feel a little tired." in " ".join(pages)
    assert "your muscles" not in " ".join(pages)
    outbox = tmp_path / "outbox"
    result = run(home, "email", str(home / "examples" / "leo-martinez.yaml"), "--no-send",
                 "--outbox", str(outbox))
    assert result.exit_code == 0, result.output
    [sent] = (outbox / "pending").glob("*.eml")
    message = email.message_from_bytes(sent.read_bytes(), policy=email.policy.default)
    assert message["To"] == "Carlos Martinez <carlos.m@example.com>"
    body = " ".join(message.get_body(("plain",)).get_content().split())
    assert "Hello Carlos Martinez," in body and "Leo's program at a glance:" in body
    assert "3. Frog jumps: Repeat until Leo's muscles feel a little tired." in body


def test_the_days_roster_builds_every_child_s_packet(home, tmp_path):
    out = tmp_path / "out"
    result = run(home, "batch", str(home / "today.csv"), "--out-dir", str(out))
    assert result.exit_code == 0, result.output
    assert "built 5 of 5 packets" in result.output
    # a scheduling export's "Age": said once, and the rest of the row read
    assert result.output.count('ignored unknown column "Age"') == 1
    for name, said in (("noah-williams", "For: Noah Williams · Caregiver: Keisha Williams"),
                       ("zoe-patel", "For: Zoe Patel · Caregiver: Raj Patel")):
        first = " ".join(reader((out / f"2026-12-07_{name}.pdf").read_bytes())
                         .pages[0].extract_text().split())
        assert said in first, first
