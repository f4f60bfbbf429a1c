"""A handout given to a caregiver speaks to the caregiver (README: *The program file*): the
package's own words that said "your exercises", "each time you finish" to the patient name
the patient instead ("Mia's exercises"), in English and Spanish, in the email's glance too;
a clinic's language without those words (the French test clinic) still builds, in its
plain words, and `check` says which it lacks. PDFs parsed with pypdf; made-up people."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

import handouts as api
from handouts.cli import main
from handouts.mail import message as mail

from conftest import page_texts
from test_email import clinic  # noqa: F401 (fixture)

FRENCH = Path(__file__).resolve().parent / "clinics" / "french"


def flat(data: bytes) -> str:
    """The pages' text, each run of spaces and line breaks one space."""
    return " ".join(" ".join(page_texts(data)).split())


def built(clinic, caregiver: str | None = "Ana Lopez", **fields) -> api.Built:
    clinic.configure()
    ws = clinic.ws()
    patient = {"name": "Mia Lopez", **({"caregiver": caregiver} if caregiver else {})}
    data = {"patient": patient, "therapist": "Dave Candy, PT, DPT", "date": "2026-11-23",
            "exercises": ["bridge", "child_pose"], "education": ["posture"],
            "note": "Keep it playful.", **fields}
    return api.build_handout(api.program_from_data(data, ws, source="test"), ws)


ENGLISH = ("Mia's program at a glance", "Check off each exercise in the log every time Mia "
           "does it. Bring the log to the next visit.", "Mia's exercises",
           "Doing all of Mia's exercises once takes about", "Note from Mia's therapist",
           "Learn about Mia's condition", "Mia's exercise log: week 1",
           "Each time Mia finishes an exercise, put a check in one box for that day. At the "
           "end of each day, write how bad Mia's pain was")
SPANISH = ("El programa de Mia de un vistazo", "Marque cada ejercicio en el registro cada vez "
           "que Mia lo haga. Traiga el registro a la próxima cita.", "Los ejercicios de Mia",
           "Hacer todos los ejercicios de Mia una vez toma unos", "Nota del terapeuta de Mia",
           "Aprenda sobre la afección de Mia", "Registro de ejercicios de Mia: semana 1",
           "Cada vez que Mia termine un ejercicio, marque una casilla de ese día. Al final "
           "de cada día, escriba cuánto dolor tuvo Mia")


@pytest.mark.parametrize("language, said, not_said", [
    ("en", ENGLISH, ("Your program", "Your exercises", "your log", "Note from your",
                     "Learn about your", "Your exercise log", "Each time you finish",
                     "your pain was")),
    ("es", SPANISH, ("Su programa", "Sus ejercicios", "su registro", "Nota de su",
                     "sobre su afección", "Su registro", "Cada vez que termine",
                     "cuánto dolor tuvo,")),
])
def test_a_caregiver_reads_the_patient_named_where_the_words_said_your(
        clinic, language, said, not_said):
    text = flat(built(clinic, language=language).pdf)
    for words in said:
        assert words in text, words
    for words in not_said:
        assert words not in text, words
    # what speaks to the reader still does: the safety box is the caregiver's to act on
    assert ("Stop and call us if" if language == "en" else "Deténgase y llámenos si") in text
    # and a handout without a caregiver keeps its words
    plain = flat(built(clinic, caregiver=None, language=language).pdf)
    assert all(words in plain for words in not_said[:2]) and "Mia's" not in plain
    assert not any(words in plain for words in said)


def test_each_log_heading_and_the_log_without_pain_name_the_patient(clinic):
    weeks = flat(built(clinic, log_weeks=2, log_pain=False).pdf)
    assert "Mia's exercise log: 2 weeks" in weeks
    assert "Each time Mia finishes an exercise, put a check in one box for that day." in weeks
    assert "Your exercise log" not in weeks and "Each time you" not in weeks
    later = flat(built(clinic, weeks_from="2026-11-02").pdf)
    assert "Mia's exercise log: week 4" in later and "Your exercise log" not in later


def test_a_british_carer_reads_the_british_words_about_the_patient(clinic):
    clinic.configure(locale="en-GB")
    ws = clinic.ws()
    data = {"patient": {"name": "Mia Lopez", "caregiver": "Ana Lopez"}, "date": "2026-11-23",
            "exercises": ["bridge"]}
    text = flat(api.build_handout(api.program_from_data(data, ws, source="test"), ws).pdf)
    assert "Mia's programme at a glance" in text
    assert "put a tick in one box" in text and "Tick off each exercise in the log" in text


def test_the_email_s_glance_is_the_patient_s_program(clinic):
    made = built(clinic, patient={"name": "Mia Lopez", "caregiver": "Ana Lopez",
                                  "caregiver_email": "parent@example.com"})
    message = mail.compose(made.handout, made.pdf, made.filename,
                           sender=mail.sender(clinic.ws().clinic))
    body = " ".join(message.get_body(("plain",)).get_content().split())
    assert "Mia's program at a glance:" in body and "Your program" not in body


def test_a_spanish_caregiver_s_email_glance_is_the_patient_s_program(clinic):
    # the Spanish templates had the glance's heading typed in: "Su programa" told Ana the
    # program was hers, in both parts
    made = built(clinic, language="es", patient={"name": "Mia Lopez", "caregiver": "Ana Lopez",
                                                 "caregiver_email": "parent@example.com"})
    message = mail.compose(made.handout, made.pdf, made.filename,
                           sender=mail.sender(clinic.ws().clinic))
    for kind in ("plain", "html"):
        body = " ".join(message.get_body((kind,)).get_content().split())
        assert "El programa de Mia de un vistazo" in body and "Su programa" not in body


def test_a_clinic_language_without_the_words_builds_in_its_plain_words_and_check_says(
        tmp_path):
    home = tmp_path / "kine"
    shutil.copytree(FRENCH, home)
    ws = api.open_workspace(home=home)
    data = {"patient": {"name": "Léa Martin", "caregiver": "Paul Martin"},
            "date": "2026-12-03", "exercises": ["respiration", "marche"], "language": "fr"}
    made = api.build_handout(api.program_from_data(data, ws, source="test"), ws)
    text = flat(made.pdf)
    assert "Paul Martin" in text and "Vos exercices" in text  # its own plain words
    program = home / "lea.yaml"
    program.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    said = {}
    for args in ([], ["--language", "fr"], [str(program)]):
        checked = CliRunner().invoke(main, ["--home", str(home), "check", *args],
                                     catch_exceptions=False)
        assert checked.exit_code == 0, checked.output
        said[len(args) and args[0]] = [line for line in checked.stderr.splitlines()
                                       if "caregiver" in line]
    lacks = (f"{home / 'strings.fr.yaml'}: no wording for a handout given to a caregiver: "
             "at_a_glance_caregiver, ")
    # a clinic that gives no handout to a caregiver is not told of it at every check
    assert said[0] == []
    [listed] = said["--language"]
    assert listed.startswith(f"note: {lacks}") and "log_how_caregiver" in listed
    [warned] = said[str(program)]
    assert warned.startswith(f"warning: {program}:") and lacks in warned


def test_a_clinic_s_own_plain_words_win_over_the_package_s_caregiver_words(clinic):
    clinic.configure()
    (clinic.root / "strings.en.yaml").write_text(
        'exercises_heading: "Your home plan"\n'
        'log_how_caregiver: "When {{ name }} finishes an exercise, check a box."\n',
        encoding="utf-8")
    ws = clinic.ws()
    data = {"patient": {"name": "Mia Lopez", "caregiver": "Ana Lopez"}, "date": "2026-11-23",
            "exercises": ["bridge"]}
    text = flat(api.build_handout(api.program_from_data(data, ws, source="test"), ws).pdf)
    # its own heading, not the package's "Mia's exercises" it did not write a variant of
    assert "Your home plan" in text and text.count("Mia's exercises") == 1  # the time's
    assert "Doing all of Mia's exercises once" in text
    assert "When Mia Lopez finishes an exercise, check a box." in text
    warned = api.wording_warnings(ws)
    assert not [w for w in warned if "fills in" in w], warned  # {{ name }} is given
    line = api.caregiver_wording_lacks(ws, "en")
    assert "exercises_heading_caregiver" in line and "log_how_caregiver" not in line


def test_the_email_s_log_sentence_names_the_patient_as_the_handout_does(clinic):
    # the email's sentence was given the whole name alone, as typed: "each time Lopez, Mia
    # does an exercise"; and a clinic's own, told by check it may use {{ first_name }} and
    # {{ name }} as every caregiver's words may, printed them empty
    made = built(clinic, patient={"name": "Lopez, Mia", "caregiver": "Ana Lopez",
                                  "caregiver_email": "parent@example.com"})
    message = mail.compose(made.handout, made.pdf, made.filename,
                           sender=mail.sender(clinic.ws().clinic))
    for kind in ("plain", "html"):
        body = " ".join(message.get_body((kind,)).get_content().split())
        assert "a log to check off each time Mia does an exercise." in body
    (clinic.root / "strings.en.yaml").write_text(
        'email_log_caregiver: "Check a box each time {{ first_name }} ({{ name }}) exercises."\n',
        encoding="utf-8")
    ws = clinic.ws()
    assert not [w for w in api.wording_warnings(ws) if "fills in" in w]
    made = api.build_handout(api.program_from_data({
        "patient": {"name": "Lopez, Mia", "caregiver": "Ana Lopez",
                    "caregiver_email": "parent@example.com"},
        "date": "2026-11-23", "exercises": ["bridge"]}, ws, source="test"), ws)
    message = mail.compose(made.handout, made.pdf, made.filename, sender=mail.sender(ws.clinic))
    plain = " ".join(message.get_body(("plain",)).get_content().split())
    assert "Check a box each time Mia (Lopez, Mia) exercises." in plain


# doses whose package words said "your": by feel, with no frequency, after the other
# exercises, when needed (a pediatric clinic's "until mild fatigue" told a parent to go on
# until the parent's own muscles were tired)
DOSES = [{"id": "bridge", "dose": {"reps": "until mild fatigue", "frequency": None}},
         {"id": "child_pose", "dose": {"reps": "10-15 until mild fatigue",
                                       "frequency": "after exercise"}},
         {"id": "knee_to_chest", "dose": {"frequency": "as needed"}}]


@pytest.mark.parametrize("language, said, not_said", [
    ("en", ("repeat until Mia's muscles feel a little tired", "As Mia's therapist advised",
            "Repeat 10–15 times, or until Mia's muscles feel a little tired",
            "After Mia's other exercises", "When Mia needs it"),
     ("your muscles", "your therapist", "your other", "When you need")),
    ("es", ("hasta que Mia sienta los músculos un poco cansados",
            "Como le indicó el terapeuta de Mia", "Después de los otros ejercicios de Mia"),
     ("hasta que sienta", "su terapeuta", "sus otros")),
])
def test_a_caregiver_s_dose_names_the_patient_where_it_said_your(clinic, language, said,
                                                                 not_said):
    made = built(clinic, language=language, exercises=DOSES,
                 patient={"name": "Mia Lopez", "caregiver": "Ana Lopez",
                          "caregiver_email": "parent@example.com"})
    text = flat(made.pdf)
    message = mail.compose(made.handout, made.pdf, made.filename,
                           sender=mail.sender(clinic.ws().clinic))
    body = " ".join(message.get_body(("plain",)).get_content().split())
    for words in said:
        assert words in text, words
    assert said[0] in body  # the email's glance, as page 1
    for words in not_said:
        assert words not in text and words not in body, words
    # the patient's own handout says "your", as before
    own = flat(built(clinic, None, language=language, exercises=DOSES).pdf)
    assert all(words in own for words in not_said[:2])


_KIM_MIN = "\u1100\u1175\u11b7 \u1106\u1175\u11ab"  # 김 민: its Hangul letters decomposed


@pytest.mark.parametrize("name, first", [
    ("Mia Lopez", "Mia"), ("Lopez, Mia", "Mia"), ("Mia", "Mia"), (" Zoë Ødegård ", "Zoë"),
    ("김민준", "김민준"), (_KIM_MIN, _KIM_MIN), ("山田 花子", "山田 花子"),
    ("やまだ はなこ", "やまだ はなこ")])
def test_a_caregivers_handout_calls_the_patient_by_the_first_name_or_the_whole_one(name, first):
    """The first word, the part after a comma; the whole name where it is written family
    name first (Hangul, its letters decomposed too, kana, Han), whose pattern is compiled
    at the first such name."""
    assert api.caregiver_first_name(name) == first
