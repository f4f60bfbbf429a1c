"""Away from the office, with the record out of reach: a handout made on this computer that
waits in the pending journal is found and printed again from it (the same bytes), and a read
of what came before says what to do, not only that the database is unavailable (SQLite and
PostgreSQL; a port nothing listens on; made-up patients)."""

from __future__ import annotations

import re

from test_record import clinic, dead_url  # noqa: F401 - the fixture, shared

WAITS = ("warning: not yet in the record: it waits on this computer (records/pending.json) "
         "until the record can be reached\n")


def test_a_handout_waiting_in_the_journal_is_found_and_reprinted_offline(clinic, database,
                                                                         monkeypatch):
    monkeypatch.setenv("HANDOUTS_DATABASE_URL", dead_url(database, clinic))
    built, _ = clinic.issue(clinic.program("Ann Able", dob="1950-02-03"))
    handout_id = built.handout.handout_id

    found = clinic.run("find", handout_id.lower().replace("-", " "))
    assert (found.exit_code, found.stderr) == (0, WAITS), found.output
    assert found.stdout.startswith(f"{handout_id}: Ann Able (born 1950-02-03), a visit of "
                                   "2026-11-23: si_joint_correction, child_pose")
    assert f"{handout_id}  " in found.stdout and "printed" in found.stdout

    again = clinic.run("reprint", handout_id, "-o", "again.pdf")
    assert (again.exit_code, again.stderr) == (0, WAITS), again.output
    assert (clinic.root / "again.pdf").read_bytes() == built.pdf
    assert re.search(r": the same bytes as the handout printed on \d{4}-\d{2}-\d{2}$",
                     again.stdout.rstrip()), again.stdout


def test_what_the_record_alone_holds_says_what_to_do_offline(clinic, database, monkeypatch):
    monkeypatch.setenv("HANDOUTS_DATABASE_URL", dead_url(database, clinic))
    todo = ("run it where the record can be reached; before a day away, export the programs "
            "to start from (export PATIENT --last) and build from those files\n")
    for args in (["history", "Ann Able"], ["export", "Ann Able", "--last"]):
        result = clinic.run(*args)
        assert result.exit_code == 1
        assert result.stderr.startswith(f"error: the record cannot be reached, so {args[0]} "
                                        "cannot read it (the database is unavailable (")
        assert result.stderr.endswith(f"): {todo}") and result.stderr.count("\n") == 1
    for command in ("find", "reprint"):
        result = clinic.run(command, "QX7A-B2CD")
        assert result.exit_code == 1
        assert result.stderr.endswith("; only the handouts made on this computer since can be "
                                      f"found, and none is QX7A-B2CD: {todo}")


def queue_email(clinic, name: str) -> str:
    """An email to ``name`` written to the outbox and not sent (as where the mail server
    cannot be reached): its handout id."""
    import yaml

    settings = yaml.safe_load((clinic.root / "clinic.yaml").read_text())
    settings["email"] = "desk@example.com"  # the address it is sent from
    (clinic.root / "clinic.yaml").write_text(yaml.safe_dump(settings, sort_keys=False))
    path = clinic.program(name)
    data = yaml.safe_load(path.read_text())
    data["patient"]["email"] = "ann@example.org"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    result = clinic.run("email", str(path), "--no-send")
    assert result.exit_code == 0, result.output
    [message] = (clinic.root / "outbox" / "pending").glob("*.eml")
    return message.stem.rsplit("_", 1)[-1]


def test_history_names_an_email_not_sent_yet_and_how_to_send_it(clinic, database,
                                                                monkeypatch):
    clinic.issue(clinic.program("Ann Able"))
    handout_id = queue_email(clinic, "Ann Able")
    waits = (f"1 email to Ann Able is not sent yet (handout {handout_id}): send it with "
             "make_handouts.py email --retry")
    result = clinic.run("history", "Ann Able")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1].startswith(waits)

    monkeypatch.setenv("HANDOUTS_DATABASE_URL", dead_url(database, clinic))
    result = clinic.run("history", "Ann Able")
    assert result.exit_code == 1 and result.stderr.count("\n") == 1
    assert result.stderr.startswith("error: the record cannot be reached, so history")
    assert f"; {waits}" in result.stderr
    result = clinic.run("history", "Bo Baker")  # another patient's email is not theirs
    assert result.exit_code == 1 and "not sent yet" not in result.stderr


def test_export_last_offline_says_the_last_handout_is_not_recorded_yet(clinic, database,
                                                                      monkeypatch):
    monkeypatch.setenv("HANDOUTS_DATABASE_URL", dead_url(database, clinic))
    built, _ = clinic.issue(clinic.program("Ann Able"))
    result = clinic.run("export", "Ann Able", "--last")
    assert result.exit_code == 1 and result.stderr.count("\n") == 1
    assert result.stderr.startswith("error: the record cannot be reached, so export cannot "
                                    "read it (the database is unavailable (")
    assert result.stderr.endswith(
        f"): the handout made for Ann Able on this computer ({built.handout.handout_id}) is "
        "not in the record yet: start the next visit from the program file it was made "
        "from, or run export where the record can be reached\n")
