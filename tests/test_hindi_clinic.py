"""A physiotherapy clinic in Pune (tests/clinics/hindi: made-up Sahyadri Physio Care, A4,
en-IN), written from the README and docs/library.md alone. Its library is English, most of
its patients read their handout in Hindi (exercises.hi.yaml, and the clinic's own
strings.hi.yaml and templates/hi/, started by `words hi`), some in Hindi and English. Its
day's roster, its layouts and its email are read back.

A PDF's text is read in the order its glyphs are drawn: a Devanagari vowel sign written
before its consonant (ि) and a reph (र् over the next letter) come out where they are drawn
("िदन" for "दिन"), a letter with a nukta may come out as the one character Unicode also has
for it ("ज़"), and a reader takes the room a vowel sign below or above a letter is drawn in
for a space ("कु र्सी"). ``typed`` reads a page as typed, its spaces left out."""

from __future__ import annotations

import email
import email.policy
import re
import unicodedata
from pathlib import Path

import pytest

from clinic_copy import copied, flat_pages, run
from test_scripts import _noto_fonts  # noqa: F401 (autouse: Noto's fonts, or a skip; CI fails)

# a consonant with its nukta, and those joined to it by a virama: one cluster's consonants
_CONSONANTS = "[\u0915-\u0939\u0958-\u095f]\u093c?"
_CLUSTER = f"(?:{_CONSONANTS}\u094d)*{_CONSONANTS}"
_SIGNS = "[\u093e-\u094c\u0962\u0963]*"


def typed(text: str) -> str:
    """``text`` as read from a PDF, without its spaces, its Devanagari in the order it is
    typed: the vowel sign ि after the consonants it is drawn before, and a reph before those
    it is drawn after."""
    text = unicodedata.normalize("NFC", "".join(text.split()))  # "ज़" as one letter or two
    text = re.sub(f"\u093f({_CLUSTER})", "\\1\u093f", text)
    return re.sub(f"({_CLUSTER}{_SIGNS})\u0930\u094d", "\u0930\u094d\\1", text)




@pytest.fixture(scope="module")
def home(tmp_path_factory):
    return copied(tmp_path_factory, "hindi", "sahyadri")


@pytest.fixture(scope="module")
def day(home) -> Path:
    """The day's roster batched, each packet a file, and merged for a duplex printer."""
    out = home.parent / "today"
    result = run(home, "batch", str(home / "today.csv"), "--out-dir", str(out),
                 "--merge", str(out / "today.pdf"), "--duplex")
    assert result.exit_code == 0, result.output
    assert "built 4 of 4 packets" in result.output
    return out


def packet(day: Path, name: str) -> list[str]:
    """Each page of the day's packet for ``name``, read as typed (see ``typed``)."""
    return [typed(page) for page in flat_pages((day / f"2026-12-06_{name}.pdf").read_bytes())]


def missing(page: str, *said: str) -> list[str]:
    """Those of ``said`` that ``page`` (read as typed) does not say."""
    return [s for s in said if unicodedata.normalize("NFC", "".join(s.split())) not in page]


def test_the_clinic_checks_clean(home):
    result = run(home, "check", "--language", "hi")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "0 untranslated texts for hi.",
        'OK: 10 exercises, 3 education topics, 3 protocols, 4 example programs; '
        'clinic "Sahyadri Physio Care"']


def test_page_one_is_in_hindi_with_its_dates_and_doses(day):
    first = packet(day, "सुनीता-देशमुख")[0]
    assert missing(first, "मरीज़: सुनीता देशमुख · अगली मुलाक़ात: 20 दिसंबर 2026",
                   "तारीख़: 6 दिसंबर 2026 · थेरेपिस्ट: डॉ. अंजलि जोशी",
                   "1. तौलिये पर जांघ कसना", "10 सेकंड रहें · 10 बार दोहराएँ दिन में 3 बार",
                   "2 सेट करें, हर सेट में 8–10 बार · सेटों के बीच 1 मिनट आराम करें",
                   "अगर छाती में दर्द हो या साँस लेने में तकलीफ़ हो, तो तुरंत 112 पर फ़ोन करें।",
                   "हमें 020 2567 8901 पर फ़ोन करें।", "पन्ना 1 / 5") == []


def test_a_caregiver_s_large_print_names_the_patient(day):
    text = "".join(packet(day, "ramesh-patil"))
    assert missing(text, "मरीज़: Ramesh Patil · देखभाल करने वाले: Amit Patil",
                   "Ramesh के व्यायाम एक नज़र में", "Ramesh के व्यायाम का रिकॉर्ड: हफ़्ता 1",
                   "5–10 बार साँस लें हर सुबह और सोने से पहले") == []


def test_the_bilingual_handout_pairs_hindi_with_english(day):
    text = "".join(packet(day, "priya-kulkarni"))
    assert missing(text, "घर पर करने के व्यायाम Home exercise programme",
                   "तारीख़ / Date: 6 दिसंबर 2026 / 6 December 2026",
                   "1. ठुड्डी पीछे करना", "1. Chin tuck") == []


def test_a_hindi_sentence_ends_with_its_own_full_stop(day):
    """The dose said in sentences (a card's *How much: … How often: …*) ended each with the
    English ".", where Hindi ends one with "।", as its steps do beside it."""
    cards = "".join(packet(day, "सुनीता-देशमुख")[1:3])
    assert missing(cards, "10 सेकंड रहें · 10 बार दोहराएँ। कितनी बार: दिन में 3 बार।",
                   "कितनी बार: दिन में एक बार, हफ़्ते में 5 दिन।") == []
    assert "दोहराएँ." not in cards and "बार." not in cards


def test_the_blank_back_pages_of_a_duplex_run_say_so_in_hindi(day):
    """A packet that ends on a front gets a blank back page saying so; in Hindi its words
    were drawn in the handout's Latin font, which has no Devanagari: a row of empty boxes."""
    pages = [typed(page) for page in flat_pages((day / "today.pdf").read_bytes())]
    blank = [i for i, page in enumerate(pages, 1) if "यहपन्नाजान-बूझकरख़ालीछोड़ागयाहै।" in page]
    # Sunita's 5 pages, Ramesh's 7 and Priya's 3 each end on a front; Imran's 4 on a back
    # (his third page's cards, set alike, leave room for the education to start there)
    assert blank == [6, 14, 18] and len(pages) == 22
    assert not any("\x00" in page for page in pages)


def test_the_email_says_it_in_hindi_and_its_subject_keeps_every_space(home, tmp_path):
    """A Hindi subject is folded into encoded words, and a space where a line was folded
    between two of them was lost (Python's email, gh-144156): every patient read "आपके
    घरपर करने के व्यायाम"."""
    outbox = tmp_path / "outbox"
    result = run(home, "email", str(home / "examples" / "priya-kulkarni.yaml"), "--no-send",
                 "--outbox", str(outbox))
    assert result.exit_code == 0, result.output
    [sent] = (outbox / "pending").glob("*.eml")
    message = email.message_from_bytes(sent.read_bytes(), policy=email.policy.default)
    assert message["Subject"] == ("Sahyadri Physio Care से आपके घर पर करने के व्यायाम / "
                                  "Your home exercise programme from Sahyadri Physio Care")
    assert all(len(line) <= 78 for line in sent.read_bytes().split(b"\r\n"))
    body = message.get_body(("plain",)).get_content()
    for said in ("नमस्ते Priya Kulkarni,", "1. ठुड्डी पीछे करना: इसी स्थिति में 5 सेकंड रहें · "
                 "10 बार दोहराएँ। कितनी बार: जागते समय हर 2 घंटे में",
                 "कोई सवाल? हमें 020 2567 8901 पर फ़ोन करें।", "आपात स्थिति में 112 पर फ़ोन करें।"):
        assert said in body, said


def test_a_conjunct_and_its_vowel_sign_read_back_as_their_letters(day):
    """A cluster drawn as two glyphs that stand for no one character each (the conjunct स्थ
    and the ि drawn before it) gave each the whole cluster's letters: a screen reader, a
    search and a copy read "स्थिस्थिित" for "स्थिति", "फ़्रिजि" for "फ़्रिज"."""
    pages = packet(day, "सुनीता-देशमुख")
    assert missing(pages[0], "1. तौलिये पर जांघ कसना इसी स्थिति में 10 सेकंड रहें",
                   "यह पन्ना फ़्रिज पर लगाएँ।") == []
    assert missing(pages[1], "एड़ी के नीचे प्लास्टिक की थैली") == []


@pytest.mark.parametrize("written, read", [
    ("thrice a day", "3 times a day"), ("thrice daily", "3 times a day"),
    ("alternate days", "every other day"), ("on alternate days", "every other day"),
    ("every alternate day", "every other day"),
    ("twice a day on alternate days", "twice a day, every other day"),
])
def test_how_often_as_indian_english_writes_it(written, read):
    """Its therapists write "thrice a day" and "on alternate days", as Indian (and British)
    English does: each was refused as "not a frequency"."""
    from handouts.input.frequency import parse_frequency

    assert parse_frequency(written) == parse_frequency(read)


def test_reps_written_before_sets_are_told_as_meant(home, tmp_path):
    """"10 x 3" is 10 repetitions, 3 sets, as its therapists write a session; the remedy
    said "sets: 10, reps: 3", which a therapist following it prints as 10 sets of 3."""
    program = tmp_path / "p.yaml"
    program.write_text("patient: {name: सुनीता देशमुख}\nexercises:\n"
                       "- {id: quad_set, dose: {reps: 10 x 3}}\n"
                       "- {id: bridge, dose: {reps: 10 reps x 3 sets}}\n"
                       "- {id: heel_slide, dose: {reps: 3x10}}\n", encoding="utf-8")
    result = run(home, "check", str(program))
    assert result.exit_code == 1
    told = [line.split(": ", 2)[2] for line in result.output.splitlines() if "sets" in line]
    assert told == [f'exercises[{id}].dose.reps: "{written}" is sets and repetitions in one; '
                    "write them apart: sets: 3, reps: 10" for id, written in (
                        ("quad_set", "10 x 3"), ("bridge", "10 reps x 3 sets"),
                        ("heel_slide", "3x10"))]
