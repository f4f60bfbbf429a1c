"""A video's QR code is encoded once: a process encodes each link once, however often its
handouts show it, and a new process (a cold build, a batch worker) takes the code's drawing
from the cache folder without encoding it at all. What is printed is the same bytes as a
process that keeps nothing; a damaged entry only costs the time of encoding again. Encodes
are counted (reportlab's QRCode.make), never timed (README: *Speed and size*)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, reader

VIDEOS = {"child_pose": "https://example.com/videos/child-pose",
          "si_joint_correction": "https://example.com/videos/si-joint",
          "kneeling_rock_back": "https://example.com/videos/rock-back?lang=en&t=0"}

# builds one program in three ways (bilingual: a card in two languages, one code), each
# twice; prints how many times a link was encoded and every PDF (hex)
SCRIPT = """
import json, sys
sys.path.insert(0, {root!r})
from reportlab.graphics.barcode import qrencoder
encodes = []
_make = qrencoder.QRCode.make
def make(self):
    encodes.append(1)
    return _make(self)
qrencoder.QRCode.make = make
import handouts as api
ws = api.open_workspace({library!r}, {clinic!r})
pdfs = []
for layout, language in (("standard", None), ("compact", None), ("standard", ["es", "en"])):
    for _ in range(2):
        program = api.program_from_options(ws, patient="Ada Example", layout=layout,
                                           exercises={exercises!r}, language=language)
        pdfs.append(api.build_handout(program, ws).pdf.hex())
print(json.dumps({{"encodes": len(encodes), "pdfs": pdfs}}))
"""


def build(home: Path, cache: Path, *, keep: bool = True) -> dict:
    env = {**os.environ, "HANDOUTS_CACHE_DIR": str(cache)}
    env.pop("HANDOUTS_NO_REPLAY", None)
    if not keep:
        env["HANDOUTS_NO_REPLAY"] = "1"
    code = SCRIPT.format(root=str(ROOT), library=str(home / "exercises.yaml"),
                         clinic=str(home / "clinic.yaml"), exercises=[*VIDEOS, "psoas_release"])
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=env, check=True)
    return json.loads(proc.stdout)


def with_videos(library_copy) -> None:
    """The real library copied (into the test's ``tmp_path``), with these videos."""
    def add(data):
        for exercise in data["exercises"]:
            if exercise["id"] in VIDEOS:
                exercise["video"] = VIDEOS[exercise["id"]]

    library_copy("exercises.yaml", add)


def test_a_new_process_takes_the_codes_from_the_cache_folder_and_prints_the_same_bytes(
        library_copy, tmp_path):
    with_videos(library_copy)
    uncached = build(tmp_path, tmp_path / "nothing-kept", keep=False)
    first = build(tmp_path, tmp_path / "cache")
    # each link once, in this process: not once for its size and again as it is drawn,
    # nor again for the compact layout or the bilingual card
    assert first["encodes"] == len(VIDEOS)
    assert first["pdfs"] == uncached["pdfs"]
    forms = {name for page in reader(bytes.fromhex(first["pdfs"][0])).pages
             for name in (page["/Resources"].get("/XObject") or {})}
    assert len([name for name in forms if "qr_" in name]) == len(VIDEOS)
    kept = sorted((tmp_path / "cache" / "drawings").glob("qr_*.json"))
    assert len(kept) == len(VIDEOS)
    again = build(tmp_path, tmp_path / "cache")
    assert again["encodes"] == 0
    assert again["pdfs"] == uncached["pdfs"]


def test_a_damaged_code_in_the_cache_folder_is_encoded_again(library_copy, tmp_path):
    with_videos(library_copy)
    first = build(tmp_path, tmp_path / "cache")
    kept = sorted((tmp_path / "cache" / "drawings").glob("qr_*.json"))
    kept[0].write_text('{"width": 90.7, "height": 90.7, "ops": ["q", 7', encoding="utf-8")
    kept[1].write_text('{"width": 90.7, "height": 90.7, "ops": [1, 2]}', encoding="utf-8")
    kept[2].write_bytes(b"\x00garbage")
    again = build(tmp_path, tmp_path / "cache")
    assert again["encodes"] == len(VIDEOS)
    assert again["pdfs"] == first["pdfs"]
    # and kept whole again for the next
    assert build(tmp_path, tmp_path / "cache")["encodes"] == 0
