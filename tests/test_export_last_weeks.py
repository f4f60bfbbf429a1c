"""``export --last``, the command line's "Start from the last visit": a new handout's weeks
count from its own date, so the weekly stages of the program it writes start again at week 1
when it is built. The web app says so beside a Carry on button (test_web_weekly.py); here a
warning line says so, with what to do in the file. Made-up patients."""

from __future__ import annotations

import datetime as dt

import yaml

import handouts as api
from handouts import record
from test_record import clinic  # noqa: F401 - the fixture, shared

STAGES = [{"weeks": "1-2", "reps": 5}, {"weeks": "3-4", "reps": 8}]


def given_days_ago(clinic, days: int, stages: list | None, **keys) -> None:
    ws = clinic.ws()
    dose = {"progression": stages} if stages else {"reps": 5}
    data = {"patient": {"name": "Sam Stages"}, "date": ws.today() - dt.timedelta(days=days),
            "exercises": ["si_joint_correction", {"id": "child_pose", "dose": dose}], **keys}
    program = api.program_from_data(data, ws, source="program.yaml")
    assert record.issued(ws, record.Issue.of(program, api.build_handout(program, ws)),
                         channel="printed", by="dave") == ()


def test_export_last_says_the_weekly_stages_start_again(clinic, database):  # noqa: F811
    given_days_ago(clinic, 15, STAGES)
    result = clinic.run("export", "Sam Stages", "--last", "--to", "next")
    assert result.exit_code == 0, result.output
    [path] = (clinic.root / "next").glob("*.yaml")
    assert result.stderr == (
        f"warning: next/{path.name}: the weekly stages of Child's pose rock-back start again at "
        "week 1 on the new handout; the last was given 15 days ago (week 3): to carry them "
        "on, give each in the file a progression: of the stages left, numbered from week 1 "
        "(or a dose: where one stage is left)\n")
    # the file is the last visit's, unchanged: the therapist chooses
    [_, child_pose] = yaml.safe_load(path.read_text(encoding="utf-8"))["exercises"]
    assert [s["weeks"] for s in child_pose["dose"]["progression"]] == ["1-2", "3-4"]

    # nothing is said in week 1 of the last handout, nor of a program without stages
    given_days_ago(clinic, 6, STAGES)
    result = clinic.run("export", "Sam Stages", "--last", "--to", "next")
    assert result.exit_code == 0 and result.stderr == "", result.output
    given_days_ago(clinic, 5, None)  # the newest now: no stages
    result = clinic.run("export", "Sam Stages", "--last", "--to", "later")
    assert result.exit_code == 0 and result.stderr == "", result.output


def test_export_last_of_a_program_counted_from_weeks_from_says_nothing(clinic,  # noqa: F811
                                                                        database):
    """Its weeks count from the surgery (``weeks_from:``, kept in the file), and its stages
    are carried on to the patient's week as it is built: carried on in the file as well,
    as the warning said to, they skipped a stage."""
    surgery = clinic.ws().today() - dt.timedelta(days=20)
    given_days_ago(clinic, 15, STAGES, weeks_from=surgery)
    result = clinic.run("export", "Sam Stages", "--last", "--to", "next")
    assert result.exit_code == 0 and result.stderr == "", result.output
    [path] = (clinic.root / "next").glob("*.yaml")
    assert yaml.safe_load(path.read_text(encoding="utf-8"))["weeks_from"] == str(surgery)
