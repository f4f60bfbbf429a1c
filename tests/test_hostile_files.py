"""Files from outside, made to cost the most for their size: a roster that would make the
app do work out of all proportion to it (counted in what is read, not timed), or one that
never ends."""

from __future__ import annotations

import csv
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

import handouts as api

ROOT = Path(__file__).resolve().parent.parent


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


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_an_endless_file_given_for_a_roster_is_refused_not_read_until_memory_runs_out(
        tmp_path):
    """A CSV roster had no size limit: /dev/zero (or a link to it, named day.csv) was read
    until memory ran out, and then a MemoryError's traceback. Now it is one line; the
    process is kept to 1.5 GB here, so that the test never takes the machine's memory."""
    link = tmp_path / "day.csv"
    link.symlink_to("/dev/zero")

    def limited():
        resource.setrlimit(resource.RLIMIT_AS, (1536 * 2**20, 1536 * 2**20))

    for roster in ("/dev/zero", link):
        done = subprocess.run([sys.executable, str(ROOT / "make_handouts.py"), "batch",
                               str(roster), "--merge", str(tmp_path / "all.pdf")],
                              capture_output=True, text=True, preexec_fn=limited, timeout=300)
        assert done.returncode == 1
        assert done.stderr == (f"error: {roster}: the file is larger than 100,000,000 bytes; "
                               "split the roster into files of at most 100,000,000 bytes\n")
        assert not (tmp_path / "all.pdf").exists()
