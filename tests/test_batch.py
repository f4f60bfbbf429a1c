"""Front-desk batches: rosters in the dialects spreadsheets write, bad rows that do not stop
good ones, a merged print file where every page names its own patient."""

import csv
import io
import re
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

import handouts as api
from handouts.cli import main

from conftest import flat_texts, reader

ROOT = Path(__file__).resolve().parent.parent
FIRST = ["Avery", "Blake", "Casey", "Devon", "Emery", "Finley", "Gray", "Harper", "Indy", "Jules"]
LAST = ["Abbott", "Brennan", "Castillo", "Dorsey", "Ellison", "Fairbanks", "Galloway",
        "Hollis", "Ingram", "Jessup"]


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def names(count):
    return [f"{FIRST[i % 10]} {LAST[(i // 10) % 10]} {i:03d}" for i in range(count)]


def write_roster(path: Path, rows, header=("name", "email", "program", "date"), **fmt):
    buffer = io.StringIO()
    writer = csv.writer(buffer, **fmt)
    writer.writerow(header)
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


# the two workers get chunks (batch.CHUNK) again and again, finishing out of roster order: a
# page in another's packet, or a drawing embedded per packet, shows among 40 as among 100
MANY = 40


@pytest.fixture(scope="module")
def many_packets(tmp_path_factory):
    folder = tmp_path_factory.mktemp("many_packets")
    people = names(MANY)
    layouts = ["standard", "compact", "large_print"]
    roster = write_roster(folder / "today.csv", [
        (n, f"p{i}@example.com", "chronic_low_back", "2026-11-23", layouts[i % 3])
        for i, n in enumerate(people)], header=("Name", "E-mail", "Program", "Date", "Layout"))
    merged = folder / "all.pdf"
    result = run("batch", roster, "--merge", merged, "--duplex", "--out-dir", folder / "out",
                 "--jobs", "2", "--quiet")
    return people, merged, folder / "out", result


@pytest.fixture(scope="module")
def merged_texts(many_packets) -> list[str]:
    """Each page's text of the batch's merged file, read once for the tests below (by
    pdfium: the tests look for words, not where they are)."""
    _, merged, _, result = many_packets
    assert result.exit_code == 0, result.output
    return flat_texts(merged.read_bytes())


def test_every_merged_page_names_its_own_patient_and_no_other(many_packets, merged_texts):
    people, merged, _, result = many_packets
    assert result.exit_code == 0, result.output
    texts = merged_texts
    owner_of = []
    for text in texts:
        named = [p for p in people if p in text]
        assert len(named) == 1, (named, text[:200])
        owner_of.append(named[0])
    # packets are contiguous and in roster order
    order = list(dict.fromkeys(owner_of))
    assert order == people


def test_duplex_packets_start_on_odd_pages_and_numbers_restart(many_packets, merged_texts):
    people, merged, _, _ = many_packets
    texts = merged_texts
    starts = {}
    for index, text in enumerate(texts, start=1):
        owner = next(p for p in people if p in text)
        starts.setdefault(owner, index)
        match = re.search(r"Page (\d+) of (\d+)", text)
        if index == starts[owner]:
            assert match and match.group(1) == "1"
        if not match:
            assert "left blank on purpose" in text
    assert all(page % 2 == 1 for page in starts.values())
    assert len(texts) % 2 == 0


def test_separate_files_one_per_patient(many_packets):
    people, _, out, result = many_packets
    files = sorted(out.glob("*.pdf"))
    assert len(files) == MANY
    assert f"built {MANY} of {MANY} packets" in result.stdout
    sample = files[17]
    text = " ".join(flat_texts(sample.read_bytes()))
    assert sum(p in text for p in people) == 1
    assert not list(out.glob(".*part"))


def test_merged_file_embeds_fonts_and_drawings_once(many_packets):
    _, merged, out, _ = many_packets
    pdf = reader(merged.read_bytes())
    fonts, forms, cards = set(), set(), set()
    for page in pdf.pages:
        resources = page["/Resources"]
        fonts.update(id(f.get_object()) for f in (resources.get("/Font") or {}).values())
        for name, xobject in (resources.get("/XObject") or {}).items():
            forms.add(xobject.idnum)
            if ".card_" in name:
                cards.add(xobject.idnum)
    assert len(fonts) <= 4
    drawings = {p.stem for p in (ROOT / "images").glob("*.svg")}
    # drawings once; page-count forms per packet; each card once for all who share it
    assert len(forms) <= len(drawings) + 2 * MANY + len(cards)
    protocol = api.open_workspace().library.protocol("chronic_low_back")
    count = len(protocol.exercises)
    # each exercise's card in each layout (and, where a page called for it, its tighter
    # version) once for all patients, not once each
    assert 2 * count <= len(cards) <= 4 * count
    one = next(out.glob("*.pdf")).stat().st_size
    assert merged.stat().st_size < one * MANY / 3


def test_bad_rows_are_reported_and_good_rows_built(tmp_path):
    (tmp_path / "ok.yaml").write_text("patient: {name: Placeholder}\nexercises: [child_pose]\n")
    (tmp_path / "bad-dose.yaml").write_text(
        "patient: {name: X}\nexercises:\n  - id: child_pose\n    dose: {hold: 5-x s}\n")
    roster = tmp_path / "r.csv"
    roster.write_text(
        "name,program,date\n"
        "Good One,chronic_low_back,2026-11-23\n"
        "Bad Protocol,chronic_low_bak,2026-11-23\n"
        ",chronic_low_back,2026-11-23\n"
        "Missing File,nowhere.yaml,2026-11-23\n"
        "Bad Dose,bad-dose.yaml,2026-11-23\n"
        "Broken,chronic_low_back,2026-11-23,extra,\"oops\n"
        "Good Two,ok.yaml,2026-11-23\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run("batch", roster, "--out-dir", out, "--quiet")
    assert result.exit_code == 1
    assert sorted(p.name for p in out.glob("*.pdf")) == ["2026-11-23_good-one.pdf",
                                                         "2026-11-23_good-two.pdf"]
    errors = result.stderr.splitlines()
    assert errors[0] == (f'error: {roster}:3: row 2: unknown protocol "chronic_low_bak"; did you '
                         'mean "chronic_low_back"?')
    assert errors[1] == (f"error: {roster}:4: row 3: no name; every row needs the patient's "
                         'name in the "name" column')
    assert errors[2] == (f'error: {roster}:5: row 4: program: "nowhere.yaml" is neither beside '
                         f"the roster ({tmp_path}) nor in the clinic's saved programs "
                         f"({Path.cwd() / 'programs'})")
    assert errors[3].startswith(f"error: {roster}:6: row 5: ")
    assert "exercises[child_pose].dose.hold" in errors[3]
    assert '"5-x s" is not a duration' in errors[3]
    assert errors[4].startswith(f"error: {roster}:7: row 6: has ")
    assert "built 2 of 6 packets" in result.stdout or "built 2 of 7 packets" in result.stdout
    assert "failed" in result.stdout


@pytest.mark.parametrize("dialect", ["bom-semicolon", "quoted-newlines-crlf", "accents",
                                     "excel-unicode-text"])
def test_csv_dialects(tmp_path, dialect):
    rows = [("Ana Núñez", "ana@example.com", "chronic_low_back", "2026-11-23"),
            ("Smith, Jo \"JJ\"", "", "chronic_low_back", "2026-11-23"),
            ("Li\nWei", "", "chronic_low_back", "2026-11-23")]
    path = tmp_path / "r.csv"
    if dialect == "bom-semicolon":
        buffer = io.StringIO()
        csv.writer(buffer, delimiter=";").writerows([("Name", "Email", "Program", "Date"), *rows])
        path.write_bytes(b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8"))
    elif dialect == "excel-unicode-text":  # Excel's "Unicode Text (*.txt)": UTF-16, tabs
        path = tmp_path / "r.txt"
        buffer = io.StringIO()
        csv.writer(buffer, dialect="excel-tab").writerows(
            [("Name", "Email", "Program", "Date"), *rows])
        path.write_bytes(buffer.getvalue().encode("utf-16"))
    elif dialect == "quoted-newlines-crlf":
        write_roster(path, rows, lineterminator="\r\n")
    else:
        write_roster(path, rows, header=(" NAME ", "e mail", "PROGRAM", "date"))
    result = run("batch", path, "--out-dir", tmp_path / "out", "--quiet", "--jobs", "1")
    assert result.exit_code == 0, result.output
    texts = [" ".join(flat_texts(p.read_bytes())) for p in sorted((tmp_path / "out").glob("*"))]
    assert len(texts) == 3
    assert any("Ana Núñez" in t for t in texts)
    assert any('Smith, Jo "JJ"' in t for t in texts)


def test_columns_headed_as_scheduling_systems_head_them(tmp_path):
    """"Protocol", "Patient Name", "Email Address", "Date of Birth": the front desk's export
    is read as it is, not left with every row failing for want of a program."""
    roster = write_roster(tmp_path / "r.csv", [
        ("Ana Núñez", "ana@example.com", "chronic_low_back", "1950-02-03", "2026-11-23")],
        header=("Patient Name", "Email Address", "Protocol", "Date of Birth", "Date"))
    result = run("batch", roster, "--out-dir", tmp_path / "out", "--quiet", "--jobs", "1")
    assert result.exit_code == 0, result.output
    assert "unknown column" not in result.stderr
    [pdf] = (tmp_path / "out").glob("*.pdf")
    text = " ".join(flat_texts(pdf.read_bytes()))
    assert "Ana Núñez" in text and "Child's pose" in text


def test_two_columns_for_one_value_are_refused(tmp_path):
    roster = write_roster(tmp_path / "r.csv", [("Ana Núñez", "chronic_low_back", "")],
                          header=("Name", "Program", "Protocol"))
    result = run("batch", roster, "--out-dir", tmp_path / "out", "--quiet")
    assert result.exit_code == 1
    assert result.stderr.strip() == (f'error: {roster}:1: columns "Program" and "Protocol" both '
                                     "give the program; keep one of them")
    assert not (tmp_path / "out").exists()


def test_a_roster_saved_as_excel_s_plain_csv_says_where_and_how_to_save_it(tmp_path):
    """Excel's "CSV (Comma delimited)" on Windows is Windows-1252: the first accented name
    is the first byte that is not UTF-8. One line names its line and column and the format
    to save in; nothing is built."""
    roster = tmp_path / "today.csv"
    roster.write_bytes("name,program\nAvery Abbott,chronic_low_back\nAna Núñez,"
                       "chronic_low_back\n".encode("cp1252"))
    result = run("batch", roster, "--out-dir", tmp_path / "out", "--quiet")
    assert result.exit_code == 1
    assert result.stderr == (f"error: {roster}:3: column 6: not UTF-8 text; save the file as "
                             'UTF-8 (in Excel, Save As "CSV UTF-8")\n')
    assert not (tmp_path / "out").exists()


def test_blank_lines_and_empty_rows_are_no_one(tmp_path, monkeypatch):
    """Spreadsheets export their blank rows as commas, and often end with blank lines:
    neither is a patient nor a mistake. A broken row among them is still reported."""
    # a record of its own: where another test had recorded an Ana Núñez with a date of
    # birth, this one's was told apart from her on stderr (as xdist happened to order them)
    monkeypatch.setenv("HANDOUTS_DATABASE_URL", f"sqlite:///{tmp_path}/handouts.db")
    roster = tmp_path / "r.csv"
    roster.write_text("name,program\n\nAna Núñez,chronic_low_back\n,\n\n"
                      "Bo Example,chronic_low_back\n , \n\n\n", encoding="utf-8")
    result = run("batch", roster, "--merge", tmp_path / "all.pdf", "--quiet")
    assert result.exit_code == 0, result.output
    assert result.stderr == "" and "merged 2 packets" in result.stdout
    roster.write_text("name,program\n\nAna Núñez,chronic_low_back\nBo,x,y\n\n",
                      encoding="utf-8")
    result = run("batch", roster, "--merge", tmp_path / "two.pdf", "--quiet")
    assert result.exit_code == 1
    assert result.stderr == (f"error: {roster}:4: row 2: has 3 fields but the header has 2; "
                             'look for a stray "," or an unclosed quote\n')


@pytest.mark.parametrize("content", ["name,program\n", "name,program\n\n,\n", "[]\n"])
def test_a_roster_with_no_one_in_it_says_so(tmp_path, content):
    """The wrong day's export, with the header only: one line and exit status 1, not "."
    with nothing written and status 0."""
    roster = tmp_path / ("r.yaml" if content.startswith("[") else "r.csv")
    roster.write_text(content, encoding="utf-8")
    for options in (["--merge", tmp_path / "all.pdf"], ["--out-dir", tmp_path / "out"],
                    ["--email", "--no-send", "--outbox", tmp_path / "outbox"]):
        result = run("batch", roster, *options, "--quiet")
        assert result.exit_code == 1
        assert result.stderr == (f"error: {roster}: the roster lists no patients; nothing to "
                                 "build or send\n")
    assert list(tmp_path.iterdir()) == [roster]


def test_a_workbook_given_for_a_roster_says_to_save_it_as_csv(tmp_path):
    """The .xlsx itself, not a CSV saved from it: one line that says what the file is."""
    roster = tmp_path / "today.xlsx"
    with zipfile.ZipFile(roster, "w") as workbook:
        workbook.writestr("xl/workbook.xml", "<workbook/>")
    result = run("batch", roster, "--out-dir", tmp_path / "out", "--quiet")
    assert result.exit_code == 1
    assert result.stderr == (f"error: {roster}: a workbook or document (.xlsx, .docx, .ods), not "
                             'plain text; save the file as UTF-8 (in Excel, Save As "CSV '
                             'UTF-8")\n')
    assert not (tmp_path / "out").exists()


def test_a_picture_given_for_a_roster_says_what_it_is(tmp_path):
    """A PNG picked by mistake was said to look like UTF-32, and to be saved as UTF-8."""
    from PIL import Image

    roster = tmp_path / "today.png"
    Image.new("RGB", (8, 8)).save(roster)
    result = run("batch", roster, "--out-dir", tmp_path / "out", "--quiet")
    assert result.exit_code == 1
    assert result.stderr == (f"error: {roster}: a picture (PNG), not text; give the file that "
                             "holds the text (a program or a roster)\n")
    assert not (tmp_path / "out").exists()


def test_same_bytes_with_one_or_two_jobs(tmp_path):
    roster = write_roster(tmp_path / "r.csv", [(n, "", "chronic_low_back", "2026-11-23")
                                               for n in names(6)])
    for jobs in (1, 2):
        assert run("batch", roster, "--out-dir", tmp_path / f"j{jobs}", "--jobs", jobs,
                   "--quiet").exit_code == 0
    one = {p.name: p.read_bytes() for p in (tmp_path / "j1").glob("*.pdf")}
    two = {p.name: p.read_bytes() for p in (tmp_path / "j2").glob("*.pdf")}
    assert one == two and len(one) == 6


def test_same_name_and_date_do_not_overwrite(tmp_path):
    roster = write_roster(tmp_path / "r.csv", [("Jo Smith", "a@example.com", "chronic_low_back",
                                                "2026-11-23"),
                                               ("Jo Smith", "b@example.com", "chronic_low_back",
                                                "2026-11-23")])
    assert run("batch", roster, "--out-dir", tmp_path / "out", "--quiet").exit_code == 0
    assert sorted(p.name for p in (tmp_path / "out").glob("*.pdf")) == [
        "2026-11-23_jo-smith-2.pdf", "2026-11-23_jo-smith.pdf"]
    again = run("batch", roster, "--out-dir", tmp_path / "out", "--quiet", "--skip-existing")
    assert "2 already there (skipped)" in again.stdout


def test_walk_in_copies_have_a_blank_name_line(tmp_path):
    merged = tmp_path / "walk-ins.pdf"
    result = run("batch", "--protocol", "chronic_low_back", "--copies", 3, "--merge", merged,
                 "--date", "2026-11-23")
    assert result.exit_code == 0, result.output
    texts = flat_texts(merged.read_bytes())
    assert "Name: ____" in texts[0]
    assert sum("Page 1 of" in t for t in texts) == 3


def test_walk_in_copies_in_spanish(tmp_path):
    merged = tmp_path / "walk-ins.pdf"
    result = run("batch", "--protocol", "chronic_low_back", "--copies", 2, "--merge", merged,
                 "--language", "es", "--layout", "large_print", "--date", "2026-11-23")
    assert result.exit_code == 0, result.output
    texts = flat_texts(merged.read_bytes())
    assert "Nombre: ____" in texts[0] and "Página 1 de" in texts[0]
    assert sum("Página 1 de" in t for t in texts) == 2


def test_layout_and_language_are_for_walk_ins_only(tmp_path):
    roster = tmp_path / "r.csv"
    write_roster(roster, [("Kim Ode", "", "chronic_low_back", "2026-11-23")])
    result = run("batch", roster, "--language", "es")
    assert result.exit_code == 2
    assert "language column" in result.output


def test_copies_are_for_walk_ins_only(tmp_path):
    """A roster with --copies 3 printed one packet a row without a word."""
    roster = tmp_path / "r.csv"
    write_roster(roster, [("Kim Ode", "", "chronic_low_back", "2026-11-23")])
    result = run("batch", roster, "--copies", 3, "--out-dir", tmp_path / "out")
    assert result.exit_code == 2
    assert "--copies is for walk-in packets (with --protocol)" in result.output
    assert not (tmp_path / "out").exists()


def test_a_roster_and_a_protocol_together_are_told_as_both(tmp_path):
    """"give a ROSTER file, or --protocol with --copies" was said to one who gave both."""
    roster = tmp_path / "r.csv"
    write_roster(roster, [("Kim Ode", "", "chronic_low_back", "2026-11-23")])
    result = run("batch", roster, "--protocol", "chronic_low_back", "--copies", 2)
    assert result.exit_code == 2
    assert "give a ROSTER file, or --protocol with --copies, not both" in result.output


def test_yaml_roster(tmp_path):
    roster = tmp_path / "r.yaml"
    roster.write_text("- patient: {name: Kim Ode}\n  protocol: chronic_low_back\n"
                      "  date: 2026-11-23\n"
                      "- patient: {name: Lu Park}\n  exercises: [child_pos]\n", encoding="utf-8")
    result = run("batch", roster, "--out-dir", tmp_path / "out", "--quiet")
    assert result.exit_code == 1
    assert [p.name for p in (tmp_path / "out").glob("*.pdf")] == ["2026-11-23_kim-ode.pdf"]
    assert f"{roster}:4: row 2: line 5: exercises[1]: unknown exercise" in result.stderr
    # a row that is no program, and a problem on the row's own line: said once, plainly
    roster.write_text("- 5\n- {}\n", encoding="utf-8")
    result = run("batch", roster, "--out-dir", tmp_path / "out", "--quiet")
    assert result.stderr.splitlines() == [
        f"error: {roster}:1: row 1: expected a program (patient:, exercises: ...), got the "
        "number 5",
        f'error: {roster}:2: row 2: patient: "patient" is required but missing; add it, e.g. '
        "patient: {name: Jane Doe}"]


def test_a_tag_in_a_yaml_roster_row_is_that_row_s_problem(tmp_path):
    """A tag on a value (found by fuzzing) was dropped without a word and the row printed
    for "Lu Park"; it is the row's one line, as in a program file, and the other row prints."""
    roster = tmp_path / "r.yaml"
    roster.write_text("- patient: {name: Kim Ode}\n  protocol: chronic_low_back\n"
                      "  date: 2026-11-23\n"
                      "- patient:\n    name: !!python/object:os.system Lu Park\n"
                      "  protocol: chronic_low_back\n", encoding="utf-8")
    result = run("batch", roster, "--out-dir", tmp_path / "out", "--quiet")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"error: {roster}:4: row 2: line 5: patient.name: the tag !!python/object:os.system "
        "is not allowed; remove it"]
    [pdf] = (tmp_path / "out").glob("*.pdf")
    assert pdf.name == "2026-11-23_kim-ode.pdf"
    assert "Kim Ode" in flat_texts(pdf.read_bytes())[0]


def test_a_roster_date_that_is_no_date_is_quoted_as_typed_with_how_it_was_read(tmp_path, ws):
    """03/12/2026 is read in the clinic's order; one that is no date in that order is told
    as the cell says it, not as the YYYY-MM-DD it was turned into."""
    roster = write_roster(tmp_path / "r.csv", [
        ("Avery Abbott", "", "chronic_low_back", "13/13/2026"),
        ("Blake Brennan", "", "chronic_low_back", "31/12/2026"),
        ("Casey Castillo", "", "chronic_low_back", "12/31/2026")])
    result = run("batch", roster, "--out-dir", tmp_path / "out", "--quiet")
    us = ("is not a date read month first (MM/DD/YYYY, as this clinic reads dates; a locale "
          "such as en-GB in clinic.yaml reads them day first); write it as YYYY-MM-DD "
          "(e.g. 2026-11-23)")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f'error: {roster}:2: row 1: "date": "13/13/2026" {us}',
        f'error: {roster}:3: row 2: "date": "31/12/2026" {us}']
    assert [p.name for p in (tmp_path / "out").glob("*.pdf")] == [
        "2026-12-31_casey-castillo.pdf"]
    rows = list(api.load_roster(roster, ws.library, day_first=True).rows)
    assert rows[1].program.date.isoformat() == "2026-12-31"
    assert rows[2].problem == ('"date": "12/31/2026" is not a date read day first (DD/MM/YYYY, '
                               "as this clinic's locale reads dates); write it as YYYY-MM-DD "
                               "(e.g. 2026-11-23)")


def test_each_warning_is_said_once_after_the_row_it_is_about(tmp_path, library_copy):
    """A packet's file and the merged file say the same of it: once, after its row, as a
    problem is; a warning every row gives (a picture missing) is one line, not one a row."""
    ws = library_copy("exercises.yaml", lambda data: None)
    (Path(ws.library_path).parent / "images" / "child_pose.figure.yaml").unlink()
    roster = write_roster(tmp_path / "r.csv", [
        ("Avery Abbott", "", "chronic_low_back", "2026-11-23"),
        ("Li\nWei", "", "chronic_low_back", "2026-11-23"),
        ("Casey Castillo", "", "chronic_low_back", "2026-11-23"),
        ("Devon Dorsey", "", "chronic_low_back", "2026-11-23"),
        ("Emery\tEllison", "", "chronic_low_back", "2026-11-23")])
    picture = (f"{Path(ws.library_path).parent / 'images' / 'child_pose.figure.yaml'}: file "
               "not found; exercise child_pose gets a placeholder instead of its picture")
    expected = [f"warning: {roster}:2: row 1 and 4 other rows: {picture}",
                f"warning: {roster}:3: rows 2 and 5: patient.name: had a line break or "
                "control character; printed without it"]
    for options in (["--out-dir", tmp_path / "out", "--merge", tmp_path / "all.pdf"],
                    ["--merge", tmp_path / "only.pdf"]):
        result = run("batch", roster, *options, "--quiet", "--jobs", 1,
                     "--library", ws.library_path, "--clinic", ws.clinic_path)
        assert result.exit_code == 0, result.output
        assert result.stderr.splitlines() == expected


def _signal_self_on(monkeypatch, target, attribute, call: int, *, after: bool = False):
    """Ctrl-C, as the batch's own process receives it, at the ``call``-th call of
    ``target.attribute`` (before it runs, or ``after``): a point in the batch, not a time."""
    import signal

    original = getattr(target, attribute)
    calls = []

    def wrapped(*args, **kwargs):
        calls.append(1)
        if len(calls) == call and not after:
            signal.raise_signal(signal.SIGINT)
        result = original(*args, **kwargs)
        if len(calls) == call and after:
            signal.raise_signal(signal.SIGINT)
        return result

    monkeypatch.setattr(target, attribute, wrapped)
    return calls


def test_ctrl_c_during_a_merge_only_batch_stops_it_and_leaves_no_merged_file(tmp_path,
                                                                           monkeypatch):
    """Asked to stop while the print file is laid out, the batch stops before the next
    packet and writes nothing, and says so truthfully: there are no packet files for
    --skip-existing to leave."""
    from handouts.render import layout

    roster = write_roster(tmp_path / "r.csv", [(n, "", "chronic_low_back", "2026-11-23")
                                               for n in names(6)])
    laid_out = _signal_self_on(monkeypatch, layout, "build", 2)
    result = run("batch", roster, "--merge", tmp_path / "all.pdf", "--quiet")
    assert (result.exit_code, result.stderr) == (
        130, "\nstopped: nothing was merged; run the batch again\n")
    assert len(laid_out) == 2  # stopped before the third packet was laid out
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.csv"]


def test_ctrl_c_once_the_merged_file_is_written_is_a_batch_that_finished(tmp_path,
                                                                         monkeypatch):
    from handouts import batch as runner

    roster = write_roster(tmp_path / "r.csv", [(n, "", "chronic_low_back", "2026-11-23")
                                               for n in names(3)])
    _signal_self_on(monkeypatch, runner, "write_new_or_found", 1, after=True)
    merged = tmp_path / "all.pdf"
    result = run("batch", roster, "--merge", merged, "--quiet")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.startswith(f"merged 3 packets into {merged} (")
    assert len(flat_texts(merged.read_bytes())) > 3
