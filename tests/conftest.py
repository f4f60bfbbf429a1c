"""Shared fixtures: the real library and clinic, and helpers that read PDFs back."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import shutil
import signal
import tempfile
from pathlib import Path

import pypdf
import pypdfium2 as pdfium
import pytest
from hypothesis import settings as hypothesis_settings

import handouts as api
import file_order
import one_chromium
import pdf_text

# no timed assertions: hypothesis's own 200 ms limit on an example failed a dose test on a
# busy machine (load 11), which says nothing of the product
hypothesis_settings.register_profile("handouts", deadline=None)
hypothesis_settings.load_profile("handouts")

# a run started in the background by a shell without job control (`make test &`) inherits
# Ctrl-C ignored, and so does every program a test starts (an ignored signal outlives exec):
# the tests that press Ctrl-C on a batch or an email run saw it ignored and failed
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)

# drawings the tests draw are kept here, not in the user's cache (subprocesses inherit it);
# each process makes its own at import (every pytest-xdist worker has a cache and a record
# of its own, as a run without xdist has)
_CACHE = tempfile.mkdtemp(prefix="handouts-test-cache-")
os.environ["HANDOUTS_CACHE_DIR"] = _CACHE
# what the tests issue is recorded in a throwaway database, never in the repo's records/
# folder, from the first fixture on (a test that checks the record asks for ``database``)
_RECORD = tempfile.mkdtemp(prefix="handouts-test-record-")
os.environ["HANDOUTS_DATABASE_URL"] = f"sqlite:///{_RECORD}/handouts.db"


ROOT = Path(__file__).resolve().parent.parent
# the web app's small test library, used from a copy: a workspace keeps its journal, the
# messages not sent yet and the record's copies beside clinic.yaml
_WEB = tempfile.mkdtemp(prefix="handouts-test-web-")
WEB_LIBRARY = Path(_WEB) / "web_library"
shutil.copytree(Path(__file__).parent / "web_library", WEB_LIBRARY)
# what a run may write in the checkout: tools' own folders (the demo's out/ and records/
# are the developer's, not the tests')
_TOOLS = {".git", ".venv", "node_modules", "__pycache__", ".pytest_cache", ".hypothesis",
          "handouts.egg-info"}


def _checkout_files() -> dict[str, int]:
    found = {}
    for folder, subfolders, files in os.walk(ROOT):
        subfolders[:] = [d for d in subfolders if d not in _TOOLS]
        for name in files:
            path = os.path.join(folder, name)
            with contextlib.suppress(OSError):
                found[os.path.relpath(path, ROOT)] = os.stat(path).st_mtime_ns
    return found


# The checkout is compared once, around the whole run, by the process that runs no test: under
# pytest-xdist the controller, which starts before the first worker and ends after the last, so
# one worker's throwaway file is never taken for another's leftover; without xdist the one process.
_CHECKOUT = pytest.StashKey[dict[str, int]]()
_WRITTEN = pytest.StashKey[list[str]]()


def _is_xdist_worker(config) -> bool:
    return hasattr(config, "workerinput")


@pytest.hookimpl(tryfirst=True)
def pytest_sessionstart(session):
    if not _is_xdist_worker(session.config):
        session.config.stash[_CHECKOUT] = _checkout_files()


@pytest.hookimpl(trylast=True)  # after the session's fixtures are torn down
def pytest_sessionfinish(session):
    before = session.config.stash.get(_CHECKOUT, None)
    if before is None:
        return
    # a test that writes beside a shipped clinic (a journal, a backup, a PDF in out/) leaves
    # it in the developer's checkout, where the next run or the demo's record picks it up
    written = sorted(p for p, mtime in _checkout_files().items() if before.get(p) != mtime)
    if written:
        session.config.stash[_WRITTEN] = written
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter, config):
    written = config.stash.get(_WRITTEN, [])
    if written:
        terminalreporter.section("files left in the checkout", red=True)
        terminalreporter.write_line(
            f"the tests wrote into the checkout: {', '.join(written[:10])}", red=True)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    yield  # the test's own fixtures first: its pages are closed before their browser
    # the browser tests share one Chromium while they run one after another (one_chromium);
    # a test after them that asks for none runs without it, as it would alone
    if "chromium" not in getattr(nextitem, "fixturenames", ()):
        one_chromium.close()


def pytest_collection_modifyitems(config, items):
    # the slowest files first, for `make test`'s workers to finish together (file_order.py)
    file_order.slowest_first(items)


def pytest_unconfigure(config):
    one_chromium.close()  # a run stopped inside the browser tests
    # each process (every xdist worker, and the controller) made its own at import
    for folder in (_CACHE, _RECORD, _WEB):
        shutil.rmtree(folder, ignore_errors=True)


EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def ws() -> api.Workspace:
    return api.open_workspace()


@pytest.fixture(scope="session")
def jane(ws):
    return api.load_program(EXAMPLES / "jane-doe.yaml", ws)


@contextlib.contextmanager
def days_either_side(today=dt.date.today):
    """The days the action in the ``with`` block may have taken as today (``today()``, the
    computer's date unless a clinic's clock is given): the one before it and the one after,
    should midnight pass between. Read once, after the action, a test failed on the night
    it did."""
    days = {today()}
    yield days
    days.add(today())


def reader(data: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(data))


def drawn(page):
    """Each operation of a page's content stream, with the transformation in force where it
    is drawn (from q, Q and cm): (operands, operator, matrix a b c d e f)."""
    from pypdf.generic import ContentStream

    matrix, stack = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0), []
    for operands, operator in ContentStream(page.get_contents(), page.pdf).operations:
        if operator == b"q":
            stack.append(matrix)
        elif operator == b"Q":
            matrix = stack.pop()
        elif operator == b"cm":
            a, b, c, d, e, f = (float(v) for v in operands)
            m = matrix
            matrix = (a * m[0] + b * m[2], a * m[1] + b * m[3], c * m[0] + d * m[2],
                      c * m[1] + d * m[3], e * m[0] + f * m[2] + m[4],
                      e * m[1] + f * m[3] + m[5])
        yield operands, operator, matrix


def forms_placed(page) -> list[tuple[tuple[float, ...], tuple[float, ...]]]:
    """Each form object (picture, logo) drawn on the page: the transformation in force where
    it is drawn (see ``drawn``) and the form's own /BBox."""
    forms = {name: x.get_object() for name, x in
             (page["/Resources"].get("/XObject") or {}).items()
             if x.get_object().get("/Subtype") == "/Form"}
    return [(matrix, tuple(float(v) for v in forms[operands[0]]["/BBox"]))
            for operands, operator, matrix in drawn(page)
            if operator == b"Do" and operands[0] in forms]


def page_texts(data: bytes) -> list[str]:
    """Each page's text as pypdf's ``extract_text`` reads it, a few times faster (see
    pdf_text: pdfium decodes the glyphs, pypdf's rules place the line breaks and spaces); a
    PDF that reading cannot give as pypdf would (right-to-left text, a glyph pdfium drops) is
    read by pypdf itself."""
    try:
        return pdf_text.read_pages(data)
    except pdf_text.Unreadable:
        return page_texts_pypdf(data)


def page_texts_pypdf(data: bytes) -> list[str]:
    """Each page's text read by pypdf itself, for a test about what a PDF reader gets back from
    the text layer (a font's /ToUnicode, right-to-left order): there the reader is the subject,
    not only the way to the words."""
    return [page.extract_text() for page in reader(data).pages]


def page_visits(data: bytes) -> list[list[tuple]]:
    """Per page, every call pypdf's ``extract_text(visitor_text=...)`` makes to its visitor:
    (text, cm, tm, font resource, font size), read as page_texts reads."""
    try:
        return pdf_text.page_visits(data)
    except pdf_text.Unreadable:
        pages = []
        for page in reader(data).pages:
            found = []
            # copies: pypdf passes its live text matrix where a run changes direction, and
            # moves it on after the call
            page.extract_text(visitor_text=lambda text, cm, tm, font, size, found=found:
                              found.append((text, list(cm), list(tm), font, size)))
            pages.append(found)
        return pages


def flat_texts(data: bytes) -> list[str]:
    """Each page's text with every run of white space one space, read by pdfium: about ten
    times faster than pypdf's walk, for tests that read hundreds of handouts' words."""
    document = pdfium.PdfDocument(data)
    try:
        return [" ".join(page.get_textpage().get_text_range().split()) for page in document]
    finally:
        document.close()


def font_sizes(data: bytes) -> list[tuple[float, str, str]]:
    """(effective size, font name, text) of every run of text in the PDF."""
    return [(round(size * (abs(tm[3] * cm[3]) or 1), 1), str(font.get("/BaseFont")), text.strip())
            for page in page_visits(data) for text, cm, tm, font, size in page
            if text.strip() and font is not None]


def fonts_in(data: bytes) -> dict[str, bool]:
    """Every font any page (or form on it) names, and whether its program is embedded."""
    found: dict[str, bool] = {}

    def scan(resources):
        resources = resources.get_object() if resources is not None else {}
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            desc = font.get("/FontDescriptor")
            desc = desc.get_object() if desc is not None else {}
            found[str(font.get("/BaseFont"))] = any(
                k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3"))
        for xobject in (resources.get("/XObject") or {}).values():
            xobject = xobject.get_object()
            if xobject.get("/Subtype") == "/Form" and "/Resources" in xobject:
                scan(xobject["/Resources"])

    for page in reader(data).pages:
        scan(page.get("/Resources"))
    return found


# --- the clinic's record ----------------------------------------------------------------

@pytest.fixture(params=["sqlite", "postgres"])
def database(request, monkeypatch):
    """The record's database for one test: SQLite in the clinic folder (the default), or a
    schema of its own on the PostgreSQL server named by HANDOUTS_TEST_POSTGRES_URL (the
    postgres case skips without it, except in CI)."""
    from record_db import Database, close_engines, postgres_schema, postgres_url

    if request.param == "sqlite":
        monkeypatch.delenv("HANDOUTS_DATABASE_URL")
        yield Database("sqlite")
        close_engines()
        return
    base = postgres_url()
    if base is None:
        pytest.skip("HANDOUTS_TEST_POSTGRES_URL is not set (CI sets it)")
    with postgres_schema(base) as url:
        monkeypatch.setenv("HANDOUTS_DATABASE_URL", url)
        yield Database("postgres", url)
        close_engines()


@pytest.fixture
def library_copy(tmp_path):
    """The real library and clinic, copied; ``change(name, edit)`` edits one (its YAML as
    data) and opens the copies. (Some test modules have a plainer fixture of this name.)"""
    import yaml

    shutil.copytree(ROOT / "images", tmp_path / "images")
    for name in ("exercises.yaml", "exercises.es.yaml", "clinic.yaml"):
        shutil.copy(ROOT / name, tmp_path / name)

    def change(name, edit):
        path = tmp_path / name
        # libyaml's: the same data, read and written several times faster than pure Python's
        # (tests that edit the library once per step of a loop spent half their time here)
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
        edit(data)
        dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
        path.write_text(yaml.dump(data, Dumper=dumper, allow_unicode=True), encoding="utf-8")
        return api.open_workspace(tmp_path / "exercises.yaml", tmp_path / "clinic.yaml")

    return change
