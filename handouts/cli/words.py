"""`words`: a language of the clinic's own, started from one the package has."""

from __future__ import annotations

import shlex
from pathlib import Path

import click

import handouts as api
from handouts.cli.options import fail_on_user_error, home, rerun, workspace_options


@click.command()
@click.argument("language", metavar="LANG")
@click.option("--from", "source", default="en", show_default=True, metavar="LANG",
              help="The package's language to copy: the closest to LANG (es for pt).")
@workspace_options
@fail_on_user_error
def words(language, source, library_path, clinic_path):
    """Start the handouts' own words (headings, labels, doses, the email) in a language the
    package has none in, LANG (pt, ga, hmn): strings.LANG.yaml and templates/LANG/ are
    written in the clinic's folder, copied from English or --from, each headed with a line
    saying to translate it. A file that is there is never written over. Then translate
    them, and check says what is left.

    \b
      make_handouts.py --home ~/clinica words pt --from es
    """
    # the clinic file's folder, where its wording is read (the library is not needed)
    folder = Path(clinic_path).parent if clinic_path else home() or api.ROOT
    started = api.start_language(folder, language, source)
    for path in started.written:
        click.echo(f"wrote {path}")
    for path in started.there:
        click.echo(f"left {path} as it is: it is there already")
    if not started.written:
        return
    library = f"exercises.{language}.yaml"
    click.echo(f"\nTranslate each file and delete the two lines at its top. {library} "
               f"translates the library (docs/library.md: \"Translations\"); then\n"
               f"  {rerun(shlex.join(['check', '--language', language]))}"
               "   # what is not translated yet")
