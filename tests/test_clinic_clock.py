"""The clinic's clock: "today" (a program with no date, the record's daily copy) and the
record's times are the clinic's (``timezone:`` in clinic.yaml), not the server's, which is
often in UTC; and a visit dated over a year ahead, a mistyped year, is refused where a new
program comes in, while a handout the record kept is made again as it was."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import os
import shutil
import time
import zoneinfo
from pathlib import Path

import pytest
import yaml

import handouts as api
from conftest import ROOT, days_either_side, page_texts
from handouts import record
from test_record import clinic  # noqa: F401 - the fixture, shared

pytestmark = pytest.mark.skipif(not hasattr(time, "tzset"), reason="sets the machine's zone")

# 26 hours apart: whatever the moment, the two are never on the same date
SERVER = "Etc/GMT-14"  # UTC+14 (POSIX signs are the other way round)
CLINIC = "Etc/GMT+12"  # UTC-12


@pytest.fixture
def server_zone():
    """The machine's own zone (TZ) set to SERVER for the test, put back after."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = SERVER
    time.tzset()
    yield
    if before is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = before
    time.tzset()


def days_in(zone: str, run) -> tuple[set[dt.date], object]:
    """``run()``'s result, and the dates it may have taken as today in ``zone`` (the one
    before it and the one after, should midnight pass between)."""
    with days_either_side(lambda: dt.datetime.now(zoneinfo.ZoneInfo(zone)).date()) as days:
        result = run()
    return days, result


def printed_date(day: dt.date) -> str:
    return f"{day:%B} {day.day}, {day.year}"  # as a US clinic's handout prints it


def set_zone(folder: Path, zone: str | None) -> None:
    path = folder / "clinic.yaml"
    text = (ROOT / "clinic.yaml").read_text(encoding="utf-8")
    path.write_text(text + (f"timezone: {zone}\n" if zone else ""), encoding="utf-8")


def test_a_program_with_no_date_is_dated_by_the_clinics_clock_not_the_servers(
        clinic, database, server_zone):
    set_zone(clinic.root, CLINIC)
    path = clinic.program(date=None)
    days, result = days_in(CLINIC, lambda: clinic.run("build", str(path), "-o", "p.pdf"))
    assert result.exit_code == 0, result.output
    text = page_texts((clinic.root / "p.pdf").read_bytes())[0]
    assert any(f"Date: {printed_date(day)}" in text for day in days), text
    server_day = dt.datetime.now(zoneinfo.ZoneInfo(SERVER)).date()
    assert printed_date(server_day) not in text
    [row] = database.rows(clinic.root)
    assert dt.date.fromisoformat(row[5]) in days  # the visit's date in the record
    # the time it was given, shown as a clock in the clinic shows it
    [(at,)] = database.rows(clinic.root, "SELECT issued_at FROM handouts")
    utc = dt.datetime.fromisoformat(at).replace(tzinfo=dt.timezone.utc)
    shown = utc.astimezone(zoneinfo.ZoneInfo(CLINIC)).strftime("%Y-%m-%d %H:%M")
    result = clinic.run("history", "Jane Doe")
    assert result.exit_code == 0, result.output
    assert f"  {shown}  printed" in result.output


def test_with_no_timezone_today_is_the_computers_as_before(clinic, server_zone):
    set_zone(clinic.root, None)
    path = clinic.program(date=None)
    days, result = days_in(SERVER, lambda: clinic.run("build", str(path), "-o", "p.pdf"))
    assert result.exit_code == 0, result.output
    text = page_texts((clinic.root / "p.pdf").read_bytes())[0]
    assert any(f"Date: {printed_date(day)}" in text for day in days), text


def test_a_roster_row_with_no_date_and_the_walk_in_file_are_the_clinics_today(
        clinic, server_zone):
    set_zone(clinic.root, CLINIC)
    roster = clinic.root / "today.csv"
    roster.write_text("name,program\nJo Smith,chronic_low_back\n", encoding="utf-8")
    days, result = days_in(CLINIC, lambda: clinic.run("batch", str(roster), "--merge",
                                                      "today.pdf"))
    assert result.exit_code == 0, result.output
    text = page_texts((clinic.root / "today.pdf").read_bytes())[0]
    assert any(f"Date: {printed_date(day)}" in text for day in days), text


def test_the_daily_copy_of_the_record_is_named_for_the_clinics_day(clinic, server_zone,
                                                                   monkeypatch):
    monkeypatch.delenv("HANDOUTS_DATABASE_URL")  # SQLite in the clinic's folder: copied daily
    set_zone(clinic.root, CLINIC)
    days, result = days_in(CLINIC, lambda: clinic.run("build", str(clinic.program()), "-o",
                                                      "p.pdf"))
    assert result.exit_code == 0, result.output
    clinic.run("build", str(clinic.program(hold="45 s")), "-o", "q.pdf")  # the copy: 2nd write
    named = {p.name for p in (clinic.root / "records" / "backups").glob("daily-*.db")}
    assert named and named <= {f"daily-{day.isoformat()}.db" for day in days}, named


def test_an_emails_date_is_the_moment_it_was_written_on_the_clinics_clock(clinic,
                                                                          server_zone):
    """The Date header: the same instant, with the clinic's offset (a patient's mail
    program shows it in their own zone; one that shows the header as written shows the
    clinic's time); with no ``timezone:``, the computer's, as before."""
    for zone, offset in ((CLINIC, -12), (None, 14)):
        set_zone(clinic.root, zone)
        with (clinic.root / "clinic.yaml").open("a", encoding="utf-8") as handle:
            handle.write("email: desk@example.com\n")
        program = clinic.program(file=f"ada-{offset}.yaml")
        data = yaml.safe_load(program.read_text(encoding="utf-8"))
        data["patient"]["email"] = "ada@example.com"
        program.write_text(yaml.safe_dump(data), encoding="utf-8")
        outbox = clinic.root / f"outbox{offset}"
        before = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
        result = clinic.run("email", str(program), "--no-send", "--outbox", str(outbox))
        after = dt.datetime.now(dt.timezone.utc)
        assert result.exit_code == 0, result.output
        [eml] = (outbox / "pending").glob("*.eml")
        date = email.message_from_bytes(eml.read_bytes(), policy=email.policy.default)["Date"]
        assert date.datetime.utcoffset() == dt.timedelta(hours=offset), str(date)
        assert before <= date.datetime <= after


def test_a_journal_set_aside_is_named_for_the_clinics_clock(clinic, database, server_zone):
    """As a backup is: the name says when, and the clinic's staff read it on their clock."""
    set_zone(clinic.root, CLINIC)
    records = clinic.root / "records"
    records.mkdir(mode=0o700)
    (records / "pending.json").write_bytes(b"cut sh")
    days, result = days_in(CLINIC, lambda: clinic.run("build", str(clinic.program()), "-o",
                                                      "p.pdf"))
    assert result.exit_code == 0, result.output
    [kept] = records.glob("pending-*.rejected.json")
    assert dt.datetime.strptime(kept.name[len("pending-"):][:8], "%Y%m%d").date() in days, \
        kept.name


def test_the_clinics_timezone_changes_no_handouts_id_or_bytes(tmp_path):
    """Its zone is nothing the patient sees, and the visit's date is already in the
    program: a handout made before clinic.yaml had the key keeps its id, with it set or
    not (the outbox and the record know a handout by its id)."""
    built = {}
    for zone in (None, "Pacific/Auckland"):
        folder = tmp_path / str(zone).replace("/", "-")
        folder.mkdir()
        shutil.copy(ROOT / "exercises.yaml", folder / "exercises.yaml")
        set_zone(folder, zone)
        ws = api.open_workspace(folder / "exercises.yaml", folder / "clinic.yaml")
        assert ws.clinic.timezone == zone
        ws = api.open_workspace(ROOT / "exercises.yaml", folder / "clinic.yaml")
        built[zone] = api.build_handout(api.load_program(ROOT / "examples" / "jane-doe.yaml",
                                                         ws), ws)
    # one id, with the zone set or not; and the id of a version before the pictures' digests
    # were counted is Jane Doe's as in test_dose_fields (written there when her words change)
    assert len({b.handout.handout_id for b in built.values()}) == 1
    assert {api.counted_before(b.handout) for b in built.values()} == {"433C-2ZJ7"}
    assert built[None].pdf == built["Pacific/Auckland"].pdf


def test_a_visit_dated_years_ahead_is_refused_in_one_line_where_it_comes_in(clinic):
    path = clinic.program(date="2062-11-23")

    def line(today: dt.date) -> str:
        return (f'date: "2062-11-23" is more than a year after today ({today.isoformat()}); '
                f'check the year, written as YYYY-MM-DD (e.g. "{today.isoformat()}"), or '
                "leave date out for today's\n")

    with days_either_side(lambda: api.clinic_today(None)) as days:
        result = clinic.run("build", str(path), "-o", "far.pdf")
    assert result.exit_code == 1
    assert result.stderr in {f"error: {path}:4: {line(day)}" for day in days}
    assert not (clinic.root / "far.pdf").exists()
    with days_either_side(lambda: api.clinic_today(None)) as days:
        result = clinic.run("check", str(path))
    assert result.exit_code == 1 and any(f"{path}:4: {line(day)}" in result.stderr
                                         for day in days)
    result = clinic.run("build", "--patient", "Jo Smith", "--exercise", "child_pose",
                        "--date", "9999-12-31", "-o", "far.pdf")
    assert result.exit_code == 1
    assert result.stderr.startswith('error: options: date: "9999-12-31" is more than a year')
    result = clinic.run("build", "--patient", "Jo Smith", "--exercise", "child_pose",
                        "--date", "0001-01-01", "-o", "far.pdf")
    assert result.exit_code == 1
    assert result.stderr.startswith('error: options: date: "0001-01-01" is before 1900; '
                                    "check the year")
    assert "Traceback" not in result.output


def test_a_roster_row_dated_years_ahead_is_told_and_the_other_rows_are_built(clinic):
    roster = clinic.root / "today.csv"
    roster.write_text("name,program,date\nJo Smith,chronic_low_back,2062-11-23\n"
                      "Ann Lee,chronic_low_back,\n", encoding="utf-8")
    result = clinic.run("batch", str(roster), "--merge", "today.pdf")
    assert result.exit_code == 1
    assert f'{roster}:2: row 1: "date": "2062-11-23" is more than a year after today' \
        in result.stderr
    texts = page_texts((clinic.root / "today.pdf").read_bytes())
    assert "Ann Lee" in texts[0] and not any("Jo Smith" in t for t in texts)
    result = clinic.run("batch", str(roster), "--date", "2062-01-01", "--merge", "x.pdf")
    assert result.exit_code == 1
    assert result.stderr.startswith('error: --date: "2062-01-01" is more than a year after')


def test_a_handout_made_ahead_for_next_month_or_again_from_years_ago_is_built(clinic):
    today = api.clinic_today(None)
    for day in (today + dt.timedelta(days=330), dt.date(2019, 3, 1)):
        result = clinic.run("build", str(clinic.program(date=day.isoformat())), "-o",
                            f"{day}.pdf")
        assert result.exit_code == 0, result.output
        text = page_texts((clinic.root / f"{day}.pdf").read_bytes())[0]
        assert f"Date: {printed_date(day)}" in text


def test_a_far_dated_handout_the_record_kept_is_reprinted_and_started_from(clinic, database):
    """One recorded before the date was checked: its reprint is the same bytes, and the
    next visit starts from it (with today's date)."""
    ws = clinic.ws()
    program = api.load_program(clinic.program(date="2062-11-23"), ws, kept=True)
    built = api.build_handout(program, ws)
    record.issued(ws, record.Issue.of(program, built), channel="printed", by="dave")
    result = clinic.run("reprint", built.handout.handout_id, "-o", "again.pdf")
    assert result.exit_code == 0, result.output
    assert (clinic.root / "again.pdf").read_bytes() == built.pdf
    patient = record.patients(ws)[0]
    assert record.latest_program(ws, patient).date == dt.date(2062, 11, 23)


def test_the_web_apps_handouts_and_patient_pages_keep_the_clinics_clock(tmp_path, database,
                                                                       server_zone):
    from test_web import LIBRARY, Browser, build_pdf

    from handouts.web import create_app

    shutil.copytree(LIBRARY, tmp_path / "clinic")
    clinic_yaml = tmp_path / "clinic" / "clinic.yaml"
    clinic_yaml.write_text(clinic_yaml.read_text(encoding="utf-8") + f"timezone: {CLINIC}\n",
                           encoding="utf-8")
    ws = api.open_workspace(tmp_path / "clinic" / "exercises.yaml", clinic_yaml)
    app = create_app(ws, programs_dir=tmp_path / "programs")
    b = Browser(app)
    b.get("/")
    days, page = days_in(CLINIC, lambda: build_pdf(b, "download"))
    assert any(f'filename="{day.isoformat()}_ada-example.pdf"'
               in page.headers["Content-Disposition"] for day in days)
    assert any(f"Date: {printed_date(day)}" in page_texts(page.data)[0] for day in days)
    [(at,)] = database.rows(tmp_path / "clinic", "SELECT issued_at FROM handouts")
    utc = dt.datetime.fromisoformat(at).replace(tzinfo=dt.timezone.utc)
    local = utc.astimezone(zoneinfo.ZoneInfo(CLINIC))
    # as a US clinic writes a day and a time: "December 5, 2026, 11:01 AM" (CLDR's narrow
    # no-break space before AM)
    shown = (f"{local:%B} {local.day}, {local.year}, {local.hour % 12 or 12}:{local:%M}"
             f"\u202f{local:%p}")
    [patient] = record.patients(ws)
    assert f" on {shown}: " in b.get(f"/patients/{patient.id}").get_data(as_text=True)


def test_a_newborns_date_of_birth_is_not_in_the_future_on_a_server_behind_the_clinic():
    """A program is read without its clinic: a date of birth is in the future only after
    today anywhere on Earth (UTC+14), whatever zone the server keeps."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = CLINIC  # the server 26 hours behind a clinic in UTC+14
    time.tzset()
    try:
        newborn = dt.datetime.now(dt.timezone(dt.timedelta(hours=14))).date()
        patient = api.Program.model_validate({"patient": {"name": "Baby Example",
                                                          "dob": newborn.isoformat()},
                                              "exercises": ["child_pose"]}).patient
        assert patient.dob == newborn
        with pytest.raises(ValueError, match="is in the future"):
            api.Program.model_validate({"patient": {"name": "Baby Example", "dob": (
                newborn + dt.timedelta(days=2)).isoformat()}, "exercises": ["child_pose"]})
    finally:
        if before is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = before
        time.tzset()
