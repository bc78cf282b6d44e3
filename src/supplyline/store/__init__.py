"""The store: documents, claims, evidence and sources in SQLite (a file) or PostgreSQL.

This package is the only part of supplyline that speaks SQL. ``BaseStore`` (``base.py``) holds
every method once; ``Store`` (``sqlite.py``, migrations in ``schema.py``) and
``PostgresStore`` (``postgres.py``, migrations in ``pg_schema.py``) add their dialect. The
records they return (``records.py``) and the JSON they keep (``codec.py``) are shared, so
both give the same results. ``open_store`` picks the backend from what it is given:

    with open_store("supplyline.db") as store:     # or "postgresql://user@host/db"
        store.save(doc, cleaned, claims)
        for claim in store.claims(ClaimFilter(actor="North Korea", since="2024-10-01")):
            ...
"""

from pathlib import Path

from supplyline.errors import StoreError
from supplyline.store.base import BaseStore
from supplyline.store.records import (
    ClaimFilter,
    ClaimReport,
    DocumentRef,
    FactFilter,
    FeedState,
    SearchHit,
    StoredDocument,
)
from supplyline.store.sqlite import Store

__all__ = ["BaseStore", "ClaimFilter", "ClaimReport", "DocumentRef", "FactFilter", "FeedState",
           "SearchHit", "Store", "StoreError", "StoredDocument", "describe_location",
           "is_database_url", "open_store"]

URL_SCHEMES = ("postgresql://", "postgres://")


def is_database_url(location: str | Path) -> bool:
    """True for a PostgreSQL URL, False for a SQLite path (or ``":memory:"``)."""
    return str(location).startswith(URL_SCHEMES)


def open_store(location: str | Path, *, upgrade: bool = True) -> BaseStore:
    """The store at ``location``: a ``postgresql://`` URL, else a SQLite file path.

    The database is created and migrated as needed unless ``upgrade`` is False, in which case
    it is opened at the version it has (``store.schema_version``; see ``store.upgrade()``).
    """
    if is_database_url(location):
        from supplyline.store.postgres import PostgresStore  # psycopg only when asked for

        return PostgresStore(str(location), upgrade=upgrade)
    return Store(location, upgrade=upgrade)


def describe_location(location: str | Path) -> str:
    """The location to show a person: a SQLite file's full path, a URL without password."""
    if is_database_url(location):
        from supplyline.store.postgres import redact

        return redact(str(location))
    return str(location) if str(location) == ":memory:" else str(Path(location).resolve())
