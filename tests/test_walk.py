"""Issue 9 §3: real data never breaks a page. Each corpus we have (../shared/seeds,
../shared/dev, ../shared/dev2 and the bundled samples) is ingested, then every command runs
on it and the dashboard is crawled from its pages, following every claim, fact, document and
source it links to: no traceback, no 500, no page that names an id it cannot show."""

from __future__ import annotations

import json
import re
import traceback
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from click.testing import CliRunner, Result
from fastapi.testclient import TestClient

import supplyline
from corpus_factories import SAMPLES
from supplyline.cli import cli
from supplyline.store import open_store
from supplyline.web import create_app

SHARED = Path(__file__).resolve().parents[2] / "shared"
CORPORA = {
    "seeds": SHARED / "seeds" / "seeds.jsonl",
    "dev": SHARED / "dev" / "docs.jsonl",
    "dev2": SHARED / "dev2" / "docs.jsonl",
    "samples": SAMPLES,
}
HREF = re.compile(r'(?:href|xlink:href)="(/[^"#]*)')
ENTITY = re.compile(r"^/(claims|facts|documents|sources)/.")
#: Pages of one path with different query strings (filters, sorting) that a crawl visits.
VARIANTS_PER_PATH = 25


@pytest.fixture(scope="module", params=sorted(CORPORA))
def corpus_db(request: pytest.FixtureRequest,
              tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    name = request.param
    source = CORPORA[name]
    if not source.exists():
        pytest.skip(f"{name}: {source} is not there (../shared beside the checkout?)")
    db = tmp_path_factory.mktemp(name) / "walk.db"
    summary = supplyline.ingest([source], db)
    assert not summary.failures, summary.failures
    yield name, db


def _run(db: Path, *args: str) -> Result:
    result = CliRunner().invoke(cli, ["--db", str(db), *args], catch_exceptions=True)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        trace = "".join(traceback.format_exception(result.exception))
        pytest.fail(f"supplyline {' '.join(args)} raised:\n{trace}")
    assert "Traceback" not in result.output, (args, result.output)
    return result


def test_every_command_runs(corpus_db: tuple[str, Path], tmp_path: Path) -> None:
    _, db = corpus_db
    with open_store(db) as store:
        claims = store.claims()
        facts = store.facts()
        pairs = {(c.actor, c.recipient) for c in claims}
        docs = sorted({c.doc for c in claims})
    assert claims and facts
    for args in (["claims"], ["claims", "--json"], ["claims", "--csv"], ["facts"],
                 ["facts", "--json"], ["facts", "--csv"], ["conflicts"], ["conflicts", "--json"],
                 ["estimates"], ["estimates", "--json"], ["estimates", "--csv"],
                 ["estimates", "--as-of", "2024-12-31"], ["alerts"], ["alerts", "--json"],
                 ["docs"], ["docs", "--duplicates"], ["credibility"], ["resolve"],
                 ["search", "troops"], ["db", "version"]):
        assert _run(db, *args).exit_code == 0, args
    for c in claims[:40]:
        assert _run(db, "show", c.id).exit_code == 0
    for f in facts[:40]:
        assert _run(db, "fact", f.id).exit_code == 0
        assert _run(db, "fact", f.id, "--json").exit_code == 0
    for actor, recipient in sorted(pairs, key=str)[:30]:
        pair = ["--actor", actor] + (["--recipient", recipient] if recipient else [])
        assert _run(db, "timeline", *pair).exit_code in (0, 1)
        assert _run(db, "timeline", *pair, "--json", "--as-of", "2024-10-31").exit_code in (0, 1)
        assert _run(db, "estimates", *pair, "--json").exit_code in (0, 1)
        assert _run(db, "report", "--pair", actor, "-o",
                    str(tmp_path / "pair.html")).exit_code == 0
    for doc in docs[:20]:
        assert _run(db, "credibility", "--doc", doc).exit_code == 0
    for fmt in ("html", "md"):
        out = tmp_path / f"report.{fmt}"
        assert _run(db, "report", "--format", fmt, "-o", str(out)).exit_code == 0
        assert out.stat().st_size > 0
    for line in _run(db, "estimates", "--json").output.splitlines():
        assert json.loads(line)["facts"]


def test_every_page_and_every_link(corpus_db: tuple[str, Path]) -> None:
    _, db = corpus_db
    with TestClient(create_app(db), base_url="http://127.0.0.1",  # a host it answers
                    raise_server_exceptions=False) as client:
        start = ["/", "/claims", "/alerts", "/search?q=troops", "/api/stats", "/api/claims",
                 "/api/pairs", "/api/facts", "/api/alerts", "/api/estimates",
                 "/api/estimates?as_of=2024-12-31", "/openapi.json"]
        seen: set[str] = set()
        per_path: dict[str, int] = {}
        queue = list(start)
        entities = 0
        while queue:
            url = queue.pop()
            if url in seen:
                continue
            path = urlsplit(url).path
            if "?" in url:
                per_path[path] = per_path.get(path, 0) + 1
                if per_path[path] > VARIANTS_PER_PATH:
                    continue
            seen.add(url)
            r = client.get(url)
            assert r.status_code != 500, (url, r.text[:500])
            if ENTITY.match(path):
                entities += 1
                assert r.status_code == 200, (url, r.status_code)  # linked, so it exists
            else:
                assert r.status_code in (200, 404, 422), (url, r.status_code)
            if r.headers.get("content-type", "").startswith("text/html"):
                for href in HREF.findall(r.text):
                    href = href.replace("&amp;", "&")
                    if href.startswith("/static/"):
                        continue
                    if href not in seen:
                        queue.append(href)
        for entity in ("claims", "facts", "documents"):
            assert any(unquote(u).startswith(f"/{entity}/") for u in seen), entity
        assert entities > 3
