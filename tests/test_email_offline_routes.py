"""Offline or a wrong setting, told apart by whether this computer has a route out at all:
"No route to host" and macOS's "no such name" (socket.gaierror 8, "nodename nor servname
provided, or not known", which it says when it has no network to ask) are a laptop off its
network where there is no route out, and a server down or a mistyped host where there is.

Each run is the real command in a network of its own (Linux's ``unshare -n``, as root): only
loopback, with or without a default route, and a route that ends in "unreachable" for the
mail server's address (TEST-NET-2). Made-up patients; nothing leaves the computer."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml

import handouts

from test_email import clinic  # noqa: F401 (fixture)

SERVER = "198.51.100.25"  # its route says unreachable: "No route to host"
HOST = "smtp.clinic.example"
CODE = Path(handouts.__file__).resolve().parent.parent


def _namespaces() -> bool:
    try:
        return subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode == 0
    except OSError:
        return False


pytestmark = pytest.mark.skipif(sys.platform != "linux" or not _namespaces(),
                                reason="needs a network namespace of its own (unshare -n)")


def run_cut_off(clinic, host: str, *, route_out: bool, macos_lookup: bool = False):
    """``email`` of one program in a network namespace: loopback up, ``SERVER`` unreachable,
    a default route (through loopback) only with ``route_out``. ``macos_lookup``: ``HOST``
    is answered as macOS answers any name with no network to ask (EAI_NONAME, 8 there)."""
    smtp = {"host": host, "port": 587, "security": "starttls", "timeout": 5}
    clinic.configure(smtp)
    program = clinic.program("Ada Example", "ada@example.com")
    fake = textwrap.dedent(f"""
        import socket
        real = socket.getaddrinfo
        def getaddrinfo(host, *args, **kwargs):
            if host == {HOST!r}:
                # macOS's words; its code (8 there) is EAI_NONAME on each system
                raise socket.gaierror(socket.EAI_NONAME,
                                      "nodename nor servname provided, or not known")
            return real(host, *args, **kwargs)
        socket.getaddrinfo = getaddrinfo
    """) if macos_lookup else ""
    script = fake + textwrap.dedent(f"""
        import sys
        from handouts.cli import main
        sys.argv = ["make_handouts.py", "email", {str(program)!r}, "--outbox",
                    {str(clinic.outbox)!r}, "--library", {str(clinic.root / 'exercises.yaml')!r},
                    "--clinic", {str(clinic.root / 'clinic.yaml')!r}]
        main()
    """)
    routes = ["ip link set lo up", f"ip route add unreachable {SERVER}/32"]
    if route_out:
        routes.append("ip route add default dev lo")
    shell = " && ".join(routes) + ' && exec "$0" -c "$1"'
    env = {"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "PYTHONPATH": str(CODE),
           "HOME": str(clinic.root), "HANDOUTS_CACHE_DIR": str(clinic.root / "cache"),
           "HANDOUTS_DATABASE_URL": f"sqlite:///{clinic.root / 'handouts.db'}"}
    return subprocess.run(["unshare", "-n", "sh", "-c", shell, sys.executable, script],
                          capture_output=True, text=True, env=env, cwd=clinic.root,
                          timeout=120)


WAITS = "; the message waits on this computer: send it once it is online"


def test_no_route_to_host_is_offline_only_with_no_route_out(clinic):
    result = run_cut_off(clinic, SERVER, route_out=False)
    assert result.returncode == 1, result.stderr
    assert (f"this computer is not on a network now (cannot reach {SERVER}:587: No route to "
            f"host){WAITS}") in result.stderr
    assert "check smtp" not in result.stderr
    assert len(clinic.files("pending")) == 1

    result = run_cut_off(clinic, SERVER, route_out=True)  # that server down, or mistyped
    assert result.returncode == 1, result.stderr
    assert (f"cannot reach the mail server {SERVER}:587 (No route to host); check smtp: host "
            "and port in clinic.yaml, or try later") in result.stderr
    assert "not on a network" not in result.stderr


def test_macos_no_such_name_is_offline_only_with_no_route_out(clinic):
    result = run_cut_off(clinic, HOST, route_out=False, macos_lookup=True)
    assert result.returncode == 1, result.stderr
    assert (f'this computer is not on a network now (cannot look up the mail server "{HOST}": '
            f"nodename nor servname provided, or not known){WAITS}") in result.stderr
    assert "check smtp" not in result.stderr

    result = run_cut_off(clinic, HOST, route_out=True, macos_lookup=True)  # a typo
    assert result.returncode == 1, result.stderr
    assert (f'cannot find the mail server "{HOST}" (nodename nor servname provided, or not '
            "known); check smtp: host in clinic.yaml") in result.stderr
    assert "not on a network" not in result.stderr
