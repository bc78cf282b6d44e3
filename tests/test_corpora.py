"""Every annotated corpus of our own is well formed: its articles, and its gold in the spec's shape.

Five corpora, all written for this project (facts from public reporting, sentences our own):
the bundled samples (``src/supplyline/data/samples``), ``tests/data/heldout``,
``tests/data/tuning``, ``tests/data/heldout2`` and ``tests/data/heldout3`` (the last two never
tuned on). Each gold claim must follow ``shared/spec/claims.md``: the spec's keys and allowed
values, every evidence span verbatim in its document, time phrases, attributions and places
quoted from the text. These tests check the annotation, not the extractor;
``test_eval_gate.py`` scores the extractor on the same corpora.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from supplyline.model import CLAIM_TYPES, SOURCE_KINDS, STATUSES, TRANSFER_TYPES

ROOT = Path(__file__).resolve().parents[1]
CORPORA = {
    "samples": (ROOT / "src/supplyline/data/samples/articles.jsonl",
                ROOT / "src/supplyline/data/samples_gold.jsonl"),
    "heldout": (ROOT / "tests/data/heldout/articles.jsonl", ROOT / "tests/data/heldout/gold.jsonl"),
    "tuning": (ROOT / "tests/data/tuning/articles.jsonl", ROOT / "tests/data/tuning/gold.jsonl"),
    "heldout2": (ROOT / "tests/data/heldout2/articles.jsonl",
                 ROOT / "tests/data/heldout2/gold.jsonl"),
    "heldout3": (ROOT / "tests/data/heldout3/articles.jsonl",
                 ROOT / "tests/data/heldout3/gold.jsonl"),
}
ARTICLE_KEYS = {"id", "title", "outlet", "url", "published", "text"}
CLAIM_KEYS = {
    "doc", "evidence", "type", "actor", "recipient", "item", "quantity", "basis", "status",
    "when", "source", "place",
}
REQUIRED_CLAIM_KEYS = {"doc", "evidence", "type", "actor", "status", "source"}
BASES = (None, "additional", "cumulative")


def _read_jsonl(path: Path) -> list[dict]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            pytest.fail(f"{path} line {number} is not JSON: {exc}")
        assert isinstance(row, dict), f"{path} line {number} is not an object"
        rows.append(row)
    return rows


ARTICLES = {name: _read_jsonl(paths[0]) for name, paths in CORPORA.items()}
TEXTS = {name: {a["id"]: a["text"] for a in rows} for name, rows in ARTICLES.items()}
GOLD = {name: _read_jsonl(paths[1]) for name, paths in CORPORA.items()}
ALL_ARTICLES = [(name, a) for name, rows in ARTICLES.items() for a in rows]
ALL_CLAIMS = [(name, c) for name, rows in GOLD.items() for c in rows]
ARTICLE_IDS = [f"{name}:{a['id']}" for name, a in ALL_ARTICLES]
CLAIM_IDS = [f"{name}:{c.get('doc')}#{n}" for n, (name, c) in enumerate(ALL_CLAIMS, 1)]


def _as_list(value: str | list[str]) -> list[str]:
    return value if isinstance(value, list) else [value]


# --------------------------------------------------------------------------- articles

@pytest.mark.parametrize("name", CORPORA)
def test_corpus_ids_are_unique_and_every_article_has_claims(name: str) -> None:
    ids = [a["id"] for a in ARTICLES[name]]
    assert ids and len(ids) == len(set(ids))
    docs = {c["doc"] for c in GOLD[name]}
    assert not set(ids) - docs, f"articles without gold claims: {sorted(set(ids) - docs)}"


def test_article_ids_are_unique_across_corpora() -> None:
    ids = [a["id"] for _, a in ALL_ARTICLES]
    assert len(ids) == len(set(ids)), "a document id is reused in two corpora"


@pytest.mark.parametrize(("name", "article"), ALL_ARTICLES, ids=ARTICLE_IDS)
def test_article_shape(name: str, article: dict) -> None:
    assert set(article) == ARTICLE_KEYS
    assert all(isinstance(article[k], str) and article[k] for k in ARTICLE_KEYS)
    assert re.fullmatch(r"[a-z]\d+_[a-z0-9_]+", article["id"])
    assert article["url"].startswith("https://example-news.test/"), "our text, example domains"
    date.fromisoformat(article["published"])
    assert article["text"].split("\n", 1)[0] == article["title"], "text starts with the headline"


# --------------------------------------------------------------------------- claims

@pytest.mark.parametrize(("name", "claim"), ALL_CLAIMS, ids=CLAIM_IDS)
def test_claim_keys(name: str, claim: dict) -> None:
    assert REQUIRED_CLAIM_KEYS <= set(claim) <= CLAIM_KEYS
    assert claim["doc"] in TEXTS[name], "the claim's document is in its corpus"


@pytest.mark.parametrize(("name", "claim"), ALL_CLAIMS, ids=CLAIM_IDS)
def test_evidence_is_verbatim(name: str, claim: dict) -> None:
    spans = _as_list(claim["evidence"])
    assert spans, "at least one evidence span"
    text = TEXTS[name][claim["doc"]]
    for span in spans:
        assert isinstance(span, str) and span.strip()
        assert span in text, f"evidence not in {claim['doc']}: {span!r}"
    assert len(spans) == len(set(spans)), "no evidence span is listed twice"


@pytest.mark.parametrize(("name", "claim"), ALL_CLAIMS, ids=CLAIM_IDS)
def test_vocabularies(name: str, claim: dict) -> None:
    assert claim["type"] in CLAIM_TYPES
    assert claim["status"] in STATUSES
    assert claim.get("basis") in BASES
    assert claim["source"]["kind"] in SOURCE_KINDS


@pytest.mark.parametrize(("name", "claim"), ALL_CLAIMS, ids=CLAIM_IDS)
def test_actor_and_recipient(name: str, claim: dict) -> None:
    assert isinstance(claim["actor"], str) and claim["actor"]
    recipient = claim.get("recipient")
    if claim["type"] in TRANSFER_TYPES:
        # a transfer may leave its recipient unstated ("sold the TB2 to 33 countries")
        assert recipient is None or (isinstance(recipient, str) and recipient)
        assert recipient != claim["actor"]
    else:
        assert recipient is None, "activity types take no recipient"


@pytest.mark.parametrize(("name", "claim"), ALL_CLAIMS, ids=CLAIM_IDS)
def test_item(name: str, claim: dict) -> None:
    item = claim.get("item")
    if item is None:
        return
    wordings = _as_list(item)
    assert wordings and all(isinstance(w, str) and w for w in wordings)
    assert all(w == w.lower() for w in wordings), "items are lower-cased"
    assert len(wordings) == len(set(wordings)), "no wording is listed twice"
    text = TEXTS[name][claim["doc"]].lower()
    assert any(w in text for w in wordings), "at least one wording is the article's own"


@pytest.mark.parametrize(("name", "claim"), ALL_CLAIMS, ids=CLAIM_IDS)
def test_quantity(name: str, claim: dict) -> None:
    quantity = claim.get("quantity")
    if quantity is None:
        return
    assert {"value", "lower", "upper", "approx"} <= set(quantity) <= {
        "value", "lower", "upper", "approx", "unit"}
    numbers = [quantity[k] for k in ("value", "lower", "upper")]
    assert all(n is None or (isinstance(n, int | float) and n > 0) for n in numbers)
    assert any(n is not None for n in numbers) or quantity["approx"], "some amount is given"
    value, lower, upper = numbers
    if lower is not None and upper is not None:
        assert lower <= upper
    if value is not None:
        assert lower is None or lower <= value
        assert upper is None or value <= upper
    unit = quantity.get("unit")
    if unit is not None:
        assert re.fullmatch(r"[A-Z]{3}", unit), "money takes an ISO currency code"


@pytest.mark.parametrize(("name", "claim"), ALL_CLAIMS, ids=CLAIM_IDS)
def test_when(name: str, claim: dict) -> None:
    when = claim.get("when")
    if when is None:
        return
    assert set(when) == {"text", "start", "end"}
    assert when["text"] in TEXTS[name][claim["doc"]], "the time phrase is quoted verbatim"
    start = date.fromisoformat(when["start"]) if when["start"] else None
    end = date.fromisoformat(when["end"]) if when["end"] else None
    assert start is not None or end is not None, "a dated article resolves its time phrases"
    if start and end:
        assert start <= end


@pytest.mark.parametrize(("name", "claim"), ALL_CLAIMS, ids=CLAIM_IDS)
def test_source(name: str, claim: dict) -> None:
    source = claim["source"]
    assert set(source) == {"text", "name", "kind", "country"}
    if source["kind"] == "unattributed":
        assert source["text"] is None and source["name"] is None
    else:
        assert source["text"] in TEXTS[name][claim["doc"]], "the attribution is quoted verbatim"


@pytest.mark.parametrize(("name", "claim"), ALL_CLAIMS, ids=CLAIM_IDS)
def test_place(name: str, claim: dict) -> None:
    place = claim.get("place")
    if place is not None:
        assert place.lower() in TEXTS[name][claim["doc"]].lower()


@pytest.mark.parametrize("name", CORPORA)
def test_claims_are_not_duplicated(name: str) -> None:
    seen = set()
    for claim in GOLD[name]:
        key = json.dumps(claim, sort_keys=True)
        assert key not in seen, f"duplicate claim in {claim['doc']}"
        seen.add(key)
