"""An occupational therapy clinic (tests/clinics/ot: made-up Maple Street OT, US Letter,
en-US), written from the README and docs/library.md alone. Its home programs are largely
how to do a daily task: dress one-handed after a stroke, get into the tub with a transfer
bench, put on socks with a sock aid after a new hip; steps, and no reps or hold. Its
handouts are read back page by page."""

from __future__ import annotations

import pytest

from clinic_copy import copied, example, flat_pages, run


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    return copied(tmp_path_factory, "ot", "maple")


def built(home, name: str, *options: str) -> list[str]:
    return flat_pages(example(home, name, *options)[0])


def test_the_clinic_checks_clean(home):
    result = run(home, "check")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        'OK: 5 exercises, 2 education topics, 2 protocols, 2 example programs; '
        'clinic "Maple Street OT"']


@pytest.mark.parametrize("layout", ["standard", "compact", "large_print"])
def test_daily_tasks_alone_are_not_timed(home, layout):
    # a sock aid and a tub bench: steps, no reps or hold. Page 1 said "Doing all your
    # exercises once takes about 1 minute", each task timed as a single rep
    pages = built(home, "walter-brandt", "--layout", layout)
    assert "1. Put on socks with a sock aid" in " ".join(pages)
    assert "Get in and out of the tub with a bench" in " ".join(pages)
    assert not any("takes about" in page for page in pages)


def test_tasks_beside_exercises_count_only_the_exercises(home):
    # coin pick-up, 2 sets of 10 (about 2 minutes), beside three tasks that counted a
    # minute more between them
    pages = built(home, "ruth-okafor")
    assert "Doing all your exercises once takes about 2 minutes." in pages[0]
    assert "1. Put on a shirt with one hand" in pages[0]
    assert "3. Pick up coins and pegs 2 sets of 10 · Weak hand 2 times a day" in pages[0]
    shirt = next(page for page in pages if "1. Put on a shirt with one hand" in page
                 and "Steps" in page)
    assert "Put your weak arm into its sleeve first." in shirt
    # the log and the topic end the handout; which comes first depends on the room the
    # exercises leave on their last page (the therapist's note, on page 1, no longer there)
    assert "Your exercise log: week 1" in pages[-1]
    assert "Save your energy" in " ".join(pages[-2:])
