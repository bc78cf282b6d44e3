"""The kept span (``WholeSpan``) reads as ``doc[:]`` does; the splitter's sentence texts are
the spans' own."""

from __future__ import annotations

import spacy
from spacy.tokens import Span

from supplyline.extract.nlp import WholeSpan, splitter, whole
from supplyline.extract.sentences import split_sentences
from supplyline.model import CleanedText, Segment

TEXTS = ["Two  spaces, a tab\there and a trailing space ",
         "  Leading blanks: the depot shipped forty crates of shells on Friday.",
         "One.", ""]


def test_whole_span_reads_as_the_doc_span() -> None:
    nlp = spacy.blank("en")
    for text in TEXTS:
        doc = nlp(text)
        plain, kept = doc[:], whole(doc)
        assert isinstance(kept, WholeSpan) and isinstance(kept, Span)
        for _ in range(2):  # the second read comes from what the first kept
            assert kept.text == plain.text
            assert [t.i for t in kept] == [t.i for t in plain]
            assert list(kept) == list(plain)
        assert (kept.start, kept.end, kept.start_char, kept.end_char, len(kept)) == (
            plain.start, plain.end, plain.start_char, plain.end_char, len(plain))
        assert kept == plain
        if len(doc):
            assert kept[-1] == plain[-1] and kept[0:1].text == plain[0:1].text


def test_sentences_are_the_spans_texts() -> None:
    text = "The depot shipped  forty crates.   Then it  stopped!  \"Why?\" asked a clerk. "
    cleaned = CleanedText(text, (Segment("body", 0, len(text), text),))
    got = [s.text for s in split_sentences(cleaned)]
    want = [s.text.strip() for s in splitter()(text).sents if len(s.text.strip()) >= 3]
    assert got == want
    for s in split_sentences(cleaned):
        assert text[s.start:s.end] == s.text
