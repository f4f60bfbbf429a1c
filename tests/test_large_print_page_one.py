"""Large print, page 1: under the knee clinic's long address (three contact lines beside the
logo) and over the safety box kept at the page's foot, it still says whose handout it is and
when it was given: what the front desk and the patient check first."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from handouts.cli import main

from conftest import ROOT, page_texts

KNEE = ROOT / "examples" / "knee-clinic"


@pytest.mark.parametrize("therapist", [None, "Sam Okafor, PT"])
def test_page_one_of_the_knee_clinics_large_print_holds_the_name_and_the_date(
        tmp_path, therapist):
    out = tmp_path / "dorothy.pdf"
    result = CliRunner().invoke(main, [
        "--home", str(KNEE), "build", "--protocol", "after_knee_surgery",
        "--layout", "large_print", "--patient", "Dorothy Reyes", "--date", "2026-11-23",
        *(["--therapist", therapist] if therapist else []), "-o", str(out)],
        catch_exceptions=False)
    assert result.exit_code == 0, result.output
    first = " ".join(page_texts(out.read_bytes())[0].split())
    assert "For: Dorothy Reyes" in first
    assert "Date: November 23, 2026" in first
    assert "Next appointment:" in first
    if therapist:
        assert f"Therapist: {therapist}" in first
    assert "Stop and call us if" in first  # the box still keeps page 1's foot
    assert first.index("Dorothy Reyes") < first.index("Stop and call us if")
