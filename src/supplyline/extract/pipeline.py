"""The extractor's passes, in order. This file is the one place that says what runs when.

A document goes through ``DOCUMENT_PASSES``; one of them, ``read``, takes each parsed
sentence in turn through ``SENTENCE_PASSES`` (a sentence reads what the ones before it left
in ``Memory``: the party named last, the source speaking, the drafts so far). Each pass
declares the fields it reads and sets (``passes/base.py``); ``check_order`` runs when this
module is imported and refuses an order in which a pass reads what no earlier pass sets.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from spacy.language import Language

from supplyline.errors import PassContractError

from ..model import Claim, CleanedText, Document
from ..vocab import Vocabulary
from .context import DocumentContext, Memory, SentenceContext, replace
from .learned import LearnedModel
from .nlp import whole
from .passes import (
    activities,
    anaphora,
    candidates,
    discourse,
    document_parties,
    mentions,
    merge,
    parse,
    parties,
    quantity,
    rescore,
    source,
    status,
    time,
    within,
)
from .passes.base import (
    DOCUMENT_FIELDS,
    SENTENCE_FIELDS,
    Pass,
    changed_fields,
    check_order,
    document_pass,
)
from .passes.parse import candidate_sentences, names_a_claim, parse_together
from .resources import Resources
from .sentences import Sentence

SENTENCE_PASSES: tuple[Pass[SentenceContext], ...] = (
    mentions.mentions,  # parties, items and figures named
    candidates.candidates,  # a draft per item a transfer predicate governs (guards drop)
    parties.parties,  # who sends, who receives
    status.status,  # done, pledged, possible, denied ... from the clause
    quantity.quantity,  # the figure of each item; one number over two items, one claim
    parties.joint,  # one claim for each sender named jointly
    quantity.elided,  # "with an additional 3,000 arriving": the item named before
    activities.activities,  # tests, exercises, production, combat, read whole
    activities.abroad,  # troops lost "out of" a number sent were sent
    within.within,  # what the sentence states twice, once
    # <- a pass that keeps, drops or re-scores drafts (learned or not) goes here: every
    #    draft of the sentence is complete but its source, and the parse is at hand
    anaphora.anaphora,  # no claim: "the shipments began" tells a transfer told before
    anaphora.stand_ins,  # "Six more are on order": a figure for the item told before
    anaphora.placed,  # "49 such howitzers are now in Ukraine": arms told before, in place
    discourse.told_before,  # a party only an earlier sentence names
    source.source,  # who says so: this sentence, a neighbour, the source still speaking
    source.denials,  # "..., a claim Pyongyang has called absurd"
    discourse.remember,  # what this sentence leaves for the next
)
SENTENCE_GIVEN = frozenset({"document", "sentence", "span", "memory", "unparsed_before"})
DOCUMENT_GIVEN = frozenset({"doc", "cleaned"})

C = TypeVar("C", DocumentContext, SentenceContext)


def run_passes(passes: Sequence[Pass[C]], r: Resources, ctx: C) -> C:
    for p in passes:
        new = p(r, ctx)
        if r.check:
            undeclared = changed_fields(ctx, new) - p.sets
            if undeclared:
                raise PassContractError(f"pass {p.name!r} set {sorted(undeclared)} "
                                        "without declaring it")
        ctx = new
    return ctx


_SENTENCE_DRAFT_FIELDS = {f for p in SENTENCE_PASSES for f in p.sets if f.startswith("draft.")}


@document_pass(reads={"sentences", "by_index", "candidates", "parsed", "fallback_source"},
               sets={"drafts", *_SENTENCE_DRAFT_FIELDS})
def read(r: Resources, ctx: DocumentContext) -> DocumentContext:
    """Every parsed sentence through ``SENTENCE_PASSES``, in document order."""
    parsed_at = {s.index for s in ctx.candidates}
    unparsed = [s for s in ctx.sentences if s.index not in parsed_at and s.section == "body"]
    memory = Memory()
    at = 0
    for sent, pdoc in zip(ctx.candidates, ctx.parsed, strict=True):
        start = at
        while at < len(unparsed) and unparsed[at].index < sent.index:
            at += 1
        sctx = SentenceContext(document=ctx, sentence=sent, span=whole(pdoc), memory=memory,
                               unparsed_before=tuple(unparsed[start:at]))
        read_on = run_passes(SENTENCE_PASSES, r, sctx).memory
        if len(read_on.drafts) > len(memory.drafts) or not r.sum_candidate.search(sent.text) \
                or names_a_claim(r, sent):
            memory = read_on  # a sum that gave nothing is read as if it were not parsed
    return replace(ctx, drafts=memory.drafts)


DOCUMENT_PASSES: tuple[Pass[DocumentContext], ...] = (
    parse.parse,  # sentences, and the parse of those that may hold a claim
    read,  # each parsed sentence through SENTENCE_PASSES
    candidates.alt_types,  # an item's type by the whole document ("fighter" jets)
    document_parties.first_person,  # "we will provide", said the minister
    source.denied_reports,  # "China rejected the accusations": the claims just told
    document_parties.supplier_headings,  # "SOUTH KOREA" / "- K9 howitzers: 18 delivered"
    document_parties.fill_parties,  # parties a sentence left open, from the document
    status.future,  # a plain "will send": pledged or expected, by who says it
    source.own_government,  # "the defence ministry" of a state's own aid is its own
    time.time,  # the claim's time phrase (a pledge: the day it was announced)
    time.place,  # a place the claim names
    merge.claims,  # complete drafts become claims
    merge.merge,  # restatements in the document, one claim
    rescore.rescore,  # the learned pass: keep or drop each claim, its status (learned.py)
)

check_order(SENTENCE_PASSES, SENTENCE_GIVEN, SENTENCE_FIELDS)
check_order(DOCUMENT_PASSES, DOCUMENT_GIVEN, DOCUMENT_FIELDS)
if DOCUMENT_PASSES[0] is not parse.parse:  # Extractor.read(parsed=...) goes on after it
    raise PassContractError("the first document pass must be parse")


class Extractor:
    """Runs ``DOCUMENT_PASSES`` over documents with one vocabulary and parser."""

    def __init__(self, resources: Resources) -> None:
        self.resources = resources
        self._prepared = False

    @classmethod
    def build(cls, vocab: Vocabulary, nlp: Language, check: bool = False,
              learned: LearnedModel | None = None) -> Extractor:
        """An extractor for this vocabulary and parser (``check``: verify each pass;
        ``learned``: the weights of the learned pass, None for the rules alone)."""
        return cls(Resources.build(vocab, nlp, check, learned))

    def prepare(self) -> None:
        """Build the patterns the first document would otherwise build
        (``Resources.prepare``), once."""
        if not self._prepared:
            self.resources.prepare()
            self._prepared = True

    def read(self, doc: Document, cleaned: CleanedText,
             parsed: DocumentContext | None = None) -> list[Claim]:
        """Every claim in one document, evidence offsets pointing into ``doc.text``
        (``parsed``: its context after the ``parse`` pass, from ``parse_together``)."""
        if parsed is None:
            ctx = run_passes(DOCUMENT_PASSES, self.resources, DocumentContext(doc, cleaned))
        else:
            assert parsed.doc is doc and parsed.cleaned is cleaned
            ctx = run_passes(DOCUMENT_PASSES[1:], self.resources, parsed)
        return list(ctx.claims)

    def parse_together(self, docs: Sequence[tuple[Document, CleanedText]]
                       ) -> list[DocumentContext]:
        """The ``parse`` pass of several documents at once (``passes.parse.parse_together``),
        for ``read`` to go on from."""
        return parse_together(self.resources, [DocumentContext(d, c) for d, c in docs])

    def candidates(self, sentences: Sequence[Sentence]) -> list[Sentence]:
        """The sentences worth parsing (what the ``parse`` pass keeps)."""
        return candidate_sentences(self.resources, sentences)


def describe() -> list[dict[str, Any]]:
    """The passes in order, with what each reads and sets (for a reader or a test)."""
    passes: list[Pass[Any]] = [*DOCUMENT_PASSES[:2], *SENTENCE_PASSES, *DOCUMENT_PASSES[2:]]
    return [{"level": p.level, "name": p.name, "doc": p.doc, "reads": sorted(p.reads),
             "sets": sorted(p.sets)} for p in passes]
