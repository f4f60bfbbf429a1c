"""A PDF of a patient whose name has no Latin letter is named by the name in its own script
(``2026-12-05_山田花子.pdf``), not ``patient-`` and a hash a desk cannot tell apart: in a
batch's folder, an email's attachment (RFC 2231) and the web app's download (RFC 6266). A
roster run again still finds the packets an earlier version wrote under the hashed name.
The outbox's own file names stay ASCII (a message sent before is still found as sent)."""

from __future__ import annotations

import re
from urllib.parse import unquote

import pytest
import yaml
from click.testing import CliRunner

import handouts as api
from handouts.cli import main

from conftest import page_texts
from test_email import servers  # noqa: F401  (the loopback mail server fixture)
from test_roster_japanese import japanese_home
from test_web import browser, built, issued, app, start_program  # noqa: F401

ROSTER = ("氏名,生年月日,プログラム,日付\n"
          "山田 花子,S43.3.14,carpal_tunnel_start,2026-12-05\n"
          "田中 一郎,S16.7.2,carpal_tunnel_start,2026-12-05\n"
          "王芳,1970-01-02,carpal_tunnel_start,2026-12-05\n"
          '"<>:?*",,carpal_tunnel_start,2026-12-05\n')


@pytest.fixture
def home(tmp_path, monkeypatch):
    folder = japanese_home(tmp_path, monkeypatch)
    (folder / "本日.csv").write_text(ROSTER, encoding="utf-8")
    return folder


def run(home, *args, **kwargs):
    return CliRunner().invoke(main, ["--home", str(home), *map(str, args)],
                              catch_exceptions=False, **kwargs)


def test_a_batch_names_each_pdf_by_the_name_as_it_is_written(home):
    result = run(home, "batch", "本日.csv", "--out-dir", "out", "--quiet")
    assert result.exit_code == 0, result.output
    found = sorted(p.name for p in (home / "out").glob("*.pdf"))
    hashed = "2026-12-05_" + api.name_slug("<>:?*") + ".pdf"  # nothing of it may be kept
    assert found == sorted(["2026-12-05_山田花子.pdf", "2026-12-05_田中一郎.pdf",
                            "2026-12-05_王芳.pdf", hashed])
    assert "山田 花子" in "".join(page_texts((home / "out" / found[found.index(
        "2026-12-05_山田花子.pdf")]).read_bytes())).replace("\n", "")


def test_a_roster_run_again_finds_the_packets_an_earlier_version_named_by_a_hash(home):
    """A packet written as 2026-12-05_patient-<hash>.pdf before this version is the same
    packet: run again, the batch makes no second file of it and records nothing twice."""
    assert run(home, "batch", "本日.csv", "--out-dir", "out", "--quiet").exit_code == 0
    out = home / "out"
    old = out / f"2026-12-05_{api.name_slug('山田 花子')}.pdf"
    (out / "2026-12-05_山田花子.pdf").rename(old)
    before = sorted(p.name for p in out.iterdir())
    again = run(home, "batch", "本日.csv", "--out-dir", "out")
    assert again.exit_code == 0, again.output
    assert "4 already there, unchanged" in again.output
    assert sorted(p.name for p in out.iterdir()) == before
    history = run(home, "history", "山田 花子")
    assert len(re.findall(r"\d{2}:\d{2}\s+batch", history.output)) == 1, history.output
    skipped = run(home, "batch", "本日.csv", "--out-dir", "out", "--skip-existing")
    assert "4 already there (skipped)" in skipped.output, skipped.output


def test_an_emails_attachment_is_named_in_the_patients_script(home, servers):  # noqa: F811
    server = servers()
    clinic = yaml.safe_load((home / "clinic.yaml").read_text(encoding="utf-8"))
    clinic["smtp"] = {"host": "127.0.0.1", "port": server.port, "security": "none",
                      "from": "uketsuke@naniwa-hand.example.jp"}
    (home / "clinic.yaml").write_text(yaml.safe_dump(clinic, allow_unicode=True),
                                      encoding="utf-8")
    result = run(home, "email", "examples/yamada.yaml", env={"HANDOUTS_SMTP_PASSWORD": None})
    assert result.exit_code == 0, result.output
    [(_, _, raw)] = server.mailbox.messages
    [message] = server.mailbox.parsed()
    [attached] = list(message.iter_attachments())
    assert attached.get_filename() == "2026-12-05_山田花子.pdf"
    # RFC 2231: the name's UTF-8 in the parameter, in ASCII on the wire
    assert b"filename*=utf-8''2026-12-05_%E5%B1%B1" in raw
    assert raw.isascii()
    # the outbox keeps the name it always gave the message: sent before, found as sent
    [sent] = list((home / "outbox" / "sent").glob("*.eml"))
    assert sent.name.startswith(f"2026-12-05_{api.name_slug('山田 花子')}_")


def test_the_web_apps_pdf_carries_the_name_as_written(browser):  # noqa: F811
    """A header is Latin-1: the name goes as RFC 6266's filename*, after an ASCII one."""
    form = start_program(browser, "child_pose", name="山田 花子")
    page = built(browser, form)
    assert page.status_code == 200 and page.mimetype == "application/pdf"
    said = page.headers["Content-Disposition"]
    assert said.startswith('inline; filename="') and said.isascii()
    found = re.search(r"filename\*=UTF-8''(\S+)$", said)
    assert found, said
    assert re.fullmatch(r"\d{4}-\d\d-\d\d_山田花子\.pdf", unquote(found.group(1))), said
