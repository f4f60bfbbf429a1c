"""A Brazilian clinic that added Portuguese itself (tests/clinics/portuguese: São Paulo,
pt-BR, A4; its own strings.pt.yaml and templates/pt/, a library written in Portuguese, a
partial Spanish translation), as the README tells a clinic to add a language: its handouts
read back from the PDFs, and its front desk's roster, exported headed in Portuguese.
Made-up people only."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from click.testing import CliRunner

import handouts as api
from handouts.cli import main

from conftest import page_texts

PORTUGUESE = Path(__file__).resolve().parent / "clinics" / "portuguese"

# the package's English words a Portuguese page would show if its wording fell back
ENGLISH = ("How much", "How often", "Steps", "Tips", "Be careful", "Page ", "Your ",
           "Date:", "Call us", " times", "seconds", "Week", "Handout ", "Questions")


def clinic(tmp_path: Path) -> Path:
    """A copy (a workspace keeps its journal beside clinic.yaml)."""
    home = tmp_path / "movimento"
    shutil.copytree(PORTUGUESE, home)
    return home


def run(home: Path, *args):
    return CliRunner().invoke(main, ["--home", str(home), *map(str, args)],
                              catch_exceptions=False)


def pdf_text(path: Path) -> str:
    """The pages' text, each run of spaces and line breaks one space: a phrase broken over
    two lines reads as one."""
    return " ".join(" ".join(page_texts(path.read_bytes())).split())


def test_the_clinic_checks_clean_and_its_handout_is_portuguese_throughout(tmp_path):
    home = clinic(tmp_path)
    checked = run(home, "check", "--language", "pt")
    assert checked.exit_code == 0, checked.stderr
    # every wording the package's English has (weeks_from's, added the same evening, too)
    assert "warning" not in checked.stderr, checked.stderr
    out = tmp_path / "ana.pdf"
    built = run(home, "build", home / "examples" / "ana-ferreira.yaml", "-o", out)
    assert built.exit_code == 0, built.stderr
    text = pdf_text(out)
    for said in ("Data: 5 de dezembro de 2026", "Próxima consulta: 19 de dezembro de 2026",
                 "Peso: 0,5 kg", "Ligue 192 na hora", "Fique na posição 20–30 segundos",
                 "2 séries de 8–12", "Uma vez por dia", "Seu registro de exercícios: 2 semanas",
                 "Página 1 de", "Ligue para nós: (11) 5555-0142."):
        assert said in text, said
    for word in ENGLISH:
        assert word not in text, word


def test_a_bilingual_handout_pairs_portuguese_with_spanish(tmp_path):
    home = clinic(tmp_path)
    out = tmp_path / "carlos.pdf"
    built = run(home, "build", home / "examples" / "carlos-ramirez.yaml", "-o", out)
    assert built.exit_code == 0, built.stderr
    text = pdf_text(out)
    assert "5 de dezembro de 2026 / 5 de diciembre de 2026" in text
    assert "Queixo para trás" in text and "Mentón hacia atrás" in text
    assert "Ligue 192 na hora" in text and "Llame al 192 de inmediato" in text
    # the Spanish left untranslated prints in Portuguese, said once per text
    assert "exercises[flexao_parede]: no español title" in built.stderr


def test_a_roster_headed_in_portuguese_is_read(tmp_path):
    """The desk's export, headed "Nome", "Data de nascimento", "Prontuário", was refused
    whole for want of a name column, and told the Spanish headings."""
    home = clinic(tmp_path)
    roster = home / "hoje.csv"
    roster.write_text(
        "Nome;Data de nascimento;E-mail;Programa;Data;Fisioterapeuta;Idioma;Prontuário\n"
        "Mariana Costa Oliveira;14/03/1985;mariana@example.com;pescoco_ombro;05/12/2026;"
        "Dra. Júlia Santos;pt;000789\n"
        "João Pedro Almeida;31/02/1990;;pescoco_ombro;05/12/2026;Dr. Pedro Lima;pt;000790\n"
        "Carlos Eduardo Ramírez;02/11/1969;;examples/carlos-ramirez.yaml;05/12/2026;"
        "Dr. Pedro Lima;pt, es;000456\n", encoding="utf-8")
    result = run(home, "batch", roster, "--out-dir", tmp_path / "out", "--quiet")
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert errors == [f'error: {roster}:3: row 2: "Data de nascimento": "31/02/1990", read '
                      "day first (DD/MM/YYYY), is not a date: February 1990 has 28 days; "
                      "check the day and the month"], result.stderr
    found = sorted(p.name for p in (tmp_path / "out").glob("*.pdf"))
    assert found == ["2026-12-05_carlos-eduardo-ramirez.pdf",
                     "2026-12-05_mariana-costa-oliveira.pdf"]
    mariana = pdf_text(tmp_path / "out" / found[1])
    assert "Mariana Costa Oliveira" in mariana and "Fisioterapeuta: Dra. Júlia Santos" in mariana
    ws = api.open_workspace(home=home)
    first = next(iter(api.load_roster(roster, ws.library, day_first=ws.clinic.day_first,
                                      languages=ws.languages).rows))
    patient = first.program.patient
    assert (patient.email, str(patient.dob), patient.number) == (
        "mariana@example.com", "1985-03-14", "000789")


def test_a_portuguese_roster_s_unknown_column_is_told_the_portuguese_headings(tmp_path):
    home = clinic(tmp_path)
    roster = home / "r.csv"
    roster.write_text("Nome;Sobrenome;CPF;Programa;Responsável\n"
                      "Laura;Mendes;000.000.000-00;pescoco_ombro;Paula Mendes\n",
                      encoding="utf-8")
    result = run(home, "batch", roster, "--out-dir", tmp_path / "out", "--date", "2026-12-05",
                 "--quiet")
    assert result.exit_code == 0, result.stderr
    assert re.search(r'ignored unknown column "CPF"; known: in Portuguese: nome, e-mail, '
                     r"programa, .*, or nome and sobrenome; in English: name", result.stderr)
    # the CPF, a national id, is in no packet
    (packet,) = (tmp_path / "out").glob("*.pdf")
    text = pdf_text(packet)
    assert "Laura Mendes" in text and "Cuidador(a): Paula Mendes" in text
    assert "000.000.000-00" not in text


def test_a_portuguese_roster_s_surgery_date_column_gives_the_row_its_week_1(tmp_path):
    """The surgery date column came to every language's headings but Portuguese, merged the
    same evening: its roster with any unknown column stopped on a KeyError, and "Data da
    cirurgia" was itself unknown."""
    home = clinic(tmp_path)
    roster = home / "r.csv"
    roster.write_text("Nome;Programa;Data;Data da cirurgia\n"
                      "Laura Mendes;pescoco_ombro;05/12/2026;21/11/2026\n", encoding="utf-8")
    ws = api.open_workspace(home=home)
    read = api.load_roster(roster, ws.library, day_first=ws.clinic.day_first,
                           languages=ws.languages)
    assert not read.notices, read.notices
    (row,) = read.rows
    assert str(row.program.weeks_from) == "2026-11-21"
    result = run(home, "batch", roster, "--out-dir", tmp_path / "out", "--quiet")
    assert result.exit_code == 0, result.stderr
    (packet,) = (tmp_path / "out").glob("*.pdf")
    assert "Esta é a semana 3. A semana 1 começou em 21 de novembro de 2026." in pdf_text(
        packet)
