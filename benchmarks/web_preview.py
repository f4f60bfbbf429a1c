#!/usr/bin/env python3
"""How long from a change in the editor to an updated preview: in headless Chromium (Debian's,
driven by Playwright), a dose box of a 10-exercise program is changed, and the time is taken
until the preview's image of page 1 has loaded the new page. That includes the editor's
400 ms pause after the last keystroke (so typing does not build a PDF per letter); the server's
part (POST /preview: validate, build, read the PDF's text, then draw page 1 with PDFium) is
timed separately through Flask's test client. Medians of --runs; prints JSON; not a test.

    .venv/bin/python benchmarks/web_preview.py [--runs 15]
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
LIBRARY = ROOT / "tests/web_library"


def server_side(app, ids, runs: int) -> list[float]:
    client = app.test_client()
    token = re.search(rb'name="csrf_token" value="([^"]+)"', client.get("/").data).group(1)
    form = {"csrf_token": token.decode(), "patient_name": "Bench Patient"}
    form.update({f"ex-{i}-id": ident for i, ident in enumerate(ids)})
    timings = []
    for run in range(runs + 1):
        form["ex-0-reps"] = str(run + 2)  # a new PDF every run
        start = time.perf_counter()
        answer = client.post("/preview", data=form).json
        image = client.get(answer["urls"][0])
        elapsed = time.perf_counter() - start
        assert image.mimetype == "image/jpeg"
        if run:
            timings.append(elapsed)
    return timings


def in_browser(base: str, ids, runs: int) -> list[float]:
    from playwright.sync_api import sync_playwright

    timings = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium",
                                    args=["--headless", "--no-sandbox", "--disable-gpu"])
        # the driver evaluates its waiting conditions as strings, which the CSP forbids
        page = browser.new_page(viewport={"width": 1280, "height": 800}, bypass_csp=True)
        page.goto(base + "/")
        page.fill("#patient_name", "Bench Patient")
        for ident in ids:
            page.click(f"#add-{ident}")
            page.wait_for_selector(f"#card-{ident}-result:not(:empty)")
        page.wait_for_function("document.getElementById('preview-img').complete")
        for run in range(runs + 1):
            before = page.get_attribute("#preview-img", "src")
            start = time.perf_counter()
            page.fill("#ex-0-reps", str(run + 2))
            page.wait_for_function(
                "(old) => { const i = document.getElementById('preview-img');"
                " return i.getAttribute('src') !== old && i.complete && i.naturalWidth > 0; }",
                arg=before, polling=10)
            elapsed = time.perf_counter() - start
            if run:
                timings.append(elapsed)
        browser.close()
    return timings


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()

    import handouts as api
    from handouts.web import create_app
    from handouts.web.server import warm_up
    from waitress import create_server

    ws = api.open_workspace(LIBRARY / "exercises.yaml", LIBRARY / "clinic.yaml")
    ids = [e.id for e in ws.library.exercises[:10]]
    app = create_app(ws, programs_dir=Path(tempfile.mkdtemp()), record=lambda *a: ())
    warm_up(ws)
    server = server_side(app, ids, args.runs)
    srv = create_server(app, host="127.0.0.1", port=0, threads=4)
    threading.Thread(target=srv.run, daemon=True).start()
    browser = in_browser(f"http://127.0.0.1:{srv.effective_port}", ids, args.runs)
    srv.close()
    print(json.dumps({
        "exercises": len(ids), "runs": args.runs,
        "server_preview_median_ms": round(statistics.median(server) * 1000, 1),
        "change_to_updated_preview_median_ms": round(statistics.median(browser) * 1000, 1),
        "of_which_pause_after_typing_ms": 400}, indent=2))


if __name__ == "__main__":
    main()
