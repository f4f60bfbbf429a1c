"""Where a problem is, what it is, one exception type that formats itself, the commands
messages tell a person to run later, and how a message lists things ("A, B and C")."""

from __future__ import annotations

import contextlib
import os
import re
import shlex
import traceback
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import PurePath
from typing import Callable, Iterable, Iterator, Sequence

# Control characters, line and paragraph separators, and the marks that reorder text on
# screen: in a message they would break its one line, drive the terminal, or disguise it.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
MAX_MESSAGE = 1000
_PACKAGE = os.path.dirname(os.path.abspath(__file__))


def one_line(text: str) -> str:
    """``text`` safe to print as (part of) one line: unsafe characters shown as escapes
    (``\\n``, ``\\x1b``), and cut short past ``MAX_MESSAGE`` characters."""
    text = _UNSAFE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)
    return text if len(text) <= MAX_MESSAGE else text[:MAX_MESSAGE - 3] + "..."


def fault(exc: BaseException) -> str:
    """An error no one expected, for a message of one line: its type and where in handouts'
    code it was raised (``KeyError at render/card.py:123``), enough to report it. Not its
    message, which can quote the row it was making: a name, a date of birth, a number."""
    place = ""
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename.startswith(_PACKAGE + os.sep):
            inside = PurePath(os.path.relpath(frame.filename, os.path.dirname(_PACKAGE)))
            place = f" at {inside.as_posix()}:{frame.lineno}"
    return f"{type(exc).__name__}{place}"


def listed(values: Iterable[str]) -> str:
    """``A``, ``A and B``, ``A, B and C``: things named in a message's sentence."""
    values = list(values)
    return values[0] if len(values) == 1 else ", ".join(values[:-1]) + f" and {values[-1]}"


def leave_out(key: str) -> str:
    """The advice to give no value for ``key``, in a program file's words ("leave
    next_visit out"): a roster row, which has a cell where a file has the key, says it of
    the cell instead (``input.roster``), so every message that gives it builds it here."""
    return f"leave {key} out"


def times(count: int) -> str:
    """``twice``, ``3 times``: how often something is listed, in a message's sentence."""
    return "twice" if count == 2 else f"{count} times"


@dataclass(frozen=True)
class Location:
    """A place in a user's input: a file, a line in it, and the path to the value in the YAML.

    ``file`` may be a command-line option (``--exercise``) or a roster row when the input
    did not come from a file. ``column`` (from 1) where one line holds several values and
    the problem is one of them (``[Step up., 6:30]``).
    """

    file: str | None = None
    line: int | None = None
    path: str = ""
    column: int | None = None

    def __str__(self) -> str:
        head = ""
        if self.file:
            at = f"{self.line}:{self.column}" if self.line and self.column else self.line
            head = f"{self.file}:{at}:" if self.line else f"{self.file}:"
        if self.path:
            return f"{head} {self.path}:" if head else f"{self.path}:"
        return head


@dataclass(frozen=True)
class Problem:
    location: Location
    message: str

    def __str__(self) -> str:
        where = one_line(str(self.location))
        return f"{where} {one_line(self.message)}" if where else one_line(self.message)


class HandoutError(Exception):
    """A user's mistake: one or more problems, each printed as one compiler-style line."""

    def __init__(self, problems: Problem | Sequence[Problem] | str):
        if isinstance(problems, str):
            problems = [Problem(Location(), problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__(str(self))

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


def format_path(parts: Sequence[str | int]) -> str:
    """``("exercises", "si_joint_correction", "dose", "hold")`` → ``exercises[si_joint_correction].dose.hold``.

    Integers are list positions and print 1-based, as a person counts.
    Strings that follow a list are item ids (see yamlsource.item_key).
    """
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        elif isinstance(part, ItemId):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


class ItemId(str):
    """A list item named by its ``id`` rather than its position."""


# A message that ends with a command to run later ("send it later with make_handouts.py email
# --retry") is pasted as printed, maybe in another folder. The library knows the command's
# verb and arguments but not how this run was started: the shell that runs it (the command
# line, with the --home, --library, --clinic and --outbox it was given; the web app, with its
# own clinic folder and outbox) puts them in words, so that the command acts on the same
# clinic and outbox, not the default one.
_commands: ContextVar[Callable[[str], str]] = ContextVar(
    "handouts.commands", default=lambda words: f"make_handouts.py {words}")


# the commands that act on an outbox; run without --outbox, one takes outbox/ in its --home
# folder (in the folder it is run in, without --home)
_OUTBOX_VERBS = ("email", "forget")


def full_command(words: str, *, home=None, outbox=None, library=None, clinic=None) -> str:
    """``make_handouts.py [--home HOME] WORDS [--outbox OUTBOX] [--library LIBRARY]
    [--clinic CLINIC]``, as a shell puts it in words for ``command``: ``words`` (a verb and
    its quoted arguments) with each place given (a path, or None) made absolute and quoted;
    the outbox only for a verb that takes one, and not where --home says it already (its
    outbox/)."""
    def place(path) -> str:
        return shlex.quote(os.path.abspath(path))

    after = []
    if outbox is not None and words.split(" ", 1)[0] in _OUTBOX_VERBS and not (
            home and os.path.abspath(outbox) == os.path.abspath(os.path.join(home, "outbox"))):
        after.append(f"--outbox {place(outbox)}")
    after += [f"{option} {place(path)}" for option, path in (("--library", library),
                                                             ("--clinic", clinic)) if path]
    return " ".join(["make_handouts.py", *([f"--home {place(home)}"] if home else []), words,
                     *after])


def command(verb: str, *args: str | PurePath) -> str:
    """The command line ``make_handouts.py VERB ARGS`` as the running shell says it: every
    argument shell-quoted, and a path (a ``PurePath``) made absolute."""
    words = [verb, *(shlex.quote(os.path.abspath(a) if isinstance(a, PurePath) else a)
                     for a in args)]
    return _commands.get()(" ".join(words))


@contextlib.contextmanager
def commands_said_by(render: Callable[[str], str]) -> Iterator[None]:
    """While inside: ``command`` hands ``render`` its words (verb and quoted arguments),
    and ``render`` returns the whole command line."""
    token = _commands.set(render)
    try:
        yield
    finally:
        _commands.reset(token)
