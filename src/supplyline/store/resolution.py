"""The store's part of resolution: story groups, facts and their claims, alerts, feed state.

A mixin of ``BaseStore`` (schema v2), kept apart so that ``base.py`` stays about documents
and claims. Plain SQL with ``?`` placeholders and ``ON CONFLICT`` upserts, run through the
backend's ``_run``, so it works the same on SQLite and PostgreSQL. Its writes are exclusive
(on PostgreSQL they hold the writers' lock alone): they upsert batches of rows, and two
batches writing the same rows in different orders would otherwise deadlock.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any, ClassVar

from supplyline.model import Alert, Fact
from supplyline.store.codec import claim_from_json
from supplyline.store.records import (
    LEAD_CHARS,
    ClaimReport,
    DocumentRef,
    FactFilter,
    FeedState,
    as_date,
)

Block = tuple[str, str | None, str]  # (actor, recipient, type)

_REPORT_SQL = (
    "SELECT c.json, d.published, d.outlet, s.story, m.fact FROM claims c"
    " JOIN documents d ON d.id = c.doc"
    " LEFT JOIN stories s ON s.doc = c.doc"
    " LEFT JOIN fact_claims m ON m.claim = c.id"
)
_REPORT_ORDER = " ORDER BY d.published IS NULL, d.published, c.doc, c.ordinal"

#: The start of an untitled document's article text (its label), '' when it has a title.
LEAD_SQL = ("CASE WHEN d.title IS NULL OR d.title = '' THEN"
            f" substr(d.cleaned_text, 1, {LEAD_CHARS}) ELSE '' END")


class ResolutionStore:
    """Methods every store gains for resolution; ``_run``, ``_run_many``, ``_write`` and
    ``FOLD`` are ``BaseStore``'s."""

    FOLD: ClassVar[str]

    if TYPE_CHECKING:
        def _run(self, sql: str, params: Sequence[Any] = ()) -> Any: ...
        def _run_many(self, sql: str, rows: Iterable[Sequence[Any]]) -> None: ...
        def _write(self, *, exclusive: bool = False) -> AbstractContextManager[None]: ...

    # -- story groups ---------------------------------------------------------------------------

    def story_signatures(self) -> list[tuple[str, str, bytes]]:
        """Every grouped document as ``(doc, story, signature)``, in grouping order."""
        rows = self._run(
            "SELECT s.doc, s.story, s.signature FROM stories s JOIN documents d ON d.id = s.doc"
            " ORDER BY d.published IS NULL, d.published, s.doc")
        return [(r[0], r[1], bytes(r[2])) for r in rows]

    def ungrouped_documents(self) -> list[tuple[str, str]]:
        """``(id, cleaned_text)`` of the documents not yet in a story group, oldest first."""
        rows = self._run(
            "SELECT d.id, d.cleaned_text FROM documents d LEFT JOIN stories s ON s.doc = d.id"
            " WHERE s.doc IS NULL ORDER BY d.published IS NULL, d.published, d.id")
        return [(r[0], r[1]) for r in rows]

    def save_stories(self, rows: Sequence[tuple[str, str, bytes]]) -> None:
        """Record ``(doc, story, signature)`` rows, replacing a document's earlier row."""
        if not rows:
            return
        with self._write(exclusive=True):
            self._run_many(
                "INSERT INTO stories (doc, story, signature) VALUES (?, ?, ?)"
                " ON CONFLICT (doc) DO UPDATE SET story = excluded.story,"
                " signature = excluded.signature", rows)

    def story_groups(self, *, min_size: int = 2) -> list[list[DocumentRef]]:
        """Groups of near-duplicate documents with at least ``min_size`` members, the largest
        first; each group's documents oldest first."""
        rows = self._run(
            f"SELECT s.story, d.id, d.outlet, d.title, d.published, d.url, {LEAD_SQL}"
            " FROM stories s"
            " JOIN documents d ON d.id = s.doc"
            " WHERE s.story IN (SELECT story FROM stories GROUP BY story HAVING count(*) >= ?)"
            " ORDER BY s.story, d.published IS NULL, d.published, d.id", (min_size,))
        groups: dict[str, list[DocumentRef]] = {}
        for r in rows:
            groups.setdefault(r[0], []).append(
                DocumentRef(r[1], r[2], r[3], as_date(r[4]), r[5], r[6]))
        return sorted(groups.values(), key=lambda g: (-len(g), g[0].id))

    def document_refs(self, doc_ids: Iterable[str] | None = None) -> dict[str, DocumentRef]:
        """Metadata of the given documents (all when None), by id."""
        sql = f"SELECT d.id, d.outlet, d.title, d.published, d.url, {LEAD_SQL} FROM documents d"
        rows: Iterable[Any]
        if doc_ids is None:
            rows = self._run(sql)
        else:
            rows = [r for chunk in _chunks(sorted(set(doc_ids)))
                    for r in self._run(
                        f"{sql} WHERE d.id IN ({','.join('?' * len(chunk))})", chunk)]
        return {r[0]: DocumentRef(r[0], r[1], r[2], as_date(r[3]), r[4], r[5]) for r in rows}

    def clear_stories(self) -> None:
        """Forget every story group (``resolve --rebuild`` groups all documents again)."""
        with self._write(exclusive=True):
            self._run("DELETE FROM stories")

    # -- blocks -----------------------------------------------------------------------------

    def pending_blocks(self) -> set[Block]:
        """The (actor, recipient, type) blocks that hold a claim belonging to no fact."""
        return _blocks(self._run(
            "SELECT DISTINCT c.actor, c.recipient, c.type FROM claims c"
            " LEFT JOIN fact_claims m ON m.claim = c.id WHERE m.fact IS NULL"))

    def all_blocks(self) -> set[Block]:
        """Every block with a claim or a fact."""
        return _blocks(self._run("SELECT DISTINCT actor, recipient, type FROM claims")) | \
            _blocks(self._run("SELECT DISTINCT actor, recipient, type FROM facts"))

    def blocks_of_documents(self, doc_ids: Iterable[str]) -> set[Block]:
        """The blocks of the given documents' claims."""
        out: set[Block] = set()
        for chunk in _chunks(sorted(set(doc_ids))):
            out |= _blocks(self._run(
                "SELECT DISTINCT actor, recipient, type FROM claims"
                f" WHERE doc IN ({','.join('?' * len(chunk))})", chunk))
        return out

    # -- claims as reports ----------------------------------------------------------------------

    def pending_reports(self) -> list[ClaimReport]:
        """Claims that belong to no fact yet, by document date then document order."""
        sql = _REPORT_SQL + " WHERE m.fact IS NULL" + _REPORT_ORDER
        return [_report(r) for r in self._run(sql)]

    def block_reports(self, block: Block) -> list[ClaimReport]:
        """Every claim of one (actor, recipient, type) block, resolved or not."""
        actor, recipient, type_ = block
        sql = (_REPORT_SQL + " WHERE c.actor = ? AND coalesce(c.recipient, '') = ?"
               " AND c.type = ?" + _REPORT_ORDER)
        return [_report(r) for r in self._run(sql, (actor, recipient or "", type_))]

    def reports(self, claim_ids: Iterable[str] | None = None, *,
                doc: str | None = None) -> list[ClaimReport]:
        """The given claims (all when None, or one document's) as reports, by date."""
        if doc is not None:
            return [_report(r) for r in self._run(
                _REPORT_SQL + " WHERE c.doc = ?" + _REPORT_ORDER, (doc,))]
        if claim_ids is None:
            return [_report(r) for r in self._run(_REPORT_SQL + _REPORT_ORDER)]
        out: list[ClaimReport] = []
        for chunk in _chunks(sorted(set(claim_ids))):
            out += [_report(r) for r in self._run(
                _REPORT_SQL + f" WHERE c.id IN ({','.join('?' * len(chunk))})", chunk)]
        return sorted(out, key=_report_order)

    def shared_evidence(self, claim_ids: Iterable[str]) -> dict[str, list[tuple[str, str]]]:
        """For each given claim, the other claims of its document with the same type and
        recipient, another actor and an evidence span in common: ``(claim, actor)`` pairs
        (the rest of a joint statement, "Germany, Belgium and Norway pledged ...")."""
        out: dict[str, list[tuple[str, str]]] = {}
        for chunk in _chunks(sorted(set(claim_ids))):
            rows = self._run(
                "SELECT DISTINCT ca.id, cb.id, cb.actor FROM claims ca"
                " JOIN claims cb ON cb.doc = ca.doc AND cb.type = ca.type"
                " AND coalesce(cb.recipient, '') = coalesce(ca.recipient, '')"
                " AND cb.actor <> ca.actor"
                " JOIN evidence ea ON ea.claim = ca.id"
                " JOIN evidence eb ON eb.claim = cb.id AND eb.\"start\" = ea.\"start\""
                " AND eb.\"end\" = ea.\"end\""
                f" WHERE ca.id IN ({','.join('?' * len(chunk))})", chunk)
            for r in rows:
                out.setdefault(r[0], []).append((r[1], r[2]))
        return out

    # -- facts ----------------------------------------------------------------------------------

    def stale_blocks(self) -> set[Block]:
        """Blocks holding a fact that lost claims (its document was changed or deleted)."""
        rows = self._run(
            "SELECT f.actor, f.recipient, f.type FROM facts f"
            " LEFT JOIN (SELECT fact, count(*) AS n FROM fact_claims GROUP BY fact) m"
            " ON m.fact = f.id WHERE coalesce(m.n, 0) <> f.n_reports")
        return {(r[0], r[1] or None, r[2]) for r in rows}

    def block_facts(self, block: Block,
                    item_classes: Iterable[str | None] | None = None) -> list[Fact]:
        """The facts of one (actor, recipient, type) block, or only of some item classes."""
        actor, recipient, type_ = block
        sql = "SELECT json FROM facts WHERE actor = ? AND recipient = ? AND type = ?"
        params: list[Any] = [actor, recipient or "", type_]
        if item_classes is not None:
            classes = sorted({c or "" for c in item_classes})
            sql += f" AND coalesce(item_class, '') IN ({','.join('?' * len(classes))})"
            params += classes
        rows = self._run(sql + " ORDER BY id", params)
        return [Fact.from_record(json.loads(r[0])) for r in rows]

    def save_facts(self, facts: Sequence[Fact], removed: Iterable[str] = ()) -> None:
        """Write facts and their membership in one transaction; drop the ``removed`` ids."""
        gone = sorted(set(removed))
        if not facts and not gone:
            return
        with self._write(exclusive=True):
            for chunk in _chunks(gone):
                self._run(f"DELETE FROM facts WHERE id IN ({','.join('?' * len(chunk))})", chunk)
            self._run_many(
                "INSERT INTO facts (id, type, actor, recipient, item_class, status,"
                " first_reported, last_reported, n_reports, json)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET"
                " type = excluded.type, actor = excluded.actor, recipient = excluded.recipient,"
                " item_class = excluded.item_class, status = excluded.status,"
                " first_reported = excluded.first_reported,"
                " last_reported = excluded.last_reported, n_reports = excluded.n_reports,"
                " json = excluded.json",
                [(f.id, f.type, f.actor, f.recipient or "", f.item_class, f.status,
                  _iso(f.first_reported), _iso(f.last_reported), len(f.reports),
                  json.dumps(f.to_record(), ensure_ascii=False, allow_nan=False)) for f in facts])
            self._run_many(
                "INSERT INTO fact_claims (claim, fact) VALUES (?, ?)"
                " ON CONFLICT (claim) DO UPDATE SET fact = excluded.fact",
                [(claim, f.id) for f in facts for claim in f.reports])

    def facts(self, flt: FactFilter | None = None) -> list[Fact]:
        """Facts matching ``flt``, by first report (undated last), then id."""
        flt = flt or FactFilter()
        where: list[str] = []
        params: list[Any] = []
        for column, value in (("actor", flt.actor), ("recipient", flt.recipient),
                              ("type", flt.type), ("status", flt.status)):
            if value is not None:
                where.append(f"{self.FOLD.format(column)} = {self.FOLD.format('?')}")
                params.append(value)
        sql = "SELECT json FROM facts"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY first_reported IS NULL, first_reported, id"
        found = [Fact.from_record(json.loads(r[0])) for r in self._run(sql, params)]
        if flt.item is not None:
            needle = flt.item.casefold()
            found = [f for f in found if needle in (f.item or "").casefold()
                     or needle in (f.item_class or "")]
        if flt.min_sources is not None:
            found = [f for f in found if f.independent_sources >= flt.min_sources]
        return found

    def fact(self, fact_id: str) -> Fact | None:
        row = self._run("SELECT json FROM facts WHERE id = ?", (fact_id,)).fetchone()
        return Fact.from_record(json.loads(row[0])) if row else None

    def fact_of_claim(self, claim_id: str) -> Fact | None:
        row = self._run(
            "SELECT f.json FROM facts f JOIN fact_claims m ON m.fact = f.id WHERE m.claim = ?",
            (claim_id,)).fetchone()
        return Fact.from_record(json.loads(row[0])) if row else None

    # -- alerts ---------------------------------------------------------------------------------

    def add_alerts(self, alerts: Sequence[Alert]) -> list[Alert]:
        """Store the alerts not stored before (by id); return those, as stored."""
        now = datetime.now(UTC).isoformat(timespec="seconds")
        new: list[Alert] = []
        with self._write(exclusive=True):
            for a in alerts:
                cur = self._run(
                    "INSERT INTO alerts (id, rule, kind, message, facts, reported, created_at,"
                    " delivered) VALUES (?, ?, ?, ?, ?, ?, ?, 0) ON CONFLICT (id) DO NOTHING",
                    (a.id, a.rule, a.kind, a.message, json.dumps(list(a.facts), allow_nan=False),
                     _iso(a.reported), now))
                if cur.rowcount:
                    new.append(Alert(a.id, a.rule, a.kind, a.message, a.facts, a.reported, now))
        return new

    def alerts(self, *, since: date | None = None, undelivered: bool = False) -> list[Alert]:
        """Stored alerts, by the date of the report that raised them, then creation."""
        where, params = [], []
        if since is not None:
            where.append("reported >= ?")
            params.append(_iso(since))
        if undelivered:
            where.append("delivered = 0")
        sql = ("SELECT id, rule, kind, message, facts, reported, created_at, delivered"
               " FROM alerts" + (" WHERE " + " AND ".join(where) if where else ""))
        sql += " ORDER BY reported IS NULL, reported, created_at, id"
        return [Alert(r[0], r[1], r[2], r[3], tuple(json.loads(r[4])), as_date(r[5]), r[6],
                      bool(r[7])) for r in self._run(sql, params)]

    def mark_delivered(self, alert_ids: Iterable[str]) -> None:
        ids = list(alert_ids)
        with self._write(exclusive=True):
            self._run_many("UPDATE alerts SET delivered = 1 WHERE id = ?", [(i,) for i in ids])

    # -- feeds ----------------------------------------------------------------------------------

    def feed_state(self, url: str) -> FeedState | None:
        r = self._run("SELECT url, etag, last_modified, checked_at, status FROM feeds"
                      " WHERE url = ?", (url,)).fetchone()
        return None if r is None else FeedState(r[0], r[1], r[2], r[3], r[4])

    def save_feed_state(self, state: FeedState) -> None:
        with self._write(exclusive=True):
            self._run(
                "INSERT INTO feeds (url, etag, last_modified, checked_at, status)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT (url) DO UPDATE SET etag = excluded.etag,"
                " last_modified = excluded.last_modified, checked_at = excluded.checked_at,"
                " status = excluded.status",
                (state.url, state.etag, state.last_modified, state.checked_at, state.status))

    def was_fetched(self, url: str) -> bool:
        return self._run("SELECT 1 FROM fetched WHERE url = ?", (url,)).fetchone() \
            is not None

    def mark_fetched(self, url: str, feed: str, doc: str | None) -> None:
        with self._write(exclusive=True):
            self._run(
                "INSERT INTO fetched (url, feed, doc, fetched_at) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (url) DO NOTHING",
                (url, feed, doc, datetime.now(UTC).isoformat(timespec="seconds")))


def _blocks(rows: Iterable[Any]) -> set[Block]:
    return {(r[0], r[1] or None, r[2]) for r in rows}


def _report(r: Any) -> ClaimReport:
    return ClaimReport(claim_from_json(r[0]), as_date(r[1]), r[2], r[3], r[4])


def _report_order(r: ClaimReport) -> tuple[Any, ...]:
    return (r.published is None, r.published or date.min, r.claim.doc,
            r.claim.evidence[0].start if r.claim.evidence else -1, r.claim.id)


def _chunks(items: Sequence[str], size: int = 500) -> Iterator[list[str]]:
    for i in range(0, len(items), size):
        yield list(items[i:i + size])


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None

