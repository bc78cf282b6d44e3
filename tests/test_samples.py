"""The bundled sample corpus: what is particular to it.

``data/samples/articles.jsonl`` holds the articles; ``data/samples_gold.jsonl`` holds every claim
in them. The shape of every article and gold claim (the spec's keys and values, verbatim
evidence, dates) is checked for all our corpora in ``test_corpora.py``; this module checks what
only the bundled samples promise: their size, ids, length and the supplier pairs they cover.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[1] / "src" / "supplyline" / "data"
ARTICLES = [json.loads(line) for line in
            (DATA / "samples" / "articles.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()]
GOLD = [json.loads(line) for line in
        (DATA / "samples_gold.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
# Supplier -> recipient pairs the sample corpus is written to cover.
REQUIRED_PAIRS = {
    ("North Korea", "Russia"), ("Iran", "Russia"), ("China", "Russia"),
    ("United States", "Ukraine"), ("United Kingdom", "Ukraine"), ("Germany", "Ukraine"),
    ("France", "Ukraine"),
}


def test_corpus_has_enough_articles() -> None:
    assert len(ARTICLES) >= 15


@pytest.mark.parametrize("article", ARTICLES, ids=[a["id"] for a in ARTICLES])
def test_sample_ids_and_length(article: dict) -> None:
    assert re.fullmatch(r"s\d\d_[a-z0-9_]+", article["id"])
    assert 150 <= len(re.findall(r"\S+", article["text"])) <= 400


def test_supplier_recipient_pairs() -> None:
    pairs = {(c["actor"], c["recipient"]) for c in GOLD if c.get("recipient")}
    assert len(pairs) >= 4
    missing = REQUIRED_PAIRS - pairs
    assert not missing, f"missing pairs: {sorted(missing)}"
