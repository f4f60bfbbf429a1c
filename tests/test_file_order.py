"""The suite's own scheduling: the slowest test files are handed to the workers first."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import file_order


def test_the_files_in_the_table_go_first_slowest_first_each_file_kept_in_order(
        tmp_path):
    table = tmp_path / "slow_files.txt"
    table.write_text("# seconds\n   40.0  test_c.py\n    9.5  test_a.py\n", encoding="utf-8")
    items = [SimpleNamespace(path=Path(f"tests/{name}"), n=n)
             for n, name in enumerate(["test_a.py", "test_a.py", "test_b.py", "test_c.py",
                                       "test_d.py", "test_c.py"])]
    file_order.slowest_first(items, table)
    assert [(i.path.name, i.n) for i in items] == [
        ("test_c.py", 3), ("test_c.py", 5), ("test_a.py", 0), ("test_a.py", 1),
        ("test_b.py", 2), ("test_d.py", 4)]


def test_the_files_that_ask_for_chromium_go_before_all_others(tmp_path):
    """So that each worker runs them one after another, and keeps its Chromium between
    them: a file is the browser's where any of its tests asks for it."""
    table = tmp_path / "slow_files.txt"
    table.write_text("# seconds\n   40.0  test_c.py\n    9.5  test_a.py\n    2.0  test_e.py\n",
                     encoding="utf-8")
    asks = {"test_a.py": [(), ()], "test_b.py": [()], "test_c.py": [(), ()],
            "test_d.py": [("tmp_path",), ("chromium", "tmp_path")],
            "test_e.py": [("chromium",)]}
    items = [SimpleNamespace(path=Path(f"tests/{name}"), fixturenames=names)
             for name, each in asks.items() for names in each]
    file_order.slowest_first(items, table)
    assert [i.path.name for i in items] == [
        "test_e.py", "test_d.py", "test_d.py", "test_c.py", "test_c.py", "test_a.py",
        "test_a.py", "test_b.py"]


def test_the_table_is_made_from_a_runs_junit_xml(tmp_path):
    xml = tmp_path / "run.xml"
    xml.write_text(
        '<testsuites><testsuite>'
        '<testcase classname="tests.test_a" name="one" time="1.5"/>'
        '<testcase classname="tests.test_b.TestIt" name="two" time="4.0"/>'
        '<testcase classname="tests.test_a" name="three" time="1.0"/>'
        '</testsuite></testsuites>', encoding="utf-8")
    table = tmp_path / "slow_files.txt"
    table.write_text(file_order.table_from_junit(str(xml)), encoding="utf-8")
    assert file_order.seconds_by_file(table) == {"test_b.py": 4.0, "test_a.py": 2.5}
    assert list(file_order.seconds_by_file(table)) == ["test_b.py", "test_a.py"]


def test_the_shipped_table_names_only_files_that_exist():
    here = Path(file_order.__file__).parent
    assert file_order.seconds_by_file()  # the table is there and read
    assert [name for name in file_order.seconds_by_file() if not (here / name).exists()] == []
