"""A patient's name in a file's name: ASCII for a name with a Latin letter (accents dropped,
ß as ss), and for a PDF or a saved program of a name with none (Japanese, Chinese, Greek,
Cyrillic, Arabic...) the name in its own script (``2026-12-05_山田花子.pdf``,
``programs/山田花子.yaml``), not ``patient-`` and a hash, which a desk printing a day's
packets could not tell apart.

Only what a file name may hold on Windows, macOS and Linux is kept, and a name in its own
script is cut to a length in bytes every file system takes. The outbox keeps its messages'
ASCII names: a message sent under one must still be found as sent (``name_slug``).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from typing import TYPE_CHECKING

from handouts.input.patient import written_unspaced

if TYPE_CHECKING:
    from handouts.resolve import Handout

# a byte limit, not a character one: a file name is 255 bytes on Linux and macOS, and a
# Japanese character is three of them; the date, a number and ".pdf" come on top
LONGEST_BYTES = 90

# what Windows refuses in a name (and "/" everywhere), control characters, and the marks
# that do not show but reorder or hide text (a name cleaned of them reads as it prints)
_REFUSED = re.compile('[<>:"/\\\\|?*\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e'
                      "\u2060-\u2069\ufeff]")


def own_script(name: str) -> str:
    """``name`` as a file name in its own script: NFC (as macOS's and Windows' file names
    compare), what no file name may hold taken out, the space between names written without
    spaces dropped (山田 花子: 山田花子), any other a dash, cut to ``LONGEST_BYTES``; "" where
    nothing is left."""
    text = _REFUSED.sub("", unicodedata.normalize("NFC", name))
    words = text.split()
    joined = ("" if written_unspaced(text) else "-").join(words)
    # Windows drops a trailing dot or space; a leading dot hides the file on Linux and macOS
    joined = joined.strip(". -")
    cut = joined.encode("utf-8")[:LONGEST_BYTES].decode("utf-8", "ignore")
    return cut.rstrip(". -")


# names Windows keeps for its devices, whatever follows them: a program saved for a patient
# called Con, as programs/con.yaml, went to the console there, and an export's folder
# "con" could not be made
_DEVICE = re.compile(r"con|prn|aux|nul|com[0-9]|lpt[0-9]")


# Latin letters Unicode does not split into a letter and an accent, so that dropping the
# accents lost them ("Strauß" was strau, "Søren" sren): their usual ASCII spelling. A short
# table rather than a transliteration package (unidecode, anyascii): none is among our
# dependencies, and only letters of Latin-script names are wanted here
_SPELLED = str.maketrans({
    "ß": "ss", "ẞ": "SS", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ø": "o", "Ø": "O",
    "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "TH",
    "ı": "i", "ħ": "h", "Ħ": "H", "ŧ": "t", "Ŧ": "T", "ŋ": "ng", "Ŋ": "NG", "ĸ": "k",
    # a curly apostrophe as the straight one: O’Connor's file is O'Connor's, o-connor
    "\u2019": "'", "\u2018": "'", "\u02bc": "'"})


def slug(value: str, fallback: str = "patient") -> str:
    """A file-name-safe version of a name: ASCII letters, digits and dashes, at most 60
    (accents dropped, ß as ss, ø as o...); a name Windows keeps for a device (``con``,
    ``nul``, ``com1``...) gets ``-file``."""
    return _slug(value.translate(_SPELLED), fallback)


def _slug(value: str, fallback: str) -> str:
    ascii_ = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    cleaned = re.sub(r"[^A-Za-z0-9]+", "-", ascii_).strip("-").lower()[:60].strip("-")
    return f"{cleaned}-file" if _DEVICE.fullmatch(cleaned) else cleaned or fallback


def name_slug(name: str) -> str:
    """A patient's name for a file name. A name with no Latin letter (Chinese, Arabic...)
    becomes ``patient-`` and a short hash of it, so two such patients never share a name."""
    return _hashed(name, slug(name, fallback=""))


def name_slugs(name: str) -> tuple[str, ...]:
    """Every name a patient's files may have: ``name_slug``'s, then, for a name with a
    letter such as ß or ø, the one versions before 2026-12 made, which dropped it
    (``strau`` for Strauß): their messages and saved programs are still theirs."""
    former = _hashed(name, _slug(name, fallback=""))
    return tuple(dict.fromkeys((name_slug(name), former)))


def _hashed(name: str, slugged: str) -> str:
    return slugged or "patient-" + hashlib.sha256(name.encode("utf-8")).hexdigest()[:8]


def pdf_name(name: str) -> str:
    """A patient's name for their PDF's file name: ``name_slug``'s for a name with a Latin
    letter; else the name in its own script (``2026-12-05_山田花子.pdf``: see own_script),
    and ``patient-`` and a hash only where nothing of it may be in a file name."""
    return slug(name, fallback="") or own_script(name) or name_slug(name)


def program_name(typed: str) -> str:
    """A saved program's file name (without ``.yaml``) from the name typed for it or the
    patient's: ``slug``'s for a name with a Latin letter, as programs were always saved;
    else the name in its own script, as its PDF's is (``山田花子``, ``Ελένη-Παπαδοπούλου``):
    ``slug`` left nothing of such a name, so it could be saved only under a name made up
    in Latin letters. "" where the name has no letter or digit."""
    ascii_ = slug(typed, fallback="")
    if re.search("[a-z]", ascii_):
        return ascii_
    # "山田花子-2", as the box offers when 山田花子 is taken: its own script, not just "2"
    own = own_script(typed)
    return own if any(c.isalpha() for c in own) else ascii_


def is_program_name(name: str) -> bool:
    """Whether ``name`` is one ``program_name`` makes: a saved program's that may be listed
    and opened (nothing in it could name a file outside the programs folder)."""
    return bool(name) and program_name(name) == name


def program_name_numbered(name: str, number: int) -> str:
    """``name`` (a ``program_name``) with ``-number`` after it, cut to leave it room."""
    suffix = f"-{number}"
    if name.isascii():
        return slug(name[:60 - len(suffix)] + suffix)
    cut = name.encode("utf-8")[:LONGEST_BYTES - len(suffix)].decode("utf-8", "ignore")
    return cut.rstrip(". -") + suffix


def pdf_names(name: str) -> tuple[str, ...]:
    """Every name a patient's PDFs may have: ``pdf_name``'s, then those of earlier versions
    (``name_slugs``: ``patient-`` and a hash before 2026-12-05 for a name with no Latin
    letter), so that a roster run again finds the packets it wrote then."""
    return tuple(dict.fromkeys((pdf_name(name), *name_slugs(name))))


def handout_filenames(handout: "Handout") -> tuple[str, ...]:
    """The handout's file name, then those earlier versions gave it (``pdf_names``)."""
    names = pdf_names(handout.patient_name) if handout.patient_name else ("blank",)
    return tuple(f"{handout.date.isoformat()}_{name}.pdf" for name in names)


def handout_filename(handout: "Handout") -> str:
    return handout_filenames(handout)[0]
