"""Small documents and claims built in code for the store tests."""

from __future__ import annotations

from datetime import date
from typing import Any

from supplyline.model import Claim, CleanedText, Document, Evidence, Quantity, Segment, Source, When


def make_doc(doc_id: str, paragraphs: list[str], *, title: str | None = None,
             published: date | None = None, **meta: str) -> Document:
    """A document whose text is its paragraphs separated by blank lines."""
    return Document(id=doc_id, text="\n\n".join(paragraphs), title=title, published=published,
                    **meta)


def clean(doc: Document, debris: tuple[int, ...] = ()) -> CleanedText:
    """Each paragraph a segment: the first a headline, those listed in ``debris`` debris."""
    segments, start = [], 0
    for i, para in enumerate(doc.text.split("\n\n")):
        kind = "debris" if i in debris else ("headline" if i == 0 else "body")
        segments.append(Segment(kind, start, start + len(para), para,
                                "boilerplate" if kind == "debris" else None))
        start += len(para) + 2
    return CleanedText(doc.text, tuple(segments))


def span(doc: Document, phrase: str, section: str = "body") -> Evidence:
    start = doc.text.index(phrase)
    return Evidence(phrase, start, start + len(phrase), section)


def make_claim(doc: Document, phrase: str, *, more: tuple[str, ...] = (),
               **fields: Any) -> Claim:
    """A claim on ``doc`` whose evidence is ``phrase`` (then ``more``, as summary spans)."""
    evidence = (span(doc, phrase),) + tuple(span(doc, p, "summary") for p in more)
    fields.setdefault("type", "personnel")
    fields.setdefault("actor", "North Korea")
    return Claim(doc=doc.id, evidence=evidence, **fields)


TROOPS = ("North Korea had already sent more than 11,000 troops to Russia in October "
          "of the previous year, Ukrainian intelligence said.")
SHELLS = "Pyongyang has supplied millions of artillery shells to Moscow."
TEST = "North Korea tested a new cruise missile on Monday."
AID = "The United States pledged $625 million in aid to Ukraine."


def sample() -> tuple[Document, CleanedText, list[Claim]]:
    """One document with three claims of different shapes."""
    doc = make_doc(
        "003_fd060efeff429ee8.txt",
        ["North Korean troops in Russia", TROOPS, SHELLS, "Subscribe to our newsletter", TEST],
        title="North Korean troops in Russia", published=date(2025, 7, 3),
        url="https://example.org/a", outlet="Example News", author="A. Writer",
        origin="seeds/003.txt", raw="<html>...</html>",
    )
    hur = Source("Ukrainian intelligence", "Ukraine Defence Intelligence (HUR)",
                 "intelligence", "Ukraine")
    claims = [
        make_claim(doc, TROOPS, more=("North Korean troops in Russia",), recipient="Russia",
                   item="troops",
                   quantity=Quantity(11000, 11000, None, "more than"), basis="cumulative",
                   when=When("in October of the previous year", date(2024, 10, 1),
                             date(2024, 10, 31)),
                   source=hur, place="Kursk region"),
        make_claim(doc, SHELLS, type="munitions", recipient="Russia", item="artillery shells",
                   quantity=Quantity(None, None, None, "millions"), status="ongoing"),
        make_claim(doc, TEST, type="test", item="cruise missile",
                   quantity=Quantity(1.5, 1.0, 2.0, None, None),
                   when=When("on Monday", date(2025, 6, 30), date(2025, 6, 30)),
                   source=Source(kind="media")),
    ]
    return doc, clean(doc, debris=(3,)), claims
