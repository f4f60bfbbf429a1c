"""What a language code is, which languages are written right to left, and where English is
written the US way (and dates month first, printed and read): known before any wording is
read (the models check a program's codes; the wording may say otherwise about direction, see
text.writes_right_to_left)."""

# A language is its ISO 639 code: two letters where the language has them (es), three where
# it has only those (hmn Hmong, prs Dari, yue Cantonese, kar Karen).
CODE = r"^[a-z]{2,3}$"

# written right to left, unless a clinic's wording says otherwise (``direction:``); a locale's
# region does not change it
RIGHT_TO_LEFT = frozenset({"ar", "arc", "azb", "bal", "bqi", "ckb", "dv", "fa", "glk", "he",
                           "ks", "lrc", "mzn", "nqo", "pnb", "prs", "ps", "sd", "sdh", "skr",
                           "syr", "ug", "ur", "yi"})

# where English is written the US way (program, December 3, 2026); in every other country
# it is written the British way (programme, 3 December 2026): see text.layers
US_WAY = frozenset({"US", "CA", "PH", "PR", "GU", "VI", "AS", "MP", "UM"})


def us_way(locale: str | None) -> bool:
    """Whether a clinic of ``locale`` writes English the US way, dates month first: in a
    US_WAY country, or where it names none (no locale, ``en``, ``fr``)."""
    country = (locale or "").partition("-")[2]
    return not country or country in US_WAY


def day_first(locale: str | None) -> bool:
    """Whether a clinic of ``locale`` writes a date such as 03/12/2026 day first, as its
    handouts print dates: an English clinic as its English prints them (3 December 2026
    outside the US way, see ``us_way``); a clinic of another language day first, as its
    language does, but in the US."""
    language, _, country = (locale or "").partition("-")
    if language in ("", "en"):
        return not us_way(locale)
    return country != "US"


def is_code(name: str) -> bool:
    return 2 <= len(name) <= 3 and name.isascii() and name.isalpha() and name.islower()
