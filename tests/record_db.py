"""The clinic's record for tests: a throwaway database per test (SQLite in the clinic folder,
or a PostgreSQL schema of its own), read back with the plain driver, not the record's code."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import subprocess
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest

POSTGRES_VARIABLE = "HANDOUTS_TEST_POSTGRES_URL"

ISSUED = """
SELECT h.handout_id, p.name, p.dob, p.number, g.version, g.visit_date, h.channel,
       h.issued_by, h.pdf_sha256
FROM handouts h JOIN programs g ON h.program_id = g.id JOIN patients p ON g.patient_id = p.id
ORDER BY h.id"""


class Database:
    """One test's record database. ``url`` is what HANDOUTS_DATABASE_URL would say (None:
    the default SQLite file in the clinic folder)."""

    def __init__(self, kind: str, url: str | None = None):
        self.kind = kind
        self.url = url

    def rows(self, clinic_folder: Path, sql: str = ISSUED) -> list[tuple]:
        if self.kind == "sqlite":
            path = Path(clinic_folder) / "records" / "handouts.db"
            assert path.is_file(), f"no record at {path}"
            with contextlib.closing(sqlite3.connect(path)) as conn:
                return [tuple(str(v) if v is not None else None for v in row)
                        for row in conn.execute(sql)]
        import psycopg

        with psycopg.connect(self.libpq_url) as conn:
            return [tuple(str(v) if v is not None else None for v in row)
                    for row in conn.execute(sql)]

    @property
    def libpq_url(self) -> str:
        return self.url.replace("postgresql+psycopg://", "postgresql://")


@contextlib.contextmanager
def postgres_schema(base_url: str):
    """A schema of its own on the test server, first on the search path, dropped after."""
    import psycopg

    schema = f"test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(base_url, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    sep = "&" if "?" in base_url else "?"
    try:
        yield f"{base_url}{sep}options={quote(f'-csearch_path={schema}')}"
    finally:
        with psycopg.connect(base_url, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


def postgres_url() -> str | None:
    url = os.environ.get(POSTGRES_VARIABLE, "").strip()
    if not url and os.environ.get("CI") == "true":
        pytest.fail(f"{POSTGRES_VARIABLE} is not set: .ci/run starts PostgreSQL and sets it")
    return url or None


def close_engines() -> None:
    """Connections a test's record left open (engines are kept per URL for the process)."""
    from handouts.record import store

    for engine in store._engines.values():
        engine.dispose()
    store._engines.clear()
    store._current.clear()
    store._files.clear()


@contextlib.contextmanager
def read_only(folder):
    """The folder mounted read-only over itself, as a share or an archive might be."""
    if os.geteuid() != 0:
        # chmod alone is what a user who is not root gets: it stops them writing as well
        pytest.skip("a read-only mount needs root (CI runs as root)")
    if subprocess.run(["mount", "--bind", "-o", "ro", str(folder), str(folder)],
                      capture_output=True).returncode:
        pytest.skip("mount is not possible here")
    try:
        close_engines()  # the process opens the file anew, as the next command would
        yield
    finally:
        close_engines()
        subprocess.run(["umount", str(folder)], check=False)
