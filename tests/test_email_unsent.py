"""What the record keeps of each email until the server takes it (``records/unsent/``): the
library version a message was made from is kept once beside the messages, by its hash, not
in every message's file; a copy of it lost meanwhile (deleted, cut short, changed) loses no
message's record and is said in one line; ``forget`` removes a patient's messages whatever
became of it. A real SMTP server on loopback (aiosmtpd); the files, the database and the
reprinted PDF are read back; made-up patients."""

from __future__ import annotations

import io
import json
import re

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from handouts.cli import main

from test_email import clinic, servers  # noqa: F401 (fixtures)

HEX = re.compile(r"[0-9a-f]{64}")


def cli(clinic, *args):
    """A record command (no --outbox) with the test clinic's files."""
    return CliRunner().invoke(main, [*args, "--library", str(clinic.root / "exercises.yaml"),
                                     "--clinic", str(clinic.root / "clinic.yaml")])


def unsent(clinic):
    return clinic.root / "records" / "unsent"


def messages(clinic):
    return sorted(unsent(clinic).glob("*.json"))


def versions(clinic):
    return sorted((unsent(clinic) / "libraries").glob("*.json"))


def queued(clinic, server, *names: str) -> list[str]:
    """These patients' emails written to the outbox, not sent; their handout ids."""
    clinic.configure({"port": server.port})
    programs = [clinic.program(name, f"{name.split()[0].lower()}@example.com")
                for name in names]
    result = clinic.run("email", *map(str, programs), "--no-send")
    assert result.exit_code == 0, result.output
    ids = [a["handout_id"] for a in clinic.audit() if a["result"] == "queued"]
    assert len(ids) == len(names)
    return ids


def reprinted_text(clinic, handout_id: str):
    out = clinic.root / f"{handout_id}.pdf"
    result = cli(clinic, "reprint", handout_id, "-o", str(out))
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(out.read_bytes())).pages) \
        if result.exit_code == 0 else ""
    return result, text


def test_each_message_keeps_its_library_version_once_beside_the_others(clinic, servers,
                                                                        database):
    server = servers()
    ids = queued(clinic, server, "Ada Example", "Bo Example", "Cy Example")
    library = (clinic.root / "exercises.yaml").read_text()
    clinic_file = (clinic.root / "clinic.yaml").read_text()
    # each message's file holds its entry, and names its library version by its hash
    assert len(messages(clinic)) == 3
    for path in messages(clinic):
        assert path.stat().st_size < 4096, (path, path.stat().st_size)
        assert library[:300] not in path.read_text()
    [version] = versions(clinic)
    assert HEX.fullmatch(version.stem)
    assert {json.loads(p.read_text())["entry"]["handout"]["library"]
            for p in messages(clinic)} == {version.stem}
    kept = {(role, name): text for role, name, text, *_ in json.loads(version.read_text())}
    assert kept[("library", "exercises.yaml")] == library
    assert kept[("clinic", "clinic.yaml")] == clinic_file
    assert oct(version.stat().st_mode & 0o777) == "0o600"

    result = clinic.run("email", "--retry")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert sorted(r[0] for r in database.rows(clinic.root)) == sorted(ids)
    # all recorded: nothing is kept for them any more
    assert messages(clinic) == [] and versions(clinic) == []
    done, text = reprinted_text(clinic, ids[1])
    assert done.exit_code == 0, done.output
    assert "the same bytes as the handout emailed" in done.stdout
    assert "Bo Example" in text and "Bridge" in text


@pytest.mark.parametrize("how", ["missing", "cut short", "another version's text"])
def test_a_lost_library_copy_loses_no_message_and_is_said_in_one_line(clinic, servers,
                                                                      database, how):
    server = servers()
    ids = queued(clinic, server, "Ada Example", "Bo Example")
    [version] = versions(clinic)
    if how == "missing":
        version.unlink()
    elif how == "cut short":
        version.write_bytes(version.read_bytes()[:1000])
    else:
        files = json.loads(version.read_text())
        files[0][2] += "\n# changed"
        version.write_text(json.dumps(files))

    result = clinic.run("email", "--retry")
    assert result.exit_code == 0, result.output
    assert server.mailbox.recipients() == ["ada@example.com", "bo@example.com"]
    assert result.stderr == (
        f"warning: 2 handouts {ids[0]}, {ids[1]}: recorded without the library version they "
        "were made from, as its copy kept until the email went was missing or damaged "
        "(records/unsent/libraries/); reprint cannot make them again\n")
    assert [(r[0], r[1], r[6]) for r in database.rows(clinic.root)] == [
        (ids[0], "Ada Example", "emailed"), (ids[1], "Bo Example", "emailed")]
    assert messages(clinic) == [] and versions(clinic) == []
    again, _ = reprinted_text(clinic, ids[0])
    assert again.exit_code == 1
    assert again.stderr == (f"error: {ids[0]}: the record has lost the library version it "
                            "was made from; it cannot be made again\n")
    assert cli(clinic, "history", "Bo Example").stdout.splitlines()[2].startswith(
        f"  {ids[1]}  ")

    # a handout made from the same version brings its files: the emailed ones reprint
    built = cli(clinic, "build", str(clinic.root / "ada-example.yaml"), "-o",
                str(clinic.root / "ada.pdf"))
    assert built.exit_code == 0, built.output
    done, text = reprinted_text(clinic, ids[0])
    assert done.exit_code == 0, done.output
    assert "the same bytes as the handout printed" in done.stdout  # the newer issue: the build
    assert "Ada Example" in text


def test_a_lost_copy_of_a_version_the_record_has_already_loses_nothing(clinic, servers,
                                                                       database):
    server = servers()
    clinic.configure({"port": server.port})
    ada = clinic.program("Ada Example", "ada@example.com")
    assert cli(clinic, "build", str(ada), "-o", str(clinic.root / "ada.pdf")).exit_code == 0
    [emailed] = queued(clinic, server, "Ada Example")
    [version] = versions(clinic)
    version.unlink()
    result = clinic.run("email", "--retry")
    assert result.exit_code == 0 and result.stderr == "", result.output
    done, text = reprinted_text(clinic, emailed)
    # the newer of the two issues: the email's time is the second it went, so either
    assert "the same bytes as the handout " in done.stdout and "Ada Example" in text


def test_a_message_kept_by_an_older_version_with_its_library_is_recorded(clinic, servers,
                                                                         database):
    server = servers()
    [emailed] = queued(clinic, server, "Ada Example")
    [message], [version] = messages(clinic), versions(clinic)
    entry = json.loads(message.read_text())["entry"]
    # as handouts wrote it before the versions were kept apart: the library in the file
    message.write_text(json.dumps({"libraries": {version.stem: json.loads(version.read_text())},
                                   "entry": entry}))
    version.unlink()
    result = clinic.run("email", "--retry")
    assert result.exit_code == 0 and result.stderr == "", result.output
    assert messages(clinic) == []
    done, text = reprinted_text(clinic, emailed)
    assert "the same bytes as the handout emailed" in done.stdout and "Ada Example" in text


def test_forget_removes_a_patients_messages_whatever_became_of_the_library_copy(
        clinic, servers, database):
    server = servers()
    queued(clinic, server, "Ada Example", "Bo Example")
    [version] = versions(clinic)
    version.write_bytes(b"{")  # damaged: Bo's message is his all the same
    result = cli(clinic, "forget", "Bo Example", "--yes", "--outbox", str(clinic.outbox))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == (
        "removed Bo Example from the records kept outside the database: the record of 1 "
        "message not sent yet")
    [left] = messages(clinic)
    assert "ada-example" in left.name and "Bo Example" not in left.read_text()
    assert versions(clinic) == [version]  # Ada's message names it still

    result = cli(clinic, "forget", "Ada Example", "--yes", "--outbox", str(clinic.outbox))
    assert result.exit_code == 0, result.output
    assert messages(clinic) == [] and versions(clinic) == []
    assert not any(b"Example" in p.read_bytes() for p in unsent(clinic).rglob("*")
                   if p.is_file())


def test_a_lost_copy_never_hides_the_version_a_handout_waiting_for_the_database_kept(
        clinic, servers, database, monkeypatch):
    import os

    from test_record import dead_url

    server = servers()
    [emailed] = queued(clinic, server, "Ada Example")
    [version] = versions(clinic)
    version.unlink()
    good = os.environ.get("HANDOUTS_DATABASE_URL")
    monkeypatch.setenv("HANDOUTS_DATABASE_URL", dead_url(database, clinic))
    # the database down: a build of the same version, then the email, wait in the journal
    built = cli(clinic, "build", str(clinic.root / "ada-example.yaml"), "-o",
                str(clinic.root / "ada.pdf"))
    assert "recorded later" in built.stderr
    assert clinic.run("email", "--retry").exit_code == 0
    journal = json.loads((clinic.root / "records" / "pending.json").read_text())
    assert journal["libraries"][version.stem] != []
    assert [e["handout"]["channel"] for e in journal["entries"]] == ["printed", "emailed"]
    if good is None:
        monkeypatch.delenv("HANDOUTS_DATABASE_URL")
    else:
        monkeypatch.setenv("HANDOUTS_DATABASE_URL", good)
    assert cli(clinic, "history", "Ada Example").exit_code == 0  # the journal caught up
    done, text = reprinted_text(clinic, emailed)
    assert done.exit_code == 0, done.output
    assert "the same bytes as the handout " in done.stdout and "Ada Example" in text
