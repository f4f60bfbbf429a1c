#!/usr/bin/env python3
"""Speed and size of the demo handout. Prints JSON; not a test (timings flake in CI).

    make bench            # or: .venv/bin/python benchmarks/run.py [--runs 20]

warm_render_ms   median in-process time to build the demo handout (a different patient each
                 run, so nothing is cached per patient), after one warm-up build
cold_build_s     median wall time of `make_handouts.py build examples/jane-doe.yaml` in a new
                 process: imports, loading the library, rendering and writing the file
pdf_kb           size of the demo handout
peak_rss_mb      peak resident memory of one cold build process
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEMO = ROOT / "examples" / "jane-doe.yaml"


def warm(runs: int) -> dict:
    from handouts import build as api
    from handouts.pdf import page_count

    ws = api.open_workspace()
    program = api.load_program(DEMO, ws)
    first = api.build_handout(program, ws)
    times = []
    for i in range(runs):
        patient = program.patient.model_copy(update={"name": f"Test Patient {i:03d}"})
        varied = program.model_copy(update={"patient": patient})
        start = time.perf_counter()
        api.build_handout(varied, ws)
        times.append(time.perf_counter() - start)
    return {"warm_render_ms": round(statistics.median(times) * 1000, 1),
            "warm_render_min_ms": round(min(times) * 1000, 1),
            "pdf_kb": round(len(first.pdf) / 1024, 1),
            "pages": page_count(first.pdf)}


def cold(runs: int) -> dict:
    times, peaks = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run([sys.executable, str(ROOT / "make_handouts.py"), "build", str(DEMO),
                            "-o", os.path.join(tmp, "demo.pdf")], check=True,
                           stdout=subprocess.DEVNULL)
            times.append(time.perf_counter() - start)
            peaks.append(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)
    return {"cold_build_s": round(statistics.median(times), 3),
            "peak_rss_mb": round(max(peaks), 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--cold-runs", type=int, default=7)
    args = parser.parse_args()
    result = {"machine": f"{os.cpu_count()} CPUs", **warm(args.runs), **cold(args.cold_runs)}
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
