"""A visit is matched by its program's YAML without the patient's email address, and the
record reads a version's YAML only as far back as the version it finds: a program printed
again is its patient's newest version, found by its text, without parsing every version the
patient ever had on the write a build waits for. Parses are counted, never timed; the
versions are read back from the database itself. Made-up patients."""

from __future__ import annotations

import yaml

from test_record import Clinic, clinic  # noqa: F401 (fixture)

VERSIONS = ("SELECT g.version, h.handout_id FROM handouts h JOIN programs g "
            "ON h.program_id = g.id ORDER BY h.id")


def emailed(clinic: Clinic, hold: str, address: str = "jane.doe@example.com"):
    """Jane Doe's program with this hold, written with her email address."""
    path = clinic.program(hold=hold, file=f"jane-{hold.replace(' ', '')}.yaml")
    path.write_text(path.read_text(encoding="utf-8").replace(
        "  name: Jane Doe\n", f"  name: Jane Doe\n  email: {address}\n"), encoding="utf-8")
    return path


def parses(monkeypatch) -> list[str]:
    """The texts yaml.load is given from now on."""
    seen, load = [], yaml.load

    def counted(stream, *args, **kwargs):
        seen.append(stream)
        return load(stream, *args, **kwargs)

    monkeypatch.setattr(yaml, "load", counted)
    return seen


def test_the_newest_version_given_again_parses_no_version(clinic, database, monkeypatch):
    holds = ("10 s", "20 s", "30 s", "40 s")
    for hold in holds:
        clinic.issue(emailed(clinic, hold))
    newest, _ = clinic.issue(emailed(clinic, holds[-1]), channel="emailed")
    assert [v for v, _ in database.rows(clinic.root, VERSIONS)] == ["1", "2", "3", "4", "4"]

    seen = parses(monkeypatch)
    clinic.issue(emailed(clinic, holds[-1]))
    assert seen == [], f"{len(seen)} YAML texts parsed to find the newest version"
    rows = database.rows(clinic.root, VERSIONS)
    assert rows[-1] == ("4", newest.handout.handout_id) and len(rows) == 6


def test_an_older_version_to_another_address_is_still_its_visit(clinic, database,
                                                                monkeypatch):
    for hold in ("10 s", "20 s", "30 s"):
        clinic.issue(emailed(clinic, hold))
    seen = parses(monkeypatch)
    # the second version, emailed to a corrected address: the same visit, found by reading
    # the versions back to it (the newest is not it)
    again, _ = clinic.issue(emailed(clinic, "20 s", "jane.d@example.com"), channel="emailed")
    rows = database.rows(clinic.root, VERSIONS)
    assert rows[-1] == ("2", again.handout.handout_id) and len(rows) == 4
    # the address taken out as text (entry.matched): no version is parsed to find it
    assert not seen
    # and a program she never had is a new version after the newest
    clinic.issue(emailed(clinic, "50 s"))
    assert database.rows(clinic.root, VERSIONS)[-1][0] == "4"
