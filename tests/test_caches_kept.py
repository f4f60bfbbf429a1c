"""What is kept to save time never changes a byte, within one process and across a batch's:
a card's height measured once, the validated library kept and read again when a file
changes, cards and page 1's blocks laid out once, a batch's packets the bytes of a process
that keeps nothing, a photo prepared once, threads rendering at once. (Split from
test_caches, whose module runs its whole script in fresh processes; these need none of it.)"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys

import pytest

import handouts as api
from conftest import EXAMPLES, ROOT, page_texts


def test_a_card_measured_after_another_is_gone_gets_its_own_height():
    """CardRun keeps each card's height for the pages after; a continuation is made anew
    for each page, so one drawn and let go may leave its address to the next (CI once built
    a packet that broke its pages differently from one run to the next)."""
    from reportlab.platypus import Spacer

    from handouts.render.flowables import CardRun

    heights: dict = {}
    for tall in range(40, 400, 10):
        card = Spacer(300, tall)
        assert CardRun([(card, card)], heights=heights)._height(card, 300) == tall
        del card  # the next Spacer is likely to be given this one's memory


def test_the_validated_library_is_kept_and_a_changed_file_is_read_again(library_copy,
                                                                       tmp_path, monkeypatch):
    monkeypatch.setenv("HANDOUTS_CACHE_DIR", str(tmp_path / "cache"))
    ws = library_copy("clinic.yaml", lambda data: None)
    assert ws.library_source is not None  # validated from the files
    again = api.open_workspace(ws.library_path, ws.clinic_path)
    assert again.library_source is None  # from the cache
    assert again.library == ws.library and again.clinic == ws.clinic
    assert again.translations == ws.translations

    def rename(data):
        next(e for e in data["exercises"] if e["id"] == "child_pose")["title"] = "Kneel back"

    changed = library_copy("exercises.yaml", rename)
    assert changed.library.exercise("child_pose").title == "Kneel back"
    program = api.program_from_options(changed, patient="Ada Example", exercises=["child_pose"])
    assert "Kneel back" in " ".join(page_texts(api.build_handout(program, changed).pdf))
    assert len(list((tmp_path / "cache" / "workspaces").iterdir())) == 2


def test_a_library_saved_while_it_is_validated_is_read_again_and_not_kept_as_read(
        library_copy, tmp_path, monkeypatch):
    """What was validated is not known when a file changed meanwhile: it is read again,
    and the cache never keeps one version's content under another's name."""
    from handouts import workspace_files

    monkeypatch.setenv("HANDOUTS_CACHE_DIR", str(tmp_path / "cache"))
    ws = library_copy("clinic.yaml", lambda data: None)
    shutil.rmtree(tmp_path / "cache")
    reads = []
    real = workspace_files.contents

    def saved_meanwhile(library_path, clinic_path):  # each read sees a newer file
        found = real(library_path, clinic_path)
        reads.append(1)
        return {**found, library_path: found[library_path] + b"\n" * len(reads)}

    monkeypatch.setattr(workspace_files, "contents", saved_meanwhile)
    with pytest.raises(api.HandoutError, match="keeps changing while it is read; try again"):
        api.open_workspace(ws.library_path, ws.clinic_path)
    assert len(reads) == 6 and not (tmp_path / "cache" / "workspaces").exists()

    reads.clear()

    def saved_once(library_path, clinic_path):  # saved during the first validation only
        reads.append(1)
        found = real(library_path, clinic_path)
        return {**found, library_path: b"#\n" + found[library_path]} if len(reads) == 2 \
            else found

    monkeypatch.setattr(workspace_files, "contents", saved_once)
    again = api.open_workspace(ws.library_path, ws.clinic_path)
    assert len(reads) == 4 and again.library == ws.library  # validated twice, then kept
    assert len(list((tmp_path / "cache" / "workspaces").iterdir())) == 1


def test_a_bad_library_is_never_kept(library_copy, tmp_path, monkeypatch):
    monkeypatch.setenv("HANDOUTS_CACHE_DIR", str(tmp_path / "cache"))
    with pytest.raises(api.HandoutError):
        library_copy("exercises.yaml", lambda data: data["exercises"][0].pop("title"))
    assert not (tmp_path / "cache" / "workspaces").exists()


def test_cards_recur_as_one_layout_per_process(ws, jane):
    """The same exercise at the same dose is laid out once: a second patient's cards (and
    the tighter ones CardRun may set instead) are frozen ones, which draw by replaying what
    the first drew."""
    from handouts.render import layout, theme
    from handouts.render.flowables import CardRun
    from handouts.render.frozen import Frozen

    handout = api.resolve_program(jane, ws)
    t = theme.theme_for("standard", ws.clinic.page_size, ws.clinic.colors.primary,
                        ws.clinic.colors.accent, ws.clinic.colors.text)

    def cards(flowables):
        return [c for f in flowables if isinstance(f, CardRun) for pair in f.cards for c in pair]

    first, second = cards(layout.build(handout, t)), cards(layout.build(handout, t))
    # each card, and its tighter ones (its picture as large, then smaller)
    assert len(first) == 3 * len(handout.exercises)
    assert all(isinstance(c, Frozen) and c.layout.card for c in first + second)
    assert [c.key[0] for c in first] == ["card", "compact", "compact"] * len(handout.exercises)
    assert all(a.layout is b.layout for a, b in zip(first, second))


def test_page_one_blocks_and_the_log_recur_as_one_layout_per_program(ws, jane):
    """Page 1's header, summary table and safety box, and the log's table, are the same for
    every patient of a program: laid out once; another program's summary and log are its
    own."""
    from handouts.render import layout, theme
    from handouts.render.float_over import FloatOver
    from handouts.render.flowables import FootOfPage
    from handouts.render.frozen import Frozen
    from handouts.render.page_one import FactsKept, MostlyHere

    t = theme.theme_for("standard", ws.clinic.page_size, ws.clinic.colors.primary,
                        ws.clinic.colors.accent, ws.clinic.colors.text)

    def fixed(program):
        found = {}
        laid = layout.build(api.resolve_program(program, ws), t)
        # page 1's head holds the header and the safety box (FactsKept)
        laid = [g for f in laid for g in ([*f.usual, f.foot] if isinstance(f, FactsKept) else [f])]
        for f in laid:
            for g in [f.box] if isinstance(f, FootOfPage) else [f.table] if isinstance(
                    f, MostlyHere) else (f.block if isinstance(f, FloatOver) else [f]):
                if isinstance(g, Frozen) and g.key[0] == "fixed":
                    found[g.key[1]] = g.layout
        return found

    other = jane.model_copy(update={"patient": jane.patient.model_copy(
        update={"name": "Zoë Ñúñez-Ødegård"})})
    shorter = jane.model_copy(update={"exercises": jane.exercises[:1], "protocol": None})
    first, second, third = fixed(jane), fixed(other), fixed(shorter)
    assert set(first) == {"header", "safety", "at_a_glance", "log"}
    assert all(first[name] is second[name] for name in first)
    assert third["header"] is first["header"] and third["safety"] is first["safety"]
    assert third["at_a_glance"] is not first["at_a_glance"]
    assert third["log"] is not first["log"]


# a batch of one protocol's patients, one after another in each layout and language: the
# workers lay out, split and replay what the first patients drew; the names change page 1
# (a long one wraps its line, others bring characters outside ASCII and a fallback font)
PATIENTS = ["Avery Abbott", "Zoë Ñúñez-Ødegård", "Αλέξης Παπαδόπουλος",
            "Maximiliana Bartholomew-Featherstonehaugh de la Montgomery-Wolfeschlegel",
            "Blake Brennan", "Jo – “Quotes” · Bullets •", "Casey Castillo", "Bo Li"]
KINDS = [("standard", "en", "2026-11-23"), ("compact", "es", "2026-11-24"),
         ("large_print", "en", "2026-11-25")]  # a date each, so that file names differ

UNCACHED_PACKETS = """
import hashlib, json, sys
sys.path.insert(0, {root!r})
import handouts as api
ws = api.open_workspace()
out = {{}}
for name, layout, language, date in json.loads(sys.argv[1]):
    program = api.program_from_data({{"patient": {{"name": name}}, "protocol": "chronic_low_back",
                                      "date": date, "layout": layout, "language": language}},
                                    ws, source="test")
    built = api.build_handout(program, ws)
    out[built.filename] = hashlib.sha256(built.pdf).hexdigest()
print(json.dumps(out))
"""


def test_a_batch_writes_every_packet_as_a_process_that_keeps_nothing(tmp_path):
    import csv

    rows = [(name, *kind) for kind in KINDS for name in PATIENTS]
    with open(tmp_path / "roster.csv", "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["name", "program", "date", "layout", "language"])
        writer.writerows([(n, "chronic_low_back", date, layout, language)
                          for n, layout, language, date in rows])
    env = {**os.environ, "HANDOUTS_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("HANDOUTS_NO_REPLAY", None)
    subprocess.run([sys.executable, str(ROOT / "make_handouts.py"), "batch",
                    str(tmp_path / "roster.csv"), "--out-dir", str(tmp_path / "out"),
                    "--jobs", "2", "--quiet"], env=env, check=True, capture_output=True)
    built = {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
             for p in (tmp_path / "out").glob("*.pdf")}
    env = {**env, "HANDOUTS_NO_REPLAY": "1", "HANDOUTS_CACHE_DIR": str(tmp_path / "empty")}
    proc = subprocess.run([sys.executable, "-c", UNCACHED_PACKETS.format(root=str(ROOT)),
                           json.dumps(rows)], env=env, check=True, capture_output=True,
                          text=True)
    uncached = json.loads(proc.stdout)
    assert len(uncached) == len(rows) and len(set(uncached.values())) == len(rows)
    assert built == uncached


def test_a_photo_is_prepared_once_and_kept(library_copy, tmp_path, monkeypatch):
    """A clinic's photo is decoded and downscaled once; a new process reads the result from
    the cache folder (a damaged entry, or one cut short, is prepared again), and the PDF
    stays the same."""
    from PIL import Image

    from handouts.render import pictures

    monkeypatch.setenv("HANDOUTS_CACHE_DIR", str(tmp_path / "cache"))
    photo = Image.new("RGB", (1600, 1200), "white")
    photo.paste((30, 110, 120), (200, 200, 1400, 1000))

    def use_photo(data):
        next(e for e in data["exercises"] if e["id"] == "child_pose")["image"] = \
            "images/child-pose-photo.png"

    photo_ws = library_copy("exercises.yaml", use_photo)
    photo.save(photo_ws.image_root / "images" / "child-pose-photo.png")
    program = api.program_from_options(photo_ws, patient="Ada Example",
                                       exercises=["child_pose"])

    def new_process():
        pictures._raster.cache_clear()
        pictures._reader.cache_clear()

    new_process()
    built = api.build_handout(program, photo_ws)
    assert not [w for w in built.warnings if "placeholder" in w]
    first = built.pdf
    # one per box it is drawn in: the card's, and the smaller one of the tighter card that
    # CardRun measures
    kept = sorted((tmp_path / "cache" / "photos").iterdir())
    assert len(kept) == 2
    new_process()
    with pytest.MonkeyPatch.context() as m:
        m.setattr(pictures, "_prepared", lambda *a: pytest.fail("prepared the photo again"))
        assert api.build_handout(program, photo_ws).pdf == first
    # cut off part way (a disk that filled, a crash), it still begins as a JPEG does: Pillow
    # stopped the build with a traceback at its page
    for path in kept:
        whole = path.read_bytes()
        path.write_bytes(whole[:len(whole) // 2])
    new_process()
    assert api.build_handout(program, photo_ws).pdf == first
    for path in kept:
        path.write_bytes(b"12 12\nnot a jpeg")
    new_process()
    assert api.build_handout(program, photo_ws).pdf == first
    new_process()


def test_threads_rendering_at_once_write_the_same_bytes(ws):
    """The web app renders in several threads: recordings in progress are per thread, and a
    card drawn afresh from its shared layout is drawn by one thread at a time."""
    from concurrent.futures import ThreadPoolExecutor

    programs = [api.load_program(p, ws) for p in sorted(EXAMPLES.glob("*.yaml"))]
    names = ["Ana Ruiz", "Zoë Ñúñez", "Αλέξης", "Bo Li"]
    jobs = [(p.model_copy(update={"patient": p.patient.model_copy(update={"name": n})}), layout)
            for p in programs for n in names for layout in ("standard", "compact")]
    alone = [api.build_handout(p, ws, layout=layout).pdf for p, layout in jobs]
    with ThreadPoolExecutor(max_workers=4) as pool:
        together = list(pool.map(lambda job: api.build_handout(job[0], ws, layout=job[1]).pdf,
                                 jobs))
    assert together == alone
