"""The record's schema over time: the newest migration makes exactly the tables the code
reads, and a database made by the first version is upgraded in place, its data kept."""

from __future__ import annotations

import datetime as dt
import hashlib
import subprocess
import sys

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.config import Config

import handouts as api
from handouts import record
from handouts.record import schema, store, upgrading
from handouts.record.entry import PICTURES, library_files, library_hash, program_yaml
from handouts.words import text
from handouts.words.text import TEMPLATES
from conftest import ROOT, page_texts
from test_record import clinic  # noqa: F401 - the fixture, shared


def engine_for(ws) -> sa.Engine:
    rec = record.open_record(ws)
    if rec.where.sqlite_file:
        rec.where.sqlite_file.parent.mkdir(parents=True, exist_ok=True)
    return sa.create_engine(rec.where.url)


def test_the_newest_migration_makes_the_tables_the_code_reads(clinic, database):
    config = Config()
    config.set_main_option("script_location", str(upgrading.MIGRATIONS))
    assert ScriptDirectory.from_config(config).get_current_head() == schema.HEAD
    record.patients(clinic.ws())  # first use: creates the database
    engine = engine_for(clinic.ws())
    with engine.connect() as conn:
        assert upgrading.revision(conn) == schema.HEAD
        assert compare_metadata(MigrationContext.configure(conn), schema.metadata) == []
    engine.dispose()


def _library_version(conn, digest: str, files, now: dt.datetime) -> None:
    """A library version's texts, as the versions of schemas 0001 and 0002 kept them (once
    per version)."""
    if not conn.execute(sa.text("SELECT 1 FROM libraries WHERE hash = :h"),
                        {"h": digest}).first():
        conn.execute(sa.text("INSERT INTO libraries VALUES (:h, :now)"),
                     {"h": digest, "now": now})
        for role, name, text in files:
            conn.execute(sa.text("INSERT INTO library_files VALUES (:h, :r, :n, :t)"),
                         {"h": digest, "r": role, "n": name, "t": text})


def _first_version_record(clinic, name: str = "  JANE   doe") -> api.Built:
    """The record as the first version left it (schema 0001): one patient, one handout."""
    ws = clinic.ws()
    program = api.load_program(clinic.program(name=name), ws)
    built = api.build_handout(program, ws)
    # the first version kept the texts only, no pictures
    files = [f for f in library_files(ws) if f[0] not in PICTURES]
    digest = library_hash(files)
    engine = engine_for(ws)
    now = dt.datetime(2026, 11, 23, 15, 0)
    with engine.begin() as conn:
        upgrading.upgrade(conn, "0001")
        assert not {"name_key"} & {c["name"] for c in sa.inspect(conn).get_columns("patients")}
        patient = conn.execute(sa.text("INSERT INTO patients (name, created_at) VALUES "
                                       "(:name, :now) RETURNING id"),
                               {"name": name, "now": now}).scalar()
        conn.execute(sa.text("INSERT INTO programs (patient_id, version, visit_date, yaml, "
                             "recorded_at) VALUES (:p, 1, :day, :yaml, :now)"),
                     {"p": patient, "day": dt.date(2026, 11, 23),
                      "yaml": program_yaml(program, built.handout), "now": now})
        _library_version(conn, digest, files, now)
        conn.execute(sa.text("INSERT INTO handouts (handout_id, program_id, library_hash, "
                             "issued_at, channel) SELECT :id, id, :h, :now, 'printed' "
                             "FROM programs WHERE patient_id = :p"),
                     {"id": built.handout.handout_id, "h": digest, "now": now, "p": patient})
    engine.dispose()
    return built


def test_a_database_of_the_first_version_is_upgraded_in_place(clinic, database):
    built = _first_version_record(clinic)

    # this version opens it: upgraded, and the old patient is found by a folded name
    result = clinic.run("history", "Jane Doe")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == "  JANE   doe"
    assert database.rows(clinic.root, "SELECT version_num FROM alembic_version") == [(schema.HEAD,)]
    assert database.rows(clinic.root, "SELECT name_key FROM patients") == [("jane doe",)]

    # an old handout has no checksum: the reprint is the same handout, but cannot say so
    result = clinic.run("reprint", built.handout.handout_id, "-o", "old.pdf")
    assert (clinic.root / "old.pdf").read_bytes() == built.pdf
    assert "the record has no checksum of the PDF issued" in result.output

    # and new handouts go on being recorded beside the old ones, with their checksum
    clinic.issue(clinic.program(name="Jane Doe", date="2026-12-07"))
    assert [r[4] for r in database.rows(clinic.root)] == ["1", "2"]
    assert database.rows(clinic.root)[1][8] is not None


def _held(copy) -> tuple[list, list]:
    """(schema, patients' names) of a SQLite copy of the record, read as it is."""
    import contextlib
    import sqlite3

    with contextlib.closing(sqlite3.connect(f"file:{copy}?mode=ro", uri=True)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        return ([r[0] for r in conn.execute("SELECT version_num FROM alembic_version")],
                [r[0] for r in conn.execute("SELECT name FROM patients ORDER BY id")])


@pytest.mark.parametrize("database", ["sqlite"], indirect=True)
def test_the_record_is_copied_whole_before_its_schema_is_upgraded(clinic, database):
    # history, the first command after an update, upgraded the database in place, and the
    # day's copy was only made at the first write, after it: no copy from before a migration
    # that failed half-way or was wrong
    _first_version_record(clinic, "Ann Example")
    _first_version_record(clinic, "Bo Example")
    result = clinic.run("history", "Ann Example")
    assert result.exit_code == 0, result.output
    copy = clinic.root / "records" / "backups" / f"before-{schema.HEAD}.db"
    assert result.stderr == (f"warning: the record's database was upgraded from schema 0001 "
                             f"to {schema.HEAD}; the copy from before the upgrade is {copy}\n")
    assert _held(copy) == (["0001"], ["Ann Example", "Bo Example"])
    assert copy.stat().st_mode & 0o777 == 0o600
    assert database.rows(clinic.root, "SELECT version_num FROM alembic_version") == [
        (schema.HEAD,)]
    # once: the database is current now
    result = clinic.run("history", "Bo Example")
    assert result.exit_code == 0 and result.stderr == ""
    assert sorted(p.name for p in copy.parent.iterdir()) == [copy.name]

    # forget reaches it, and leaves it at the schema it was copied at
    result = clinic.run("forget", "Ann Example", "--yes")
    assert result.exit_code == 0, result.output
    assert "1 backup of the record" in result.stdout
    assert _held(copy) == (["0001"], ["Bo Example"])


def test_a_database_from_a_newer_version_is_not_touched(clinic, database):
    record.patients(clinic.ws())
    engine = engine_for(clinic.ws())
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE alembic_version SET version_num = '0099'"))
    engine.dispose()
    from record_db import close_engines
    close_engines()
    built, notices = clinic.issue(clinic.program())
    # what to do, as the handout waits: not "unavailable", which it would never stop being
    assert notices == ("recorded later: the record's database was made by a newer version of "
                       "handouts (schema 0099); update handouts on this computer",)
    result = clinic.run("find", built.handout.handout_id)
    assert result.exit_code == 1
    assert result.stderr == ("error: the record's database was made by a newer version of "
                             "handouts (schema 0099); update handouts on this computer\n")



def test_forget_says_a_database_from_a_newer_version_needs_this_computer_updated(
        clinic, database):
    record.patients(clinic.ws())
    engine = engine_for(clinic.ws())
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE alembic_version SET version_num = '0099'"))
    engine.dispose()
    clinic.issue(clinic.program(name="Ann Example"))  # waits in records/pending.json
    result = clinic.run("forget", "Ann Example", "--yes")
    assert result.exit_code == 1
    assert result.stdout == ("removed Ann Example from the records kept outside the "
                             "database: 1 record waiting for the database\n")
    # the database answers: waiting for it would never help, updating handouts here does
    assert result.stderr == (
        "error: the record's database was made by a newer version of handouts (schema "
        "0099); update handouts on this computer; Ann Example may be in the record too: "
        "run forget again once handouts is updated here\n")


def test_each_revision_steps_down_and_up_again_keeping_the_data(clinic, database):
    from alembic import command

    built, _ = clinic.issue(clinic.program(name="Ann Example"))
    engine = engine_for(clinic.ws())
    config = Config()
    config.set_main_option("script_location", str(upgrading.MIGRATIONS))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0001")
        assert upgrading.revision(conn) == "0001"
        command.upgrade(config, "head")
    engine.dispose()
    assert database.rows(clinic.root, "SELECT name_key FROM patients") == [("ann example",)]
    # the checksum went with its column; the handout itself is still there
    assert [(r[0], r[8]) for r in database.rows(clinic.root)] == [
        (built.handout.handout_id, None)]


def test_a_database_a_newer_version_upgrades_while_this_one_has_it_open(clinic, database):
    # a group's computers share one database, and a web app runs for days: another site's
    # newer version upgrades the database after this process opened it (its schema checked)
    clinic.issue(clinic.program(name="Ann Example"))
    engine = engine_for(clinic.ws())
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE alembic_version SET version_num = '0099'"))
    engine.dispose()
    # this version's rows would be the old schema's: they wait, and it says what to do
    built, notices = clinic.issue(clinic.program(name="Bo Example"))
    assert notices == ("recorded later: the record's database was made by a newer version of "
                       "handouts (schema 0099); update handouts on this computer",)
    assert [r[1] for r in database.rows(clinic.root)] == ["Ann Example"]
    assert "Bo Example" in (clinic.root / "records" / "pending.json").read_text()
    result = clinic.run("history", "Ann Example")
    assert result.exit_code == 1
    assert "newer version of handouts (schema 0099)" in result.stderr

    # put back at an older revision (last year's dump restored): upgraded again, and the
    # handout that waited is written
    from alembic import command

    engine = engine_for(clinic.ws())
    config = Config()
    config.set_main_option("script_location", str(upgrading.MIGRATIONS))
    with engine.begin() as conn:
        # its tables are the newest's: stepped down from there
        conn.execute(sa.text(f"UPDATE alembic_version SET version_num = '{schema.HEAD}'"))
        config.attributes["connection"] = conn
        command.downgrade(config, "0002")
        assert upgrading.revision(conn) == "0002"
    engine.dispose()
    assert clinic.run("history", "Bo Example").exit_code == 0
    assert [r[1] for r in database.rows(clinic.root)] == ["Ann Example", "Bo Example"]
    assert database.rows(clinic.root, "SELECT version_num FROM alembic_version") == [(schema.HEAD,)]


def test_each_transaction_asks_the_schema_revision_once(clinic, database):
    # a writer asks after taking its turn, a reader once: never twice in one transaction
    clinic.issue(clinic.program(name="Ann Example"))  # the database made and opened
    engine = store._engines[record.open_record(clinic.ws()).where.url]
    asked = []

    def look(conn, cursor, statement, *_):
        if "alembic_version" in statement:
            asked.append(statement)

    sa.event.listen(engine, "before_cursor_execute", look)
    try:
        _, notices = clinic.issue(clinic.program(name="Bo Example"))
        assert notices == ()
        assert len(asked) == 1, asked
        assert [p.name for p in record.patients(clinic.ws())] == ["Ann Example", "Bo Example"]
        assert len(asked) == 2, asked
    finally:
        sa.event.remove(engine, "before_cursor_execute", look)
    assert [r[1] for r in database.rows(clinic.root)] == ["Ann Example", "Bo Example"]


def _as_an_older_version_recorded(ws, engine, program, built, name_key):
    """A handout recorded as the versions of schema 0002 did: the library's texts, but no
    pictures and no copy of the clinic's own wording (strings.<lang>.yaml, templates/)."""
    files = [f for f in library_files(ws) if f[0] in ("library", "clinic", "translation")]
    digest = library_hash(files)
    now = dt.datetime(2026, 12, 2, 9, 0)
    with engine.begin() as conn:
        if upgrading.revision(conn) is None:
            upgrading.upgrade(conn, "0002")
        conn.execute(sa.text("INSERT INTO patients (name, created_at, name_key) "
                             "VALUES (:name, :now, :key)"),
                     {"name": program.patient.name, "now": now, "key": name_key})
        conn.execute(sa.text("INSERT INTO programs (patient_id, version, visit_date, yaml, "
                             "recorded_at) SELECT id, 1, :day, :yaml, :now FROM patients "
                             "WHERE name_key = :key"),
                     {"day": program.date, "yaml": program_yaml(program, built.handout),
                      "now": now, "key": name_key})
        _library_version(conn, digest, files, now)
        conn.execute(sa.text(
            "INSERT INTO handouts (handout_id, program_id, library_hash, issued_at, channel, "
            "pdf_sha256) SELECT :id, p.id, :h, :now, 'printed', :sha FROM programs p "
            "JOIN patients ON patients.id = p.patient_id WHERE name_key = :key"),
            {"id": built.handout.handout_id, "h": digest, "now": now, "key": name_key,
             "sha": hashlib.sha256(built.pdf).hexdigest()})


def _reprint(clinic, handout_id: str, output: str) -> subprocess.CompletedProcess:
    """``reprint`` in a process of its own, as the clinic runs it after the update (this
    one has read the wording as it was when it built the handouts)."""
    return subprocess.run(
        [sys.executable, str(ROOT / "make_handouts.py"), "reprint", handout_id, "-o", output,
         "--library", str(clinic.root / "exercises.yaml"),
         "--clinic", str(clinic.root / "clinic.yaml")],
        cwd=clinic.root, capture_output=True, text=True, timeout=300)


def _own_wording(root, hold: str, call_us: str) -> None:
    """The clinic's own wording: a dose template of its own and one fixed string."""
    (root / "templates" / "en").mkdir(parents=True, exist_ok=True)
    dose = (TEMPLATES / "en" / "dose.txt").read_text(encoding="utf-8")
    assert "\nHold {{ dur(dose.hold) }}\n" in dose
    (root / "templates" / "en" / "dose.txt").write_text(
        dose.replace("\nHold {{ dur(dose.hold) }}\n", f"\n{hold} {{{{ dur(dose.hold) }}}}\n"),
        encoding="utf-8")
    (root / "strings.en.yaml").write_text(f'call_us: "{call_us}"\n', encoding="utf-8")


# SQLite only: which words a reprint prints is read from the record by the same code on
# either kind (the schema's upgrade on PostgreSQL has cases of its own above)
@pytest.mark.parametrize("database", ["sqlite"], indirect=True)
def test_a_handout_an_older_version_recorded_reprints_in_the_words_it_was_given_in(
        clinic, database):
    # an older version kept no copy of the clinic's own wording: Hal's handout was made
    # before the clinic wrote its own, Kim's after; then the clinic changed it again
    ws = clinic.ws()
    hal = api.load_program(clinic.program(name="Hal Example"), ws)
    hal_built = api.build_handout(hal, ws)
    _own_wording(clinic.root, "Hold it for", "Questions? Ring us")
    text.environment.cache_clear()  # Kim's made in a process of its own, as it was then
    ws = clinic.ws()
    kim = api.load_program(clinic.program(name="Kim Example"), ws)
    kim_built = api.build_handout(kim, ws)
    assert "Hold it for 30 seconds" in page_texts(kim_built.pdf)[0]
    assert "Ring us" in page_texts(kim_built.pdf)[0]
    engine = engine_for(ws)
    _as_an_older_version_recorded(ws, engine, hal, hal_built, "hal example")
    _as_an_older_version_recorded(ws, engine, kim, kim_built, "kim example")
    engine.dispose()

    # Hal's: the package's words, as given, not today's; the id on every page the one
    # asked for (today's wording printed another id, one the record never issued)
    hal_id = hal_built.handout.handout_id
    result = _reprint(clinic, hal_id, "hal.pdf")
    assert result.returncode == 0, result.stderr
    pages = page_texts((clinic.root / "hal.pdf").read_bytes())
    assert all(f"Handout {hal_id}" in page for page in pages)
    assert "Hold 30 seconds" in pages[0] and "Call us" in pages[0]
    assert "Hold it for" not in "".join(pages) and "Ring us" not in "".join(pages)
    assert (clinic.root / "hal.pdf").read_bytes() == hal_built.pdf
    assert "the same bytes as the handout printed on 2026-12-02" in result.stdout

    # Kim's was given in the clinic's own words, which are today's: those
    kim_id = kim_built.handout.handout_id
    result = _reprint(clinic, kim_id, "kim.pdf")
    assert (clinic.root / "kim.pdf").read_bytes() == kim_built.pdf, result.stdout

    # the clinic's words changed again: the words Kim saw are kept nowhere, so today's,
    # and the reprint says it is not that handout, and which id it prints
    _own_wording(clinic.root, "Keep it still for", "Questions? Phone us")
    result = _reprint(clinic, kim_id, "kim-2.pdf")
    pages = page_texts((clinic.root / "kim-2.pdf").read_bytes())
    [now_id] = {line.split()[-1] for line in "\n".join(pages).splitlines()
                if line.startswith("Handout ")}
    assert now_id != kim_id and "Keep it still for 30 seconds" in pages[0]
    assert result.stdout.endswith(
        ": NOT the handout issued: a picture it shows or some of its fixed wording has changed "
        f"since (the clinic's own, or in an update of handouts), so this one prints as handout "
        f"{now_id}\n")
