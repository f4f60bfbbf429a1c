"""Where staff set the patient's side (README: *The program file*, ``affected_side``): a
roster's "affected side" column (left or right in each language a roster is headed in),
``build --affected-side``, ``draw --side`` and the web app's build form. A made-up hand
clinic's left wrist: its drawing is the right hand unless the side says otherwise. PDFs
parsed with pypdf (the mirrored drawing is a form of its own); made-up people."""

from __future__ import annotations

import csv
import io
import shutil

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from conftest import ROOT
from handouts.cli import main

HAND = ROOT / "tests" / "clinics" / "hand"


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.delenv("HANDOUTS_DATABASE_URL", raising=False)  # the record beside it
    folder = tmp_path / "northside"
    shutil.copytree(HAND, folder)
    return folder


def run(home, *args):
    return CliRunner().invoke(main, ["--home", str(home), *args], catch_exceptions=False)


def forms(pdf: bytes) -> list[str]:
    """The drawings' forms on every page: a mirrored drawing has a key of its own."""
    return sorted(str(name) for page in PdfReader(io.BytesIO(pdf)).pages
                  for name in (page["/Resources"].get("/XObject") or {}).keys())


def roster(home, header, rows):
    path = home / "today.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([header, *rows])
    return path


# --- a roster ------------------------------------------------------------------------------

def test_a_roster_s_affected_side_column_draws_each_row_s_side(home):
    rows = [("Ann Example", "left", "distal_radius_fracture", "2026-12-04"),
            ("Ben Example", "", "distal_radius_fracture", "2026-12-04"),
            ("Cy Example", "Right", "distal_radius_fracture", "2026-12-04"),
            ("Di Example", "middle", "distal_radius_fracture", "2026-12-04")]
    result = run(home, "batch", str(roster(home, ("Patient Name", "Affected side", "Program",
                                                  "Date"), rows)),
                 "--out-dir", str(home / "out"))
    assert result.exit_code == 1, result.output
    told = [line for line in result.output.splitlines() if "row 4" in line]
    assert len(told) == 1 and told[0].endswith(
        'row 4: "Affected side": "middle" is not left or right; write "left" or "right" for '
        "the side the pictures show, or leave the cell blank for none"), result.output
    ann, ben, cy = ((home / "out" / f"2026-12-04_{n}-example.pdf").read_bytes()
                    for n in ("ann", "ben", "cy"))
    # the figure draws the right hand: a blank cell and "Right" print it, "left" mirrors it
    assert forms(ben) == forms(cy)
    assert forms(ann) != forms(ben)
    assert not (home / "out" / "2026-12-04_di-example.pdf").exists()


@pytest.mark.parametrize("header, left, right", [
    ("Lado afectado", "Izquierda", "derecho"), ("Côté atteint", "gauche", "Droite"),
    ("Lado afetado", "esquerdo", "direita"), ("Betroffene Seite", "links", "rechts"),
    ("患側", "左", "右")])
def test_each_language_s_roster_says_the_side_in_its_own_words(home, header, left, right):
    rows = [("Ann Example", left, "distal_radius_fracture", "2026-12-04"),
            ("Ben Example", right, "distal_radius_fracture", "2026-12-04"),
            ("Cy Example", "", "distal_radius_fracture", "2026-12-04")]
    result = run(home, "batch", str(roster(home, ("Patient Name", header, "Program", "Date"),
                                           rows)), "--out-dir", str(home / "out"))
    assert result.exit_code == 0, result.output
    assert "unknown column" not in result.output, result.output
    ann, ben, cy = ((home / "out" / f"2026-12-04_{n}-example.pdf").read_bytes()
                    for n in ("ann", "ben", "cy"))
    assert forms(ben) == forms(cy) and forms(ann) != forms(cy)
