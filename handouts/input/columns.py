"""A CSV roster's header row: which of a roster's columns each heading names, and what is
said of it (columns not known, a name in two columns beside a "name" one), or the one
problem that stops the roster (no name, two columns for one value), said with the headings
of the language the roster is headed in (``roster_language``), then English's; the heading
for a column a roster is to add (``to_add``); and the columns and the languages read, with
a few headings of each, for a page to list (``columns_read``, ``languages_read``).

A clinic's scheduling software heads its export in the clinic's language ("Prénom", "Nom",
"Date de naissance"; "Nombre", "Apellido(s)", "Correo"; "Nome", "Data de nascimento",
"Prontuário"; "Vorname", "Nachname", "Geburtsdatum"; "氏名", "生年月日"), so the headings
of every language below are read, matched as a person reads them: case, accents, spaces
and punctuation do not matter, nor full or half width ("ＩＤ", "氏　名"), and "N°", "Nº",
"No." and "#" are one word. Every language heads every column: a message lists each
column by its first heading in the roster's language.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Sequence

from handouts.errors import HandoutError, Location, Problem

COLUMNS = ("name", "email", "program", "therapist", "date", "language", "layout", "password",
           "dob", "number", "next_visit", "log_weeks", "caregiver", "weeks_from", "log_pain",
           "affected_side", "caregiver_email")

# a name exported in parts, in the order it prints: "First Middle Last Suffix", and a Spanish
# second surname after the first
PARTS = ("first", "middle", "last", "last2", "suffix")

# each language's headings for each column, the one to show first; a heading under two
# columns ("Nom": the name, or beside "Prénom" the last name) is told by the others (_one)
HEADINGS: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {
        "name": ("name", "patient", "patient name", "full name", "patient full name",
                 "client", "client name"),
        "first": ("first name", "first", "given name", "forename", "patient first name"),
        "last": ("last name", "last", "surname", "family name", "patient last name"),
        # two patients of one name are often a father and son: "Jr." and "Sr." tell them apart
        "middle": ("middle name", "middle initial", "patient middle name"),
        "suffix": ("suffix", "name suffix", "patient suffix"),
        "email": ("email", "email address", "patient email", "patient email address"),
        "program": ("program", "protocol", "programme"),
        # a US scheduling system's export: its "Provider", "Appt Date" and "MRN" (the
        # medical record number) are the therapist, the visit's day and the clinic number
        "therapist": ("therapist", "provider", "clinician", "provider name",
                      "treating therapist", "rendering provider"),
        # an export of appointments with their time ("Appt Date/Time"), or a billing one's
        # date of service
        "date": ("date", "appointment date", "appt date", "visit date", "appt date/time",
                 "appointment date/time", "date of service", "service date"),
        # what a scheduling system records of the patient: the language they prefer
        "language": ("language", "preferred language", "primary language", "pref language",
                     "patient language", "language preference"),
        "layout": ("layout",),
        "password": ("password", "pdf password"),
        "dob": ("dob", "date of birth", "birth date", "birthdate", "patient dob"),
        # the UK's: the NHS number (Scotland's CHI), or a hospital's own
        "number": ("number", "patient number", "patient no.", "mrn",
                   "medical record number", "chart number", "nhs number", "nhs no.",
                   "chi number", "hospital number", "hospital no.", "patient id"),
        "next_visit": ("next visit", "next appointment", "next appt", "next appt date",
                       "next appointment date", "follow-up date", "return visit"),
        "log_weeks": ("log weeks", "weeks of log"),
        "caregiver": ("caregiver", "parent", "guardian", "parent/guardian", "carer"),
        "weeks_from": ("weeks from", "surgery date", "date of surgery", "week 1 began"),
        "log_pain": ("pain row", "log pain", "pain in log"),
        # the patient's side the drawings show: a desk's own sheet heads it "Side"
        "affected_side": ("affected side", "side affected"),
        # where a caregiver's handout is emailed: the patient's own address is not theirs
        "caregiver_email": ("caregiver email", "caregiver's email", "caregiver email address",
                            "parent email", "parent's email", "guardian email",
                            "guardian's email", "parent/guardian email", "carer email",
                            "carer's email"),
    },
    "es": {
        "name": ("nombre", "paciente", "nombre completo", "nombre del paciente",
                 "nombre y apellidos"),
        "first": ("nombre", "nombre de pila", "nombre del paciente"),
        "last": ("apellido(s)", "apellido", "apellidos", "primer apellido", "apellido 1",
                 "apellido paterno"),
        "last2": ("segundo apellido", "apellido 2", "apellido materno"),
        "email": ("correo", "correo electrónico", "e-mail", "correo-e", "mail"),
        "program": ("programa", "protocolo"),
        "therapist": ("terapeuta", "fisioterapeuta"),
        "date": ("fecha", "fecha de la cita", "fecha cita"),
        "language": ("idioma", "lengua"),
        "layout": ("formato", "diseño"),
        "password": ("contraseña", "contraseña pdf", "contraseña del pdf"),
        "dob": ("fecha de nacimiento", "nacimiento", "fecha nac."),
        "number": ("n.º de paciente", "número de paciente", "n.º de historia",
                   "número de historia", "historia clínica", "n.º de expediente",
                   "número de expediente", "nhc"),
        "next_visit": ("próxima cita", "siguiente cita", "próxima visita"),
        "log_weeks": ("semanas de registro",),
        "caregiver": ("cuidador", "cuidadora", "cuidador(a)", "padre/madre", "tutor",
                      "tutor legal"),
        "weeks_from": ("fecha de cirugía", "fecha de la cirugía", "semanas desde"),
        "log_pain": ("fila de dolor", "dolor en el registro"),
        "affected_side": ("lado afectado",),
        "caregiver_email": ("correo del cuidador", "correo del cuidador(a)",
                            "correo de la cuidadora", "correo del tutor", "correo del padre/madre",
                            "correo electrónico del cuidador"),
    },
    "fr": {
        "name": ("nom", "patient", "patiente", "nom du patient", "nom complet",
                 "nom et prénom", "nom prénom", "prénom nom"),
        "first": ("prénom", "prénom du patient"),
        "last": ("nom", "nom de famille", "nom du patient", "nom de naissance",
                 "nom d'usage"),
        "email": ("courriel", "e-mail", "adresse e-mail", "adresse électronique",
                  "adresse courriel", "mail", "mél"),
        "program": ("programme", "protocole"),
        # Quebec's word for the profession is "physiothérapeute" (France's "kiné")
        "therapist": ("thérapeute", "kinésithérapeute", "kiné", "praticien", "praticienne",
                      "physiothérapeute", "physio"),
        "date": ("date", "date du rendez-vous", "date de rendez-vous", "date rdv"),
        "language": ("langue",),
        "layout": ("mise en page",),
        "password": ("mot de passe", "mot de passe pdf", "mot de passe du pdf"),
        "dob": ("date de naissance", "né le", "née le", "naissance", "ddn"),
        "number": ("n° patient", "n° de patient", "n° dossier", "n° de dossier",
                   "numéro de patient", "numéro patient", "numéro de dossier"),
        "next_visit": ("prochain rendez-vous", "prochain rdv", "prochaine séance",
                       "prochaine visite"),
        "log_weeks": ("semaines de carnet",),
        "caregiver": ("aidant", "aidante", "parent", "tuteur", "tutrice"),
        "weeks_from": ("date de chirurgie", "date de l'opération", "semaines depuis"),
        "log_pain": ("ligne de douleur", "douleur dans le carnet"),
        "affected_side": ("côté atteint", "côté affecté"),
        "caregiver_email": ("courriel de l'aidant", "courriel de l'aidante", "e-mail de l'aidant",
                            "courriel du parent", "courriel du tuteur", "e-mail du parent"),
    },
    # Brazilian clinic software: "Prontuário" is the clinic's record number, "Responsável"
    # who a child's or an older patient's handout is given to (not the CPF, a national id
    # the handouts have no use for)
    "pt": {
        "name": ("nome", "paciente", "nome completo", "nome do paciente"),
        "first": ("nome", "primeiro nome", "prenome"),
        "last": ("sobrenome", "último sobrenome"),
        "email": ("e-mail", "email", "correio eletrônico"),
        "program": ("programa", "protocolo"),
        "therapist": ("fisioterapeuta", "terapeuta", "profissional"),
        "date": ("data", "data da consulta", "data do atendimento"),
        "language": ("idioma", "língua"),
        "layout": ("formato", "layout"),
        "password": ("senha", "senha do pdf"),
        "dob": ("data de nascimento", "nascimento", "data nasc.", "dt. nasc."),
        "number": ("prontuário", "nº do prontuário", "número do prontuário", "nº do paciente",
                   "número do paciente", "código do paciente"),
        "next_visit": ("próxima consulta", "próximo atendimento", "retorno"),
        "log_weeks": ("semanas de registro",),
        "caregiver": ("responsável", "cuidador", "cuidadora", "acompanhante"),
        "weeks_from": ("data da cirurgia", "data de cirurgia", "semanas desde"),
        "log_pain": ("linha de dor", "dor no registro"),
        "affected_side": ("lado afetado", "lado acometido"),
        "caregiver_email": ("e-mail do responsável", "email do responsável",
                            "e-mail do cuidador", "email do cuidador"),
    },
    # German and Austrian practice software: "Zuname" is Austria's word for the surname
    "de": {
        "name": ("name", "patient", "patientin", "patientenname", "vollständiger name"),
        "first": ("vorname",),
        "last": ("nachname", "familienname", "zuname"),
        "email": ("e-mail", "e-mail-adresse", "email-adresse", "mail"),
        "program": ("programm", "protokoll", "übungsprogramm"),
        "therapist": ("therapeut", "therapeutin", "therapeut/in", "physiotherapeut",
                      "physiotherapeutin"),
        "date": ("datum", "termindatum"),
        "language": ("sprache",),
        "layout": ("format",),
        "password": ("passwort", "kennwort", "pdf-passwort"),
        "dob": ("geburtsdatum", "geb.-datum", "geboren am", "geb."),
        "number": ("patientennummer", "patienten-nr.", "pat.-nr.", "patientennr."),
        "next_visit": ("nächster termin", "naechster termin", "folgetermin"),
        "log_weeks": ("protokollwochen", "wochen protokoll"),
        "caregiver": ("betreuer", "betreuerin", "bezugsperson", "erziehungsberechtigte"),
        "weeks_from": ("op-datum", "operationsdatum", "wochen ab"),
        "log_pain": ("schmerzzeile", "schmerz im protokoll"),
        "affected_side": ("betroffene seite",),
        "caregiver_email": ("e-mail betreuer", "e-mail des betreuers", "e-mail betreuerin",
                            "e-mail bezugsperson", "e-mail erziehungsberechtigte"),
    },
    # Japanese clinic software and a desk's own spreadsheet: the family name (姓) and the
    # given name (名) apart or as one (氏名); 予約日 is the visit's day, 次回 the next one.
    # Full width letters and spaces (ＩＤ, "氏　名") are the half width ones (_key: NFKD)
    "ja": {
        "name": ("氏名", "名前", "患者名", "患者氏名", "お名前", "氏名(漢字)"),
        "first": ("名", "下の名前"),
        "last": ("姓", "苗字", "名字"),
        "email": ("メール", "メールアドレス", "eメール", "電子メール"),
        "program": ("プログラム", "運動プログラム", "プロトコル", "メニュー"),
        "therapist": ("担当", "担当者", "担当療法士", "療法士", "理学療法士", "作業療法士",
                      "セラピスト"),
        "date": ("日付", "予約日", "来院日", "受診日", "診療日"),
        "language": ("言語",),
        "layout": ("レイアウト",),
        "password": ("パスワード",),
        "dob": ("生年月日", "誕生日"),
        "number": ("患者番号", "患者id", "カルテ番号", "カルテno.", "診察券番号"),
        "next_visit": ("次回", "次回予約", "次回予約日", "次回来院日"),
        "log_weeks": ("記録週数",),
        "caregiver": ("保護者", "介護者", "付き添い"),
        "weeks_from": ("手術日",),
        "log_pain": ("痛みの欄", "痛みの記録"),
        # 患側: the clinic's word for the affected side (麻痺側: the weak side after a stroke)
        "affected_side": ("患側", "麻痺側", "左右"),
        "caregiver_email": ("保護者メール", "保護者のメールアドレス", "保護者メールアドレス",
                            "介護者メール", "介護者のメールアドレス"),
    },
}
LANGUAGE_NAMES = {"en": "English", "es": "Spanish", "fr": "French", "pt": "Portuguese",
                  "de": "German", "ja": "Japanese"}


def languages_read() -> list[tuple[str, str, tuple[str, ...]]]:
    """(code, English name, headings as an export writes them: the first name's, the last
    name's and the program's) of each language whose headings are read, English first: what
    a page that tells the front desk which headings are read lists, from this table, so the
    two cannot differ (the web app's listed English, Spanish and French after German and
    Japanese were read)."""
    return [(code, LANGUAGE_NAMES[code],
             tuple(_as_written(table[c][0]) for c in ("first", "last", "program")))
            for code, table in HEADINGS.items()]


def columns_read(language: str = "en") -> dict[str, str]:
    """Each column the reader takes → its first heading in ``language`` (English's where
    none is read in it): the name, its parts (``first``, ``last``), then every other column
    in the roster's order. A page that tells the front desk which columns are read lists
    them from this table, so the two cannot differ (the web app's left out therapist,
    password, next visit and log weeks), in the page's language (a Spanish page named
    "next visit"). A whole name is named by a heading its parts' are not: Spanish
    "nombre" beside "apellido(s)" is the first name, so the whole one is "paciente"."""
    table = HEADINGS.get(language, HEADINGS["en"])
    parts = {*table["first"], *table["last"]}
    shown = {column: table[column][0] for column in ("name", "first", "last", *COLUMNS)}
    return {**shown, "name": next(h for h in table["name"] if h not in parts)}


def _as_written(heading: str) -> str:
    return heading[:1].upper() + heading[1:]  # "apellido(s)": "Apellido(s)", "姓": "姓"


def _key(heading: str) -> str:
    """A heading as a person reads it: "Date de naissance", "DATE DE NAISSANCE" and
    "date_de_naissance" alike, and "N° patient", "Nº patient", "No. patient" too."""
    text = unicodedata.normalize("NFKD", heading.casefold())
    text = text.replace("°", "o").replace("#", "no")
    return "".join(c for c in text if c.isalnum() and not unicodedata.combining(c))


def _known() -> dict[str, tuple[str, ...]]:
    """Each heading's key → the columns it may be (two where it is told by the others)."""
    known: dict[str, tuple[str, ...]] = {}
    for table in HEADINGS.values():
        for column, headings in table.items():
            for heading in headings:
                key = _key(heading)
                known[key] = tuple(dict.fromkeys((*known.get(key, ()), column)))
    # "N°", "Num." and "Numéro" are one word before the rest (the number column alone
    # is not taken: an export's "N°" is as often the row's own number)
    for rest in ("patient", "depatient", "dossier", "dedossier", "paciente", "depaciente",
                 "historia", "dehistoria", "expediente", "deexpediente"):
        for number in ("no", "num", "numero", "nro"):
            known.setdefault(number + rest, ("number",))
    return known


_KNOWN = _known()
# each language's headings, as read, to tell which language a roster is headed in
_OWN = {language: frozenset(_key(h) for headings in table.values() for h in headings)
        for language, table in HEADINGS.items()}


def roster_language(header: Sequence[str], languages: Sequence[str] | None = None,
                    ) -> str | None:
    """The language a roster's headings are in: the one most of its known headings are
    in ("Prénom", "Nom", "Date de naissance": French), where some are; on a tie ("Patient",
    "Date" are English and French), the first of the clinic's ``languages`` among them, else
    English. None: no heading is known."""
    keys = [_key(h) for h in header if h.strip()]
    counts = {language: sum(k in own for k in keys) for language, own in _OWN.items()}
    most = max(counts.values())
    if not most:
        return None
    order = [*(code.split("-")[0] for code in languages or ()), *HEADINGS]
    return next(code for code in order if counts.get(code) == most)


def to_add(column: str, language: str | None) -> str:
    """The heading of a column for a roster to add, in the roster's ``language`` ("Date de
    naissance"), else the README's name for it ("number")."""
    if language in (None, "en"):
        return HEADINGS["en"][column][0]
    return _as_written(HEADINGS[language][column][0])


def _one(candidates: tuple[str, ...], found: set[str]) -> str:
    """The column of a heading that may be two: "Nom" is the last name beside "Prénom", else
    the whole name; "Nombre" is the first name beside "Apellido(s)", else the whole name."""
    if len(candidates) == 1:
        return candidates[0]
    part = next(c for c in candidates if c != "name")
    other = {"first": {"last", "last2"}, "last": {"first"}}.get(part, set())
    return part if found & other else "name"


def known_count(cells: Sequence[str]) -> int:
    """How many of ``cells`` are headings the reader knows: none in a report's title line."""
    return sum(_key(cell) in _KNOWN for cell in cells)


def read_header(header: list[str], path: Path, languages: Sequence[str] | None = None,
                line: int = 1) -> tuple[list[str | None], list[str]]:
    """(the column each heading names, None for one not known; what to say of the header,
    on ``line``). ``languages``: whose headings a message lists (English's always); None:
    every one's."""
    own = roster_language(header, languages)
    candidates = [_KNOWN.get(_key(c), ()) for c in header]
    plain = {c[0] for c in candidates if len(c) == 1}
    columns = [_one(c, plain) if c else None for c in candidates]
    notices = []
    unknown = [c for c, known in zip(header, columns) if c.strip() and not known]
    if unknown:
        notices.append(f"{path}:{line}: ignored unknown column{'s' if len(unknown) > 1 else ''} "
                       + ", ".join(f'"{c}"' for c in unknown)
                       + f"; known: {_listed(languages, own)}")
    if "name" not in columns and not {"first", "last"} <= set(columns):
        # the headings last, in no brackets: "apellido(s)" has its own, a heading may too
        raise HandoutError(Problem(Location(str(path), line), "the roster needs a column for "
                                   f"the patient's name; found: {', '.join(header)}; "
                                   f"known: {_names(languages, own)}"))
    if "program" not in columns:  # every row needs one: said once, not at each row
        heading = to_add("program", own)
        raise HandoutError(Problem(Location(str(path), line), "the roster needs a column for "
                                   "each patient's program (a protocol id, or a program file); "
                                   f'found: {", ".join(header)}; add a "{heading}" column'))
    if "name" in columns and (set(PARTS) - {"suffix"}) & set(columns):  # a suffix is added
        parts = [h for h, c in zip(header, columns) if c in PARTS and c != "suffix"]
        notices.append(f"{path}:{line}: the name is taken from the "
                       f'"{header[columns.index("name")]}" column; '
                       + " and ".join(f'"{h}"' for h in parts) + " are ignored")
    for column in dict.fromkeys(c for c in columns if c):
        same = [h for h, c in zip(header, columns) if c == column]
        if len(same) > 1:  # which one a row's value came from would be a guess
            raise HandoutError(Problem(Location(str(path), line), "columns " + " and ".join(
                f'"{h}"' for h in same) + f' both give the {column}; keep one of them'))
    return columns, notices


def _tables(languages: Sequence[str] | None, own: str | None) -> list[str]:
    """The languages whose headings a message lists: the roster's ``own``, then English (a
    French roster's desk was shown the Spanish headings too: the clinic's handouts have
    Spanish wording); for a roster with no heading known, English, then the clinic's."""
    if own is not None:
        return list(dict.fromkeys([own, "en"]))
    if languages is None:
        return list(HEADINGS)
    return list(dict.fromkeys(["en", *(code.split("-")[0] for code in languages
                                       if code.split("-")[0] in HEADINGS)]))


def _listed(languages: Sequence[str] | None, own: str | None = None) -> str:
    """Every column by its first heading in each language: "name, email, ..., or first name
    and last name; in French: nom, courriel, ..."."""
    said = []
    for language in (tables := _tables(languages, own)):
        table = HEADINGS[language]
        said.append(_in(language, tables) + ", ".join(table[c][0] for c in COLUMNS)
                    + f", or {table['first'][0]} and {table['last'][0]}")
    return "; ".join(said)


def _names(languages: Sequence[str] | None, own: str | None = None) -> str:
    """The headings a name is read from: '"name", "patient", "patient name", or "first
    name" and "last name"; in French: ...'."""
    said = []
    for language in (tables := _tables(languages, own)):
        table = HEADINGS[language]
        said.append(_in(language, tables) + ", ".join(f'"{h}"' for h in table["name"][:3])
                    + f', or "{table["first"][0]}" and "{table["last"][0]}"')
    return "; ".join(said)


def _in(language: str, tables: list[str]) -> str:
    # English goes unnamed where it comes first, as the README's names; after a French list,
    # unnamed, it read as more French
    return "" if language == tables[0] == "en" else f"in {LANGUAGE_NAMES[language]}: "
