"""Packets a desk could hand to the wrong person: two patients of one name on a roster (a
father and son, told apart by a "Suffix" column the reader dropped), and a file name
another handout had, where the packet went under a numbered name without a word, so the
desk printed the older file. Through `batch`, read back from the PDFs. Made-up people
only."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from handouts.cli import main

from conftest import page_texts


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def text_of(path: Path) -> str:
    return " ".join(" ".join(page_texts(path.read_bytes())).split())


def roster(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_two_patients_of_one_name_are_told_row_by_row(tmp_path):
    today = roster(tmp_path, "today.csv", "name,dob,program,date\n"
                   "Maria Garciaz,1950-03-14,chronic_low_back,2026-11-23\n"
                   "Maria Garciaz,1980-05-20,chronic_low_back,2026-11-23\n"
                   "Ann Lee,,chronic_low_back,2026-11-23\n"
                   "ann lee,,chronic_low_back,2026-11-23\n")
    result = run("batch", today, "--out-dir", tmp_path / "out", "--quiet")
    assert result.exit_code == 0, result.output
    told = [line for line in result.stderr.splitlines() if "whose" in line]
    assert told == [f"warning: {today}:3: row 2: another patient of the same name is row 1 "
                    "(line 2): check which packet is whose before you hand them out"]
    first, second = (tmp_path / "out" / f"2026-11-23_maria-garciaz{n}.pdf" for n in ("", "-2"))
    assert "Maria Garciaz" in text_of(first) and "Maria Garciaz" in text_of(second)
    # a name alone on the same program was told already: both printed, in case
    assert any("row 4: the same name and program as row 3" in line
               for line in result.stderr.splitlines())


def test_a_suffix_and_a_middle_name_column_print_in_the_name(tmp_path):
    today = roster(tmp_path, "today.csv", "First Name,Middle Initial,Last Name,Suffix,Program,"
                   "Date\nRobert,J,Fakename,Sr.,chronic_low_back,2026-11-23\n"
                   "Robert,,Fakename,Jr.,chronic_low_back,2026-11-23\n")
    result = run("batch", today, "--out-dir", tmp_path / "out", "--quiet")
    assert result.exit_code == 0 and "whose" not in result.output and "Suffix" not in \
        result.output, result.output
    assert "For: Robert J. Fakename Sr." in text_of(
        tmp_path / "out" / "2026-11-23_robert-j-fakename-sr.pdf")
    assert "For: Robert Fakename Jr." in text_of(
        tmp_path / "out" / "2026-11-23_robert-fakename-jr.pdf")
    # beside a whole name: added to it, once
    whole = roster(tmp_path, "whole.csv", "Patient Name,Suffix,Program,Date\n"
                   "Robert Fakename,Jr.,chronic_low_back,2026-11-24\n"
                   "Robert Fakename Sr.,Sr.,chronic_low_back,2026-11-24\n")
    assert run("batch", whole, "--out-dir", tmp_path / "whole", "--quiet").exit_code == 0
    assert "For: Robert Fakename Jr." in text_of(
        tmp_path / "whole" / "2026-11-24_robert-fakename-jr.pdf")
    assert "For: Robert Fakename Sr. " in text_of(
        tmp_path / "whole" / "2026-11-24_robert-fakename-sr.pdf")


def test_a_packet_or_merged_file_under_a_numbered_name_says_which_is_new(tmp_path):
    monday = roster(tmp_path, "monday.csv", "name,program,date\nAnn Lee,chronic_low_back,"
                    "2026-11-23\n")
    tuesday = roster(tmp_path, "tuesday.csv", "name,program,date,therapist\n"
                     "Ann Lee,chronic_low_back,2026-11-23,Dave Candy\n")
    merged = tmp_path / "print" / "today.pdf"
    assert run("batch", monday, "--merge", merged).exit_code == 0
    before = merged.read_bytes()
    second = run("batch", tuesday, "--merge", merged)
    assert second.exit_code == 0
    said = second.stdout.strip()
    assert said.startswith(f"merged 1 packet into {merged.with_name('today-2.pdf')} (") and \
        said.endswith(f" pages); {merged} holds other packets."), said
    assert merged.read_bytes() == before
    # each patient's file: the corrected one beside the first, and which is which said
    out = tmp_path / "out"
    assert run("batch", monday, "--out-dir", out, "--quiet").exit_code == 0
    result = run("batch", tuesday, "--out-dir", out, "--quiet")
    assert f"warning: {tuesday}:2: row 1: 2026-11-23_ann-lee.pdf holds another handout; " \
        "this one is 2026-11-23_ann-lee-2.pdf" in result.stderr.splitlines()
    assert "Dave Candy" in text_of(out / "2026-11-23_ann-lee-2.pdf")
    assert "Dave Candy" not in text_of(out / "2026-11-23_ann-lee.pdf")
    # run again, the same packet is found where it is: nothing more is said
    again = run("batch", tuesday, "--out-dir", out, "--quiet")
    assert "holds another" not in again.output and "already there, unchanged" in again.output


def test_a_patient_given_the_file_another_of_that_name_was_given_is_recorded(tmp_path):
    """Two patients of one name, on one program and day, are given the same bytes: a third
    of that name on a later roster found that file there ("already there, unchanged") and
    was never recorded, as if the record had his packet (found by a probe of a front desk).
    A file found there is recorded once for each patient, and once only."""
    name = "Jon Murfee-Sample"
    out = tmp_path / "out"
    first = roster(tmp_path, "first.csv", "name,dob,program,date\n"
                   f"{name},1950-01-01,chronic_low_back,2026-11-23\n"
                   f"{name},1990-02-02,chronic_low_back,2026-11-23\n")
    later = roster(tmp_path, "later.csv", "name,dob,program,date\n"
                   f"{name},1933-03-03,chronic_low_back,2026-11-23\n")
    assert run("batch", first, "--out-dir", out, "--quiet").exit_code == 0
    for _ in range(2):  # the second run finds it recorded: not recorded twice
        result = run("batch", later, "--out-dir", out)
        assert result.exit_code == 0, result.output
        assert "already there, unchanged" in result.output
    for dob in ("1950-01-01", "1990-02-02", "1933-03-03"):
        result = run("history", name, "--dob", dob)
        assert result.exit_code == 0, (dob, result.output)
        given = [line for line in result.output.splitlines() if line.startswith("  ")]
        assert len(given) == 1, (dob, result.output)
