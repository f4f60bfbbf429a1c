"""A roster run again after the update of 5 December 2026, over the folder a run before it
printed into: each packet there is the one it would make, but for its handout id, which
counted the pictures by name then and by their SHA-256 now. It is found as it was given
(no second file to print, no second issue in the record), not made again under a new id."""

from __future__ import annotations

import re

import handouts as api
from handouts import identity

from test_file_names_own_script import home, run  # noqa: F401  (the Japanese desk)


def test_a_roster_run_again_after_the_update_finds_the_packets_printed_before_it(
        home, monkeypatch):  # noqa: F811
    with monkeypatch.context() as before_the_update:  # ids counted pictures by name only
        before_the_update.setattr(identity, "_pictures", lambda handout: None)
        assert run(home, "batch", "本日.csv", "--out-dir", "out", "--quiet").exit_code == 0
    out = home / "out"
    # and named by a hash, as a name with no Latin letter was before the update too
    hashed = f"2026-12-05_{api.name_slug('山田 花子')}.pdf"
    (out / "2026-12-05_山田花子.pdf").rename(out / hashed)
    printed = {p.name: p.read_bytes() for p in out.iterdir()}

    again = run(home, "batch", "本日.csv", "--out-dir", "out")
    assert again.exit_code == 0, again.output
    assert "4 already there, unchanged" in again.output
    assert {p.name: p.read_bytes() for p in out.iterdir()} == printed
    for patient in ("山田 花子", "王芳"):
        history = run(home, "history", patient).output
        assert len(re.findall(r"\d{2}:\d{2}\s+batch", history)) == 1, history

    skipped = run(home, "batch", "本日.csv", "--out-dir", "out", "--skip-existing")
    assert "4 already there (skipped)" in skipped.output, skipped.output
    assert "the record lacks" not in skipped.output, skipped.output
