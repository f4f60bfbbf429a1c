"""A dose box's text and the dose it stands for: what a typed value means in the YAML, the
message a program file would get for it (the live check), and a library's or a program's dose
as the boxes and the Week by week rows show it (typed, or in grey as the library's)."""

from __future__ import annotations

from typing import Any

import handouts as api
from handouts import Exercise, HandoutError

# alternatives are typed on one line: "2 x 30 s | 3 x 20 s"; "none" overrides the library's
# alternatives with none at all (an empty box means "the library's").
ALTERNATIVES_SEPARATOR = "|"
NO_ALTERNATIVES = "none"


def dose_value(name: str, typed: str) -> Any:
    """What a dose box's text stands for in the YAML."""
    if name == "alternatives":
        if typed.lower() == NO_ALTERNATIVES:
            return []
        return [part.strip() for part in typed.split(ALTERNATIVES_SEPARATOR)]
    inside = typed.strip().removeprefix("{").removesuffix("}")
    pairs = [part.partition(":") for part in inside.split(",")]
    if name == "side" and f"{{{inside}}}" == typed.strip() and all(c for _, c, _ in pairs):
        # a side in each language, typed as a program file has it: {es: brazo derecho, en: ...}
        return {lang.strip(): said.strip() for lang, _, said in pairs}
    return typed


def check_dose_field(name: str, typed: str, ws: api.Workspace | None = None) -> str | None:
    """The message a program YAML would get for this one dose value (or a stage's weeks), or
    None if it is fine; read in the clinic's own words too where ``ws`` is given."""
    typed = typed.strip()
    if not typed:
        return None
    try:
        if name == "weeks":
            api.validate_stage_weeks(typed, source="form")
        else:
            api.validate_dose({name: dose_value(name, typed)}, source="form", ws=ws)
    except HandoutError as exc:
        return "; ".join(p.message for p in exc.problems)
    return None


def dose_texts(dose: api.Dose | None) -> dict[str, str]:
    """The fields a dose sets, as they would be typed (``alternatives`` on one line)."""
    if dose is None:
        return {}
    # a progression's stages are rows of their own (stage_texts)
    return as_typed(dose.model_dump(mode="json", include=dose.model_fields_set - {"progression"}))


def stage_texts(dose: api.Dose | None) -> list[dict[str, str]]:
    """A dose's progression as Week by week rows: each stage's keys as they would be typed."""
    return [as_typed(stage.to_yaml_data()) for stage in dose.progression] if dose else []


def as_typed(data: dict[str, Any]) -> dict[str, str]:
    out = {}
    for name, value in data.items():
        if name == "alternatives":
            out[name] = f" {ALTERNATIVES_SEPARATOR} ".join(value) if value else NO_ALTERNATIVES
        elif isinstance(value, dict):  # a side in each language, as dose_value reads it
            out[name] = "{" + ", ".join(f"{lang}: {said}" for lang, said in value.items()) + "}"
        else:
            out[name] = str(value)
    return out


def placeholders(entry: Exercise, typed: dict[str, str] | None = None) -> dict[str, str]:
    """The library's dose, shown in each empty box; not its alternatives where a hold of the
    patient's own is ``typed`` (they split the library's hold, and are left out so)."""
    texts = dose_texts(entry.dose)
    if texts.get("alternatives") == NO_ALTERNATIVES or (
            typed and typed.get("hold", "").strip() and not typed.get("alternatives", "").strip()):
        texts.pop("alternatives", None)
    return texts
