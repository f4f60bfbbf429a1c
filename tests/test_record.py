"""The clinic's record: handouts issued are read back from the database itself (SQLite and
PostgreSQL), reprints are byte-identical, visits and same-name patients stay apart, forget
removes one patient only (and from records set aside), a database that is down loses nothing,
and old databases upgrade."""

from __future__ import annotations

import re

import hashlib
import json
import os
import shutil
import stat
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from conftest import ROOT, days_either_side, page_texts
import handouts as api
from handouts import record
from handouts.cli import main


class Clinic:
    """A clinic folder of its own: the real library, translation, clinic file and drawings."""

    def __init__(self, root: Path):
        self.root = root
        for name in ("exercises.yaml", "exercises.es.yaml", "clinic.yaml"):
            shutil.copy(ROOT / name, root / name)
        shutil.copytree(ROOT / "images", root / "images")

    def ws(self) -> api.Workspace:
        return api.open_workspace(self.root / "exercises.yaml", self.root / "clinic.yaml")

    def program(self, name="Jane Doe", *, dob=None, number=None, date="2026-11-23",
                hold="30 s", file=None) -> Path:
        patient = {"name": name, **({"dob": dob} if dob else {}),
                   **({"number": number} if number else {})}
        data = {"patient": patient, "therapist": "Dave Candy, PT, DPT", "date": date,
                "exercises": ["si_joint_correction", {"id": "child_pose",
                                                      "dose": {"hold": hold, "reps": "3"}}],
                "education": ["posture"]}
        path = self.root / (file or f"{api.slug(name)}-{dob or number or 'x'}-{date}.yaml")
        path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
        return path

    def issue(self, path: Path, channel="printed") -> tuple[api.Built, tuple[str, ...]]:
        ws = self.ws()
        program = api.load_program(path, ws)
        built = api.build_handout(program, ws)
        # the day the record says it was given is the day it is run (the computer's: this
        # clinic.yaml names no timezone), not the program's date: either side of a midnight
        with days_either_side() as self.issued_on:
            notices = record.issued(ws, record.Issue.of(program, built), channel=channel,
                                    by="dave")
        return built, notices

    def says_issued(self, words: str, output: str) -> bool:
        """Whether ``output`` says the last handout issued was ``words`` ("printed on") the
        day it was issued, whatever day the test runs on."""
        return any(f"{words} {day.isoformat()}" in output for day in self.issued_on)

    @property
    def given(self) -> str:
        """How a command ``run`` prints to run later ends: with its --library and --clinic,
        so that run from any folder it acts on this clinic."""
        return f" --library {self.root / 'exercises.yaml'} --clinic {self.root / 'clinic.yaml'}"

    def run(self, *args, input=None):
        return CliRunner().invoke(main, [*args, "--library", str(self.root / "exercises.yaml"),
                                         "--clinic", str(self.root / "clinic.yaml")],
                                  input=input, catch_exceptions=False)


@pytest.fixture
def clinic(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return Clinic(tmp_path)


def test_a_handout_issued_is_in_the_database_with_patient_version_and_channel(clinic,
                                                                               database):
    built, notices = clinic.issue(clinic.program(dob="1961-04-30", number="004512"))
    clinic.issue(clinic.program(dob="1961-04-30", number="004512"), channel="emailed")
    assert notices == ()
    sha = hashlib.sha256(built.pdf).hexdigest()
    assert database.rows(clinic.root) == [
        (built.handout.handout_id, "Jane Doe", "1961-04-30", "004512", "1", "2026-11-23",
         "printed", "dave", sha),
        (built.handout.handout_id, "Jane Doe", "1961-04-30", "004512", "1", "2026-11-23",
         "emailed", "dave", sha)]
    [(yaml_text,)] = database.rows(clinic.root, "SELECT yaml FROM programs")
    assert yaml.safe_load(yaml_text)["exercises"][1] == {
        "id": "child_pose", "dose": {"hold": "30 s", "reps": "3"}}
    # the library version: each file's text once, however many handouts use it
    files = database.rows(clinic.root, "SELECT role, name, text FROM library_files "
                                       "ORDER BY role, name")
    texts = [row for row in files if row[0] not in ("logo", "picture")]
    assert [(r, n) for r, n, _ in texts] == [("clinic", "clinic.yaml"),
                                            ("library", "exercises.yaml"),
                                            ("translation", "exercises.es.yaml")]
    assert texts[1][2] == (clinic.root / "exercises.yaml").read_text(encoding="utf-8")
    # and every picture it names, by its SHA-256, each kept once: the logo and each
    # exercise's (the library names 11)
    named = {(r, n): digest for r, n, digest in files if r in ("logo", "picture")}
    assert ("logo", "images/logo.svg") in named and len(named) == 12
    for (role, name), digest in named.items():
        assert digest == hashlib.sha256((clinic.root / name).read_bytes()).hexdigest()
    kept = dict(database.rows(clinic.root, "SELECT hash, length(data) FROM pictures"))
    assert set(kept) == set(named.values())
    assert kept[named["logo", "images/logo.svg"]] == str(
        (clinic.root / "images" / "logo.svg").stat().st_size)


def test_reprint_makes_the_same_bytes_even_after_the_library_changed(clinic, database):
    built, _ = clinic.issue(clinic.program())
    handout_id = built.handout.handout_id
    library = clinic.root / "exercises.yaml"
    text = library.read_text()
    library.write_text(text.replace("Child's pose rock-back", "Resting pose rock-back"))
    assert library.read_text() != text
    today = api.build_handout(api.load_program(clinic.program(), clinic.ws()), clinic.ws())
    assert "Resting pose" in "".join(page_texts(today.pdf))

    result = clinic.run("reprint", handout_id.lower().replace("-", ""), "-o", "copy.pdf")
    assert result.exit_code == 0, result.output
    assert (clinic.root / "copy.pdf").read_bytes() == built.pdf
    assert clinic.says_issued("the same bytes as the handout printed on", result.output)

    result = clinic.run("reprint", "ZZZZ-ZZZZ")
    assert result.exit_code == 1
    assert result.stderr == ("error: ZZZZ-ZZZZ: no handout with this id in the record (a "
                             "walk-in packet, made with batch --protocol, is never recorded)\n")


@pytest.mark.parametrize("channel, said", [
    ("batch", "printed in a batch on"), ("emailed", "emailed on"),
    ("downloaded", "downloaded from the web app on"), ("printed", "printed on")])
def test_reprint_says_how_the_handout_was_given_in_words(clinic, database, channel, said):
    built, _ = clinic.issue(clinic.program(), channel=channel)
    result = clinic.run("reprint", built.handout.handout_id, "-o", "copy.pdf")
    assert result.exit_code == 0, result.output
    assert clinic.says_issued(f": the same bytes as the handout {said}", result.output)
    assert (clinic.root / "copy.pdf").read_bytes() == built.pdf


def test_the_library_a_handout_was_made_from_is_recorded_though_its_file_changed_since(
        clinic, database):
    """A running web app builds from the library it read; a file edited meanwhile must not
    be recorded as the version that handout came from, or its reprint would differ."""
    ws = clinic.ws()
    program = api.load_program(clinic.program(), ws)
    built = api.build_handout(program, ws)
    library = clinic.root / "exercises.yaml"
    library.write_text(library.read_text().replace("Child's pose rock-back",
                                                   "Resting pose rock-back"))
    assert record.issued(ws, record.Issue.of(program, built), channel="printed") == ()
    result = clinic.run("reprint", built.handout.handout_id, "-o", "copy.pdf")
    assert result.exit_code == 0, result.output
    assert (clinic.root / "copy.pdf").read_bytes() == built.pdf


def test_a_reprint_keeps_the_clinics_own_wording_as_it_was(clinic, database, tmp_path,
                                                          monkeypatch):
    monkeypatch.setenv("HANDOUTS_CACHE_DIR", str(tmp_path / "cache"))
    wording = clinic.root / "strings.en.yaml"
    wording.write_text('call_us: "Questions? Ring the desk"\n')
    built, _ = clinic.issue(clinic.program())
    assert "Ring the desk" in "".join(page_texts(built.pdf))
    wording.write_text('call_us: "Questions? Ring reception"\n')
    for attempt in range(2):  # the second from the wording folder the first made
        result = clinic.run("reprint", built.handout.handout_id, "-o", f"copy{attempt}.pdf")
        assert result.exit_code == 0, result.output
        assert "the same bytes as the handout printed on" in result.output
        assert (clinic.root / f"copy{attempt}.pdf").read_bytes() == built.pdf


def test_a_reprint_whose_kept_library_no_longer_loads_says_so_in_one_line(clinic, database):
    """Kept by an older version (stricter checks since, or a file recorded as it was saved
    with a mistake): the files are named as the clinic knows them, not by a temporary path."""
    import dataclasses

    ws = clinic.ws()
    program = api.load_program(clinic.program(), ws)
    built = api.build_handout(program, ws)
    kept = tuple((role, name, text.replace("hold: 20-30 s", "hold: 20-x s", 1)
                  if role == "library" else text) for role, name, text in ws.sources)
    record.issued(dataclasses.replace(ws, sources=kept), record.Issue.of(program, built),
                  channel="printed")
    result = clinic.run("reprint", built.handout.handout_id)
    assert result.exit_code == 1 and result.output.count("\n") == 1
    assert result.output.startswith("error: the library files the record kept for this "
                                     "handout do not load now: exercises.yaml:")
    assert '"20-x s" is not a duration' in result.output and "/tmp" not in result.output


def test_a_second_visit_keeps_the_first(clinic, database):
    first, _ = clinic.issue(clinic.program(number="4512"))
    first_given = clinic.issued_on
    second, _ = clinic.issue(clinic.program(number="4512", date="2026-12-07", hold="45 s"))
    assert [(r[0], r[4], r[5]) for r in database.rows(clinic.root)] == [
        (first.handout.handout_id, "1", "2026-11-23"),
        (second.handout.handout_id, "2", "2026-12-07")]

    result = clinic.run("history", "jane  DOE")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "Jane Doe (no. 4512)"
    assert lines[1] == ("visit 1, 2026-11-23, Dave Candy, PT, DPT: si_joint_correction, "
                        "child_pose")
    assert any(lines[2].startswith(f"  {first.handout.handout_id}  {day} ")
               for day in first_given)
    assert lines[2].endswith("printed        by dave")
    assert lines[3].startswith("visit 2, 2026-12-07")
    assert lines[4].startswith(f"  {second.handout.handout_id}  ")

    # the first visit's handout is still the first visit's: 30 seconds, not 45
    clinic.run("reprint", first.handout.handout_id, "-o", "first.pdf")
    text = "\n".join(page_texts((clinic.root / "first.pdf").read_bytes()))
    assert "Hold 30 seconds" in text and "Hold 45 seconds" not in text

    [jane] = record.patients(clinic.ws(), "Jane Doe")
    assert record.patient(clinic.ws(), jane.id) == jane
    assert record.patient(clinic.ws(), jane.id + 1) is None
    # an id no database column holds (a typed or forged one) is no one, not an overflow
    for huge in (2 ** 31, 2 ** 63, 10 ** 30, -1, 0):
        assert record.patient(clinic.ws(), huge) is None
    result = clinic.run("history", "Jane Doe", "--id", str(2 ** 63))
    assert result.exit_code == 1 and "no patient named" in result.output
    program = record.latest_program(clinic.ws(), jane)
    assert program.date.isoformat() == "2026-12-07"
    assert str(program.exercises[1].dose.hold) == "45 s"


def test_a_new_patient_is_said_to_be_told_apart_by_what_does_differ(clinic, database):
    # the same date of birth: the clinic number alone, given at one visit, not the other
    clinic.issue(clinic.program(dob="1961-04-30", number="4512"))
    _, notices = clinic.issue(clinic.program(dob="1961-04-30", file="no-number.yaml"))
    assert notices == ("Jane Doe is a new patient in the record, told apart from 1 other of "
                       "that name by clinic number alone (the same date of birth; this visit "
                       "gives no clinic number); give the same patient.dob and "
                       "patient.number at every visit to keep a patient's visits together",)
    told = [clinic.issue(clinic.program(dob=dob, number=number, file=f"{n}.yaml"))[1][0]
            .split(" of that name ")[1].split("; give")[0]
            for n, (dob, number) in enumerate((("1961-05-01", "4512"), ("1961-05-01", None),
                                               ("1971-11-02", "77")))]
    assert told == ["by date of birth alone",  # one other has 4512, one none
                    "by date of birth or clinic number",  # some by the one, some the other
                    "by date of birth and clinic number"]


def test_two_jane_does_are_two_people(clinic, database):
    a, _ = clinic.issue(clinic.program(dob="1961-04-30"))
    b, notices = clinic.issue(clinic.program(number="4512"))
    assert notices == ("Jane Doe is a new patient in the record, told apart from 1 other of "
                       "that name by date of birth and clinic number (this visit gives no "
                       "date of birth; the other has no clinic number); give the same "
                       "patient.dob and patient.number at every visit to keep a patient's "
                       "visits together",)
    assert database.rows(clinic.root, "SELECT COUNT(*) FROM patients") == [("2",)]
    # the same program and date: the same handout id, but two people's handouts
    assert a.handout.handout_id == b.handout.handout_id
    result = clinic.run("find", a.handout.handout_id)
    assert result.exit_code == 0
    heads = [line for line in result.output.splitlines() if not line.startswith("  ")]
    assert heads == [
        f"{a.handout.handout_id}: Jane Doe (born 1961-04-30), visit 1 of 2026-11-23: "
        "si_joint_correction, child_pose",
        f"{a.handout.handout_id}: Jane Doe (no. 4512), visit 1 of 2026-11-23: "
        "si_joint_correction, child_pose"]

    clinic.issue(clinic.program(date="2026-12-07"))  # a third, known by name alone
    result = clinic.run("history", "Jane Doe")
    assert result.exit_code == 1
    head, said, choices = result.stderr.partition("--dob, --number or --id: ")
    assert head + said == ('error: 3 patients in the record are named "Jane Doe"; say which '
                           "with --dob, --number or --id: ")
    # each as the whole command to run, the name with it: "--id 1" alone was refused
    assert [re.sub(r" --library .*", "", c) for c in choices.rstrip("\n").split("; ")] == [
        f"Jane Doe{who}: make_handouts.py history 'Jane Doe' --id {n}"
        for n, who in ((1, " (born 1961-04-30)"), (2, " (no. 4512)"), (3, ""))]
    assert result.stderr.count("\n") == 1
    result = clinic.run("history", "Jane Doe", "--number", "4512")
    assert result.exit_code == 0
    assert result.output.splitlines()[0] == "Jane Doe (no. 4512)"
    assert len([line for line in result.output.splitlines() if line.startswith("  ")]) == 1
    result = clinic.run("history", "Jane Doe", "--id", "3")
    assert result.output.splitlines()[:2] == [
        "Jane Doe", "visit 1, 2026-12-07, Dave Candy, PT, DPT: si_joint_correction, child_pose"]


def test_forget_removes_one_patient_and_says_what(clinic, database):
    clinic.issue(clinic.program(dob="1961-04-30"))
    clinic.issue(clinic.program(dob="1961-04-30", date="2026-12-07"))
    clinic.issue(clinic.program(dob="1961-04-30", date="2026-12-07"), channel="emailed")
    kept, _ = clinic.issue(clinic.program(dob="1980-01-02"))

    result = clinic.run("forget", "Jane Doe", "--dob", "1961-04-30", input="n\n")
    assert result.exit_code == 1
    assert ("Remove Jane Doe (born 1961-04-30): 2 program versions, 3 handouts issued? "
            "[y/N]") in result.stderr
    assert len(database.rows(clinic.root)) == 4

    result = clinic.run("forget", "jane doe", "--dob", "1961-04-30", "--yes")
    assert result.exit_code == 0, result.output
    # SQLite: the day's copy of the record, made before the second handout, held her too
    copies = "; also from 1 backup of the record" if database.kind == "sqlite" else ""
    assert result.stdout == ("removed Jane Doe (born 1961-04-30): 2 program versions, "
                             f"3 handouts issued{copies}\n")
    assert [r[:3] for r in database.rows(clinic.root)] == [
        (kept.handout.handout_id, "Jane Doe", "1980-01-02")]
    assert database.rows(clinic.root, "SELECT COUNT(*) FROM programs") == [("1",)]
    result = clinic.run("history", "Jane Doe", "--dob", "1961-04-30")
    assert result.stderr == ('error: no patient named "Jane Doe" with that date of birth, '
                             "number or id in the record\n")


def test_export_then_import_into_another_clinic_gives_the_same_programs(clinic, database,
                                                                       tmp_path):
    clinic.issue(clinic.program(dob="1961-04-30"))
    clinic.issue(clinic.program(dob="1961-04-30", date="2026-12-07", hold="45 s"))
    clinic.issue(clinic.program("Walter Ng", number="77"))
    result = clinic.run("export", "--to", "exported")
    assert result.exit_code == 0, result.output
    assert result.output == "wrote 3 program files to exported\n"
    files = sorted(p.relative_to(clinic.root / "exported").as_posix()
                   for p in (clinic.root / "exported").rglob("*.yaml"))
    assert files == ["jane-doe-1961-04-30/2026-11-23_v1.yaml",
                     "jane-doe-1961-04-30/2026-12-07_v2.yaml", "walter-ng-77/2026-11-23_v1.yaml"]
    before = database.rows(clinic.root, "SELECT yaml FROM programs ORDER BY id")

    result = clinic.run("forget", "Jane Doe", "--yes")
    assert result.exit_code == 0
    result = clinic.run("import", *(str(p) for p in sorted(
        (clinic.root / "exported").rglob("*.yaml"))))
    assert result.exit_code == 0, result.output
    # Walter's program was there already: imported again, it is the same visit, not a new one
    assert result.output == "imported 3 program files: 2 new, 1 already in the record\n"
    after = database.rows(clinic.root, "SELECT yaml FROM programs ORDER BY id")
    assert sorted(after) == sorted(before)
    result = clinic.run("import", *(str(p) for p in sorted(
        (clinic.root / "exported").rglob("*.yaml"))))
    assert result.output == "imported 3 program files: 0 new, 3 already in the record\n"


def test_import_reports_a_bad_file_and_imports_the_good_ones(clinic, database):
    good = clinic.program()
    bad = clinic.root / "bad.yaml"
    bad.write_text("patient:\n  name: Ann Example\n  dob: 30/04/1961\nexercises: [child_pose]\n")
    result = clinic.run("import", str(bad), str(good))
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == ("imported 1 program file: 1 new, 0 already in "
                                             "the record")
    assert result.stderr.splitlines() == [
        f'error: {bad}:3: patient.dob: "30/04/1961" is not a date read month first '
        "(MM/DD/YYYY, as this clinic reads dates; a locale such as en-GB in clinic.yaml reads "
        "them day first); write it as YYYY-MM-DD (e.g. 2026-11-23)"]
    assert database.rows(clinic.root, "SELECT name FROM patients") == [("Jane Doe",)]


def dead_url(database, clinic) -> str:
    if database.kind == "sqlite":  # a folder that cannot exist: under a file
        return f"sqlite:///{clinic.root / 'clinic.yaml' / 'handouts.db'}"
    return "postgresql://handouts:s3cret-pw@127.0.0.1:9/handouts_test"


AWAY = ("recorded later: the record cannot be reached, so this handout waits on this computer "
        "until it can be ({waiting} in records/pending.json)")


def dead_notice(database, clinic, waiting: int = 1) -> str:
    """What a handout made while ``dead_url`` is the database says, with ``waiting``
    handouts in the journal: why, as history would, only with the first to wait."""
    line = AWAY.format(waiting="1 handout waits" if waiting == 1 else f"{waiting} handouts wait")
    if waiting > 1:
        return line
    if database.kind == "sqlite":
        folder = clinic.root / "clinic.yaml"
        return (f"{line}; the database is unavailable (sqlite:///{folder}/handouts.db)"
                f": the folder {folder} is not there (is the network share or drive "
                "connected?)")
    return (f"{line}; the database is unavailable (postgresql+psycopg://handouts:***@"
            '127.0.0.1:9/handouts_test): connection failed: connection to server at '
            '"127.0.0.1", port 9 failed: Connection refused')


def test_a_database_that_is_down_loses_nothing(clinic, database, monkeypatch):
    good = os.environ.get("HANDOUTS_DATABASE_URL")
    monkeypatch.setenv("HANDOUTS_DATABASE_URL", dead_url(database, clinic))
    first, notices = clinic.issue(clinic.program(number="4512"))
    second, again = clinic.issue(clinic.program(number="4512", date="2026-12-07"), "emailed")
    assert notices == (dead_notice(database, clinic),)
    # said whole once; then how many wait, not the URL and the driver's words at every build
    assert again == (dead_notice(database, clinic, waiting=2),)
    journal = clinic.root / "records" / "pending.json"
    assert stat.S_IMODE(journal.stat().st_mode) == 0o600
    assert stat.S_IMODE(journal.parent.stat().st_mode) == 0o700
    assert "s3cret" not in journal.read_text()

    result = clinic.run("history", "Jane Doe")
    assert result.exit_code == 1
    assert "s3cret" not in result.output and "the database is unavailable (" in result.stderr

    if good is None:
        monkeypatch.delenv("HANDOUTS_DATABASE_URL")
    else:
        monkeypatch.setenv("HANDOUTS_DATABASE_URL", good)
    result = clinic.run("history", "Jane Doe")  # the next successful use catches up
    assert result.exit_code == 0, result.output
    assert not journal.exists()
    assert [(r[0], r[4], r[6]) for r in database.rows(clinic.root)] == [
        (first.handout.handout_id, "1", "printed"), (second.handout.handout_id, "2", "emailed")]
    result = clinic.run("reprint", second.handout.handout_id, "-o", "again.pdf")
    assert (clinic.root / "again.pdf").read_bytes() == second.pdf


@pytest.mark.parametrize("database", ["sqlite"], indirect=True)
def test_the_sqlite_file_is_private_to_its_user(clinic, database):
    clinic.issue(clinic.program())
    db = clinic.root / "records" / "handouts.db"
    assert stat.S_IMODE(db.stat().st_mode) == 0o600
    assert stat.S_IMODE(db.parent.stat().st_mode) == 0o700


def test_a_password_in_clinic_yaml_is_refused_and_never_shown(clinic):
    path = clinic.root / "clinic.yaml"
    path.write_text(path.read_text() + "database_url: postgresql://desk:hunter22@db/clinic\n")
    result = clinic.run("history", "Jane Doe")
    assert result.exit_code == 1
    assert "hunter22" not in result.output + result.stderr
    assert result.stderr.startswith(f"error: {path}:")
    assert "database_url: never put the password in a file" in result.stderr


@pytest.mark.parametrize("database", ["postgres"], indirect=True)
def test_clinic_yaml_names_a_shared_database(clinic, database, monkeypatch):
    monkeypatch.delenv("HANDOUTS_DATABASE_URL")
    import sqlalchemy as sa

    url = sa.make_url(database.url)
    if url.password:
        monkeypatch.setenv("PGPASSWORD", url.password)
    path = clinic.root / "clinic.yaml"
    bare = sa.URL.create(url.drivername, url.username, None, url.host, url.port, url.database,
                         url.query)
    path.write_text(f"{path.read_text()}database_url: {bare.render_as_string(False)}\n")
    built, notices = clinic.issue(clinic.program())
    assert notices == ()
    assert database.rows(clinic.root)[0][0] == built.handout.handout_id
    assert not (clinic.root / "records" / "handouts.db").exists()


def test_a_journal_the_database_refuses_is_set_aside_not_retried_forever(clinic, database):
    clinic.issue(clinic.program())
    journal = clinic.root / "records" / "pending.json"
    # an entry naming a library version the record does not have: the database refuses it
    entry = {"patient": {"name": "Ann Example", "dob": None, "number": None},
             "yaml": "patient: {name: Ann Example}\n", "visit_date": "2026-11-23",
             "therapist": None, "handout": {"id": "AAAA-BBBB", "channel": "printed", "by": None,
                                            "at": "2026-11-23T15:00:00", "library": "0" * 64,
                                            "pdf_sha256": None}}
    journal.parent.mkdir(mode=0o700, exist_ok=True)
    journal.write_text(json.dumps({"libraries": {}, "entries": [entry]}))
    result = clinic.run("find", "AAAA-BBBB")
    # set aside and said, and the read goes ahead: the id is not in the record
    assert result.exit_code == 1
    [kept] = (clinic.root / "records").glob("pending-*.rejected.json")
    # the database's own first line, not only the class name (IntegrityError), and what to
    # do; never the statement's parameters (patient data)
    why = "FOREIGN KEY constraint failed" if database.kind == "sqlite" else (
        'insert or update on table "handouts" violates foreign key constraint '
        '"handouts_library_hash_fkey"')
    assert result.stderr == (f"warning: the pending records could not be written ({why}); "
                             f"they are kept in {kept}; once that is put right, bring them "
                             f"back with: make_handouts.py import {kept}{clinic.given}\n"
                             "error: AAAA-BBBB: no handout with this id in the record (a walk-in "
                             "packet, made with batch --protocol, is never recorded)\n")
    assert not journal.exists() and json.loads(kept.read_text())["entries"] == [entry]
    result = clinic.run("history", "Jane Doe")
    assert result.exit_code == 0


def test_a_name_is_found_however_it_is_typed(clinic, database):
    clinic.issue(clinic.program("Rosa Díaz"))
    for typed in ("Rosa Díaz", "rosa diaz", "  ROSA   DÍAZ "):
        assert [p.name for p in record.patients(clinic.ws(), typed)] == ["Rosa Díaz"]
    assert record.patients(clinic.ws(), "Rosa Diaz-Lopez") == []


def test_nothing_in_the_record_reaches_the_log(clinic, database, caplog):
    import logging

    caplog.set_level(logging.DEBUG)
    built, _ = clinic.issue(clinic.program("Ann Example", dob="1961-04-30"))
    for args in (("history", "Ann Example"), ("find", built.handout.handout_id),
                 ("reprint", built.handout.handout_id, "-o", "again.pdf")):
        assert clinic.run(*args).exit_code == 0
    logged = caplog.text
    assert "Ann" not in logged and "1961" not in logged and built.handout.handout_id not in logged


def test_forget_removes_what_was_kept_of_a_message_not_sent_yet(clinic, database):
    built, _ = clinic.issue(clinic.program(number="4512"))
    program = api.load_program(clinic.program(number="4512", date="2026-12-07"), clinic.ws())
    later = api.build_handout(program, clinic.ws())
    issue = record.Issue.of(program, later)
    assert record.queued(clinic.ws(), "2026-12-07_jane-doe_X", issue) == ()
    other = api.load_program(clinic.program(number="9999"), clinic.ws())
    record.queued(clinic.ws(), "2026-11-23_jane-doe_Y",
                  record.Issue.of(other, api.build_handout(other, clinic.ws())))
    result = clinic.run("forget", "Jane Doe", "--number", "4512", "--yes")
    assert result.stdout == ("removed Jane Doe (no. 4512): 1 program version, 1 handout issued, "
                             "and the record of 1 message not sent yet\n")
    assert [p.name for p in (clinic.root / "records" / "unsent").glob("*.json")] == [
        "2026-11-23_jane-doe_Y.json"]


def test_an_empty_name_or_details_without_one_are_an_error_never_everyone(clinic, database):
    clinic.issue(clinic.program())
    clinic.issue(clinic.program("Walter Ng"))
    for name in ("", "   "):
        result = clinic.run("export", name, "--to", "exported")
        assert result.exit_code == 1 and result.stderr == (
            f'error: PATIENT is empty ("{name}"); give the patient\'s name, or leave PATIENT '
            "out to export everyone\n")
        assert not (clinic.root / "exported").exists()
        for command in (("history", name), ("forget", name, "--yes")):
            result = clinic.run(*command)
            assert result.exit_code == 1 and result.stderr == (
                f'error: PATIENT is empty ("{name}"); give the patient\'s name\n')
    for told in (("--number", "4512"), ("--dob", "1961-04-30"), ("--id", "1")):
        result = clinic.run("export", *told, "--to", "exported")
        assert result.exit_code == 1 and result.stderr == (
            "error: --dob, --number and --id tell apart patients of one name; give the "
            "PATIENT's name too, or leave them out to export everyone\n")
    assert not (clinic.root / "exported").exists()
    assert len(database.rows(clinic.root)) == 2


def refuse_handouts(database, clinic, on: bool) -> None:
    """As a database's administrator might (an audit, a constraint): new handouts refused
    with a message of the database's own, or let in again."""
    import contextlib
    import sqlite3

    import psycopg

    said = "handouts are closed for the audit"
    if database.kind == "sqlite":
        with contextlib.closing(sqlite3.connect(clinic.root / "records" / "handouts.db")) as \
                conn, conn:
            conn.execute(f"CREATE TRIGGER refuse BEFORE INSERT ON handouts BEGIN SELECT "
                         f"RAISE(ABORT, '{said}'); END" if on else "DROP TRIGGER refuse")
        return
    with psycopg.connect(database.libpq_url, autocommit=True) as conn:
        if on:
            conn.execute("CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS "
                         f"$$ BEGIN RAISE EXCEPTION '{said}'; END $$")
            conn.execute("CREATE TRIGGER refuse BEFORE INSERT ON handouts FOR EACH ROW "
                         "EXECUTE FUNCTION refuse()")
        else:
            conn.execute("DROP TRIGGER refuse ON handouts")


def test_records_set_aside_say_why_are_forgotten_too_and_can_be_brought_back(
        clinic, database, monkeypatch):
    good = os.environ.get("HANDOUTS_DATABASE_URL")
    clinic.issue(clinic.program("Ann Able"))
    monkeypatch.setenv("HANDOUTS_DATABASE_URL", dead_url(database, clinic))
    clinic.issue(clinic.program("Ann Able", date="2026-12-07"))  # both wait in the journal
    clinic.issue(clinic.program("Ben Baker"))
    if good is None:
        monkeypatch.delenv("HANDOUTS_DATABASE_URL")
    else:
        monkeypatch.setenv("HANDOUTS_DATABASE_URL", good)
    refuse_handouts(database, clinic, on=True)

    records = clinic.root / "records"
    result = clinic.run("history", "Ann Able")  # the journal is refused: set aside
    [kept] = records.glob("pending-*.rejected.json")
    # the history is shown, as the database has it, with a warning
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Ann Able\nvisit 1, 2026-11-23")
    # the database's own reason, not only its class, and what to do once it is put right;
    # nothing of the patients (the statement's parameters)
    assert result.stderr == (f"warning: the pending records could not be written (handouts "
                             f"are closed for the audit); they are kept in {kept}; once that "
                             f"is put right, bring them back with: make_handouts.py import "
                             f"{kept}{clinic.given}\n")
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600

    # forget reaches the records set aside: Ann leaves the file, Ben's record stays
    result = clinic.run("forget", "Ann Able", "--yes")
    assert result.exit_code == 0, result.output
    assert result.stdout == ("removed Ann Able: 1 program version, 1 handout issued, and 1 "
                             "record set aside as rejected\n")
    assert "Ann" not in kept.read_text() and "Ben Baker" in kept.read_text()
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600

    # still refused: said, and the file stays as it is
    result = clinic.run("import", str(kept))
    assert result.exit_code == 1 and kept.is_file()
    assert result.stderr == (f"error: {kept}: the database still refuses these records "
                             "(handouts are closed for the audit); they stay in that file\n")
    refuse_handouts(database, clinic, on=False)
    result = clinic.run("import", str(kept))
    assert result.exit_code == 0, result.output
    assert result.stdout == f"brought back 1 record set aside in {kept}\n"
    assert not kept.exists()
    assert [r[1] for r in database.rows(clinic.root)] == ["Ben Baker"]
    assert "visit 1, 2026-11-23" in clinic.run("history", "Ben Baker").stdout


def test_the_same_handout_given_several_times_in_one_second_is_each_its_own_row(
        clinic, database, monkeypatch):
    """Four clicks on Download, two builds at once: within one second (the clock below
    says so, whatever the machine's speed), each is a handout given. The same entry
    written again (a journal caught up, then found again after a crash) is still one."""
    import datetime as dt
    import types

    from handouts.record import entry

    class Clock(dt.datetime):  # one second, the microseconds moving on
        ticks = 0

        @classmethod
        def now(cls, tz=None):
            cls.ticks += 1
            return dt.datetime(2026, 11, 23, 15, 0, 0, cls.ticks * 997, tzinfo=tz)

    monkeypatch.setattr(entry, "dt", types.SimpleNamespace(
        datetime=Clock, date=dt.date, timezone=dt.timezone))
    path = clinic.program()
    for _ in range(4):
        clinic.issue(path, channel="downloaded")
    rows = database.rows(clinic.root)
    assert len(rows) == 4 and len({r[0] for r in rows}) == 1
    assert {r[6] for r in rows} == {"downloaded"}

    good = os.environ.get("HANDOUTS_DATABASE_URL")
    monkeypatch.setenv("HANDOUTS_DATABASE_URL", dead_url(database, clinic))
    clinic.issue(path, channel="downloaded")  # waits in the journal
    journal = clinic.root / "records" / "pending.json"
    waiting = journal.read_text()
    if good is None:
        monkeypatch.delenv("HANDOUTS_DATABASE_URL")
    else:
        monkeypatch.setenv("HANDOUTS_DATABASE_URL", good)
    assert clinic.run("history", "Jane Doe").exit_code == 0
    assert len(database.rows(clinic.root)) == 5
    journal.write_text(waiting)  # as a crash between the commit and its removal leaves it
    assert clinic.run("history", "Jane Doe").exit_code == 0
    assert len(database.rows(clinic.root)) == 5 and not journal.exists()
