"""A group of clinics on one record: a back clinic (the shipped library, Letter) and a
shoulder clinic in Dublin (examples/dublin-shoulder, A4), each its own folder, share one
database (SQLite named by HANDOUTS_DATABASE_URL, or a PostgreSQL schema). The same patient
seen at both is one patient; each site's history, find, reprint and Patients page say which
clinic gave each handout, and a reprint at one site is the other site's handout."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from conftest import ROOT, page_texts, reader
import handouts as api
from handouts import record
from handouts.cli import main

BACK, DUBLIN = "More 4 Life Physical Therapy", "Liffey Physiotherapy"
PATIENT = {"name": "Pat Example", "dob": "1970-05-06"}


class Site:
    """One clinic of the group: its own folder, library and clinic file."""

    def __init__(self, root, source):
        # the clinic's own files only: the checkout around the shipped clinic (its .venv,
        # .git, tests ...) is no part of it, and copying it cost seconds a test
        def clinic_only(folder, names):
            if Path(folder) != Path(source):
                return []
            return [n for n in names if not (n.endswith(".yaml") or n == "images")]

        shutil.copytree(source, root, ignore=clinic_only)
        self.root = root

    def ws(self) -> api.Workspace:
        return api.open_workspace(self.root / "exercises.yaml", self.root / "clinic.yaml")

    def issue(self, date: str, **program) -> api.Built:
        ws = self.ws()
        path = self.root / f"visit-{date}.yaml"
        path.write_text(yaml.safe_dump({"patient": PATIENT, "date": date, **program}))
        loaded = api.load_program(path, ws)
        built = api.build_handout(loaded, ws)
        assert record.issued(ws, record.Issue.of(loaded, built), channel="printed",
                             by="desk") == ()
        return built

    def run(self, *args):
        return CliRunner().invoke(main, ["--home", str(self.root), *args],
                                  catch_exceptions=False)


@pytest.fixture
def group(tmp_path, database, monkeypatch):
    monkeypatch.chdir(tmp_path)
    if database.kind == "sqlite":  # one file both clinics name, as on a share
        monkeypatch.setenv("HANDOUTS_DATABASE_URL", f"sqlite:///{tmp_path}/group.db")
    back = Site(tmp_path / "back", ROOT)
    dublin = Site(tmp_path / "dublin", ROOT / "examples" / "dublin-shoulder")
    a = back.issue("2026-12-01", exercises=["child_pose"])
    b = dublin.issue("2026-12-02", protocol="after_shoulder_surgery")
    return back, dublin, a, b


def test_each_site_says_which_clinic_gave_each_handout(group):
    back, dublin, a, b = group
    ida, idb = a.handout.handout_id, b.handout.handout_id
    # one patient, both visits, at either site; the other clinic's handouts named
    at_back = back.run("history", "Pat Example").output.splitlines()
    assert at_back[0] == "Pat Example (born 1970-05-06)"
    assert at_back[2].startswith(f"  {ida} ") and at_back[2].endswith("by desk")
    assert at_back[4].startswith(f"  {idb} ") and at_back[4].endswith(f"by desk  at {DUBLIN}")
    at_dublin = dublin.run("history", "Pat Example").output.splitlines()
    assert at_dublin[2].endswith(f"by desk  at {BACK}")
    assert at_dublin[4].endswith("by desk")
    assert dublin.run("find", ida).output.splitlines()[1].endswith(f"at {BACK}")



def test_each_clinic_file_kept_is_read_once_a_process(group, monkeypatch):
    # which clinic gave each handout is read from the clinic file kept with its library
    # version, whose text never changes: a history, find or Patients page does not parse
    # it again
    back, dublin, a, _ = group
    assert f"at {DUBLIN}" in back.run("history", "Pat Example").output
    kept = {(site.root / "clinic.yaml").read_text(encoding="utf-8") for site in group[:2]}
    parsed, safe_load = [], yaml.safe_load
    monkeypatch.setattr(yaml, "safe_load", lambda text, *args, **kw: parsed.append(text)
                        or safe_load(text, *args, **kw))
    assert back.run("history", "Pat Example").output.splitlines()[4].endswith(
        f"by desk  at {DUBLIN}")
    assert dublin.run("history", "Pat Example").output.splitlines()[2].endswith(
        f"by desk  at {BACK}")
    assert dublin.run("find", a.handout.handout_id).output.splitlines()[1].endswith(
        f"at {BACK}")
    assert back.run("forget", "Pat Example", "--yes").exit_code == 0
    assert not [text for text in parsed if text in kept]

def test_a_clinic_that_names_itself_per_language_is_still_itself(group):
    # Dublin gives its name per language, the library's (English) not first: its handouts
    # before and after are its own, and the back clinic's, the other clinic's
    back, dublin, a, b = group
    clinic_yaml = dublin.root / "clinic.yaml"
    clinic_yaml.write_text(clinic_yaml.read_text(encoding="utf-8").replace(
        f"name: {DUBLIN}\n", f"name: {{es: Fisioterapia Liffey, en: {DUBLIN}}}\n"),
        encoding="utf-8")
    assert dublin.ws().clinic.name == DUBLIN
    c = dublin.issue("2026-12-03", protocol="after_shoulder_surgery")
    lines = dublin.run("history", "Pat Example").output.splitlines()
    mine = [line for line in lines if line.startswith(("  " + b.handout.handout_id,
                                                       "  " + c.handout.handout_id))]
    assert len(mine) == 2 and not any(" at " in line for line in mine), lines
    assert any(line.startswith("  " + a.handout.handout_id) and line.endswith(f"at {BACK}")
               for line in lines), lines
    # at the back clinic, by the first name its file gives
    lines = back.run("history", "Pat Example").output.splitlines()
    assert any(line.startswith("  " + c.handout.handout_id)
               and line.endswith("at Fisioterapia Liffey") for line in lines), lines


def test_a_reprint_at_one_site_is_the_other_sites_handout(group):
    back, dublin, a, b = group
    result = dublin.run("reprint", a.handout.handout_id, "-o", "again.pdf")
    assert result.exit_code == 0, result.output
    assert result.output.endswith(f": the same bytes as the handout printed at {BACK} on "
                                  f"{result.output.rstrip()[-10:]}\n")
    again = (dublin.root.parent / "again.pdf").read_bytes()
    assert again == a.pdf
    # the back clinic's name, paper and exercises, not Dublin's
    text = "\n".join(page_texts(again))
    assert "More 4 Life" in text and "Liffey" not in text
    assert [round(float(v)) for v in reader(again).pages[0].mediabox[2:]] == [612, 792]


def test_the_patients_page_at_each_site_names_the_other_clinic(group):
    from handouts.web import create_app

    back, dublin, a, b = group
    [person] = record.patients(dublin.ws(), "Pat Example")
    client = create_app(dublin.ws(), programs_dir=dublin.root / "programs").test_client()
    page = client.get(f"/patients/{person.id}").get_data(as_text=True)
    assert f"Printed at {BACK} on " in page
    assert f"at {DUBLIN}" not in page
    given = client.get(f"/patients/{person.id}/handouts/{a.handout.handout_id}")
    assert f"printed at {BACK} on " in given.get_data(as_text=True)


def test_forget_at_one_site_says_what_it_cannot_reach_at_the_others(group, monkeypatch):
    back, dublin, a, b = group
    shared = record.open_record(back.ws()).where
    # the back clinic's handout of the day waits there: its database was out of reach
    monkeypatch.setenv("HANDOUTS_DATABASE_URL", f"sqlite:///{back.root}/gone/handouts.db")
    ws = back.ws()
    path = back.root / "visit-2026-12-05.yaml"
    path.write_text(yaml.safe_dump({"patient": PATIENT, "date": "2026-12-05",
                                    "exercises": ["child_pose"]}))
    program = api.load_program(path, ws)
    [notice] = record.issued(ws, record.Issue.of(program, api.build_handout(program, ws)),
                             channel="printed")
    assert notice.startswith("recorded later: the record cannot be reached")
    monkeypatch.setenv("HANDOUTS_DATABASE_URL", shared.url)

    result = dublin.run("forget", "Pat Example", "--yes")
    assert result.exit_code == 0, result.output
    # (SQLite: and from the day's copy beside the shared file)
    assert result.stdout.startswith("removed Pat Example (born 1970-05-06): 2 program "
                                    "versions, 2 handouts issued")
    others, paper = result.stderr.splitlines()
    assert others == (
        f"warning: {BACK} also uses this record: Pat Example is gone from it for every "
        "clinic, but each keeps its own outbox and records waiting for the database "
        "(records/pending.json, records/unsent/); run forget there too, or what waits "
        "there brings them back (where nothing of theirs waits, it says there is no such "
        "patient)")
    assert paper.startswith("warning: the PDFs made for Pat Example are not in the record")
    # as it says: the back clinic's forget reaches them where they wait (its first look at
    # the database writes them there, and they are removed from it again)
    result = back.run("forget", "Pat Example", "--yes")
    assert result.stdout.startswith("removed Pat Example (born 1970-05-06): 1 program "
                                    "version, 1 handout issued")
    for site in (back, dublin):
        assert site.run("history", "Pat Example").exit_code == 1
    assert not (back.root / "records" / "pending.json").exists()


# --- the next visit: this clinic's newest, or another's this library has all of ---------

SHOULDER = 'the protocol "After shoulder surgery, weeks 1 to 6"'


def next_visit(site: Site, name: str = "Pat Example"):
    """The editor page "Start from the last visit" opens at this site, and its notice."""
    from html import unescape

    from handouts.web import create_app
    from test_web import Browser

    [person] = record.patients(site.ws(), name)
    b = Browser(create_app(site.ws(), programs_dir=site.root / "programs"))
    b.get(f"/patients/{person.id}")
    page = b.post("next", {}, url=f"/patients/{person.id}/next")
    assert page.status_code == 200, page.get_data(as_text=True)
    return b, " ".join(unescape(page.get_data(as_text=True)).split())


def test_the_next_visit_starts_from_this_clinics_newest_not_anothers(group):
    back, dublin, a, b = group
    # the newest visit is Dublin's, from a library the back clinic does not have: it was
    # checked against the back clinic's and refused ("put back what was taken out")
    [pat] = record.patients(back.ws(), "Pat Example")
    start = record.start_from(back.ws(), pat)
    assert (start.visit.version, start.passed, start.lacking) == (1, DUBLIN, (SHOULDER,))
    assert start.said() == (
        f"Pat Example's newest visit, visit 2 of 2026-12-02, was given at {DUBLIN}, from that "
        f"clinic's library: this clinic's library does not have {SHOULDER}.")
    program = record.latest_program(back.ws(), pat)
    assert [e.id for e in program.exercises] == ["child_pose"]
    # at Dublin, its own visit is the newest: started from as before, nothing passed over
    start = record.start_from(dublin.ws(), pat)
    assert (start.visit.version, start.passed, start.said()) == (2, None, "")
    assert "Started from visit 2 of 2 December 2026: its doses" in next_visit(dublin)[1]
    # the web app at the back clinic starts from the same visit, and says so
    start = record.start_from(back.ws(), pat)
    browser, page = next_visit(back)
    assert (f"{start.said(lambda day: 'December 2, 2026')} Started from visit 1 of "
            "December 1, 2026, the newest given here: its doses show beside each box") in page
    form = browser.form()
    assert form["ex-0-id"] == "child_pose" and "ex-1-id" not in form
    pdf = browser.post("download", form).data
    text = "\n".join(page_texts(pdf))
    assert "Child's pose rock-back" in text and "Pendulum" not in text


def test_a_patient_seen_only_at_another_clinic_starts_afresh_and_is_told_why(group):
    back, dublin, a, b = group
    path = dublin.root / "only.yaml"
    path.write_text(yaml.safe_dump({"patient": {"name": "Ola Elsewhere", "number": "D-17"},
                                    "date": "2026-12-03", "exercises": ["pendulum"],
                                    "education": ["sleeping"]}))
    ws = dublin.ws()
    program = api.load_program(path, ws)
    record.issued(ws, record.Issue.of(program, api.build_handout(program, ws)),
                  channel="printed")
    [ola] = record.patients(back.ws(), "Ola Elsewhere")
    said = (f"Ola Elsewhere's newest visit, visit 1 of 2026-12-03, was given at {DUBLIN}, "
            "from that clinic's library: this clinic's library does not have \"Pendulum "
            'swings" and the topic "Sleeping well". No visit of Ola Elsewhere given here '
            "can be started from: build the new visit from this clinic's library.")
    assert record.start_from(back.ws(), ola).said() == said
    with pytest.raises(api.HandoutError) as raised:
        record.latest_program(back.ws(), ola)
    assert str(raised.value) == said
    # the web app opens a new program for them, with the reason, not a 422 page
    browser, page = next_visit(back, "Ola Elsewhere")
    assert said.replace("2026-12-03", "December 3, 2026") in page
    form = browser.form()
    assert (form["patient_name"], form["patient_number"]) == ("Ola Elsewhere", "D-17")
    assert "ex-0-id" not in form


def test_a_group_sharing_one_library_starts_from_the_other_clinics_visit(group, tmp_path):
    back, dublin, a, b = group
    # a third clinic with the back clinic's library: Pat's newest visit is the back
    # clinic's, and every exercise of it is in this library too
    cork = Site(tmp_path / "cork", ROOT)
    clinic = cork.root / "clinic.yaml"
    clinic.write_text(clinic.read_text().replace(f"name: {BACK}", "name: Cork Physio"))
    back.issue("2026-12-03", exercises=["child_pose", "si_joint_correction"])
    [pat] = record.patients(cork.ws(), "Pat Example")
    start = record.start_from(cork.ws(), pat)
    assert (start.visit.version, start.clinic, start.passed) == (3, BACK, None)
    assert [e.id for e in record.latest_program(cork.ws(), pat).exercises] == [
        "child_pose", "si_joint_correction"]
    assert (f"Started from visit 3 of December 3, 2026, given at {BACK}: its doses"
            in next_visit(cork)[1])


def test_the_patients_page_names_another_clinics_exercises_by_its_library(group):
    from handouts.web import create_app

    back, dublin, a, b = group
    [pat] = record.patients(dublin.ws(), "Pat Example")
    for site, theirs, raw in ((dublin, "Child&#39;s pose rock-back", "<li>child_pose</li>"),
                              (back, "<li>Pendulum swings", "is no longer in the library")):
        client = create_app(site.ws(), programs_dir=site.root / "programs").test_client()
        page = client.get(f"/patients/{pat.id}").get_data(as_text=True)
        assert theirs in page and raw not in page
