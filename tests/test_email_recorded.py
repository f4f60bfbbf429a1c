"""What email puts in the clinic's record: what was sent as emailed and nothing else, from
the command line and the web app's button (its notice naming a kept file as the clinic
knows it), and a message sent later by retry when it goes. Real SMTP servers on loopback
(aiosmtpd), as in test_email.py."""

from __future__ import annotations

import hashlib

from test_email import Mailbox, attachment
from test_email import servers, clinic  # noqa: F401 (fixtures)
from web_mail import desk, web_mail  # noqa: F401 (fixture)


def test_what_was_sent_is_recorded_as_emailed_and_nothing_else(clinic, servers, database):
    server = servers(Mailbox(refuse={"bob@example.com"}))
    clinic.configure({"port": server.port})
    program = clinic.program("Ada Example", "ada@example.com")
    assert clinic.run("email", str(program)).exit_code == 0
    roster = clinic.roster([
        ("Bob Example", "bob@example.com", "low_back_start", "2026-11-23"),
        ("Flo Example", "flo@example.com", "low_back_start", "2026-11-23"),
        ("Cy Example", "", "low_back_start", "2026-11-23")])
    assert clinic.run("batch", str(roster), "--email").exit_code == 1  # Bob refused, Cy none
    queued = clinic.program("Di Example", "di@example.com")
    assert clinic.run("email", str(queued), "--no-send").exit_code == 0  # not sent: not issued

    rows = database.rows(clinic.root)
    assert [(r[1], r[6]) for r in rows] == [("Ada Example", "emailed"),
                                            ("Flo Example", "emailed")]
    # the record's id and checksum are those of the very PDF that arrived
    sent = {m["To"].addresses[0].addr_spec: m for m in server.mailbox.parsed()}
    for row, address in zip(rows, ("ada@example.com", "flo@example.com")):
        assert row[0] == sent[address]["X-Handout-Id"]
        assert row[8] == hashlib.sha256(attachment(sent[address])).hexdigest()


def test_the_web_apps_email_button_records_what_it_sent(clinic, web_mail, database):
    from test_web import build_pdf

    server = web_mail()
    b = desk(clinic)
    page = build_pdf(b, "email")
    assert "Sent to ada@example.com" in page.get_data(as_text=True)
    [message] = server.mailbox.parsed()
    assert [(r[0], r[1], r[6]) for r in database.rows(clinic.root)] == [
        (message["X-Handout-Id"], "Ada Example", "emailed")]


def test_the_web_apps_sent_notice_names_a_kept_file_as_the_clinic_knows_it(clinic, web_mail):
    """A message a stopped run sent but did not record is recorded by the next send; where
    what was kept of it cannot be read, the "Sent to" notice said so by the server's whole
    path to the file."""
    from test_web import build_pdf, unescape

    web_mail()
    bob = clinic.program("Bob Example", "bob@example.com")
    assert clinic.run("email", str(bob), "--no-send").exit_code == 0
    [eml] = clinic.files("pending")  # as if the server took it and the run then stopped
    (clinic.outbox / "sent").mkdir(exist_ok=True)
    eml.rename(clinic.outbox / "sent" / eml.name)
    [kept] = (clinic.root / "records" / "unsent").glob("*.json")
    kept.write_bytes(kept.read_bytes()[:40])
    text = unescape(build_pdf(desk(clinic), "email").get_data(as_text=True))
    assert "Sent to ada@example.com" in text
    assert f"records/unsent/{kept.name}: cut short or damaged (not JSON)" in text
    assert str(clinic.root) not in text


def test_a_message_sent_later_by_retry_is_recorded_when_it_goes(clinic, servers, database):
    import stat

    server = servers(Mailbox(refuse={"bob@example.com"}))
    clinic.configure({"port": server.port})
    ada = clinic.program("Ada Example", "ada@example.com")
    bob = clinic.program("Bob Example", "bob@example.com")
    assert clinic.run("email", str(ada), "--no-send").exit_code == 0
    assert clinic.run("email", str(bob)).exit_code == 1  # refused: it waits in pending/
    kept = sorted((clinic.root / "records" / "unsent").glob("*.json"))
    assert len(kept) == 2 and {stat.S_IMODE(k.stat().st_mode) for k in kept} == {0o600}
    assert not (clinic.root / "records" / "handouts.db").exists() or \
        database.rows(clinic.root) == []  # queued is not issued

    # Ada's goes with the retry; Bob's is refused again and stays kept
    result = clinic.run("email", "--retry")
    assert result.exit_code == 1
    [message] = server.mailbox.parsed()
    rows = database.rows(clinic.root)
    assert [(r[0], r[1], r[6]) for r in rows] == [
        (message["X-Handout-Id"], "Ada Example", "emailed")]
    assert rows[0][8] == hashlib.sha256(attachment(message)).hexdigest()
    [left] = (clinic.root / "records" / "unsent").glob("*.json")
    assert "bob-example" in left.name

    server.mailbox.refuse.clear()
    assert clinic.run("email", "--retry").exit_code == 0
    assert [r[1] for r in database.rows(clinic.root)] == ["Ada Example", "Bob Example"]
    assert not list((clinic.root / "records" / "unsent").glob("*.json"))
