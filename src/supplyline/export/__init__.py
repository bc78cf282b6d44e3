"""Exports: claims (with their evidence, source and document) or facts (with their reports'
sources and evidence) as CSV, JSON Lines or Parquet, and Datasette metadata describing the
database's tables and columns.

    with open_store("supplyline.db") as store:
        write_claims(store, "claims.parquet", "parquet")
    Path("metadata.json").write_text(json.dumps(datasette_metadata("supplyline.db")))
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any

import yaml

from supplyline.errors import ExportError
from supplyline.model import Claim, Fact
from supplyline.report.figures import DocInfo, DocumentCache
from supplyline.store import BaseStore, ClaimFilter, ClaimReport

HERE = Path(__file__).parent
FORMATS = ("csv", "jsonl", "parquet")
WHAT = ("claims", "facts")

CLAIM_COLUMNS = (
    "id", "doc", "type", "actor", "recipient", "item", "quantity_value", "quantity_lower",
    "quantity_upper", "quantity_approx", "quantity_unit", "basis", "status", "when_text",
    "when_start", "when_end", "source_text", "source_name", "source_kind", "source_country",
    "place", "evidence",
)
DOCUMENT_COLUMNS = ("doc_title", "doc_outlet", "doc_published", "doc_url")
FACT_COLUMNS = (
    "id", "type", "actor", "recipient", "item", "item_class", "status", "basis", "low", "high",
    "unit", "start", "end", "first_reported", "last_reported", "independent_sources",
    "reports", "sources", "evidence",
)
LIST_COLUMNS = frozenset({"evidence", "reports", "sources"})
EVIDENCE_SEPARATOR = " | "


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


def claim_records(store: BaseStore, flt: ClaimFilter | None = None) -> Iterator[dict[str, Any]]:
    """Every claim matching ``flt`` as a flat record with its document's columns."""
    for c, info in _claims_with_docs(store, flt):
        yield claim_record(c, info)


def fact_records(store: BaseStore) -> Iterator[dict[str, Any]]:
    """Every fact as a flat record of ``FACT_COLUMNS``: its reports (claim ids), the names
    of their sources and their evidence (the first span of each report)."""
    for fact in store.facts():
        yield fact_record(fact, store.reports(fact.reports))


def fact_record(fact: Fact, reports: Sequence[ClaimReport]) -> dict[str, Any]:
    """One fact as a flat record of ``FACT_COLUMNS``, given its reports."""
    record = fact.to_record()
    return {
        **{k: record.get(k) for k in FACT_COLUMNS if k not in LIST_COLUMNS},
        "reports": list(fact.reports),
        "sources": sorted({r.claim.source.name or r.claim.source.text or r.claim.source.kind
                           for r in reports}),
        "evidence": [r.claim.evidence[0].text for r in reports if r.claim.evidence],
    }


def write_claims(store: BaseStore, out: IO[str] | str | Path, fmt: str,
                 flt: ClaimFilter | None = None) -> int:
    """Write the claims (with document columns) to ``out``: a text stream for csv and jsonl,
    a path for any format. Returns how many were written."""
    if fmt == "jsonl":
        rows: Iterable[dict[str, Any]] = (
            {**c.to_dict(), "document": _doc_json(info)}
            for c, info in _claims_with_docs(store, flt))
    else:
        rows = claim_records(store, flt)
    return _write(rows, out, fmt, [*CLAIM_COLUMNS, *DOCUMENT_COLUMNS])


def write_facts(store: BaseStore, out: IO[str] | str | Path, fmt: str) -> int:
    """Write the facts (``fact_records``) to ``out``, as ``write_claims`` does."""
    return _write(fact_records(store), out, fmt, list(FACT_COLUMNS))


def _write(rows: Iterable[dict[str, Any]], out: IO[str] | str | Path, fmt: str,
           columns: list[str]) -> int:
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    if fmt == "parquet":
        if not isinstance(out, str | Path):
            raise ExportError("parquet is binary: give an output file (-o FILE.parquet)")
        return write_parquet(list(rows), Path(out), columns)
    if isinstance(out, str | Path):
        with open(out, "w", encoding="utf-8", newline="") as stream:
            return _write_text(rows, stream, fmt, columns)
    return _write_text(rows, out, fmt, columns)


def _claims_with_docs(store: BaseStore, flt: ClaimFilter | None) -> Iterator[tuple[Claim, DocInfo]]:
    docs = DocumentCache(store)
    for c in store.claims(flt):
        yield c, docs.info(c.doc)


def _doc_json(info: DocInfo) -> dict[str, Any]:
    return {"id": info.id, "title": info.title, "outlet": info.outlet,
            "published": info.published.isoformat() if info.published else None,
            "url": info.url}


def _write_text(rows: Iterable[dict[str, Any]], stream: IO[str], fmt: str,
                columns: list[str]) -> int:
    n = 0
    if fmt == "csv":
        writer = csv.DictWriter(stream, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: EVIDENCE_SEPARATOR.join(v) if k in LIST_COLUMNS else v
                             for k, v in row.items()})
            n += 1
    else:
        for row in rows:
            stream.write(json.dumps(row, ensure_ascii=False, allow_nan=False) + "\n")
            n += 1
    return n


def write_parquet(rows: list[dict[str, Any]], path: Path, columns: list[str]) -> int:
    """Rows as a Parquet file (pyarrow infers the column types; lists stay lists)."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise ExportError("parquet needs pyarrow: pip install 'supplyline[parquet]'") from exc
    table = pa.Table.from_pylist(rows) if rows else pa.table(
        {c: pa.array([], pa.list_(pa.string()) if c in LIST_COLUMNS else pa.string())
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
