"""Exports: CSV, JSON Lines and Parquet of the claims; Datasette metadata for the database."""

from __future__ import annotations

import asyncio
import csv
import html
import io
import json
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from supplyline.cli import cli
from supplyline.export import (
    CLAIM_COLUMNS,
    DOCUMENT_COLUMNS,
    FACT_COLUMNS,
    ExportError,
    datasette_metadata,
    write_claims,
)
from supplyline.store import ClaimFilter, Store


@pytest.fixture(scope="module")
def claims(sample_db: Path) -> list[dict[str, Any]]:
    with Store(sample_db) as store:
        return [c.to_dict() for c in store.claims()]


def _export(sample_db: Path, *args: Any) -> Any:
    return CliRunner().invoke(cli, ["--db", str(sample_db), "export", *map(str, args)],
                              catch_exceptions=False)


def test_csv(sample_db: Path, claims: list[dict[str, Any]]) -> None:
    result = _export(sample_db, "--format", "csv")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == [*CLAIM_COLUMNS, *DOCUMENT_COLUMNS]
    assert [r["id"] for r in rows] == [c["id"] for c in claims]
    by_id = {r["id"]: r for r in rows}
    for c in claims:
        row = by_id[c["id"]]
        assert row["evidence"] == " | ".join(e["text"] for e in c["evidence"])
        assert row["source_kind"] == c["source"]["kind"]
    hostile = next(r for r in rows if r["doc"] == "hostile-page")
    assert hostile["doc_outlet"] == "Example <b>Wire</b>" and hostile["doc_published"]


def test_jsonl_is_the_spec_shape_with_the_document(sample_db: Path, tmp_path: Path,
                                                   claims: list[dict[str, Any]]) -> None:
    out = tmp_path / "claims.jsonl"
    result = _export(sample_db, "--format", "jsonl", "-o", out)
    assert result.exit_code == 0 and "written to" in result.stderr
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == len(claims)
    for row, claim in zip(rows, claims, strict=True):
        document = row.pop("document")
        assert row == claim and document["id"] == claim["doc"]


def test_parquet(sample_db: Path, tmp_path: Path, claims: list[dict[str, Any]]) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "claims.parquet"
    assert _export(sample_db, "--format", "parquet", "-o", out).exit_code == 0
    table = pq.read_table(out)
    assert table.num_rows == len(claims)
    assert table.column_names == [*CLAIM_COLUMNS, *DOCUMENT_COLUMNS]
    first = table.slice(0, 1).to_pylist()[0]
    assert first["evidence"] == [e["text"] for e in claims[0]["evidence"]]


def test_parquet_of_nothing_keeps_the_columns(sample_db: Path, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "none.parquet"
    with Store(sample_db) as store:
        assert write_claims(store, out, "parquet", ClaimFilter(actor="Atlantis")) == 0
    assert pq.read_table(out).column_names == [*CLAIM_COLUMNS, *DOCUMENT_COLUMNS]


def test_parquet_needs_a_file_and_pyarrow(sample_db: Path, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    result = _export(sample_db, "--format", "parquet")
    assert result.exit_code == 2 and "give an output file" in result.stderr
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with Store(sample_db) as store, pytest.raises(ExportError, match="pyarrow"):
        write_claims(store, tmp_path / "x.parquet", "parquet")


def test_datasette_metadata_describes_every_table_and_column(sample_db: Path) -> None:
    datasette_app = pytest.importorskip("datasette.app")
    metadata = datasette_metadata(sample_db)
    tables = metadata["databases"][sample_db.stem]["tables"]

    async def check() -> None:
        ds = datasette_app.Datasette([str(sample_db)], metadata=metadata)
        db = ds.get_database(sample_db.stem)
        hidden = set(await db.hidden_table_names())
        shown = [t for t in await db.table_names() if t not in hidden or t == "documents_fts"]
        for table in shown:
            assert tables.get(table, {}).get("description"), f"table {table} not described"
            columns = tables[table].get("columns", {})
            for column in await db.table_columns(table):
                assert columns.get(column), f"column {table}.{column} not described"
        page = await ds.client.get(f"/{sample_db.stem}/claims")
        assert page.status_code == 200
        assert tables["claims"]["columns"]["quantity_lower"] in html.unescape(page.text)

    asyncio.run(check())


def test_datasette_metadata_command(sample_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "metadata.json"
    assert _export(sample_db, "--datasette-metadata", "-o", out).exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8")) == datasette_metadata(sample_db)


def test_facts_export(sample_db: Path, tmp_path: Path) -> None:
    with Store(sample_db) as store:
        facts = {f.id: f for f in store.facts()}
    result = _export(sample_db, "--what", "facts", "--format", "csv")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == list(FACT_COLUMNS) and len(rows) == len(facts)
    for row in rows:
        fact = facts[row["id"]]
        assert row["reports"].split(" | ") == list(fact.reports)
        assert int(row["independent_sources"]) == fact.independent_sources
        assert row["evidence"] and row["sources"]
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "facts.parquet"
    assert _export(sample_db, "--what", "facts", "--format", "parquet", "-o", out).exit_code == 0
    table = pq.read_table(out)
    assert table.num_rows == len(facts) and table.column_names == list(FACT_COLUMNS)
