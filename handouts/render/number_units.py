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
Any other word after a number breaks as before ("Call 911" / "or go").

Chinese and Japanese write a counter with no space after its number ("1枚", "3回"):
kinsoku.py keeps them together already. A number and its unit in two fragments of markup
(a bold number, a plain unit) are two words to reportlab and are not joined.
"""

from __future__ import annotations

import re

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
_ENDS_NUMBER = frozenset("0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹" + _FRACTIONS)


def words(split, text: str, delim: str | None = None) -> list[str]:
    """reportlab's ``split`` of a paragraph's text into words (at its white space), each
    number joined to the unit after it by a space (see the module)."""
    found = split(text, delim)
    if delim is not None or len(found) < 2 or not _DIGIT.search(text):
        return found
    return tied(found)


def tied(found: list[str]) -> list[str]:
    """``found``, each number and the unit word after it made one word."""
    out: list[str] = []
    i = 0
    while i < len(found):
        word = found[i]
        # the last character first: most words end in a letter, and the pattern is slower
        if (i + 1 < len(found) and word[-1:] in _ENDS_NUMBER and _NUMBER.fullmatch(word)
                and is_unit(found[i + 1])):
            out.append(f"{word} {found[i + 1]}")
            i += 2
        else:
            out.append(word)
            i += 1
    return out


def is_unit(word: str) -> bool:
    """Whether ``word`` (as printed: "kg.", "fois/jour", "times)") is a unit or a word that
    counts, which its number keeps on its line."""
    bare = _AFTER.sub("", word).split("/")[0]
    return bare in UNITS or bare.casefold() in COUNTED
