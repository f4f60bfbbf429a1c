"""The words about the log: the sentences over it, saying what each kind of its rows asks,
and page 1's reminder to fill it in or check it off.

The sentences are pieces (``PIECES``), each said where the log has what it speaks of:
boxes to check, a line to mark, a box for each part of the day, a number to write, the
clinic's rows (clinic.yaml's ``log_rows``), the pain row. The plain sentence every log said
before the others came (``log_how``; ``log_how_no_pain`` for a log without its pain row)
says the boxes and the pain in one, and is said in their place where it says all there is;
a clinic's own is kept whole (``keys``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable, NamedTuple

from handouts.render import log_rows
from handouts.render.context import Context
from handouts.resolve import Handout
from handouts.words import text


class Log(NamedTuple):
    """What the sentences over a log depend on."""

    kinds: frozenset[str]  # its exercises' kinds of day (log_rows.kind)
    rows: bool  # the clinic's own rows
    pain: bool  # the pain row
    lines_said: bool  # every language has the words for a line (log_how_lines: optional)


# what the plain sentence does for a piece: SAYS it too (where it says all the log has, it
# is said alone); STANDS_FOR it (a clinic's own plain sentence is said in its place, whole:
# its words would otherwise be lost to the package's); "": nothing (said after it)
SAYS, STANDS_FOR = "says", "stands for"


class Piece(NamedTuple):
    key: str  # the wording key of its sentence
    needs: Callable[[Log], bool]  # whether the log has what it speaks of
    plain: str = ""  # SAYS, STANDS_FOR or ""


PIECES = (
    Piece("log_how_no_pain", lambda log: "box" in log.kinds, SAYS),
    # a language without the words for a line (they are optional) says the boxes' sentence
    # over it, as every log once did
    Piece("log_how_no_pain", lambda log: "line" in log.kinds and not log.lines_said, SAYS),
    Piece("log_how_lines", lambda log: "line" in log.kinds and log.lines_said, STANDS_FOR),
    Piece("log_how_parts", lambda log: "parts" in log.kinds),
    Piece("log_how_numbers", lambda log: "number" in log.kinds),
    Piece("log_how_rows", lambda log: log.rows),
    Piece("log_how_pain", lambda log: log.pain, SAYS),
)


# how a clinic's own plain sentence is kept (``kept``): ALWAYS, whole, in the place of the
# sentences it stands for, where they are the package's; ALONE, in their place where it
# stands for all the log has, where they are not all its own (a language of the clinic's
# own without log_how_no_pain: as every log once said, rather than stop the build)
ALWAYS, ALONE = "always", "alone"


def keys(found: list[Piece], plain: str, kept: str = "") -> list[str]:
    """The keys of the sentences said of the pieces ``found`` (those a log needs), in
    turn, each once: ``plain`` in the place of those it says where it says them all, and of
    those it stands for as ``kept`` says; the others after it."""
    whole = (kept == ALWAYS or all(p.plain == SAYS for p in found)
             or kept == ALONE and all(p.plain for p in found))
    return list(dict.fromkeys(plain if whole and p.plain else p.key for p in found))


def log_how(ctx: Context) -> str:
    """The sentences over the log, in each language of the handout."""
    h = ctx.handout
    return text.both(" ".join(text.part(ctx.say(key), i) for key in said(h))
                     for i in range(len(h.languages)))


def said(h: Handout) -> list[str]:
    """The wording keys of the sentences over the handout's log, in turn."""
    plain = "log_how" if h.log_pain else "log_how_no_pain"
    lines_said = all("log_how_lines" in text.strings(lang, h.wording) for lang in h.languages)
    found = [p for p in PIECES if p.needs(Log(log_rows.kinds(h), bool(h.log_rows), h.log_pain,
                                               lines_said))]
    # a clinic that words the log's sentence its own way ("write how dizzy you felt") keeps
    # it whole where the sentences it stands for are the package's: they would say "pain"
    # under its "Dizziness (0–10)" row (beside its own rows, or a number to write, too)
    whose = [{_whose(h, p.key, lang) for p in found if p.plain} for lang in h.languages
             if _whose(h, plain, lang) == OWN]
    kept = ALWAYS if any(PACKAGE in w for w in whose) else ALONE if any(
        w - {OWN} for w in whose) else ""
    return keys(found, plain, kept)


OWN, PACKAGE = "own", "package"


def _whose(h: Handout, key: str, language: str) -> str | None:
    """Whose words ``key`` is in ``language``: the clinic's OWN files', the PACKAGE's, or
    None where the language has no such key."""
    at = text.located(language, key, h.wording)
    if at is None:
        return None
    own = h.wording.own
    return OWN if at.file and own and Path(at.file).is_relative_to(own) else PACKAGE


def reminder(ctx: Context) -> str:
    """The key of page 1's words on the log: to fill it in (``log_reminder_write``) where it
    asks for numbers to write, in a language whose wording has those words; else to check
    each exercise off (``log_reminder``)."""
    h = ctx.handout
    if h.log_writes and all("log_reminder_write" in text.strings(lang, h.wording)
                            for lang in h.languages):
        return "log_reminder_write"
    return "log_reminder"
