"""What ``check`` says of a clinic's own date wording that its rosters read the other way
round: a ``date_long`` that prints the day first where a locale with no country reads
03/12/2026 month first, or the other way."""

from __future__ import annotations

from handouts.errors import HandoutError, Problem


def date_order_warnings(wording, language: str) -> list[str]:
    """A clinic's own ``date_long`` that prints day and month the other way round from how
    its rosters are read, where its locale names no country: the locale alone decides the
    order (``languages.day_first``; a US clinic's Spanish prints 3 de diciembre and reads
    12/03 month first), but with no country it decides by default, and a clinic that prints
    3 December and left the locale out reads 03/12/2026 as March 12 without a word. Only
    the clinic's own ``language``: its front desk's (a US clinic's Arabic for some patients
    prints 23 نوفمبر and says nothing of how its desk types dates)."""
    import datetime as dt

    from handouts.words import languages, text

    if wording.locale and "-" in wording.locale:
        return []  # the clinic said where it is
    reads_day_first = languages.day_first(wording.locale)
    if language not in text.languages(wording):
        return []
    try:  # the wording as the handouts read it, read once for them all
        at = text.located(language, "date_long", wording)
    except HandoutError:
        return []  # its problems are check's errors
    if at is None or at.file not in {str(path) for path, clinics
                                     in text.layers(language, wording) if clinics}:
        return []  # the package's, which follows the locale
    try:
        months = text.strings(language, wording)["months"]
        printed = text.phrase(language, "date_long", wording, date=dt.date(2026, 11, 23),
                              months=months)
    except (HandoutError, KeyError, IndexError, TypeError):
        return []
    day, month = printed.find("23"), max(printed.find(str(months[10])), printed.find("11"))
    if -1 in (day, month) or (day < month) == reads_day_first:
        return []
    named = (f'clinic.yaml\'s locale "{wording.locale}" names no country' if wording.locale
             else "clinic.yaml names no locale")
    other = "day" if day < month else "month"
    example = (f'"{language}-US"' if other == "month"  # only a locale such as fr
               else '"en-GB", "en-AU"' if language == "en"
               else f'"{language}-" and your country\'s two letters')
    return [str(Problem(
        at, f'prints the {other} first ("{printed}"), but {named}, so a '
        f"roster's 03/12/2026 reads {'month' if other == 'day' else 'day'} first "
        f"({'March 12' if other == 'day' else '3 December'}); if your front desk types "
        f"dates {other} first, name your country in clinic.yaml's locale (e.g. {example})"))]
