"""A clinic's own wording (``strings.<lang>.yaml``, ``templates/<lang>/``) as an attacker's:
such a file may come from anyone (a translation another clinic shares), and it is a jinja2
template. It may fill in the values it is given, never reach Python's insides: a build is
refused in one line naming the file, and nothing it asked for runs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from handouts.cli import main

ROOT = Path(__file__).resolve().parent.parent


def clinic(tmp_path: Path) -> Path:
    home = tmp_path / "clinic"
    home.mkdir()
    shutil.copy(ROOT / "exercises.yaml", home / "exercises.yaml")
    shutil.copy(ROOT / "clinic.yaml", home / "clinic.yaml")
    shutil.copytree(ROOT / "images", home / "images")
    return home


def escape(marker: Path) -> str:
    """A filling that, outside a sandbox, makes a folder: any command could run the same way."""
    return "{{ cycler.__init__.__globals__('%s') }}" % marker.as_posix()


def build(home: Path, tmp_path: Path):
    return CliRunner().invoke(main, ["--home", str(home), "build", "--patient", "Pat Example",
                                     "--exercise", "child_pose",
                                     "-o", str(tmp_path / "out.pdf")])


@pytest.mark.parametrize("where", ["strings", "template"])
def test_a_wording_file_that_reaches_python_s_insides_runs_nothing(where, tmp_path):
    home, marker = clinic(tmp_path), tmp_path / "ran"
    if where == "strings":
        own = home / "strings.en.yaml"
        own.write_text(f'footer_id: "Handout {{{{ handout_id }}}}'
                       f'{escape(marker)}"\n', encoding="utf-8")
        said = (f"error: {own}:1: footer_id: cannot be filled in (access to attribute "
                "'__init__' of 'type' object is unsafe.); this wording may use "
                "{{ handout_id }}")
    else:
        own = home / "templates" / "en" / "frequency.txt"
        own.parent.mkdir(parents=True)
        package = ROOT / "handouts" / "words" / "templates" / "en" / "frequency.txt"
        own.write_text(escape(marker) + package.read_text(encoding="utf-8"), encoding="utf-8")
        said = (f"error: {own}:1: cannot be filled in (access to attribute "
                "'__init__' of 'type' object is unsafe.); compare it with the package's "
                "handouts/words/templates/en/frequency.txt")
    result = build(home, tmp_path)
    assert not marker.exists()
    assert result.exit_code != 0
    assert result.output.strip().splitlines() == [said]
    assert not (tmp_path / "out.pdf").exists()


def test_a_wording_file_still_fills_in_what_it_is_given(tmp_path):
    """The sandbox takes nothing a wording may do: its values, filters and tests."""
    home = clinic(tmp_path)
    (home / "strings.en.yaml").write_text(
        'footer_id: "Number {{ handout_id|lower }}{% if handout_id is string %}!{% endif %}"\n',
        encoding="utf-8")
    result = build(home, tmp_path)
    assert result.exit_code == 0, result.output
    import pypdf

    reader = pypdf.PdfReader(tmp_path / "out.pdf")
    handout_id = reader.metadata["/Keywords"].removeprefix("handout:")
    assert f"Number {handout_id.lower()}!" in reader.pages[0].extract_text()


def check(home: Path):
    return CliRunner().invoke(main, ["--home", str(home), "check"])


@pytest.mark.parametrize("how", ["written", "put together"])
def test_check_finds_a_wording_value_that_reaches_python_s_insides(how, tmp_path):
    """`check` is where a clinic learns its files are wrong: it said OK for a wording whose
    every build then failed. A name put together as it runs is found by filling it in."""
    home, marker = clinic(tmp_path), tmp_path / "ran"
    own = home / "strings.en.yaml"
    reach = escape(marker) if how == "written" else \
        "{{ cycler|attr('_' ~ '_init__') }}"
    own.write_text('footer_page: "Page {{ page }} of {{ total }}"\n'
                   f'footer_id: "Handout {{{{ handout_id }}}}{reach}"\n',
                   encoding="utf-8")
    result = check(home)
    what = ("cycler.__init__.__globals__" if how == "written"
            else "access to attribute '__init__' of 'type' object is unsafe")
    assert not marker.exists()
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        f"error: {own}:2: footer_id: reaches into Python ({what}), which no handout will "
        "print: a wording fills in only the values it is given; this wording may use "
        "{{ handout_id }}", "1 problem found."]


def test_check_finds_a_template_that_reaches_python_s_insides_in_any_branch(tmp_path):
    """A branch no sample dose takes is read all the same."""
    home, marker = clinic(tmp_path), tmp_path / "ran"
    own = home / "templates" / "en" / "frequency.txt"
    own.parent.mkdir(parents=True)
    package = ROOT / "handouts" / "words" / "templates" / "en" / "frequency.txt"
    own.write_text(package.read_text(encoding="utf-8") + "{% if frequency.never %}\n"
                   + escape(marker) + "{% endif %}\n", encoding="utf-8")
    line = package.read_text(encoding="utf-8").count("\n") + 2
    result = check(home)
    assert not marker.exists()
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        f"error: {own}:{line}: reaches into Python (cycler.__init__.__globals__), "
        "which no handout will print: a wording fills in only the values it is given; "
        "compare it with the package's handouts/words/templates/en/frequency.txt",
        "1 problem found."]


def test_check_passes_a_clinic_s_wording_that_only_fills_in_its_values(tmp_path):
    home = clinic(tmp_path)
    (home / "strings.en.yaml").write_text(
        'footer_id: "Number {{ handout_id|upper }}{% if handout_id is string %}!{% endif %}"\n'
        'date_long: "{{ months[date.month - 1] }} {{ date.day }}, {{ date.year }}!"\n',
        encoding="utf-8")
    result = check(home)
    assert result.exit_code == 0, result.output
    assert result.output.startswith("OK:"), result.output
