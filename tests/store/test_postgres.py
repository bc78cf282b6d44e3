"""The PostgreSQL database itself: schema and types, migrations, locks, errors, interrupted saves.

The behaviour both backends share is tested on both in test_store.py; these look at what only
PostgreSQL has. They need a server (see tests/conftest.py) and are skipped without one.
"""

from __future__ import annotations

import threading
from typing import Any

import psycopg
import pytest
from store_factories import TEST, clean, make_claim, make_doc, sample

from supplyline.model import Source
from supplyline.store import ClaimFilter, StoreError, describe_location, open_store
from supplyline.store import pg_schema as schema
from supplyline.store.postgres import PostgresStore, redact

LATEST = len(schema.MIGRATIONS)  # the shipped steps
VERSIONS = [(n,) for n in range(1, LATEST + 1)]


def query(url: str, sql: str) -> list[tuple[Any, ...]]:
    """Rows of ``sql`` on a connection of its own, behind the store's back."""
    with psycopg.connect(url, autocommit=True) as db:
        return db.execute(sql).fetchall()


def test_open_store_picks_postgres_for_a_url(pg_url: str) -> None:
    with open_store(pg_url) as store:
        assert isinstance(store, PostgresStore)
        assert store.schema_version == store.latest_version == len(schema.MIGRATIONS)
        assert store.location == pg_url
    tables = {r[0] for r in query(pg_url, "SELECT table_name FROM information_schema.tables"
                                          " WHERE table_schema = current_schema()")}
    assert {"documents", "claims", "evidence", "sources", "schema_version"} <= tables
    assert query(pg_url, "SELECT version FROM schema_version ORDER BY 1") == VERSIONS


def test_values_are_stored_in_native_types(pg_url: str) -> None:
    doc, cleaned, claims = sample()
    with open_store(pg_url) as store:
        store.save(doc, cleaned, claims)
    (published, ingested, search), = query(
        pg_url, "SELECT published, ingested_at, search FROM documents")
    assert published.isoformat() == "2025-07-03"
    assert ingested.tzinfo is not None
    assert "'troop':" in search and "'subscrib'" not in search  # stemmed; debris not indexed
    assert query(pg_url, "SELECT when_start, quantity_value FROM claims ORDER BY ordinal")[0] == (
        claims[0].when.start, 11000.0)


def test_reopening_does_not_migrate_again(pg_url: str) -> None:
    doc, cleaned, claims = sample()
    with open_store(pg_url) as store:
        store.save(doc, cleaned, claims)
    with open_store(pg_url) as store:
        assert store.claims() == claims
    assert query(pg_url, "SELECT count(*) FROM schema_version") == [(LATEST,)]


def test_without_upgrade_a_new_database_stays_at_version_0(pg_url: str) -> None:
    with open_store(pg_url, upgrade=False) as store:
        assert store.schema_version == 0
        assert store.upgrade() == LATEST
        assert store.upgrade() == LATEST


def test_a_second_migration_is_applied_once(pg_url: str,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    doc, cleaned, claims = sample()
    with open_store(pg_url) as store:
        store.save(doc, cleaned, claims)
    calls: list[int] = []

    def v2(db: psycopg.Connection[Any]) -> None:
        calls.append(2)
        db.execute("ALTER TABLE claims ADD COLUMN reviewed BOOLEAN NOT NULL DEFAULT false")

    monkeypatch.setattr(schema, "MIGRATIONS", (*schema.MIGRATIONS, v2))
    for _ in range(2):
        with open_store(pg_url) as store:
            assert store.schema_version == LATEST + 1 and store.claims() == claims
    assert calls == [2]
    assert query(pg_url, "SELECT version FROM schema_version ORDER BY 1") == [
        *VERSIONS, (LATEST + 1,)]
    assert query(pg_url, "SELECT count(*) FROM claims WHERE NOT reviewed") == [(3,)]


def test_a_failing_migration_leaves_the_previous_version(
        pg_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    open_store(pg_url).close()

    def v2(db: psycopg.Connection[Any]) -> None:
        db.execute("ALTER TABLE claims ADD COLUMN reviewed BOOLEAN")
        raise RuntimeError("step failed")

    monkeypatch.setattr(schema, "MIGRATIONS", (*schema.MIGRATIONS, v2))
    with pytest.raises(RuntimeError):
        open_store(pg_url)
    monkeypatch.undo()
    with open_store(pg_url) as store:
        assert store.schema_version == LATEST
    columns = {r[0] for r in query(pg_url, "SELECT column_name FROM information_schema.columns"
                                           " WHERE table_name = 'claims'"
                                           " AND table_schema = current_schema()")}
    assert "reviewed" not in columns and "json" in columns


def test_newer_database_is_refused(pg_url: str) -> None:
    open_store(pg_url).close()
    query(pg_url, "INSERT INTO schema_version VALUES (99, now()) RETURNING version")
    with pytest.raises(StoreError, match="newer"):
        open_store(pg_url)


def test_many_openers_of_a_new_database_migrate_it_once(pg_url: str) -> None:
    errors: list[BaseException] = []

    def open_once() -> None:
        try:
            open_store(pg_url).close()
        except BaseException as exc:  # checked below
            errors.append(exc)

    threads = [threading.Thread(target=open_once) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert errors == []
    assert query(pg_url, "SELECT version FROM schema_version ORDER BY 1") == VERSIONS


def test_foreign_keys_cascade_and_protect(pg_url: str) -> None:
    doc, cleaned, claims = sample()
    with open_store(pg_url) as store:
        store.save(doc, cleaned, claims)
    with pytest.raises(psycopg.errors.ForeignKeyViolation):
        query(pg_url, "INSERT INTO evidence VALUES ('no-such-claim', 0, 't', 0, 1, 'body')")
    with pytest.raises(psycopg.errors.ForeignKeyViolation):
        query(pg_url, "DELETE FROM sources RETURNING id")  # still referenced by claims
    query(pg_url, "DELETE FROM documents RETURNING id")
    assert query(pg_url, "SELECT (SELECT count(*) FROM claims), (SELECT count(*) FROM evidence)"
                 ) == [(0, 0)]


def test_interrupted_save_leaves_nothing(pg_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    doc, cleaned, claims = sample()
    original = PostgresStore._insert_evidence
    calls = iter(range(1, 100))

    def interrupted(self: PostgresStore, claim: Any) -> None:
        if next(calls) == 2:  # the document and a claim are written
            raise KeyboardInterrupt
        original(self, claim)

    with open_store(pg_url) as store:
        monkeypatch.setattr(PostgresStore, "_insert_evidence", interrupted)
        with pytest.raises(KeyboardInterrupt):
            store.save(doc, cleaned, claims)
        assert not store.has_document(doc.id) and store.claims() == []
        monkeypatch.undo()
        assert store.save(doc, cleaned, claims) is True  # the connection is still usable
        assert store.claims() == claims


def test_unreachable_server_is_one_clear_error() -> None:
    url = "postgresql://someone:secret@127.0.0.1:1/nothing?connect_timeout=2"
    with pytest.raises(StoreError, match="cannot connect to") as info:
        open_store(url)
    message = str(info.value)
    assert "\n" not in message and "secret" not in message and "someone:***@" in message


def test_a_lost_connection_is_a_store_error(pg_url: str) -> None:
    with open_store(pg_url) as store:
        pid = store._run("SELECT pg_backend_pid()").fetchone()[0]
        query(pg_url, f"SELECT pg_terminate_backend({int(pid)})")
        with pytest.raises(StoreError, match="terminat|closed|lost|server"):
            store.claims()


def test_passwords_are_not_shown() -> None:
    assert redact("postgresql://u:pw@h:5/db") == "postgresql://u:***@h:5/db"
    assert redact("postgresql://u@h/db") == "postgresql://u@h/db"
    assert describe_location("postgres://u:pw@h/db") == "postgres://u:***@h/db"


def test_writers_of_one_new_document_store_it_once(pg_url: str) -> None:
    """Two connections saving the same new document at once: one stores it, one finds it."""
    doc = make_doc("same", ["Head", TEST])
    claim = make_claim(doc, TEST, type="test")
    results: list[bool] = []
    barrier = threading.Barrier(4)
    open_store(pg_url).close()

    def save() -> None:
        with open_store(pg_url) as store:
            barrier.wait()
            results.append(store.save(doc, clean(doc), [claim]))

    threads = [threading.Thread(target=save) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert sorted(results) == [False, False, False, True]
    assert query(pg_url, "SELECT count(*) FROM claims") == [(1,)]


def test_a_replacement_waits_for_writers_adding_its_orphaned_source(pg_url: str) -> None:
    """A writer is adding a claim whose source another writer's replacement orphans: the
    replacement waits (it takes the writers' lock exclusively) instead of deleting the source
    under the claim."""
    wire = Source("the wire", "Agency", "media", None)
    old = make_doc("old", ["Head", TEST])
    new = make_doc("new", ["Head", TEST])
    with open_store(pg_url) as store:
        store.save(old, clean(old), [make_claim(old, TEST, type="test", source=wire)])
    adding, release = threading.Event(), threading.Event()
    errors: list[BaseException] = []

    def add_claim_and_wait() -> None:
        with open_store(pg_url) as store:
            original = store._insert_evidence

            def paused(claim: Any) -> None:
                original(claim)
                adding.set()
                release.wait(30)

            store._insert_evidence = paused  # type: ignore[method-assign]
            try:
                store.save(new, clean(new), [make_claim(new, TEST, type="test", source=wire)])
            except BaseException as exc:  # checked below
                errors.append(exc)

    def replace_old() -> None:
        edited = make_doc("old", ["Head", TEST, "Edited."])
        with open_store(pg_url) as store:
            try:
                store.save(edited, clean(edited), [make_claim(edited, TEST, type="test")])
            except BaseException as exc:  # checked below
                errors.append(exc)

    adder = threading.Thread(target=add_claim_and_wait)
    adder.start()
    assert adding.wait(30)
    replacer = threading.Thread(target=replace_old)
    replacer.start()
    replacer.join(timeout=0.5)  # it is waiting for the adder
    release.set()
    adder.join(timeout=30)
    replacer.join(timeout=30)
    assert errors == []
    assert query(pg_url, "SELECT text FROM sources ORDER BY text") == [("",), ("the wire",)]
    with open_store(pg_url) as store:
        assert [c.source for c in store.claims(ClaimFilter(doc="new"))] == [wire]
