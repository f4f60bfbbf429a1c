"""``{phone}`` is the clinic's phone, as page 1 prints it, wherever ``{emergency}`` works: a
library topic, a translation, clinic.yaml's tagline and disclaimer, a program's note and dose
words. A hand clinic's splint topic wanted "call us on {phone}"; only the emergency number
was put in, the topic printed the braces as typed, and `check` warned. Read back from the
PDF; made-up patients."""

from __future__ import annotations

from pathlib import Path

from conftest import page_texts
from test_emergency_everywhere import _check, _edit, run, uk  # noqa: F401  (fixture)


def _built(home: Path) -> str:
    out = home / "jane.pdf"
    built = run("--library", str(home / "exercises.yaml"), "--clinic", str(home / "clinic.yaml"),
                "build", str(home / "jane.yaml"), "-o", str(out))
    assert built.exit_code == 0, built.output
    return " ".join(" ".join(page.split()) for page in page_texts(out.read_bytes()))


def test_the_clinics_phone_prints_where_a_text_says_phone(uk):
    _edit(uk / "exercises.yaml", "    - Change positions often.",
          "    - Does sitting hurt? Call us on {phone}.")
    _edit(uk / "clinic.yaml", "call {emergency}.", "call {emergency}. Questions? {phone}.")
    _edit(uk / "jane.yaml", "Ring {emergency}.", "Ring {emergency}, or us on {phone}.")
    text = _built(uk)
    for said in ("Does sitting hurt? Call us on 314-941-3970.",  # a library topic
                 "call 999. Questions? 314-941-3970.",  # the disclaimer
                 "Ring 999, or us on 314-941-3970."):  # the program's note
        assert said in text, (said, text)
    assert "{phone}" not in text
    checked = _check(uk, "jane.yaml")
    assert checked.exit_code == 0, checked.output
    assert "prints as typed" not in checked.stderr and "{phone}" not in checked.stderr, \
        checked.stderr
    # a brace that is neither is still named, and is told both
    _edit(uk / "jane.yaml", "{phone}", "{Phone}")
    said = [line for line in _check(uk, "jane.yaml").stderr.splitlines()
            if "prints as typed" in line]
    assert said == [f'warning: {uk / "jane.yaml"}:14: note: "{{Phone}}" prints as typed; only '
                    "{emergency} (the clinic's emergency number) and {phone} (the clinic's "
                    "phone) are put in"]
