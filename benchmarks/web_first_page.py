#!/usr/bin/env python3
"""How long the web app's first page takes for a library of many figure files: the page
shows each exercise's thumbnail, and a figure file is drawn for it (about 25 ms each).
Through Flask's test client (no network), after the warm-up ``serve`` does before it
listens and the thumbnails it prepares beside the server (``--cold``: not prepared, the
first page makes them); the time of each is printed too. Prints JSON; not a test.

    .venv/bin/python benchmarks/web_first_page.py [--figures 100] [--cold]

The library is the shipped one, copied into a temporary folder with its exercises repeated
(each copy with a figure file of its own) until it has --figures of them.
"""

from __future__ import annotations

import argparse
import copy
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def library(folder: Path, figures: int) -> tuple[Path, Path]:
    import yaml

    shutil.copytree(ROOT / "images", folder / "images")
    shutil.copy(ROOT / "clinic.yaml", folder / "clinic.yaml")
    data = yaml.safe_load((ROOT / "exercises.yaml").read_text(encoding="utf-8"))
    drawn = [e for e in data["exercises"] if str(e.get("image", "")).endswith(".figure.yaml")]
    copies, n = [], sum(1 for e in data["exercises"] if e.get("image"))
    while n + len(copies) < figures:
        entry = copy.deepcopy(drawn[len(copies) % len(drawn)])  # (no YAML alias)
        entry["id"] = f"{entry['id']}_{len(copies)}"
        image = folder / entry["image"]
        entry["image"] = f"images/{entry['id']}.figure.yaml"
        shutil.copy(image, folder / entry["image"])
        copies.append(entry)
    data["exercises"] += copies
    (folder / "exercises.yaml").write_text(yaml.safe_dump(data, allow_unicode=True,
                                                          sort_keys=False), encoding="utf-8")
    return folder / "exercises.yaml", folder / "clinic.yaml"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--figures", type=int, default=100)
    parser.add_argument("--cold", action="store_true",
                        help="the first page without the thumbnails prepared beforehand")
    args = parser.parse_args()

    import handouts as api
    from handouts.web import create_app
    from handouts.web.server import warm_up

    try:
        from handouts.web.pictures import prepare
    except ImportError:  # before serve prepared the thumbnails
        args.cold = True

    with tempfile.TemporaryDirectory() as tmp:
        lib, clinic = library(Path(tmp), args.figures)
        ws = api.open_workspace(lib, clinic)
        app = create_app(ws, programs_dir=Path(tmp) / "programs", record=lambda *a: ())
        start = time.perf_counter()
        warm_up(ws)  # as `serve` does before it listens
        warmed = time.perf_counter() - start
        start = time.perf_counter()
        if not args.cold:
            prepare(app)  # as `serve` does beside the server as it starts listening
        prepared = time.perf_counter() - start
        client = app.test_client()
        timings = []
        for _ in range(3):
            start = time.perf_counter()
            page = client.get("/")
            timings.append(time.perf_counter() - start)
            assert page.status_code == 200, page.status
        pictures = page.data.count(b'class="thumb"')
    print(json.dumps({"exercises": len(ws.library.exercises), "thumbnails": pictures,
                      "warm_up_ms": round(warmed * 1000),
                      "thumbnails_prepared_ms": round(prepared * 1000),
                      "first_page_ms": round(timings[0] * 1000),
                      "next_pages_ms": [round(t * 1000) for t in timings[1:]]}, indent=2))


if __name__ == "__main__":
    main()
