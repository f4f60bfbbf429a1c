"""``forget`` finds a patient wherever the record keeps them, not only in its database: in
records set aside as rejected, in the pending journal while the database is down, in what is
kept of a message not sent yet; ``history`` and ``export`` say where such a patient is
rather than only that the record has no one of that name. Made-up patients; the files are
read back as JSON."""

from __future__ import annotations

import json
import os
import re

import pytest

import handouts as api
from handouts import record
from test_record import Clinic, dead_url, refuse_handouts


@pytest.fixture
def clinic(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return Clinic(tmp_path)


def names_in(path) -> list[str]:
    return [e["patient"]["name"] for e in json.loads(path.read_text())["entries"]]


def use(monkeypatch, url) -> None:
    if url is None:
        monkeypatch.delenv("HANDOUTS_DATABASE_URL", raising=False)
    else:
        monkeypatch.setenv("HANDOUTS_DATABASE_URL", url)


def test_a_patient_only_in_records_set_aside_is_found_said_and_forgotten(clinic, database,
                                                                         monkeypatch):
    good = os.environ.get("HANDOUTS_DATABASE_URL")
    clinic.issue(clinic.program("Ben Baker"))  # in the database
    use(monkeypatch, dead_url(database, clinic))
    clinic.issue(clinic.program("Ann Able", dob="1961-04-30"))  # waits in the journal
    clinic.issue(clinic.program("Ann Able", dob="1975-02-01"))  # another Ann Able
    clinic.issue(clinic.program("Cy Cole"))
    use(monkeypatch, good)
    refuse_handouts(database, clinic, on=True)
    records = clinic.root / "records"
    assert clinic.run("find", "AAAA-BBBB").exit_code == 1  # the journal is set aside
    [kept] = records.glob("pending-*.rejected.json")
    assert names_in(kept) == ["Ann Able", "Ann Able", "Cy Cole"]

    # history and export: not in the record, and where they are instead
    said = (f"; Cy Cole is only in records kept outside it, in {records}: 1 record set aside "
            "as rejected (pending-*.rejected.json: bring them back with make_handouts.py "
            f"import FILE{clinic.given})\n")
    for command in (("history", "Cy Cole"), ("export", "cy cole", "--to", "exported")):
        result = clinic.run(*command)
        assert result.exit_code == 1
        assert result.stderr == (f'error: no patient named "{command[1]}" in the record'
                                 f"{said}")
    assert not (clinic.root / "exported").exists()

    # two of one name: told apart by what tells them apart
    result = clinic.run("forget", "Ann Able", "--yes")
    said = re.sub(r" --(outbox|library|clinic) [^;\s]*", "", result.stderr)
    assert result.exit_code == 1 and said == (
        'error: 2 patients in the record are named "Ann Able"; say which with --dob, '
        "--number or --id: Ann Able (born 1961-04-30): make_handouts.py forget 'Ann Able' "
        "--dob 1961-04-30; Ann Able (born 1975-02-01): make_handouts.py forget 'Ann Able' "
        "--dob 1975-02-01\n")
    result = clinic.run("forget", "Ann Able", "--dob", "1961-04-30", input="n\n")
    assert result.exit_code == 1 and "Aborted" in result.output
    assert ("Remove Ann Able (born 1961-04-30) from the records kept outside the database: "
            "1 record set aside as rejected?") in result.output
    assert names_in(kept) == ["Ann Able", "Ann Able", "Cy Cole"]  # nothing removed yet
    result = clinic.run("forget", "Ann Able", "--dob", "1961-04-30", "--yes")
    assert result.exit_code == 0, result.output
    assert result.stdout == ("removed Ann Able (born 1961-04-30) from the records kept "
                             "outside the database: 1 record set aside as rejected\n")
    assert names_in(kept) == ["Ann Able", "Cy Cole"]
    assert "1961-04-30" not in kept.read_text()
    for name in ("Ann Able", "Cy Cole"):
        assert clinic.run("forget", name, "--yes").exit_code == 0
    assert not kept.exists()  # a file left empty is deleted

    # nowhere now: refused clearly, and Ben is untouched
    result = clinic.run("forget", "Cy Cole", "--yes")
    assert result.exit_code == 1
    assert result.stderr == 'error: no patient named "Cy Cole" in the record\n'
    assert [r[1] for r in database.rows(clinic.root)] == ["Ben Baker"]


def test_a_patient_waiting_in_the_journal_is_forgotten_while_the_database_is_down(
        clinic, database, monkeypatch):
    good = os.environ.get("HANDOUTS_DATABASE_URL")
    use(monkeypatch, dead_url(database, clinic))
    clinic.issue(clinic.program("Ann Able", number="4512"))
    clinic.issue(clinic.program("Ben Baker"))
    journal = clinic.root / "records" / "pending.json"
    assert names_in(journal) == ["Ann Able", "Ben Baker"]
    said = clinic.run("history", "Ann Able").stderr
    # why, inside what history says to do away from the office
    down = said.split("so history cannot read it (", 1)[1].split("): run it where", 1)[0]
    assert down.startswith("the database is unavailable (")

    result = clinic.run("forget", "Ann Able", "--yes")
    # removed where it could be, and what could not be looked at is said, with exit 1
    assert result.exit_code == 1
    assert result.stdout == ("removed Ann Able (no. 4512) from the records kept outside the "
                             "database: 1 record waiting for the database\n")
    assert result.stderr == (f"error: {down}; Ann Able may be in the record too: run forget "
                             "again once it answers\n")
    # the number nowhere, but as part of a digest's hex (a library's changed one held "4512")
    assert names_in(journal) == ["Ben Baker"]
    assert not re.search(r"(?<![0-9a-f])4512(?![0-9a-f])", journal.read_text())

    # the database back: Ben arrives from the journal, Ann never does
    use(monkeypatch, good)
    assert clinic.run("history", "Ben Baker").exit_code == 0
    assert [r[1] for r in database.rows(clinic.root)] == ["Ben Baker"]
    result = clinic.run("forget", "Ann Able", "--yes")
    assert result.stderr == 'error: no patient named "Ann Able" in the record\n'


def test_a_patient_only_in_a_message_not_sent_yet_is_found_and_forgotten(clinic, database):
    ws = clinic.ws()
    program = api.load_program(clinic.program("Dee Dunn", dob="1980-05-06"), ws)
    built = api.build_handout(program, ws)
    assert record.queued(ws, "2026-11-23_dee-dunn_X", record.Issue.of(program, built)) == ()
    unsent = clinic.root / "records" / "unsent"
    result = clinic.run("history", "Dee Dunn")
    # its email, and what to do with it (test_email_not_sent_yet: in the outbox it waits in)
    assert result.exit_code == 1 and result.stderr == (
        f'error: no patient named "Dee Dunn" in the record; Dee Dunn (born 1980-05-06) is '
        f"only in records kept outside it, in {clinic.root / 'records'}: the record of 1 "
        f"message not sent yet (unsent/); 1 email to Dee Dunn is not sent yet (handout "
        f"{built.handout.handout_id}): send it with make_handouts.py email --retry --outbox "
        f"{clinic.root / 'outbox'}{clinic.given}\n")
    result = clinic.run("forget", "Dee Dunn", "--yes")
    assert result.exit_code == 0, result.output
    assert result.stdout == ("removed Dee Dunn (born 1980-05-06) from the records kept outside "
                             "the database: the record of 1 message not sent yet\n")
    assert list(unsent.glob("*.json")) == []


def test_a_handout_recorded_as_forget_deletes_the_patient_waits_for_it(clinic, database,
                                                                        monkeypatch):
    # forget takes the writers' turn: a handout recorded for the patient while forget's
    # deletes are not committed yet waits for them, then makes the patient anew. Without the
    # turn, PostgreSQL let that writer find the rows being deleted and add to them; it then
    # failed on them and its handout went to the pending journal ("recorded later")
    if database.kind != "postgres":
        pytest.skip("SQLite: a writer waiting for another's lock cannot be seen from outside")
    import threading
    import time

    import psycopg

    from handouts.record import queries, store

    clinic.issue(clinic.program("Bo Example"))
    [bo] = record.patients(clinic.ws(), "Bo Example")
    deleted, go = threading.Event(), threading.Event()
    pids: dict[str, int] = {}
    remove, take_turn = queries.forget, store.take_turn

    def remove_then_hold(conn, patient):  # forget's deletes done, not yet committed
        gone = remove(conn, patient)
        if "forget" not in pids:
            pids["forget"] = conn.exec_driver_sql("SELECT pg_backend_pid()").scalar()
            deleted.set()
            go.wait(120)
        return gone

    def noted(conn):  # which connection of the database's is the writer's
        if threading.current_thread().name == "writer":
            pids["writer"] = conn.exec_driver_sql("SELECT pg_backend_pid()").scalar()
        take_turn(conn)

    monkeypatch.setattr(queries, "forget", remove_then_hold)
    monkeypatch.setattr(store, "take_turn", noted)
    done: dict[str, object] = {}

    def run(name, work):
        try:
            done[name] = work()
        except BaseException as exc:  # noqa: BLE001 - read by the test
            done[name] = exc

    later = clinic.program("Bo Example", date="2026-12-07", hold="45 s")
    forgetting = threading.Thread(target=run, args=("forget", lambda: record.forget(
        clinic.ws(), bo)))
    writer = threading.Thread(target=run, name="writer", args=("writer", lambda: clinic.issue(
        later)))
    forgetting.start()
    try:
        assert deleted.wait(60), "forget never reached its deletes"
        writer.start()
        with psycopg.connect(database.libpq_url, autocommit=True) as probe:
            for _ in range(600):  # a hang detector: it waits until forget commits
                if "writer" in pids and pids["forget"] in probe.execute(
                        "SELECT pg_blocking_pids(%s)", (pids["writer"],)).fetchone()[0]:
                    break
                time.sleep(0.1)
            else:
                raise AssertionError("the writer never waited for forget")
    finally:
        go.set()
        forgetting.join(120)
        if writer.ident is not None:  # started
            writer.join(120)
    assert not any(isinstance(d, BaseException) for d in done.values()), done
    assert str(done["forget"]) == "Bo Example: 1 program version, 1 handout issued"
    built, notices = done["writer"]
    assert notices == ()  # recorded now, not "recorded later"
    assert not (clinic.root / "records" / "pending.json").exists()
    # Bo is in the record again, as a new patient with only the later visit
    assert [r[:2] + r[4:6] for r in database.rows(clinic.root)] == [
        (built.handout.handout_id, "Bo Example", "1", "2026-12-07")]
    [again] = record.patients(clinic.ws(), "Bo Example")
    assert again.id != bo.id


def execute(database, clinic, sql: str) -> None:
    if database.kind == "sqlite":
        import contextlib
        import sqlite3

        path = clinic.root / "records" / "handouts.db"
        with contextlib.closing(sqlite3.connect(path, isolation_level=None)) as conn:
            conn.execute(sql)
        return
    import psycopg

    with psycopg.connect(database.libpq_url, autocommit=True) as conn:
        conn.execute(sql)


@pytest.mark.parametrize("fails", ["at the delete", "at the commit"])
def test_a_forget_that_fails_keeps_no_checksum_and_a_forget_that_succeeds_does(
        clinic, database, fails):
    """forget appended the patient's PDF checksums before its deletes: where they then
    failed, the patient stayed in the record, and their checksums stayed too, so a batch
    run again would not catch up their packets. A row of another table that holds on to
    the patient makes the delete fail, or (checked only then) the commit."""
    import hashlib

    built, _ = clinic.issue(clinic.program("Bo Example"))
    checksum = hashlib.sha256(built.pdf).hexdigest()
    [bo] = record.patients(clinic.ws(), "Bo Example")
    late = " DEFERRABLE INITIALLY DEFERRED" if fails == "at the commit" else ""
    execute(database, clinic, f"CREATE TABLE holds (patient_id INTEGER REFERENCES patients(id)"
                              f"{late})")
    execute(database, clinic, f"INSERT INTO holds VALUES ({bo.id})")
    forgotten = clinic.root / "records" / "forgotten-pdfs.txt"
    forgotten.parent.mkdir(exist_ok=True)
    forgotten.write_text("0" * 64 + "\n")  # another patient's, forgotten before

    with pytest.raises(Exception, match="(?i)foreign key"):
        record.forget(clinic.ws(), bo)
    assert [p.name for p in record.patients(clinic.ws(), "Bo Example")] == ["Bo Example"]
    assert forgotten.read_text() == "0" * 64 + "\n"

    execute(database, clinic, "DROP TABLE holds")
    record.forget(clinic.ws(), bo)
    assert record.patients(clinic.ws(), "Bo Example") == []
    assert forgotten.read_text() == "0" * 64 + f"\n{checksum}\n"


@pytest.mark.parametrize("fails", ["a row holds on to them", "the server is gone"])
def test_a_forget_stopped_by_the_database_says_so_in_one_line_with_no_sql(
        clinic, database, monkeypatch, fails):
    """A delete the database refused came out of forget as SQLAlchemy's own message (or a
    traceback): its SQL and parameters, which hold the patient's name. It is one line:
    what failed, that nothing was removed, and what to do."""
    clinic.issue(clinic.program("Bo Example"))
    [bo] = record.patients(clinic.ws(), "Bo Example")
    if fails == "a row holds on to them":  # the clinic's own table, say, or an audit's
        execute(database, clinic, "CREATE TABLE holds (patient_id INTEGER REFERENCES "
                                  "patients(id))")
        execute(database, clinic, f"INSERT INTO holds VALUES ({bo.id})")
    else:
        import sqlalchemy as sa

        from handouts.record import queries

        def gone(conn, patient):
            raise sa.exc.OperationalError(
                "DELETE FROM patients WHERE name = 'Bo Example'", {"name": "Bo Example"},
                Exception("server closed the connection unexpectedly"))

        monkeypatch.setattr(queries, "forget", gone)
    result = clinic.run("forget", "Bo Example", "--yes")
    assert result.exit_code == 1, result.output
    [line] = result.stderr.splitlines()
    assert line.startswith("error: Bo Example could not be removed from the record: ")
    assert "; nothing was removed from it: run forget again once " in line, line
    for said in ("DELETE", "SELECT", "Bo Example'", "[SQL", "sqlalche.me", "Traceback"):
        assert said not in result.output, result.output
    assert [p.name for p in record.patients(clinic.ws(), "Bo Example")] == ["Bo Example"]
