"""What the record kept is read under the rules it was made under, where a later rule only
refuses (handouts/input/later_rules.py): a handout given with a gap between weekly stages
(or a first stage after week 1), allowed until 5 December 2026, in its program or in its
library, is made again byte for byte by ``reprint``, and *Start from the last visit* opens
its program with the gap told beside its row; a fresh build of the same program still
refuses it in one line. SQLite and PostgreSQL; made-up patients.

A handout "made before the rule" is made by today's code with the rule not yet there (the
gap check a no-op while it is made and recorded): the record then holds what 4 December's
code kept, and bytes today's code can match."""

from __future__ import annotations

import contextlib
from html import unescape

import pytest

import handouts as api
from handouts import record
from handouts.errors import HandoutError
from handouts.input import progression
from handouts.render.theme import theme_for

from conftest import reader
from test_dose_fields import tick_boxes
from test_record import clinic  # noqa: F401 - the fixture, shared

PROGRAM = """\
patient:
  name: Gap Example
therapist: Dave Candy, PT, DPT
date: 2026-12-04
log_weeks: 4
exercises:
  - id: child_pose
    dose:
      frequency: 2 times a day
      progression:
        - {weeks: 1-2, frequency: once a day, reps: 5}
        - {weeks: 5-6, frequency: once a day, sets: 2, reps: 10}
"""
GAP = ('weeks 3-4 have no stage: give them one, or end the stage before at week 4 ("1-4")')


@contextlib.contextmanager
def before_the_rule(monkeypatch, tmp_path):
    """The code of 4 December: no gap, nor a first stage after week 1, is refused. Its
    validated library is cached apart, as 4 December's code kept its own (a fresh read
    today must not find it)."""
    with monkeypatch.context() as m:
        m.setattr(progression, "gap_problem", lambda weeks, before: None)
        # not there before the rule came: the test of the rule fails on that code
        m.setattr(progression, "start_problem", lambda weeks: None, raising=False)
        m.setenv("HANDOUTS_CACHE_DIR", str(tmp_path / "cache-before"))
        yield


def boxes(pdf: bytes, ws: api.Workspace) -> int:
    size = theme_for("standard", ws.clinic.page_size).body_size * 1.15
    return sum(len(tick_boxes(page, size)) for page in reader(pdf).pages)


def test_a_program_with_a_gap_given_before_the_rule_reprints_the_same_bytes(
        clinic, database, monkeypatch, tmp_path):  # noqa: F811 - the fixture
    path = clinic.root / "gap-example.yaml"
    path.write_text(PROGRAM)
    with before_the_rule(monkeypatch, tmp_path):
        built, notices = clinic.issue(path)
    assert notices == ()
    handout_id = built.handout.handout_id

    # a fresh build of it is refused, in one line at the stage after the gap
    with pytest.raises(HandoutError) as refused:
        api.load_program(path, clinic.ws())
    assert str(refused.value) == (f"{path}:12: exercises[child_pose].dose.progression[2]"
                                  f".weeks: {GAP}")
    result = clinic.run("build", str(path), "-o", "again.pdf")
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and GAP in result.stderr
    assert not (clinic.root / "again.pdf").exists()

    # the record's copy is made again as it was given
    result = clinic.run("reprint", handout_id, "-o", "copy.pdf")
    assert result.exit_code == 0, result.output
    assert clinic.says_issued("the same bytes as the handout printed on", result.output)
    assert (clinic.root / "copy.pdf").read_bytes() == built.pdf
    again = record.reprint(clinic.ws(), handout_id)
    assert again.identical is True and again.same_id
    # its log as 4 December's code printed it: weeks 1-2 once a day, and weeks 3-4, in the
    # gap, the exercise's own 2 times a day (today's code would go on once a day: 28 boxes)
    assert boxes(again.built.pdf, clinic.ws()) == 7 * 2 + 14 * 2


def test_a_program_whose_first_stage_starts_late_given_before_the_rule_reprints_the_same(
        clinic, database, monkeypatch, tmp_path):  # noqa: F811 - the fixture
    path = clinic.root / "late-example.yaml"
    path.write_text(PROGRAM.replace("Gap Example", "Late Example")
                    .replace("weeks: 1-2", "weeks: 3-4"))
    with before_the_rule(monkeypatch, tmp_path):
        built, notices = clinic.issue(path)
    assert notices == ()
    handout_id = built.handout.handout_id

    late = ('weeks 1-2 have no stage: start this stage at week 1 ("1-4"), or give them a '
            "stage before it")
    with pytest.raises(HandoutError) as refused:
        api.load_program(path, clinic.ws())
    assert str(refused.value) == (f"{path}:11: exercises[child_pose].dose.progression[1]"
                                  f".weeks: {late}")
    result = clinic.run("build", str(path), "-o", "again.pdf")
    assert result.exit_code == 1 and result.stderr.count("\n") == 1 and late in result.stderr

    result = clinic.run("reprint", handout_id, "-o", "copy.pdf")
    assert result.exit_code == 0, result.output
    assert (clinic.root / "copy.pdf").read_bytes() == built.pdf
    again = record.reprint(clinic.ws(), handout_id)
    assert again.identical is True and again.same_id
    # weeks 1-2, before the first stage, followed it (once a day), as they did then
    assert boxes(again.built.pdf, clinic.ws()) == 28


def test_a_library_with_a_gap_kept_by_the_record_reprints_once_the_library_is_put_right(
        clinic, database, monkeypatch, tmp_path):  # noqa: F811 - the fixture
    library = clinic.root / "exercises.yaml"
    text = library.read_text(encoding="utf-8")
    dose = "  dose:\n    hold: 20-30 s\n    reps: 3\n    frequency: 2 times a day\n"
    at = text.index(dose, text.index("- id: child_pose"))  # its own dose
    staged = dose + ("    progression:\n    - weeks: 1-2\n      hold: 20 s\n"
                     "    - weeks: 5-6\n      hold: 30 s\n")

    def with_stages(stages: str) -> str:
        return text[:at] + stages + text[at + len(dose):]

    library.write_text(with_stages(staged), encoding="utf-8")
    with before_the_rule(monkeypatch, tmp_path):
        built, notices = clinic.issue(clinic.program(name="Lib Example"))
    assert notices == ()

    # today the library itself is refused, in one line, until the clinic puts it right
    with pytest.raises(HandoutError) as refused:
        clinic.ws()
    [problem] = refused.value.problems
    assert (problem.location.path, problem.message) == (
        "exercises[child_pose].dose.progression[2].weeks", GAP)
    library.write_text(with_stages(staged.replace("5-6", "3-6")), encoding="utf-8")

    result = clinic.run("reprint", built.handout.handout_id, "-o", "copy.pdf")
    assert result.exit_code == 0, result.output
    assert (clinic.root / "copy.pdf").read_bytes() == built.pdf
    assert record.reprint(clinic.ws(), built.handout.handout_id).identical is True


def test_start_from_the_last_visit_opens_it_and_tells_the_gap_beside_its_row(
        clinic, database, monkeypatch, tmp_path):  # noqa: F811 - the fixture
    from handouts.web import create_app
    from test_web import Browser

    path = clinic.root / "gap-example.yaml"
    path.write_text(PROGRAM)
    with before_the_rule(monkeypatch, tmp_path):
        clinic.issue(path)
    ws = clinic.ws()
    [patient] = record.patients(ws, "Gap Example")
    assert [s.weeks.lo for s in record.latest_program(ws, patient).exercises[0].dose
            .progression] == [1, 5]

    b = Browser(create_app(ws, programs_dir=clinic.root / "programs",
                           record=lambda *a: ()))
    b.get(f"/patients/{patient.id}")
    page = b.post("next", {}, url=f"/patients/{patient.id}/next")
    html = unescape(page.get_data(as_text=True))
    # the editor, opened (422: a page that lists problems), not "Visit 1 cannot be opened"
    assert page.status_code == 422 and "cannot be opened" not in html, html
    assert "Started from visit 1 of December 4, 2026" in " ".join(html.split())
    assert "Please fix 1 problem" in html
    row = html[html.index('id="ex-0-stage-1"'):]
    assert GAP in row[:row.index("</tr>", row.index("stage-messages"))]
    assert b.form()["ex-0-stage-1-weeks"] == "5-6"  # as given, to put right

    # Build is refused, the gap beside the row, until the therapist closes it
    form = b.form()
    page = b.post("build", form)
    assert page.status_code == 422
    assert GAP in unescape(page.get_data(as_text=True))
    page = b.post("build", {**form, "ex-0-stage-1-weeks": "3-6"})
    assert page.status_code == 200, unescape(page.get_data(as_text=True))
    assert GAP not in unescape(page.get_data(as_text=True))


def test_the_rules_of_7_december_hold_for_a_fresh_read_not_for_a_kept_one():
    """A clinic file or library the record kept, with a text a " #" cut short ("Suite" of
    "Suite #200") or a phone with its label, printed so before 7 December: read as kept, as
    it was read then, so that its handouts reprint; read afresh, refused."""
    from handouts.input import later_rules
    from handouts.input.models import Clinic
    from handouts.input.yamlsource import parse

    text = "name: Stride\nphone: 'Phone: 555-0100'\naddress: 410 Main St, Suite #200\n"
    fresh = parse(text, "clinic.yaml")
    assert [p.message.split(":")[0] for _, p in fresh.problems] == ['the text stops at " #200"']
    with pytest.raises(ValueError, match="starts with \"Phone:\""):
        Clinic.model_validate(fresh.data)
    with later_rules.as_made():
        kept = parse(text, "clinic.yaml")
        assert kept.problems == ()
        clinic = Clinic.model_validate(kept.data)
    assert clinic.phone == "Phone: 555-0100" and clinic.address == "410 Main St, Suite"
