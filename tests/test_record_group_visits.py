"""A group's record, continued (the sites and visits of test_record_group): visits numbered
by their dates however late they reached the database, two branches of one name told apart
by their `site:`, and the last visit as a program file at the command line."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from html import unescape

import yaml

from conftest import ROOT, days_either_side, page_texts
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
    assert notice.startswith("recorded later: the record cannot be reached")
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


def with_site(site: Site, name: str | None, address: str | None = None) -> Site:
    """``site``'s clinic file with ``site: name`` under its name (None: no site), and
    another ``address:`` where one is given (the clinic moved)."""
    clinic = site.root / "clinic.yaml"
    text = re.sub(r"(?m)^site: .*\n", "", clinic.read_text())
    assert text.count(f"name: {BACK}\n") == 1 and len(re.findall("(?m)^address: ", text)) == 1
    if name:
        text = text.replace(f"name: {BACK}\n", f"name: {BACK}\nsite: {name}\n")
    if address:
        text = re.sub(r"(?m)^address: .*$", f"address: {address}", text)
    clinic.write_text(text)
    assert name is None or site.ws().clinic.site == name.strip()
    return site


def branch(tmp_path, name: str) -> Site:
    """Another branch of the back clinic's chain: its name and library, its own site and
    address."""
    return with_site(Site(tmp_path / "branch", ROOT), name,
                     "200 Other Road, St. Charles, Missouri")


def test_two_branches_of_one_name_are_told_apart_by_their_site(group, tmp_path):
    back, dublin, a, b = group
    # the back clinic sets its site once the chain has a second branch: its handout of
    # 1 December, kept without one, is still its own
    with_site(back, "Kirkwood")
    d = back.issue("2026-11-30", exercises=["psoas_release"]).handout.handout_id
    other = branch(tmp_path, "Chesterfield")
    c = other.issue("2026-12-03", exercises=["child_pose", "psoas_release"]).handout.handout_id
    there = f"{BACK} (Chesterfield)"
    lines = back.run("history", "Pat Example").output.splitlines()
    assert lines[2].startswith(f"  {d} ") and lines[2].endswith("by desk")
    assert lines[4].startswith(f"  {a.handout.handout_id} ") and lines[4].endswith("by desk")
    assert lines[-1].startswith(f"  {c} ") and lines[-1].endswith(f"by desk  at {there}")
    at_other = other.run("history", "Pat Example").output.splitlines()
    assert at_other[2].endswith(f"by desk  at {BACK} (Kirkwood)")
    # kept before either set a site: of that name, so this branch's as much as the other's
    assert at_other[4].endswith("by desk")
    assert back.run("find", c).output.splitlines()[1].endswith(f"at {there}")
    # its library is the back clinic's: its visit is started from, and said to be theirs
    [pat] = record.patients(back.ws(), "Pat Example")
    start = record.start_from(back.ws(), pat)
    assert (start.visit.number, start.clinic, start.passed) == (4, there, None)
    assert (f"Started from visit 4 of December 3, 2026, given at {there}: its doses"
            in next_visit(back)[1])
    # forget names it among the clinics that keep records of their own (at a third
    # clinic, each branch by its site, and the file kept without one is one of them)
    assert record.other_clinics(dublin.ws()) == [there, f"{BACK} (Kirkwood)"]
    result = back.run("forget", "Pat Example", "--yes")
    assert result.stderr.startswith(f"warning: {DUBLIN} and {there} also use this record")


def test_one_site_written_otherwise_or_given_by_one_branch_only_is_one_clinic(group,
                                                                             tmp_path):
    back, dublin, a, b = group
    with_site(back, "Kirkwood")
    same = branch(tmp_path, "  kirkwood ")  # spacing and case are no other site
    same.issue("2026-12-03", exercises=["child_pose", "si_joint_correction"])
    with_site(same, None)  # a file of that name without a site is not told apart either
    same.issue("2026-12-04", exercises=["child_pose"])
    lines = back.run("history", "Pat Example").output.splitlines()
    assert [line.endswith("by desk") for line in lines if line.startswith("  ")] == [
        True, False, True, True]  # Dublin's alone is another clinic's
    [pat] = record.patients(back.ws(), "Pat Example")
    start = record.start_from(back.ws(), pat)
    assert (start.visit.number, start.clinic, start.passed) == (4, None, None)
    assert record.other_clinics(back.ws()) == [DUBLIN]


def test_a_clinic_that_moves_is_still_itself(group):
    # its old handouts were kept with its old address: they are its own, not another
    # branch's, whether or not it has a site
    back, dublin, a, b = group
    with_site(back, None, "100 Old Road, St. Louis, Missouri")
    back.issue("2026-12-03", exercises=["child_pose", "psoas_release"])

    def given_elsewhere() -> list[str]:
        lines = back.run("history", "Pat Example").output.splitlines()
        return [line.split("  at ")[-1] for line in lines if "  at " in line]

    assert given_elsewhere() == [DUBLIN]
    assert record.other_clinics(back.ws()) == [DUBLIN]
    with_site(back, "Kirkwood", "100 Old Road, St. Louis, Missouri")
    back.issue("2026-12-04", exercises=["psoas_release"])
    with_site(back, "Kirkwood", "300 New Street, Kirkwood, Missouri")
    assert given_elsewhere() == [DUBLIN]
    [pat] = record.patients(back.ws(), "Pat Example")
    start = record.start_from(back.ws(), pat)
    assert (start.visit.number, start.clinic, start.passed) == (4, None, None)
    # forget names Dublin alone: there is no other branch to run it at
    result = back.run("forget", "Pat Example", "--yes")
    assert result.exit_code == 0, result.output
    warned = [line for line in result.stderr.splitlines() if " this record: " in line]
    assert len(warned) == 1 and warned[0].startswith(f"warning: {DUBLIN} also uses this record")


def weeks_again(today: dt.date, name: str) -> str:
    """What an export of Dublin's visit of 2 December says on ``today``: nothing in its first
    week (days 0-6), then that the stages of its protocol start again."""
    days = (today - dt.date(2026, 12, 2)).days
    return "" if days < 7 else (
        f"warning: dublin/{name}: the weekly stages of Band turn-out start again at week 1 on "
        f"the new handout; the last was given {days} days ago (week {days // 7 + 1}): to "
        "carry them on, give each in the file a progression: of the stages left, numbered "
        "from week 1 (or a dose: where one stage is left)\n")


def test_export_last_writes_the_program_the_next_visit_starts_from(group, tmp_path):
    back, dublin, a, b = group
    # at the back clinic: its own visit, and Dublin's newer one passed over, as on the web
    result = back.run("export", "Pat Example", "--last", "--to", "next")
    assert result.exit_code == 0, result.output
    path = back.root.parent / "next" / "pat-example-1970-05-06.yaml"
    assert result.stdout == (f"wrote next/{path.name}, from visit 1 of 2026-12-01 of Pat "
                             "Example (born 1970-05-06); edit it, then: make_handouts.py "
                             f"--home {back.root} build {path}\n")
    [pat] = record.patients(back.ws(), "Pat Example")
    assert result.stderr == f"warning: {record.start_from(back.ws(), pat).said()}\n"
    text = path.read_text()
    assert text.startswith("# From visit 1 of 2026-12-01. It has no date")
    data = yaml.safe_load(text)
    assert "date" not in data and data["exercises"] == ["child_pose"]
    # at Dublin, its own visit is the newest: no visit passed over is said. Only, from the
    # second week after it (2 December) on, that its weekly stages start again at week 1
    with days_either_side() as days:
        result = dublin.run("export", "Pat Example", "--last", "--to", "dublin")
    assert result.stderr in {weeks_again(day, path.name) for day in days}
    assert "after_shoulder_surgery" in (back.root.parent / "dublin" / path.name).read_text()
    # edited, it builds as today's visit
    path.write_text(text.replace("- child_pose", "- child_pose\n- si_joint_correction"))
    with days_either_side() as days:
        built = back.run("build", str(path), "-o", "today.pdf")
    assert built.exit_code == 0, built.output
    words = "\n".join(page_texts((back.root.parent / "today.pdf").read_bytes()))
    assert "Child's pose rock-back" in words and "Sacroiliac" in words
    [today] = [day for day in days if f"Date: {day:%B} {day.day}, {day.year}" in words]
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
