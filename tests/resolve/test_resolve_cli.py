"""The resolve commands: docs, facts, fact, conflicts, timeline, credibility, alerts."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from test_resolve_duplicates import OTHER, WIRE

import supplyline
from supplyline.cli import cli

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds" / "seeds.jsonl"


def invoke(*args: Any) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def lines(result: Result) -> list[dict[str, Any]]:
    return [json.loads(x) for x in result.stdout.splitlines() if x.strip()]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    root = tmp_path_factory.mktemp("resolve-cli")
    corpus = root / "wire.jsonl"
    records = [
        {"id": "wire", "text": "\n\n".join(WIRE), "outlet": "Wire One",
         "published": "2025-03-04"},
        {"id": "copy", "text": "\n\n".join([*WIRE, "Loading Now", "Post Comment"]),
         "outlet": "Paper Two", "published": "2025-03-05"},
        {"id": "berlin", "text": "\n\n".join(OTHER), "outlet": "Berlin Daily",
         "published": "2025-03-06"},
    ]
    corpus.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    path = root / "cli.db"
    result = invoke("--db", path, "ingest", SEEDS, corpus)
    assert result.exit_code == 0, result.output
    assert "Resolved " in result.stdout and "into facts" in result.stdout
    yield path


def test_docs_duplicates(db: Path) -> None:
    result = invoke("--db", db, "docs", "--duplicates")
    assert result.exit_code == 0
    assert "Wire One" in result.stdout and "Paper Two" in result.stdout
    assert "Berlin Daily" not in result.stdout
    [group] = lines(invoke("--db", db, "docs", "--duplicates", "--json"))
    assert group["story"] == "wire" and [d["id"] for d in group["documents"]] == ["wire", "copy"]
    assert "Berlin Daily" in invoke("--db", db, "docs").stdout


def test_facts_json_and_every_claim_once(db: Path) -> None:
    facts = lines(invoke("--db", db, "facts", "--json"))
    assert facts and all(list(f) == [
        "id", "type", "actor", "recipient", "item", "status", "reports",
        "independent_sources", "first_reported", "last_reported", "low", "high"] for f in facts)
    claims = lines(invoke("--db", db, "claims", "--json"))
    members = [c for f in facts for c in f["reports"]]
    assert sorted(members) == sorted(c["id"] for c in claims)
    # the copied wire story is one story: its claims count once as a source
    wire = [f for f in facts if any(c["doc"] in ("wire", "copy") and c["id"] in f["reports"]
                                    for c in claims)]
    assert wire and all(f["independent_sources"] < len(f["reports"]) or len(f["reports"]) == 1
                        for f in wire)
    table = invoke("--db", db, "facts", "--actor", "North Korea", "--type", "personnel")
    assert table.exit_code == 0 and "North Korea → Russia" in table.stdout
    csv = invoke("--db", db, "facts", "--csv").stdout.splitlines()
    assert csv[0].startswith("id,type,actor") and len(csv) == len(facts) + 1
    assert lines(invoke("--db", db, "facts", "--min-sources", "99", "--json")) == []


def test_fact_shows_every_report(db: Path) -> None:
    fact = max(lines(invoke("--db", db, "facts", "--json")), key=lambda f: len(f["reports"]))
    result = invoke("--db", db, "fact", fact["id"])
    assert result.exit_code == 0
    for claim_id in fact["reports"]:
        assert claim_id in result.stdout
    detail = json.loads(invoke("--db", db, "fact", fact["id"], "--json").stdout)
    assert [r["claim"] for r in detail["report_details"]] == fact["reports"]
    missing = invoke("--db", db, "fact", "nope")
    assert missing.exit_code == 1 and missing.stderr.startswith("error: no fact with id")


def test_conflicts_and_timeline(db: Path) -> None:
    result = invoke("--db", db, "conflicts", "--json")
    assert result.exit_code == 0
    for c in lines(result):
        assert c["relation"] in ("contradiction", "revision") and c["earlier"]["claim"]
    t = json.loads(invoke("--db", db, "timeline", "--actor", "North Korea", "--recipient",
                          "Russia", "--item", "troops", "--json").stdout)
    assert t["entries"] and t["estimate"]["value"] > 0
    early = invoke("--db", db, "timeline", "--actor", "North Korea", "--recipient", "Russia",
                   "--item", "troops", "--as-of", "2025-03-01")
    assert early.exit_code == 0 and "2025-07-03" not in early.stdout
    none = invoke("--db", db, "timeline", "--actor", "Atlantis")
    assert none.exit_code == 1 and none.stderr.startswith("error: nothing reported")


def test_credibility(db: Path) -> None:
    [report] = lines(invoke("--db", db, "credibility", "--doc", "000_bb7952c7762eb152.txt",
                            "--json"))
    assert "not verdicts" in report["note"]
    assert "unknown_quote" in {s["kind"] for s in report["signals"]}
    table = invoke("--db", db, "credibility", "--doc", "003_fd060efeff429ee8.txt")
    assert "not verdicts" in table.stdout and "unrelated_biography" in table.stdout
    outlet = json.loads(invoke("--db", db, "credibility", "--outlet", "paper two",
                               "--json").stdout)
    assert outlet["outlet"] == "Paper Two" and outlet["signal_counts"]["page_debris"] == 1
    assert invoke("--db", db, "credibility", "--outlet", "Nobody").exit_code == 1
    assert invoke("--db", db, "credibility", "--doc", "x", "--outlet", "y").exit_code == 2


def test_alerts(db: Path, tmp_path: Path) -> None:
    found = lines(invoke("--db", db, "alerts", "--json"))
    assert found and all(a["facts"] for a in found)
    later = lines(invoke("--db", db, "alerts", "--since", "2025-03-05", "--json"))
    assert later and all(a["reported"] >= "2025-03-05" for a in later) and len(later) < len(found)
    bad = tmp_path / "rules.yaml"
    bad.write_text("rules:\n  - {kind: nonsense}\n")
    result = invoke("--db", db, "alerts", "--rules", bad)
    assert result.exit_code == 2 and result.stderr.count("\n") == 1


@pytest.mark.parametrize("command", ["docs", "facts", "fact", "conflicts", "timeline",
                                     "credibility", "alerts", "watch"])
def test_help_has_examples(command: str) -> None:
    result = invoke(command, "--help")
    assert result.exit_code == 0 and "Examples:" in result.stdout


def test_python_api_resolves_a_database(db: Path) -> None:
    summary = supplyline.resolve(db)
    assert summary.claims_resolved == 0 and summary.facts_changed == 0
    assert isinstance(supplyline.Fact, type)


def test_ingest_without_resolving_then_resolve(tmp_path: Path) -> None:
    path = tmp_path / "bulk.db"
    result = invoke("--db", path, "ingest", SEEDS, "--no-resolve")
    assert result.exit_code == 0 and "supplyline resolve" in result.stdout
    assert lines(invoke("--db", path, "facts", "--json")) == []
    result = invoke("--db", path, "resolve")
    assert result.exit_code == 0 and "into facts" in result.stdout
    facts = lines(invoke("--db", path, "facts", "--json"))
    claims = lines(invoke("--db", path, "claims", "--json"))
    assert facts and sorted(c for f in facts for c in f["reports"]) == sorted(
        c["id"] for c in claims)
    assert "0 claims" in invoke("--db", path, "resolve").stdout  # nothing new the second time
