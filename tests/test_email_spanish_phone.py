"""A Spanish handout's email says its phone line as the wording does (``safety_call``), as
the English ones do: the Spanish templates had "Llámenos al" typed in, so a clinic's own
strings.es.yaml that words it its way ("Llámanos al", a clinic that says "tú") changed its
handouts but not its email. Sent to the loopback server test_email.py starts, read back."""

from __future__ import annotations

from test_email import Clinic, clinic, servers  # noqa: F401  (fixtures)


def bodies(clinic, server, name: str) -> tuple[str, str]:  # noqa: F811
    """The plain and HTML bodies of the email to ``name`` (another each time: a handout
    is sent once)."""
    result = clinic.run("email", str(clinic.program(name, "lucia@example.com")))
    assert result.exit_code == 0, result.output
    [message] = [m for m in server.mailbox.parsed() if name in m["To"]]
    return tuple(" ".join(message.get_body((kind,)).get_content().split())
                 for kind in ("plain", "html"))


def test_a_spanish_clinics_email_calls_as_its_wording_says(clinic, servers):  # noqa: F811
    server = servers()
    clinic.configure({"port": server.port}, locale="es-ES", language="es",
                     phone="960 000 000")
    plain, html = bodies(clinic, server, "Lucía Prueba")  # the package's wording: as it was
    assert "¿Preguntas? Llámenos al 960 000 000." in plain
    assert ('¿Preguntas? Llámenos al <a href="tel:960000000"' in html
            and "<strong>960 000 000</strong></a>." in html)
    (clinic.root / "strings.es.yaml").write_text(
        'safety_call: "Llámanos al {{ phone }}, de lunes a viernes."\n', encoding="utf-8")
    plain, html = bodies(clinic, server, "Marta Prueba")
    assert "¿Preguntas? Llámanos al 960 000 000, de lunes a viernes." in plain
    assert ('¿Preguntas? Llámanos al <a href="tel:960000000"' in html
            and "<strong>960 000 000</strong></a>, de lunes a viernes." in html)
    assert "Llámenos" not in plain + html
