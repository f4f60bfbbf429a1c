"""Files from outside, made to cost the most for their size: a roster that would make the
app do work out of all proportion to it (counted in what is read, not timed)."""

from __future__ import annotations

import csv

import handouts as api


def test_a_roster_of_broken_rows_is_read_once_not_again_after_each(ws, tmp_path, monkeypatch):
    """After a row that runs over two lines (an unclosed quote), reading starts again on its
    next line. A roster of only such rows, 87,000 of them in the web app's 256 KB upload,
    was read again from there to its end after each: minutes of one of the server's threads
    for each upload. Now each line is read a few times at most."""
    broken = 20_000
    roster = tmp_path / "day.csv"
    roster.write_text("name,program\n" + '"a\n' * broken + "\nJo Smith,chronic_low_back\n",
                      encoding="utf-8")
    read = []
    real = csv.reader

    def counted(lines, **kwargs):
        def each():
            for line in lines:
                read.append(len(line))
                yield line
        return real(each(), **kwargs)

    monkeypatch.setattr(csv, "reader", counted)
    rows = list(api.load_roster(roster, ws.library).rows)
    assert len(rows) == broken // 2 + 1 or len(rows) == broken + 1
    assert all("unclosed quote" in row.problem for row in rows[:-1])
    assert rows[-1].program is not None and rows[-1].program.patient.name == "Jo Smith"
    assert sum(read) < 10 * roster.stat().st_size
