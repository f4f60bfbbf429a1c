#!/usr/bin/env python3
"""What the record keeps of 500 emails until the server takes them (``records/unsent/``):
its size, how long writing it takes (``record.queued``, one message at a time, as ``email``
and ``batch --email`` do) and how long recording them as sent takes (``record.delivered``).
The shipped library and clinic, copied into a temporary folder with a SQLite record of its
own; made-up patients. Prints JSON; not a test.

    .venv/bin/python benchmarks/unsent.py [--messages 500]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=500)
    count = parser.parse_args().messages
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        shutil.copytree(ROOT / "images", root / "images")
        for name in ("exercises.yaml", "exercises.es.yaml", "clinic.yaml"):
            shutil.copy(ROOT / name, root / name)
        os.environ["HANDOUTS_DATABASE_URL"] = f"sqlite:///{root}/records.db"
        os.environ["HANDOUTS_CACHE_DIR"] = str(root / "cache")
        sys.path.insert(0, str(ROOT))
        import handouts as api
        from handouts import record

        ws = api.open_workspace(root / "exercises.yaml", root / "clinic.yaml")
        program = api.load_program("bench.yaml", ws, text=(
            "patient: {name: Pat Example}\nexercises: [child_pose]\n"))
        issue = record.Issue.of(program, api.build_handout(program, ws))
        names = [f"2026-12-05_pat-example-{n}_B{n:05d}" for n in range(count)]
        start = time.perf_counter()
        for name in names:
            record.queued(ws, name, issue)
        queued = time.perf_counter() - start
        kept = [p for p in (root / "records" / "unsent").rglob("*")
                if p.is_file() and not p.name.startswith(".")]
        size = sum(p.stat().st_size for p in kept)
        record.open_record(ws).open()
        start = time.perf_counter()
        notices = record.delivered(ws.clinic_path, ws.clinic, names)
        delivered = time.perf_counter() - start
    print(json.dumps({"messages": count, "unsent_files": len(kept),
                      "unsent_bytes": size, "bytes_per_message": round(size / count),
                      "queued_s": round(queued, 3), "delivered_s": round(delivered, 3),
                      "notices": list(notices)}, indent=2))


if __name__ == "__main__":
    main()
