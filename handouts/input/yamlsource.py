"""YAML text → plain data, plus the line of every value.

PyYAML silently keeps the last of two equal keys; a clinic library with two ``child_pose``
entries or two ``hold:`` lines is a mistake, so duplicates are refused here, with both lines.
"""

from __future__ import annotations

import pathlib
import re
from typing import Any

import yaml

from handouts.errors import HandoutError, Location, Problem, format_path
from handouts.input import later_rules
from handouts.input.decoding import decoded
from handouts.input.month_days import not_real
from handouts.input.parsed import Parsed, Path, Written  # noqa: F401 - Parsed, Path: API
from handouts.input.yamlerrors import (curly_cut, cut_by_comment, joined_item,
                                       starts_with_sign, syntax_problem, text_in_quotes)

try:  # libyaml's parser is several times faster; the pure-Python one gives the same nodes
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

# A file that a person typed is far below these; a file beyond them is a mistake or an
# attack (a "billion laughs", 100,000 nested "[", a pasted log), refused before it costs
# time, memory or the process itself.
MAX_CHARS = 2_000_000
MAX_DEPTH = 20
MAX_VALUES = 200_000


def read_text(path: pathlib.Path | str, limit: int | None = MAX_CHARS,
              over: str = "a YAML file may have at most {:,} characters",
              data: bytes | None = None) -> str:
    """A text file, whole; at most ``limit`` bytes (a YAML file's limit by default), so that
    a huge file or an endless one (a device, a pipe) is refused, not read into memory;
    ``over`` says what to do with one larger. ``data``: its bytes, had already (an upload);
    ``path`` then only names it."""
    path = pathlib.Path(path)
    try:
        if data is None:
            with path.open("rb") as file:
                data = file.read(-1 if limit is None else limit + 1)
        if limit is not None and len(data) > limit:
            raise HandoutError(Problem(Location(str(path)), f"the file is larger than "
                                       f"{limit:,} bytes; {over.format(limit)}"))
        return decoded(path, data)
    except FileNotFoundError:
        raise HandoutError(Problem(Location(str(path)), "file not found")) from None
    except IsADirectoryError:
        raise HandoutError(Problem(Location(str(path)), "is a folder, not a YAML file")) from None
    except OSError as exc:
        raise HandoutError(Problem(Location(str(path)), f"cannot read: {exc.strerror}")) from None


def parse(text: str, file: str) -> Parsed:
    """Parse one YAML document; raise HandoutError for syntax errors, duplicate keys, anchors
    and aliases, and a file too large or too deeply nested.

    The tree is built from libyaml's events with a stack of our own: the parser's own
    composer recurses in C and crashes the process on deep nesting, and expands aliases.
    """
    if len(text) > MAX_CHARS:
        raise HandoutError(Problem(Location(file), f"the file is {len(text):,} characters "
                                   f"long; a YAML file may have at most {MAX_CHARS:,}"))
    builder = _Builder(file, text)
    try:
        for event in yaml.parse(text, Loader=_Loader):
            builder.feed(event)
    except yaml.MarkedYAMLError as exc:
        raise HandoutError(syntax_problem(exc, text, file, builder.place)) from None
    except yaml.reader.ReaderError as exc:  # a control character, or a bad encoding
        line = text.count("\n", 0, max(exc.position, 0)) + 1
        what = (f"the character U+{exc.character:04X} is not allowed in YAML; remove it"
                if isinstance(exc.character, int) else "not valid YAML text")
        raise HandoutError(Problem(Location(file, line), what)) from None
    except yaml.YAMLError as exc:
        raise HandoutError(Problem(Location(file), "not valid YAML: "
                                   + _one_line(str(exc)))) from None
    if builder.problems:
        raise HandoutError(builder.problems)
    if builder.empty:
        return Parsed(None, file, {(): 1})
    return Parsed(builder.root, file, builder.lines, tuple(builder.values),
                  frozenset(builder.bare_keys), builder.numbers)


def _one_line(message: str) -> str:
    return " ".join(message.split())


def _shown(value: str) -> str:
    return value if len(value) <= 60 else value[:57] + "..."


class _Builder:
    """Plain data and the line of every value, from a stream of parser events."""

    def __init__(self, file: str, text: str = ""):
        self.file = file
        self.text = text
        self.root: Any = None
        self.empty = True
        self.lines: dict[Path, int] = {}
        self.problems: list[Problem] = []
        self.values: list[tuple[Path, Problem]] = []
        self.bare_keys: set[Path] = set()
        self.numbers: dict[Path, Written] = {}
        self.key_end = -1  # where the last key read ends in the text
        # one entry per open collection: [container, its path, the key waiting for its value
        # (mappings), line of that key, whether the value is to be skipped]
        self.stack: list[list] = []
        self.skipping = 0  # depth inside a collection that is thrown away (a bad key)
        self.count = 0
        self.documents = 0
        self.resolver = yaml.resolver.Resolver()
        self.constructor = yaml.constructor.SafeConstructor()

    def place(self, line: int | None, read: bool = False) -> str:
        """Where the parser is at ``line``: the innermost open entry, and its key waiting
        for a value on that line, named as errors name it (exercises[step_ups].dose); or,
        ``read``, the value read already from that line."""
        if not self.stack:
            return ""
        values = [path for path, at in self.lines.items() if at == line and path]
        if read and values:  # the value read from there (a quoted text, opened there)
            return self._named(values[-1])
        container, path, key, key_line = self.stack[-1][:4]
        if isinstance(container, dict) and key is not _NO_KEY and key is not _BAD_KEY \
                and key_line == line:
            path = path + (key,)
        return self._named(path)

    def _named(self, path: Path) -> str:
        return format_path(Parsed(self.root, self.file).display_path(path))

    def _refuse(self, event, message: str, path: Path = ()) -> None:
        raise HandoutError(Problem(Location(self.file, event.start_mark.line + 1,
                                            format_path(path)), message))

    def feed(self, event) -> None:
        kind = type(event)
        if kind is yaml.ScalarEvent:
            self._count(event)
            if event.anchor:
                self._alias(event)
            if not self.skipping:
                self._scalar(event)
        elif kind is yaml.SequenceStartEvent or kind is yaml.MappingStartEvent:
            self._count(event)
            if event.anchor:
                self._alias(event)
            if self.skipping:
                self.skipping += 1
            else:
                self._open(event)
        elif kind is yaml.SequenceEndEvent or kind is yaml.MappingEndEvent:
            self._close()
        elif kind is yaml.AliasEvent:
            self._alias(event)
        elif kind is yaml.DocumentStartEvent:
            self.documents += 1
            if self.documents > 1:
                self._refuse(event, "YAML syntax error: but found another document")

    def _count(self, event) -> None:
        self.count += 1
        if self.count > MAX_VALUES:
            self._refuse(event, f"more than {MAX_VALUES:,} values in one file; split it up")

    def _alias(self, event) -> None:
        # "&Stop roll up.": a text that starts with &, where no *Stop refers to it
        quote = isinstance(event, yaml.ScalarEvent) and event.value and not event.style \
            and not re.search(rf"\*{re.escape(event.anchor)}(?![\w-])", self.text) \
            and text_in_quotes(self.text, event.start_mark.line + 1)
        self._refuse(event, "YAML anchors and aliases (&name, *name) are not allowed; write "
                     "each value out in full" + (f", or for a text that starts with &, "
                                                 f"{quote}" if quote else ""),
                     self.stack[-1][1] if self.stack else ())

    def _slot(self, event) -> tuple[Path | None, bool]:
        """Where the value of ``event`` goes: its path, or None when it is a mapping's key."""
        if not self.stack:
            return (), False
        top = self.stack[-1]
        if isinstance(top[0], list):
            return top[1] + (len(top[0]),), False
        if top[2] is _NO_KEY:
            return None, True
        if top[2] is _BAD_KEY:
            return top[1], False
        return top[1] + (top[2],), False

    def _place(self, path: Path, value: Any, line: int) -> None:
        self.empty = False
        if not self.stack:
            self.root = value
            self.lines[()] = line
            return
        top = self.stack[-1]
        if isinstance(top[0], list):
            top[0].append(value)
            self.lines[path] = line
        else:
            if not top[4]:
                top[0][top[2]] = value
                self.lines[path] = top[3]  # a value is found by its key's line
            top[2] = _NO_KEY

    def _open(self, event) -> None:
        path, is_key = self._slot(event)
        line = event.start_mark.line + 1
        if is_key:
            top = self.stack[-1]
            self.problems.append(Problem(Location(self.file, line, format_path(top[1])),
                                         "a key must be plain text"))
            self.skipping = 1
            top[2], top[3], top[4] = _BAD_KEY, line, True
            return
        if len(self.stack) >= MAX_DEPTH:
            self._refuse(event, f"nested more than {MAX_DEPTH} levels deep; a handout's "
                         "YAML needs only a few", path[:2])
        if event.tag and not event.implicit and event.tag not in _COLLECTIONS:
            self._refuse(event, f"the tag {_short_tag(event.tag)} is not allowed; remove it",
                         path)
        container: Any = [] if isinstance(event, yaml.SequenceStartEvent) else {}
        skip = bool(self.stack) and self.stack[-1][4]
        self._place(path, container, line)
        if skip:  # the value of a duplicate or bad key: read, then dropped
            self.skipping = 1
            return
        self.stack.append([container, path, _NO_KEY, 0, False])

    def _close(self) -> None:
        if self.skipping:
            self.skipping -= 1
            return
        self.stack.pop()

    def _scalar(self, event) -> None:
        path, is_key = self._slot(event)
        line = event.start_mark.line + 1
        tag = event.tag
        if is_key:
            self.key_end = event.end_mark.index
        elif event.start_mark.index == self.key_end and not event.value and path:
            # an empty value where its key ends: no ":" came between them
            self.bare_keys.add(path)
        if tag is None or tag == "!":
            tag = self.resolver.resolve(yaml.ScalarNode, event.value, event.implicit)
        if tag == _STR:  # most keys and values: text as it stands
            if is_key:
                self._key(event.value, line)
            else:
                if not event.style and event.end_mark.line > event.start_mark.line:
                    self._item_joined(event, path)
                if not event.style:
                    self._misread(event, path)
                self._place(path, event.value, line)
            return
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark,
                               style=event.style)
        if is_key:
            try:
                key = self._construct(node)
            except (ValueError, yaml.constructor.ConstructorError):
                key = _BAD_KEY
            self._key(key, line)
            return
        try:
            value = self._construct(node)
        except (ValueError, yaml.constructor.ConstructorError) as exc:
            if tag.endswith(":timestamp"):
                message = not_real(node.value, _shown(node.value)) or (
                    f'"{_shown(node.value)}" is not a real date; write it as '
                    "YYYY-MM-DD (e.g. 2026-11-23)")
            elif isinstance(exc, yaml.constructor.ConstructorError):
                # "!Important: roll up.": a text that starts with !, not a tag meant
                message = (node.value and not event.style
                           and starts_with_sign(self.text, line)) or \
                    f"the tag {_short_tag(tag)} is not allowed; remove it"
            else:
                kind = tag.rsplit(":", 1)[-1]
                message = (f'"{_shown(node.value)}" cannot be read as '
                           f'{"a number" if kind in ("int", "float") else kind}')
            if not (self.stack and self.stack[-1][4]):
                self.values.append((path, Problem(Location(self.file, line,
                                                           format_path(path)), message)))
            value = node.value
        else:
            if isinstance(value, (int, float)) and not isinstance(value, bool) \
                    and not (self.stack and self.stack[-1][4]):  # not a duplicate's
                self.numbers[path] = Written(event.value, line, event.start_mark.column + 1)
        self._place(path, value, line)

    def _item_joined(self, event, path: Path) -> None:
        if self.stack and self.stack[-1][4]:
            return  # the value of a duplicate key, reported as that
        found = joined_item(self.text, event, bool(self.stack)
                            and isinstance(self.stack[-1][0], list))
        if found:
            line, message = found
            self.values.append((path, Problem(Location(self.file, line, self._named(path)),
                                              message)))

    def _misread(self, event, path: Path) -> None:
        """A plain text YAML reads whole but not as the clinic wrote it: cut short by a
        comment, or by a comma inside a word processor's quotes."""
        if self.stack and self.stack[-1][4] or not later_rules.applies("text_cut"):
            return  # the value of a duplicate key, reported as that; or a file kept before
        found = cut_by_comment(self.text, event) or curly_cut(self.text, event)
        if found:
            self.values.append((path, Problem(Location(self.file, event.end_mark.line + 1,
                                                       self._named(path)), found)))

    def _construct(self, node) -> Any:
        try:
            return self.constructor.construct_object(node, deep=True)
        finally:
            # the constructor remembers every node it made; we never ask it again
            self.constructor.constructed_objects.clear()

    def _key(self, key: Any, line: int) -> None:
        top = self.stack[-1]
        if key is _BAD_KEY or isinstance(key, (list, dict, bytes)) or not _hashable(key):
            self.problems.append(Problem(Location(self.file, line, format_path(top[1])),
                                         "a key must be plain text"))
            top[2], top[3], top[4] = _BAD_KEY, line, True
            return
        if key in top[0]:
            first = self.lines.get(top[1] + (key,))
            self.problems.append(Problem(
                Location(self.file, line, self._named(top[1] + (key,))),
                f'duplicate key "{_shown(str(key))}" (first given on line {first}); '
                "keep one of them"))
            top[2], top[3], top[4] = key, line, True
            return
        top[2], top[3], top[4] = key, line, False


def _short_tag(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!")


def _hashable(value: Any) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True


_NO_KEY = object()
_STR = "tag:yaml.org,2002:str"
_COLLECTIONS = ("tag:yaml.org,2002:seq", "tag:yaml.org,2002:map")
_BAD_KEY = object()
