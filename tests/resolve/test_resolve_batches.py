"""Issue 10 §3: the same corpus gives the same picture, however it is batched and ordered.

Every split of a small corpus into 2 or 3 batches, each batch stored and resolved in turn in
every order, gives the fact ids and the claim -> fact map of one run; so do batches stored
and resolved by concurrent writers, and each claim is counted as resolved exactly once. The
corpus is built so that order would matter to a greedy resolver: 10,000, 14,000 and 19,000
troops are each compatible with the next but the first and the last are not, and two copies
of one wire story arrive apart.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from datetime import date
from itertools import permutations
from pathlib import Path

import pytest
from gold_corpus import corpus_dir, gold_documents
from resolve_factories import HUR, NIS, PENTAGON, claim, document, qty, when

from supplyline.model import Claim, CleanedText, Document, Source
from supplyline.resolve import resolve
from supplyline.store import BaseStore, open_store

Item = tuple[Document, CleanedText, list[Claim]]
WIRE = ("The contingent travelled by rail from Vladivostok over several weeks and was "
        "assigned to units near the Kursk border, where fighting has been heavy since the "
        "summer, according to the statement published on the agency's website.")


def _item(doc_id: str, published: str, figure: float, source: Source, *,
          basis: str | None = None, text: str | None = None) -> Item:
    sentence = text or f"North Korea has sent {figure:,.0f} troops to Russia, {source.text} said."
    doc, cleaned = document(doc_id, [f"Report {doc_id}", sentence, WIRE if text else
                                     f"Report {doc_id} has no more to say."],
                            published=date.fromisoformat(published))
    return doc, cleaned, [claim(doc, sentence, quantity=qty(figure), source=source, basis=basis,
                                when=when("in October", "2024-10-01", "2024-10-31"))]


COPY = "North Korea has sent 10,000 troops to Russia, the agency said."
CORPUS = [
    _item("a", "2024-11-01", 10000, NIS, text=COPY),
    _item("b", "2024-11-03", 14000, HUR),
    _item("c", "2024-11-05", 19000, PENTAGON),
    _item("d", "2024-11-02", 10000, Source("the agency", None, "media"), text=COPY),
    _item("e", "2024-11-04", 3000, HUR, basis="additional"),
]


def _splits(items: Sequence[Item], parts: int) -> Iterator[list[list[Item]]]:
    """Every split of ``items`` into ``parts`` non-empty batches (each split once)."""
    def place(i: int, batches: list[list[Item]]) -> Iterator[list[list[Item]]]:
        if i == len(items):
            if all(batches):
                yield [list(b) for b in batches]
            return
        for b in batches:
            b.append(items[i])
            yield from place(i + 1, batches)
            b.pop()
            if not b:
                break  # an empty batch is like any other empty one: try it once
    yield from place(0, [[] for _ in range(parts)])


def _picture(store: BaseStore) -> tuple[set[str], dict[str, str | None]]:
    return ({f.id for f in store.facts()}, {r.id: r.fact for r in store.reports()})


def _store(store: BaseStore, batch: Sequence[Item]) -> int:
    for doc, cleaned, claims in batch:
        store.save(doc, cleaned, claims)
    return resolve(store).claims_resolved


def _one_run(location: str, items: Sequence[Item]) -> tuple[set[str], dict[str, str | None]]:
    with open_store(location) as store:
        assert _store(store, items) == store.stats()["claims"]
        return _picture(store)


def test_every_split_and_order_gives_one_picture(db_location: str, tmp_path: Path) -> None:
    expected = _one_run(str(tmp_path / "one.db"), CORPUS)
    postgres = db_location.startswith("postgresql")
    n = 0
    for parts in (2, 3):
        for split in _splits(CORPUS, parts):
            orders = list(permutations(split))
            for order in orders[:2] if postgres else orders:  # PostgreSQL: fewer, slower
                n += 1
                where = _fresh_db(db_location, n, tmp_path)
                with open_store(where) as store:
                    counted = sum(_store(store, batch) for batch in order)
                    assert _picture(store) == expected, [[d.id for d, _, _ in b] for b in order]
                    assert counted == len(CORPUS)
    assert n >= 30


def _fresh_db(location: str, n: int, tmp_path: Path) -> str:
    if not location.startswith("postgresql"):
        return ":memory:"  # a new database each time it is opened
    with open_store(location) as store:  # the test's own schema: empty it
        for table in ("fact_claims", "facts", "stories", "evidence", "claims", "documents",
                      "sources"):
            store._run(f"DELETE FROM {table}")  # noqa: SLF001
    return location


def _concurrently(location: str, batches: Sequence[Sequence[Item]]) -> int:
    counts: list[int] = []
    errors: list[BaseException] = []
    with open_store(location):
        pass  # create the schema before the writers race

    def write(batch: Sequence[Item]) -> None:
        try:
            with open_store(location) as store:
                counts.append(_store(store, batch))
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(b,)) for b in batches]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    return sum(counts)


def test_concurrent_writers_give_one_picture_and_count_each_claim_once(
        db_location: str, tmp_path: Path) -> None:
    expected = _one_run(str(tmp_path / "one.db"), CORPUS)
    for n, split in enumerate([*_splits(CORPUS, 2)][:4] + [*_splits(CORPUS, 3)][:4]):
        where = _fresh_db(db_location, 100 + n, tmp_path)
        where = str(tmp_path / f"concurrent{n}.db") if where == ":memory:" else where
        assert _concurrently(where, split) == len(CORPUS)
        with open_store(where) as store:
            assert _picture(store) == expected


@pytest.mark.parametrize("name", ["dev", "dev2"])
def test_a_real_corpus_in_three_batches_in_any_order(name: str, tmp_path: Path) -> None:
    items = gold_documents(corpus_dir(name))
    expected = _one_run(str(tmp_path / "one.db"), items)
    batches = [items[0::3], items[1::3], items[2::3]]
    for n, order in enumerate([batches, batches[::-1], [batches[1], batches[2], batches[0]]]):
        with open_store(str(tmp_path / f"order{n}.db")) as store:
            claims = sum(_store(store, b) for b in order)
            assert _picture(store) == expected
            assert claims == len(expected[1])
    where = str(tmp_path / "concurrent.db")
    assert _concurrently(where, batches) == len(expected[1])
    with open_store(where) as store:
        assert _picture(store) == expected
