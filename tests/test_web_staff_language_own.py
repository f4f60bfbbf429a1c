"""A clinic's own staff words: ``staff_words.<lang>.yaml`` in its folder, key by key over
the package's (a Quebec clinic's "Trousses du jour"), a language the package has no staff
words in (Portuguese) with English for a key it lacks, taken as saved while the app runs; a
value the page cannot show is left for the package's; and `check` names each problem in one
line, an unknown key with the nearest known one."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

from click.testing import CliRunner

import handouts as api
from handouts.cli import main
from handouts.web import create_app

from test_web import LIBRARY, Browser
from test_web_staff_language import html

QUEBEC = 'days_packets: "Trousses du jour"\n'
PORTUGUESE = """\
# as palavras das páginas da equipe
new_program: "Novo programa"
new_home_program: "Novo programa para casa"
sign_out: "Sair"
"""


def clinic(tmp_path: Path, lines: str, **files: str) -> Path:
    home = tmp_path / "library"
    shutil.copytree(LIBRARY, home)
    with (home / "clinic.yaml").open("a", encoding="utf-8") as f:
        f.write(lines)
    for name, text in files.items():
        (home / name).write_text(text, encoding="utf-8")
    return home


def browser(home: Path) -> Browser:
    ws = api.open_workspace(home / "exercises.yaml", home / "clinic.yaml")
    return Browser(create_app(ws, programs_dir=home.parent / "programs", record=lambda *a: (),
                              password="correct horse"))


def test_a_quebec_clinic_names_its_days_packets_in_its_own_words(tmp_path):
    b = browser(clinic(tmp_path, "locale: fr-CA\n", **{"staff_words.fr.yaml": QUEBEC}))
    b.get("/", follow_redirects=True)  # sign-in first
    b.post("", {"password": "correct horse"}, url="/login")
    page = html(b.get("/"))
    assert '<html lang="fr-CA">' in page
    assert ">Trousses du jour</a>" in page and "Dossiers du jour" not in page
    assert ">Nouveau programme à la maison</h1>" in page  # the package's French, elsewhere


def test_a_portuguese_clinics_staff_pages_are_in_its_own_words_english_where_it_has_none(
        tmp_path):
    home = clinic(tmp_path, "locale: pt-BR\n", **{"staff_words.pt.yaml": PORTUGUESE})
    b = browser(home)
    b.get("/", follow_redirects=True)  # sign-in first
    b.post("", {"password": "correct horse"}, url="/login")
    page = html(b.get("/"))
    assert '<html lang="pt-BR">' in page
    assert ">Novo programa para casa</h1>" in page and ">Sair</button>" in page
    assert ">Build PDF to print</button>" in page  # a key it has not: English
    # a word changed while the app runs is on the next page (the file's time moves on)
    own = home / "staff_words.pt.yaml"
    own.write_text(PORTUGUESE.replace('"Sair"', '"Sair agora"'), encoding="utf-8")
    later = own.stat().st_mtime + 5
    os.utime(own, (later, later))
    assert ">Sair agora</button>" in html(b.get("/"))


def test_a_value_the_page_cannot_show_leaves_the_packages_words(tmp_path):
    """A {name} the page does not fill in would fail every page it is on; markup the
    package's text has not would run in it."""
    bad = ('saved_at: "enregistré {quand}"\n'
           'none_saved_html: "<script>alert(1)</script> {save}"\n' + QUEBEC)
    b = browser(clinic(tmp_path, "locale: fr-CA\n", **{"staff_words.fr.yaml": bad}))
    b.get("/", follow_redirects=True)  # sign-in first
    b.post("", {"password": "correct horse"}, url="/login")
    page = b.get("/programs")
    assert page.status_code == 200
    assert "<script>alert" not in html(page) and ">Trousses du jour</a>" in html(page)
    assert "Aucun programme enregistré pour l’instant." in html(page)


def test_check_names_a_staff_words_key_it_does_not_know_and_the_nearest_it_knows(tmp_path):
    own = "# nos mots\n" + QUEBEC + 'trousses_du_jour: "Trousses du jour"\nsign_in: 3\n'
    home = clinic(tmp_path, "locale: fr-CA\n", **{"staff_words.fr.yaml": own})
    result = CliRunner().invoke(main, ["--home", str(home), "check"], catch_exceptions=False)
    assert result.exit_code == 1
    path = home / "staff_words.fr.yaml"
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert errors == [
        f'error: {path}:3: trousses_du_jour: unknown staff words key "trousses_du_jour"; did '
        'you mean "days_packets"?',
        f'error: {path}:4: sign_in: must be text; put it in quotes ("...") if it reads as a '
        "number or yes/no"]
    assert not re.search("Traceback", result.stderr)


def test_date_letters_and_months_of_other_than_their_words_leave_the_package_s(tmp_path):
    """The page reads the date's letters as three words and the months as twelve: a French
    desk's "AAAA-MM-JJ" stopped every page (Words could not be made), and eleven months the
    history page of a December visit; check says so in one line each."""
    own = 'date_letters: "AAAA-MM-JJ"\nmonths: "janv. févr. mars"\n' + QUEBEC
    home = clinic(tmp_path, "locale: fr-CA\n", **{"staff_words.fr.yaml": own})
    b = browser(home)
    b.get("/", follow_redirects=True)  # sign-in first
    b.post("", {"password": "correct horse"}, url="/login")
    page = b.get("/")
    assert page.status_code == 200 and ">Trousses du jour</a>" in html(page)
    result = CliRunner().invoke(main, ["--home", str(home), "check"], catch_exceptions=False)
    path = home / "staff_words.fr.yaml"
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert errors == [
        f'error: {path}:1: date_letters: must be 3 words with a space between each, as '
        '"YYYY MM DD" is; it has 1',
        f'error: {path}:2: months: must be 12 words with a space between each, as "January '
        'February March April May June July August September October November December" is; '
        'it has 3']
