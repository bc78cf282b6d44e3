"""Issue 10 §3: the same corpus gives the same picture, however it is batched and ordered.

Every split of a small corpus into 2 or 3 batches, each batch stored and resolved in turn in
every order, gives the facts (their ids and all they say) and the claim -> fact map of one
run; so do batches stored and resolved by concurrent writers, and each claim is counted as
resolved exactly once; so do seeded splits of the samples, dev and dev2 (their gold claims),
on both stores, and ``resolve --rebuild`` after them changes nothing. The
corpus is built so that order would matter to a greedy resolver: 10,000, 14,000 and 19,000
troops are each compatible with the next but the first and the last are not, and two copies
of one wire story arrive apart.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Iterator, Sequence
from datetime import date
from itertools import permutations
from pathlib import Path

import pytest
from gold_corpus import SAMPLES, corpus_dir, gold_documents
from resolve_factories import HUR, NIS, PENTAGON, claim, document, qty, when

from supplyline.model import Claim, CleanedText, Document, Fact, Source
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


Picture = tuple[dict[str, Fact], dict[str, str | None]]


def _picture(store: BaseStore) -> Picture:
    """The facts by id (each whole: members, independent sources, figures, dates) and the
    claim -> fact map."""
    return ({f.id: f for f in store.facts()}, {r.id: r.fact for r in store.reports()})


def _store(store: BaseStore, batch: Sequence[Item]) -> int:
    for doc, cleaned, claims in batch:
        store.save(doc, cleaned, claims)
    return resolve(store).claims_resolved


def _one_run(location: str, items: Sequence[Item]) -> Picture:
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


def _real_corpus(name: str) -> list[Item]:
    return gold_documents(*SAMPLES) if name == "samples" else gold_documents(corpus_dir(name))


def _random_splits(items: Sequence[Item], count: int, seed: int) -> list[list[list[Item]]]:
    """``count`` seeded random splits of ``items`` into 2 or 3 non-empty batches, each batch
    in a shuffled order (a real corpus has too many splits to try them all)."""
    rng = random.Random(seed)
    out = []
    while len(out) < count:
        parts = 2 + len(out) % 2
        batches: list[list[Item]] = [[] for _ in range(parts)]
        for item in rng.sample(list(items), len(items)):
            batches[rng.randrange(parts)].append(item)
        if all(batches):
            out.append(batches)
    return out


@pytest.mark.parametrize("name", ["samples", "dev", "dev2"])
def test_a_real_corpus_in_batches_in_any_order_and_concurrently(
        name: str, db_location: str, tmp_path: Path) -> None:
    """The samples, dev and dev2 (their gold claims): seeded splits into 2 and 3 batches,
    stored in turn and in reverse, and by concurrent writers, each give the one-run picture;
    ``resolve --rebuild`` afterwards changes nothing."""
    items = _real_corpus(name)
    expected = _one_run(str(tmp_path / "one.db"), items)
    for n, batches in enumerate(_random_splits(items, 2, seed=len(items))):
        for m, order in enumerate([batches, batches[::-1]]):
            where = _fresh_db(db_location, 300 + n, tmp_path)
            with open_store(where) as store:
                claims = sum(_store(store, b) for b in order)
                assert _picture(store) == expected, (n, m)
                assert claims == len(expected[1])
        where = _fresh_db(db_location, 400 + n, tmp_path)
        where = str(tmp_path / f"concurrent{n}.db") if where == ":memory:" else where
        assert _concurrently(where, batches) == len(expected[1])
        with open_store(where) as store:
            assert _picture(store) == expected, n
            rebuilt = resolve(store, rebuild=True)
            assert (rebuilt.claims_resolved, rebuilt.facts_changed, rebuilt.facts_removed) \
                == (0, 0, 0)
            assert _picture(store) == expected, n


def test_a_copy_stored_while_another_writer_resolves_is_counted_once_with_its_story(
        db_location: str, tmp_path: Path) -> None:
    """Writer 1 stores a copy of a wire story while writer 2 is between two blocks: writer 2
    resolves the copy's claim before the copy is grouped into its story. Writer 1's own run
    must then correct the fact (one story is one independent source), not leave it as the
    claim's fact was first written."""
    belarus_doc, belarus_text = document("belarus", [
        "Report belarus", "Belarus has sent 20 tanks to Russia, the agency said."],
        published=date(2024, 10, 20))
    belarus = (belarus_doc, belarus_text, [claim(
        belarus_doc, "Belarus has sent 20 tanks to Russia, the agency said.", actor="Belarus",
        type="weapons", item="tanks", quantity=qty(20))])
    agency = Source("the agency", None, "media")  # unnamed: its story is what is independent
    original = _item("original", "2024-11-01", 10000, agency, text=COPY)
    copy = _item("copy", "2024-11-02", 10000, agency, text=COPY)
    expected = _one_run(str(tmp_path / "one.db"), [belarus, original, copy])
    where = _fresh_db(db_location, 200, tmp_path)
    where = str(tmp_path / "race.db") if where == ":memory:" else where
    with open_store(where) as first, open_store(where) as second:
        for doc, cleaned, claims in (belarus, original):
            second.save(doc, cleaned, claims)

        def store_copy_between_blocks(done: int, total: int) -> None:
            if done == 1:  # Belarus's block is resolved, North Korea's is next
                first.save(*copy)

        counted = resolve(second, progress=store_copy_between_blocks).claims_resolved
        counted += resolve(first).claims_resolved
        assert counted == 3
        assert _picture(first) == expected
