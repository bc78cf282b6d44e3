"""Sentences of the article's own text, with offsets into the stored document text."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import CleanedText
from .nlp import splitter


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int  # offset in Document.text
    end: int
    section: str  # headline | summary | heading | body
    index: int  # position among the document's sentences
    paragraph: int = 0  # index of the segment it belongs to


_BULLET = re.compile(r"^[\s•\-*·▪●◦]+")


def split_sentences(cleaned: CleanedText) -> list[Sentence]:
    """Split every article segment (debris excluded) into sentences."""
    out: list[Sentence] = []
    nlp = splitter()
    for para, seg in enumerate(cleaned.article):
        lead = _BULLET.match(seg.text)
        offset = seg.start + (lead.end() if lead else 0)
        body = seg.text[lead.end():] if lead else seg.text
        for line in _lines(body):
            line_start, line_text = line
            for sent in nlp(line_text).sents:
                text = sent.text.strip()
                if len(text) < 3:
                    continue
                start = offset + line_start + sent.start_char + (
                    len(sent.text) - len(sent.text.lstrip()))
                out.append(Sentence(text, start, start + len(text), seg.kind, len(out), para))
    return out


def _lines(text: str) -> list[tuple[int, str]]:
    out = []
    pos = 0
    for part in text.split("\n"):
        if part.strip():
            out.append((pos, part))
        pos += len(part) + 1
    return out
