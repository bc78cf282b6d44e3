"""The dashboard in process (FastAPI's TestClient): pages, API, errors, escaping."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from corpus_factories import DOCUMENTS, HOSTILE_ID
from supplyline.store import Store
from supplyline.web import create_app

LOCAL = "http://127.0.0.1"  # a host the dashboard answers (not TestClient's "testserver")


@pytest.fixture(scope="module")
def client(sample_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(sample_db), base_url=LOCAL, raise_server_exceptions=False) as c:
        yield c


@pytest.fixture(scope="module")
def claim_ids(sample_db: Path) -> list[str]:
    with Store(sample_db) as store:
        return [c.id for c in store.claims()]


def _rows(html: str) -> list[str]:
    body = html[html.index('<table id="claims">'):]
    return re.findall(r'<tr data-type="(\w+)" data-status="(\w+)">', body)


def test_overview_shows_pairs_figures_and_charts(client: TestClient) -> None:
    r = client.get("/")
    assert r.status_code == 200
    assert "North Korea → Russia" in r.text and "Belarus → Russia" in r.text
    # the first card's first row: an estimate made of one total, linked to its evidence,
    # with how it is made as its tooltip
    figure = re.search(r'<a class="figure" href="(/claims/\w+)" title="([\d,]+): [^"]+">'
                       r'([\d,]+)</a>', r.text)
    assert figure and figure.group(2) == figure.group(3)
    evidence = client.get(figure.group(1))
    assert evidence.status_code == 200
    marked = re.search(r'<div id="evidence">(.*?)</div>', evidence.text, re.S).group(1)
    assert figure.group(3) in "".join(re.findall(r"<mark[^>]*>(.*?)</mark>", marked, re.S))
    assert "<svg" in r.text and 'xlink:href="/claims/' in r.text


def test_no_script_and_a_policy_that_forbids_scripts(client: TestClient) -> None:
    for path in ("/", "/claims", f"/documents/{HOSTILE_ID}", "/search?q=Belarus"):
        r = client.get(path)
        assert "<script" not in r.text.lower(), path
        assert "script-src 'none'" in r.headers["content-security-policy"], path
        assert r.headers["x-content-type-options"] == "nosniff"


def test_hostile_article_is_shown_as_text(client: TestClient) -> None:
    r = client.get(f"/documents/{HOSTILE_ID}")
    assert r.status_code == 200
    assert "&lt;script&gt;window.__pwned = &#39;body&#39;" in r.text
    assert "&lt;img src=x onerror=" in r.text
    assert "<img" not in r.text and "<b>Wire</b>" not in r.text
    assert "Example &lt;b&gt;Wire&lt;/b&gt;" in r.text
    [claim_link] = re.findall(r'<mark data-claims="\w+"><a href="(/claims/\w+)">', r.text)[:1]
    page = client.get(claim_link)
    assert "&lt;img src=x onerror=" in page.text and "<img" not in page.text


def test_claims_table_filters_and_sorts(client: TestClient) -> None:
    every = _rows(client.get("/claims?per_page=1000").text)
    weapons = _rows(client.get("/claims?type=weapons&per_page=1000").text)
    assert weapons and len(weapons) < len(every)
    assert {t for t, _ in weapons} == {"weapons"}
    pledged = _rows(client.get("/claims?status=pledged&actor=united+states").text)
    assert pledged and {s for _, s in pledged} == {"pledged"}
    # An empty form field means "any".
    assert len(_rows(client.get("/claims?type=&status=&since=&per_page=1000").text)) == len(every)
    page = client.get("/claims?sort=quantity&order=desc&per_page=1000").text
    cells = re.findall(r'<td class="num">([^<]*)</td>', page)
    numbers = [float(re.sub(r"[^\d.]", "", c.split("–")[0])) for c in cells
               if re.search(r"\d", c) and not re.search(r"[A-Z]{3}", c)]
    assert numbers == sorted(numbers, reverse=True)


def test_claims_paging(client: TestClient) -> None:
    first = _rows(client.get("/claims?per_page=10").text)
    second = client.get("/claims?per_page=10&page=2")
    assert len(first) == 10 and "page 2 of" in second.text and "← previous" in second.text


def test_claim_document_and_source_pages(client: TestClient, claim_ids: list[str]) -> None:
    for claim_id in claim_ids[:5]:
        r = client.get(f"/claims/{claim_id}")
        assert r.status_code == 200 and "<mark" in r.text
    doc = client.get("/documents/s01_nis_troops_kursk")
    assert doc.status_code == 200 and doc.text.count("<mark") >= 3
    source = client.get("/sources/South Korea National Intelligence Service")
    assert source.status_code == 200 and "As a source" in source.text
    outlet = client.get("/sources/Korea Security Monitor")
    assert outlet.status_code == 200 and "As an outlet" in outlet.text


def test_search(client: TestClient) -> None:
    r = client.get("/search", params={"q": "artillery shells"})
    assert r.status_code == 200
    assert re.search(r"<b>(artillery|shells)</b>", r.text, re.I)
    hostile = client.get("/search", params={"q": "pwned"})
    assert HOSTILE_ID in hostile.text and "&lt;script&gt;" in hostile.text
    assert client.get("/search").status_code == 200  # the empty form


@pytest.mark.parametrize("path", ["/claims/nope", "/documents/nope", "/documents/a/b/c",
                                  "/sources/Nobody At All", "/no/such/page"])
def test_wrong_ids_are_a_404_page(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 404
    assert r.headers["content-type"].startswith("text/html")
    assert "Not found" in r.text and "Traceback" not in r.text


@pytest.mark.parametrize("query", ["type=bogus", "status=done&since=2024-13-01", "page=0",
                                   "per_page=100000", "order=sideways", "sort=colour"])
def test_bad_parameters_are_a_422_page(client: TestClient, query: str) -> None:
    r = client.get(f"/claims?{query}")
    assert r.status_code == 422
    assert r.headers["content-type"].startswith("text/html")
    assert "Invalid request" in r.text and "Traceback" not in r.text
    name = query.split("=")[0] if "since" not in query else "since"
    assert f"<b>{name}</b>" in r.text


def test_api(client: TestClient, claim_ids: list[str]) -> None:
    claims = client.get("/api/claims", params={"type": "personnel", "per_page": 5}).json()
    assert claims["total"] > 5 and len(claims["claims"]) == 5
    assert {c["type"] for c in claims["claims"]} == {"personnel"}
    one = client.get(f"/api/claims/{claim_ids[0]}").json()
    assert one["id"] == claim_ids[0] and one["document"]["id"] == one["doc"]
    doc = client.get(f"/api/documents/{HOSTILE_ID}").json()
    assert "<script>" in doc["text"]  # JSON carries the text as it is; pages escape it
    assert client.get("/api/search", params={"q": "Kursk"}).json()
    pairs = client.get("/api/pairs").json()
    assert pairs[0]["actor"] == "North Korea" and pairs[0]["headlines"]
    assert client.get("/api/stats").json()["documents"] == DOCUMENTS
    assert client.get("/api/sources/Pentagon").json()["claims"]


def test_api_errors_are_json(client: TestClient) -> None:
    missing = client.get("/api/claims/nope")
    assert missing.status_code == 404 and missing.json()["detail"].startswith("No claim")
    bad = client.get("/api/claims?status=rumoured")
    assert bad.status_code == 422 and bad.json()["detail"][0]["parameter"] == "status"
    assert client.get("/api/search").status_code == 422


def test_openapi_describes_the_api_only(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    paths = set(spec["paths"])
    assert {"/api/claims", "/api/claims/{claim_id}", "/api/search", "/api/pairs"} <= paths
    assert all(p.startswith("/api/") for p in paths)
    params = {p["name"] for p in spec["paths"]["/api/claims"]["get"]["parameters"]}
    assert {"actor", "type", "status", "since", "sort", "page"} <= params


def test_a_server_error_is_a_page_without_a_trace(sample_db: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.db"
    broken.write_text("not a database")
    with TestClient(create_app(broken), base_url=LOCAL, raise_server_exceptions=False) as c:
        r = c.get("/claims")
        assert r.status_code == 500 and "Traceback" not in r.text and "Internal error" in r.text
        assert c.get("/api/stats").json() == {
            "detail": "Internal error; the server log has the details."}


@pytest.fixture(scope="module")
def facts(sample_db: Path) -> list[Any]:
    with Store(sample_db) as store:
        return store.facts()


def test_fact_page_shows_every_report_with_its_evidence(client: TestClient,
                                                        facts: list[Any]) -> None:
    fact = max(facts, key=lambda f: (len(f.reports), f.id))
    assert len(fact.reports) >= 2
    r = client.get(f"/facts/{fact.id}")
    assert r.status_code == 200
    for claim_id in fact.reports:
        section = r.text[r.text.index(f'id="claim-{claim_id}"'):]
        assert "<mark" in section[:section.index("</article>")]
    assert f"<dd>{fact.independent_sources}" in r.text
    api = client.get(f"/api/facts/{fact.id}").json()
    assert api["id"] == fact.id and {c["id"] for c in api["report_claims"]} == set(fact.reports)


def test_overview_links_items_to_facts_and_flags_conflicts(client: TestClient) -> None:
    r = client.get("/")
    assert re.search(r'<a href="/facts/f\w+">', r.text)
    assert "single source" in r.text and "contradiction" in r.text
    pairs = client.get("/api/pairs").json()
    assert all(h["fact"] for p in pairs for h in p["headlines"])


def test_claim_page_names_its_fact(client: TestClient, facts: list[Any]) -> None:
    fact = facts[0]
    r = client.get(f"/claims/{fact.reports[0]}")
    assert f'href="/facts/{fact.id}"' in r.text


def test_alerts(client: TestClient) -> None:
    r = client.get("/alerts")
    assert r.status_code == 200
    rows = re.findall(r'<tr data-kind="(\w+)">', r.text)
    assert rows and "new_deployment" in rows
    assert "Belarus → Russia: workers and specialists delivered 300, first reported by" \
        in r.text
    recent = client.get("/api/alerts", params={"since": "2025-06-19"}).json()
    assert recent and all(a["reported"] >= "2025-06-19" for a in recent)
    assert client.get("/alerts?since=yesterday").status_code == 422
    belarus = client.get("/api/alerts", params={"pair": "Belarus->Russia"}).json()
    assert belarus and all("Belarus → Russia" in a["message"] for a in belarus)
    rises = client.get("/api/alerts", params={"rule": "figure_rise"}).json()
    assert all(a["kind"] == "figure_rise" for a in rises)
    assert client.get("/api/alerts", params={"pair": "->Russia"}).status_code == 422
    page = client.get("/alerts", params={"rule": "new personnel deployment",
                                         "pair": "Belarus"})
    assert set(re.findall(r'<tr data-kind="(\w+)">', page.text)) == {"new_deployment"}


def test_alerts_page_changes_nothing(client: TestClient, sample_db: Path) -> None:
    with Store(sample_db) as store:
        before = store.alerts()
    client.get("/alerts")
    with Store(sample_db) as store:
        assert store.alerts() == before


def test_credibility_on_outlet_source_and_document_pages(client: TestClient) -> None:
    outlet = client.get("/sources/Korea Security Monitor")
    assert "Credibility signals" in outlet.text and "not verdicts" in outlet.text
    assert "page debris" in outlet.text
    source = client.get("/sources/South Korea National Intelligence Service")
    assert "Independent sources" in source.text
    doc = client.get("/documents/s04_jcs_more_troops")
    assert 'id="signals"' in doc.text and "vague source" in doc.text
    api = client.get("/api/sources/Korea Security Monitor").json()
    assert api["outlet_credibility"]["signal_counts"]


def test_unknown_fact_is_a_404(client: TestClient) -> None:
    assert client.get("/facts/nope").status_code == 404
    assert client.get("/api/facts/nope").json()["detail"].startswith("No fact")
