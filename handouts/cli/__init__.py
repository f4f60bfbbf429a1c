"""The command line: parse arguments, call the library, write files, map errors to exit codes.

Exit status: 0 done, 1 a problem with the input (each printed as file:line: path: message),
2 wrong command-line usage (click's own). One module per command group; each imports the
library inside its commands, so `make_handouts.py --help` starts fast.
"""

from __future__ import annotations

import gc

import click

from handouts.cli import batch, build, check, email, forget, new, options, record, serve


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="handouts")
@click.option("--home", type=click.Path(file_okay=False), envvar="HANDOUTS_HOME",
              help="The clinic's folder: its exercises.yaml, clinic.yaml, examples/, programs/, "
                   "outbox/ and records/ (default: $HANDOUTS_HOME, else the folder of "
                   "make_handouts.py).")
@click.pass_context
def main(ctx, home):
    """Turn the clinic's exercise library into per-patient PDF home programs."""
    ctx.meta[options.HOME_KEY] = home


for command in (new.new, build.build, build.list_, check.check, build.demo, build.draw,
                email.email, batch.batch, serve.serve, *record.COMMANDS, forget.forget):
    main.add_command(command)


def run() -> None:
    """The command line as a program (make_handouts.py, the make-handouts script); tests call
    ``main`` in their own process instead."""
    # A collection every 50,000 new objects rather than every 700: importing pydantic,
    # reportlab and SQLAlchemy and laying out a handout made Python look for cycles some 190
    # times (40-170 ms of a one-handout build). A long batch or the web app still collects,
    # with at most a few MB more waiting between collections.
    gc.set_threshold(50_000, *gc.get_threshold()[1:])
    try:
        main()
    finally:
        # The process ends here. Left alone, Python's shutdown walks every object the build
        # made (pydantic's schemas, reportlab's tables, SQLAlchemy's) looking for cycles to
        # free: 0.1-0.2 s, a fifth of a one-handout build, for memory the system takes back
        # anyway. Frozen objects are skipped; files are closed and exit handlers run as ever.
        gc.freeze()


if __name__ == "__main__":  # pragma: no cover
    run()
