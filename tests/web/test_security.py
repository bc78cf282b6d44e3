"""The dashboard lets no one in: only the hosts it was started for, security headers on every
response (errors too), NUL refused at the edge alike on both stores, ids escaped in links."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

import supplyline
import supplyline.web
from supplyline.cli import cli
from supplyline.web import create_app
from supplyline.web.security import SECURITY_HEADERS, allowed_hosts

ODD_ID = "dir/a?b=1#frag/../../api/stats"  # a document id with every character links mangle
ARTICLE = {"id": ODD_ID, "outlet": "../../api/stats?x=#y", "published": "2025-05-02",
           "text": "Poland delivered 40 tanks to Ukraine, its defence ministry said on Friday."}
LOCAL = "http://127.0.0.1"


@pytest.fixture(scope="module")
def odd_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("odd")
    corpus = root / "odd.jsonl"
    corpus.write_text(json.dumps(ARTICLE) + "\n", encoding="utf-8")
    db = root / "odd.db"
    assert not supplyline.ingest([corpus], db).failures
    supplyline.resolve(db)
    return db


@pytest.fixture(scope="module")
def client(odd_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(odd_db), base_url=LOCAL) as c:
        yield c


def secured(response: object) -> bool:
    headers = response.headers  # type: ignore[attr-defined]
    return all(headers.get(k) == v for k, v in SECURITY_HEADERS.items())


# -- hosts -------------------------------------------------------------------------------------


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.1:8000", "localhost", "localhost:9"])
def test_the_local_names_are_let_in(client: TestClient, host: str) -> None:
    assert client.get("/api/stats", headers={"Host": host}).status_code == 200


@pytest.mark.parametrize("host", ["evil.example", "rebound.attacker.test:8000", "127.0.0.1.nip.io",
                                  "testserver"])
def test_any_other_host_is_refused(client: TestClient, host: str) -> None:
    for path in ("/", "/api/claims", "/api/documents/x"):
        r = client.get(path, headers={"Host": host})
        assert r.status_code == 400 and "Invalid host header" in r.text, path
        assert secured(r)


def test_the_hosts_it_was_started_for_are_let_in(odd_db: Path) -> None:
    hosts = allowed_hosts("10.0.0.5", ["dash.example.org", "*.internal.test"])
    assert hosts == ["127.0.0.1", "localhost", "10.0.0.5", "dash.example.org", "*.internal.test"]
    assert allowed_hosts("0.0.0.0", []) == ["127.0.0.1", "localhost"]  # every address: no name
    with TestClient(create_app(odd_db, allowed_hosts=hosts), base_url=LOCAL) as c:
        for host in ("10.0.0.5:8000", "dash.example.org", "a.internal.test", "localhost"):
            assert c.get("/api/stats", headers={"Host": host}).status_code == 200, host
        assert c.get("/api/stats", headers={"Host": "example.org"}).status_code == 400


def test_serve_warns_on_every_address_and_takes_allowed_hosts(
        odd_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    served: list[tuple] = []
    monkeypatch.setattr(supplyline.web, "serve",
                        lambda db, host, port, **kw: served.append((host, port, kw)))
    result = CliRunner().invoke(cli, ["--db", str(odd_db), "serve", "--host", "0.0.0.0",
                                      "--allowed-host", "dash.example.org",
                                      "--allowed-host", "10.0.0.5"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "no authentication" in result.stderr and "behind a proxy" in result.stderr
    (host, port, kw), = served
    assert host == "0.0.0.0" and kw["allowed_hosts"] == ("dash.example.org", "10.0.0.5")
    bare = CliRunner().invoke(cli, ["--db", str(odd_db), "serve", "--host", "0.0.0.0"],
                              catch_exceptions=False)
    assert "with --allowed-host" in bare.stderr  # how others may reach it by name
    local = CliRunner().invoke(cli, ["--db", str(odd_db), "serve"], catch_exceptions=False)
    assert "no authentication" not in local.stderr


# -- headers on every response -----------------------------------------------------------------


@pytest.mark.parametrize(("path", "status"), [
    ("/", 200), ("/static/style.css", 200), ("/api/stats", 200), ("/openapi.json", 200),
    ("/claims/nope", 404), ("/api/claims/nope", 404), ("/no/such/page", 404),
    ("/claims?page=0", 422), ("/api/claims?status=rumoured", 422),
])
def test_every_response_carries_the_security_headers(client: TestClient, path: str,
                                                     status: int) -> None:
    r = client.get(path)
    assert r.status_code == status and secured(r)


def test_a_server_error_carries_them_too(tmp_path: Path) -> None:
    broken = tmp_path / "broken.db"
    broken.write_text("not a database")
    with TestClient(create_app(broken), base_url=LOCAL, raise_server_exceptions=False) as c:
        for path in ("/claims", "/api/stats"):
            r = c.get(path)
            assert r.status_code == 500 and secured(r), path


# -- NUL at the edge ---------------------------------------------------------------------------

NUL_PATHS = ["/claims/a%00b", "/facts/%00", "/documents/dir%00/x", "/sources/%00",
             "/api/claims/%00", "/api/facts/%00", "/api/documents/%00", "/api/sources/x%00"]
NUL_QUERIES = ["/claims?actor=%00", "/claims?item=a%00", "/search?q=tanks%00",
               "/api/claims?actor=Poland%00", "/api/search?q=%00", "/api/facts?actor=%00",
               "/api/facts?item=%00", "/api/claims?a%00=1"]


def nul_answers(c: TestClient) -> list[tuple[str, int, str]]:
    out = []
    for path in NUL_PATHS + NUL_QUERIES:
        r = c.get(path)
        body = r.json()["detail"] if "/api/" in path else re.sub(r"\s+", " ", r.text)
        out.append((path, r.status_code, json.dumps(body) if "/api/" in path else body))
    return out


def test_nul_in_an_id_is_404_and_in_a_parameter_422(client: TestClient) -> None:
    for path, status, _body in nul_answers(client):
        assert status == (404 if path in NUL_PATHS else 422), path
    r = client.get("/api/claims?actor=Poland%00")
    assert r.json()["detail"] == [{"parameter": "actor", "problem": "contains a NUL character"}]
    page = client.get("/search?q=tanks%00")
    assert page.headers["content-type"].startswith("text/html") and "<b>q</b>" in page.text


def test_nul_is_answered_alike_on_postgres(odd_db: Path, client: TestClient, pg_url: str,
                                           tmp_path: Path) -> None:
    corpus = tmp_path / "odd.jsonl"
    corpus.write_text(json.dumps(ARTICLE) + "\n", encoding="utf-8")
    assert not supplyline.ingest([corpus], pg_url).failures
    supplyline.resolve(pg_url)
    with TestClient(create_app(pg_url), base_url=LOCAL) as pg:
        assert nul_answers(pg) == nul_answers(client)


# -- links -------------------------------------------------------------------------------------


def hrefs(html: str, prefix: str) -> list[str]:
    return [h for h in re.findall(r'href="([^"]+)"', html) if h.startswith(prefix)]


def test_links_to_an_odd_id_are_escaped_and_lead_to_it(client: TestClient) -> None:
    claim = client.get("/api/claims").json()["claims"][0]
    fact = client.get("/api/facts").json()[0]
    pages = [f"/claims/{claim['id']}", f"/facts/{fact['id']}", "/search?q=tanks", "/documents"]
    escaped = "/documents/dir%2Fa%3Fb%3D1%23frag%2F..%2F..%2Fapi%2Fstats"
    for page in pages:
        links = hrefs(client.get(page).text, "/documents/")
        assert links and all(link.split("#claim-")[0] == escaped for link in links), page
    doc = client.get(escaped)
    assert doc.status_code == 200 and "40 tanks" in doc.text
    assert hrefs(doc.text, "/api/documents/") == [escaped.replace("/documents/",
                                                                  "/api/documents/", 1)]
    outlet = hrefs(doc.text, "/sources/")
    assert outlet == ["/sources/..%2F..%2Fapi%2Fstats%3Fx%3D%23y"]
    assert client.get(outlet[0]).status_code == 200
    assert hrefs(client.get(outlet[0]).text, "/documents/") == [escaped]
    listed = hrefs(client.get("/sources").text, "/sources/")
    assert outlet[0] in listed and all("?" not in h and "#" not in h for h in listed)
    by_doc = hrefs(client.get("/documents").text, "/claims?doc=")
    assert len(by_doc) == 1 and claim["id"] in client.get(by_doc[0]).text  # the doc's claims
