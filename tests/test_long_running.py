"""A process that runs for weeks (the web app) meets a new exercise card with every dose or
note a therapist types. What it keeps of them is bounded, and the library's cards, in every
handout, are the ones it keeps: 14,000 requests to `serve` once held 1.3 GB, most of it laid
out cards kept at the drawings' limit (20,000 of about 40 KB each)."""

from __future__ import annotations

import handouts as api
from handouts.kept import keep
from handouts.render import frozen, replay

from conftest import page_texts


def test_an_entry_in_use_outlasts_the_ones_added_since():
    from handouts.kept import found

    kept: dict = {}
    for i in range(3):
        keep(kept, i, str(i), 3)
    assert found(kept, 0) == "0"  # used: now the newest
    keep(kept, 3, "3", 3)
    assert list(kept) == [2, 0, 3]  # 1, unused for longest, was given up
    assert found(kept, 1) is None and list(kept) == [2, 0, 3]


def test_a_long_running_process_keeps_a_bounded_number_of_laid_out_cards(ws, monkeypatch):
    monkeypatch.setattr(frozen, "LAYOUTS", 30, raising=False)
    monkeypatch.setattr(replay, "LIMIT", 200)
    frozen.clear()
    replay.clear()
    shared = None
    for n in range(1, 41):  # each patient a hold of their own: a new card, summary and log
        program = api.program_from_options(
            ws, patient=f"Ada Example {n}",
            exercises=["child_pose", f"si_joint_correction:hold={n} s"])
        built = api.build_handout(program, ws)
        assert len(frozen._laid) <= 30
        assert len(replay._drawn) <= 200
        child_pose = [layout for key, layout in frozen._laid.items()
                      if key[0] == "card" and "child_pose" in repr(key)]
        assert child_pose, f"the library's card was given up after {n} handouts"
        shared = shared or child_pose[0]
        assert child_pose[0] is shared  # laid out once, kept while it is in use
    text = " ".join(page_texts(built.pdf))
    assert "Ada Example 40" in text and "Hold 40 seconds" in text


def test_the_wording_kept_stays_bounded_as_the_clinic_saves_its_own(tmp_path):
    """Each save of a clinic's strings.en.yaml is another state of its wording (its files'
    stamp), which serve takes at the next request; what was read of the older ones is
    given up, and the newest is what prints."""
    from handouts.words import text

    before = text._wording.cache_info().currsize
    for n in range(1, 301):  # a clinic that edits its wording twice a day for five months
        (tmp_path / "strings.en.yaml").write_text(f'at_a_glance: "Your plan, version {n}"\n')
        wording = text.Wording(home=tmp_path, stamp=(("strings.en.yaml", n),))
        assert text.phrase("en", "at_a_glance", wording) == f"Your plan, version {n}"
        assert text.language_name("en", wording) == "English"
    assert text._wording.cache_info().currsize <= max(before, 4 * text._ENVIRONMENTS)
    assert text.languages.cache_info().currsize <= 2 * text._ENVIRONMENTS


def test_the_splits_kept_are_bounded_too(ws, monkeypatch):
    """Where a block is split (page 1's summary of every exercise, one hold the patient's
    own), how many parts it split into was kept for every block ever split, its content in
    the key: a long-running web app kept one for each."""
    monkeypatch.setattr(frozen, "LAYOUTS", 12, raising=False)
    frozen.clear()
    everything = [e.id for e in ws.library.exercises]
    for n in range(1, 13):
        for layout in ("standard", "large_print"):
            program = api.program_from_options(
                ws, patient=f"Ada Example {n}", layout=layout,
                exercises=[*everything[:-1], f"{everything[-1]}:hold={n} s"])
            built = api.build_handout(program, ws)
        assert len(frozen._parts) <= 12
    assert f"Hold {n} seconds" in " ".join(page_texts(built.pdf))
