"""Email delivery, nothing lost and nothing twice: another clinic's mail server, a server
down and then retried, a refused recipient, a batch of many patients, a dropped connection, a
swapped message, a patient without an address, bad input, one sender at a time. Real SMTP
servers on loopback (aiosmtpd), as in test_email.py."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from handouts.cli import main
from handouts.errors import HandoutError
from handouts.mail.outbox import Outbox

from conftest import flat_texts
from test_email import Mailbox, attachment, held_port, pdf_text
from test_email import servers, clinic  # noqa: F401 (fixtures)


def test_email_from_another_clinics_folder_uses_that_clinics_mail_server(clinic, servers,
                                                                          tmp_path,
                                                                          monkeypatch):
    """``--home DIR`` (or HANDOUTS_HOME): the handout and the message are that clinic's, as
    for every other command, and so are the server a later --retry sends through and the
    outbox it reads (in that folder, wherever the command runs)."""
    port = held_port()  # nothing listens there yet: the message waits in the outbox
    clinic.configure({"port": port, "from": "Home Clinic <home@example.com>"},
                     name="Home Clinic")
    program = str(clinic.program("Ada Example", "ada@example.com"))
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")

    def run(*args):
        return CliRunner().invoke(main, ["--home", str(clinic.root), *args],
                                  env={"HANDOUTS_SMTP_PASSWORD": None}, catch_exceptions=False)

    result = run("email", program)
    assert result.exit_code == 1 and f"cannot reach the mail server 127.0.0.1:{port}" \
        in result.stderr
    server = servers(port=port)
    result = run("email", "--retry")
    assert result.exit_code == 0, result.output
    [message] = server.mailbox.parsed()
    assert message["From"] == "Home Clinic <home@example.com>"
    assert "Home Clinic" in pdf_text(attachment(message))
    assert len(clinic.files("sent")) == 1 and not (tmp_path / "elsewhere" / "outbox").exists()


def test_server_down_then_retry_delivers_each_message_once(clinic, servers):
    port = held_port()  # nothing listens there yet
    clinic.configure({"port": port})
    programs = [str(clinic.program(n, e)) for n, e in (
        ("Ada Example", "ada@example.com"), ("Bo Example", "bo@example.com"),
        ("Cy Example", "cy@example.com"))]
    result = clinic.run("email", *programs)
    assert result.exit_code == 1
    assert "sent 0, failed 3, skipped 0." in result.stdout
    assert f"cannot reach the mail server 127.0.0.1:{port}" in result.stderr
    assert f"3 messages wait in {clinic.outbox / 'pending'}/; send them later with " \
        "make_handouts.py email --retry" in result.stderr
    assert len(clinic.files("pending")) == 3
    reasons = [json.loads(p.read_text())["reason"] for p in clinic.files("pending", "json")]
    assert all("cannot reach the mail server" in r for r in reasons)

    server = servers(port=port)
    result = clinic.run("email", "--retry")
    assert result.exit_code == 0, result.output
    assert "sent 3, failed 0, skipped 0." in result.stdout
    assert sorted(server.mailbox.recipients()) == ["ada@example.com", "bo@example.com",
                                                    "cy@example.com"]
    assert not clinic.files("pending") and len(clinic.files("sent")) == 3
    # again: nothing waits, nothing goes twice, and queuing the same handout finds it sent
    assert clinic.run("email", "--retry").stdout == f"nothing waits in {clinic.outbox}/pending/.\n"
    again = clinic.run("email", programs[0])
    assert again.exit_code == 0, again.output
    assert "already sent 1 (not sent again)" in again.stdout
    assert len(server.mailbox.messages) == 3
    results = [a["result"] for a in clinic.audit()]
    assert results.count("sent") == 3 and results.count("failed") == 3


def test_a_batch_delivers_the_rest_when_one_recipient_is_refused(clinic, servers):
    server = servers(Mailbox(refuse={"bob@example.com"}))
    clinic.configure({"port": server.port})
    roster = clinic.roster([
        ("Ada Example", "ada@example.com", "low_back_start", "2026-11-23"),
        ("Bob Example", "bob@example.com", "low_back_start", "2026-11-23"),
        ("Cy Example", "", "low_back_start", "2026-11-23"),
        ("Di Example", "di-at-example.com", "low_back_start", "2026-11-23"),
        ("Ed Example", "ed@example.com", "no_such_protocol", "2026-11-23"),
        ("Flo Example", "flo@example.com", "low_back_start", "2026-11-23"),
    ])
    result = clinic.run("batch", str(roster), "--email")
    assert result.exit_code == 1
    assert result.stdout.strip() == "sent 2, failed 2, skipped 2."
    lines = result.stderr.splitlines()
    assert any(re.fullmatch(r"failed: .*today\.csv:3: row 2: bob@example\.com: the server "
                            r"refused the recipient \(550 no such user here\)", l) for l in lines)
    assert any(re.search(r"skipped: .*today\.csv:4: row 3: no email address$", l)
               for l in lines)
    assert any(re.search(r'skipped: .*row 4: di-at-example\.com: "di-at-example\.com" is not an '
                         r'email address \(e\.g\. "jane@example\.com"\)$', l) for l in lines)
    assert any(re.search(r'failed: .*row 5: ed@example\.com: .*unknown protocol', l)
               for l in lines), lines
    # Bob's address refused: emailed again as it is, refused again, so the desk is told to
    # put it right; Ed's failed before it was queued, so nothing of his waits
    assert "1 message to an address the mail server refused waits in" in result.stderr
    assert "send it later with" not in result.stderr
    assert sorted(server.mailbox.recipients()) == ["ada@example.com", "flo@example.com"]
    [waiting] = clinic.files("pending", "json")
    record = json.loads(waiting.read_text())
    assert record["recipient"] == "bob@example.com"
    assert record["reason"] == "the server refused the recipient (550 no such user here)"
    skipped = [a for a in clinic.audit() if a["result"] == "skipped"]
    assert [a["recipient"] for a in skipped] == [None, "di-at-example.com"]


# A mix-up (a message built for one row sent to another's address, one sent twice or
# not at all) shows among 20 patients as among 100: each has a name and an address of
# their own, and all go in one batch over one connection, which sends one after another
# whatever the count (100 took 52 s of CI's time, mostly building and reading PDFs).
PATIENTS = 20


def test_a_batch_of_many_patients_sends_each_patient_exactly_their_own(clinic, servers):
    server = servers()
    clinic.configure({"port": server.port})
    names = [f"Patient {i:03d} Example" for i in range(1, PATIENTS + 1)]
    roster = clinic.roster([(n, f"p{i:03d}@example.com", "low_back_start", "2026-11-23")
                            for i, n in enumerate(names, start=1)])
    result = clinic.run("batch", str(roster), "--email")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == f"sent {PATIENTS}, failed 0, skipped 0."
    rcpts = server.mailbox.recipients()
    assert sorted(rcpts) == sorted(f"p{i:03d}@example.com" for i in range(1, PATIENTS + 1))
    assert len(rcpts) == len(set(rcpts)) == len(server.mailbox.messages)
    for (_, [rcpt], _), message in zip(server.mailbox.messages, server.mailbox.parsed()):
        own = names[int(rcpt[1:4]) - 1]
        assert message["To"].addresses[0].addr_spec == rcpt
        # pdfium's reading: pypdf's took half the test's time over the PDFs
        words = " ".join(flat_texts(attachment(message)))
        named = set(re.findall(r"Patient \d{3} Example", words))
        assert named == {own}
        assert own in message.get_body(("plain",)).get_content()
    # run the same roster again: nothing goes twice
    again = clinic.run("batch", str(roster), "--email")
    assert again.exit_code == 0
    assert f"already sent {PATIENTS}" in again.stdout
    assert len(server.mailbox.messages) == PATIENTS


def test_a_dropped_connection_is_reopened_once_and_the_batch_goes_on(clinic, servers,
                                                                     monkeypatch):
    from handouts.mail import service as emailing, smtp as sending

    opened = []
    real_open = sending.Connection.open
    monkeypatch.setattr(sending.Connection, "open",
                        lambda self: opened.append(1) or real_open(self))
    server = servers()
    clinic.configure({"port": server.port})
    ws = clinic.ws()
    outbox = Outbox(clinic.outbox)
    queued = [emailing.queue_program(outbox, clinic.program(n, e), ws) for n, e in (
        ("Ada Example", "ada@example.com"), ("Bo Example", "bo@example.com"),
        ("Cy Example", "cy@example.com"))]
    restarted = []

    def restart_after_the_first(outcome):
        if not restarted:  # the server goes away under the open connection, and comes back
            server.stop()
            restarted.append(servers(server.mailbox, port=server.port))

    with outbox.locked():
        outcomes = emailing.send(outbox, queued, ws.clinic, None, progress=restart_after_the_first)
    assert [o.result for o in outcomes] == ["sent"] * 3, outcomes
    assert server.mailbox.recipients() == ["ada@example.com", "bo@example.com",
                                           "cy@example.com"]
    assert len(opened) == 2  # one connection for all, reopened once when it was dropped


def test_changing_the_mail_server_does_not_make_a_sent_handout_new(clinic, servers):
    server = servers()
    clinic.configure({"port": server.port})
    program = clinic.program("Ada Example", "ada@example.com")
    assert clinic.run("email", str(program)).exit_code == 0
    clinic.configure({"port": server.port, "reply_to": "office@example.com", "timeout": 5})
    again = clinic.run("email", str(program))
    assert "already sent 1" in again.stdout and len(server.mailbox.messages) == 1


def test_a_swapped_message_is_not_sent_to_the_wrong_patient(clinic, servers):
    clinic.configure({"port": held_port()})
    a = clinic.program("Ada Example", "ada@example.com")
    b = clinic.program("Bo Example", "bo@example.com")
    assert clinic.run("email", str(a), str(b), "--no-send").exit_code == 0
    first, second = clinic.files("pending")
    data_1, data_2 = first.read_bytes(), second.read_bytes()
    first.write_bytes(data_2)  # each .eml now sits beside the other patient's record
    second.write_bytes(data_1)
    server = servers()
    clinic.configure({"port": server.port})
    result = clinic.run("email", "--retry")
    assert result.exit_code == 1
    assert "sent 0, failed 2, skipped 0." in result.stdout
    assert "was changed after it was queued" in result.stderr
    assert not server.mailbox.messages


def test_a_patient_without_an_address_is_skipped_with_exit_1(clinic, servers):
    server = servers()
    clinic.configure({"port": server.port})
    result = clinic.run("email", str(clinic.program("Ada Example", None)),
                        str(clinic.program("Bo Example", "bo@example.com")))
    assert result.exit_code == 1
    assert "sent 1, failed 0, skipped 1." in result.stdout
    assert "no email address for this patient" in result.stderr
    assert server.mailbox.recipients() == ["bo@example.com"]


def test_bad_input_is_one_line_never_a_traceback(clinic):
    clinic.configure({"port": held_port()})
    bad = clinic.program("Ada Example", "ada@example.com")
    bad.write_text(bad.read_text().replace("ada@example.com", "ada-at-example"))
    result = clinic.run("email", str(bad), "missing.yaml", "--no-send")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    # the file's problem, its file named once (not "no address", the recipient it lacks)
    assert re.search(r'^failed: [^:]*ada-example\.yaml:\d+: patient\.email: "ada-at-example" '
                     r'is not an email address', result.stderr, re.M)
    assert "failed: missing.yaml: file not found\n" in result.stderr
    assert "no address" not in result.stderr
    assert CliRunner().invoke(main, ["email"]).exit_code == 2  # usage: nothing to do


def test_the_outbox_lets_one_sender_at_a_time(tmp_path):
    outbox = Outbox(tmp_path / "outbox")
    with outbox.locked():
        with pytest.raises(HandoutError, match="another make_handouts.py is sending"):
            with outbox.locked(wait=0):
                pass
    with outbox.locked(wait=0):
        pass


def test_a_roster_s_many_rows_without_an_address_are_one_line_beside_its_failures(
        clinic, servers):
    """Half a Monday's patients give no address: a line each for them buried the two rows
    that failed, which are the ones the desk must act on."""
    server = servers()
    clinic.configure({"port": server.port})
    roster = clinic.roster(
        [(f"Pat{n} Example", "", "low_back_start", "2026-11-23") for n in range(1, 6)]
        + [("Ed Example", "ed@example.com", "no_such_protocol", "2026-11-23"),
           ("Flo Example", "flo@example.com", "low_back_start", "2026-11-23")])
    result = clinic.run("batch", str(roster), "--email")
    assert result.exit_code == 1
    assert result.stdout.strip() == "sent 1, failed 1, skipped 5."
    lines = result.stderr.splitlines()
    assert [line for line in lines if line.startswith("skipped: ")] == [
        f"skipped: {roster}:2: row 1 and 4 more: no email address"]
    assert any(re.search(r"failed: .*row 6: ed@example\.com: .*unknown protocol", line)
               for line in lines), lines
    assert server.mailbox.recipients() == ["flo@example.com"]


def test_a_batch_s_record_notice_names_the_roster_row_in_its_own_headings(clinic, servers):
    """Two patients of one name, emailed from a roster: the record's notice names the row
    and asks for the roster's own columns, as a printed batch's does."""
    server = servers()
    clinic.configure({"port": server.port})
    roster = clinic.roster([
        ("Maria Garcia", "maria@example.com", "03/14/1955", "100300", "low_back_start",
         "2026-11-23"),
        ("Maria Garcia", "maria.g@example.com", "09/02/1988", "100301", "low_back_start",
         "2026-11-23")], header=("Patient Name", "Email", "DOB", "MRN", "Program", "Date"))
    result = clinic.run("batch", str(roster), "--email")
    assert result.exit_code == 0, result.output
    assert sorted(server.mailbox.recipients()) == ["maria.g@example.com", "maria@example.com"]
    told = [line for line in result.stderr.splitlines() if "new patient" in line]
    assert told == [
        f"warning: {roster}:3: row 2: a new patient in the record, told apart "
        "from 1 other of that name by date of birth and clinic number; give the same "
        '"DOB" and "MRN" at every visit to keep a patient\'s visits together']


def test_an_emailed_row_s_long_log_advice_names_the_roster_s_column(clinic, servers):
    """The long log's advice reached an emailed roster row as "log_weeks: 6 in the program",
    a key its roster has not got; it names the row's own column, as a printed batch's does."""
    server = servers()
    clinic.configure({"port": server.port})
    roster = clinic.roster([("Ada Example", "ada@example.com", "low_back_start", "2026-11-23",
                             "2027-03-30", "")],
                           header=("Patient Name", "Email", "Program", "Date", "Next Appt",
                                   "Log Weeks"))
    result = clinic.run("batch", str(roster), "--email")
    assert result.exit_code == 0, result.output
    assert server.mailbox.recipients() == ["ada@example.com"]
    [warning] = [line for line in result.stderr.splitlines() if "days after" in line]
    assert warning.startswith(f'warning: {roster}:2: row 1: "Next Appt": 2027-03-30 is 127 ')
    assert warning.endswith('(6 in the "Log Weeks" column says you mean it)')
