"""Generated programs, roster rows and names fed to the build: the only outcomes allowed are
a handout or a HandoutError whose every problem is one line. Anything else (a traceback, a
LayoutError, a RecursionError) fails. Bounded: a few dozen examples each, well under 30 s."""

from __future__ import annotations

import csv
import io

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import handouts as api

BOUNDED = settings(max_examples=30, deadline=None, derandomize=True,
                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

IDS = ["child_pose", "kneeling_rock_back", "psoas_release", "child_pos", "", "../x"]
ANY_CHAR = st.characters(exclude_categories=("Cs",))
TRICKY = st.sampled_from([
    "\n", "\r\n", "\x00", "\x1b[2J", "\u202e", "\u2028", "<b>", "&amp;", "</para>", "*a", "&a",
    "דוד כהן", "محمد عبد الله", "李小龙", "😀", "x" * 400, "[" * 50, "{", "- ", ": ", "#",
    "!!python/object:os.system", "1000000 times a day", "99999 min", "1e400", "-3", "0",
    "5-10 s", "3-5", "2 x 30 s", "each side", "twice a day, 5 days a week", "3-1"])
TEXT = st.one_of(TRICKY, st.text(ANY_CHAR, max_size=60),
                 st.lists(TRICKY, max_size=6).map("".join))
VALUE = st.one_of(TEXT, st.integers(-10**15, 10**15), st.floats(), st.booleans(), st.none())
DOSE = st.dictionaries(st.sampled_from([*api.DOSE_FIELDS, "x"]),
                       st.one_of(VALUE, st.lists(TEXT, max_size=3)), max_size=5)
EXERCISE = st.one_of(st.sampled_from(IDS), st.fixed_dictionaries(
    {"id": st.sampled_from(IDS)}, optional={"dose": DOSE, "note": TEXT}))
PROGRAM = st.fixed_dictionaries(
    {"patient": st.fixed_dictionaries({"name": TEXT}, optional={"email": TEXT})},
    optional={"therapist": TEXT, "note": TEXT, "date": st.one_of(st.dates(), TEXT),
              "exercises": st.lists(EXERCISE, max_size=5),
              "protocol": st.sampled_from(["chronic_low_back", "nope", ""]),
              "education": st.lists(st.sampled_from(["posture", "hypermobility", "x"]),
                                    max_size=3),
              "layout": st.sampled_from(["standard", "compact", "large_print", "huge"]),
              "order": st.sampled_from(["as_listed", "by_position", "?"]),
              "language": st.sampled_from(["en", "es", "es, en", "xx", "en, es, en"])})


def build_or_refuse(build) -> None:
    """Run ``build``; a HandoutError is a fine answer, provided each problem is one line."""
    try:
        built = build()
    except api.HandoutError as exc:
        assert exc.problems
        for problem in exc.problems:
            assert "\n" not in str(problem) and "\r" not in str(problem)
        return
    pdfs = built if isinstance(built, list) else [built]
    for one in pdfs:
        assert one.pdf.startswith(b"%PDF") and api.page_count(one.pdf) >= 1
        for warning in one.warnings:
            assert isinstance(warning, str)


@BOUNDED
@given(program=PROGRAM)
def test_generated_programs_build_or_are_refused(ws, tmp_path_factory, program):
    text = yaml.safe_dump(program, allow_unicode=True)
    path = tmp_path_factory.mktemp("fuzz") / "program.yaml"
    build_or_refuse(lambda: api.build_handout(api.load_program(path, ws, text=text), ws))


@BOUNDED
@given(program=PROGRAM, cut=st.integers(0, 10_000), insert=TEXT)
# found by this test: a key with "[" in it lost its place in the error (an IndexError)
@example(program={"patient": {"name": "\n"}}, cut=1, insert="[" * 50)
def test_damaged_yaml_builds_or_is_refused(ws, program, cut, insert):
    text = yaml.safe_dump(program, allow_unicode=True)
    cut %= len(text) + 1
    text = text[:cut] + insert + text[cut:]
    build_or_refuse(lambda: api.build_handout(api.load_program("program.yaml", ws, text=text),
                                              ws))


ROW = st.fixed_dictionaries({
    "name": TEXT, "email": st.one_of(st.just(""), TEXT, st.just("a@example.com")),
    "program": st.one_of(st.sampled_from(["chronic_low_back", "x.yaml", "../../etc/passwd",
                                          "/etc/passwd", "sub/", ""]), TEXT),
    "therapist": TEXT, "date": st.one_of(st.just("2026-11-23"), TEXT),
    "language": st.sampled_from(["", "es", "es, en", "zz"]),
    "layout": st.sampled_from(["", "compact", "large_print", "tiny"])})


@BOUNDED
@given(rows=st.lists(ROW, min_size=1, max_size=4))
def test_generated_roster_rows_build_or_are_refused(ws, tmp_path_factory, rows):
    folder = tmp_path_factory.mktemp("roster")
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    roster = folder / "roster.csv"
    roster.write_text(out.getvalue(), encoding="utf-8")

    def build_rows():
        loaded = api.load_roster(roster, ws.library)
        built = []
        for row in loaded.rows:
            assert (row.program is None) != (row.problem is None)
            if row.problem:
                assert "\n" not in row.problem and "\r" not in row.problem
            else:
                build_or_refuse(lambda: built.append(api.build_handout(row.program, ws))
                                or built[-1])
        return built

    build_or_refuse(build_rows)
