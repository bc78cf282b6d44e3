"""What every store does, in SQL both SQLite and PostgreSQL understand; backends add a dialect.

``BaseStore`` holds the methods (save, delete, claims, search, stats, migrations, and from
``resolution.py`` story groups, facts, alerts and feed state) once. A
backend subclass supplies the connection and a few hooks: how a query runs (``_run``), how a
transaction starts (``_begin_write``, ``_begin_read``), how values fold for comparison, the
full-text query itself (``_search``) and its migration steps. Queries here are written with
``?`` placeholders; a backend whose driver wants another style translates them in ``_run``.

Claims are read back from their stored JSON; the columns beside it exist to filter, join and
count. Every write is one transaction: committed at the end, rolled back on any exception.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime
from types import TracebackType
from typing import Any, ClassVar, Self

from supplyline.errors import StoreError
from supplyline.model import Claim, CleanedText, Document, Source
from supplyline.store.codec import (
    claim_from_json,
    claim_to_json,
    content_hash,
    segments_from_json,
    segments_to_json,
)
from supplyline.store.records import (
    ClaimFilter,
    SearchHit,
    StoredDocument,
    as_date,
    synonym_groups,
)
from supplyline.store.resolution import ResolutionStore

SNIPPET_MARK = ("**", "**")

DOCUMENT_COLUMNS = ("id", "origin", "url", "outlet", "title", "author", "published", "raw",
                    "text", "cleaned_text", "segmented_text", "segments", "ingested_at",
                    "content_hash")
CLAIM_COLUMNS = ("id", "doc", "ordinal", "type", "actor", "recipient", "item",
                 "quantity_value", "quantity_lower", "quantity_upper", "quantity_approx",
                 "quantity_unit", "basis", "status", "when_text", "when_start", "when_end",
                 "source_id", "place", "json")

Migration = Callable[[Any], None]


class BaseStore(ResolutionStore, ABC):
    """Documents, their claims, evidence and sources in a database; one connection per store.

    A store belongs to the thread that opened it; other threads and processes open their own
    (``reopen``). ``location`` is what ``open_store`` was given (a path or a URL) and
    ``schema_version`` the version the database is at.
    """

    location: str
    schema_version: int
    #: SQL that folds a value for case-insensitive comparison: ``{}`` is the value.
    FOLD: ClassVar[str]
    #: SQL true when the first value contains the second: ``{0}`` haystack, ``{1}`` needle.
    CONTAINS: ClassVar[str]
    #: The statement creating the version table, in this dialect.
    VERSION_TABLE: ClassVar[str]
    #: How many ``exclusive_write`` blocks are open on this connection.
    _exclusive_depth: int = 0

    # -- the dialect ------------------------------------------------------------------------------

    @abstractmethod
    def _run(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """Execute one statement with ``?`` placeholders; return a DB-API cursor."""

    @abstractmethod
    def _run_many(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        """Execute one statement for each row of parameters."""

    @abstractmethod
    def _begin_write(self, exclusive: bool) -> None:
        """Start a write transaction. ``exclusive``: it may delete sources, so no other
        writer may be adding claims meanwhile (SQLite's writers are always exclusive)."""

    @abstractmethod
    def _begin_read(self) -> None:
        """Start a read-only transaction that sees one snapshot."""

    @abstractmethod
    def _in_transaction(self) -> bool: ...

    @abstractmethod
    def _lock_document(self, doc_id: str) -> None:
        """Inside a write: keep other writers of this document id waiting until commit."""

    @abstractmethod
    def _has_version_table(self) -> bool: ...

    @abstractmethod
    def _migrations(self) -> Sequence[Migration]:
        """The schema steps: ``steps[i]`` takes the database from version ``i`` to ``i + 1``."""

    @abstractmethod
    def _apply(self, step: Migration) -> None:
        """Run one migration step on the connection, inside the open transaction."""

    @abstractmethod
    def _search(self, query: str, limit: int, mark: tuple[str, str]) -> list[SearchHit]:
        """The dialect's full-text search (see ``search``)."""

    @abstractmethod
    def _search_groups(self, groups: Sequence[tuple[str, ...]], limit: int,
                       mark: tuple[str, str]) -> list[SearchHit]:
        """Documents holding, for each group, one of its words or phrases."""

    @abstractmethod
    def close(self) -> None:
        """Close the connection; closing twice is harmless."""

    @abstractmethod
    def reopen(self) -> Self:
        """A new store on the same database, for another thread or process."""

    # -- opening ----------------------------------------------------------------------------------

    def __enter__(self) -> Self:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    @property
    def latest_version(self) -> int:
        """The schema version this supplyline writes."""
        return len(self._migrations())

    def current_version(self) -> int:
        """The version recorded in the database; 0 for a new one."""
        if not self._has_version_table():
            return 0
        row = self._run("SELECT max(version) FROM schema_version").fetchone()
        return int(row[0] or 0)

    def upgrade(self) -> int:
        """Apply the missing migration steps in one transaction; return the version reached.

        Several processes opening a new database at once are safe: the second waits for the
        first and then finds nothing to do. A step that fails leaves the previous version.
        """
        steps = self._migrations()
        version = self._check_version(self.current_version())
        if version < len(steps):
            with self._write(exclusive=True):
                self._run(self.VERSION_TABLE)
                version = self._check_version(self.current_version())  # again, under the lock
                for number in range(version + 1, len(steps) + 1):
                    self._apply(steps[number - 1])
                    self._run("INSERT INTO schema_version (version, applied_at) VALUES (?, ?)",
                              (number, datetime.now(UTC).isoformat()))
        self.schema_version = len(steps)
        return self.schema_version

    def _check_version(self, version: int) -> int:
        latest = self.latest_version
        if version > latest:
            raise StoreError(f"database schema version {version} is newer than this "
                             f"supplyline understands ({latest}); upgrade supplyline")
        return version

    def _open_schema(self, upgrade: bool) -> None:
        """Migrate (``upgrade``) or check that the database needs no migration."""
        if upgrade:
            self.upgrade()
            return
        self.schema_version = self._check_version(self.current_version())

    # -- writing ----------------------------------------------------------------------------------

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
        stored = self._stored_hash(doc.id)
        if not force and stored == digest:
            return False  # the common case of re-ingesting, without taking a write lock
        merged = _merge_duplicates(claims)
        row = _document_row(doc, cleaned, digest)
        replacing = stored is not None
        while True:
            with self._write(exclusive=replacing):
                self._lock_document(doc.id)
                stored = self._stored_hash(doc.id)
                if stored == digest and not force:
                    return False
                if stored is not None and not replacing:
                    replacing = True  # another writer stored it meanwhile: start again
                    continue
                if stored is None:
                    self._insert_document(row)
                else:
                    self._update_document(row)
                    self._run("DELETE FROM claims WHERE doc = ?", (doc.id,))
                self._insert_claims(merged)
                if stored is not None:
                    self._drop_orphan_sources()
                return True

    def delete(self, doc_id: str) -> bool:
        """Remove a document with its claims and evidence; False if it was not stored."""
        with self._write(exclusive=True):
            gone = self._run("DELETE FROM documents WHERE id = ?", (doc_id,)).rowcount > 0
            if gone:
                self._drop_orphan_sources()
        return bool(gone)

    def _insert_document(self, row: dict[str, Any]) -> None:
        marks = ", ".join("?" for _ in row)
        self._run(f"INSERT INTO documents ({', '.join(row)}) VALUES ({marks})",
                  tuple(row.values()))

    def _update_document(self, row: dict[str, Any]) -> None:
        sets = ", ".join(f"{k} = ?" for k in row if k != "id")
        self._run(f"UPDATE documents SET {sets} WHERE id = ?",
                  (*(v for k, v in row.items() if k != "id"), row["id"]))

    def _insert_claims(self, claims: Sequence[Claim]) -> None:
        # Sources in one fixed order, so that concurrent writers never wait on each other
        # in a cycle.
        sources = sorted({c.source for c in claims}, key=_source_key)
        source_ids = {s: self._source_id(s) for s in sources}
        marks = ", ".join("?" for _ in CLAIM_COLUMNS)
        for ordinal, claim in enumerate(claims):
            self._run(f"INSERT INTO claims ({', '.join(CLAIM_COLUMNS)}) VALUES ({marks})",
                      _claim_row(claim, ordinal, source_ids[claim.source]))
            self._insert_evidence(claim)

    def _insert_evidence(self, claim: Claim) -> None:
        self._run_many(
            'INSERT INTO evidence (claim, ordinal, text, "start", "end", section)'
            " VALUES (?, ?, ?, ?, ?, ?)",
            [(claim.id, i, e.text, e.start, e.end, e.section)
             for i, e in enumerate(claim.evidence)],
        )

    def _source_id(self, source: Source) -> int:
        key = _source_key(source)
        self._run("INSERT INTO sources (text, name, kind, country) VALUES (?, ?, ?, ?)"
                  " ON CONFLICT (text, name, kind, country) DO NOTHING", key)
        row = self._run("SELECT id FROM sources WHERE text = ? AND name = ? AND kind = ?"
                        " AND country = ?", key).fetchone()
        return int(row[0])

    def _drop_orphan_sources(self) -> None:
        self._run("DELETE FROM sources WHERE id NOT IN (SELECT source_id FROM claims)")

    # -- reading ----------------------------------------------------------------------------------

    def has_document(self, doc_id: str) -> bool:
        return self._stored_hash(doc_id) is not None

    def document(self, doc_id: str) -> StoredDocument | None:
        row = self._run(f"SELECT {', '.join(DOCUMENT_COLUMNS)} FROM documents WHERE id = ?",
                        (doc_id,)).fetchone()
        return _stored_document(row) if row else None

    def claim(self, claim_id: str) -> Claim | None:
        row = self._run("SELECT json FROM claims WHERE id = ?", (claim_id,)).fetchone()
        return claim_from_json(row[0]) if row else None

    def claim_context(self, claim_id: str) -> tuple[Claim, StoredDocument] | None:
        """A claim with its document (text and segments), to show evidence in its paragraph."""
        with self._read():
            row = self._run("SELECT doc, json FROM claims WHERE id = ?", (claim_id,)).fetchone()
            if row is None:
                return None
            doc = self.document(row[0])
        assert doc is not None  # claims go with their document
        return claim_from_json(row[1]), doc

    def claims(self, flt: ClaimFilter | None = None) -> list[Claim]:
        """Claims matching ``flt``, by document date (undated last), then document order."""
        flt = flt or ClaimFilter()
        if flt.limit == 0:
            return []
        where, params = self._claim_conditions(flt)
        sql = "SELECT c.json FROM claims c JOIN documents d ON d.id = c.doc"
        if flt.source_kind is not None:
            sql += " JOIN sources s ON s.id = c.source_id"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY d.published IS NULL, d.published, c.doc, c.ordinal"
        if flt.limit is not None:
            sql += " LIMIT ?"
            params.append(flt.limit)
        return [claim_from_json(r[0]) for r in self._run(sql, params).fetchall()]

    def _claim_conditions(self, flt: ClaimFilter) -> tuple[list[str], list[Any]]:
        where: list[str] = []
        params: list[Any] = []
        fold = self.FOLD.format
        for column, value in (("c.actor", flt.actor), ("c.recipient", flt.recipient),
                              ("c.type", flt.type), ("c.status", flt.status),
                              ("s.kind", flt.source_kind), ("d.outlet", flt.outlet)):
            if value is not None:
                where.append(f"{fold(column)} = {fold('?')}")
                params.append(value)
        if flt.item is not None:
            where.append(self.CONTAINS.format(fold("c.item"), fold("?")))
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

    def actor_names(self) -> list[str]:
        """Every actor and recipient the stored claims name, sorted."""
        rows = self._run("SELECT actor FROM claims UNION SELECT recipient FROM claims"
                         " WHERE recipient IS NOT NULL").fetchall()
        return sorted({r[0] for r in rows if r[0]})

    def search(self, query: str, limit: int = 20, *, mark: tuple[str, str] = SNIPPET_MARK,
               synonyms: Mapping[str, Sequence[str]] | None = None) -> list[SearchHit]:
        """Documents matching a full-text query over title and cleaned text, best first.

        Words must all match, stemmed ("shell" finds "shells"); ``"exact phrase"``, ``OR``,
        ``NOT`` and ``prefix*`` are honoured, and a query the engine cannot parse is searched
        again as plain words, so it never raises for syntax. ``synonyms`` (folded name ->
        its forms, ``vocab.names.search_synonyms``) widen a plain-words query: with them
        "North Korea" also finds "North Korean". Matches in the title weigh more than in
        the body; ``rank`` is lower for better hits. The snippet, from the cleaned text, wraps
        matched words in ``mark`` (not escaped: the caller formats).
        """
        query = query.strip()
        if not query or limit <= 0:
            return []
        groups = synonym_groups(query, synonyms) if synonyms else []
        if groups:
            return self._search_groups(groups, limit, mark)
        return self._search(query, limit, mark)

    def stats(self) -> dict[str, Any]:
        """Counts: documents, claims, sources, evidence, facts; claims per type and per pair.

        ``by_pair`` is a list of ``{"actor", "recipient", "claims"}``, most claims first;
        activity claims (production, test, exercise, combat) have recipient None.
        """
        with self._read():
            counts = {
                name: int(self._run(f"SELECT count(*) FROM {name}").fetchone()[0])
                for name in ("documents", "claims", "sources", "evidence", "facts")
            }
            by_type = {
                r[0]: int(r[1]) for r in self._run(
                    "SELECT type, count(*) AS n FROM claims GROUP BY type ORDER BY n DESC, type"
                ).fetchall()
            }
            by_pair = [
                {"actor": r[0], "recipient": r[1], "claims": int(r[2])}
                for r in self._run(
                    "SELECT actor, recipient, count(*) AS n FROM claims"
                    " GROUP BY actor, recipient ORDER BY n DESC, actor, recipient IS NULL,"
                    " recipient").fetchall()
            ]
        return {**counts, "by_type": by_type, "by_pair": by_pair,
                "schema_version": self.schema_version}

    # -- plumbing ---------------------------------------------------------------------------------

    def _stored_hash(self, doc_id: str) -> str | None:
        row = self._run("SELECT content_hash FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return row[0] if row else None

    @contextmanager
    def _write(self, *, exclusive: bool = False) -> Iterator[None]:
        """One write transaction: committed at the end, rolled back on any exception
        (KeyboardInterrupt included), so nothing is ever half-written. Inside an exclusive
        write already open (``exclusive_write``), a write is part of it."""
        if self._exclusive_depth:
            yield
            return
        self._begin_write(exclusive)
        try:
            yield
            self._run("COMMIT")
        except BaseException:
            if self._in_transaction():
                self._run("ROLLBACK")
            raise

    @contextmanager
    def exclusive_write(self) -> Iterator[None]:
        """One exclusive write transaction around reads and writes that must see and leave a
        consistent state (resolution reads a block and writes its facts): no other writer
        runs meanwhile, and the writes inside it commit together."""
        with self._write(exclusive=True):
            self._exclusive_depth += 1
            try:
                yield
            finally:
                self._exclusive_depth -= 1

    @contextmanager
    def _read(self) -> Iterator[None]:
        """A read transaction: several queries see one snapshot (inside an exclusive write,
        that write's)."""
        if self._exclusive_depth:
            yield
            return
        self._begin_read()
        try:
            yield
        finally:
            if self._in_transaction():
                self._run("COMMIT")


def _iso(d: date | None) -> str | None:
    if d is None:
        return None
    return (d.date() if isinstance(d, datetime) else d).isoformat()


def _timestamp(value: datetime | str) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(value)


def _source_key(source: Source) -> tuple[str, str, str, str]:
    """Missing values are '' so that the unique key treats them as equal (NULLs never are)."""
    return (source.text or "", source.name or "", source.kind, source.country or "")


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


def _stored_document(values: Sequence[Any]) -> StoredDocument:
    row = dict(zip(DOCUMENT_COLUMNS, values, strict=True))
    return StoredDocument(
        id=row["id"], origin=row["origin"], url=row["url"], outlet=row["outlet"],
        title=row["title"], author=row["author"], published=as_date(row["published"]),
        text=row["text"], cleaned_text=row["cleaned_text"],
        segments=segments_from_json(row["segments"]),
        ingested_at=_timestamp(row["ingested_at"]),
        raw=row["raw"], content_hash=row["content_hash"], segmented_text=row["segmented_text"],
    )
