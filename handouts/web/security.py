"""Who may talk to the web app: where it listens, sign-in, and CSRF tokens.

CSRF: every form carries a token signed with the app's secret (itsdangerous, which Flask
already uses for its session cookie) and bound to a random value kept in that cookie; a
state-changing request without a valid token for this browser is refused with 400.

Sign-in: wrong passwords are counted per client address; after a few, that address is
refused with 429 for a while that doubles with each further miss. Nobody waits in a
request (a sleep would hold one of the server's few threads and slow every therapist).
A signed-in session also has an id the server keeps in memory, so that signing out ends it
for good: the cookie is signed, not stored, and would otherwise stay valid after logout.
"""

from __future__ import annotations

import hmac
import ipaddress
import math
import secrets
import threading
import time
import unicodedata
from collections import OrderedDict
from typing import Callable
from urllib.parse import quote, urlsplit

from flask import Response, abort, current_app, g, has_request_context, request, session
from flask.sessions import SecureCookieSessionInterface
from itsdangerous import BadData, URLSafeTimedSerializer
from werkzeug.exceptions import BadHost, RequestEntityTooLarge, TooManyRequests

from handouts.errors import HandoutError
from handouts.web import proxies

PASSWORD_VARIABLE = "HANDOUTS_WEB_PASSWORD"
TOKEN_MAX_AGE = 12 * 3600  # a working day: a form left open over lunch still posts
FREE_TRIES = 5  # wrong passwords from one address before it must wait
LOCKOUT_MAX = 15 * 60  # seconds: the longest wait (1, 2, 4 ... seconds, doubling up to it)
SESSION_IDLE = 12 * 3600  # a signed-in session unused this long ends
REMEMBERED = 10_000  # addresses and sessions kept in memory at most (the oldest go first)
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


def is_loopback(host: str) -> bool:
    """Whether ``host`` is this computer: host names are case-insensitive, and may end in
    the root's dot (``LOCALHOST``, ``localhost.``)."""
    name = absolute(host.strip("[]").lower())
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def absolute(name: str) -> str:
    """A name without the root's dot it may be written with (``localhost.`` is ``localhost``,
    as DNS reads it); "" for two dots, which name nothing."""
    if name.endswith(".."):
        return ""
    return name[:-1] if name.endswith(".") else name


def check_bind(host: str, password: str | None, behind_proxy: bool = False) -> None:
    """Only this machine may connect, unless a password guards the app. Behind a reverse
    proxy other machines connect through it, whatever address the app listens on."""
    if behind_proxy and not password:
        raise HandoutError("refusing to serve behind a proxy (--trusted-proxy) without a "
                           "password: other machines could open patients' programs through "
                           f"it. Set a password in {PASSWORD_VARIABLE} (everyone is then asked "
                           "for it)")
    if not is_loopback(host) and not password:
        raise HandoutError(f"refusing to listen on {host}: other machines could open patients' "
                           f"programs. Set a password in {PASSWORD_VARIABLE} (everyone is "
                           "then asked for it), or leave --host at 127.0.0.1")


def host_name(header: str) -> str:
    """The name or address a Host header names, without its port, as compared: folded to
    lower case (``LOCALHOST``), without the root's dot (``localhost.:8000``, which a browser
    sends for that address, is ``localhost``); ``[::1]:8000`` → ``::1``; "" for one that is
    neither (``[::1].example``)."""
    if header.startswith("["):
        name, bracket, rest = header[1:].partition("]")
        return name.lower() if bracket and (not rest or rest.startswith(":")) else ""
    return absolute(header.partition(":")[0].lower())


def check_host() -> None:
    """Before every request, when local-only: a Host header naming none of this computer's
    names the app was given is refused (DNS rebinding: a web page cannot point its own name
    at us). Not werkzeug's TRUSTED_HOSTS, whose list can hold no IPv6 address: ``serve
    --host ::1`` answered every page with 400. A request through a trusted reverse proxy
    names the host the browser asked the proxy for, which the proxy's own configuration
    answers to (its server_name): that one is not checked here (see ``proxies``)."""
    names = current_app.config.get("HANDOUTS_HOSTS")
    if names is not None and not request.environ.get(proxies.PROXIED) \
            and host_name(request.host) not in names:
        raise BadHost()


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.secret_key, salt="handouts-csrf")


def csrf_token() -> str:
    """The token to put in a form (a hidden field) or the X-CSRF-Token header."""
    if "csrf" not in session:
        session["csrf"] = secrets.token_urlsafe(18)
    return _serializer().dumps(session["csrf"])


def check_csrf() -> None:
    """Before every request: refuse a state-changing one without this browser's token."""
    # an address that does not take the method (DELETE /) or does not exist runs no view:
    # it is answered 405 or 404 by the routing, not "the form had expired"
    if request.method in SAFE_METHODS or request.routing_exception is not None:
        return
    sent = request.form.get("csrf_token") or request.headers.get("X-CSRF-Token", "")
    try:
        value = _serializer().loads(sent, max_age=TOKEN_MAX_AGE)
    except BadData:
        abort(400, description="csrf")
    if not (isinstance(value, str) and "csrf" in session
            and hmac.compare_digest(value, session["csrf"])):
        abort(400, description="csrf")


def from_another_site() -> bool:
    """Whether the browser says this request was made by another site's page (an <img>
    pointing here, a link followed from a page elsewhere): a GET that keeps something (a
    saved program opened as a draft) is then not done, or any page on the web could fill
    the drafts kept and push every therapist's open program out. A bookmark, an address
    typed, or a link of the app's own is "none" or "same-origin"; a browser too old to say
    is judged by the page it says it came from, where it says one."""
    site = request.headers.get("Sec-Fetch-Site")
    if site is not None:
        return site in ("cross-site", "same-site")
    referrer = request.headers.get("Referer")
    return bool(referrer) and urlsplit(referrer).netloc != request.host


class Throttle:
    """Wrong passwords per client address: after ``FREE_TRIES`` the address must wait 1 s,
    then 2, 4 ... up to ``LOCKOUT_MAX`` before each further try. A right password clears it."""

    def __init__(self, clock: Callable[[], float] = time.monotonic):
        self.clock = clock
        self._misses: OrderedDict[str, tuple[int, float]] = OrderedDict()  # → (count, until)
        self._lock = threading.Lock()  # held only to read or write the table, never to wait

    def wait(self, client: str) -> float:
        """Seconds before ``client`` may try again (0: now)."""
        with self._lock:
            _, until = self._misses.get(client, (0, 0.0))
        return max(0.0, until - self.clock())

    def missed(self, client: str) -> None:
        with self._lock:
            count = self._misses.pop(client, (0, 0.0))[0] + 1
            delay = 0 if count < FREE_TRIES else min(2 ** (count - FREE_TRIES), LOCKOUT_MAX)
            self._misses[client] = (count, self.clock() + delay)
            while len(self._misses) > REMEMBERED:
                self._misses.popitem(last=False)

    def cleared(self, client: str) -> None:
        with self._lock:
            self._misses.pop(client, None)


class Sessions:
    """The ids of signed-in sessions, with when each was last used."""

    def __init__(self, clock: Callable[[], float] = time.monotonic):
        self.clock = clock
        self._seen: OrderedDict[str, float] = OrderedDict()
        self._lock = threading.Lock()

    def start(self) -> str:
        sid = secrets.token_urlsafe(18)
        with self._lock:
            self._seen[sid] = self.clock()
            while len(self._seen) > REMEMBERED:
                self._seen.popitem(last=False)
        return sid

    def alive(self, sid: object) -> bool:
        """Whether ``sid`` is signed in (and, if so, it was used now)."""
        if not isinstance(sid, str):
            return False
        with self._lock:
            seen = self._seen.pop(sid, None)
            if seen is None or self.clock() - seen > SESSION_IDLE:
                return False
            self._seen[sid] = self.clock()
            return True

    def end(self, sid: object) -> None:
        with self._lock:
            self._seen.pop(sid, None)


class SessionCookies(SecureCookieSessionInterface):
    """The session cookie, marked Secure where the request came over HTTPS (a WSGI server
    or proxy the app is told is serving TLS), so that the browser never sends the signed-in
    cookie over plain HTTP, where anyone on the network reads it; over plain HTTP (``serve
    --host`` on the clinic's network) it cannot be, or no one could sign in."""

    def get_cookie_secure(self, app) -> bool:
        return super().get_cookie_secure(app) or (has_request_context() and request.is_secure)


def install(app) -> None:
    """The sign-in's server-side state, and the checks every request goes through first."""
    app.session_interface = SessionCookies()
    app.extensions["login_throttle"] = Throttle()
    app.extensions["sessions"] = Sessions()
    app.before_request(check_host)
    app.before_request(limit_form_fields)
    app.before_request(check_session)
    app.before_request(throttle_sign_in)
    app.before_request(check_csrf)
    app.after_request(keep_session)


def limit_form_fields() -> None:
    """werkzeug counts the parts of a multipart form only; a urlencoded one gets the same
    limit (MAX_FORM_PARTS), so that no form makes the app handle thousands of fields."""
    limit = current_app.config["MAX_FORM_PARTS"]
    if request.method in SAFE_METHODS or request.mimetype != "application/x-www-form-urlencoded":
        return
    if sum(len(values) for _, values in request.form.lists()) > limit:
        raise RequestEntityTooLarge()


def check_session() -> None:
    """A cookie that says "signed in" counts only while its session id is alive here."""
    g.session_id = session.get("sid")
    if session.get("signed_in") and not current_app.extensions["sessions"].alive(
            g.session_id):
        session.clear()


def keep_session(response):
    """After the request: a session that has just signed in gets an id; one that signed out
    (or signed in again) ends the id it came with."""
    sessions = current_app.extensions["sessions"]
    before = g.get("session_id")
    if session.get("signed_in") and "sid" not in session:
        session["sid"] = sessions.start()
    if before and session.get("sid") != before:
        sessions.end(before)
    return response


def throttle_sign_in() -> None:
    """An address that has guessed too often waits, refused with 429 at once."""
    if request.method != "POST" or request.endpoint != "web.login":
        return
    wait = current_app.extensions["login_throttle"].wait(client())
    if wait:
        raise TooManyRequests(retry_after=math.ceil(wait))


def client() -> str:
    """Whose wrong passwords these are: the address, or, for IPv6, its /64 network. One
    computer on IPv6 is given a /64 of addresses (2**64 of them) and may pick a new one for
    each try: counted per address, its guesses were never throttled."""
    address = request.remote_addr or "unknown"
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return address


def password_matches(typed: str, password: str) -> bool:
    ok = hmac.compare_digest(typed.encode("utf-8"), password.encode("utf-8"))
    throttle = current_app.extensions["login_throttle"]
    if ok:
        throttle.cleared(client())
    else:
        throttle.missed(client())
    return ok


def _disposition(kind: str, filename: str) -> str:
    """A name outside ASCII (2026-12-05_山田花子.pdf) as RFC 6266 gives it, ``filename*`` in
    UTF-8, after an ASCII one for a browser that reads no other: a header holds Latin-1
    only, so the name as it is could not be sent at all."""
    if filename.isascii():
        return f'{kind}; filename="{filename}"'
    # as Flask's send_file does: the name's ASCII letters, "2026-12-05_.pdf"
    fallback = unicodedata.normalize("NFKD", filename).encode("ascii", "ignore").decode()
    fallback = "".join(c for c in fallback if c.isprintable() and c not in '"\\')
    return f"{kind}; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


def pdf_response(data: bytes, filename: str, *, download: bool = False) -> Response:
    """A handout's PDF: shown in the browser (or, ``download``, saved), and never kept in a
    cache, as it holds a patient's name."""
    response = Response(data, mimetype="application/pdf")
    response.headers["Content-Disposition"] = _disposition(
        "attachment" if download else "inline", filename)
    response.headers["Cache-Control"] = "no-store"
    return response
