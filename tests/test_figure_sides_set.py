"""Where staff set the patient's side (README: *The program file*, ``affected_side``): a
roster's "affected side" column (left or right in each language a roster is headed in),
``build --affected-side``, ``draw --side`` and the web app's build form. A made-up hand
clinic's left wrist: its drawing is the right hand unless the side says otherwise. PDFs
parsed with pypdf (the mirrored drawing is a form of its own); made-up people."""

from __future__ import annotations

import csv
import io
import re
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


# --- the command line ----------------------------------------------------------------------

def test_build_takes_the_affected_side(home):
    out = {}
    for side in ("left", "right", None):
        path = home / f"{side}.pdf"
        result = run(home, "build", "--patient", "Ann Example", "--exercise",
                     "wrist_bend_table", "--date", "2026-12-04", "-o", str(path),
                     *(["--affected-side", side] if side else []))
        assert result.exit_code == 0, result.output
        out[side] = path.read_bytes()
    assert forms(out["right"]) == forms(out[None]) != forms(out["left"])
    # a side that is no side is click's one line, not a traceback
    result = run(home, "build", "--patient", "Ann Example", "--exercise", "wrist_bend_table",
                 "--affected-side", "middle", "-o", str(home / "x.pdf"))
    assert result.exit_code == 2 and "'middle' is not one of 'left', 'right'" in result.output


def _body_x(svg: str) -> list[float]:
    first = re.search(r'class="body"[^>]*?d="([^"]+)"|class="body"><path d="([^"]+)"', svg)
    return [float(x) for x in re.findall(r"(-?[\d.]+) -?[\d.]+", first.group(1) or
                                         first.group(2))]


def test_draw_shows_the_side_asked_for(home):
    drawn = {}
    for side in ("left", "right", None):
        path = home / f"{side}.svg"
        result = run(home, "draw", "wrist_bend_table", "-o", str(path),
                     *(["--side", side] if side else []))
        assert result.exit_code == 0, result.output
        assert result.output.strip() == f"wrote {path}", result.output
        drawn[side] = path.read_text(encoding="utf-8")
    assert drawn["right"] == drawn[None]  # the figure draws the right hand
    assert drawn["left"] != drawn[None]
    ox, _, w, _ = map(float, re.search(r'id="frame-1"[^>]*data-box="([^"]+)"', drawn[None])
                      .group(1).split())
    assert sorted(2 * ox + w - x for x in _body_x(drawn[None])) == pytest.approx(
        sorted(_body_x(drawn["left"])), abs=0.25)  # the mirror image


def test_draw_says_where_a_picture_cannot_show_a_side(tmp_path):
    # the example library's child's pose names no side: drawn as it is, and said in one line
    out = tmp_path / "pose.svg"
    result = CliRunner().invoke(main, ["draw", "child_pose", "--side", "left", "-o", str(out)],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        "warning: exercises[child_pose]: its picture (images/child_pose.figure.yaml) cannot "
        "show the left side, so it shows it as drawn; it does not say which side it draws: "
        "give it side: near (or far), the side the exercise is for"], result.stderr
    assert out.read_text(encoding="utf-8") == _drawn_plain(tmp_path)


def _drawn_plain(tmp_path) -> str:
    plain = tmp_path / "plain.svg"
    result = CliRunner().invoke(main, ["draw", "child_pose", "-o", str(plain)],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return plain.read_text(encoding="utf-8")


# --- the web app's build form --------------------------------------------------------------

def _app(home, programs):
    import handouts as api
    from handouts.web import create_app

    ws = api.open_workspace(home / "exercises.yaml", home / "clinic.yaml")
    return ws, create_app(ws, programs_dir=programs)


def test_the_web_form_sets_the_side_saves_it_and_opens_it_again(home, tmp_path):
    from test_web_protocol_parity import fields, press, started, web_pdf

    _, app = _app(home, tmp_path / "programs")
    b, form = started(app, "Ann Example", "distal_radius_fracture")
    assert form["affected_side"] == ""  # none chosen: the pictures as drawn
    plain = web_pdf(b, form)
    form["affected_side"] = "left"
    left = web_pdf(b, form)
    assert forms(left) != forms(plain)
    assert fields(b.page)["affected_side"] == "left"  # the page the build answered with
    form["affected_side"] = "right"
    assert forms(web_pdf(b, form)) == forms(plain)
    form["affected_side"] = "left"
    press(b, "save", form)
    import yaml

    saved = yaml.safe_load((tmp_path / "programs" / "ann-example.yaml").read_text("utf-8"))
    assert saved["affected_side"] == "left"
    b.get("/programs/ann-example", follow_redirects=True)
    assert fields(b.page)["affected_side"] == "left"
    # the staff's language labels it
    html = b.page.get_data(as_text=True)
    assert re.search(r'<label for="affected_side">Affected side</label>', html), html


def test_a_next_visit_keeps_the_side(database, home, tmp_path):
    import handouts as api
    from handouts import record
    from test_web import Browser

    ws, app = _app(home, tmp_path / "programs")
    last = api.program_from_data({"patient": {"name": "Ann Example"},
                                  "date": str(ws.today()), "affected_side": "left",
                                  "protocol": "distal_radius_fracture"},
                                 ws, source="program.yaml")
    record.issued(ws, record.Issue.of(last, api.build_handout(last, ws)), channel="printed",
                  by="dave")
    [person] = record.patients(ws, "Ann Example")
    b = Browser(app)
    b.get("/")
    b.post("next", {}, url=f"/patients/{person.id}/next")
    assert b.form()["affected_side"] == "left"
