"""Document pass ``parse``: split the article into sentences, keep those that may hold a
claim, and parse them (only those: parsing is most of the extractor's time)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from ..context import DocumentContext
from ..numbers import find_quantities
from ..resources import Resources
from ..sentences import Sentence, split_sentences
from .base import document_pass
from .source import source_line


def candidate_sentences(r: Resources, sentences: Sequence[Sentence]) -> list[Sentence]:
    """Sentences that can hold a claim: they name an item or an activity, or refer back to
    a transfer, or follow one that names an item with a figure standing for it ("Three
    have been delivered."); section headings announce what follows and state nothing."""
    out: list[Sentence] = []
    for s in sentences:
        if s.section == "heading":
            continue
        if r.candidate.search(s.text) or r.lex.anaphor.search(s.text) or (
                out and out[-1].index == s.index - 1 and stands_for_item(r, s.text)):
            out.append(s)
    return out


def stands_for_item(r: Resources, text: str) -> bool:
    """"Three have been delivered", "with four more to follow": a figure that stands
    where an item would."""
    after = re.compile(rf"\s+(?:{r.words.standing_followers})\b", re.IGNORECASE)
    return any(not q.quantity.unit and after.match(text, q.end)
               for q in find_quantities(text))


@document_pass(reads={"cleaned"},
               sets={"sentences", "by_index", "candidates", "parsed", "fallback_source"})
def parse(r: Resources, ctx: DocumentContext) -> DocumentContext:
    """Every sentence of the article, and the parse of those that may hold a claim."""
    sentences = tuple(split_sentences(ctx.cleaned))
    cands = tuple(candidate_sentences(r, sentences))
    return replace(ctx, sentences=sentences, by_index={s.index: s for s in sentences},
                   candidates=cands, parsed=tuple(r.nlp.pipe(s.text for s in cands)),
                   fallback_source=source_line(r, sentences))
