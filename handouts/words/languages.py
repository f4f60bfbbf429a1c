"""What a language code is, which languages are written right to left, where English is
written the US way, and where a roster's dates are read month first: known before any
wording is read (the models check a program's codes; the wording may say otherwise about
direction, see text.writes_right_to_left), and the emergency number a country calls, which
a library text names as ``{emergency}``."""

import re
from typing import Sequence

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


# where numbers write a date month first (12/03/2026) in any language: a US clinic's
# scheduling system, its forms and its patients' cards and IDs write dates so, and its
# computers are set up so, whatever language its handouts speak (CLDR's es-US, d/M/y, is
# how Spanish is written elsewhere, not how a US front desk types a date of birth)
MONTH_FIRST = frozenset({"US", "PR", "GU", "VI", "AS", "MP", "UM"})


def day_first(locale: str | None) -> bool:
    """Whether a clinic of ``locale`` reads a date such as 03/12/2026 day first. The
    locale alone decides, never the wording (its ``date_long``): month first in the US
    and its territories (``MONTH_FIRST``), whatever the language; an English clinic as its
    English is written (month first the US way, see ``us_way``: en-CA, en-PH, no country;
    day first elsewhere); a clinic of another language elsewhere day first."""
    language, _, country = (locale or "").partition("-")
    if language in ("", "en"):
        return not us_way(locale)
    return country not in MONTH_FIRST


# where a date is written year first, and with what between its numbers: 2026/12/03 in Japan,
# China and Taiwan, 2026. 12. 3. in Korea, 2026.12.03. in Hungary, 2026-12-03 in Lithuania.
# A roster's date written so is read in every clinic (roster_dates.YEAR_FIRST); these
# clinics' clinic.yaml gives it as its example
YEAR_FIRST = {"ja": "/", "zh": "/", "ko": ".", "hu": ".", "lt": "-", "mn": "."}


def roster_example(locale: str | None) -> str:
    """3 December 2026 as a roster of a clinic of ``locale`` most likely writes it: year first
    where its language writes dates so, else in the order ``day_first`` reads."""
    sep = YEAR_FIRST.get((locale or "").partition("-")[0])
    if sep:
        return f"2026{sep}12{sep}03"
    return "03/12/2026" if day_first(locale) else "12/03/2026"


def tag(language: str, locale: str | None) -> str:
    """Words in ``language`` as a BCP 47 tag names them (a PDF's /Lang, a page's lang): the
    clinic's locale where that is of the same language (en-CA: a screen reader reads them
    in Canadian English), else the language alone. A Spanish text of an Irish clinic is
    ``es``, not ``es-IE``: it would claim a Spanish of Ireland, and the words are the
    library's Spanish, written for no one country."""
    if locale and locale.partition("-")[0] == language:
        return locale
    return language


# The number the safety box's first line says to call, by the locale's country. 112 is the
# European one (and reaches help from a mobile phone in most countries); a clinic with no
# locale writes English the US way, so 911.
EMERGENCY = {**dict.fromkeys(("US", "CA", "PH", "MX", "PR", "GU", "VI", "AS", "MP"), "911"),
             "GB": "999", "AU": "000", "NZ": "111",
             # an ambulance where 112 reaches none, or only the police (Japan's mobiles)
             **dict.fromkeys(("JP", "KR", "TW"), "119"), "CN": "120", "HK": "999",
             "MO": "999", "MY": "999", "SG": "995", "BR": "192"}


def emergency_number(locale: str | None) -> str:
    """The emergency number of the country ``locale`` names (911 where it names none)."""
    country = _country(locale)
    return EMERGENCY.get(country, "112") if country else "911"


def emergency_written(number: str) -> re.Pattern:
    """``number`` as a clinic may write it in a text: run together ("911"), or its digits
    kept apart by one same mark ("9-1-1", "9 1 1", "9.1.1"), as US posters and scripts
    spell it so that no one dials "nine hundred eleven". Not a part of a longer number
    ("1-800-911-…", "9110"), nor a group of one: a phone number's ("555 911 2345", "(555)
    911 2345"), a thousand's ("1,000", "1 000"). A count of one or two digits after a space
    is not a phone number's group ("Call 911 24 hours a day")."""
    apart = r"(?P<gap>[-\u2011.\s]?)" + "(?P=gap)".join(re.escape(d) for d in number[1:])
    return re.compile(rf"(?<![\d+\-\u2011])(?<!\d[.,\s]){re.escape(number[0])}{apart}"
                      r"(?![\d\-\u2011]|[.,]\d|\s\d{3})")


def _country(locale: str | None) -> str | None:
    return locale.split("-")[-1].upper() if locale and "-" in locale else None


# A made-up street address as it is written in each country of EMERGENCY, and its time zone
# (the most populous, for a country of several): the starter's clinic.yaml shows them in its
# comments, where a Brazilian clinic was shown "1 Main Street, Springfield" and
# America/Los_Angeles. Kept to EMERGENCY's countries, which a test holds.
PLACES = {
    "US": ("1 Main Street, Springfield", "America/Los_Angeles"),
    "CA": ("1 Main Street, Toronto, ON M5V 1A1", "America/Toronto"),
    "PH": ("1 Rizal Street, Makati City", "Asia/Manila"),
    "MX": ("Av. Juárez 1, Centro, Ciudad de México", "America/Mexico_City"),
    "PR": ("1 Calle Luna, San Juan, PR 00901", "America/Puerto_Rico"),
    "GU": ("1 Marine Corps Drive, Hagåtña, GU 96910", "Pacific/Guam"),
    "VI": ("1 Main Street, Charlotte Amalie, VI 00802", "America/St_Thomas"),
    "AS": ("1 Main Road, Pago Pago, AS 96799", "Pacific/Pago_Pago"),
    "MP": ("1 Beach Road, Saipan, MP 96950", "Pacific/Saipan"),
    "GB": ("1 High Street, Oxford OX1 1AA", "Europe/London"),
    "AU": ("1 George Street, Sydney NSW 2000", "Australia/Sydney"),
    "NZ": ("1 Queen Street, Auckland 1010", "Pacific/Auckland"),
    "JP": ("東京都千代田区丸の内1-1-1", "Asia/Tokyo"),
    "KR": ("서울특별시 중구 세종대로 1", "Asia/Seoul"),
    "TW": ("臺北市中正區重慶南路一段1號", "Asia/Taipei"),
    "CN": ("北京市东城区长安街1号", "Asia/Shanghai"),
    "HK": ("1 Queen's Road Central, Hong Kong", "Asia/Hong_Kong"),
    "MO": ("Avenida de Almeida Ribeiro 1, Macau", "Asia/Macau"),
    "MY": ("1 Jalan Sultan Ismail, 50250 Kuala Lumpur", "Asia/Kuala_Lumpur"),
    "SG": ("1 Orchard Road, Singapore 238823", "Asia/Singapore"),
    "BR": ("Rua das Flores, 100, São Paulo – SP", "America/Sao_Paulo"),
}


def example_place(locale: str | None) -> tuple[str, str] | None:
    """(an address, a time zone) as a clinic of ``locale`` writes them, for an example: the
    US's where it names no country; None for a country not in PLACES."""
    country = _country(locale)
    return PLACES.get(country) if country else PLACES["US"]


# What a library text writes for the emergency number, so that one library shared by clinics
# in several countries prints each clinic's own. One brace, not jinja2's two: library text is
# no template (nothing in it runs), and this exact token is all that is replaced in it.
EMERGENCY_TOKEN = "{emergency}"
# the clinic's own phone, as page 1 prints it: "call us on {phone}" in a splint topic
PHONE_TOKEN = "{phone}"
TOKENS = (EMERGENCY_TOKEN, PHONE_TOKEN)
# not inside more braces: "{{emergency}}", written as for a template, prints as typed, as
# every other brace does, rather than as "{999}"
_TOKEN = re.compile(r"(?<!\{)\{(emergency|phone)\}(?!\})")


def with_emergency_number(text: str, number: str, phone: str | None = None) -> str:
    """``text`` with every ``{emergency}`` in it the emergency number ``number``, and every
    ``{phone}`` the clinic's ``phone`` (as typed where none is given): plain text in, plain
    text out, to be escaped as the rest of the text is."""
    if "{" not in text:
        return text
    numbers = {"emergency": number, "phone": phone}
    return _TOKEN.sub(lambda m: numbers[m[1]] if numbers[m[1]] is not None else m[0], text)


def is_code(name: str) -> bool:
    return 2 <= len(name) <= 3 and name.isascii() and name.isalpha() and name.islower()


def _cldr(language: str, locale: str | None) -> list[str]:
    """The CLDR locales to try for ``language`` in the clinic's country, the best first."""
    country = (locale or "").partition("-")[2]
    return ([f"{language}_{country}"] if country else []) + [language]


def long_date(day, language: str, locale: str | None,
              months: Sequence[str] | None = None) -> str | None:
    """A date as CLDR's long form writes it in ``language`` (in the clinic's country where
    CLDR knows the two together): "23 de novembro de 2026"; None for a language CLDR does
    not know. For a language neither the staff words nor the handouts' wording have months
    in (a Brazilian clinic's own Portuguese staff words), not English's; ``months``: the
    clinic's own, in CLDR's order (its own words with months but no date_long took
    English's order, "Novembro 23, 2026")."""
    from babel.core import Locale, UnknownLocaleError
    from babel.dates import format_date, get_date_format

    for name in _cldr(language, locale):
        try:
            cldr = Locale.parse(name)
            if not months:
                return format_date(day, "long", locale=cldr)
            month = "'" + months[day.month - 1].replace("'", "''") + "'"
            pattern = re.sub(r"M{3,}|L{3,}", month, get_date_format("long", cldr).pattern)
            return format_date(day, pattern, locale=cldr)
        except (UnknownLocaleError, ValueError):
            continue
    return None


def time_of_day(when, language: str, locale: str | None) -> str:
    """A time of day (a datetime's) as a clock of the clinic's country shows it, in
    ``language``: 21:50 in France, 9:50 PM in the US and with no locale, 21 h 50 in Quebec,
    21:50 on an English page of a German clinic (CLDR's short time, from Babel, imported here
    on first use as plurals does: a build never needs it). A locale CLDR does not know (a
    region the language is not written in there) is told as the language alone tells it."""
    from babel.core import Locale, UnknownLocaleError
    from babel.dates import format_time

    for name in _cldr(language, locale) + ["en"]:
        try:
            return format_time(when, "short", locale=Locale.parse(name))
        except (UnknownLocaleError, ValueError):
            continue
    return f"{when:%H:%M}"
