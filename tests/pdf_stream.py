"""The operations of a PDF content stream that a text reading needs, scanned with regular
expressions (reportlab's streams are regular): a tenth of the time pypdf takes to tokenize a
page's every operator in Python. Shared by pdf_text."""

from __future__ import annotations

import re


class Unreadable(Exception):
    """The page's text cannot be read here as pypdf reads it."""


# outside a text object only these operators change what the reading sees; the rest (paths,
# colours) is most of a page's stream, and skipping it in one regular expression is what
# makes this reading fast (an operator stands between white space)
_OUTER = re.compile(rb"(?<!\S)(BT|q|Q|cm|Do|BI)(?!\S)")
# one operation inside a text object: its operands (read only where the reading needs them)
# and its operator; reportlab escapes every parenthesis inside a string, so none nests
_STRING = rb"\((?:[^\\()]|\\.)*\)"
_OPERATION = re.compile(rb"""
    (?P<operands>(?:%s|<[^>]*>|\[(?:%s|[^\]()])*\]|/[^\s/\[\]()<>{}%%]*|[-+.\d]+|\s+)*)
    (?P<operator>[A-Za-z'"*]+)
""" % (_STRING, _STRING), re.VERBOSE | re.DOTALL)
# a string or a number among a Tj's or TJ's operands
ELEMENT = re.compile(rb"%s|<[0-9A-Fa-f\s]*>|[-+]?(?:\d+\.?\d*|\.\d+)" % _STRING)
_ESCAPE = re.compile(rb"\\([0-7]{1,3}|\r\n|.)", re.DOTALL)
_ESCAPED = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f",
            b"\r\n": b"", b"\n": b"", b"\r": b""}
SHOW = {b"Tj", b"TJ", b"'", b'"'}
# as pypdf: a stream without any of these shows no text (pypdf skips it unparsed)
TEXT_OPERATOR = re.compile(rb"Tj|TJ|Do|'|\"")


def operations(data: bytes):
    """(operands, operator) of the operations the reading needs, in order: every one inside
    BT ... ET (its operands as they are written), and q, Q, cm and Do outside."""
    position = 0
    while (outer := _OUTER.search(data, position)) is not None:
        operator, position = outer.group(1), outer.end()
        if operator == b"BT":
            yield b"", b"BT"
            for match in _OPERATION.finditer(data, position):
                yield match.group("operands"), match.group("operator")
                if match.group("operator") == b"ET":
                    position = match.end()
                    break
            else:
                return
        elif operator == b"cm":
            yield data[max(0, outer.start() - 200):outer.start()].split()[-6:], b"cm"
        elif operator == b"Do":
            yield data[max(0, outer.start() - 200):outer.start()].split()[-1:], b"Do"
        elif operator == b"BI":
            raise Unreadable("an inline image")
        else:
            yield b"", operator


def string(token: bytes) -> bytes:
    """A literal or hex string's bytes."""
    if token[:1] == b"<":
        hexes = re.sub(rb"\s", b"", token[1:-1])
        return bytes.fromhex((hexes + b"0" * (len(hexes) % 2)).decode())
    return unescaped(token[1:-1])


def unescaped(literal: bytes) -> bytes:
    """The bytes of a literal string written between parentheses."""
    return _ESCAPE.sub(lambda m: bytes([int(m.group(1), 8) & 255]) if m.group(1)[:1].isdigit()
                       else _ESCAPED.get(m.group(1), m.group(1)), literal)
