"""The store's behaviour through its public API: round-trip, re-saving, filters, search, stats.

Every test that takes ``store`` runs once on SQLite and once on PostgreSQL (see conftest).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from store_factories import AID, SHELLS, TEST, TROOPS, clean, make_claim, make_doc, sample

import supplyline.store as store_pkg
from supplyline.model import Claim, CleanedText, Document, Quantity, Segment, Source, When
from supplyline.store import BaseStore as Store
from supplyline.store import ClaimFilter, SearchHit, StoredDocument
from supplyline.store.schema import MIGRATIONS


def test_public_api() -> None:
    assert sorted(store_pkg.__all__) == [
        "BaseStore", "ClaimFilter", "ClaimReport", "DocumentRef", "FactFilter", "FeedState",
        "SearchHit", "Store", "StoreError", "StoredDocument", "describe_location",
        "is_database_url", "open_store"]
    for name in store_pkg.__all__:
        assert getattr(store_pkg, name) is not None


# -- round-trip ----------------------------------------------------------------------------------

def test_claims_round_trip_equal(store: Store) -> None:
    doc, cleaned, claims = sample()
    assert store.save(doc, cleaned, claims) is True
    assert store.claims() == claims
    assert store.claims(ClaimFilter(doc=doc.id)) == claims
    for claim in claims:
        assert store.claim(claim.id) == claim
    assert store.claim("no-such-id") is None


def test_round_trip_keeps_number_types_offsets_and_sections(store: Store) -> None:
    doc, cleaned, claims = sample()
    store.save(doc, cleaned, claims)
    troops, _, test = (store.claim(c.id) for c in claims)
    assert troops is not None and test is not None
    assert troops.quantity is not None and type(troops.quantity.value) is int
    assert test.quantity is not None and type(test.quantity.value) is float
    assert test.quantity == Quantity(1.5, 1.0, 2.0)
    assert [(e.start, e.end, e.section) for e in troops.evidence] == [
        (e.start, e.end, e.section) for e in claims[0].evidence]
    assert troops.evidence[1].section == "summary"
    assert troops.when == When("in October of the previous year", date(2024, 10, 1),
                               date(2024, 10, 31))
    for e in troops.evidence:
        assert doc.text[e.start:e.end] == e.text


def test_float_quantity_that_is_whole_stays_float(store: Store) -> None:
    doc = make_doc("d", ["Head", TROOPS])
    claim = make_claim(doc, TROOPS, recipient="Russia", quantity=Quantity(11000.0, unit="USD"))
    store.save(doc, clean(doc), [claim])
    back = store.claim(claim.id)
    assert back == claim
    assert back is not None and back.quantity is not None
    assert type(back.quantity.value) is float and back.quantity.unit == "USD"


def test_document_round_trip(store: Store) -> None:
    doc, cleaned, claims = sample()
    store.save(doc, cleaned, claims)
    stored = store.document(doc.id)
    assert isinstance(stored, StoredDocument)
    assert stored.document() == doc
    assert (stored.id, stored.url, stored.outlet, stored.title, stored.author, stored.origin,
            stored.published, stored.raw) == (
        doc.id, doc.url, doc.outlet, doc.title, doc.author, doc.origin, doc.published, doc.raw)
    assert stored.text == doc.text
    assert stored.cleaned_text == cleaned.article_text
    assert "Subscribe" not in stored.cleaned_text
    assert stored.segments == cleaned.segments
    assert stored.cleaned == cleaned
    assert stored.ingested_at.tzinfo is not None
    assert stored.content_hash
    assert store.document("missing") is None


def test_segments_indexing_another_text_are_kept(store: Store) -> None:
    doc = make_doc("d", ["Head", "Body  with   spaces"])
    base = "Head\n\nBody with spaces"
    cleaned = CleanedText(base, (Segment("headline", 0, 4, "Head"),
                                 Segment("body", 6, 22, "Body with spaces")))
    store.save(doc, cleaned, [])
    stored = store.document("d")
    assert stored is not None and stored.cleaned == cleaned and stored.text == doc.text


def test_has_document(store: Store) -> None:
    doc, cleaned, claims = sample()
    assert not store.has_document(doc.id)
    store.save(doc, cleaned, claims)
    assert store.has_document(doc.id)


def test_claim_context_gives_document_and_paragraph(store: Store) -> None:
    doc, cleaned, claims = sample()
    store.save(doc, cleaned, claims)
    found = store.claim_context(claims[1].id)
    assert found is not None
    claim, stored = found
    assert claim == claims[1]
    assert stored.id == doc.id
    ev = claim.evidence[0]
    para = stored.segment_at(ev.start)
    assert para is not None and para.text == SHELLS
    assert stored.text[ev.start:ev.end] == ev.text
    assert store.claim_context("nope") is None


def test_claims_of_another_document_are_refused(store: Store) -> None:
    doc, cleaned, claims = sample()
    other = replace(claims[0], doc="someone-else")
    with pytest.raises(ValueError, match="do not belong"):
        store.save(doc, cleaned, [*claims, other])
    assert not store.has_document(doc.id)


def test_claims_with_one_id_are_merged(store: Store) -> None:
    doc, cleaned, claims = sample()
    again = replace(claims[1], evidence=claims[1].evidence + claims[2].evidence)
    store.save(doc, cleaned, [*claims, again])
    assert len(store.claims()) == 3
    assert store.claim(claims[1].id) == claims[1].with_evidence(claims[2].evidence)


# -- saving again ----------------------------------------------------------------------------

def test_same_document_again_changes_nothing(store: Store) -> None:
    doc, cleaned, claims = sample()
    assert store.save(doc, cleaned, claims) is True
    first = store.document(doc.id)
    assert store.save(doc, cleaned, claims) is False
    assert store.save(doc, cleaned, claims[:1]) is False  # same text: claims are kept
    assert store.claims() == claims
    assert store.document(doc.id) == first
    assert store.stats()["documents"] == 1


def test_force_replaces_claims_of_unchanged_text(store: Store) -> None:
    doc, cleaned, claims = sample()
    store.save(doc, cleaned, claims)
    assert store.save(doc, cleaned, claims[:1], force=True) is True
    assert store.claims() == claims[:1]


def test_changed_text_replaces_document_and_claims(store: Store) -> None:
    doc, cleaned, claims = sample()
    store.save(doc, cleaned, claims)
    new = make_doc(doc.id, ["Iran sends drones", "Iran delivered Shahed drones to Russia."],
                   title="Iran sends drones", published=date(2025, 7, 4))
    claim = make_claim(new, "Iran delivered Shahed drones to Russia.", type="weapons",
                       actor="Iran", recipient="Russia", item="shahed drones",
                       source=Source(kind="government", country="Ukraine"))
    assert store.save(new, clean(new), [claim]) is True
    assert store.claims() == [claim]
    for old in claims:
        assert store.claim(old.id) is None
    stored = store.document(doc.id)
    assert stored is not None and stored.text == new.text and stored.published == date(2025, 7, 4)
    stats = store.stats()
    assert (stats["documents"], stats["claims"], stats["evidence"], stats["sources"]) == (
        1, 1, 1, 1)  # the old claims' evidence and sources went with them
    assert [h.doc_id for h in store.search("shahed")] == [doc.id]
    assert store.search("artillery") == []


def test_delete_removes_claims_and_evidence(store: Store) -> None:
    doc, cleaned, claims = sample()
    store.save(doc, cleaned, claims)
    assert store.delete(doc.id) is True
    assert store.delete(doc.id) is False
    assert store.claims() == [] and store.search("troops") == []
    stats = store.stats()
    assert (stats["documents"], stats["claims"], stats["evidence"], stats["sources"]) == (
        0, 0, 0, 0)


# -- filters ---------------------------------------------------------------------------------

@pytest.fixture
def corpus(store: Store) -> dict[str, Claim]:
    """Five claims over three documents: one dated, one earlier, one without a date."""
    doc_a, cleaned_a, (troops, shells, test) = sample()
    drones_text = "Iran has agreed to send Shahed drones to Russia in the coming months."
    doc_b = make_doc("b", ["Drones", drones_text], title="Drones", published=date(2024, 12, 23))
    drones = make_claim(doc_b, drones_text, type="weapons", actor="Iran", recipient="Russia",
                        item="Shahed drones", status="pledged",
                        when=When("in the coming months", date(2024, 12, 23), None),
                        source=Source("officials", None, "government", "Ukraine"))
    doc_c = make_doc("c", ["Aid", AID], title="Aid")
    aid = make_claim(doc_c, AID, type="funding", actor="United States", recipient="Ukraine",
                     item="aid", quantity=Quantity(625_000_000, unit="USD"), status="pledged",
                     when=When("recently"))
    store.save(doc_a, cleaned_a, [troops, shells, test])
    store.save(doc_b, clean(doc_b), [drones])
    store.save(doc_c, clean(doc_c), [aid])
    return {"troops": troops, "shells": shells, "test": test, "drones": drones, "aid": aid}


FILTERS = [
    (ClaimFilter(), {"troops", "shells", "test", "drones", "aid"}),
    (ClaimFilter(actor="north korea"), {"troops", "shells", "test"}),
    (ClaimFilter(recipient="Russia"), {"troops", "shells", "drones"}),
    (ClaimFilter(type="funding"), {"aid"}),
    (ClaimFilter(status="pledged"), {"drones", "aid"}),
    (ClaimFilter(item="SHELL"), {"shells"}),
    (ClaimFilter(item="shahed"), {"drones"}),
    (ClaimFilter(source_kind="media"), {"test"}),
    (ClaimFilter(source_kind="Intelligence"), {"troops"}),
    (ClaimFilter(doc="b"), {"drones"}),
    # since/until: when's interval, else the document's date; "coming months" runs on.
    (ClaimFilter(since=date(2025, 1, 1)), {"shells", "test", "drones"}),
    (ClaimFilter(until=date(2024, 12, 31)), {"troops", "drones"}),
    (ClaimFilter(since="2024-10-15", until="2024-10-20"), {"troops"}),
    (ClaimFilter(since=date(2025, 7, 1), until=date(2025, 7, 31)), {"shells", "drones"}),
    (ClaimFilter(actor="North Korea", type="personnel", recipient="Russia"), {"troops"}),
    (ClaimFilter(actor="Iran", type="funding"), set()),
]


@pytest.mark.parametrize(("flt", "expected"), FILTERS, ids=[repr(f) for f, _ in FILTERS])
def test_filter(store: Store, corpus: dict[str, Claim], flt: ClaimFilter,
                expected: set[str]) -> None:
    got = store.claims(flt)
    assert {name for name, c in corpus.items() if c in got} == expected
    assert len(got) == len(expected)


def test_limit_and_order(store: Store, corpus: dict[str, Claim]) -> None:
    # by document date (b, then a in its own order), undated documents last
    assert store.claims() == [corpus[k] for k in ("drones", "troops", "shells", "test", "aid")]
    assert store.claims(ClaimFilter(limit=2)) == [corpus["drones"], corpus["troops"]]
    assert store.claims(ClaimFilter(limit=0)) == []


@pytest.mark.parametrize("bad", [{"type": "tanks"}, {"status": "maybe"},
                                 {"source_kind": "rumour"}, {"limit": -1}])
def test_filter_rejects_unknown_values(bad: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        ClaimFilter(**bad)  # type: ignore[arg-type]


# -- search ----------------------------------------------------------------------------------

def test_search_ranks_and_snippets(store: Store, corpus: dict[str, Claim]) -> None:
    hits = store.search("drones")
    assert [h.doc_id for h in hits] == ["b"]
    hit = hits[0]
    assert isinstance(hit, SearchHit)
    assert hit.title == "Drones" and hit.published == date(2024, 12, 23)
    assert "**Shahed**" not in hit.snippet and "**drones**" in hit.snippet
    assert [h.doc_id for h in store.search('"artillery shells"')] == ["003_fd060efeff429ee8.txt"]
    assert store.search("newsletter") == []  # debris is not indexed
    assert store.search("russia", limit=1)[0].rank <= 0
    assert "<mark>drones</mark>" in store.search("drones", mark=("<mark>", "</mark>"))[0].snippet


def test_search_weighs_title_over_body(store: Store) -> None:
    body = make_doc("body", ["Weekly roundup", "Officials discussed howitzers at length today."],
                    title="Weekly roundup")
    title = make_doc("title", ["Kyiv news", "Officials discussed the shipment today."],
                     title="Howitzers for Kyiv")
    for d in (body, title):
        store.save(d, clean(d), [])
    assert [h.doc_id for h in store.search("howitzers")] == ["title", "body"]


@pytest.mark.parametrize("query", ['"artillery', "artillery\"", "North-Korea", "AND",
                                   "shells AND", "(shells", "foo:shells", "*", '""', "NEAR(",
                                   "shells)", "^", "-", "   "])
def test_search_survives_bad_syntax(store: Store, corpus: dict[str, Claim], query: str) -> None:
    hits = store.search(query)
    assert isinstance(hits, list)


def test_search_syntax(store: Store, corpus: dict[str, Claim]) -> None:
    doc_a = "003_fd060efeff429ee8.txt"
    assert [h.doc_id for h in store.search("Shah*")] == ["b"]
    assert [h.doc_id for h in store.search("dron")] == []  # whole words (stemmed) otherwise
    assert {h.doc_id for h in store.search("drones OR artillery")} == {"b", doc_a}
    assert [h.doc_id for h in store.search("Russia NOT drones")] == [doc_a]
    assert [h.doc_id for h in store.search("Russia AND drones")] == ["b"]
    assert store.search('"shells artillery"') == []  # a phrase keeps its order


def test_bad_syntax_falls_back_to_plain_words(store: Store, corpus: dict[str, Claim]) -> None:
    assert [h.doc_id for h in store.search('"artillery shells')] == ["003_fd060efeff429ee8.txt"]
    assert [h.doc_id for h in store.search("North-Korean")] == ["003_fd060efeff429ee8.txt"]
    assert [h.doc_id for h in store.search("(Shahed")] == ["b"]


# -- stats -----------------------------------------------------------------------------------

def test_stats(store: Store, corpus: dict[str, Claim]) -> None:
    stats = store.stats()
    assert (stats["documents"], stats["claims"], stats["evidence"]) == (3, 5, 6)
    assert stats["sources"] == 4  # intelligence, unattributed (shells and aid), media, government
    assert stats["by_type"] == {"funding": 1, "munitions": 1, "personnel": 1, "test": 1,
                                "weapons": 1}
    assert stats["by_pair"][0] == {"actor": "North Korea", "recipient": "Russia", "claims": 2}
    assert {(p["actor"], p["recipient"], p["claims"]) for p in stats["by_pair"]} == {
        ("North Korea", "Russia", 2), ("North Korea", None, 1), ("Iran", "Russia", 1),
        ("United States", "Ukraine", 1)}
    assert stats["schema_version"] == len(MIGRATIONS)


def test_repeated_sources_are_one_row(store: Store) -> None:
    docs = [make_doc(f"d{i}", ["Head", TEST]) for i in range(3)]
    for d in docs:
        store.save(d, clean(d), [make_claim(d, TEST, type="test"),
                                 make_claim(d, "Head", type="test", item="head")])
    assert store.stats()["sources"] == 1  # Source() with its Nones, six times


def test_empty_store(store: Store) -> None:
    assert store.claims() == [] and store.search("anything") == []
    assert store.stats()["documents"] == 0


def test_undated_document_round_trips(store: Store) -> None:
    doc = Document(id="x", text=TEST)
    claim = make_claim(doc, TEST, type="test")
    store.save(doc, CleanedText(doc.text, (Segment("body", 0, len(TEST), TEST),)), [claim])
    stored = store.document("x")
    assert stored is not None and stored.published is None and stored.title is None
    assert store.claims() == [claim]
