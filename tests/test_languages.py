"""Every patient can read it: Spanish, bilingual, fallbacks, reading level, other scripts."""

import os
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

import handouts as api
from handouts.render import glyphs
from handouts.words import text
from handouts.cli import main

from conftest import EXAMPLES, fonts_in, page_texts

ROOT = Path(__file__).resolve().parent.parent


def english_only_wording() -> list[str]:
    """Fixed English wording that a Spanish handout must not contain."""
    en, es = text.strings("en"), text.strings("es")
    skip = {"language_name", "months", "date_long", "pdf_title", "footer_page",
            "session_minutes", "safety_call", "footer_id"}
    return [v for k, v in en.items() if k not in skip and isinstance(v, str) and v != es.get(k)
            and "{" not in v]


def test_spanish_program_has_no_english_wording(ws):
    program = api.load_program(EXAMPLES / "jane-doe.yaml", ws).model_copy(
        update={"language": ("es",)})
    built = api.build_handout(program, ws)
    assert built.warnings == ()
    pages = page_texts(built.pdf)
    whole = "\n".join(pages)
    for wording in english_only_wording():
        assert wording not in whole, wording
    for english in ("Hold ", "Repeat ", "seconds", "Page 1 of", "times a day", "Once a day"):
        assert english not in whole, english
    # the clinic's own wording comes in Spanish too, from clinic.yaml
    flat = " ".join(whole.split())
    for field in ("tagline", "disclaimer"):
        english_text, spanish_text = (" ".join(getattr(ws.clinic, field)[lang].split())
                                      for lang in ("en", "es"))
        assert spanish_text in flat and english_text not in flat
    flowing = " ".join(whole.split())  # a phrase may wrap in the dose box's narrow column
    assert "Mantenga la posición 5–10 segundos" in flowing
    assert "Primero el lado que duele" in flowing
    assert "Página 1 de" in pages[0] and "23 de noviembre de 2026" in pages[0]
    for exercise in ws.library.exercises[:3]:
        assert exercise.title not in whole or exercise.title == ws.translations["es"].exercises[
            exercise.id].title


def test_bilingual_handout_prints_both(ws):
    program = api.program_from_options(ws, patient="Rosa Díaz", exercises=["child_pose"],
                                       education=["posture"], language=["es", "en"])
    built = api.build_handout(program, ws)
    whole = "\n".join(page_texts(built.pdf))
    assert "Tenga cuidado" in whole and "Be careful" in whole
    assert "Repita" in whole and "Repeat" in whole
    assert ws.library.exercise("child_pose").steps[0] in whole
    assert ws.translations["es"].exercises["child_pose"].steps[0] in whole


@pytest.fixture
def partial_library(tmp_path):
    """The real library with a Spanish file that lacks one exercise and one topic."""
    shutil.copy(ROOT / "exercises.yaml", tmp_path / "exercises.yaml")
    shutil.copytree(ROOT / "images", tmp_path / "images")
    spanish = yaml.safe_load((ROOT / "exercises.es.yaml").read_text(encoding="utf-8"))
    del spanish["exercises"]["child_pose"]
    del spanish["education"]["posture"]["summary"]
    (tmp_path / "exercises.es.yaml").write_text(yaml.safe_dump(spanish, allow_unicode=True),
                                                encoding="utf-8")
    return tmp_path


def test_missing_translation_falls_back_and_warns(partial_library):
    ws = api.open_workspace(partial_library / "exercises.yaml")
    program = api.program_from_options(ws, patient="Rosa Díaz", exercises=["child_pose"],
                                       education=["posture"], language="es")
    built = api.build_handout(program, ws)
    # one line per entry, naming every field that prints in English
    assert ("exercises[child_pose]: no español title, caption, purpose, steps, tips, cautions; "
            "printed in English") in built.warnings
    assert "education[posture]: no español summary; printed in English" in built.warnings
    whole = "\n".join(page_texts(built.pdf))
    assert ws.library.exercise("child_pose").title in whole
    assert "Pasos" in whole


def test_untranslated_exercise_without_tips_prints_in_english(partial_library):
    library = yaml.safe_load((partial_library / "exercises.yaml").read_text(encoding="utf-8"))
    child_pose = next(e for e in library["exercises"] if e["id"] == "child_pose")
    child_pose.pop("tips", None)  # an empty list: nothing to translate, nothing to warn about
    (partial_library / "exercises.yaml").write_text(yaml.safe_dump(library, allow_unicode=True),
                                                   encoding="utf-8")
    ws = api.open_workspace(partial_library / "exercises.yaml")
    program = api.program_from_options(ws, patient="Rosa Díaz", exercises=["child_pose"],
                                       language=["es", "en"])
    built = api.build_handout(program, ws)
    assert ws.library.exercise("child_pose").steps[0] in "\n".join(page_texts(built.pdf))
    assert not any("child_pose].tips" in w for w in built.warnings)


def test_check_language_lists_untranslated(partial_library):
    result = CliRunner().invoke(main, ["check", "--library",
                                       str(partial_library / "exercises.yaml"),
                                       "--language", "es"])
    assert result.exit_code == 0, result.output
    # one line an entry, as a build says it, each text at its line
    lines = [l for l in result.stderr.splitlines() if l.startswith("untranslated:")]
    assert any("exercises[child_pose]: no español title (:" in l for l in lines)
    assert any("education[posture]: no español " in l and " summary (:" in l for l in lines)
    assert not any("exercises[si_joint_correction]" in l for l in lines)
    texts = sum(l.count(" (:") for l in lines)
    assert f"{texts} untranslated texts for es." in result.stderr


def test_a_library_named_with_brackets_or_no_suffix_finds_its_translation(tmp_path):
    # its name is a glob pattern unless escaped, and a name without ".yaml" has one suffix
    # fewer than the code's position assumed: neither may drop the Spanish or raise
    for library, translation in [("lib [v2].yaml", "lib [v2].es.yaml"), ("lib", "lib.es")]:
        folder = tmp_path / library.replace(" ", "_")
        folder.mkdir()
        shutil.copy(ROOT / "exercises.yaml", folder / library)
        shutil.copy(ROOT / "exercises.es.yaml", folder / translation)
        ws = api.open_workspace(folder / library, ROOT / "clinic.yaml")
        assert sorted(ws.translations) == ["es"], library


def test_a_folder_given_as_the_library_is_one_clear_problem(tmp_path):
    # "lib.es" beside it was once read as its translation, and its name had no suffix to read
    (tmp_path / "lib").mkdir()
    (tmp_path / "lib.es").mkdir()
    with pytest.raises(api.HandoutError) as caught:
        api.open_workspace(tmp_path / "lib", ROOT / "clinic.yaml")
    assert [p.message for p in caught.value.problems] == ["is a folder, not a YAML file"]


def test_shipped_library_is_fully_translated_and_plain():
    result = CliRunner().invoke(main, ["check", "--language", "es"])
    assert result.exit_code == 0, result.output
    assert "warning: plain language" not in result.stderr
    assert "0 untranslated texts for es." in result.stderr


def test_dublins_spanish_is_complete_and_its_whole_library_prints_in_spanish():
    # 27 of its texts (4 exercises, 2 topics) had no Spanish: check listed each, and a
    # Spanish handout printed them in English, one warning each
    dublin = EXAMPLES / "dublin-shoulder"
    result = CliRunner().invoke(main, ["--home", str(dublin), "check", "--language", "es"])
    assert result.exit_code == 0, result.output
    assert "untranslated:" not in result.stderr
    assert "0 untranslated texts for es." in result.stderr
    ws = api.open_workspace(home=dublin)
    program = api.program_from_options(
        ws, patient="Pat Example", exercises=[e.id for e in ws.library.exercises],
        education=[t.id for t in ws.library.education], language=["es"])
    built = api.build_handout(program, ws)
    assert built.warnings == ()
    whole = " ".join(" ".join(page_texts(built.pdf)).split())
    for english in [e.title for e in ws.library.exercises + ws.library.education] + [
            "Sit at a table.", "Your sling", "3 s up, 3 s down", "the height of your head"]:
        assert english not in whole, english
    for spanish in ("Juntar los omóplatos", "Estiramiento acostado de lado", "Dormir bien",
                    "Ritmo: 3 s para subir, 3 s para bajar", "Su cabestrillo"):
        assert spanish in whole, spanish


def test_reading_grade_check_flags_hard_text(tmp_path):
    library = yaml.safe_load((ROOT / "exercises.yaml").read_text(encoding="utf-8"))
    library["exercises"][0]["purpose"] = (
        "Facilitates lumbopelvic neuromuscular reeducation, attenuating nociceptive "
        "sensitization consequent to segmental hypermobility and compensatory "
        "paravertebral hypertonicity throughout prolonged postural maintenance in everyday "
        "adult life.")  # one sentence of 23 words
    (tmp_path / "exercises.yaml").write_text(yaml.safe_dump(library), encoding="utf-8")
    shutil.copytree(ROOT / "images", tmp_path / "images")
    result = CliRunner().invoke(main, ["check", "--library", str(tmp_path / "exercises.yaml")])
    first = library["exercises"][0]["id"]
    warnings = [l for l in result.stderr.splitlines() if f"exercises[{first}]" in l]
    assert any("reads at grade" in l and "aim: 6 or below" in l for l in warnings)
    assert any("a sentence of 23 words" in l for l in warnings)
    assert any('uses "hypermobility" without explaining it' in l for l in warnings)
    assert result.exit_code == 0  # warnings, not errors


NAMES = {"Vietnamese": "Nguyễn Thị Minh Khai", "Bosnian": "Šemsa Čaušević-Đurić",
         "Greek": "Αλέξανδρος Παπαδόπουλος", "Chinese": "王小明"}


@pytest.mark.parametrize("script", NAMES)
def test_names_in_other_scripts_print(ws, script):
    name = NAMES[script]
    if script == "Chinese" and "CJK" not in glyphs.fallbacks():
        if os.environ.get("CI") == "true":
            pytest.fail("CI must have a CJK font (fonts-wqy-zenhei)")
        pytest.skip("no CJK font installed (Debian: fonts-wqy-zenhei)")
    program = api.program_from_options(ws, patient=name, exercises=["child_pose"],
                                       note=f"Hola {name}")
    built = api.build_handout(program, ws)
    assert built.warnings == ()
    pages = page_texts(built.pdf)
    assert all(name in page for page in pages)  # the footer of every page names them
    assert all(fonts_in(built.pdf).values())


def test_a_character_no_font_has_is_left_out_with_a_warning(ws):
    program = api.program_from_options(ws, patient="Jo \U0001F600 Smith",
                                       exercises=["child_pose"])
    built = api.build_handout(program, ws)
    assert any("no installed font can draw \U0001F600" in w for w in built.warnings)
    first = page_texts(built.pdf)[0]
    assert "Jo" in first and "Smith" in first and "\U0001F600" not in first


def test_clinic_wording_without_spanish_falls_back_with_a_warning(tmp_path):
    clinic = yaml.safe_load((ROOT / "clinic.yaml").read_text(encoding="utf-8"))
    clinic["disclaimer"] = "Call us if anything feels wrong."  # one text: English
    # a picture stays in the folder of the file that names it
    (tmp_path / "images").mkdir()
    shutil.copy(ROOT / clinic["logo"], tmp_path / clinic["logo"])
    (tmp_path / "clinic.yaml").write_text(yaml.safe_dump(clinic), encoding="utf-8")
    ws = api.open_workspace(clinic=tmp_path / "clinic.yaml")
    program = api.program_from_options(ws, patient="Rosa Díaz", exercises=["child_pose"],
                                       language="es")
    built = api.build_handout(program, ws)
    assert "Call us if anything feels wrong." in " ".join(page_texts(built.pdf))
    assert any("clinic.yaml disclaimer" in w and "English" in w for w in built.warnings)


def test_clinic_wording_per_language_needs_english(tmp_path):
    clinic = yaml.safe_load((ROOT / "clinic.yaml").read_text(encoding="utf-8"))
    clinic["tagline"] = {"es": "Alivio del dolor"}
    (tmp_path / "clinic.yaml").write_text(yaml.safe_dump(clinic), encoding="utf-8")
    with pytest.raises(api.HandoutError) as caught:
        api.open_workspace(clinic=tmp_path / "clinic.yaml")
    assert "tagline" in str(caught.value) and '"en:"' in str(caught.value)


def test_bilingual_page_one_reads_line_by_line(ws):
    program = api.load_program(EXAMPLES / "rosa-diaz-bilingual.yaml", ws)
    built = api.build_handout(program, ws)
    assert built.warnings == ()
    first, second = (" ".join(t.split()) for t in page_texts(built.pdf)[:2])
    assert "Para / For: Rosa Díaz" in first
    assert "Fecha / Date: 23 de noviembre de 2026 / November 23, 2026" in first
    assert "Terapeuta / Therapist: Dave Candy, PT, DPT" in first
    assert "Próxima cita / Next appointment: ____" in first
    # the safety box keeps page 1; the summary, in two languages, goes on to page 2. Its
    # dose: all of it in Spanish, then all of it in English
    assert "Llame al 911 de inmediato" in first and "Call 911 right away" in first
    assert "Hold 20 seconds · Repeat 3 times" in first + second
    assert "Mantenga la posición 20 segundos · Repita 3 veces" in first + second


def parsed_email(ws, program):
    from email import policy
    from email.headerregistry import Address
    from email.parser import BytesParser

    from handouts.mail import message as mail

    built = api.build_handout(program, ws)
    message = mail.compose(built.handout, built.pdf, built.filename,
                           sender=Address("Clinic", "desk", "example.com"))
    return BytesParser(policy=policy.default).parsebytes(message.as_bytes())


def test_spanish_email_has_no_english_wording(ws):
    program = api.load_program(EXAMPLES / "jane-doe.yaml", ws).model_copy(
        update={"language": ("es",)})
    message = parsed_email(ws, program)
    plain = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert message["Subject"].startswith("Su programa de ejercicios en casa")
    assert message["Content-Language"] == "es"
    for body in (plain, html):
        assert "Hola, Jane Doe" in body
        assert "Mantenga la posición 5–10 segundos" in body
        assert "Llámenos" in body
        for english in ("Hello", "Your program", "Questions?", "Hold ", "seconds", "Handout "):
            assert english not in body, english
    assert '<html lang="es" dir="ltr">' in html


def test_bilingual_email_says_it_all_in_both(ws):
    message = parsed_email(ws, api.load_program(EXAMPLES / "rosa-diaz-bilingual.yaml", ws))
    plain = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert message["Subject"] == ("Su programa de ejercicios en casa de More 4 Life Physical "
                                  "Therapy / Your home exercise program from More 4 Life "
                                  "Physical Therapy")
    assert message["Content-Language"] == "es, en"
    for body in (plain, html):
        spanish, english = body.index("Hola"), body.index("Hello")
        assert spanish < english
        assert "Mantenga la posición 20 segundos · Repita 3 veces" in body[:english]
        assert "Hold 20 seconds · Repeat 3 times" in body[english:]
    assert html.count("<html") == 1 and '<div lang="en"' in html and '<div lang="es"' in html


def _protocol_lines(library: Path) -> list[str]:
    result = CliRunner().invoke(main, ["check", "--library", str(library / "exercises.yaml"),
                                       "--clinic", str(library / "clinic.yaml"),
                                       "--language", "es", "--each"])
    assert result.exit_code == 0, result.output
    return [line.split(": ", 2)[2] for line in result.stderr.splitlines()
            if line.startswith("untranslated:") and "protocols[" in line]


def test_every_words_a_protocol_prints_are_called_untranslated_where_they_are(tmp_path):
    """Dublin's Spanish translates its protocol's title, what it is for and its education
    heading (what it is for printed in English on a Spanish handout); a translation that
    leaves out the heading is told so by ``check``, as for the title and what it is for (the
    heading printed in English with no word)."""
    assert _protocol_lines(EXAMPLES / "dublin-shoulder") == []
    folder = tmp_path / "dublin"
    shutil.copytree(EXAMPLES / "dublin-shoulder", folder)
    spanish = folder / "exercises.es.yaml"
    spanish.write_text("\n".join(line for line in spanish.read_text("utf-8").splitlines()
                                 if "Aprenda sobre su hombro" not in line) + "\n", "utf-8")
    assert _protocol_lines(folder) == [
        "protocols[after_shoulder_surgery].education_heading: not translated; English is "
        "printed"]


def test_check_language_names_an_entrys_texts_in_the_order_of_their_lines(tmp_path):
    """A topic's summary (its line before the body's) was named after the body, where the
    build's warning names title, summary, body."""
    (tmp_path / "exercises.yaml").write_text(
        "exercises:\n- id: chin_tuck\n  title: Chin tucks\n  position: sitting\n"
        "  areas: [neck]\n  kind: posture\n  purpose: Eases your neck.\n"
        "  steps: [Slide your chin back.]\n"
        "education:\n- id: when_to_call\n  title: When to call us\n"
        "  body: [{bullets: [You feel dizzy.]}]\n"
        "- id: desk\n  title: Your desk\n  summary: Move often.\n  body: [Get up.]\n",
        encoding="utf-8")
    (tmp_path / "exercises.es.yaml").write_text(
        "language: es\nexercises:\n  chin_tuck: {title: Mentón}\n", encoding="utf-8")
    (tmp_path / "clinic.yaml").write_text('name: Harbourfront Physio\nphone: "416-555-0142"\n',
                                          encoding="utf-8")
    result = CliRunner().invoke(main, ["--home", str(tmp_path), "check", "--language", "es"])
    assert result.exit_code == 0, result.output
    assert ("exercises.yaml:13: education[desk]: no español title (:14), summary (:15), "
            "body (:16); printed in English") in result.stderr
