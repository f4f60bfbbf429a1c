"""A clinic's brand colour too pale to read on white (yellow, sky blue): `check` warns at its
line with a darker colour of the same hue, and the handout prints that darker colour, as the
web app shows it, so the clinic's name and headings stay readable to a patient who sees
poorly. The primary colour is also printed in the dose box, on its own pale tint, so it must
read there too. Colours that read already are printed as given."""

from __future__ import annotations

from click.testing import CliRunner
from pypdf.generic import ContentStream

from handouts.cli import main

from conftest import page_texts, reader


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def colours_used(pdf: bytes) -> set[tuple[float, ...]]:
    """Every fill and stroke colour (rg, RG) set on any page, as read back from the PDF."""
    found = set()
    for page in reader(pdf).pages:
        for operands, operator in ContentStream(page.get_contents(), page.pdf).operations:
            if operator in (b"rg", b"RG"):
                found.add(tuple(round(float(v), 3) for v in operands))
    return found


def test_a_pale_brand_colour_is_warned_of_and_printed_darker(tmp_path):
    folder = tmp_path / "clinic"
    assert run("new", str(folder), "--name", "Sunny PT", "--phone", "555-0100").exit_code == 0
    clinic = folder / "clinic.yaml"
    text = clinic.read_text(encoding="utf-8")
    clinic.write_text(text + 'colors:\n  primary: "#ffff00"\n  accent: "#b35900"\n',
                      encoding="utf-8")
    line = len(text.splitlines()) + 2

    checked = run("--home", str(folder), "check")
    assert checked.exit_code == 0, checked.output  # a warning: the handout still prints
    assert checked.stderr.splitlines() == [
        f'warning: {clinic}:{line}: colors.primary: "#ffff00" is too pale to read on white '
        "paper (contrast 1.1:1; small print needs 4.5:1); handouts print it darker, as "
        '"#6c6c00": give that, or another dark colour, to choose it yourself']

    out = tmp_path / "handout.pdf"
    built = run("--home", str(folder), "build", str(folder / "examples" / "sample-patient.yaml"),
                "-o", str(out))
    assert built.exit_code == 0, built.output
    pdf = out.read_bytes()
    assert "Sunny PT" in page_texts(pdf)[0]
    used = colours_used(pdf)
    assert (1.0, 1.0, 0.0) not in used  # the yellow as given: unreadable on white
    # #6c6c00, the darker yellow check named: #787800 read on white, but not on its tint
    assert (0.424, 0.424, 0.0) in used
    assert (0.702, 0.349, 0.0) in used  # #b35900 reads already: printed as given


def test_a_brand_colour_that_reads_on_white_but_not_on_its_tint_is_warned_of(tmp_path):
    """A bright red reads on white at 4.9:1, but the dose box prints its *How much* in it on
    the red's own tint, at 4.1:1, and the dose in the text colour: check says so, and names
    the colours the handouts print."""
    folder = tmp_path / "clinic"
    assert run("new", str(folder), "--name", "Red PT", "--phone", "555-0100").exit_code == 0
    clinic = folder / "clinic.yaml"
    text = clinic.read_text(encoding="utf-8")
    clinic.write_text(text + 'colors:\n  primary: "#e50000"\n  accent: "#e50000"\n'
                      '  text: "#6e6e6e"\n', encoding="utf-8")
    line = len(text.splitlines()) + 2

    checked = run("--home", str(folder), "check")
    assert checked.exit_code == 0, checked.output
    # the accent is printed on white only: it reads, and is printed as given
    assert checked.stderr.splitlines() == [
        f'warning: {clinic}:{line}: colors.primary: "#e50000" is too pale to read on the '
        "tinted box of each exercise's dose (contrast 4.1:1 there; small print needs 4.5:1); "
        'handouts print it darker, as "#ce0000": give that, or another dark colour, to '
        "choose it yourself",
        # grey text reads on white at 5.1:1; the dose in the box, on the red's tint, not
        f'warning: {clinic}:{line + 2}: colors.text: "#6e6e6e" is too pale to read on the '
        "tinted box of each exercise's dose (contrast 4.2:1 there; small print needs 4.5:1); "
        'handouts print it darker, as "#636363": give that, or another dark colour, to '
        "choose it yourself"]


def test_a_colour_just_short_of_the_contrast_is_not_said_to_have_it(tmp_path):
    """"#c05a00" (4.46:1) read "contrast 4.5:1; small print needs 4.5:1": the two numbers
    must differ where the colour falls short."""
    folder = tmp_path / "clinic"
    assert run("new", str(folder), "--name", "Naniwa", "--phone", "06-6123-4567").exit_code == 0
    clinic = folder / "clinic.yaml"
    clinic.write_text(clinic.read_text(encoding="utf-8") + 'colors:\n  accent: "#c05a00"\n',
                      encoding="utf-8")
    checked = run("--home", str(folder), "check")
    [said] = [line for line in checked.stderr.splitlines() if "#c05a00" in line]
    assert '"#c05a00" is too pale to read on white paper (contrast 4.46:1; small print ' \
           "needs 4.5:1)" in said
