"""Sentences of the article's own text, with offsets into the stored document text."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc

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


# the rules read the typographic hyphens ("Chinese‑made", "F‑16") as "-"; one character for
# one, so offsets hold (a claim's evidence is still the document's own text: merge.to_claim)
_PLAIN_HYPHENS = str.maketrans({"\u2010": "-", "\u2011": "-"})
_BULLET = re.compile(r"^[\s•\-*·▪●◦]+")
# a wire dateline opening the sentence: "SEOUL, South Korea — ", "WARSAW, Aug 2 (PAP) — ",
# "Beijing, Dec 23 (PTI) ": the place it names is where the story was filed, not a party
_DATELINE = re.compile(
    r"^(?:[A-Z][A-Z.'’-]{2,}(?: [A-Z][A-Z.'’-]*){0,3}"
    r"|[A-Z][a-z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,2}(?=,[^()\n]{0,40}\())"
    r"(?:,(?: [A-Z][\w.'’-]*){1,3})?(?: \d{1,2})?"
    r"(?: ?\([^()\n]{1,40}\)(?: ?[—–-])?| ?[—–-])\s*")


def dateline_end(text: str) -> int:
    """Where a wire dateline opening ``text`` ends (0 without one)."""
    found = _DATELINE.match(text)
    return found.end() if found else 0


def split_sentences(cleaned: CleanedText, split: Callable[[str], Doc] | None = None
                    ) -> list[Sentence]:
    """Split every article segment (debris excluded) into sentences; ``split`` makes a
    line's ``Doc`` with its sentences (``splitter()`` by default; the extractor's is
    ``splitter_on`` its parser, the same sentences)."""
    out: list[Sentence] = []
    nlp = split or splitter()
    for para, seg in enumerate(cleaned.article):
        lead = _BULLET.match(seg.text)
        offset = seg.start + (lead.end() if lead else 0)
        body = seg.text[lead.end():] if lead else seg.text
        for line in _lines(body):
            line_start, line_text = line
            for sent in nlp(line_text).sents:
                # the span's text, without making it from its tokens (a third of the split)
                raw = line_text[sent.start_char:sent.end_char]
                text = raw.strip().translate(_PLAIN_HYPHENS)
                if len(text) < 3:
                    continue
                start = offset + line_start + sent.start_char + (len(raw) - len(raw.lstrip()))
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
