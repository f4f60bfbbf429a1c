"""The web app's pages compiled once per process, not once per app, and read compiled from
the cache folder by the next process (words/template_cache.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import jinja2
import pytest

import handouts as api
from handouts.web import create_app

from conftest import ROOT
from test_web import LIBRARY

PAGES = ("/", "/programs")


@pytest.fixture
def compiled(monkeypatch):
    """The names of the templates jinja2 compiles while the test runs."""
    names: list[str] = []
    compile_ = jinja2.Environment.compile

    def counted(self, source, name=None, filename=None, *args, **kwargs):
        names.append(name)
        return compile_(self, source, name, filename, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", counted)
    return names


def serve(tmp_path, name: str) -> None:
    ws = api.open_workspace(LIBRARY / "exercises.yaml", LIBRARY / "clinic.yaml")
    client = create_app(ws, programs_dir=tmp_path / name, record=lambda *a: ()).test_client()
    for page in PAGES:
        assert client.get(page).status_code == 200


def test_a_second_app_compiles_none_of_the_pages_the_first_did(tmp_path, compiled):
    serve(tmp_path, "first")
    del compiled[:]
    serve(tmp_path, "second")
    assert not [n for n in compiled if n and n.endswith(".html")], compiled


# the pages a fresh process serves, and the names of those it compiled
SERVE = """
import json, sys
from pathlib import Path
import jinja2
import handouts as api
from handouts.web import create_app
names = []
compile_ = jinja2.Environment.compile
def counted(self, source, name=None, filename=None, *args, **kwargs):
    names.append(name)
    return compile_(self, source, name, filename, *args, **kwargs)
jinja2.Environment.compile = counted
library = Path(sys.argv[1])
ws = api.open_workspace(library / "exercises.yaml", library / "clinic.yaml")
client = create_app(ws, programs_dir=Path(sys.argv[2]), record=lambda *a: ()).test_client()
print(json.dumps([client.get(page).status_code for page in sys.argv[3:]] + names))
"""


def test_the_next_process_reads_the_pages_compiled_from_the_cache_folder(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.setenv("HANDOUTS_CACHE_DIR", str(cache))
    serve(tmp_path, "here")  # compiled here (this cache folder is new), written after each page
    assert list((cache / "templates").iterdir())
    done = subprocess.run([sys.executable, "-c", SERVE, str(LIBRARY), str(tmp_path / "there"),
                           *PAGES], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, "HANDOUTS_CACHE_DIR": str(cache)})
    assert done.returncode == 0, done.stderr[-1500:]
    said = json.loads(done.stdout.splitlines()[-1])
    assert said[:len(PAGES)] == [200] * len(PAGES)
    assert not [n for n in said[len(PAGES):] if n and n.endswith(".html")], said
