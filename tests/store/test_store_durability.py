"""The SQLite file: schema, migrations, WAL, foreign keys, interrupted and concurrent writes.

PostgreSQL's counterparts are in test_postgres.py; the concurrency test that runs on both
backends is in test_concurrency.py.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from store_factories import TEST, clean, make_claim, make_doc, sample

from supplyline.store import Store, StoreError, schema
from supplyline.store.sqlite import Store as SqliteStore

SRC = str(Path(__file__).resolve().parents[2] / "src")


@pytest.fixture
def store() -> Iterator[Store]:
    """An in-memory SQLite store (these tests look at SQLite itself)."""
    with Store(":memory:") as s:
        yield s


def raw(path: Path) -> sqlite3.Connection:
    """A plain connection to look at the file behind the store's back."""
    return sqlite3.connect(path)


def count(path: Path, table: str) -> int:
    with closing(raw(path)) as db:
        return int(db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


# -- schema ----------------------------------------------------------------------------------

def test_file_is_created_with_version_wal_and_foreign_keys(db_path: Path) -> None:
    with Store.open(db_path) as store:
        assert store.schema_version == len(schema.MIGRATIONS)
        assert store._db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert store._db.execute("PRAGMA busy_timeout").fetchone()[0] > 0
    assert db_path.exists()
    with closing(raw(db_path)) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("SELECT version FROM schema_version").fetchall() == [
            (n,) for n in range(1, len(schema.MIGRATIONS) + 1)]
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"documents", "claims", "evidence", "sources", "documents_fts",
            "schema_version"} <= tables


def test_reopening_keeps_data_and_does_not_migrate_again(db_path: Path) -> None:
    doc, cleaned, claims = sample()
    with Store(db_path) as store:
        store.save(doc, cleaned, claims)
    with Store(db_path) as store:
        assert store.claims() == claims
    assert count(db_path, "schema_version") == len(schema.MIGRATIONS)


def test_foreign_keys_are_enforced(store: Store) -> None:
    doc, cleaned, claims = sample()
    store.save(doc, cleaned, claims)
    db = store._db
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO claims (id, doc, ordinal, type, actor, status, source_id, json)"
                   " VALUES ('x', 'no-such-doc', 0, 'test', 'A', 'done', 1, '{}')")
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO evidence VALUES ('no-such-claim', 0, 't', 0, 1, 'body')")
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("DELETE FROM sources")  # still referenced by claims
    db.execute("DELETE FROM documents WHERE id = ?", (doc.id,))
    assert db.execute("SELECT count(*) FROM claims").fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM evidence").fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM documents_fts").fetchone()[0] == 0


def test_a_second_migration_is_applied_once(db_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    doc, cleaned, claims = sample()
    with Store(db_path) as store:
        store.save(doc, cleaned, claims)
    calls: list[int] = []

    def v2(db: sqlite3.Connection) -> None:
        calls.append(2)
        db.execute("ALTER TABLE claims ADD COLUMN reviewed INTEGER NOT NULL DEFAULT 0")

    monkeypatch.setattr(schema, "MIGRATIONS", (*schema.MIGRATIONS, v2))
    latest = len(schema.MIGRATIONS)  # the shipped steps and this one
    with Store(db_path) as store:
        assert store.schema_version == latest
        assert store.claims() == claims
        assert store._db.execute("SELECT sum(reviewed) FROM claims").fetchone()[0] == 0
    with Store(db_path) as store:
        assert store.schema_version == latest
    assert calls == [2]
    with closing(raw(db_path)) as db:
        assert [r[0] for r in db.execute("SELECT version FROM schema_version ORDER BY 1")] == list(
            range(1, latest + 1))


def test_a_failing_migration_leaves_the_previous_version(
        db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    Store(db_path).close()
    shipped = len(schema.MIGRATIONS)

    def v2(db: sqlite3.Connection) -> None:
        db.execute("ALTER TABLE claims ADD COLUMN reviewed INTEGER")
        raise RuntimeError("step failed")

    monkeypatch.setattr(schema, "MIGRATIONS", (*schema.MIGRATIONS, v2))
    with pytest.raises(RuntimeError):
        Store(db_path)
    monkeypatch.undo()
    with Store(db_path) as store:
        assert store.schema_version == shipped
        cols = {r[1] for r in store._db.execute("PRAGMA table_info(claims)")}
    assert "reviewed" not in cols


def test_newer_database_is_refused(db_path: Path) -> None:
    Store(db_path).close()
    with closing(raw(db_path)) as db, db:
        db.execute("INSERT INTO schema_version VALUES (99, 'later')")
    with pytest.raises(StoreError, match="newer"):
        Store(db_path)


def test_not_a_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("this is not sqlite " * 100)
    with pytest.raises(StoreError, match="not a SQLite database"):
        Store(path)


# -- interrupted writes ----------------------------------------------------------------------

def interrupt_on_call(monkeypatch: pytest.MonkeyPatch, method: str, on: int) -> None:
    """Make ``Store.<method>`` raise KeyboardInterrupt on its ``on``-th call."""
    original = getattr(SqliteStore, method)
    calls = iter(range(1, 1000))

    def step(self: Store, *args: object) -> object:
        if next(calls) == on:
            raise KeyboardInterrupt
        return original(self, *args)

    monkeypatch.setattr(SqliteStore, method, step)


def test_interrupted_save_leaves_nothing(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    doc, cleaned, claims = sample()
    with Store(db_path) as store:
        interrupt_on_call(monkeypatch, "_insert_evidence", on=2)  # document and a claim written
        with pytest.raises(KeyboardInterrupt):
            store.save(doc, cleaned, claims)
        assert not store.has_document(doc.id)
        assert store.claims() == []
        monkeypatch.undo()
        assert store.save(doc, cleaned, claims) is True  # the store is still usable
    with Store(db_path) as store:
        assert store.claims() == claims
    assert count(db_path, "evidence") == 4


def test_interrupted_replacement_keeps_the_old_version(
        store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    doc, cleaned, claims = sample()
    store.save(doc, cleaned, claims)
    before = store.document(doc.id)
    new = make_doc(doc.id, ["Head", TEST])
    interrupt_on_call(monkeypatch, "_insert_claims", on=1)  # after the update and the delete
    with pytest.raises(KeyboardInterrupt):
        store.save(new, clean(new), [make_claim(new, TEST, type="test")])
    assert store.document(doc.id) == before
    assert store.claims() == claims
    assert [h.doc_id for h in store.search("artillery")] == [doc.id]


CRASH = textwrap.dedent("""
    import os, sys
    sys.path[:0] = [{src!r}, {tests!r}]
    from store_factories import sample
    from supplyline.store.sqlite import Store

    def die(self, *args):
        os._exit(3)  # no cleanup, no rollback: as if the power went

    doc, cleaned, claims = sample()
    store = Store({path!r})
    Store._insert_evidence = die
    store.save(doc, cleaned, claims)
""")


def test_a_process_dying_mid_save_leaves_nothing(db_path: Path) -> None:
    Store(db_path).close()
    script = CRASH.format(src=SRC, tests=str(Path(__file__).parent), path=str(db_path))
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 3, done.stderr
    with Store(db_path) as store:
        assert store.stats()["documents"] == 0
        assert store.claims() == []


# -- concurrent writers ----------------------------------------------------------------------

WRITER = textwrap.dedent("""
    import sys
    sys.path[:0] = [{src!r}, {tests!r}]
    from store_factories import TEST, clean, make_claim, make_doc
    from supplyline.store import Store

    with Store({path!r}) as store:
        for i in range({n}):
            doc = make_doc("p{w}-" + str(i), ["Head {w} " + str(i), TEST])
            store.save(doc, clean(doc), [make_claim(doc, TEST, type="test")])
""")


def test_processes_writing_one_new_file_lose_nothing(db_path: Path) -> None:
    writers, n = 4, 25
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER.format(src=SRC, tests=str(Path(__file__).parent),
                                                 path=str(db_path), w=w, n=n)],
            stderr=subprocess.PIPE, text=True)
        for w in range(writers)
    ]
    for p in procs:
        _, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
    with Store(db_path) as store:
        stats = store.stats()
        assert (stats["documents"], stats["claims"], stats["sources"]) == (
            writers * n, writers * n, 1)
        assert store.search("Head")  # the FTS index saw every writer
    assert count(db_path, "documents_fts") == writers * n
    assert count(db_path, "schema_version") == len(schema.MIGRATIONS)


@pytest.fixture
def errors() -> Iterator[list[BaseException]]:
    found: list[BaseException] = []
    yield found
    assert found == []


def test_threads_writing_one_file_lose_nothing(db_path: Path,
                                               errors: list[BaseException]) -> None:
    writers, n = 4, 20
    Store(db_path).close()

    def write(w: int) -> None:
        try:
            with Store(db_path) as store:
                for i in range(n):
                    doc = make_doc(f"t{w}-{i}", [f"Head {w} {i}", TEST])
                    store.save(doc, clean(doc), [make_claim(doc, TEST, type="test")])
                    store.claims()  # reading while others write
        except BaseException as exc:  # reported by the fixture
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(w,)) for w in range(writers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    with Store(db_path) as store:
        assert store.stats()["documents"] == writers * n
        assert len(store.claims()) == writers * n
