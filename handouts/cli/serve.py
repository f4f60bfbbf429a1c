"""``serve``: the therapist's web app on this computer (or, with a password, the network)."""

from __future__ import annotations

import os
from pathlib import Path

import click

from handouts import HandoutError
from handouts.cli.options import (fail_on_user_error, open_ws, outbox_folder,
                                  programs_folder, workspace_options)


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Any but this computer's needs HANDOUTS_WEB_PASSWORD.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--programs-dir", type=click.Path(file_okay=False),
              help="Where programs are saved and opened (default: programs/, in the --home "
                   "folder if one is given).")
@click.option("--outbox", "outbox_dir", type=click.Path(file_okay=False),
              help="Where emailed handouts wait and the audit log is kept (the same folder "
              "`email --retry` reads; default: outbox/, in the --home folder if one is "
              "given).")
@click.option("--trusted-proxy", "trusted_proxies", multiple=True, metavar="ADDRESS",
              help="The address (or network, 10.0.0.0/24) of a reverse proxy in front of the "
              "app for HTTPS (nginx, Caddy), believed when it says the client's address, "
              "https and host (X-Forwarded-For, -Proto, -Host); no one else is. Give it again "
              "for another. Needs HANDOUTS_WEB_PASSWORD.")
@workspace_options
@fail_on_user_error
def serve(host, port, programs_dir, outbox_dir, trusted_proxies, library_path, clinic_path):
    """The therapist's web app: search, build, preview, print and save handouts in a browser.

    \b
      make_handouts.py serve                 # then open http://127.0.0.1:8000/
      HANDOUTS_WEB_PASSWORD=... make_handouts.py serve --host 0.0.0.0
      HANDOUTS_WEB_PASSWORD=... make_handouts.py serve --trusted-proxy 127.0.0.1
    """
    from handouts.web import proxies
    from handouts.web.security import PASSWORD_VARIABLE, check_bind
    from handouts.web.server import Listen, serve as run

    password = os.environ.get(PASSWORD_VARIABLE) or None
    listen = Listen(host, port, proxies.networks(trusted_proxies))
    check_bind(host, password, behind_proxy=bool(listen.proxies))
    ws = open_ws(library_path, clinic_path)
    try:
        run(ws, listen=listen, password=password, programs_dir=programs_folder(programs_dir),
            outbox_dir=Path(outbox_folder(outbox_dir)), echo=click.echo)
    except OSError as exc:
        raise HandoutError(f"cannot listen on {host}:{port}: {exc.strerror or exc}; "
                           "is it running already? Try another --port") from None
