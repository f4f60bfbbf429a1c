"""What the YAML loader gives: plain data from one document, the line of every value, and
the text of each value YAML read as a number, as it was typed (``Written``).

YAML 1.1, which PyYAML reads, takes a time of day (``6:30``) as minutes and seconds (390), a
number with a 0 in front (``010``) as octal (8), ``1_000`` as 1000 and ``0x1A`` as hex (26):
where the library wants text, what was typed is what the clinic meant, and only the loader
still knows it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping, NamedTuple, Sequence

from handouts.errors import ItemId, Location, Problem, format_path

Path = tuple[str | int, ...]


class Written(NamedTuple):
    """A value YAML read as a number: its text as typed, and its line and column (from 1)."""

    text: str
    line: int
    column: int


@dataclass(frozen=True)
class Parsed:
    """Plain data from one YAML document and where each value came from."""

    data: Any
    file: str
    lines: dict[Path, int] = field(default_factory=dict, repr=False)
    # values YAML could read but not make sense of (e.g. 2026-13-45): reported together with
    # the schema's problems, so the user sees everything wrong in the file at once
    problems: tuple[tuple[Path, Problem], ...] = ()
    # keys written with no ":" after them in {…}: the text after a comma in a value
    # (`{frequency: 2 times a day, 5 days a week}`), which YAML reads as a key of its own
    bare_keys: frozenset[Path] = frozenset()
    # each value read as a number, as it was typed (see the module)
    numbers: Mapping[Path, Written] = field(default_factory=dict, repr=False)

    def location(self, path: Sequence[str | int]) -> Location:
        """The line and readable path of ``path``, or of its nearest parent that exists."""
        path = tuple(path)
        line = None
        for end in range(len(path), -1, -1):
            if path[:end] in self.lines:
                line = self.lines[path[:end]]
                break
        return Location(self.file, line, format_path(self.display_path(path)))

    def number_at(self, path: Sequence[str | int]) -> Written | None:
        """The number at ``path``, or at the part of it that exists (a paragraph's path
        ends in ``text``, which a number in its place has not), as typed; None if none."""
        path = tuple(path)
        return next((self.numbers[path[:end]] for end in range(len(path), 0, -1)
                     if path[:end] in self.numbers), None)

    def strings(self, keys: bool = True) -> list[tuple[Path, str]]:
        """Every string in the document, each with the path it is at: the values, and the
        keys too unless ``keys`` is false (a check of what a patient reads skips the keys,
        which are names the schema gives)."""
        return _strings(self.data, (), keys)

    def display_path(self, path: Sequence[str | int]) -> list[str | int]:
        """Replace list positions by the item's id where the item has one."""
        out: list[str | int] = []
        node = self.data
        for part in path:
            if isinstance(part, int) and isinstance(node, list) and 0 <= part < len(node):
                item = node[part]
                item_id = item.get("id") if isinstance(item, dict) else None
                out.append(ItemId(item_id) if isinstance(item_id, str) and item_id else part)
                node = item
            else:
                out.append(part)
                node = node.get(part) if isinstance(node, dict) else None
        return out


def _strings(data: Any, at: Path, keys: bool) -> list[tuple[Path, str]]:
    if isinstance(data, str):
        return [(at, data)]
    if isinstance(data, dict):
        return [found for k, v in data.items()
                for found in (*(_strings(k, at, keys) if keys else ()),
                              *_strings(v, (*at, k), keys))]
    if isinstance(data, list):
        return [found for i, v in enumerate(data) for found in _strings(v, (*at, i), keys)]
    return []




def replaced(data: Any, values: Mapping[Path, Any]) -> Any:
    """``data`` with the value at each path of ``values`` (from ``data``'s root) replaced:
    the lists and mappings on the way copied, the rest shared, so that the parsed data,
    which other readers keep, stays as it was read."""
    if not values:
        return data
    if () in values:
        return values[()]
    below: dict[Any, dict[Path, Any]] = {}
    for path, value in values.items():
        below.setdefault(path[0], {})[path[1:]] = value
    if isinstance(data, dict):
        out: Any = dict(data)
        found = [key for key in below if key in out]
    elif isinstance(data, list):
        out = list(data)
        found = [key for key in below if isinstance(key, int) and 0 <= key < len(out)]
    else:
        return data
    for key in found:
        out[key] = replaced(out[key], below[key])
    return out
