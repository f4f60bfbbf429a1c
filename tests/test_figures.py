"""Figure files: every shipped drawing rendered and checked against its description, bad
figure files reported one line per problem, and the pictures embedded in a real handout."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from pypdf import PdfReader

import handouts as api
from handouts.cli import main
from handouts.errors import HandoutError
from handouts.figures import body, load_figure, render, scene
from handouts.figures.geometry import Camera
from handouts.figures.model import Frame

ROOT = Path(__file__).resolve().parent.parent
FIGURES = sorted((ROOT / "images").glob("*.figure.yaml"))
CASES = sorted((ROOT / "tests" / "cases" / "figures").glob("*.figure.yaml"))
NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def frames_of(svg: str) -> list[tuple[list[float], str]]:
    """Each frame group's box (x, y, w, h) and its content."""
    found = re.findall(r'<g id="frame-\d+" class="frame" data-box="([^"]+)">(.*?)\n</g>', svg,
                       re.S)
    return [([float(v) for v in box.split()], body) for box, body in found]


def test_every_exercise_has_a_figure_file():
    library = yaml.safe_load((ROOT / "exercises.yaml").read_text(encoding="utf-8"))
    images = {e["id"]: e["image"] for e in library["exercises"]}
    assert all(image.endswith(".figure.yaml") for image in images.values())
    assert {Path(p).name for p in images.values()} == {p.name for p in FIGURES}


@pytest.mark.parametrize("path", FIGURES, ids=lambda p: p.name.split(".")[0])
def test_a_figure_draws_what_its_file_asks_for(path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    figure = load_figure(path)
    svg = render(figure, "#123456", "#abcdef")
    frames = frames_of(svg)
    assert len(frames) == len(data["frames"]) >= 1
    # start and end: a single frame needs a reason, and no shipped exercise has one
    assert len(frames) >= 2
    assert svg.count('class="next"') == len(frames) - 1
    for (box, body), frame in zip(frames, data["frames"]):
        x, y, w, h = box
        for d in re.findall(r' d="([^"]+)"', body):
            values = [float(v) for v in NUMBER.findall(d)]
            xs, ys = values[0::2], values[1::2]
            # nothing outside its frame (an outline may reach 3 px past a point)
            assert min(xs) >= x - 3 and max(xs) <= x + w + 3, (path.name, d[:60])
            assert min(ys) >= y - 3 and max(ys) <= y + h + 3, (path.name, d[:60])
        marks = [next(iter(m)) for m in frame.get("marks", [])]
        assert body.count('class="arrowhead"') == marks.count("arrow")
        assert body.count('class="arrow"') == marks.count("arrow")
        assert body.count('class="breathe"') == marks.count("breathe")
        assert body.count('class="spot"') >= marks.count("spot")
        assert ('class="badge"' in body) == ("number" in frame)
        assert body.count('class="body"') >= 1
        # the clinic's colours: arrows in the accent colour, props in a tint of the primary
        if "arrow" in marks:
            assert 'stroke="#abcdef"' in body
        view, turn, look_down = (frame.get(k, data.get(k, default)) for k, default in (
            ("view", "side"), ("turn", 0), ("look_down", 0)))
        if view == "side" and not turn and look_down < 30:
            # in a side view the far arm and leg are drawn, lighter than the near ones
            assert body.count('class="far"') == 2
            far = re.search(r'<g class="far"><path d="[^"]+" fill="(#\w+)" stroke="(#\w+)"', body)
            near = re.search(r'<g class="body"><path d="[^"]+" fill="(#\w+)" stroke="(#\w+)"', body)
            assert _lightness(far.group(2)) > _lightness(near.group(2)) + 0.3


def _lightness(colour: str) -> float:
    return sum(int(colour[i:i + 2], 16) for i in (1, 3, 5)) / (3 * 255)


def test_same_figure_same_bytes_and_colours_follow_the_clinic():
    figure = load_figure(FIGURES[0])
    assert render(figure) == render(figure)
    assert render(figure, "#112233", "#445566") != render(figure)
    assert "#445566" in render(figure, "#112233", "#445566")


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name.split(".")[0])
def test_an_invalid_figure_file_gets_one_line_per_problem(case, monkeypatch):
    monkeypatch.chdir(ROOT)
    rel = case.relative_to(ROOT)
    with pytest.raises(HandoutError) as caught:
        load_figure(rel)
    expected = case.with_name(case.name.replace(".figure.yaml", ".expected"))
    assert "\n".join(str(p) for p in caught.value.problems) + "\n" == expected.read_text()


def test_check_reports_a_broken_figure_file_with_its_line(tmp_path):
    (tmp_path / "images").mkdir()
    for figure in FIGURES:
        (tmp_path / "images" / figure.name).write_bytes(figure.read_bytes())
    bad = tmp_path / "images" / "child_pose.figure.yaml"
    text = bad.read_text()
    assert "base: child_pose," in text
    bad.write_text(text.replace("base: child_pose,", "base: child_pose, joints: "
                                "{near_elbow: 200},"))
    library = (ROOT / "exercises.yaml").read_text(encoding="utf-8")
    (tmp_path / "exercises.yaml").write_text(library, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--library", str(tmp_path / "exercises.yaml")])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert any(l.startswith(f"error: {bad}:7: frames[2].pose") and
               l.endswith(": 200° is beyond what a body can reach; use 0 to 145 (the elbow: a "
                          "larger number bends the elbow)") for l in lines), lines
    assert lines[-1] == "1 problem found."


def test_draw_and_build_tell_a_broken_figure_file_as_check_does(tmp_path):
    """draw once said "child_pose.figure.yaml: line 7: ...", the first problem only, and a
    build's placeholder warning the same: each is file:line: now, every problem in draw."""
    (tmp_path / "images").mkdir()
    for figure in FIGURES:
        (tmp_path / "images" / figure.name).write_bytes(figure.read_bytes())
    bad = tmp_path / "images" / "child_pose.figure.yaml"
    bad.write_text(bad.read_text().replace("base: child_pose,", "base: child_pose, joints: "
                                           "{near_elbow: 200}, bogus: 1,"))
    library = tmp_path / "exercises.yaml"
    library.write_text((ROOT / "exercises.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    checked = CliRunner().invoke(main, ["check", "--library", str(library)])
    errors = checked.stderr.splitlines()[:-1]
    assert len(errors) == 2 and all(e.startswith(f"error: {bad}:7: frames[2].pose")
                                    for e in errors), errors
    drawn = CliRunner().invoke(main, ["draw", "child_pose", "--library", str(library), "-o",
                                      str(tmp_path / "child.svg")])
    assert (drawn.exit_code, drawn.stderr.splitlines()) == (1, errors)
    built = CliRunner().invoke(main, ["build", "--library", str(library), "--patient",
                                      "Ann Example", "--exercise", "child_pose", "-o",
                                      str(tmp_path / "a.pdf")])
    assert built.exit_code == 0
    assert built.stderr.startswith(f"warning: {bad}:7: frames[2].pose")
    assert built.stderr.endswith("; exercise child_pose gets a placeholder instead of its "
                                 "picture\n")


def test_draw_refuses_a_language_as_build_does(tmp_path):
    said = ('error: options: language: no handouts in "fr" yet; use one of en, es; or give the '
            "handouts words in it: strings.fr.yaml and templates/fr/ in the clinic's folder "
            "(docs/library.md: The clinic's own wording)\n")
    built = CliRunner().invoke(main, ["build", "--patient", "Ann Example", "--exercise",
                                      "child_pose", "--language", "fr", "-o",
                                      str(tmp_path / "a.pdf")])
    assert (built.exit_code, built.stderr) == (1, said)
    drawn = CliRunner().invoke(main, ["draw", "child_pose", "--language", "fr", "-o",
                                      str(tmp_path / "child.svg")])
    assert (drawn.exit_code, drawn.stderr) == (1, said)
    assert not (tmp_path / "child.svg").exists()


def test_draw_writes_an_svg_of_one_exercise(tmp_path):
    out = tmp_path / "child.svg"
    result = CliRunner().invoke(main, ["draw", "child_pose", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert len(frames_of(out.read_text())) == 2
    png = CliRunner().invoke(main, ["draw", "child_pose", "-o", str(tmp_path / "child.png")])
    assert png.exit_code == 0, png.output
    if api.can_draw_png():
        assert (tmp_path / "child.png").read_bytes().startswith(b"\x89PNG")
    else:  # the SVG instead, and a warning that says why
        assert "cannot make PNG files" in png.stderr
        assert (tmp_path / "child.svg").read_text().startswith("<svg")
    wrong = CliRunner().invoke(main, ["draw", "child_pos", "-o", str(out)])
    assert wrong.exit_code == 1 and 'did you mean "child_pose"' in wrong.stderr


def test_draw_again_over_its_own_preview_in_a_library_with_a_picture_less_exercise(tmp_path):
    """The way a figure file is written: draw, change an angle, draw again over the same SVG.
    The starter library's "walking" has no picture; that must not stop the second draw."""
    home = tmp_path / "clinic"
    assert CliRunner().invoke(main, ["new", str(home), "--name", "Lakeside Physio",
                                     "--phone", "555-0100"]).exit_code == 0
    out = tmp_path / "breathing.svg"
    for _ in range(2):
        result = CliRunner().invoke(main, ["--home", str(home), "draw", "belly_breathing",
                                           "-o", str(out)])
        assert result.exit_code == 0, result.output
        assert result.output == f"wrote {out}\n" and out.read_text().startswith("<svg")


def test_the_demo_handout_embeds_each_drawing_once():
    ws = api.open_workspace()
    program = api.load_program(ROOT / "examples" / "jane-doe.yaml", ws)
    built = api.build_handout(program, ws)
    assert not built.warnings
    reader = PdfReader(io.BytesIO(built.pdf))
    drawings = set()
    for page in reader.pages:
        for name, xobject in (page["/Resources"].get("/XObject") or {}).items():
            if ".fig_" in name:
                drawings.add(xobject.idnum)
                form = xobject.get_object()
                assert form["/Subtype"] == "/Form" and form.get_data()
    # each exercise's drawing once, and the clinic's logo
    assert len(drawings) == len(api.resolve_program(program, ws).exercises) + 1
    assert "Picture not available" not in "".join(p.extract_text() for p in reader.pages)
    assert len(built.pdf) < 100_000
    again = api.build_handout(program, ws)
    assert again.pdf == built.pdf


def test_the_web_app_shows_a_figure_file_as_an_svg_thumbnail(tmp_path):
    from handouts.web import create_app

    client = create_app(api.open_workspace(), programs_dir=tmp_path).test_client()
    picture = client.get("/images/si_joint_correction")
    assert picture.status_code == 200 and picture.mimetype == "image/svg+xml"
    svg = picture.get_data(as_text=True)
    assert len(frames_of(svg)) == 2 and 'stroke="#b35900"' in svg  # the clinic's accent
    assert client.get("/images/no_such_exercise").status_code == 404


def test_words_in_a_picture_follow_the_handout_language(tmp_path):
    from handouts.figures.model import words_in
    from handouts.render import pictures

    words = (("en", "push"), ("es", "empuje"))
    assert words_in(words, ("es",)) == "empuje"
    assert words_in(words, ("es", "en")) == "empuje / push"
    assert words_in((("en", "push"),), ("es",)) == "push"  # English where there is none
    labelled = load_figure(ROOT / "images" / "si_joint_correction.figure.yaml")
    assert render(labelled, languages=("es",)) != render(labelled)
    plain = load_figure(ROOT / "images" / "child_pose.figure.yaml")
    assert render(plain, languages=("es",)) == render(plain)
    path = ROOT / "images" / "si_joint_correction.figure.yaml"
    english, spanish = (pictures.load(path, 100, 100, languages=lang).key
                        for lang in (("en",), ("es",)))
    assert english != spanish  # each language is cached as its own drawing

    # check --language es names a picture's words that have no Spanish
    (tmp_path / "images").mkdir()
    for figure in FIGURES:
        (tmp_path / "images" / figure.name).write_bytes(figure.read_bytes())
    wall = tmp_path / "images" / "wall_goal_post_stretch.figure.yaml"
    wall.write_text(wall.read_text().replace("{en: flat, es: plana}", "flat"))
    for name in ("exercises.yaml", "exercises.es.yaml"):
        (tmp_path / name).write_bytes((ROOT / name).read_bytes())
    result = CliRunner().invoke(main, ["check", "--language", "es",
                                       "--library", str(tmp_path / "exercises.yaml")])
    assert result.exit_code == 0, result.output
    assert (f'untranslated: {wall}:15: frames[1].marks[2].spot.label: "flat" has no es words; '
            "write it as {en: ..., es: ...}") in result.stderr.splitlines()


def test_the_readme_says_where_every_landmark_is():
    """A clinic writing its own figure files places a towel, a hand or an arrow at a landmark:
    the README named them, but not where on the body each one is nor which way it faces."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Figure files"):readme.index("## Speed and size")]
    # a row each: the landmark, where it is, the way it faces
    rows = set(re.findall(r"^  \| `(\w+)`[^|]*\| [^|]+ \| [^|]+ \|$", section, re.M))
    standing = Frame.model_validate({"pose": {"base": "standing"}})
    named = {name for name in body.landmarks(scene.place(standing, Camera(0.0, 0.0))[0])
             if not name.startswith("far_")} - {"navel"}  # the belly's other name, in its row
    assert named <= set(rows), sorted(named - set(rows))
