"""The pass list: its order is checked, and every pass sets only what it declares."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

import pytest

from corpus_factories import SAMPLES
from supplyline.clean import clean
from supplyline.config import Settings
from supplyline.extract import pipeline, reader_for
from supplyline.extract.context import SentenceContext
from supplyline.extract.passes.base import (
    SENTENCE_FIELDS,
    PassOrderError,
    check_order,
    sentence_pass,
)
from supplyline.extract.resources import Resources
from supplyline.model import Document


def test_an_order_that_reads_before_it_sets_is_refused() -> None:
    passes = list(pipeline.SENTENCE_PASSES)
    parties = next(p for p in passes if p.name == "parties")
    passes.remove(parties)
    passes.insert(0, parties)  # parties before the candidates it reads
    with pytest.raises(PassOrderError, match="'parties' reads"):
        check_order(passes, pipeline.SENTENCE_GIVEN, SENTENCE_FIELDS)


def test_a_misspelt_field_is_refused() -> None:
    @sentence_pass(reads={"span"}, sets={"draft.stauts"})
    def typo(r: Resources, ctx: SentenceContext) -> SentenceContext:
        return ctx

    with pytest.raises(PassOrderError, match="unknown fields"):
        check_order([*pipeline.SENTENCE_PASSES, typo], pipeline.SENTENCE_GIVEN,
                    SENTENCE_FIELDS)


def test_the_shipped_order_is_accepted_and_every_pass_says_what_it_does() -> None:
    check_order(pipeline.SENTENCE_PASSES, pipeline.SENTENCE_GIVEN, SENTENCE_FIELDS)
    described = pipeline.describe()
    assert [d["name"] for d in described][:3] == ["parse", "read", "mentions"]
    assert [d["name"] for d in described][-2:] == ["merge", "rescore"]  # rescore: learned
    assert all(d["doc"] for d in described), [d["name"] for d in described if not d["doc"]]


def _samples() -> list[Document]:
    docs = []
    for line in (SAMPLES / "articles.jsonl").read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        docs.append(Document(id=d["id"], text=d["text"], title=d.get("title"),
                             published=date.fromisoformat(d["published"][:10])))
    return docs


def test_every_pass_sets_only_what_it_declares_on_the_samples() -> None:
    """Run with the check on (a pass that changes an undeclared field raises), and the
    check changes nothing."""
    reader = reader_for(Settings.from_env())
    checking = pipeline.Extractor(replace(reader.resources, check=True))
    for doc in _samples():
        cleaned = clean(doc)
        assert checking.read(doc, cleaned) == reader.read(doc, cleaned)


def test_an_undeclared_change_is_caught() -> None:
    reader = reader_for(Settings.from_env())
    r = replace(reader.resources, check=True)

    @sentence_pass(reads={"drafts"}, sets=set())
    def sneaky(r: Resources, ctx: SentenceContext) -> SentenceContext:
        return replace(ctx, drafts=tuple(replace(d, status="done") for d in ctx.drafts))

    doc = Document(id="t", text="North Korea has sent 12,000 troops to Russia.",
                   published=date(2025, 1, 1))
    ctx = pipeline.run_passes(pipeline.DOCUMENT_PASSES[:1], r,
                              pipeline.DocumentContext(doc, clean(doc)))
    sctx = SentenceContext(document=ctx, sentence=ctx.candidates[0], span=ctx.parsed[0][:],
                           memory=pipeline.Memory())
    sctx = pipeline.run_passes(pipeline.SENTENCE_PASSES[:4], r, sctx)
    sctx = replace(sctx, drafts=tuple(replace(d, status="pledged") for d in sctx.drafts))
    with pytest.raises(pipeline.PassContractError, match="draft.status"):
        pipeline.run_passes([sneaky], r, sctx)
