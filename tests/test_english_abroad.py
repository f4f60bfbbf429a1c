"""Which English a clinic prints where its locale is in another language. A clinic with
`locale: fr-FR` or `es-ES` printing a handout in English used to get the US way
("December 4, 2026", "program"): only an English locale chose the British wording. The
country decides now: outside the US way (US, Canada, the Philippines, the US territories),
English is written the British way, en-GB's. Read back from the PDFs, and from the email."""

from __future__ import annotations

import re
import shutil
from email.headerregistry import Address
from pathlib import Path

import pytest

import handouts as api

from conftest import ROOT, page_texts

FRENCH = Path(__file__).resolve().parent / "clinics" / "french"
BRITISH = ("Home exercise programme", "4 December 2026", "Your programme at a glance")
US = ("Home exercise program", "December 4, 2026", "Your program at a glance")


def flat(data: bytes) -> str:
    return " ".join(" ".join(page_texts(data)).split())


def shipped_clinic(tmp_path: Path, locale: str) -> api.Workspace:
    """The shipped library and clinic, copied, the clinic with ``locale``."""
    shutil.copytree(ROOT / "images", tmp_path / "images")
    shutil.copy(ROOT / "exercises.yaml", tmp_path / "exercises.yaml")
    clinic = (ROOT / "clinic.yaml").read_text(encoding="utf-8")
    (tmp_path / "clinic.yaml").write_text(f"{clinic}\nlocale: {locale}\n", encoding="utf-8")
    return api.open_workspace(tmp_path / "exercises.yaml", tmp_path / "clinic.yaml")


def english_handout(ws: api.Workspace, **more) -> api.Built:
    data = {"patient": {"name": "Jo Smith", "email": "jo@example.com"}, "date": "2026-12-04",
            "exercises": ["child_pose"], "language": "en", **more}
    return api.build_handout(api.program_from_data(data, ws, source="test"), ws)


@pytest.mark.parametrize("locale, way", [
    ("fr-FR", BRITISH), ("es-ES", BRITISH), ("de-DE", BRITISH), ("ga-IE", BRITISH),
    ("es-MX", BRITISH), ("en-GB", BRITISH), ("en-AU", BRITISH),
    # the US way: its countries, whatever the language; and no country at all, as no locale
    ("es-US", US), ("fr-CA", US), ("es-PR", US), ("en-US", US), ("fr", US)])
def test_the_clinic_s_country_decides_how_its_english_reads(tmp_path, locale, way):
    text = flat(english_handout(shipped_clinic(tmp_path, locale)).pdf)
    for said in way:  # each as whole words: "program" is in "programme"
        assert re.search(rf"\b{said}\b", text), (locale, said)
    for said in US if way is BRITISH else BRITISH:
        assert not re.search(rf"\b{said}\b", text), (locale, said)


def test_a_french_clinic_s_bilingual_handout_writes_its_english_as_europe_does(tmp_path):
    home = tmp_path / "kine"
    shutil.copytree(FRENCH, home)
    ws = api.open_workspace(home=home)
    built = english_handout(ws, exercises=["chat"], language=["fr", "en"])
    text = flat(built.pdf)
    assert "Date : 4 décembre 2026 / 4 December 2026" in text
    assert "Programme d'exercices à domicile Home exercise programme" in text
    assert "Your programme at a glance" in text
    assert "December 4" not in text and not re.search(r"\bprogram\b", text)
    # the email in English from the same clinic says it the same way
    from handouts.mail.message import compose

    english = english_handout(ws, exercises=["chat"])
    message = compose(english.handout, english.pdf, english.filename,
                      sender=Address("Kiné Rivière", addr_spec="bonjour@kine.example"))
    assert message["Subject"] == "Your home exercise programme from Kiné Rivière"
    assert "4 December 2026" in message.get_body(("plain",)).get_content()
