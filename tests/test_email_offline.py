"""A laptop with no network (a home visit): email says so plainly, not "check smtp: host
and port in clinic.yaml", and the message waits in the outbox for ``email --retry``, which
sends it once the laptop is back online. A real SMTP server on loopback (aiosmtpd); only
the system's answer to a name look-up is that of a computer with no network."""

from __future__ import annotations

import errno
import os
import socket
import ssl

import handouts as api
from handouts.mail import refusals
from handouts.mail.refusals import explain

from test_email import ca, servers, clinic  # noqa: F401 (fixtures)

HOST = "smtp.clinic.example"


def no_network_for_names(monkeypatch, port: int) -> dict:
    """``HOST`` looked up as on a laptop with no network (glibc's EAI_AGAIN) while
    ``state["online"]`` is False, and as the loopback server once it is True."""
    state = {"online": False}
    real = socket.getaddrinfo

    def getaddrinfo(host, *args, **kwargs):
        if host != HOST:
            return real(host, *args, **kwargs)
        if not state["online"]:
            raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")
        return real("127.0.0.1", port, *args[1:], **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return state


def test_an_offline_laptop_is_told_so_and_the_message_waits_for_retry(clinic, servers, ca,
                                                                      monkeypatch):
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert(HOST).configure_cert(context)  # a clinic's server by its name, over TLS
    server = servers(tls_context=context, require_starttls=True)
    ca.cert_pem.write_to_path(str(clinic.root / "clinic-ca.pem"))
    clinic.configure({"host": HOST, "port": server.port, "security": "starttls",
                      "ca_file": "clinic-ca.pem"})
    state = no_network_for_names(monkeypatch, server.port)
    result = clinic.run("email", str(clinic.program("Ada Example", "ada@example.com")))
    assert result.exit_code == 1
    assert (f'this computer is not on a network now (cannot look up the mail server "{HOST}": '
            "Temporary failure in name resolution); the message waits on this computer: "
            "send it once it is online") in result.stderr
    assert "check smtp" not in result.stderr
    assert (f"1 message waits in {clinic.outbox / 'pending'}/; send it later with "
            "make_handouts.py email --retry") in result.stderr
    assert len(clinic.files("pending")) == 1 and server.mailbox.messages == []

    state["online"] = True
    result = clinic.run("email", "--retry")
    assert result.exit_code == 0, result.output
    assert server.mailbox.recipients() == ["ada@example.com"]


def test_a_mistyped_host_still_points_at_clinic_yaml_and_no_network_at_none(clinic,
                                                                          monkeypatch):
    """A name that is not there may be a typo, where this computer has a route out (as
    test_email_offline_routes has it, in a network of its own); "Network is unreachable" is
    no setting's."""
    monkeypatch.setattr(refusals, "network_up", lambda: True)
    smtp = api.Smtp.model_validate({"host": HOST, "port": 587, "from": "desk@example.com"})
    typo = explain(socket.gaierror(socket.EAI_NONAME, "Name or service not known"), smtp)
    assert typo.reason.endswith("check smtp: host in clinic.yaml")
    down = explain(OSError(errno.ENETUNREACH, os.strerror(errno.ENETUNREACH)), smtp)
    assert down.reason == (f"this computer is not on a network now (cannot reach {HOST}:587: "
                           f"{os.strerror(errno.ENETUNREACH)}); the message waits on this "
                           "computer: send it once it is online")
    assert down.fatal
