"""The web app and an earlier message for the same patient (README: *Email*, *An address that
looks mistyped*): what the Email button found of it is said in the staff's language, with no
folder of the outbox and no command to run (the command line's lines name both): replaced by
this one, waiting too, or held for an address that looks mistyped, named by what made it as
the clinic knows it. One held has two buttons under the line: "bo@gmial.com is right: send
it", which sends it once, as the held message's own button does, and "bo@gmial.com is wrong:
don't send it", which withdraws it as a message replaced is (replaced/, never sent, a
"withdrawn" line in the audit log). A message no longer held is said so and left alone. A
real SMTP server on loopback (aiosmtpd), the Flask test client and a real headless Chromium
with axe-core; made-up people."""

from __future__ import annotations

import re

from handouts.mail import typo_held

from test_email import servers, clinic  # noqa: F401 (fixtures)
from test_web import Browser, start_program, unescape
from test_web_browser import (axe_source, axe_violations, browser_page, chromium,  # noqa: F401
                              press, search)
from test_web_email_held import confirmed
from web_mail import desk, served, web_mail  # noqa: F401 (fixture)

HELD_EARLIER = ("Sent to bo@gmail.com. An earlier message for this patient from "
                "bo-example.yaml, to bo@gmial.com, is held: the address looks mistyped: did "
                "you mean bo@gmail.com?")


def text(page) -> str:
    return unescape(page.get_data(as_text=True))


def result(page) -> str:
    found = re.search(r'id="handout-result"[^>]*>(.*?)</p>', page.get_data(as_text=True), re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", "", found.group(1))).split())


def problems(page) -> str:
    block = page.get_data(as_text=True).partition('id="problems"')[2].partition("</ul>")[0]
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", block.partition("<ul>")[2])).split())


def buttons(page) -> list[tuple[str, str]]:
    """The earlier held message's buttons: (the value each posts, its words)."""
    return [(value, unescape(words)) for value, words in re.findall(
        r'<button type="submit" name="action" value="(email_(?:confirm|withdraw):[^"]+)" '
        r'class="earlier-(?:send|withdraw)">([^<]+)</button>', page.get_data(as_text=True))]


def no_server_words(clinic, page) -> None:
    """Nothing on the page a front desk cannot act on: no folder, no command line."""
    said = text(page)
    for word in ("pending/", "replaced/", str(clinic.outbox), "make_handouts.py", "--retry",
                 str(clinic.root)):
        assert word not in said, word


def program(b: Browser, *ids: str, name: str) -> dict:
    """A new program's form, begun afresh, with these exercises."""
    b.get("/")
    return start_program(b, *ids, name=name)


def held_from_a_file(clinic):
    """Bo's program file emailed from the command line to an address that looks mistyped:
    held in pending/. Returns its message's name there."""
    first = clinic.program("Bo Example", "bo@gmial.com")
    assert clinic.run("email", str(first)).exit_code == 1
    [held] = clinic.files("pending")
    return held.stem


def another_program_emailed(clinic):
    """At the desk, another program for Bo (the bridge alone), to the address put right:
    (the browser, the page its Email button answered with)."""
    b = desk(clinic)
    form = start_program(b, "bridge", name="Bo Example")
    return b, b.post("email", form | {"patient_email": "bo@gmail.com"})


def test_an_earlier_message_held_is_said_plainly_and_sent_as_typed_by_its_button(
        clinic, web_mail):
    server = web_mail()
    name = held_from_a_file(clinic)
    b, page = another_program_emailed(clinic)
    assert page.status_code == 200
    assert result(page) == HELD_EARLIER
    assert buttons(page) == [(f"email_confirm:{name}", "bo@gmial.com is right: send it"),
                             (f"email_withdraw:{name}", "bo@gmial.com is wrong: don't send it")]
    no_server_words(clinic, page)
    assert server.mailbox.recipients() == ["bo@gmail.com"]
    sent = b.post(f"email_confirm:{name}", b.form())
    assert sent.status_code == 200 and result(sent) == "Sent to bo@gmial.com"
    assert buttons(sent) == []
    assert server.mailbox.recipients() == ["bo@gmail.com", "bo@gmial.com"]
    # the audit log says it as `email --confirm` does: checked, right as typed; then sent
    [checked] = confirmed(clinic)
    assert checked["recipient"] == "bo@gmial.com" and checked["file"] == f"{name}.eml"
    assert clinic.files("pending") == []
    again = b.post(f"email_confirm:{name}", b.form())  # Back, and pressed again: not twice
    assert result(again).startswith("Already sent to bo@gmial.com")
    assert server.mailbox.recipients() == ["bo@gmail.com", "bo@gmial.com"]


def test_an_earlier_message_held_is_withdrawn_by_its_other_button(clinic, web_mail):
    server = web_mail()
    name = held_from_a_file(clinic)
    b, page = another_program_emailed(clinic)
    withdraw = f"email_withdraw:{name}"
    assert (withdraw, "bo@gmial.com is wrong: don't send it") in buttons(page)
    # a forged form, or a name that is no message's in the outbox: refused, nothing moved
    assert b.post(withdraw, b.form() | {"csrf_token": "forged"}).status_code == 400
    assert b.post("email_withdraw:../pending/x", b.form()).status_code == 400
    assert [p.stem for p in clinic.files("pending")] == [name]
    gone = b.post(withdraw, b.form())
    assert gone.status_code == 200 and result(gone) == (
        "Withdrawn: the message to bo@gmial.com will not be sent. To send that handout, put "
        "its address right and email it again.")
    no_server_words(clinic, gone)
    assert clinic.files("pending") == [] and [p.stem for p in clinic.files("replaced")] == [name]
    [line] = [e for e in clinic.audit() if e["result"] == "withdrawn"]
    assert line["reason"] == typo_held.WRONG and line["file"] == f"{name}.eml"
    assert line["recipient"] == "bo@gmial.com"
    # never sent: not by a retry, not by its send button pressed after (Back), nor withdrawn
    # twice
    assert clinic.run("email", "--retry").exit_code == 0
    late = b.post(f"email_confirm:{name}", b.form())
    assert late.status_code == 422 and problems(late).startswith(
        "That message is no longer held, so nothing was sent")
    twice = b.post(withdraw, b.form())
    assert twice.status_code == 422 and problems(twice) == (
        "That message is no longer held, so nothing was withdrawn: it was sent, withdrawn or "
        "checked meanwhile, or taken out of the outbox.")
    assert server.mailbox.recipients() == ["bo@gmail.com"]
    assert len([e for e in clinic.audit() if e["result"] == "withdrawn"]) == 1


def test_one_sent_meanwhile_is_not_withdrawn_and_said_so(clinic, web_mail):
    """The page still shows the buttons; meanwhile the command line said the address is right
    and sent it: too late to withdraw, and the page says so."""
    server = web_mail()
    name = held_from_a_file(clinic)
    b, page = another_program_emailed(clinic)
    assert clinic.run("email", "--confirm", name).exit_code == 0
    assert clinic.run("email", "--retry").exit_code == 0
    late = b.post(f"email_withdraw:{name}", b.form())
    assert late.status_code == 422 and problems(late) == (
        "Not withdrawn: the message to bo@gmial.com has already gone to the mail server.")
    assert server.mailbox.recipients() == ["bo@gmail.com", "bo@gmial.com"]
    assert not (clinic.outbox / "replaced").exists()


def test_a_spanish_desk_is_told_of_the_earlier_one_held_and_withdraws_it(clinic, web_mail):
    server = web_mail(locale="es-ES")
    name = held_from_a_file(clinic)
    b, page = another_program_emailed(clinic)
    assert result(page) == (
        "Enviado a bo@gmail.com. Un mensaje anterior para este paciente de bo-example.yaml, a "
        "bo@gmial.com, está retenido: la dirección parece mal escrita: ¿quiso decir "
        "bo@gmail.com?")
    assert buttons(page) == [(f"email_confirm:{name}", "bo@gmial.com está bien: enviar"),
                             (f"email_withdraw:{name}", "bo@gmial.com está mal: no enviar")]
    no_server_words(clinic, page)
    gone = b.post(f"email_withdraw:{name}", b.form())
    assert result(gone) == ("Retirado: el mensaje a bo@gmial.com no se enviará. Para enviar "
                            "esa hoja, corrija su dirección y envíela otra vez.")
    assert clinic.files("pending") == [] and server.mailbox.recipients() == ["bo@gmail.com"]


def test_an_earlier_message_replaced_or_waiting_is_said_in_the_staffs_language(
        clinic, web_mail):
    """Ada's bridge program emailed while the server is down waits in the outbox; her
    child's pose program held for an address that looks mistyped, then emailed with it put
    right, replaces the one held; her third program, to another address of hers: the bridge
    one waits too. Each said in the staff's words, where the command line's lines name the
    outbox's folders."""
    for locale, patient, replaced, waits in [
        ("en-US", "Ada Example",
         "Sent to ada@example.com. An earlier message to ada@exmaple.com for this patient was "
         "replaced by this one: it is not sent.",
         "Sent to ada@example.org. An earlier message for this patient from another of their "
         "programs, to ada@example.com, also waits to be sent."),
        ("es-ES", "Ada Ejemplo",
         "Enviado a ada@example.com. Un mensaje anterior a ada@exmaple.com para este paciente "
         "se reemplazó por este: no se envía.",
         "Enviado a ada@example.org. Un mensaje anterior para este paciente de otro de sus "
         "programas, a ada@example.com, también espera para enviarse."),
        ("fr-FR", "Ada Exemple",
         "Envoyé à ada@example.com. Un message précédent à ada@exmaple.com pour ce patient a "
         "été remplacé par celui-ci : il n’est pas envoyé.",
         "Envoyé à ada@example.org. Un message précédent pour ce patient d’un autre de ses "
         "programmes, à ada@example.com, attend aussi d’être envoyé.")]:
        server = web_mail(down=True, locale=locale)
        b = desk(clinic)
        bridge = program(b, "bridge", name=patient)
        assert b.post("email", bridge | {"patient_email": "ada@example.com"}).status_code == 422
        server.start()
        pose = program(b, "child_pose", name=patient)
        assert b.post("email", pose | {"patient_email": "ada@exmaple.com"}).status_code == 422
        page = b.post("email", pose | {"patient_email": "ada@example.com"})
        assert page.status_code == 200 and result(page) == replaced, result(page)
        no_server_words(clinic, page)
        both = program(b, "bridge", "child_pose", name=patient)
        page = b.post("email", both | {"patient_email": "ada@example.org"})
        assert page.status_code == 200 and result(page) == waits, result(page)
        assert buttons(page) == []
        no_server_words(clinic, page)


def test_the_earlier_held_messages_buttons_in_chromium(clinic, web_mail, chromium, axe_source,
                                                       tmp_path):
    """The line and its two buttons as a desk sees them, axe-core finding nothing on the
    page; "don't send it" pressed, the message is withdrawn and the page says so."""
    from playwright.sync_api import expect

    server = web_mail()
    name = held_from_a_file(clinic)
    with served(clinic) as base, browser_page(chromium) as page:
        errors = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(base + "/")
        page.fill("#patient_name", "Bo Example")
        search(page, "bridge")
        press(page, "#add-bridge")
        page.fill("#patient_email", "bo@gmail.com")
        press(page, "#email")
        expect(page.locator("#handout-result")).to_have_text(HELD_EARLIER)
        expect(page.locator(".earlier-send")).to_have_text("bo@gmial.com is right: send it")
        withdraw = page.locator(".earlier-withdraw")
        expect(withdraw).to_have_text("bo@gmial.com is wrong: don't send it")
        assert axe_violations(page, axe_source) == []
        page.locator("#handout").screenshot(path=str(tmp_path / "earlier-held.png"))
        press(page, ".earlier-withdraw")
        expect(page.locator("#handout-result")).to_have_text(
            "Withdrawn: the message to bo@gmial.com will not be sent. To send that handout, "
            "put its address right and email it again.")
        expect(page.locator(".earlier-withdraw")).to_have_count(0)
        assert axe_violations(page, axe_source) == []
        assert errors == []
    assert server.mailbox.recipients() == ["bo@gmail.com"]
    assert clinic.files("pending") == [] and [p.stem for p in clinic.files("replaced")] == [name]


def test_one_held_replaced_by_the_handout_sent_before_is_said_too(clinic, web_mail):
    """Sent to Bo; emailed again with a slip (held), then with the address as it was: the
    very handout is not sent twice, and the one held is withdrawn, which the page says (it
    said only "Already sent")."""
    server = web_mail()
    form = program(b := desk(clinic), "bridge", name="Bo Example")
    assert result(b.post("email", form | {"patient_email": "bo@gmail.com"})) == \
        "Sent to bo@gmail.com"
    assert b.post("email", form | {"patient_email": "bo@gmial.com"}).status_code == 422
    page = b.post("email", form | {"patient_email": "bo@gmail.com"})
    assert re.fullmatch(r"Already sent to bo@gmail\.com on .+: this very handout; it was not "
                        r"sent twice\. An earlier message to bo@gmial\.com for this patient "
                        r"was replaced by this one: it is not sent\.", result(page)), result(page)
    no_server_words(clinic, page)
    assert server.mailbox.recipients() == ["bo@gmail.com"] and clinic.files("pending") == []


def test_an_earlier_message_from_the_day_s_roster_is_named_by_its_row(clinic, web_mail):
    """Bo's row of the day's roster, emailed by `batch --email` to an address that looks
    mistyped, is held; the desk emails him another program. The page names the earlier one
    as the desk knows it: its row of the roster, not the file's line as an error names it
    ("from today.csv:2: row 1")."""
    web_mail()
    bo = clinic.program("Bo Example", None)
    roster = clinic.roster([("Bo Example", "bo@gmial.com", str(bo), "2026-11-23")])
    assert clinic.run("batch", str(roster), "--email").exit_code == 1
    _, page = another_program_emailed(clinic)
    assert page.status_code == 200
    assert result(page) == (
        "Sent to bo@gmail.com. An earlier message for this patient from row 1 of today.csv, "
        "to bo@gmial.com, is held: the address looks mistyped: did you mean bo@gmail.com?")
