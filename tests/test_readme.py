"""Every `supplyline ...` example of the README runs as written, against a copy of the samples'
database, with what it names made real: files and directories written here, the URLs served
by a local HTTP server, the ids (claim, fact, document) of claims in the database, the
PostgreSQL URL a schema of the test server (those skip without one). `serve` is started and
asked for its overview; `watch` gets `--once`. The Python example runs as pasted."""

from __future__ import annotations

import shlex
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from corpus_factories import (
    SAMPLES,
    article_page,
    write_compressed_jsonl,
    write_corpus,
    write_warc,
)
from local_server import QuietHandler, serving
from supplyline.cli import cli
from supplyline.store import open_store

README = Path(__file__).resolve().parents[1] / "README.md"
GOLD = SAMPLES.parent / "samples_gold.jsonl"


def examples() -> list[tuple[int, str, list[str]]]:
    """(line, text, argv) of each `supplyline` command in the README's sh blocks; an
    ``export NAME=VALUE`` line applies to the examples after it in its block."""
    out: list[tuple[int, str, list[str]]] = []
    in_block = False
    env: list[str] = []
    for number, line in enumerate(README.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("```"):
            in_block = line.strip() == "```sh"
            env = []
            continue
        if not in_block:
            continue
        words = shlex.split(line, comments=True)
        if words[:1] == ["export"]:
            env = words[1:]
        elif words[:1] == ["supplyline"]:
            out.append((number, line.split("  #")[0].strip(), [*env, *words]))
    return out


class Site(QuietHandler):
    """An article, a feed naming it and a webhook, as the examples' URLs stand for."""

    hooks: list[bytes] = []  # noqa: RUF012 - shared by the handler's instances

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        base = f"http://{self.headers['Host']}"
        if self.path == "/story":
            self.send(200, "text/html", article_page(
                "Iran sends drones to Russia",
                ["Iran has delivered 40 more Shahed drones to Russia, Ukrainian intelligence "
                 "said on Monday."], "2025-01-14"))
        elif self.path == "/rss.xml":
            self.send(200, "application/rss+xml",
                      "<?xml version='1.0'?><rss version='2.0'><channel><title>Wire</title>"
                      f"<link>{base}/</link><item><title>Iran sends drones</title>"
                      f"<link>{base}/story</link></item></channel></rss>")
        else:
            self.send(404, "text/plain", "not here")

    def do_POST(self) -> None:  # noqa: N802
        Site.hooks.append(self.rfile.read(int(self.headers.get("Content-Length", 0))))
        self.send(204, "text/plain", "")


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    with serving(Site) as url:
        yield url


@pytest.fixture(scope="module")
def workdir(sample_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding everything the examples name, and `supplyline.db` (the samples)."""
    root = tmp_path_factory.mktemp("readme")
    with closing(sqlite3.connect(sample_db)) as src, closing(
            sqlite3.connect(root / "supplyline.db")) as dst:
        src.backup(dst)  # a copy the examples may change
    write_corpus(root / "articles")
    write_warc(root / "CC-NEWS-20241101.warc.gz")
    write_compressed_jsonl(root / "wire.jsonl.zst")
    shutil.copy(SAMPLES / "articles.jsonl", root / "corpus.jsonl")
    shutil.copy(GOLD, root / "gold.jsonl")
    return root


@pytest.fixture(scope="module")
def ids(workdir: Path) -> dict[str, str]:
    """The README's example ids, as ids of this database."""
    with open_store(workdir / "supplyline.db") as store:
        claim = store.claims()[0]
        fact = max(store.facts(), key=lambda f: len(f.reports))
    return {"3f2a9c41d0be": claim.id, "f2a0fc71fefe": fact.id,
            "000_bb7952c7762eb152.txt": claim.doc}


def made_real(argv: list[str], site: str, ids: dict[str, str],
              pg: str | None) -> tuple[dict[str, str], list[str]]:
    """(environment, argv) with the example's names replaced by real ones."""
    env: dict[str, str] = {}
    words: list[str] = []
    for word in argv:
        name, eq, value = word.partition("=")
        if eq and name.isupper() and not word.startswith("-"):  # VAR=VALUE
            env[name] = pg if value.startswith("postgresql://") and pg else value
            continue
        word = ids.get(word, word)
        word = word.replace("https://example.org/story", f"{site}/story")
        word = word.replace("https://example.org/rss.xml", f"{site}/rss.xml")
        word = word.replace("https://hooks.example/x", f"{site}/hook")
        if word == "feed.xml":
            word = f"{site}/rss.xml"
        if word.startswith("postgresql://") and pg:
            word = pg
        words.append(word)
    if words[1:2] == ["watch"]:
        words.append("--once")
    return env, words[1:]


EXAMPLES = examples()


def test_the_readme_has_examples_of_every_command() -> None:
    named = {argv[argv.index("supplyline") + 1] for _, _, argv in EXAMPLES}
    assert set(cli.commands) - {"resolve"} <= named, "commands without a README example"


@pytest.mark.parametrize(("line", "text", "argv"), EXAMPLES,
                         ids=[f"README:{n}" for n, _, _ in EXAMPLES])
def test_a_readme_example_runs_as_written(line: int, text: str, argv: list[str],
                                          workdir: Path, site: str, ids: dict[str, str],
                                          request: pytest.FixtureRequest,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    # the PostgreSQL examples (which build on each other) share a schema of the test server;
    # without one they skip, saying why
    pg = (request.getfixturevalue("pg_module_url")
          if any("postgresql://" in w for w in argv) else None)
    env, args = made_real(argv, site, ids, pg)
    monkeypatch.chdir(workdir)
    monkeypatch.delenv("SUPPLYLINE_DB", raising=False)
    if args[0] == "serve":
        check_serve(args, workdir)
        return
    result = CliRunner().invoke(cli, args, env=env, catch_exceptions=False)
    assert result.exit_code == 0, f"README line {line}: {text}\n{result.output}"
    check_output(args, result.stdout, workdir, f"README line {line}: {text}")


#: What each example's command must print on stdout (beyond exiting 0).
PRINTS = {"ingest": "documents read", "eval": "F1", "watch": "ALERT",
          "db": "schema"}
#: Commands whose example answers a question: they must print an answer, not nothing.
ANSWERS = {"claims", "facts", "search", "show", "fact", "timeline", "conflicts", "alerts",
           "credibility", "estimates"}


def check_output(args: list[str], stdout: str, workdir: Path, where: str) -> None:
    """The example did what the README says it does, as far as its output shows."""
    import json

    command = args[0]
    if command in ANSWERS:
        assert stdout.strip(), f"{where}: printed nothing"
    if command in PRINTS:
        assert PRINTS[command] in stdout, f"{where}: no {PRINTS[command]!r} in\n{stdout}"
    if command == "extract":
        claims = [json.loads(x) for x in stdout.splitlines() if x.strip()]
        assert claims and all("type" in c and "evidence" in c for c in claims), where
    if "-o" in args:
        written = workdir / args[args.index("-o") + 1]
        assert written.exists() and written.stat().st_size > 0, f"{where}: no {written}"
    if "--json" in args:
        assert all(json.loads(x) for x in stdout.splitlines() if x.strip()), where
    if "--webhook" in args:
        assert Site.hooks, f"{where}: the webhook was not called"


def check_serve(args: list[str], workdir: Path) -> None:
    """`supplyline serve` as a real process on a free port: it serves the overview."""
    import socket

    with closing(socket.socket()) as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "supplyline.cli", *args, "--port", str(port),
                             "--quiet"], cwd=workdir, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            assert proc.poll() is None, proc.communicate()
            assert time.monotonic() < deadline, "serve did not answer in time"
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/", timeout=5)
                break
            except httpx.TransportError:
                time.sleep(0.2)
        assert r.status_code == 200 and "Overview" in r.text
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def python_examples() -> list[tuple[int, str]]:
    """(line, code) of each ```python block of the README."""
    blocks: list[tuple[int, str]] = []
    lines = README.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, 1):
        if line.strip() == "```python":
            end = lines.index("```", number)
            blocks.append((number, "\n".join(lines[number:end])))
    return blocks


@pytest.mark.parametrize(("line", "code"), python_examples(),
                         ids=[f"README:{n}" for n, _ in python_examples()])
def test_a_python_example_runs_as_written(line: int, code: str, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    """The API example as a user pastes it: it extracts, ingests ``articles/`` into
    ``war.db`` and then finds facts there (the API resolves as the command does)."""
    write_corpus(tmp_path / "articles")
    monkeypatch.chdir(tmp_path)
    names: dict[str, object] = {}
    exec(compile(code, f"README.md:{line}", "exec"), names)  # noqa: S102 - the README's code
    assert capsys.readouterr().out.strip(), "the example printed nothing"
    if "facts" in names:
        assert names["facts"], "no facts after the API's ingest"


def test_the_example_ids_are_the_readme_s(ids: dict[str, str]) -> None:
    """Each id substituted appears in the README, so that no substitution is stale."""
    text = README.read_text(encoding="utf-8")
    assert all(example in text for example in ids)


def readme_tables(heading: str) -> list[list[dict[str, str]]]:
    """The Markdown tables of one README section, each as rows of {column: cell}."""
    text = README.read_text(encoding="utf-8")
    section = text[text.index(heading):]
    section = section[:section.index("\n## ", len(heading))]
    tables: list[list[dict[str, str]]] = []
    header: list[str] = []
    for line in section.splitlines():
        if not line.startswith("|"):
            header = []
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if not header:
            header = cells
            tables.append([])
        elif not set("".join(cells)) <= set("-: "):
            tables[-1].append(dict(zip(header, cells, strict=True)))
    return tables


def test_the_readme_answers_the_analysts_question_as_the_command_does(
        sample_db: Path, tmp_path: Path) -> None:
    """The README's answer (troops as of four dates, its headline table) is what
    `estimates` and `report --format md` print on the samples (as `make run` stores them,
    before the other examples add to them)."""
    import json

    db = tmp_path / "supplyline.db"
    shutil.copy(sample_db, db)

    answer, headline = readme_tables("## The analyst's question")
    assert len(answer) >= 3 and len(headline) >= 3
    for row in answer:
        result = CliRunner().invoke(cli, [
            "--db", str(db), "estimates", "--actor", "North Korea",
            "--recipient", "Russia", "--item", "troops", "--phase", "delivered",
            "--as-of", row["as of"], "--json"])
        found = [json.loads(x) for x in result.stdout.splitlines()]
        assert len(found) == 1, f"{row['as of']}: one delivered-troops series, not {found}"
        e = found[0]
        shown = "" if e["low"] == e["high"] else f"{e['low']:,.0f}–{e['high']:,.0f}"
        assert (f"{e['value']:,.0f}", shown, "; ".join(e["sources"]), e["as_of"],
                str(len(e["facts"]))) == (row["estimate"], row["range"], row["according to"],
                                          row["latest report used"], row["facts"]), row
    result = CliRunner().invoke(cli, ["--db", str(db), "report", "--format", "md", "--pair",
                                      "North Korea->Russia", "-o", str(tmp_path / "nk.md")])
    assert result.exit_code == 0, result.output
    report = (tmp_path / "nk.md").read_text(encoding="utf-8")
    for row in headline:
        line = next((x for x in report.splitlines() if x.startswith(f"| {row['Item class']} (")
                     and f"| {row['Phase']} |" in x and f"| {row['Explanation']} |" in x), None)
        assert line, f"no headline row {row} in the report"
        assert "](#claim-" in line and f"[{row['Estimate']}]" in line
        assert f"| {row['As of']} | {row['Independent sources']} |" in line
