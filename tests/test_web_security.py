"""The web app's sign-in under attack: guessing is throttled per client without slowing
anyone else, signing out ends the session for good, and a form cannot have thousands of
fields. Flask's test client; each client address is set per request."""

from __future__ import annotations

import re
import time

import pytest

import handouts as api
from handouts.web import create_app

from conftest import WEB_LIBRARY

LIBRARY = WEB_LIBRARY  # a copy: what a test writes beside clinic.yaml stays out of tests/
PASSWORD = "correct horse"


@pytest.fixture(scope="module")
def ws():
    return api.open_workspace(LIBRARY / "exercises.yaml", LIBRARY / "clinic.yaml")


@pytest.fixture
def app(ws, tmp_path):
    return create_app(ws, password=PASSWORD, programs_dir=tmp_path / "programs")


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def token(page) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', page.get_data(as_text=True)).group(1)


def sign_in(client, password=PASSWORD, address="192.0.2.1"):
    page = client.get("/login", environ_base={"REMOTE_ADDR": address})
    return client.post("/login", data={"password": password, "csrf_token": token(page)},
                       environ_base={"REMOTE_ADDR": address})


@pytest.fixture
def no_sleeping(monkeypatch):
    """A request that sleeps holds one of the server's threads: none may."""
    def refuse(seconds):
        raise AssertionError(f"a request slept {seconds} s")

    monkeypatch.setattr(time, "sleep", refuse)


def test_guessing_is_throttled_per_client_and_others_are_not_slowed(app, no_sleeping):
    clock = Clock()
    app.extensions["login_throttle"].clock = clock
    guesser, therapist = app.test_client(), app.test_client()
    statuses = [sign_in(guesser, f"guess {i}", "192.0.2.66").status_code for i in range(5)]
    assert statuses == [401] * 5
    locked = sign_in(guesser, PASSWORD, "192.0.2.66")  # even the right one waits now
    assert locked.status_code == 429 and locked.headers["Retry-After"] == "1"
    assert "Too many wrong passwords" in locked.get_data(as_text=True)
    # another computer signs in at once and works as usual
    assert sign_in(therapist, PASSWORD, "192.0.2.7").status_code == 302
    assert therapist.get("/", environ_base={"REMOTE_ADDR": "192.0.2.7"}).status_code == 200
    # the wait doubles with each miss after it, and ends
    clock.now += 1.5
    assert sign_in(guesser, "guess 6", "192.0.2.66").status_code == 401
    assert sign_in(guesser, PASSWORD, "192.0.2.66").headers["Retry-After"] == "2"
    clock.now += 2.5
    assert sign_in(guesser, PASSWORD, "192.0.2.66").status_code == 302


def test_the_longest_wait_is_bounded_and_memory_too(app):
    throttle = app.extensions["login_throttle"]
    throttle.clock = Clock()
    for _ in range(60):
        throttle.missed("192.0.2.66")
    assert throttle.wait("192.0.2.66") == 15 * 60
    for i in range(10_050):
        throttle.missed(f"10.0.{i // 256}.{i % 256}")
    assert throttle.wait("192.0.2.66") == 0  # forgotten: the oldest go first
    assert len(throttle._misses) == 10_000


def test_an_old_cookie_stops_working_after_sign_out(app):
    browser = app.test_client()
    assert sign_in(browser).status_code == 302
    page = browser.get("/")
    assert page.status_code == 200
    stolen = browser.get_cookie("session").value
    browser.post("/logout", data={"csrf_token": token(page)})
    assert browser.get("/").status_code == 302
    thief = app.test_client()
    thief.set_cookie("session", stolen)
    assert thief.get("/").status_code == 302  # to the sign-in page
    assert thief.get("/programs").status_code == 302
    # signing in again gives a new session that works
    assert sign_in(browser).status_code == 302 and browser.get("/").status_code == 200


def test_signing_in_again_ends_the_earlier_session(app):
    browser = app.test_client()
    sign_in(browser)
    first = browser.get_cookie("session").value
    sign_in(browser)
    assert browser.get("/").status_code == 200
    other = app.test_client()
    other.set_cookie("session", first)
    assert other.get("/").status_code == 302


def test_a_urlencoded_form_with_too_many_fields_is_refused(ws, tmp_path):
    client = create_app(ws, programs_dir=tmp_path).test_client()
    csrf = token(client.get("/"))
    many = {f"f{i}": "1" for i in range(1500)}  # 20 KB: small, but too many fields
    page = client.post("/program", data={**many, "csrf_token": csrf, "action": "refresh"})
    assert page.status_code == 413
    assert "more than 1000 fields" in page.get_data(as_text=True)
    fine = {f"f{i}": "1" for i in range(900)}
    assert client.post("/program", data={**fine, "csrf_token": csrf, "action": "refresh"},
                       follow_redirects=True).status_code == 200  # Post/Redirect/Get


def test_guessing_from_new_ipv6_addresses_of_one_network_is_throttled_as_one(app, no_sleeping):
    """A computer on IPv6 has a /64 of addresses and may take a new one for each guess:
    counted per address, it was never throttled. Another network is not slowed."""
    app.extensions["login_throttle"].clock = Clock()
    guesser, therapist = app.test_client(), app.test_client()
    statuses = [sign_in(guesser, f"guess {i}", f"2001:db8:1:2::{i + 1:x}").status_code
                for i in range(5)]
    assert statuses == [401] * 5
    assert sign_in(guesser, PASSWORD, "2001:db8:1:2:ffff::9").status_code == 429
    assert sign_in(therapist, PASSWORD, "2001:db8:1:3::1").status_code == 302


def test_the_session_cookie_is_secure_when_the_app_is_served_over_https(app):
    """Over HTTPS the signed-in cookie must never go out over plain HTTP, where anyone on
    the network reads it; over plain HTTP (``serve --host`` on the clinic's network) it
    cannot be marked so, or no one could sign in."""
    secure = app.test_client()
    page = secure.get("/login", base_url="https://clinic.example")
    signed = secure.post("/login", data={"password": PASSWORD, "csrf_token": token(page)},
                         base_url="https://clinic.example")
    assert signed.status_code == 302
    cookie = signed.headers["Set-Cookie"]
    assert "; Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    plain = sign_in(app.test_client())
    assert plain.status_code == 302 and "Secure" not in plain.headers["Set-Cookie"]
