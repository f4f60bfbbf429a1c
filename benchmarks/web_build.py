#!/usr/bin/env python3
"""How long the web app's "Download PDF" takes: POST of a 10-exercise program → PDF bytes,
through Flask's test client (no network), median of --runs after one warm-up; the record is
left out (its time is the database's). Prints JSON; not a test.

    .venv/bin/python benchmarks/web_build.py [--runs 20] [--library FILE --clinic FILE]

The default library is the small one the web tests use (tests/web_library/), so the number
does not depend on the clinic's own drawings.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--library", default=str(ROOT / "tests/web_library/exercises.yaml"))
    parser.add_argument("--clinic", default=str(ROOT / "tests/web_library/clinic.yaml"))
    args = parser.parse_args()

    import handouts as api
    from handouts.web import create_app
    from handouts.web.server import warm_up

    ws = api.open_workspace(args.library, args.clinic)
    ids = [e.id for e in ws.library.exercises[:10]]
    app = create_app(ws, programs_dir=Path(tempfile.mkdtemp()), record=lambda *a: ())
    warm_up(ws)  # as `serve` does before it listens
    client = app.test_client()
    token = re.search(rb'name="csrf_token" value="([^"]+)"', client.get("/").data).group(1)
    form = {"csrf_token": token.decode(), "action": "download", "ex-0-hold": "45 s",
            "education": [t.id for t in ws.library.education][:2]}
    timings = []
    for run in range(args.runs + 1):
        form["patient_name"] = f"Bench Patient {run}"  # a different handout every run
        for i, ident in enumerate(ids):
            form[f"ex-{i}-id"] = ident
        start = time.perf_counter()
        response = client.post("/program", data=form)
        elapsed = time.perf_counter() - start
        assert response.mimetype == "application/pdf", response.status
        if run:
            timings.append(elapsed)
    print(json.dumps({"exercises": len(ids), "runs": args.runs,
                      "build_median_ms": round(statistics.median(timings) * 1000, 1),
                      "build_max_ms": round(max(timings) * 1000, 1),
                      "pdf_kb": round(len(response.data) / 1024)}, indent=2))


if __name__ == "__main__":
    main()
