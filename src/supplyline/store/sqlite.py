"""The SQLite store: one file, WAL journal, every write in one ``BEGIN IMMEDIATE`` transaction.

A ``Store`` holds one connection and belongs to the thread that opened it; other threads and
processes open their own. Writers queue on SQLite's lock (``busy_timeout``) and readers never
block them (WAL). Claims are read back from their stored JSON; the columns beside it exist to
filter, join and count.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from supplyline.model import Claim, CleanedText, Document, Source
from supplyline.store import schema
from supplyline.store.codec import (
    claim_from_json,
    claim_to_json,
    content_hash,
    segments_from_json,
    segments_to_json,
)
from supplyline.store.records import ClaimFilter, SearchHit, StoredDocument, StoreError
from supplyline.store.resolution import ResolutionStore

SNIPPET_MARK = ("**", "**")
_LOCKED = ("locked", "busy")


class Store(ResolutionStore):
    """Documents, their claims, evidence and sources in one SQLite file (or ``":memory:"``)."""

    def __init__(self, path: str | Path = ":memory:", *, timeout: float = 30.0) -> None:
        """Open (creating and migrating as needed) the database at ``path``.

        ``timeout`` is how many seconds a write waits for another writer to finish.
        """
        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(self.path, timeout=timeout, isolation_level=None)
        try:
            self._db.row_factory = sqlite3.Row
            self._db.create_function("fold", 1, _fold, deterministic=True)
            self._db.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
            self._db.execute("PRAGMA foreign_keys = ON")
            self._set_wal(timeout)
            # With WAL, a power cut may lose the last commit but never leaves half of one.
            self._db.execute("PRAGMA synchronous = NORMAL")
            self.schema_version = schema.migrate(self._db)
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

    def close(self) -> None:
        """Close the connection; closing twice is harmless."""
        self._db.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.path!r})"

    # -- writing ------------------------------------------------------------------------------

    def save(self, doc: Document, cleaned: CleanedText, claims: Sequence[Claim], *,
             force: bool = False) -> bool:
        """Store a document with its cleaned text and claims, all or nothing.

        Returns False, changing nothing, when a document with this id and the same text is
        already stored (unless ``force``). When the id is stored with other text, the
        document is updated and its claims replaced. Every claim must belong to ``doc``;
        two claims with the same id are one claim, the later one's evidence added to the
        first.
        """
        stray = [c.id for c in claims if c.doc != doc.id]
        if stray:
            raise ValueError(f"claims {', '.join(stray)} do not belong to document {doc.id!r}")
        digest = content_hash(doc.text)
        if not force and self._stored_hash(doc.id) == digest:
            return False  # the common case of re-ingesting, without taking the write lock
        merged = _merge_duplicates(claims)
        with self._write() as db:
            stored = self._stored_hash(doc.id)
            if stored == digest and not force:
                return False
            row = _document_row(doc, cleaned, digest)
            if stored is None:
                self._insert_document(db, row)
            else:
                self._update_document(db, row)
                db.execute("DELETE FROM claims WHERE doc = ?", (doc.id,))
            self._insert_claims(db, merged)
            if stored is not None:
                _drop_orphan_sources(db)
        return True

    def delete(self, doc_id: str) -> bool:
        """Remove a document with its claims and evidence; False if it was not stored."""
        with self._write() as db:
            gone = db.execute("DELETE FROM documents WHERE id = ?", (doc_id,)).rowcount > 0
            if gone:
                _drop_orphan_sources(db)
        return gone

    def _insert_document(self, db: sqlite3.Connection, row: dict[str, Any]) -> None:
        cols = ", ".join(row)
        marks = ", ".join(f":{k}" for k in row)
        db.execute(f"INSERT INTO documents ({cols}) VALUES ({marks})", row)

    def _update_document(self, db: sqlite3.Connection, row: dict[str, Any]) -> None:
        sets = ", ".join(f"{k} = :{k}" for k in row if k != "id")
        db.execute(f"UPDATE documents SET {sets} WHERE id = :id", row)

    def _insert_claims(self, db: sqlite3.Connection, claims: Sequence[Claim]) -> None:
        source_ids: dict[Source, int] = {}
        for ordinal, claim in enumerate(claims):
            if claim.source not in source_ids:
                source_ids[claim.source] = self._source_id(db, claim.source)
            db.execute(
                "INSERT INTO claims (id, doc, ordinal, type, actor, recipient, item,"
                " quantity_value, quantity_lower, quantity_upper, quantity_approx, quantity_unit,"
                " basis, status, when_text, when_start, when_end, source_id, place, json)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                _claim_row(claim, ordinal, source_ids[claim.source]),
            )
            self._insert_evidence(db, claim)

    def _insert_evidence(self, db: sqlite3.Connection, claim: Claim) -> None:
        db.executemany(
            'INSERT INTO evidence (claim, ordinal, text, "start", "end", section)'
            " VALUES (?, ?, ?, ?, ?, ?)",
            [(claim.id, i, e.text, e.start, e.end, e.section)
             for i, e in enumerate(claim.evidence)],
        )

    def _source_id(self, db: sqlite3.Connection, source: Source) -> int:
        key = (source.text or "", source.name or "", source.kind, source.country or "")
        db.execute(
            "INSERT INTO sources (text, name, kind, country) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (text, name, kind, country) DO NOTHING",
            key,
        )
        row = db.execute(
            "SELECT id FROM sources WHERE text = ? AND name = ? AND kind = ? AND country = ?",
            key,
        ).fetchone()
        return int(row[0])

    # -- reading ------------------------------------------------------------------------------

    def has_document(self, doc_id: str) -> bool:
        return self._stored_hash(doc_id) is not None

    def document(self, doc_id: str) -> StoredDocument | None:
        row = self._db.execute("SELECT * FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return _stored_document(row) if row else None

    def claim(self, claim_id: str) -> Claim | None:
        row = self._db.execute("SELECT json FROM claims WHERE id = ?", (claim_id,)).fetchone()
        return claim_from_json(row[0]) if row else None

    def claim_context(self, claim_id: str) -> tuple[Claim, StoredDocument] | None:
        """A claim with its document (text and segments), to show evidence in its paragraph."""
        with self._read() as db:
            row = db.execute("SELECT doc, json FROM claims WHERE id = ?", (claim_id,)).fetchone()
            if row is None:
                return None
            doc = db.execute("SELECT * FROM documents WHERE id = ?", (row[0],)).fetchone()
        return claim_from_json(row[1]), _stored_document(doc)

    def claims(self, flt: ClaimFilter | None = None) -> list[Claim]:
        """Claims matching ``flt``, by document date (undated last), then document order."""
        flt = flt or ClaimFilter()
        if flt.limit == 0:
            return []
        where, params = _claim_conditions(flt)
        sql = "SELECT c.json FROM claims c JOIN documents d ON d.id = c.doc"
        if flt.source_kind is not None:
            sql += " JOIN sources s ON s.id = c.source_id"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY d.published IS NULL, d.published, c.doc, c.ordinal"
        if flt.limit is not None:
            sql += " LIMIT ?"
            params.append(flt.limit)
        return [claim_from_json(r[0]) for r in self._db.execute(sql, params)]

    def search(self, query: str, limit: int = 20, *,
               mark: tuple[str, str] = SNIPPET_MARK) -> list[SearchHit]:
        """Documents matching an FTS5 query over title and cleaned text, best first.

        FTS5 syntax (``"exact phrase"``, ``OR``, ``NOT``, ``prefix*``) is honoured; a query
        that is not valid FTS5 is searched again as plain words, so it never raises for
        syntax. Matches in the title weigh more than in the body. The snippet, from the
        cleaned text, wraps matched words in ``mark`` (not escaped: the caller formats).
        """
        query = query.strip()
        if not query or limit <= 0:
            return []
        try:
            return self._search(query, limit, mark)
        except sqlite3.OperationalError as exc:
            if any(w in str(exc).lower() for w in _LOCKED):
                raise
        plain = _quote_terms(query)
        if not plain:
            return []
        try:
            return self._search(plain, limit, mark)
        except sqlite3.OperationalError as exc:
            if any(w in str(exc).lower() for w in _LOCKED):
                raise
            return []

    def _search(self, match: str, limit: int, mark: tuple[str, str]) -> list[SearchHit]:
        rows = self._db.execute(
            "SELECT f.doc_id, d.title, d.outlet, d.published,"
            " snippet(documents_fts, 2, ?, ?, '…', 16) AS snippet,"
            " bm25(documents_fts, 0.0, 4.0, 1.0) AS rank"
            " FROM documents_fts f JOIN documents d ON d.id = f.doc_id"
            " WHERE documents_fts MATCH ? ORDER BY rank, f.doc_id LIMIT ?",
            (*mark, match, limit),
        ).fetchall()
        return [SearchHit(r["doc_id"], r["title"], r["outlet"], _date(r["published"]),
                          r["snippet"], float(r["rank"])) for r in rows]

    def stats(self) -> dict[str, Any]:
        """Counts: documents, claims, sources, evidence, facts; claims per type and per pair.

        ``by_pair`` is a list of ``{"actor", "recipient", "claims"}``, most claims first;
        activity claims (production, test, exercise, combat) have recipient None.
        """
        with self._read() as db:
            counts = {
                name: int(db.execute(f"SELECT count(*) FROM {name}").fetchone()[0])
                for name in ("documents", "claims", "sources", "evidence", "facts")
            }
            by_type = {
                r[0]: int(r[1]) for r in db.execute(
                    "SELECT type, count(*) AS n FROM claims GROUP BY type ORDER BY n DESC, type")
            }
            by_pair = [
                {"actor": r[0], "recipient": r[1], "claims": int(r[2])}
                for r in db.execute(
                    "SELECT actor, recipient, count(*) AS n FROM claims"
                    " GROUP BY actor, recipient ORDER BY n DESC, actor, recipient IS NULL,"
                    " recipient")
            ]
        return {**counts, "by_type": by_type, "by_pair": by_pair,
                "schema_version": self.schema_version}

    # -- plumbing -----------------------------------------------------------------------------

    def _stored_hash(self, doc_id: str) -> str | None:
        row = self._db.execute(
            "SELECT content_hash FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return row[0] if row else None

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: committed at the end, rolled back on any exception
        (KeyboardInterrupt included), so nothing is ever half-written."""
        db = self._db
        db.execute("BEGIN IMMEDIATE")
        try:
            yield db
            db.execute("COMMIT")
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        """A read transaction: several queries see one snapshot."""
        db = self._db
        db.execute("BEGIN")
        try:
            yield db
        finally:
            if db.in_transaction:
                db.execute("COMMIT")

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


def _iso(d: date | None) -> str | None:
    if d is None:
        return None
    return (d.date() if isinstance(d, datetime) else d).isoformat()


def _date(s: str | None) -> date | None:
    return date.fromisoformat(s) if s else None


def _quote_terms(query: str) -> str:
    """Each word of the query as an FTS5 string (all must match); punctuation-only words go."""
    terms = [t for t in query.split() if any(ch.isalnum() for ch in t)]
    return " ".join('"' + t.replace('"', '""') + '"' for t in terms)


def _merge_duplicates(claims: Sequence[Claim]) -> list[Claim]:
    by_id: dict[str, Claim] = {}
    for claim in claims:
        first = by_id.get(claim.id)
        by_id[claim.id] = claim if first is None else first.with_evidence(claim.evidence)
    return list(by_id.values())


def _document_row(doc: Document, cleaned: CleanedText, digest: str) -> dict[str, Any]:
    return {
        "id": doc.id, "origin": doc.origin, "url": doc.url, "outlet": doc.outlet,
        "title": doc.title, "author": doc.author, "published": _iso(doc.published),
        "raw": doc.raw, "text": doc.text, "cleaned_text": cleaned.article_text,
        "segmented_text": None if cleaned.text == doc.text else cleaned.text,
        "segments": segments_to_json(cleaned.segments),
        "ingested_at": datetime.now(UTC).isoformat(), "content_hash": digest,
    }


def _claim_row(claim: Claim, ordinal: int, source_id: int) -> tuple[Any, ...]:
    q, w = claim.quantity, claim.when
    return (
        claim.id, claim.doc, ordinal, claim.type, claim.actor, claim.recipient, claim.item,
        q.value if q else None, q.lower if q else None, q.upper if q else None,
        q.approx if q else None, q.unit if q else None,
        claim.basis, claim.status,
        w.text if w else None, _iso(w.start) if w else None, _iso(w.end) if w else None,
        source_id, claim.place, claim_to_json(claim),
    )


def _claim_conditions(flt: ClaimFilter) -> tuple[list[str], list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    for column, value in (("c.actor", flt.actor), ("c.recipient", flt.recipient),
                          ("c.type", flt.type), ("c.status", flt.status),
                          ("s.kind", flt.source_kind)):
        if value is not None:
            where.append(f"fold({column}) = fold(?)")
            params.append(value)
    if flt.item is not None:
        where.append("instr(fold(c.item), fold(?)) > 0")
        params.append(flt.item)
    if flt.doc is not None:
        where.append("c.doc = ?")
        params.append(flt.doc)
    # Undated claims stand at the document's date; an open end runs on (see ClaimFilter).
    undated = "c.when_start IS NULL AND c.when_end IS NULL"
    if flt.since is not None:
        where.append(f"(CASE WHEN {undated} THEN d.published >= ?"
                     " ELSE coalesce(c.when_end >= ?, c.when_start IS NOT NULL) END)")
        params += [_iso(flt.since)] * 2
    if flt.until is not None:
        where.append(f"(CASE WHEN {undated} THEN d.published <= ?"
                     " ELSE coalesce(c.when_start <= ?, c.when_end IS NOT NULL) END)")
        params += [_iso(flt.until)] * 2
    return where, params


def _stored_document(row: sqlite3.Row) -> StoredDocument:
    return StoredDocument(
        id=row["id"], origin=row["origin"], url=row["url"], outlet=row["outlet"],
        title=row["title"], author=row["author"], published=_date(row["published"]),
        text=row["text"], cleaned_text=row["cleaned_text"],
        segments=segments_from_json(row["segments"]),
        ingested_at=datetime.fromisoformat(row["ingested_at"]),
        raw=row["raw"], content_hash=row["content_hash"], segmented_text=row["segmented_text"],
    )


def _drop_orphan_sources(db: sqlite3.Connection) -> None:
    db.execute("DELETE FROM sources WHERE id NOT IN (SELECT source_id FROM claims)")
