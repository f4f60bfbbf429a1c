"""A message that may have been sent, settled by the person who asked its patient: it came
(``email --confirm``), so it goes to sent/ and the record has it as emailed. One that did not
come is sent again by ``email --retry --include-uncertain`` (``service.send``).

    with outbox.locked():
        [name] = find_uncertain(outbox, "ABCD-EFGH")  # or its file's name in uncertain/
        confirm(outbox, name)
        notices = service.record_sent(outbox, clinic_path, clinic)
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from handouts import HandoutError, make_folder, write_atomic
from handouts.mail.outbox import Outbox, Record, now_iso

CONFIRMED = "confirmed by the clinic: the patient has it"


def find_uncertain(outbox: Outbox, given: str) -> list[str]:
    """The names of the messages in uncertain/ that ``given`` names: its file's name (with
    or without .eml, or its path), or its handout id as the PDF and ``history`` show it.
    More than one where the id is that of one handout sent to two addresses (its id leaves
    the address out: ``outbox.addressed``), which only a file's name tells apart."""
    names = outbox.uncertain_names()
    stem = Path(given.strip()).name.removesuffix(".eml").removesuffix(".json")
    if stem in names:
        return [stem]
    # a name ends with the handout id (message_name), however it was typed, as find reads
    # it ("gllm27bs", "GLLM 27BS", "Handout GLLM-27BS")
    from handouts import record

    code = record.normal_id(given)
    return [n for n in names if n.upper().endswith((f"_{stem.upper()}", f"_{code}"))]


def confirm(outbox: Outbox, name: str) -> Record | None:
    """Move a message from uncertain/ to sent/, as sent when it went whole to the server
    (the time the record has it as *maybe emailed*): the .eml first, so a crash part way
    leaves it where nothing sends it again. Returns its record (None: it had none that can
    be read, and is moved as it is)."""
    try:
        record = outbox.record(name, folder=outbox.uncertain)
    except HandoutError:
        record = None
    make_folder(outbox.sent)
    os.replace(outbox.uncertain / f"{name}.eml", outbox.sent / f"{name}.eml")
    if record is not None:
        record = replace(record, sent=record.unanswered or now_iso(), reason=None,
                         sending=None)
        write_atomic(outbox.sent / f"{name}.json", record.to_json())
        (outbox.uncertain / f"{name}.json").unlink(missing_ok=True)
    elif (outbox.uncertain / f"{name}.json").exists():
        os.replace(outbox.uncertain / f"{name}.json", outbox.sent / f"{name}.json")
    outbox.audit("sent", record, file=f"{name}.eml", reason=CONFIRMED)
    return record
