"""The web app and the clinic's record through Flask's test client: each download and
build recorded, a handout given made again for its patient only, the patient search."""

from __future__ import annotations

import datetime as dt
import re

import handouts as api
from handouts.web import create_app

from conftest import days_either_side, reader
from test_web import LIBRARY, Browser, build_pdf, start_program, unescape


def test_a_download_and_a_build_are_in_the_clinics_record(tmp_path, database):
    import hashlib
    import shutil

    shutil.copytree(LIBRARY, tmp_path / "clinic")
    ws = api.open_workspace(tmp_path / "clinic" / "exercises.yaml",
                            tmp_path / "clinic" / "clinic.yaml")
    app = create_app(ws, programs_dir=tmp_path / "programs")
    pages = []
    with days_either_side() as days:
        for action in ("download", "build"):
            b = Browser(app)
            b.get("/")
            pages.append(build_pdf(b, action))
    download, built = pages
    rows = database.rows(tmp_path / "clinic")
    assert [(r[0], r[1], r[6], r[8]) for r in rows] == [
        (reader(pdf.data).metadata["/Keywords"].removeprefix("handout:"), "Ada Example",
         channel, hashlib.sha256(pdf.data).hexdigest())
        for pdf, channel in ((download, "downloaded"), (built, "printed"))]
    assert {dt.date.fromisoformat(r[5]) for r in rows} <= days  # the day each was given
    if rows[0][5] == rows[1][5]:  # the same day (not across a midnight): the same handout
        assert rows[0][0] == rows[1][0]


def test_a_handout_given_is_made_again_for_its_patient_only(tmp_path, database):
    import shutil

    from handouts import record

    shutil.copytree(LIBRARY, tmp_path / "clinic")
    ws = api.open_workspace(tmp_path / "clinic" / "exercises.yaml",
                            tmp_path / "clinic" / "clinic.yaml")
    app = create_app(ws, programs_dir=tmp_path / "programs")
    b = Browser(app)
    b.get("/")
    download = build_pdf(b, "download")
    [ada] = record.patients(ws, "Ada Example")
    handout_id = reader(download.data).metadata["/Keywords"].removeprefix("handout:")
    page = b.get(f"/patients/{ada.id}")
    link = f"/patients/{ada.id}/handouts/{handout_id}"
    assert f'href="{link}"' in page.get_data(as_text=True)
    page = b.get(link)
    assert page.status_code == 200
    assert "the very same PDF, byte for byte" in page.get_data(as_text=True)
    again = b.get(f"{link}/handout.pdf")
    assert again.mimetype == "application/pdf" and again.data == download.data
    assert again.headers["Content-Disposition"].startswith('inline; filename="')
    # an id this patient was never given, or one that is no id: not found, nothing shown
    b.get("/")
    start_program(b, "bridge", name="Ben Example")
    b.post("download", b.form())
    [ben] = record.patients(ws, "Ben Example")
    for url in (f"/patients/{ben.id}/handouts/{handout_id}",
                f"/patients/{ben.id}/handouts/{handout_id}/handout.pdf",
                f"/patients/{ada.id}/handouts/ZZZZ-ZZZZ", f"/patients/999/handouts/{handout_id}"):
        assert b.get(url).status_code == 404, url
    # an id larger than any the record holds (SQLite's are 64 bits, PostgreSQL's 32)
    for pid in (2 ** 31, 2 ** 63, 10 ** 30):
        for url in (f"/patients/{pid}", f"/patients/{pid}/handouts/{handout_id}",
                    f"/patients/{pid}/handouts/{handout_id}/handout.pdf"):
            assert b.get(url).status_code == 404, url
        assert b.post("next", {}, url=f"/patients/{pid}/next").status_code == 404


def patients_search(tmp_path, names):
    """A web app over a copy of the library, each of ``names`` given a handout; what the
    Patients page lists for a search."""
    import shutil

    shutil.copytree(LIBRARY, tmp_path / "clinic")
    ws = api.open_workspace(tmp_path / "clinic" / "exercises.yaml",
                            tmp_path / "clinic" / "clinic.yaml")
    b = Browser(create_app(ws, programs_dir=tmp_path / "programs"))
    for name in names:
        b.get("/")
        b.post("download", start_program(b, "bridge", name=name))

    def found(query: str) -> list[str]:
        html = unescape(b.get("/patients", query_string={"q": query}).get_data(as_text=True))
        return re.findall(r'<a href="/patients/\d+">([^<]*)</a>', html)

    return found


def test_the_patient_search_ignores_accents_case_and_spacing(tmp_path, database):
    """As the record looks a name up ("rosa  diaz" finds Rosa Díaz), so does the list."""
    found = patients_search(tmp_path, ("José Núñez", "Ana Example"))
    for query in ("jose", "nunez", "JOSÉ  NÚÑEZ", "jose nun", "Núñez"):
        assert found(query) == ["José Núñez"], query
    assert found("") == ["Ana Example", "José Núñez"]
    assert found("josie") == []


def test_a_japanese_name_is_found_with_or_without_the_space_between_its_names(tmp_path,
                                                                              database):
    """The record kept "山田 花子"; the history and the Patients page found no one for
    "山田花子", as Japanese and Chinese names are often written (and "山田　花子", the full-width
    space). A name in Latin letters keeps its spaces: "anaexample" is no one's."""
    from click.testing import CliRunner

    from handouts.cli import main

    found = patients_search(tmp_path, ("山田 花子", "王 小明", "Ana Example"))
    for query in ("山田花子", "山田　花子", "山田 花子", "田花", "山田"):
        assert found(query) == ["山田 花子"], query
    assert found("王小明") == ["王 小明"]
    assert found("anaexample") == [] and found("山田太郎") == []
    for typed in ("山田花子", "山田　花子"):
        said = CliRunner().invoke(main, ["history", typed, "--library",
                                         str(tmp_path / "clinic" / "exercises.yaml"),
                                         "--clinic", str(tmp_path / "clinic" / "clinic.yaml")])
        assert said.exit_code == 0, said.output
        assert said.output.startswith("山田 花子"), said.output


def test_a_stage_that_changes_nothing_is_said_to_do_the_exercises_dose(tmp_path, database):
    """A first stage left empty (its boxes in grey: the exercise's dose) was told as
    "weeks 1-2: ;" on the patient's page and as a bare "weeks 1-2" under the next visit's
    table."""
    from handouts import record

    from test_web_weekly import recording_app

    ws, b = recording_app(tmp_path)
    form = start_program(b, "bridge", name="Ula Unchanged")
    for _ in range(2):
        b.post("stage_add:0", form)
        form = b.form()
    form.update({"ex-0-hold": "5 s", "ex-0-stage-1-hold": "10 s"})
    assert b.post("download", form).mimetype == "application/pdf"
    [ula] = record.patients(ws, "Ula Unchanged")
    history = unescape(b.get(f"/patients/{ula.id}").get_data(as_text=True))
    assert ("Bridge: hold 5 s, progression (weeks 1-2: the exercise's dose; weeks 3-4: "
            "hold 10 s)") in history
    b.post("next", {}, url=f"/patients/{ula.id}/next")
    page = unescape(b.page.get_data(as_text=True))
    assert ("Last visit: weeks 1-2: the exercise's dose; weeks 3-4: hold 10\u00a0s"
            in page)
