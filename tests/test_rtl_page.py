"""A handout whose every language is right to left reads from the right: headings and labels
end at the right margin, an exercise card has its picture on the right and its text on the
left, the summary table and the log have the exercise names on the right and the week running
from the right, and the header and footer swap sides. A handout with a left-to-right language
in it (bilingual he+en too) keeps the left-to-right page.

The clinic is the Dublin example with made-up Hebrew wording of its own (tests/clinics/hebrew:
strings.he.yaml, templates/he/, exercises.he.yaml, a clinic.yaml with Hebrew words). Where
things are is read back from the PDF: each character's box (PDFium), and each picture's place
from the content stream's transformations.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import handouts as api
from handouts.render.theme import theme_for
from handouts.words import text

from conftest import ROOT, forms_placed, page_texts_pypdf, reader
from test_rtl_wrapping import drawn_lines, visual

HEBREW_CLINIC = ROOT / "tests" / "clinics" / "hebrew"
DUBLIN = ROOT / "examples" / "dublin-shoulder"
LAYOUTS = ("standard", "compact", "large_print")


def made_clinic(home, words: Path) -> Path:
    """The Dublin example at ``home`` with a made-up clinic's own files (``words``) over it."""
    shutil.copytree(DUBLIN, home)
    shutil.copytree(words, home, dirs_exist_ok=True)
    return home


@pytest.fixture(scope="module")
def hebrew(tmp_path_factory) -> api.Workspace:
    return api.open_workspace(home=made_clinic(tmp_path_factory.mktemp("hebrew") / "clinic",
                                               HEBREW_CLINIC))


@pytest.fixture(scope="module")
def built(hebrew):
    found = {}

    def get(layout: str, languages: tuple[str, ...] = ("he",)) -> bytes:
        if (layout, languages) not in found:
            data = {"patient": {"name": "דנה לוי"}, "date": "2026-12-03",
                    "language": list(languages), "layout": layout,
                    "exercises": ["pendulum", "shoulder_blade_squeeze"],
                    "education": ["sleeping"]}
            handout = api.build_handout(api.program_from_data(data, hebrew, source="test"),
                                        hebrew)
            assert handout.warnings == ()  # every word in the handout's language(s)
            found[layout, languages] = handout.pdf
        return found[layout, languages]

    return get


def margins(layout: str) -> tuple[float, float]:
    """The frame's left and right edges on the clinic's A4 paper."""
    t = theme_for(layout, "A4")
    return t.margin, t.page_size[0] - t.margin


def spans(pdf: bytes, words: str) -> list[tuple[int, float, float, float]]:
    """Where ``words`` are drawn, each time: (page, left, right, baseline). Hebrew words are
    drawn right to left, so they are found reversed in a line's drawing order."""
    found = []
    for number, page in enumerate(drawn_lines(pdf), start=1):
        for baseline, chars in page:
            drawn = visual(chars)
            for target in {words, words[::-1]}:
                at = drawn.find(target)
                while at >= 0:
                    hit = chars[at:at + len(target)]
                    found.append((number, min(c[1] for c in hit), max(c[2] for c in hit),
                                  baseline))
                    at = drawn.find(target, at + 1)
    assert found, f"{words!r} is not drawn"
    return found


def span(pdf: bytes, words: str, index: int = 0) -> tuple[int, float, float, float]:
    return spans(pdf, words)[index]


def forms_drawn(pdf: bytes, page: int) -> list[tuple[float, float, float, float]]:
    """(left, right, bottom, top) on the page of every form object (picture, logo) placed
    on page ``page``, its /BBox through the transformations in force where it is drawn."""
    out = []
    for matrix, (x0, y0, x1, y1) in forms_placed(reader(pdf).pages[page - 1]):
        xs = [matrix[0] * x + matrix[2] * y + matrix[4] for x in (x0, x1) for y in (y0, y1)]
        ys = [matrix[1] * x + matrix[3] * y + matrix[5] for x in (x0, x1) for y in (y0, y1)]
        out.append((min(xs), max(xs), min(ys), max(ys)))
    return out


def test_the_direction_is_decided_on_the_handouts_languages():
    assert text.right_to_left(("he",)) and text.right_to_left(("ar", "he"))
    assert text.right_to_left(("fa-IR",)) and text.right_to_left(("ur",))
    assert not text.right_to_left(("he", "en")) and not text.right_to_left(("en", "ar"))
    assert not text.right_to_left(("en",)) and not text.right_to_left(("es",))


@pytest.mark.parametrize("layout", LAYOUTS)
def test_headings_labels_and_text_end_at_the_right_margin(built, layout):
    pdf = built(layout)
    _, right = margins(layout)
    headings = ["תוכנית תרגילים לבית", "יומן התרגילים שלכם", "למדו על הכתף שלכם",
                "לישון טוב", "ישנו על הגב"]
    headings += {"standard": ["התוכנית שלכם במבט אחד", "התרגילים שלכם"],
                 "compact": ["התרגילים שלכם"],
                 "large_print": ["התוכנית שלכם במבט אחד"]}[layout]
    for heading in headings:
        assert abs(span(pdf, heading)[2] - right) < 1, heading
    # a card's title, its labels and its text end at one edge: its text column's right
    page, _, edge, _ = span(pdf, "טיפים")
    labels = ["שימו לב"] + (["שלבים", "שומר על הכתף"] if layout != "compact" else [])
    for label in labels:
        assert abs(span(pdf, label)[2] - edge) < 1, (label, span(pdf, label), edge)
    title = [s for s in spans(pdf, "נדנוד היד") if s[0] == page][0]
    assert edge - 30 < title[2] < edge  # its number, "1.", right of it
    # the steps end a hanging indent short of it, their numbers in the indent (drawn ".1")
    step = span(pdf, "עמדו ליד שולחן")
    assert abs(step[2] - (edge - 1.6 * theme_for(layout, "A4").body_size)) < 1
    if layout == "compact":
        # run-ins ("Be careful: …", "Tips: …"): label and text on one line from the right
        careful = span(pdf, "שימו לב:")
        text_ = span(pdf, "אל תרימו")
        assert careful[3] == text_[3] and text_[2] < careful[1]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_cards_picture_is_right_of_its_text(built, layout):
    pdf = built(layout)
    _, right = margins(layout)
    page, _, _, step = span(pdf, "עמדו ליד שולחן")
    pictures = [f for f in forms_drawn(pdf, page) if f[1] - f[0] > 40]
    assert pictures
    # the pendulum's, level with its first step (not the widest: the next card's drawing
    # on the page can be wider)
    picture = min(pictures, key=lambda f: abs(f[3] - step))
    assert picture[1] > right - 30  # at the right margin
    if layout == "large_print":
        # under the title, the picture and the dose share a row: the dose box on the left
        dose = [s for s in spans(pdf, "באיזו תדירות") if s[0] == page][0]
        assert dose[2] < picture[0]
        assert span(pdf, "עמדו ליד שולחן")[3] < picture[2]  # the steps below the row
    else:
        for words in ("נדנוד היד", "עמדו ליד שולחן", "שימו לב"):
            found = [s for s in spans(pdf, words) if s[0] == page]
            assert found[-1][2] < picture[0], words
    if layout == "standard":
        # the dose box under the picture, in its column
        dose = [s for s in spans(pdf, "באיזו תדירות") if s[0] == page][0]
        assert dose[1] > picture[0] - 20 and dose[3] < picture[2]


@pytest.mark.parametrize("layout", ["standard", "large_print"])
def test_the_summary_table_has_the_names_on_the_right(built, layout):
    pdf = built(layout)
    name = span(pdf, "נדנוד היד")
    # the summary's row, on its page: page 1's, or page 2's where the safety box leaves it
    # no room (large print)
    assert name[0] == span(pdf, "התוכנית שלכם במבט אחד")[0]
    dose = span(pdf, "עשו את זה")
    often = span(pdf, "כל 2 שעות")
    assert often[2] < dose[1] and dose[2] < name[1]
    header = span(pdf, "באיזו תדירות")
    assert header[2] < span(pdf, "תרגיל")[1]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_the_log_has_the_names_on_the_right_and_the_week_from_the_right(built, layout):
    pdf = built(layout)
    heading = span(pdf, "יומן התרגילים שלכם")
    days = [s for s in spans(pdf, "7 6 5 4 3 2 1") if s[0] == heading[0]]
    assert len(days) == 1  # day 1 drawn rightmost, day 7 leftmost
    name = [s for s in spans(pdf, "כיווץ השכמות") if s[0] == heading[0]][-1]
    assert days[0][2] < name[1]
    day = [s for s in spans(pdf, "יום") if s[0] == heading[0] and s[3] > days[0][3]]
    assert day and days[0][1] < day[0][1] < day[0][2] < days[0][2]  # over the days


@pytest.mark.parametrize("layout", LAYOUTS)
def test_the_header_and_footer_swap_sides(built, layout):
    pdf = built(layout)
    left, right = margins(layout)
    name = span(pdf, "מרפאת הכתף")
    phone = span(pdf, "03 555 0142")
    assert name[0] == phone[0] == 1 and phone[2] < name[1]
    assert abs(phone[1] - left) < 1
    logo = [f for f in forms_drawn(pdf, 1) if f[3] > name[3] - 40][0]
    assert logo[0] > name[2] and abs(logo[1] - right) < 1
    pages = len(reader(pdf).pages)
    for page in range(1, pages + 1):
        patient = [s for s in spans(pdf, "דנה לוי") if s[0] == page][-1]
        number = [s for s in spans(pdf, f"עמוד {page} מתוך {pages}"[::-1]) if s[0] == page]
        handout_id = [s for s in spans(pdf, "דף") if s[0] == page][-1]
        assert abs(patient[2] - right) < 1 and abs(number[0][2] - right) < 1
        assert handout_id[1] > left and handout_id[3] == [
            s for s in spans(pdf, "-") if s[0] == page][-1][3]


def test_a_bilingual_hebrew_english_handout_keeps_the_left_to_right_page(built):
    pdf = built("standard", ("he", "en"))
    left, right = margins("standard")
    # the card: its picture on the left, its text (English from the left) beside it
    step = span(pdf, "Stand beside a table")
    pictures = [f for f in forms_drawn(pdf, step[0]) if f[1] - f[0] > 40]
    assert max(p[1] for p in pictures) < step[1] and pictures[0][0] < left + 30
    # the Hebrew line of a bilingual text still reads from the right of its column
    assert abs(span(pdf, "התרגילים שלכם")[2] - right) < 1
    assert abs(span(pdf, "Your exercises")[1] - left) < 1
    # the summary: the names first, on the left; the header's phone on the right (the
    # summary is on page 2: the safety box's four warnings in both languages fill page 1)
    name, dose = span(pdf, "Pendulum swings"), span(pdf, "How much")
    assert name[0] == dose[0] and name[1] < left + 10 and name[2] < dose[1]
    clinic, phone = span(pdf, "מרפאת הכתף"), span(pdf, "03 555 0142")
    assert clinic[2] < phone[1] and abs(phone[2] - right) < 1


def test_a_left_to_right_note_on_a_mirrored_page_ends_at_the_right_too(hebrew):
    """A block of English in an all-Hebrew handout (the therapist's note) reads left to right
    but sits where every other block of the page does: against the right edge of its box."""
    data = {"patient": {"name": "Dana Levi"}, "date": "2026-12-03", "language": "he",
            "exercises": ["pendulum"], "note": "Go slowly for 2 weeks."}
    pdf = api.build_handout(api.program_from_data(data, hebrew, source="test"), hebrew).pdf
    note, label = span(pdf, "Go slowly for 2 weeks."), span(pdf, "הערה מהמטפל שלכם")
    assert abs(note[2] - label[2]) < 1 and note[1] > margins("standard")[0] + 200


@pytest.mark.parametrize("layout", LAYOUTS)
def test_the_clinics_phone_number_reads_in_order_in_a_right_to_left_line(built, layout):
    """"Call us at 03 555 0142." in Hebrew: by the bidirectional algorithm alone the spaces
    in the number would put its groups in reverse order on the page ("0142 555 03"), and a
    patient would dial a wrong number. Each line as drawn, left to right, is read back."""
    lines = [visual(chars) for page in drawn_lines(built(layout)) for _, chars in page]
    with_phone = [line for line in lines if "0142" in line and any(
        "\u0590" <= c <= "\u05ff" for c in line)]
    assert with_phone, lines  # the safety box's last line, and the footers
    for line in with_phone:
        assert "03 555 0142" in line and "0142 555 03" not in line, line


def test_separate_numbers_in_a_right_to_left_line_keep_their_order():
    """Only a phone number is kept whole: "1 2 3" between Hebrew words are three numbers,
    which read from the right, as the algorithm puts them."""
    from handouts.render import rtl

    drawn = "".join(c for _, c in rtl.order("שלבים 1 2 3 כאן", True))
    assert "3 2 1" in drawn


def test_a_step_left_in_english_on_a_mirrored_page_is_numbered_as_english_reads(hebrew):
    """An exercise the clinic has not translated prints in English (with a warning). On a
    mirrored page its numbers stand in the same column as the Hebrew ones, right of the text,
    but read as its text does: "1." (a Hebrew step's is drawn ".1", as Hebrew reads)."""
    data = {"patient": {"name": "דנה לוי"}, "date": "2026-12-03", "language": "he",
            "exercises": ["pendulum", "table_slide"]}
    handout = api.build_handout(api.program_from_data(data, hebrew, source="test"), hebrew)
    assert any("table_slide" in w for w in handout.warnings)
    lines = [visual(chars) for page in drawn_lines(handout.pdf) for _, chars in page]
    english = [line for line in lines if "Sit at a table." in line]
    hebrew_step = [line for line in lines if "עמדו ליד"[::-1] in line]  # drawn reversed
    assert english and hebrew_step, lines
    assert english[0].rstrip().endswith("1.") and ".1" not in english[0], english
    assert hebrew_step[0].rstrip().endswith(".1"), hebrew_step


def clinic_with(tmp_path, language: str, direction: str | None) -> api.Workspace:
    """The Hebrew test clinic with its Hebrew wording under ``language``, saying ``direction``
    (or not) in its wording file."""
    home = made_clinic(tmp_path / "clinic", HEBREW_CLINIC)
    said = (home / "strings.he.yaml").read_text(encoding="utf-8")
    if direction:
        said += f"direction: {direction}\n"
    (home / "strings.he.yaml").unlink()
    (home / f"strings.{language}.yaml").write_text(said, encoding="utf-8")
    if language != "he":
        (home / "templates" / "he").rename(home / "templates" / language)
        words = (home / "exercises.he.yaml").read_text(encoding="utf-8")
        (home / "exercises.he.yaml").unlink()
        (home / f"exercises.{language}.yaml").write_text(
            words.replace("language: he", f"language: {language}"), encoding="utf-8")
        # its tagline and disclaimer too: a text under a code with no words stops the build
        clinic = (home / "clinic.yaml").read_text(encoding="utf-8")
        (home / "clinic.yaml").write_text(clinic.replace("\n  he: ", f"\n  {language}: "),
                                          encoding="utf-8")
    return api.open_workspace(home=home)


def picture_side(ws: api.Workspace, language: str) -> str:
    """Which side of the page the exercise card's picture is on: "right" on a mirrored page."""
    data = {"patient": {"name": "דנה לוי"}, "date": "2026-12-03", "language": language,
            "exercises": ["shoulder_blade_squeeze"]}
    pdf = api.build_handout(api.program_from_data(data, ws, source="test"), ws).pdf
    page = span(pdf, "שבו זקוף")[0]
    picture = max((f for f in forms_drawn(pdf, page) if f[1] - f[0] > 40),
                  key=lambda f: f[1] - f[0])
    left, right = margins("standard")
    return "right" if picture[1] > right - 30 else "left" if picture[0] < left + 30 else "?"


def test_a_clinics_wording_says_which_way_a_language_the_table_lacks_is_written(tmp_path):
    """A language the code table does not know ("rhg", Rohingya, a three-letter code, here
    with the test clinic's Hebrew words and library translation) is laid out from the right
    once its wording says ``direction: right-to-left``; without it, from the left (each
    right-to-left line still reads from the right margin)."""
    assert picture_side(clinic_with(tmp_path / "a", "rhg", "right-to-left"), "rhg") == "right"
    assert picture_side(clinic_with(tmp_path / "b", "rhg", None), "rhg") == "left"


def test_a_clinics_wording_can_say_a_right_to_left_code_is_written_left_to_right(tmp_path):
    """A code the table takes for right to left, which the clinic writes in another script
    (Kashmiri, Sindhi and Punjabi are written both ways): its wording decides."""
    assert picture_side(clinic_with(tmp_path / "a", "he", "left-to-right"), "he") == "left"
    assert picture_side(clinic_with(tmp_path / "b", "he", None), "he") == "right"


def test_the_email_marks_each_languages_direction(tmp_path):
    """The HTML part says each language's direction (``dir``) as well as its ``lang``: a
    clinic that copies the package's email templates for Hebrew gets a body that reads from
    the right in a mail program without editing them."""
    from email.headerregistry import Address

    from handouts.mail.message import compose

    ws = clinic_with(tmp_path, "he", None)
    for name in ("email.html", "email_body.html", "email.txt"):
        shutil.copy(ROOT / "handouts" / "words" / "templates" / "en" / name,
                    ws.home / "templates" / "he" / name)
    # the templates ask for the log's sentence in the clinic's words (check says so)
    with open(ws.home / "strings.he.yaml", "a", encoding="utf-8") as strings:
        strings.write('email_log: "יש בו גם יומן לסמן בכל פעם שאתם מתאמנים."\n')
    data = {"patient": {"name": "דנה לוי", "email": "dana@example.com"}, "date": "2026-12-03",
            "language": ["he", "en"], "exercises": ["pendulum"]}
    built = api.build_handout(api.program_from_data(data, ws, source="test"), ws)
    html = compose(built.handout, built.pdf, built.filename,
                   sender=Address("Clinic", "desk", "example.com")).get_body(("html",))
    html = html.get_content()
    assert '<html lang="he" dir="rtl">' in html
    assert '<div lang="he" dir="rtl"' in html and '<div lang="en" dir="ltr"' in html


ARABIC_CLINIC = ROOT / "tests" / "clinics" / "arabic"


@pytest.fixture(scope="module")
def arabic(tmp_path_factory) -> api.Workspace:
    return api.open_workspace(home=made_clinic(tmp_path_factory.mktemp("arabic") / "clinic",
                                               ARABIC_CLINIC))


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_handout_wholly_in_arabic_reads_from_the_right_its_letters_joined(arabic, layout):
    """The made-up Arabic clinic (tests/clinics/arabic: every wording key, its dose and
    frequency templates, two exercises and two topics): nothing falls back to English, every
    Arabic letter is drawn in its joined form, and the page is mirrored as the Hebrew one is."""
    data = {"patient": {"name": "ليلى حسن"}, "date": "2026-12-03", "language": "ar",
            "layout": layout, "exercises": ["pendulum", "shoulder_blade_squeeze"],
            "education": ["sleeping"], "note": "ابدأ ببطء في الأسبوع الأول."}
    handout = api.build_handout(api.program_from_data(data, arabic, source="test"), arabic)
    assert handout.warnings == ()
    pdf = handout.pdf
    # the text as drawn, read by pypdf itself, which keeps the joined forms (PDFium, below,
    # reads them as letters)
    drawn_text = "".join(page_texts_pypdf(pdf))
    # no letter in its plain form (U+0640, the joining stroke in "لـ", is no letter)
    assert not any("\u0621" <= c <= "\u064a" and c != "\u0640" for c in drawn_text)
    assert sum("\ufe70" <= c <= "\ufeff" for c in drawn_text) > 500
    _, right = margins(layout)
    assert abs(span(pdf, "برنامج التمارين في البيت")[2] - right) < 1
    page, *_ = step = span(pdf, "قف بجانب طاولة")
    picture = max((f for f in forms_drawn(pdf, page) if f[1] - f[0] > 40),
                  key=lambda f: f[1] - f[0])
    assert picture[1] > right - 30 and (layout == "large_print" or step[2] < picture[0])
    assert visual(next(chars for p in drawn_lines(pdf) for _, chars in p
                       if "اتصل بنا"[::-1] in visual(chars) and "0142" in visual(chars))
                  ).find("03 555 0142") >= 0


def test_the_arabic_test_clinic_checks_clean(arabic):
    from click.testing import CliRunner

    from handouts.cli import main

    result = CliRunner().invoke(main, ["--home", str(arabic.home), "check", "--language", "ar"])
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output
