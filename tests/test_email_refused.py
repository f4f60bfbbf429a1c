"""A mail server's refusals, each as one line that says what is wrong and what to do, and
only the message it is about failing where the others can still go: a size limit, a server
that wants a login. Real SMTP servers on loopback (aiosmtpd), made-up patients."""

from __future__ import annotations

import re
from email import policy

import pytest

import handouts as api
from handouts.mail import message as mail

from aiosmtpd.smtp import AuthResult

from test_email import SMTP_PASSWORD, Mailbox, check_password  # noqa: F401
from test_email import ca, clinic, servers, tls_context  # noqa: F401 (fixtures)

EVERY_EXERCISE = ["cat_camel", "child_pose", "knee_to_chest", "pelvic_tilt", "belly_breathing",
                  "hip_flexor_stretch", "wall_angel", "chin_tuck", "seated_twist", "bridge",
                  "ball_release", "heel_raise"]


def size_of(clinic, program) -> int:
    """The message's size as it will be sent (within the few bytes its Date and Message-ID
    vary by)."""
    ws = clinic.ws()
    built = api.build_handout(api.load_program(program, ws), ws)
    message = mail.compose(built.handout, built.pdf, built.filename,
                           sender=mail.sender(ws.clinic))
    return len(message.as_bytes(policy=policy.SMTP))


def big_and_small(clinic):
    """A roster: row 1 a program of every exercise, rows 2 and 3 one exercise each; and a
    size between theirs."""
    big = clinic.program("Maria Big", "maria@example.com", exercises=EVERY_EXERCISE)
    small = [clinic.program(n, e, exercises=["bridge"]) for n, e in (
        ("Ned Small", "ned@example.com"), ("Ola Small", "ola@example.com"))]
    sizes = [size_of(clinic, p) for p in (big, *small)]
    assert sizes[0] > max(sizes[1:]) + 20_000, sizes
    roster = clinic.roster([(p.name[:-5].replace("-", " ").title(), e, p.name, "2026-11-23")
                            for p, e in zip((big, *small), ("maria@example.com",
                                                            "ned@example.com",
                                                            "ola@example.com"))])
    return roster, sizes, (sizes[0] + max(sizes[1:])) // 2


def test_a_message_over_the_servers_size_limit_fails_alone(clinic, servers):
    clinic.configure()
    roster, sizes, limit = big_and_small(clinic)
    server = servers(data_size_limit=limit)  # offered in EHLO's SIZE, enforced on MAIL
    clinic.configure({"port": server.port})
    result = clinic.run("batch", str(roster), "--email")
    assert result.exit_code == 1
    assert result.stdout == "sent 2, failed 1, skipped 0.\n"
    [line] = [l for l in result.stderr.splitlines() if l.startswith("failed:")]
    assert re.fullmatch(
        rf"failed: .*today\.csv:2: row 1: maria@example\.com: the message is too big for the "
        rf"mail server: it is {round(sizes[0] / 1e3)} KB, and the server takes at most "
        rf"{round(limit / 1e3)} KB; ask whoever runs the clinic's mail server to raise its "
        r"limit, or email this handout with fewer or smaller photos", line), line
    assert "sender address" not in result.stderr
    assert sorted(server.mailbox.recipients()) == ["ned@example.com", "ola@example.com"]
    [waiting] = clinic.files("pending")
    assert "maria-big" in waiting.name


class RefusesBigData(Mailbox):
    """Offers no size limit, then refuses a message over ``limit`` bytes at its end (552),
    and one to ``full`` as a full mailbox (552 too, but another enhanced code)."""

    def __init__(self, limit: int, full: str):
        super().__init__()
        self.limit, self.full = limit, full

    async def handle_DATA(self, server, session, envelope):
        if len(envelope.content) > self.limit:
            return "552 5.3.4 Message size exceeds fixed limit"
        if self.full in envelope.rcpt_tos:
            return "552 5.2.2 Mailbox full"
        return await super().handle_DATA(server, session, envelope)


def test_a_size_refusal_at_the_end_of_the_message_says_so(clinic, servers):
    clinic.configure()
    roster, sizes, limit = big_and_small(clinic)
    server = servers(RefusesBigData(limit, full="ola@example.com"))
    clinic.configure({"port": server.port})
    result = clinic.run("batch", str(roster), "--email")
    assert result.stdout == "sent 1, failed 2, skipped 0.\n"
    lines = [l for l in result.stderr.splitlines() if l.startswith("failed:")]
    assert lines[0].endswith(
        "maria@example.com: the mail server refused the message as too big (552 5.3.4 "
        f"Message size exceeds fixed limit): it is {round(sizes[0] / 1e3)} KB; ask whoever "
        "runs the clinic's mail server to raise its limit, or email this handout with fewer "
        "or smaller photos"), lines
    # a full mailbox is the patient's, not the message's size
    assert lines[1].endswith("ola@example.com: the server did not accept the message (552 "
                             "5.2.2 Mailbox full)"), lines
    # a --retry sends Maria's the same, too big again: print it; Ola may empty her mailbox
    said = result.stderr.splitlines()
    assert (f"1 message the mail server refused as it is waits in {clinic.outbox}/pending/: "
            f"make_handouts.py email --retry{clinic.given} sends the same again; print the "
            "handout instead") in said, said
    assert (f"1 message waits in {clinic.outbox}/pending/; send it later with "
            f"make_handouts.py email --retry{clinic.given}") in said, said
    assert server.mailbox.recipients() == ["ned@example.com"]


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
@pytest.mark.parametrize("wants, said", [
    ("login", "the mail server needs a login (530 5.7.0 Authentication required): add smtp: "
     "username: to clinic.yaml, and set HANDOUTS_SMTP_PASSWORD to its password"),
    ("tls", "the mail server wants a secure connection first (530 Must issue a STARTTLS "
     "command first); set smtp: security: starttls (port 587) or ssl (port 465) in "
     "clinic.yaml")])
def test_a_server_that_wants_a_login_or_tls_says_so_not_the_from_address(clinic, servers,
                                                                         request, wants, said):
    server = servers(**(dict(authenticator=check_password, auth_required=True,
                             auth_require_tls=False) if wants == "login" else
                        dict(tls_context=request.getfixturevalue("tls_context"),
                             require_starttls=True)))
    clinic.configure({"port": server.port})  # no username, security: none
    result = clinic.run("email", str(clinic.program("Ada Example", "ada@example.com")))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"failed: {clinic.root / 'ada-example.yaml'}: ada@example.com: {said}")
    assert "smtp: from" not in result.stderr and "Traceback" not in result.output
    assert not server.mailbox.messages and len(clinic.files("pending")) == 1


def test_one_message_refused_is_counted_once_however_often_it_is_named(clinic, servers,
                                                                       monkeypatch):
    server = servers(Mailbox(refuse={"ada@example.com"}))
    clinic.configure({"port": server.port})
    program = clinic.program("Ada Example", "ada@example.com")
    copy = clinic.root / "ada-copy.yaml"  # another file, the very same handout
    copy.write_text(program.read_text())
    monkeypatch.chdir(clinic.root)
    result = clinic.run("email", "ada-example.yaml", "./ada-example.yaml", "ada-copy.yaml")
    assert result.exit_code == 1
    assert result.stdout == "sent 0, failed 1, skipped 0.\n"
    assert result.stderr.splitlines() == [
        "failed: ada-example.yaml: ada@example.com: the server refused the recipient (550 no "
        "such user here)",
        "ada-copy.yaml: the same handout as ada-example.yaml, which gets the one message",
        f"1 message to an address the mail server refused waits in {clinic.outbox / 'pending'}/"
        ": put the address right and email it again, which replaces it (make_handouts.py "
        f"email --retry{clinic.given} sends the same to the same address)"]
    server.mailbox.refuse.clear()  # the patient's mailbox made after all: --retry sends it
    result = clinic.run("email", "--retry")
    assert result.stdout.splitlines()[-1] == "sent 1, failed 0, skipped 0."
    assert server.mailbox.recipients() == ["ada@example.com"]


# --- "try again later": a 4xx reply is the server's for now, not the address's or clinic.yaml's

class RateLimited(Mailbox):
    """Takes ``allowed`` messages, then answers every MAIL FROM as a busy provider does
    when a desk sends a day's roster at once: 421, try again later."""

    def __init__(self, allowed: int, greylist=()):
        super().__init__()
        self.allowed = allowed
        self.greylist = set(greylist)

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        if len(self.messages) >= self.allowed:
            return "421 4.7.0 Too many messages from you, try again later"
        envelope.mail_from = address
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.greylist:
            return "450 4.2.0 Greylisted, please try again in 5 minutes"
        return await super().handle_RCPT(server, session, envelope, address, rcpt_options)


def five_patients(clinic):
    return clinic.roster([(f"{n} Example", f"{n.lower()}@example.com", "low_back_start",
                           "2026-11-23") for n in ("Ada", "Bo", "Cy", "Di", "Ed")])


def test_a_server_that_says_try_again_later_is_not_blamed_on_the_from_address(clinic,
                                                                               servers):
    """A provider that limits how many messages go per minute answers MAIL FROM with a
    421: the clinic's From is fine, and editing clinic.yaml would not help."""
    server = servers(RateLimited(allowed=2))
    clinic.configure({"port": server.port})
    roster = five_patients(clinic)
    result = clinic.run("batch", str(roster), "--email")
    assert result.exit_code == 1
    assert result.stdout == "sent 2, failed 3, skipped 0.\n"
    first = next(l for l in result.stderr.splitlines() if l.startswith("failed:"))
    assert first.endswith("row 3: cy@example.com: the mail server asks to try again later "
                          "(421 4.7.0 Too many messages from you, try again later)"), first
    assert "smtp: from" not in result.stderr and "refused" not in result.stderr
    assert "3 messages wait in" in result.stderr
    server.mailbox.allowed = 10  # later: the rest go, and nobody gets a second copy
    result = clinic.run("email", "--retry")
    assert result.exit_code == 0, result.output
    assert server.mailbox.recipients() == [f"{n}@example.com" for n in ("ada", "bo", "cy",
                                                                          "di", "ed")]


def test_a_greylisted_recipient_waits_for_later_and_the_others_go(clinic, servers):
    server = servers(RateLimited(allowed=10, greylist={"bo@example.com"}))
    clinic.configure({"port": server.port})
    result = clinic.run("batch", str(five_patients(clinic)), "--email")
    assert result.stdout == "sent 4, failed 1, skipped 0.\n"
    [line] = [l for l in result.stderr.splitlines() if l.startswith("failed:")]
    # not "refused the recipient": the address is right, and the desk need not call anyone
    assert line.endswith("row 2: bo@example.com: the mail server asks to try again later (450 "
                         "4.2.0 Greylisted, please try again in 5 minutes)"), line
    assert sorted(server.mailbox.recipients()) == [f"{n}@example.com" for n in (
        "ada", "cy", "di", "ed")]


def test_a_sign_in_the_server_cannot_check_now_is_not_called_a_wrong_password(clinic,
                                                                              servers):
    def busy(server, session, envelope, mechanism, auth_data):
        return AuthResult(success=False, handled=False,
                          message="454 4.7.0 Temporary authentication failure")

    server = servers(authenticator=busy, auth_require_tls=False)
    clinic.configure({"port": server.port, "username": "desk@example.com"})
    result = clinic.run("email", str(clinic.program("Ada Example", "ada@example.com")),
                        env={"HANDOUTS_SMTP_PASSWORD": SMTP_PASSWORD})
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0].endswith(
        f"ada@example.com: the mail server 127.0.0.1:{server.port} asks to try again later "
        "(454 4.7.0 Temporary authentication failure)"), result.stderr
    assert "user name or password" not in result.stderr and SMTP_PASSWORD not in result.output


def test_what_stops_a_roster_is_said_once_not_once_a_patient(clinic, servers, ca,
                                                             tls_context):
    """A wrong password stops thirty messages: one line says why, one that the rest were not
    tried (not thirty of the same, each naming a patient's address), and all wait."""
    server = servers(tls_context=tls_context, require_starttls=True,
                     authenticator=check_password, auth_require_tls=True)
    ca.cert_pem.write_to_path(str(clinic.root / "ca.pem"))
    clinic.configure({"port": server.port, "security": "starttls",
                      "username": "desk@example.com", "ca_file": "ca.pem"})
    names = [f"Patient {i:02d} Example" for i in range(1, 31)]
    roster = clinic.roster([(n, f"p{i:02d}@example.com", "low_back_start", "2026-11-23")
                            for i, n in enumerate(names, start=1)])
    result = clinic.run("batch", str(roster), "--email",
                        env={"HANDOUTS_SMTP_PASSWORD": "Wrong-Pass-123"})
    assert result.exit_code == 1
    assert result.stdout == "sent 0, failed 30, skipped 0.\n"
    why = ("the server refused the user name or password (535 5.7.8 Authentication "
           "credentials invalid); check smtp: username in clinic.yaml and "
           "HANDOUTS_SMTP_PASSWORD")
    lines = result.stderr.splitlines()
    assert lines[0] == f"failed: {roster}:2: row 1: p01@example.com: {why}"
    # the reason's brackets are not nested in more (README: *Email*)
    assert lines[1] == f"failed: {roster}:3: row 2 and 28 more: not tried; {why}"
    assert lines[2].startswith(f"30 messages wait in {clinic.outbox / 'pending'}/")
    assert len(lines) == 3 and "p02@example.com" not in result.stderr
    assert "Wrong-Pass-123" not in result.output
    # each is still in the audit log, by its own row, for whoever needs to look
    failed = [a for a in clinic.audit() if a["result"] == "failed"]
    assert [a["recipient"] for a in failed] == [f"p{i:02d}@example.com" for i in range(1, 31)]
    result = clinic.run("email", "--retry", env={"HANDOUTS_SMTP_PASSWORD": SMTP_PASSWORD})
    assert result.exit_code == 0 and result.stdout.splitlines()[-1] == (
        "sent 30, failed 0, skipped 0.")
    assert sorted(server.mailbox.recipients()) == [f"p{i:02d}@example.com"
                                                   for i in range(1, 31)]



def test_every_command_that_sends_says_where_the_mail_servers_password_comes_from():
    """The desk emails a roster with ``batch --email`` and never opens ``email --help``:
    batch's help must say too that the password is HANDOUTS_SMTP_PASSWORD or a prompt, and
    never a file."""
    from click.testing import CliRunner

    from handouts.cli import main

    for command in ("email", "batch"):
        shown = " ".join(CliRunner().invoke(main, [command, "--help"]).output.split())
        assert "HANDOUTS_SMTP_PASSWORD or a prompt" in shown, command
        assert "never from a file" in shown, command
