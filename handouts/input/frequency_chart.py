"""How often as a chart writes it, made the words frequency.py reads: the Latin a US
therapist writes ("TID", "b.i.d.", "q2h"), as "prn" is as needed, and hours abbreviated
("every 2 hrs", "every 2h", "every hr")."""

from __future__ import annotations

import re

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
