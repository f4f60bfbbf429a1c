"""A group's record, continued (the sites and visits of test_record_group): visits numbered
by their dates however late they reached the database, two branches of one name told apart
by their address."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from html import unescape

import yaml

from conftest import ROOT, page_texts
import handouts as api
from handouts import record
from test_record_group import BACK, DUBLIN, PATIENT, Site, group, next_visit  # noqa: F401


def late_visit(back: Site, dublin: Site, monkeypatch) -> api.Built:
    """The back clinic gives Pat a visit dated 28 November while the shared database is
    out of reach: it waits in its pending journal and reaches the database after Dublin's
    visit of 2 December, as the record's third version."""
    shared = record.open_record(back.ws()).where.url
    monkeypatch.setenv("HANDOUTS_DATABASE_URL", f"sqlite:///{back.root}/gone/handouts.db")
    ws = back.ws()
    path = back.root / "visit-2026-11-28.yaml"
    path.write_text(yaml.safe_dump({"patient": PATIENT, "date": "2026-11-28",
                                    "exercises": ["si_joint_correction"]}))
    program = api.load_program(path, ws)
    built = api.build_handout(program, ws)
    [notice] = record.issued(ws, record.Issue.of(program, built), channel="printed", by="desk")
    assert notice.startswith("recorded later: the database is unavailable")
    monkeypatch.setenv("HANDOUTS_DATABASE_URL", shared)
    assert back.run("history", "Pat Example").exit_code == 0  # the journal written now
    assert not (back.root / "records" / "pending.json").exists()
    return built


def test_visits_are_numbered_by_date_however_late_they_arrived(group, monkeypatch):
    back, dublin, a, b = group
    late = late_visit(back, dublin, monkeypatch).handout.handout_id
    lines = back.run("history", "Pat Example").output.splitlines()
    assert [line for line in lines if line.startswith("visit")] == [
        "visit 1, 2026-11-28: si_joint_correction", "visit 2, 2026-12-01: child_pose",
        "visit 3, 2026-12-02: protocol after_shoulder_surgery"]
    assert lines[2].startswith(f"  {late} ")
    assert dublin.run("find", late).output.splitlines()[0] == (
        f"{late}: Pat Example (born 1970-05-06), visit 1 of 2026-11-28: si_joint_correction")
    # the next visit starts from the newest by date: Dublin's, passed over at the back
    # clinic for its own of 1 December, not the one that arrived last
    [pat] = record.patients(back.ws(), "Pat Example")
    start = record.start_from(back.ws(), pat)
    assert (start.visit.number, start.visit.visit_date) == (2, dt.date(2026, 12, 1))
    assert start.said().startswith("Pat Example's newest visit, visit 3 of 2026-12-02, was "
                                   f"given at {DUBLIN}")
    assert [e.id for e in record.latest_program(back.ws(), pat).exercises] == ["child_pose"]
    assert "Started from visit 3 of 2 December 2026: its doses" in next_visit(dublin)[1]
    # the web app's Patients page: newest first, by date; each handout's page alike
    from handouts.web import create_app

    client = create_app(back.ws(), programs_dir=back.root / "programs").test_client()
    page = unescape(client.get(f"/patients/{pat.id}").get_data(as_text=True))
    assert re.findall(r"<h3>(Visit \d: [^<·]+?)\s*(?:·|</h3>)", page) == [
        "Visit 3: December 2, 2026", "Visit 2: December 1, 2026",
        "Visit 1: November 28, 2026"]
    given = client.get(f"/patients/{pat.id}/handouts/{late}").get_data(as_text=True)
    assert "visit 1 of November 28, 2026, printed on" in given
    # the export's file names keep the record's own number of each version (the order it
    # arrived), so that exporting again writes the same files, not renamed copies
    assert back.run("export", "Pat Example", "--to", "out").exit_code == 0
    assert sorted(p.name for p in (back.root.parent / "out").glob("*/*.yaml")) == [
        "2026-11-28_v3.yaml", "2026-12-01_v1.yaml", "2026-12-02_v2.yaml"]


def branch(tmp_path, address: str) -> Site:
    """Another branch of the back clinic's chain: its name and library, another address."""
    site = Site(tmp_path / "branch", ROOT)
    clinic = site.root / "clinic.yaml"
    text = clinic.read_text()
    assert "address: St. Louis, Missouri" in text
    clinic.write_text(text.replace("address: St. Louis, Missouri", f"address: {address}"))
    return site


def test_two_branches_of_one_name_are_told_apart_by_their_address(group, tmp_path):
    back, dublin, a, b = group
    other = branch(tmp_path, "200 Other Road, St. Charles, Missouri")
    c = other.issue("2026-12-03", exercises=["child_pose", "psoas_release"]).handout.handout_id
    there = f"{BACK}, 200 Other Road"
    lines = back.run("history", "Pat Example").output.splitlines()
    assert lines[2].endswith("by desk")  # the back clinic's own: not "at" anywhere
    assert lines[-1].startswith(f"  {c} ") and lines[-1].endswith(f"by desk  at {there}")
    assert other.run("history", "Pat Example").output.splitlines()[2].endswith(
        f"by desk  at {BACK}, St. Louis")
    assert back.run("find", c).output.splitlines()[1].endswith(f"at {there}")
    # its library is the back clinic's: its visit is started from, and said to be theirs
    [pat] = record.patients(back.ws(), "Pat Example")
    start = record.start_from(back.ws(), pat)
    assert (start.visit.number, start.clinic, start.passed) == (3, there, None)
    assert (f"Started from visit 3 of December 3, 2026, given at {there}: its doses"
            in next_visit(back)[1])
    # forget names it among the clinics that keep records of their own (at a third
    # clinic, each branch by its address)
    assert record.other_clinics(dublin.ws()) == [there, f"{BACK}, St. Louis"]
    result = back.run("forget", "Pat Example", "--yes")
    assert result.stderr.startswith(f"warning: {DUBLIN} and {there} also use this record")


def test_one_clinic_whose_address_is_written_otherwise_is_still_itself(group, tmp_path):
    back, dublin, a, b = group
    same = branch(tmp_path, "St.  Louis,   missouri")  # spacing and case are no address
    same.issue("2026-12-03", exercises=["child_pose", "si_joint_correction"])
    lines = back.run("history", "Pat Example").output.splitlines()
    assert lines[2].endswith("by desk") and lines[-1].endswith("by desk")
    [pat] = record.patients(back.ws(), "Pat Example")
    start = record.start_from(back.ws(), pat)
    assert (start.visit.number, start.clinic, start.passed) == (3, None, None)
