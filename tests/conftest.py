"""Fixtures shared across the tests: a database of the bundled samples plus one hostile
article (``corpus_factories.HOSTILE``) for the report, web and export tests; and a
PostgreSQL server given by SUPPLYLINE_TEST_PG for the tests that run on both backends.

``make test`` starts a throwaway server and sets the variable (scripts/with-postgres.sh).
Without one, the tests that need it are skipped with the reason (pytest -rs prints it).
Each PostgreSQL test gets a schema of its own, dropped afterwards.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import pytest

import supplyline
from corpus_factories import DOCUMENTS, HOSTILE, SAMPLES

PG_ENV = "SUPPLYLINE_TEST_PG"


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The samples and the hostile article, ingested into a fresh database file and
    resolved into facts."""
    root = tmp_path_factory.mktemp("samples")
    hostile = root / "hostile.jsonl"
    hostile.write_text(json.dumps(HOSTILE) + "\n", encoding="utf-8")
    db = root / "samples.db"
    summary = supplyline.ingest([SAMPLES, hostile], db)
    assert not summary.failures and summary.stored == DOCUMENTS
    supplyline.resolve(db)
    return db


@pytest.fixture(scope="session")
def pg_server() -> str:
    """The test server's URL, or the test is skipped saying why."""
    url = os.environ.get(PG_ENV)
    if not url:
        pytest.skip(f"PostgreSQL tests need a server: {PG_ENV} is not set "
                    "(`make test` starts one with scripts/with-postgres.sh)")
    import psycopg

    try:
        psycopg.connect(url, connect_timeout=5).close()
    except psycopg.Error as exc:
        pytest.skip(f"PostgreSQL at {PG_ENV} is not reachable: {exc}")
    return url


def with_schema(url: str, schema: str) -> str:
    """``url`` whose connections work in ``schema`` (libpq's ``options`` parameter)."""
    parts = urlsplit(url)
    query = [*parse_qsl(parts.query), ("options", f"-csearch_path={schema}")]
    return urlunsplit(parts._replace(query=urlencode(query)))


def _schema_url(server: str) -> Iterator[str]:
    import psycopg

    schema = f"test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server, autocommit=True) as db:
        db.execute(f"CREATE SCHEMA {schema}")
    yield with_schema(server, schema)
    with psycopg.connect(server, autocommit=True) as db:
        db.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture
def pg_url(pg_server: str) -> Iterator[str]:
    """A URL to an empty schema of the test server, dropped after the test."""
    yield from _schema_url(pg_server)


@pytest.fixture(scope="module")
def pg_module_url(pg_server: str) -> Iterator[str]:
    """The same for a module whose tests build on each other, dropped after the module."""
    yield from _schema_url(pg_server)


@pytest.fixture(params=["sqlite", "postgresql"])
def db_location(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
                ) -> str:
    """Where an empty database is, once for each backend: a SQLite file path, a PG URL."""
    if request.param == "postgresql":
        return str(request.getfixturevalue("pg_url"))
    return str(tmp_path_factory.mktemp("db") / "store.db")
