"""The bundled sample corpus and its hand-annotated gold claims are well formed.

``data/samples/articles.jsonl`` holds the articles; ``data/samples_gold.jsonl`` holds every claim
in them, in the gold shape of ``shared/spec/claims.md``. These tests check the annotation itself
(shape, vocabularies, verbatim evidence, dates), not the extractor.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from supplyline.model import CLAIM_TYPES, SOURCE_KINDS, STATUSES, TRANSFER_TYPES

DATA = Path(__file__).resolve().parents[1] / "src" / "supplyline" / "data"
ARTICLES_PATH = DATA / "samples" / "articles.jsonl"
GOLD_PATH = DATA / "samples_gold.jsonl"

ARTICLE_KEYS = {"id", "title", "outlet", "url", "published", "text"}
CLAIM_KEYS = {
    "doc", "evidence", "type", "actor", "recipient", "item", "quantity", "basis", "status",
    "when", "source", "place",
}
REQUIRED_CLAIM_KEYS = {"doc", "evidence", "type", "actor", "status", "source"}
BASES = (None, "additional", "cumulative")
# Supplier -> recipient pairs the sample corpus is written to cover.
REQUIRED_PAIRS = {
    ("North Korea", "Russia"), ("Iran", "Russia"), ("China", "Russia"),
    ("United States", "Ukraine"), ("United Kingdom", "Ukraine"), ("Germany", "Ukraine"),
    ("France", "Ukraine"),
}


def _read_jsonl(path: Path) -> list[dict]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            pytest.fail(f"{path.name} line {number} is not JSON: {exc}")
        assert isinstance(row, dict), f"{path.name} line {number} is not an object"
        rows.append(row)
    return rows


ARTICLES = _read_jsonl(ARTICLES_PATH)
TEXTS = {a["id"]: a["text"] for a in ARTICLES}
GOLD = _read_jsonl(GOLD_PATH)
CLAIM_IDS = [f"{c.get('doc')}#{n}" for n, c in enumerate(GOLD, 1)]


def _as_list(value: str | list[str]) -> list[str]:
    return value if isinstance(value, list) else [value]


def _words(text: str) -> int:
    return len(re.findall(r"\S+", text))


# --------------------------------------------------------------------------- articles

def test_corpus_has_enough_articles() -> None:
    assert len(ARTICLES) >= 15


def test_article_ids_are_unique() -> None:
    ids = [a["id"] for a in ARTICLES]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("article", ARTICLES, ids=[a["id"] for a in ARTICLES])
def test_article_shape(article: dict) -> None:
    assert set(article) == ARTICLE_KEYS
    assert all(isinstance(article[k], str) and article[k] for k in ARTICLE_KEYS)
    assert re.fullmatch(r"s\d\d_[a-z0-9_]+", article["id"])
    assert article["url"].startswith("https://example-news.test/")
    date.fromisoformat(article["published"])
    assert article["text"].split("\n", 1)[0] == article["title"], "text starts with the headline"
    assert 150 <= _words(article["text"]) <= 400


@pytest.mark.parametrize("article", ARTICLES, ids=[a["id"] for a in ARTICLES])
def test_every_article_has_claims(article: dict) -> None:
    assert any(c["doc"] == article["id"] for c in GOLD)


# --------------------------------------------------------------------------- claims

@pytest.mark.parametrize("claim", GOLD, ids=CLAIM_IDS)
def test_claim_keys(claim: dict) -> None:
    assert REQUIRED_CLAIM_KEYS <= set(claim) <= CLAIM_KEYS


@pytest.mark.parametrize("claim", GOLD, ids=CLAIM_IDS)
def test_claim_doc_exists(claim: dict) -> None:
    assert claim["doc"] in TEXTS


@pytest.mark.parametrize("claim", GOLD, ids=CLAIM_IDS)
def test_evidence_is_verbatim(claim: dict) -> None:
    spans = _as_list(claim["evidence"])
    assert spans, "at least one evidence span"
    text = TEXTS[claim["doc"]]
    for span in spans:
        assert isinstance(span, str) and span.strip()
        assert span in text, f"evidence not in {claim['doc']}: {span!r}"
    assert len(spans) == len(set(spans)), "no evidence span is listed twice"


@pytest.mark.parametrize("claim", GOLD, ids=CLAIM_IDS)
def test_vocabularies(claim: dict) -> None:
    assert claim["type"] in CLAIM_TYPES
    assert claim["status"] in STATUSES
    assert claim.get("basis") in BASES
    assert claim["source"]["kind"] in SOURCE_KINDS


@pytest.mark.parametrize("claim", GOLD, ids=CLAIM_IDS)
def test_actor_and_recipient(claim: dict) -> None:
    assert isinstance(claim["actor"], str) and claim["actor"]
    recipient = claim.get("recipient")
    if claim["type"] in TRANSFER_TYPES:
        assert isinstance(recipient, str) and recipient
        assert recipient != claim["actor"]
    else:
        assert recipient is None, "activity types take no recipient"


@pytest.mark.parametrize("claim", GOLD, ids=CLAIM_IDS)
def test_item(claim: dict) -> None:
    item = claim.get("item")
    if item is None:
        return
    wordings = _as_list(item)
    assert wordings and all(isinstance(w, str) and w for w in wordings)
    assert all(w == w.lower() for w in wordings), "items are lower-cased"
    text = TEXTS[claim["doc"]].lower()
    assert any(w in text for w in wordings), "at least one wording is the article's own"


@pytest.mark.parametrize("claim", GOLD, ids=CLAIM_IDS)
def test_quantity(claim: dict) -> None:
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


@pytest.mark.parametrize("claim", GOLD, ids=CLAIM_IDS)
def test_when(claim: dict) -> None:
    when = claim.get("when")
    if when is None:
        return
    assert set(when) == {"text", "start", "end"}
    assert when["text"] in TEXTS[claim["doc"]], "the time phrase is quoted verbatim"
    start = date.fromisoformat(when["start"]) if when["start"] else None
    end = date.fromisoformat(when["end"]) if when["end"] else None
    assert start is not None or end is not None, "a dated article resolves its time phrases"
    if start and end:
        assert start <= end


@pytest.mark.parametrize("claim", GOLD, ids=CLAIM_IDS)
def test_source(claim: dict) -> None:
    source = claim["source"]
    assert set(source) == {"text", "name", "kind", "country"}
    if source["kind"] == "unattributed":
        assert source["text"] is None and source["name"] is None
    else:
        assert source["text"] in TEXTS[claim["doc"]], "the attribution is quoted verbatim"


@pytest.mark.parametrize("claim", GOLD, ids=CLAIM_IDS)
def test_place(claim: dict) -> None:
    place = claim.get("place")
    if place is not None:
        assert place.lower() in TEXTS[claim["doc"]].lower()


# --------------------------------------------------------------------------- coverage

def test_supplier_recipient_pairs() -> None:
    pairs = {(c["actor"], c["recipient"]) for c in GOLD if c.get("recipient")}
    assert len(pairs) >= 4
    missing = REQUIRED_PAIRS - pairs
    assert not missing, f"missing pairs: {sorted(missing)}"


def test_claims_are_not_duplicated() -> None:
    seen = set()
    for claim in GOLD:
        key = json.dumps(claim, sort_keys=True)
        assert key not in seen, f"duplicate claim in {claim['doc']}"
        seen.add(key)
