"""The Patients page of a clinic whose record has grown: a page of the most recently seen
patients, with how many there are and a link to the next page, or what a search finds; only
that page's patients are read from the database (at 10,000 patients every request read and
sorted them all, and sent them all: 700 KB)."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from html import unescape

import handouts as api
from handouts import record
from handouts.record import queries
from handouts.web import create_app

from conftest import WEB_LIBRARY

COUNT = 120  # more than two pages of record.PAGE


def _clinic(tmp_path):
    shutil.copytree(WEB_LIBRARY, tmp_path / "clinic")
    ws = api.open_workspace(tmp_path / "clinic" / "exercises.yaml",
                            tmp_path / "clinic" / "clinic.yaml")
    start = dt.date(2026, 1, 5)
    programs = [api.program_from_data(
        {"patient": {"name": f"Ada Example {n:03}", "dob": f"19{40 + n % 50}-04-30",
                     "number": f"N{n:05}"},
         "exercises": ["bridge"], "date": (start + dt.timedelta(days=n)).isoformat()},
        ws, source="test") for n in range(COUNT)]
    record.imported(ws, programs)  # in this order: the last the most recently seen
    return ws


def _counted(tmp_path, monkeypatch):
    """The web app on the test clinic, and the ids of the patient rows it turns into
    patients (what it read of the record), as it reads them."""
    ws = _clinic(tmp_path)
    read: list[int] = []
    monkeypatch.setattr(queries, "_patient",
                        lambda row, made=queries._patient: read.append(row.id) or made(row))
    return create_app(ws, programs_dir=tmp_path / "programs").test_client(), read


def _names(html: str) -> list[str]:
    return [unescape(n) for n in re.findall(r'<a href="/patients/\d+">([^<]*)</a>', html)]


def test_a_page_of_the_most_recent_patients_read_from_the_database(tmp_path, database,
                                                                   monkeypatch):
    client, read = _counted(tmp_path, monkeypatch)
    html = client.get("/patients").get_data(as_text=True)
    names = _names(html)
    assert len(read) == record.PAGE == len(names) == 50
    assert names[0] == f"Ada Example {COUNT - 1:03} (born 1959-04-30, no. N00119)"
    assert names[-1].startswith("Ada Example 070 ")
    assert "1–50 of 120 patients, the most recent first" in unescape(html)
    assert "last visit May 4, 2026" in html  # 2026-01-05 + 119 days
    assert 'rel="next"' in html and 'rel="prev"' not in html
    # the last page, by its link; one past the end is the last page too
    last = client.get("/patients?page=3").get_data(as_text=True)
    assert "101–120 of 120 patients" in unescape(last) and 'rel="prev"' in last
    assert _names(last)[-1].startswith("Ada Example 000 ")
    assert _names(client.get("/patients?page=99").get_data(as_text=True)) == _names(last)
    seen = {n for page in (1, 2, 3)
            for n in _names(client.get(f"/patients?page={page}").get_data(as_text=True))}
    assert len(seen) == COUNT


def test_a_search_reads_only_what_it_finds_by_name_number_or_birth(tmp_path, database,
                                                                  monkeypatch):
    client, read = _counted(tmp_path, monkeypatch)

    def found(query: str, page: int = 1) -> list[str]:
        read.clear()
        html = client.get("/patients", query_string={"q": query, "page": page})
        names = _names(html.get_data(as_text=True))
        assert len(read) == len(names)
        return names

    assert found("n00042") == ["Ada Example 042 (born 1982-04-30, no. N00042)"]
    assert [n[:15] for n in found("1982-04")] == ["Ada Example 042", "Ada Example 092"]
    assert len(found("ADA  example")) == 50
    html = unescape(client.get("/patients?q=ada&page=3").get_data(as_text=True))
    assert "101–120 of 120 patients found, by name (of 120)" in html
    assert _names(html)[0].startswith("Ada Example 100 ")  # by name: 000 first
    assert found("100%") == [] and found("ex_mple") == []  # typed, not a pattern


def test_a_search_is_posted_and_no_address_holds_the_name(tmp_path, database, monkeypatch):
    """A name in an address (``/patients?q=ada``) stays in the browser's history on a shared
    front-desk computer: the search is posted, and its pages name it by a random id, which
    another browser cannot use. A link made before (``?q=``) still works."""
    client, _ = _counted(tmp_path, monkeypatch)
    page = client.get("/patients").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    assert re.search(r'<form method="post" action="/patients"', page)
    posted = client.post("/patients", data={"q": "Ada Example", "csrf_token": token})
    assert posted.status_code == 303 and "Ada" not in posted.location
    assert re.fullmatch(r"/patients\?found=[\w-]+", posted.location)
    html = unescape(client.get(posted.location).get_data(as_text=True))
    assert "1–50 of 120 patients found, by name (of 120)" in html
    assert 'value="Ada Example"' in html  # the box still says what was asked
    following = re.search(r'href="([^"]+)" rel="next"', html).group(1)
    assert "Ada" not in following and "q=" not in following
    assert _names(client.get(unescape(following)).get_data(as_text=True))[0].startswith(
        "Ada Example 050 ")
    other = client.application.test_client()  # another browser
    assert "That search is no longer kept" in other.get(posted.location).get_data(as_text=True)
    assert client.post("/patients", data={"q": " ", "csrf_token": token}).location == "/patients"
