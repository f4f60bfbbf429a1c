"""What a batch says of its packets, by roster row: each warning once, after the row it is
about ("today.csv:3: row 2: …"), as a row's problem is said; a warning several rows give
is one line naming them ("rows 2, 4 and 7"), or for many (a picture every packet has) the
first and how many others. Each line comes in the order of its (first) row, with the rows
that repeat an earlier one among them, as the desk reads them beside the roster. The command
line's batch and the web app's Day's packets say them alike."""

from __future__ import annotations

from typing import Iterable

from handouts.errors import Location


def by_row(found: Iterable[tuple[str, int, Location]],
           said: Iterable[tuple[int, str]] = ()) -> list[str]:
    """``found``: (a warning, the row's number, where the row is), in any order and as
    often as each packet says it; one line per warning, in the order of its first row.
    ``said``: (a row's number, a line already said of it whole, as a repeated row's), put
    among them in row order."""
    return [line for _, line in numbered_by_row(found, said)]


def numbered_by_row(found: Iterable[tuple[str, int, Location]],
                    said: Iterable[tuple[int, str]] = ()) -> list[tuple[int, str]]:
    """``by_row``'s lines, each with the number of its (first) row: for a shell that puts
    lines of its own among them (a row's error) in row order."""
    rows: dict[str, dict[int, Location]] = {}
    for warning, number, location in found:
        rows.setdefault(warning, {}).setdefault(number, location)
    lines: list[tuple[int, str]] = list(said)
    for warning, where in rows.items():
        numbers = sorted(where)
        first = where[numbers[0]]
        if not first.path:  # program files given together: each file is its own row
            files = [where[n].file for n in numbers]
            shown = (", ".join(files[:-1]) + f" and {files[-1]}" if 1 < len(files) <= 3 else
                     f"{files[0]} and {len(files) - 1} other files" if len(files) > 3 else
                     files[0])
            lines.append((numbers[0], f"{Location(shown)} {warning}"))
            continue
        if 1 < len(numbers) <= 3:
            listed = ", ".join(str(n) for n in numbers[:-1])
            first = Location(first.file, first.line, f"rows {listed} and {numbers[-1]}")
        elif len(numbers) > 3:
            others = len(numbers) - 1
            first = Location(first.file, first.line, f"{first.path} and {others} other "
                                                     f"row{'' if others == 1 else 's'}")
        lines.append((numbers[0], f"{first} {warning}"))
    # stable: lines of one row keep their order (a packet's warnings as it said them)
    return sorted(lines, key=lambda item: item[0])
