"""A CSV roster with a quote that is opened and never closed: the cell runs on into the next
lines, and the row still has the header's number of fields. The patients on those lines
were lost without a word (`built 1 of 2`, no line naming them, and advice about the
patient number). Now the row says so at its line, naming the lines it swallowed by number,
and those lines are read as rows of their own. Made-up patients."""

from __future__ import annotations

import re

import pytest

from click.testing import CliRunner

from handouts.cli import main

from conftest import page_texts
from test_web_roster_upload import front_desk, problems, upload


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


# Ann's number is "0001 with no closing quote: her row ran on over Bo's line, and Cy's
# opening quote closed it, so her row took Bo's and the start of Cy's and had 4 fields
SWALLOWED = ("name,number,program,date\n"
             'Ann Example,"0001,chronic_low_back,2026-11-23\n'
             "Bo Example,0002,chronic_low_back,2026-11-23\n"
             'Cy Example,"0003",chronic_low_back,2026-11-23\n')
# in the last column, it runs to the end of the file
AT_THE_END = ("name,program,number\n"
              'Ann Example,chronic_low_back,"0001\n'
              "Bo Example,chronic_low_back,0002\n\n")


@pytest.fixture(autouse=True)
def own_record(tmp_path, monkeypatch):
    """A record of each test's own: another test's Bo Example (another number) would make
    these "a new patient", a warning line among the problems."""
    monkeypatch.setenv("HANDOUTS_DATABASE_URL", f"sqlite:///{tmp_path}/record.db")


def test_a_quote_never_closed_names_the_lines_it_ran_over_and_they_are_built(tmp_path):
    for content, cell, lines, built in (
            (SWALLOWED, "number", "lines 3 to 4, which are read as rows of their own",
             ["Bo Example", "Cy Example"]),
            (AT_THE_END, "number", "line 3, which is read as a row of its own",
             ["Bo Example"])):
        roster = tmp_path / "today.csv"
        roster.write_text(content, encoding="utf-8")
        merged = tmp_path / f"{len(built)}.pdf"
        result = run("batch", roster, "--merge", merged)
        assert result.exit_code == 1
        assert result.stderr == (
            f'error: {roster}:2: row 1: its "{cell}" cell opens a quote that its line does not '
            f"close, so the row ran on over {lines}; close the quote or remove it\n")
        assert f"merged {len(built)} packet" in result.stdout and "1 failed" in result.stdout
        text = "\n".join(page_texts(merged.read_bytes()))
        assert all(name in text for name in built) and "Ann Example" not in text


def test_a_note_written_over_lines_with_commas_is_no_unclosed_quote(tmp_path):
    """A column the roster does not read may hold a note written over two lines, commas and
    all: that row is built as before."""
    roster = tmp_path / "today.csv"
    roster.write_text('name,program,notes\nAnn Example,chronic_low_back,"Knee, left\nCall '
                      'her Tuesday, after 3"\nBo Example,chronic_low_back,\n', encoding="utf-8")
    result = run("batch", roster, "--merge", tmp_path / "all.pdf")
    assert result.exit_code == 0, result.output
    text = "\n".join(page_texts((tmp_path / "all.pdf").read_bytes()))
    assert "Ann Example" in text and "Bo Example" in text


def test_the_day_s_packets_say_it_too_and_build_the_rows_it_ran_over(tmp_path):
    b = front_desk(tmp_path)
    page, html = upload(b, SWALLOWED.replace("chronic_low_back", "low_back_start"))
    assert page.status_code == 200, html
    assert problems(html) == [  # the row's error, marked so among the notes
        'Error: monday.csv:2: row 1: its "number" cell opens a quote that its line does not '
        "close, so the row ran on over lines 3 to 4, which are read as rows of their own; "
        "close the quote or remove it"]
    assert "Built 2 packets from monday.csv" in html
    link = re.search(r'href="(/packets/[^"]+/packets\.pdf)"', html).group(1)
    text = "".join(page_texts(b.client.get(link).data))
    assert "Bo Example" in text and "Cy Example" in text and "Ann Example" not in text
