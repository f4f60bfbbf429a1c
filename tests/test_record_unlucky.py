"""The record on an unlucky day: its SQLite file deleted under the web app, the network
share that holds it not mounted, a copy from a newer version put back, a PostgreSQL role
that may not write, programs imported out of order. Read back with the plain drivers."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

import pytest
from record_db import read_only
from test_record_copies import clinic, names  # noqa: F401 - clinic: a fixture

from handouts import record


def test_a_record_deleted_while_the_web_app_runs_is_not_written_into_the_void(clinic):
    # one process throughout, as the web app is: its pooled connections held the file that
    # was deleted, and every handout after went into it, gone when the app stopped
    db = clinic.root / "records" / "handouts.db"
    clinic.issue(clinic.program("Ann Able"))
    db.unlink()
    _, notices = clinic.issue(clinic.program("Ben Baker"))
    assert notices == ()
    assert names(db) == ["Ben Baker"]
    assert [p.name for p in record.patients(clinic.ws(), "Ben Baker")] == ["Ben Baker"]


def test_a_sqlite_record_on_a_share_that_is_not_mounted_waits_and_makes_no_folder(
        clinic, monkeypatch):
    share = clinic.root / "share"
    monkeypatch.setenv("HANDOUTS_DATABASE_URL", f"sqlite:///{share / 'handouts.db'}")
    _, notices = clinic.issue(clinic.program("Ann Able"))
    assert notices == (f"recorded later: the record cannot be reached, so this handout waits "
                       "on this computer until it can be (1 handout waits in "
                       "records/pending.json); the database is unavailable (sqlite:///"
                       f"{share}/handouts.db): the folder {share} is not there (is the "
                       "network share or drive connected?)",)
    assert not share.exists()  # no second record on this disk, hidden once it is mounted
    result = clinic.run("history", "Ann Able")
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "error: the record cannot be reached, so history cannot read it (the database is "
        f"unavailable (sqlite:///{share}/handouts.db): the folder {share} is not there (is the "
        "network share or drive connected?)): run it where the record can be reached")
    share.mkdir()  # mounted again: the next command brings the handout in
    assert clinic.run("history", "Ann Able").exit_code == 0
    assert names(share / "handouts.db") == ["Ann Able"]
    assert not (clinic.root / "records" / "pending.json").exists()


def newer(db: Path) -> None:
    """The record as a newer version of handouts would leave it: a schema this one lacks."""
    from record_db import close_engines

    close_engines()
    with contextlib.closing(sqlite3.connect(db)) as conn, conn:
        conn.execute("UPDATE alembic_version SET version_num = '0099'")


def test_restore_refuses_a_copy_from_a_newer_version(clinic):
    from handouts.record import schema

    db = clinic.root / "records" / "handouts.db"
    clinic.issue(clinic.program("Ann Able"))
    assert clinic.run("backup", "--to", "usb").exit_code == 0
    [copy] = (clinic.root / "usb").glob("*.db")
    newer(copy)
    clinic.issue(clinic.program("Ben Baker"))
    result = clinic.run("restore", str(copy), "--yes")
    assert result.exit_code == 1
    assert result.stderr == (f"error: {copy} was made by a newer version of handouts (schema "
                             "0099); update handouts on this computer first\n")
    assert names(db) == ["Ann Able", "Ben Baker"]  # left as it was, and still usable
    assert clinic.run("history", "Ben Baker").exit_code == 0
    assert schema.known(schema.HEAD) and schema.known("0001") and not schema.known("0099")


@pytest.mark.parametrize("database", ["postgres"], indirect=True)
def test_a_postgres_user_refused_the_tables_keeps_its_records_waiting(clinic, database,
                                                                      monkeypatch):
    import psycopg

    monkeypatch.chdir(clinic.root)
    clinic.issue(clinic.program("Ann Able"))

    def rights(verb: str) -> None:  # as the database's administrator would
        with psycopg.connect(database.libpq_url, autocommit=True) as conn:
            schema = conn.execute("SELECT current_schema()").fetchone()[0]
            conn.execute(f'{verb} INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA "{schema}" '
                         f'{"FROM" if verb == "REVOKE" else "TO"} CURRENT_USER')

    rights("REVOKE")
    _, notices = clinic.issue(clinic.program("Ben Baker"))
    [notice] = notices
    assert notice.startswith("recorded later: the database refuses this user (postgresql")
    assert notice.endswith("): permission denied for table patients; its administrator must "
                           "let the user create, read and write the record's tables")
    records = clinic.root / "records"
    result = clinic.run("history", "Ben Baker")  # catches up: refused again, still waits
    assert result.exit_code == 1 and "permission denied for table patients" in result.stderr
    assert "could not be written" not in result.stderr
    assert [p.name for p in records.iterdir() if not p.name.startswith(".")] == ["pending.json"]
    rights("GRANT")
    assert clinic.run("history", "Ben Baker").exit_code == 0
    assert [r[1] for r in database.rows(clinic.root)] == ["Ann Able", "Ben Baker"]
    assert not (records / "pending.json").exists()


def checks_passwords(url) -> bool:
    """Whether the test server refuses a wrong password (one that trusts local users
    does not)."""
    import psycopg

    wrong = url.set(drivername="postgresql", password="Wrong-pw-77", query={})
    try:
        psycopg.connect(wrong.render_as_string(hide_password=False), connect_timeout=5).close()
    except psycopg.OperationalError:
        return True
    return False


@pytest.mark.parametrize("database", ["postgres"], indirect=True)
def test_a_wrong_password_or_database_name_is_said_by_the_build_itself(clinic, database,
                                                                      monkeypatch):
    """A mistake in the URL never heals by waiting: build says what the server said (the
    password masked) at once, not only "unavailable" until someone runs history."""
    import sqlalchemy as sa

    good = sa.make_url(database.url)
    cases = [(good.set(database="no_such_db_x"), 'database "no_such_db_x" does not exist')]
    if checks_passwords(good):
        cases.append((good.set(password="Wrong-pw-77"),
                      f'password authentication failed for user "{good.username}"'))
    for url, said in cases:
        monkeypatch.setenv("HANDOUTS_DATABASE_URL", url.render_as_string(hide_password=False))
        result = clinic.run("build", str(clinic.program()), "-o", "jane.pdf")
        assert result.exit_code == 0 and result.stderr.count("\n") == 1
        assert result.stderr.startswith("warning: recorded later: the database is "
                                        "unavailable (postgresql+psycopg://")
        assert result.stderr.rstrip().endswith(said)
        assert ":***@" in result.stderr and "Wrong-pw" not in result.stderr
        assert not good.password or good.password not in result.stderr
        assert clinic.run("history", "Jane Doe").stderr.rstrip().endswith(said)
    monkeypatch.setenv("HANDOUTS_DATABASE_URL", database.url)
    assert clinic.run("history", "Jane Doe").exit_code == 0  # the journal caught up


def test_programs_imported_out_of_order_are_numbered_by_their_dates(clinic, tmp_path):
    files = [clinic.program("Ann Able", date=day, hold=hold) for day, hold in
             (("2026-12-07", "40 s"), ("2026-11-23", "30 s"), ("2026-11-30", "35 s"))]
    result = clinic.run("import", *map(str, files))  # as a shell or a hand might list them
    assert result.exit_code == 0, result.output
    [ann] = record.patients(clinic.ws(), "Ann Able")
    assert [(v.version, v.visit_date.isoformat()) for v in record.visits(clinic.ws(), ann)] == [
        (1, "2026-11-23"), (2, "2026-11-30"), (3, "2026-12-07")]
    # the web app's next visit starts from the newest program, not from the last file named
    latest = record.latest_program(clinic.ws(), ann)
    assert latest.date.isoformat() == "2026-12-07"


def test_a_record_on_a_read_only_disk_can_still_be_read(clinic, tmp_path):
    """An archive, a share mounted read-only, a disk the system remounted read-only after an
    error: history and find read the record; only writing fails, and says why."""
    built, _ = clinic.issue(clinic.program("Ann Able"))
    records = clinic.root / "records"
    (records / "handouts.db").chmod(0o400)  # as a copy off an archive might be
    records.chmod(0o500)
    try:
        with read_only(records):
            result = clinic.run("history", "Ann Able")
            assert result.exit_code == 0, result.output
            assert result.stdout.startswith("Ann Able\nvisit 1, 2026-11-23")
            result = clinic.run("find", built.handout.handout_id)
            assert result.exit_code == 0, result.output
            assert f"{built.handout.handout_id}: Ann Able, visit 1" in result.stdout
            _, notices = clinic.issue(clinic.program("Ben Baker"))  # the handout is made
            [notice] = notices
            assert notice.startswith("not recorded: ") and "Read-only file system" in notice
    finally:
        records.chmod(0o700)
