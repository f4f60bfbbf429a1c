"""A Japanese hand clinic (tests/clinics/japanese: made-up, ja-JP, A4, its own Japanese
wording and templates) writes as Japanese is written: sentences joined with "。" and no
space, a line's fields set apart by an ideographic space, not English's ". " and " · ";
ranges "5〜10秒", not "5–10秒". Read back from the email and the PDFs."""

from __future__ import annotations

import re
import shutil

import pypdfium2 as pdfium
import pytest
import yaml
from click.testing import CliRunner

import handouts as api
from handouts.cli import main
from handouts.words import numbers, text
from handouts.input.quantities import Span

from conftest import ROOT
from test_email import servers  # noqa: F401  (the loopback mail server fixture)

CLINIC = ROOT / "tests" / "clinics" / "japanese"


@pytest.fixture
def home(tmp_path, monkeypatch):
    folder = tmp_path / "naniwa"
    shutil.copytree(CLINIC, folder)
    monkeypatch.chdir(folder)
    return folder


def cjk_font():
    from handouts.render import glyphs

    if glyphs.font_for("指") is None:
        pytest.skip("no CJK font installed (Debian: fonts-wqy-zenhei)")


def pdf_text(pdf: bytes) -> str:
    """The PDF's text with its lines run together: a Japanese line breaks anywhere."""
    return "".join(page.get_textpage().get_text_range().replace("\r", "").replace("\n", "")
                   for page in pdfium.PdfDocument(pdf))


def english(said: str) -> list[str]:
    """English's joins in Japanese text: " · ", ". " after a word (not after an item's
    number, "1. "), a range's en dash ("5–10秒")."""
    return re.findall(r"..·..|[^\d\s]\. .|\d–\d", said)


def built(home, name: str = "yamada", **changes) -> bytes:
    ws = api.open_workspace(home=home)
    program = yaml.safe_load((home / "examples" / f"{name}.yaml").read_text(encoding="utf-8"))
    return api.build_handout(api.program_from_data({**program, **changes}, ws, source="test"),
                             ws).pdf


def test_the_email_joins_a_dose_and_how_often_as_japanese_does(home, servers):  # noqa: F811
    server = servers()
    clinic = yaml.safe_load((home / "clinic.yaml").read_text(encoding="utf-8"))
    clinic["smtp"] = {"host": "127.0.0.1", "port": server.port, "security": "none",
                      "from": "なにわハンドセラピー <uketsuke@naniwa-hand.example.jp>"}
    (home / "clinic.yaml").write_text(yaml.safe_dump(clinic, allow_unicode=True),
                                      encoding="utf-8")
    result = CliRunner().invoke(main, ["--home", str(home), "email", "examples/yamada.yaml"],
                                env={"HANDOUTS_SMTP_PASSWORD": None}, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    [message] = server.mailbox.parsed()
    plain = message.get_body(("plain",)).get_content()
    summary = [line for line in plain.splitlines() if re.match(r"\d\. ", line)]
    assert len(summary) == 5, plain
    assert "4. パテにぎり：10〜15回を2セット（無理のない範囲で）。使うもの：やわらかいパテ（黄色）。" \
           "頻度：1日1回" in summary
    assert "輪ゴムで指を広げる運動：10回を2セット。セットの間に30秒休みます。用意するもの：輪ゴム1本。" \
           "頻度：1日1回" in plain
    assert [line for line in summary if ". " in line[3:] or "·" in line or "–" in line] == []


def test_a_card_and_page_one_join_as_japanese_does(home):
    cjk_font()
    said = pdf_text(built(home))
    # page 1's summary: a dose's parts are sentences, "。" after each but the last
    assert "15〜30秒そのまま保ちます。3回くり返します。用意するもの：タオル1枚1日2回" in said
    # two wording keys, no gap after "。"; the facts set apart by a space, not " · "
    assert "はっておきましょう。運動はこの順番でしてください。運動をするたびに" in said
    assert re.search("日付：2026年12月5日\\s担当：佐藤 健一", said)
    assert re.search("お名前：山田 花子\\s次の予約：2026年12月19日", said)
    assert english(said) == []
    # a compact card's dose line: "。" after each sentence, none of English's ". " or " · "
    said = pdf_text(built(home, layout="compact"))
    assert "5〜10秒そのまま保ちます。5回くり返します。頻度：1日3回。" in said
    assert "10回を2セット。セットの間に30秒休みます。用意するもの：輪ゴム1本。頻度：1日1回。" in said
    assert english(said) == []


def test_a_cards_title_runs_on_and_is_marked_continued_as_japanese_does(home):
    """A compact card's title and what it is for were set apart by English's " – ", and
    "（つづき）" followed a title after a space: "運動 （つづき）"."""
    cjk_font()
    said = pdf_text(built(home, layout="compact"))
    assert re.search("タオルを使った手首のストレッチ\\s手首の甲側", said), said
    assert " – " not in said
    # a card taller than a page goes on under its title, marked at once; the carpal tunnel
    # topic after it, broken by a page, finishes ahead of the log, with no title to repeat
    long = {"id": "band_finger_spread", "note": "輪ゴムがきついときは、2本を1本にしてください。 " * 65}
    said = pdf_text(built(home, exercises=["putty_squeeze", long]))
    assert "輪ゴムで指を広げる運動（つづき）" in said
    assert "手根管症候群とは（つづき）" not in said
    assert " （つづき）" not in said


def test_page_ones_fields_are_set_a_full_width_apart(home):
    """reportlab took the ideographic space between page 1's fields for a word space: "山田
    花子 次の予約" had the gap inside the name. It is an ideograph wide now, and a line may
    still break after it."""
    cjk_font()
    page = pdfium.PdfDocument(built(home))[0].get_textpage()
    said = page.get_text_range()

    def gap(before: str, after: str) -> float:
        end = said.index(before) + len(before) - 1
        return page.get_charbox(said.index(after, end))[0] - page.get_charbox(end)[2]

    name, fields = gap("山田", "花子"), gap("花子", "次の予約")
    assert fields > 1.8 * name, (fields, name)
    assert gap("5日", "担当") > 1.8 * name


def test_a_dose_listed_twice_is_quoted_as_it_prints(home):
    """The notice of an exercise listed twice quotes the dose as the handout prints it:
    joined as Japanese is, not with English's " · "."""
    ws = api.open_workspace(home=home)
    program = yaml.safe_load((home / "examples" / "yamada.yaml").read_text(encoding="utf-8"))
    program["exercises"] = ["putty_squeeze", "putty_squeeze"]
    built_ = api.build_handout(api.program_from_data(program, ws, source="test"), ws)
    [said] = [t for t in built_.handout.told if "listed 2 times" in t or "twice" in t]
    assert "·" not in said and "。" in said, said


def test_weekly_stages_and_a_clinics_own_range_mark(home):
    cjk_font()
    library = home / "exercises.yaml"
    data = yaml.safe_load(library.read_text(encoding="utf-8"))
    [putty] = [e for e in data["exercises"] if e["id"] == "putty_squeeze"]
    putty["dose"]["progression"] = [{"weeks": "1-2", "reps": "5-8"}, {"weeks": "3-4", "reps": 10}]
    library.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    said = pdf_text(built(home))
    assert "1〜2週目" in said and "5〜8回" in said and english(said) == []
    # the clinic's wording says otherwise: its mark, in the templates and the stages alike
    strings = home / "strings.ja.yaml"
    strings.write_text(strings.read_text(encoding="utf-8") + 'range_mark: "～"\n',
                       encoding="utf-8")
    said = pdf_text(built(home))
    assert "1～2週目" in said and "5～8回" in said and "10～15回" not in said
    assert "〜" not in said.replace("痛み（0〜10）", "")  # the log's scale is the wording's


@pytest.mark.parametrize("language, kind, expected", [
    ("ja", "sentences", "運動をします。1日3回"),
    ("zh", "parts", "保持5秒。重复5次"),
    ("ja", "fields", "大阪市\u3000uketsuke@example.jp"),
    ("en", "sentences", "Hold 5 seconds. 3 times a day"),
    ("en", "parts", "Hold 5 seconds · 3 times a day"),
    ("ko", "sentences", "5초 동안 유지합니다. 하루 3번"),
])
def test_one_function_knows_how_each_language_joins(language, kind, expected):
    from handouts.words import joins

    texts = {"ja": {"sentences": ["運動をします。", "1日3回"],
                    "fields": ["大阪市", "", "uketsuke@example.jp"]},
             "zh": {"parts": ["保持5秒", "重复5次"]},
             "en": {"sentences": ["Hold 5 seconds", "3 times a day"],
                    "parts": ["Hold 5 seconds", "3 times a day"]},
             "ko": {"sentences": ["5초 동안 유지합니다", "하루 3번"]}}[language][kind]
    assert joins.join(language, texts, kind) == expected


@pytest.mark.parametrize("language, texts, expected", [
    ("ar", ["هل تشعر بألم؟", "توقف"], "هل تشعر بألم؟ توقف"),
    ("ur", ["آہستہ کریں۔", "رکیں"], "آہستہ کریں۔ رکیں"),
    ("hi", ["धीरे करें।", "रुकें"], "धीरे करें। रुकें"),
    ("en", ['Say "stop."', "Rest"], 'Say "stop." Rest'),
    ("en", ["Go slowly (count to 3.)", "Rest"], "Go slowly (count to 3.) Rest"),
    ("en", ["Keep it small (a plate's size)", "Rest"], "Keep it small (a plate's size). Rest"),
    ("ja", ["「ゆっくり動かします。」", "1日3回"], "「ゆっくり動かします。」1日3回"),
])
def test_a_sentence_ended_in_its_own_script_gets_no_second_stop(language, texts, expected):
    """A tip in Arabic that asks a question, or one in Hindi ended by its "।", ran on with
    "." after its own stop ("؟.", "।."); so did a sentence ended inside its quote."""
    from handouts.words import joins

    assert joins.join(language, texts, "sentences") == expected


def test_only_japanese_changes_its_range_mark_by_default():
    assert [text.range_mark(lang) for lang in ("ja", "zh", "en", "es", "ko")] == [
        "〜", "–", "–", "–", "–"]
    assert numbers.span_text(Span(lo=5, hi=10), mark=text.range_mark("ja")) == "5〜10"
