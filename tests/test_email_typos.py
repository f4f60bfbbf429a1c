"""An address one letter off a very common provider's domain (``bo@gmial.com``), or with
.con, .cmo or .co for its .com (under a subdomain too), is told with the address likely meant wherever it is taken
in (``check``, ``build``, a printed batch, the web app's form), and ``email`` holds its
message in pending/ until a person checks it: a handout sent to a stranger cannot be taken
back. A real domain one letter from a big one, another top-level domain and the clinic's
own domain are not called typos. Real SMTP server on loopback (aiosmtpd), made-up people."""

from __future__ import annotations

import html

import pytest
from click.testing import CliRunner

from handouts.cli import main

from test_email import clinic, servers  # noqa: F401 (fixtures)
from test_web import start_program
from web_mail import desk, web_mail  # noqa: F401 (fixture)

TYPOS = [("ann@exmaple.com", "ann@example.com"), ("bo@gmial.com", "bo@gmail.com"),
         ("cy@hotmial.com", "cy@hotmail.com"), ("di@yaho.com", "di@yahoo.com"),
         ("ed@gmail.con", "ed@gmail.com"), ("fay@outlok.com", "fay@outlook.com"),
         ("gus@icloud.co", "gus@icloud.com"), ("hal@yahoo.cmo", "hal@yahoo.com"),
         # a subdomain over the slip; two letters of .com swapped; .com typed twice
         ("jo@mail.gmial.com", "jo@gmail.com"), ("kim@gmail.ocm", "kim@gmail.com"),
         ("lee@gmail.com.com", "lee@gmail.com")]
# real providers one letter from a big one, a business on .co, other top-level domains
NOT_TYPOS = ["ivy@mail.com", "jo@email.com", "kai@ymail.com", "lu@acme.co", "mo@gmail.com",
             "ned@example.org", "oz@hotmail.co.uk", "pia@gmx.com", "quin@yahoo.org"]


def check(clinic, program):
    return CliRunner().invoke(main, ["check", str(program), "--library",
                                     str(clinic.root / "exercises.yaml"), "--clinic",
                                     str(clinic.root / "clinic.yaml")], catch_exceptions=False)


def told(typed: str, meant: str) -> str:
    return f'patient.email: "{typed}" looks mistyped: did you mean {meant}?'


@pytest.mark.parametrize("typed, meant", TYPOS)
def test_check_warns_at_the_line_with_the_address_meant(clinic, typed, meant):
    clinic.configure()
    program = clinic.program("Ann Example", typed)
    result = check(clinic, program)
    assert result.exit_code == 0, result.output
    assert f"warning: {program}:3: {told(typed, meant)}" in result.stderr, result.stderr


@pytest.mark.parametrize("typed", NOT_TYPOS)
def test_a_real_domain_is_not_called_a_typo(clinic, typed):
    clinic.configure()
    result = check(clinic, clinic.program("Ann Example", typed))
    assert result.exit_code == 0 and "mistyped" not in result.output, result.output


def test_the_clinics_own_domain_is_not_called_a_typo(clinic):
    clinic.configure(email="desk@gmial.com")  # its own, one letter from gmail.com
    result = check(clinic, clinic.program("Ann Example", "ann@gmial.com"))
    assert result.exit_code == 0 and "ann@gmial.com" not in result.output, result.output
    # but the clinic's own address is: a slip there (meant: desk@gmail.com) would let every
    # patient's address at gmial.com go unheld
    [said] = [line for line in result.stderr.splitlines() if "mistyped" in line]
    assert said.startswith(f"warning: {clinic.root / 'clinic.yaml'}:") and \
        ' email: "desk@gmial.com" looks mistyped: did you mean desk@gmail.com? While it is ' \
        "the clinic's own, a patient's address at gmial.com is not held as a typo of " \
        "gmail.com" in said, said


def test_build_with_an_address_and_a_caregivers_warn(clinic):
    clinic.configure()
    result = CliRunner().invoke(main, [
        "build", "--patient", "Mia Example", "--caregiver", "Luis Example",
        "--caregiver-email", "luis@hotmial.com", "--exercise", "bridge", "-o",
        str(clinic.root / "mia.pdf"), "--library", str(clinic.root / "exercises.yaml"),
        "--clinic", str(clinic.root / "clinic.yaml")], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert ('patient.caregiver_email: "luis@hotmial.com" looks mistyped: did you mean '
            "luis@hotmail.com?") in result.stderr, result.stderr


def test_a_printed_batch_warns_at_the_row(clinic):
    clinic.configure()
    roster = clinic.roster([("Ann Example", "ann@example.com", "low_back_start", "2026-11-23"),
                            ("Bo Example", "bo@gmial.com", "low_back_start", "2026-11-23")])
    result = CliRunner().invoke(main, [
        "batch", str(roster), "--out-dir", str(clinic.root / "out"), "--jobs", "1", "--quiet",
        "--library", str(clinic.root / "exercises.yaml"), "--clinic",
        str(clinic.root / "clinic.yaml")], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    # by the roster's own heading, as a row's problems are
    assert (f'warning: {roster}:3: row 2: "email": "bo@gmial.com" looks mistyped: did you mean '
            "bo@gmail.com?") in result.stderr, result.stderr


def test_email_holds_it_until_the_address_is_put_right(clinic, servers):
    server = servers()
    clinic.configure({"port": server.port})
    program = clinic.program("Bo Example", "bo@gmial.com")
    result = clinic.run("email", str(program))
    assert result.exit_code == 1
    assert result.stdout.splitlines()[-1] == "sent 0, failed 0, skipped 1."
    assert (f'skipped: {program}: bo@gmial.com: held: "bo@gmial.com" looks mistyped: did you '
            "mean bo@gmail.com?") in result.stderr, result.stderr
    assert result.stderr.count("did you mean") == 1  # the line, not the build's warning too
    assert server.mailbox.messages == [] and len(clinic.files("pending")) == 1
    # run again: held again, never sent by running the program again
    assert clinic.run("email", str(program)).exit_code == 1 and server.mailbox.messages == []
    # put right: the corrected address gets it, the one held is withdrawn, never sent
    program.write_text(program.read_text().replace("gmial", "gmail"))
    result = clinic.run("email", str(program))
    assert result.exit_code == 0, result.output
    assert "an earlier message to bo@gmial.com for this patient is withdrawn" in result.stdout \
        + result.stderr
    assert clinic.run("email", "--retry").exit_code == 0
    assert server.mailbox.recipients() == ["bo@gmail.com"]


def test_one_handout_held_for_two_addresses_is_confirmed_by_its_file(clinic, servers):
    """Two messages of one handout held, each to an address that looks mistyped: --confirm
    by the id asks for the file whose address is right, naming each file's address, and
    where to find them (pending/, not uncertain/, where a message that may have been sent
    waits)."""
    server = servers()
    clinic.configure({"port": server.port})
    program = clinic.program("Lu Example", "lu@gmial.com")
    assert clinic.run("email", str(program)).exit_code == 1
    # the same program in a second file, another address typed: a file of its own, so that
    # neither replaces the other
    other = program.with_name("lu-again.yaml")
    other.write_text(program.read_text().replace("lu@gmial.com", "lu@yaho.com"))
    assert clinic.run("email", str(other)).exit_code == 1
    held = sorted(clinic.files("pending"))
    assert len(held) == 2, held
    handout_id = held[0].stem.rpartition("_")[2]
    result = clinic.run("email", "--confirm", handout_id)
    assert result.exit_code == 1 and server.mailbox.messages == []
    said = result.stderr.splitlines()[0]
    assert said.startswith(f"error: {handout_id}: 2 messages in {clinic.outbox}/pending/ have "
                           "this handout id") and "whose address is right" in said, said
    assert "(to lu@gmial.com)" in said and "(to lu@yaho.com)" in said, said


def test_a_held_message_from_another_file_is_said_to_be_held_not_to_go(clinic, servers):
    """The same patient emailed from another program file, to the address put right: the
    one held from the first file is still held (another file's program is not replaced),
    and said so, where the line said it "goes too", which a --retry does not do."""
    server = servers()
    clinic.configure({"port": server.port})
    first = clinic.program("Bo Example", "bo@gmial.com")
    assert clinic.run("email", str(first)).exit_code == 1
    again = clinic.program("Bo Example", "bo@gmail.com").rename(clinic.root / "bo-new.yaml")
    result = clinic.run("email", str(again))
    assert (f"{again}: an earlier message for this patient, to bo@gmial.com (from {first}), "
            f"is held in {clinic.outbox / 'pending'}/ for an address that looks mistyped; if "
            "that address is wrong, move it out of that folder") in result.stderr.splitlines(), \
        result.stderr
    assert "goes too" not in result.output
    assert server.mailbox.recipients() == ["bo@gmail.com"]


def test_forget_leaves_no_address_a_held_line_suggested(clinic, servers):
    """The address a held message's line suggests is most likely the patient's own: the
    audit log names only its domain, so that forget, which scrubs the addresses a line was
    sent or held for, leaves none of theirs."""
    server = servers()
    clinic.configure({"port": server.port})
    program = clinic.program("Ivy Example", "ivy.example@gmial.com")
    assert clinic.run("email", str(program)).exit_code == 1
    assert clinic.run("forget", "Ivy Example", "--yes").exit_code == 0
    log = (clinic.outbox / "audit.jsonl").read_text()
    assert "gmail.com meant?" in log and "ivy" not in log.casefold(), log


def test_the_audit_log_says_why_a_message_is_held_not_a_command_to_run(clinic, servers):
    """The log records what happened: held, and why. What to do is said to whoever emails
    it, at the time; a command line with this server's paths, kept in the log, read later
    by a clinic whose desk sends from the web app, would be advice to nobody."""
    server = servers()
    clinic.configure({"port": server.port})
    program = clinic.program("Cy Example", "cy@gmial.com")
    result = clinic.run("email", str(program))
    assert result.exit_code == 1 and "--confirm" in result.stderr  # the user is told how
    [held] = [e for e in clinic.audit() if e["result"] == "skipped"]
    assert held["reason"] == 'held: "cy@gmial.com" looks mistyped (gmail.com meant?)', held


def test_it_goes_once_a_person_says_the_address_is_right(clinic, servers):
    server = servers()
    clinic.configure({"port": server.port})
    roster = clinic.roster([("Ann Example", "ann@example.com", "low_back_start", "2026-11-23"),
                            ("Fay Example", "fay@outlok.com", "low_back_start", "2026-11-23")])
    result = clinic.run("batch", str(roster), "--email")
    assert result.stdout == "sent 1, failed 0, skipped 1.\n", result.output
    assert f"{roster}:3: row 2: fay@outlok.com: held:" in result.stderr, result.stderr
    assert "did you mean fay@outlook.com?" in result.stderr
    assert server.mailbox.recipients() == ["ann@example.com"]
    # the desk's routine --retry (after a server was down, say) does not send it unlooked
    result = clinic.run("email", "--retry")
    assert result.exit_code == 1 and "did you mean fay@outlook.com?" in result.stderr
    assert server.mailbox.recipients() == ["ann@example.com"]
    [held] = clinic.files("pending")
    handout_id = held.stem.rpartition("_")[2]
    result = clinic.run("email", "--confirm", handout_id)  # the address is hers, as typed
    assert result.exit_code == 0, result.output
    assert f"confirmed: {held.name} to fay@outlok.com: the address is right as typed" in \
        result.stdout
    assert server.mailbox.recipients() == ["ann@example.com"]  # --confirm sends nothing
    result = clinic.run("email", "--retry")
    assert result.exit_code == 0, result.output
    assert server.mailbox.recipients() == ["ann@example.com", "fay@outlok.com"]


def test_the_web_form_says_it_and_sends_nothing(clinic, web_mail, database):
    server = web_mail()
    b = desk(clinic)
    form = start_program(b, "bridge", name="Di Example") | {"patient_email": "di@yaho.com"}
    page = html.unescape(b.post("add:child_pose", form).get_data(as_text=True))
    assert "did you mean di@yahoo.com?" in page
    # the box as the form labels it, not the program file's key staff never see
    assert 'Email: "di@yaho.com" looks mistyped' in page and "patient.email" not in page
    page = html.unescape(b.post("email", form).get_data(as_text=True))
    assert "did you mean di@yahoo.com?" in page and server.mailbox.messages == []
    page = html.unescape(b.post("email", form | {"patient_email": "di@yahoo.com"}).get_data(
        as_text=True))
    assert "Sent to di@yahoo.com" in page
    assert server.mailbox.recipients() == ["di@yahoo.com"]


def test_an_earlier_message_checked_by_the_clinic_is_said_to_go_not_to_be_held(clinic,
                                                                                servers):
    """An earlier message whose address the clinic checked (--confirm: right as typed) is
    no longer held: the next --retry sends it. Emailing the patient from another file then
    says it goes too, as --retry does, not that it is held for a look it has had."""
    server = servers()
    clinic.configure({"port": server.port})
    first = clinic.program("Bo Example", "bo@gmial.com")
    assert clinic.run("email", str(first)).exit_code == 1
    [held] = clinic.files("pending")
    assert clinic.run("email", "--confirm", held.stem).exit_code == 0
    again = clinic.program("Bo Example", "bo@gmail.com").rename(clinic.root / "bo-new.yaml")
    result = clinic.run("email", str(again))
    assert (f"{again}: an earlier message for this patient, to bo@gmial.com (from {first}), "
            f"also waits in {clinic.outbox / 'pending'}/ and goes too; if that address is "
            "wrong, move it out of that folder") in result.stderr.splitlines(), result.stderr
    assert "looks mistyped" not in result.output
    assert clinic.run("email", "--retry").exit_code == 0
    assert server.mailbox.recipients() == ["bo@gmail.com", "bo@gmial.com"]
