"""Forget in a group's shared record: a patient forgotten at one clinic is not brought back
by another clinic's batch run again over a folder that still holds their packet. The
checksums of a forgotten patient's PDFs were kept only in the forgetting clinic's own
records folder, so the other clinic's batch, finding the packet it had written, recorded it
again "as a run that was stopped would have": the patient was back for every clinic."""

from __future__ import annotations

import shutil

from click.testing import CliRunner

from conftest import ROOT
from handouts.cli import main

ROSTER = ("name,dob,program\nPat Example,03/14/1970,chronic_low_back\n"
          "Ann Able,05/06/1961,chronic_low_back\n")


def clinic(folder, name: str):
    folder.mkdir()
    for each in ("exercises.yaml", "clinic.yaml"):
        shutil.copy(ROOT / each, folder / each)
    shutil.copytree(ROOT / "images", folder / "images")
    text = (folder / "clinic.yaml").read_text(encoding="utf-8")
    (folder / "clinic.yaml").write_text(
        "\n".join(f'name: "{name}"' if line.startswith("name:") else line
                  for line in text.splitlines()) + "\n", encoding="utf-8")

    def run(*args):
        return CliRunner().invoke(main, ["--home", str(folder), *map(str, args)],
                                  catch_exceptions=False)
    return run


def test_a_patient_forgotten_at_one_clinic_stays_forgotten_at_another(
        tmp_path, database, monkeypatch):
    monkeypatch.chdir(tmp_path)
    if database.kind == "sqlite":  # one file both clinics name, as on a share
        monkeypatch.setenv("HANDOUTS_DATABASE_URL", f"sqlite:///{tmp_path}/group.db")
    north = clinic(tmp_path / "north", "Northside Physical Therapy")
    river = clinic(tmp_path / "river", "Riverside Physical Therapy")
    (tmp_path / "today.csv").write_text(ROSTER, encoding="utf-8")
    day = tmp_path / "day"

    def batch():
        done = river("batch", tmp_path / "today.csv", "--out-dir", day, "--jobs", "1")
        assert done.exit_code == 0, done.output
        return done.output

    batch()
    assert "Pat Example (born 1970-03-14)" in north("history", "Pat Example").output
    forgot = north("forget", "Pat Example", "--yes")
    assert forgot.exit_code == 0, forgot.output
    assert "Riverside Physical Therapy also uses this record" in forgot.output
    river("forget", "Pat Example", "--yes")  # "run forget there too", as it says
    # the day's roster run again over the folder that still holds her packet
    assert "earlier run" not in batch()
    # nor is her packet, skipped, one the record lacks (the checksum is in the record, not
    # in this clinic's folder: it was North that forgot her first)
    (tmp_path / "river" / "records" / "forgotten-pdfs.txt").unlink(missing_ok=True)
    skipped = river("batch", tmp_path / "today.csv", "--out-dir", day, "--skip-existing")
    assert skipped.exit_code == 0 and "lacks" not in skipped.output, skipped.output
    for run in (north, river):
        said = run("history", "Pat Example")
        assert said.output == 'error: no patient named "Pat Example" in the record\n'
    assert "Ann Able (born 1961-05-06)" in north("history", "Ann Able").output
