"""The day's packets in the web app through Flask's test client: an uploaded roster in
one print file, a protocol's visit, a saved program on another patient's row, the names a
roster's lines give, walk-ins, a large clinic's day, a roster too large to upload."""

from __future__ import annotations

import re

import pytest
import yaml

import handouts as api
from handouts.web import create_app

from conftest import page_texts, reader
from test_web import LIBRARY, Browser, unescape


def test_the_days_packets_from_an_uploaded_roster_in_one_print_file(tmp_path, database):
    """The front desk uploads the day's roster: one print file in roster order, each packet
    on fresh sheets when asked, a bad row listed by its line while the others are built, a
    row's program a saved program's file name (and nothing outside that folder), every
    packet in the record."""
    import io
    import shutil

    from handouts import record

    shutil.copytree(LIBRARY, tmp_path / "clinic")
    ws = api.open_workspace(tmp_path / "clinic" / "exercises.yaml",
                            tmp_path / "clinic" / "clinic.yaml")
    programs = tmp_path / "programs"
    programs.mkdir()
    (programs / "bo-example.yaml").write_text(yaml.safe_dump(
        {"patient": {"name": "Bo Example"}, "exercises": ["chin_tuck"]}))
    (tmp_path / "secret.yaml").write_text(yaml.safe_dump(
        {"patient": {"name": "Not Here"}, "exercises": ["chin_tuck"]}))
    b = Browser(create_app(ws, programs_dir=programs))
    page = b.get("/packets")
    assert page.status_code == 200 and 'enctype="multipart/form-data"' in page.get_data(
        as_text=True)
    roster = ("name,program\nAda Example,low_back_start\nCy Example,no_such_protocol\n"
              "Bo Example,bo-example.yaml\nDi Example,../secret.yaml\n")
    page = b.client.post("/packets", data={
        "csrf_token": b.token, "duplex": "1",
        "roster": (io.BytesIO(roster.encode()), "monday.csv")},
        content_type="multipart/form-data", follow_redirects=True)
    assert page.status_code == 200
    html = unescape(page.get_data(as_text=True))
    assert "Built 2 packets from monday.csv" in html and "each packet on fresh sheets" in html
    assert "2 rows could not be built" in html
    assert 'monday.csv:3: row 2: unknown protocol "no_such_protocol"' in html
    assert 'monday.csv:5: row 4: program: "../secret.yaml" is outside the roster\'s ' \
        "folder" in html and ".roster-" not in html
    link = re.search(r'href="(/packets/[^"]+/packets\.pdf)"', html).group(1)
    pdf = b.client.get(link)
    assert pdf.mimetype == "application/pdf"
    pages = page_texts(pdf.data)
    firsts = [i for i, text in enumerate(pages) if "Home exercise program" in text]
    assert [pages[i].split("For: ")[1].split(" ")[0] for i in firsts] == ["Ada", "Bo"]
    assert all(i % 2 == 0 for i in firsts)  # each packet on a fresh sheet
    assert "Not Here" not in "".join(pages)
    assert not list(programs.glob(".roster-*"))  # the upload is not left behind
    assert sorted(p.name for p in record.patients(ws)) == ["Ada Example", "Bo Example"]
    assert {row[6] for row in database.rows(tmp_path / "clinic")} == {"batch"}
    # the print file is this browser's only
    assert Browser(create_app(ws, programs_dir=programs)).client.get(link).status_code == 404
    # a file that is no roster: its problem, nothing built
    page = b.client.post("/packets", data={
        "csrf_token": b.token, "roster": (io.BytesIO(b"\xff\xfe\x00bad"), "monday.csv")},
        content_type="multipart/form-data")
    assert page.status_code == 422 and "monday.csv" in unescape(page.get_data(as_text=True))
    # the schedule's workbook itself, not a CSV saved from it: said so, with what to do
    page = b.client.post("/packets", data={
        "csrf_token": b.token, "roster": (io.BytesIO(b"PK\x03\x04 a workbook"), "monday.xlsx")},
        content_type="multipart/form-data")
    assert page.status_code == 422 and ('monday.xlsx: a workbook or document (.xlsx, .docx, '
                                        '.ods), not plain text; save the file as UTF-8 (in '
                                        'Excel, Save As "CSV UTF-8")') in unescape(
        page.get_data(as_text=True))


def test_a_visit_the_days_packets_made_from_a_protocol_lists_its_exercises(tmp_path, database):
    """A roster row names a protocol: the patient's history lists the protocol's exercises
    as the handout had them, and says so where the library no longer has the protocol."""
    import io
    import shutil

    from handouts import record

    shutil.copytree(LIBRARY, tmp_path / "clinic")
    library = tmp_path / "clinic" / "exercises.yaml"
    ws = api.open_workspace(library, tmp_path / "clinic" / "clinic.yaml")
    b = Browser(create_app(ws, programs_dir=tmp_path / "programs"))
    b.get("/packets")
    b.client.post("/packets", data={
        "csrf_token": b.token,
        "roster": (io.BytesIO(b"name,program\nDora Example,low_back_start\n"), "today.csv")},
        content_type="multipart/form-data")
    [dora] = record.patients(ws, "Dora Example")
    html = unescape(b.get(f"/patients/{dora.id}").get_data(as_text=True))
    shown = re.search(r'<ul class="exercises">(.*?)</ul>', html, re.S).group(1)
    assert re.findall(r"<li>([^<]*)</li>", shown) == [
        "Cat and camel", "Child's pose: hold 30 s", "Pelvic tilt"]
    library.write_text(library.read_text().replace("- id: low_back_start",
                                                   "- id: low_back_first"))
    html = unescape(b.get(f"/patients/{dora.id}").get_data(as_text=True))
    assert 'The protocol "low_back_start" is no longer in the library' in html


def test_a_saved_program_named_on_another_patients_row_is_filed_under_that_patient(
        tmp_path, database):
    """A saved program used as a template for another patient: the packet is hers, and
    the record files it under her name alone, never with the first patient's date of birth
    and clinic number."""
    import io
    import shutil

    from handouts import record

    shutil.copytree(LIBRARY, tmp_path / "clinic")
    ws = api.open_workspace(tmp_path / "clinic" / "exercises.yaml",
                            tmp_path / "clinic" / "clinic.yaml")
    programs = tmp_path / "programs"
    programs.mkdir()
    (programs / "jane-doe.yaml").write_text(
        'patient: {name: Jane Doe, email: jane.doe@example.com, dob: 1961-04-30, '
        'number: "004512"}\nexercises: [chin_tuck]\n')
    b = Browser(create_app(ws, programs_dir=programs))
    b.get("/packets")
    page = b.client.post("/packets", data={
        "csrf_token": b.token,
        "roster": (io.BytesIO(b"name,program\nAnn Lee,jane-doe.yaml\n"), "monday.csv")},
        content_type="multipart/form-data", follow_redirects=True)
    assert "Built 1 packet from monday.csv" in unescape(page.get_data(as_text=True))
    assert [(p.name, p.dob, p.number) for p in record.patients(ws)] == [
        ("Ann Lee", None, None)]


def test_a_rosters_lines_name_its_file_as_chosen_and_no_folder_of_the_server(tmp_path):
    """The front desk reads the roster's name as it chose the file (a browser on Windows may
    send the whole path), or "the roster" where it has none; a program file a row names is
    programs/…, never the server's own folders."""
    import io

    ws = api.open_workspace(LIBRARY / "exercises.yaml", LIBRARY / "clinic.yaml")
    b = Browser(create_app(ws, programs_dir=tmp_path / "programs", record=lambda *a: ()))
    b.get("/packets")

    def upload(name: str, roster: str) -> str:
        page = b.client.post("/packets", data={
            "csrf_token": b.token, "roster": (io.BytesIO(roster.encode()), name)},
            content_type="multipart/form-data", follow_redirects=True)
        return unescape(page.get_data(as_text=True))

    html = upload("monday.csv", "name,program\nAda Example,.roster-abc.yaml\n"
                                "Bo Example,gone.yaml\n")
    assert "monday.csv:2: row 1: programs/.roster-abc.yaml: file not found" in html
    assert "monday.csv:3: row 2: programs/gone.yaml: file not found" in html
    assert str(tmp_path) not in html
    one = "name,program\nAda Example,low_back_start\n"
    assert "Built 1 packet from today.csv, " in upload("C:\\Users\\Desk\\today.csv", one)
    assert "Built 1 packet from today.csv, " in upload("/home/desk/today.csv", one)
    for nameless in (".", ".."):
        assert "Built 1 packet from the roster, " in upload(nameless, one), nameless


def test_walk_in_packets_from_the_front_desk(tmp_path):
    """N packets of a protocol, each with a blank name line, in one file; not recorded; a
    number out of range is told, a protocol the page never offers is refused."""
    recorded = []
    ws = api.open_workspace(LIBRARY / "exercises.yaml", LIBRARY / "clinic.yaml")
    b = Browser(create_app(ws, programs_dir=tmp_path / "programs",
                           record=lambda *a: recorded.append(a) or ()))
    page = b.get("/packets")
    assert '<option value="low_back_start">' in page.get_data(as_text=True)
    page = b.post("", {"protocol": "low_back_start", "copies": "3", "layout": "compact",
                       "duplex": "1"}, url="/packets/walk-ins")
    html = unescape(page.get_data(as_text=True))
    assert "Built 3 walk-in packets" in html and "each packet on fresh sheets" in html
    link = re.search(r'href="(/packets/[^"]+/packets\.pdf)"', html).group(1)
    pages = page_texts(b.client.get(link).data)
    firsts = [i for i, text in enumerate(pages) if "Home exercise program" in text]
    assert len(firsts) == 3 and all(i % 2 == 0 for i in firsts)
    assert all("Name: ____" in pages[i] and "Date: ____" in pages[i] for i in firsts)
    for copies in ("0", "51", "many"):
        page = b.post("", {"protocol": "low_back_start", "copies": copies,
                           "layout": "standard"}, url="/packets/walk-ins")
        assert page.status_code == 422 and "1 to 50" in page.get_data(as_text=True)
    assert b.post("", {"protocol": "no_such", "copies": "2", "layout": "standard"},
                  url="/packets/walk-ins").status_code == 400
    assert b.post("", {"protocol": "low_back_start", "copies": "2", "layout": "huge"},
                  url="/packets/walk-ins").status_code == 400
    assert recorded == []


def test_the_days_packets_take_a_large_clinic_s_day_and_count_only_packets(tmp_path,
                                                                          monkeypatch):
    """A roster of more than 200 rows was refused ("lists more than 200 patients"), though
    a clinic of 20 therapists seeing 12 patients each has 240 visits a day, and rows that
    fail or repeat another, which build nothing, counted towards it: 150 packets and 60
    bad rows were refused. The limit (packets.MOST) now counts packets only."""
    import io

    from handouts.web import packets

    b = Browser(create_app(api.open_workspace(LIBRARY / "exercises.yaml",
                                              LIBRARY / "clinic.yaml"),
                           programs_dir=tmp_path / "programs", record=lambda *a: ()))
    b.get("/packets")

    def upload(good: int, bad: int, name: str = "monday.csv"):
        roster = "name,program\n" + "".join(
            f"Pat{i} Example,low_back_start\n" for i in range(good)) + "".join(
            f"Bad{i} Example,no_such_protocol\n" for i in range(bad))
        page = b.client.post("/packets", data={
            "csrf_token": b.token, "roster": (io.BytesIO(roster.encode()), name)},
            content_type="multipart/form-data", follow_redirects=True)
        return page.status_code, unescape(page.get_data(as_text=True))

    assert packets.MOST >= 250  # a large clinic's day, a few walk-ins beside
    # the counting, with a limit of 3 rather than building 250 packets (which took 4 s)
    monkeypatch.setattr(packets, "MOST", 3)
    status, html = upload(3, 60)  # three packets: not too many, whatever the bad rows
    assert status == 200 and "Built 3 packets from monday.csv" in html
    assert "60 rows could not be built" in html
    link = re.search(r'href="(/packets/[^"]+/packets\.pdf)"', html).group(1)
    assert len(reader(b.client.get(link).data).outline) == 3  # a bookmark a packet
    status, html = upload(4, 0)
    assert status == 422 and "Built" not in html
    assert ("monday.csv has more than 3 packets to build, more than the web app makes at "
            "once: split it into files of at most 3 patients, or print it with "
            f"make_handouts.py --home {LIBRARY} batch monday.csv --merge FILE.pdf") in html


def test_a_roster_too_large_to_upload_is_told_as_a_roster(tmp_path):
    """An upload over the form limit was told "Remove some exercises or shorten the notes",
    the editor's words, on the front desk's page."""
    import io

    from handouts.web import MAX_REQUEST_BYTES

    b = Browser(create_app(api.open_workspace(LIBRARY / "exercises.yaml",
                                              LIBRARY / "clinic.yaml"),
                           programs_dir=tmp_path / "programs", record=lambda *a: ()))
    b.get("/packets")
    roster = "name,program,note\n" + "Pat Example,low_back_start,x\n" * (
        MAX_REQUEST_BYTES // 28 + 10)
    page = b.client.post("/packets", data={
        "csrf_token": b.token, "roster": (io.BytesIO(roster.encode()), "monday.csv")},
        content_type="multipart/form-data")
    html = unescape(page.get_data(as_text=True))
    assert page.status_code == 413 and "The roster is too large" in html
    assert "exercises" not in html.split("<main")[1] and "Split the day into smaller files" in html


@pytest.fixture
def uploaded(tmp_path, database):
    """A roster's text uploaded as monday.csv to the packets page of a clinic of the test's
    own, with a record: the page it comes back to, its HTML unescaped."""
    import io
    import shutil

    shutil.copytree(LIBRARY, tmp_path / "clinic")
    ws = api.open_workspace(tmp_path / "clinic" / "exercises.yaml",
                            tmp_path / "clinic" / "clinic.yaml")
    b = Browser(create_app(ws, programs_dir=tmp_path / "programs"))
    b.get("/packets")

    def upload(roster: str) -> str:
        page = b.client.post("/packets", data={
            "csrf_token": b.token, "roster": (io.BytesIO(roster.encode()), "monday.csv")},
            content_type="multipart/form-data", follow_redirects=True)
        assert page.status_code == 200
        return unescape(page.get_data(as_text=True))

    return upload


def test_a_record_notice_names_the_uploaded_roster_s_row_in_its_own_headings(tmp_path,
                                                                             uploaded):
    """Two patients of one name on an uploaded roster: the record's notice on the page names
    the row of the file as the desk chose it, and the roster's own columns."""
    roster = ("Patient Name,DOB,MRN,Protocol\nMaria Garcia,03/14/1955,100300,low_back_start\n"
              "Maria Garcia,09/02/1988,100301,low_back_start\n")
    html = uploaded(roster)
    assert ("monday.csv:3: row 2: a new patient in the record, told apart "
            "from 1 other of that name by date of birth and clinic number; give the same "
            '"DOB" and "MRN" at every visit') in html, html
    assert ".roster" not in html and str(tmp_path) not in html


def test_the_record_s_notices_come_among_the_rows_notes_in_row_order(uploaded):
    """A second and third Maria Garcia (rows 2 and 4) were told after every row's note (a
    repeated row 3): the page lists them down the roster, as batch does."""
    roster = ("Patient Name,DOB,MRN,Protocol\nMaria Garcia,03/14/1955,100300,low_back_start\n"
              "Maria Garcia,09/02/1988,100301,low_back_start\n"
              "Maria Garcia,03/14/1955,100300,low_back_start\n"
              "Maria Garcia,09/03/1988,100302,low_back_start\n")
    html = uploaded(roster)
    said = re.findall(r"monday\.csv:\d+: row (\d+)\b([^<]*)", html)
    assert [number for number, _ in said] == ["2", "3", "4"], said
    assert "told apart from 1 other" in said[0][1] and "told apart from 2 others" in said[2][1]


def test_an_uploaded_row_s_long_log_advice_names_the_roster_s_columns(uploaded):
    """The long log's advice on the page said "log_weeks: 6 in the program", a key the
    desk's roster has not got: it names the roster's next visit column, and what would say
    six weeks are meant where the roster has no weeks of log column."""
    html = uploaded("Patient Name,Protocol,Date,Next Appt\n"
                    "Ann Lee,low_back_start,2026-11-23,2027-03-30\n")
    assert ('monday.csv:2: row 1: "Next Appt": 2027-03-30 is 127 days after the visit\'s '
            "date (2026-11-23)") in html, html
    assert ('(a "log weeks" column of 6, or a program file\'s log_weeks: 6, says you mean '
            "it)") in html and "in the program says" not in html


def test_a_failed_row_comes_among_the_notes_in_row_order_marked_as_an_error(tmp_path,
                                                                            monkeypatch):
    """The failed rows were listed above every note, each group cut by itself: the page
    lists one list down the roster, as batch does, a failed row's line marked "Error:" in
    its words (a screen reader says it too), and cut once."""
    import io

    from handouts.web import packets

    b = Browser(create_app(api.open_workspace(LIBRARY / "exercises.yaml",
                                              LIBRARY / "clinic.yaml"),
                           programs_dir=tmp_path / "programs", record=lambda *a: ()))
    b.get("/packets")
    # names of this test's own: the record of the shared library knows other tests' Ada
    roster = ("name,dob,program\nOla Rowe,1950-02-03,low_back_start\n"
              "Pim Rowe,,no_such_protocol\nOla Rowe,1950-02-03,low_back_start\n"
              "Quin Rowe,,nor_this_one\nRia Rowe,,low_back_start\n")

    def upload():
        page = b.client.post("/packets", data={
            "csrf_token": b.token, "roster": (io.BytesIO(roster.encode()), "monday.csv")},
            content_type="multipart/form-data", follow_redirects=True)
        assert page.status_code == 200
        html = page.get_data(as_text=True)
        return re.findall(r"<li( class=\"row-error\")?>(.*?)</li>",
                          unescape(html.split('id="problems"')[1].split("</ul>")[0]))

    listed = upload()
    assert [re.search(r"row (\d+)", line).group(1) for _, line in listed] == ["2", "3", "4"]
    assert [bool(mark) for mark, _ in listed] == [True, False, True]
    assert listed[0][1].startswith("<strong>Error:</strong> monday.csv:3: row 2: unknown "
                                   'protocol "no_such_protocol"')
    assert "the same patient and program as row 1" in listed[1][1]

    monkeypatch.setattr(packets, "SHOWN", 1)  # one list, cut once
    listed = upload()
    assert len(listed) == 2 and listed[1][1].startswith("and 2 more lines about rows")
