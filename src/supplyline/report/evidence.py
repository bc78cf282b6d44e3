"""Evidence in context: a document's paragraphs cut into plain and highlighted pieces.

The pieces are plain strings with the ids of the claims they are evidence for; whoever shows
them escapes the text (Jinja autoescape in the report and the dashboard, ``rich.Text`` on
the terminal), so nothing an article carries is ever read as markup.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from supplyline.model import Claim
from supplyline.store import StoredDocument


@dataclass(frozen=True)
class Piece:
    """A run of text; ``claims`` are the ids it is evidence for (empty: plain text)."""

    text: str
    claims: tuple[str, ...] = ()


@dataclass(frozen=True)
class Passage:
    """A paragraph (segment) of the document: its kind, span and pieces."""

    kind: str
    start: int
    end: int
    pieces: tuple[Piece, ...]

    @property
    def text(self) -> str:
        return "".join(p.text for p in self.pieces)


@dataclass(frozen=True)
class Span:
    """Where a claim's evidence sits in the document's segmented text."""

    claim: str
    start: int
    end: int


def claim_spans(claim: Claim, doc: StoredDocument) -> tuple[list[Span], list[str]]:
    """The claim's evidence located in ``doc``: spans found, and texts that were not found
    (offsets are checked against the text, then the text is looked up)."""
    base = doc.cleaned.text
    found: list[Span] = []
    loose: list[str] = []
    for ev in claim.evidence:
        start = ev.start
        if not (start >= 0 and base[start:ev.end] == ev.text):
            start = base.find(ev.text) if ev.text else -1
        if start < 0:
            loose.append(ev.text)
        else:
            found.append(Span(claim.id, start, start + len(ev.text)))
    return found, loose


def passages(doc: StoredDocument, spans: Iterable[Span], *,
             whole: bool = False) -> list[Passage]:
    """The document's paragraphs holding ``spans`` (every article paragraph when ``whole``),
    in document order, each cut into pieces at the span boundaries. Overlapping spans of
    several claims give pieces that name all of them."""
    base = doc.cleaned.text
    spans = list(spans)
    chosen: dict[tuple[int, int], str] = {}
    if whole:
        for seg in doc.segments:
            if seg.kind != "debris":
                chosen[(seg.start, seg.end)] = seg.kind
    for span in spans:
        found = doc.segment_at(span.start)
        if found is None:
            chosen.setdefault((span.start, span.end), "evidence")
        else:
            chosen.setdefault((found.start, max(found.end, span.end)), found.kind)
    out = []
    for (start, end), kind in sorted(chosen.items()):
        inside = [s for s in spans if s.start < end and s.end > start]
        out.append(Passage(kind, start, end, _cut(base, start, end, inside)))
    return _drop_nested(out)


def _cut(base: str, start: int, end: int, spans: list[Span]) -> tuple[Piece, ...]:
    cuts = sorted({start, end} | {max(start, min(end, x)) for s in spans for x in (s.start, s.end)})
    pieces = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        if a == b:
            continue
        ids = tuple(dict.fromkeys(s.claim for s in spans if s.start <= a and s.end >= b))
        pieces.append(Piece(base[a:b], ids))
    return tuple(pieces)


def _drop_nested(found: list[Passage]) -> list[Passage]:
    """A span outside any segment can overlap a passage already shown: keep the outer one."""
    kept: list[Passage] = []
    for p in found:
        if kept and p.start < kept[-1].end:
            if p.end > kept[-1].end and p.start == kept[-1].start:
                kept[-1] = p
            continue
        kept.append(p)
    return kept


def claim_passages(claim: Claim, doc: StoredDocument) -> tuple[list[Passage], list[str]]:
    """The paragraphs holding a claim's evidence, highlighted; and evidence not found."""
    spans, loose = claim_spans(claim, doc)
    return passages(doc, spans), loose


def document_passages(doc: StoredDocument, claims: Iterable[Claim]) -> list[Passage]:
    """Every article paragraph of ``doc`` with the evidence of ``claims`` highlighted."""
    spans = [s for c in claims for s in claim_spans(c, doc)[0]]
    return passages(doc, spans, whole=True)
