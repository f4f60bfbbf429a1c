"""The therapist's web app: a thin shell over the public API (see README, *Web app*).

    app = create_app(api.open_workspace(), password=None, programs_dir=Path("programs"))

Nothing happens at import; ``create_app`` builds a fresh Flask app each time, so tests can
make as many as they like. ``server.serve`` runs one under waitress.
"""

from __future__ import annotations

import functools
import logging
import os
import secrets
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from flask import Flask, Response, current_app, g, has_request_context, render_template, request
from flask.globals import request_ctx
from markupsafe import Markup
from werkzeug.exceptions import BadHost, HTTPException

import handouts as api
from handouts import HandoutError
from handouts.errors import commands_said_by, full_command
from handouts.web import logs, security, staff_words
from handouts.web.email_button import email_handout

MAX_REQUEST_BYTES = 256 * 1024  # a 40-exercise program with long notes is about 20 KB
MAX_FORM_PARTS = 1000  # fields: a 40-exercise program has about 540 (13 each)
# what the server (waitress) takes in at most, well over MAX_REQUEST_BYTES: up to it the app
# itself refuses a request too large, with its own page in the staff's language (the form
# they came from, for a roster), where waitress answered a bare "Request Entity Too Large"
# in English, or for a file of a few MB cut the connection ("connection reset"). A month's
# schedule export, or a photo or PDF chosen by mistake, is under it.
MAX_SERVER_BYTES = 32 * 1024 * 1024

# each error's title and text (staff_words: error_400, error_400_text …): a code not listed
# is said by its own name, in English
ERRORS = (400, 403, 404, 405, 413, 429, 500)
SIZES = {"kb": MAX_REQUEST_BYTES // 1024, "fields": MAX_FORM_PARTS}
# an upload of the day's roster (Day's packets) larger than MAX_REQUEST_BYTES: a schedule's
# export of many columns, about 300 bytes a row, is that at about 850 rows


def error_text(code: int | None, name: str, csrf: bool = False, roster: bool = False):
    """An error page's title and text in the clinic's language."""
    words = current_app.jinja_env.globals["t"]
    key = ("form_expired" if csrf else "roster_too_large" if roster and code == 413
           else f"error_{code}" if code in ERRORS else None)
    if key is None:
        return name, words("go_back")
    fill = dict(SIZES)
    if key == "roster_too_large":  # how large, as near as the request says (with its form)
        size = max(request.content_length or 0, MAX_REQUEST_BYTES + 1)
        fill["size"] = words.number(-(-size // 1024))
    return words(key), words(f"{key}_text", **fill)


@dataclass
class Settings:
    # handouts.Workspace as last opened: again before a request once one of its files was
    # saved (the library, a translation, clinic.yaml, the wording: see _fresh_workspace),
    # and its protocols read again when the clinic's own protocols file changed (a protocol
    # saved, or the file edited by hand). A request uses ``ws``, the one it began with
    latest_ws: object
    password: str | None
    programs_dir: Path
    send_email: Callable
    record: Callable  # (ws, program, built, channel) -> notices: the handout given, kept
    latest_cards: list  # catalog.Card for every exercise, phrased once
    drafts: object  # store.Store: drafts between a POST and its redirect
    previews: object  # preview.Cache: the PDFs the preview shows
    stamp: tuple = ()  # the workspace's files when last looked at (api.files_stamp)
    # why the files as saved are not in use (each problem's line): the last good ones are
    stale: tuple[str, ...] = ()

    @property
    def ws(self):
        """The workspace of the request at hand, as it began (``_pin``): a file saved
        meanwhile never has one handout built from one version and recorded as another."""
        return g.get("handouts_ws") or self.latest_ws if has_request_context() \
            else self.latest_ws

    @property
    def cards(self) -> list:
        return g.get("handouts_cards") or self.latest_cards if has_request_context() \
            else self.latest_cards


def create_app(ws, *, password: str | None = None, programs_dir: Path = Path("programs"),
               secret_key: bytes | None = None, trusted_hosts: list[str] | None = None,
               send_email: Callable | None = None, outbox_dir: Path = Path("outbox"),
               record: Callable | None = None) -> Flask:
    """A Flask app for this workspace. With a ``password`` every page but sign-in asks for
    it. ``trusted_hosts`` (names and addresses, no port) limits the Host header (against DNS
    rebinding when local-only).
    "Email to patient" queues and sends through ``outbox_dir`` (see ``email_button``).
    Each handout built or downloaded is kept in the clinic's record (``record``: by default
    ``handouts.record``, see ``history``)."""
    from handouts.web import (catalog, history, packets, pages, pictures,  # noqa: F401
                              preview, store, views)  # (their routes)

    app = logs.App(__name__)
    # the pages compiled once per process, not once per app, and by the next process read
    # compiled from the cache folder (written after the request that compiled them)
    app.jinja_options = {**app.jinja_options, "bytecode_cache": api.compiled_templates()}
    app.config.update(
        SECRET_KEY=secret_key or secrets.token_bytes(32),
        MAX_CONTENT_LENGTH=MAX_REQUEST_BYTES,
        MAX_FORM_MEMORY_SIZE=MAX_REQUEST_BYTES,
        MAX_FORM_PARTS=MAX_FORM_PARTS,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        # the names and addresses a Host header may give (security.check_host)
        HANDOUTS_HOSTS=None if trusted_hosts is None else {
            security.absolute(h.strip("[]").lower()) for h in trusted_hosts},
        TEMPLATES_AUTO_RELOAD=False,
    )
    app.extensions["handouts"] = Settings(ws, password or None, Path(programs_dir),
                                          send_email or functools.partial(
                                              email_handout, outbox_dir=Path(outbox_dir)),
                                          record or history.record_issue,
                                          catalog.cards(ws),
                                          store.Store(), preview.Cache(), api.files_stamp(ws))
    app.extensions["handouts.packets"] = store.Store(keep=packets.KEEP)  # the day's packets
    app.extensions["handouts.searches"] = store.Store()  # the Patients page's searches
    app.extensions["handouts.outbox"] = Path(outbox_dir)
    for line in packets.tidy(Path(programs_dir)):  # what an older version left there
        logging.getLogger("handouts.web").warning("%s", line)
    app.jinja_env.globals["csrf_token"] = security.csrf_token
    _show_clinic(app, ws)
    app.jinja_env.globals["stale_library"] = lambda: current_app.extensions["handouts"].stale
    security.install(app)  # form size, sessions, sign-in throttle, CSRF: before all else
    app.before_request(views.require_sign_in)
    app.before_request(_fresh_workspace)
    app.before_request(_fresh_protocols)
    app.before_request(_pin)
    app.before_request(_commands)
    app.teardown_request(_commands_done)
    app.after_request(_headers)
    app.teardown_request(_keep_compiled)
    app.register_blueprint(views.bp)

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        roster = request.endpoint == "web.build_packets"
        title, text = error_text(exc.code or 500, exc.name, exc.description == "csrf", roster)
        if roster and exc.code == 413:  # the packets page, its form and choices kept
            return packets.page(problems=[text], heading=title), 413
        # when to try again (429, 503), and which methods the address takes (405: HTTP
        # asks for it)
        headers = [(k, v) for k, v in exc.get_headers() if k in ("Retry-After", "Allow")]
        if isinstance(exc, BadHost) or request_ctx.url_adapter is None:  # a Host header
            # we do not answer to: no page, no links
            return Response(f"{title}\n{text}\n", exc.code, headers, mimetype="text/plain")
        return (render_template("error.html", title=title, text=text, code=exc.code), exc.code,
                headers)

    @app.errorhandler(Exception)
    def unexpected(exc: Exception):
        # the details go to the server's log, never to the page; and no patient's to the log
        logs.unexpected(app, request.method, request.path, exc)
        title, text = error_text(500, "")
        return render_template("error.html", title=title, text=text, code=500), 500

    return app


def _show_clinic(app: Flask, ws) -> None:
    # the pages' own words in the clinic's language (staff_words), and the library's in
    # its own, as the clinic's locale writes it where that is of the same language (en-CA,
    # fr-CA): a screen reader is told so where they differ, to read them in that voice
    words = app.jinja_env.globals["t"] = staff_words.Words(ws.clinic,
                                                           api.own_staff_words(ws.home))
    app.jinja_env.globals["clinic_name"] = ws.clinic.name_in(words.language)
    tag = api.language_tag(ws.library.language, ws.clinic.locale)
    app.jinja_env.globals["library_lang"] = Markup(f' lang="{tag}"') if tag != words.tag else ""


def _fresh_workspace() -> None:
    """The library, its translations, clinic.yaml and the clinic's wording as saved, once
    one of them changed: a clinic edits its content while the app runs. Files saved with a
    problem are not taken: the app goes on with the last good ones, and every page says why
    (``stale``)."""
    from handouts.web import catalog, protocols

    settings = current_app.extensions["handouts"]
    stamp = api.files_stamp(settings.latest_ws)
    if stamp == settings.stamp:
        return
    with _reopening:  # one request opens them; the others then find the new stamp
        if stamp == settings.stamp:
            return
        last = settings.latest_ws
        try:
            ws = api.open_workspace(last.library_path, last.clinic_path)
        except HandoutError as exc:
            settings.stale = tuple(protocols.shown(exc.problems, last))
        else:
            settings.latest_cards, settings.latest_ws = catalog.cards(ws), ws
            settings.stale = ()
            _show_clinic(current_app, ws)
        settings.stamp = stamp


_reopening = threading.Lock()


def _fresh_protocols() -> None:
    settings = current_app.extensions["handouts"]
    settings.latest_ws = api.reload_local_protocols(settings.latest_ws)


def _pin() -> None:
    """This request's workspace and library cards: those in place as it begins."""
    settings = current_app.extensions["handouts"]
    g.handouts_cards, g.handouts_ws = settings.latest_cards, settings.latest_ws


def _commands() -> None:
    """The commands this request's messages tell staff to run ("send it later with
    make_handouts.py email --retry"): for this app's clinic and outbox, wherever pasted."""
    settings = current_app.extensions["handouts"]
    g.handouts_commands = commands_said_by(functools.partial(
        command_line, settings.ws, current_app.extensions["handouts.outbox"]))
    g.handouts_commands.__enter__()


def _commands_done(_exc) -> None:
    """Not the next request's (a test's requests share one thread), nor what runs after."""
    said = g.pop("handouts_commands", None)
    if said is not None:
        said.__exit__(None, None, None)


def command_line(ws, outbox: Path, words: str) -> str:
    """``make_handouts.py WORDS`` (a verb and its quoted arguments) on ``ws``'s clinic: its
    folder (--home) unless it is the default, its library and clinic file where they are not
    that folder's own, and for ``email`` and ``forget`` the outbox where --home does not say
    it (a command line with no --home takes outbox/ in the folder it is run in)."""
    home = os.path.abspath(ws.home)

    def unless_own(path: Path, own: Path) -> Path | None:
        return None if os.path.abspath(path) == os.path.join(home, own.name) else path

    return full_command(words, home=None if home == os.path.abspath(api.ROOT) else home,
                        outbox=outbox,
                        library=unless_own(ws.library_path, api.DEFAULT_LIBRARY),
                        clinic=unless_own(ws.clinic_path, api.DEFAULT_CLINIC))


def _keep_compiled(_exc) -> None:
    api.keep_compiled_templates()


def _headers(response):
    # own scripts and styles only; the PDF may be shown in a frame of this site only
    response.headers.setdefault(
        "Content-Security-Policy",
        "default-src 'self'; img-src 'self' data: blob:; object-src 'self'; "
        "frame-ancestors 'self'; base-uri 'none'; form-action 'self'")
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "no-referrer")
    if response.mimetype == "text/html":
        response.headers.setdefault("Cache-Control", "no-store")
    return response
