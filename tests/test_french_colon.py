"""French sets a space before : ; ! ? — a clinic's dose.txt or frequency.txt types it as an
ordinary one ("Utilisez : …"), and a narrow cell on page 1 started a line with the colon.
The space is tied to its word where text enters a paragraph. Read back from the PDFs."""

from __future__ import annotations

import handouts as api

from conftest import page_texts
from test_library_language import clinic


def _lines(home, often: str) -> list[str]:
    (home / "templates" / "fr" / "frequency.txt").write_text(often, encoding="utf-8")
    ws = api.open_workspace(home=home)
    data = {"patient": {"name": "Françoise Lefèvre"}, "date": "2026-12-03",
            "exercises": ["respiration", "marche"], "language": "fr"}
    built = api.build_handout(api.program_from_data(data, ws, source="test"), ws)
    return [line.strip() for page in page_texts(built.pdf) for line in page.splitlines()]


def test_a_french_colon_never_starts_a_line(tmp_path):
    home = clinic(tmp_path)
    # words of every length before the colon: one of them ends a line in the summary's
    # narrow "how often" column, or on a card, where the colon could fall to the next
    started = {}
    for n in range(24):
        often = "Utilisez" + " bien" * n + " : deux fois par jour, matin et soir"
        lines = _lines(home, often)
        assert any("Utilisez" in line for line in lines)
        found = [line for line in lines if line.startswith(":")]
        if found:
            started[n] = found
    assert not started, started
