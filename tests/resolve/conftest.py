"""The resolve tests' store: once with SQLite and once with PostgreSQL (see tests/conftest.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from supplyline.store import BaseStore, open_store


@pytest.fixture
def store(db_location: str) -> Iterator[BaseStore]:
    """An empty store of each backend."""
    with open_store(db_location) as s:
        yield s
