"""Small things the staff tripped on in the web app, through Flask's test client: a picture
replaced while the app runs, the day's packets' warnings by row, tags sorted as a person
sorts them, a library written in French listed with French doses, and the patient history's
dates in the clinic's own style."""

from __future__ import annotations

import io
import os
import re
import shutil
from pathlib import Path

import pytest
from PIL import Image

import handouts as api
from handouts.web import create_app

from conftest import page_texts
from test_web import LIBRARY, Browser, unescape

FRENCH = Path(__file__).parent / "clinics" / "french"


def html(response) -> str:
    return unescape(response.get_data(as_text=True))


@pytest.fixture
def clinic(tmp_path) -> Path:
    """A copy of the web library, which the test may change while the app runs."""
    shutil.copytree(LIBRARY, tmp_path / "clinic")
    return tmp_path / "clinic"


def app_for(folder: Path, tmp_path: Path, **kw):
    ws = api.open_workspace(folder / "exercises.yaml", folder / "clinic.yaml")
    return create_app(ws, programs_dir=tmp_path / "programs", **kw)


# --- a picture replaced while the app runs --------------------------------------------------

def test_a_picture_replaced_while_the_app_runs_gets_a_new_thumbnail(clinic, tmp_path):
    """A clinic saves a new photo over images/bridge.png: the next page shows it, not the
    thumbnail made of the old one (the cache kept it by its path alone, until a restart),
    at a new address, so that the browser does not show its own copy of the old one."""
    photo = clinic / "images" / "bridge.png"
    Image.new("RGB", (800, 600), (200, 30, 30)).save(photo)
    lib = clinic / "exercises.yaml"
    lib.write_text(lib.read_text().replace("image: images/bridge.svg",
                                           "image: images/bridge.png"))
    b = Browser(app_for(clinic, tmp_path, record=lambda *a: ()))

    def shown() -> tuple[str, tuple[int, int, int]]:
        page = html(b.get("/"))
        url = re.search(r'<li class="card[^"]*" id="card-bridge".*?<img class="thumb" '
                        r'src="([^"]+)"', page, re.S).group(1)
        thumb = Image.open(io.BytesIO(b.client.get(url).data)).convert("RGB")
        return url, thumb.getpixel((thumb.width // 2, thumb.height // 2))

    before_url, before = shown()
    assert before[0] > 150 and before[2] < 80  # red
    Image.new("RGB", (800, 600), (30, 30, 200)).save(photo)  # the same size, another photo
    later = photo.stat().st_mtime_ns + 2_000_000_000
    os.utime(photo, ns=(later, later))
    after_url, after = shown()
    assert after[2] > 150 and after[0] < 80  # blue: the new photo
    assert after_url != before_url


# --- a library written in French ------------------------------------------------------------

@pytest.fixture
def french(tmp_path) -> Path:
    """A copy of the made-up clinic that writes its library in French (language: fr)."""
    shutil.copytree(FRENCH, tmp_path / "french")
    return tmp_path / "french"


def options(page: str, group: str) -> list[str]:
    """The tags of a filter menu (its label ``group``), "Any" aside."""
    found = re.search(rf'<label for="([a-z]+)">{group}</label>\s*<select[^>]*>(.*?)</select>',
                      page, re.S).group(2)
    return re.findall(r'<option value="[^"]+">([^<]*)</option>', found)


def test_tags_are_sorted_as_a_person_sorts_them(french, tmp_path):
    """Accented words were sorted after every plain one ("à genoux" after "debout",
    "étirement" after "renforcement"): accents and case aside, then as written."""
    lib = french / "exercises.yaml"
    lib.write_text(lib.read_text(encoding="utf-8").replace("kind: forme", "kind: étirement")
                   .replace("kind: force", "kind: renforcement"), encoding="utf-8")
    page = html(Browser(app_for(french, tmp_path, record=lambda *a: ())).get("/"))
    assert options(page, "Position") == ["à genoux", "allongé", "assis", "debout"]
    # the clinic is French (locale: fr-FR): so are the menus' names
    assert options(page, "Type") == ["détente", "étirement", "mobilité", "renforcement"]
    assert options(page, "Partie du corps") == ["corps entier", "dos", "genou", "respiration"]


def test_a_library_written_in_french_lists_its_doses_in_french(french, tmp_path):
    """The library list said "Repeat 10 times · 2 times a day" under "Extension du genou
    assis": the dose in the library's language, as the clinic's handouts phrase it."""
    page = html(Browser(app_for(french, tmp_path, record=lambda *a: ())).get("/"))
    doses = dict(re.findall(r'id="card-([a-z_]+)".*?<p class="dose-line">([^<]*)</p>', page,
                            re.S))
    assert doses == {
        "marche": "Faites-le pendant 10 minutes · Effort : facile, vous pouvez parler · "
                  "Une fois par jour",
        "genou_assis": "Répétez 10 fois · 2 fois par jour",
        "chat": "Répétez 5 fois · Une fois par jour",
        "respiration": "Respirez profondément 5 fois · 2 fois par jour"}
    # and the English library still in English
    page = html(Browser(app_for(LIBRARY, tmp_path, record=lambda *a: ())).get("/"))
    assert re.search(r'id="card-bridge".*?<p class="dose-line">2 sets of 8–12', page, re.S)


# --- the patient history's dates ------------------------------------------------------------

@pytest.mark.parametrize("locale, expected", [
    (None, "March 5, 2026"), ("en-IE", "5 March 2026"), ("fr-FR", "5 mars 2026")])
def test_the_patient_history_gives_dates_in_the_clinics_style(locale, expected, clinic, french,
                                                              tmp_path, database):
    """The history said "March 5, 2026" in every clinic, where the handouts of a clinic in
    Ireland print "5 March 2026" and one in France "5 mars 2026"."""
    from handouts import record

    folder = french if locale == "fr-FR" else clinic
    if locale == "en-IE":
        (folder / "clinic.yaml").write_text((folder / "clinic.yaml").read_text()
                                            + "locale: en-IE\n")
    programs = tmp_path / "programs"
    programs.mkdir()
    exercise = "marche" if folder == french else "bridge"
    (programs / "ada.yaml").write_text(f"patient: {{name: Ada Example}}\n"
                                       f"exercises: [{exercise}]\n")
    app = app_for(folder, tmp_path)
    b = Browser(app)
    b.get("/packets")
    page = b.client.post("/packets", data={
        "csrf_token": b.token,
        "roster": (io.BytesIO(b"name,program,date\nAda Example,ada.yaml,2026-03-05\n"),
                   "today.csv")},
        content_type="multipart/form-data", follow_redirects=True)
    # the French clinic's staff pages speak French, with its space before a colon
    french_page = folder == french
    assert ("1 dossier fait" if french_page else "Built 1 packet") in html(page)
    [ada] = record.patients(app.extensions["handouts"].ws, "Ada Example")
    page = html(b.get(f"/patients/{ada.id}"))
    assert (f"Visite 1\u00a0: {expected}" if french_page else f"Visit 1: {expected}") in page
    given = re.search(r'href="(/patients/\d+/handouts/[^"]+)"', page).group(1)
    assert (expected if french_page else f"visit 1 of {expected}, ") in html(b.get(given))
    # as the handout itself prints it
    assert expected in page_texts(b.client.get(f"{given}/handout.pdf").data)[0]
    page = html(b.post("next", {}, url=f"/patients/{ada.id}/next"))
    assert (f"À partir de la visite 1 du {expected}" if french_page
            else f"Started from visit 1 of {expected}: ") in page


# --- the day's packets: warnings by row -----------------------------------------------------

@pytest.fixture
def own_record(monkeypatch):
    """A record of the test's own (SQLite in the clinic's folder): the notices a packet's rows
    get are about the patients given handouts before, and earlier tests in this process
    gave some of the same made-up patients theirs (a line more, in a run's other order)."""
    from record_db import close_engines

    monkeypatch.delenv("HANDOUTS_DATABASE_URL")
    yield
    close_engines()


def test_the_days_packets_name_the_row_each_warning_is_about(clinic, tmp_path, own_record):
    """A packet's warnings were listed without the row they are about (which patient's
    packet prints in English?), and a row built with a note, or one that shares an earlier
    row's packet, was counted among those that "could not be built". As `batch` says them:
    each after its row, one that several rows give once, naming them."""
    b = Browser(app_for(clinic, tmp_path, record=lambda *a: ()))
    b.get("/packets")
    roster = ("name,program,language,dob\n"
              "Ada Example,low_back_start,en,\n"      # row 1
              "Bo Example,low_back_start,es,\n"       # row 2: no Spanish words
              "Cy Example,low_back_start,es,\n"       # row 3: nor here
              "Ada Example,low_back_start,en,\n"      # row 4: two patients of one name?
              "Di Example,no_such_protocol,,\n"       # row 5: cannot be built
              "Ed Example,low_back_start,,1970-01-01\n"
              "Ed Example,low_back_start,,1970-01-01\n")  # row 7: row 6 again
    page = html(b.client.post("/packets", data={
        "csrf_token": b.token, "roster": (io.BytesIO(roster.encode()), "monday.csv")},
        content_type="multipart/form-data", follow_redirects=True))
    assert re.search(r"Built 5 packets from monday\.csv, \d+ pages; 1 row could not be "
                     r"built; 1 row the same as an earlier one \(one packet for both\) "
                     r"\(below\)\.", page)
    # every row's line in row order, as the desk reads them beside the roster, the row that
    # could not be built among them, marked (the repeated row 7 was once said before rows 2-4)
    items = re.findall(r"<li( class=\"row-error\")?>(.*?)</li>", re.search(
        r'<div class="problems".*?</div>', page, re.S).group(0))
    lines = [re.sub(r"<[^>]+>", "", text) for _, text in items]
    spanish = [line for line in lines if "no español" in line]
    assert spanish and all(line.startswith("monday.csv:3: rows 2 and 3: ") for line in spanish)
    assert ("monday.csv:3: rows 2 and 3: exercises[child_pose]: no español title, caption, "
            "purpose, steps, tips; printed in English") in spanish
    assert lines[:len(spanish)] == spanish
    assert lines[-3].startswith("monday.csv:5: row 4: the same name and program as row 1 "
                                "(line 2), and no date of birth"), lines
    assert lines[-2] == ('Error: monday.csv:6: row 5: unknown protocol "no_such_protocol"; '
                         'known protocols: "low_back_start"; give a protocol id or a program '
                         "file (ending .yaml)")
    assert [bool(marked) for marked, _ in items].count(True) == 1 and items[-2][0]
    assert lines[-1] == ("monday.csv:8: row 7 is the same patient and program as row 6 "
                         "(line 7); one packet is made for both")
    assert len(lines) == len(spanish) + 3
    # the print file holds the five packets, in the roster's order
    link = re.search(r'href="(/packets/[^"]+/packets\.pdf)"', page).group(1)
    pages = page_texts(b.client.get(link).data)
    starts = [re.search(r"(?:For|Para): (\w+)", text) for text in pages]
    assert [found.group(1) for found in starts if found] == ["Ada", "Bo", "Cy", "Ada", "Ed"]


# --- the banner about library files saved with a problem ------------------------------------

def test_every_live_check_brings_the_banner_about_the_library_as_saved(clinic, tmp_path):
    """The preview, the search and a dose box's check each look at the library files again
    (before any request): each answer brings the banner as it now is, for the page to show
    without a button pressed (app.js: followLibrary; the browser test holds that)."""
    b = Browser(app_for(clinic, tmp_path, record=lambda *a: ()))
    b.get("/")
    form = {**b.form(), "patient_name": "Lia Live", "ex-0-id": "bridge",
            "csrf_token": b.token}

    def answers() -> list[str]:
        return [b.client.get("/search", query_string={"q": "bridge"}).json["library"],
                b.client.get("/check", query_string={"field": "reps", "value": "4"}
                             ).json["library"],
                b.client.post("/preview", data=form).json["library"]]

    assert all('id="stale-library"' in said and "problem" not in said for said in answers())
    lib = clinic / "exercises.yaml"
    good = lib.read_text()
    lib.write_text(good.replace("reps: 8-12", "reps: 8-x"))
    for said in answers():
        said = unescape(said)
        assert "The library files as saved have 1 problem" in said
        assert 'exercises[bridge].dose.reps: "8-x"' in said
    lib.write_text(good)
    assert all("problem" not in said for said in answers())
