"""Bad input: each case file gives exactly the lines in its .expected file, exit status 1,
and no PDF. Cases are named by what they feed: program-*, library-*, clinic-*."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from handouts.cli import main

ROOT = Path(__file__).resolve().parent.parent
CASES = sorted((ROOT / "tests" / "cases" / "invalid").glob("*.yaml"))


def run(args):
    return CliRunner().invoke(main, args, catch_exceptions=False)


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_case_gives_its_expected_lines(case, monkeypatch, tmp_path):
    monkeypatch.chdir(ROOT)
    rel = case.relative_to(ROOT).as_posix()
    out = tmp_path / "out.pdf"
    kind = case.stem.split("-")[0]
    if kind == "program":
        result = run(["build", rel, "-o", str(out)])
    elif kind == "library":
        result = run(["check", "--library", rel])
    else:
        result = run(["check", "--clinic", rel])
    expected = case.with_suffix(".expected").read_text(encoding="utf-8")
    assert result.stderr == expected
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert not out.exists()


def test_every_required_key_says_what_would_be_right():
    """A missing key's error shows how it could read: every required field of the input
    models has an example (or, where one line cannot show it, a description). A block's
    own key (text, bullets, heading) is how its kind is told, so it is never missing."""
    import inspect

    from pydantic import BaseModel

    from handouts.input import dose_models, local, models, patient, translations

    blocks = {models.Paragraph, models.Bullets, models.Heading}
    silent = [f"{cls.__name__}.{name}"
              for module in (models, dose_models, patient, translations, local)
              for cls in vars(module).values()
              if inspect.isclass(cls) and issubclass(cls, BaseModel)
              and cls.__module__ == module.__name__ and cls not in blocks
              for name, field in cls.model_fields.items()
              if field.is_required() and not (field.examples or field.description)]
    assert not silent


def test_no_shipped_file_has_an_item_joined_to_the_text_above():
    """The check for a list item indented into the text above it (library-step-indented-
    further) trips on none of the files a clinic starts from or the tests build."""
    from handouts.input.yamlsource import parse, read_text

    shipped = [ROOT / "exercises.yaml", ROOT / "exercises.es.yaml", ROOT / "clinic.yaml",
               *(ROOT / "examples").rglob("*.yaml"), *(ROOT / "starter").rglob("*.yaml"),
               *(ROOT / "tests" / "clinics").rglob("*.yaml")]
    assert len(shipped) > 20
    joined = [str(problem) for path in shipped
              for _, problem in parse(read_text(path), str(path)).problems
              if 'starts with "- "' in problem.message]
    assert joined == []


def test_no_shipped_file_has_a_text_cut_by_a_comment_or_in_curly_quotes():
    """The checks for a plain text a " #" cuts short (clinic-address-hash) and one in a word
    processor's quotes (library-curly-quotes) trip on none of the files a clinic starts
    from or the tests build: their comments have a space after the "#", and their quotes
    inside a text (“like this” in a step) are left."""
    from handouts.input.yamlsource import parse, read_text

    shipped = [ROOT / "exercises.yaml", ROOT / "exercises.es.yaml", ROOT / "clinic.yaml",
               *(ROOT / "examples").rglob("*.yaml"), *(ROOT / "starter").rglob("*.yaml"),
               *(ROOT / "tests" / "clinics").rglob("*.yaml")]
    cut = [str(problem) for path in shipped
           for _, problem in parse(read_text(path), str(path)).problems
           if "the text stops at" in problem.message or "curly quote" in problem.message]
    assert cut == []
