"""Documents and claims built in code for the resolve tests: stored without spaCy."""

from __future__ import annotations

from datetime import date
from typing import Any

from supplyline.model import Claim, CleanedText, Document, Evidence, Quantity, Segment, Source, When
from supplyline.store import BaseStore

HUR = Source("Ukrainian intelligence", "Ukraine Defence Intelligence (HUR)", "intelligence",
             "Ukraine")
NIS = Source("South Korea's spy agency", "South Korea National Intelligence Service",
             "intelligence", "South Korea")
PENTAGON = Source("the Pentagon", "Pentagon", "government", "United States")
KREMLIN = Source("the Kremlin", "Kremlin", "government", "Russia")


def document(doc_id: str, sentences: list[str], *, published: date | None,
             outlet: str | None = None, debris: dict[int, str] | None = None,
             ) -> tuple[Document, CleanedText]:
    """A document of one paragraph a sentence; ``debris`` maps paragraph numbers to reasons."""
    text = "\n\n".join(sentences)
    segments, start = [], 0
    for i, para in enumerate(sentences):
        reason = (debris or {}).get(i)
        kind = "debris" if reason else ("headline" if i == 0 else "body")
        segments.append(Segment(kind, start, start + len(para), para, reason))
        start += len(para) + 2
    doc = Document(id=doc_id, text=text, title=sentences[0], published=published, outlet=outlet)
    return doc, CleanedText(text, tuple(segments))


def claim(doc: Document, sentence: str, **fields: Any) -> Claim:
    """A claim whose evidence is ``sentence`` (which must be in the document)."""
    start = doc.text.index(sentence)
    fields.setdefault("type", "personnel")
    fields.setdefault("actor", "North Korea")
    fields.setdefault("recipient", "Russia")
    fields.setdefault("item", "troops")
    return Claim(doc=doc.id, evidence=(Evidence(sentence, start, start + len(sentence)),),
                 **fields)


def qty(value: float, **kw: Any) -> Quantity:
    return Quantity(value, **kw)


def when(text: str, start: str, end: str | None = None) -> When:
    return When(text, date.fromisoformat(start), date.fromisoformat(end or start))


def troop_report(store: BaseStore, doc_id: str, published: str, figure: float | None,
                 source: Source = HUR, *, outlet: str | None = None, status: str = "done",
                 basis: str | None = None, period: When | None = None,
                 extra: str = "") -> Claim:
    """Store a one-claim document: North Korea sent ``figure`` troops to Russia."""
    amount = f"{figure:,.0f} " if figure is not None else ""
    sentence = (f"North Korea has sent {amount}troops to Russia, {source.text or 'someone'} "
                f"said.{extra}")
    doc, cleaned = document(doc_id, [f"Report {doc_id}", sentence],
                            published=date.fromisoformat(published), outlet=outlet)
    c = claim(doc, sentence, quantity=qty(figure) if figure is not None else None,
              source=source, status=status, basis=basis,
              when=period or when("in October", "2024-10-01", "2024-10-31"))
    store.save(doc, cleaned, [c])
    return c
