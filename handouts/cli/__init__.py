"""The command line: parse arguments, call the library, write files, map errors to exit codes.

Exit status: 0 done, 1 a problem with the input (each printed as file:line: path: message),
2 wrong command-line usage (click's own). One module per command group; each imports the
library inside its commands, so `make_handouts.py --help` starts fast.
"""

from __future__ import annotations

import click

from handouts.cli import batch, build, email, options, record, serve


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="handouts")
@click.option("--home", type=click.Path(file_okay=False), envvar="HANDOUTS_HOME",
              help="The clinic's folder: its exercises.yaml, clinic.yaml, examples/ and "
                   "programs/ (default: $HANDOUTS_HOME, else the folder of make_handouts.py).")
@click.pass_context
def main(ctx, home):
    """Turn the clinic's exercise library into per-patient PDF home programs."""
    ctx.meta[options.HOME_KEY] = home


for command in (build.build, build.list_, build.check, build.demo, build.draw, email.email,
                batch.batch, serve.serve, *record.COMMANDS):
    main.add_command(command)


if __name__ == "__main__":  # pragma: no cover
    main()
