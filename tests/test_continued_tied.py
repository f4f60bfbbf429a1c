"""A card taller than a page goes on under its title marked "(continued)": under a long
title, in large print, the marker wrapped alone onto a line of its own (the title and it
were joined with a plain space), read as part of nothing. It is now tied to the title's
last word, as an education topic's is, in every language. Read back from the PDFs."""

from __future__ import annotations

import shutil

import pytest
import yaml

import handouts as api

from conftest import ROOT, page_texts

# titles of 6 to 11 words: in large print, one of them filled its line so that only
# "(continued)" was left for the next; a few, so that a change of font or margin still
# leaves one that does
_WORDS = {"en": "Slow gentle knee hug stretch lying on your back with a rolled towel",
          "es": "Estiramiento lento y suave de rodilla acostado boca arriba con una toalla"}
IDS = ["child_pose", "kneeling_rock_back", "lying_hip_flexor_stretch",
       "standing_hip_flexor_stretch", "wall_goal_post_stretch", "psoas_release"]


@pytest.fixture(scope="module")
def long_titles(tmp_path_factory) -> api.Workspace:
    """The real library with long titles and thirty tips on six cards, in English and
    Spanish: each card is taller than a page, and goes on under its title."""
    folder = tmp_path_factory.mktemp("titles")
    shutil.copytree(ROOT / "images", folder / "images")
    for name in ("exercises.yaml", "exercises.es.yaml", "clinic.yaml"):
        shutil.copy(ROOT / name, folder / name)
    english = yaml.safe_load((folder / "exercises.yaml").read_text(encoding="utf-8"))
    spanish = yaml.safe_load((folder / "exercises.es.yaml").read_text(encoding="utf-8"))
    for n, ident in enumerate(IDS):
        entry = next(e for e in english["exercises"] if e["id"] == ident)
        entry["title"] = " ".join(_WORDS["en"].split()[:6 + n])
        entry["tips"] = [f"Tip {i}: breathe out slowly as you sit back." for i in range(30)]
        other = spanish["exercises"][ident]
        other["title"] = " ".join(_WORDS["es"].split()[:6 + n])
        other["tips"] = [f"Consejo {i}: suelte el aire despacio." for i in range(30)]
    for name, data in (("exercises.yaml", english), ("exercises.es.yaml", spanish)):
        (folder / name).write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return api.open_workspace(folder / "exercises.yaml", folder / "clinic.yaml")


@pytest.mark.parametrize("layout", ["large_print", "standard"])
@pytest.mark.parametrize("language, marker", [("en", "(continued)"),
                                              ("es", "(continuación)")])
def test_continued_never_wraps_alone_under_a_long_title(long_titles, layout, language,
                                                        marker):
    program = api.program_from_options(long_titles, patient="Pat Example", layout=layout,
                                       exercises=IDS, date="2026-11-23", language=[language])
    lines = [line.strip() for page in page_texts(api.build_handout(program,
                                                                   long_titles).pdf)
             for line in page.split("\n")]
    ending = [line for line in lines if line.endswith(marker)]
    # each card goes on at least once, under its title (and under its tips' label)
    assert len([line for line in ending if "Tip" not in line and "Consejo" not in line]
               ) >= len(IDS), ending
    assert marker not in lines, [lines[i - 1:i + 1] for i, line in enumerate(lines)
                                 if line == marker]
