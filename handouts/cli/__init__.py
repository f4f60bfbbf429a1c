"""The command line: parse arguments, call the library, write files, map errors to exit codes.

Exit status: 0 done, 1 a problem with the input (each printed as file:line: path: message),
2 wrong command-line usage (click's own). One module per command group, imported only when
one of its commands runs (or help lists them all): `build` loads neither batch's, email's
nor the record's commands. Each imports the library inside its commands, so
`make_handouts.py --help` starts fast.
"""

from __future__ import annotations

import errno
import gc
import importlib
import os
import sys

import click

from handouts.cli import options

# each command's name, and the module (in handouts.cli) and name it is defined under
COMMANDS = {
    "new": ("new", "new"), "build": ("build", "build"), "list": ("build", "list_"),
    "check": ("check", "check"), "demo": ("build", "demo"), "draw": ("build", "draw"),
    "email": ("email", "email"), "batch": ("batch", "batch"), "serve": ("serve", "serve"),
    "history": ("record", "history"), "find": ("record", "find"),
    "reprint": ("record", "reprint"), "export": ("transfer", "export"),
    "import": ("transfer", "import_"), "backup": ("record", "backup"),
    "restore": ("record", "restore"), "forget": ("forget", "forget"),
    "words": ("words", "words"),
}


class _Commands(click.Group):
    """A group whose commands are imported as they are asked for: importing every command's
    module (batch's, email's, the record's: their options, dataclasses and the record's
    kinds) cost a one-handout build some 20 ms it never used."""

    def list_commands(self, ctx) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        module, name = COMMANDS[cmd_name]
        return getattr(importlib.import_module(f"handouts.cli.{module}"), name)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="handouts")
@click.option("--home", type=click.Path(file_okay=False), envvar="HANDOUTS_HOME",
              help="The clinic's folder: its exercises.yaml, clinic.yaml, examples/, programs/, "
                   "outbox/ and records/ (default: $HANDOUTS_HOME, else the folder of "
                   "make_handouts.py).")
@click.option("--library", "library_path", type=click.Path(), metavar="FILE",
              help="The exercise library, for the command that follows (as the command's "
                   "own --library).")
@click.option("--clinic", "clinic_path", type=click.Path(), metavar="FILE",
              help="The clinic's branding file, for the command that follows (as the "
                   "command's own --clinic).")
@click.pass_context
def main(ctx, home, library_path, clinic_path):
    """Turn the clinic's exercise library into per-patient PDF home programs."""
    ctx.meta[options.HOME_KEY] = home
    # before the command as --home goes, or after it: one habit must not be "No such option"
    ctx.meta.update({"handouts.library_path": library_path,
                     "handouts.clinic_path": clinic_path})
    if ctx.invoked_subcommand == "new" and (library_path or clinic_path):
        raise click.UsageError("new writes a clinic's own exercises.yaml and clinic.yaml in "
                               "its folder; --library and --clinic are for the other commands")


class _MayGoUnread:
    """Standard output or error that nobody may be reading (``build … | head -0``, a
    terminal closed): a line that cannot be written is dropped and the work goes on. Click
    ended the command at the first such line, so a build that had written its PDF exited
    before recording it, not even in the pending journal, and an email run stopped between
    two messages."""

    def __init__(self, stream):
        self._stream = stream

    def write(self, text):
        try:
            return self._stream.write(text)
        except OSError as exc:
            self._unread(exc)
            return len(text)

    def flush(self) -> None:
        try:
            self._stream.flush()
        except OSError as exc:
            self._unread(exc)

    def _unread(self, exc: OSError) -> None:
        # only a reader gone (a closed pipe, a closed terminal): output redirected to a full
        # disk still fails the command, which would otherwise end 0 with its file cut short
        if exc.errno not in (errno.EPIPE, errno.EIO):
            raise exc
        # what is buffered, and Python's own flush at exit, go to /dev/null rather than
        # failing again at every line and at the end
        try:
            nowhere = os.open(os.devnull, os.O_WRONLY)
            os.dup2(nowhere, self._stream.fileno())
            os.close(nowhere)
            self._stream.flush()
        except (OSError, ValueError):
            pass

    def __getattr__(self, name):
        return getattr(self._stream, name)


def run() -> None:
    """The command line as a program (make_handouts.py, the make-handouts script); tests call
    ``main`` in their own process instead."""
    sys.stdout, sys.stderr = (_MayGoUnread(s) if s is not None else None
                              for s in (sys.stdout, sys.stderr))
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
