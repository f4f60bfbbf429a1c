"""Where a problem is, what it is, and one exception type that formats itself."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence


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
        where = str(self.location)
        return f"{where} {self.message}" if where else self.message


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
