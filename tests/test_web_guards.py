"""The web app's guards through Flask's test client: CSRF, methods, paths, forged ids,
sizes, error pages without tracebacks, sign-in, where it listens, and the pages' security
headers."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from click.testing import CliRunner

from handouts.cli import main
from handouts.errors import HandoutError
from handouts.web import create_app
from handouts.web.security import check_bind
from handouts.web.server import make_app

from test_web import ARGS, Browser, start_program, build_pdf
from test_web import ws, issued, app, browser  # noqa: F401 (fixtures)


def test_state_changing_requests_need_this_browsers_csrf_token(browser, app):
    fields = {"patient_name": "Ada Example", "ex-0-id": "bridge"}
    assert browser.post("save", fields, token=False).status_code == 400
    assert browser.post("save", {**fields, "csrf_token": "forged"}).status_code == 400
    stranger = Browser(app)
    stranger.get("/")
    # a token is bound to its browser: another one's (e.g. leaked in a page) is refused
    assert browser.post("save", {**fields, "csrf_token": stranger.token}).status_code == 400
    refused = browser.page.get_data(as_text=True)
    assert "The form had expired" in refused and "Traceback" not in refused
    assert not (Path(app.extensions["handouts"].programs_dir)).exists()
    assert browser.post("refresh", fields).status_code == 200


def test_a_method_an_address_does_not_take_is_told_as_such_not_as_an_expired_form(browser):
    for method in ("DELETE", "PATCH", "PUT", "TRACE"):
        for url in ("/", "/program", "/d/abc", "/d/abc/def/handout.pdf", "/patients", "/packets"):
            page = browser.client.open(url, method=method)
            assert page.status_code == 405, (method, url)
            assert "does not take this kind of request" in page.get_data(as_text=True)
            # which it does take, as HTTP asks of a 405
            assert "GET" in page.headers["Allow"] or "POST" in page.headers["Allow"]
            assert method not in page.headers["Allow"]
    assert browser.client.post("/nowhere").status_code == 404
    # where the address takes the method, the form still needs its token
    assert browser.client.post("/program", data={"action": "refresh"}).status_code == 400


@pytest.mark.parametrize("url", [
    "/programs/..%2F..%2Fetc%2Fpasswd", "/programs/../../etc/passwd", "/programs/.hidden",
    "/programs/%2Fetc%2Fpasswd", "/programs/UPPER", "/images/..%2Fclinic.yaml",
    "/images/../exercises.yaml", "/images/no_such_exercise", "/static/../views.py",
])
def test_no_path_from_a_request_reaches_the_file_system(browser, url):
    page = browser.get(url)
    assert page.status_code in (400, 404)
    assert "Traceback" not in page.get_data(as_text=True)


def test_file_names_become_slugs_inside_the_programs_folder(browser, tmp_path):
    form = start_program(browser, "bridge")
    form["file_name"] = "../../../tmp/evil name"
    page = browser.post("save", form)
    assert "Saved as programs/tmp-evil-name.yaml" in page.get_data(as_text=True)
    assert [p.name for p in (tmp_path / "programs").iterdir()] == ["tmp-evil-name.yaml"]


@pytest.mark.parametrize("typed, saved", [("Con", "con-file"), ("NUL", "nul-file"),
                                           ("com1", "com1-file"), ("LPT¹", "lpt1-file"),
                                           ("Con Smith", "con-smith"), ("Conn", "conn")])
def test_a_name_windows_keeps_for_a_device_is_saved_under_another(browser, tmp_path, typed,
                                                                   saved):
    """On Windows, programs/con.yaml (or nul.yaml, com1.yaml...) is a device, not a file,
    whatever follows the dot: a program saved for a patient called Con was lost there."""
    form = start_program(browser, "bridge")
    form["file_name"] = typed
    page = browser.post("save", form)
    assert f"Saved as programs/{saved}.yaml" in page.get_data(as_text=True)
    assert [p.name for p in (tmp_path / "programs").iterdir()] == [f"{saved}.yaml"]
    assert browser.get(f"/programs/{saved}", follow_redirects=True).status_code == 200


def test_another_sites_page_cannot_open_saved_programs_as_drafts(browser, app, tmp_path):
    """Opening a saved program by its address keeps a draft: an <img> on any web page,
    pointing here 401 times, pushed every therapist's open program out of the 400 kept. A
    request the browser says another site made opens the list instead, keeping nothing."""
    form = start_program(browser, "bridge")
    form["file_name"] = "ada-example"
    assert browser.post("save", form).status_code == 200
    drafts = app.extensions["handouts"].drafts
    kept = len(drafts._entries)
    for site in ("cross-site", "same-site"):
        page = browser.client.get("/programs/ada-example", headers={"Sec-Fetch-Site": site})
        assert (page.status_code, page.headers["Location"]) == (303, "/programs")
    elsewhere = browser.client.get("/programs/ada-example",
                                   headers={"Referer": "https://example.com/page"})
    assert elsewhere.status_code == 303 and elsewhere.headers["Location"] == "/programs"
    assert len(drafts._entries) == kept
    # a bookmark, an address typed, the app's own link: opened
    for site in ({"Sec-Fetch-Site": "none"}, {"Sec-Fetch-Site": "same-origin"}, {}):
        page = browser.client.get("/programs/ada-example", headers=site)
        assert page.status_code == 303 and page.headers["Location"].startswith("/d/")
    assert len(drafts._entries) == kept + 3


def test_a_link_in_the_programs_folder_to_a_file_elsewhere_is_not_opened(browser, app,
                                                                         tmp_path):
    """A roster's row naming it was refused (outside the folder); the web app listed it and
    opened it, a patient's program from anywhere the link pointed."""
    form = start_program(browser, "bridge")
    form["file_name"] = "ada-example"
    assert browser.post("save", form).status_code == 200
    folder = Path(app.extensions["handouts"].programs_dir)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "outsider.yaml").write_text((folder / "ada-example.yaml").read_text())
    (folder / "outsider.yaml").symlink_to(elsewhere / "outsider.yaml")
    listed = browser.get("/programs").get_data(as_text=True)
    assert "ada-example" in listed and "outsider" not in listed
    assert browser.get("/programs/outsider").status_code == 404
    assert browser.post("open", {"name": "outsider"}, url="/programs/open").status_code == 404
    assert browser.get("/programs/ada-example").status_code == 303


def test_forged_ids_are_refused(browser):
    assert browser.post("add:../../etc/passwd", {}).status_code == 400
    assert browser.post("remove:7", {"ex-0-id": "bridge"}).status_code == 400
    assert browser.post("rm -rf", {}).status_code == 400
    # an id no library could have is dropped from the program, never looked up on disk
    browser.post("refresh", {"ex-0-id": "../clinic", "ex-1-id": "bridge"})
    assert [k for k in browser.form() if k.endswith("-id")] == ["ex-0-id"]


def test_oversize_requests_are_refused_with_a_friendly_page(browser):
    page = browser.post("build", {"note": "x" * 300_000})
    assert page.status_code == 413
    assert "Too much at once" in page.get_data(as_text=True)
    many = {f"f{i}": "1" for i in range(1500)}  # small, but too many parts to parse
    assert browser.post("build", many, content_type="multipart/form-data").status_code == 413


def test_unexpected_errors_show_a_friendly_page_without_traceback(ws):
    def broken(*_):
        raise RuntimeError("secret internals /etc/something")

    b = Browser(create_app(dataclasses.replace(
        ws, clinic=ws.clinic.model_validate({**ws.clinic.model_dump(by_alias=True), "smtp": {
            "host": "127.0.0.1", "from": "desk@example.com"}})), send_email=broken))
    b.get("/")
    page = build_pdf(b, "email")
    text = page.get_data(as_text=True)
    assert page.status_code == 500 and "Something went wrong" in text
    assert "secret internals" not in text and "Traceback" not in text
    missing = b.get("/nowhere")
    assert missing.status_code == 404 and "Not found" in missing.get_data(as_text=True)


def test_password_sign_in(ws, tmp_path):
    app = create_app(ws, password="correct horse", programs_dir=tmp_path)
    b = Browser(app)
    assert b.get("/").status_code == 302
    assert b.get("/images/bridge").status_code == 302
    b.get("/login")
    assert b.post("", {"password": "wrong"}, url="/login").status_code == 401
    assert b.post("refresh", {"patient_name": "Ada"}).status_code == 403
    assert b.post("", {"password": "correct horse"}, url="/login",
                  follow_redirects=False).status_code == 302
    assert b.get("/").status_code == 200
    assert b.post("refresh", {"patient_name": "Ada"}).status_code == 200
    b.post("", {}, url="/logout", follow_redirects=False)
    assert b.get("/").status_code == 302


def test_listens_elsewhere_only_with_a_password(ws, monkeypatch):
    for host in ("127.0.0.1", "localhost", "::1", "127.0.0.2"):
        check_bind(host, None)
    for host in ("0.0.0.0", "192.168.1.20", "::", "clinic-pc"):
        with pytest.raises(HandoutError, match="HANDOUTS_WEB_PASSWORD"):
            check_bind(host, None)
        check_bind(host, "a password")
    monkeypatch.delenv("HANDOUTS_WEB_PASSWORD", raising=False)
    result = CliRunner().invoke(main, ["serve", "--host", "0.0.0.0", *ARGS])
    assert result.exit_code == 1
    assert "refusing to listen on 0.0.0.0" in result.output


def test_local_only_app_refuses_other_host_names(ws, tmp_path):
    app = make_app(ws, host="127.0.0.1", password=None, programs_dir=tmp_path)
    client = app.test_client()
    assert client.get("/", headers={"Host": "127.0.0.1:8000"}).status_code == 200
    assert client.get("/", headers={"Host": "attacker.example"}).status_code == 400


@pytest.mark.parametrize("header", ["LOCALHOST:8000", "LocalHost", "localhost.:8000",
                                    "localhost.", "127.0.0.1.:8000"])
def test_a_local_name_in_any_case_or_with_the_root_s_dot_is_this_computer(ws, tmp_path,
                                                                         header):
    """Host names are case-insensitive, and ``localhost.`` is ``localhost`` written in full
    (a browser sends it as typed): each was refused with 400. Two dots name nothing."""
    app = make_app(ws, host="127.0.0.1", password=None, programs_dir=tmp_path)
    client = app.test_client()
    assert client.get("/", headers={"Host": header}).status_code == 200
    for foreign in ("ATTACKER.example", "attacker.example.", "localhost..", "localhost.."
                    "example", "[::1].:8000"):
        assert client.get("/", headers={"Host": foreign}).status_code == 400, foreign


@pytest.mark.parametrize("host", ["LOCALHOST", "localhost."])
def test_serve_at_a_local_name_in_any_case_is_local_only(ws, tmp_path, host):
    app = make_app(ws, host=host, password=None, programs_dir=tmp_path)
    assert app.test_client().get("/", headers={"Host": f"{host}:8000"}).status_code == 200


@pytest.mark.parametrize("host, header", [("::1", "[::1]:8000"), ("::1", "[::1]"),
                                          ("127.0.0.2", "127.0.0.2:8000"),
                                          ("localhost", "[::1]:8000")])
def test_a_local_only_app_answers_at_the_address_it_listens_on(ws, tmp_path, host, header):
    """``serve --host ::1`` (or another loopback address than 127.0.0.1) answered every
    page with 400, "the page may have been open too long": the browser's Host header named
    the address it was given, which the local names did not include (and werkzeug's list of
    trusted hosts can hold no IPv6 address at all)."""
    app = make_app(ws, host=host, password=None, programs_dir=tmp_path)
    client = app.test_client()
    assert client.get("/", headers={"Host": header}).status_code == 200
    for foreign in ("attacker.example", "[::2]:8000", "127.0.0.3:8000", "[::1].example"):
        refused = client.get("/", headers={"Host": foreign})
        assert refused.status_code == 400, foreign
        assert refused.mimetype == "text/plain"  # no page, no links, to a name not ours


def test_pages_forbid_foreign_scripts_and_framing(browser):
    policy = browser.page.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'self'" in policy
    assert browser.get("/images/bridge").headers["Content-Security-Policy"].startswith(
        "default-src 'none'")
