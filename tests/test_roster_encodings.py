"""A roster that is not UTF-8 text, or has a cell the csv module will not read: one line
in our words, never its header echoed with NULs and as Chinese (``found: 最牡慢敧\\x00``), nor
"field larger than field limit (131072)", nor a traceback. A roster that says it is UTF-16
or UTF-32 at its start (Excel's "Unicode Text") is read. Made-up patients."""

from __future__ import annotations

import io

import pytest
from click.testing import CliRunner

from handouts.cli import main

from conftest import page_texts
from test_web_roster_upload import front_desk, problems

ROSTER = "name,program,date\nAna Example,chronic_low_back,2026-11-23\n"
SAVE = 'save the file as UTF-8 (in Excel, Save As "CSV UTF-8")'


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.mark.parametrize("encoding", ["utf-32", "utf-32-le-marked", "excel-unicode-text"])
def test_a_roster_marked_utf_16_or_32_is_read(encoding, tmp_path):
    path = tmp_path / "today.csv"
    if encoding == "excel-unicode-text":  # UTF-16 with its mark, tab-separated
        path = tmp_path / "today.txt"
        path.write_bytes(ROSTER.replace(",", "\t").encode("utf-16"))
    elif encoding == "utf-32-le-marked":  # its mark starts as UTF-16's: it was read as that
        path.write_bytes(b"\xff\xfe\x00\x00" + ROSTER.encode("utf-32-le"))
    else:
        path.write_bytes(ROSTER.encode(encoding))
    result = run("batch", path, "--out-dir", tmp_path / "out", "--quiet", "--jobs", "1")
    assert result.exit_code == 0, result.output
    [pdf] = (tmp_path / "out").glob("*.pdf")
    assert "Ana Example" in page_texts(pdf.read_bytes())[0]


@pytest.mark.parametrize("encoding, looks", [("utf-16-le", "UTF-16"), ("utf-16-be", "UTF-16"),
                                             ("utf-32-be", "UTF-32")])
def test_a_roster_in_utf_16_or_32_unmarked_says_so_in_one_line(encoding, looks, tmp_path):
    path = tmp_path / "today.csv"
    path.write_bytes(ROSTER.encode(encoding))
    result = run("batch", path, "--out-dir", tmp_path / "out", "--quiet")
    assert result.exit_code == 1
    assert result.stderr == (f"error: {path}: this file is not UTF-8 text (it looks like "
                             f"{looks}); {SAVE}\n")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("start", [b"", b"\xff\xfe"])
def test_a_binary_file_given_for_a_roster_is_no_text(start, tmp_path):
    """One that starts as UTF-16 does read as UTF-16: its header printed as Chinese."""
    path = tmp_path / "today.csv"
    path.write_bytes(start + b"\x00garbage\x00\x00" + bytes(range(256)) * 4)
    result = run("batch", path, "--out-dir", tmp_path / "out", "--quiet")
    assert result.exit_code == 1
    assert result.stderr == f"error: {path}: this file is not text (the wrong file?); {SAVE}\n"


def test_an_uploaded_utf_16_roster_says_so_and_echoes_nothing(tmp_path):
    b = front_desk(tmp_path)
    page = b.client.post("/packets", data={
        "csrf_token": b.token,
        "roster": (io.BytesIO(ROSTER.encode("utf-16-le")), "monday.csv")},
        content_type="multipart/form-data", follow_redirects=True)
    html = page.get_data(as_text=True)
    assert page.status_code == 422
    assert problems(html) == [f"monday.csv: this file is not UTF-8 text (it looks like "
                              f"UTF-16); {SAVE}"]
    assert "\\x00" not in html and "\x00" not in html


def test_a_cell_over_the_csv_limit_says_which_how_long_and_what_is_allowed(tmp_path):
    path = tmp_path / "today.csv"
    path.write_text("name,program,date,notes\n"
                    f'Ana Example,chronic_low_back,2026-11-23,"{"x" * 200_000}"\n'
                    "Bo Example,chronic_low_back,2026-11-23,ok\n", encoding="utf-8")
    result = run("batch", path, "--out-dir", tmp_path / "out", "--quiet", "--jobs", "1")
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert errors == [f'error: {path}:2: row 1: its "notes" cell is 200,000 characters '
                      "long; a cell may have at most 131,072; shorten it, or close the quote "
                      "left open in it (which runs the cell on over the rows after it)"]
    assert [p.name for p in (tmp_path / "out").glob("*.pdf")] == ["2026-11-23_bo-example.pdf"]


def test_a_header_cell_over_the_csv_limit_is_one_line_not_a_traceback(tmp_path):
    path = tmp_path / "today.csv"
    path.write_text(f"name,program,{'x' * 140_000}\nAna Example,chronic_low_back,a\n",
                    encoding="utf-8")
    result = CliRunner().invoke(main, ["batch", str(path), "--out-dir", str(tmp_path / "o")])
    assert result.exit_code == 1
    assert result.stderr == (f"error: {path}:1: the header: its cell in column 3 is 140,000 "
                             "characters long; a cell may have at most 131,072; shorten it, "
                             "or close the quote left open in it (which runs the cell on over "
                             "the rows after it)\n")
