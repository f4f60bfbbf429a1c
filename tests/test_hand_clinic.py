"""A hand therapy clinic (tests/clinics/hand: made-up Northside Hand Therapy, A4, en-GB),
written from the README and docs/library.md alone: tendon glides (five hand close-ups in a
row), wrist bends over a table's edge, palm up and down, thumb to fingertips, a putty squeeze
and a nerve glide; a splint topic and a scar and swelling topic. Its handouts are read back
page by page: British words and dates on A4, and no topic's title left at the foot of a page
with its words on the next."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from clinic_copy import copied, example, run
from conftest import page_texts


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    return copied(tmp_path_factory, "hand", "northside")


def built(home, name: str) -> tuple[list[str], bytes]:
    pdf = example(home, name)[0]
    return page_texts(pdf), pdf


def flat(text: str) -> str:
    return " ".join(text.split())


def test_the_clinic_checks_clean(home):
    result = run(home, "check")
    assert result.exit_code == 0, result.output
    assert result.stderr == "", result.stderr


@pytest.mark.parametrize("name", ["priya-shah", "tom-barker"])
def test_the_handouts_are_a4_in_british_english(home, name):
    pages, pdf = built(home, name)
    for page in PdfReader(io.BytesIO(pdf)).pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) \
            == (595, 842)
    text = flat(" ".join(pages))
    assert "Home exercise programme" in text and "4 December 2026" in text
    assert "Call 999 right away" in text
    # the way a British patient is told to ring and to mark the log
    assert "Call us on 0161 496 0123." in text
    assert "Call us at" not in text
    assert "Tick off each exercise in your log" in text
    assert "put a tick in one box" in text
    assert not re.search(r"\b(check off|put a check)\b", text, re.IGNORECASE)


def test_a_topic_s_title_never_ends_a_page_without_its_words(home):
    """Priya's second topic starts with a heading ("Swelling") and bullets: its title and
    summary were left at the foot of page 3, the heading and every bullet on page 4."""
    pages, _ = built(home, "priya-shah")
    titles = {"Your splint": "Wear your splint day and night",
              "Scar and swelling care": "Keep your hand higher than your elbow"}
    for title, first_words in titles.items():
        page = next(flat(p) for p in pages if title in flat(p))
        assert first_words in page, (title, page[-300:])
