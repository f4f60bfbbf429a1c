"""The cache folder stays its size: each edit of the library is another validated workspace,
each library version reprinted a folder, each new colour a drawing, and nothing was ever
deleted (23 MB after 230 edits). Once a folder of it holds more than its limit, the entries
used least recently are deleted as one is written, never one this process uses."""

from __future__ import annotations

import os
import shutil

import handouts as api
from handouts.input import cache_folder

from conftest import WEB_LIBRARY


def _aged(folder, count: int, *, dirs: bool = False) -> list:
    """``count`` entries made long ago, the first the oldest."""
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for n in range(count):
        path = folder / f"old{n:03}{'' if dirs else '.pickle'}"
        if dirs:
            path.mkdir()
            (path / "exercises.yaml").write_text("exercises: []\n")
        else:
            path.write_bytes(b"x" * 100)
        os.utime(path, (1_000_000 + n, 1_000_000 + n))
        made.append(path)
    return made


def test_validated_workspaces_are_kept_to_a_bound_the_newest_and_the_used_stay(
        tmp_path, monkeypatch):
    monkeypatch.setenv("HANDOUTS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(cache_folder, "_in_use", {})
    limit = cache_folder.LIMITS["workspaces"]
    folder = tmp_path / "cache" / "workspaces"
    old = _aged(folder, limit + 8)
    cache_folder.used(old[0])  # the oldest, but this process read it a moment ago
    os.utime(old[0], (1_000_000, 1_000_000))  # (its time as another process left it)
    shutil.copytree(WEB_LIBRARY, tmp_path / "clinic")
    ws = api.open_workspace(tmp_path / "clinic" / "exercises.yaml",
                            tmp_path / "clinic" / "clinic.yaml")
    left = sorted(p.name for p in folder.iterdir())
    assert len(left) <= limit
    assert old[0].exists() and not old[1].exists()  # in use here; the least recently used
    assert old[-1].exists()  # one of the most recent
    mine = [p for p in folder.iterdir() if not p.name.startswith("old")]
    assert len(mine) == 1  # the one just written
    # read by a new process, it is the most recently used: not the next to go
    os.utime(mine[0], (1_000_000, 1_000_000))
    monkeypatch.setattr(cache_folder, "_in_use", {})
    again = api.open_workspace(tmp_path / "clinic" / "exercises.yaml",
                               tmp_path / "clinic" / "clinic.yaml")
    assert again.library == ws.library
    assert mine[0].stat().st_mtime > 2_000_000


def test_folders_of_library_versions_reprinted_are_kept_to_a_bound(tmp_path, monkeypatch):
    monkeypatch.setenv("HANDOUTS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(cache_folder, "_in_use", {})
    limit = cache_folder.LIMITS["as-issued"]
    old = _aged(tmp_path / "cache" / "as-issued", limit + 4, dirs=True)
    api.cache_used(old[2])  # a reprint of this process reads its pictures from it
    os.utime(old[2], (1_000_000, 1_000_000))
    assert api.prune_cache(tmp_path / "cache" / "as-issued") == 4  # to 15, one kept
    left = list((tmp_path / "cache" / "as-issued").iterdir())
    assert len(left) <= limit and old[2].exists() and not old[0].exists()
    # a folder that is no folder of the cache folder is never touched
    other = _aged(tmp_path / "elsewhere" / "as-issued", limit + 4, dirs=True)
    assert api.prune_cache(other[0].parent) == 0 and all(p.exists() for p in other)


def test_drawings_written_by_a_build_keep_the_folder_to_its_bound(tmp_path, monkeypatch,
                                                                  ws, jane):
    from handouts.render import forms, frozen, pictures, replay

    monkeypatch.setenv("HANDOUTS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(cache_folder, "_in_use", {})
    monkeypatch.setitem(cache_folder.LIMITS, "drawings", 24)
    old = _aged(tmp_path / "cache" / "drawings", 30)
    for forget in (frozen.clear, replay.clear, pictures._figure.cache_clear,
                   pictures._vector.cache_clear, forms._operators.clear):
        forget()
    built = api.build_handout(jane, ws)  # draws its figures, kept for the next process
    left = list((tmp_path / "cache" / "drawings").iterdir())
    mine = [p for p in left if not p.name.startswith("old")]
    # Jane's build writes 19 drawings (her note now heads page 2, beside a card set smaller)
    assert 0 < len(mine) < 22 and len(left) <= 24 and not old[0].exists()
    assert built.pdf.startswith(b"%PDF")


def test_picture_checksums_kept_for_the_record_are_kept_to_a_bound(tmp_path, monkeypatch, ws):
    """``digests/`` got a file for every picture at every size and time it ever had, and none
    was ever deleted: a clinic running for years filled it."""
    from handouts.input import digests
    from handouts.record import entry

    monkeypatch.setenv("HANDOUTS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(cache_folder, "_in_use", {})
    monkeypatch.setattr(digests, "_digests", {})
    monkeypatch.setitem(cache_folder.LIMITS, "digests", 20)
    folder = tmp_path / "cache" / "digests"
    old = _aged(folder, 30)
    cache_folder.used(old[0])  # the oldest, but this process read it a moment ago
    os.utime(old[0], (1_000_000, 1_000_000))
    kept = entry.pictures(ws)
    assert kept  # the library has pictures, each one's checksum kept now
    left = list(folder.iterdir())
    mine = [p for p in left if not p.name.startswith("old")]
    assert 0 < len(mine) < 18 and len(left) <= 20
    assert old[0].exists() and not old[1].exists() and old[-1].exists()
    # read by a new process, a checksum is the most recently used: not the next to go
    os.utime(mine[0], (1_000_000, 1_000_000))
    monkeypatch.setattr(digests, "_digests", {})
    assert entry.pictures(ws) == kept
    assert mine[0].stat().st_mtime > 2_000_000
