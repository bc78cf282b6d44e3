"""The SQLite schema, as numbered migrations applied in order when a store opens.

``MIGRATIONS[i]`` takes the database from version ``i`` to ``i + 1``. To change the schema,
append a step (``_v2``) and never edit one that has shipped: each runs inside the opening
transaction, once, and ``schema_version`` records it (``BaseStore.upgrade`` runs them). SQLite
DDL is transactional, so a step that fails leaves the database at the version before it.
PostgreSQL has its own steps, numbered alike, in ``pg_schema.py``: add a step to both.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

Migration = Callable[[sqlite3.Connection], None]

VERSION_TABLE = """
CREATE TABLE IF NOT EXISTS schema_version (
    version    INTEGER PRIMARY KEY,
    applied_at TEXT NOT NULL
)"""

V1 = (
    """
    CREATE TABLE documents (
        id             TEXT PRIMARY KEY,
        origin         TEXT,
        url            TEXT,
        outlet         TEXT,
        title          TEXT,
        author         TEXT,
        published      TEXT,              -- ISO date
        raw            TEXT,              -- the original payload, when it differs from text
        text           TEXT NOT NULL,
        cleaned_text   TEXT NOT NULL,     -- the article's segments joined by blank lines
        segmented_text TEXT,              -- what segment offsets index, when not text
        segments       TEXT NOT NULL,     -- JSON list of segments
        ingested_at    TEXT NOT NULL,     -- ISO timestamp, UTC
        content_hash   TEXT NOT NULL
    )""",
    "CREATE INDEX documents_published ON documents (published)",
    "CREATE INDEX documents_url ON documents (url)",
    # Missing values are '' so that the unique key treats them as equal (NULLs never are).
    """
    CREATE TABLE sources (
        id      INTEGER PRIMARY KEY,
        text    TEXT NOT NULL DEFAULT '',
        name    TEXT NOT NULL DEFAULT '',
        kind    TEXT NOT NULL,
        country TEXT NOT NULL DEFAULT '',
        UNIQUE (text, name, kind, country)
    )""",
    """
    CREATE TABLE claims (
        id              TEXT PRIMARY KEY,
        doc             TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        ordinal         INTEGER NOT NULL,  -- position in the document's list of claims
        type            TEXT NOT NULL,
        actor           TEXT NOT NULL,
        recipient       TEXT,
        item            TEXT,
        quantity_value  REAL,
        quantity_lower  REAL,
        quantity_upper  REAL,
        quantity_approx TEXT,
        quantity_unit   TEXT,
        basis           TEXT,
        status          TEXT NOT NULL,
        when_text       TEXT,
        when_start      TEXT,             -- ISO date
        when_end        TEXT,             -- ISO date
        source_id       INTEGER NOT NULL REFERENCES sources (id),
        place           TEXT,
        json            TEXT NOT NULL     -- the whole claim, read back as the Claim saved
    )""",
    "CREATE INDEX claims_doc ON claims (doc, ordinal)",
    "CREATE INDEX claims_pair ON claims (actor, recipient)",
    "CREATE INDEX claims_type ON claims (type)",
    "CREATE INDEX claims_source ON claims (source_id)",
    """
    CREATE TABLE evidence (
        claim   TEXT NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
        ordinal INTEGER NOT NULL,
        text    TEXT NOT NULL,
        "start" INTEGER NOT NULL,
        "end"   INTEGER NOT NULL,
        section TEXT NOT NULL,
        PRIMARY KEY (claim, ordinal)
    )""",
    # A self-contained FTS table keyed by doc_id rather than external content: external
    # content needs a stable integer rowid, and a table keyed by TEXT may renumber its rowids
    # on VACUUM. Triggers keep it in step with documents.
    """
    CREATE VIRTUAL TABLE documents_fts USING fts5 (
        doc_id UNINDEXED, title, body, tokenize = 'unicode61 remove_diacritics 2'
    )""",
    """
    CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
        INSERT INTO documents_fts (doc_id, title, body)
        VALUES (new.id, coalesce(new.title, ''), new.cleaned_text);
    END""",
    """
    CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
        DELETE FROM documents_fts WHERE doc_id = old.id;
    END""",
    """
    CREATE TRIGGER documents_fts_update AFTER UPDATE OF id, title, cleaned_text ON documents
    BEGIN
        DELETE FROM documents_fts WHERE doc_id = old.id;
        INSERT INTO documents_fts (doc_id, title, body)
        VALUES (new.id, coalesce(new.title, ''), new.cleaned_text);
    END""",
)


def _v1(db: sqlite3.Connection) -> None:
    for statement in V1:
        db.execute(statement)


# v2: resolution (issue 3). Story groups of near-duplicate documents with their MinHash
# signatures, facts and which claim belongs to which fact, alerts, and what `watch` knows of
# each feed (validators for conditional GET) and of each article it fetched.
V2 = (
    """
    CREATE TABLE stories (
        doc       TEXT PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
        story     TEXT NOT NULL,          -- the id of the group's first document
        signature BLOB NOT NULL           -- MinHash hash values, little-endian uint64
    )""",
    "CREATE INDEX stories_story ON stories (story)",
    """
    CREATE TABLE facts (
        id             TEXT PRIMARY KEY,
        type           TEXT NOT NULL,
        actor          TEXT NOT NULL,
        recipient      TEXT NOT NULL DEFAULT '',   -- '' for the activity types
        item_class     TEXT,
        status         TEXT NOT NULL,
        first_reported TEXT,
        last_reported  TEXT,
        n_reports      INTEGER NOT NULL,
        json           TEXT NOT NULL               -- the whole Fact
    )""",
    "CREATE INDEX facts_block ON facts (actor, recipient, type)",
    """
    CREATE TABLE fact_claims (
        claim TEXT PRIMARY KEY REFERENCES claims (id) ON DELETE CASCADE,
        fact  TEXT NOT NULL REFERENCES facts (id) ON DELETE CASCADE
    )""",
    "CREATE INDEX fact_claims_fact ON fact_claims (fact)",
    """
    CREATE TABLE alerts (
        id         TEXT PRIMARY KEY,
        rule       TEXT NOT NULL,
        kind       TEXT NOT NULL,
        message    TEXT NOT NULL,
        facts      TEXT NOT NULL,        -- JSON list of fact ids
        reported   TEXT,                 -- ISO date of the report that raised it
        created_at TEXT NOT NULL,
        delivered  INTEGER NOT NULL DEFAULT 0
    )""",
    "CREATE INDEX alerts_reported ON alerts (reported)",
    """
    CREATE TABLE feeds (
        url           TEXT PRIMARY KEY,
        etag          TEXT,
        last_modified TEXT,
        checked_at    TEXT NOT NULL,
        status        TEXT NOT NULL      -- 'ok', 'not modified' or the error
    )""",
    """
    CREATE TABLE fetched (
        url        TEXT PRIMARY KEY,     -- an article link taken from a feed
        feed       TEXT NOT NULL,
        doc        TEXT,                 -- the document stored from it, if any
        fetched_at TEXT NOT NULL
    )""",
)


def _v2(db: sqlite3.Connection) -> None:
    for statement in V2:
        db.execute(statement)


# v3: stemmed full-text search (issue 11): "shell" finds "shells", "supplies" finds
# "supplied". The FTS table is made again with the porter tokenizer over unicode61 and filled
# from the documents; the triggers name the table, so they go on working.
FTS_TOKENIZER = "porter unicode61 remove_diacritics 2"
V3 = (
    "DROP TABLE documents_fts",
    f"""
    CREATE VIRTUAL TABLE documents_fts USING fts5 (
        doc_id UNINDEXED, title, body, tokenize = '{FTS_TOKENIZER}'
    )""",
    """
    INSERT INTO documents_fts (doc_id, title, body)
    SELECT id, coalesce(title, ''), cleaned_text FROM documents""",
)


def _v3(db: sqlite3.Connection) -> None:
    for statement in V3:
        db.execute(statement)


MIGRATIONS: tuple[Migration, ...] = (_v1, _v2, _v3)
