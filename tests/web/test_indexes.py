"""The dashboard's indexes (/facts, /sources, /documents), facets with counts beside the
claims and facts tables, CSV and JSON downloads of every filtered view, the overview's cards
and pair pages, and pages past the last."""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from corpus_factories import DOCUMENTS
from supplyline.report.presentation import load_presentation
from supplyline.store import ClaimFilter, FactFilter, Store
from supplyline.web import create_app


@pytest.fixture(scope="module")
def client(sample_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(sample_db), base_url="http://127.0.0.1",
                    raise_server_exceptions=False) as c:
        yield c


@pytest.fixture(scope="module")
def store(sample_db: Path) -> Iterator[Store]:
    with Store(sample_db) as s:
        yield s


def facet(html: str, name: str) -> dict[str, int]:
    """The values and counts of one facet of a page."""
    section = re.search(rf'<section class="facet" data-facet="{name}">(.*?)</section>', html,
                        re.S)
    assert section, f"no facet {name}"
    return {v: int(n) for v, n in re.findall(
        r'<li[^>]*><a href="[^"]*"[^>]*>([^<]+)</a> <span class="count">(\d+)</span>',
        section.group(1))}


def top(counts: Counter[str], n: int = 8) -> dict[str, int]:
    """The values a facet shows: most frequent first, ties by name."""
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0].casefold()))[:n])


def fact_ids(html: str) -> list[str]:
    return re.findall(r'<td><a href="/facts/(\w+)">', html[html.index('<table id="facts">'):])


# -- /facts -------------------------------------------------------------------------------------


def test_facts_index_lists_and_filters(client: TestClient, store: Store) -> None:
    every = store.facts()
    r = client.get("/facts", params={"per_page": 1000})
    assert r.status_code == 200 and f"{len(every)} facts" in r.text
    assert set(fact_ids(r.text)) == {f.id for f in every}
    nk = store.facts(FactFilter(actor="North Korea", recipient="Russia"))
    pair = client.get("/facts", params={"actor": "DPRK", "recipient": "the Kremlin",
                                        "per_page": 1000})
    assert set(fact_ids(pair.text)) == {f.id for f in nk} and nk
    assert client.get("/api/estimates", params={"actor": "DPRK", "recipient": "the Kremlin"}
                      ).json() == client.get("/api/estimates", params={
                          "actor": "North Korea", "recipient": "Russia"}).json() != []
    p = load_presentation()
    delivered = {f.id for f in every if p.phase_of(f.status).name == "delivered"}
    phase = client.get("/facts", params={"phase": "delivered", "per_page": 1000})
    assert set(fact_ids(phase.text)) == delivered
    typed = client.get("/facts", params={"type": "personnel", "min_sources": 2})
    assert set(fact_ids(typed.text)) == {f.id for f in every if f.type == "personnel"
                                         and f.independent_sources >= 2}


def test_facts_sort(client: TestClient, store: Store) -> None:
    r = client.get("/facts", params={"sort": "sources", "order": "desc", "per_page": 1000})
    by_id = {f.id: f for f in store.facts()}
    counts = [by_id[i].independent_sources for i in fact_ids(r.text)]
    assert counts == sorted(counts, reverse=True) and counts[0] > 1
    newest = client.get("/facts", params={"per_page": 1000})  # default: newest report first
    days = [by_id[i].last_reported for i in fact_ids(newest.text) if by_id[i].last_reported]
    assert days == sorted(days, reverse=True)


def test_an_unknown_name_is_a_note_with_the_close_ones(client: TestClient) -> None:
    r = client.get("/facts", params={"actor": "Nroth Korea"})
    assert r.status_code == 200 and "0 facts" in r.text
    assert "No actor is called &#39;Nroth Korea&#39;; did you mean &#39;North Korea&#39;" in r.text


# -- facets -------------------------------------------------------------------------------------


def test_claims_facets_count_the_filtered_claims(client: TestClient, store: Store) -> None:
    claims = store.claims(ClaimFilter(type="weapons"))
    refs = store.document_refs()
    r = client.get("/claims", params={"type": "weapons"})
    assert facet(r.text, "actor") == top(Counter(c.actor for c in claims))
    assert facet(r.text, "type") == {"weapons": len(claims)}  # the filter's own value
    outlets = Counter(refs[c.doc].outlet for c in claims if refs[c.doc].outlet)
    assert facet(r.text, "outlet") == top(outlets)
    for name in ("recipient", "status", "source_kind"):
        assert sum(facet(r.text, name).values()) <= len(claims)
    link = re.search(r'data-facet="status">.*?<a href="([^"]+)"', r.text, re.S)
    assert link and "type=weapons" in link.group(1) and "status=" in link.group(1)


def test_a_facet_value_filters_and_removes(client: TestClient) -> None:
    r = client.get("/claims", params={"outlet": "Korea Security Monitor"})
    outlet = facet(r.text, "outlet")
    assert list(outlet) == ["Korea Security Monitor"]
    remove = re.search(r'<li class="selected"><a href="([^"]+)"', r.text)
    assert remove and "outlet" not in remove.group(1)
    every = re.findall(r"<tr data-type", client.get("/claims?per_page=1000").text)
    assert len(every) > sum(outlet.values())


def test_facts_facets(client: TestClient) -> None:
    r = client.get("/facts", params={"actor": "North Korea"})
    assert set(facet(r.text, "phase")) <= {"delivered", "pledged", "expected", "denied"}
    assert facet(r.text, "actor") == {"North Korea": sum(facet(r.text, "type").values())}
    assert facet(r.text, "outlet") and facet(r.text, "source_kind")


# -- downloads ----------------------------------------------------------------------------------


def test_every_filtered_view_downloads_as_csv_and_json(client: TestClient, store: Store) -> None:
    weapons = store.claims(ClaimFilter(type="weapons", actor="Germany"))
    page = client.get("/claims", params={"type": "weapons", "actor": "Germany"})
    link = re.search(r'href="(/claims\.csv\?[^"]+)"', page.text)
    assert link
    r = client.get(link.group(1).replace("&amp;", "&"))
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert 'filename="claims.csv"' in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert [x["id"] for x in rows] == [c.id for c in sorted(
        weapons, key=lambda c: (store.document_refs()[c.doc].published, c.id))] or \
        {x["id"] for x in rows} == {c.id for c in weapons}
    assert {"doc_outlet", "doc_published", "evidence", "source_kind"} <= set(rows[0])
    js = client.get("/claims.json", params={"type": "weapons", "actor": "Germany"}).json()
    assert {x["id"] for x in js} == {c.id for c in weapons}
    assert isinstance(js[0]["evidence"], list)
    facts = client.get("/facts.csv", params={"actor": "DPRK"}).text
    nk = store.facts(FactFilter(actor="North Korea"))
    assert {x["id"] for x in csv.DictReader(io.StringIO(facts))} == {f.id for f in nk}
    docs = client.get("/documents.json").json()
    assert len(docs) == DOCUMENTS and {"id", "label", "outlet", "claims"} <= set(docs[0])
    sources = client.get("/sources.csv", params={"kind": "intelligence"}).text
    kinds = [x["kinds"] for x in csv.DictReader(io.StringIO(sources))]
    assert kinds and all("intelligence" in k for k in kinds)
    assert client.get("/claims.xml").status_code in (404, 422)


# -- /documents and /sources --------------------------------------------------------------------


def test_documents_index(client: TestClient, store: Store) -> None:
    r = client.get("/documents")
    assert r.status_code == 200 and f"{DOCUMENTS} documents" in r.text
    ids = re.findall(r'<tr data-doc="([^"]+)">', r.text)
    refs = store.document_refs()
    assert set(ids) == set(refs)
    days = [refs[i].published for i in ids if refs[i].published]
    assert days == sorted(days, reverse=True)  # newest first
    outlet = client.get("/documents", params={"outlet": "korea security monitor"})
    shown = re.findall(r'<tr data-doc="([^"]+)">', outlet.text)
    assert shown and all(refs[i].outlet == "Korea Security Monitor" for i in shown)
    assert facet(r.text, "outlet")


def test_sources_index(client: TestClient) -> None:
    r = client.get("/sources")
    assert r.status_code == 200 and '<table id="sources">' in r.text
    assert 'href="/sources/Pentagon"' in r.text and '<h2 id="outlets">Outlets</h2>' in r.text
    assert 'href="/sources/Korea%20Security%20Monitor"' in r.text
    kind = client.get("/sources", params={"kind": "intelligence"})
    assert "South Korea National Intelligence Service" in kind.text
    assert "Pentagon</a>" not in kind.text
    assert facet(r.text, "kind")


# -- overview, pairs, conflicts, pages past the last ---------------------------------------------


def test_the_overview_is_one_card_a_pair(client: TestClient) -> None:
    r = client.get("/")
    cards = re.findall(r'<section class="pair-card" id="([^"]+)">', r.text)
    assert "pair-north-korea-to-russia" in cards and len(cards) == len(set(cards))
    card = r.text[r.text.index('id="pair-north-korea-to-russia"'):]
    card = card[:card.index("</section>")]
    assert card.count("<tr") <= 4 and "<svg" in card and "<title>" in card
    assert 'href="/pairs/North%20Korea/Russia"' in card
    assert len(r.text) < 400_000  # a screen or two, not every chart of every pair


def test_a_pair_page_has_every_figure_and_chart(client: TestClient) -> None:
    r = client.get("/pairs/North%20Korea/Russia")
    assert r.status_code == 200 and "<h1>North Korea → Russia</h1>" in r.text
    assert r.text.count('<figure class="chart">') >= 1 and '<table class="headlines">' in r.text
    assert client.get("/pairs/DPRK/Moscow").text.count('<figure class="chart">') == \
        r.text.count('<figure class="chart">')
    assert client.get("/pairs/Atlantis/Russia").status_code == 404
    assert client.get("/pairs/Russia").status_code == 200  # an actor's activities


def test_conflicts_page(client: TestClient) -> None:
    r = client.get("/conflicts")
    assert r.status_code == 200 and "contradiction" in r.text


@pytest.mark.parametrize("path", ["/claims", "/facts", "/documents", "/sources"])
def test_a_page_past_the_last_is_a_404(client: TestClient, path: str) -> None:
    last = client.get(path, params={"per_page": 10})
    pages = re.search(r"page 1 of (\d+)", last.text)
    n = int(pages.group(1)) if pages else 1
    assert client.get(path, params={"per_page": 10, "page": n}).status_code == 200
    past = client.get(path, params={"per_page": 10, "page": 999})
    assert past.status_code == 404 and f"{n} page" in past.text
    assert client.get("/api/claims", params={"page": 999}).status_code == 404
