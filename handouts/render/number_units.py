"""A number kept on one line with the unit or counted word after it ("0,5 kg", "10 fois",
"5–10 seconds", "2 Mal"), in every language: a dose broken "Poids : 0,5" / "kg." or "Lift
your leg 10" / "times." reads as another dose to a patient who reads one line at a time.

Where reportlab splits a paragraph's text into words (its ``split``, hooked by hyphens.py
as kinsoku.py's is), a number and the unit after it become one word, with the space
between them as it was: a line breaks before the number or after the unit, never between
them. Nothing is added to the text, so the PDF reads "0,5 kg" with its ordinary space (a
no-break space, U+00A0, would be read back, copied and searched as another character),
and the library, the record and the wording keep their text as written. It holds for any
text a paragraph prints: the library's steps, a dose phrased by a template, the clinic's
own wording.

A number is digits with a decimal comma or point, a range ("5–10", "3-5"), a fraction
("1/2", "½", "1½"). What follows it is kept with it where it is a unit (``UNITS``, as
written: "kg", "min", "%", "°C") or a word that counts (``COUNTED``, in any case: "times",
"veces", "fois", "Mal", "مرات"), a mark after it or a "/" and more ("fois/jour") allowed.
Any other word after a number breaks as before ("Call 911" / "or go"). A number that ends a
text keeps the word before it ("Hold while you count" / "to 10", never "… count to" / "10").

The lists here are the default, and hold in every language (a text printed untranslated keeps
its units). A clinic's language gives more of its own in its wording, ``number_units:`` and
``counted_words:`` in ``strings.<lang>.yaml`` (``own_words``): a handout in that language
keeps them with their numbers too. The paragraph's style carries them (hyphens.style), and
its line breaking says them (``OWN``), as it says the hyphenation languages.

A postcode in two parts is kept on one line too ("J8Y 0A1" in Canada, "SE10 9XX" in Britain,
"D02 X285" in Ireland): the first part one or two capital letters, a digit and perhaps one
more; the second three or four capitals and digits, both kinds. An address broken
"(Québec) J8Y" / "0A1" sends a letter nowhere.

Chinese and Japanese write a counter with no space after its number ("1枚", "3回"):
kinsoku.py keeps them together already. A number and its unit in two fragments of markup
("**3** times": a bold number, a plain unit) are joined too where one space stands between
them (``frag_words``).
"""

from __future__ import annotations

import contextvars
import functools
import re
from dataclasses import dataclass

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus.paragraph import _HSFrag

from handouts.words import text

# written as they are, in any language (case matters: "m" metres, "M" is not a unit here)
UNITS = frozenset({
    "kg", "g", "mg", "lb", "lbs", "oz", "cm", "mm", "m", "km", "in", "ft", "mi", "yd",
    "s", "sec", "secs", "min", "mins", "h", "hr", "hrs", "ml", "mL", "l", "L",
    "%", "°", "°C", "°F", "x", "×", "bpm", "kcal", "Nm", "RPE",
    "кг", "г", "см", "м", "км", "с", "сек", "мин", "ч",  # Russian and its neighbours
    "كغ", "كجم", "سم", 'ק"ג', 'ס"מ',  # Arabic, Hebrew
})

# words that count, in the handouts' languages and their neighbours, compared casefolded
COUNTED = frozenset("""
second seconds minute minutes hour hours time times set sets rep reps repetition
repetitions breath breaths hold holds day days week weeks pound pounds kilo kilos kilogram
kilograms gram grams inch inches foot feet meter meters metre metres mile miles yard yards
degree degrees step steps
seconde secondes heure heures fois série séries répétition répétitions respiration
respirations jour jours semaine semaines gramme grammes livre livres degré degrés mètre
mètres pas
segundo segundos minuto minutos hora horas vez veces serie series repetición repeticiones
respiración respiraciones día días semana semanas gramo gramos libra libras grado grados
metro metros paso pasos
sekunde sekunden minuten stunde stunden mal satz sätze wiederholung wiederholungen atemzug
atemzüge tag tage woche wochen gramm pfund grad schritt schritte
vezes séries repetição repetições respiração respirações dia dias quilo quilos grama
gramas grau graus passo passos
secondo secondi minuti ora ore volta volte ripetizione ripetizioni respiro respiri giorno
giorni settimana settimane chilo chili grammi gradi metri passi
raz razy razów sekund sekundy minut minuty раз раза секунд секунды секунда минут минуты
минута повторений подходов дней недель
مرة مرات ثانية ثوان ثوانٍ دقيقة دقائق ساعة ساعات يوم أيام أسبوع أسابيع
פעם פעמים שנייה שניות דקה דקות שעה שעות יום ימים שבוע שבועות
""".split())

_FRACTIONS = "½¼¾⅓⅔⅛"
# the number may end a word tied by no-break spaces ("Quand\u00a0:\u00a02": dose_line.py)
_NUMBER = re.compile(rf"(?:.*[\u00a0\u202f])?[(\[«“„\"'~≈±+−]*(?:\d+(?:[.,/–—-]\d+)*[{_FRACTIONS}]?|[{_FRACTIONS}])")
# what may end a unit's word: a sentence's marks, a closing bracket or quote
_AFTER = re.compile(r"[.,;:!?)\]}»”’\"'؛،]+$")
_DIGIT = re.compile(rf"[\d{_FRACTIONS}]")
_POSTCODE_FIRST = re.compile(r"[A-Z]{1,2}[0-9][A-Z0-9]?")
_POSTCODE_LAST = re.compile(r"(?=[A-Z]*[0-9])(?=[0-9]*[A-Z])[A-Z0-9]{3,4}")
_ENDS_NUMBER = frozenset("0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹" + _FRACTIONS)


@dataclass(frozen=True)
class Own:
    """The units and counted words a clinic's wording adds to the built-in ones."""
    units: frozenset[str]
    counted: frozenset[str]  # casefolded


# the clinic's own words of the paragraph being broken into lines (hyphens.breaking)
OWN: contextvars.ContextVar[Own | None] = contextvars.ContextVar("number_words", default=None)


@functools.lru_cache(maxsize=64)
def own_words(languages: tuple[str, ...], wording: text.Wording) -> Own | None:
    """The ``number_units`` and ``counted_words`` the wording of ``languages`` gives (the
    clinic's own ``strings.<lang>.yaml``, checked as it is read: own.WORD_LISTS); None
    where it gives none, as the package's own wording does."""
    units, counted = set(), set()
    for language in languages:
        said = text.strings(language, wording)
        units.update(said.get("number_units") or ())
        counted.update(w.casefold() for w in said.get("counted_words") or ())
    return Own(frozenset(units), frozenset(counted)) if units or counted else None


def words(split, text: str, delim: str | None = None) -> list[str]:
    """reportlab's ``split`` of a paragraph's text into words (at its white space), each
    number joined to the unit after it by a space (see the module)."""
    found = split(text, delim)
    if delim is not None or len(found) < 2 or not _DIGIT.search(text):
        return found
    return tied(found)


def tied(found: list[str], own: Own | None = None) -> list[str]:
    """``found``, each number and the unit word after it made one word (``own``: see
    ``is_unit``)."""
    out: list[str] = []
    i = 0
    while i < len(found):
        word = found[i]
        # the last character first: most words end in a letter, and the pattern is slower
        if i + 1 < len(found) and (word[-1:] in _ENDS_NUMBER and _NUMBER.fullmatch(word)
                                   and is_unit(found[i + 1], own)
                                   or _may_start_postcode(word)
                                   and is_postcode(word, found[i + 1])):
            out.append(f"{word} {found[i + 1]}")
            i += 2
        else:
            out.append(word)
            i += 1
    # a number that ends the text keeps the word before it ("count to 10"): alone at the
    # start of the last line it reads as a dose of its own
    if len(out) > 1 and out[-1][-1:] in _ENDS_NUMBER and _NUMBER.fullmatch(out[-1]):
        out[-2:] = [f"{out[-2]} {out[-1]}"]
    return out


def is_unit(word: str, own: Own | None = None) -> bool:
    """Whether ``word`` (as printed: "kg.", "fois/jour", "times)") is a unit or a word that
    counts, which its number keeps on its line: a built-in one, or one of ``own`` (default:
    the clinic's words of the paragraph being broken, ``OWN``)."""
    bare = _AFTER.sub("", word).split("/")[0]
    if bare in UNITS or bare.casefold() in COUNTED:
        return True
    own = own or OWN.get()
    return own is not None and (bare in own.units or bare.casefold() in own.counted)


def _may_start_postcode(word: str) -> bool:
    # two to four characters, the first a capital: most words are not, and tell so cheaply
    return 1 < len(word) < 5 and "A" <= word[0] <= "Z"


def is_postcode(first: str, last: str) -> bool:
    """Whether ``first`` and ``last`` (as printed: "0A1,") are the two parts of a postcode."""
    return bool(_POSTCODE_FIRST.fullmatch(first)
                and _POSTCODE_LAST.fullmatch(_AFTER.sub("", last)))


def frag_words(found: list) -> list:
    """reportlab's words of a paragraph of several fragments (its ``_getFragWords``), a
    number that ends one fragment made one word with the unit that starts the next where
    one space stands between them ("<b>3</b> times"), as ``tied`` makes them in one
    fragment: a word of the pieces of both, the space a piece of its own."""
    out: list = []
    i = 0
    while i < len(found):
        word = found[i]
        # the last character first: most words end in a letter
        joined = (_joined(found, i) if i + 1 < len(found) and len(word) > 1
                  and (str(word[-1][1])[-1:] in _ENDS_NUMBER
                       or _may_start_postcode(str(word[-1][1]))) else None)
        if joined:
            out.append(joined[0])
            i = joined[1]
        else:
            out.append(word)
            i += 1
    return out


def _joined(found: list, i: int) -> tuple[list, int] | None:
    """The number ``found[i]`` and the unit after it as one word, and the index after the
    unit; None where they are no such pair. reportlab says the space after a word as the
    word's kind (``_HSFrag``), or, where the space starts the next fragment, as an empty
    word of that kind before the next word."""
    number, after = found[i], i + 1
    if type(number) is _HSFrag:
        space = number[-1][0]
    elif (type(number) is list and type(found[after]) is _HSFrag and found[after][0] == 0
          and all(t == "" for _, t in found[after][1:])):
        space, after = found[after][-1][0], after + 1
    else:
        return None
    if after >= len(found) or type(found[after]) not in (list, _HSFrag):
        return None
    unit = found[after]
    if len(unit) < 2 or hasattr(unit[1][0], "cbDefn"):
        return None
    first, last = ("".join(t for _, t in w[1:]) for w in (number, unit))
    if not (_NUMBER.fullmatch(first) and is_unit(last) or is_postcode(first, last)):
        return None
    width = number[0] + stringWidth(" ", space.fontName, space.fontSize) + unit[0]
    return type(unit)([width, *number[1:], (space, " "), *unit[1:]]), after + 1
