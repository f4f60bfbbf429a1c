"""The front desk's day: a roster's program files, the merged print file a stack of pages
is sorted by, and the id read off a printed page."""

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from handouts import record
from handouts.cli import main

from conftest import page_texts, reader
from test_record import clinic  # noqa: F401 - the fixture, shared

ROOT = Path(__file__).resolve().parent.parent


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def test_a_mistake_in_a_roster_s_program_file_names_the_file_and_its_line(tmp_path):
    progs = tmp_path / "progs"
    progs.mkdir()
    (progs / "knee.yaml").write_text("patient:\n  name: Template\nexercises:\n"
                                     "  - child_pos\n  - si_joint_correction\n")
    (progs / "when.yaml").write_text("patient: {name: Template}\ndate: 2026-13-45\n"
                                     "exercises: [child_pose]\n")
    (progs / "ok.yaml").write_text("patient: {name: Template}\nexercises: [child_pose]\n")
    roster = tmp_path / "today.csv"
    roster.write_text("name,program,date,layout\n"
                      "Tove Ingleby,progs/knee.yaml,,\n"
                      "Ulla Jarnefelt,progs/when.yaml,,\n"
                      "Viggo Kallas,progs/when.yaml,2026-11-23,\n"  # the row's date: fine
                      "Wenke Lund,progs/ok.yaml,,huge\n", encoding="utf-8")
    result = run("batch", roster, "--merge", tmp_path / "all.pdf", "--quiet")
    assert result.exit_code == 1
    knee, when = progs / "knee.yaml", progs / "when.yaml"
    assert result.stderr.splitlines() == [
        f'error: {roster}:2: row 1: {knee}:4: exercises[1]: unknown exercise "child_pos"; '
        'did you mean "child_pose"?',
        f'error: {roster}:3: row 2: {when}:2: date: "2026-13-45" is not a real date; write '
        "it as YYYY-MM-DD (e.g. 2026-11-23)",
        # what the row gave is the row's mistake, not the file's
        f"error: {roster}:5: row 4: \"layout\": \"huge\" is not allowed; use one of 'standard', "
        "'compact' or 'large_print'"]
    assert "merged 1 packet" in result.stdout


def test_find_and_reprint_take_the_id_as_read_off_the_page(clinic, database):  # noqa: F811
    built, _ = clinic.issue(clinic.program(dob="1961-04-30"))
    footer = re.search(r"Handout ([A-Z2-7]{4}-[A-Z2-7]{4})", page_texts(built.pdf)[0])
    printed = footer.group(1)
    # as typed at the front desk: copied with the footer's word, in lower case with a
    # space, and with the digits an O, I or B is misread as (an id has no 0, 1 or 8)
    misread = printed.lower().replace("-", " ").replace("o", "0").replace("i", "1") \
        .replace("b", "8")
    assert record.normal_id("Folleto qx70 821d.") == "QX7O-B2ID"
    for typed in (footer.group(0), misread):
        result = clinic.run("find", typed)
        assert result.exit_code == 0, result.output
        assert result.output.startswith(f"{printed}: Jane Doe (born 1961-04-30), visit 1")
        result = clinic.run("reprint", typed, "-o", clinic.root / "again.pdf")
        assert result.exit_code == 0, result.output
        assert (clinic.root / "again.pdf").read_bytes() == built.pdf
        (clinic.root / "again.pdf").unlink()
    result = clinic.run("find", "V52T-IHL")  # one letter short: not guessed at
    assert result.exit_code == 1
    assert result.stderr == ("error: V52T-IHL: no handout with this id in the record (a "
                             "walk-in packet, made with batch --protocol, is never recorded)\n")


def test_a_merged_print_file_has_a_bookmark_for_each_packet_and_a_packet_file_none(tmp_path):
    roster = tmp_path / "today.csv"
    roster.write_text("name,program,dob,layout\n"
                      "Tove Ingleby,chronic_low_back,1961-01-01,large_print\n"
                      "Ulla Jarnefelt,chronic_low_back,1970-02-02,compact\n"
                      "Ulla Jarnefelt,chronic_low_back,1980-03-03,\n", encoding="utf-8")
    merged = tmp_path / "all.pdf"
    result = run("batch", roster, "--merge", merged, "--duplex", "--out-dir", tmp_path / "out",
                 "--quiet")
    assert result.exit_code == 0, result.output
    pdf = reader(merged.read_bytes())
    texts = page_texts(merged.read_bytes())
    marks = [(item.title, pdf.get_destination_page_number(item)) for item in pdf.outline]
    assert [title for title, _ in marks] == ["1. Tove Ingleby", "2. Ulla Jarnefelt",
                                             "3. Ulla Jarnefelt"]
    starts = [i for i, text in enumerate(texts) if "Page 1 of" in text]
    assert [page for _, page in marks] == starts
    for (title, page) in marks:
        assert title.split(". ", 1)[1] in texts[page]
    assert pdf.page_mode == "/UseOutlines"
    # a packet's own file (the one emailed) names no other patient, not even in a bookmark:
    # its outline is its own parts (test_pdf_outline), and names no patient at all
    for packet in (tmp_path / "out").glob("*.pdf"):
        titles = [item.title for item in reader(packet.read_bytes()).outline]
        assert titles and not any(name in title for title in titles
                                  for name in ("Tove", "Ulla", "Ingleby", "Jarnefelt"))


@pytest.mark.parametrize("name, what", [
    ("examples/jane-doe.yaml", "one patient's program file"),
    ("exercises.yaml", "the exercise library"),
    ("clinic.yaml", "the clinic file")])
def test_a_program_library_or_clinic_file_given_for_a_roster_says_what_it_is(name, what,
                                                                            tmp_path):
    result = run("batch", ROOT / name, "--merge", tmp_path / "never-written.pdf")
    assert result.exit_code == 1
    build = "; print this one with build" if "program" in what else ""
    assert result.stderr == (
        f"error: {ROOT / name}:1: this is {what}, not a roster: a roster is a CSV file with a "
        f'"name" column, or a YAML list of programs (each starting with -){build}\n')
    assert list(tmp_path.iterdir()) == []
