"""A date with its month named, as a spreadsheet's long format or a desk writes one ("Dec 7,
2026", "7 December 2026", "07-Dec-2026", "7 de diciembre de 2026", "7. Dezember 2026"), as
YYYY-MM-DD. The month's name leaves no doubt of the order of day and month, so it is read in
every clinic; a year of two digits ("7-Dec-26") is refused with the two years it could be,
as a date in numbers is (roster_dates). Read in English and the languages a roster is headed
in (columns.HEADINGS); only read so: a handout prints its dates as it always has.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from handouts.errors import HandoutError, Location, Problem
from handouts.input.month_days import four_digits, no_year, past_month_end

# each month's names and short forms, January first: English, Spanish, French, Portuguese,
# German, without their accents (see _bare)
_NAMES = (
    "january jan enero ene janvier janv janeiro jan januar",
    "february feb febrero fevrier fevr fev fevereiro februar",
    "march mar marzo mars marco marz",
    "april apr abril abr avril avr",
    "may mayo mai maio",
    "june jun junio juin junho juni",
    "july jul julio juillet juil julho juli",
    "august aug agosto ago aout agosto august",
    "september sep sept septiembre set septembre setembro",
    "october oct octubre octobre outubro out oktober okt",
    "november nov noviembre novembre novembro",
    "december dec diciembre dic decembre dezembro dez dezember",
)
_MONTH = {name: number for number, names in enumerate(_NAMES, 1) for name in names.split()}

_WORD = r"(?P<month>[^\W\d_]{3,10})\.?"
# "Dec 7, 2026", "December 7 2026", "Dec. 07, 2026"
_MONTH_FIRST = re.compile(rf"^{_WORD}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+"
                          r"(?P<year>\d{2}|\d{4})$")
# "Dec 7", "7 December", "7 de diciembre": no year, which is not guessed
_NO_YEAR = re.compile(rf"^(?:{_WORD}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?|(?P<day2>\d{{1,2}})"
                      rf"(?:st|nd|rd|th)?\.?(?:\s+de\s+|[\s-]+)"
                      + _WORD.replace("month", "month2") + ")$")
# "7 Dec 2026", "07-Dec-2026", "7. Dezember 2026", "7 de diciembre de 2026", "7 déc. 2026"
_DAY_FIRST = re.compile(rf"^(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\.?(?:\s+de\s+|[\s-]+){_WORD}"
                        r"(?:\s+de\s+|[\s,-]+)(?P<year>\d{2}|\d{4})$")


def _bare(word: str) -> str:
    """``word`` in lower case without its accents: "Déc" as "dec", "März" as "marz"."""
    return "".join(c for c in unicodedata.normalize("NFKD", word.casefold())
                   if not unicodedata.combining(c))


def named_month_date(value: str, field: str = "date") -> str | None:
    """``value`` as YYYY-MM-DD where it names its month; None where it does not. One that is
    no date, or whose year has two digits, is a problem at ``field``, quoted as typed."""
    text = " ".join(value.split())
    found = _MONTH_FIRST.match(text) or _DAY_FIRST.match(text)
    month = _MONTH.get(_bare(found["month"])) if found else None
    if not month:
        return _no_year(value, text, field)
    day, year = int(found["day"]), found["year"]
    if len(year) == 2:
        at = found.start("year")
        raise HandoutError(Problem(Location(path=field),
                                   four_digits(value, text[:at], year, field)))
    try:
        return dt.date(int(year), month, day).isoformat()
    except ValueError:
        short = past_month_end(int(year), month, day)
        raise HandoutError(Problem(Location(path=field), (
            f'"{value}" is not a date' + (f": {short}; check the day" if short else
                                          "; check the day")))) from None


def _no_year(value: str, text: str, field: str) -> None:
    """None, or the problem of a month named with a day and no year ("Dec 7")."""
    found = _NO_YEAR.match(text)
    if found and _MONTH.get(_bare(found["month"] or found["month2"])):
        # as the year follows its month where the date has one: "Dec 7, 2026", "7-Dec-2026",
        # "7 de diciembre de 2026", "7 December 2026"
        joint = ", " if found["month"] else "-" if "-" in text else " de " if " de " in text \
            else " "
        raise HandoutError(Problem(Location(path=field), no_year(value, text + joint, field)))
    return None
