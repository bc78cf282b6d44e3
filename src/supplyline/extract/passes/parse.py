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
    """Sentences that can hold a claim: they name an item or an activity, refer back to
    a transfer, or state a sum (section headings announce what follows and state nothing
    themselves)."""
    return [s for s in sentences if s.section != "heading" and (
        names_a_claim(r, s) or r.sum_candidate.search(s.text))]


def names_a_claim(r: Resources, s: Sentence) -> bool:
    """Whether the sentence names an item or an activity, or refers back to a transfer."""
    return bool(r.candidate.search(s.text) or r.lex.anaphor.search(s.text))


@document_pass(reads={"cleaned"},
               sets={"sentences", "by_index", "candidates", "parsed", "fallback_source"})
def parse(r: Resources, ctx: DocumentContext) -> DocumentContext:
    """Every sentence of the article, and the parse of those that may hold a claim."""
    ctx = split(r, ctx)
    return replace(ctx, parsed=tuple(r.nlp.pipe(s.text for s in ctx.candidates)))


def split(r: Resources, ctx: DocumentContext) -> DocumentContext:
    """``parse`` but the parse itself: the sentences, the candidates, the source line."""
    sentences = tuple(split_sentences(ctx.cleaned, r.split))
    return replace(ctx, sentences=sentences, by_index={s.index: s for s in sentences},
                   candidates=tuple(candidate_sentences(r, sentences)),
                   fallback_source=source_line(r, sentences))


def parse_together(r: Resources, contexts: Sequence[DocumentContext]) -> list[DocumentContext]:
    """``parse`` for several documents, their candidates parsed in one ``nlp.pipe``: a
    spaCy pipeline costs about a millisecond a call besides its work on the words, which
    one call per document of a few sentences pays again and again. Each sentence is parsed
    alone either way, so the parses are the same."""
    split_up = [split(r, ctx) for ctx in contexts]
    parsed = iter(r.nlp.pipe(s.text for ctx in split_up for s in ctx.candidates))
    return [replace(ctx, parsed=tuple(next(parsed) for _ in ctx.candidates))
            for ctx in split_up]
