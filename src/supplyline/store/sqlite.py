"""The SQLite store: one file, WAL journal, every write in one ``BEGIN IMMEDIATE`` transaction.

Writers queue on SQLite's lock (``busy_timeout``) and readers never block them (WAL).
Full-text search is FTS5 (``documents_fts``, kept in step by triggers; see ``schema.py``).
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Self

from supplyline.errors import StoreError
from supplyline.store import schema
from supplyline.store.base import BaseStore, Migration
from supplyline.store.records import SearchHit, as_date
from supplyline.store.resolution import LEAD_SQL

_LOCKED = ("locked", "busy")


class Store(BaseStore):
    """Documents, their claims, evidence and sources in one SQLite file (or ``":memory:"``)."""

    FOLD = "fold({})"
    CONTAINS = "instr({0}, {1}) > 0"
    VERSION_TABLE = schema.VERSION_TABLE

    def __init__(self, path: str | Path = ":memory:", *, timeout: float = 30.0,
                 upgrade: bool = True) -> None:
        """Open (creating and migrating, unless not ``upgrade``) the database at ``path``.

        ``timeout`` is how many seconds a write waits for another writer to finish.
        """
        self.path = self.location = str(path)
        self._timeout = timeout
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(self.path, timeout=timeout, isolation_level=None)
        try:
            self._db.create_function("fold", 1, _fold, deterministic=True)
            self._db.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
            self._db.execute("PRAGMA foreign_keys = ON")
            self._set_wal(timeout)
            # With WAL, a power cut may lose the last commit but never leaves half of one.
            self._db.execute("PRAGMA synchronous = NORMAL")
            self._open_schema(upgrade)
        except sqlite3.DatabaseError as exc:
            self._db.close()
            if "not a database" in str(exc):
                raise StoreError(f"{self.path} is not a SQLite database") from exc
            raise
        except BaseException:
            self._db.close()
            raise

    @classmethod
    def open(cls, path: str | Path = ":memory:", *, timeout: float = 30.0) -> Self:
        """The same as ``Store(path)``; reads well in ``with Store.open(path) as store:``."""
        return cls(path, timeout=timeout)

    def reopen(self) -> Self:
        if self.path == ":memory:":
            raise StoreError("an in-memory database cannot be opened twice")
        return type(self)(self.path, timeout=self._timeout)

    def close(self) -> None:
        self._db.close()

    def __repr__(self) -> str:
        return f"Store({self.path!r})"

    # -- the dialect ------------------------------------------------------------------------------

    def _run(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        return self._db.execute(sql, params)

    def _run_many(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        self._db.executemany(sql, rows)

    def _begin_write(self, exclusive: bool) -> None:
        self._db.execute("BEGIN IMMEDIATE")  # one writer at a time, whatever it does

    def _begin_read(self) -> None:
        self._db.execute("BEGIN")

    def _in_transaction(self) -> bool:
        return self._db.in_transaction

    def _lock_document(self, doc_id: str) -> None:
        """Nothing to do: ``BEGIN IMMEDIATE`` already keeps every other writer out."""

    def _has_version_table(self) -> bool:
        return self._db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table'"
                                " AND name = 'schema_version'").fetchone() is not None

    def _migrations(self) -> Sequence[Migration]:
        return schema.MIGRATIONS  # read when called, so that a test can add a step

    def _apply(self, step: Migration) -> None:
        step(self._db)

    def _search(self, query: str, limit: int, mark: tuple[str, str]) -> list[SearchHit]:
        """FTS5 syntax (also ``prefix*``); a query that is not valid FTS5 is searched again
        as plain words."""
        try:
            return self._fts(query, limit, mark)
        except sqlite3.OperationalError as exc:
            if any(w in str(exc).lower() for w in _LOCKED):
                raise
        plain = _quote_terms(query)
        if not plain:
            return []
        try:
            return self._fts(plain, limit, mark)
        except sqlite3.OperationalError as exc:
            if any(w in str(exc).lower() for w in _LOCKED):
                raise
            return []

    def _search_groups(self, groups: Sequence[tuple[str, ...]], limit: int,
                       mark: tuple[str, str]) -> list[SearchHit]:
        """Each group an FTS5 ``("a" OR "b c")``, the groups all required (FTS5 wants
        an explicit AND beside brackets)."""
        match = " AND ".join(
            "(" + " OR ".join(_quoted(p) for p in g) + ")" if len(g) > 1 else _quoted(g[0])
            for g in groups)
        return self._fts(match, limit, mark)

    def _fts(self, match: str, limit: int, mark: tuple[str, str]) -> list[SearchHit]:
        rows = self._db.execute(
            "SELECT f.doc_id, d.title, d.outlet, d.published,"
            " snippet(documents_fts, 2, ?, ?, '…', 16) AS snippet,"
            f" bm25(documents_fts, 0.0, 4.0, 1.0) AS rank, {LEAD_SQL}"
            " FROM documents_fts f JOIN documents d ON d.id = f.doc_id"
            " WHERE documents_fts MATCH ? ORDER BY rank, f.doc_id LIMIT ?",
            (*mark, match, limit),
        ).fetchall()
        return [SearchHit(r[0], r[1], r[2], as_date(r[3]), r[4], float(r[5]), r[6])
                for r in rows]

    def _set_wal(self, timeout: float) -> None:
        """Switch to WAL; a new file opened by several processes at once may be busy briefly."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                self._db.execute("PRAGMA journal_mode = WAL")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)


def _fold(value: str | None) -> str | None:
    return value.casefold() if value is not None else None


def _quote_terms(query: str) -> str:
    """Each word of the query as an FTS5 string (all must match); punctuation-only words go."""
    terms = [t for t in query.split() if any(ch.isalnum() for ch in t)]
    return " ".join(_quoted(t) for t in terms)


def _quoted(text: str) -> str:
    """An FTS5 string: a word, or a phrase when it holds several."""
    return '"' + text.replace('"', '""') + '"'
