"""The public Python API: what ``supplyline`` exports, and that importing it stays light."""

from __future__ import annotations

import importlib
import importlib.metadata
import subprocess
import sys
from pathlib import Path

import supplyline
from corpus_factories import write_corpus
from supplyline.pipeline import RunSummary

PUBLIC = {
    "extract", "extract_document", "ingest", "Store", "ClaimFilter", "Document", "Claim",
    "Quantity", "When", "Source", "Evidence", "CleanedText", "Settings", "__version__",
    "open_store",
    "Fact", "Alert", "resolve", "SupplylineError",
}


def test_all_is_the_documented_api() -> None:
    assert set(supplyline.__all__) == PUBLIC
    assert len(supplyline.__all__) == len(PUBLIC)
    for name in supplyline.__all__:
        assert getattr(supplyline, name) is not None, name


def test_version() -> None:
    assert supplyline.__version__ == "0.1.0"
    assert importlib.metadata.version("supplyline") == supplyline.__version__


def test_importing_supplyline_does_not_load_spacy_or_the_html_readers() -> None:
    code = (
        "import sys, supplyline\n"
        "heavy = sorted(m for m in ('spacy', 'trafilatura', 'htmldate', 'httpx') "
        "if m in sys.modules)\n"
        "print(heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"


def test_extract_returns_claim_objects() -> None:
    claims = supplyline.extract(
        "North Korea has sent 12,000 troops to Russia, South Korea's spy agency said on Monday.",
        published="2025-01-01",
    )
    assert claims and all(isinstance(c, supplyline.Claim) for c in claims)
    troops = next(c for c in claims if c.type == "personnel")
    assert troops.actor == "North Korea" and troops.item == "troops"
    assert isinstance(troops.quantity, supplyline.Quantity) and troops.quantity.value == 12000
    assert isinstance(troops.evidence[0], supplyline.Evidence)


def test_extract_and_ingest_stay_functions_beside_their_subpackages() -> None:
    pipeline = importlib.import_module("supplyline.extract.pipeline")
    from supplyline.extract import extract_document
    from supplyline.ingest import read_inputs

    assert callable(supplyline.extract) and callable(supplyline.ingest)
    assert supplyline.ingest.read_inputs is read_inputs  # the subpackage's names pass through
    assert supplyline.extract.extract_document is extract_document
    assert supplyline.extract.pipeline is pipeline
    assert "published" in (supplyline.extract.__doc__ or "")


def test_ingest_into_a_database_path(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "docs")
    db = tmp_path / "api.db"
    summary = supplyline.ingest(corpus, db, published="2025-01-15")
    assert isinstance(summary, RunSummary)
    assert summary.ok and (summary.read, summary.stored) == (4, 4)
    with supplyline.Store(db) as store:
        claims = store.claims(supplyline.ClaimFilter(actor="Iran"))
        assert claims and all(c.actor == "Iran" for c in claims)
        again = supplyline.ingest([corpus], store)
    assert (again.stored, again.unchanged) == (0, 4)


def test_ingest_resolves_as_the_command_does(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "docs")
    with supplyline.open_store(tmp_path / "api.db") as store:
        supplyline.ingest(corpus, store, published="2025-01-15")
        facts = store.facts()
        assert facts and sum(len(f.reports) for f in facts) == len(store.claims())
    with supplyline.open_store(tmp_path / "later.db") as store:
        supplyline.ingest(corpus, store, published="2025-01-15", resolve=False)
        assert store.facts() == []
        supplyline.resolve(store)
        assert len(store.facts()) == len(facts)
