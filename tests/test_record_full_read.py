"""A record whose disk is full, or read-only, while handouts wait in the pending journal: the
record is still read (history, find, reprint, export, the web app's Patients pages), with one
line that says how many handouts wait, not yet in what is shown, and why, so that a person
can free space; writes still refuse. Real file systems: a small tmpfs, a read-only bind
mount (both need root, as CI runs; skipped otherwise). Made-up patients."""

from __future__ import annotations

import contextlib
import os
import subprocess
from pathlib import Path

import pypdf
import pytest

from handouts import record
from record_db import close_engines, read_only
from test_record_copies import clinic, names  # noqa: F401 - clinic: a fixture


@contextlib.contextmanager
def small_disk(folder: Path):
    """A 512 KB disk of its own mounted on ``folder``."""
    folder.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=512k",
                                            "tmpfs", str(folder)],
                                           capture_output=True).returncode:
        pytest.skip("mounting a small disk needs root (CI runs as root)")
    try:
        yield folder
    finally:
        close_engines()
        subprocess.run(["umount", str(folder)], check=False)


def fill(disk: Path) -> Path:
    filler = disk / "filler"
    with contextlib.suppress(OSError), open(filler, "wb") as f:  # until the disk is full
        while True:
            f.write(b"\0" * 4096)
            f.flush()
    return filler


def test_a_full_disk_lets_the_record_be_read_and_says_what_waits(clinic, monkeypatch,
                                                                 tmp_path):
    from handouts.web import create_app

    with small_disk(tmp_path / "disk") as disk:
        db = disk / "handouts.db"
        monkeypatch.setenv("HANDOUTS_DATABASE_URL", f"sqlite:///{db}")
        ann, notices = clinic.issue(clinic.program("Ann Able"))
        assert notices == ()
        filler = fill(disk)
        full = f"the disk that holds the record is full ({disk}); free some space there"
        assert clinic.issue(clinic.program("Ben Baker"))[1] == (f"recorded later: {full}",)
        clinic.issue(clinic.program("Cy Cole"))
        journal = clinic.root / "records" / "pending.json"
        said = (f"warning: 2 handouts wait in {journal}, not yet in what this shows: "
                f"{full}\n")

        result = clinic.run("history", "Ann Able")
        assert (result.exit_code, result.stderr) == (0, said), result.output
        assert result.stdout.startswith("Ann Able\nvisit 1, 2026-11-23")
        handout_id = ann.handout.handout_id
        result = clinic.run("find", handout_id)
        assert (result.exit_code, result.stderr) == (0, said), result.output
        assert f"{handout_id}: Ann Able, visit 1" in result.stdout
        result = clinic.run("reprint", handout_id, "-o", str(tmp_path / "again.pdf"))
        assert (result.exit_code, result.stderr) == (0, said), result.output
        text = pypdf.PdfReader(tmp_path / "again.pdf").pages[0].extract_text()
        assert "Ann Able" in text
        result = clinic.run("export", "--to", str(tmp_path / "export"))
        assert (result.exit_code, result.stderr) == (0, said), result.output
        assert [p.name for p in (tmp_path / "export").iterdir()] == ["ann-able"]

        client = create_app(clinic.ws(), programs_dir=clinic.root / "programs").test_client()
        shown = said.removeprefix("warning: ").strip()
        page = client.get("/patients")
        text = page.get_data(as_text=True)
        assert page.status_code == 200 and "Ann Able" in text and "Ben Baker" not in text
        assert f'<p class="notice" role="status" id="behind">{shown}</p>' in text
        [person] = record.patients(clinic.ws(), "Ann Able")
        for url in (f"/patients/{person.id}", f"/patients/{person.id}/handouts/{handout_id}"):
            page = client.get(url)
            assert page.status_code == 200 and shown in page.get_data(as_text=True), url

        # a write still refuses, and nothing is lost or written twice
        result = clinic.run("import", str(clinic.program("Dee Dunn")))
        assert (result.exit_code, result.stderr) == (1, f"error: {full}\n")
        result = clinic.run("forget", "Ann Able", "--yes")
        assert (result.exit_code, result.stderr) == (
            1, f"error: Ann Able could not be removed from the record: {full}; nothing was "
               "removed from it: then run forget again\n")
        assert names(db) == ["Ann Able"]

        filler.unlink()  # space freed: the next read brings them in, and says so once
        result = clinic.run("history", "Ben Baker")
        assert (result.exit_code, result.stderr) == (
            0, "warning: recorded 2 handouts that waited for the record "
               "(records/pending.json)\n"), result.output
        assert not journal.exists() and names(db) == ["Ann Able", "Ben Baker", "Cy Cole"]
        assert "id=\"behind\"" not in client.get("/patients").get_data(as_text=True)


def test_a_read_only_database_file_is_read_without_what_waits(clinic, monkeypatch, tmp_path):
    """The database on a disk mounted read-only (the records folder, with the journal, on
    another): SQLite says it cannot write; history reads what is there and says so."""
    folder = tmp_path / "db"
    folder.mkdir()
    db = folder / "handouts.db"
    monkeypatch.setenv("HANDOUTS_DATABASE_URL", f"sqlite:///{db}")
    clinic.issue(clinic.program("Ann Able"))
    # the database's folder missing for a while: Ben's handout waits in the journal
    monkeypatch.setenv("HANDOUTS_DATABASE_URL",
                       f"sqlite:///{clinic.root / 'clinic.yaml' / 'handouts.db'}")
    clinic.issue(clinic.program("Ben Baker"))
    monkeypatch.setenv("HANDOUTS_DATABASE_URL", f"sqlite:///{db}")
    journal = clinic.root / "records" / "pending.json"
    waiting = journal.read_bytes()
    with read_only(folder):
        result = clinic.run("history", "Ann Able")
        assert result.exit_code == 0, result.output
        assert result.stdout.startswith("Ann Able\nvisit 1, 2026-11-23")
        assert result.stderr == (
            f"warning: 1 handout waits in {journal}, not yet in what this shows: the "
            f"database cannot be written ({db}: attempt to write a readonly database)\n")
        result = clinic.run("import", str(clinic.program("Cy Cole")))
        assert result.exit_code == 1 and "readonly database" in result.stderr
        assert len(result.stderr.splitlines()) == 1, result.stderr
    assert journal.read_bytes() == waiting
    assert names(db) == ["Ann Able"]
