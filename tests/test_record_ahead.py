"""The record opened beside the build (handouts/record/ahead.py): a helper process writes
what ``build`` issued and the user sees what an in-process write would show. Each case runs
in a fresh Python, as the command line does: a process with no other threads, which forks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest

from conftest import ROOT
from test_record import clinic  # noqa: F401 - the fixture, shared

# Issues the programs given in argv, each through its own helper; then the parent's own
# writer is made to fail, so an entry in the database can only be the helper's.
ISSUE = textwrap.dedent("""
    import json, sys
    sys.path.insert(0, {root!r})
    import handouts as api
    from handouts import record
    from handouts.record import issuing
    ws = api.open_workspace({library!r}, {clinic!r})
    said, real = [], issuing._write
    for path in sys.argv[1:]:
        issuing._write = real
        with record.ready(ws) as ahead:
            assert ahead is not None, "no helper was started"
            def written_here(*args):
                raise AssertionError("written in the parent")
            issuing._write = written_here  # the helper keeps the real one
            program = api.load_program(path, ws)
            built = api.build_handout(program, ws)
            said.append(record.issued(ws, record.Issue.of(program, built), channel="printed",
                                      by="dave", ahead=ahead))
    print(json.dumps(said))
""")


def issue(clinic, *paths) -> list[list[str]]:
    code = ISSUE.format(root=str(ROOT), library=str(clinic.root / "exercises.yaml"),
                        clinic=str(clinic.root / "clinic.yaml"))
    done = subprocess.run([sys.executable, "-c", code, *map(str, paths)], cwd=clinic.root,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_the_helper_writes_the_entries_and_brings_back_the_notices(clinic, database):
    said = issue(clinic, clinic.program(dob="1961-04-30"), clinic.program(number="4512"))
    assert said == [[], ["Jane Doe is a new patient in the record, told apart from 1 other "
                         "of that name by date of birth and clinic number (this visit gives "
                         "no date of birth; the other has no clinic number); give the same "
                         "patient.dob and patient.number at every visit to keep a "
                         "patient's visits together"]]
    rows = database.rows(clinic.root)
    assert [(r[1], r[2], r[3], r[6], r[7]) for r in rows] == [
        ("Jane Doe", "1961-04-30", None, "printed", "dave"),
        ("Jane Doe", None, "4512", "printed", "dave")]


def test_with_the_database_down_the_helper_keeps_the_entry_in_the_journal(clinic,
                                                                          monkeypatch):
    monkeypatch.setenv("HANDOUTS_DATABASE_URL", "postgresql://desk:pw-42@127.0.0.1:9/x")
    assert issue(clinic, clinic.program()) == [[
        "recorded later: the record cannot be reached, so this handout waits on this "
        "computer until it can be (1 handout waits in records/pending.json); the database "
        "is unavailable (postgresql+psycopg://desk:***@"
        '127.0.0.1:9/x): connection failed: connection to server at "127.0.0.1", port 9 '
        "failed: Connection refused"]]
    pending = json.loads((clinic.root / "records" / "pending.json").read_text())
    assert [e["patient"]["name"] for e in pending["entries"]] == ["Jane Doe"]


def cli(clinic, *args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "make_handouts.py"), *args,
                           "--library", str(clinic.root / "exercises.yaml"),
                           "--clinic", str(clinic.root / "clinic.yaml")],
                          cwd=clinic.root, capture_output=True, text=True, timeout=120)


# SQLite only: the helper writes to PostgreSQL as to SQLite, which the cases above show
@pytest.mark.parametrize("database", ["sqlite"], indirect=True)
def test_the_command_line_build_records_through_the_helper(clinic, database):
    done = cli(clinic, "build", str(clinic.program(dob="1961-04-30")), "-o", "one.pdf")
    assert done.returncode == 0 and done.stderr == "", done.stderr
    done = cli(clinic, "build", str(clinic.program(number="4512")), "-o", "two.pdf")
    assert done.returncode == 0
    assert done.stderr.startswith("warning: Jane Doe is a new patient in the record, told "
                                  "apart from 1 other of that name")
    assert [r[1:4] for r in database.rows(clinic.root)] == [
        ("Jane Doe", "1961-04-30", None), ("Jane Doe", None, "4512")]


def test_a_build_that_fails_records_nothing(clinic, database):
    bad = clinic.program()
    bad.write_text(bad.read_text().replace("child_pose", "no_such_exercise"))
    done = cli(clinic, "build", str(bad), "-o", "bad.pdf")
    assert done.returncode == 1 and "no_such_exercise" in done.stderr
    assert not (clinic.root / "bad.pdf").exists()
    if database.kind == "sqlite":  # the helper readied the database code, and made no file
        assert not (clinic.root / "records" / "handouts.db").exists()
    else:
        assert database.rows(clinic.root) == []


def test_builds_at_once_on_a_new_database_are_all_recorded_at_once(clinic, database):
    """Four builds started together, as at a busy front desk on the record's first day, two
    patients twice each (printed at two computers): one makes the tables while the
    others wait (they both made them, and all but one failed), the one library version is
    written once (two wrote it, and the second failed on its unique key; each failure was
    "recorded later" and waited in the journal), and each new patient is one patient with
    one visit, not one for each computer."""
    def start(n):
        return subprocess.Popen([sys.executable, str(ROOT / "make_handouts.py"), "build",
                                 "--patient", f"Pat Example {n % 2}", "--exercise", "child_pose",
                                 "--date", "2026-11-23", "-o", f"{n}.pdf",
                                 "--library", str(clinic.root / "exercises.yaml"),
                                 "--clinic", str(clinic.root / "clinic.yaml")],
                                cwd=clinic.root, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)

    # four, not six: each pair of builds (any two tables makers, any two of one patient or
    # one library version) races as six did, and on two cores six only queued longer
    builds = [start(n) for n in range(4)]
    said = [build.communicate(timeout=120) for build in builds]
    assert [build.returncode for build in builds] == [0] * 4
    assert [err for _, err in said] == [""] * 4  # no "recorded later"
    assert not (clinic.root / "records" / "pending.json").exists()
    # (one handout, issued in the same second, is kept once: as a journal written twice)
    assert {r[1] for r in database.rows(clinic.root)} == {"Pat Example 0", "Pat Example 1"}
    assert len(database.rows(clinic.root, "SELECT hash FROM libraries")) == 1
    assert sorted(database.rows(clinic.root, "SELECT name FROM patients")) == [
        ("Pat Example 0",), ("Pat Example 1",)]
    assert len(database.rows(clinic.root, "SELECT id FROM programs")) == 2


HELPER = textwrap.dedent("""
    import json, os, sys
    sys.path.insert(0, {root!r})
    from handouts.record import ahead
    answers = []
    helper = ahead.start(lambda: None, lambda libraries, rows: (f"{{len(rows)}} rows", os.getpid()))
    answers.append(helper.write({{}}, [1, 2]))
    answers.append(helper.write({{}}, list(range(50_000))))  # more than a pipe holds at once
    helper.close()
    helper = ahead.start(lambda: os._exit(3), lambda libraries, rows: ("never",))
    answers.append(helper.write({{}}, [1]))
    answers.append(helper.write({{}}, [2]))  # let go after the first: not tried again
    helper = ahead.start(lambda: None, lambda libraries, rows: ("never",))
    helper.close()  # nothing to write: the helper leaves, and is waited for
    answers.append(helper.pid)
    print(json.dumps([answers, os.getpid()]))
""")


def test_a_helper_answers_each_set_and_one_that_dies_gives_no_answer_so_the_caller_writes():
    done = subprocess.run([sys.executable, "-c", HELPER.format(root=str(ROOT))],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    (written, again, died, died_again, gone), parent = json.loads(done.stdout)
    assert written[0] == "2 rows" and written[1] != parent  # written in another process
    assert again == ["50000 rows", written[1]]  # a second set, by the same helper
    assert died is None and died_again is None
    assert gone == 0


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this system")
def test_no_helper_is_forked_beside_other_threads(clinic):
    import threading

    from handouts import record

    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        with record.ready(clinic.ws()) as ahead:
            assert ahead is None
    finally:
        stop.set()
        other.join()


# `batch` run as a program, its record written every 2 packets; once the helper is forked
# the parent's own writer fails, so every entry in the database is the helper's
BATCH = textwrap.dedent("""
    import runpy, sys
    sys.path.insert(0, {root!r})
    from handouts.record import ahead, batched, issuing
    batched.Given.__init__.__defaults__ = (None, 2)
    started = ahead.start
    def start(*args):
        helper = started(*args)
        assert helper is not None, "no helper was started"
        def written_here(*args):
            raise AssertionError("written in the parent")
        issuing._write = written_here  # the helper, forked already, keeps the real one
        open("helper-started", "w").close()
        return helper
    ahead.start = start
    sys.argv = ["make_handouts.py", *sys.argv[1:]]
    runpy.run_path({script!r}, run_name="__main__")
""")


# the workers (--jobs 2) and the record's kind are apart: each kind once with workers
@pytest.mark.parametrize("database, jobs", [("sqlite", "1"), ("sqlite", "2"), ("postgres", "2")],
                         indirect=["database"])
def test_batch_records_every_set_of_packets_through_one_helper(clinic, database, jobs):
    from test_record_shells import roster

    rows = [(f"Patient {n} Example", "chronic_low_back", "2026-11-23", "", "") for n in "ABCDE"]
    code = BATCH.format(root=str(ROOT), script=str(ROOT / "make_handouts.py"))
    done = subprocess.run([sys.executable, "-c", code, "batch", roster(clinic, rows),
                           "--out-dir", "packets", "--jobs", jobs, "--quiet",
                           "--library", str(clinic.root / "exercises.yaml"),
                           "--clinic", str(clinic.root / "clinic.yaml")],
                          cwd=clinic.root, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert (clinic.root / "helper-started").exists()
    assert sorted(r[1] for r in database.rows(clinic.root)) == [r[0] for r in rows]
    assert len(list((clinic.root / "packets").glob("*.pdf"))) == 5
