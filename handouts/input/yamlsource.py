"""YAML text → plain data, plus the line of every value.

PyYAML silently keeps the last of two equal keys; a clinic library with two ``child_pose``
entries or two ``hold:`` lines is a mistake, so duplicates are refused here, with both lines.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Sequence

import yaml

from handouts.errors import HandoutError, ItemId, Location, Problem, format_path

try:  # libyaml's parser is several times faster; the pure-Python one gives the same nodes
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Parsed:
    """Plain data from one YAML document and where each value came from."""

    data: Any
    file: str
    lines: dict[Path, int] = field(default_factory=dict, repr=False)
    # values YAML could read but not make sense of (e.g. 2026-13-45): reported together with
    # the schema's problems, so the user sees everything wrong in the file at once
    problems: tuple[tuple[Path, Problem], ...] = ()

    def location(self, path: Sequence[str | int]) -> Location:
        """The line and readable path of ``path``, or of its nearest parent that exists."""
        path = tuple(path)
        line = None
        for end in range(len(path), -1, -1):
            if path[:end] in self.lines:
                line = self.lines[path[:end]]
                break
        return Location(self.file, line, format_path(self.display_path(path)))

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


def parse(text: str, file: str) -> Parsed:
    """Parse one YAML document; raise HandoutError for syntax errors and duplicate keys."""
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        what = exc.problem or exc.context or "not valid YAML"
        raise HandoutError(Problem(Location(file, line), f"YAML syntax error: {what}")) from None
    except yaml.YAMLError as exc:  # e.g. a reader error for a control character
        raise HandoutError(Problem(Location(file), f"not valid YAML: {exc}")) from None
    if root is None:
        return Parsed(None, file, {(): 1})
    lines: dict[Path, int] = {}
    problems: list[Problem] = []
    values: list[tuple[Path, Problem]] = []
    constructor = yaml.constructor.SafeConstructor()
    data = _build(root, (), lines, problems, constructor, file, values)
    if problems:
        raise HandoutError(problems)
    return Parsed(data, file, lines, tuple(values))


def _build(node, path: Path, lines, problems, constructor, file, values):
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        result: dict = {}
        first_line: dict = {}
        for key_node, value_node in node.value:
            key = constructor.construct_object(key_node, deep=True)
            if isinstance(key, (list, dict)):
                problems.append(Problem(Location(file, key_node.start_mark.line + 1,
                                                 format_path(path)), "a key must be plain text"))
                continue
            key_line = key_node.start_mark.line + 1
            if key in result:
                problems.append(Problem(
                    Location(file, key_line, format_path(path + (key,))),
                    f'duplicate key "{key}" (first given on line {first_line[key]}); '
                    "keep one of them"))
                continue
            first_line[key] = key_line
            result[key] = _build(value_node, path + (key,), lines, problems, constructor, file,
                                 values)
            lines[path + (key,)] = key_line
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, path + (i,), lines, problems, constructor, file, values)
                for i, item in enumerate(node.value)]
    try:
        return constructor.construct_object(node, deep=True)
    except (ValueError, yaml.constructor.ConstructorError) as exc:
        # e.g. 2026-13-45 looks like a date to YAML but is none
        if getattr(node, "tag", "").endswith(":timestamp"):
            message = (f'"{node.value}" is not a real date; write it as YYYY-MM-DD '
                       "(e.g. 2026-11-23)")
        else:
            message = f'"{node.value}" cannot be read: {exc}'
        values.append((path, Problem(Location(file, node.start_mark.line + 1,
                                              format_path(path)), message)))
        return node.value
