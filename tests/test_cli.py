"""The command line, in process with click's CliRunner (and in a subprocess to interrupt it)."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner, Result

from corpus_factories import DOC_IDS, write_compressed_jsonl, write_corpus, write_many, write_warc
from supplyline import __version__
from supplyline.cli import cli
from supplyline.store import schema

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
SPEC_KEYS = {"doc", "evidence", "type", "actor", "recipient", "item", "quantity", "basis",
             "status", "when", "source", "place"}


def invoke(*args: Any, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], env=env, catch_exceptions=False)


def json_lines(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("cli") / "docs")


@pytest.fixture(scope="module")
def ingested(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Result]:
    db = tmp_path_factory.mktemp("db") / "cli.db"
    result = invoke("--db", db, "ingest", corpus, "--published", "2025-01-15")
    assert result.exit_code == 0, result.output
    return db, result


@pytest.fixture(scope="module")
def all_claims(ingested: tuple[Path, Result]) -> list[dict[str, Any]]:
    result = invoke("--db", ingested[0], "claims", "--json")
    assert result.exit_code == 0, result.output
    claims = json_lines(result.stdout)
    assert len(claims) >= 4
    return claims


# -- ingest -------------------------------------------------------------------------------------


def test_ingest_prints_what_was_found_and_where(ingested: tuple[Path, Result]) -> None:
    db, result = ingested
    out = result.stdout
    assert "Claims found" in out and "Actor → Recipient" in out
    assert "North Korea → Russia" in out and "Iran → Russia" in out
    assert "4 documents read: 4 new, 0 unchanged;" in out
    assert f"Database: {db.resolve()}" in out
    assert result.stderr == ""


def test_reingesting_changes_nothing(ingested: tuple[Path, Result], corpus: Path,
                                     all_claims: list[dict[str, Any]]) -> None:
    db, first = ingested
    again = invoke("--db", db, "ingest", corpus, "--published", "2025-01-15")
    assert again.exit_code == 0, again.output
    assert "4 documents read: 0 new, 4 unchanged; 0 claims stored" in again.stdout
    # the same table of what the documents hold, and the same totals
    assert again.stdout.split("4 documents read")[0] == first.stdout.split("4 documents read")[0]
    assert first.stdout.splitlines()[-1] == again.stdout.splitlines()[-1]
    assert json_lines(invoke("--db", db, "claims", "--json").stdout) == all_claims


def test_quiet_ingest_prints_nothing(corpus: Path, tmp_path: Path) -> None:
    result = invoke("--db", tmp_path / "q.db", "--quiet", "ingest", corpus)
    assert result.exit_code == 0
    assert result.stdout == "" and result.stderr == ""


def test_two_jobs_give_the_same_claims(corpus: Path, tmp_path: Path,
                                       all_claims: list[dict[str, Any]]) -> None:
    db = tmp_path / "j2.db"
    result = invoke("--db", db, "ingest", corpus, "--published", "2025-01-15", "--jobs", "2")
    assert result.exit_code == 0, result.output
    assert json_lines(invoke("--db", db, "claims", "--json").stdout) == all_claims


def test_the_dask_engine_gives_the_same_claims(corpus: Path, tmp_path: Path,
                                              all_claims: list[dict[str, Any]]) -> None:
    db = tmp_path / "dask.db"
    result = invoke("--db", db, "ingest", corpus, "--published", "2025-01-15",
                    "--engine", "dask", "--jobs", "1")
    assert result.exit_code == 0, result.output
    assert result.stderr == "note: cleaning and extracting on a local Dask cluster of 1 worker " \
                            "process\n"
    assert "4 documents read: 4 new, 0 unchanged;" in result.stdout
    assert json_lines(invoke("--db", db, "claims", "--json").stdout) == all_claims


def test_scheduler_and_the_local_engine_do_not_go_together(corpus: Path, tmp_path: Path) -> None:
    result = invoke("--db", tmp_path / "x.db", "ingest", corpus, "--engine", "local",
                    "--scheduler", "tcp://127.0.0.1:8786")
    assert result.exit_code == 2
    assert "--scheduler needs --engine dask" in result.stderr
    assert not (tmp_path / "x.db").exists()


def test_ingest_archives_notes_the_records_it_skipped(tmp_path: Path) -> None:
    warc = write_warc(tmp_path / "crawl.warc.gz")
    wire = write_compressed_jsonl(tmp_path / "wire.jsonl.zst")
    db = tmp_path / "archives.db"
    result = invoke("--db", db, "ingest", warc, wire)
    assert result.exit_code == 0, result.output
    assert result.stderr == (f"note: {warc}: skipped 8 records that are not articles: "
                             "2 request, 1 warcinfo, 1 metadata, 1 HTTP 404, 1 HTTP 301, "
                             "1 not HTML, 1 no article text\n")
    assert "4 documents read: 4 new, 0 unchanged;" in result.stdout
    assert "8 archive records skipped (not articles): 2 request, " in result.stdout
    quiet = invoke("--db", db, "--quiet", "ingest", warc)
    assert quiet.exit_code == 0 and quiet.output == ""
    extracted = invoke("extract", warc, "--jsonl")
    assert extracted.stderr.startswith(f"note: {warc}: skipped 8 records")
    assert {c["doc"] for c in json_lines(extracted.stdout)} == {
        c["doc"] for c in json_lines(invoke("--db", db, "claims", "--json").stdout)
        if c["doc"] not in ("us-package", "iran-drones")}


def test_bad_inputs_get_one_line_each_and_the_rest_goes_in(corpus: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "blob.bin").write_bytes(b"\x00\x01\x02binary\x00" * 50)
    (bad / "latin.txt").write_bytes(bytes(range(0x80, 0x100)) * 8 + b" some text")
    (bad / "empty.txt").write_bytes(b"")
    with (bad / "huge.txt").open("wb") as f:
        f.truncate(52_400_000)  # sparse: no 52 MB written
    (bad / "broken.html").write_text("<html><body><div><<<>>></p></body>", encoding="utf-8")
    good = {"id": "good-line", "text": "Iran has supplied hundreds of Shahed drones to Russia, "
                                       "according to US officials."}
    (bad / "mixed.jsonl").write_text(
        json.dumps(good) + "\n{not json\n" + json.dumps({"id": "no-text"}) + "\n",
        encoding="utf-8")
    missing = tmp_path / "missing.txt"
    db = tmp_path / "bad.db"

    result = invoke("--db", db, "ingest", corpus, bad, missing, "--max-bytes", "100000")

    assert result.exit_code == 1, result.output
    errors = result.stderr.splitlines()
    expected = [bad / "blob.bin", bad / "broken.html", bad / "empty.txt", bad / "huge.txt",
                bad / "latin.txt", f"{bad / 'mixed.jsonl'}:2", f"{bad / 'mixed.jsonl'}:3",
                missing]
    assert len(errors) == len(expected), errors
    for line, origin in zip(errors, expected, strict=True):
        assert line.startswith(f"error: {origin}: "), line
    assert "refused" in errors[3] and "limit" in errors[3]
    assert "Traceback" not in result.output
    assert "5 documents read: 5 new, 0 unchanged, 8 failed" in result.stdout
    stored = {c["doc"] for c in json_lines(invoke("--db", db, "claims", "--json").stdout)}
    assert stored >= {"good-line", "iran-drones"}
    # nothing stored is lost or duplicated by running the same batch again
    again = invoke("--db", db, "ingest", corpus, bad, missing, "--max-bytes", "100000")
    assert again.exit_code == 1
    assert "5 documents read: 0 new, 5 unchanged, 8 failed" in again.stdout


def test_a_missing_spacy_pipeline_is_one_line_and_status_2(corpus: Path, tmp_path: Path) -> None:
    env = {"SUPPLYLINE_SPACY_MODEL": "no_such_spacy_pipeline"}
    for args in (["--db", tmp_path / "m.db", "ingest", corpus], ["extract", corpus, "--jsonl"]):
        result = invoke(*args, env=env)
        assert result.exit_code == 2, result.output
        assert result.stderr.startswith("error: spaCy pipeline 'no_such_spacy_pipeline' is not")
        assert len(result.stderr.splitlines()) == 1


# -- claims, show, search -----------------------------------------------------------------------


def test_claims_table(ingested: tuple[Path, Result], all_claims: list[dict[str, Any]]) -> None:
    result = invoke("--db", ingested[0], "claims")
    assert result.exit_code == 0
    for name in ("id", "type", "actor → recipient", "item", "quantity", "status", "source"):
        assert name in result.stdout
    for claim in all_claims:
        assert claim["id"] in result.stdout


def test_claims_json_is_the_spec_shape(all_claims: list[dict[str, Any]]) -> None:
    for claim in all_claims:
        assert SPEC_KEYS | {"id"} == set(claim)
        assert claim["doc"] in DOC_IDS
        for ev in claim["evidence"]:
            assert set(ev) == {"text", "start", "end"}


def test_claims_csv(ingested: tuple[Path, Result], all_claims: list[dict[str, Any]]) -> None:
    result = invoke("--db", ingested[0], "claims", "--csv")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["id"] for r in rows] == [c["id"] for c in all_claims]
    assert {"actor", "recipient", "type", "quantity_value", "source_kind", "evidence"} <= set(
        rows[0])


@pytest.mark.parametrize(("option", "value", "keep"), [
    ("--actor", "iran", lambda c: c["actor"] == "Iran"),
    ("--recipient", "Ukraine", lambda c: c["recipient"] == "Ukraine"),
    ("--type", "weapons", lambda c: c["type"] == "weapons"),
    ("--status", "pledged", lambda c: c["status"] == "pledged"),
    ("--item", "DRONES", lambda c: "drones" in (c["item"] or "")),
    ("--source-kind", "government", lambda c: c["source"]["kind"] == "government"),
    ("--doc", "us-package", lambda c: c["doc"] == "us-package"),
    ("--since", "2025-01-01", None),
])
def test_claims_filters(ingested: tuple[Path, Result], all_claims: list[dict[str, Any]],
                        option: str, value: str, keep: Any) -> None:
    result = invoke("--db", ingested[0], "claims", option, value, "--json")
    assert result.exit_code == 0, result.output
    got = json_lines(result.stdout)
    if keep is None:  # dates: the documents dated 2025 (the .txt), not those of 2023/2024
        assert got and {c["doc"] for c in got} == {"a_korea.txt"}
    else:
        assert got == [c for c in all_claims if keep(c)]
        assert got, f"the test corpus should have a claim for {option} {value}"


def test_claims_limit_and_bad_options(ingested: tuple[Path, Result]) -> None:
    db = ingested[0]
    assert len(json_lines(invoke("--db", db, "claims", "--limit", "2", "--json").stdout)) == 2
    for args in (["--type", "spaceships"], ["--since", "yesterday"], ["--limit", "-1"],
                 ["--json", "--csv"]):
        result = invoke("--db", db, "claims", *args)
        assert result.exit_code == 2, args
        assert "Usage:" in result.stderr


def test_show_highlights_evidence_in_its_paragraph(
    ingested: tuple[Path, Result], all_claims: list[dict[str, Any]]
) -> None:
    claim = next(c for c in all_claims if c["type"] == "munitions")
    result = invoke("--db", ingested[0], "show", claim["id"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert claim["id"] in out and "artillery shells" in out and "a_korea.txt" in out
    assert "2025-01-15" in out  # the document's date
    evidence = claim["evidence"][0]["text"]
    assert f"«{evidence}»" in out  # highlighted (marks when the output has no colours)
    # article text is printed as written, never read as rich markup
    assert "[bold]unverified[/bold]" in out


def test_show_gives_the_documents_metadata(ingested: tuple[Path, Result],
                                           all_claims: list[dict[str, Any]]) -> None:
    claim = next(c for c in all_claims if c["doc"] == "us-package")
    out = invoke("--db", ingested[0], "show", claim["id"]).stdout
    for text in ("US announces new aid package for Ukraine", "Example Wire", "2024-08-09",
                 "https://example.test/us-package"):
        assert text in out


def test_show_unknown_claim(ingested: tuple[Path, Result]) -> None:
    result = invoke("--db", ingested[0], "show", "000000000000")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: no claim with id '000000000000'")


def test_search(ingested: tuple[Path, Result]) -> None:
    db = ingested[0]
    table = invoke("--db", db, "search", "drones")
    assert table.exit_code == 0 and "iran-drones" in table.stdout and "«drones»" in table.stdout
    hits = json_lines(invoke("--db", db, "search", "IRIS-T", "--json").stdout)
    assert [h["doc_id"] for h in hits] == ["b_germany.html"]
    assert set(hits[0]) == {"doc_id", "title", "outlet", "published", "snippet", "rank"}
    assert invoke("--db", db, "search", "drones", "--limit", "1", "--json").stdout.count(
        "\n") == 1
    none = invoke("--db", db, "search", "zeppelins")
    assert none.exit_code == 0 and none.stdout == ""


def test_reading_commands_need_a_database(tmp_path: Path) -> None:
    for args in (["claims"], ["show", "abc"], ["search", "x"], ["report"], ["serve"],
                 ["export"]):
        result = invoke("--db", tmp_path / "none.db", *args)
        assert result.exit_code == 1
        assert result.stderr.startswith("error: no database at")
    assert not (tmp_path / "none.db").exists()


def test_db_comes_from_the_environment(ingested: tuple[Path, Result]) -> None:
    result = invoke("claims", "--json", env={"SUPPLYLINE_DB": str(ingested[0])})
    assert result.exit_code == 0 and json_lines(result.stdout)


# -- extract and eval ---------------------------------------------------------------------------


def test_extract_jsonl_without_a_store(corpus: Path, tmp_path: Path,
                                       all_claims: list[dict[str, Any]]) -> None:
    result = invoke("--db", tmp_path / "untouched.db", "extract", corpus,
                    "--published", "2025-01-15", "--jsonl")
    assert result.exit_code == 0, result.output
    claims = json_lines(result.stdout)
    assert claims == all_claims or sorted(c["id"] for c in claims) == sorted(
        c["id"] for c in all_claims)
    for claim in claims:
        assert set(claim) >= SPEC_KEYS
        for ev in claim["evidence"]:
            assert set(ev) == {"text", "start", "end"}
    assert not (tmp_path / "untouched.db").exists()
    table = invoke("extract", corpus / "a_korea.txt")
    assert table.exit_code == 0 and "North Korea → Russia" in table.stdout


def test_extract_reports_bad_inputs(corpus: Path, tmp_path: Path) -> None:
    result = invoke("extract", corpus / "c_wire.jsonl", tmp_path / "nope.txt", "--jsonl")
    assert result.exit_code == 1
    assert result.stderr == f"error: {tmp_path / 'nope.txt'}: no such file or directory\n"
    assert {c["doc"] for c in json_lines(result.stdout)} == {"us-package", "iran-drones"}


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not present")
def test_eval_json_on_the_seeds() -> None:
    result = invoke("eval", SEEDS / "gold.jsonl", "--docs", SEEDS / "seeds.jsonl", "--json")
    assert result.exit_code == 0, result.output
    [report] = json_lines(result.stdout)  # exactly one object on stdout
    assert {"precision", "recall", "f1", "fields", "per_doc"} <= set(report)
    assert set(report["fields"]) == {"quantity", "status", "when", "source_kind",
                                     "source_country", "basis", "place", "item"}
    assert set(report["per_doc"]) == {"000_bb7952c7762eb152.txt", "003_fd060efeff429ee8.txt"}
    human = invoke("eval", SEEDS / "gold.jsonl", "--docs", SEEDS / "seeds.jsonl")
    assert human.exit_code == 0 and "recall" in human.stdout.lower()


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not present")
def test_eval_scores_only_the_documents_given(tmp_path: Path) -> None:
    one = tmp_path / "one.jsonl"
    one.write_text((SEEDS / "seeds.jsonl").read_text(encoding="utf-8").splitlines()[0] + "\n",
                   encoding="utf-8")
    result = invoke("eval", SEEDS / "gold.jsonl", "--docs", one, "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert list(report["per_doc"]) == ["000_bb7952c7762eb152.txt"]
    assert "left out" in result.stderr


def test_eval_rejects_a_bad_gold_file(corpus: Path, tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text("{not json\n", encoding="utf-8")
    result = invoke("eval", gold, "--docs", corpus)
    assert result.exit_code == 2 and "not valid JSON" in result.stderr


# -- help ---------------------------------------------------------------------------------------


def test_every_command_has_help_with_an_example() -> None:
    top = invoke("--help")
    assert top.exit_code == 0 and "Example" in top.stdout
    assert set(cli.commands) == {"alerts", "claims", "conflicts", "credibility", "db",
                                 "docs", "estimates", "eval", "export", "extract", "fact", "facts",
                                 "ingest", "report", "resolve", "search", "serve", "show",
                                 "timeline", "watch"}
    db = cli.commands["db"]
    assert isinstance(db, click.Group) and set(db.commands) == {"upgrade", "version"}
    commands = [*cli.commands.items(), *((f"db {n}", c) for n, c in db.commands.items())]
    for name, command in commands:
        assert name.split()[0] in top.stdout
        assert command.help, name
        result = invoke(*name.split(), "--help")
        assert result.exit_code == 0, name
        assert "Example" in result.stdout, name
        assert f"supplyline {name}" in result.stdout, name


def test_output_options_are_shared() -> None:
    for name in ("claims", "search", "extract"):
        opts = {o for p in cli.commands[name].params if isinstance(p, click.Option)
                for o in p.opts}
        assert {"--json", "--jsonl", "--csv"} <= opts, name


def test_version() -> None:
    result = invoke("--version")
    assert result.exit_code == 0 and result.stdout == f"supplyline {__version__}\n"


# -- interruption (a real process, a real signal) ----------------------------------------------


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, set[str]]:
    """30 documents and the claim ids of a run that was not interrupted."""
    root = write_many(tmp_path_factory.mktemp("many") / "docs")
    db = tmp_path_factory.mktemp("many-ref") / "ref.db"
    assert invoke("--db", db, "--quiet", "ingest", root).exit_code == 0
    return root, _claim_ids(db)


def _claim_ids(db: Path) -> set[str]:
    with contextlib.closing(sqlite3.connect(db)) as con:
        ids = [r[0] for r in con.execute("SELECT id FROM claims")]
    assert len(ids) == len(set(ids))
    return set(ids)


def _documents(db: Path) -> int:
    try:
        with contextlib.closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as con:
            return int(con.execute("SELECT count(*) FROM documents").fetchone()[0])
    except sqlite3.Error:
        return 0  # not created yet


@pytest.mark.parametrize(("sig", "options"), [
    pytest.param(signal.SIGINT, ["--jobs", "1"], id="ctrl-c"),
    pytest.param(signal.SIGINT, ["--jobs", "2"], id="ctrl-c-jobs-2"),
    pytest.param(signal.SIGINT, ["--engine", "dask", "--jobs", "2"], id="ctrl-c-dask"),
    pytest.param(signal.SIGKILL, ["--jobs", "1"], id="kill-9"),
    pytest.param(signal.SIGKILL, ["--engine", "dask"], id="kill-9-dask"),
])
def test_an_interrupted_ingest_is_consistent_and_resumes(
    many: tuple[Path, set[str]], tmp_path: Path, sig: signal.Signals, options: list[str]
) -> None:
    root, full = many
    db = tmp_path / "interrupted.db"
    proc = subprocess.Popen(
        [sys.executable, "-m", "supplyline.cli", "--db", str(db), "ingest", str(root),
         *options],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while _documents(db) < 3:
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "no documents stored in time"
        time.sleep(0.02)
    proc.send_signal(sig)
    _out, err = proc.communicate(timeout=60)

    if sig == signal.SIGINT:
        assert proc.returncode == 130, err
        assert "Traceback" not in err
        assert "new documents stored" in err and "run the same command again to resume" in err
    else:
        assert proc.returncode == -signal.SIGKILL
    with contextlib.closing(sqlite3.connect(db)) as con:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        orphans = con.execute(
            "SELECT count(*) FROM claims WHERE doc NOT IN (SELECT id FROM documents)").fetchone()
        assert orphans[0] == 0
        loose = con.execute(
            "SELECT count(*) FROM evidence WHERE claim NOT IN (SELECT id FROM claims)").fetchone()
        assert loose[0] == 0
        stored = int(con.execute("SELECT count(*) FROM documents").fetchone()[0])
    assert 3 <= stored < 30, "the run was not interrupted partway"

    again = invoke("--db", db, "ingest", root)
    assert again.exit_code == 0, again.output
    assert f"30 documents read: {30 - stored} new, {stored} unchanged" in again.stdout
    assert _documents(db) == 30
    assert _claim_ids(db) == full


# -- PostgreSQL and the db commands -------------------------------------------------------------

def test_postgres_gives_the_same_results(corpus: Path, ingested: tuple[Path, Result],
                                         all_claims: list[dict[str, Any]], pg_url: str,
                                         tmp_path: Path) -> None:
    result = invoke("--db", pg_url, "ingest", corpus, "--published", "2025-01-15", "--jobs", "2")
    assert result.exit_code == 0, result.output
    assert "Database: postgresql://" in result.stdout
    again = invoke("--db", pg_url, "ingest", corpus, "--published", "2025-01-15", "--jobs", "2")
    assert again.exit_code == 0 and " 0 new" in again.stdout
    assert json_lines(invoke("--db", pg_url, "claims", "--json").stdout) == all_claims
    sqlite_db = ingested[0]
    for args in (["claims", "--actor", "north korea", "--csv"],
                 ["claims", "--since", "2024-09-01", "--json"],
                 ["show", all_claims[0]["id"]],
                 ["search", "IRIS-T", "--json"],
                 ["facts", "--json"], ["docs", "--json"], ["conflicts", "--json"],
                 ["timeline", "--actor", "North Korea", "--recipient", "Russia", "--json"],
                 ["credibility", "--json"], ["export", "--format", "jsonl"],
                 ["export", "--what", "facts", "--format", "csv"]):
        ours, theirs = invoke("--db", pg_url, *args), invoke("--db", sqlite_db, *args)
        assert ours.exit_code == theirs.exit_code == 0
        if args[0] == "search":  # snippets and ranks are each engine's own
            assert [h["doc_id"] for h in json_lines(ours.stdout)] == [
                h["doc_id"] for h in json_lines(theirs.stdout)]
        else:
            assert ours.stdout == theirs.stdout
    hits = {h["doc_id"] for h in json_lines(invoke("--db", pg_url, "search", "drones",
                                                   "--json").stdout)}
    assert hits == {h["doc_id"] for h in json_lines(invoke("--db", sqlite_db, "search",
                                                           "drones", "--json").stdout)}
    table = invoke("--db", pg_url, "search", "drones")
    assert "«drones»" in table.stdout
    reports = [tmp_path / "pg.md", tmp_path / "sqlite.md"]
    for db, path in zip((pg_url, sqlite_db), reports, strict=True):
        assert invoke("--db", db, "report", "-o", path).exit_code == 0
    # the two reports are written seconds apart: their "generated" minute may differ
    stamp = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d UTC")
    pg_text, sqlite_text = (stamp.sub("(time)", p.read_text(encoding="utf-8")) for p in reports)
    assert pg_text == sqlite_text


def test_db_upgrade_and_version(db_location: str) -> None:
    latest = len(schema.MIGRATIONS)
    first = invoke("--db", db_location, "db", "upgrade")
    assert first.exit_code == 0, first.output
    assert first.stdout.endswith(f"upgraded from 0 to schema version {latest}\n")
    again = invoke("--db", db_location, "db", "upgrade")
    assert again.stdout.endswith(f"already at schema version {latest}\n")
    version = invoke("--db", db_location, "db", "version")
    assert version.exit_code == 0
    assert version.stdout.endswith(
        f"schema version {latest} (this supplyline: {latest}; up to date)\n")


def test_db_version_of_a_new_postgres_database(pg_url: str) -> None:
    result = invoke("--db", pg_url, "db", "version")
    assert result.exit_code == 0
    assert (f"schema version 0 (this supplyline: {len(schema.MIGRATIONS)}; "
            "run `supplyline db upgrade`)") in result.stdout


def test_unreachable_postgres_is_one_error_line() -> None:
    result = invoke("--db", "postgresql://u:pw@127.0.0.1:1/db?connect_timeout=2", "claims")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: cannot connect to postgresql://u:***@127.0.0.1:1/db")
    assert result.stderr.count("\n") == 1 and "pw" not in result.stderr


def test_the_console_script_skips_the_collector_at_exit() -> None:
    """``main`` has ``gc.freeze`` run at exit: the collector's last passes over the loaded
    pipeline cost 0.3-0.4 s a command. A handler registered before runs after it."""
    code = ("import atexit, gc, sys\n"
            "atexit.register(lambda: print('frozen', gc.get_freeze_count() > 0))\n"
            "from supplyline.cli import main\nsys.argv = ['supplyline', '--help']\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.rstrip().endswith("frozen True")


def test_the_console_script_collects_the_young_generation_less_often() -> None:
    """After 10,000 new objects, not CPython's 700: loading the pipeline no longer runs the
    collector hundreds of times; the older generations keep their thresholds."""
    code = ("import gc, sys\n"
            "before = gc.get_threshold()\n"
            "from supplyline.cli import main\nsys.argv = ['supplyline', '--help']\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print(before, gc.get_threshold())\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    before, _, after = out.strip().splitlines()[-1].partition(") (")
    assert after == "10000, 10, 10)", out
    assert before.endswith("10, 10"), out


class _FakeMallopt:
    def __init__(self) -> None:
        self.calls: list[tuple[int, int]] = []
        self.argtypes: list[Any] = []

    def __call__(self, param: int, value: int) -> int:
        self.calls.append((param, value))
        return 1


class _FakeLibc:
    def __init__(self) -> None:
        self.mallopt = _FakeMallopt()


def _tuned(monkeypatch: pytest.MonkeyPatch, **env: str) -> list[tuple[int, int]]:
    """The mallopt calls ``_tune_malloc`` makes on glibc with this environment."""
    import ctypes
    import os

    from supplyline import cli as cli_module

    libc = _FakeLibc()
    monkeypatch.setattr(ctypes, "CDLL", lambda name: libc)
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(os, "confstr", lambda name: "glibc 2.36")
    for name in ("GLIBC_TUNABLES", "MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    cli_module._tune_malloc()
    return libc.mallopt.calls


def test_the_console_script_keeps_the_parsers_memory_in_the_heap(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """glibc's mmap threshold (-3) to 16 MB and trim threshold (-1) to 64 MB: the parse's
    arrays of a few MB are no longer mapped and unmapped for every batch."""
    from supplyline import cli as cli_module

    assert _tuned(monkeypatch) == [(-3, 16 << 20), (-1, 64 << 20)]
    assert (cli_module.MMAP_THRESHOLD, cli_module.TRIM_THRESHOLD) == (16 << 20, 64 << 20)


def test_a_malloc_setting_in_the_environment_is_left_to_rule(
        monkeypatch: pytest.MonkeyPatch) -> None:
    assert _tuned(monkeypatch, GLIBC_TUNABLES="glibc.malloc.trim_threshold=0") == []
    assert _tuned(monkeypatch, MALLOC_MMAP_THRESHOLD_="65536") == []
    assert _tuned(monkeypatch, GLIBC_TUNABLES="glibc.pthread.rseq=0") != []


def test_malloc_is_left_alone_without_glibc(monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    from supplyline import cli as cli_module

    def no_glibc(name: str) -> str:
        raise ValueError(name)

    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(os, "confstr", no_glibc)
    cli_module._tune_malloc()  # no error, nothing called
    monkeypatch.setattr(sys, "platform", "darwin")
    cli_module._tune_malloc()


def test_the_console_script_tunes_malloc_in_a_fresh_interpreter() -> None:
    """On glibc, four blocks of 2 MB allocated and freed over and over no longer fault
    their pages in every time once ``main`` has run."""
    import os

    try:
        if not os.confstr("CS_GNU_LIBC_VERSION") or sys.platform != "linux":
            pytest.skip("glibc only")
    except ValueError:
        pytest.skip("glibc only")
    code = ("import resource, sys\n"
            "from supplyline.cli import main\n"
            "def faults():\n"
            "    before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt\n"
            "    for _ in range(50):\n"
            "        blocks = [bytearray(2 << 20) for _ in range(4)]\n"
            "        del blocks\n"
            "    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before\n"
            "if sys.argv[1] == 'tuned':\n"
            "    sys.argv[1:] = ['--help']\n"
            "    try:\n"
            "        main()\n"
            "    except SystemExit:\n"
            "        pass\n"
            "print(faults())\n")
    env = {k: v for k, v in os.environ.items()
           if k not in ("GLIBC_TUNABLES", "MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_")}
    counts = {how: int(subprocess.run([sys.executable, "-c", code, how], capture_output=True,
                                      text=True, check=True, env=env).stdout.split()[-1])
              for how in ("plain", "tuned")}
    assert counts["tuned"] * 10 < counts["plain"], counts
