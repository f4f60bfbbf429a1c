#!/usr/bin/env python3
"""How long one batch's write into the record takes where every patient has a long history:
a SQLite record of N made-up patients with V program versions each, every one with an email
address (each is matched without it: ``record.entry.matched``), then one entry per patient
written in one transaction (as a day's batch writes them), rolled back and written again.
Prints JSON (median and fastest of the runs, seconds); not a test.

    .venv/bin/python benchmarks/record_write.py [--patients 200] [--versions 10] [--runs 9]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import tempfile
import time
from pathlib import Path

import sqlalchemy as sa

from handouts.input.models import Program
from handouts.record import schema
from handouts.record.entry import dump, program_data
from handouts.record.writing import write

EXERCISES = ("child_pose", "kneeling_rock_back", "lying_hip_flexor_stretch",
             "si_joint_correction", "si_joint_knee_rocks", "standing_hip_flexor_stretch",
             "wall_goal_post_stretch", "diaphragmatic_breathing")


def program(patient: int, version: int) -> Program:
    """A made-up patient's program at one visit: a dose that changes each visit."""
    return Program.model_validate({
        "patient": {"name": f"Pat Example {patient}", "email": f"pat.{patient}@example.com",
                    "dob": "1961-04-30", "number": f"{patient:06d}"},
        "therapist": "Alex Rivera, PT", "date": f"2026-{1 + version % 12:02d}-0{1 + version % 9}",
        "exercises": [{"id": e, "dose": {"sets": 2 + i % 2, "reps": 8 + version}}
                      if i % 2 else e for i, e in enumerate(EXERCISES)],
        "education": ["why_pain_lingers", "posture"],
        "note": "Walk a little every day. Email us if the pain gets worse.",
        "layout": "standard"})


def entry(patient: int, version: int) -> dict:
    made = program(patient, version)
    return program_data(made, dump(made.to_yaml_data()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--patients", type=int, default=200)
    parser.add_argument("--versions", type=int, default=10)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        engine = sa.create_engine(f"sqlite:///{Path(folder) / 'handouts.db'}")
        schema.metadata.create_all(engine)
        with engine.begin() as conn:
            for version in range(args.versions):
                write(conn, {}, [entry(p, version) for p in range(args.patients)])
        # the next visit: another address, the same program as the last, so it is matched
        batch = [entry(p, args.versions - 1) for p in range(args.patients)]
        for e in batch:
            e["yaml"] = e["yaml"].replace("@example.com", "@example.org")
        times = []
        for _ in range(args.runs):
            with engine.connect() as conn:
                transaction = conn.begin()
                start = time.perf_counter()
                written = write(conn, {}, batch)
                times.append(time.perf_counter() - start)
                transaction.rollback()
            assert written.new_visits == 0, written  # every one matched without the address
    print(json.dumps({"patients": args.patients, "versions": args.versions,
                      "batch_write_s_median": round(statistics.median(times), 4),
                      "batch_write_s_fastest": round(min(times), 4),
                      "at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="minutes")}))


if __name__ == "__main__":
    main()
