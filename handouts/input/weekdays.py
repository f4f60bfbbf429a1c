"""Days of the week named for how often ("M/W/F", "Mon, Wed, Fri", "TTh", "weekdays"), as
a chart gives them. A handout's log counts its days from the handout's date, not by name,
so the patient picks the days; what to write is said as so many days a week."""

from __future__ import annotations

import re

_NAMES = {
    "mon": ("m", "mo", "mon", "monday", "mondays"),
    "tue": ("t", "tu", "tue", "tues", "tuesday", "tuesdays"),
    "wed": ("w", "we", "wed", "weds", "wednesday", "wednesdays"),
    "thu": ("th", "thu", "thur", "thurs", "thursday", "thursdays", "r"),
    "fri": ("f", "fr", "fri", "friday", "fridays"),
    "sat": ("sa", "sat", "saturday", "saturdays"),
    "sun": ("su", "sun", "sunday", "sundays"),
}
_DAY_OF = {name: day for day, names in _NAMES.items() for name in names}
# "MWF", "TTh", "MTWThF": the days run together, as a chart writes them
_RUN_TOGETHER = re.compile(r"^(?:m|tu|th|t|w|r|f|sa|su){2,7}$")
_ONE_OF_RUN = re.compile(r"m|tu|th|t|w|r|f|sa|su")
# Monday to Friday, said as the days between
_WEEKDAYS = re.compile(r"\b(?:(?:on\s+|every\s+)?week\s?days|every\s+weekday|(?:m|mon|monday)"
                       r"\s*(?:-|–|to|through|thru)\s*(?:f|fri|friday))\b")


def problem(text: str) -> str | None:
    """What to write for a frequency that names days of the week; None where it names none.
    Said as not a frequency first, so that another language's words are still tried."""
    lowered = text.lower()
    if _WEEKDAYS.search(lowered):
        days = 5
    else:
        words = re.split(r"[\s,/&;+.-]+|\band\b", lowered)
        named = [_DAY_OF[word] for word in words if word in _DAY_OF]
        named += [day for word in words if word not in _DAY_OF and _RUN_TOGETHER.match(word)
                  for day in _ONE_OF_RUN.findall(word)]  # "t" twice: Tuesday and Thursday
        # one letter alone ("f") is no day named: "every 2 hours, f" is a slip, not Friday
        if len(named) < 2 and not any(len(word) > 2 and word in _DAY_OF for word in words):
            return None
        days = len(named)
    if days > 7:
        return None
    return (f'"{text}" is not a frequency: it names days of the week; write how many days in '
            f'their place ("{days} {"day" if days == 1 else "days"} a week"): the log counts '
            "days from the handout's date, and the patient picks them")
