"""A CSV roster's header row: which of a roster's columns each heading names, and what is
said of it (columns not known, a name in two columns beside a "name" one), or the one
problem that stops the roster (no name, two columns for one value)."""

from __future__ import annotations

from pathlib import Path

from handouts.errors import HandoutError, Location, Problem

COLUMNS = ("name", "email", "program", "therapist", "date", "language", "layout", "password",
           "dob", "number")


def _key(column: str) -> str:
    return "".join(column.lower().split()).replace("_", "").replace("-", "")


# other headings a spreadsheet or a scheduling system gives the same columns; "protocol"
# above all, as the program column most often names one
_KNOWN = {_key(c): c for c in COLUMNS} | {
    "pdfpassword": "password", "protocol": "program", "patient": "name", "patientname": "name",
    "emailaddress": "email", "dateofbirth": "dob", "birthdate": "dob"} | {
    # scheduling systems export a name in two columns: "First Last" is made of them
    key: "first" for key in ("firstname", "first", "givenname", "forename", "patientfirstname")
} | {key: "last" for key in ("lastname", "last", "surname", "familyname", "patientlastname")}


def read_header(header: list[str], path: Path) -> tuple[list[str | None], list[str]]:
    """(the column each heading names, None for one not known; what to say of the header)."""
    columns = [_KNOWN.get(_key(c)) for c in header]
    notices = []
    unknown = [c for c, known in zip(header, columns) if c.strip() and not known]
    if unknown:
        notices.append(f"{path}:1: ignored unknown column{'s' if len(unknown) > 1 else ''} "
                       + ", ".join(f'"{c}"' for c in unknown)
                       + f" (known: {', '.join(COLUMNS)}, or first name and last name)")
    if "name" not in columns and not {"first", "last"} <= set(columns):
        raise HandoutError(Problem(Location(str(path), 1), 'the roster needs a "name" column, '
                                   'or "first name" and "last name" columns '
                                   f"(found: {', '.join(header)})"))
    if "name" in columns and {"first", "last"} & set(columns):
        parts = [h for h, c in zip(header, columns) if c in ("first", "last")]
        notices.append(f"{path}:1: the name is taken from the "
                       f'"{header[columns.index("name")]}" column; '
                       + " and ".join(f'"{h}"' for h in parts) + " are ignored")
    for column in dict.fromkeys(c for c in columns if c):
        same = [h for h, c in zip(header, columns) if c == column]
        if len(same) > 1:  # which one a row's value came from would be a guess
            raise HandoutError(Problem(Location(str(path), 1), "columns " + " and ".join(
                f'"{h}"' for h in same) + f' both give the {column}; keep one of them'))
    return columns, notices
