"""The order pytest-xdist hands test files to its workers: the browser's first, then the
slowest first.

`make test` keeps each file on one worker (`--dist loadfile`), and xdist hands the files out
in the order collected as each worker asks for more. By default it orders them by how many
tests each holds, which put the files of a few long tests (a cache's three processes, a
browser's task at three widths) at the end: one worker ran them alone while the other
waited. Handed out longest first, the last files are short ones and both workers finish
together. `slow_files.txt` holds each slow file's seconds from a whole run; a file not in it
is taken for a short one. It is a hint, refreshed now and then with

    .venv/bin/python -m pytest -n auto --dist loadfile --junitxml=/tmp/run.xml
    .venv/bin/python tests/file_order.py /tmp/run.xml > tests/slow_files.txt

(a stale table only costs a little time, never a test)."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

TABLE = Path(__file__).with_name("slow_files.txt")
LISTED = 80  # files in the table: past these, a file's order hardly matters


def seconds_by_file(table: Path = TABLE) -> dict[str, float]:
    """``test_x.py`` → its seconds, from the table's ``seconds  file`` lines."""
    if not table.exists():
        return {}
    found = {}
    for line in table.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            seconds, name = line.split()
            found[name] = float(seconds)
    return found


def slowest_first(items: list, table: Path = TABLE) -> None:
    """Order ``items`` (pytest's, in place) by their file's seconds, longest first; within a
    file, and among the files not in the table, as collected. The files whose tests ask for
    Chromium go before all others (slowest first among them): a worker keeps its Chromium
    from one such file to the next (``one_chromium``), and starting it again after each file
    took 1.5-2.5 s, in each of 15 or so (they came scattered among the others)."""
    seconds = seconds_by_file(table)
    position, browser = {}, set()
    for item in items:
        position.setdefault(item.path.name, len(position))
        if "chromium" in getattr(item, "fixturenames", ()):
            browser.add(item.path.name)
    items.sort(key=lambda item: (item.path.name not in browser,
                                 -seconds.get(item.path.name, 0.0), position[item.path.name]))


def table_from_junit(xml_path: str) -> str:
    """The table's text from a run's JUnit XML: each file's seconds, the slowest first."""
    import xml.etree.ElementTree as ET

    per_file: Counter[str] = Counter()
    for case in ET.parse(xml_path).iter("testcase"):
        module = case.get("classname", "").split(".")[1]  # tests.test_x[.Class]
        per_file[module + ".py"] += float(case.get("time") or 0)
    lines = ["# seconds of each slow test file in one run of the suite (tests/file_order.py)"]
    lines += [f"{seconds:7.1f}  {name}" for name, seconds in per_file.most_common(LISTED)]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.stdout.write(table_from_junit(sys.argv[1]))
