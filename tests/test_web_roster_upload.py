"""The day's packets from an uploaded roster: a roster of very many bad rows lists the first
few hundred and counts the rest (87,000 made a 10 MB page), and the upload is read from
memory, never copied into programs/ with its patients' names (a server stopped while it
read one left the copy there). Made-up patients."""

from __future__ import annotations

import io
import re
from html import unescape

import handouts as api
from handouts.web import create_app, packets
from test_web import LIBRARY, Browser, page_texts


def front_desk(tmp_path) -> Browser:
    ws = api.open_workspace(LIBRARY / "exercises.yaml", LIBRARY / "clinic.yaml")
    b = Browser(create_app(ws, programs_dir=tmp_path / "programs", record=lambda *a: ()))
    b.get("/packets")
    return b


def upload(b: Browser, roster: str, name: str = "monday.csv"):
    page = b.client.post("/packets", data={
        "csrf_token": b.token, "roster": (io.BytesIO(roster.encode()), name)},
        content_type="multipart/form-data", follow_redirects=True)
    return page, unescape(page.get_data(as_text=True))


def problems(html: str) -> list[str]:
    box = re.search(r'<div class="problems" id="problems".*?<ul>(.*?)</ul>', html, re.S)
    return [unescape(re.sub(r"</?strong>", "", li))
            for li in re.findall(r"<li[^>]*>(.*?)</li>", box.group(1), re.S)]


def test_a_roster_of_very_many_bad_rows_lists_the_first_few_hundred(tmp_path):
    b = front_desk(tmp_path)
    # 87,000 made a 10 MB page; 5,000 listed whole would be over 200 KB too, and the count
    # is not the point (87,000 took eight seconds to read)
    bad = 5_000
    roster = "name,program\n" + "x\n" * bad
    page, html = upload(b, roster)
    assert page.status_code == 422 and len(page.data) < 200_000
    lines = problems(html)
    assert len(lines) == packets.SHOWN + 1
    assert lines[0] == ('monday.csv:2: row 1: has 1 fields but the header has 2; look for a '
                        'stray "," or an unclosed quote')
    assert lines[-2].startswith(f"monday.csv:{packets.SHOWN + 1}: row {packets.SHOWN}: ")
    assert lines[-1] == (f"and {bad - packets.SHOWN:,} more rows with problems, not listed "
                         "here: fix these in monday.csv and upload it again to see the rest "
                         f"(make_handouts.py --home {LIBRARY} batch monday.csv lists every one "
                         "as it builds "
                         "the others)")

    # with good rows among them: the packets are built, the problems listed the same way
    page, html = upload(b, "name,program\nAda Example,low_back_start\n" + roster[13:])
    assert page.status_code == 200 and "Built 1 packet from monday.csv" in html
    assert f"{bad:,} rows could not be built" in html.replace(f"{bad}", f"{bad:,}")
    lines = problems(html)
    # among the notes, one list cut as one, each marked as the row's error
    assert len(lines) == packets.SHOWN + 1 and lines[-1].startswith(
        f"and {bad - packets.SHOWN:,} more lines about rows, not listed here")
    assert lines[0].startswith("Error: monday.csv:3: row 2: has 1 fields")
    link = re.search(r'href="(/packets/[^"]+/packets\.pdf)"', html).group(1)
    pages = page_texts(b.client.get(link).data)
    assert "Ada Example" in pages[0]


def test_a_few_bad_rows_are_all_listed(tmp_path):
    b = front_desk(tmp_path)
    roster = "name,program\n" + "".join(f"Bad{i} Example,no_such_protocol\n"
                                        for i in range(packets.SHOWN))
    page, html = upload(b, roster)
    assert page.status_code == 422 and len(problems(html)) == packets.SHOWN
    assert "more rows with problems" not in html


def test_an_uploaded_roster_is_never_copied_into_the_programs_folder(tmp_path, monkeypatch):
    """Read from memory, as if it were in programs/: a row still names a saved program by
    its name, and nothing of the roster is written there, even while it is read."""
    import yaml

    programs = tmp_path / "programs"
    programs.mkdir()
    (programs / "bo-example.yaml").write_text(yaml.safe_dump(
        {"patient": {"name": "Bo Example"}, "exercises": ["chin_tuck"]}))
    seen = []
    load = api.load_roster

    def spy(*args, **kwargs):  # what programs/ holds while the roster is read
        seen.append(sorted(p.name for p in programs.iterdir()))
        return load(*args, **kwargs)

    monkeypatch.setattr(api, "load_roster", spy)
    b = front_desk(tmp_path)
    for name, roster in (("monday.csv", "name,program\nAda Example,low_back_start\n"
                                        "Bo Example,bo-example\n"),
                         ("monday.yaml", yaml.safe_dump([
                             {"patient": {"name": "Cy Example"}, "protocol": "low_back_start"}
                         ]))):
        page, html = upload(b, roster, name)
        assert page.status_code == 200, html
        link = re.search(r'href="(/packets/[^"]+/packets\.pdf)"', html).group(1)
        text = "".join(page_texts(b.client.get(link).data))
        assert ("Ada Example" in text and "Bo Example" in text) if name.endswith("csv") \
            else "Cy Example" in text
    assert seen == [["bo-example.yaml"]] * 2
    assert sorted(p.name for p in programs.iterdir()) == ["bo-example.yaml"]


def test_copies_of_uploads_an_older_version_left_in_programs_are_deleted_as_it_starts(
        tmp_path):
    # as tempfile named them (.roster-, eight of a-z 0-9 _, the suffix): a server stopped
    # while it read an upload left one behind, with the day's patient names in it
    programs = tmp_path / "programs"
    programs.mkdir()
    left = [programs / ".roster-k3x_9qaz.csv", programs / ".roster-0abcdefg.yaml"]
    for path in left:
        path.write_text("name,program\nAda Example,low_back_start\n")
    # a clinic's own files, however like them, stay
    kept = [programs / "ada-example.yaml", programs / ".roster-notes.csv",
            programs / "roster-k3x_9qaz.csv", programs / ".roster-k3x_9qaz.csv.bak"]
    for path in kept:
        path.write_text("patient: {name: Ada Example}\n")
    (programs / ".roster-dir12345.csv").mkdir()
    front_desk(tmp_path)  # the web app starts
    assert not any(path.exists() for path in left)
    assert all(path.is_file() for path in kept)
    assert (programs / ".roster-dir12345.csv").is_dir()
    # no programs folder yet: nothing to tidy, and none is made
    (tmp_path / "new").mkdir()
    front_desk(tmp_path / "new")
    assert not (tmp_path / "new" / "programs").exists()
    assert packets.tidy(tmp_path / "nowhere") == []


def test_the_hint_names_every_language_whose_headings_are_read(tmp_path):
    """The hint under the roster's box listed English, Spanish and French after German and
    Japanese headings were read too: it is made from the reader's own table now, and a
    roster headed as the hint says is read."""
    from handouts.input.columns import HEADINGS, LANGUAGE_NAMES

    b = front_desk(tmp_path)
    html = b.client.get("/packets").get_data(as_text=True)
    hint = re.search(r'<p class="hint" id="roster-hint">(.*?)</p>', html, re.S).group(1)
    said = unescape(re.sub(r"<[^>]+>", "", hint))
    assert "in English, Spanish, French, Portuguese, German or Japanese (" in said
    assert set(LANGUAGE_NAMES) == set(HEADINGS)  # no language read and left unnamed
    assert '<b lang="de">Vorname</b>, <b lang="de">Nachname</b>, <b lang="de">Programm</b>' \
        in hint
    assert '<b lang="ja">名</b>, <b lang="ja">姓</b>, <b lang="ja">プログラム</b>' in hint
    for code, _, headings in api.roster_languages()[1:]:
        roster = ",".join(headings) + "\nAda,Example,low_back_start\n"
        page, built = upload(b, roster)
        assert page.status_code == 200 and "Built 1 packet from monday.csv" in built, code
        link = re.search(r'href="(/packets/[^"]+/packets\.pdf)"', built).group(1)
        assert "Ada Example" in "".join(page_texts(b.client.get(link).data)), code


def test_the_hint_names_every_column_the_reader_reads(tmp_path):
    """The hint named name, program, email, date, language, layout, dob and number: it left
    out therapist, password, next visit and log weeks, which the reader takes too. Each
    heading in bold before the languages' is one the reader knows, and together they are
    every column it reads."""
    from pathlib import Path

    from handouts.input.columns import COLUMNS, read_header

    b = front_desk(tmp_path)
    html = b.client.get("/packets").get_data(as_text=True)
    hint = re.search(r'<p class="hint" id="roster-hint">(.*?)</p>', html, re.S).group(1)
    english = hint.split("The columns may be headed")[0]
    said = unescape(re.sub(r"<[^>]+>", "", english))
    assert ("Also email, therapist, date, language, layout, password, dob, number, next visit, "
            "log weeks, caregiver, weeks from, pain row, affected side and caregiver email if you "
            "like.") in said, said
    headings = [unescape(h) for h in re.findall(r"<b>([^<]+)</b>", english)
                if not h.startswith("jane-doe")]
    columns, notices = read_header(headings, Path("monday.csv"))
    assert None not in columns, headings
    assert set(columns) == {*COLUMNS, "first", "last"}, headings


def test_a_spanish_pages_hint_names_the_columns_by_their_spanish_headings(tmp_path):
    """A Spanish clinic's Day's packets page named its roster's columns "name", "first
    name", "program", "next visit" inside its Spanish hint, though the reader takes
    Spanish headings: it names them as a Spanish schedule heads them, a whole name by a
    heading the first name's is not ("nombre" is both), and gives the other languages'
    headings, English's among them, as examples. Each one is read as the hint says."""
    from pathlib import Path

    from handouts.input.columns import COLUMNS, read_header
    from test_web_staff_language_lists import front_desk as clinic_desk

    b = clinic_desk(tmp_path, "locale: es-ES\n")
    html = b.client.get("/packets").get_data(as_text=True)
    hint = re.search(r'<p class="hint" id="roster-hint">(.*?)</p>', html, re.S).group(1)
    spanish, examples = hint.split("Las columnas pueden tener")
    said = unescape(re.sub(r"<[^>]+>", "", spanish))
    assert "con una columna paciente (o nombre y apellido(s)) y una columna programa" in said
    assert "próxima cita" in said and "next visit" not in said and "program " not in said
    headings = [unescape(h) for h in re.findall(r"<b>([^<]+)</b>", spanish)
                if not h.startswith("jane-doe")]
    columns, _ = read_header(headings, Path("lunes.csv"))
    assert None not in columns and set(columns) == {*COLUMNS, "first", "last"}, headings
    assert '<b lang="en">First name</b>, <b lang="en">Last name</b>' in examples
    assert 'lang="es"' not in examples
