"""A patient's email address is printed nowhere in the handout, so it is no part of the
handout's id: a program printed and then emailed, or emailed again to a corrected address,
is one handout and one visit in ``history``. The outbox tells its messages apart by address
too: a corrected address gets its message, and "already sent" means the same handout went
to the same address. Real SMTP servers on loopback (aiosmtpd), made-up patients."""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import re

from click.testing import CliRunner

import handouts as api
from handouts import identity
from handouts.cli import main

from conftest import page_texts
from test_email import attachment
from test_email import clinic, servers  # noqa: F401 (fixtures)
from test_web import start_program
from web_mail import desk, web_mail  # noqa: F401 (fixture)


def run(clinic, *args):
    """A command that takes no --outbox (build, history), on the test clinic."""
    return CliRunner().invoke(main, [*args, "--library", str(clinic.root / "exercises.yaml"),
                                     "--clinic", str(clinic.root / "clinic.yaml")],
                              catch_exceptions=False)


def printed_id(pdf: bytes) -> str:
    [found] = {m for page in page_texts(pdf) for m in re.findall(r"Handout (\w{4}-\w{4})",
                                                                 page)}
    return found


def visits(clinic, name: str) -> list[str]:
    result = run(clinic, "history", name)
    assert result.exit_code == 0, result.output
    return [line for line in result.stdout.splitlines() if line.startswith("visit ")]


def history_ids(clinic, name: str) -> list[str]:
    return re.findall(r"^  (\w{4}-\w{4})  ", run(clinic, "history", name).stdout, re.M)


def test_the_id_leaves_out_the_address_and_the_former_id_still_counts_it(clinic):
    clinic.configure()
    ws = clinic.ws()
    plain = api.build_handout(api.load_program(clinic.program("Kim Lee", None), ws), ws)
    mailed = api.build_handout(api.load_program(clinic.program("Kim Lee", "kim@example.com"),
                                                ws), ws)
    assert mailed.handout.handout_id == plain.handout.handout_id
    assert printed_id(mailed.pdf) == printed_id(plain.pdf) == plain.handout.handout_id
    # the id versions before this one gave, which the record and the outbox know old
    # handouts by, counted it
    assert identity.counted_before(mailed.handout) != identity.counted_before(plain.handout)
    other = dataclasses.replace(mailed.handout, patient_email="kim.lee@example.org")
    assert identity.counted_before(other) != identity.counted_before(mailed.handout)


def test_a_printed_program_emailed_later_is_the_same_handout_and_visit(clinic, servers,
                                                                      database):
    server = servers()
    clinic.configure({"port": server.port})
    program = clinic.program("Kim Lee", None)
    assert run(clinic, "build", str(program), "-o", "kim.pdf").exit_code == 0
    printed = printed_id((clinic.root / "kim.pdf").read_bytes())
    program.write_text(program.read_text().replace(
        "  name: Kim Lee\n", "  name: Kim Lee\n  email: kim.lee@exmapel.com\n"))
    assert clinic.run("email", str(program)).exit_code == 0
    # and to the address corrected: the same handout, the same visit
    program.write_text(program.read_text().replace("exmapel", "example"))
    result = clinic.run("email", str(program))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1].startswith("sent 1,"), result.stdout
    assert "already sent" not in result.stdout
    assert server.mailbox.recipients() == ["kim.lee@exmapel.com", "kim.lee@example.com"]
    for message in server.mailbox.parsed():
        assert printed_id(attachment(message)) == printed
    assert len(visits(clinic, "Kim Lee")) == 1
    assert history_ids(clinic, "Kim Lee") == [printed] * 3


def test_already_sent_means_the_same_handout_to_the_same_address(clinic, servers):
    server = servers()
    clinic.configure({"port": server.port})
    program = clinic.program("Kim Lee", "kim.lee@exmapel.com")
    assert clinic.run("email", str(program)).exit_code == 0
    program.write_text(program.read_text().replace("exmapel", "example"))
    assert clinic.run("email", str(program)).stdout.splitlines()[-1].startswith("sent 1,")
    for address in ("example", "exmapel"):  # each address has had it: neither goes again
        program.write_text(re.sub("ex(?:ample|mapel)", address, program.read_text()))
        result = clinic.run("email", str(program))
        assert result.exit_code == 0 and "already sent 1" in result.stdout, result.output
    assert server.mailbox.recipients() == ["kim.lee@exmapel.com", "kim.lee@example.com"]
    assert len(clinic.files("sent")) == 2 and not clinic.files("pending")


def test_a_corrected_address_after_an_unanswered_send_goes(clinic, servers):
    """The message to the wrong address may have gone (the server never answered): the one
    to the corrected address is another message, which goes."""
    server = servers()
    clinic.configure({"port": server.port})
    program = clinic.program("Kim Lee", "kim.lee@exmapel.com")
    assert clinic.run("email", str(program), "--no-send").exit_code == 0
    [first] = clinic.files("pending")
    (clinic.outbox / "uncertain").mkdir()
    for ext in ("eml", "json"):
        first.with_suffix(f".{ext}").rename(clinic.outbox / "uncertain" / f"{first.stem}.{ext}")
    program.write_text(program.read_text().replace("exmapel", "example"))
    result = clinic.run("email", str(program))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1].startswith("sent 1,"), result.output
    assert server.mailbox.recipients() == ["kim.lee@example.com"]


def test_the_web_apps_email_after_a_download_is_the_same_handout_and_visit(
        clinic, web_mail, database):
    server = web_mail()
    b = desk(clinic)
    form = start_program(b, "child_pose", "bridge", name="Kim Lee")
    download = b.post("download", form)
    assert download.status_code == 200 and download.mimetype == "application/pdf"
    for address in ("kim.lee@exmapel.com", "kim.lee@example.com"):
        page = b.post("email", {**form, "patient_email": address})
        text = html.unescape(page.get_data(as_text=True))
        assert f"Sent to {address}" in text and "Already sent" not in text
    page = b.post("email", {**form, "patient_email": "kim.lee@example.com"})
    assert "Already sent to kim.lee@example.com" in html.unescape(page.get_data(as_text=True))
    assert server.mailbox.recipients() == ["kim.lee@exmapel.com", "kim.lee@example.com"]
    for message in server.mailbox.parsed():
        assert printed_id(attachment(message)) == printed_id(download.data)
    assert len(visits(clinic, "Kim Lee")) == 1
    assert history_ids(clinic, "Kim Lee") == [printed_id(download.data)] * 3


def test_the_next_visit_starts_from_the_address_last_given(clinic, servers, database):
    """A visit is one whatever address its handouts went to, and the next visit starts
    from its text: the address corrected, not the first one typed (a typo's stranger would
    get the next visit's handout). A journal's older entry caught up late changes nothing."""
    from handouts import record

    server = servers()
    clinic.configure({"port": server.port})
    program = clinic.program("Kim Lee", "kim.lee@exmapel.com")
    assert clinic.run("email", str(program)).exit_code == 0
    program.write_text(program.read_text().replace("exmapel", "example"))
    assert clinic.run("email", str(program)).exit_code == 0
    assert len(visits(clinic, "Kim Lee")) == 1
    ws = clinic.ws()
    [kim] = record.patients(ws, "Kim Lee")
    assert record.start_from(ws, kim).visit.next_program()["patient"]["email"] == \
        "kim.lee@example.com"
    # an entry of the first address written late (a journal caught up): its time is older
    # than the visit's newest handout's, so the text keeps the address corrected
    old = program.read_text().replace("example", "exmapel")
    program.write_text(old)
    typo = api.load_program(program, ws)
    built = api.build_handout(typo, ws)
    record.issued(ws, record.Issue.of(typo, built), channel="emailed",
                  when=dt.datetime(2020, 1, 1))
    assert len(visits(clinic, "Kim Lee")) == 1
    assert record.start_from(ws, kim).visit.next_program()["patient"]["email"] == \
        "kim.lee@example.com"


def test_confirm_by_id_where_two_addresses_may_have_it_names_their_files(clinic, servers,
                                                                        database):
    """The same handout to a wrong and a corrected address, both unanswered: its id names
    two messages in uncertain/. Confirming by it was "no message has this handout id"."""
    from test_email_once import DropsAfterData

    server = servers(DropsAfterData(every=1))
    clinic.configure({"port": server.port})
    program = clinic.program("Kim Lee", "kim.lee@exmapel.com")
    assert clinic.run("email", str(program)).exit_code == 1
    program.write_text(program.read_text().replace("exmapel", "example"))
    assert clinic.run("email", str(program)).exit_code == 1
    wrong, right = sorted(clinic.files("uncertain"), key=lambda p: "+" in p.stem)
    handout_id = wrong.stem.rpartition("_")[2]
    assert right.stem.endswith(f"_{handout_id}")
    result = clinic.run("email", "--confirm", handout_id)
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.splitlines()[0] == (
        f"error: {handout_id}: 2 messages in {clinic.outbox}/uncertain/ have this handout id "
        f"(one handout to 2 addresses): give the name of the file that came: {right.name} "
        f"(to kim.lee@example.com), {wrong.name} (to kim.lee@exmapel.com)")
    assert sorted(clinic.files("uncertain")) == sorted([wrong, right])
    done = clinic.run("email", "--confirm", right.name)
    assert done.exit_code == 0, done.output
    assert [p.name for p in clinic.files("sent")] == [right.name]


def test_versions_that_differ_by_the_address_alone_leave_the_next_version_free(
        clinic, database, monkeypatch):
    """A record of the last release holds two versions of one program that differ by the
    address alone (the id counted it then). Matched without it they are one visit; the
    newest of them must still count for the next version's number, whichever of them the
    database returns last (PostgreSQL returns rows where they lie, which an update moves),
    else the next program is given a version the patient has: refused, not recorded."""
    clinic.configure()
    program = clinic.program("Kim Lee", None)
    assert run(clinic, "build", str(program), "-o", "one.pdf").exit_code == 0
    clinic.program("Kim Lee", None, exercises=["bridge"])
    assert run(clinic, "build", str(program), "-o", "two.pdf").exit_code == 0
    [(first,)] = database.rows(clinic.root, "SELECT yaml FROM programs WHERE version = 1")
    emailed = first.replace("  name: Kim Lee\n", "  name: Kim Lee\n  email: kim@example.com\n")
    assert emailed != first
    # as a release before this one recorded it: version 2, the same program emailed; and
    # version 1 written after it (a row updated lies after the others in PostgreSQL)
    execute(database, clinic, "UPDATE programs SET yaml = :yaml WHERE version = 2",
            yaml=emailed)
    execute(database, clinic, "UPDATE programs SET therapist = therapist WHERE version = 1")
    if database.url:  # rows where they lie, as a large record's are read (a scan, no index)
        from urllib.parse import quote

        monkeypatch.setenv("HANDOUTS_DATABASE_URL", database.url.replace(
            "options=", "options=" + quote("-cenable_indexscan=off -cenable_bitmapscan=off "
                                           "-cenable_indexonlyscan=off ")))
    clinic.program("Kim Lee", None, exercises=["child_pose"])
    result = run(clinic, "build", str(program), "-o", "three.pdf")
    assert result.exit_code == 0 and "record" not in result.output, result.output
    assert database.rows(clinic.root, "SELECT version FROM programs ORDER BY version") == [
        ("1",), ("2",), ("3",)]


def execute(database, clinic, sql: str, **values) -> None:
    import sqlalchemy as sa

    url = database.url or f"sqlite:///{clinic.root / 'records' / 'handouts.db'}"
    engine = sa.create_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(sa.text(sql), values)
    finally:
        engine.dispose()



def test_a_journal_caught_up_whole_leaves_the_visit_its_newest_address(
        clinic, database, monkeypatch):
    """Emailed to a typo, then to the address corrected, while the database was away: the
    journal catches both up in one write, which makes the visit; its text takes the newer
    entry's address, as it does where each was written on its own."""
    import os

    from handouts import record
    from test_record import dead_url

    clinic.configure()
    ws = clinic.ws()
    good = os.environ.get("HANDOUTS_DATABASE_URL")
    monkeypatch.setenv("HANDOUTS_DATABASE_URL", dead_url(database, clinic))
    for address, hour in (("kim.lee@exmapel.com", 9), ("kim.lee@example.com", 10)):
        program = api.load_program(clinic.program("Kim Lee", address), ws)
        said = record.issued(ws, record.Issue.of(program, api.build_handout(program, ws)),
                             channel="emailed", when=dt.datetime(2026, 3, 2, hour))
        assert any(s.startswith("recorded later") for s in said), said
    if good is None:
        monkeypatch.delenv("HANDOUTS_DATABASE_URL")
    else:
        monkeypatch.setenv("HANDOUTS_DATABASE_URL", good)
    assert len(visits(clinic, "Kim Lee")) == 1  # history catches the journal up
    [kim] = record.patients(ws, "Kim Lee")
    assert record.start_from(ws, kim).visit.next_program()["patient"]["email"] == \
        "kim.lee@example.com"


def test_a_print_with_no_address_leaves_the_visit_the_address_it_had(clinic, servers,
                                                                       database):
    """Emailed at the visit, then printed from a file with no address (the day's roster has
    no email column): a handout with no address corrects none, and the next visit keeps the
    address the patient gave, in one write or two."""
    from handouts import record

    server = servers()
    clinic.configure({"port": server.port})
    program = clinic.program("Kim Lee", "kim.lee@example.com")
    assert clinic.run("email", str(program)).exit_code == 0
    program.write_text(program.read_text().replace("  email: kim.lee@example.com\n", ""))
    assert "email" not in program.read_text()
    assert run(clinic, "build", str(program), "-o", "kim.pdf").exit_code == 0
    assert len(visits(clinic, "Kim Lee")) == 1
    ws = clinic.ws()
    [kim] = record.patients(ws, "Kim Lee")
    assert record.start_from(ws, kim).visit.next_program()["patient"]["email"] == \
        "kim.lee@example.com"
    # Ann's two handouts, the one with no address given last, in one write: the same
    ann = [api.load_program(clinic.program("Ann Lee", address), ws)
           for address in ("ann.lee@example.com", None)]
    record.issued(ws, [record.Issue.of(p, api.build_handout(p, ws)) for p in ann],
                  channel="printed")
    assert len(visits(clinic, "Ann Lee")) == 1
    [ann_lee] = record.patients(ws, "Ann Lee")
    assert record.start_from(ws, ann_lee).visit.next_program()["patient"]["email"] == \
        "ann.lee@example.com"
