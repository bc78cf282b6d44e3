"""Several ingests writing at once while a reader reads, on each backend: nothing lost, nothing
duplicated, and the reader never sees a half-written document or a count going back."""

from __future__ import annotations

import threading
from collections.abc import Callable

from store_factories import AID, SHELLS, TEST, clean, make_claim, make_doc

from supplyline.model import Claim, CleanedText, Document, Source
from supplyline.store import ClaimFilter, open_store

WRITERS, OWN, SHARED = 4, 24, 8
SOURCES = [Source(kind="media"), Source("officials", None, "government", "Ukraine"),
           Source("analysts", "ISW", "analyst", None)]


def document(doc_id: str, version: int = 0) -> tuple[Document, CleanedText, list[Claim]]:
    """A document with two claims whose sources vary; ``version`` changes its text only."""
    doc = make_doc(doc_id, [f"Report {doc_id} edition {version}", SHELLS, TEST])
    n = sum(map(ord, doc_id))
    claims = [
        make_claim(doc, SHELLS, type="munitions", recipient="Russia", item="shells",
                   source=SOURCES[n % 3]),
        make_claim(doc, TEST, type="test", item="cruise missile", source=SOURCES[(n + 1) % 3]),
    ]
    return doc, clean(doc), claims


def run_threads(targets: list[Callable[[], None]]) -> list[BaseException]:
    errors: list[BaseException] = []

    def guarded(target: Callable[[], None]) -> Callable[[], None]:
        def run() -> None:
            try:
                target()
            except BaseException as exc:  # reported to the test
                errors.append(exc)
        return run

    threads = [threading.Thread(target=guarded(t)) for t in targets]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=180)
    assert not any(t.is_alive() for t in threads)
    return errors


def test_concurrent_ingests_and_a_reader(db_location: str) -> None:
    open_store(db_location).close()  # created and migrated before the race starts
    done = threading.Event()
    seen: list[int] = []

    def writer(w: int) -> Callable[[], None]:
        def write() -> None:
            with open_store(db_location) as store:
                for i in range(OWN):
                    store.save(*document(f"w{w}-{i}"))
                    if i % 4 == 3:  # a later edition replaces an earlier document
                        store.save(*document(f"w{w}-{i - 3}", version=1))
                    store.save(*document(f"shared-{(i + w) % SHARED}"))  # others write it too
        return write

    def reader() -> None:
        with open_store(db_location) as store:
            last = 0
            while not done.is_set():
                claims = store.claims()
                ids = [c.id for c in claims]
                assert len(ids) == len(set(ids)), "a claim listed twice"
                by_doc: dict[str, int] = {}
                for c in claims:
                    by_doc[c.doc] = by_doc.get(c.doc, 0) + 1
                assert set(by_doc.values()) <= {2}, "a document seen half-written"
                assert len(claims) >= last, "claims went missing"
                last = len(claims)
                store.search("shells")
                stats = store.stats()
                assert stats["claims"] == 2 * stats["documents"]
                seen.append(last)

    read_errors: list[BaseException] = []

    def read_until_done() -> None:
        read_errors.extend(run_threads([reader]))

    reading = threading.Thread(target=read_until_done)
    reading.start()
    errors = run_threads([writer(w) for w in range(WRITERS)])
    done.set()
    reading.join(timeout=60)
    assert errors == [] and read_errors == []
    assert len(seen) > 1  # the reader read while the writers wrote

    documents = WRITERS * OWN + SHARED
    with open_store(db_location) as store:
        stats = store.stats()
        assert (stats["documents"], stats["claims"], stats["evidence"]) == (
            documents, 2 * documents, 2 * documents)
        assert stats["sources"] == len(SOURCES)
        assert len(store.search("shells", limit=1000)) == documents
        for w in range(WRITERS):
            stored = store.document(f"w{w}-0")
            assert stored is not None and "edition 1" in stored.text
            assert len(store.claims(ClaimFilter(doc=f"w{w}-0"))) == 2
        assert len(store.claims(ClaimFilter(type="test"))) == documents
        assert store.search(AID) == []
