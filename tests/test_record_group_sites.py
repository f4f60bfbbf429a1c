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
