"""Names in scripts whose letters join, stack and reorder (Devanagari, Tamil, Bengali, Thai,
Myanmar …): drawn in an installed font that has them, shaped by HarfBuzz, and read back from
the PDF as they were typed; and the ways a clinic learns that a font is missing."""

import functools
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

import handouts as api
from handouts.cli import main
from handouts.figures import lettering
from handouts.render import breaking

from conftest import font_sizes, fonts_in, page_texts, page_texts_pypdf, reader

ROOT = Path(__file__).resolve().parent.parent
NOTO = Path("/usr/share/fonts/truetype/noto")
DUBLIN = ROOT / "examples" / "dublin-shoulder"

# made-up people; each name has a letter pair its font draws as one glyph (a conjunct, a
# consonant with its vowel sign), except Thai, whose tone marks sit on the letters
NAMES = {
    "Nepali": ("सुमन श्रेष्ठ", "NotoSansDevanagari", True),
    "Tamil": ("கண்ணன் முருகன்", "NotoSansTamil", True),
    "Bengali": ("অনুপম ভট্ট", "NotoSansBengali", True),
    "Thai": ("สมชาย ใจดี", "NotoSansThai", False),
}


@pytest.fixture(scope="module", autouse=True)
def _noto_fonts():
    if not (NOTO / "NotoSansDevanagari-Regular.ttf").is_file():
        if os.environ.get("CI") == "true":
            pytest.fail("CI must have Noto's fonts (fonts-noto-core)")
        pytest.skip("Noto's fonts are not installed (Debian: fonts-noto-core)")


def text_maps(data: bytes) -> dict[str, dict[int, str]]:
    """Each font's text map (ToUnicode): code drawn -> the text it stands for."""
    maps: dict[str, dict[int, str]] = {}
    for page in reader(data).pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            if "/ToUnicode" not in font:
                continue
            cmap = font["/ToUnicode"].get_object().get_data().decode("latin-1")
            entries = maps.setdefault(str(font["/BaseFont"]).split("+")[-1], {})
            for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
                for code, text in re.findall(r"<([0-9A-F]+)>\s*<([0-9A-F]+)>", block):
                    entries[int(code, 16)] = bytes.fromhex(text).decode("utf-16-be")
    return maps


@pytest.mark.parametrize("language", NAMES)
def test_a_name_in_a_joining_script_prints_shaped_and_reads_back(ws, language):
    name, family, joins = NAMES[language]
    program = api.program_from_options(ws, patient=name, exercises=["child_pose"],
                                       note=f"Good work, {name}!")
    built = api.build_handout(program, ws)

    assert built.warnings == ()  # no letter left out
    # read back by pypdf itself: what a reader makes of the fonts' /ToUnicode is the subject
    # (page_texts has pdfium decode the glyphs)
    pages = page_texts_pypdf(built.pdf)
    # the name on page one and in the note (paragraphs), and in every footer (a line drawn
    # on the canvas): as typed, every letter in its place
    assert pages[0].count(name) >= 2
    assert all(name in page for page in pages)
    fonts = fonts_in(built.pdf)
    faces = [f for f in fonts if family in f]
    assert faces and all(fonts[f] for f in faces)  # embedded
    if joins:
        # shaped: some glyph stands for two letters or more, and gives them back
        joined = [t for face, m in text_maps(built.pdf).items() if family in face
                  for t in m.values() if len(t) > 1]
        assert joined and all(t in name for t in joined)


def test_a_font_named_in_handouts_fonts_is_tried_first(tmp_path):
    """A clinic chooses the face (or, on a machine without fontconfig, gives one at all)."""
    program = tmp_path / "p.yaml"
    program.write_text(yaml.safe_dump({"patient": {"name": "सुमन श्रेष्ठ"},
                                       "exercises": ["child_pose"]}, allow_unicode=True),
                       encoding="utf-8")
    serif = NOTO / "NotoSerifDevanagari-Regular.ttf"
    env = {**os.environ, "HANDOUTS_FONTS": str(serif),
           "HANDOUTS_CACHE_DIR": str(tmp_path / "cache")}
    out = tmp_path / "p.pdf"
    done = subprocess.run([sys.executable, str(ROOT / "make_handouts.py"), "build", str(program),
                           "-o", str(out)], env=env, cwd=tmp_path,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "warning" not in done.stderr
    fonts = fonts_in(out.read_bytes())
    assert any("NotoSerifDevanagari" in f for f in fonts)
    assert not any("NotoSansDevanagari" in f for f in fonts)
    assert "सुमन श्रेष्ठ" in page_texts(out.read_bytes())[0]


def test_check_names_a_font_in_handouts_fonts_it_cannot_use(tmp_path, monkeypatch):
    not_a_font = tmp_path / "notes.ttf"
    not_a_font.write_text("not a font")
    monkeypatch.setenv("HANDOUTS_FONTS", os.pathsep.join([str(tmp_path / "gone.ttf"),
                                                          str(not_a_font)]))
    result = CliRunner().invoke(main, ["check"])
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert errors == [
        f"error: {tmp_path / 'gone.ttf'}: HANDOUTS_FONTS names this font file, which is not "
        "there; correct the path or take it out of HANDOUTS_FONTS",
        f"error: {not_a_font}: HANDOUTS_FONTS names this file, which cannot be read as a font "
        "(it is damaged, or no TrueType font); name a TrueType font (.ttf or .ttc; an .otf with "
        "PostScript outlines cannot be embedded)"]
    assert result.exit_code == 1


def test_check_warns_where_the_clinic_wrote_characters_no_font_draws(tmp_path):
    """Letters no installed font has would be left out of every handout: `check` says which
    file, which letters and what to install, one line a file."""
    home = tmp_path / "clinic"
    shutil.copytree(DUBLIN, home)
    clinic = home / "clinic.yaml"
    clinic.write_text(clinic.read_text(encoding="utf-8").replace(
        "name: ", "name: \U0001F600 ", 1), encoding="utf-8")
    result = CliRunner().invoke(main, ["--home", str(home), "check"])
    assert result.exit_code == 0, result.stderr  # a warning, not an error
    warned = [line for line in result.stderr.splitlines() if "no installed font" in line]
    assert warned == [
        f"warning: {clinic}:2: name: no installed font can draw 1 of this file's characters "
        "(\U0001F600; the first on this line); they are left out of the PDFs. Install a font "
        "that has them (Debian: fonts-noto-core), or name its file in HANDOUTS_FONTS"]


MARK = "व्यायाम"  # "exercise" in Hindi: व्य is one glyph once shaped


@pytest.fixture(scope="module")
def marked_hindi(tmp_path_factory) -> api.Workspace:
    """The Dublin example with a wording file for "hi" whose every value starts with a
    Devanagari word: every place a handout prints its fixed words (headings, table heads,
    the safety box, the log, the footer) prints some Devanagari. Made-up words for tests."""
    home = tmp_path_factory.mktemp("hindi") / "clinic"
    shutil.copytree(DUBLIN, home)
    english = yaml.safe_load((ROOT / "handouts/words/templates/en/strings.yaml")
                             .read_text(encoding="utf-8"))
    marked = {key: [f"{MARK} {v}" for v in value] if isinstance(value, list)
              else f"{MARK} {value}" for key, value in english.items()}
    marked["months"] = english["months"]  # the date in the footer reads "December 3, 2026"
    (home / "strings.hi.yaml").write_text(yaml.safe_dump(marked, allow_unicode=True),
                                          encoding="utf-8")
    for name in ("dose.txt", "frequency.txt"):
        (home / "templates" / "hi").mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / "handouts/words/templates/en" / name, home / "templates/hi" / name)
    return api.open_workspace(home=home)


@pytest.mark.parametrize("layout", ["standard", "compact", "large_print"])
def test_every_fixed_word_in_a_joining_script_prints_on_every_page(marked_hindi, layout):
    ws = marked_hindi
    data = {"patient": {"name": "सुमन श्रेष्ठ"}, "date": "2026-12-03", "language": "hi",
            "layout": layout, "exercises": [e.id for e in ws.library.exercises[:3]],
            "education": [ws.library.education[0].id]}
    built = api.build_handout(api.program_from_data(data, ws, source="test"), ws)
    assert not [w for w in built.warnings if "font" in w]  # the library is English: warned
    pages = page_texts(built.pdf)
    for page in pages:
        assert MARK in page and "सुमन श्रेष्ठ" in page  # a heading or label, and the footer
    whole = "\n".join(pages)
    for key in ("document_title", "call_us", "col_exercise", "col_dose"):
        assert f"{MARK} {text_of(key)}" in " ".join(whole.split())
    faces = [f for f in fonts_in(built.pdf) if "NotoSansDevanagari" in f]
    assert any(f.endswith("-Bold") for f in faces) and any(f.endswith("-Regular") for f in faces)
    joined = {t for face, m in text_maps(built.pdf).items() if "Devanagari" in face
              for t in m.values() if len(t) > 1}
    assert "व्य" in joined
    # a heading's Devanagari is as bold as its English
    runs = font_sizes(built.pdf)
    title_words = text_of("document_title")
    title = max(size for size, _, t in runs if title_words in t)
    assert any(size == title and "NotoSansDevanagari-Bold" in font and MARK in t
               for size, font, t in runs)


@functools.cache
def text_of(key: str) -> str:
    return yaml.safe_load((ROOT / "handouts/words/templates/en/strings.yaml")
                          .read_text(encoding="utf-8"))[key]


@pytest.mark.parametrize("word", ["שאיפה", "вдох", "εισπνοή", "साँस लें", "หายใจ", "تنفس"])
def test_a_drawing_draws_each_letter_of_its_words_in_any_script(word):
    """A figure's words ("breathe in") in Hebrew, Russian, Greek, Hindi, Thai or Arabic:
    each letter is its own shape, not the box a font draws for a letter it lacks."""
    letters = sorted(set(word) - {" "})
    shapes = {repr(lettering.outline(letter, 18, 0, 0)) for letter in letters}
    assert len(shapes) == len(letters)
    assert lettering.text_width(word, 18) > 0 and lettering.outline(word, 18, 0, 0)


def test_check_warns_of_a_drawing_word_no_font_draws(tmp_path):
    shutil.copy(ROOT / "exercises.yaml", tmp_path / "exercises.yaml")
    shutil.copytree(ROOT / "images", tmp_path / "images")
    figure = tmp_path / "images" / "diaphragmatic_breathing.figure.yaml"
    figure.write_text(figure.read_text(encoding="utf-8").replace(
        "label: {en: in,", "label: {en: \"in \U0001F600\",", 1), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--library", str(tmp_path / "exercises.yaml")])
    assert result.exit_code == 0, result.stderr
    assert [line for line in result.stderr.splitlines() if "no installed font" in line] == [
        f"warning: {figure}:9: frames[1].marks[3].arrow.label.en: no installed font can draw 1 "
        "of this file's characters (\U0001F600; the first on this line); they are left out of "
        "the PDFs. Install a font that has them (Debian: fonts-noto-core), or name its file in "
        "HANDOUTS_FONTS"]


KHMER = ("ធ្វើលំហាត់នេះយឺតៗរាល់ថ្ងៃបន្ទាប់ពីអាហារពេលព្រឹកនិងមុនពេលចូលគេង"
         "បើឈឺខ្លាំងសូមឈប់ភ្លាមហើយទូរស័ព្ទមកយើង")  # made-up words: do this slowly every day …


@pytest.mark.parametrize("layout", ["standard", "compact", "large_print"])
def test_a_script_without_spaces_breaks_its_lines_between_clusters(ws, layout):
    """Khmer (like Thai, Lao and Burmese) puts no space between words: a note runs past the
    line and is broken where it must, but never inside a cluster. A vowel sign written
    before its consonant (េ ែ ៃ) is drawn first: a line that ends with one has cut it from
    its consonant, which reportlab's letter-by-letter split did."""
    # each start moves where the lines must break; a long note breaks many lines a build
    # (with reportlab's own split back, three to five of these five starts failed in each
    # layout, as five or six of fourteen did with a third of the note)
    for start in range(0, 40, 9):
        note = KHMER[start:] + KHMER * 8
        program = api.program_from_options(ws, patient="Sok Chan", exercises=["child_pose"],
                                           note=note, layout=layout)
        built = api.build_handout(program, ws)
        assert built.warnings == ()
        lines = [line.strip() for page in page_texts(built.pdf) for line in page.splitlines()
                 if any("\u1780" <= c <= "\u17ff" for c in line)]
        assert len(lines) > 2
        assert not [line for line in lines if line[-1] in "\u17c1\u17c2\u17c3"], (start, lines)
    # a glyph for two letters gives back those two: named as the Adobe Glyph List says
    # ("uni178117B6", ខ with its vowel ា), not the whole cluster it sits in (ខ្លា)
    joined = {t for face, m in text_maps(built.pdf).items() if "Khmer" in face
              for t in m.values() if len(t) > 1}
    assert "\u1781\u17b6" in joined and "\u1781\u17d2\u179b\u17b6" not in joined, joined


def test_clusters_are_what_is_written_as_one():
    # a consonant with its vowel signs; a subscript consonant after the coeng; a Thai vowel
    # written before its consonant; a Devanagari conjunct (virama)
    assert breaking.cluster_starts("ខ្លាំង") == [0, 5]
    assert breaking.cluster_starts("เพื่อน") == [0, 4, 5]
    assert breaking.cluster_starts("क्षमा") == [0, 3]
