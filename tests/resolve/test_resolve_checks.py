"""Issue 9's checks on real reporting: the estimates of ``../shared/dev`` and ``dev2`` as of
chosen dates fall in the ranges the reporting supports.

Each corpus is stored with its gold claims (``gold_corpus``), so these test resolution and
the estimate, not the extractor. The expected ranges, read from the gold:
- dev, North Korea -> Russia troops: 11,000 "already in Russia" (Budanov, 2024-10-23);
  12,000 (Zelensky, 2024-12-02); 15,000 as of April 2025 (South Korean intelligence,
  2025-06-19), after 3,000 more in March 2025. Shells: 2.8 million (Budanov, 2024-10-23),
  over 10 million (NIS, 2025-06-26).
- dev2: 10,000-12,000 (Ukraine's National Resistance Center, 2024-12-10); more than 11,000
  in 2024 plus 3,000 more (sanctions monitoring team, 2025-05-29); shells: 1 million (NIS,
  November 2023), 9-10 million by mid-2025.
- Workers and specialists: dev, 1,000 sappers and 5,000 military construction workers
  expected (Russian media, 2025-06-26: one sentence, the two add up); dev2, 6,000
  engineering and military construction personnel pledged (2025-06-26).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from gold_corpus import corpus_dir, store_gold

from supplyline.resolve import resolve
from supplyline.resolve.series import Estimate, estimates
from supplyline.store import BaseStore, open_store

NK = {"actor": "North Korea", "recipient": "Russia", "phase": "delivered"}


@pytest.fixture(scope="module", params=["dev", "dev2"])
def corpus(request: pytest.FixtureRequest,
           tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, BaseStore]]:
    path = corpus_dir(request.param)
    db = tmp_path_factory.mktemp(request.param) / "gold.db"
    with open_store(db) as store:
        store_gold(store, path)
        resolve(store)
        yield request.param, store


def _one(store: BaseStore, item: str, as_of: date, phase: str = "delivered") -> Estimate:
    rows = [e for e in estimates(store, item=item, as_of=as_of, **{**NK, "phase": phase})
            if e.unit is None]
    assert len(rows) == 1, [(e.item_class, e.unit) for e in rows]
    return rows[0]


CHECKS = {
    "dev": [("troops", date(2024, 10, 31), 10_000, 12_000),
            ("troops", date(2024, 12, 31), 10_000, 12_000),
            ("troops", date(2025, 7, 31), 11_000, 15_000),
            ("shells", date(2024, 10, 31), 2_000_000, 3_000_000),
            ("shells", date(2025, 7, 31), 9_000_000, 12_000_000)],
    "dev2": [("troops", date(2024, 12, 31), 10_000, 12_000),
             ("troops", date(2025, 7, 31), 11_000, 15_000),
             ("shells", date(2024, 3, 31), 1_000_000, 3_000_000),
             ("shells", date(2025, 7, 31), 9_000_000, 10_000_000)],
}


def test_estimates_fall_in_the_reported_ranges(corpus: tuple[str, BaseStore]) -> None:
    name, store = corpus
    for item, as_of, low, high in CHECKS[name]:
        e = _one(store, item, as_of)
        assert e.value is not None and low <= e.value <= high, (name, item, as_of, e)
        assert e.low is not None and e.high is not None and e.low <= e.value <= e.high
        assert e.explanation and e.facts and e.independent_sources >= 1


WORKERS = {"dev": ("expected", 6000), "dev2": ("pledged", 6000)}


def test_workers_of_one_sentence_add_up(corpus: tuple[str, BaseStore]) -> None:
    name, store = corpus
    phase, figure = WORKERS[name]
    e = _one(store, "workers", date(2025, 7, 31), phase)
    assert e.value == figure, e


def test_one_delivered_troops_row_not_one_per_synonym(corpus: tuple[str, BaseStore]) -> None:
    _, store = corpus
    rows = estimates(store, type="personnel", **NK)
    classes = [e.item_class for e in rows]
    assert classes.count("troops") == 1, classes
    assert all(e.phase == "delivered" for e in rows)


def test_workers_are_not_counted_as_troops(corpus: tuple[str, BaseStore]) -> None:
    _, store = corpus
    troops = _one(store, "troops", date(2025, 12, 31))
    workers = estimates(store, item="workers", **NK)
    assert workers and all(e.item_class == "workers and specialists" for e in workers)
    assert not set(troops.facts) & {f for e in workers for f in e.facts}
