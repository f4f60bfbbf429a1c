"""A clinic's SVG logo with its name or initials as text (a <text> element, as logo makers
and Inkscape save them). Its drawing's operators name a font of the document they were drawn
in; kept and written into another document (the next handout of the process, a batch's next
packet, the next process from the cache folder) they named a font that document lacks: the
letters were gone from the logo, PDF readers called the page damaged, and `reprint` said the
bytes differed. Such a drawing is drawn afresh in each document."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pypdfium2 as pdfium
from click.testing import CliRunner

from handouts.cli import main

ROOT = Path(__file__).resolve().parent.parent
LOGO = ('<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100" '
        'viewBox="0 0 100 100"><circle cx="50" cy="50" r="45" fill="#1f4e79"/>'
        '<text x="50" y="62" font-size="36" text-anchor="middle" fill="#ffffff">NP</text>'
        '</svg>')


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def first_page_text(pdf: Path) -> str:
    return pdfium.PdfDocument(pdf.read_bytes())[0].get_textpage().get_text_range()


def test_a_logo_with_words_prints_them_in_every_handout(tmp_path, monkeypatch):
    monkeypatch.setenv("HANDOUTS_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "clinic"
    assert run("new", folder, "--name", "Northside Physical Therapy",
               "--phone", "555-0101").exit_code == 0
    (folder / "logo.svg").write_text(LOGO, encoding="utf-8")
    clinic = folder / "clinic.yaml"
    clinic.write_text(clinic.read_text(encoding="utf-8") + "logo: logo.svg\n", encoding="utf-8")
    program = folder / "examples" / "sample-patient.yaml"
    made = []
    for name in ("first.pdf", "second.pdf"):  # two handouts of one process
        built = run("--home", folder, "build", program, "-o", tmp_path / name)
        assert built.exit_code == 0, built.output
        made.append(tmp_path / name)
    # and one of the next process, which finds the first's drawings in the cache folder
    env = {**os.environ, "HANDOUTS_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("HANDOUTS_NO_REPLAY", None)
    subprocess.run([sys.executable, str(ROOT / "make_handouts.py"), "--home", str(folder),
                    "build", str(program), "-o", str(tmp_path / "third.pdf")],
                   env=env, check=True, capture_output=True)
    made.append(tmp_path / "third.pdf")
    for pdf in made:
        assert first_page_text(pdf).startswith("NP"), pdf.name  # the logo's letters
    assert made[1].read_bytes() == made[0].read_bytes()
    assert made[2].read_bytes() == made[0].read_bytes()
