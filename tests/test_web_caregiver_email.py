"""The web app and a caregiver's email (README: *Email*, *To a caregiver*): the *Patients*
pages say whom an email went to where that was a caregiver, by name as ``history`` does and
never by address; and the editor's Email button says it sends to the caregiver, as the
Caregiver box is typed in (a real headless Chromium) and without JavaScript. Real SMTP on
loopback, as in test_email.py; made-up people."""

from __future__ import annotations

import re

from handouts import record
from handouts.web import create_app

from test_caregiver_email import cli
from test_email import servers, clinic  # noqa: F401 (fixtures)
from test_web import start_program, unescape
from test_web_browser import browser_page, chromium  # noqa: F401 (fixture)
from web_mail import desk, served

DANA = {"name": "Dana Ortiz", "email": "dana@example.com", "caregiver": "Luis Ortiz",
        "caregiver_email": "luis@example.com"}


def given_lines(page: str) -> list[str]:
    """The *Given:* list's lines of a patient's page, as read."""
    block = page.partition('<ul class="given">')[2].partition("</ul>")[0]
    return [" ".join(unescape(re.sub(r"<[^>]+>", "", li)).split())
            for li in re.findall(r"<li>(.*?)</li>", block, re.S)]


def email_button(page: str) -> str:
    return unescape(re.search(r'id="email"[^>]*>([^<]*)</button>', page).group(1))


def test_the_patients_pages_name_the_caregiver_an_email_went_to(clinic, servers, database):
    server = servers()
    clinic.configure({"port": server.port})
    program = clinic.program("Dana Ortiz", None, patient=DANA)
    assert cli(clinic, "build", str(program), "-o", str(clinic.root / "d.pdf")).exit_code == 0
    assert clinic.run("email", str(program)).exit_code == 0
    [dana] = record.patients(clinic.ws(), "Dana Ortiz")
    [visit] = record.visits(clinic.ws(), dana)
    printed, emailed = visit.handouts
    web = create_app(clinic.ws(), programs_dir=clinic.root / "programs").test_client()
    page = web.get(f"/patients/{dana.id}").get_data(as_text=True)
    when = r"[A-Z][a-z]+ \d{1,2}, \d{4}, \d{1,2}:\d\d\s[AP]M"
    lines = given_lines(page)
    # as `history` says it: the caregiver by name; a handout printed goes to no one
    assert re.fullmatch(rf"Printed on {when}: handout {printed.handout_id}, to print again",
                        lines[0]), lines
    assert re.fullmatch(rf"Emailed to Luis Ortiz \(caregiver\) on {when}: handout "
                        rf"{emailed.handout_id}, to print again", lines[1]), lines
    # no page of the record's prints an address, the caregiver's nor the patient's
    assert "@example.com" not in page
    page = web.get(f"/patients/{dana.id}/handouts/{emailed.handout_id}").get_data(as_text=True)
    assert re.search(rf", emailed to Luis Ortiz \(caregiver\) on {when}(?: by [^<]+)?\.</p>",
                     page), page
    assert "@example.com" not in page
    # a clinic's own words for "emailed", written before they could name the caregiver
    (clinic.root / "staff_words.en.yaml").write_text('given_emailed: "sent{at} on {on}"\n',
                                                      encoding="utf-8")
    web = create_app(clinic.ws(), programs_dir=clinic.root / "programs").test_client()
    lines = given_lines(web.get(f"/patients/{dana.id}").get_data(as_text=True))
    assert re.fullmatch(rf"Sent on {when} to Luis Ortiz \(caregiver\): handout "
                        rf"{emailed.handout_id}, to print again", lines[1]), lines


def test_the_email_button_says_it_sends_to_the_caregiver(clinic):
    """Without JavaScript: the page the form's answer draws."""
    clinic.configure({"port": 25})
    b = desk(clinic)
    assert email_button(b.page.get_data(as_text=True)) == "Email to patient"
    form = start_program(b, "bridge", name="Dana Ortiz")
    page = b.post("refresh", form | {"patient_caregiver": "Luis Ortiz"}).get_data(as_text=True)
    assert email_button(page) == "Email to caregiver"
    page = b.post("refresh", b.form() | {"patient_caregiver": ""}).get_data(as_text=True)
    assert email_button(page) == "Email to patient"


def test_the_email_button_follows_the_caregiver_box_as_it_is_typed(clinic, chromium):
    from playwright.sync_api import expect

    clinic.configure({"port": 25})
    (clinic.root / "programs").mkdir()
    with served(clinic) as base, browser_page(chromium) as page:
        page.goto(base + "/")
        button = page.locator("#email")
        expect(button).to_have_text("Email to patient")
        page.fill("#patient_caregiver", "Luis Ortiz")
        expect(button).to_have_text("Email to caregiver")
        page.fill("#patient_caregiver", "  ")
        expect(button).to_have_text("Email to patient")
