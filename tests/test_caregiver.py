"""A handout for a child or an adult someone cares for, given to a caregiver (README: *The
program file*, *Front desk: batches*, *Email*): page 1 names the caregiver beside the
patient, the email greets the caregiver and says whose program it is, a roster's caregiver
column and the web form give one, and the log's pain row can be left out (a 3-year-old
cannot rate pain 0-10). PDFs parsed with pypdf; email on a loopback SMTP server; made-up
people."""

from __future__ import annotations

import re

import pytest
import yaml
from click.testing import CliRunner

import handouts as api
from handouts.cli import main
from handouts.mail import message as mail

from conftest import page_texts, reader
from test_email import clinic, servers  # noqa: F401 (fixtures)
from test_web import start_program
from test_web_log_weeks import built_pages
from test_web_weekly import browser, recording_app, ws  # noqa: F401 (fixtures)


@pytest.fixture
def local_record(monkeypatch):
    # the clinic's record in the test's own folder, beside its clinic.yaml
    monkeypatch.delenv("HANDOUTS_DATABASE_URL", raising=False)


def one_line(text: str) -> str:
    return " ".join(text.split())


def built(clinic, name="Kit Example", email="parent@example.com", **fields):
    ws = clinic.ws()
    program = api.load_program(clinic.program(name, email, **fields), ws)
    return api.build_handout(program, ws)


# --- page 1 --------------------------------------------------------------------------------

def test_page_1_names_the_caregiver_beside_the_patient_whose_program_it_stays(clinic):
    clinic.configure()
    made = built(clinic, patient={"name": "Kit Example", "caregiver": "Ana Example",
                                  "caregiver_email": "parent@example.com"}, next_visit="2026-12-01")
    first = one_line(page_texts(made.pdf)[0])
    assert "For: Kit Example · Caregiver: Ana Example" in first
    assert "Next appointment: December 1, 2026" in first  # on a line of its own now
    # the file and each page's foot are the patient's
    assert made.filename == "2026-11-23_kit-example.pdf"
    # the title names no one (a browser tab shows it): not the caregiver, not the patient
    assert reader(made.pdf).metadata["/Title"] == "Home exercise program"
    # and a handout without one says nothing of a caregiver
    assert "Caregiver" not in one_line(page_texts(built(clinic).pdf)[0])


@pytest.mark.parametrize("layout", ["standard", "large_print"])
def test_the_caregiver_s_name_is_never_broken_across_lines(clinic, layout):
    """A line too long for the page breaks before the caregiver, as before the therapist,
    not inside the name ("Carer: Maria João" / "Vasconcelos" in large print). Patients'
    names of every length put the break at every place along the caregiver's."""
    clinic.configure()
    carer = "Maria João Vasconcelos"
    for extra in range(0, 24, 2):
        name = "Kit " + "Example" + "s" * extra
        made = built(clinic, name=name, layout=layout,
                     patient={"name": name, "caregiver": carer})
        lines = [line.strip() for line in page_texts(made.pdf)[0].splitlines()]
        parts = [line for line in lines if "Maria" in line or "Vasconcelos" in line]
        assert parts and all(carer in line for line in parts), (extra, parts)


def test_a_bilingual_handout_labels_the_caregiver_in_both_languages(clinic):
    clinic.configure()
    made = built(clinic, patient={"name": "Kit Example", "caregiver": "Ana Example"},
                 language=["es", "en"])
    assert "Para / For: Kit Example · Cuidador(a) / Caregiver: Ana Example" in one_line(
        page_texts(made.pdf)[0])


def test_the_caregiver_gives_the_handout_another_id(clinic):
    clinic.configure()
    plain = built(clinic)
    given = built(clinic, patient={"name": "Kit Example", "caregiver": "Ana Example",
                                   "caregiver_email": "parent@example.com"})
    assert given.handout.handout_id != plain.handout.handout_id  # it prints: another handout


# --- the email -----------------------------------------------------------------------------

def test_the_email_greets_the_caregiver_and_says_whose_program_it_is(clinic, servers,
                                                                     local_record):
    server = servers()
    clinic.configure({"port": server.port})
    program = clinic.program("Kit Example", None, patient={
        "name": "Kit Example", "caregiver": "Ana Example", "caregiver_email": "parent@example.com"},
        note="Kit has juvenile arthritis.")
    result = clinic.run("email", str(program))
    assert result.exit_code == 0, result.output
    [message] = server.mailbox.parsed()
    assert message["To"] == "Ana Example <parent@example.com>"
    # no "Your" program: it is Kit's; and no patient's name where a locked phone shows it
    assert message["Subject"] == "A home exercise program from Test Street Physio"
    plain = one_line(message.get_body(("plain",)).get_content())
    html = one_line(message.get_body(("html",)).get_content())
    for body in (plain, html):
        assert "Hello Ana Example," in body and "Hello Kit" not in body
        assert ("Here is the home exercise program for Kit Example from Test Street Physio. "
                "Dave Candy, PT, DPT made it on November 23, 2026.") in body
        assert "each time Kit does an exercise" in body  # as its log names Kit
        assert "This email is for Ana Example. If it reached you by mistake" in body
        assert "made it for you" not in body and "arthritis" not in body


@pytest.mark.parametrize("language, greeting, whose, closing", [
    ("es", "Hola, Ana Example:", "Aquí tiene el programa de ejercicios en casa para Kit "
     "Example, de Test Street Physio", "Este correo es para Ana Example."),
    ("en", "Hello Ana Example,", "Here is the home exercise program for Kit Example",
     "This email is for Ana Example."),
])
def test_every_language_of_the_email_speaks_to_the_caregiver(clinic, language, greeting,
                                                             whose, closing):
    clinic.configure()
    ws = clinic.ws()
    made = built(clinic, patient={"name": "Kit Example", "caregiver": "Ana Example",
                                  "caregiver_email": "parent@example.com"}, language=[language])
    message = mail.compose(made.handout, made.pdf, made.filename,
                           sender=mail.sender(ws.clinic))
    for body in (message.get_body(("plain",)).get_content(),
                 message.get_body(("html",)).get_content()):
        body = one_line(body)
        assert greeting in body and whose in body and closing in body
        assert "Kit Example:" not in body and "Hello Kit" not in body
    if language == "es":
        assert message["Subject"] == "Un programa de ejercicios en casa de Test Street Physio"
    # the patient's own email is as it was
    own = built(clinic, name="Ada Example", email="ada@example.com", language=[language])
    plain = mail.compose(own.handout, own.pdf, own.filename, sender=mail.sender(ws.clinic)
                         ).get_body(("plain",)).get_content()
    assert plain.startswith("Hello Ada Example,\n\nHere is your home exercise program"
                            if language == "en" else "Hola, Ada Example:\n\nAquí tiene su ")


# --- the log's pain row --------------------------------------------------------------------

PAIN = ("Pain (0–10)", "how bad your pain was")


def said_of_pain(pdf: bytes) -> list[str]:
    text = one_line("\n".join(page_texts(pdf)))
    return [words for words in PAIN if words in text]


def test_a_program_leaves_the_log_s_pain_row_out_and_the_default_keeps_it(clinic):
    clinic.configure()
    assert said_of_pain(built(clinic).pdf) == list(PAIN)
    for weeks in (1, 3):  # one week's table, and a table a week
        made = built(clinic, log_pain=False, log_weeks=weeks)
        assert said_of_pain(made.pdf) == []
        text = one_line("\n".join(page_texts(made.pdf)))
        assert "Each time you finish an exercise, put a check in one box for that day." in text


def test_a_clinic_leaves_it_out_and_a_program_can_keep_it(clinic):
    clinic.configure(log_pain=False)
    assert said_of_pain(built(clinic).pdf) == []
    assert said_of_pain(built(clinic, log_pain=True).pdf) == list(PAIN)


# --- a roster, the command line, the web form ----------------------------------------------

def run(clinic, *args):
    return CliRunner().invoke(main, [*args, "--library", str(clinic.root / "exercises.yaml"),
                                     "--clinic", str(clinic.root / "clinic.yaml")],
                              catch_exceptions=False)


def test_a_roster_s_caregiver_column_names_each_row_s_caregiver(clinic, tmp_path,
                                                                local_record):
    clinic.configure()
    roster = clinic.roster([
        ("Kit Example", "Ana Example", "parent@example.com", "low_back_start", "2026-11-23"),
        ("Ada Example", "", "ada@example.com", "low_back_start", "2026-11-23"),
    ], header=("Patient Name", "Parent/Guardian", "Email", "Program", "Date"))
    result = run(clinic, "batch", str(roster), "--out-dir", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    kit, ada = (one_line(page_texts((tmp_path / "out" / f"2026-11-23_{n}.pdf").read_bytes())[0])
                for n in ("kit-example", "ada-example"))
    assert "For: Kit Example · Caregiver: Ana Example" in kit
    assert "For: Ada Example" in ada and "Caregiver" not in ada


def test_a_roster_s_pain_row_column_leaves_each_row_s_pain_row_out_or_keeps_it(
        clinic, tmp_path, local_record):
    # a program and the clinic could say log_pain, a roster could not: a pediatric clinic's
    # day of children among adults printed each child's log with a row to rate pain 0-10
    clinic.configure()
    roster = clinic.roster([
        ("Kit Example", "no", "low_back_start", "2026-11-23"),
        ("Ada Example", "", "low_back_start", "2026-11-23"),
        ("Bo Example", "Yes", "low_back_start", "2026-11-23"),
        ("Cy Example", "maybe", "low_back_start", "2026-11-23"),
    ], header=("Patient Name", "Pain row", "Program", "Date"))
    result = run(clinic, "batch", str(roster), "--out-dir", str(tmp_path / "out"))
    assert result.exit_code == 1
    [told] = [line for line in result.output.splitlines() if "Cy Example" in line
              or "row 4" in line]
    assert told.endswith('row 4: "Pain row": "maybe" is not yes or no; write "no" for a log '
                         'with no pain row, "yes" for one with it, or leave the cell blank '
                         "for the clinic's"), told
    kit, ada, bo = ((tmp_path / "out" / f"2026-11-23_{n}-example.pdf").read_bytes()
                    for n in ("kit", "ada", "bo"))
    assert said_of_pain(kit) == [] and said_of_pain(ada) == said_of_pain(bo) == list(PAIN)
    assert not (tmp_path / "out" / "2026-11-23_cy-example.pdf").exists()
    # headed in Spanish, answered in Spanish
    roster = clinic.roster([("Kit Example", "No", "low_back_start", "2026-11-23"),
                            ("Ada Example", "Sí", "low_back_start", "2026-11-23")],
                           header=("Nombre", "Fila de dolor", "Programa", "Fecha"))
    result = run(clinic, "batch", str(roster), "--out-dir", str(tmp_path / "es"))
    assert result.exit_code == 0, result.output
    kit, ada = ((tmp_path / "es" / f"2026-11-23_{n}-example.pdf").read_bytes()
                for n in ("kit", "ada"))
    assert said_of_pain(kit) == [] and said_of_pain(ada) == list(PAIN)


def test_build_takes_a_caregiver_on_the_command_line(clinic, tmp_path, local_record):
    clinic.configure()
    out = tmp_path / "kit.pdf"
    result = run(clinic, "build", "--patient", "Kit Example", "--caregiver", "Ana Example",
                        "--exercise", "bridge", "--date", "2026-11-23", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "For: Kit Example · Caregiver: Ana Example" in one_line(
        page_texts(out.read_bytes())[0])


def test_the_web_form_gives_a_caregiver_and_leaves_the_pain_row_out(browser):
    form = start_program(browser, "bridge", name="Kit Example")
    pages = built_pages(browser, form | {"patient_caregiver": "Ana Example",
                                         "log_pain": "no"})
    text = one_line("\n".join(pages))
    assert "For: Kit Example · Caregiver: Ana Example" in one_line(pages[0])
    assert not any(words in text for words in PAIN)
    again = browser.form()  # the page the build answered with keeps both
    assert (again["patient_caregiver"], again["log_pain"]) == ("Ana Example", "no")


def test_a_program_file_with_both_keeps_them_when_opened_and_saved(browser, tmp_path):
    folder = tmp_path / "programs"
    folder.mkdir()
    path = folder / "kit-example.yaml"
    path.write_text("patient: {name: Kit Example, caregiver: Ana Example}\n"
                    "log_pain: false\nexercises: [bridge]\n", encoding="utf-8")
    browser.get("/programs/kit-example", follow_redirects=True)
    assert browser.post("save", browser.form()).status_code == 200
    saved = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert saved["patient"]["caregiver"] == "Ana Example" and saved["log_pain"] is False


def test_the_record_keeps_the_caregiver_with_the_program_and_a_reprint_names_them(
        tmp_path, database):
    from handouts import record

    ws, b = recording_app(tmp_path)
    form = start_program(b, "bridge", name="Kit Example")
    download = b.post("download", form | {"patient_caregiver": "Ana Example"})
    assert download.mimetype == "application/pdf"
    [kit] = record.patients(ws, "Kit Example")
    [visit] = record.visits(ws, kit)
    assert yaml.safe_load(visit.yaml)["patient"]["caregiver"] == "Ana Example"
    again = record.reprint(ws, reader(download.data).metadata["/Keywords"].removeprefix(
        "handout:"))
    assert again.identical is True
    assert re.search(r"Caregiver: Ana Example", one_line(page_texts(again.built.pdf)[0]))
