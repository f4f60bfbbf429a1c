"""Every command-line shell records what it issues: build and batch, read back from the
database itself (the email and web shells: in test_email_recorded.py, test_web_history.py and
test_web_packets.py)."""

from __future__ import annotations

import csv
import getpass
import hashlib
import re
from pathlib import Path

import pytest

from conftest import page_texts, reader
from test_record import clinic  # noqa: F401 - the fixture, shared


def handout_ids(pdf: bytes) -> list[str]:
    """The ids a PDF says it holds (its keywords), read back from the file."""
    keywords = reader(pdf).metadata["/Keywords"]
    return [k.removeprefix("handout:") for k in keywords.split()]


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_build_records_a_printed_handout(clinic, database):
    path = clinic.program(dob="1961-04-30", number="004512")
    result = clinic.run("build", str(path), "-o", "jane.pdf")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    pdf = (clinic.root / "jane.pdf").read_bytes()
    result = clinic.run("build", "--patient", "Walter Ng", "--exercise", "child_pose",
                        "--date", "2026-11-24", "--layout", "large_print", "-o", "walter.pdf")
    assert result.exit_code == 0, result.output
    walter = (clinic.root / "walter.pdf").read_bytes()
    assert database.rows(clinic.root) == [
        (*handout_ids(pdf), "Jane Doe", "1961-04-30", "004512", "1", "2026-11-23", "printed",
         getpass.getuser(), sha(pdf)),
        (*handout_ids(walter), "Walter Ng", None, None, "1", "2026-11-24", "printed",
         getpass.getuser(), sha(walter))]
    # the layout given on the command line is part of what was printed
    result = clinic.run("reprint", *handout_ids(walter), "-o", "again.pdf")
    assert (clinic.root / "again.pdf").read_bytes() == walter


def roster(clinic, rows) -> str:
    path = clinic.root / "today.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(("name", "program", "date", "dob", "number"))
        writer.writerows(rows)
    return str(path)


ROWS = [("Jane Doe", "chronic_low_back", "2026-11-23", "1961-04-30", ""),
        ("Jane Doe", "chronic_low_back", "2026-11-23", "", "4512"),
        ("Bad Row", "no_such_protocol", "2026-11-23", "", ""),
        ("Walter Ng", "chronic_low_back", "2026-11-23", "1950-02-03", "")]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_batch_records_each_packet_it_built_and_not_the_bad_row(clinic, database, jobs):
    result = clinic.run("batch", roster(clinic, ROWS), "--out-dir", "packets", "--jobs", jobs)
    assert result.exit_code == 1  # the bad row
    files = sorted((clinic.root / "packets").glob("*.pdf"))
    pdfs = {f.name: f.read_bytes() for f in files}
    rows = database.rows(clinic.root)
    assert [(r[1], r[2], r[3], r[6]) for r in rows] == [
        ("Jane Doe", "1961-04-30", None, "batch"), ("Jane Doe", None, "4512", "batch"),
        ("Walter Ng", "1950-02-03", None, "batch")]
    assert [r[8] for r in rows] == [sha(pdfs["2026-11-23_jane-doe.pdf"]),
                                    sha(pdfs["2026-11-23_jane-doe-2.pdf"]),
                                    sha(pdfs["2026-11-23_walter-ng.pdf"])]
    assert [r[0] for r in rows] == [handout_ids(pdfs[n])[0] for n in (
        "2026-11-23_jane-doe.pdf", "2026-11-23_jane-doe-2.pdf", "2026-11-23_walter-ng.pdf")]


def test_a_merged_print_file_records_each_patient_once(clinic, database):
    good = [r for r in ROWS if r[0] != "Bad Row"]
    result = clinic.run("batch", roster(clinic, good), "--merge", "all.pdf")
    assert result.exit_code == 0, result.output
    merged = (clinic.root / "all.pdf").read_bytes()
    rows = database.rows(clinic.root)
    assert [r[0] for r in rows] == handout_ids(merged)
    # no checksum: the merged file is not any one handout's PDF; reprint still makes it alone
    assert {r[8] for r in rows} == {None}
    result = clinic.run("reprint", rows[2][0], "-o", "walter.pdf")
    assert result.exit_code == 0
    assert "the record has no checksum" in result.output
    assert handout_ids((clinic.root / "walter.pdf").read_bytes()) == [rows[2][0]]

    # files and a merged file in one run: each patient is recorded once, with the file's hash
    clinic.run("forget", "Walter Ng", "--yes")
    result = clinic.run("batch", roster(clinic, good[2:]), "--merge", "w.pdf", "--out-dir", "w")
    assert [r[8] for r in database.rows(clinic.root) if r[1] == "Walter Ng"] == [
        sha((clinic.root / "w" / "2026-11-23_walter-ng.pdf").read_bytes())]


def test_walk_in_packets_belong_to_no_one_and_are_not_recorded(clinic, database):
    result = clinic.run("batch", "--protocol", "chronic_low_back", "--copies", "2",
                        "--out-dir", "walk-ins")
    assert result.exit_code == 0, result.output
    clinic.run("build", str(clinic.program()), "-o", "one.pdf")  # so the record exists
    assert [r[1] for r in database.rows(clinic.root)] == ["Jane Doe"]
    # the id on a walk-in packet's page, looked up: said why it is not there
    packet = sorted((clinic.root / "walk-ins").glob("*.pdf"))[0]
    [printed] = {m.group(1) for page in page_texts(packet.read_bytes())
                 for m in [re.search(r"Handout (\S{4}-\S{4})", page)] if m}
    result = clinic.run("find", printed)
    assert result.exit_code == 1
    assert result.stderr == (f"error: {printed}: no handout with this id in the record (a "
                             "walk-in packet, made with batch --protocol, is never recorded)\n")


def test_a_build_when_the_database_is_down_says_so_and_why_in_one_line(clinic, monkeypatch):
    monkeypatch.setenv("HANDOUTS_DATABASE_URL", "postgresql://desk:pw-42@127.0.0.1:9/x")
    result = clinic.run("build", str(clinic.program()), "-o", "jane.pdf")
    assert result.exit_code == 0
    assert (clinic.root / "jane.pdf").is_file()
    waits = ("warning: recorded later: the record cannot be reached, so this handout waits on "
             "this computer until it can be ({} in records/pending.json)")
    assert result.stderr == (waits.format("1 handout waits") + "; the database is unavailable "
                             "(postgresql+psycopg://desk:***@127.0.0.1:9/x): connection failed: "
                             'connection to server at "127.0.0.1", port 9 failed: Connection '
                             "refused\n")
    # the next builds of a day away: how many wait, not the URL and the driver's words again
    for waiting in (2, 3):
        result = clinic.run("build", str(clinic.program()), "-o", f"jane-{waiting}.pdf")
        assert result.exit_code == 0
        assert result.stderr == waits.format(f"{waiting} handouts wait") + "\n"


def test_a_database_url_that_is_not_one_says_what_to_write(clinic, monkeypatch):
    monkeypatch.setenv("HANDOUTS_DATABASE_URL", "mysql://desk:pw-42@db/handouts")
    result = clinic.run("build", str(clinic.program()), "-o", "jane.pdf")
    assert result.exit_code == 0 and (clinic.root / "jane.pdf").is_file()
    said = ("HANDOUTS_DATABASE_URL: mysql databases are not supported; use sqlite:///FILE or "
            "postgresql://USER@HOST/DATABASE")
    assert result.stderr == f"warning: recorded later: {said}\n"
    assert (clinic.root / "records" / "pending.json").is_file()
    result = clinic.run("history", "Jane Doe")
    assert result.exit_code == 1 and result.stderr == f"error: {said}\n"


QUERY_URL = ("postgresql://desk@127.0.0.1:9/x?password=QueryPw2&sslmode=prefer"
             "&sslpassword=KeyPw3")
MASKED = "postgresql+psycopg://desk@127.0.0.1:9/x?password=***&sslmode=prefer&sslpassword=***"


def test_a_password_in_the_urls_query_string_is_masked_too(clinic, monkeypatch):
    monkeypatch.setenv("HANDOUTS_DATABASE_URL", QUERY_URL)
    result = clinic.run("history", "Jane Doe")
    assert result.exit_code == 1 and result.stderr.count("\n") == 1
    assert f"cannot read it (the database is unavailable ({MASKED}): " in result.stderr
    assert "Pw" not in result.stderr
    result = clinic.run("backup")
    assert result.stderr == (f"error: the record is kept in {MASKED}: back it up with the "
                             "database server's own tools (pg_dump)\n")
    with open(clinic.root / "clinic.yaml", "a") as f:
        f.write("backup_folder: usb\n")
    result = clinic.run("check")
    assert f"backup_folder: not used, as the record is kept in {MASKED};" in result.stderr
    result = clinic.run("build", str(clinic.program()), "-o", "jane.pdf")
    assert result.stderr.startswith("warning: recorded later: the record cannot be reached")
    assert f"; the database is unavailable ({MASKED}): " in result.stderr
    assert result.stderr.count("\n") == 1 and "Pw" not in result.stderr
    assert "Pw" not in (clinic.root / "records" / "pending.json").read_text()


def test_a_drivers_message_never_prints_a_secret_of_the_url():
    from handouts.record.where import Where, mask

    where = Where("postgresql+psycopg://desk:Pw%2F1@db/x?password=Q%26Pw2&passwrd=Pw3", Path())
    said = where.said('FATAL: password "Pw/1" or "Q&Pw2" or Q%26Pw2 or Pw3 is wrong')
    assert said == 'FATAL: password "***" or "***" or *** or *** is wrong'
    assert mask(where.url) == "postgresql+psycopg://desk:***@db/x?password=***&passwrd=***"


def test_a_password_in_clinic_yamls_query_string_is_refused_and_never_shown(clinic):
    path = clinic.root / "clinic.yaml"
    path.write_text(path.read_text() + "database_url: postgresql://desk@db/x?sslpassword=Pw9\n")
    result = clinic.run("history", "Jane Doe")
    assert result.exit_code == 1 and "Pw9" not in result.output
    assert "database_url: never put the password in a file" in result.stderr


def test_a_url_sqlalchemy_cannot_read_says_so_in_one_line(clinic, monkeypatch):
    monkeypatch.setenv("HANDOUTS_DATABASE_URL", "postgresql://db/x?port=fifty&password=Pw4")
    said = ("the database URL cannot be used (postgresql+psycopg://db/x?password=***&port=fifty)"
            ": Received non-integer port arguments: ('fifty',); correct HANDOUTS_DATABASE_URL "
            "or clinic.yaml's database_url")
    result = clinic.run("history", "Jane Doe")
    assert result.exit_code == 1 and result.stderr == f"error: {said}\n"
    result = clinic.run("build", str(clinic.program()), "-o", "jane.pdf")
    assert result.exit_code == 0 and result.stderr == f"warning: recorded later: {said}\n"


def test_a_port_that_is_no_number_is_one_line_and_the_handout_is_still_built(clinic,
                                                                             monkeypatch):
    monkeypatch.setenv("HANDOUTS_DATABASE_URL", "postgresql://desk:Secret9@db:abc/x")
    said = ("HANDOUTS_DATABASE_URL: not a database URL; write sqlite:///FILE or "
            "postgresql://USER@HOST/DATABASE")
    result = clinic.run("history", "Jane Doe")
    assert result.exit_code == 1 and result.stderr == f"error: {said}\n"
    result = clinic.run("build", str(clinic.program()), "-o", "jane.pdf")
    assert result.exit_code == 0 and "Secret9" not in result.output
    assert result.stderr == f"warning: recorded later: {said}\n"


def test_reprint_names_the_file_it_wrote_and_never_writes_beside_the_clinics_files(clinic):
    built, _ = clinic.issue(clinic.program())
    ident = built.handout.handout_id
    taken = clinic.root / "out" / "2026-11-23_jane-doe.pdf"
    taken.parent.mkdir()
    taken.write_bytes(b"%PDF-1.4 another patient's handout")
    result = clinic.run("reprint", ident)
    assert result.exit_code == 0, result.output
    wrote = Path("out") / "2026-11-23_jane-doe-2.pdf"
    assert result.stdout.startswith(f"wrote {wrote} (")
    assert f"({Path('out') / taken.name} holds another handout): the same bytes" in result.stdout
    assert (clinic.root / wrote).read_bytes() == built.pdf
    assert taken.read_bytes() == b"%PDF-1.4 another patient's handout"

    (clinic.root / "protocols.local.yaml").write_text("protocols: []\n")
    for name in ("clinic.yaml", "exercises.yaml", "protocols.local.yaml"):
        before = sorted(p.name for p in clinic.root.iterdir())
        result = clinic.run("reprint", ident, "-o", name)
        assert result.exit_code == 1 and result.stderr == (
            f"error: -o {name}: that is an input file ({clinic.root / name}); writing there "
            "would destroy it. Choose another name\n")
        assert sorted(p.name for p in clinic.root.iterdir()) == before


def test_a_reprint_is_a_printed_handout_for_a_shared_print_folder(clinic):
    import stat

    with open(clinic.root / "clinic.yaml", "a") as f:
        f.write("shared_print_folder: true\n")
    built, _ = clinic.issue(clinic.program())
    result = clinic.run("reprint", built.handout.handout_id)
    assert result.exit_code == 0, result.output
    path = clinic.root / "out" / "2026-11-23_jane-doe.pdf"
    assert stat.S_IMODE(path.stat().st_mode) == 0o644  # as build writes it there
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o755


def test_a_merged_file_that_cannot_be_written_leaves_the_packets_built_recorded(
        clinic, database, monkeypatch):
    """The disk fills (or the folder is read-only) as the merged file is written: each
    packet file already built is recorded (a later --skip-existing leaves them, and would
    never record them), the summary says what there is, and one line names the file the
    user gave, not the temporary one beside it."""
    import errno
    import os

    from handouts import files

    real = files._temporary

    def full_disk(path, data, modes):
        if path.name == "all.pdf":
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC),
                          str(path.parent / ".all.pdf.m8da6rzt.part"))
        return real(path, data, modes)

    monkeypatch.setattr(files, "_temporary", full_disk)
    two = [ROWS[0], ROWS[3]]
    result = clinic.run("batch", roster(clinic, two), "--out-dir", "packets", "--merge",
                        "all.pdf", "--jobs", "1", "--quiet")
    assert result.exit_code == 1
    assert result.stderr == ("error: all.pdf: cannot write the merged file: "
                             f"{os.strerror(errno.ENOSPC)}\n")
    assert result.stdout == "built 2 of 2 packets in packets/; nothing merged.\n"
    pdfs = sorted((clinic.root / "packets").glob("*.pdf"))
    assert sorted(r[8] for r in database.rows(clinic.root)) == sorted(
        sha(p.read_bytes()) for p in pdfs)
    assert len(pdfs) == 2 and not (clinic.root / "all.pdf").exists()


def test_reprint_with_a_cache_folder_it_cannot_write_leaves_no_temporary_folder(
        clinic, monkeypatch, tmp_path):
    """A cache folder that is read-only or damaged (here a file where its as-issued folder
    goes: chmod stops no root): the reprint reads what the record kept from a folder of its
    own, and deletes it after, however many times it is made."""
    import tempfile

    built, _ = clinic.issue(clinic.program())
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "as-issued").write_text("not a folder")
    monkeypatch.setenv("HANDOUTS_CACHE_DIR", str(cache))
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))
    for n in (1, 2):
        result = clinic.run("reprint", built.handout.handout_id, "-o", f"copy{n}.pdf")
        assert result.exit_code == 0, result.output
        assert "the same bytes as the handout printed on" in result.stdout
        again = (clinic.root / f"copy{n}.pdf").read_bytes()
        assert again == built.pdf
        assert built.handout.handout_id in page_texts(again)[0]
    assert [p.name for p in temporary.iterdir()] == []


@pytest.mark.parametrize("password, message, said", [
    # found by probing: the password hidden in every word and number it was part of
    ("1", 'connection to server at "127.0.0.1", port 5432 failed: password "1" is wrong',
     'connection to server at "127.0.0.1", port 5432 failed: password "***" is wrong'),
    ("e", "connection failed", "connection failed"),
    ("refused", "Connection refused; password refused", "Connection ***; password ***"),
    ("hunter2", "hunter2x or xhunter2, password hunter2", "hunter2x or xhunter2, password ***"),
])
def test_a_password_is_hidden_where_it_stands_whole_not_in_other_words(password, message,
                                                                        said):
    from handouts.record.where import hide_secrets

    assert hide_secrets(message, f"postgresql://desk:{password}@127.0.0.1/x") == said
