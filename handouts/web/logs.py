"""What the web app writes to the server's log, and what it keeps out of it: an address
names its route, not the patient (``/programs/<name>``, not ``/programs/jane-doe``), and an
unexpected error gives its type and where it was raised, not its message, which can quote a
patient's name, date of birth or number. The log is read by whoever looks after the server,
who was never asked to know who came to the clinic."""

from __future__ import annotations

import logging
import re
import traceback

from flask import Flask
from werkzeug.exceptions import HTTPException, MethodNotAllowed
from werkzeug.routing import RequestRedirect

LOG = logging.getLogger("handouts.web")
UNKNOWN = "an address the app does not have"
# waitress's own lines that quote a request's path (waitress/channel.py)
# (a path has no white space: a line already given its route and its error's frames is not
# one of them)
_WAITRESS_PATH = re.compile(r"^((?:Client disconnected|Exception) while serving )(\S*)$")


class App(Flask):
    def log_exception(self, exc_info) -> None:
        """Flask's own line for an error its handlers could not handle says ``request.path``."""
        from flask import request

        unexpected(self, request.method, request.path, exc_info[1])


def route(app: Flask, path: str, method: str | None = None) -> str:
    """The route a path is served by, its parts by their names: ``/patients/<int(...):pid>``.
    Matched by the request's ``method`` where it is known (a route only posted to is none
    for a GET); waitress's lines, which say no method, by any the route takes."""
    urls = app.url_map.bind("localhost")
    try:
        try:
            rule, _ = urls.match(path, method=method, return_rule=True)
        except MethodNotAllowed as exc:
            if method is not None or not exc.valid_methods:
                raise
            rule, _ = urls.match(path, method=exc.valid_methods[0], return_rule=True)
    except (HTTPException, RequestRedirect):
        return UNKNOWN
    return rule.rule


def unexpected(app: Flask, method: str, path: str, exc: BaseException) -> None:
    """An error nothing expected: the route, then where it was raised and each exception's
    type (those it was raised during too), none of their messages."""
    LOG.error("unexpected error on %s %s (the messages are left out: they can hold a "
              "patient's details)\n%s", method, route(app, path, method), "".join(_frames(exc)))


def _frames(exc: BaseException, seen: set[int] | None = None) -> list[str]:
    seen = set() if seen is None else seen
    seen.add(id(exc))
    before = exc.__cause__ or (None if exc.__suppress_context__ else exc.__context__)
    lines = [] if before is None or id(before) in seen else [
        *_frames(before, seen), "\nwhile it was handled, another error:\n"]
    stack = traceback.format_list(traceback.extract_tb(exc.__traceback__))
    kind = type(exc)
    name = kind.__qualname__ if kind.__module__ == "builtins" else \
        f"{kind.__module__}.{kind.__qualname__}"
    return [*lines, "Traceback (most recent call last):\n", *stack, f"{name}\n"]


class _PathsAsRoutes(logging.Filter):
    def __init__(self, app: Flask):
        super().__init__()
        self.app = app

    def filter(self, record: logging.LogRecord) -> bool:
        said = _WAITRESS_PATH.match(record.getMessage())
        if said:
            record.msg, record.args = f"{said.group(1)}{route(self.app, said.group(2))}", ()
            if record.exc_info and record.exc_info[1] is not None:
                record.msg += "\n" + "".join(_frames(record.exc_info[1]))
                record.exc_info, record.exc_text = None, None
        return True


def quiet_waitress(app: Flask) -> None:
    """waitress names the path of a request a browser gave up on (at INFO, which ``serve``
    shows) or one that failed past Flask: its route instead. One filter however many apps
    a process serves (the tests make many): a second rewrote the first's line again, and
    the route it had named became "an address the app does not have"."""
    waitress = logging.getLogger("waitress")
    for kept in waitress.filters:
        if isinstance(kept, _PathsAsRoutes):
            kept.app = app
            return
    waitress.addFilter(_PathsAsRoutes(app))
