"""Document pass ``rescore``: the learned pass over the finished claims (``learned.py``).

It runs last, after ``merge``, so that it sees each claim as the document states it (its
evidence spans, its parties filled from context); it needs only the claim and the parse of
its first evidence sentence, which ``parse`` already made. Without enabled weights (or with
``SUPPLYLINE_LEARNED=off``) it changes nothing.
"""

from __future__ import annotations

from spacy.tokens import Span

from ...model import Claim
from ..context import DocumentContext, replace
from ..nlp import whole
from ..resources import Resources
from .base import document_pass


@document_pass(reads={"doc", "candidates", "parsed", "claims"}, sets={"claims"})
def rescore(r: Resources, ctx: DocumentContext) -> DocumentContext:
    """Drop the claims the learned filter judges false, set the status it judges better
    (each only where the shipped weights enable it)."""
    if r.rescorer is None or not ctx.claims:
        return ctx
    parses = {s.start: p for s, p in zip(ctx.candidates, ctx.parsed, strict=True)}
    spans: dict[int, Span] = {}

    def parse(c: Claim) -> Span:
        ev = c.evidence[0]
        found = parses.get(ev.start)
        if found is None:
            return whole(r.nlp(ev.text))
        if ev.start not in spans:  # one span per sentence, its text and tokens kept
            spans[ev.start] = whole(found)
        return spans[ev.start]

    kept = r.rescorer(list(ctx.claims), ctx.doc, parse)
    return replace(ctx, claims=tuple(kept))
