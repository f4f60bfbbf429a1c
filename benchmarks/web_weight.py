#!/usr/bin/env python3
"""What the editor sends for each thing a therapist does, and how long the server takes: the
page, a search by the button and the live search, Add, Remove, and the preview's redraw.
Through Flask's test client (no network: the bytes a slow Wi-Fi would carry, the server's
time alone). Prints JSON; not a test.

    .venv/bin/python benchmarks/web_weight.py [--library exercises.yaml --clinic clinic.yaml]

Bytes are of the body as sent (no compression); times the median of --runs.
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


def measured(runs: int, ask) -> dict:
    sizes, times = [], []
    for _ in range(runs):
        start = time.perf_counter()
        response = ask()
        times.append(time.perf_counter() - start)
        assert response.status_code in (200, 422), response.status
        sizes.append(len(response.data))
    return {"bytes": sizes[-1], "server_ms": round(statistics.median(times) * 1000, 1)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--library", type=Path, default=ROOT / "exercises.yaml")
    parser.add_argument("--clinic", type=Path, default=ROOT / "clinic.yaml")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    import handouts as api
    from handouts.web import create_app
    from handouts.web.pictures import prepare
    from handouts.web.server import warm_up

    ws = api.open_workspace(args.library, args.clinic)
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app(ws, programs_dir=Path(tmp), record=lambda *a: ())
        warm_up(ws)
        prepare(app)
        client = app.test_client()
        page = client.get("/")
        token = re.search(rb'name="csrf_token" value="([^"]+)"', page.data).group(1).decode()
        ids = [e.id for e in ws.library.exercises]
        last = ids[-1]  # the library's last: the one a capped list leaves out first
        word = str(ws.library.exercise(last).title).split()[0]

        def post(action, **fields):
            return client.post("/program", data={"csrf_token": token, "action": action,
                                                 "patient_name": "Pat Example", **fields},
                               follow_redirects=True)

        one = {"ex-0-id": ids[0]}
        two = {"ex-0-id": ids[0], "ex-1-id": last}
        out = {"exercises": len(ids),
               "page": measured(args.runs, lambda: client.get("/")),
               "search_button": measured(args.runs, lambda: post("search", q=word)),
               "live_search_empty": measured(args.runs, lambda: client.get("/search?q=")),
               "live_search_word": measured(args.runs, lambda: client.get(f"/search?q={word}")),
               "add": measured(args.runs, lambda: post(f"add:{last}", **one)),
               "remove": measured(args.runs, lambda: post("remove:1", **two)),
               "preview_redraw": measured(args.runs, lambda: client.post(
                   "/preview", data={"csrf_token": token, "patient_name": "Pat Example",
                                     **two}))}
        out["cards_on_page"] = client.get("/").data.count(b'<li class="card')
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
