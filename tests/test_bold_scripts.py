"""Text the library marks ``**…**`` (the safety box's "call the emergency number" line) and the
bold labels (a card's "Be careful:", "Tips:", a compact dose line's "How much:") print bold in
every script that has a bold face: Hebrew, Arabic, Greek, Cyrillic, Devanagari, Thai. Where a
script's font has no bold face (the CJK font Debian ships, WenQuanYi Zen Hei) the bold text is
underlined, so it still stands out from the lines around it.

Read back from the PDF: the font of each run of text (pypdf walks the content stream) and,
for the underline, the stroked lines under a run.
"""

from __future__ import annotations

import pytest
import yaml

import handouts as api

from conftest import drawn, reader
from test_rtl_page import HEBREW_CLINIC, made_clinic

# the bold line of the safety box, in each script, with the number to call
LINES = {
    "Greek": "Καλέστε το 112 αμέσως αν πονάει το στήθος σας.",
    "Cyrillic": "Звоните 112 сразу, если у вас болит грудь.",
    "Arabic": "اتصل بالرقم 112 فورا إذا شعرت بألم في صدرك.",
    "Devanagari": "सीने में दर्द हो तो तुरंत 112 पर फ़ोन करें।",
    "Thai": "โทร 112 ทันที ถ้าคุณเจ็บหน้าอก",
    "Chinese": "胸口疼痛时请立即拨打 112。",
}


def runs(pdf: bytes) -> list[tuple[int, str, str, float, float, float]]:
    """Every run of text: (page, font, text, x, baseline, size), where the page draws it."""
    found = []
    for number, page in enumerate(reader(pdf).pages, start=1):
        def visit(text, cm, tm, font, size, number=number):
            if text.strip() and font is not None:
                x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                found.append((number, str(font["/BaseFont"]), text.strip(), x, y,
                              size * abs(tm[3] * cm[3] or 1)))
        page.extract_text(visitor_text=visit)
    return found


def strokes(pdf: bytes, page: int) -> list[tuple[float, float, float]]:
    """Each straight horizontal line the page strokes: (left, right, height)."""
    found, start = [], None
    for operands, operator, m in drawn(reader(pdf).pages[page - 1]):
        if operator in (b"m", b"l"):
            point = [float(v) for v in operands]
            x, y = (point[0] * m[0] + point[1] * m[2] + m[4],
                    point[0] * m[1] + point[1] * m[3] + m[5])
            if operator == b"l" and start and abs(start[1] - y) < 0.01:
                found.append((min(start[0], x), max(start[0], x), y))
            start = (x, y)
    return found


def on_lines_of(found: list, words: set[str]) -> list[tuple[str, str]]:
    """(font, text) of every run drawn on the lines (page and baseline) that have one of
    ``words`` as a run of its own (a right-to-left word may come reversed)."""
    lines = {(page, round(y)) for page, _, t, _, y, _ in found if t in words or t[::-1] in words}
    return [(font, t) for page, font, t, _, y, _ in found
            if (page, round(y)) in lines and any(c.isalpha() for c in t)]


@pytest.fixture(scope="module")
def hebrew(tmp_path_factory) -> api.Workspace:
    return api.open_workspace(home=made_clinic(tmp_path_factory.mktemp("bold") / "clinic",
                                               HEBREW_CLINIC))


def hebrew_handout(workspace, layout: str) -> bytes:
    data = {"patient": {"name": "דנה לוי"}, "date": "2026-12-03", "language": ["he"],
            "layout": layout, "exercises": ["pendulum", "shoulder_blade_squeeze"],
            "education": ["sleeping", "when_to_call"]}
    handout = api.build_handout(api.program_from_data(data, workspace, source="test"),
                                workspace)
    assert handout.warnings == ()
    return handout.pdf


@pytest.mark.parametrize("layout", ["standard", "compact", "large_print"])
def test_the_hebrew_call_line_is_bold_in_every_word(hebrew, layout):
    pdf = hebrew_handout(hebrew, layout)
    # words only the bold line has, at the start and the end of it (large print wraps it)
    drawn_runs = on_lines_of(runs(pdf), {"מיד", "בחזה", "לנשום"})
    assert len(drawn_runs) >= 10
    assert [(f, t) for f, t in drawn_runs if not f.endswith("-Bold")] == []


def test_hebrew_labels_in_bold_markup_are_bold(hebrew):
    """A compact card's run-in labels ("Be careful:", "Tips:") and its dose line's "Every
    …:" are bold markup around Hebrew: they were set in the regular face."""
    pdf = hebrew_handout(hebrew, "compact")
    found = runs(pdf)
    labels = {(page, round(y)) for page, _, t, _, y, _ in found if t == "טיפים"}
    # "Be careful:" is two words, on a line of its own where the note after it is Hebrew
    careful = {(page, round(y)) for page, _, t, _, y, _ in found if t == "שימו"}
    labels |= careful & {(page, round(y)) for page, _, t, _, y, _ in found if t == "לב"}
    label_runs = [(f, t) for page, f, t, _, y, _ in found
                  if (page, round(y)) in labels and t in {"טיפים", "שימו", "לב"}]
    assert {t for _, t in label_runs} == {"טיפים", "שימו", "לב"}
    assert [(f, t) for f, t in label_runs if not f.endswith("-Bold")] == []


def with_line(tmp_path, line: str, patient: str = "Jane Doe", layout: str = "standard") -> bytes:
    """An English handout whose safety box opens with ``line``, bold."""
    from conftest import ROOT

    import shutil

    shutil.copytree(ROOT / "images", tmp_path / "images")
    for name in ("exercises.yaml", "clinic.yaml"):
        shutil.copy(ROOT / name, tmp_path / name)
    path = tmp_path / "exercises.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    topic = next(t for t in data["education"] if t["id"] == "when_to_call")
    topic["body"][0]["bullets"][0] = f"**{line}**"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    workspace = api.open_workspace(path, tmp_path / "clinic.yaml")
    data = {"patient": {"name": patient}, "date": "2026-11-23", "layout": layout,
            "exercises": ["child_pose"], "education": ["posture"]}
    return api.build_handout(api.program_from_data(data, workspace, source="test"),
                             workspace).pdf


@pytest.mark.parametrize("script", list(LINES))
def test_a_bold_line_in_any_script_stands_out(tmp_path, script):
    from reportlab.lib.fonts import tt2ps

    from handouts.render import glyphs

    line = LINES[script]
    letter = next(c for c in line if c.isalpha())
    font = glyphs.font_for(letter)
    if font is None:
        pytest.skip(f"no font on this machine draws {script}")
    pdf = with_line(tmp_path, line)
    # the handout is in English: the line is its only text in another script
    found = [r for r in runs(pdf) if any(c.isalpha() and not c.isascii() for c in r[2])]
    assert found, f"the {script} line is not in the PDF"
    if tt2ps(font, 1, 0) != font:
        assert [r[1:3] for r in found if not r[1].endswith("-Bold")] == []
        return
    # no bold face: every run of the line is underlined (a stroke just under its baseline)
    for page, _, text, x, y, size in found:
        under = [s for s in strokes(pdf, page)
                 if s[0] - 1 <= x < s[1] and y - size * 0.4 < s[2] < y]
        assert under, f"{text!r} is neither bold nor underlined"


def test_only_the_librarys_bold_words_are_underlined_where_a_font_has_no_bold(tmp_path):
    """Where the CJK font has no bold face, underlining stands in for bold only in the
    library's ``**…**`` words: a compact card's label, coloured already ("Be careful:"),
    and the patient's name on page 1 are bold markup too, and were underlined with them."""
    from handouts.render import glyphs

    if glyphs.font_for("王") is None:
        pytest.skip("no font on this machine draws Chinese")
    (tmp_path / "strings.en.yaml").write_text('cautions_label: "小心"\n', encoding="utf-8")
    pdf = with_line(tmp_path, LINES["Chinese"], patient="王小明", layout="compact")

    def underlined(page, y, size) -> bool:
        # pypdf places a run in the middle of a line at the line's start: any short stroke
        # just under the line's baseline (not a rule across the page) underlines it
        return any(right - left < 300 and y - size * 0.4 < height < y
                   for left, right, height in strokes(pdf, page))

    said = [(page, text, underlined(page, y, size)) for page, _, text, _, y, size in runs(pdf)
            if any(c.isalpha() and not c.isascii() for c in text)]
    names = [s for s in said if s[1] == "王小明"]
    assert (1, "王小明") in [s[:2] for s in names] and not any(s[2] for s in names), said
    labels = [s for s in said if s[1].startswith("小心")]
    assert labels and not any(under for _, _, under in labels), said
    assert (1, "胸口疼痛时请立即拨打", True) in said, said
