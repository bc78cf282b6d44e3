"""The PostgreSQL store: the same methods as the SQLite one, on a server several people share.

Writers run in parallel: a writer takes a transaction-level advisory lock on the document id
it saves (two writers of one id queue, so neither duplicates it) and a shared "writers" lock;
a write that may delete sources (a replacement, a deletion, a migration) takes that lock
exclusively, so an orphaned source is never dropped under a claim being added. Readers take
no lock and see one snapshot (``REPEATABLE READ``). Full-text search is PostgreSQL's own: a
generated ``tsvector`` (title weighted over body), ``websearch_to_tsquery`` and
``ts_headline`` snippets.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any, Self
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg.pq import TransactionStatus

from supplyline.errors import StoreError
from supplyline.store import pg_schema
from supplyline.store.base import BaseStore, Migration
from supplyline.store.records import SearchHit
from supplyline.store.resolution import LEAD_SQL

#: The advisory lock every writer holds shared, and writers that delete sources exclusively.
#: Larger than any int4 so that it never equals a document's lock (``hashtext``, an int4).
WRITERS_LOCK = 0x5357_4C49_4E45  # "SLINE"


class PostgresStore(BaseStore):
    """Documents, their claims, evidence and sources in a PostgreSQL database (or schema)."""

    FOLD = "lower({})"
    CONTAINS = "strpos({0}, {1}) > 0"
    VERSION_TABLE = pg_schema.VERSION_TABLE

    def __init__(self, url: str, *, upgrade: bool = True, connect_timeout: int = 10) -> None:
        """Connect to ``url`` (``postgresql://user@host:port/dbname``, libpq's URL; add
        ``?options=-csearch_path%3Dname`` to use a schema) and migrate unless not ``upgrade``.
        """
        self.url = self.location = url
        self._connect_timeout = connect_timeout
        try:
            self._db = psycopg.connect(url, autocommit=True, connect_timeout=connect_timeout)
        except psycopg.Error as exc:
            raise StoreError(f"cannot connect to {redact(url)}: {_first_line(exc)}") from exc
        try:
            self._open_schema(upgrade)
        except psycopg.Error as exc:
            self._db.close()
            raise StoreError(f"{redact(url)}: {_first_line(exc)}") from exc
        except BaseException:
            self._db.close()
            raise

    def reopen(self) -> Self:
        return type(self)(self.url, connect_timeout=self._connect_timeout)

    def close(self) -> None:
        self._db.close()

    def __repr__(self) -> str:
        return f"PostgresStore({redact(self.url)!r})"

    # -- the dialect ------------------------------------------------------------------------------

    def _run(self, sql: str, params: Sequence[Any] = ()) -> psycopg.Cursor[Any]:
        try:
            return self._db.execute(_placeholders(sql), params or None)
        except psycopg.OperationalError as exc:  # the server went away, a deadlock, ...
            raise StoreError(f"{redact(self.url)}: {_first_line(exc)}") from exc

    def _run_many(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        with self._db.cursor() as cursor:
            cursor.executemany(_placeholders(sql), rows)

    def _begin_write(self, exclusive: bool) -> None:
        self._run("BEGIN")
        lock = "pg_advisory_xact_lock" if exclusive else "pg_advisory_xact_lock_shared"
        self._run(f"SELECT {lock}(?)", (WRITERS_LOCK,))

    def _begin_read(self) -> None:
        self._run("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")

    def _in_transaction(self) -> bool:
        status = self._db.info.transaction_status
        return status in (TransactionStatus.INTRANS, TransactionStatus.INERROR)

    def _lock_document(self, doc_id: str) -> None:
        self._run("SELECT pg_advisory_xact_lock(hashtext(?))", (doc_id,))

    def _has_version_table(self) -> bool:
        row = self._run("SELECT to_regclass('schema_version') IS NOT NULL").fetchone()
        return bool(row and row[0])

    def _migrations(self) -> Sequence[Migration]:
        return pg_schema.MIGRATIONS

    def _apply(self, step: Migration) -> None:
        step(self._db)

    def _search(self, query: str, limit: int, mark: tuple[str, str]) -> list[SearchHit]:
        """``websearch_to_tsquery`` syntax (words, "phrases", OR, -word), which never fails
        to parse; FTS5's ``AND``/``NOT``/``prefix*`` and hyphenated words are rewritten to it.
        ``rank`` is ``ts_rank`` negated, so that lower is better as in SQLite."""
        return self._hits(self._tsquery(query), limit, mark)

    def _search_groups(self, groups: Sequence[tuple[str, ...]], limit: int,
                       mark: tuple[str, str]) -> list[SearchHit]:
        """Each group its phrases' ``phraseto_tsquery`` joined by ``||``, the groups by
        ``&&``."""
        config = pg_schema.TS_CONFIG
        phrase = f"phraseto_tsquery('{config}', ?)"
        expression = " && ".join("(" + " || ".join(phrase for _ in g) + ")" for g in groups)
        row = self._run(f"SELECT CAST({expression} AS text)",
                        [p for g in groups for p in g]).fetchone()
        return self._hits(str(row[0]) if row else "", limit, mark)

    def _hits(self, tsquery: str, limit: int, mark: tuple[str, str]) -> list[SearchHit]:
        if not tsquery.strip():
            return []  # only stop words ("the"): nothing to look for
        options = (f"StartSel={_option(mark[0])}, StopSel={_option(mark[1])}, "
                   "MaxWords=16, MinWords=6, MaxFragments=1, FragmentDelimiter=\"…\"")
        config = pg_schema.TS_CONFIG
        rows = self._run(
            "SELECT d.id, d.title, d.outlet, d.published,"
            f" ts_headline('{config}', d.cleaned_text, hit.q, ?), hit.rank, {LEAD_SQL}"
            f" FROM (SELECT d.id, q, -ts_rank('{{0.25, 0.25, 0.25, 1.0}}', d.search, q) AS rank"
            "       FROM documents d, CAST(? AS tsquery) AS q"
            "       WHERE d.search @@ q ORDER BY rank, d.id LIMIT ?) AS hit"
            " JOIN documents d ON d.id = hit.id ORDER BY hit.rank, d.id",
            (options, tsquery, limit),
        ).fetchall()
        return [SearchHit(r[0], r[1], r[2], r[3], r[4], float(r[5]), r[6]) for r in rows]

    def _tsquery(self, query: str) -> str:
        """The query as a ``tsquery``'s text: websearch syntax, then FTS5's ``word*`` as a
        prefix match of the word's stem (``'artilleri':*``), which websearch syntax lacks."""
        text = _websearch(query)
        config = pg_schema.TS_CONFIG
        row = self._run(f"SELECT CAST(websearch_to_tsquery('{config}', ?) AS text)",
                        (text,)).fetchone()
        tsquery = str(row[0]) if row else ""
        for word in {w.lower() for w in _PREFIX.findall(text)}:
            stem = self._run(f"SELECT CAST(plainto_tsquery('{config}', ?) AS text)",
                             (word,)).fetchone()
            lexeme = str(stem[0]) if stem else ""
            if lexeme and " " not in lexeme:  # one word, not a stop word
                tsquery = re.sub(rf"{re.escape(lexeme)}(?!:)", f"{lexeme}:*", tsquery)
        return tsquery


def redact(url: str) -> str:
    """The URL without its password, to show."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.rsplit("@", 1)
    user = netloc[0].split(":", 1)[0]
    return urlunsplit(parts._replace(netloc=f"{user}:***@{netloc[1]}"))


@lru_cache(maxsize=256)
def _placeholders(sql: str) -> str:
    """The shared queries' ``?`` placeholders as psycopg's ``%s`` (they hold no ``%``)."""
    return sql.replace("?", "%s")


_FTS5_AND = re.compile(r"(?<!\S)AND(?!\S)")
_FTS5_NOT = re.compile(r"(?<!\S)NOT\s+")
_HYPHEN = re.compile(r"(?<=\w)-(?=\w)")
_PREFIX = re.compile(r"(\w+)\*")


def _websearch(query: str) -> str:
    """An FTS5-style query in ``websearch_to_tsquery``'s terms: ``AND`` is implied, ``NOT x``
    is ``-x``, and a hyphen inside a word separates words (as FTS5's tokenizer does)."""
    query = _FTS5_AND.sub(" ", query)
    query = _FTS5_NOT.sub("-", query)
    return _HYPHEN.sub(" ", query)


def _option(value: str) -> str:
    """A ``ts_headline`` option value, quoted."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]
