"""Fixtures for the store tests: an in-memory store and a path for a file database."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from supplyline.store import Store


@pytest.fixture
def store() -> Iterator[Store]:
    with Store(":memory:") as s:
        yield s


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "store" / "test.db"
