"""Run the web app under waitress, a production WSGI server (no debugger, no reloader)."""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Callable

from handouts.web import MAX_REQUEST_BYTES
from handouts.web import create_app, logs, pictures
from handouts.web.security import check_bind, is_loopback

LOCAL_HOSTS = ["127.0.0.1", "localhost", "::1", "[::1]"]


def make_app(ws, *, host: str, password: str | None, programs_dir: Path,
             outbox_dir: Path = Path("outbox")):
    """The app as ``serve`` runs it: refuses a network address without a password, and when
    local-only accepts only local Host headers, and the address it listens on (a web page
    cannot rebind a name to us)."""
    check_bind(host, password)
    return create_app(ws, password=password, programs_dir=programs_dir, outbox_dir=outbox_dir,
                      trusted_hosts=[*LOCAL_HOSTS, host] if is_loopback(host) else None)


def warm_up(ws) -> None:
    """Build one handout now, so fonts and drawings are loaded before the first patient."""
    import handouts as api

    first = ws.library.exercises[0].id
    api.build_handout(api.program_from_options(ws, patient="Warm Up", exercises=[first]), ws)


def serve(ws, *, host: str = "127.0.0.1", port: int = 8000, password: str | None = None,
          programs_dir: Path = Path("programs"), outbox_dir: Path = Path("outbox"),
          echo: Callable[[str], None] = print, threads: int = 4) -> None:
    from waitress import serve as waitress_serve

    app = make_app(ws, host=host, password=password, programs_dir=programs_dir,
                   outbox_dir=outbox_dir)
    warm_up(ws)
    # the thumbnails beside the server, not before it: a browser opened as serve starts is
    # answered at once, and the first page finds them made (see pictures.prepare)
    threading.Thread(target=pictures.prepare, args=(app,), name="thumbnails",
                     daemon=True).start()
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    logs.quiet_waitress(app)
    shown = f"[{host}]" if ":" in host else host
    echo(f"Serving {ws.clinic.name} on http://{shown}:{port}/ "
         f"({'password required' if password else 'this computer only'}); Ctrl-C stops.")
    waitress_serve(app, host=host, port=port, threads=threads, ident="handouts",
                   max_request_body_size=MAX_REQUEST_BYTES, clear_untrusted_proxy_headers=True,
                   _quiet=True)
