"""Evidence cut into highlighted pieces: spans, overlaps, offsets that drifted."""

from __future__ import annotations

from datetime import UTC, datetime

from supplyline.model import Claim, Evidence, Segment
from supplyline.report.evidence import Span, claim_passages, document_passages, passages
from supplyline.store import StoredDocument

PARAGRAPHS = ("Headline here", "First sentence. North Korea sent 12,000 troops. Last one.",
              "Other.")
TEXT = "\n\n".join(PARAGRAPHS)
B0 = TEXT.index(PARAGRAPHS[1])
B1 = B0 + len(PARAGRAPHS[1])
C0 = TEXT.index(PARAGRAPHS[2])


def _doc() -> StoredDocument:
    segs = (Segment("headline", 0, 13, PARAGRAPHS[0]), Segment("body", B0, B1, PARAGRAPHS[1]),
            Segment("body", C0, len(TEXT), PARAGRAPHS[2]))
    return StoredDocument(id="d", origin=None, url=None, outlet=None, title=None, author=None,
                          published=None, text=TEXT, cleaned_text=TEXT, segments=segs,
                          ingested_at=datetime.now(UTC))


def _claim(text: str, start: int) -> Claim:
    return Claim(doc="d", type="personnel", actor="North Korea", recipient="Russia",
                 evidence=(Evidence(text, start, start + len(text)),))


def test_a_claim_is_highlighted_in_its_paragraph() -> None:
    sentence = "North Korea sent 12,000 troops."
    claim = _claim(sentence, TEXT.index(sentence))
    [passage], loose = claim_passages(claim, _doc())
    assert not loose and passage.kind == "body"
    assert passage.text == PARAGRAPHS[1]
    assert [(p.text, p.claims) for p in passage.pieces] == [
        ("First sentence. ", ()), (sentence, (claim.id,)), (" Last one.", ())]


def test_wrong_offsets_are_found_by_text_and_missing_text_is_loose() -> None:
    sentence = "North Korea sent 12,000 troops."
    moved = _claim(sentence, 0)
    [passage], _ = claim_passages(moved, _doc())
    assert any(p.claims for p in passage.pieces)
    gone = _claim("Not in the document.", 5)
    assert claim_passages(gone, _doc()) == ([], ["Not in the document."])


def test_overlapping_spans_name_both_claims() -> None:
    a, b, c, d = B0 + 16, B0 + 25, B0 + 35, B0 + 47
    [p] = passages(_doc(), [Span("a", a, c), Span("b", b, d)])
    marked = [(piece.text, piece.claims) for piece in p.pieces if piece.claims]
    assert marked == [(TEXT[a:b], ("a",)), (TEXT[b:c], ("a", "b")), (TEXT[c:d], ("b",))]
    assert p.text == PARAGRAPHS[1]


def test_whole_document_keeps_every_paragraph_in_order() -> None:
    sentence = "North Korea sent 12,000 troops."
    found = document_passages(_doc(), [_claim(sentence, TEXT.index(sentence))])
    assert [p.kind for p in found] == ["headline", "body", "body"]
    assert [p.text for p in found] == list(PARAGRAPHS)
