"""The email says the one call to the emergency number the handout's safety box makes
("Call 911 right away if …"), in its own plain words: the email said only "Questions? Call
us", its warning signs in the PDF alone. The signs stay there (they can name a condition:
"chest pain"). Sent to the loopback server test_email.py starts, and read back."""

from __future__ import annotations

import pytest

from test_email import Clinic, clinic, servers  # noqa: F401  (fixtures)

CALL = "    - '**Call {emergency} right away if you have chest pain or trouble breathing.**'\n"


def with_emergency_line(clinic: Clinic) -> None:
    """The small library's safety box, its first line a call to the emergency number."""
    library = clinic.root / "exercises.yaml"
    said = library.read_text(encoding="utf-8")
    anchor = "  - bullets:\n    - The pain spreads down a leg.\n"
    assert anchor in said
    library.write_text(said.replace(anchor, "  - bullets:\n" + CALL + anchor.split("\n", 1)[1]),
                       encoding="utf-8")


def sent(clinic, servers, settings=None, **program) -> tuple[str, str]:
    server = servers()
    clinic.configure({"port": server.port}, **(settings or {}))
    result = clinic.run("email", str(clinic.program("Ada Example", "ada@example.com",
                                                    **program)))
    assert result.exit_code == 0, result.output
    [message] = server.mailbox.parsed()
    return tuple(" ".join(message.get_body((kind,)).get_content().split())
                 for kind in ("plain", "html"))


@pytest.mark.parametrize("locale, number", [(None, "911"), ("en-GB", "999"), ("en-IE", "112")])
def test_the_email_tells_the_number_to_call_in_an_emergency(clinic, servers, locale, number):
    with_emergency_line(clinic)
    plain, html = sent(clinic, servers, {"locale": locale} if locale else {})
    line = f"In an emergency, call {number}."
    assert line in plain and f"<strong>{line}</strong>" in html
    assert plain.index("Questions?") < plain.index(line)  # with the clinic's phone
    for body in (plain, html):
        assert "chest pain" not in body and "Stop and call" not in body


def test_a_spanish_email_says_it_in_spanish(clinic, servers):
    with_emergency_line(clinic)
    plain, html = sent(clinic, servers, language="es")
    for body in (plain, html):
        assert "Si tiene una emergencia, llame al 911." in body and "chest pain" not in body


def test_said_only_where_the_safety_box_names_the_number(clinic, servers):
    for body in sent(clinic, servers):  # the small library's box: "Stop and call us if"
        assert "emergency" not in body and "911" not in body
    with_emergency_line(clinic)
    for body in sent(clinic, servers):
        assert "In an emergency, call 911." in body


@pytest.mark.parametrize("locale, written, number", [
    (None, "9-1-1", "911"), (None, "9 1 1", "911"), (None, "9.1.1", "911"),
    ("en-GB", "9-9-9", "999"), ("en-IE", "1 1 2", "112")])
def test_the_number_written_apart_is_the_number(clinic, servers, locale, written, number):
    """A clinic that writes the number as US posters do ("Call 9-1-1") rather than with the
    token: the email said nothing of it."""
    with_emergency_line(clinic)
    library = clinic.root / "exercises.yaml"
    library.write_text(library.read_text(encoding="utf-8").replace("{emergency}", written),
                       encoding="utf-8")
    for body in sent(clinic, servers, {"locale": locale} if locale else {}):
        assert f"In an emergency, call {number}." in body

