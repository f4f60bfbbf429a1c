"""A group of clinics on one record: a back clinic (the shipped library, Letter) and a
shoulder clinic in Dublin (examples/dublin-shoulder, A4), each its own folder, share one
database (SQLite named by HANDOUTS_DATABASE_URL, or a PostgreSQL schema). The same patient
seen at both is one patient; each site's history, find, reprint and Patients page say which
clinic gave each handout, and a reprint at one site is the other site's handout."""

from __future__ import annotations

import shutil

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
        shutil.copytree(source, root, ignore=shutil.ignore_patterns("examples", "out",
                                                                    "records"))
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
    assert notice.startswith("recorded later: the database is unavailable")
    monkeypatch.setenv("HANDOUTS_DATABASE_URL", shared.url)

    result = dublin.run("forget", "Pat Example", "--yes")
    assert result.exit_code == 0, result.output
    # (SQLite: and from the day's copy beside the shared file)
    assert result.stdout.startswith("removed Pat Example (born 1970-05-06): 2 program "
                                    "versions, 2 handouts issued")
    assert result.stderr == (
        f"warning: {BACK} also uses this record: Pat Example is gone from it for every "
        "clinic, but each keeps its own outbox and records waiting for the database "
        "(records/pending.json, records/unsent/); run forget there too, or what waits "
        "there brings them back\n")
    # as it says: the back clinic's forget reaches them where they wait (its first look at
    # the database writes them there, and they are removed from it again)
    result = back.run("forget", "Pat Example", "--yes")
    assert result.stdout.startswith("removed Pat Example (born 1970-05-06): 1 program "
                                    "version, 1 handout issued")
    for site in (back, dublin):
        assert site.run("history", "Pat Example").exit_code == 1
    assert not (back.root / "records" / "pending.json").exists()
