"""Text that used to break a handout: the longest allowed note in every layout, names with
line breaks and control characters, names in right-to-left scripts. Each PDF is read back."""

from __future__ import annotations

import shutil
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner

import handouts as api
from handouts.cli import main
from handouts.input import models

from conftest import font_sizes, page_texts

NOTE_WORDS = "Go slowly and breathe out as you move into the stretch. "


def longest(limit: int, ending: str) -> str:
    text = (NOTE_WORDS * (limit // len(NOTE_WORDS) + 1))[: limit - len(ending)] + ending
    assert len(text) == limit
    return text


@pytest.mark.parametrize("layout", ["standard", "compact", "large_print"])
def test_the_longest_notes_split_across_pages_in_every_layout(ws, layout):
    program_note = longest(models.MAX_NOTE, " END-OF-PROGRAM-NOTE")
    exercise_note = longest(models.MAX_NOTE, " END-OF-CARD-NOTE")
    program = api.program_from_data({
        "patient": {"name": "Jane Doe"}, "date": "2026-11-23", "layout": layout,
        "note": program_note,
        "exercises": [{"id": "child_pose", "note": exercise_note}, "kneeling_rock_back"]},
        ws, source="test")
    built = api.build_handout(program, ws)
    pages = page_texts(built.pdf)
    whole = " ".join(" ".join(pages).split())
    assert "END-OF-PROGRAM-NOTE" in whole and "END-OF-CARD-NOTE" in whole
    first = next(i for i, p in enumerate(pages) if "Note from your therapist" in p)
    if layout == "large_print":
        # at 18 pt the program note alone is longer than a page, so it ran on
        assert "END-OF-PROGRAM-NOTE" not in pages[first]
    else:
        # at 11 or 13 pt the longest note fits a page: it moved there whole, its heading
        # with it
        assert "END-OF-PROGRAM-NOTE" in pages[first]


def test_a_line_break_or_control_character_in_a_name_is_taken_out_and_said(tmp_path,
                                                                           monkeypatch):
    # a record of its own: a Jo Smith another test of this worker recorded (with a date of
    # birth) would add a note that she is told apart from him to what is said
    monkeypatch.setenv("HANDOUTS_DATABASE_URL", f"sqlite:///{tmp_path}/handouts.db")
    roster = tmp_path / "today.csv"
    roster.write_text('name,program\n"Jo\nSmith",chronic_low_back\n'
                      "Ann\x07 Lee\x1b[2J,chronic_low_back\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["batch", str(roster), "--out-dir", str(tmp_path / "out"),
                                       "--jobs", "1"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    # said once, naming the rows (as a problem names its row)
    assert result.stderr == (f"warning: {roster}:2: rows 1 and 2: patient.name: had a line "
                             "break or control character; printed without it\n")
    texts = {p.name: page_texts(p.read_bytes()) for p in (tmp_path / "out").glob("*.pdf")}
    assert len(texts) == 2
    names = sorted(t[0].split("For: ")[1].splitlines()[0].split(" · ")[0] for t in texts.values())
    assert names == ["Ann Lee[2J", "Jo Smith"]
    for pages in texts.values():
        assert not any(c in "".join(pages) for c in "\x07\x1b")


def test_a_name_is_one_line_wherever_it_comes_from(ws):
    program = api.program_from_options(ws, patient="Jo\r\n\tSmith\u2028", exercises=["child_pose"])
    assert program.patient.name == "Jo Smith"
    assert program.cleaned == ("patient.name",)
    built = api.build_handout(program, ws)
    assert any(w.startswith("patient.name: had a line break") for w in built.warnings)


def test_a_program_file_s_cleaned_texts_are_said_at_their_lines(tmp_path):
    """A build of a program file says where each text it cleaned is, as its problems are:
    the file's line and the text's place (the line named no file, so the clinic looked for
    "patient.name" in every file it had)."""
    path = tmp_path / "jane.yaml"
    path.write_text('patient: {name: "Jane\\tDoe"}\ndate: 2026-11-23\nexercises:\n'
                    '  - kneeling_rock_back\n  - {id: child_pose, note: "Go slowly.\\u0007"}\n',
                    encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(path), "-o", str(tmp_path / "jane.pdf")],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    said = "had a line break or control character; printed without it"
    assert f"warning: {path}:1: patient.name: {said}" in result.stderr, result.stderr
    assert f"warning: {path}:5: exercises[2].note: {said}" in result.stderr, \
        result.stderr


def visual_words(extracted: str) -> str:
    return unicodedata.normalize("NFKC", extracted)


RTL_NAMES = {
    "hebrew": "דוד כהן",
    "arabic": "محمد عبد الله",
    "persian": "فاطمه رضایی",
}


@pytest.mark.parametrize("script", list(RTL_NAMES))
def test_right_to_left_names_print_in_display_order_and_joined(ws, script):
    """reportlab draws glyphs left to right, so a right-to-left name must be drawn in display
    order: its last letter leftmost. pypdf reads such a line back as drawn, turning each run
    of right-to-left letters into reading order again; so a correct PDF reads back as each
    word in reading order and the words right to left (``כהן דוד`` for ``דוד כהן``).
    Drawn in typing order, as before, the letters of each word came back reversed."""
    name = RTL_NAMES[script]
    program = api.program_from_options(ws, patient=name, exercises=["child_pose"],
                                       date="2026-11-23")
    built = api.build_handout(program, ws)
    assert built.warnings == ()
    page = page_texts(built.pdf)[0]
    line = next(l for l in page.splitlines() if l.startswith("For: "))[len("For: "):].split(" · ")[0]
    assert visual_words(line) == " ".join(reversed(name.split()))
    footer = page.splitlines()[-3]
    assert visual_words(footer).startswith(" ".join(reversed(name.split())))
    # bold, as a Latin name is (the fallback font's bold face)
    fonts = {font for _, font, run in font_sizes(built.pdf)[:12] if run in line.split()}
    assert fonts == {"/AAAAAA+DejaVuSans-Bold"}
    if script != "hebrew":
        # Arabic letters in their joined forms (presentation forms), not the isolated ones
        assert any("\ufe70" <= c <= "\ufeff" for c in line)
        assert not any("\u0600" <= c <= "\u06ff" for c in line)


def test_a_line_break_in_a_name_does_not_stop_a_batch_by_email(tmp_path):
    """It used to stop the whole `batch --email` with a traceback and no summary."""
    root = Path(__file__).resolve().parent.parent
    (tmp_path / "images").mkdir()
    shutil.copy(root / "images" / "logo.svg", tmp_path / "images" / "logo.svg")
    clinic = tmp_path / "clinic.yaml"
    clinic.write_text((root / "clinic.yaml").read_text(encoding="utf-8")
                      + "email: office@example.com\n", encoding="utf-8")
    roster = tmp_path / "today.csv"
    roster.write_text('name,email,program\n"Jo\nSmith",jo@example.com,chronic_low_back\n'
                      "Ann Lee,ann@example.com,chronic_low_back\n", encoding="utf-8")
    outbox = tmp_path / "outbox"
    result = CliRunner().invoke(main, ["batch", str(roster), "--email", "--no-send", "--outbox",
                                       str(outbox), "--clinic", str(clinic)],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "written 2 to" in result.stdout
    recipients = sorted(line for eml in (outbox / "pending").glob("*.eml")
                        for line in eml.read_text(encoding="utf-8").splitlines()
                        if line.startswith("To: "))
    assert recipients == ["To: Ann Lee <ann@example.com>", "To: Jo Smith <jo@example.com>"]
