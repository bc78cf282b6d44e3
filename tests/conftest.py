"""Fixtures shared by the report, web and export tests: a database of the bundled samples
plus one hostile article (``corpus_factories.HOSTILE``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import supplyline
from corpus_factories import DOCUMENTS, HOSTILE, SAMPLES


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
