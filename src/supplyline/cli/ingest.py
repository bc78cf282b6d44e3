"""ingest, extract, eval: reading articles, into the database or not."""

from __future__ import annotations

import csv
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from supplyline.cli.options import (
    ISO_DATE,
    App,
    F,
    err_line,
    examples,
    fail,
    jobs_option,
    output_format,
    output_options,
    plural,
    print_claims,
    setting_help,
    stderr,
    stdout,
)
from supplyline.export import CLAIM_COLUMNS as CSV_COLUMNS
from supplyline.export import claim_row as _csv_row
from supplyline.model import Claim, Document
from supplyline.report.format import pair as _pair
from supplyline.store import describe_location, open_store

if TYPE_CHECKING:
    from supplyline.ingest import IngestError, Skipped
    from supplyline.pipeline import Engine, RunSummary, Step
    from supplyline.resolve import ResolveSummary


@click.command(epilog=examples(
    "supplyline ingest articles/ corpus.jsonl page.html",
    "supplyline ingest notes.txt --published 2025-01-15",
    "supplyline --db war.db ingest https://example.com/rss.xml --jobs 4",
    "supplyline ingest CC-NEWS-20241101.warc.gz wire-2024.jsonl.zst --engine dask --jobs 2",
    "supplyline ingest archives/ --scheduler tcp://10.0.0.5:8786",
))
@click.argument("inputs", nargs=-1, required=True, metavar="PATH_OR_URL...")
@click.option("--published", type=ISO_DATE,
              help="Publication date for documents that give none (resolves 'last month').")
@jobs_option
@click.option("--engine", type=click.Choice(["local", "dask"]),
              help="Where to clean and extract: local worker processes (--jobs), or a Dask "
                   "cluster (a local one of --jobs workers, or the one at --scheduler) "
                   "[default: local; dask with --scheduler].")
@click.option("--scheduler", metavar="tcp://HOST:PORT",
              help="Address of a running Dask scheduler whose workers do the work (implies "
                   "--engine dask; --jobs is then ignored).")
@click.option("--max-bytes", type=click.IntRange(min=1), metavar="N",
              help=setting_help("max_bytes"))
@click.option("--no-resolve", is_flag=True,
              help="Store claims without resolving them into facts (for a bulk load in "
                   "several runs: `supplyline resolve` once at the end).")
@click.pass_obj
def ingest(app: App, inputs: tuple[str, ...], published: date | None, jobs: int,
           engine: str | None, scheduler: str | None, max_bytes: int | None,
           no_resolve: bool) -> None:
    """Read articles, extract their claims and store both in the database.

    PATH_OR_URL is a text or HTML file, a JSON Lines corpus (id, text or html, url, title,
    author, outlet, published; also .jsonl.gz, .jsonl.zst), a WARC archive (.warc,
    .warc.gz: its HTML responses with status 200; the other records are counted and
    skipped), a directory (read recursively) or an http(s) URL of an article or an RSS/Atom
    feed. A document already stored with the same text is skipped, so running the same
    command again after an interruption completes the batch.

    Exit status: 0 all inputs went in, 1 some failed (the rest are stored), 2 no spaCy
    pipeline or no Dask scheduler, 130 interrupted.
    """
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from supplyline.engines import ClusterError, LocalEngine
    from supplyline.pipeline import Interrupted, run

    settings = app.settings(max_bytes=max_bytes)
    chosen = _engine(engine, scheduler, jobs)
    if not no_resolve:  # imported only to resolve: datasketch and SciPy take 0.4 s to load
        from supplyline.resolve import resolve
        from supplyline.resolve.settings import resolve_settings

        resolve_settings()  # a broken settings file stops the run now, not after it
    err = stderr()
    bar = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                   TimeElapsedColumn(), console=err, transient=True,
                   disable=app.quiet or not err.is_terminal)

    def on_step(step: Step, summary: RunSummary) -> None:
        if step.error is not None:
            err_line(bar.console, f"error: {step.error.origin}: {step.error.reason}")
        if step.skipped is not None and not app.quiet:
            err_line(bar.console, _skip_note(step.skipped))
        bar.update(task, description=_progress_line(summary))

    if not isinstance(chosen, LocalEngine) and not app.quiet:
        err_line(err, f"note: cleaning and extracting on {chosen.describe()}")
    try:
        with open_store(app.db) as store, bar:
            task = bar.add_task("reading inputs, loading the spaCy pipeline", total=None)
            summary = run(inputs, store, settings=settings, published=published,
                          engine=chosen, progress=on_step)
            resolved = None
            if not no_resolve:
                bar.update(task, description="resolving claims into facts")
                resolved = resolve(store)
            stats = store.stats()
    except Interrupted as exc:
        s = exc.summary
        err_line(err, f"interrupted: {plural(s.stored, 'new document')} stored in "
                      f"{describe_location(app.db)} ({plural(s.claims, 'claim')}); "
                      "run the same command again to resume")
        raise click.exceptions.Exit(130) from None
    except ClusterError as exc:
        fail(str(exc), 2)
    if not app.quiet:
        _print_summary(stdout(), summary, stats, app.db, _resolved_line(resolved, stats))
    if summary.failures:
        raise click.exceptions.Exit(1)


def undated_warning(doc_ids: Sequence[str], shown: int = 3) -> str:
    """One warning for the documents of a batch stored without a publication date."""
    names = ", ".join(doc_ids[:shown]) + (f" and {len(doc_ids) - shown} more"
                                          if len(doc_ids) > shown else "")
    return (f"warning: {plural(len(doc_ids), 'new document')} without a publication date "
            f"({names}): relative times in them (\"last month\") stay unresolved; give the "
            "date with --published YYYY-MM-DD, or a `published` field in JSON Lines")


def _resolved_line(resolved: ResolveSummary | None, stats: dict[str, Any]) -> str:
    if resolved is None:
        return "Claims not resolved into facts yet (--no-resolve): run `supplyline resolve`"
    return (f"Resolved {plural(resolved.claims_resolved, 'new claim')} into facts "
            f"({plural(stats['facts'], 'fact')} in all; `supplyline facts` lists them)")


def _engine(engine: str | None, scheduler: str | None, jobs: int) -> Engine:
    """The engine the options name: --scheduler means Dask, --jobs the local workers."""
    from supplyline.engines import DaskEngine, LocalEngine

    if scheduler and engine == "local":
        raise click.UsageError("--scheduler needs --engine dask (or leave --engine out)")
    if scheduler:
        return DaskEngine(scheduler=scheduler)
    if engine == "dask":
        return DaskEngine(workers=jobs)
    return LocalEngine(jobs)


def _skip_note(skipped: Skipped) -> str:
    return f"note: {skipped.origin}: skipped {skipped.describe()}"


def _progress_line(s: RunSummary) -> str:
    failed = f", {len(s.failures)} failed" if s.failures else ""
    skipped = sum(s.skipped.values())
    records = f", {plural(skipped, 'archive record')} skipped" if skipped else ""
    return (f"{plural(s.read, 'document')} ({s.stored} new, {s.unchanged} unchanged{failed}), "
            f"{plural(s.claims, 'claim')}{records}")


def _print_summary(out: Console, s: RunSummary, stats: dict[str, Any], db: str,
                   resolved: str = "") -> None:
    if s.found:
        out.print(_found_table(s.found))
    else:
        out.print("No claims found in these documents.")
    failed = f", {len(s.failures)} failed" if s.failures else ""
    out.print(Text(
        f"{plural(s.read, 'document')} read: {s.stored} new, {s.unchanged} unchanged{failed}; "
        f"{plural(s.claims, 'claim')} stored in {s.elapsed:.1f}s"), soft_wrap=True)
    skipped = sum(s.skipped.values())
    if skipped:
        out.print(Text(f"{plural(skipped, 'archive record')} skipped (not articles): "
                       + ", ".join(f"{n:,} {why}" for why, n in s.skipped.most_common())),
                  soft_wrap=True)
    if s.undated:
        out.print(Text(undated_warning(s.undated)), soft_wrap=True)
    if resolved:
        out.print(Text(resolved), soft_wrap=True)
    out.print(Text(f"Database: {describe_location(db)} ({plural(stats['documents'], 'document')}, "
                   f"{plural(stats['claims'], 'claim')} in all)"), soft_wrap=True)


def _found_table(found: Counter[tuple[str, str | None, str]]) -> Table:
    """Claims per actor -> recipient pair and type, the busiest pair first."""
    per_pair: Counter[tuple[str, str | None]] = Counter()
    types: dict[tuple[str, str | None], list[tuple[str, int]]] = defaultdict(list)
    for (actor, recipient, kind), n in found.items():
        per_pair[(actor, recipient)] += n
        types[(actor, recipient)].append((kind, n))
    table = Table(title="Claims found", show_footer=True)
    table.add_column("Actor → Recipient", footer="Total")
    table.add_column("Type")
    table.add_column("Claims", justify="right", footer=str(sum(found.values())))
    pairs = sorted(per_pair, key=lambda p: (-per_pair[p], p[0], p[1] or ""))
    for i, pair in enumerate(pairs):
        if i:
            table.add_section()
        for j, (kind, n) in enumerate(sorted(types[pair], key=lambda t: (-t[1], t[0]))):
            table.add_row(Text(_pair(*pair)) if j == 0 else "", Text(kind), str(n))
    return table


# -- extract and eval ---------------------------------------------------------------------------


def _corpus_options(fn: F) -> F:
    fn = jobs_option(fn)
    fn = click.option("--published", type=ISO_DATE,
                      help="Publication date for documents that give none.")(fn)
    return fn


def _run_corpus(app: App, corpus: Sequence[str], published: date | None, jobs: int,
                failures: list[IngestError]) -> Iterable[tuple[Any, list[Claim]]]:
    from supplyline.pipeline import extract_corpus

    err = stderr()

    def on_error(e: IngestError) -> None:
        failures.append(e)
        err_line(err, f"error: {e.origin}: {e.reason}")

    def on_skip(skipped: Skipped) -> None:
        if not app.quiet:
            err_line(err, _skip_note(skipped))

    return extract_corpus(corpus, published, app.settings(), jobs, on_error=on_error,
                          on_skip=on_skip)


@click.command(epilog=examples(
    "supplyline extract articles/ --published 2025-01-15 --jsonl > claims.jsonl",
    "supplyline extract corpus.jsonl",
))
@click.argument("corpus", nargs=-1, required=True, metavar="CORPUS...")
@_corpus_options
@output_options
@click.pass_obj
def extract(app: App, corpus: tuple[str, ...], published: date | None, jobs: int,
            as_json: bool, as_csv: bool) -> None:
    """Print the claims found in files, directories, JSONL corpora or URLs, without
    touching the database.

    --jsonl prints one claim a line in the spec's shape, evidence as a list of
    {"text", "start", "end"} objects into the document's text.
    """
    fmt = output_format(as_json, as_csv)
    failures: list[IngestError] = []
    claims: list[Claim] = []
    docs: dict[str, Document] = {}
    if fmt == "csv":
        click.echo(",".join(CSV_COLUMNS))
    for doc, found in _run_corpus(app, corpus, published, jobs, failures):
        if fmt == "json":
            for c in found:
                click.echo(json.dumps(c.to_dict(), ensure_ascii=False, allow_nan=False))
        elif fmt == "csv":
            csv.writer(sys.stdout, lineterminator="\n").writerows(_csv_row(c) for c in found)
        else:
            claims.extend(found)
            docs[doc.id] = doc
    if fmt == "table":
        print_claims(claims, fmt, docs)
    if failures:
        raise click.exceptions.Exit(1)


@click.command("eval", epilog=examples(
    "supplyline eval gold.jsonl --docs corpus.jsonl",
    "supplyline eval gold.jsonl --docs articles/ --published 2025-07-03 --json",
))
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.option("--docs", "docs", multiple=True, required=True, metavar="CORPUS",
              help="The annotated documents (file, directory, JSONL corpus); repeatable.")
@_corpus_options
@click.option("--json", "as_json", is_flag=True,
              help="Print one JSON object: precision, recall, f1, fields, per_doc.")
@click.pass_obj
def eval_command(app: App, gold: str, docs: tuple[str, ...], published: date | None,
                 jobs: int, as_json: bool) -> None:
    """Extract claims from the annotated documents and score them against a gold file.

    Only gold claims of documents in the corpus are scored, so a corpus can be a part of
    what the gold file covers. The report lists every miss and every false claim with its
    evidence; --json prints one object and nothing else on stdout.
    """
    from supplyline.evaluate import format_report, load_jsonl, score

    try:
        gold_rows = load_jsonl(gold)
    except (ValueError, UnicodeDecodeError) as exc:
        raise click.BadParameter(str(exc), param_hint="GOLD") from exc
    failures: list[IngestError] = []
    doc_ids: set[str] = set()
    predicted: list[dict[str, Any]] = []
    for doc, found in _run_corpus(app, docs, published, jobs, failures):
        doc_ids.add(doc.id)
        predicted.extend(c.to_dict() for c in found)
    scored = [g for g in gold_rows if g.get("doc") in doc_ids]
    left_out = {g.get("doc") for g in gold_rows} - doc_ids
    err = stderr()
    if gold_rows and not scored:
        err_line(err, "warning: no document of the gold file is in the corpus "
                      "(gold `doc` must be the file name or the JSONL id)")
    elif left_out:
        err_line(err, f"note: {len(gold_rows) - len(scored)} gold claims of {len(left_out)} "
                      "documents not in the corpus were left out")
    report = score(scored, predicted)
    if as_json:
        click.echo(json.dumps(report.to_json(), ensure_ascii=False, allow_nan=False))
    else:
        click.echo(format_report(report))
    if failures:
        raise click.exceptions.Exit(1)


COMMANDS = (ingest, extract, eval_command)
