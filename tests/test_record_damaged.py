"""The record's files outside the database on a bad day: a pending journal, a file set aside
or what is kept of an unsent message that is cut short, not JSON, JSON of another shape,
empty, or a folder in its place. Each command says so in one line naming the file and what
to do, never a traceback; nothing such a file holds is lost (it is set aside whole, or left
as it is); and ``forget`` and ``history`` say they could not look in it, rather than that
the patient is nowhere. Made-up patients; the files are read back as bytes and JSON."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from handouts import record
from test_record import Clinic, dead_url, dead_notice


@pytest.fixture
def clinic(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return Clinic(tmp_path)


WHY = {"cut": "cut short or damaged (not JSON)", "not JSON": "cut short or damaged (not JSON)",
       "a list": "not records as handouts writes them",
       "entries not a list": "not records as handouts writes them",
       "null": "not records as handouts writes them",
       "a folder": "cannot be read (Is a directory)"}


def damage(path: Path, how: str) -> bytes | None:
    """``path`` damaged as ``how`` says; the bytes it then holds (None: a folder)."""
    whole = path.read_bytes() if path.is_file() else b'{"libraries": {}, "entries": []}'
    path.unlink(missing_ok=True)
    if how == "a folder":
        path.mkdir()
        (path / "inside").write_text("Ann Able")
        return None
    data = {"cut": whole[:len(whole) // 2], "not JSON": b"Ann Able\x00\xff",
            "a list": b"[1, 2]", "entries not a list": b'{"libraries": {}, "entries": "x"}',
            "null": b"null"}[how]
    path.write_bytes(data)
    return data


def ann_waits(clinic, database, monkeypatch) -> Path:
    """Ann Able issued while the database is down: she waits in the pending journal."""
    good = os.environ.get("HANDOUTS_DATABASE_URL")
    monkeypatch.setenv("HANDOUTS_DATABASE_URL", dead_url(database, clinic))
    clinic.issue(clinic.program("Ann Able"))
    if good is None:
        monkeypatch.delenv("HANDOUTS_DATABASE_URL")
    else:
        monkeypatch.setenv("HANDOUTS_DATABASE_URL", good)
    journal = clinic.root / "records" / "pending.json"
    assert "Ann Able" in journal.read_text()
    return journal


def same(kept: Path, data: bytes | None) -> bool:
    if data is None:
        return (kept / "inside").read_text() == "Ann Able"
    return kept.read_bytes() == data


def set_aside_said(journal: Path, why: str, kept: Path, clinic) -> str:
    """The warning for a damaged journal set aside as ``kept`` (the command went on)."""
    return (f"warning: {journal}: {why}; it is kept as {kept}: put it right and bring its "
            f"records back with make_handouts.py import {kept}{clinic.given}, or delete it "
            "once they are in the record\n")


@pytest.mark.parametrize("how", list(WHY))
def test_a_damaged_journal_is_set_aside_whole_said_once_and_forget_says_it_did_not_look(
        clinic, database, monkeypatch, how):
    clinic.issue(clinic.program("Ben Baker"))  # the record exists, and answers
    journal = ann_waits(clinic, database, monkeypatch)
    data = damage(journal, how)

    # set aside, said, and the command does what it was asked: a warning, not a failure
    result = clinic.run("history", "Ben Baker")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Ben Baker\nvisit 1, 2026-11-23")
    [kept] = (clinic.root / "records").glob("pending-*.rejected.json")
    assert result.stderr == set_aside_said(journal, WHY[how], kept, clinic)
    assert same(kept, data) and not journal.exists()
    # the record goes on: read, and written; said once
    result = clinic.run("history", "Ben Baker")
    assert result.exit_code == 0 and result.stderr == ""
    assert clinic.issue(clinic.program("Cy Cole"))[1] == ()
    assert not journal.exists()
    assert [p.name for p in record.patients(clinic.ws())] == ["Ben Baker", "Cy Cole"]

    # Ann may be in the file set aside: forget cannot reach her there, and says so
    result = clinic.run("forget", "Ann Able", "--yes")
    assert result.exit_code == 1
    assert result.stderr == ('error: no patient named "Ann Able" in the record; not looked '
                             f"in {kept}: {WHY[how]}: they may be in it\n")
    result = clinic.run("forget", "Ben Baker", "--yes")
    assert result.exit_code == 0, result.output
    copies = "; also from 1 backup of the record" if database.kind == "sqlite" else ""
    assert result.stdout == (f"removed Ben Baker: 1 program version, 1 handout issued{copies}; "
                             f"not looked in {kept}: {WHY[how]}: they may be in it, so look at it "
                             "and delete it once nothing else in it is needed\n")
    assert same(kept, data)


def test_a_damaged_journal_found_by_a_build_is_a_warning_and_the_handout_is_recorded(
        clinic, database, monkeypatch):
    # a front desk's script: the PDF was written and recorded, so the build succeeded (exit
    # 0); the journal set aside on the way is a warning to act on, not a failed build
    from click.testing import CliRunner
    from conftest import page_texts
    from handouts.cli import main

    journal = ann_waits(clinic, database, monkeypatch)
    data = damage(journal, "cut")
    program = clinic.program("Cy Cole")
    pdf = clinic.root / "cy.pdf"
    result = CliRunner().invoke(main, ["build", str(program), "-o", str(pdf), "--library",
                                       str(clinic.root / "exercises.yaml"), "--clinic",
                                       str(clinic.root / "clinic.yaml")])
    assert result.exit_code == 0, result.output
    [kept] = (clinic.root / "records").glob("pending-*.rejected.json")
    assert result.stderr == set_aside_said(journal, WHY['cut'], kept, clinic)
    assert same(kept, data) and not journal.exists()
    text = "\n".join(page_texts(pdf.read_bytes()))
    assert "Cy Cole" in text
    # recorded now, in the database, not later
    [(handout_id, name)] = [r[:2] for r in database.rows(clinic.root)]
    assert name == "Cy Cole" and handout_id in text


def test_a_damaged_journal_while_the_database_is_down_is_set_aside_not_written_over(
        clinic, database, monkeypatch):
    journal = ann_waits(clinic, database, monkeypatch)
    data = damage(journal, "cut")
    monkeypatch.setenv("HANDOUTS_DATABASE_URL", dead_url(database, clinic))
    notices = clinic.issue(clinic.program("Cy Cole"))[1]
    [kept] = (clinic.root / "records").glob("pending-*.rejected.json")
    assert notices == (dead_notice(database, clinic),
                       f"{journal}: {WHY['cut']}; it is kept as {kept} and a new one begun: "
                       "put it right and bring its records back with make_handouts.py import "
                       f"{kept}, or delete it once they are in the record")
    assert kept.read_bytes() == data
    assert [e["patient"]["name"] for e in json.loads(journal.read_text())["entries"]] == [
        "Cy Cole"]


def test_an_empty_journal_holds_nothing_and_stops_nothing(clinic, database, monkeypatch):
    journal = ann_waits(clinic, database, monkeypatch)
    journal.write_bytes(b"")  # a disk that lost the write
    assert clinic.issue(clinic.program("Cy Cole"))[1] == ()
    assert [p.name for p in record.patients(clinic.ws())] == ["Cy Cole"]
    assert not list((clinic.root / "records").glob("pending-*"))


def test_a_journal_of_entries_the_record_cannot_read_is_set_aside_as_rejected(
        clinic, database, monkeypatch):
    journal = ann_waits(clinic, database, monkeypatch)
    whole = json.loads(journal.read_text())
    whole["entries"].insert(0, 5)  # an entry that is not one
    journal.write_text(json.dumps(whole))
    result = clinic.run("history", "Ann Able")
    [kept] = (clinic.root / "records").glob("pending-*.rejected.json")
    # set aside and said; the read goes ahead, and Ann is only in the file set aside
    assert result.exit_code == 1
    assert result.stderr == (
        f"warning: the pending records could not be written (TypeError); they are kept in "
        f"{kept}; once that is put right, bring them back with: make_handouts.py import "
        f"{kept}{clinic.given}\n"
        f'error: no patient named "Ann Able" in the record; Ann Able is only in records kept '
        f"outside it, in {kept.parent}: 1 record set aside as rejected (pending-*.rejected.json:"
        f" bring them back with make_handouts.py import FILE{clinic.given})\n")
    assert json.loads(kept.read_text()) == whole


@pytest.mark.parametrize("how", ["cut", "a list", "a folder"])
def test_a_damaged_file_set_aside_is_named_by_import_history_and_forget(clinic, database,
                                                                        monkeypatch, how):
    journal = ann_waits(clinic, database, monkeypatch)
    kept = journal.with_name("pending-20261202-101500.rejected.json")
    shutil.copy(journal, kept)
    journal.unlink()
    data = damage(kept, how)
    result = clinic.run("import", str(kept))
    assert result.exit_code == 1  # a folder too: one line, not click's usage error
    assert result.stderr == (
        f"error: {kept}: a folder, with no program files (.yaml) or records set aside in it; "
        f"import takes files, e.g. make_handouts.py import export/jane-doe/*.yaml{clinic.given}\n"
        if how == "a folder" else
        f"error: {kept}: {WHY[how]}; nothing was imported from it: open it in a text editor "
        f"(it is JSON), put it right and import it again, or delete it once make_handouts.py "
        f"history NAME{clinic.given} shows the handouts it names for each patient in it\n")
    result = clinic.run("history", "Ann Able")
    assert result.stderr == ('error: no patient named "Ann Able" in the record; not looked '
                             f"in {kept}: {WHY[how]}: they may be in it\n")
    assert same(kept, data)


def test_a_folder_or_a_mistyped_name_given_to_import_says_what_to_type(clinic, database,
                                                                       monkeypatch):
    import glob

    clinic.issue(clinic.program("Ben Baker"))
    clinic.issue(clinic.program("Cy Cole"))
    assert clinic.run("export", "--to", "exported").exit_code == 0
    result = clinic.run("import", "exported/")
    assert result.exit_code == 1  # one line, not click's usage error (exit status 2)
    # with the clinic's files as given: run as printed, it imports into the same record
    files = clinic.given
    assert result.stderr == ("error: exported/: a folder; import takes files: to import the "
                             f"files in it, run make_handouts.py import "
                             f"{clinic.root / 'exported'}/*/*.yaml"
                             f"{files}\n")
    # what it says to type works (the shell expands the pattern)
    result = clinic.run("import", *sorted(glob.glob("exported/*/*.yaml")))
    assert result.stdout == "imported 2 program files: 0 new, 2 already in the record\n"
    # a folder among files: the files are imported all the same
    result = clinic.run("import", "exported/ben-baker", str(clinic.program("Di Dee")))
    assert result.exit_code == 1
    assert result.stdout == "imported 1 program file: 1 new, 0 already in the record\n"
    assert result.stderr == (
        "error: exported/ben-baker: a folder; import takes files: to import the files in it, "
        f"run make_handouts.py import {clinic.root / 'exported/ben-baker'}/*.yaml{files}\n")

    # a set-aside file's name mistyped: the ones there are named
    journal = ann_waits(clinic, database, monkeypatch)
    kept = journal.with_name("pending-20261202-101500.rejected.json")
    journal.rename(kept)
    result = clinic.run("import", "records/pending-20261202-101501.rejected.json")
    assert result.exit_code == 1
    assert result.stderr == ("error: records/pending-20261202-101501.rejected.json: no such "
                             "file; the records set aside in records are: "
                             "records/pending-20261202-101500.rejected.json\n")
    result = clinic.run("import", "records")
    assert result.stderr == ("error: records: a folder; import takes files: to import the "
                             "files in it, run make_handouts.py import "
                             f"{clinic.root / 'records'}/pending-*.rejected.json{files}\n")
    assert clinic.run("import", *glob.glob("records/pending-*.rejected.json")).stdout == (
        "brought back 1 record set aside in records/pending-20261202-101500.rejected.json\n")
    assert [p.name for p in record.patients(clinic.ws())] == [
        "Ann Able", "Ben Baker", "Cy Cole", "Di Dee"]


def queued_for_ann(clinic) -> tuple[Path, str]:
    ws = clinic.ws()
    program = record.api.load_program(clinic.program("Ann Able"), ws)
    built = record.api.build_handout(program, ws)
    name = f"2026-11-23_ann-able_{built.handout.handout_id}"
    assert record.queued(ws, name, record.Issue.of(program, built)) == ()
    kept = clinic.root / "records" / "unsent" / f"{name}.json"
    assert "Ann Able" in kept.read_text()
    return kept, name


@pytest.mark.parametrize("how", ["cut", "a list", "a folder"])
def test_what_is_kept_of_an_unsent_message_damaged_is_said_and_left(clinic, database, how):
    kept, name = queued_for_ann(clinic)
    data = damage(kept, how)
    why = WHY[how] if how != "a list" else "not what handouts keeps of a message not sent yet"
    ws = clinic.ws()
    # the message went: what the record was to keep of it cannot be read
    assert record.delivered(ws.clinic_path, ws.clinic, [name]) == (
        f"not recorded: {kept}: {why}; it is left there for a person to look at",)
    assert same(kept, data)
    result = clinic.run("history", "Ann Able")
    assert result.stderr == ('error: no patient named "Ann Able" in the record; not looked '
                             f"in {kept}: {why}: they may be in it\n")


def test_what_is_kept_of_an_unsent_message_is_on_the_disk_before_the_message_can_go(
        clinic, database, monkeypatch):
    # the outbox's .eml is flushed to the disk; what the record keeps of it must be too, or
    # a power cut leaves a message that goes later and is never recorded
    flushed = []
    real = os.fsync

    def fsync(fd):
        flushed.append(os.readlink(f"/proc/self/fd/{fd}"))
        return real(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    kept, _ = queued_for_ann(clinic)
    assert [Path(p).name.startswith(f".{kept.name}.") for p in flushed
            if Path(p).parent == kept.parent] == [True]


def test_a_database_gone_while_its_copies_are_kept_is_said_as_a_new_one_is_made(clinic,
                                                                                 monkeypatch):
    """records/handouts.db deleted or moved by mistake: the next command made a new, empty
    one without a word, and the record then knew no one. It still makes one (a handout is
    never stopped for the record), and says where the copies of the old one are."""
    monkeypatch.delenv("HANDOUTS_DATABASE_URL", raising=False)  # SQLite beside clinic.yaml
    clinic.issue(clinic.program("Ann Able"))
    clinic.issue(clinic.program("Bo Bell"))  # the day's first write after the first copies
    [copy] = (clinic.root / "records" / "backups").glob("daily-*.db")
    database = clinic.root / "records" / "handouts.db"
    database.unlink()
    result = clinic.run("history", "Ann Able")
    assert result.exit_code == 1
    assert (f"warning: the record's database was not there ({database}): a new, empty one "
            f"is made; {copy.parent} holds copies of an earlier one: if it was lost, put the "
            f"newest back with make_handouts.py restore {copy}{clinic.given}\n") \
        in result.stderr
    # said once: the new one is the record now
    assert "was not there" not in clinic.run("history", "Ann Able").stderr
