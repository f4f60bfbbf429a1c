"""A file's bytes as text: UTF-8 (a spreadsheet's byte order mark or not), or UTF-16 or
UTF-32 where the file says so at its start (Excel's "Unicode Text", Notepad's "Unicode");
else one line saying what the file looks like and how to save it. Text with NULs in it is
no text: a UTF-16 file that does not say so at its start read as UTF-8 printed its header as
"N\\x00a\\x00m\\x00e", and a binary file that starts as UTF-16 does read as Chinese."""

from __future__ import annotations

import pathlib

from handouts.errors import HandoutError, Location, Problem

# files that are not text at all, by their first bytes: what a clinic's computer saves when
# "Save" rather than "Save As" plain text was chosen, or the wrong file was picked
_NOT_TEXT = ((b"PK\x03\x04", "a workbook or document (.xlsx, .docx, .ods)"),
             (b"\xd0\xcf\x11\xe0", "an older Excel or Word file (.xls, .doc)"),
             (b"%PDF", "a PDF"))
# a picture or a photo picked by mistake: a PNG was said to look like UTF-32
_PICTURES = ((b"\x89PNG", "a picture (PNG)"), (b"\xff\xd8\xff", "a photo (JPEG)"),
             (b"GIF8", "a picture (GIF)"))
_SPREADSHEETS = (".csv", ".tsv", ".txt", ".xlsx", ".xls", ".ods")
# the marks a file's start says its encoding with; UTF-32's first, as UTF-16's little-endian
# mark starts UTF-32's
_MARKED = ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
           (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


def decoded(path: pathlib.Path, data: bytes) -> str:
    """The text of ``data``, the bytes of the file ``path``; HandoutError: one line."""
    for start, what in _NOT_TEXT:
        if data.startswith(start):
            raise HandoutError(Problem(Location(str(path)), f"{what}, not plain text; "
                                       f"{how_to_save(path)}"))
    for start, what in _PICTURES:
        if data.startswith(start):
            raise HandoutError(Problem(Location(str(path)), f"{what}, not text; give the "
                                       "file that holds the text (a program or a roster)"))
    encoding = next((name for mark, name in _MARKED if data.startswith(mark)), "utf-8-sig")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        if encoding != "utf-8-sig" or b"\x00" in data:
            raise HandoutError(_not_text(path, data)) from None
        raise HandoutError(_not_utf8(path, data, exc.start)) from None
    if _binary(text, marked=encoding != "utf-8-sig", data=data):
        raise HandoutError(_not_text(path, data))
    return text


def _binary(text: str, marked: bool, data: bytes) -> bool:
    """Whether ``text`` is no text, though it decoded: a file marked UTF-16 that has control
    characters (a binary file that happens to start as one), or one read as UTF-8 whose NULs
    fall as UTF-16's do, or are many. One stray NUL in a roster is its row's problem (the
    other rows are still read), shown as \\x00."""
    if marked:
        return any(ch < " " and ch not in "\t\n\r" for ch in text)
    if "\x00" not in text:
        return False
    return _looks_like(data) is not None or text.count("\x00") > len(text) // 100


def how_to_save(path: pathlib.Path) -> str:
    if path.suffix.lower() in _SPREADSHEETS:
        return 'save the file as UTF-8 (in Excel, Save As "CSV UTF-8")'
    return 'save the file as UTF-8 (in a text editor, Save As with the encoding "UTF-8")'


def _not_text(path: pathlib.Path, data: bytes) -> Problem:
    """A file with NULs in it: UTF-16 or UTF-32 that does not say so at its start (their
    every English letter has NULs beside it, in a pattern), or no text at all."""
    looks = _looks_like(data)
    said = (f"this file is not UTF-8 text (it looks like {looks}); " if looks else
            "this file is not text (the wrong file?); ")
    return Problem(Location(str(path)), said + how_to_save(path))


def _looks_like(data: bytes) -> str | None:
    """UTF-16 or UTF-32 by where a sample's NULs fall: beside each English letter, every
    second byte or three of every four."""
    sample = data[:4096]
    sample = sample[:len(sample) // 4 * 4]
    if len(sample) < 4:
        return None
    nuls = [sum(1 for b in sample[i::4] if b == 0) / (len(sample) // 4) for i in range(4)]
    if min(nuls[0], nuls[1], nuls[2]) > 0.7 or min(nuls[1], nuls[2], nuls[3]) > 0.7:
        return "UTF-32"
    if min(nuls[1], nuls[3]) > 0.7 or min(nuls[0], nuls[2]) > 0.7:
        return "UTF-16"
    return None


def _not_utf8(path: pathlib.Path, data: bytes, at: int) -> Problem:
    """Where a file stops being UTF-8 (a spreadsheet's "CSV" or an editor's "ANSI" is often
    Windows-1252: an accented name is the first byte that is not), and how to save it."""
    line_start = data.rfind(b"\n", 0, at) + 1
    column = len(data[line_start:at].decode("utf-8", "replace")) + 1
    return Problem(Location(str(path), data.count(b"\n", 0, at) + 1),
                   f"column {column}: not UTF-8 text; {how_to_save(path)}")
