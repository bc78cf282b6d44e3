"""Document pass ``parse``: split the article into sentences, keep those that may hold a
claim, and parse them (only those: parsing is most of the extractor's time)."""

from __future__ import annotations

from collections.abc import Sequence

from ..context import DocumentContext, replace
from ..resources import Resources
from ..sentences import Sentence, split_sentences
from .base import document_pass
from .source import source_line


def candidate_sentences(r: Resources, sentences: Sequence[Sentence]) -> list[Sentence]:
    """Sentences that can hold a claim: they name an item or an activity, or refer back to
    a transfer (section headings announce what follows and state nothing themselves)."""
    return [s for s in sentences if s.section != "heading" and (
        r.candidate.search(s.text) or r.lex.anaphor.search(s.text))]


@document_pass(reads={"cleaned"},
               sets={"sentences", "by_index", "candidates", "parsed", "fallback_source"})
def parse(r: Resources, ctx: DocumentContext) -> DocumentContext:
    """Every sentence of the article, and the parse of those that may hold a claim."""
    sentences = tuple(split_sentences(ctx.cleaned))
    cands = tuple(candidate_sentences(r, sentences))
    return replace(ctx, sentences=sentences, by_index={s.index: s for s in sentences},
                   candidates=cands, parsed=tuple(r.nlp.pipe(s.text for s in cands)),
                   fallback_source=source_line(r, sentences))
