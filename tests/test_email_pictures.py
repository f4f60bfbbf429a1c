"""The email that carries a handout says its cards have pictures only where they have:
a library of words alone got "It shows each exercise step by step, with a picture". Sent
to a real SMTP server on loopback (aiosmtpd), both bodies read back. Made-up patients."""

from __future__ import annotations

import re

import pytest

from test_email import clinic, servers  # noqa: F401 (fixtures)

SAID = {"en": "It shows each exercise step by step, with a picture.",
        "es": "explica cada ejercicio paso a paso, con un dibujo y un registro para marcar."}
WITHOUT = {"en": "It shows each exercise step by step.",
           "es": "explica cada ejercicio paso a paso, con un registro para marcar."}


def bodies(clinic, servers, language: str, pictures: bool) -> list[str]:
    if not pictures:  # the library's words alone: no card has a picture
        library = clinic.root / "exercises.yaml"
        text = library.read_text(encoding="utf-8")
        library.write_text(re.sub(r"(?m)^  image: .*\n", "", text), encoding="utf-8")
    server = servers()
    clinic.configure({"port": server.port})
    program = clinic.program("Ada Example", "ada@example.com", language=language)
    result = clinic.run("email", str(program))
    assert result.exit_code == 0, result.output
    [message] = server.mailbox.parsed()
    return [" ".join(message.get_body((kind,)).get_content().split())
            for kind in ("plain", "html")]


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_email_says_with_a_picture_only_where_the_cards_have_pictures(clinic, servers,
                                                                          language):
    for body in bodies(clinic, servers, language, pictures=True):
        assert SAID[language] in body
    for body in bodies(clinic, servers, language, pictures=False):
        assert WITHOUT[language] in body
        assert "picture" not in body and "dibujo" not in body
