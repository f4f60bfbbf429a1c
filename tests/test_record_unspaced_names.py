"""A Japanese or Chinese name is one patient in the record however the space between its
names is typed (none, half or full width), in a new visit and in a record kept before the
rule; a name in Latin letters keeps its spaces."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from handouts.record import upgrading
from test_record import clinic  # noqa: F401 - the fixture, shared
from test_record_migrations import engine_for


def _patients(database, clinic) -> list[tuple]:
    return database.rows(clinic.root, "SELECT name, name_key, dob FROM patients ORDER BY id")


def test_a_name_typed_with_or_without_its_space_is_one_patient(clinic, database):
    for name in ("山田花子", "山田 花子", "山田　花子"):
        _, notices = clinic.issue(clinic.program(name=name, dob="1961-04-30",
                                                 file=f"yamada-{ord(name[2])}.yaml"))
        assert notices == (), name
    clinic.issue(clinic.program(name="王 小明", dob="1950-01-02"))
    clinic.issue(clinic.program(name="王小明", dob="1950-01-02", file="wang.yaml"))
    # Latin names keep their spaces: two people
    clinic.issue(clinic.program(name="Ana Example", dob="1970-05-06"))
    _, notices = clinic.issue(clinic.program(name="AnaExample", dob="1970-05-06"))
    assert _patients(database, clinic) == [
        ("山田花子", "山田花子", "1961-04-30"), ("王 小明", "王小明", "1950-01-02"),
        ("Ana Example", "ana example", "1970-05-06"),
        ("AnaExample", "anaexample", "1970-05-06")]
    assert [r[4] for r in database.rows(clinic.root)][:5] == ["1", "2", "3", "1", "2"]
    result = clinic.run("history", "山田 花子")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("山田花子"), result.output


def _kept_by(clinic, revision: str, keys: tuple) -> None:
    """The record as schema ``revision`` left it: each (name, its key then) a patient born
    1961-04-30."""
    engine = engine_for(clinic.ws())
    with engine.begin() as conn:
        upgrading.upgrade(conn, revision)
        for name, key in keys:
            conn.execute(sa.text("INSERT INTO patients (name, name_key, dob, created_at) "
                                 "VALUES (:n, :k, :dob, :now)"),
                         {"n": name, "k": key, "dob": dt.date(1961, 4, 30),
                          "now": dt.datetime(2026, 11, 2, 9, 0)})
    engine.dispose()


def _down_to(clinic, revision: str) -> None:
    """The record taken down to schema ``revision``, as that version would keep it."""
    from alembic import command
    from alembic.config import Config

    engine = engine_for(clinic.ws())
    config = Config()
    config.set_main_option("script_location", str(upgrading.MIGRATIONS))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, revision)
    engine.dispose()


def test_a_key_kept_with_its_space_before_the_rule_is_folded_again(clinic, database):
    # the record as schema 0003 left it: "山田 花子" kept under a key with its space
    _kept_by(clinic, "0003", (("山田 花子", "山田 花子"), ("Ana Example", "ana example"),
                              ("李　雷", "李 雷")))

    # the next visit, typed without the space, is filed under the patient already there
    _, notices = clinic.issue(clinic.program(name="山田花子", dob="1961-04-30"))
    assert not [n for n in notices if "new patient" in n], notices
    assert _patients(database, clinic) == [
        ("山田 花子", "山田花子", "1961-04-30"), ("Ana Example", "ana example", "1961-04-30"),
        ("李　雷", "李雷", "1961-04-30")]
    assert [(r[1], r[4]) for r in database.rows(clinic.root)] == [("山田 花子", "1")]

    # and down again, the keys are as that version kept them
    _down_to(clinic, "0003")
    assert [r[1] for r in _patients(database, clinic)] == ["山田 花子", "ana example", "李 雷"]


def test_a_name_with_a_curly_or_a_straight_apostrophe_is_one_patient(clinic, database):
    """A spreadsheet curls the apostrophe a desk types straight: Siobhán O’Connor from a
    roster was a second patient beside O'Connor, her files another name (found by a probe
    of a front desk)."""
    import handouts as api

    for name in ("Siobhán O'Connor", "Siobhán O’Connor", "siobhan o‘connor"):
        _, notices = clinic.issue(clinic.program(name=name, dob="1968-03-14",
                                                 file=f"s-{ord(name[9])}.yaml"))
        assert not [n for n in notices if "new patient" in n], (name, notices)
    assert _patients(database, clinic) == [("Siobhán O'Connor", "siobhan o'connor",
                                            "1968-03-14")]
    # her files are named alike, and the name earlier versions gave is still hers
    assert api.name_slug("Siobhán O’Connor") == api.name_slug("Siobhán O'Connor") == \
        "siobhan-o-connor"
    assert "siobhan-oconnor" in api.name_slugs("Siobhán O’Connor")


def test_a_key_kept_with_a_curly_apostrophe_is_folded_again(clinic, database):
    # the record as schema 0005 left it: O’Brien kept under a key with its curly apostrophe
    _kept_by(clinic, "0005", (("Seán O’Brien", "sean o’brien"), ("Ana Example", "ana example")))

    # the next visit, typed straight, is filed under the patient already there
    _, notices = clinic.issue(clinic.program(name="Seán O'Brien", dob="1961-04-30"))
    assert not [n for n in notices if "new patient" in n], notices
    assert _patients(database, clinic) == [("Seán O’Brien", "sean o'brien", "1961-04-30"),
                                           ("Ana Example", "ana example", "1961-04-30")]
    # and down again, the key is as that version kept it
    _down_to(clinic, "0005")
    assert [r[1] for r in _patients(database, clinic)] == ["sean o’brien", "ana example"]
