"""The test clinics (tests/clinics/*) as their tests use them: a copy in a temporary folder
(a build records what it issued beside the clinic's files, never in the repo's), the command
line run in it, and a handout built there and read back."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner, Result

from conftest import ROOT, page_texts
from handouts.cli import main


def copied(tmp_path_factory, clinic: str, folder: str) -> Path:
    """A copy of tests/clinics/``clinic`` in a folder named ``folder`` (the clinic's own
    name for it, as a clinic's folder is named)."""
    home = tmp_path_factory.mktemp(clinic) / folder
    shutil.copytree(ROOT / "tests" / "clinics" / clinic, home)
    return home


def run(home: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["--home", str(home), *args], catch_exceptions=False)


def build(home: Path, program: Path, name: str, *options: str) -> tuple[bytes, Result]:
    """The PDF that ``build`` writes of ``program`` (as ``name``.pdf beside the clinic), and
    what the command said; it must succeed."""
    out = home.parent / f"{name}.pdf"
    result = run(home, "build", str(program), "-o", str(out), *options)
    assert result.exit_code == 0, result.output
    return out.read_bytes(), result


def example(home: Path, name: str, *options: str) -> tuple[bytes, Result]:
    """``build`` of the clinic's examples/``name``.yaml."""
    return build(home, home / "examples" / f"{name}.yaml", name + "".join(options), *options)


def flat_pages(pdf: bytes) -> list[str]:
    """Each page's text, every run of white space one space."""
    return [" ".join(page.split()) for page in page_texts(pdf)]


def edit(path: Path, *changes: tuple[str, str]) -> None:
    """Each (old, new) of ``changes`` made once in the file at ``path``; each old must be there
    (a test that edits what is not there tests nothing)."""
    text = path.read_text(encoding="utf-8")
    for old, new in changes:
        assert old in text, old
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
