"""The record keeps the pictures a handout was made from (each exercise's figure file or
photo, and the logo), once per content: a reprint is the same PDF, byte for byte, after a
picture was changed. Read back from the PDFs and the database, SQLite and PostgreSQL."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest

import handouts as api
from handouts import record

from test_record import clinic, dead_notice, dead_url  # noqa: F401 - the fixture, shared

ROOT = Path(__file__).resolve().parent.parent


def test_a_reprint_is_the_same_pdf_after_a_drawing_and_the_logo_changed(clinic, database):
    built, _ = clinic.issue(clinic.program())
    figure = clinic.root / "images" / "child_pose.figure.yaml"
    figure.write_text(figure.read_text().replace("end: [-16, 28]", "end: [-6, 20]"))
    logo = clinic.root / "images" / "logo.svg"
    logo.write_text(logo.read_text().replace('fill="#b35900"', 'fill="#2f5d8a"'))
    today = api.build_handout(api.load_program(clinic.program(), clinic.ws()), clinic.ws())
    assert today.pdf != built.pdf  # the pictures as they are now do print differently

    result = clinic.run("reprint", built.handout.handout_id, "-o", "copy.pdf")
    assert result.exit_code == 0, result.output
    assert clinic.says_issued("the same bytes as the handout printed on", result.output)
    assert (clinic.root / "copy.pdf").read_bytes() == built.pdf
    for path in (api.cache_root() / "as-issued").rglob("*"):  # private, as all the cache
        assert path.stat().st_mode & 0o777 == (0o700 if path.is_dir() else 0o600), path
    # the folder the kept version is put in is only a cache: gone, it is made again
    shutil.rmtree(api.cache_root() / "as-issued")
    again = record.reprint(clinic.ws(), built.handout.handout_id)
    assert again.identical and again.built.pdf == built.pdf


def test_a_photo_is_kept_byte_for_byte(tmp_path, database):
    """The second example clinic prints photos (JPEG): one replaced by another picture
    does not change the handout made again from the record."""
    home = tmp_path / "dublin"
    shutil.copytree(ROOT / "examples" / "dublin-shoulder", home)
    ws = api.open_workspace(home=home)
    program = api.load_program(home / "examples" / "aoife-byrne.yaml", ws)
    built = api.build_handout(program, ws)
    assert record.issued(ws, record.Issue.of(program, built), channel="printed") == ()
    photo = home / "images" / "wall_slides.jpg"
    kept = photo.read_bytes()
    photo.write_bytes((home / "images" / "walking.jpg").read_bytes())

    again = record.reprint(api.open_workspace(home=home), built.handout.handout_id)
    assert again.identical and again.built.pdf == built.pdf
    digest = hashlib.sha256(kept).hexdigest()
    assert database.rows(home, f"SELECT length(data) FROM pictures WHERE hash = '{digest}'") \
        == [(str(len(kept)),)]


def test_a_picture_changed_before_the_record_took_it_is_not_kept_as_the_one_printed(
        clinic, database, monkeypatch):
    """Recorded later (the database was down), after the drawing was changed: the record
    does not keep the new drawing as the one printed; the reprint takes today's pictures
    and says it is not the same PDF."""
    good = os.environ.get("HANDOUTS_DATABASE_URL")
    monkeypatch.setenv("HANDOUTS_DATABASE_URL", dead_url(database, clinic))
    built, notices = clinic.issue(clinic.program())
    assert notices == (dead_notice(database, clinic),)
    figure = clinic.root / "images" / "child_pose.figure.yaml"
    figure.write_text(figure.read_text().replace("end: [-16, 28]", "end: [-6, 20]"))
    if good is None:
        monkeypatch.delenv("HANDOUTS_DATABASE_URL")
    else:
        monkeypatch.setenv("HANDOUTS_DATABASE_URL", good)

    assert clinic.run("history", "Jane Doe").exit_code == 0  # catches up
    changed = hashlib.sha256(figure.read_bytes()).hexdigest()
    kept = {row[0] for row in database.rows(clinic.root, "SELECT hash FROM pictures")}
    assert changed not in kept and len(kept) == 11  # the others are kept
    again = record.reprint(clinic.ws(), built.handout.handout_id)
    assert again.identical is False
    result = clinic.run("reprint", built.handout.handout_id, "-o", "copy.pdf")
    # the id counts what a picture shows: today's drawing is another handout
    assert "NOT the handout issued: a picture it shows or some of" in result.output


def test_a_picture_s_checksum_is_kept_between_runs_while_the_file_stays_the_same(
        tmp_path, monkeypatch):
    """A library of photos is read once, not at every build: the checksum is kept in the
    cache folder by the file's size and time; a damaged entry is worked out again, and a
    file changed since gets its own."""
    from handouts.input import digests as entry

    monkeypatch.setenv("HANDOUTS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(entry, "_digests", {})
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(b"one")
    assert entry.file_digest(photo) == hashlib.sha256(b"one").hexdigest()
    [kept] = (tmp_path / "cache" / "digests").iterdir()
    assert kept.read_text() == hashlib.sha256(b"one").hexdigest()

    monkeypatch.setattr(entry, "_digests", {})  # a new process: the file is not read again
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail(f"read {self}"))
    assert entry.file_digest(photo) == hashlib.sha256(b"one").hexdigest()
    monkeypatch.undo()

    monkeypatch.setenv("HANDOUTS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(entry, "_digests", {})
    kept.write_text("not a checksum")
    assert entry.file_digest(photo) == hashlib.sha256(b"one").hexdigest()
    photo.write_bytes(b"three")
    assert entry.file_digest(photo) == hashlib.sha256(b"three").hexdigest()
    assert entry.file_digest(tmp_path / "gone.jpg") is None


def test_reprint_names_a_picture_as_the_library_does(clinic, database):
    """`reprint` warned of a picture by the cache folder the record's copy of the library
    was put in (``<cache>/as-issued/<hash>/library/images/huge.png: ...``), a path the user
    never made; the web app's page of the same handout said ``images/huge.png``."""
    from PIL import Image

    Image.new("L", (6000, 5000)).save(clinic.root / "images" / "huge.png")
    library = clinic.root / "exercises.yaml"
    library.write_text(library.read_text().replace("image: images/child_pose.figure.yaml",
                                                   "image: images/huge.png"))
    built, _ = clinic.issue(clinic.program())
    said = ("images/huge.png: the picture has more than 25,000,000 pixels; save it smaller "
            "(e.g. 2000 × 1500); exercise child_pose gets a placeholder instead of its picture")
    assert built.warnings == (f"{clinic.root / 'images' / 'huge.png'}: "
                              + said.removeprefix("images/huge.png: "),)
    result = clinic.run("reprint", built.handout.handout_id, "-o", "copy.pdf")
    assert result.exit_code == 0, result.output
    assert result.stderr == f"warning: {said}\n"
    assert (clinic.root / "copy.pdf").read_bytes() == built.pdf
