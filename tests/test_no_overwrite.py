"""Nothing is ever written over another file: same names in a batch, files left by an earlier
run, -o naming an input, two batches into one folder. Every file is checked on disk."""

from __future__ import annotations

import contextlib
import csv
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import handouts as api
from handouts.cli import main

from conftest import page_texts

ROOT = Path(__file__).resolve().parent.parent


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def roster(path: Path, names, therapist="Dave Candy, PT") -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(("name", "program", "date", "therapist"))
        writer.writerows((n, "chronic_low_back", "2026-11-23", therapist) for n in names)
    return path


def named_in(path: Path) -> str:
    return page_texts(path.read_bytes())[0]


def test_jo_smith_jo_smith_2_and_jo_smith_leave_three_files(tmp_path):
    out = tmp_path / "out"
    result = run("batch", roster(tmp_path / "r.csv", ["Jo Smith", "Jo Smith 2", "Jo Smith"]),
                 "--out-dir", out, "--quiet", "--jobs", 1)
    assert result.exit_code == 0, result.output
    files = sorted(p.name for p in out.glob("*.pdf"))
    assert files == ["2026-11-23_jo-smith-2.pdf", "2026-11-23_jo-smith-3.pdf",
                     "2026-11-23_jo-smith.pdf"]
    assert "Jo Smith 2" in named_in(out / "2026-11-23_jo-smith-2.pdf")
    assert result.stdout == f"built 3 of 3 packets in {out}/.\n"


def test_names_without_latin_letters_get_distinct_safe_names(tmp_path):
    out = tmp_path / "out"
    result = run("batch", roster(tmp_path / "r.csv", ["王芳", "李伟", "Ελένη", "Мария"]),
                 "--out-dir", out, "--quiet", "--jobs", 1)
    assert result.exit_code == 0, result.output
    files = sorted(p.name for p in out.glob("*.pdf"))
    # each in its own script (a desk tells them apart); the outbox's names stay hashed
    assert files == sorted(f"2026-11-23_{name}.pdf" for name in ("王芳", "李伟", "Ελένη", "Мария"))
    assert api.name_slug("王芳") != api.name_slug("李伟")
    assert api.name_slug("王芳") == api.name_slug("王芳")  # the same patient, the same name


def test_letters_without_an_accent_to_drop_are_spelled_out_in_file_names(tmp_path):
    # ß, ø, æ... are no letter with an accent: dropping accents lost them (strau, sren)
    out = tmp_path / "out"
    names = ["Jürgen Strauß", "Søren Ærø", "Łucja Œhlschläger", "Đorđe Þórsson", "Ayşe Yıldız"]
    result = run("batch", roster(tmp_path / "r.csv", names), "--out-dir", out, "--quiet")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.glob("*.pdf")) == [
        "2026-11-23_ayse-yildiz.pdf", "2026-11-23_dorde-thorsson.pdf",
        "2026-11-23_jurgen-strauss.pdf", "2026-11-23_lucja-oehlschlager.pdf",
        "2026-11-23_soren-aero.pdf"]
    assert "Jürgen Strauß" in named_in(out / "2026-11-23_jurgen-strauss.pdf")
    assert api.slug("WEISSENBACHER") == api.slug("Weißenbacher") == "weissenbacher"
    # what earlier versions named their files, which are still theirs (forget, the web app)
    assert api.name_slugs("Jürgen Strauß") == ("jurgen-strauss", "jurgen-strau")
    assert api.name_slugs("Jürgen Müller") == ("jurgen-muller",)


def test_a_second_batch_run_keeps_what_the_first_wrote(tmp_path):
    out = tmp_path / "out"
    first = roster(tmp_path / "a.csv", ["Jo Smith"])
    assert run("batch", first, "--out-dir", out, "--quiet").exit_code == 0
    before = (out / "2026-11-23_jo-smith.pdf").read_bytes()
    # the same roster again: the same bytes, so nothing new, and the summary says so
    assert run("batch", first, "--out-dir", out, "--quiet").stdout == (
        f"built 0 of 1 packet in {out}/; 1 already there, unchanged.\n")
    assert len(list(out.glob("*.pdf"))) == 1
    # another Jo Smith on the same day (another therapist): a new file, the first untouched
    other = roster(tmp_path / "b.csv", ["Jo Smith"], therapist="Ann Other, PT")
    result = run("batch", other, "--out-dir", out, "--quiet")
    assert result.exit_code == 0, result.output
    assert (out / "2026-11-23_jo-smith.pdf").read_bytes() == before
    assert (out / "2026-11-23_jo-smith-2.pdf").is_file()


def test_build_never_replaces_another_handout(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    base = ("build", "--patient", "Jo Smith", "--date", "2026-11-23")
    assert run(*base, "--exercise", "child_pose").exit_code == 0
    first = (tmp_path / "out" / "2026-11-23_jo-smith.pdf").read_bytes()
    result = run(*base, "--exercise", "psoas_release")
    assert result.exit_code == 0, result.output
    second = Path("out") / "2026-11-23_jo-smith-2.pdf"
    assert result.stdout.startswith(f"wrote {second} (")
    assert result.stdout.rstrip().endswith(
        f"({Path('out') / '2026-11-23_jo-smith.pdf'} holds another handout)")
    assert (tmp_path / "out" / "2026-11-23_jo-smith.pdf").read_bytes() == first
    # the same handout again is the same file, not a third
    assert run(*base, "--exercise", "psoas_release").exit_code == 0
    assert len(list((tmp_path / "out").glob("*.pdf"))) == 2


def test_dash_o_given_an_existing_pdf_writes_a_numbered_one(tmp_path):
    target = tmp_path / "jo.pdf"
    target.write_bytes(b"%PDF-1.4 someone else's handout")
    result = run("build", "--patient", "Jo Smith", "--exercise", "child_pose", "-o", target)
    assert result.exit_code == 0, result.output
    assert target.read_bytes() == b"%PDF-1.4 someone else's handout"
    assert "Jo Smith" in named_in(tmp_path / "jo-2.pdf")


@pytest.fixture
def clinic_folder(tmp_path):
    for name in ("exercises.yaml", "clinic.yaml"):
        shutil.copy(ROOT / name, tmp_path / name)
    shutil.copytree(ROOT / "images", tmp_path / "images")
    (tmp_path / "fonts").symlink_to(ROOT / "fonts")
    program = tmp_path / "jo.yaml"
    program.write_text("patient: {name: Jo Smith}\ndate: 2026-11-23\nexercises: [child_pose]\n")
    return tmp_path


@pytest.mark.parametrize("target", ["jo.yaml", "exercises.yaml", "clinic.yaml",
                                    "protocols.local.yaml"])
def test_dash_o_never_replaces_an_input_file(clinic_folder, target):
    (clinic_folder / "protocols.local.yaml").write_text("protocols: []\n")  # the clinic's own
    before = {p.name: p.read_bytes() for p in clinic_folder.glob("*.yaml")}
    result = run("build", clinic_folder / "jo.yaml", "-o", clinic_folder / target,
                 "--library", clinic_folder / "exercises.yaml",
                 "--clinic", clinic_folder / "clinic.yaml")
    assert result.exit_code == 1
    assert result.stderr == (f"error: -o {clinic_folder / target}: that is an input file "
                             f"({clinic_folder / target}); writing there would destroy it. "
                             "Choose another name\n")
    assert {p.name: p.read_bytes() for p in clinic_folder.glob("*.yaml")} == before
    assert not list(clinic_folder.glob("*.pdf")) and not list(clinic_folder.glob(".*part"))


def test_draw_never_replaces_the_logo(clinic_folder):
    logo = clinic_folder / "images" / "logo.svg"
    before = logo.read_bytes()
    result = run("draw", "child_pose", "-o", logo, "--library",
                 clinic_folder / "exercises.yaml", "--clinic", clinic_folder / "clinic.yaml")
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "that is an input file" in result.stderr
    assert logo.read_bytes() == before


def test_merge_never_replaces_the_roster(tmp_path):
    path = roster(tmp_path / "r.csv", ["Jo Smith"])
    before = path.read_bytes()
    result = run("batch", path, "--merge", path)
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "that is an input file" in result.stderr
    assert path.read_bytes() == before


def test_merge_never_replaces_one_of_the_program_files_given(tmp_path):
    """Several program files are a roster too: --merge naming any of them is refused."""
    files = []
    for name in ("a", "b"):
        files.append(tmp_path / f"{name}.yaml")
        files[-1].write_text(f"patient: {{name: Jo {name}}}\nexercises: [child_pose]\n",
                             encoding="utf-8")
    before = files[1].read_bytes()
    result = run("batch", *files, "--merge", files[1])
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "that is an input file" in result.stderr
    assert files[1].read_bytes() == before


def test_two_batches_into_one_folder_the_second_refuses(tmp_path):
    out = tmp_path / "out"
    path = roster(tmp_path / "r.csv", ["Jo Smith"])
    with api.folder_lock(out):  # as a batch that is running holds it
        result = run("batch", path, "--out-dir", out, "--quiet")
    assert result.exit_code == 1
    assert result.stderr == (f"error: {out}: another make_handouts.py batch is writing into "
                             "this folder; wait for it to finish, or choose another "
                             "--out-dir\n")
    assert not list(out.iterdir())
    # once the first has finished, the folder is free again
    assert run("batch", path, "--out-dir", out, "--quiet").exit_code == 0


def test_two_writers_racing_for_one_name_both_keep_their_file(tmp_path):
    path = tmp_path / "2026-11-23_jo-smith.pdf"
    a = api.write_new(path, b"first")
    b = api.write_new(path, b"second")
    c = api.write_new(path, b"first")
    assert (a, b, c) == (path, tmp_path / "2026-11-23_jo-smith-2.pdf", path)
    assert path.read_bytes() == b"first" and b.read_bytes() == b"second"
    assert sorted(p.name for p in tmp_path.iterdir()) == [b.name, path.name]


def test_a_name_written_exclusively_is_written_once(tmp_path):
    path = tmp_path / "ada-example.yaml"
    api.write_exclusive(path, b"first")
    with pytest.raises(FileExistsError):
        api.write_exclusive(path, b"second")
    assert path.read_bytes() == b"first"
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temporary file left


@pytest.mark.parametrize("command, name", [
    (("build", "--patient", "Jo Smith", "--exercise", "child_pose", "-o"), "print.pdf"),
    (("batch", "{roster}", "--quiet", "--merge"), "print.pdf"),
    (("draw", "child_pose", "-o"), "print.svg")], ids=["build", "batch-merge", "draw"])
def test_an_output_that_is_a_pipe_is_refused_not_written_beside_or_over(tmp_path, command,
                                                                         name):
    """A name that is there but is no file (a pipe, a device) is refused in one line: a
    handout is neither written beside it under a numbered name nor over it."""
    import os
    import stat

    path = roster(tmp_path / "r.csv", ["Jo Smith"])
    target = tmp_path / name
    os.mkfifo(target)
    before = sorted(p.name for p in tmp_path.iterdir())
    result = run(*(str(path) if a == "{roster}" else a for a in command), target)
    assert result.exit_code == 1
    option = command[-1]
    assert result.stderr == (f"error: {option} {target}: that is a pipe, not a file; give "
                             "the name of a file to write\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    assert stat.S_ISFIFO(target.stat().st_mode)


def test_dash_o_dev_null_is_refused_not_written_as_dev_null_2():
    beside = Path("/dev/null-2")
    there = beside.exists()
    try:
        result = run("build", "--patient", "Jo Smith", "--exercise", "child_pose", "-o",
                     "/dev/null")
        assert result.exit_code == 1
        assert result.stderr == ("error: -o /dev/null: that is a device, not a file; give the "
                                 "name of a file to write\n")
        assert beside.exists() == there
    finally:  # what a run as root would have left, had it written beside /dev/null
        if not there:
            with contextlib.suppress(OSError):
                beside.unlink()
