"""The web app behind a clinic's reverse proxy (nginx, Caddy for HTTPS), over real HTTP to
waitress as ``serve --trusted-proxy 127.0.0.1`` runs it: what the proxy at 127.0.0.1 says of
the client (X-Forwarded-For, -Proto, -Host) is believed, and the same headers from another
address (127.0.0.2, a computer on the clinic's network) are not."""

from __future__ import annotations

import http.client
import re
from urllib.parse import urlencode

import pytest
from click.testing import CliRunner

import handouts as api
from handouts.cli import main
from handouts.web import proxies

from conftest import WEB_LIBRARY
from test_web_browser import running

PASSWORD = "correct horse"
PROXY, OTHER = "127.0.0.1", "127.0.0.2"  # the proxy, and another computer


@pytest.fixture(scope="module")
def ws():
    return api.open_workspace(WEB_LIBRARY / "exercises.yaml", WEB_LIBRARY / "clinic.yaml")


@pytest.fixture
def server(ws, tmp_path, monkeypatch):
    # the throttle's clock stopped: a wait of 1 s after the fifth wrong password outlasted
    # the test only while the machine was quick (under load the next try came later, let in)
    from handouts.web import security

    monkeypatch.setattr(security.Throttle.__init__, "__defaults__", (lambda: 1000.0,))
    with running(ws, tmp_path / "programs", password=PASSWORD,
                 proxies=proxies.networks([PROXY])) as base:
        yield int(base.rpartition(":")[2])


class Browser:
    """One browser's requests, made from ``source`` (a loopback address of this computer)
    with ``headers`` added to each, as a proxy adds them: its own cookie jar."""

    def __init__(self, port: int, source: str, **headers: str):
        self.port, self.source, self.headers = port, source, headers
        self.cookie = ""

    def request(self, method: str, path: str, body: str = "") -> http.client.HTTPResponse:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30,
                                                source_address=(self.source, 0))
        headers = {**self.headers, "Cookie": self.cookie}
        if body:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        response.text = response.read().decode("utf-8")
        connection.close()
        cookie = response.getheader("Set-Cookie")
        if cookie:
            self.cookie = cookie.partition(";")[0]
        return response

    def sign_in(self, password: str) -> http.client.HTTPResponse:
        page = self.request("GET", "/login")
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        return self.request("POST", "/login", urlencode({"password": password,
                                                         "csrf_token": token}))


def test_behind_the_proxy_each_client_is_throttled_by_its_own_address(server):
    """All staff come through the proxy: counted by its address, one person's typos locked
    out everyone (and a guesser had the whole clinic's budget)."""
    guesser = Browser(server, PROXY, **{"X-Forwarded-For": "192.0.2.66"})
    statuses = [guesser.sign_in(f"guess {i}").status for i in range(5)]
    assert statuses == [401] * 5
    assert guesser.sign_in(PASSWORD).status == 429
    # another computer behind the same proxy signs in at once
    therapist = Browser(server, PROXY, **{"X-Forwarded-For": "192.0.2.7"})
    assert therapist.sign_in(PASSWORD).status == 302
    assert therapist.request("GET", "/").status == 200
    # a client's own X-Forwarded-For comes before the proxy's entry, which is believed
    liar = Browser(server, PROXY, **{"X-Forwarded-For": "198.51.100.1, 192.0.2.66"})
    assert liar.sign_in(PASSWORD).status == 429


def test_the_same_headers_from_another_address_are_ignored(server):
    """A computer on the network that says it is someone else, a new someone for each
    guess, is still counted as itself, and cannot lock out the one it names."""
    statuses = [Browser(server, OTHER, **{"X-Forwarded-For": f"192.0.2.{i + 1}"}).sign_in(
        f"guess {i}").status for i in range(5)]
    assert statuses == [401] * 5
    named = Browser(server, OTHER, **{"X-Forwarded-For": "192.0.2.7"})
    assert named.sign_in(PASSWORD).status == 429
    for _ in range(5):  # and naming a colleague who comes through the proxy
        Browser(server, OTHER, **{"X-Forwarded-For": "192.0.2.7"}).sign_in("guess")
    therapist = Browser(server, PROXY, **{"X-Forwarded-For": "192.0.2.7"})
    assert therapist.sign_in(PASSWORD).status == 302


def test_the_cookie_is_secure_when_the_proxy_says_https_and_only_then(server):
    secure = Browser(server, PROXY, **{"X-Forwarded-For": "192.0.2.7",
                                       "X-Forwarded-Proto": "https"})
    signed = secure.sign_in(PASSWORD)
    assert signed.status == 302
    cookie = signed.getheader("Set-Cookie")
    assert "; Secure" in cookie and "HttpOnly" in cookie
    assert secure.request("GET", "/").status == 200
    for browser in (Browser(server, OTHER, **{"X-Forwarded-Proto": "https"}),
                    Browser(server, PROXY, **{"X-Forwarded-Proto": "http"})):
        signed = browser.sign_in(PASSWORD)
        assert signed.status == 302 and "Secure" not in signed.getheader("Set-Cookie")


def test_the_host_the_proxy_forwards_is_answered_from_the_proxy_only(server):
    """Listening on 127.0.0.1, the app answers to local names only (DNS rebinding); the
    name a browser asked the proxy for is the proxy's to answer to, not anyone's to say."""
    forwarded = {"X-Forwarded-For": "192.0.2.7", "X-Forwarded-Host": "handouts.clinic.example"}
    # Caddy passes the browser's Host on; nginx, as a rule, the address it connects to
    for host in ("handouts.clinic.example", f"127.0.0.1:{server}"):
        assert Browser(server, PROXY, **forwarded, Host=host).request(
            "GET", "/login").status == 200, host
    assert Browser(server, OTHER, Host="handouts.clinic.example").request(
        "GET", "/login").status == 400
    spoofed = Browser(server, OTHER, **forwarded, Host="attacker.example")
    assert spoofed.request("GET", "/login").status == 400


def test_serve_behind_a_proxy_asks_for_a_password_and_a_proxy_address(monkeypatch, tmp_path):
    args = ["serve", "--library", str(WEB_LIBRARY / "exercises.yaml"),
            "--clinic", str(WEB_LIBRARY / "clinic.yaml")]
    monkeypatch.delenv("HANDOUTS_WEB_PASSWORD", raising=False)
    result = CliRunner().invoke(main, [*args, "--trusted-proxy", PROXY])
    assert result.exit_code == 1
    assert result.output.startswith("error: refusing to serve behind a proxy")
    assert "HANDOUTS_WEB_PASSWORD" in result.output and len(result.output.splitlines()) == 1
    monkeypatch.setenv("HANDOUTS_WEB_PASSWORD", PASSWORD)
    result = CliRunner().invoke(main, [*args, "--trusted-proxy", "nginx.clinic.lan"])
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "error: --trusted-proxy nginx.clinic.lan: not an IP address or network; give the "
        "proxy's address as this computer sees it (127.0.0.1 for one on this computer, ::1, "
        "or a network such as 10.0.0.0/24)"]


@pytest.mark.parametrize("given", ["::ffff:127.0.0.1", "::ffff:127.0.0.0/120"])
@pytest.mark.parametrize("connected", ["::ffff:127.0.0.1", "127.0.0.1"])
def test_a_proxy_named_as_a_dual_stack_server_sees_it_is_believed(given, connected):
    """A server listening on ``::`` (both IPv6 and IPv4) sees a proxy at 127.0.0.1 connect
    from ``::ffff:127.0.0.1``, and its log says so: named that way, the proxy was never
    believed (each address is read as its IPv4 one, the name given was kept as IPv6)."""
    seen = {}

    def app(environ, start_response):
        seen["client"] = environ["REMOTE_ADDR"]
        start_response("204 No Content", [])
        return []

    behind = proxies.TrustedProxies(app, proxies.networks([given]))
    behind({"REMOTE_ADDR": connected, "HTTP_X_FORWARDED_FOR": "10.0.0.7",
            "REQUEST_METHOD": "GET", "wsgi.url_scheme": "http", "HTTP_HOST": "x"},
           lambda *args: None)
    assert seen["client"] == "10.0.0.7"
    assert proxies.said(proxies.networks([given])) == {
        "::ffff:127.0.0.1": "127.0.0.1", "::ffff:127.0.0.0/120": "127.0.0.0/24"}[given]
