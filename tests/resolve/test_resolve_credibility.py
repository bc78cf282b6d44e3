"""Credibility signals on the seeds (ingested from ../shared) and on clean articles."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from resolve_factories import claim, document

from supplyline.config import Settings
from supplyline.model import Source
from supplyline.pipeline import run
from supplyline.resolve import resolve
from supplyline.resolve.credibility import (
    NOTE,
    assess_document,
    credibility_vocab,
    document_credibility,
    outlet_credibility,
    quoted_people,
)
from supplyline.store import BaseStore, ClaimReport, StoredDocument, open_store

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds" / "seeds.jsonl"
EXPERT_QUOTE = "000_bb7952c7762eb152.txt"
BIOGRAPHY = "003_fd060efeff429ee8.txt"

# Written for these tests: a clean article and a second one that names the same minister.
CLEAN = """Norway approves new air defence aid for Ukraine

Norway will send two more NASAMS air defence systems to Ukraine, Defence Minister Tore \
Sandvik said on Tuesday.

"These systems protect cities and power plants, and Ukraine asked for them first," Tore \
Sandvik said at a press conference in Oslo.

The Norwegian defence ministry said the systems would be delivered to Ukraine before the end \
of the year.
"""
SECOND = """Oslo explains how it pays for Ukraine's air defence

Tore Sandvik, Norway's defence minister, told parliament on Wednesday that the NASAMS systems \
promised to Ukraine were paid from this year's budget.
"""


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BaseStore]:
    corpus = tmp_path_factory.mktemp("cred") / "clean.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in (
        {"id": "clean", "text": CLEAN, "outlet": "Baltic Ledger", "published": "2025-05-06"},
        {"id": "second", "text": SECOND, "outlet": "Nordic Defence Notes",
         "published": "2025-05-07"})), encoding="utf-8")
    with open_store(":memory:") as s:
        summary = run([str(SEEDS), str(corpus)], s, settings=Settings.from_env())
        assert summary.ok and summary.stored == 4
        resolve(s)
        yield s


def kinds(report: object) -> list[str]:
    return [s.kind for s in report.signals]  # type: ignore[attr-defined]


def test_the_expert_quote_in_seed_000_is_flagged(store: BaseStore) -> None:
    report = document_credibility(store, EXPERT_QUOTE)
    assert report is not None
    [quote] = [s for s in report.signals if s.kind == "unknown_quote"]
    assert "Emily Johnson" in quote.reason and "Global Security Institute" in quote.reason
    assert "no other document in the store mentions" in quote.reason
    assert quote.text.startswith("North Korea's military support to Russia is a clear signal")
    vague = [s.text for s in report.signals if s.kind == "vague_source"]
    assert any(t.startswith("Many experts and officials express concern") for t in vague)


def test_the_environmental_biography_in_seed_003_is_flagged(store: BaseStore) -> None:
    report = document_credibility(store, BIOGRAPHY)
    assert report is not None
    [bio] = [s for s in report.signals if s.kind == "unrelated_biography"]
    assert bio.text.startswith("Sofia Rodriguez is a multifaceted journalist")
    assert "mentions nothing of the article's subject" in bio.reason
    assert "North Korea" in bio.reason
    assert {"page_debris", "sensational", "vague_source"} <= set(kinds(report))
    [loud] = [s for s in report.signals if s.kind == "sensational"]
    assert "startling" in loud.reason and "In a startling revelation" in loud.text


def test_a_clean_article_is_not_flagged(store: BaseStore) -> None:
    report = document_credibility(store, "clean")
    assert report is not None
    assert report.claims >= 2
    assert report.signals == ()
    doc = store.document("clean")
    assert doc is not None
    # It does quote a person by name, whom another document mentions: no signal for that.
    assert [p for p, _, _ in quoted_people(doc, credibility_vocab())] == ["Tore Sandvik"]


def test_corroboration_and_output_say_signals_not_verdicts(store: BaseStore) -> None:
    report = document_credibility(store, "clean")
    assert report is not None
    d = report.to_dict()
    assert d["note"] == NOTE and "not verdicts" in NOTE
    assert len(d["corroboration"]) == report.claims
    assert all(c["independent_sources"] >= 1 for c in d["corroboration"])
    outlet = outlet_credibility(store, "baltic ledger")
    assert outlet is not None and outlet.outlet == "Baltic Ledger"
    assert outlet.to_dict()["signal_counts"] == {}
    assert outlet_credibility(store, "No Such Outlet") is None
    assert document_credibility(store, "missing") is None


def test_few_named_sources_is_a_signal() -> None:
    sentences = ["Head", "Sources said North Korea sent troops.", "Officials said more came."]
    doc, cleaned = document("v", sentences, published=date(2025, 1, 1))
    claims = [claim(doc, s, source=Source("sources", kind="media")) for s in sentences[1:]]
    stored = StoredDocument("v", None, None, None, None, None, None, doc.text, doc.text,
                            cleaned.segments, ingested_at=datetime.now())
    reports = [ClaimReport(c, doc.published, None) for c in claims]
    report = assess_document(stored, reports, {}, lambda name, doc_id: False)
    assert kinds(report).count("named_sources") == 1
    assert report.named_share == 0
    assert kinds(report).count("vague_source") == 2
