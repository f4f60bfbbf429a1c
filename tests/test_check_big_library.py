"""`check` on a clinic's big library (the shipped exercises copied under many new ids): what
it says stays readable, a line a finding or an entry rather than a line a text, and each
figure file is read once. Lines and reads are counted, never timed."""

from __future__ import annotations

import collections
import copy
import pathlib
import shutil

import yaml
from click.testing import CliRunner

from handouts.cli import main
from handouts.input import loading, yamlsource

ROOT = pathlib.Path(__file__).resolve().parent.parent
COPIES = 40


def big_library(home: pathlib.Path, unexplained: int = 0) -> pathlib.Path:
    """The shipped clinic and its Spanish, and ``COPIES`` copies of each shipped exercise under
    new ids, each with a figure file of its own and no Spanish; the first ``unexplained`` of
    them say "flexion" without saying what it is, and the last "MRI"."""
    shutil.copytree(ROOT / "images", home / "images")
    shutil.copy(ROOT / "clinic.yaml", home / "clinic.yaml")
    shutil.copy(ROOT / "exercises.es.yaml", home / "exercises.es.yaml")
    data = yaml.safe_load((ROOT / "exercises.yaml").read_text(encoding="utf-8"))
    shipped = list(data["exercises"])
    for i in range(COPIES):
        made = copy.deepcopy(shipped[i % len(shipped)])
        made["id"] = f"made_up_{i}"
        figure = f"images/made_{i}.figure.yaml"
        shutil.copy(ROOT / made["image"], home / figure)
        made["image"] = figure
        if i < unexplained:
            made["cautions"] = [*made.get("cautions", []), "Stop if flexion hurts."]
        if i == COPIES - 1:
            made["cautions"] = [*made.get("cautions", []), "Call us after your MRI."]
        data["exercises"].append(made)
    (home / "exercises.yaml").write_text(yaml.safe_dump(data, allow_unicode=True,
                                                        sort_keys=False), encoding="utf-8")
    return home


def check(home: pathlib.Path, *args: str):
    result = CliRunner().invoke(main, ["--home", str(home), "check", *args])
    assert result.exit_code == 0, result.output
    return result.stderr.splitlines()


def line_of(path: pathlib.Path, text: str) -> int:
    return path.read_text(encoding="utf-8").splitlines().index(text) + 1


def test_a_word_unexplained_in_many_entries_is_one_warning_naming_the_first_lines(tmp_path):
    # 133 exercises with one word were 133 lines alike
    home = big_library(tmp_path, unexplained=30)
    library = home / "exercises.yaml"
    warned = check(home)
    said = [line for line in warned if '"flexion"' in line]
    first = [line_of(library, f"- id: made_up_{i}") for i in range(3)]
    assert said == [
        f"warning: plain language: {library}:{first[0]}, :{first[1]}, :{first[2]} and 27 more: "
        'uses "flexion" without explaining it; add a plain explanation, e.g. "flexion '
        '(bending)" (30 entries; check --each names each)']
    # a finding of one entry is as it was
    last = f"made_up_{COPIES - 1}"
    assert [line for line in warned if '"mri"' in line] == [
        f"warning: plain language: {library}:{line_of(library, f'- id: {last}')}: "
        f'exercises[{last}]: uses "mri" without explaining it; add a plain explanation, '
        'e.g. "mri (a scan that shows the inside of the body)"']
    each = [line for line in check(home, "--each") if '"flexion"' in line]
    assert each == [
        f"warning: plain language: {library}:{line_of(library, f'- id: made_up_{i}')}: "
        f'exercises[made_up_{i}]: uses "flexion" without explaining it; add a plain '
        'explanation, e.g. "flexion (bending)"' for i in range(30)]


def test_check_language_lists_the_untranslated_texts_one_line_an_entry(tmp_path):
    # 400 exercises were 2,000 lines, one a text; a build says them one line an entry
    home = big_library(tmp_path)
    library = home / "exercises.yaml"
    said = [line for line in check(home, "--language", "es") if line.startswith("untranslated:")]
    assert len(said) == COPIES
    entry = line_of(library, "- id: made_up_0")
    lines = library.read_text(encoding="utf-8").splitlines()
    fields = ["title", "caption", "purpose", "steps", "tips", "cautions"]
    at = {name: next(n for n in range(entry, len(lines)) if lines[n].startswith(f"  {name}:"))
          + 1 for name in fields}
    assert said[0] == (
        f"untranslated: {library}:{entry}: exercises[made_up_0]: no español "
        + ", ".join(f"{name} (:{at[name]})" for name in fields) + "; printed in English")
    each = [line for line in check(home, "--language", "es", "--each")
            if line.startswith("untranslated:")]
    assert len(each) == sum(line.count(" (:") for line in said) > 4 * COPIES
    assert f"untranslated: {library}:{at['steps']}: exercises[made_up_0].steps: not " \
           "translated; English is printed" in each
    assert f"{len(each)} untranslated texts for es." in check(home, "--language", "es")


def test_check_reads_each_figure_file_once(tmp_path, monkeypatch):
    # three times before (its problems, its words, its letters): a third of a big check
    home = big_library(tmp_path)
    read = collections.Counter()
    parse = yamlsource.parse

    def counting(text, source, *args, **kw):
        read[pathlib.Path(source).name] += 1
        return parse(text, source, *args, **kw)

    monkeypatch.setattr(loading, "parse", counting)
    monkeypatch.setattr(yamlsource, "parse", counting)  # as imported where it is used
    check(home, "--language", "es")
    figures = {name: n for name, n in read.items() if name.endswith(".figure.yaml")}
    assert len(figures) >= COPIES
    assert set(figures.values()) == {1}, figures
    assert read["exercises.yaml"] <= 2  # as validated (no cache kept it yet), and once more
