"""Fixtures for the store tests: a store of each backend, a path for a SQLite file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from supplyline.store import BaseStore, open_store


@pytest.fixture
def store(db_location: str) -> Iterator[BaseStore]:
    """An empty store, once with SQLite and once with PostgreSQL (when a server is there)."""
    with open_store(db_location) as s:
        yield s


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "store" / "test.db"
