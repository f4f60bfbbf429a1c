"""A program's ``leave_out:``: the exercises of its protocol this patient is not given.

A protocol gives a program its title, topics and exercises; a program's own ``exercises:``
add to them or change their doses. Twelve of a protocol's fifteen are the protocol less
three, so the three are named, and the protocol keeps its title and topics.
"""

from __future__ import annotations

import difflib
from typing import Sequence

from handouts.input.models import Library, Program, ProgramExercise


def did_you_mean(word: str, choices: Sequence[str]) -> str:
    """As ``references.did_you_mean`` says it (which imports this module)."""
    close = difflib.get_close_matches(word, list(choices), n=3, cutoff=0.6)
    return "; did you mean " + " or ".join(f'"{c}"' for c in close) + "?" if close else ""


Found = tuple[tuple[str | int, ...], str]  # (where in the program, what is wrong there)


def problems(program: Program, library: Library) -> list[Found]:
    """Each left-out id that is not one of the protocol's exercises (or any, with no
    protocol), or that the program's own ``exercises:`` give again; and every one of them
    left out, where the program gives none of its own."""
    if not program.leave_out:
        return []
    if not program.protocol:
        return [(("leave_out",), "leaves out a protocol's exercises, and the program has "
                 "no protocol; give a protocol, or leave leave_out out")]
    if program.protocol not in library.protocol_ids:
        return []  # told at protocol:
    theirs = [item.id for item in library.protocol(program.protocol).exercises]
    own = {item.id for item in program.exercises}
    found: list[Found] = []
    if not program.exercises and set(theirs) <= set(program.leave_out):
        # a handout of no exercise: its protocol's title over nothing to do
        found.append((("leave_out",), f'leaves out every exercise of protocol '
                      f'"{program.protocol}"; keep one, or give the program\'s own under '
                      "exercises"))
    for i, ident in enumerate(program.leave_out):
        if ident not in theirs:  # a protocol has 40 at most: every one, to choose from
            found.append((("leave_out", i), f'"{ident}" is not an exercise of protocol '
                          f'"{program.protocol}"' + (did_you_mean(ident, theirs) or (
                              "; its exercises: " + ", ".join(f'"{t}"' for t in theirs)))))
        elif ident in own:
            found.append((("leave_out", i), f'"{ident}" is left out and listed in exercises '
                          "too; keep it in one of them"))
    return found


def kept(items: Sequence[ProgramExercise], program: Program) -> list[ProgramExercise]:
    """The protocol's exercises the program does not leave out."""
    return [item for item in items if item.id not in program.leave_out]
