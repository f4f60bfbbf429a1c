"""A Japanese clinic's roster (tests/clinics/japanese: made-up, ja-JP): headed in Japanese
(氏名, 生年月日, プログラム, 次回), with dates in the era (令和8年12月5日, S25.6.10, 令和元年)
and in full width digits, as a desk in Osaka types them. Read through ``batch`` and
``load_roster``; an era date no era had is one line that says what it would be."""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner

import handouts as api
from handouts.cli import main

from conftest import ROOT

CLINIC = ROOT / "tests" / "clinics" / "japanese"


def japanese_home(tmp_path, monkeypatch):
    """A copy of the Japanese test clinic, the working folder, with a record of its own."""
    folder = tmp_path / "naniwa"
    shutil.copytree(CLINIC, folder)
    monkeypatch.delenv("HANDOUTS_DATABASE_URL")  # a record of its own, in the clinic folder
    monkeypatch.chdir(folder)
    return folder


@pytest.fixture
def home(tmp_path, monkeypatch):
    return japanese_home(tmp_path, monkeypatch)


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def rows(home, text: str):
    roster = home / "本日.csv"
    roster.write_text(text, encoding="utf-8")
    ws = api.open_workspace(home=home)
    return list(api.load_roster(roster, ws.library, day_first=ws.clinic.day_first,
                                languages=ws.languages).rows)


def test_a_roster_headed_in_japanese_is_read_as_the_desk_headed_it(home):
    """Every row failed, the roster refused for want of a "name" column: the headings were
    Japanese. Full width letters and spaces ("患者ＩＤ", "生年　月日") are the same heading."""
    found = rows(home, "氏名,生年　月日,メールアドレス,プログラム,患者ＩＤ,予約日,次回,担当\n"
                       "山田 花子,1968/03/14,hanako@example.jp,carpal_tunnel_start,000123,"
                       "2026/12/05,2026/12/19,佐藤 健一\n")
    [row] = found
    assert row.problem is None, row.problem
    program = row.program
    assert (program.patient.name, str(program.patient.dob), program.patient.email,
            program.patient.number, str(program.date), str(program.next_visit),
            program.therapist) == ("山田 花子", "1968-03-14", "hanako@example.jp", "000123",
                                   "2026-12-05", "2026-12-19", "佐藤 健一")


def test_a_name_in_two_japanese_columns_is_family_name_first(home):
    """姓 and 名 apart, in either order: 山田 花子, as the name is written, not 花子 山田."""
    [row] = rows(home, "名,姓,プログラム\n花子,山田,carpal_tunnel_start\n")
    assert row.problem is None and row.program.patient.name == "山田 花子"


@pytest.mark.parametrize("typed, read", [
    ("令和8年12月5日", "2026-12-05"), ("令和元年5月1日", "2019-05-01"),
    ("平成31年4月30日", "2019-04-30"), ("平成元年1月8日", "1989-01-08"),
    ("昭和64年1月7日", "1989-01-07"), ("昭和元年12月25日", "1926-12-25"),
    ("S25.6.10", "1950-06-10"), ("H3.4.1", "1991-04-01"), ("R1.5.1", "2019-05-01"),
    ("㍼25年6月10日", "1950-06-10"), ("昭和２５年６月１０日", "1950-06-10"),
    ("1950年6月10日", "1950-06-10"), ("１９５０/０６/１０", "1950-06-10"),
    ("１９５０-０６-１０", "1950-06-10"),
])
def test_a_date_of_birth_in_the_era_or_in_full_width_digits_is_read(home, typed, read):
    [row] = rows(home, f"氏名,生年月日,プログラム\n田中 一郎,{typed},carpal_tunnel_start\n")
    assert row.problem is None, row.problem
    assert str(row.program.patient.dob) == read


@pytest.mark.parametrize("typed, said", [
    ("令和0年1月1日", "令和 (Reiwa) has no year 0; its first year is 令和元年 (令和1年, 2019)"),
    ("平成32年1月1日", "平成 (Heisei) ended on 2019-04-30; 2020-01-01 is 令和2年1月1日 (or "
                   "write it as 2020-01-01)"),
    ("昭和65年3月1日", "昭和 (Showa) ended on 1989-01-07; 1990-03-01 is 平成2年3月1日"),
    ("令和元年4月1日", "令和 (Reiwa) began on 2019-05-01; 2019-04-01 is 平成31年4月1日"),
    ("S1.12.1", "昭和 (Showa) began on 1926-12-25; 1926-12-01 is 大正15年12月1日"),
    ("H2.2.30", "is not a date: February 1990 has 28 days"),
])
def test_an_era_date_no_era_had_is_one_line_saying_what_it_would_be(home, typed, said):
    (home / "本日.csv").write_text(f"氏名,生年月日,プログラム\n田中 一郎,{typed},"
                                   "carpal_tunnel_start\n山田 花子,S43.3.14,"
                                   "carpal_tunnel_start\n", encoding="utf-8")
    result = run("--home", home, "batch", "本日.csv", "--out-dir", home / "out")
    assert result.exit_code == 1, result.output
    [line] = [line for line in result.stderr.splitlines() if typed in line]
    assert said in line and "Traceback" not in result.output
    assert len(list((home / "out").glob("*.pdf"))) == 1  # the good row is still built


def test_dob_on_the_command_line_is_read_in_the_era_too(home):
    """``history --dob S43.3.14`` is ``--dob 1968-03-14``; 平成32年 is one line."""
    assert run("--home", home, "build", "examples/yamada.yaml").exit_code == 0
    result = run("--home", home, "history", "山田 花子", "--dob", "S43.3.14")
    assert result.exit_code == 0, result.output
    assert "1968-03-14" in result.output
    wrong = run("--home", home, "history", "山田 花子", "--dob", "平成32年1月1日")
    assert wrong.exit_code != 0
    assert wrong.stderr.strip().splitlines()[-1].endswith(
        "2020-01-01 is 令和2年1月1日 (or write it as 2020-01-01)"), wrong.stderr


def test_a_program_file_reads_its_dates_as_a_roster_does(home):
    """A program file's ``dob:``, ``date:`` and ``next_visit:`` in the era or year first
    were "not a date; write it as YYYY-MM-DD", where a roster's cell of the same date was
    read: a file saved from the clinic's forms is read the same way, and built."""
    text = (home / "examples" / "yamada.yaml").read_text(encoding="utf-8")
    for iso, typed in (("1968-03-14", "昭和43年3月14日"), ("2026-12-05", "２０２６/１２/０５"),
                       ("2026-12-19", "R8.12.19")):
        text = text.replace(iso, typed)
    (home / "yamada.yaml").write_text(text, encoding="utf-8")
    program = api.load_program(home / "yamada.yaml", api.open_workspace(home=home))
    assert (str(program.patient.dob), str(program.date), str(program.next_visit)) == (
        "1968-03-14", "2026-12-05", "2026-12-19")
    assert run("--home", home, "build", "yamada.yaml", "-o", home / "y.pdf").exit_code == 0
    # and a roster's row that names the file reads them too
    [row] = rows(home, "氏名,プログラム\n山田 花子,yamada.yaml\n")
    assert row.problem is None, row.problem
    assert str(row.program.patient.dob) == "1968-03-14"
