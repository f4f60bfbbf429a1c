"""One rule of what an email address is, asked by ``check``, a roster's rows, the web app's
form and ``email``: an address with a character that does not show (a zero-width space
pasted with it), a dot at an end of a part (``x@example.test.``) or two together passed
``check`` and was skipped by ``email`` when the patient was at the desk no longer. Real SMTP
server on loopback (aiosmtpd), made-up patients."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from handouts.cli import main

from test_email import clinic, servers  # noqa: F401 (fixtures)
from test_web import start_program, unescape
import test_record
from web_mail import desk, web_mail  # noqa: F401 (fixture)



@pytest.fixture
def record_clinic(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return test_record.Clinic(tmp_path)


REFUSED = [
    ("ann\u200b@example.com", '"ann<U+200B>@example.com" has the character U+200B in it, which '
                              "does not show; remove it"),
    ("ann@example.com\ufeff", '"ann@example.com<U+FEFF>" has the character U+FEFF in it'),
    ("x@example.test.", '"x@example.test." has a dot at the end of the part after the @; '
                        'write it without: "x@example.test"'),
    ("x..y@example.test", '"x..y@example.test" has two dots together before the @'),
    ("jos\u00e9@example.test", '"jos\u00e9@example.test" has "\u00e9" in it, a letter outside '
                               "A-Z"),
    # what every mail server refuses, found by probing: refused once the message was sent
    ("ann@-example.test", '"ann@-example.test" has a "-" at the start or end of a part '
                          "after the @, which no domain has: check it"),
    ("ann@exa_mple.test", '"ann@exa_mple.test" has "_" after the @, which no domain has'),
    ("a" * 65 + "@example.test", f'"{"a" * 65}@example.test" has 65 characters before the @, '
                                 "where an address has at most 64: check it"),
]


@pytest.mark.parametrize("address, told", REFUSED)
def test_check_refuses_at_its_line_what_email_would_skip(clinic, address, told):
    clinic.configure()
    program = clinic.program("Ann Example", address)
    result = CliRunner().invoke(main, ["check", str(program), "--library",
                                       str(clinic.root / "exercises.yaml"), "--clinic",
                                       str(clinic.root / "clinic.yaml")],
                                catch_exceptions=False)
    assert result.exit_code == 1, result.output
    assert f"error: {program}:3: patient.email: {told}" in result.stderr, result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize("address, told", REFUSED)
def test_a_roster_row_is_told_the_same_and_the_other_rows_go(clinic, servers, address, told):
    server = servers()
    clinic.configure({"port": server.port})
    roster = clinic.roster([("Ann Example", address, "low_back_start", "2026-11-23"),
                            ("Bo Example", "bo@example.com", "low_back_start", "2026-11-23")])
    result = clinic.run("batch", str(roster), "--email")
    assert result.exit_code == 1
    assert result.stdout == "sent 1, failed 0, skipped 1.\n", result.output
    assert told in result.stderr and f"{roster}:2: row 1" in result.stderr, result.stderr
    assert server.mailbox.recipients() == ["bo@example.com"]


def test_the_web_form_marks_what_email_would_skip(clinic, web_mail, database):
    server = web_mail()
    b = desk(clinic)
    form = start_program(b, "bridge", name="Ann Example")
    for address, told in REFUSED[:3]:
        page = unescape(b.post("email", form | {"patient_email": address}).get_data(
            as_text=True))
        assert told in page, page
    assert server.mailbox.messages == []


def test_a_program_given_before_the_rule_with_such_an_address_reprints(
        record_clinic, database, monkeypatch, tmp_path):
    """The rule only refuses: a handout printed for a program with ``x@example.test.`` in it
    (the address is on no page) is made again by ``reprint``, byte for byte."""
    from handouts import record
    from handouts.input import later_rules

    path = record_clinic.root / "dot-example.yaml"
    path.write_text("patient:\n  name: Dot Example\n  email: dot@example.test.\n"
                    "date: 2026-12-04\nexercises:\n  - child_pose\n")
    with monkeypatch.context() as m:  # the code of 6 December: the rule not there
        m.setitem(later_rules.LATER, "email_address", "")
        m.setattr(later_rules, "applies", lambda rule: rule != "email_address")
        m.setenv("HANDOUTS_CACHE_DIR", str(tmp_path / "cache-before"))
        built, _ = record_clinic.issue(path)
    result = record_clinic.run("build", str(path), "-o", "again.pdf")
    assert result.exit_code == 1 and "has a dot at the end" in result.stderr
    result = record_clinic.run("reprint", built.handout.handout_id, "-o", "copy.pdf")
    assert result.exit_code == 0, result.output
    assert (record_clinic.root / "copy.pdf").read_bytes() == built.pdf
    assert record.reprint(record_clinic.ws(), built.handout.handout_id).identical is True
