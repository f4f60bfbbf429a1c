"""A handout id read off a page's footer and typed with a space instead of the dash, without
quotes (``find mvsy do35``), is the id it reads as, for ``find`` and ``reprint``, with the
footer's word before it too; words that are not one id are a usage error (exit status 2),
never the last eight letters of two ids. Made-up patients; the PDF is compared as bytes."""

from __future__ import annotations

import pytest

from test_record import Clinic


@pytest.fixture
def clinic(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return Clinic(tmp_path)


@pytest.mark.parametrize("database", ["sqlite"], indirect=True)
def test_an_id_typed_as_two_words_is_found_and_reprinted(clinic, database):
    built, _ = clinic.issue(clinic.program("Ann Able"))
    handout_id = built.handout.handout_id
    first, second = handout_id.lower().split("-")
    for words in ([first, second], ["Handout", first, second], ["Handout", handout_id]):
        result = clinic.run("find", *words)
        assert result.exit_code == 0, result.output
        assert result.output.startswith(f"{handout_id}: Ann Able, visit 1 of 2026-11-23")
    result = clinic.run("reprint", first, second, "-o", "again.pdf")
    assert result.exit_code == 0, result.output
    assert (clinic.root / "again.pdf").read_bytes() == built.pdf


@pytest.mark.parametrize("database", ["sqlite"], indirect=True)
@pytest.mark.parametrize("words", [["AAAA-BBBB", "CCCC-DDDD"], ["QX7A", "B2CD", "9"],
                                   ["Handout", "QX7A"]])
def test_words_that_are_not_one_id_are_a_usage_error(clinic, database, words):
    result = clinic.run("find", *words)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        f"Error: Invalid value for 'ID': \"{' '.join(words)}\" is not one handout id: give "
        "one, as a page's footer prints it (QX7A-B2CD)")
