"""Who may talk to the web app: where it listens, sign-in, and CSRF tokens.

CSRF: every form carries a token signed with the app's secret (itsdangerous, which Flask
already uses for its session cookie) and bound to a random value kept in that cookie; a
state-changing request without a valid token for this browser is refused with 400. No
server-side session store is needed, and no extra package.
"""

from __future__ import annotations

import hmac
import ipaddress
import secrets
import time

from flask import abort, current_app, request, session
from itsdangerous import BadData, URLSafeTimedSerializer

from handouts.errors import HandoutError

PASSWORD_VARIABLE = "HANDOUTS_WEB_PASSWORD"
TOKEN_MAX_AGE = 12 * 3600  # a working day: a form left open over lunch still posts
WRONG_PASSWORD_DELAY = 0.5  # seconds; slows guessing
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


def is_loopback(host: str) -> bool:
    if host.strip("[]") == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_bind(host: str, password: str | None) -> None:
    """Only this machine may connect, unless a password guards the app."""
    if not is_loopback(host) and not password:
        raise HandoutError(f"refusing to listen on {host}: other machines could open patients' "
                           f"programs. Set a password in {PASSWORD_VARIABLE} (everyone is "
                           "then asked for it), or leave --host at 127.0.0.1")


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.secret_key, salt="handouts-csrf")


def csrf_token() -> str:
    """The token to put in a form (a hidden field) or the X-CSRF-Token header."""
    if "csrf" not in session:
        session["csrf"] = secrets.token_urlsafe(18)
    return _serializer().dumps(session["csrf"])


def check_csrf() -> None:
    """Before every request: refuse a state-changing one without this browser's token."""
    if request.method in SAFE_METHODS:
        return
    sent = request.form.get("csrf_token") or request.headers.get("X-CSRF-Token", "")
    try:
        value = _serializer().loads(sent, max_age=TOKEN_MAX_AGE)
    except BadData:
        abort(400, description="csrf")
    if not (isinstance(value, str) and "csrf" in session
            and hmac.compare_digest(value, session["csrf"])):
        abort(400, description="csrf")


def password_matches(typed: str, password: str) -> bool:
    ok = hmac.compare_digest(typed.encode("utf-8"), password.encode("utf-8"))
    if not ok:
        time.sleep(WRONG_PASSWORD_DELAY)
    return ok
