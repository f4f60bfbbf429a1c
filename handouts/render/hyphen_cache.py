"""pyphen's dictionaries kept parsed between runs (``hyphenation/`` in the cache folder).

pyphen parses a dictionary's .dic file in every new process: en_US about 60-140 ms, es
about 26 ms, paid by a cold build of a handout in English and Spanish whose long word leaves
an item's number alone on its line; reading one parsed takes about 4 ms. An entry is named
after pyphen's version, the dictionary file's name, size and time and the Python version, so
a new pyphen or dictionary is simply another entry. It holds the patterns alone, not the
words looked up since. This module only reads the cache: what a render parsed waits in
``unsaved_dictionaries()`` until the API writes it (rendering writes no file). A missing,
damaged or foreign entry only costs the time of parsing the file again.
"""

from __future__ import annotations

import hashlib
import pickle
import sys
from pathlib import Path

from handouts.input.cache import cache_root
from handouts.input.cache_folder import used

_unsaved: dict[Path, bytes] = {}


def _entry(pyphen, dic: Path) -> Path | None:
    """Where the parsed ``dic`` is kept; None where the file cannot be looked at."""
    try:
        found = dic.stat()
    except OSError:
        return None
    said = f"{pyphen.__version__} {dic.name} {found.st_size} {found.st_mtime_ns} {sys.version}"
    return cache_root() / "hyphenation" / (
        f"{dic.stem}-{hashlib.sha256(said.encode()).hexdigest()[:16]}.pickle")


def _kept(pyphen, path: Path):
    """The dictionary kept at ``path``, as pyphen would have parsed it; None if none is
    there or it is not one (damaged, or written by other code)."""
    try:
        patterns, maxlen = pickle.loads(path.read_bytes())
        start, values = next(iter(patterns.values()))  # one pattern's shape, as pyphen's
    except Exception:
        return None
    if not (isinstance(patterns, dict) and isinstance(maxlen, int)
            and isinstance(start, int) and isinstance(values, tuple)):
        return None
    made = pyphen.HyphDict.__new__(pyphen.HyphDict)
    made.patterns, made.maxlen, made.cache = patterns, maxlen, {}
    return made


def install(pyphen, language: str) -> None:
    """Have pyphen use the parsed dictionary of ``language`` (one of ``pyphen.LANGUAGES``)
    from the cache folder, or parse it and keep it for the next process."""
    source = pyphen.LANGUAGES[language]  # pyphen's key: a Path, or a package's resource
    if source in pyphen.hdcache:
        return
    path = _entry(pyphen, Path(str(source)))
    found = None if path is None else _kept(pyphen, path)
    if found is None:
        found = pyphen.HyphDict(source)
        if path is not None:
            _unsaved[path] = pickle.dumps((found.patterns, found.maxlen),
                                          protocol=pickle.HIGHEST_PROTOCOL)
    else:
        used(path)  # not pruned under this process; the newest for others
    pyphen.hdcache[source] = found


def unsaved_dictionaries() -> dict[Path, bytes]:
    """The cache files (path → content) of dictionaries parsed since the last call."""
    found = dict(_unsaved)
    _unsaved.clear()
    return found
