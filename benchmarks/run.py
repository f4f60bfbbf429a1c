#!/usr/bin/env python3
"""Speed and size of the demo handout. Prints JSON; not a test (timings flake in CI).

    make bench            # or: .venv/bin/python benchmarks/run.py [--runs 20]

warm_render_ms   median in-process time to build the demo handout (a different patient each
                 run, so nothing is cached per patient), after one warm-up build
warm_new_doses_ms  the same with every exercise given another count of sets and reps each
                 run, as a therapist changes doses at the end of a visit: no card is kept
                 from an earlier build, page 1's summary and log are new (30 doses: runs
                 past 30 meet kept cards again)
cold_build_s     median wall time of `make_handouts.py build examples/jane-doe.yaml` in a new
                 process: imports, loading the library, rendering and writing the file (the
                 drawings' operators read from the disk cache an earlier run filled), and
                 recording it in the clinic's record (a throwaway SQLite file)
cold_build_first_run_s   the same with an empty drawing cache (a clinic's very first build)
pdf_kb           size of the demo handout
peak_rss_mb      peak resident memory of one cold build process
batch_*          (with --batch N, default 500) `batch` on an N-patient roster: separate files
                 with 1 and 2 jobs, one merged file; seconds, the merged file's size, how much
                 each extra patient adds to it, and the peak memory of any one process
versus_typst     the project beside typst in one run, interleaved (../shared/peer-bench's
                 vs_project.py: warm, cold, 200 handouts, memory, and the ratios project /
                 typst), when that folder and a Python with typst are there: $PEER_PYTHON,
                 else /tmp/peer-venv (its README says how to make it); skipped otherwise
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
    import handouts as api
    from handouts.render.pdf import page_count

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


def warm_new_doses(runs: int) -> dict:
    import handouts as api

    ws = api.open_workspace()
    program = api.load_program(DEMO, ws)
    ids = [e.id for e in api.resolve_program(program, ws).exercises]

    def with_doses(i: int):
        # 30 doses, none of them the demo's (a library dose's hold and the rest are kept),
        # each session well under the 180 minutes a program may take
        return api.program_from_data(
            {"patient": {"name": f"Test Patient {i:03d}"}, "therapist": program.therapist,
             "date": str(program.date), "note": program.note, "layout": "standard",
             "education": list(program.education),
             "exercises": [{"id": e, "dose": {"sets": 1 + i % 2, "reps": 2 + i // 2 % 15}}
                           for e in ids]}, ws, source="bench")

    api.build_handout(with_doses(0), ws)
    times = []
    for i in range(1, runs + 1):
        varied = with_doses(i)
        start = time.perf_counter()
        api.build_handout(varied, ws)
        times.append(time.perf_counter() - start)
    return {"warm_new_doses_ms": round(statistics.median(times) * 1000, 1)}


def cold(runs: int) -> dict:
    # as on a clinic's computer, where Python keeps the package's bytecode after the first
    # run (this machine sets PYTHONDONTWRITEBYTECODE, which would time compiling it each run)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "handouts")],
                   check=True)
    times, first_times, peaks = [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        command = [sys.executable, str(ROOT / "make_handouts.py"), "build", str(DEMO),
                   "-o", os.path.join(tmp, "demo.pdf")]
        # its drawings kept from an earlier run (picture_cache.cache_dir), as on every run
        # but a clinic's very first; and that first run, with an empty cache, each time
        cache = {**os.environ, "HANDOUTS_CACHE_DIR": os.path.join(tmp, "cache")}
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=cache)
        for i in range(runs):
            start = time.perf_counter()
            subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=cache)
            times.append(time.perf_counter() - start)
            peaks.append(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)
            empty = {**os.environ, "HANDOUTS_CACHE_DIR": os.path.join(tmp, f"empty{i}")}
            start = time.perf_counter()
            subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=empty)
            first_times.append(time.perf_counter() - start)
    return {"cold_build_s": round(statistics.median(times), 3),
            "cold_build_first_run_s": round(statistics.median(first_times), 3),
            "peak_rss_mb": round(max(peaks), 1)}


def _run_batch(args: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one `batch` run in a fresh process."""
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, str(ROOT / "make_handouts.py"), "batch", *args,
                           "--quiet"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode:
        raise SystemExit(f"batch failed: {proc.stderr}")
    return elapsed, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def batch(count: int) -> dict:
    out: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        roster = Path(tmp) / "roster.csv"
        small = Path(tmp) / "small.csv"
        rows = [f"Test Patient {i:04d},chronic_low_back,2026-11-23" for i in range(count)]
        roster.write_text("name,program,date\n" + "\n".join(rows) + "\n")
        small.write_text("name,program,date\n" + "\n".join(rows[:count // 5]) + "\n")
        for jobs in (1, 2):
            seconds, peak = _run_batch([str(roster), "--out-dir", f"{tmp}/j{jobs}",
                                        "--jobs", str(jobs)])
            out[f"batch_{count}_files_{jobs}_jobs_s"] = round(seconds, 2)
            out["batch_peak_rss_mb"] = round(peak, 1)
        seconds, peak = _run_batch([str(roster), "--merge", f"{tmp}/all.pdf", "--duplex"])
        _run_batch([str(small), "--merge", f"{tmp}/small.pdf", "--duplex"])
        size, small_size = (Path(tmp, n).stat().st_size for n in ("all.pdf", "small.pdf"))
        out[f"batch_{count}_merged_s"] = round(seconds, 2)
        out[f"batch_{count}_merged_mb"] = round(size / 2**20, 2)
        out["merged_kb_per_extra_patient"] = round(
            (size - small_size) / (count - count // 5) / 1024, 1)
        out["batch_peak_rss_mb"] = round(max(out["batch_peak_rss_mb"], peak), 1)
    return out


PEER = ROOT.parent / "shared" / "peer-bench"


def _peer_python() -> str | None:
    for candidate in (os.environ.get("PEER_PYTHON"), "/tmp/peer-venv/bin/python",
                      str(PEER / ".venv" / "bin" / "python")):
        if candidate and Path(candidate).is_file() and subprocess.run(
                [candidate, "-c", "import typst"], capture_output=True).returncode == 0:
            return candidate
    return None


def versus_typst() -> dict:
    """vs_project.py's JSON, or why it was not run."""
    python = _peer_python()
    script = PEER / "vs_project.py"
    if python is None or not script.is_file():
        return {"skipped": f"no {script} or no Python with typst (see {PEER}/README.md)"}
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "PEER_BENCH_OUT": os.path.join(tmp, "out")}
        proc = subprocess.run([python, str(script), str(ROOT)], capture_output=True, text=True,
                              env=env)
    if proc.returncode:
        return {"failed": proc.stderr.strip().splitlines()[-1:]}
    return json.loads(proc.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--cold-runs", type=int, default=7)
    parser.add_argument("--batch", type=int, default=500, help="roster size (0: skip)")
    parser.add_argument("--no-typst", action="store_true", help="skip the run beside typst")
    args = parser.parse_args()
    # builds and batches are recorded as a clinic's are (SQLite), in a throwaway record
    with tempfile.TemporaryDirectory() as record:
        os.environ["HANDOUTS_DATABASE_URL"] = f"sqlite:///{record}/handouts.db"
        result = {"machine": f"{os.cpu_count()} CPUs", **warm(args.runs),
                  **warm_new_doses(args.runs),
                  **cold(args.cold_runs)}
        if args.batch:
            result.update(batch(args.batch))
        if not args.no_typst:
            result["versus_typst"] = versus_typst()
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
