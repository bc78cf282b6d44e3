"""Fuzzing ``clean`` and ``extract``: whatever the text, no exception, evidence that slices to
itself, no figure that is not finite, standard JSON, and a bounded time per input.

Inputs are drawn (hypothesis, seeded, a bounded number of examples) from pieces of news
sentences (the shipped vocabulary's actors and items, verbs, figures from ordinary to absurd,
dates that cannot be, attributions) mixed with arbitrary characters: NUL, lone surrogates,
controls, combining marks, right-to-left text, line and paragraph separators. A sentence is
either shaped like a report ("Poland delivered 40 tanks to Ukraine in March, the ministry
said") with its parts drawn, so that claims do come out, or pieces in any order.

The time bound is ``engines.deadline.time_budget``, the per-document budget itself: an input
that hangs is interrupted and fails here, rather than holding the suite. It is a bound against
hanging, not a speed target: far above what any input takes (under a second each).
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from datetime import date
from typing import TypeVar

import pytest
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from supplyline.clean import clean
from supplyline.engines.deadline import DocumentTimeout, time_budget
from supplyline.extract import extract_document
from supplyline.model import SEGMENT_KINDS, Claim, CleanedText, Document
from supplyline.vocab import load_vocabulary

BOUND = 20.0  # seconds for one input to clean or extract
SEED = 20250510
T = TypeVar("T")

VOCAB = load_vocabulary()
ACTORS = sorted({a.aliases[0] for a in VOCAB.actors.values() if a.aliases})
ITEMS = sorted(VOCAB.items)
VERBS = ["sent", "delivered", "will send", "pledged", "has supplied", "is providing",
         "transferred", "agreed to sell", "plans to deliver", "received", "denied sending",
         "is expected to receive", "shipped", "handed over", "promised"]
FIGURES = ["40", "1,200", "3.5", "1.5 billion", "$2.5bn", "€300 million", "about 12,000",
           "up to 40", "between 10 and 20", "more than 100", "dozens of", "three", "a dozen",
           "tens of thousands of", "0", "-5", "½", "1e308 billion", "1e309", "10^400",
           "9" * 400, "1" + "0" * 30 + " trillion", "0.000000001", "1,2,3,4", "4.5.6",
           "20-30", "2–3", "NaN", "Infinity", "inf billion"]
WHENS = ["in March", "last month", "next year", "on Monday", "by the end of the year",
         "April 0", "March 0", "31 February", "on 0 January 2024", "in 0000", "in 9999",
         "since 2022", "earlier this week", "in the spring of 1", "on 1 January 10000",
         "last year", "this summer", "29 February 2023", "in the coming weeks"]
SAYS = ["the ministry said", "officials said", "according to Reuters", "a source told AFP",
        "analysts estimate", "the Kremlin denied", "reports suggest", "it was claimed"]
ODD = ["\x00", "\ud800", "\udfff", "\u202e", "\u200b", "\u2028", "\u2029", "\ufeff", "\r",
       "\x0b", "\x0c", "\x85", "\u0301", "\t", "  ", "\n", "\n\n", "...", "—", "“", "”",
       "(", ")", "[", "]", "'", '"', "%", "$", "€", "#", "/", "\\", "<script>", "&amp;"]

junk = st.text(st.characters() | st.sampled_from([c for c in ODD if len(c) == 1]), max_size=24)
piece = st.one_of(st.sampled_from(ACTORS), st.sampled_from(ITEMS), st.sampled_from(VERBS),
                  st.sampled_from(FIGURES), st.sampled_from(WHENS), st.sampled_from(SAYS),
                  st.sampled_from(ODD), st.integers(-10**12, 10**12).map(str),
                  st.floats().map(repr), junk)
shaped = st.tuples(
    st.sampled_from(ACTORS), st.sampled_from(VERBS), st.sampled_from(FIGURES),
    st.sampled_from(ITEMS), st.sampled_from(ACTORS), st.sampled_from(WHENS),
    st.sampled_from(SAYS), st.lists(piece, max_size=3).map(" ".join),
).map(lambda p: f"{p[0]} {p[1]} {p[2]} {p[3]} to {p[4]} {p[5]}, {p[6]}.{p[7]}")
sentence = st.one_of(shaped, st.lists(piece, max_size=30).map(" ".join))
joint = st.sampled_from([" ", "\n", "\n\n", "\r\n", "\n- ", "\n\n## ", "\u2029"])


@st.composite
def documents(draw: st.DrawFn) -> Document:
    sentences = draw(st.lists(sentence, max_size=8))
    text = "".join(s + draw(joint) for s in sentences)
    return Document(id=draw(st.text(max_size=12)) or "fuzz", text=text,
                    title=draw(st.none() | sentence),
                    published=draw(st.none() | st.dates(date.min, date.max)))


FUZZ = settings(max_examples=60, deadline=None, database=None, print_blob=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def bounded(what: str, doc: Document, call: Callable[[], T]) -> T:
    """``call()``, failing the test if it takes over ``BOUND`` seconds."""
    try:
        with time_budget(BOUND):
            return call()
    except DocumentTimeout:
        pytest.fail(f"{what} took over {BOUND} s on {doc!r}")


def check_cleaned(doc: Document, cleaned: CleanedText) -> None:
    assert cleaned.text == doc.text
    for s in cleaned.segments:
        assert s.kind in SEGMENT_KINDS
        assert 0 <= s.start <= s.end <= len(doc.text)
        assert s.text == doc.text[s.start:s.end]


def check_claim(doc: Document, claim: Claim) -> None:
    assert claim.evidence, claim
    for e in claim.evidence:
        assert 0 <= e.start <= e.end <= len(doc.text)
        assert doc.text[e.start:e.end] == e.text, (e, doc.text[e.start:e.end])
    if claim.quantity is not None:
        q = claim.quantity
        assert all(x is None or math.isfinite(x) for x in (q.value, q.lower, q.upper)), q
    json.dumps(claim.to_dict(), allow_nan=False)  # standard JSON, no Infinity or NaN


@seed(SEED)
@settings(FUZZ, max_examples=300)
@given(documents())
def test_clean_takes_any_text(doc: Document) -> None:
    check_cleaned(doc, bounded("clean", doc, lambda: clean(doc)))


@seed(SEED)
@settings(FUZZ)
@given(documents())
def test_extract_takes_any_text(doc: Document) -> None:
    cleaned = bounded("clean", doc, lambda: clean(doc))
    check_cleaned(doc, cleaned)
    for claim in bounded("extract", doc, lambda: extract_document(doc, cleaned)):
        check_claim(doc, claim)


def test_the_report_shaped_sentences_do_give_claims() -> None:
    """The fuzz inputs reach the checks: a drawn report sentence yields claims."""
    found: list[Claim] = []

    @seed(SEED)
    @settings(FUZZ, max_examples=10)
    @given(shaped)
    def collect(text: str) -> None:
        found.extend(extract_document(Document(id="shaped", text=text)))

    collect()
    assert found and any(c.quantity is not None for c in found)
