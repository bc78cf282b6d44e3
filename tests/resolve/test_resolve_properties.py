"""Property tests (hypothesis) for resolution, estimates, timelines and the report: claims with
items, units, dates, recipients and sources missing in any combination never break them, and
what they return holds together (every claim in one fact, an estimate inside its range)."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from supplyline.model import (
    CLAIM_TYPES,
    SOURCE_KINDS,
    STATUSES,
    Claim,
    CleanedText,
    Document,
    Evidence,
    Quantity,
    Segment,
    Source,
    When,
)
from supplyline.report.render import render
from supplyline.report.situation import build_situation
from supplyline.resolve import resolve
from supplyline.resolve.alerts import evaluate, load_rules
from supplyline.resolve.series import estimates
from supplyline.resolve.timeline import pair_timeline
from supplyline.store import open_store

PROPERTY = settings(max_examples=30, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow])

dates = st.dates(min_value=date(2022, 1, 1), max_value=date(2026, 12, 31))
figures = st.one_of(st.none(), st.integers(0, 10**12).map(float),
                    st.floats(0, 1e6, allow_nan=False))
quantities = st.one_of(st.none(), st.builds(
    Quantity, figures, figures, figures, st.sampled_from([None, "about", "more than"]),
    st.sampled_from([None, "USD", "EUR"])))
whens = st.one_of(st.none(), st.builds(When, st.sampled_from(["in October", "", "soon"]),
                                       st.one_of(st.none(), dates), st.one_of(st.none(), dates)))
sources = st.builds(Source, st.sampled_from([None, "", "officials", "Seoul's spy agency"]),
                    st.sampled_from([None, "South Korea National Intelligence Service",
                                     "Lloyd Austin", "Pentagon", "Nobody Known"]),
                    st.sampled_from(SOURCE_KINDS),
                    st.sampled_from([None, "South Korea", "United States"]))
items = st.sampled_from([None, "", "troops", "soldiers", "deminers", "containers",
                         "containers of shells", "Patriot systems", "IRIS-T", "military aid",
                         "casualties", "155mm shells", "widgets", "???"])
SENTENCES = ["North Korea sent 2,000 soldiers, who were killed.",
             "Germany, Norway and Denmark pledged €1.4 billion to Ukraine.",
             "Out of 15 000 fighters, 4,700 were lost.",
             "Iran shipped 13,000 containers of shells.", "Nothing here at all."]


@st.composite
def claims_of(draw: st.DrawFn, doc: Document) -> Claim:
    sentence = draw(st.sampled_from(SENTENCES))
    start = doc.text.find(sentence)
    evidence = (Evidence(sentence, start, start + len(sentence)),) if start >= 0 else ()
    return Claim(doc=doc.id, type=draw(st.sampled_from(CLAIM_TYPES)),
                 actor=draw(st.sampled_from(["North Korea", "Germany", "Norway", "Iran"])),
                 recipient=draw(st.sampled_from([None, "Russia", "Ukraine"])),
                 item=draw(items), quantity=draw(quantities),
                 basis=draw(st.sampled_from([None, "additional", "cumulative"])),
                 status=draw(st.sampled_from(STATUSES)), when=draw(whens),
                 source=draw(sources), evidence=evidence)


@st.composite
def corpora(draw: st.DrawFn) -> list[tuple[Document, CleanedText, list[Claim]]]:
    out = []
    for n in range(draw(st.integers(1, 4))):
        text = " ".join(draw(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=3)))
        doc = Document(id=f"d{n}", text=text, published=draw(st.one_of(st.none(), dates)),
                       outlet=draw(st.sampled_from([None, "Wire"])))
        cleaned = CleanedText(text, (Segment("body", 0, len(text), text),))
        out.append((doc, cleaned, draw(st.lists(claims_of(doc), max_size=6))))
    return out


@PROPERTY
@given(corpora(), st.one_of(st.none(), dates))
def test_any_claims_resolve_and_estimate(corpus: list[tuple[Document, CleanedText,
                                                            list[Claim]]],
                                         as_of: date | None) -> None:
    with open_store(":memory:") as store:
        for doc, cleaned, claims in corpus:
            store.save(doc, cleaned, claims)
        resolve(store)
        stored = {c.id for c in store.claims()}
        members = [c for f in store.facts() for c in f.reports]
        assert sorted(members) == sorted(stored)  # every claim in exactly one fact
        for e in estimates(store, as_of=as_of):
            assert e.facts and e.explanation
            if e.value is not None:
                assert e.low is not None and e.high is not None
                assert e.low <= e.value <= e.high, e
            if as_of is not None and e.as_of is not None:
                assert e.as_of <= as_of
        for actor in ("North Korea", "Germany"):
            t = pair_timeline(store, actor, as_of=as_of)
            assert len({x.claim for x in t.entries}) == len(t.entries)
        reports = {r.id: r for r in store.reports()}
        alerts = evaluate(load_rules(), store.facts(), reports)
        assert len({a.id for a in alerts}) == len(alerts)
        situation = build_situation(store)
        assert render(situation, "html") and render(situation, "md")
