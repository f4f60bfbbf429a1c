"""A patient's name in a PDF's file name when it has no Latin letter: in its own script
(``2026-12-05_山田花子.pdf``), not ``patient-`` and a hash, which a desk printing a day's
Japanese, Chinese or Arabic packets could not tell apart.

Only what a file name may hold on Windows, macOS and Linux is kept, and the name is cut to
a length in bytes every file system takes. The outbox keeps its messages' ASCII names:
a message sent under one must still be found as sent (files.name_slug).
"""

from __future__ import annotations

import re
import unicodedata

from handouts.input.patient import written_unspaced

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
