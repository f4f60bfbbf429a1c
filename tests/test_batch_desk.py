"""What a front desk gives batch as it comes: a roster listing a patient twice, names in
"First Name" and "Last Name" columns, program files dragged in together; and the merged
print file of packets in several languages, read back from the PDF."""

from pathlib import Path

import pypdf
from click.testing import CliRunner
from pypdf.generic import ContentStream

from conftest import page_texts, reader
import handouts as api
from handouts.cli import main


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def packets_in(data: bytes) -> list[str]:
    """The patient each packet of a merged file is for, from its bookmarks, in print order."""
    return [entry.title.split(". ", 1)[1] for entry in reader(data).outline]


def test_a_patient_listed_twice_gets_one_packet_and_the_desk_is_told(tmp_path):
    roster = tmp_path / "today.csv"
    roster.write_text("name,dob,program,date\n"
                      "Quill Twice,1950-02-03,chronic_low_back,2026-11-23\n"
                      "Bo Once,,chronic_low_back,2026-11-23\n"
                      "Quill Twice,1950-02-03,chronic_low_back,2026-11-23\n",
                      encoding="utf-8")
    merged = tmp_path / "today.pdf"
    result = run("batch", roster, "--out-dir", tmp_path / "out", "--merge", merged, "--quiet")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        f"warning: {roster}:4: row 3 is the same patient and program as row 1 (line 2); one "
        "packet is made for both"]
    assert sorted(p.name for p in (tmp_path / "out").glob("*.pdf")) == [
        "2026-11-23_bo-once.pdf", "2026-11-23_quill-twice.pdf"]
    assert packets_in(merged.read_bytes()) == ["Quill Twice", "Bo Once"]
    assert sum("Page 1 of" in text for text in page_texts(merged.read_bytes())) == 2
    assert "1 row the same as an earlier one (one packet for both)" in result.stdout
    # and the record has the handout once, not twice
    history = run("history", "Quill Twice")
    assert history.exit_code == 0, history.output
    assert sum(" batch " in line for line in history.stdout.splitlines()) == 1


def test_a_name_alone_twice_is_printed_twice_and_the_desk_is_told(tmp_path):
    """Nothing tells the rows apart: it may be two patients of one name, so neither is sent
    home without a packet; the desk is told, to give one away if it is one patient."""
    roster = tmp_path / "today.csv"
    roster.write_text("name,program,date\n"
                      "Sam Twice,chronic_low_back,2026-11-23\n"
                      "Bo Once,chronic_low_back,2026-11-23\n"
                      "Sam Twice,chronic_low_back,2026-11-23\n", encoding="utf-8")
    for options in (["--out-dir", tmp_path / "out", "--merge", tmp_path / "all.pdf"],
                    ["--merge", tmp_path / "only.pdf"]):
        result = run("batch", roster, *options, "--quiet")
        assert result.exit_code == 0, result.output
        assert result.stderr.splitlines() == [
            f"warning: {roster}:4: row 3: the same name and program as row 1 (line 2), and no "
            "date of birth, number or email to tell them apart: both are printed, in case "
            "they are two patients"]
        assert packets_in(Path(options[-1]).read_bytes()) == ["Sam Twice", "Bo Once",
                                                              "Sam Twice"]


def test_the_rows_notes_come_in_row_order(tmp_path):
    """A repeat at row 2 and a name alone twice at rows 3 and 4: the row-4 note was said
    before the row-2 line, and the desk reads them top to bottom beside the roster."""
    roster = tmp_path / "today.csv"
    roster.write_text("name,dob,program,date\n"
                      "Quill Twice,1950-02-03,chronic_low_back,2026-11-23\n"
                      "Quill Twice,1950-02-03,chronic_low_back,2026-11-23\n"
                      "Sam Twice,,chronic_low_back,2026-11-23\n"
                      "Sam Twice,,chronic_low_back,2026-11-23\n"
                      "Bo Once,,chronic_low_back,2026-11-23\n"
                      "Bo Once,,chronic_low_back,2026-11-23\n", encoding="utf-8")
    merged = tmp_path / "today.pdf"
    result = run("batch", roster, "--merge", merged, "--quiet")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        f"warning: {roster}:3: row 2 is the same patient and program as row 1 (line 2); one "
        "packet is made for both",
        f"warning: {roster}:5: row 4: the same name and program as row 3 (line 4), and no "
        "date of birth, number or email to tell them apart: both are printed, in case "
        "they are two patients",
        f"warning: {roster}:7: row 6: the same name and program as row 5 (line 6), and no "
        "date of birth, number or email to tell them apart: both are printed, in case "
        "they are two patients"]
    assert packets_in(merged.read_bytes()) == ["Quill Twice", "Sam Twice", "Sam Twice",
                                               "Bo Once", "Bo Once"]


def test_two_patients_of_one_name_told_apart_still_get_a_packet_each(tmp_path):
    roster = tmp_path / "today.csv"
    roster.write_text("name,dob,program,date\n"
                      "Rae Same,1950-02-03,chronic_low_back,2026-11-23\n"
                      "Rae Same,1971-08-09,chronic_low_back,2026-11-23\n", encoding="utf-8")
    result = run("batch", roster, "--merge", tmp_path / "today.pdf", "--quiet")
    assert result.exit_code == 0, result.output
    assert "same patient and program" not in result.stderr
    assert packets_in((tmp_path / "today.pdf").read_bytes()) == ["Rae Same", "Rae Same"]


def test_first_and_last_name_columns_make_the_name(tmp_path):
    for header in ("First Name,Last Name", "Given name;Surname", "first,last"):
        sep = ";" if ";" in header else ","
        roster = tmp_path / "today.csv"
        roster.write_text(sep.join([header.split(sep)[0], header.split(sep)[1], "Protocol",
                                    "Date"]) + "\n"
                          + "\n".join(sep.join(row) for row in [
                              ("Ana", "Pérez", "chronic_low_back", "2026-11-23"),
                              ("", "Okafor", "chronic_low_back", "2026-11-23"),
                              ("Li", "", "chronic_low_back", "2026-11-23")]) + "\n",
                          encoding="utf-8")
        out = tmp_path / header.replace(";", "-").replace(",", "-").replace(" ", "")
        result = run("batch", roster, "--out-dir", out, "--quiet")
        assert result.exit_code == 0, (header, result.output)
        assert result.stderr == "", header
        found = {p.name: page_texts(p.read_bytes())[0] for p in out.glob("*.pdf")}
        assert sorted(found) == ["2026-11-23_ana-perez.pdf", "2026-11-23_li.pdf",
                                 "2026-11-23_okafor.pdf"], header
        assert "For: Ana Pérez" in found["2026-11-23_ana-perez.pdf"]
        assert "For: Okafor" in found["2026-11-23_okafor.pdf"]


def test_a_name_column_beside_first_and_last_is_the_one_used_and_that_is_said(tmp_path):
    roster = tmp_path / "today.csv"
    roster.write_text("Patient Name,First,Last,Program,Date\n"
                      "Ana Pérez,Ana,Perez,chronic_low_back,2026-11-23\n", encoding="utf-8")
    result = run("batch", roster, "--out-dir", tmp_path / "out", "--quiet")
    assert result.exit_code == 0, result.output
    assert result.stderr == (f'warning: {roster}:1: the name is taken from the "Patient Name" '
                             'column; "First" and "Last" are ignored\n')


def test_a_first_name_alone_is_no_name_column(tmp_path):
    roster = tmp_path / "today.csv"
    roster.write_text("First,Program\nAna,chronic_low_back\n", encoding="utf-8")
    result = run("batch", roster, "--out-dir", tmp_path / "out", "--quiet")
    assert result.exit_code == 1
    # an English roster is told the English headings (not the Spanish ones too)
    assert result.stderr == (f"error: {roster}:1: the roster needs a column for the patient's "
                             'name; found: First, Program; known: "name", "patient", "patient '
                             'name", or "first name" and "last name"\n')
    roster.write_text("Nombre de pila,Programa\nAna,chronic_low_back\n", encoding="utf-8")
    result = run("batch", roster, "--out-dir", tmp_path / "out", "--quiet")
    assert result.exit_code == 1
    # one plain line: "apellido(s)" was in brackets of the message's own
    assert result.stderr == (f"error: {roster}:1: the roster needs a column for the patient's "
                             'name; found: Nombre de pila, Programa; known: in Spanish: '
                             '"nombre", "paciente", "nombre completo", or "nombre" and '
                             '"apellido(s)"; in English: "name", "patient", "patient name", or '
                             '"first name" and "last name"\n')


def _languages_marked(page) -> list[str]:
    """The /Lang of each marked-content sequence on the page, as a PDF reader parses them."""
    operations = ContentStream(page.get_contents(), page.pdf).operations
    return [str(operands[1]["/Lang"]) for operands, operator in operations
            if operator == b"BDC" and "/Lang" in operands[1]]


def test_a_print_file_of_spanish_and_english_packets_claims_no_one_language(tmp_path):
    roster = tmp_path / "today.csv"
    roster.write_text("name,program,language,date\n"
                      "Ana Pérez,chronic_low_back,es,2026-11-23\n"
                      "Bo Lee,chronic_low_back,en,2026-11-23\n", encoding="utf-8")
    merged = tmp_path / "today.pdf"
    result = run("batch", roster, "--out-dir", tmp_path / "out", "--merge", merged,
                 "--duplex", "--quiet")
    assert result.exit_code == 0, result.output
    pdf = pypdf.PdfReader(merged)
    assert "/Lang" not in pdf.trailer["/Root"]
    assert pdf.metadata.title == "Home exercise program"  # the clinic's language, English
    owners = []
    for page, text in zip(pdf.pages, page_texts(merged.read_bytes()), strict=True):
        owners.append("es" if "Ana Pérez" in text else "en" if "Bo Lee" in text else None)
        assert _languages_marked(page) == [owners[-1]], text[:80]
    assert owners[0] == "es" and owners[-1] == "en"
    # a packet's own file is in one language, says so, and is as it was (no marks)
    for name, language in (("ana-perez", "es"), ("bo-lee", "en")):
        alone = pypdf.PdfReader(tmp_path / "out" / f"2026-11-23_{name}.pdf")
        assert alone.trailer["/Root"]["/Lang"] == language
        assert all(_languages_marked(page) == [] for page in alone.pages)


def _program(path: Path, name: str, extra: str = "protocol: chronic_low_back\n") -> Path:
    path.write_text(f"patient:\n  name: {name}\n  number: '0042'\ndate: 2026-11-23\n{extra}",
                    encoding="utf-8")
    return path


def test_several_program_files_are_a_roster_of_them_in_the_order_given(tmp_path):
    first = _program(tmp_path / "zoe.yaml", "Zoe Adams")
    bad = _program(tmp_path / "bad.yaml", "Bad File",
                   "exercises:\n  - child_pose\n  - child_pos\n")
    second = _program(tmp_path / "al.yaml", "Al Brown")
    again = _program(tmp_path / "zoe-again.yaml", "Zoe Adams")
    merged = tmp_path / "today.pdf"
    result = run("batch", first, bad, second, again, "--merge", merged, "--quiet")
    assert result.exit_code == 1
    assert packets_in(merged.read_bytes()) == ["Zoe Adams", "Al Brown"]
    assert result.stderr.splitlines() == [  # in the order the files were given
        f'error: {bad}:7: exercises[2]: unknown exercise "child_pos" in exercises.yaml; '
        'did you mean "child_pose"?',
        f"warning: {again} is the same patient and program as {first}; one packet is made "
        "for both"]
    assert "merged 2 packets" in result.stdout and "1 failed" in result.stdout


def test_a_roster_among_several_files_is_one_line_saying_what_batch_takes(tmp_path):
    program = _program(tmp_path / "zoe.yaml", "Zoe Adams")
    roster = tmp_path / "today.csv"
    roster.write_text("name,program\nAl Brown,chronic_low_back\n", encoding="utf-8")
    result = run("batch", program, roster, "--merge", tmp_path / "today.pdf")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        f'Error: "{roster}": give one roster, or several program files (.yaml); for several '
        "rosters, run batch once for each")
    assert not (tmp_path / "today.pdf").exists()


def test_a_warning_several_program_files_give_names_the_files(tmp_path):
    """Program files given together are rows of no roster: a warning two of them gave was
    said as "a.yaml: rows 1 and 2: …" (one file named, files called rows); four, as
    "a.yaml: and 3 other rows: …". It names the files."""
    from test_library_language import clinic

    home = clinic(tmp_path)
    files = []
    for name in ("Ann Able", "Ben Baker", "Cy Cole", "Di Dunn"):
        path = tmp_path / f"{name.split()[0].lower()}.yaml"
        path.write_text(f"patient: {{name: {name}}}\ndate: 2026-11-23\nlanguage: en\n"
                        "exercises: [respiration]\n", encoding="utf-8")
        files.append(path)
    drawing = "images/respiration.figure.yaml: no English words in its drawing"
    for given, named in ((files[:2], f"{files[0]} and {files[1]}"),
                         (files, f"{files[0]} and 3 other files")):
        result = run("--home", home, "batch", *given, "--merge", tmp_path / "out.pdf")
        assert result.exit_code == 0, result.output
        said = [line for line in result.stderr.splitlines() if drawing in line]
        assert said and said[0].startswith(f"warning: {named}: {drawing}"), said


def test_a_us_scheduling_export_s_provider_appt_date_and_mrn_are_read(tmp_path, ws):
    """Its "Appt Date", "Provider" and "MRN" were ignored as unknown columns: every packet
    was dated today (or its template's day) with no therapist, and two patients of one name
    were told apart by date of birth alone."""
    roster = tmp_path / "monday.csv"
    roster.write_text(
        "Patient First Name,Patient Last Name,DOB,MRN,Appt Date,Provider,Protocol\n"
        'Rae,Example,03/14/1955,100300,12/07/2026,"Dave Candy, PT",chronic_low_back\n',
        encoding="utf-8")
    out = tmp_path / "out"
    result = run("batch", roster, "--out-dir", out, "--quiet")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    [pdf] = out.glob("*.pdf")
    assert pdf.name == "2026-12-07_rae-example.pdf"
    first = page_texts(pdf.read_bytes())[0]
    assert "December 7, 2026" in first and "Dave Candy, PT" in first
    [row] = api.load_roster(roster, ws.library).rows
    assert (str(row.program.patient.dob), row.program.patient.number) == ("1955-03-14", "100300")
