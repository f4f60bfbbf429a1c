"""A mail server's refusals, each as one line that says what is wrong and what to do, and
only the message it is about failing where the others can still go: a size limit, a server
that wants a login. Real SMTP servers on loopback (aiosmtpd), made-up patients."""

from __future__ import annotations

import re
from email import policy

import pytest

import handouts as api
from handouts.mail import message as mail

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
        f"1 message waits in {clinic.outbox / 'pending'}/; send it later with "
        f"make_handouts.py email --retry{clinic.given}"]
    server.mailbox.refuse.clear()
    result = clinic.run("email", "--retry")
    assert result.stdout.splitlines()[-1] == "sent 1, failed 0, skipped 0."
    assert server.mailbox.recipients() == ["ada@example.com"]
