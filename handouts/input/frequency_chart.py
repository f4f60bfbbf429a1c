"""How often as a chart writes it, made the words frequency.py reads: the Latin a US
therapist writes ("TID", "b.i.d.", "q2h"), as "prn" is as needed, and hours abbreviated
("every 2 hrs", "every 2h", "every hr"); times before their "x" ("x2/day"), "/d" for a day
and two times of day joined by "&" or a slash ("AM/PM")."""

from __future__ import annotations

import re

from handouts.lazy_patterns import CompiledOnFirstUse as first_use

LATIN = {"bid": "2 times a day", "tid": "3 times a day", "qid": "4 times a day"}
# Not QD and QOD: the Joint Commission's "do not use" list, as either is misread as the other
# or as QID; the patient would do it four times a day or every other day. Refused, naming
# what to write
DO_NOT_USE = {"qd": "once a day", "qod": "every other day"}


def hours(piece: str) -> str:
    """A part of how often (lower case) with a chart's hours and minutes in words: "q2h",
    "q4h", "q2-3h" every so many hours, "q30min" every so many minutes, "hrs", "hr" and
    "h" after a number hours."""
    latin = re.match(r"^q\s*(\d+(?:\s*-\s*\d+)?)\s*(?:(?P<hours>h|hrs?|hours?)|mins?|minutes?)$",
                     piece.replace(".", ""))
    if latin:
        return f"every {latin[1]} {'hours' if latin['hours'] else 'minutes'}"
    piece = re.sub(r"(?<=\d)\s*(?:hrs?|h)\b", " hours", piece)
    return re.sub(r"^every hr\b", "every hour", piece)


# (compiled on first use: a cold build reads its library's doses from the cache)
# "morning & evening", "AM/PM": two times of day, as "and" joins them
_JOINED = first_use(r"\s*&\s*", 0)
_TIMES_SLASHED = first_use(r"\b(am|pm|a\.m\.|p\.m\.|morning|evening|night|bedtime)\s*/\s*"
                           r"(?=(?:am|pm|morning|evening|night|bedtime)\b|a\.m\.|p\.m\.)",
                           re.IGNORECASE)
_PER_D = first_use(r"/\s*d$", 0)  # "2x/d"
# "x2/day", "x 3 a week": the times before their "x" (not "x 6 wks", which says for how long)
_TIMES_FIRST = first_use(r"^[x×]\s*(\d+(?:\s*(?:-|–|—|to)\s*\d+)?)\s*"
                         r"(?=/|(?:a|per|daily|each|every)\b)", 0)


def joined(text: str) -> str:
    """How often with its times of day joined by "and" where a chart writes "&" or "/"."""
    return _TIMES_SLASHED.sub(r"\1 and ", _JOINED.sub(" and ", text))


def times(piece: str) -> str:
    """A part of how often with a chart's times as frequency.py reads them: "x2/day" as
    "2x /day", "2x/d" as "2x/day"."""
    return _PER_D.sub("/day", _TIMES_FIRST.sub(r"\1x ", piece))
