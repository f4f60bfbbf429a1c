"""Many packets at once: one PDF per patient (in parallel), and/or one merged print file.

Bad rows are reported, never fatal; every file is written whole or not at all, and never over
another file: two patients with the same name and date, or a file left by an earlier run, get
numbered names. A roster is read a row at a time, so a long one is never held whole.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import itertools
import os
import signal
import sys
import threading
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, ThreadPoolExecutor, wait
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Iterable, Iterator

import handouts as api
from handouts import Handout, HandoutError, Location, Program, Row
from handouts import PRIVATE, Modes, folder_trouble, numbered, write_new_or_found


@dataclass(frozen=True)
class Job:
    number: int
    location: Location
    handout: Handout
    filename: str
    program: Program | None = None  # what the handout was made from, for the clinic's record
    # said of the row with its packet's warnings: a repeat it may be (api.Repeats), what its
    # roster row left out (Row.note)
    notes: tuple[str, ...] = ()
    identity: tuple[str, str] = ("patient.dob", "patient.number")  # Row.identity
    # the names earlier versions gave its file (api.handout_filenames): a roster run again
    # finds the packet it wrote then, and records or skips it, rather than making another
    former: tuple[str, ...] = ()


@dataclass(frozen=True)
class Outcome:
    number: int
    location: Location
    path: Path | None = None
    warnings: tuple[str, ...] = ()
    problem: str | None = None
    skipped: bool = False
    pdf_sha256: str | None = None
    # a row that repeats an earlier one (the same patient, the same handout): what to say
    # of it; its packet is the earlier row's
    repeat: str | None = None
    # its file was there already, byte for byte (the roster run again): nothing was made,
    # and nothing is handed out that was not before
    found: bool = False
    folder: bool = False  # not written for the folder's sake (full, read-only), nor tried after
    # the id its file prints: another than the job's where the file found was a version's
    # before 5 December 2026 (``_given_before``), which is recorded under it
    handout_id: str | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None


def plan(rows: Iterable[Row], ws: api.Workspace, *, today: dt.date,
         ) -> Iterator[Job | Outcome]:
    """Each good row resolved, with a file name no other row of the batch has; a bad row
    becomes a failed Outcome, and a row that repeats an earlier one (``api.Repeats``) an
    Outcome that says so. Lazy: rows are read and resolved as the builder asks."""
    taken: set[str] = set()
    repeats = api.Repeats()
    for row in rows:
        if row.program is None:
            yield Outcome(row.number, row.location, problem=row.problem)
            continue
        try:
            handout = api.resolve_row(row, ws, today=today)
        except HandoutError as exc:
            yield Outcome(row.number, row.location, problem=str(exc))
            continue
        except Exception as exc:  # one row's surprise must not stop the others
            yield Outcome(row.number, row.location, problem=_unexpected(exc))
            continue
        repeat, note = repeats.check(row.location, row.program, handout)
        if repeat:
            yield Outcome(row.number, row.location, repeat=repeat)
            continue
        name, former = _unique(handout, taken)
        yield Job(row.number, row.location, handout, name, row.program,
                  tuple(filter(None, [row.note, note])), row.identity, former)


def walk_in_jobs(protocol: str, copies: int, ws: api.Workspace, *, today: dt.date,
                 layout: str | None = None, language: str | None = None) -> Iterator[Job]:
    """N packets of a protocol with a blank "Name:" line, for patients who walk in."""
    data = {"patient": {"name": "walk-in"}, "protocol": protocol,
            **({"layout": layout} if layout else {}), **({"language": language}
                                                          if language else {})}
    program = api.program_from_data(data, ws, source="--protocol")
    handout = api.resolve_program(program, ws, today=today, blank_name=True)
    width = len(str(copies))
    return (Job(i, Location("--copies", None, f"copy {i}"), handout,
                f"{handout.date.isoformat()}_walk-in_{protocol}_{i:0{width}d}.pdf")
            for i in range(1, copies + 1))


def _unique(handout: Handout, taken: set[str]) -> tuple[str, tuple[str, ...]]:
    """"Jo Smith", "Jo Smith 2", "Jo Smith" → jo-smith, jo-smith-2, jo-smith-3; with the
    names earlier versions gave each (``Job.former``)."""
    first, *before = map(Path, api.handout_filenames(handout))
    number = 1
    while numbered(first, number).name in taken:
        number += 1
    name = numbered(first, number).name
    taken.add(name)
    return name, tuple(numbered(path, number).name for path in before)


# --- workers --------------------------------------------------------------------------------

_worker_ws: api.Workspace | None = None


def _init_worker(library: Path, clinic: Path, parent: int) -> None:
    """Open the workspace once per worker process, not once per packet. Pictures, fonts and
    layouts are what the batch's first packets left in the parent (a worker forked from it
    starts with them) and, for the rest, prepared once as the worker first needs them."""
    global _worker_ws
    _die_with(parent)
    # Ctrl-C, and a closed terminal's SIGHUP, go to the whole process group; the parent
    # decides what stops, and workers finish the chunk they are writing so that nothing is
    # left half-written or unreported. They still end with the batch (above). SIGTERM is
    # left as it is: the pool itself ends a worker with it when another has died.
    for name in ("SIGINT", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_IGN)
    _worker_ws = api.open_workspace(library, clinic)


def _die_with(parent: int) -> None:
    """A worker must not outlive the batch: if the parent is killed (SIGKILL cannot be
    caught, so it cannot stop its pool), the workers would wait for work forever. Linux ends
    them itself; other Unix systems hand an orphan to another parent, which a thread sees.
    (Windows is not covered: there a parent's pid does not change when it dies.)"""
    if sys.platform.startswith("linux"):
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGKILL, 0, 0, 0)
        # the batch died before the line above (under a fork server the parent is that
        # server, which ends with the batch, so only the batch itself is asked after)
        if os.getppid() != parent and not _alive(parent):
            os._exit(1)
    elif os.name == "posix":  # pragma: no cover - macOS, BSD
        first = os.getppid()

        def watch() -> None:
            while os.getppid() == first:
                threading.Event().wait(1.0)
            os._exit(1)

        threading.Thread(target=watch, daemon=True).start()


def _alive(pid: int) -> bool:
    """Running: a batch killed a moment ago is a zombie until its own parent reaps it, and
    a signal to a zombie still finds it."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            return stat.read().rpartition(b")")[2].split()[0] != b"Z"
    except OSError:
        pass
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _build_some(jobs: list[Job], out_dir: Path, modes: Modes,
                ws: api.Workspace | None = None, outcomes: list[Outcome] | None = None,
                stop: threading.Event | None = None) -> list[Outcome]:
    """Build a few jobs, or those before ``stop`` is set; a thread writes (and flushes to
    disk, which waits on the disk) each file while the next packet is laid out. Returns when
    every file is written. Each outcome goes into ``outcomes`` as it is known, so that the
    outcome of every file written is there whatever stops the batch (and it is recorded)."""
    ws = ws or _worker_ws
    outcomes = [] if outcomes is None else outcomes
    with ThreadPoolExecutor(max_workers=1) as writer:
        writing = []
        try:
            for job in jobs:
                if stop is not None and stop.is_set():
                    break
                try:
                    data, warnings = api.render_handouts([job.handout], ws)
                    job, data = _given_before(job, data, out_dir, ws)
                except HandoutError as exc:
                    outcomes.append(Outcome(job.number, job.location, problem=str(exc)))
                    continue
                except Exception as exc:  # one row's surprise must not stop the others
                    outcomes.append(Outcome(job.number, job.location,
                                            problem=_unexpected(exc)))
                    continue
                written = writer.submit(write_new_or_found, out_dir / job.filename, data,
                                        modes, [out_dir / name for name in job.former])
                writing.append((job, data, warnings, written))
        finally:  # stopped or not, each write begun ends, and is told
            outcomes.extend(_written(job, data, warnings, written, out_dir)
                            for job, data, warnings, written in writing)
    return outcomes


def _written(job: Job, data: bytes, warnings, written, out_dir: Path) -> Outcome:
    try:
        path, new = written.result()
    except OSError as exc:  # the folder's own trouble is said once, and no more are tried
        folder = folder_trouble(out_dir, exc)
        return Outcome(job.number, job.location, problem=folder or f"{out_dir / job.filename}: "
                       f"cannot write: {exc.strerror or exc}", folder=bool(folder))
    except Exception as exc:
        return Outcome(job.number, job.location, problem=_unexpected(exc))
    # another handout had its name (another patient's of the same name; this patient's
    # before a change): the desk is told which file is this one
    other = (f"{job.filename} holds another handout; this one is {path.name}",) \
        if new and path.name != job.filename else ()
    return Outcome(job.number, job.location, path, (*warnings, *job.notes, *other),
                   pdf_sha256=hashlib.sha256(data).hexdigest(), found=not new,
                   handout_id=job.handout.handout_id)


def _given_before(job: Job, data: bytes, out_dir: Path, ws: api.Workspace,
                  ) -> tuple[Job, bytes]:
    """The job and its packet as a version before 5 December 2026 printed them, where that
    is the file there under its name (or a name an earlier version gave it): its id counted
    the pictures by name then (``api.counted_before``), so the packet is the same but for
    the id, and a roster run again after the update would print it, and record it, twice.
    Else the job and ``data`` as they are. Laid out again only where a file is there that
    is not ``data``."""
    there = []
    for path in (out_dir / name for name in (job.filename, *job.former)):
        with contextlib.suppress(OSError):  # not there (the usual case), or not readable
            there.append(path.read_bytes())
    if not there or data in there:
        return job, data
    before = api.counted_before(job.handout)
    if before == job.handout.handout_id:  # no picture: its id is as it was
        return job, data
    handout = replace(job.handout, handout_id=before)
    then = api.render_handouts([handout], ws)[0]
    return (replace(job, handout=handout), then) if then in there else (job, data)


def _there(out_dir: Path, job: Job) -> Path | None:
    """The job's file as this version or an earlier one named it, where it is there."""
    return next((path for path in (out_dir / name for name in (job.filename, *job.former))
                 if path.exists()), None)


# packets a worker builds per task: their files are written while the next is laid out
CHUNK = 4
# packets a batch builds itself before it starts workers (see build_files)
FIRST = 2


def _unexpected(exc: Exception) -> str:
    return f"could not be built ({api.fault(exc)}, a fault in handouts: report it)"


def build_files(items: Iterable[Job | Outcome], ws: api.Workspace, out_dir: Path, *,
                workers: int = 1, skip_existing: bool = False, modes: Modes = PRIVATE,
                progress: Callable[[Outcome], None] | None = None,
                stop: threading.Event | None = None) -> list[Outcome]:
    """One PDF per job in ``out_dir`` (a failed Outcome among the items passes through),
    until the folder itself cannot be written (full, read-only); outcomes come back in
    roster order. The caller holds ``files.folder_lock(out_dir)``."""
    results: dict[int, Outcome] = {}
    blocked: list[Outcome] = []  # the first not written for the folder's sake

    def tell(outcome: Outcome) -> None:
        results[outcome.number] = outcome
        progress and progress(outcome)
        blocked.extend([outcome] if outcome.folder and not blocked else [])

    def todo() -> Iterator[Job]:
        for item in items:
            if isinstance(item, Job) and blocked:
                tell(Outcome(item.number, item.location, problem=blocked[0].problem,
                             folder=True))
            elif isinstance(item, Outcome) or (skip_existing and _there(out_dir, item)):
                tell(item if isinstance(item, Outcome) else Outcome(
                    item.number, item.location, _there(out_dir, item), skipped=True))
            else:
                yield item

    def here(chunk: list[Job]) -> None:
        outcomes: list[Outcome] = []
        try:
            _build_some(chunk, out_dir, modes, ws, outcomes, stop)
        finally:  # what was written before anything stopped it is reported (and recorded)
            for outcome in outcomes:
                tell(outcome)
        if stop is not None and stop.is_set():
            raise KeyboardInterrupt  # asked to stop: now, with every file told

    jobs = todo()
    # the first packets are built here, before any worker starts: a worker forked after them
    # starts with the modules, pictures, layouts and drawings they needed (the first lays
    # them out and draws, the second records what they drew) instead of each preparing them
    # again; and two packets are not worth starting workers
    here(list(itertools.islice(jobs, FIRST)))
    rest = list(itertools.islice(jobs, 1))
    jobs = itertools.chain(rest, jobs)
    if workers <= 1 or not rest:
        while chunk := list(itertools.islice(jobs, CHUNK)):
            here(chunk)
    else:
        _in_parallel(jobs, ws, out_dir, workers, modes, results, tell, stop)
    return [results[number] for number in sorted(results)]


def _in_parallel(todo, ws, out_dir, workers, modes, results, tell, stop) -> None:
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_init_worker,
                               initargs=(ws.library_path, ws.clinic_path, os.getpid()))
    sent = set()  # chunks handed to the workers whose outcomes are not all reported yet

    def report(future) -> None:
        for outcome in future.result():
            if outcome.number not in results:
                tell(outcome)
        sent.discard(future)

    try:
        # a bounded number in flight keeps memory flat however long the roster is
        while len(sent) < workers * 2 and (chunk := list(itertools.islice(todo, CHUNK))):
            sent.add(pool.submit(_build_some, chunk, out_dir, modes))
        while sent:
            # woken now and then to see whether the batch is asked to stop
            done, _ = wait(sent, timeout=0.2, return_when=FIRST_COMPLETED)
            for future in done:
                report(future)
                if not (stop and stop.is_set()) and \
                        (chunk := list(itertools.islice(todo, CHUNK))):
                    sent.add(pool.submit(_build_some, chunk, out_dir, modes))
            if stop is not None and stop.is_set():
                raise KeyboardInterrupt
    except BaseException:
        # stopped: the workers finish the chunks they began (they ignore Ctrl-C and a
        # closed terminal), and those files are reported too, so that every file in the
        # folder is in the record (a later --skip-existing leaves them, unrecorded)
        pool.shutdown(wait=True, cancel_futures=True)
        for future in list(sent):
            if future.done() and not future.cancelled() and future.exception() is None:
                report(future)
        remove_partial_files(out_dir)
        raise
    pool.shutdown(wait=True)


def remove_partial_files(folder: Path) -> None:
    for part in folder.glob(".*.part"):
        part.unlink(missing_ok=True)


def build_merged(jobs: list[Job], ws: api.Workspace, path: Path, *, duplex: bool,
                 modes: Modes = PRIVATE, stop: threading.Event | None = None,
                 ) -> tuple[int, tuple[tuple[str, ...], ...], Path, bool]:
    """Every packet in one print file, in roster order, under ``path`` or (another file is
    there) a numbered name. Returns (pages, each job's warnings, where it is, whether it was
    there already, byte for byte: the roster run again, the file left as it was). Asked to
    ``stop``, it stops before the next packet is laid out (KeyboardInterrupt), and no file
    is written; once every packet is laid out, it finishes."""

    def before(_: int) -> None:
        if stop is not None and stop.is_set():
            raise KeyboardInterrupt  # asked to stop: nothing is written

    data, warnings = api.render_each([job.handout for job in jobs], ws, duplex=duplex,
                                     before=before)
    where, new = write_new_or_found(path, data, modes)
    return api.page_count(data), warnings, where, not new


def default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (
        os.cpu_count() or 1)
