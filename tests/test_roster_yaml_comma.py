"""A YAML roster's row with a comma in {…} is told which value the comma cut short, as a
program file is (tests/cases/invalid/program-comma-in-braces.yaml): its row was told
'unknown key "5 days a week"; expected one of: hold, reps, …', as if a key were misspelt.
The other rows still build. Made-up patients."""

from __future__ import annotations

import yaml

import handouts as api


def test_a_yaml_roster_row_with_a_comma_in_braces_names_the_value_it_cut(tmp_path, ws):
    roster = tmp_path / "today.yaml"
    roster.write_text(
        "- patient: {name: Ann Example}\n"
        "  exercises:\n"
        "    - id: child_pose\n"
        "      dose: {hold: 30 s, frequency: 2 times a day, 5 days a week}\n"
        "- patient: {name: Bo Example}\n"
        "  exercises: [child_pose]\n", encoding="utf-8")
    ann, bo = api.load_roster(roster, ws.library).rows
    assert ann.program is None
    assert ('"5 days a week" is read as a key: in {…} a comma ends a value, so frequency is '
            '"2 times a day"; put the whole text in quotes: '
            'frequency: "2 times a day, 5 days a week"') in ann.problem
    assert "expected one of" not in ann.problem
    assert bo.program is not None and bo.problem is None


def test_the_line_given_for_a_text_with_quotes_reads_back_as_the_whole_text(tmp_path, ws):
    # it was told effort: "say "ouch" if it hurts, and stop", which YAML cannot read
    roster = tmp_path / "today.yaml"
    roster.write_text(
        "- patient: {name: Ann Example}\n"
        "  exercises:\n"
        "    - id: child_pose\n"
        "      dose: {effort: say \"ouch\" if it hurts, and stop}\n", encoding="utf-8")
    (ann,) = api.load_roster(roster, ws.library).rows
    given = ann.problem.split("put the whole text in quotes: ", 1)[1]
    assert yaml.safe_load("{" + given + "}") == {"effort": 'say "ouch" if it hurts, and stop'}
