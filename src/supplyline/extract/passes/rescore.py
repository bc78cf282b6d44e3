"""Document pass ``rescore``: the learned pass over the finished claims (``learned.py``).

It runs last, after ``merge``, so that it sees each claim as the document states it (its
evidence spans, its parties filled from context); it needs only the claim and the parse of
its first evidence sentence, which ``parse`` already made. Without enabled weights (or with
``SUPPLYLINE_LEARNED=off``) it changes nothing.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span

from ...model import Claim
from ..context import DocumentContext
from ..resources import Resources
from .base import document_pass


@document_pass(reads={"doc", "candidates", "parsed", "claims"}, sets={"claims"})
def rescore(r: Resources, ctx: DocumentContext) -> DocumentContext:
    """Drop the claims the learned filter judges false, set the status it judges better
    (each only where the shipped weights enable it)."""
    if r.rescorer is None or not ctx.claims:
        return ctx
    parses = {s.start: p for s, p in zip(ctx.candidates, ctx.parsed, strict=True)}

    def parse(c: Claim) -> Span:
        ev = c.evidence[0]
        found = parses.get(ev.start)
        return found[:] if found is not None else r.nlp(ev.text)[:]

    kept = r.rescorer(list(ctx.claims), ctx.doc, parse)
    return replace(ctx, claims=tuple(kept))
