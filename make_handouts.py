#!/usr/bin/env python3
"""Command-line entry point: `make_handouts.py --help` lists the commands."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from handouts.cli import run  # noqa: E402

if __name__ == "__main__":
    run()
