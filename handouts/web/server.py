"""Run the web app under waitress, a production WSGI server (no debugger, no reloader)."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from handouts.web import MAX_SERVER_BYTES
from handouts.web import create_app, logs, pictures, proxies
from handouts.web.security import check_bind, is_loopback

LOCAL_HOSTS = ["127.0.0.1", "localhost", "::1", "[::1]"]


@dataclass(frozen=True)
class Listen:
    """Where ``serve`` listens, and the reverse proxies in front of it whose word on the
    client is believed (``serve --trusted-proxy``; see ``proxies``)."""
    host: str = "127.0.0.1"
    port: int = 8000
    proxies: tuple = ()  # ipaddress networks
    threads: int = 4


def make_app(ws, *, host: str, password: str | None, programs_dir: Path,
             outbox_dir: Path = Path("outbox"), trusted_proxies: tuple = ()):
    """The app as ``serve`` runs it: refuses a network address (or a proxy) without a
    password, and when local-only accepts only local Host headers, and the address it
    listens on (a web page cannot rebind a name to us). Behind ``trusted_proxies`` it
    believes what they say of the client, and from them alone."""
    check_bind(host, password, behind_proxy=bool(trusted_proxies))
    app = create_app(ws, password=password, programs_dir=programs_dir, outbox_dir=outbox_dir,
                     trusted_hosts=[*LOCAL_HOSTS, host] if is_loopback(host) else None)
    proxies.install(app, tuple(trusted_proxies))
    return app


def waitress_options(listen: Listen) -> dict:
    """How waitress is to serve the app. It removes the forwarding headers (X-Forwarded-For
    and the rest) of every request unless told to trust one proxy address; behind our own
    trusted proxies it leaves them, and the app removes those of every other address."""
    return dict(threads=listen.threads, ident="handouts",
                max_request_body_size=MAX_SERVER_BYTES,
                clear_untrusted_proxy_headers=not listen.proxies)


def warm_up(ws) -> None:
    """Build one handout now, so fonts and drawings are loaded before the first patient."""
    import handouts as api

    first = ws.library.exercises[0].id
    api.build_handout(api.program_from_options(ws, patient="Warm Up", exercises=[first]), ws)


def serve(ws, *, listen: Listen = Listen(), password: str | None = None,
          programs_dir: Path = Path("programs"), outbox_dir: Path = Path("outbox"),
          echo: Callable[[str], None] = print) -> None:
    from waitress import serve as waitress_serve

    host = listen.host
    app = make_app(ws, host=host, password=password, programs_dir=programs_dir,
                   outbox_dir=outbox_dir, trusted_proxies=listen.proxies)
    warm_up(ws)
    # the thumbnails beside the server, not before it: a browser opened as serve starts is
    # answered at once, and the first page finds them made (see pictures.prepare)
    threading.Thread(target=pictures.prepare, args=(app,), name="thumbnails",
                     daemon=True).start()
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    logs.quiet_waitress(app)
    shown = f"[{host}]" if ":" in host else host
    behind = f", behind {proxies.said(listen.proxies)}" if listen.proxies else ""
    echo(f"Serving {ws.clinic.name} on http://{shown}:{listen.port}/ "
         f"({'password required' if password else 'this computer only'}{behind}); "
         "Ctrl-C stops.")
    waitress_serve(app, host=host, port=listen.port, **waitress_options(listen), _quiet=True)
