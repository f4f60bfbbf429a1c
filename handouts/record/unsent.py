"""Handouts written to the outbox but not sent yet: what the record will keep of each, by the
message's name, until a send (at once, or by ``email --retry`` in a later run) delivers it.

One small JSON file per message in ``records/unsent/`` (0600, written whole, in the private
records folder): the entry as ``issued`` would write it, and the library version it needs.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterable

from .journal import Damaged
from .where import private_folder

FOLDER = "unsent"


def folder(records: Path) -> Path:
    return Path(records) / FOLDER


def keep(records: Path, name: str, libraries: dict[str, list], entry: dict[str, Any]) -> None:
    """Keep one message's entry until it is sent (written again if queued again): written
    whole and on the disk before the message can go, as the outbox's own files are (about
    4 ms a message on an SSD, a few seconds in a batch of 500), so a power cut never leaves
    a message to send whose record is lost."""
    from handouts import write_atomic

    where = folder(records)
    private_folder(Path(records))
    private_folder(where)
    write_atomic(where / f"{_safe(name)}.json",
                 json.dumps({"libraries": libraries, "entry": entry},
                            ensure_ascii=False).encode("utf-8"))


def read(path: Path) -> dict[str, Any]:
    """One message's kept entry and library versions; FileNotFoundError when there is none,
    Damaged (one line: the file and why) when it cannot be read as one."""
    try:
        kept = json.loads(Path(path).read_bytes())
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise Damaged(f"{path}: cannot be read ({exc.strerror or exc})") from None
    except ValueError:
        raise Damaged(f"{path}: cut short or damaged (not JSON)") from None
    if not isinstance(kept, dict) or not isinstance(kept.get("libraries"), dict) or \
            not isinstance(kept.get("entry"), dict) or \
            not isinstance(kept["entry"].get("patient"), dict) or \
            not isinstance(kept["entry"].get("handout"), dict):
        raise Damaged(f"{path}: not what handouts keeps of a message not sent yet")
    return kept


def names(records: Path) -> list[str]:
    """The messages whose entries are kept: queued, and not recorded as sent yet."""
    where = folder(records)
    if not where.is_dir():
        return []
    return sorted(p.stem for p in where.glob("*.json") if not p.name.startswith("."))


def take(records: Path, names: Iterable[str],
         ) -> tuple[dict[str, list], list[dict], list[Path], list[str]]:
    """The kept entries of these messages (a message queued before the record kept any has
    none): their library versions, the entries, the files to remove once recorded, and what
    is said of each file that cannot be read (left as it is, for a person to look at)."""
    libraries: dict[str, list] = {}
    entries, files, unread = [], [], []
    for name in names:
        path = folder(records) / f"{_safe(name)}.json"
        try:
            kept = read(path)
        except FileNotFoundError:
            continue
        except Damaged as exc:
            unread.append(str(exc))
            continue
        libraries.update(kept["libraries"])
        entries.append(kept["entry"])
        files.append(path)
    return libraries, entries, files, unread


def of_patient(records: Path, matches) -> list[Path]:
    """The kept files whose patient ``matches`` (a predicate on the entry's patient data);
    one that cannot be read is passed over (``waiting.unreadable`` names it)."""
    from .aside import belongs

    found = []
    where = folder(records)
    for path in sorted(where.glob("*.json")) if where.is_dir() else ():
        try:
            entry = read(path)["entry"]
        except (FileNotFoundError, Damaged):
            continue
        if belongs(entry, matches):
            found.append(path)
    return found


def _safe(name: str) -> str:
    # message names are the outbox's own (date, slug, handout id); never a path
    return Path(name).name
