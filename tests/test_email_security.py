"""Email's security: STARTTLS and implicit TLS with the clinic's own certificate authority,
an untrusted certificate or a wrong password refused with one line (and the password never
written anywhere, nor taken from clinic.yaml), and encrypted PDFs that open with their
password only. Real SMTP servers on loopback (aiosmtpd), as in test_email.py."""

from __future__ import annotations

import io
import json
import re
from email import policy
from email.parser import BytesParser

import pypdf
import pytest

from test_email import PDF_PASSWORD, SMTP_PASSWORD, attachment, check_password, held_port
from test_email import servers, ca, tls_context, clinic  # noqa: F401 (fixtures)


def test_starttls_with_the_clinics_own_certificate_authority_and_a_password(
        clinic, servers, ca, tls_context):
    server = servers(tls_context=tls_context, require_starttls=True,
                     authenticator=check_password, auth_require_tls=True)
    ca.cert_pem.write_to_path(str(clinic.root / "clinic-ca.pem"))
    clinic.configure({"port": server.port, "security": "starttls", "username":
                      "desk@example.com", "ca_file": "clinic-ca.pem"})  # beside clinic.yaml
    program = clinic.program("Ada Example", "ada@example.com")
    result = clinic.run("email", str(program), env={"HANDOUTS_SMTP_PASSWORD": SMTP_PASSWORD})
    assert result.exit_code == 0, result.output
    assert server.mailbox.recipients() == ["ada@example.com"]
    assert SMTP_PASSWORD.encode() not in clinic.everything_written()


def test_implicit_tls(clinic, servers, ca, tls_context):
    server = servers(ssl_context=tls_context)
    ca.cert_pem.write_to_path(str(clinic.root / "ca.pem"))
    clinic.configure({"port": server.port, "security": "ssl", "ca_file": "ca.pem"})
    result = clinic.run("email", str(clinic.program("Ada Example", "ada@example.com")))
    assert result.exit_code == 0, result.output
    assert server.mailbox.recipients() == ["ada@example.com"]


def test_an_untrusted_certificate_is_refused_with_a_clear_error(clinic, servers, tls_context):
    server = servers(tls_context=tls_context, require_starttls=True)
    clinic.configure({"port": server.port, "security": "starttls"})  # no ca_file
    result = clinic.run("email", str(clinic.program("Ada Example", "ada@example.com")))
    assert result.exit_code == 1
    assert "sent 0, failed 1, skipped 0." in result.stdout
    line = next(l for l in result.stderr.splitlines() if l.startswith("failed:"))
    assert "the mail server's certificate is not trusted" in line
    assert "set smtp: ca_file: in clinic.yaml" in line
    assert "Traceback" not in result.output
    assert not server.mailbox.messages
    [record] = clinic.files("pending", "json")
    assert "certificate is not trusted" in json.loads(record.read_text())["reason"]


def test_a_wrong_password_is_refused_and_never_written_anywhere(clinic, servers, ca,
                                                               tls_context):
    server = servers(tls_context=tls_context, require_starttls=True,
                     authenticator=check_password, auth_require_tls=True)
    ca.cert_pem.write_to_path(str(clinic.root / "ca.pem"))
    clinic.configure({"port": server.port, "security": "starttls", "username":
                      "desk@example.com", "ca_file": "ca.pem"})
    wrong = "Wrong-Pass-123"
    result = clinic.run("email", str(clinic.program("Ada Example", "ada@example.com")),
                        env={"HANDOUTS_SMTP_PASSWORD": wrong})
    assert result.exit_code == 1
    assert re.search(r"failed: .*: ada@example\.com: the server refused the user name or "
                     r"password \(535 [^)]*\)", result.stderr)
    assert wrong not in result.output
    assert wrong.encode() not in clinic.everything_written()
    assert not server.mailbox.messages and len(clinic.files("pending")) == 1
    # the right one from the environment sends what waited
    result = clinic.run("email", "--retry", env={"HANDOUTS_SMTP_PASSWORD": SMTP_PASSWORD})
    assert result.exit_code == 0, result.output
    assert server.mailbox.recipients() == ["ada@example.com"]


def test_a_needed_password_missing_is_one_line_before_anything_is_written(clinic):
    clinic.configure({"port": held_port(), "username": "desk@example.com"})
    result = clinic.run("email", str(clinic.program("Ada Example", "ada@example.com")))
    assert result.exit_code == 1
    assert result.stderr == ("error: the mail server needs the password of desk@example.com: "
                             "set HANDOUTS_SMTP_PASSWORD in the environment (it is never read "
                             "from a file), or run this in a terminal to be asked\n")
    assert not clinic.outbox.exists()


def test_a_password_in_clinic_yaml_is_refused(clinic):
    clinic.configure({"port": 587, "password": "hunter2"})
    result = clinic.run("email", "--retry")
    assert result.exit_code == 1
    assert "never put the password in a file" in result.stderr
    assert "hunter2" not in result.output


def test_an_encrypted_pdf_opens_with_its_password_and_not_without(clinic, servers):
    server = servers()
    clinic.configure({"port": server.port})
    roster = clinic.roster([("Ada Example", "ada@example.com", "low_back_start", "2026-11-23",
                             PDF_PASSWORD),
                            ("Bo Example", "bo@example.com", "low_back_start", "2026-11-23",
                             "")],
                           header=("name", "email", "program", "date", "PDF password"))
    result = clinic.run("batch", str(roster), "--email", "--encrypt",
                        env={"HANDOUTS_PDF_PASSWORD": "the-one-for-the-rest"})
    assert result.exit_code == 0, result.output
    by_rcpt = {m["To"].addresses[0].addr_spec: m for m in server.mailbox.parsed()}
    for rcpt, password in (("ada@example.com", PDF_PASSWORD),
                           ("bo@example.com", "the-one-for-the-rest")):
        message = by_rcpt[rcpt]
        reader = pypdf.PdfReader(io.BytesIO(attachment(message)))
        assert reader.is_encrypted
        assert reader.trailer["/Encrypt"]["/V"] == 5  # AES-256
        assert not reader.decrypt("wrong password")
        with pytest.raises(pypdf.errors.PdfReadError):
            reader.pages[0].extract_text()
        reader = pypdf.PdfReader(io.BytesIO(attachment(message)))
        assert reader.decrypt(password)
        assert rcpt[:2].capitalize() in reader.pages[0].extract_text()
        plain = message.get_body(("plain",)).get_content()
        assert "locked with a password" in plain and password not in plain
        assert password.encode() not in server.mailbox.messages[0][2]
    everything = clinic.everything_written()
    assert PDF_PASSWORD.encode() not in everything
    assert b"the-one-for-the-rest" not in everything


def test_encrypt_a_single_program_with_the_password_from_the_environment(clinic):
    clinic.configure()
    result = clinic.run("email", str(clinic.program("Ada Example", "ada@example.com")),
                        "--no-send", "--encrypt", env={"HANDOUTS_PDF_PASSWORD": PDF_PASSWORD})
    assert result.exit_code == 0, result.output
    [eml] = clinic.files("pending")
    message = BytesParser(policy=policy.default).parsebytes(eml.read_bytes())
    reader = pypdf.PdfReader(io.BytesIO(attachment(message)))
    assert reader.is_encrypted and reader.decrypt(PDF_PASSWORD)
    no_password = clinic.run("email", str(clinic.program("Bo Example", "bo@example.com")),
                             "--no-send", "--encrypt")
    assert no_password.exit_code == 1
    assert "--encrypt needs a password: set HANDOUTS_PDF_PASSWORD" in no_password.stderr
