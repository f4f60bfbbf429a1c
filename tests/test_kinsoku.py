"""Japanese text breaks its lines as Japanese is set (kinsoku): no line starts with a mark
that belongs to the character before it ("。", "、", "」", "ー", a small kana), none ends
with an opening bracket, a number keeps its counter ("1枚"), and a title that fits a line
fills the line of its item's number rather than leaving the number alone above it."""

from __future__ import annotations

import re
import shutil

import pypdfium2 as pdfium
import pytest
import yaml

import handouts as api
from conftest import ROOT

# a sentence with every kind of mark that may not start a line, and an opening bracket;
# each step starts it one character later, so that the margin falls at each of its places
SENTENCE = "指のつけ根はのばしたまま、指先を曲げて「かぎ」の形にします。ラーメンのスープを、ちょっとずつ飲みましょう。タオル1枚を使います。"
STEPS = ["あ" * k + SENTENCE for k in range(26)]
# titles that fit a line of the summary table and the log, but not beside "2." and such
TITLES = {"child_pose": "神経のすべり運動（正中神経）", "kneeling_rock_back": "輪ゴムで指を広げる運動です",
          "lying_hip_flexor_stretch": "タオルを使った手首のストレッチ"}
NO_START = "。、，．」』）ーっゃゅょッャュョ"
NO_END = "「『（"


def japanese_handout(tmp_path, layout: str) -> bytes:
    shutil.copytree(ROOT / "images", tmp_path / "images")
    for name in ("exercises.yaml", "clinic.yaml"):
        shutil.copy(ROOT / name, tmp_path / name)
    path = tmp_path / "exercises.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for exercise in data["exercises"]:
        if exercise["id"] in TITLES:
            exercise["title"] = TITLES[exercise["id"]]
        if exercise["id"] == "child_pose":
            exercise["steps"] = STEPS
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    workspace = api.open_workspace(path, tmp_path / "clinic.yaml")
    program = {"patient": {"name": "山田 花子"}, "date": "2026-12-05", "layout": layout,
               "exercises": list(TITLES)}
    return api.build_handout(api.program_from_data(program, workspace, source="test"),
                             workspace).pdf


def lines(pdf: bytes) -> list[str]:
    return [line.strip() for page in pdfium.PdfDocument(pdf)
            for line in page.get_textpage().get_text_range().splitlines() if line.strip()]


@pytest.fixture(scope="module", autouse=True)
def cjk_font():
    from handouts.render import glyphs

    if glyphs.font_for("指") is None:
        pytest.skip("no CJK font installed (Debian: fonts-wqy-zenhei)")


@pytest.mark.parametrize("layout", ["standard", "large_print"])
def test_no_line_starts_or_ends_where_japanese_may_not_break(tmp_path, layout):
    found = lines(japanese_handout(tmp_path, layout))
    japanese = [line for line in found if re.search("[ぁ-んァ-ン一-龥]", line)]
    assert len([line for line in japanese if "ちょっと" in line]) > len(STEPS) // 2, found
    assert [line for line in japanese if line[0] in NO_START] == []
    assert [line for line in japanese if line[-1] in NO_END] == []
    assert [line for line in japanese if line.startswith("枚")] == []  # "1" / "枚"


@pytest.mark.parametrize("layout", ["standard", "large_print"])
def test_an_items_number_is_not_left_alone_above_its_japanese_title(tmp_path, layout):
    found = lines(japanese_handout(tmp_path, layout))
    alone = [(line, after) for line, after in zip(found, found[1:])
             if re.fullmatch(r"\d+\.", line) and re.match("[ぁ-んァ-ン一-龥]", after)]
    assert alone == []


def test_continued_stays_with_the_title_it_marks(tmp_path):
    """A card cut by a page goes on under its title and "（つづき）"; where the title filled
    its line, the marker went alone to the next one, read as part of nothing (or was cut
    inside, "（つづ" and "き）"). Titles one character apart put the margin at each place."""
    home = tmp_path / "naniwa"
    shutil.copytree(ROOT / "tests" / "clinics" / "japanese", home)
    path = home / "exercises.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    cut = [e["id"] for e in data["exercises"]][:4]
    for k, exercise in enumerate(data["exercises"][:4]):
        exercise["title"] = "あ" * (9 + k) + "指を広げる運動"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    workspace = api.open_workspace(home=home)
    note = "輪ゴムがきついときは、2本を1本にしてください。 " * 65  # a card taller than a page
    program = {"patient": {"name": "山田 花子"}, "date": "2026-12-05",
               "exercises": [{"id": i, "note": note} for i in cut]}
    found = lines(api.build_handout(api.program_from_data(program, workspace, source="test"),
                                    workspace).pdf)
    marked = [line for line in found if "つづき" in line]
    assert len(marked) >= len(cut), found
    assert all(re.search("[あ-んァ-ン一-龥]（つづき）$", line) for line in marked), marked
