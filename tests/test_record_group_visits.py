"""A group's record, continued (the sites and visits of test_record_group): visits numbered
by their dates however late they reached the database, two branches of one name told apart
by their address, and the last visit as a program file at the command line."""

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


def test_export_last_writes_the_program_the_next_visit_starts_from(group, tmp_path):
    back, dublin, a, b = group
    # at the back clinic: its own visit, and Dublin's newer one passed over, as on the web
    result = back.run("export", "Pat Example", "--last", "--to", "next")
    assert result.exit_code == 0, result.output
    path = back.root.parent / "next" / "pat-example-1970-05-06.yaml"
    assert result.stdout == (f"wrote next/{path.name}, from visit 1 of 2026-12-01 of Pat "
                             "Example (born 1970-05-06); edit it, then: make_handouts.py "
                             f"build next/{path.name}\n")
    [pat] = record.patients(back.ws(), "Pat Example")
    assert result.stderr == f"warning: {record.start_from(back.ws(), pat).said()}\n"
    text = path.read_text()
    assert text.startswith("# From visit 1 of 2026-12-01. It has no date")
    data = yaml.safe_load(text)
    assert "date" not in data and data["exercises"] == ["child_pose"]
    # at Dublin, its own visit is the newest: nothing said
    result = dublin.run("export", "Pat Example", "--last", "--to", "dublin")
    assert result.stderr == "" and "after_shoulder_surgery" in (
        back.root.parent / "dublin" / path.name).read_text()
    # edited, it builds as today's visit
    path.write_text(text.replace("- child_pose", "- child_pose\n- si_joint_correction"))
    built = back.run("build", str(path), "-o", "today.pdf")
    assert built.exit_code == 0, built.output
    words = "\n".join(page_texts((back.root.parent / "today.pdf").read_bytes()))
    assert "Child's pose rock-back" in words and "Sacroiliac" in words
    today = dt.date.today()
    assert f"Date: {today:%B} {today.day}, {today.year}" in words
    # a second export never replaces the edited file
    again = back.run("export", "Pat Example", "--last", "--to", "next")
    assert again.stdout.startswith("wrote next/pat-example-1970-05-06-2.yaml, from visit 3 "
                                   f"of {today.isoformat()}")
    assert path.read_text() != text


def test_export_last_for_a_patient_seen_only_at_another_clinic_says_why(group):
    back, dublin, a, b = group
    path = dublin.root / "only.yaml"
    path.write_text(yaml.safe_dump({"patient": {"name": "Ola Elsewhere"},
                                    "date": "2026-12-03", "exercises": ["pendulum"]}))
    ws = dublin.ws()
    program = api.load_program(path, ws)
    record.issued(ws, record.Issue.of(program, api.build_handout(program, ws)),
                  channel="printed")
    result = back.run("export", "Ola Elsewhere", "--last")
    assert result.exit_code == 1
    assert result.output == (
        f"error: Ola Elsewhere's newest visit, visit 1 of 2026-12-03, was given at {DUBLIN}, "
        "from that clinic's library: this clinic's library does not have \"Pendulum "
        "swings\". No visit of Ola Elsewhere given here can be started from: build the new "
        "visit from this clinic's library.\n")
    assert not (back.root.parent / "export").exists()
    assert back.run("export", "--last").output.startswith(
        "error: --last writes one patient's last program; give the PATIENT's name")
