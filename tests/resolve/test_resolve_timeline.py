"""Timelines: totals and increments apart, the best estimate as of a date."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from resolve_factories import HUR, NIS, PENTAGON, troop_report, when

from supplyline.resolve import resolve
from supplyline.resolve.timeline import pair_timeline
from supplyline.store import BaseStore, open_store


@pytest.fixture
def store(db_location: str) -> Iterator[BaseStore]:
    s = open_store(db_location)
    october = when("in October", "2024-10-01", "2024-10-31")
    troop_report(s, "a", "2024-11-01", 11000, NIS, period=october)
    troop_report(s, "b", "2024-11-04", 12000, HUR, period=october, outlet="Kyiv Post")
    troop_report(s, "c", "2025-03-01", 3000, HUR, basis="additional",
                 period=when("in January and February", "2025-01-01", "2025-02-28"))
    troop_report(s, "d", "2025-03-05", 3000, PENTAGON, basis="additional",
                 period=when("in January and February", "2025-01-01", "2025-02-28"))
    troop_report(s, "e", "2025-04-01", 30000, HUR, basis="additional", status="expected",
                 period=when("in the coming months", "2025-04-01", "2025-12-31"))
    resolve(s)
    yield s
    s.close()


def test_estimate_adds_increments_to_the_total_once_each(store: BaseStore) -> None:
    t = pair_timeline(store, "North Korea", "Russia", "troops")
    assert [e.basis for e in t.entries] == ["total", "total", "increment", "increment",
                                            "increment"]
    est = t.estimate
    assert est is not None
    assert (est.value, est.low, est.high) == (12000 + 3000, 11000 + 3000, 12000 + 3000)
    assert len(est.increments) == 1  # reported twice, counted once
    assert [e.counted for e in t.entries] == [True, True, True, True, False]  # expected: no


def test_as_of_a_date_only_what_was_reported_by_then(store: BaseStore) -> None:
    t = pair_timeline(store, "North Korea", "Russia", "troops", as_of=date(2024, 11, 2))
    assert len(t.entries) == 1
    assert t.estimate is not None and t.estimate.value == 11000
    t = pair_timeline(store, "North Korea", "Russia", "troops", as_of=date(2025, 3, 1))
    assert t.estimate is not None and t.estimate.value == 15000
    assert pair_timeline(store, "North Korea", "Russia", "troops",
                    as_of=date(2024, 1, 1)).entries == ()


def test_other_items_and_pairs_are_left_out(store: BaseStore) -> None:
    assert pair_timeline(store, "North Korea", "Russia", "shells").entries == ()
    assert pair_timeline(store, "Iran", "Russia").entries == ()
    assert pair_timeline(store, "north korea", "russia", "troop").estimate is not None
    d = pair_timeline(store, "North Korea", "Russia", "troops").to_dict()
    assert d["estimate"]["value"] == 15000 and len(d["entries"]) == 5


def test_a_range_counts_as_its_middle() -> None:
    from resolve_factories import claim, document

    from supplyline.model import Quantity

    with open_store(":memory:") as s:
        sentence = "Between 10,000 and 12,000 North Korean troops are in Russia."
        doc, cleaned = document("r", ["Head", sentence], published=date(2024, 11, 13))
        s.save(doc, cleaned, [claim(doc, sentence, quantity=Quantity(None, 10000, 12000))])
        resolve(s)
        est = pair_timeline(s, "North Korea", "Russia", "troops").estimate
        assert est is not None and (est.value, est.low, est.high) == (11000, 10000, 12000)
