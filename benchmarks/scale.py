"""Scale benchmark (issue 5, part 4): the local engine against Dask, and loading the store.

For each size (default 1,000 and 10,000 articles, generated from the bundled samples by
``throughput.build_corpus``) it measures, each ingest in a fresh process into a fresh
database (``throughput.measure``: wall time of the whole ``supplyline ingest --no-resolve``
command, so start-up, model loading and the cluster's start are included; resolving facts is
``benchmarks/resolve.py``'s to time):

- ``ingest --engine local --jobs 1`` and ``--jobs 2``;
- ``ingest --engine dask --jobs 1`` and ``--jobs 2`` (a local Dask cluster of 1 and 2 worker
  processes);

and prints articles per second and the peak resident memory of the driver process and of its
largest worker process. Then the time to load the extracted articles into a store: the
documents, cleaned texts and claims of the first run are read back and saved, one
``save`` each, into a fresh SQLite file; and into PostgreSQL when ``--pg DSN`` is given and
the PostgreSQL backend is installed (the hook below), otherwise it prints "skipped: no
PostgreSQL backend/DSN". Last, what the figures mean for a year of a large outlet's output
(``--per-day`` articles a day).

    .venv/bin/python benchmarks/scale.py                      # 1,000 and 10,000
    .venv/bin/python benchmarks/scale.py --sizes 1000         # a quick run (~3 min on 2 cores)
    .venv/bin/python benchmarks/scale.py --sizes 1000 --pg postgresql://me@localhost/bench

Needs no network. Not a timed test: it prints figures, exit 1 only when a run failed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from throughput import Run, build_corpus, measure, stored_counts

RUNS = (  # (name, engine, jobs)
    ("local, 1 process", "local", 1),
    ("local, 2 processes", "local", 2),
    ("dask, 1 worker", "dask", 1),
    ("dask, 2 workers", "dask", 2),
)
NO_POSTGRES = "skipped: no PostgreSQL backend/DSN"


@dataclass
class Load:
    """Saving ``docs`` extracted articles into a fresh store took ``seconds``."""

    backend: str
    docs: int
    seconds: float | None = None
    note: str = ""


# -- loading the store ------------------------------------------------------------------------


def extracted(db: Path, corpus: Path) -> list[tuple[Any, Any, list[Any]]]:
    """(Document, CleanedText, claims) of every corpus article, read back from ``db``."""
    from supplyline.store import ClaimFilter, Store

    ids = [json.loads(line)["id"] for line in corpus.read_text(encoding="utf-8").splitlines()]
    out = []
    with Store(db) as store:
        for doc_id in ids:
            stored = store.document(doc_id)
            if stored is not None:
                out.append((stored.document(), stored.cleaned,
                            store.claims(ClaimFilter(doc=doc_id))))
    return out


def timed_load(store: Any, items: list[tuple[Any, Any, list[Any]]]) -> float:
    """Seconds to save every item, one transaction each (as ``ingest`` writes)."""
    t0 = time.perf_counter()
    for doc, cleaned, claims in items:
        store.save(doc, cleaned, claims)
    return time.perf_counter() - t0


def load_sqlite(items: list[tuple[Any, Any, list[Any]]], work: Path) -> Load:
    from supplyline.store import Store

    path = work / "load.db"
    with Store(path) as store:
        seconds = timed_load(store, items)
        assert store.stats()["documents"] == len(items)
    path.unlink()
    return Load("SQLite", len(items), seconds)


def open_postgres(dsn: str) -> Any | None:
    """PostgreSQL hook (issue 5, part 1, built separately): an open store for ``dsn``, or None
    while supplyline has no PostgreSQL backend. It expects ``supplyline.store.open_store``
    (a ``postgresql://`` URL opens the PostgreSQL store); adapt it here if that changes."""
    import importlib.util

    import supplyline.store

    open_store = getattr(supplyline.store, "open_store", None)
    if open_store is None or importlib.util.find_spec("supplyline.store.postgres") is None:
        return None
    return open_store(dsn)


def load_postgres(items: list[tuple[Any, Any, list[Any]]], dsn: str | None) -> Load:
    """The same load into PostgreSQL; the documents are removed again afterwards (untimed),
    so ``dsn`` should name a database (or schema) kept for benchmarks."""
    store = open_postgres(dsn) if dsn else None
    if store is None:
        return Load("PostgreSQL", len(items), note=NO_POSTGRES)
    with store:
        already = sum(store.has_document(doc.id) for doc, _, _ in items)
        if already:
            return Load("PostgreSQL", len(items), note=f"skipped: {already} of these "
                        "documents are already in the database; give an empty one")
        try:
            seconds = timed_load(store, items)
        finally:
            for doc, _, _ in items:
                store.delete(doc.id)
    return Load("PostgreSQL", len(items), seconds)


# -- the report -------------------------------------------------------------------------------


def print_size(size: int, runs: list[Run], counts: list[dict[str, Any]],
               loads: list[Load]) -> bool:
    """The table for one size; False when a run did not store every article."""
    print()
    print(f"{size:,} articles")
    print(f"  {'run':<22}{'wall s':>8}{'articles/s':>12}{'driver MB':>11}{'worker MB':>11}"
          f"{'claims':>9}")
    ok = True
    for (_, engine, jobs), run, count in zip(RUNS, runs, counts, strict=True):
        r = run.result
        worker = None if (engine, jobs) == ("local", 1) else r["rss_children_mb"]
        worker_s = f"{worker:11.0f}" if worker else f"{'(same)':>11}"
        print(f"  {run.name:<22}{run.wall_s:8.1f}{size / run.wall_s:12.1f}"
              f"{r['rss_self_mb']:11.0f}{worker_s}{count['claims']:9,}")
        if r["exit"] != 0 or count["documents"] != size:
            ok = False
            print(f"  WARNING: {run.name} exited {r['exit']} and stored "
                  f"{count['documents']:,} of {size:,} articles")
    if len({c["claims"] for c in counts}) > 1:
        print("  WARNING: the engines stored different numbers of claims")
    for load in loads:
        if load.seconds is None:
            print(f"  load into {load.backend:<12}{load.note}")
        else:
            print(f"  load into {load.backend:<12}{load.seconds:8.1f} s "
                  f"{load.docs / load.seconds:10.0f} articles/s "
                  f"({1000 * load.seconds / load.docs:.1f} ms an article)")
    busy = [f"{r.name} ({r.others_cores:.2f} cores)" for r in runs
            if r.others_cores is not None and r.others_cores > 0.15]
    if busy:
        print("  NOTE: other processes used CPU meanwhile: " + ", ".join(busy)
              + "; those timings are pessimistic.")
    return ok


def print_year(per_day: int, size: int, runs: list[Run], loads: list[Load]) -> None:
    """Hours for a year of ``per_day`` articles at the rates measured on ``size`` articles."""
    year = per_day * 365
    print()
    print(f"a year of a large outlet ({per_day} articles a day = {year:,} articles), at the "
          f"rates of the {size:,} run:")
    for run in runs:
        hours = year / (size / run.wall_s) / 3600
        print(f"  {run.name:<22}{hours:6.1f} h")
    for load in loads:
        if load.seconds is not None:
            minutes = year * load.seconds / load.docs / 60
            print(f"  load into {load.backend:<12}{minutes:6.1f} min")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Local engine against Dask; store load times "
                                             "(issue 5, part 4).")
    ap.add_argument("--sizes", default="1000,10000",
                    help="comma-separated corpus sizes (default 1000,10000)")
    ap.add_argument("--seed", type=int, default=7, help="seed of the generated corpora")
    ap.add_argument("--pg", metavar="DSN",
                    help="also time loading into this PostgreSQL database (kept for benchmarks)")
    ap.add_argument("--per-day", type=int, default=300,
                    help="articles a day of the large outlet in the projection (default 300)")
    ap.add_argument("--keep", action="store_true", help="keep the temporary files")
    a = ap.parse_args(argv)
    try:
        sizes = [int(s) for s in a.sizes.split(",") if s.strip()]
    except ValueError:
        ap.error(f"--sizes must be numbers like 1000,10000, not {a.sizes!r}")
    if not sizes or min(sizes) < 1:
        ap.error("--sizes must be at least 1")

    work = Path(tempfile.mkdtemp(prefix="supplyline-scale-"))
    print(f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python "
          f"{platform.python_version()}")
    ok = True
    measured: dict[int, tuple[list[Run], list[Load]]] = {}
    try:
        for size in sizes:
            corpus = work / f"corpus-{size}.jsonl"
            t0 = time.perf_counter()
            build_corpus(corpus, size, a.seed)
            print(f"\ncorpus: {size:,} articles generated (seed {a.seed}) in "
                  f"{time.perf_counter() - t0:.1f} s, {corpus.stat().st_size / 1e6:.1f} MB; "
                  "measuring, each in a fresh process:")
            runs, counts = [], []
            for name, engine, jobs in RUNS:
                db = work / f"{size}-{engine}-{jobs}.db"
                runs.append(measure(name, ["ingest", "--corpus", str(corpus), "--db", str(db),
                                           "--jobs", str(jobs), "--engine", engine], work))
                counts.append(stored_counts(db))
            items = extracted(work / f"{size}-local-1.db", corpus)
            loads = [load_sqlite(items, work), load_postgres(items, a.pg)]
            del items
            ok = print_size(size, runs, counts, loads) and ok
            measured[size] = (runs, loads)
        largest = max(measured)
        print_year(a.per_day, largest, *measured[largest])
        print()
        print("wall s: the whole `supplyline --quiet ingest CORPUS --engine E --jobs N "
              "--no-resolve` in a "
              "fresh process\n  (imports, model and cluster start-up, read, clean, extract, "
              "store); driver MB: peak\n  resident memory of that process; worker MB: of its "
              "largest worker process ((same):\n  the driver does the work). load: saving "
              "the articles already extracted into a fresh\n  store, one transaction each.")
    except RuntimeError as exc:  # a measured run failed: say which, with its error
        print(f"\nerror: {exc}", file=sys.stderr)
        ok = False
    finally:
        if a.keep:
            print(f"\nkept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
