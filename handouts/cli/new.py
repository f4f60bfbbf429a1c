"""`new`: a clinic's own folder to start from, with its name and phone filled in."""

from __future__ import annotations

import os
import shlex
from pathlib import Path

import click

import handouts as api
from handouts.cli.options import fail_on_user_error


@click.command()
@click.argument("folder", type=click.Path(file_okay=False))
@click.option("--name", prompt="The clinic's name", help="As it prints at the top of every "
              "handout.")
@click.option("--phone", prompt="The phone number patients call", help="As it prints on "
              "every page.")
@click.option("--paper", type=click.Choice(["Letter", "A4"], case_sensitive=False),
              default="Letter", show_default=True, help="The paper the clinic prints on.")
@click.option("--locale", metavar="CODE", help="Language and country, such as en-GB: dates "
              "as 3 December 2026, the spelling programme (default: US English).")
@fail_on_user_error
def new(folder, name, phone, paper, locale):
    """Start a clinic's own FOLDER: clinic.yaml with its name and phone, a small library to
    write over (two exercises, the safety box's topic, a protocol) and a sample program.
    Nothing there is written over. Then use it with --home FOLDER.

    \b
      make_handouts.py new ~/riverside-pt --name "Riverside PT" --phone "555-0100"
    """
    clinic = api.NewClinic(name, phone, paper, locale or None)
    written = api.make_clinic_folder(Path(folder), clinic)
    for path in written:
        click.echo(f"wrote {path}")
    note = api.language_note(clinic)
    if note:
        click.echo(f"\n{note}")
    home = shlex.quote(os.path.abspath(folder))  # to paste in any folder
    click.echo("\nNext:\n"
               f"  make_handouts.py --home {home} check   # after each edit: every problem, "
               "by file and line\n"
               f"  make_handouts.py --home {home} demo    # the sample handout, into out/\n"
               f"  make_handouts.py --home {home} serve   # the web app, with this library\n"
               "Every key is in docs/library.md.")
