"""Private by default: every folder the program makes is 0700 and every file 0600, so no
other local account can list patients' names or read their handouts; a clinic.yaml setting
shares the print folder. Modes are read back with os.stat, under a permissive umask (022),
so that it is the program, not the umask, that keeps them private."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from handouts.cli import main
from handouts.web import create_app

from conftest import WEB_LIBRARY

ROOT = Path(__file__).resolve().parent.parent


def run(*args):
    """The command, with the library and clinic.yaml of the working folder."""
    return CliRunner().invoke(main, [str(a) for a in args] + [
        "--library", "exercises.yaml", "--clinic", "clinic.yaml"], catch_exceptions=False)


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def modes_under(root: Path) -> dict[str, int]:
    """The mode of ``root`` and of everything in it, by path relative to its parent."""
    found = {root.name: mode(root)}
    for path in root.rglob("*"):
        found[str(path.relative_to(root.parent))] = mode(path)
    return found


@pytest.fixture(autouse=True)
def permissive_umask():
    old = os.umask(0o022)
    yield
    os.umask(old)


@pytest.fixture
def clinic_folder(tmp_path, monkeypatch):
    """A copy of the clinic's files, so a test may change clinic.yaml."""
    for name in ("exercises.yaml", "clinic.yaml"):
        shutil.copy(ROOT / name, tmp_path / name)
    # a copy, not a link: pictures must stay in the library's folder (README: Limits)
    shutil.copytree(ROOT / "images", tmp_path / "images")
    (tmp_path / "fonts").symlink_to(ROOT / "fonts")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("HANDOUTS_SMTP_PASSWORD", raising=False)
    return tmp_path


def only_private(found: dict[str, int], root: Path) -> None:
    for name, bits in found.items():
        want = 0o700 if (root.parent / name).is_dir() else 0o600
        assert bits == want, f"{name} is {oct(bits)}, not {oct(want)}"


def test_build_and_batch_output_is_private(clinic_folder):
    assert run("build", "--patient", "Jo Smith", "--exercise", "child_pose").exit_code == 0
    roster = clinic_folder / "r.csv"
    roster.write_text("name,program\nAda Example,chronic_low_back\nBo Example,chronic_low_back\n")
    assert run("batch", roster, "--out-dir", "printed/today", "--merge",
               "merged/today.pdf", "--quiet").exit_code == 0
    for root in ("out", "printed", "merged"):
        found = modes_under(clinic_folder / root)
        assert len(found) > 1
        only_private(found, clinic_folder / root)


def test_a_shared_print_folder_is_readable_by_others(clinic_folder):
    clinic = yaml.safe_load((clinic_folder / "clinic.yaml").read_text())
    (clinic_folder / "clinic.yaml").write_text(
        yaml.safe_dump({**clinic, "shared_print_folder": True}))
    assert run("build", "--patient", "Jo Smith", "--exercise", "child_pose").exit_code == 0
    [pdf] = (clinic_folder / "out").glob("*.pdf")
    assert (mode(clinic_folder / "out"), mode(pdf)) == (0o755, 0o644)


def test_the_outbox_is_private(clinic_folder):
    clinic = yaml.safe_load((clinic_folder / "clinic.yaml").read_text())
    (clinic_folder / "clinic.yaml").write_text(
        yaml.safe_dump({**clinic, "email": "desk@example.com"}))
    program = clinic_folder / "jo.yaml"
    program.write_text("patient: {name: Jo Smith, email: jo@example.com}\n"
                       "exercises: [child_pose]\n")
    result = run("email", program, "--no-send")
    assert result.exit_code == 0, result.output
    found = modes_under(clinic_folder / "outbox")
    assert {"outbox/pending", "outbox/audit.jsonl", "outbox/.lock"} <= set(found)
    only_private(found, clinic_folder / "outbox")


def test_saved_programs_are_private(tmp_path):
    from handouts import open_workspace

    ws = open_workspace(WEB_LIBRARY / "exercises.yaml", WEB_LIBRARY / "clinic.yaml")
    client = create_app(ws, programs_dir=tmp_path / "programs").test_client()
    import re

    token = re.search(rb'name="csrf_token" value="([^"]+)"', client.get("/").data).group(1)
    page = client.post("/program", data={"csrf_token": token.decode(), "action": "save",
                                         "patient_name": "Jo Smith", "ex-0-id": "bridge"},
                       follow_redirects=True)  # Post/Redirect/Get
    assert page.status_code == 200, page.data[:300]
    found = modes_under(tmp_path / "programs")
    assert "programs/jo-smith.yaml" in found
    only_private(found, tmp_path / "programs")


def test_the_drawing_cache_is_private(tmp_path):
    cache = tmp_path / "home" / "cache" / "handouts"
    env = {**os.environ, "HANDOUTS_CACHE_DIR": str(cache)}
    done = subprocess.run([sys.executable, str(ROOT / "make_handouts.py"), "build",
                           "--patient", "Jo Smith", "--exercise", "child_pose",
                           "-o", str(tmp_path / "jo.pdf")], env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    found = modes_under(tmp_path / "home")
    assert any(name.endswith(".json") for name in found), found
    only_private(found, tmp_path / "home")


def test_the_records_folder_is_private_also_while_the_database_is_away(clinic_folder,
                                                                      monkeypatch):
    """The record beside clinic.yaml (SQLite), then a database out of reach: the handouts
    wait in the journal, with its lock file, all of it the user's only."""
    monkeypatch.delenv("HANDOUTS_DATABASE_URL", raising=False)
    assert run("build", "--patient", "Jo Smith", "--exercise", "child_pose").exit_code == 0
    monkeypatch.setenv("HANDOUTS_DATABASE_URL", "postgresql://nobody@127.0.0.1:9/none")
    result = run("build", "--patient", "Al Smith", "--exercise", "child_pose")
    assert result.exit_code == 0 and "recorded later" in result.stderr
    found = modes_under(clinic_folder / "records")
    assert {"records/handouts.db", "records/pending.json", "records/.pending.json.lock"} <= set(
        found)
    only_private(found, clinic_folder / "records")
