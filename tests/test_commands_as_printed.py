"""A message that ends with a command to run later ("send it later with make_handouts.py email
--retry", "bring its records back with make_handouts.py import FILE", "edit it, then:
make_handouts.py build FILE") works as printed: the clinic is given as --home, or as
--library and --clinic, as relative paths from one folder; the command printed is split as
a shell would and run from a third folder, and it does its job on that clinic and outbox.
Before it runs, the test checks that it names the clinic at all: run without, it would act
on the default clinic, the checkout's. The web app prints none: a message waiting there is
sent by pressing Email again. Made-up people."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ROOT, page_texts
from handouts import record
from handouts.cli import main

import test_email
import test_record
from test_email import attachment, held_port, pdf_text, servers  # noqa: F401 (fixture)
from test_record_damaged import ann_waits

GIVEN = ["home", "files"]


def folders(root: Path) -> tuple[Path, Path]:
    """Where the first command is run, and where the one it printed is pasted."""
    first, third = root / "first folder", root / "third $folder"  # a space, a "$"
    first.mkdir()
    third.mkdir()
    return first, third


def options(given: str, root: Path, cwd: Path, *extra: str) -> tuple[list[str], list[str]]:
    """The clinic (and ``extra`` files in it, as --outbox and the like) as a person in ``cwd``
    types it: relative paths, before the command (--home) or after it."""
    here = os.path.relpath(root, cwd)
    if given == "home":
        return ["--home", here], []
    return [], ["--library", os.path.join(here, "exercises.yaml"),
                "--clinic", os.path.join(here, "clinic.yaml"),
                *[w if w.startswith("--") else os.path.join(here, w) for w in extra]]


def printed(text: str, after: str, before: str | None = None) -> list[str]:
    """The command in ``text`` that follows ``after`` (up to ``before``), split as a shell
    splits it; it must name the clinic, as an absolute path."""
    start = text.index(after) + len(after)
    end = text.index(before, start) if before else len(text.rstrip("\n"))
    words = shlex.split(text[start:end])
    assert words[0] == "make_handouts.py", text
    named = [words[i + 1] for i, w in enumerate(words) if w in ("--home", "--clinic")]
    assert named and all(os.path.isabs(w) for w in named), f"no clinic named: {text}"
    return words


def run_as_printed(words: list[str], cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "HANDOUTS_HOME"}
    return subprocess.run([sys.executable, str(ROOT / "make_handouts.py"), *words[1:]],
                          cwd=cwd, capture_output=True, text=True, timeout=300,
                          stdin=subprocess.DEVNULL, env={**env, "HANDOUTS_SMTP_PASSWORD": ""})


@pytest.mark.parametrize("given", GIVEN)
def test_import_a_damaged_journal_as_printed(tmp_path, database, monkeypatch, given):
    monkeypatch.chdir(tmp_path)
    clinic = test_record.Clinic(tmp_path)
    journal = ann_waits(clinic, database, monkeypatch)
    whole = journal.read_bytes()
    journal.write_bytes(whole[:len(whole) // 2])
    first, third = folders(tmp_path)
    monkeypatch.chdir(first)
    before, after = options(given, clinic.root, first)
    said = CliRunner().invoke(main, [*before, "history", "Ann Able", *after])
    [kept] = (clinic.root / "records").glob("pending-*.rejected.json")
    words = printed(said.stderr, "bring its records back with ", ", or delete")
    assert str(kept) in words
    kept.write_bytes(whole)  # put right
    result = run_as_printed(words, third)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"brought back 1 record set aside in {kept}\n"
    assert [p.name for p in record.patients(clinic.ws())] == ["Ann Able"]


@pytest.mark.parametrize("given", GIVEN)
def test_build_the_last_visit_exported_as_printed(tmp_path, database, monkeypatch, given):
    monkeypatch.chdir(tmp_path)
    clinic = test_record.Clinic(tmp_path)
    clinic.issue(clinic.program("Ann Able"))
    first, third = folders(tmp_path)
    monkeypatch.chdir(first)
    before, after = options(given, clinic.root, first)
    said = CliRunner().invoke(main, [*before, "export", "Ann Able", "--last", "--to",
                                     "for next visit", *after])
    assert said.exit_code == 0, said.output
    words = printed(said.stdout, "edit it, then: ")
    result = run_as_printed(words, third)
    assert result.returncode == 0, result.stderr
    [pdf] = (third / "out").glob("*.pdf")
    text = "\n".join(page_texts(pdf.read_bytes()))
    assert "Ann Able" in text and clinic.ws().clinic.name in text


@pytest.mark.parametrize("given", [*GIVEN, "neither"])
def test_email_retry_as_printed_sends_from_the_same_outbox(tmp_path, servers, monkeypatch,
                                                          given):
    monkeypatch.chdir(tmp_path)
    clinic = test_email.Clinic(tmp_path)
    port = held_port()  # nothing listens there yet: the message waits in the outbox
    clinic.configure({"port": port, "from": "Home Clinic <home@example.com>"},
                     name="Home Clinic")
    program = clinic.program("Ada Example", "ada@example.com")
    first, third = folders(tmp_path)
    monkeypatch.chdir(first if given != "neither" else clinic.root)
    before, after = (options(given, clinic.root, first, "--outbox", "outbox")
                     if given != "neither" else ([], ["--library", "exercises.yaml",
                                                      "--clinic", "clinic.yaml"]))
    said = CliRunner().invoke(main, [*before, "email", str(program), *after],
                              env={"HANDOUTS_SMTP_PASSWORD": None})
    assert said.exit_code == 1 and len(clinic.files("pending")) == 1, said.output
    words = printed(said.stderr, "send it later with ")
    assert clinic.outbox.is_dir() and not (first / "outbox").exists()
    server = servers(port=port)
    result = run_as_printed(words, third)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "sent 1, failed 0, skipped 0."
    [message] = server.mailbox.parsed()
    assert message["From"] == "Home Clinic <home@example.com>"
    assert "Home Clinic" in pdf_text(attachment(message))
    assert len(clinic.files("sent")) == 1 and not (third / "outbox").exists()


def test_the_web_apps_waiting_message_prints_no_command_and_goes_by_pressing_email_again(
        tmp_path, servers, monkeypatch):
    """The web page printed "send it later with make_handouts.py email --retry", which a
    front desk cannot run: it says to press the button again, and that sends the message
    waiting in the outbox ``serve --outbox`` named, given as a relative path."""
    from html import unescape

    from handouts.web import create_app
    from test_web import Browser, build_pdf

    monkeypatch.delenv("HANDOUTS_SMTP_PASSWORD", raising=False)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a clinic's folder").mkdir()
    clinic = test_email.Clinic(tmp_path / "a clinic's folder")
    port = held_port()  # nothing listens there yet: the message waits in the outbox
    clinic.configure({"port": port})
    clinic.outbox = clinic.root / "web outbox"  # not the --home folder's own
    first, _ = folders(tmp_path)
    monkeypatch.chdir(first)  # serve --outbox, given from here
    b = Browser(create_app(clinic.ws(), programs_dir=clinic.root / "programs",
                           outbox_dir=Path(os.path.relpath(clinic.outbox, first))))
    b.get("/")
    page = build_pdf(b, "email")
    assert page.status_code == 422 and len(clinic.files("pending")) == 1
    said = unescape(page.get_data(as_text=True))
    assert "make_handouts.py" not in said and "--retry" not in said
    assert "It waits in the outbox: press Email to patient again later to send it." in said
    server = servers(port=port)
    page = build_pdf(b, "email")
    assert page.status_code == 200 and "Sent to ada@example.com" in unescape(
        page.get_data(as_text=True))
    assert server.mailbox.recipients() == ["ada@example.com"]
    assert len(clinic.files("sent")) == 1 and clinic.files("pending") == []
