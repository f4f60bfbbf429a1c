"""A group's branches of one name and their `site:`, continued (test_record_group_visits):
`check` warns where one branch sets a site and another of the name none, `restore` asks
before it puts a branch's record in place of another's, and `forget` names three other
clinics or more as a sentence does."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

from conftest import ROOT
import handouts as api
from handouts import record
from test_record_copies import clinic, names  # noqa: F401
from test_record_group import BACK, DUBLIN, PATIENT, Site, group  # noqa: F401
from test_record_group_visits import with_site

START = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


def branch(tmp_path, folder: str, name: str | None) -> Site:
    """Another branch of the back clinic's chain, in a folder of its own: its site (None:
    none) and its own address."""
    return with_site(Site(tmp_path / folder, ROOT), name, f"{len(folder)} Other Road")


def give(site: Site, hours: int) -> None:
    """A handout given at ``site``, ``hours`` after the test began (after the group's)."""
    ws = site.ws()
    path = site.root / f"visit-{hours}.yaml"
    path.write_text(yaml.safe_dump({"patient": PATIENT, "date": "2026-12-03",
                                    "exercises": ["child_pose"]}))
    program = api.load_program(path, ws)
    assert record.issued(ws, record.Issue.of(program, api.build_handout(program, ws)),
                         channel="printed", by="desk",
                         when=START + dt.timedelta(hours=hours)) == ()


def warned(site: Site) -> list[str]:
    result = site.run("check")
    assert result.exit_code == 0, result.output
    return [line for line in result.stderr.splitlines() if "site:" in line]


def test_check_warns_where_a_branch_of_the_name_has_no_site(group, tmp_path):
    back, dublin, a, b = group
    with_site(back, "Kirkwood")
    give(back, 1)
    # its own handout given before it set its site is no other branch's
    assert warned(back) == [] and warned(dublin) == []
    other = branch(tmp_path, "stcharles", None)
    give(other, 2)  # history at either would name no other clinic: check says why
    assert "  at " not in back.run("history", "Pat Example").output.replace(
        f"  at {DUBLIN}", "")
    clinic_yaml = other.root / "clinic.yaml"
    line = clinic_yaml.read_text().splitlines().index(f"name: {BACK}") + 1
    assert warned(other) == [
        f"warning: {clinic_yaml}:{line}: name: the shared record holds handouts from {BACK} "
        "(Kirkwood), of this clinic's name with a site:, and this clinic has none, so the "
        "record cannot tell their handouts from its own; give this clinic a `site:` too (a "
        "short name for this branch)"]
    clinic_yaml = back.root / "clinic.yaml"
    line = clinic_yaml.read_text().splitlines().index("site: Kirkwood") + 1
    newest = (START + dt.timedelta(hours=2)).date().isoformat()
    assert warned(back) == [
        f"warning: {clinic_yaml}:{line}: site: the shared record holds handouts of {BACK} "
        f"given without a site: (the newest on {newest}) since this clinic first gave its "
        f"own as {BACK} (Kirkwood): another branch of this name has none, and the record "
        "takes its handouts for this clinic's; give that branch a `site:` too"]
    assert warned(dublin) == []
    # the branch sets its site and gives a handout: neither is warned any more
    with_site(other, "St. Charles", "2 Other Road")
    give(other, 3)
    assert warned(back) == [] and warned(other) == []


def test_check_says_nothing_of_sites_where_the_record_is_away(group, tmp_path,
                                                               monkeypatch, database):
    back, dublin, a, b = group
    with_site(back, "Kirkwood")
    give(back, 1)
    other = branch(tmp_path, "stcharles", None)
    give(other, 2)
    gone = tmp_path / "gone" / "handouts.db"
    missing = tmp_path / "missing.db"  # its folder is there: never made by check
    away = ("postgresql+psycopg://handouts@127.0.0.1:9/handouts"
            if database.kind == "postgres" else f"sqlite:///{missing}")
    for url in [f"sqlite:///{gone}", f"sqlite:///{missing}", away]:
        monkeypatch.setenv("HANDOUTS_DATABASE_URL", url)
        assert warned(other) == [] and warned(back) == []
    assert not gone.parent.exists() and not missing.exists()


def test_restore_asks_before_putting_another_branchs_record_in_place(clinic):  # noqa: F811
    """A copy made at the branch of the same name with another site is another clinic's
    record; one made before this clinic set its site is its own."""
    db = clinic.root / "records" / "handouts.db"
    path = clinic.root / "clinic.yaml"
    clinic.issue(clinic.program("Ann Able"))
    unsited = Path(clinic.run("backup").output.split(" to ")[1].split(" (")[0])
    path.write_text(path.read_text().replace(f"name: {BACK}\n",
                                             f"name: {BACK}\nsite: Kirkwood\n"))
    clinic.issue(clinic.program("Ben Baker"))
    copy = Path(clinic.run("backup").output.split(" to ")[1].split(" (")[0])
    clinic.issue(clinic.program("Cy Cole"))
    path.write_text(path.read_text().replace("site: Kirkwood", "site: Chesterfield"))
    result = clinic.run("restore", str(copy), "--yes")  # nobody there to answer
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f'warning: {copy} is the record of "{BACK} (Kirkwood)", not of "{BACK} '
        '(Chesterfield)"', "Put that clinic's record in place of this one's? [y/N]: Aborted!"]
    assert names(db) == ["Ann Able", "Ben Baker", "Cy Cole"]
    # in any case and spacing, Kirkwood is this clinic's own site
    path.write_text(path.read_text().replace("site: Chesterfield", "site: ' kirkwood'"))
    result = clinic.run("restore", str(copy), "--yes")
    assert result.exit_code == 0, result.output
    assert names(db) == ["Ann Able", "Ben Baker"]
    # a copy kept before any site was set is this clinic's, whatever its site now
    path.write_text(path.read_text().replace("site: ' kirkwood'", "site: Chesterfield"))
    result = clinic.run("restore", str(unsited), "--yes")
    assert result.exit_code == 0, result.output
    assert names(db) == ["Ann Able"]


def test_forget_names_three_other_clinics_as_a_sentence_does(group, tmp_path):
    back, dublin, a, b = group
    with_site(back, "Kirkwood")
    give(back, 1)
    give(branch(tmp_path, "chesterfield", "Chesterfield"), 2)
    give(branch(tmp_path, "stcharles", "St. Charles"), 3)
    result = dublin.run("forget", "Pat Example", "--yes")
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith(
        f"warning: {BACK} (Chesterfield), {BACK} (Kirkwood) and {BACK} (St. Charles) also "
        "use this record: Pat Example is gone from it")
