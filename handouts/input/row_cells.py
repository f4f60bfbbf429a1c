"""A CSV roster row's problems in the roster's words: each of the row's cells named by the
roster's own heading ("Appt Date"), every bad cell of the row said at once in the roster's
column order, and a program file's advice for a key ("leave next_visit out") given for the
cell ("leave the cell blank"); so too what is lacking (the name's columns) and a warning of
the row's handout (``told``). The one place that knows a row's cell from a file's key."""

from __future__ import annotations

import re
from typing import Iterable

from handouts.errors import HandoutError, Location, Problem, leave_out
from handouts.input import roster_dates, visits
from handouts.input.columns import LANGUAGE_NAMES, PARTS, to_add
from handouts.input.patient import NO_CAREGIVER

# what a desk does to give no value, where a program file leaves its key out
BLANK = "leave the cell blank"
def lacking(name: str, source: str, protocol_ids, headings: dict[str, str]) -> list[str]:
    """What a row lacks of what every row needs (its name, its program), said first in its
    line, before its bad cells, by the roster's ``headings`` (quoted, by column) for them."""
    program = headings.get("program", '"program"')
    return [*([f"no name; every row needs the patient's name in the {name_heading(headings)} "
               f"column{'s' if 'name' not in headings else ''}"] if not name else []), *(
        ["no program: give a protocol id ({}) or a program file in the {} column"
         .format(", ".join(protocol_ids), program)] if not source else [])]


def name_heading(headings: dict[str, str]) -> str:
    """The roster's heading the name is read from ('"Patient Name"'), or those of its
    parts ('"First Name" and "Last Name"')."""
    if "name" in headings:
        return headings["name"]
    parts = [headings[part] for part in PARTS if part in headings]
    return " and ".join(parts) if parts else '"name"'


def told_headings(words: dict[str, str], headings: dict[str, str]) -> tuple[tuple[str, str], ...]:
    """What ``told`` names a row's handout's warnings by: ``words``, the headings of the
    cells the row gave, and the roster's weeks of log column ("": it has none)."""
    return (*words.items(), ("log_weeks", headings.get("log_weeks", "")))


def told(lines, headings: tuple[tuple[str, str], ...]) -> tuple[str, ...]:
    """Warnings of a roster row's handout (``resolve``, which knows no roster) in the roster's
    words: a cell the row gave by its heading, and the long log's advice as a column of the
    roster's, not a program's key. ``headings``: ``told_headings``'; none: a program's
    (a YAML roster's row), which says them as they are."""
    by_path = dict(headings)
    if "log_weeks" not in by_path:
        return tuple(lines)
    column = by_path["log_weeks"]
    weeks = visits.MAX_LOG_WEEKS
    meant = (f"{weeks} in the {column} column" if column else
             f'a "log weeks" column of {weeks}, or a program file\'s log_weeks: {weeks},')
    out = []
    for line in lines:
        path, colon, rest = line.partition(": ")
        if colon and path in by_path and by_path[path]:
            line = f"{by_path[path]}: {rest}"
        out.append(line.replace(visits.MEANT, meant))
    return tuple(out)


def caregiver_lacking(problem: Problem, headings: dict[str, str],
                      language: str | None) -> Problem:
    """``problem``, where it is the program's for a caregiver's address with no caregiver
    (``NO_CAREGIVER``: "add patient: caregiver:"), in the row's columns: the roster's own
    caregiver column, or the one to add, headed in the roster's ``language``."""
    if problem.location.path != "patient.caregiver_email" or problem.message != NO_CAREGIVER:
        return problem
    column = headings.get("caregiver")
    fill = (f"write who the handout is given to in the {column} column" if column else
            f'add a "{to_add("caregiver", language)}" column with who the handout is given to')
    return Problem(problem.location, f"an address for a caregiver, but the row names none: "
                                     f"{fill}")


def needed(name: str, source: str) -> tuple[str, ...]:
    """The paths of what a row lacks (``lacking``): what the program's check says of the
    blank is not said again."""
    return (*(("patient.name",) if not name else ()), *(("protocol",) if not source else ()))


def date(value: str, path: str, day_first: bool, contrary: roster_dates.Contrary | None,
         cells: list[Problem]) -> str | None:
    """A date cell as YYYY-MM-DD (``roster_dates.cell_date``), or None where it is none, its
    problem added to the row's bad ``cells``, so that the row's other cells are still read."""
    try:
        return roster_dates.cell_date(value, day_first, path, contrary)
    except HandoutError as exc:
        cells += exc.problems
        return None


def _said(value: str) -> str:
    """A cell as a desk's words are compared: its case and spaces aside, and a closing full
    stop ("L.", "N/A.")."""
    return " ".join(value.casefold().split()).rstrip(".")


# a yes or no as a desk types it in each language a roster is headed in (columns.HEADINGS)
_YES_NO = {"true": {"yes", "y", "true", "1", "sí", "si", "oui", "sim", "ja", "はい", "あり"},
           "false": {"no", "n", "false", "0", "non", "não", "nao", "nein", "いいえ", "なし"}}


def yes_no(value: str, path: str, cells: list[Problem]) -> str | None:
    """A yes or no cell as a program's true or false ("true", "false", as YAML gives it), or
    None where it is neither, its problem added to the row's bad ``cells``."""
    return _one_of(_YES_NO, value, path, cells,
                   f'"{value}" is not yes or no; write "no" for a log with no pain row, "yes" '
                   f"for one with it, or {BLANK} for the clinic's")


# the patient's side as a desk types it in each language a roster is headed in: Spanish and
# Portuguese agree the word with "lado" (masculine) or a limb ("la pierna izquierda")
_SIDES = {"left": {"left", "l", "lt", "izquierdo", "izquierda", "izq", "gauche", "esquerdo",
                   "esquerda", "links", "左", "左側"},
          "right": {"right", "r", "rt", "derecho", "derecha", "der", "droite", "droit",
                    "direito", "direita", "rechts", "右", "右側"}}
# both sides: the pictures as drawn, as a blank cell
_BOTH_SIDES = {"both", "both sides", "bilateral", "bilat", "ambos", "ambos lados", "les deux",
               "des deux côtés", "beide", "beidseits", "両側"}


def side(value: str, path: str, cells: list[Problem]) -> str | None:
    """A side cell as a program's ``left`` or ``right``, or None where it is neither, its
    problem added to the row's bad ``cells``; the side of a part too ("Left knee", "Rt
    shoulder", "lado izquierdo"), and None, no problem, for both ("bilateral")."""
    said = _said(value)
    if said in _BOTH_SIDES:
        return None
    named = {name for name, words in _SIDES.items() for word in said.replace(".", " ").split()
             if word in words}
    if len(named) == 1 and said.split()[0].rstrip(".") in set().union(*_SIDES.values()) | {
            "lado", "côté", "cote"}:
        return named.pop()
    return _one_of(_SIDES, value, path, cells,
                   f'"{value}" is not left or right; write "left" or "right" for the side the '
                   f"pictures show, or {BLANK} for none")


# a layout as a desk types it, or an export writes it, in each language a roster is headed in
_LAYOUTS = {"standard": {"standard", "regular", "normal", "estándar", "estandar", "padrão",
                         "padrao", "normale"},
            "compact": {"compact", "compacto", "compacta", "compacte", "kompakt"},
            "large_print": {"large print", "large", "lp", "big print", "large type",
                            "letra grande", "grande", "gros caractères", "gros caracteres",
                            "grands caractères", "grands caracteres", "letras grandes",
                            "großdruck", "grossdruck", "großschrift", "grossschrift"}}


def layout(value: str) -> str:
    """A layout cell as a program's layout ("Large Print", "large-print", "LP", "letra
    grande": large_print); else as typed, for the program's own message."""
    said = _said(value.replace("_", " ").replace("-", " "))
    return next((name for name, said_so in _LAYOUTS.items()
                 if said in said_so or said == name.replace("_", " ")), value)


# a language as an export names it: in English (the heading languages' as columns names
# them), in itself, and in the other languages a roster is headed in; a patient's preferred
# language is a name there more often than a code
_NAMED = {
    "en": {"inglés", "ingles", "anglais", "inglês", "englisch", "英語"},
    "es": {"español", "espanol", "castellano", "espagnol", "espanhol", "spanisch", "スペイン語"},
    "fr": {"français", "francais", "francés", "frances", "französisch", "francês", "フランス語"},
    "pt": {"português", "portugues", "portugués", "portugais", "portugiesisch", "ポルトガル語"},
    "de": {"deutsch", "alemán", "aleman", "allemand", "alemão", "alemao", "ドイツ語"},
    "ja": {"日本語", "japonés", "japones", "japonais", "japonês", "japanisch"},
    # Mandarin is spoken Chinese, printed in it; not Cantonese, whose code (zh, yue) is the
    # clinic's to give
    "zh": {"chinese", "中文", "chino", "mandarin", "mandarin chinese", "chinese mandarin",
           "chinese (mandarin)", "普通话", "普通話", "mandarín", "mandarim"},
    "vi": {"vietnamese", "tiếng việt", "vietnamita"},
    "ko": {"korean", "한국어", "coreano"}, "ar": {"arabic", "العربية", "árabe", "arabe"},
    "ru": {"russian", "русский", "ruso"}, "tl": {"tagalog"}, "hi": {"hindi", "हिन्दी", "हिंदी"},
    "he": {"hebrew", "עברית", "hebreo"}, "it": {"italian", "italiano"},
    "pl": {"polish", "polski", "polaco"}, "ht": {"haitian creole", "kreyòl", "creole"},
    "so": {"somali"}, "hmn": {"hmong"}, "fa": {"farsi", "persian", "فارسی"}}
_LANGUAGE_NAMES = {code: names | {LANGUAGE_NAMES.get(code, "").casefold()} - {""}
                   for code, names in _NAMED.items()}
# what joins the two languages of a bilingual handout in a cell: "Spanish/English"
_BOTH = re.compile(r"\s*(?:/|&|\+|,|;|\band\b|\by\b|\bet\b|\be\b|\bund\b)\s*")


# a scheduling system's three-letter codes (ISO 639-2, as HL7 exports write them: "ENG")
_THREE = {"eng": "en", "spa": "es", "fra": "fr", "fre": "fr", "por": "pt", "deu": "de",
          "ger": "de", "jpn": "ja", "zho": "zh", "chi": "zh", "vie": "vi", "kor": "ko",
          "ara": "ar", "rus": "ru", "tgl": "tl", "fil": "tl", "hin": "hi", "heb": "he",
          "ita": "it", "pol": "pl", "hat": "ht", "som": "so", "fas": "fa", "per": "fa"}


def language(value: str) -> str:
    """A language cell as a program's language: a code in any case ("ES", "ENG"), with a
    country ("es-MX": the country is the clinic's to give, not a row's), a language's name
    ("Spanish", "Español", "Spanish (Mexico)"), or two for a bilingual handout
    ("Spanish/English": "es, en"); else as typed, for the program's own message."""
    value = value.strip().rstrip(".").strip() or value
    if re.fullmatch(r"[A-Za-z]{2,3}", value):  # "ET", not "and" in Latin's words
        return _THREE.get(value.lower(), value.lower())
    parts = [" ".join(part.split()) for part in _BOTH.split(value.casefold()) if part.strip()]
    codes = [_code(part) for part in parts]
    return ", ".join(codes) if codes and all(codes) and len(codes) <= 2 else value


def _code(part: str) -> str | None:
    """One language of a cell, in lower case: its name, its code, or either with a country
    ("es-mx", "spanish (mexico)")."""
    for said in (part, re.sub(r"\s*\([^()]*\)$", "", part)):
        code = next((code for code, names in _LANGUAGE_NAMES.items() if said in names), None)
        if code:
            return code
    found = re.fullmatch(r"([a-z]{2,3})(?:[-_][a-z]{2}|[-_]\d{3})?", part)
    return _THREE.get(found[1], found[1]) if found else None


def protocol(value: str, protocols) -> str:
    """A program cell that names a protocol as a desk writes it, its id in any case or with
    spaces ("Chronic Low Back") or its title ("Knee replacement, week 1"), as the protocol's
    id; else as typed, for the row's own message. A title two protocols share names none."""
    said = " ".join(value.casefold().split())
    as_id = said.replace(" ", "_").replace("-", "_")
    found = {p.id for p in protocols if p.id.casefold() == as_id
             or said in (" ".join(t.casefold().split())
                         for t in (p.title, p.handout_title) if isinstance(t, str))}
    return found.pop() if len(found) == 1 else value


# what an export or a desk writes in a cell for nothing: the cell is blank, not a wrong
# address that fails the row of a day's print run, nor a caregiver named "N/A" whom the
# handout is given to
_NOTHING = {"n/a", "na", "n.a", "none", "no", "nil", "null", "-", "--", "—", "–", "unknown",
            "not given", "not provided", "none given", "no tiene", "ninguno", "ninguna",
            "aucun", "aucune", "néant", "neant", "nenhum", "nenhuma", "keine", "kein", "なし"}
_NO_ADDRESS = _NOTHING | {"declined", "refused", "no email", "sin correo", "sem e-mail"}
_SAYS_NONE = {"email": _NO_ADDRESS, "caregiver_email": _NO_ADDRESS,
              # an adult's own "responsible party" in a scheduling system: the patient
              "caregiver": _NOTHING | {"self", "patient", "the patient", "el paciente",
                                       "la paciente", "mismo", "misma", "le patient",
                                       "lui-même", "elle-même", "o próprio", "a própria",
                                       "selbst", "本人"},
              # "no" is an answer there: a log without its pain row; and a language's code
              # (Norwegian, Nauru)
              "log_pain": _NOTHING - {"no"}, "language": _NOTHING - {"no", "na"},
              # a visit not yet booked
              "next_visit": _NOTHING | {"tbd", "tba", "to be scheduled", "not scheduled",
                                        "pending", "por definir", "pendiente", "à définir",
                                        "a definir", "未定"}}


def says_none(value: str, column: str) -> bool:
    """Whether a cell of ``column`` says there is nothing ("N/A", "none", "-"; an email
    "declined", a caregiver "Self", a next visit "TBD")."""
    return _said(value) in _SAYS_NONE.get(column, _NOTHING)


def _one_of(words: dict[str, set[str]], value: str, path: str, cells: list[Problem],
            wrong: str) -> str | None:
    """The value whose ``words`` the cell says (its case and spaces aside, and a closing
    full stop, "L."), or None, ``wrong`` added to the row's bad ``cells``."""
    said = _said(value)
    answer = next((name for name, said_so in words.items() if said in said_so), None)
    if answer is None:
        cells.append(Problem(Location(path=path), wrong))
    return answer


def said(problems: Iterable[Problem], where: Location, headings: dict[str, str]) -> str:
    """``problems`` of the row at ``where`` as its one line: ``headings``, the quoted
    heading of each cell the row gave by the program's path it fills ("next_visit",
    "patient.dob"), in the roster's column order. A problem in a program file the row names
    is the file's, said as ``build`` of the file would say it."""
    order = list(headings)

    def rank(problem: Problem) -> int:
        # a row's problem that names no path is its program cell's (an unknown protocol)
        path = problem.location.path or "program"
        return order.index(path) if _rows(problem, where) and path in order else len(order)

    return "; ".join(_line(p, where, headings) for p in sorted(problems, key=rank))


def _rows(problem: Problem, where: Location) -> bool:
    return problem.location.file in (where.file, None)


def _line(problem: Problem, where: Location, headings: dict[str, str]) -> str:
    path, message = problem.location.path, problem.message
    if not _rows(problem, where):
        return str(problem)
    if not path:
        return message
    if path not in headings:
        return f"{path}: {message}"
    if path == "patient.name" and " and " in headings[path]:
        message = _together(message)
    return f"{headings[path]}: {message.replace(leave_out(path.rpartition('.')[2]), BLANK)}"


def _together(message: str) -> str:
    """What the model says of one name ("is 321 characters long; shorten it"), of a name
    the roster's first and last name columns make together: the columns are its subject."""
    if not message.startswith("is "):
        return message
    return "together they are " + message[3:].replace("shorten it", "shorten them")


# what a spreadsheet exports in place of a value: an error its cell shows ("#N/A", "#REF!"),
# a formula written out ("=VLOOKUP(A2,...)"), or a long number it shortened ("1.23457E+11")
_SHEET_ERROR = re.compile(r"#(?:N/A|REF!|VALUE!|NAME\?|DIV/0!|NULL!|NUM!|SPILL!|CALC!|FIELD!|"
                          r"BLOCKED!|CONNECT!|BUSY!|UNKNOWN!|GETTING_DATA)", re.IGNORECASE)
# a formula: a function ("=VLOOKUP(A2,…)") or a cell and what is done with it ("=B5+1")
_FORMULA = re.compile(r"=\s*(?:[A-Za-z_][\w.]*\s*\(.*\)|(?:\w+!)?\$?[A-Za-z]{1,3}\$?\d+"
                      r"(?:\s*[-+*/&].*)?)", re.DOTALL)
_NAMES = ("name", "first", "middle", "last", "last2", "caregiver")
_SHORTENED = re.compile(r"[+-]?\d(?:[.,]\d+)?E\+?\d+", re.IGNORECASE)


def from_spreadsheet(value: str, column: str) -> str | None:
    """What is wrong with a cell a spreadsheet wrote for its value, if it did: the row was
    printed "For: #N/A", and a number kept as "1.23457E+11"."""
    said = value.strip()
    if _SHEET_ERROR.fullmatch(said):
        return (f'"{said}" is an error the spreadsheet shows in the cell, not a value; mend '
                "the cell (or its formula) in the spreadsheet and save the roster again")
    if _FORMULA.fullmatch(said):
        return (f'"{said}" is a formula, not its value; save the roster from the spreadsheet '
                "again as CSV, which writes each formula's value")
    if column in _NAMES and re.fullmatch(r"[\d\s.,+-]+", said):  # a formula's empty cell
        return (f'"{said}" is a number, not a name (a spreadsheet shows 0 for a formula '
                "whose cell is empty); mend the cell and save the roster again")
    if column == "number" and _SHORTENED.fullmatch(said):
        return (f'"{said}" is a long number the spreadsheet shortened, its last digits lost; '
                "format the column as Text, type the numbers again and save the roster again")
    return None
