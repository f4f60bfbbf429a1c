"""Settling a message that may have been sent: `email --confirm` when the patient has it,
`batch --email` telling of one an earlier run left, and the count of messages in a row a
server hangs up on. Real SMTP servers on loopback (aiosmtpd); made-up patients."""

from __future__ import annotations

import json

from test_email import Mailbox, clinic, servers  # noqa: F401 (fixtures)
from test_email_once import DropsAfterData
from test_email_uncertain import given, maybe_sent


def test_batch_email_says_an_earlier_message_may_have_been_sent(clinic, servers):
    # email PROGRAM and email --retry said so; a roster sent by the desk said nothing
    server = servers(DropsAfterData(every=1))
    clinic.configure({"port": server.port})
    assert clinic.run("email", str(clinic.program("Ada Example", "ada@example.com"))
                      ).exit_code == 1
    server.mailbox.every = 1000
    roster = clinic.roster([("Bo Example", "bo@example.com", "low_back_start", "2026-11-23")])
    result = clinic.run("batch", str(roster), "--email")
    assert result.stdout.splitlines()[-1] == "sent 1, failed 0, skipped 0."
    assert result.exit_code == 0, result.output  # the run's own, as email PROGRAM's
    assert result.stderr == maybe_sent(clinic)


def test_confirm_settles_a_message_the_patient_has(clinic, servers, database):
    server = servers(DropsAfterData(every=1))
    clinic.configure({"port": server.port})
    for who in ("Ada", "Bo"):
        clinic.run("email", str(clinic.program(f"{who} Example", f"{who.lower()}@example.com")))
    [ada, bo] = clinic.files("uncertain")
    wrong = clinic.run("email", "--confirm", "ZZZZ-ZZZZ")
    assert wrong.exit_code == 1 and wrong.stdout == ""
    assert wrong.stderr.splitlines()[0] == (
        f"error: ZZZZ-ZZZZ: no message in {clinic.outbox}/uncertain/, nor one held in "
        f"{clinic.outbox}/pending/ for an address that looks mistyped, has this name or handout "
        "id; give the name of a file there, or its handout id")
    # Ada says it came: by its handout id, as the PDF and history show it, typed as find
    # reads it (no dash, a space, lower case: "gllm27bs" was "no message … has this id")
    ada_id = json.loads(ada.with_suffix(".json").read_text())["handout_id"]
    typed = ada_id.replace("-", "").lower()
    done = clinic.run("email", "--confirm", typed)
    assert done.exit_code == 0, done.output
    assert done.stdout == (f"confirmed: {ada.name} to ada@example.com: moved to "
                           f"{clinic.outbox}/sent/ and recorded as emailed; it is not sent "
                           "again\n")
    assert done.stderr == maybe_sent(clinic)  # Bo's still waits for an answer
    assert [p.name for p in clinic.files("sent")] == [ada.name]
    assert given(clinic, "Ada Example") == ["maybe emailed", "emailed"]
    sent = json.loads((clinic.outbox / "sent" / f"{ada.stem}.json").read_text())
    assert sent["sent"] == sent["unanswered"]  # as sent when it went, not when confirmed
    assert clinic.audit()[-1]["result"] == "sent"
    # Bo's did not come: sent again, Ada's not
    server.mailbox.every = 1000
    before = len(server.mailbox.messages)
    again = clinic.run("email", "--retry", "--include-uncertain")
    assert again.exit_code == 0, again.output
    assert [r for _, r, _ in server.mailbox.messages[before:]] == [["bo@example.com"]]
    assert clinic.run("email", "--confirm", bo.name).exit_code == 1  # sent/ now, not uncertain/
    assert given(clinic, "Ada Example") == ["maybe emailed", "emailed"]


class HangsUpOrDrops(Mailbox):
    """Hangs up at RCPT on the addresses ``hangs_up``; takes the message to ``drops`` whole,
    then hangs up without an answer; takes the others."""

    def __init__(self, hangs_up: set, drops: str):
        super().__init__()
        self.hangs_up, self.drops = hangs_up, drops

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.hangs_up:
            server.transport.abort()
            return "421 gone"
        return await super().handle_RCPT(server, session, envelope, address, rcpt_options)

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        if self.drops in envelope.rcpt_tos:
            server.transport.abort()
        return "250 OK"


def test_a_message_that_may_have_been_sent_breaks_a_row_of_hang_ups(clinic, servers):
    # Ada hung up on, Bo's taken whole (no answer), Cy and Di hung up on: not three in a
    # row, yet Ed's was not tried ("hung up at each of the last 3 messages")
    server = servers(HangsUpOrDrops({"ada@example.com", "cy@example.com", "di@example.com"},
                                    "bo@example.com"))
    clinic.configure({"port": server.port})
    programs = [clinic.program(f"{who} Example", f"{who.lower()}@example.com")
                for who in ("Ada", "Bo", "Cy", "Di", "Ed")]
    result = clinic.run("email", *map(str, programs))
    assert "so the rest are not tried" not in result.stderr, result.stderr
    assert sum("hung up twice when given this message" in l
               for l in result.stderr.splitlines()) == 3
    assert [r for _, r, _ in server.mailbox.messages] == [["bo@example.com"],
                                                          ["ed@example.com"]]


def test_a_retry_with_nothing_to_send_records_nothing_while_another_holds_the_outbox(
        clinic, servers, database):
    # it recorded what an earlier run left without the outbox's lock, so it could write back
    # a kept entry that the sender or forget holding the lock had just removed
    from handouts.mail.outbox import Outbox
    from handouts.record.where import records_folder

    server = servers(DropsAfterData(every=1))
    clinic.configure({"port": server.port})
    clinic.run("email", str(clinic.program("Ada Example", "ada@example.com")))
    [kept] = (records_folder(clinic.root / "clinic.yaml") / "unsent").glob("*.json")
    unmarked = json.loads(kept.read_text())
    del unmarked["unanswered"]  # as a run killed before it recorded the message leaves it
    kept.write_text(json.dumps(unmarked))
    with Outbox(clinic.outbox).locked():
        retry = clinic.run("email", "--retry")
        assert retry.stdout == f"nothing waits in {clinic.outbox}/pending/.\n"
        assert json.loads(kept.read_text()) == unmarked
    retry = clinic.run("email", "--retry")
    assert "unanswered" in json.loads(kept.read_text())  # recorded once the lock is free
    assert given(clinic, "Ada Example") == ["maybe emailed"]


def test_confirm_takes_a_handout_id_typed_in_two_halves(clinic, servers):
    """--confirm 6KBW B2EG, without quotes, as find and reprint take an id: it was a usage
    error (the second half taken for a program to send)."""
    server = servers(DropsAfterData(every=1))
    clinic.configure({"port": server.port})
    clinic.run("email", str(clinic.program("Ada Example", "ada@example.com")))
    [ada] = clinic.files("uncertain")
    first, second = json.loads(ada.with_suffix(".json").read_text())["handout_id"].split("-")
    done = clinic.run("email", "--confirm", first.lower(), second)
    assert done.exit_code == 0, done.output
    assert done.stdout.startswith(f"confirmed: {ada.name} to ada@example.com: moved to ")
