"""docs/library.md keeps step with the models: every key a clinic can write is in a table of
its section, and every model a file can hold has a section."""

from __future__ import annotations

import re
import typing

from pydantic import BaseModel

from handouts.input import dose_models, models, translations

from conftest import ROOT

DOC = (ROOT / "docs" / "library.md").read_text(encoding="utf-8")

# each model a file can hold → the heading of the section that documents its keys
SECTIONS = {
    models.Library: "## Exercises", models.Exercise: "## Exercises",
    dose_models.Dose: "## Doses", dose_models.Stage: "### A progression's stages",
    models.Topic: "## Education topics", models.Paragraph: "## Education topics",
    models.Bullets: "## Education topics", models.Heading: "## Education topics",
    models.Table: "## Education topics", models.Rows: "## Education topics",
    models.Protocol: "## Protocols", models.ProgramExercise: "## Programs",
    translations.Translation: "## Translations", translations.ExerciseText: "## Translations",
    translations.StageText: "## Translations", translations.TopicText: "## Translations",
    translations.ProtocolText: "## Translations",
    models.Clinic: "## The clinic (", models.Colors: "## The clinic (",
    models.Smtp: "## The clinic (", models.Program: "## Programs",
    models.Patient: "## Programs",
}
ROOTS = (models.Library, models.Clinic, models.Program, translations.Translation)


def section(heading: str) -> str:
    start = DOC.index(heading)
    level = heading.split(" ")[0]
    following = re.search(rf"^{level} ", DOC[start + len(heading):], re.M)
    return DOC[start:start + len(heading) + following.start()] if following else DOC[start:]


def reachable(model: type[BaseModel], found: set) -> set:
    found.add(model)
    for field in model.model_fields.values():
        for inner in nested(field.annotation):
            if inner not in found:
                reachable(inner, found)
    return found


def nested(annotation) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in typing.get_args(annotation) for m in nested(arg)]


def test_every_model_a_file_holds_has_a_section():
    every = set()
    for root in ROOTS:
        reachable(root, every)
    assert every <= SECTIONS.keys(), every - SECTIONS.keys()


def test_every_key_is_in_a_table_of_its_section():
    for model, heading in SECTIONS.items():
        rows = [line for line in section(heading).splitlines() if line.startswith("|")]
        if model is models.Library:
            rows = [line for line in DOC.splitlines() if line.startswith(("|", "##"))]
        for name, field in model.model_fields.items():
            key = field.alias or name
            assert any(f"`{key}`" in row for row in rows), f"{model.__name__}.{key}"


def test_every_table_row_gives_type_default_and_example():
    for line in DOC.splitlines():
        if line.startswith("| `"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            assert len(cells) >= 4 and all(cells), line


def test_the_readme_links_the_reference():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "(docs/library.md)" in readme


def test_the_dose_table_prints_as_the_handout_prints():
    """Each dose key's example, phrased as a handout phrases it, is what the table's "prints
    as" says (`duration` was documented as "Keep going for 5–10 minutes"; the handout says
    "Do this for 5–10 minutes"). Rows whose column explains more than one line are left out."""
    from handouts.words.dose import phrase

    rows = re.findall(r"^\| `(\w+)` \|[^|]*\|[^|]*\| `([^`]*)`[^|]*\| ([^|]*) \|$",
                      section("## Doses"), re.M)
    checked = [(key, example, printed) for key, example, printed in rows
               if not re.search(r"[(;]", printed) and key not in ("frequency", "alternatives")]
    assert "duration" in {key for key, _, _ in checked} and len(checked) >= 10
    for key, example, printed in checked:
        assert phrase(dose_models.Dose.model_validate({key: example})) == [printed], key
    felt = phrase(dose_models.Dose.model_validate({"duration": "as tolerated"}))[0]
    assert f"*{felt}*" in section("## Doses")
