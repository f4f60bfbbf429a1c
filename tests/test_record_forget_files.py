"""The pending journal and the files set aside lose a forgotten patient's entries by one rule
(``aside.without``): the others stay, with only the library versions they use, and a file
left with none is deleted. Hand-written files of made-up patients, read back as JSON."""

from __future__ import annotations

import json

from handouts.record import Patient, aside, waiting


def entry(name: str, library: str) -> dict:
    return {"patient": {"name": name, "dob": None, "number": None},
            "handout": {"library": library}}


def test_the_journal_and_a_file_set_aside_keep_the_others_and_only_their_libraries(tmp_path):
    data = {"libraries": {"a": ["ada's"], "b": ["bo's"]},
            "entries": [entry("Ada Example", "a"), entry("bo  EXAMPLE", "b")]}
    only_bo = {"libraries": {"b": ["bo's"]}, "entries": [entry("Bo Example", "b")]}
    for name, what in (("pending.json", data), ("pending-20261202-101500.rejected.json", data),
                       ("pending-20261202-101501.rejected.json", only_bo)):
        (tmp_path / name).write_text(json.dumps(what))
    bo = aside.theirs(Patient(None, "Bo Example", None, None))

    assert waiting.forget_journal(tmp_path, bo, dry_run=True) == 1
    assert aside.forget(tmp_path, bo, dry_run=True) == 2
    assert waiting.forget_journal(tmp_path, bo) == 1
    assert aside.forget(tmp_path, bo) == 2
    left = {"libraries": {"a": ["ada's"]}, "entries": [entry("Ada Example", "a")]}
    assert json.loads((tmp_path / "pending.json").read_text()) == left
    assert [p.name for p in aside.files(tmp_path)] == ["pending-20261202-101500.rejected.json"]
    assert json.loads(aside.files(tmp_path)[0].read_text()) == left
