"""`new --locale` shows the starter clinic.yaml's address and time zone as a clinic of that
country writes them: a Brazilian clinic was shown "1 Main Street, Springfield" and
America/Los_Angeles. Made-up addresses only."""

from __future__ import annotations

import pytest

import handouts as api
from handouts.starter import NewClinic, clinic_text
from handouts.words.languages import EMERGENCY, PLACES


def test_a_brazilian_clinic_is_shown_a_brazilian_address_and_zone(tmp_path):
    text = clinic_text(NewClinic("Clínica Sol", "(11) 5555-0100", "A4", "pt-BR"))
    assert "# address: Rua das Flores, 100, São Paulo – SP\n" in text
    assert "# timezone: America/Sao_Paulo " in text
    assert "Springfield" not in text and "Los_Angeles" not in text


def test_a_country_with_no_example_is_shown_no_other_country_s():
    text = clinic_text(NewClinic("Clínica", "555-0100", "A4", "es-AR"))
    assert "Springfield" not in text and "Los_Angeles" not in text
    assert "# timezone: Region/City " in text


def test_the_us_way_stays_without_a_locale():
    text = clinic_text(NewClinic("Riverside PT", "555-0100"))
    assert "# address: 1 Main Street, Springfield\n" in text
    assert "# timezone: America/Los_Angeles " in text


def test_every_country_with_an_emergency_number_has_an_example():
    assert set(PLACES) == set(EMERGENCY) | {"US"}


@pytest.mark.parametrize("country", sorted(PLACES))
def test_each_example_read_as_the_clinic_file_reads_it(tmp_path, country):
    """Each, its # taken out, is what the clinic file takes: an address on one line and a
    time zone there is."""
    text = clinic_text(NewClinic("Clinic", "555-0100", "A4", f"en-{country}"))
    text = text.replace("# address: ", "address: ").replace("# timezone: ", "timezone: ")
    path = tmp_path / "clinic.yaml"
    path.write_text(text, encoding="utf-8")
    clinic = api.load_clinic(path)
    assert (clinic.address, str(clinic.timezone)) == PLACES[country]


@pytest.mark.parametrize("locale", ["en-GB", "en-IE"])
def test_a_british_or_irish_clinic_is_shown_its_own_words(tmp_path, locale):
    """Its examples were the US's: "Physical therapy for the whole family", "made this
    program"; its handouts say "programme", and its tagline, once the # is taken out, would
    have said the US's word on every page. The tagline's example names no profession at all
    now (see test_the_tagline_example_fits_any_clinic)."""
    from handouts.starter import make_clinic_folder

    make_clinic_folder(tmp_path, NewClinic("Hollis Hand Clinic", "020 7946 0000", "A4",
                                           locale))
    text = (tmp_path / "clinic.yaml").read_text(encoding="utf-8")
    assert "# tagline: Care close to home" in text
    assert "made this programme for you" in text
    # "unless a program says" is the staff's word for a program file, and stays
    assert "Physical therapy" not in text and "program for" not in text


@pytest.mark.parametrize("locale", [None, "en-US", "en-CA"])
def test_a_us_way_clinic_keeps_the_us_words(locale):
    text = clinic_text(NewClinic("Riverside PT", "555-0100", "Letter", locale))
    assert "# tagline: Care close to home" in text
    assert "made this program for you" in text


@pytest.mark.parametrize("locale", [None, "en-GB", "fr-FR"])
def test_the_tagline_example_fits_any_clinic(locale):
    # "Physical therapy for the whole family": an OT clinic (tests/clinics/ot) that took
    # the # out printed another profession under its name on every page
    text = clinic_text(NewClinic("Maple Street OT", "555-0142", "Letter", locale))
    [line] = [line for line in text.splitlines() if line.startswith("# tagline:")]
    said = line.split("#")[1].lower()
    assert not any(word in said for word in ("physi", "therap", "family"))
    assert "an example" in line
