"""A YAML syntax error as one line a clinic can act on: the line to fix, the place in the
YAML it is in, and what would be right. The parser's own words say what it expected
("mapping values are not allowed in this context"), not what the person did (a key
indented one space too far, a tab, an unquoted colour), so the common ones are put in
everyday words. So is a mistake YAML reads without an error but not as meant: a list
item indented further than the one above, read as more of its text."""

from __future__ import annotations

import re
from typing import Callable

import yaml

from handouts.errors import Location, Problem

_TAB = "a tab indents this line; YAML indents with spaces only: replace the tab with spaces"
_LINE_UP = ("this line is not lined up with the lines above it; indent the keys of one entry "
            "by the same number of spaces, and start each list item with \"- \"")
_ESCAPE = ('in double quotes a \\ starts an escape (\\n, \\U…), so a Windows path such as '
           '"images\\logo.png" cannot be read; write it with / (images/logo.png), or in single '
           "quotes ('images\\logo.png')")
# the parser's words → what would be right (first match wins)
_PLAIN = (
    ("tab character", _TAB),
    ("character '\\t'", _TAB),
    ("mapping values are not allowed", "a key here is not lined up with the keys beside it "
     "(on this line or the one above), or a text has \": \" in it; line up the keys of one "
     "entry with spaces, or put the text in quotes"),
    ("did not find expected key", _LINE_UP),
    ("did not find expected '-' indicator", _LINE_UP),
    ("expected <block end>", _LINE_UP),
    ("could not find expected ':'", "a key needs \": \" after it (e.g. title: Step-ups); if "
     "this line goes on from the one above, indent it further"),
    # a Windows path in double quotes, "C:\Users\...": each \ starts an escape there
    ("expected hexdecimal number", _ESCAPE),
    ("unknown escape character", _ESCAPE),
)


def syntax_problem(exc: yaml.MarkedYAMLError, text: str, file: str,
                   place_at: Callable[..., str]) -> Problem:
    """A syntax error at the line to fix, ``place_at(line)`` the YAML path there (with
    ``read=True``, of a value read from that line). A bracket
    or quote left open is found only where the parser gives up: the end of the file (a line
    past the last) or a later line; the line it opens on is where it wants closing."""
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else None
    place = place_at(line)
    what = " ".join((exc.problem or exc.context or "not valid YAML").split())
    quote = _quote_before(text, exc.problem_mark)
    if quote is not None:
        opened = quote.line + 1
        return Problem(Location(file, opened, place_at(opened, read=True)),
                       f"YAML syntax error: the {text[quote.index]} here is closed only on "
                       f"line {line}, so YAML reads every line up to there as one text; "
                       f"close it on this line with {text[quote.index]}")
    opened = exc.context_mark if exc.problem_mark else None
    if opened and opened.line < exc.problem_mark.line and 0 <= opened.index < len(text):
        char = text[opened.index]
        closing = {"[": "]", "{": "}", '"': '"', "'": "'"}.get(char)
        if closing:
            rest = text[opened.index:].split("\n", 1)[0]
            comment = re.search(r"\s#", rest)
            if comment and closing in rest[comment.start():]:
                # `{primary: #1d4e89}`: the # begins a comment, which hides the closing }
                return Problem(Location(file, opened.line + 1, place),
                               f"YAML syntax error: the {char} here is not closed, as YAML "
                               "reads a # after a space and the rest of the line as a "
                               'comment; put a value with # in quotes (e.g. "#0b6e75")')
            at_end = not text[exc.problem_mark.index:].strip()
            until = "is never closed" if at_end else f"is not closed before line {line}"
            return Problem(Location(file, opened.line + 1, place),
                           f"YAML syntax error: the {char} here {until}; close it with "
                           f"{closing}" + ("" if at_end else f" ({what})"))
    if line:
        missed = _colon_missed(text, line)
        if missed:
            at, said = missed
            return Problem(Location(file, at, place_at(at)), f"YAML syntax error: {said}")
        hard = _hard_indent(text, line)
        if hard:
            return Problem(Location(file, hard, place_at(hard)), "YAML syntax error: this "
                           "line is indented with a non-breaking space (pasted from a word "
                           "processor or an email), which YAML does not take for a space; "
                           "delete the spaces before its text and type them again")
        started = starts_with_sign(text, line)
        if started:
            return Problem(Location(file, line, place), f"YAML syntax error: {started}")
    plain = next((words for found, words in _PLAIN if found in what), None)
    if plain is None and "that cannot start any token" in what and mark \
            and 0 <= mark.index < len(text):
        # libyaml's words name no character: a tab is one that indents the line
        plain = _TAB if text[mark.index] == "\t" else \
            f"a text cannot start with {text[mark.index]}; put the text in quotes"
    return Problem(Location(file, line, place), f"YAML syntax error: {plain or what}")


# a key's colon with a non-breaking space after it (typed with Option-space, or pasted): to
# YAML no ": ", so the line is a text, and the parser stops a line or two later
_HARD_SPACE = re.compile(r"^[ \t]*(?:- )?(?P<key>[^\s:#'\"][^:#]*?):[\u00a0\u2007\u202f]")
# a key with no colon at all, alone on its line ("dose") or before its value ("reps 15")
_NO_COLON = re.compile(r"^(?P<indent> *)(?:- )?(?P<key>[A-Za-z_][\w-]*)(?: +(?P<value>[^:#]*))?$")


def _colon_missed(text: str, line: int) -> tuple[int, str] | None:
    """Where a parser's error at ``line`` comes from a key's colon missed on a line before
    it (the parser reads that line as a text and stops only at the next key), and what to
    write there; None where the error is its line's own."""
    lines = text.split("\n")
    for number in range(min(line, len(lines)), max(line - 3, 0), -1):
        hard = _HARD_SPACE.match(lines[number - 1])
        if hard:
            return number, (f'a non-breaking space follows "{hard["key"].strip()}:", and YAML '
                            "needs an ordinary space after a key's colon; delete the space "
                            "and type it again")
    before = next((n for n in range(line - 1, 0, -1) if lines[n - 1].strip()
                   and not lines[n - 1].lstrip().startswith("#")), None)
    if before is None or line > len(lines):
        return None
    missed = _NO_COLON.match(lines[before - 1].rstrip())
    if not missed:
        return None
    key, value = missed["key"], (missed["value"] or "").strip()
    following = lines[line - 1]
    indent = len(following) - len(following.lstrip(" "))
    if value:  # "reps 15" among keys lined up with it
        if indent != len(missed["indent"]) or not re.match(r" *[^\s:#]+:(?:\s|$)", following):
            return None
        return before, f'"{key}" needs ":" after it ({key}: {value})'
    # "dose" alone, its keys or list under it
    if indent < len(missed["indent"]) or not (re.match(r" *[^\s:#]+:(?:\s|$)", following)
                                              or following.lstrip().startswith("- ")):
        return None
    return before, f'"{key}" needs ":" after it ({key}:), as the lines under it belong to it'


# a value YAML reads as something other than text from its first character on: a text that
# starts so is read up to where that something ends, and the rest of the line is an error
_SIGNS = {
    '"': None, "'": None,  # a quoted text: what follows the closing quote is the error
    "[": "a list", "{": "a set of keys and values", "*": "a reference to another value",
    "&": "a name given to the value", "!": "a tag", "|": "a text on the lines below",
    ">": "a text on the lines below",
}
_VALUE = re.compile(r"^(?P<lead>\s*(?:- +)*(?:[^\s#'\"\[{!&*|>-][^:#]*?:\s+)?)"
                    r"(?P<value>\S.*?)\s*$")


def starts_with_sign(text: str, line: int) -> str | None:
    """What to write where the value on ``line`` (the parser's error's) starts with a sign
    YAML reads as other than text: a quote (`"Little" and often`: the quoted word read as
    the whole text), a bracket, ``*`` (`**Stop** if it hurts`), ``&``, ``!``, ``|`` or
    ``>``; the whole text in quotes. None where the value starts otherwise."""
    found = _signed(text, line)
    return f"{found[0]}; {found[1]}" if found else None


def text_in_quotes(text: str, line: int) -> str | None:
    """``starts_with_sign``'s advice alone: the value on ``line`` written in quotes."""
    found = _signed(text, line)
    return found[1] if found else None


def _signed(text: str, line: int) -> tuple[str, str] | None:
    lines = text.split("\n")
    if not 0 < line <= len(lines):
        return None
    found = _VALUE.match(lines[line - 1])
    if not found or found["value"][0] not in _SIGNS or found["value"].startswith("!!"):
        return None  # !!: one of YAML's own tags, written as one
    value, sign = found["value"], found["value"][0]
    if sign in "\"'":
        end = value.find(sign, 1)
        while sign == "'" and end >= 0 and value[end + 1:end + 2] == "'":  # '' is one '
            end = value.find(sign, end + 2)
        rest = value[end + 1:].lstrip() if end > 0 else ""
        if not rest or rest.startswith(("#", ":", ",", "]", "}")):
            return None  # a whole quoted text: a key, or an item of a list in [ ]
        why = (f"the text starts with a quote, so YAML reads {_shown(value[:end + 1])} as "
               "all of it and cannot read the rest")
    else:
        why = f"a text cannot start with {sign}, which YAML reads as the start of {_SIGNS[sign]}"
    lead = found["lead"].strip()
    return why, f"put the whole text in quotes: {lead + ' ' if lead else ''}{_quoted(value)}"


def _quoted(value: str) -> str:
    if "'" not in value:
        return _shown(f"'{value}'")
    if '"' not in value and "\\" not in value:
        return _shown(f'"{value}"')
    return _shown("'" + value.replace("'", "''") + "'")


_HARD_SPACES = "\u00a0\u2007\u202f\u2000\u2001\u2002\u2003\u2009\u3000"


def _hard_indent(text: str, line: int) -> int | None:
    """The line, at or up to two before ``line``, whose indent holds a space YAML does not
    take for one (a non-breaking space from a word processor): the parser's error comes on
    the line after, where the keys no longer line up."""
    lines = text.split("\n")
    for number in range(min(line, len(lines)), max(line - 3, 0), -1):
        row = lines[number - 1]
        indent = row[:len(row) - len(row.lstrip(" \t" + _HARD_SPACES))]
        if any(c in _HARD_SPACES for c in indent) and row.strip(" \t" + _HARD_SPACES):
            return number
    return None


def _quote_before(text: str, problem) -> yaml.Mark | None:
    """Where a quote opens that the parser read on to ``problem``'s line: the last quoted
    text before it that runs over more than one line and ends there. An opening quote with
    no closing one on its line takes the next quote in the file, often one of another
    entry's many lines below, as its end; the error the parser gives is there."""
    if problem is None:
        return None
    end = text.find("\n", problem.index)
    loader = yaml.SafeLoader(text if end < 0 else text[:end])
    tokens = []
    try:
        while loader.check_token():
            tokens.append(loader.get_token())
    except yaml.YAMLError:
        tokens.extend(loader.tokens)  # scanned, not yet handed on, when the scanner stopped
    finally:
        loader.dispose()
    quoted = [t.start_mark for t in tokens if isinstance(t, yaml.ScalarToken)
              and t.style in ('"', "'") and t.start_mark.line < t.end_mark.line
              == problem.line and t.start_mark.index < problem.index]
    return quoted[-1] if quoted else None


def joined_item(text: str, event: yaml.ScalarEvent, in_list: bool) -> tuple[int, str] | None:
    """A plain text whose next line starts with "- ": a list item indented further than the
    "-" above it, which YAML reads as more of the text above (two steps run together on the
    handout). Its line, and what would be right: the indent that makes it an item."""
    start = event.start_mark
    rows = text[start.index:event.end_mark.index].split("\n")
    offset = next((i for i, row in enumerate(rows) if i and (row.lstrip().startswith("- ")
                                                             or row.strip() == "-")), None)
    if offset is None:
        return None
    first = text[text.rfind("\n", 0, start.index) + 1:start.index].rstrip()
    if in_list and first.endswith("-"):
        right = (f'indent it by {len(first) - 1} spaces, as the "-" above it, to make it an '
                 "item of its own")
    else:
        right = ('if it is part of the text, put the whole text in quotes; a list goes on the '
                 'lines under its key, each item starting with "- "')
    return start.line + 1 + offset, ('this line starts with "- " but is indented further '
                                     "than the line above it, so YAML reads it as more of "
                                     f"that text, not as an item; {right}")


def cut_by_comment(text: str, event: yaml.ScalarEvent) -> str | None:
    """What to write for a plain text that a " #" cut short: YAML reads the rest of its line
    as a comment ("Suite #200, Columbus" printed as "Suite"; "chair #2"). A comment the
    clinic meant, "# like this", a space after its "#", is left as it is."""
    end = event.end_mark.index
    line_end = text.find("\n", end)
    rest = text[end:line_end if line_end >= 0 else len(text)]
    found = re.match(r"[ \t]+#(?P<word>\w\S*)", rest)
    if not found:
        return None
    whole = f"{event.value}{rest.rstrip()}"
    quoted = f"'{whole}'" if '"' in whole else f'"{whole}"'
    return (f'the text stops at " #{found["word"]}": YAML reads a "#" after a space as the '
            f'start of a comment, so only "{_shown(event.value)}" prints; put the whole text '
            f"in quotes: {_shown(quoted)}")


def _shown(value: str) -> str:
    return value if len(value) <= 70 else value[:67] + "..."


_OPENING, _CLOSING = "“‘„‚«", "”’“‘»"


def curly_cut(text: str, event: yaml.ScalarEvent) -> str | None:
    """What to write for an item of a list in [ ] that opens a word processor's curly quote
    and does not close it: YAML's quotes are straight, so the comma inside cut "“Lean
    forward, then stand.”" in two, two tips on the handout."""
    value = event.value
    if not value or value[0] not in _OPENING or any(c in _CLOSING for c in value[1:]) \
            or not re.match(r"\s*[,\]]", text[event.end_mark.index:]):
        return None
    return (f"the text opens a curly quote ({value[0]}) that it does not close: a word "
            "processor's quotes are not YAML's, so a comma in [ ] cut the text in two; "
            "write straight quotes (\" \")")


def curly_quoted(value: str) -> str | None:
    """What is wrong with a text in a word processor's curly quotes where they do harm:
    “(614) 555-0173” printed with its quotes on every page, and was no number to tap."""
    if len(value) >= 2 and value[0] in _OPENING and value[-1] in _CLOSING:
        return (f"is in curly quotes ({value[0]} {value[-1]}), a word processor's, which "
                "print as they are; write straight quotes (\" \") or none")
    return None
