"""A record on a read-only disk (an archive, a share mounted read-only, a disk the system
remounted read-only after an error) with records still waiting in its pending journal: the
journal cannot be caught up (not even its lock file made): history reads the record without
it, and build and forget say so in one line, never a traceback. A read-only bind mount needs root: skipped
otherwise. Made-up patients."""

from __future__ import annotations

import pypdf

from record_db import read_only
from test_record_copies import clinic, names  # noqa: F401 - clinic: a fixture


def test_a_waiting_journal_on_a_read_only_disk_is_one_line_never_a_traceback(
        clinic, monkeypatch):
    clinic.issue(clinic.program("Ann Able"))
    # the database's folder missing for a while: Ben's handout waits in the journal
    monkeypatch.setenv("HANDOUTS_DATABASE_URL",
                       f"sqlite:///{clinic.root / 'clinic.yaml' / 'handouts.db'}")
    clinic.issue(clinic.program("Ben Baker"))
    monkeypatch.delenv("HANDOUTS_DATABASE_URL")
    records = clinic.root / "records"
    journal = records / "pending.json"
    waiting = journal.read_bytes()
    cy = clinic.program("Cy Cole")
    said = (f"the records waiting in {journal} cannot be brought into the record: {records} "
            "cannot be written (Read-only file system); they wait there until it can")
    with read_only(records):
        # the record is read without the handout that waits, and says so
        result = clinic.run("history", "Ann Able")
        assert result.exit_code == 0 and result.stdout.startswith("Ann Able\nvisit 1, ")
        assert result.stderr == (f"warning: 1 handout waits in {journal}, not yet in what this "
                                 f"shows: {records} cannot be written (Read-only file system)\n")

        # the handout is still made, and says why it is not recorded
        result = clinic.run("build", str(cy), "-o", "cy.pdf")
        assert result.exit_code == 0, result.output
        assert result.stderr == (f"warning: not recorded: {said}, and {journal} cannot be "
                                 "written (Read-only file system)\n")
        assert "Cy Cole" in pypdf.PdfReader(clinic.root / "cy.pdf").pages[0].extract_text()

        for who in ("Ann Able", "Ben Baker"):  # in the database; in the journal
            result = clinic.run("forget", who, "--yes")
            assert result.exit_code == 1 and "Traceback" not in result.output
            assert len(result.stderr.splitlines()) == 1, result.stderr
        assert result.stdout == ""
        assert result.stderr == (
            f"error: Ben Baker could not be removed from the records kept outside the "
            f"database, in {records}: Read-only file system; run forget again once it can be "
            "written\n")
    assert journal.read_bytes() == waiting  # nothing lost, nothing half-written
    assert names(records / "handouts.db") == ["Ann Able"]
