"""A clinic's big library (hundreds of exercises, each with a picture) on the command line: a
handout of a few exercises costs what it costs in a small library, and one exercise's picture
gone wrong stops only the handouts that show it. The work is counted, never timed."""

from __future__ import annotations

import pathlib
import shutil

import yaml
from click.testing import CliRunner

import handouts as api
from handouts.cli import main

ROOT = pathlib.Path(__file__).resolve().parent.parent
FIGURE = "images/child_pose.figure.yaml"


def big_library(home: pathlib.Path, extra: int) -> pathlib.Path:
    """The shipped library and clinic, and ``extra`` exercises more, each with a figure file of
    its own (the shipped child's pose, under another name)."""
    shutil.copytree(ROOT / "images", home / "images")
    shutil.copy(ROOT / "clinic.yaml", home / "clinic.yaml")
    data = yaml.safe_load((ROOT / "exercises.yaml").read_text(encoding="utf-8"))
    for i in range(extra):
        shutil.copy(ROOT / FIGURE, home / "images" / f"made_{i}.figure.yaml")
        data["exercises"].append({
            "id": f"made_up_{i}", "title": f"Made-up move {i}", "position": "kneeling",
            "areas": ["low_back"], "kind": "stretch", "image": f"images/made_{i}.figure.yaml",
            "purpose": "Stretches your low back.", "steps": ["Kneel.", "Rock back."],
            "dose": {"reps": 3}})
    (home / "exercises.yaml").write_text(yaml.safe_dump(data, allow_unicode=True,
                                                        sort_keys=False), encoding="utf-8")
    return home


def links_followed(home: pathlib.Path, monkeypatch) -> int:
    """How many paths the resolving of a two-exercise handout follows through their links."""
    ws = api.open_workspace(home / "exercises.yaml", home / "clinic.yaml")
    program = api.program_from_options(ws, patient="Jo Example",
                                       exercises=["child_pose", "made_up_0"])
    counted, resolve = [0], pathlib.Path.resolve

    def counting(self, *args, **kw):
        counted[0] += 1
        return resolve(self, *args, **kw)

    monkeypatch.setattr(pathlib.Path, "resolve", counting)
    api.resolve_program(program, ws)
    monkeypatch.undo()
    return counted[0]


def test_a_handout_follows_the_links_of_its_own_pictures_not_the_library_s(
        tmp_path, monkeypatch):
    # every picture of the library was followed through its links before the first handout
    # of each process: a dozen system calls each, hundreds in a clinic's library
    few = links_followed(big_library(tmp_path / "few", 1), monkeypatch)
    many = links_followed(big_library(tmp_path / "many", 150), monkeypatch)
    assert many == few, (few, many)


def test_a_picture_leading_out_of_the_folder_stops_only_the_handouts_that_show_it(tmp_path):
    home = big_library(tmp_path / "clinic", 40)
    picture = home / "images" / "made_7.figure.yaml"
    shutil.move(picture, tmp_path / "elsewhere.figure.yaml")
    picture.symlink_to(tmp_path / "elsewhere.figure.yaml")
    text = (home / "exercises.yaml").read_text(encoding="utf-8")
    line = text.splitlines().index("  image: images/made_7.figure.yaml") + 1
    said = (f'{home / "exercises.yaml"}:{line}: exercises[made_up_7].image: '
            '"images/made_7.figure.yaml" leads outside the library\'s folder (a link?); keep '
            "the pictures in it")
    args = ["--home", home]
    good = CliRunner().invoke(main, [*map(str, args), "build", "--patient", "Jo Example",
                                     "--exercise", "made_up_8", "--date", "2026-11-23",
                                     "-o", str(tmp_path / "jo.pdf")], catch_exceptions=False)
    assert good.exit_code == 0, good.output
    assert (tmp_path / "jo.pdf").exists()

    roster = tmp_path / "today.csv"
    (home / "programs").mkdir()
    for name, exercise in (("ann", "made_up_6"), ("ben", "made_up_7")):
        (home / "programs" / f"{name}.yaml").write_text(
            f"patient: {{name: {name.title()}}}\ndate: 2026-11-23\nexercises: [{exercise}]\n",
            encoding="utf-8")
    roster.write_text(f"name,program\nAnn Able,{home}/programs/ann.yaml\n"
                      f"Ben Best,{home}/programs/ben.yaml\n", encoding="utf-8")
    run = CliRunner().invoke(main, [*map(str, args), "batch", str(roster), "--quiet",
                                    "--out-dir", str(tmp_path / "out")],
                             catch_exceptions=False)
    assert run.exit_code == 1
    assert f"error: {roster}:3: row 2: {said}" in run.output
    assert "Ann Able" not in run.output
    assert [p.name for p in (tmp_path / "out").glob("*.pdf")] == ["2026-11-23_ann-able.pdf"]

    bad = CliRunner().invoke(main, [*map(str, args), "build", "--patient", "Jo Example",
                                    "--exercise", "made_up_7", "-o", str(tmp_path / "no.pdf")],
                             catch_exceptions=False)
    assert bad.exit_code == 1 and bad.output == f"error: {said}\n"
    assert not (tmp_path / "no.pdf").exists()
