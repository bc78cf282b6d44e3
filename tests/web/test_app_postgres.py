"""The dashboard on a PostgreSQL database gives what it gives on SQLite (needs a server; see
tests/conftest.py)."""

from __future__ import annotations

import json
from pathlib import Path

from fastapi.testclient import TestClient

import supplyline
from corpus_factories import HOSTILE, HOSTILE_ID, SAMPLES
from supplyline.web import create_app

LOCAL = "http://127.0.0.1"  # a host the dashboard answers (not TestClient's "testserver")


def test_the_dashboard_reads_postgres_as_it_reads_sqlite(sample_db: Path, pg_url: str,
                                                          tmp_path: Path) -> None:
    hostile = tmp_path / "hostile.jsonl"
    hostile.write_text(json.dumps(HOSTILE) + "\n", encoding="utf-8")
    assert not supplyline.ingest([SAMPLES, hostile], pg_url).failures
    supplyline.resolve(pg_url)
    with TestClient(create_app(sample_db), base_url=LOCAL) as lite, \
            TestClient(create_app(pg_url), base_url=LOCAL) as pg:
        first = lite.get("/api/claims").json()["claims"][0]["id"]
        for path in ("/api/stats", "/api/pairs", "/api/claims", "/api/facts", "/api/alerts",
                     f"/api/claims/{first}", f"/api/documents/{HOSTILE_ID}"):
            ours, theirs = pg.get(path), lite.get(path)
            assert ours.status_code == theirs.status_code == 200, path
            assert ours.json() == theirs.json(), path
        for path in ("/", "/claims", f"/documents/{HOSTILE_ID}"):
            assert pg.get(path).text == lite.get(path).text, path
        hits = [[h["doc_id"] for h in c.get("/api/search", params={"q": "Belarus"}).json()]
                for c in (pg, lite)]
        # the same documents; their order, snippets and ranks are each engine's own (with
        # "Belarusian" found for "Belarus", BM25 and ts_rank weigh the two words differently)
        assert hits[0] and sorted(hits[0]) == sorted(hits[1])
