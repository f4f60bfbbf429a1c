"""A message that may have been sent (the server took it whole and never answered): the
record says so, and its report is one plain line; and a server that hangs up at one address
costs only that message, not every retry the rest. Real SMTP servers on loopback
(aiosmtpd); the record read back through the command line and the web app; made-up
patients."""

from __future__ import annotations

import json
import re

from click.testing import CliRunner

from handouts import record
from handouts.cli import main
from handouts.web import create_app

from test_email import Mailbox, clinic, servers  # noqa: F401 (fixtures)
from test_email_once import DropsAfterData


def cli(clinic, *args):
    """A record command (no --outbox) with the test clinic's files."""
    return CliRunner().invoke(main, [*args, "--library", str(clinic.root / "exercises.yaml"),
                                     "--clinic", str(clinic.root / "clinic.yaml")])


def given(clinic, name: str) -> list[str]:
    """How each handout in the patient's history was given: its channel column."""
    result = cli(clinic, "history", name)
    assert result.exit_code == 0, result.output
    return re.findall(r"^\s*[A-Z2-7]{4}-[A-Z2-7]{4}  \S+ \S+  (\S+(?: emailed)?)", result.stdout,
                      re.M)


def maybe_sent(clinic) -> str:
    """The line said of the one message an earlier run left in uncertain/."""
    [record] = clinic.files("uncertain", "json")
    handout_id = json.loads(record.read_text())["handout_id"]
    return (f"1 message in {clinic.outbox}/uncertain/ may have been sent: ask; if it came, "
            f"confirm it with make_handouts.py email --confirm {handout_id}{clinic.given}; "
            f"if not, send it again with make_handouts.py email --retry --include-uncertain"
            f"{clinic.given}\n")


def depth(line: str) -> int:
    """How deep its brackets go."""
    most = now = 0
    for c in line:
        now += (c == "(") - (c == ")")
        most = max(most, now)
    return most


def test_a_message_that_may_have_been_sent_is_in_the_record_as_such(clinic, servers,
                                                                   database):
    server = servers(DropsAfterData(every=1))
    clinic.configure({"port": server.port})
    jane = clinic.program("Jane Example", "jane@example.com")
    assert clinic.run("email", str(jane)).exit_code == 1
    assert given(clinic, "Jane Example") == ["maybe emailed"]
    [patient] = record.patients(clinic.ws(), "Jane Example")
    [visit] = record.visits(clinic.ws(), patient)
    [issued] = visit.handouts
    assert issued.how == "perhaps emailed (the mail server never answered)"
    web = create_app(clinic.ws(), programs_dir=clinic.root / "programs").test_client()
    # the web app's patient and handout pages, as reprint says it: the date with the words
    # (the brackets in the middle parted "perhaps emailed" from its date), a day and a time
    # as the clinic's locale writes them (none: the US's)
    when = r"[A-Z][a-z]+ \d{1,2}, \d{4}, \d{1,2}:\d\d\u202f[AP]M"
    page = web.get(f"/patients/{patient.id}").get_data(as_text=True)
    assert re.search(rf"<li>Perhaps emailed on {when} \(the mail server "
                     r"never answered\): <a ", page), page
    page = web.get(f"/patients/{patient.id}/handouts/{issued.handout_id}").get_data(as_text=True)
    assert re.search(rf", perhaps emailed on {when}(?: by [^(<]+)? \(the mail "
                     r"server never answered\)\.</p>", page), page
    # reprint's sentence: the brackets kept "perhaps emailed" from its date
    again = cli(clinic, "reprint", issued.handout_id, "-o", str(clinic.root / "again.pdf"))
    assert again.exit_code == 0, again.output
    assert re.search(r": the same bytes as the handout perhaps emailed on \d{4}-\d\d-\d\d "
                     r"\(the mail server never answered\)$", again.stdout.strip()), again.stdout

    # run again and retried without --include-uncertain: not sent, and not recorded again
    assert clinic.run("email", str(jane)).exit_code == 1
    assert "nothing waits" in clinic.run("email", "--retry").stdout
    assert given(clinic, "Jane Example") == ["maybe emailed"]

    # the patient says it did not come: sent again, and now it is emailed as well
    server.mailbox.every = 1000
    assert clinic.run("email", "--retry", "--include-uncertain").exit_code == 0
    assert given(clinic, "Jane Example") == ["maybe emailed", "emailed"]
    assert len(server.mailbox.messages) == 2
    assert clinic.run("email", "--retry").exit_code == 0
    assert given(clinic, "Jane Example") == ["maybe emailed", "emailed"]


def test_a_message_that_may_have_been_sent_is_reported_in_one_plain_line(clinic, servers):
    server = servers(DropsAfterData(every=1))
    clinic.configure({"port": server.port})
    jane = clinic.program("Jane Example", "jane@example.com")
    first = clinic.run("email", str(jane))
    [line] = [l for l in first.stderr.splitlines() if l.startswith("may have been sent:")]
    assert line == (f"may have been sent: {jane}: jane@example.com: the mail server "
                    f"127.0.0.1:{server.port} took the whole message but did not answer "
                    "(connection unexpectedly closed)")
    again = clinic.run("email", str(jane))
    [line] = [l for l in again.stderr.splitlines() if l.startswith("may have been sent:")]
    assert re.fullmatch(
        rf"may have been sent: {re.escape(str(jane))}: jane@example\.com: tried on "
        rf"\d{{4}}-\d\d-\d\d \d\d:\d\d; the mail server 127\.0\.0\.1:{server.port} took the "
        r"whole message but did not answer \(connection unexpectedly closed\)", line), line
    assert all(depth(l) <= 1 for l in (first.output + again.output).splitlines())


class HangsUpOn(Mailbox):
    """Takes every message but those to ``address``: at that recipient it closes the
    connection without a word (as a filter that will not take one address may)."""

    def __init__(self, address: str):
        super().__init__()
        self.address = address

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address == self.address:
            server.transport.abort()
            return "421 gone"  # never written: the connection is closed
        return await super().handle_RCPT(server, session, envelope, address, rcpt_options)


def test_a_server_that_hangs_up_at_one_address_still_gets_the_others(clinic, servers):
    server = servers(HangsUpOn("ada@example.com"))
    clinic.configure({"port": server.port})
    # Ada's message comes first in the outbox, so before, she stopped every retry
    programs = [clinic.program(f"{who} Example", f"{who.lower()}@example.com")
                for who in ("Ada", "Bo", "Cy")]
    assert clinic.run("email", *map(str, programs), "--no-send").exit_code == 0
    result = clinic.run("email", "--retry")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[-1] == "sent 2, failed 1, skipped 0."
    assert sorted(server.mailbox.recipients()) == ["bo@example.com", "cy@example.com"]
    [line] = [l for l in result.stderr.splitlines() if l.startswith("failed:")]
    assert re.fullmatch(rf"failed: .+/ada-example\.yaml: ada@example\.com: the mail server "
                        rf"127\.0\.0\.1:{server.port} hung up twice when given this message "
                        r"\(connection unexpectedly closed\), so it was not delivered", line), line
    assert [p.name.split("_")[1] for p in clinic.files("pending")] == ["ada-example"]
    # again: Ada's still fails alone, and nobody gets a second copy
    again = clinic.run("email", "--retry")
    assert again.stdout.splitlines()[-1] == "sent 0, failed 1, skipped 0."
    assert sorted(server.mailbox.recipients()) == ["bo@example.com", "cy@example.com"]


def test_a_server_that_hangs_up_at_every_message_is_left_after_three(clinic, servers):
    server = servers(HangsUpOn("*"))
    server.mailbox.address = None
    server.mailbox.handle_RCPT = hang_up_always
    clinic.configure({"port": server.port})
    programs = [clinic.program(f"{who} Example", f"{who.lower()}@example.com")
                for who in ("Ada", "Bo", "Cy", "Di", "Ed")]
    result = clinic.run("email", *map(str, programs))
    assert result.exit_code == 1 and server.mailbox.messages == []
    failed = [l for l in result.stderr.splitlines() if l.startswith("failed:")]
    assert len(failed) == 5
    assert sum("hung up twice when given this message" in l for l in failed) == 2
    assert sum(f"the mail server 127.0.0.1:{server.port} hung up at each of the last 3 "
               "messages (connection unexpectedly closed), so the rest are not tried" in l
               for l in failed) == 3


async def hang_up_always(server, session, envelope, address, rcpt_options):
    server.transport.abort()
    return "421 gone"


def test_a_retry_exits_1_while_a_message_may_have_been_sent_and_0_once_settled(
        clinic, servers, database):
    # it said they wait, and exited 0: a script saw all done while a person had to ask
    server = servers(DropsAfterData(every=1))
    clinic.configure({"port": server.port})
    ada, bo = (clinic.program(n, e) for n, e in (("Ada Example", "ada@example.com"),
                                                 ("Bo Example", "bo@example.com")))
    assert clinic.run("email", str(ada)).exit_code == 1
    retry = clinic.run("email", "--retry")
    assert retry.exit_code == 1
    assert retry.stdout == f"nothing waits in {clinic.outbox}/pending/.\n"
    assert retry.stderr == maybe_sent(clinic)
    # a retry that sends what waits still says what may have been sent, and exits 1
    server.mailbox.every = 1000
    assert clinic.run("email", str(bo), "--no-send").exit_code == 0
    retry = clinic.run("email", "--retry")
    assert retry.stdout.splitlines()[-1] == "sent 1, failed 0, skipped 0."
    assert retry.exit_code == 1 and "1 message in " in retry.stderr
    # Ada says it came: moved to sent/ as told, nothing waits, and the record has it as
    # emailed too, as after a later send the server took
    for moved in (clinic.outbox / "uncertain").iterdir():
        moved.rename(clinic.outbox / "sent" / moved.name)
    retry = clinic.run("email", "--retry")
    assert (retry.exit_code, retry.stderr) == (0, ""), retry.output
    assert given(clinic, "Ada Example") == ["maybe emailed", "emailed"]


def test_emailing_a_program_says_an_earlier_message_may_have_been_sent(clinic, servers):
    # only --retry said so: a therapist emailing the next patient never heard of Ada's
    server = servers(DropsAfterData(every=1))
    clinic.configure({"port": server.port})
    ada, bo = (clinic.program(n, e) for n, e in (("Ada Example", "ada@example.com"),
                                                 ("Bo Example", "bo@example.com")))
    assert clinic.run("email", str(ada)).exit_code == 1
    server.mailbox.every = 1000
    sent = clinic.run("email", str(bo))
    # Bo's message went: the exit status is this run's (README: *Email*)
    assert sent.exit_code == 0, sent.output
    assert sent.stdout.splitlines()[-1] == "sent 1, failed 0, skipped 0."
    assert sent.stderr == maybe_sent(clinic)
    # Ada's again: this run's report has its line, not a second one
    again = clinic.run("email", str(ada))
    assert again.exit_code == 1
    assert again.stderr.count(f"{clinic.outbox}/uncertain/") <= 1, again.stderr
    assert "1 message in " not in again.stderr, again.stderr
