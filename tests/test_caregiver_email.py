"""A caregiver's handout emailed to the caregiver's own address (README: *Email*, *To a
caregiver*): ``patient: caregiver_email:``, a roster's "caregiver email" column and the web
form's *Caregiver's email* box; the To header and the greeting are the caregiver's; one with
only the patient's address is refused in one line, never sent to the patient under the
caregiver's name; a bad address is told as a patient's is; the record keeps it with the
program and ``history`` says whom it went to. Real SMTP on loopback (aiosmtpd), as in
test_email.py; made-up people."""

from __future__ import annotations

import yaml
from click.testing import CliRunner

from handouts.cli import main

from test_email import servers, clinic  # noqa: F401 (fixtures)
from test_web import start_program, unescape
from web_mail import desk, web_mail  # noqa: F401 (fixture)

DANA = {"name": "Dana Ortiz", "email": "dana@example.com", "caregiver": "Luis Ortiz"}


def one_line(text: str) -> str:
    return " ".join(text.split())


def cli(clinic, *args):
    """A command that takes no outbox (``clinic.run`` gives one)."""
    return CliRunner().invoke(main, [*args, "--library", str(clinic.root / "exercises.yaml"),
                                     "--clinic", str(clinic.root / "clinic.yaml")],
                              catch_exceptions=False)


def bodies(message) -> list[str]:
    return [one_line(message.get_body((kind,)).get_content()) for kind in ("plain", "html")]


def test_a_caregiver_s_handout_goes_to_the_caregiver_s_own_address(clinic, servers, database):
    server = servers()
    clinic.configure({"port": server.port})
    program = clinic.program("Dana Ortiz", None,
                             patient=DANA | {"caregiver_email": "luis@example.com"})
    result = clinic.run("email", str(program))
    assert result.exit_code == 0, result.output
    [message] = server.mailbox.parsed()
    assert message["To"] == "Luis Ortiz <luis@example.com>"
    assert server.mailbox.recipients() == ["luis@example.com"]  # not the patient too
    for body in bodies(message):
        assert "Hello Luis Ortiz," in body and "Hello Dana" not in body
        assert "Here is the home exercise program for Dana Ortiz" in body
        assert "This email is for Luis Ortiz." in body
    assert clinic.audit()[-1]["recipient"] == "luis@example.com"
    # the record keeps the address with the program, and history says whom it went to
    from handouts import record

    [dana] = record.patients(clinic.ws(), "Dana Ortiz")
    [visit] = record.visits(clinic.ws(), dana)
    assert yaml.safe_load(visit.yaml)["patient"]["caregiver_email"] == "luis@example.com"
    result = cli(clinic, "history", "Dana Ortiz")
    assert result.exit_code == 0, result.output
    [line] = [line for line in result.output.splitlines() if "emailed" in line]
    assert "  emailed        to Luis Ortiz (caregiver)" in line, line
    assert "luis@example.com" not in result.output and "dana@example.com" not in result.output


def test_the_patient_s_own_address_is_not_used_for_a_caregiver_s_handout(clinic, servers):
    server = servers()
    clinic.configure({"port": server.port})
    program = clinic.program("Dana Ortiz", None, patient=DANA)
    result = clinic.run("email", str(program))
    assert result.exit_code == 1
    assert server.mailbox.messages == [] and clinic.files("pending") == []
    [told] = [line for line in result.output.splitlines() if line.startswith("skipped")]
    assert told == (f"skipped: {program}: no email address for the caregiver this handout is "
                    "given to: add patient: caregiver_email: to the program (or a \"caregiver "
                    "email\" column to the roster); the patient's own address is not used for "
                    "a caregiver's handout")


def test_a_caregiver_s_bad_address_is_one_line_as_a_patient_s_is(clinic):
    clinic.configure()
    bad = clinic.program("Dana Ortiz", None,
                         patient=DANA | {"caregiver_email": "luis@exa mple.com"})
    nobody = clinic.program("Eli Ortiz", "eli@example.com",
                            patient={"name": "Eli Ortiz", "caregiver_email": "luis@example.com"})
    for path, line, said in (
            (bad, 5, '"luis@exa mple.com" is not an email address (e.g. "jane@example.com")'),
            (nobody, 3, "an address for a caregiver, but the program names none: add patient: "
                        "caregiver: (who the handout is given to) beside it")):
        result = cli(clinic, "check", str(path))
        assert result.exit_code == 1
        assert f"{path}:{line}: patient.caregiver_email: {said}" in result.output
        assert "Traceback" not in result.output


def test_a_roster_s_caregiver_email_column_sends_each_row_to_its_reader(clinic, servers):
    server = servers()
    clinic.configure({"port": server.port})
    roster = clinic.roster([
        ("Dana Ortiz", "Luis Ortiz", "dana@example.com", "luis@example.com", "low_back_start",
         "2026-11-23"),
        ("Eli Ortiz", "Luis Ortiz", "eli@example.com", "", "low_back_start", "2026-11-23"),
        ("Fay Ortiz", "Luis Ortiz", "", "luis@exa mple", "low_back_start", "2026-11-23"),
        ("Gus Ortiz", "", "gus@example.com", "", "low_back_start", "2026-11-23"),
    ], header=("Name", "Parent/Guardian", "Email", "Parent email", "Program", "Date"))
    result = clinic.run("batch", str(roster), "--email")
    assert result.exit_code == 1
    assert {m["To"] for m in server.mailbox.parsed()} == {"Luis Ortiz <luis@example.com>",
                                                         "Gus Ortiz <gus@example.com>"}
    assert sorted(server.mailbox.recipients()) == ["gus@example.com", "luis@example.com"]
    lines = result.output.splitlines()
    assert f"skipped: {roster}:3: row 2: no email address for the caregiver this handout is " \
           "given to: add patient: caregiver_email: to the program (or a \"caregiver email\" " \
           "column to the roster); the patient's own address is not used for a caregiver's " \
           "handout" in lines
    # the same words as a patient's bad address, and as check says them
    assert f'skipped: {roster}:4: row 3: luis@exa mple: "luis@exa mple" is not an email ' \
           'address (e.g. "jane@example.com")' in lines


def test_the_web_form_s_caregiver_email_box_is_where_the_email_goes(clinic, web_mail,
                                                                    database):
    server = web_mail()
    b = desk(clinic)
    form = start_program(b, "bridge", name="Dana Ortiz") | {
        "patient_email": "dana@example.com", "patient_caregiver": "Luis Ortiz"}
    # only the patient's address: not sent, and the page says which box to fill in
    page = unescape(b.post("email", form).get_data(as_text=True))
    assert "Type the caregiver's email address in the Caregiver's email box first" in page
    assert server.mailbox.messages == []
    # a bad one is marked at its box, as the patient's is
    page = unescape(b.post("email", form | {"patient_caregiver_email": "luis@"}).get_data(
        as_text=True))
    assert '"luis@" is not an email address' in page and server.mailbox.messages == []
    page = unescape(b.post("email", form | {"patient_caregiver_email": "luis@example.com"}
                           ).get_data(as_text=True))
    assert "Sent to luis@example.com" in page
    [message] = server.mailbox.parsed()
    assert message["To"] == "Luis Ortiz <luis@example.com>"
    assert b.form()["patient_caregiver_email"] == "luis@example.com"  # the page keeps it
    # saved and opened again, the program keeps it
    assert b.post("save", b.form() | {"file_name": "dana-ortiz"}).status_code == 200
    [saved] = (clinic.root / "programs").glob("*.yaml")
    assert yaml.safe_load(saved.read_text(encoding="utf-8"))["patient"][
        "caregiver_email"] == "luis@example.com"
    b.get(f"/programs/{saved.stem}", follow_redirects=True)
    assert b.form()["patient_caregiver_email"] == "luis@example.com"


def test_printed_then_emailed_to_the_caregiver_is_one_visit(clinic, servers, database,
                                                            tmp_path):
    server = servers()
    clinic.configure({"port": server.port})
    program = clinic.program("Dana Ortiz", None, patient=DANA)
    built = cli(clinic, "build", str(program), "-o", str(tmp_path / "d.pdf"))
    assert built.exit_code == 0, built.output
    program = clinic.program("Dana Ortiz", None,
                             patient=DANA | {"caregiver_email": "luis@example.com"})
    assert clinic.run("email", str(program)).exit_code == 0
    rows = database.rows(clinic.root)
    # the address no page prints is not another visit, nor another handout
    assert [(r[4], r[6]) for r in rows] == [("1", "printed"), ("1", "emailed")]
    assert rows[0][0] == rows[1][0] == server.mailbox.parsed()[0]["X-Handout-Id"]


def test_the_wheelchair_clinic_s_dana_goes_to_luis(tmp_path):
    """The test clinic's caregiver's handout (Dana Ortiz's, given to Luis Ortiz) names both
    addresses, and its message is Luis's."""
    import handouts as api
    from handouts.mail import message as mail

    from conftest import ROOT

    clinic = ROOT / "tests" / "clinics" / "wheelchair"
    ws = api.open_workspace(clinic / "exercises.yaml", clinic / "clinic.yaml")
    made = api.build_handout(api.load_program(clinic / "examples" / "dana-ortiz.yaml", ws), ws)
    sender = mail.sender(ws.clinic.model_copy(update={"email": "desk@example.com"}))
    message = mail.compose(made.handout, made.pdf, made.filename, sender=sender)
    assert message["To"] == "Luis Ortiz <luis@example.com>"
    assert all("Hello Luis Ortiz," in body for body in bodies(message))


def test_build_takes_the_caregiver_s_address_on_the_command_line(clinic, tmp_path):
    clinic.configure()
    quick = ("build", "--patient", "Eli Ortiz", "--exercise", "bridge", "-o",
             str(tmp_path / "eli.pdf"))
    result = cli(clinic, *quick, "--caregiver-email", "luis@example.com")
    assert result.exit_code == 1
    # told of the option typed, not of a program's key the command line has not got
    assert result.output == ("error: --caregiver-email: an address for a caregiver, but the "
                             'command names none: add --caregiver "NAME" (who the handout is '
                             "given to)\n")
    result = cli(clinic, *quick, "--caregiver", "Luis Ortiz", "--caregiver-email", "luis@")
    assert result.output == ('error: options: patient.caregiver_email: "luis@" is not an email '
                             'address (e.g. "jane@example.com")\n')
    result = cli(clinic, *quick, "--caregiver", "Luis Ortiz", "--caregiver-email",
                 "luis@example.com")
    assert result.exit_code == 0, result.output


def test_a_program_s_bad_caregiver_is_one_line_not_also_told_it_names_none(clinic):
    clinic.configure()
    program = clinic.program("Eli Ortiz", None, patient={
        "name": "Eli Ortiz", "caregiver": "Luis Ortiz " * 30,
        "caregiver_email": "luis@example.com"})
    result = cli(clinic, "check", str(program))
    assert result.exit_code == 1
    assert [line for line in result.output.splitlines() if "patient." in line] == [
        f"error: {program}:3: patient.caregiver: is 330 characters long; shorten it to 300 "
        "or fewer"]


def test_a_roster_row_that_fails_names_no_address_it_did_not_type(clinic, servers):
    """A row whose program file gives its caregiver (and the caregiver's address), and
    that cannot be built: its line named the patient's address, typed on the row though the
    handout was never to go there, or the caregiver's from the file, never typed there; one
    with no address of its own said "no email address", not what is wrong. Each is said by
    its row, as a row is; a row that typed its reader's address still names it."""
    server = servers()
    clinic.configure({"port": server.port})
    clinic.program("Dana Ortiz", None, patient=DANA | {"caregiver_email": "luis@example.com"})
    roster = clinic.roster([
        ("Dana Ortiz", "", "", "dana@example.com", "dana-ortiz.yaml", "2026-13-45"),
        ("Dana Ortiz", "", "", "", "dana-ortiz.yaml", "2026-13-45"),
        ("Eli Ortiz", "Luis Ortiz", "luis@example.com", "eli@example.com", "low_back_start",
         "2026-13-45"),
        ("Dana Ortiz", "", "", "dana@example.com", "dana-ortiz.yaml", "2026-11-23"),
    ], header=("Name", "Parent/Guardian", "Parent email", "Email", "Program", "Date"))
    result = clinic.run("batch", str(roster), "--email")
    assert result.exit_code == 1
    bad_date = ('"Date": "2026-13-45" is not a date; write it as YYYY-MM-DD (e.g. '
                "2026-11-23)")
    assert result.stderr.splitlines() == [
        f"failed: {roster}:2: row 1: {bad_date}",
        f"failed: {roster}:3: row 2: {bad_date}",
        f"failed: {roster}:4: row 3: luis@example.com: {bad_date}"]
    assert result.stdout.splitlines()[-1] == "sent 1, failed 3, skipped 0."
    assert server.mailbox.recipients() == ["luis@example.com"]  # the good row, to Luis


def test_a_row_whose_handout_cannot_be_made_names_no_address_from_its_file(
        clinic, servers, monkeypatch):
    import handouts as api

    server = servers()
    clinic.configure({"port": server.port})
    clinic.program("Dana Ortiz", None, patient=DANA | {"caregiver_email": "luis@example.com"})
    roster = clinic.roster([("Dana Ortiz", "dana@example.com", "dana-ortiz.yaml",
                             "2026-11-23"),
                            ("Eli Ortiz", "eli@example.com", "low_back_start", "2026-11-23")])

    def fault(*_args, **_kwargs):
        raise RuntimeError("a fault")
    monkeypatch.setattr(api, "render_handouts", fault)
    result = clinic.run("batch", str(roster), "--email")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert [line.split(" (")[0] for line in lines] == [
        f"failed: {roster}:2: row 1: could not be made",
        f"failed: {roster}:3: row 2: eli@example.com: could not be made"]
    assert "@" not in lines[0]


def test_a_row_s_lines_name_no_address_from_its_file_when_it_is_sent_again(clinic):
    """The server down, then the file's address corrected: the failure, and the earlier
    message the row's new one withdraws, are said by the row, not by the file's address."""
    from test_email import held_port

    clinic.configure({"port": held_port()})  # no server: the message waits
    program = clinic.program("Dana Ortiz", None,
                             patient=DANA | {"caregiver_email": "luis@exmapel.com"})
    roster = clinic.roster([("Dana Ortiz", "dana@example.com", "dana-ortiz.yaml",
                             "2026-11-23")])
    result = clinic.run("batch", str(roster), "--email")
    assert result.exit_code == 1
    [failed] = [line for line in result.stderr.splitlines() if line.startswith("failed: ")]
    assert failed.startswith(f"failed: {roster}:2: row 1: cannot reach the mail server")
    program.write_text(program.read_text().replace("exmapel", "example"))
    result = clinic.run("batch", str(roster), "--email", "--no-send")
    assert f"{roster}:2: row 1: an earlier message for this patient is withdrawn: replaced " \
           f"by this one (kept in {clinic.outbox / 'replaced'}/)" in result.stderr.splitlines()
    assert "@" not in result.stderr


def test_retry_holds_a_caregiver_s_message_queued_to_the_patient_s_address(clinic, servers,
                                                                           database):
    """A message queued before caregiver_email (then a caregiver's handout went to the
    patient's email:, under the caregiver's name) waits in pending/. ``email --retry`` sent
    it as it was; it now stays there, said in one line, and the others go."""
    from handouts.mail import service
    from handouts.mail.outbox import Outbox

    import handouts as api

    server = servers()
    clinic.configure({"port": server.port})
    dana = clinic.program("Dana Ortiz", None,
                          patient=DANA | {"caregiver_email": "luis@example.com"})
    assert clinic.run("email", str(dana), "--no-send").exit_code == 0
    # Eli's, as the version before wrote it: To: Luis Ortiz <eli@example.com>, and the
    # program the record keeps with it has no caregiver_email
    eli = clinic.program("Eli Ortiz", "eli@example.com", patient={
        "name": "Eli Ortiz", "email": "eli@example.com", "caregiver": "Luis Ortiz",
        "caregiver_email": "eli@example.com"})
    ws = clinic.ws()
    program = api.load_program(eli, ws)
    built = api.build_handout(program, ws)
    then = program.model_copy(update={"patient": program.patient.model_copy(
        update={"caregiver_email": None})})
    outbox = Outbox(clinic.outbox)
    with outbox.locked():
        queued = service.queue_built(outbox, built, ws, label=str(eli), program=then,
                                     origin=str(eli.resolve()))
    [old] = [p for p in clinic.files("pending") if "eli-ortiz" in p.name]
    assert "To: Luis Ortiz <eli@example.com>" in old.read_text()

    result = clinic.run("email", "--retry")
    assert result.exit_code == 1
    assert server.mailbox.recipients() == ["luis@example.com"]  # Dana's, to Luis
    assert clinic.files("pending") == [old]  # Eli's waits still, untouched
    assert result.stderr.splitlines() == [
        f"skipped: {eli}: eli@example.com: not sent: queued before patient: caregiver_email: "
        "existed, it goes to the patient's address under the caregiver's name; add the "
        "caregiver's own address as patient: caregiver_email: and email the handout "
        f"again, which replaces it (or delete {queued.name}.eml from "
        f"{clinic.outbox / 'pending'}/)"]
    assert result.stdout.splitlines()[-1] == "sent 1, failed 0, skipped 1."
    assert clinic.run("email", "--retry").exit_code == 1  # said again, never sent
    assert server.mailbox.recipients() == ["luis@example.com"]
    # done as it says: the file given Luis's own address and emailed, it replaces the old
    eli.write_text(eli.read_text().replace("caregiver_email: eli@", "caregiver_email: luis@"))
    result = clinic.run("email", str(eli))
    assert result.exit_code == 0, result.output
    assert server.mailbox.recipients() == ["luis@example.com"] * 2
    assert clinic.files("pending") == [] and [p.name for p in clinic.files("replaced")] == [
        old.name]
