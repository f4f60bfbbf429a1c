"""SOURCE_DATE_EPOCH (the reproducible-builds convention) changes nothing a handout says or is:
its date, on the page and in the PDF's metadata, is its program's. reportlab read it to seed
the PDF's /ID, so the same handout was other bytes with it set (a reprint said "NOT the same
bytes … its pictures, the fonts … have changed since"), and one that was no whole number
failed every build with reportlab's traceback."""

from __future__ import annotations

import pytest

import handouts as api
from conftest import page_texts, reader
from test_record import clinic  # noqa: F401 - the fixture, shared


def pdf_of(ws, monkeypatch, epoch: str | None) -> bytes:
    if epoch is None:
        monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    else:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    program = api.program_from_options(ws, patient="Ann Example", exercises=["child_pose"],
                                       date="2026-11-23")
    return api.build_handout(program, ws).pdf


@pytest.mark.parametrize("epoch", ["1700000000", "0", " 1764892800 "])
def test_the_same_handout_is_the_same_bytes_whatever_source_date_epoch_says(ws, monkeypatch,
                                                                            epoch):
    plain = pdf_of(ws, monkeypatch, None)
    assert pdf_of(ws, monkeypatch, epoch) == plain
    assert "Date: November 23, 2026" in page_texts(plain)[0]
    assert reader(plain).metadata["/CreationDate"].startswith("D:20261123120000")


def test_a_source_date_epoch_that_is_no_time_is_one_line_not_a_traceback(clinic, monkeypatch):
    program = clinic.program("Ann Example")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "2026-11-23")
    result = clinic.run("build", str(program), "-o", "ann.pdf")
    assert result.exit_code == 1
    assert result.stderr == (
        'error: SOURCE_DATE_EPOCH is "2026-11-23", which is no time: it must be a whole '
        "number of seconds since 1970-01-01 (e.g. 1764892800); handouts dates each PDF from "
        "its program, so unset it or set it right\n")
    assert not (clinic.root / "ann.pdf").exists()
