"""Many packets at once: one PDF per patient (in parallel), and/or one merged print file.

Bad rows are reported, never fatal; every file is written whole or not at all; packets are
named so that two patients with the same name and date never overwrite each other.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Sequence

import handouts as api
from handouts import Handout, HandoutError, Location, Row


@dataclass(frozen=True)
class Job:
    number: int
    location: Location
    handout: Handout
    filename: str


@dataclass(frozen=True)
class Outcome:
    number: int
    location: Location
    path: Path | None = None
    handout: Handout | None = None
    warnings: tuple[str, ...] = ()
    problem: str | None = None
    skipped: bool = False

    @property
    def ok(self) -> bool:
        return self.problem is None


def plan(rows: Iterable[Row], ws: api.Workspace, *, today: dt.date,
         ) -> tuple[list[Job], list[Outcome]]:
    """Resolve every good row and give it a file name; bad rows become failed outcomes."""
    jobs: list[Job] = []
    failed: list[Outcome] = []
    taken: dict[str, int] = {}
    for row in rows:
        if row.program is None:
            failed.append(Outcome(row.number, row.location, problem=row.problem))
            continue
        try:
            handout = api.resolve_program(row.program, ws, today=today)
        except HandoutError as exc:
            failed.append(Outcome(row.number, row.location, problem=str(exc)))
            continue
        jobs.append(Job(row.number, row.location, handout, _unique(handout, taken)))
    return jobs, failed


def walk_in_jobs(protocol: str, copies: int, ws: api.Workspace, *, today: dt.date,
                 layout: str | None = None, language: str | None = None) -> list[Job]:
    """N packets of a protocol with a blank "Name:" line, for patients who walk in."""
    data = {"patient": {"name": "walk-in"}, "protocol": protocol,
            **({"layout": layout} if layout else {}), **({"language": language}
                                                          if language else {})}
    program = api.program_from_data(data, ws, source="--protocol")
    handout = api.resolve_program(program, ws, today=today, blank_name=True)
    width = len(str(copies))
    return [Job(i, Location("--copies", None, f"copy {i}"), handout,
                f"{handout.date.isoformat()}_walk-in_{protocol}_{i:0{width}d}.pdf")
            for i in range(1, copies + 1)]


def _unique(handout: Handout, taken: dict[str, int]) -> str:
    stem = api.handout_filename(handout)[:-4]
    count = taken.get(stem, 0) + 1
    taken[stem] = count
    return f"{stem}.pdf" if count == 1 else f"{stem}-{count}.pdf"


# --- workers --------------------------------------------------------------------------------

_worker_ws: api.Workspace | None = None


def _init_worker(library: Path, clinic: Path) -> None:
    """Load the library, fonts and drawings once per worker process, not once per packet."""
    global _worker_ws
    # Ctrl-C goes to the whole process group; the parent decides what stops, and workers
    # finish the file they are writing so nothing is left half-written
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _worker_ws = api.open_workspace(library, clinic)
    api.warm_up(_worker_ws)


def _build_one(job: Job, out_dir: Path, ws: api.Workspace | None = None) -> Outcome:
    ws = ws or _worker_ws
    try:
        data, warnings = api.render_handouts([job.handout], ws)
        path = out_dir / job.filename
        api.write_atomic(path, data)
    except HandoutError as exc:
        return Outcome(job.number, job.location, problem=str(exc))
    except OSError as exc:
        return Outcome(job.number, job.location,
                       problem=f"{out_dir / job.filename}: cannot write: {exc.strerror or exc}")
    return Outcome(job.number, job.location, path, job.handout, warnings)


def build_files(jobs: Sequence[Job], ws: api.Workspace, out_dir: Path, *, workers: int = 1,
                skip_existing: bool = False,
                progress: Callable[[Outcome], None] | None = None) -> list[Outcome]:
    """One PDF per job in ``out_dir``; outcomes come back in job order."""
    out_dir.mkdir(parents=True, exist_ok=True)
    results: dict[int, Outcome] = {}
    todo: list[Job] = []
    for job in jobs:
        if skip_existing and (out_dir / job.filename).exists():
            results[job.number] = Outcome(job.number, job.location, out_dir / job.filename,
                                          job.handout, skipped=True)
            progress and progress(results[job.number])
        else:
            todo.append(job)
    if workers <= 1 or len(todo) < 2:
        for job in todo:
            results[job.number] = outcome = _build_one(job, out_dir, ws)
            progress and progress(outcome)
    else:
        _in_parallel(todo, ws, out_dir, workers, results, progress)
    return [results[job.number] for job in jobs]


def _in_parallel(todo, ws, out_dir, workers, results, progress) -> None:
    pool = ProcessPoolExecutor(max_workers=min(workers, len(todo)), initializer=_init_worker,
                               initargs=(ws.library_path, ws.clinic_path))
    try:
        # a bounded number in flight keeps memory flat however long the roster is
        pending = set()
        queue = iter(todo)
        for job in queue:
            pending.add(pool.submit(_build_one, job, out_dir))
            if len(pending) >= workers * 4:
                break
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                outcome = future.result()
                results[outcome.number] = outcome
                progress and progress(outcome)
                job = next(queue, None)
                if job is not None:
                    pending.add(pool.submit(_build_one, job, out_dir))
    except BaseException:
        pool.shutdown(wait=True, cancel_futures=True)
        remove_partial_files(out_dir)
        raise
    pool.shutdown(wait=True)


def remove_partial_files(folder: Path) -> None:
    for part in folder.glob(".*.part"):
        part.unlink(missing_ok=True)


def build_merged(jobs: Sequence[Job], ws: api.Workspace, path: Path, *, duplex: bool,
                 ) -> tuple[int, tuple[str, ...]]:
    """Every packet in one print file, in roster order. Returns (pages, warnings)."""
    data, warnings = api.render_handouts([job.handout for job in jobs], ws, duplex=duplex)
    api.write_atomic(path, data)
    return api.page_count(data), warnings


def default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (
        os.cpu_count() or 1)
