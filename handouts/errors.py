"""Where a problem is, what it is, and one exception type that formats itself."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

# Control characters, line and paragraph separators, and the marks that reorder text on
# screen: in a message they would break its one line, drive the terminal, or disguise it.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
MAX_MESSAGE = 1000


def one_line(text: str) -> str:
    """``text`` safe to print as (part of) one line: unsafe characters shown as escapes
    (``\\n``, ``\\x1b``), and cut short past ``MAX_MESSAGE`` characters."""
    text = _UNSAFE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)
    return text if len(text) <= MAX_MESSAGE else text[:MAX_MESSAGE - 3] + "..."


@dataclass(frozen=True)
class Location:
    """A place in a user's input: a file, a line in it, and the path to the value in the YAML.

    ``file`` may be a command-line option (``--exercise``) or a roster row when the input
    did not come from a file.
    """

    file: str | None = None
    line: int | None = None
    path: str = ""

    def __str__(self) -> str:
        head = ""
        if self.file:
            head = f"{self.file}:{self.line}:" if self.line else f"{self.file}:"
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
