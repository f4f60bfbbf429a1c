"""The sinks' helpers: safe file names, and files written whole or not at all."""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from pathlib import Path

from handouts.resolve import Handout


def slug(value: str, fallback: str = "patient") -> str:
    """A file-name-safe version of a name: ASCII letters, digits and dashes, at most 60."""
    ascii_ = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    cleaned = re.sub(r"[^A-Za-z0-9]+", "-", ascii_).strip("-").lower()
    return cleaned[:60].strip("-") or fallback


def handout_filename(handout: Handout) -> str:
    name = slug(handout.patient_name) if handout.patient_name else "blank"
    return f"{handout.date.isoformat()}_{name}.pdf"


def write_atomic(path: Path, data: bytes) -> None:
    """Write the whole file or nothing: a temporary file beside it, then a rename."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
