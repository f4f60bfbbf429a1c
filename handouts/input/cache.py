"""The validated library and clinic kept between runs, so that a cold build neither parses
nor validates files that have not changed since the last run.

An entry is named after the content of every file it was made from (the library, its
translations, the clinic, the clinic's own protocols) and of the code that validates them,
and after the package, Python and pydantic versions: a changed file or a new version is
simply another entry. This module only reads; the API writes new entries
(``workspace.open_workspace``), as it writes drawings. A missing, damaged or unreadable
entry only costs the time of validating the files again.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import sys
from pathlib import Path
from typing import Any, Mapping

from handouts.input import later_rules
from handouts.input.models import Clinic, Library
from handouts.input.translations import Translation

_CODE = Path(__file__).resolve().parent


def cache_root() -> Path:
    """$HANDOUTS_CACHE_DIR, or the user's cache folder. Deleting it is always safe."""
    return Path(os.environ.get("HANDOUTS_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "handouts"))


def entry(files: Mapping[Path, bytes | None]) -> Path | None:
    """Where the validated content of ``files`` (each file's bytes, None for one that
    cannot be read) is kept; None if one cannot be read."""
    import pydantic

    from handouts import __version__

    if None in files.values():
        return None  # the build reads it again and says what is wrong
    digest = hashlib.sha256(f"{__version__} {sys.version} {pydantic.VERSION}".encode())
    if later_rules.kept_now():  # read without the later rules: a fresh read must not find it
        digest.update(b"as made\0")
    code = _code()
    if code is None:
        return None
    for path, data in {**files, **code}.items():
        digest.update(str(path.name).encode() + b"\0" + data + b"\0")
    return cache_root() / "workspaces" / f"{digest.hexdigest()[:32]}.pickle"


@functools.cache
def _code() -> dict[Path, bytes] | None:
    """The source of the code that validates, read once a process (a web app or a test run
    opens workspaces by the hundred): it is what this process runs, whatever is on disk
    later."""
    try:
        return {path: path.read_bytes()
                for path in [*sorted(_CODE.glob("*.py")), _CODE.parent / "errors.py"]}
    except OSError:
        return None


# the library, clinic and translations, and what the caller kept with them (the clinic's own
# protocols: ``input.local`` reads this module's names, so the caller checks their type)
Kept = tuple[Library, Clinic, dict[str, Translation], Any]


def load(path: Path | None) -> Kept | None:
    if path is None:
        return None
    try:
        library, clinic, translations, local = pickle.loads(path.read_bytes())
    except Exception:  # not there yet, damaged, or written by other code: validate again
        return None
    if not (isinstance(library, Library) and isinstance(clinic, Clinic)
            and isinstance(translations, dict)
            and all(isinstance(t, Translation) for t in translations.values())):
        return None
    return library, clinic, translations, local


def dump(kept: Kept) -> bytes:
    return pickle.dumps(kept, protocol=pickle.HIGHEST_PROTOCOL)
