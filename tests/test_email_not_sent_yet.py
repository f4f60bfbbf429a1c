"""What ``history`` says of a patient's emails not sent yet, from this computer's files: one in
``uncertain/`` may have reached the patient (ask, then confirm or send again), one in
``pending/`` is sent with ``email --retry``; each command names the outbox the message waits
in, as the email run was given it, not the default; and a patient known only from those
emails is pointed to them too. Real SMTP on loopback (aiosmtpd) and a port nothing listens
on; the record on SQLite and PostgreSQL, and out of reach; made-up patients."""

from __future__ import annotations

from click.testing import CliRunner

from handouts.cli import main

from test_email import clinic, held_port, servers  # noqa: F401 (fixtures)
from test_email_once import DropsAfterData
from test_record import dead_url


def history(clinic, name: str):
    """``history`` as run at the desk later: no --outbox (it has none)."""
    return CliRunner().invoke(main, ["history", name, "--library",
                                     str(clinic.root / "exercises.yaml"),
                                     "--clinic", str(clinic.root / "clinic.yaml")])


def email(clinic, program, port: int, folder: str) -> str:
    """``program`` emailed through the server on ``port``: the handout id of the one
    message it leaves in ``folder`` of the outbox (uncertain or pending)."""
    clinic.configure({"port": port})
    before = clinic.files(folder)
    result = clinic.run("email", str(program))
    assert result.exit_code == 1, result.output  # not sent, or not known to be
    [message] = [p for p in clinic.files(folder) if p not in before]
    return message.stem.rsplit("_", 1)[-1]


def test_history_tells_an_email_that_may_have_gone_from_one_not_sent_in_its_outbox(
        clinic, servers, database, monkeypatch):
    clinic.outbox = clinic.root / "home-visits"  # not the default outbox/
    given = f" --outbox {clinic.outbox} --library {clinic.root / 'exercises.yaml'} " \
            f"--clinic {clinic.root / 'clinic.yaml'}"
    first = email(clinic, clinic.program("Jane Example", "jane@example.com"),
                  servers(DropsAfterData(every=1)).port, "uncertain")
    later = clinic.program("Jane Example", "jane@example.com", date="2026-11-30")
    second = email(clinic, later.rename(clinic.root / "jane-later.yaml"), held_port(),
                   "pending")
    said = (f"1 email to Jane Example may have been sent (handout {first}: the mail server "
            f"never answered) and 1 is not sent yet (handout {second}): ask; if it came, "
            f"confirm it with make_handouts.py email --confirm {first}{given}; then send the "
            f"rest with make_handouts.py email --retry --include-uncertain{given}")

    result = history(clinic, "Jane Example")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == said

    monkeypatch.setenv("HANDOUTS_DATABASE_URL", dead_url(database, clinic))
    result = history(clinic, "Jane Example")
    assert result.exit_code == 1 and result.stderr.count("\n") == 1
    # said as far as errors.MAX_MESSAGE lets a line with this test folder's long paths go
    assert f"; {said[:len(said) // 2]}" in result.stderr, result.stderr


def test_a_patient_known_only_from_an_email_not_sent_is_pointed_to_retry(clinic, database):
    clinic.outbox = clinic.root / "home-visits"
    handout_id = email(clinic, clinic.program("Bo Baker", "bo@example.com"), held_port(),
                       "pending")
    result = history(clinic, "Bo Baker")
    assert result.exit_code == 1 and result.stderr.count("\n") == 1
    assert result.stderr.startswith('error: no patient named "Bo Baker" in the record; Bo '
                                    "Baker is only in records kept outside it, ")
    assert result.stderr.endswith(
        f"the record of 1 message not sent yet (unsent/); 1 email to Bo Baker is not sent yet "
        f"(handout {handout_id}): send it with make_handouts.py email --retry --outbox "
        f"{clinic.outbox} --library {clinic.root / 'exercises.yaml'} --clinic "
        f"{clinic.root / 'clinic.yaml'}\n")


def test_history_tells_an_email_held_for_a_mistyped_address_what_sends_it(clinic, servers,
                                                                           database):
    """One held in pending/ for an address that looks mistyped (mail.typo_held) is not sent
    by ``email --retry``, which history told the desk to run: it says what does."""
    server = servers()
    held = email(clinic, clinic.program("Kit Example", "kit@gmial.com"), server.port,
                 "pending")
    result = history(clinic, "Kit Example")  # known only from its email: exit status 1
    said = result.output
    assert (f"1 email to Kit Example is held for an address that looks mistyped (handout "
            f"{held}): put the address right and email it again; if it is right as typed, "
            f"confirm it with make_handouts.py email --confirm {held} ") in said, said
    assert "is not sent yet" not in said and server.mailbox.messages == []
