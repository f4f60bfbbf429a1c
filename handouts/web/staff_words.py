"""The staff pages' own words (sign-in, the build form, its preview, the error pages) in
the clinic's language: ``words/<lang>.yaml`` beside this module, one text per key, English's
for a key or a language that has none; the page's ``lang`` to match; and the date boxes'
pattern in the clinic's order of day and month.

Not jinja2's i18n extension and gettext: the project's words in other languages are YAML
files looked up by key (``strings.<lang>.yaml``, the roster's headings), read and checked
without a compile step, so these are too. They are the staff's, not the patient's, so they
stay out of ``words/`` (every word a handout prints); a clinic gives its own in its folder,
``staff_words.<lang>.yaml`` beside its ``strings.<lang>.yaml`` (handouts/staff_wording.py
reads them, and `check` says what is wrong with one), key by key over these.
"""

from __future__ import annotations

import re
from typing import Any, Mapping

from markupsafe import Markup

import handouts as api
from handouts.errors import leave_out

# the package's staff words in a language ({} where it has none): handouts/staff_wording.py
catalogue = api.staff_catalogue

# French sets a space before ":" ";" "?" "!" and inside « »: one no line may break at, so
# that a mark never starts a line; a narrow one before all but the colon, as French
# typesetting does (and the handouts' French: render/context.py ties them the same way)
_FRENCH_SPACE = re.compile(r" +([;?!»])|(«) +| +(:)")


def page_language(clinic, own: Mapping[str, Mapping[str, str]] | None = None) -> str:
    """The staff's language: the clinic's locale's (fr-CA: fr), else, where it names none,
    the language its handouts print in first; English where neither this package nor the
    clinic (``own``: its staff_words.<lang>.yaml) has words in it (a de-DE clinic's staff
    get English, never the Spanish its handouts may print in)."""
    wanted = (clinic.locale or "").partition("-")[0] or clinic.language[0]
    return wanted if catalogue(wanted) or (own or {}).get(wanted) else "en"


def page_said(key: str, **fill: Any) -> str:
    """The words ``key`` in the running app's staff language (see ``Words``): for what the
    Python behind a page writes into it, a button's notice."""
    from flask import current_app

    return current_app.jinja_env.globals["t"](key, **fill)


def _french(text: str) -> str:
    return _FRENCH_SPACE.sub(lambda m: f"\u202f{m[1]}" if m[1] else f"{m[2]}\u202f" if m[2]
                             else f"\u00a0{m[3]}", text)


def date_pattern(clinic, t) -> tuple[str, str]:
    """The date boxes' placeholder and the form its hint names: year first where the clinic
    reads 03/12/2026 month first (the US way: the placeholder as it always was) or writes
    dates year first (Japan; Canada, whose standard, Quebec's official form too, is
    AAAA-MM-JJ), with the day-first form it also reads beside it in Canada; else day first,
    JJ/MM/AAAA to a French desk in France. ``t``: the page's words."""
    year, month, day = t("date_letters").split()
    iso, by_day = f"{year}-{month}-{day}", f"{day}/{month}/{year}"
    if not clinic.day_first or api.date_example(clinic.locale).startswith("2026"):
        return iso, ""
    if (clinic.locale or "").endswith("-CA"):
        return iso, t("date_or", first=iso, second=by_day)
    return by_day, by_day


class _Kept(dict):
    """What fills a text with nothing given: each {name} as it was."""

    def __missing__(self, name: str) -> str:
        return "{%s}" % name


class Words:
    """A page's words: ``t("sign_in")`` in the templates, in the clinic's language: the
    clinic's own (``own``, by language: its staff_words.<lang>.yaml) over the package's,
    English's (the clinic's, else the package's) for a key neither has."""

    def __init__(self, clinic, own: Mapping[str, Mapping[str, str]] | None = None) -> None:
        own = own or {}
        self.language = page_language(clinic, own)
        # English as the clinic's country writes it (an en-GB or en-IE clinic's "programme")
        english = api.staff_package_words("en", clinic.locale)
        self.words = {**english, **own.get("en", {}),
                      **api.staff_package_words(self.language, clinic.locale),
                      **own.get(self.language, {})}
        # the keys the page's language has words for, its own or the package's: the rest
        # are English's
        self.in_language = {*catalogue(self.language), *own.get(self.language, {})}
        self.tag = api.language_tag(self.language, clinic.locale)
        # whose plural rule counts: the clinic's locale where it is of the page's language
        # (Brazil's Portuguese says "0 paciente", Portugal's "0 pacientes"), else its own
        self.counts_as = api.plural_rule_of(self.language, clinic.locale)
        self.date_placeholder, self.date_form = date_pattern(clinic, self)
        # the placeholder's form filled in, as a message about a date's value shows one
        year, month, day = self("date_letters").split()
        self.date_example = self.date_placeholder.replace(year, "2026").replace(
            month, "11").replace(day, "23")

    def __call__(self, key: str, **fill: Any) -> str:
        """The words ``key``, filled in; a key ending in ``_html`` is markup (the package's,
        or the clinic's with only the package's tags), what fills it escaped."""
        text = self.words[key]
        if self.language == "fr":
            text = _french(text)
        if key.endswith("_html"):
            return Markup(text).format(**fill)
        # filled in even with nothing to fill, so that "{{" is "{" in every value (a clinic's
        # "{{" showed as typed where the page fills nothing in, and as "{" where it does);
        # a name not given stays as typed, for the page's script to fill ({count})
        return text.format(**fill) if fill else text.format_map(_Kept())

    def counted(self, key: str, count: int, **fill: Any) -> str:
        """``key_one`` or ``key_many`` as ``count`` takes the one or the other in the page's
        language as the clinic's locale counts (CLDR's rule, from Babel: French and Brazilian
        Portuguese count 0 as one), {count} filled in as the language writes a number. The
        catalogues have two forms a key: any category but CLDR's "one" takes ``_many``."""
        one = api.plural_category(count, self.counts_as) == "one"
        return self(f"{key}_{'one' if one else 'many'}", count=self.number(count), **fill)

    def number(self, value: int) -> str:
        """A whole number with its thousands set apart as the page's language writes them."""
        return f"{value:,}".replace(",", self("thousands"))

    def listed(self, items, last: str = "list_and") -> str:
        """``items`` joined as a sentence lists them: "a, b and c" (``last``: and, or); Markup
        where they are."""
        items = list(items)
        if len(items) < 2:
            return "".join(map(str, items))
        joined = Markup if any(isinstance(i, Markup) for i in items) else str
        comma = Markup(", ") if joined is Markup else ", "
        return joined(comma.join(items[:-1]) + self(last) + items[-1])

    def picture_word(self, word: str) -> str:
        """Why a picture cannot be shown, in a word or two (pictures.Refused.word: "too
        large") in the page's language; as the picture's module said it where these words
        have no such word."""
        key = f"why_{word.replace(' ', '_')}"
        return self(key) if key in self.words else word

    def for_scripts(self) -> dict[str, str]:
        """The words the page's scripts put in as they change it, its {fills} kept."""
        return {key: self(key) for key in SCRIPTS}


# a program file's keys that the program's check names in its advice, and the key of the
# label of the form's box for each: staff at the form never see the YAML
BOXES = {"next_visit": "next_visit", "weeks_from": "weeks_from", "number": "clinic_number",
         "log_weeks": "weeks_of_log", "patient.email": "email",
         "patient.caregiver_email": "caregiver_email"}


# a date box's value that is no date, as the program's check says it (input/messages.py)
_NOT_A_DATE = re.compile(r'"(.*)" is not a date; write it as YYYY-MM-DD \(e\.g\. 2026-11-23\)',
                         re.S)


def as_form(line: str, t: Words) -> str:
    """A message of the program's check or a handout's warning (English, shared with the
    command line, which names a program file's keys: "leave next_visit out") with each
    key it names said as the form's box is labelled, in the page's words (``t``): 'leave
    "Next visit" empty'; a value that is no date, in the page's words with the form its
    box shows ("escríbala como DD/MM/AAAA", not "write it as YYYY-MM-DD")."""
    for key, label in BOXES.items():
        line = line.replace(leave_out(key), f'leave "{t(label)}" empty')
        if line.startswith(f"{key}: "):  # a warning about the value, as a file's line names it
            line = f"{t(label)}: {line[len(key) + 2:]}"
    found = _NOT_A_DATE.fullmatch(line)
    if found:  # the date's form as the box shows it, in the page's words (was YYYY-MM-DD)
        return t("not_a_date", value=found[1], form=t.date_placeholder,
                 example=t.date_example)
    if line == api.NO_CAREGIVER:
        return ("an address for a caregiver, but the program names none: type who the handout "
                f'is given to in "{t("caregiver")}"')
    return line.replace(api.LONG_LOG_MEANT, '"{}" under "{}"'.format(
        t("weeks_many", count=t.number(api.MAX_LOG_WEEKS)), t("weeks_of_log")))


# the words the scripts (app.js, picker.js, preview.js) write into the page themselves
SCRIPTS = ("found", "js_page_line", "js_updated", "js_page_alt", "js_page_alt_print",
           "js_print_size_h", "page_word", "will_build", "js_downloaded", "js_no_answer",
           "js_fav_removed", "js_fav_added")
