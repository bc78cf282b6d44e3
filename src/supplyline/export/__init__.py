"""Exports: claims (with their evidence, source and document) as CSV, JSON Lines or Parquet,
and Datasette metadata describing the database's tables and columns.

    with Store("supplyline.db") as store:
        write_claims(store, "claims.parquet", "parquet")
    Path("metadata.json").write_text(json.dumps(datasette_metadata("supplyline.db")))
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

import yaml

from supplyline.model import Claim
from supplyline.report.figures import DocInfo, DocumentCache
from supplyline.store import ClaimFilter, Store

HERE = Path(__file__).parent
FORMATS = ("csv", "jsonl", "parquet")

CLAIM_COLUMNS = (
    "id", "doc", "type", "actor", "recipient", "item", "quantity_value", "quantity_lower",
    "quantity_upper", "quantity_approx", "quantity_unit", "basis", "status", "when_text",
    "when_start", "when_end", "source_text", "source_name", "source_kind", "source_country",
    "place", "evidence",
)
DOCUMENT_COLUMNS = ("doc_title", "doc_outlet", "doc_published", "doc_url")
EVIDENCE_SEPARATOR = " | "


class ExportError(ValueError):
    """An export that cannot be written as asked (a missing library, a binary on stdout)."""


def claim_row(c: Claim) -> list[Any]:
    """A claim as one flat row of ``CLAIM_COLUMNS``; evidence spans joined by `` | ``."""
    record = claim_record(c)
    record["evidence"] = EVIDENCE_SEPARATOR.join(record["evidence"])
    return [record[k] for k in CLAIM_COLUMNS]


def claim_record(c: Claim, doc: DocInfo | None = None) -> dict[str, Any]:
    """A claim as a flat mapping: ``CLAIM_COLUMNS`` (evidence as a list of texts), and
    ``DOCUMENT_COLUMNS`` when ``doc`` is given."""
    d = c.to_dict()
    q = d["quantity"] or {}
    w = d["when"] or {}
    s = d["source"]
    record: dict[str, Any] = {
        "id": d["id"], "doc": d["doc"], "type": d["type"], "actor": d["actor"],
        "recipient": d["recipient"], "item": d["item"],
        "quantity_value": q.get("value"), "quantity_lower": q.get("lower"),
        "quantity_upper": q.get("upper"), "quantity_approx": q.get("approx"),
        "quantity_unit": q.get("unit"), "basis": d["basis"], "status": d["status"],
        "when_text": w.get("text"), "when_start": w.get("start"), "when_end": w.get("end"),
        "source_text": s["text"], "source_name": s["name"], "source_kind": s["kind"],
        "source_country": s["country"], "place": d["place"],
        "evidence": [e["text"] for e in d["evidence"]],
    }
    if doc is not None:
        record.update(doc_title=doc.title, doc_outlet=doc.outlet,
                      doc_published=doc.published.isoformat() if doc.published else None,
                      doc_url=doc.url)
    return record


def claim_records(store: Store, flt: ClaimFilter | None = None) -> Iterator[dict[str, Any]]:
    """Every claim matching ``flt`` as a flat record with its document's columns."""
    for c, info in _claims_with_docs(store, flt):
        yield claim_record(c, info)


def write_claims(store: Store, out: IO[str] | str | Path, fmt: str,
                 flt: ClaimFilter | None = None) -> int:
    """Write the claims (with document columns) to ``out``: a text stream for csv and jsonl,
    a path for any format. Returns how many were written."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    if fmt == "jsonl":
        rows: Iterable[dict[str, Any]] = (
            {**c.to_dict(), "document": _doc_json(info)}
            for c, info in _claims_with_docs(store, flt))
    else:
        rows = claim_records(store, flt)
    if fmt == "parquet":
        if not isinstance(out, str | Path):
            raise ExportError("parquet is binary: give an output file (-o claims.parquet)")
        return write_parquet(list(rows), Path(out))
    if isinstance(out, str | Path):
        with open(out, "w", encoding="utf-8", newline="") as stream:
            return _write_text(rows, stream, fmt)
    return _write_text(rows, out, fmt)


def _claims_with_docs(store: Store, flt: ClaimFilter | None) -> Iterator[tuple[Claim, DocInfo]]:
    docs = DocumentCache(store)
    for c in store.claims(flt):
        yield c, docs.info(c.doc)


def _doc_json(info: DocInfo) -> dict[str, Any]:
    return {"id": info.id, "title": info.title, "outlet": info.outlet,
            "published": info.published.isoformat() if info.published else None,
            "url": info.url}


def _write_text(rows: Iterable[dict[str, Any]], stream: IO[str], fmt: str) -> int:
    n = 0
    if fmt == "csv":
        writer = csv.DictWriter(stream, fieldnames=[*CLAIM_COLUMNS, *DOCUMENT_COLUMNS],
                                lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({**row, "evidence": EVIDENCE_SEPARATOR.join(row["evidence"])})
            n += 1
    else:
        for row in rows:
            stream.write(json.dumps(row, ensure_ascii=False) + "\n")
            n += 1
    return n


def write_parquet(rows: list[dict[str, Any]], path: Path) -> int:
    """Rows as a Parquet file (pyarrow infers the column types; evidence is a list)."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise ExportError("parquet needs pyarrow: pip install 'supplyline[parquet]'") from exc
    columns = list(rows[0]) if rows else [*CLAIM_COLUMNS, *DOCUMENT_COLUMNS]
    table = pa.Table.from_pylist(rows) if rows else pa.table(
        {c: pa.array([], pa.list_(pa.string()) if c == "evidence" else pa.string())
         for c in columns})
    pq.write_table(table, path)
    return len(rows)


def datasette_metadata(db: str | Path) -> dict[str, Any]:
    """Datasette metadata for the database file ``db``: title, description, and a
    description of every table and column (from ``datasette.yaml``)."""
    spec = yaml.safe_load((HERE / "datasette.yaml").read_text(encoding="utf-8"))
    return {
        "title": spec["title"],
        "description": spec["description"],
        "databases": {Path(db).stem: {"tables": spec["tables"]}},
    }
