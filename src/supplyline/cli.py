"""The command line: thin commands that parse options, call the library and format its results.

Output goes to stdout (tables, or ``--json`` / ``--csv`` for programs); progress, error lines
and notes go to stderr. Exit status: 0 done, 1 some inputs failed (the rest went in) or a
lookup found nothing, 2 usage error or no spaCy pipeline, 130 interrupted.
"""

from __future__ import annotations

import csv
import json
import logging
import os
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import groupby
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from supplyline import __version__
from supplyline.config import SETTINGS, Settings
from supplyline.export import CLAIM_COLUMNS as CSV_COLUMNS
from supplyline.export import ExportError, datasette_metadata, write_claims, write_facts
from supplyline.export import claim_row as _csv_row
from supplyline.model import CLAIM_TYPES, SOURCE_KINDS, STATUSES, Claim
from supplyline.report.evidence import claim_passages
from supplyline.report.format import number as _number  # noqa: F401 (for other commands)
from supplyline.report.format import pair as _pair
from supplyline.report.format import quantity as _quantity
from supplyline.report.format import source as _source
from supplyline.report.format import when as _when
from supplyline.store import (
    BaseStore,
    ClaimFilter,
    SearchHit,
    StoredDocument,
    StoreError,
    describe_location,
    is_database_url,
    open_store,
)

if TYPE_CHECKING:
    from supplyline.ingest import IngestError, Skipped
    from supplyline.pipeline import Engine, RunSummary, Step
    from supplyline.resolve import ResolveSummary

F = TypeVar("F", bound=Callable[..., Any])

# Libraries that log every page they cannot date or parse; their messages are not ours.
QUIET_LOGGERS = ("trafilatura", "htmldate", "courlan", "justext", "readability",
                 "charset_normalizer")
HIGHLIGHT = "bold reverse"
_MARK = ("\x02", "\x03")  # snippet marks, turned into styles (never markup)


def _setting_help(name: str) -> str:
    s = next(s for s in SETTINGS if s.name == name)
    return f"{s.help} [default: {s.default}; env {s.env}]"


@dataclass(frozen=True)
class App:
    """What the group's options give every command."""

    db: str
    quiet: bool

    def settings(self, **overrides: object) -> Settings:
        return Settings.from_env(db=self.db, **overrides)


class IsoDate(click.ParamType):
    """A YYYY-MM-DD date."""

    name = "DATE"

    def convert(self, value: Any, param: click.Parameter | None,
                ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value).strip())
        except ValueError:
            self.fail(f"{value!r} is not a date like 2025-01-31", param, ctx)


ISO_DATE = IsoDate()


def _fail(message: str, code: int = 1) -> NoReturn:
    """One ``error:`` line on stderr, then exit with ``code``."""
    click.echo(f"error: {message}", err=True)
    raise click.exceptions.Exit(code)


def _is_model_error(exc: BaseException) -> bool:
    nlp = sys.modules.get("supplyline.extract.nlp")  # loaded whenever one was raised
    return nlp is not None and isinstance(exc, nlp.ModelError)


class _Group(click.Group):
    """Turns the library's fatal errors into one line and an exit status."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except StoreError as exc:
            _fail(str(exc))
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            raise click.exceptions.Exit(130) from None
        except Exception as exc:
            if _is_model_error(exc):
                _fail(str(exc), 2)
            raise


def _examples(*lines: str) -> str:
    """A help epilog that click prints as written."""
    return "\b\nExamples:\n" + "\n".join(f"  {line}" for line in lines)


def output_options(fn: F) -> F:
    """``--json`` (JSON Lines, also spelled ``--jsonl``) and ``--csv``; a table otherwise."""
    fn = click.option("--csv", "as_csv", is_flag=True, help="CSV with a header row.")(fn)
    fn = click.option("--json", "--jsonl", "as_json", is_flag=True,
                      help="JSON Lines: one object a line.")(fn)
    return fn


jobs_option = click.option(
    "--jobs", "-j", type=click.IntRange(min=1), default=1, show_default=True, metavar="N",
    help="Worker processes that clean and extract (each loads the spaCy pipeline).")


def _output_format(as_json: bool, as_csv: bool) -> str:
    if as_json and as_csv:
        raise click.UsageError("--json and --csv cannot be used together")
    return "json" if as_json else "csv" if as_csv else "table"


def _out() -> Console:
    """Stdout. Piped tables get room (COLUMNS, else 160) rather than rich's 80 columns."""
    console = Console(highlight=False)
    if not console.is_terminal and "COLUMNS" not in os.environ:
        console.width = 160
    return console


def _err() -> Console:
    return Console(stderr=True, highlight=False)


def _err_line(console: Console, line: str) -> None:
    """One line on stderr, never wrapped, never read as markup."""
    console.print(Text(line), soft_wrap=True, highlight=False)


def _open_existing(app: App, *, upgrade: bool = True) -> BaseStore:
    """The store at ``--db``; a SQLite file must exist (a server database is created)."""
    if not is_database_url(app.db) and app.db != ":memory:" and not Path(app.db).exists():
        _fail(f"no database at {app.db}; create it with `supplyline ingest`, or pass --db")
    return open_store(app.db, upgrade=upgrade)


# -- the group ----------------------------------------------------------------------------------


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]},
             epilog=_examples(
                 "supplyline ingest articles/ --published 2025-01-15",
                 'supplyline claims --actor "North Korea" --type personnel',
                 "supplyline show 3f2a9c41d0be",
                 "supplyline --db war.db search \"artillery shells\"",
                 "supplyline --db postgresql://analyst@dbhost/supplyline claims --json",
             ))
@click.option("--db", metavar="PATH_OR_URL", envvar="SUPPLYLINE_DB",
              default="supplyline.db", help=_setting_help("db"))
@click.option("--quiet", "-q", is_flag=True,
              help="No progress bar and no summary; errors are still printed.")
@click.version_option(__version__, "--version", prog_name="supplyline",
                      message="%(prog)s %(version)s")
@click.pass_context
def cli(ctx: click.Context, db: str, quiet: bool) -> None:
    """Evidence-linked claims about military support between states, extracted from news.

    Ingest articles into a local SQLite database (or a PostgreSQL one: --db
    postgresql://...), then list, show and search what they claim; extract and eval work
    without a database.
    """
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.ERROR)
    ctx.obj = App(db=db, quiet=quiet)


def main() -> None:
    """The ``supplyline`` console script."""
    cli(prog_name="supplyline")


# -- ingest -------------------------------------------------------------------------------------


@cli.command(epilog=_examples(
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
              help=_setting_help("max_bytes"))
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
    from supplyline.resolve import resolve

    settings = app.settings(max_bytes=max_bytes)
    chosen = _engine(engine, scheduler, jobs)
    err = _err()
    bar = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                   TimeElapsedColumn(), console=err, transient=True,
                   disable=app.quiet or not err.is_terminal)

    def on_step(step: Step, summary: RunSummary) -> None:
        if step.error is not None:
            _err_line(bar.console, f"error: {step.error.origin}: {step.error.reason}")
        if step.skipped is not None and not app.quiet:
            _err_line(bar.console, _skip_note(step.skipped))
        bar.update(task, description=_progress_line(summary))

    if not isinstance(chosen, LocalEngine) and not app.quiet:
        _err_line(err, f"note: cleaning and extracting on {chosen.describe()}")
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
        _err_line(err, f"interrupted: {_n(s.stored, 'new document')} stored in "
                       f"{describe_location(app.db)} ({_n(s.claims, 'claim')}); "
                       "run the same command again to resume")
        raise click.exceptions.Exit(130) from None
    except ClusterError as exc:
        _fail(str(exc), 2)
    if not app.quiet:
        _print_summary(_out(), summary, stats, app.db, _resolved_line(resolved, stats))
    if summary.failures:
        raise click.exceptions.Exit(1)


def _resolved_line(resolved: ResolveSummary | None, stats: dict[str, Any]) -> str:
    if resolved is None:
        return "Claims not resolved into facts yet (--no-resolve): run `supplyline resolve`"
    return (f"Resolved {_n(resolved.claims_resolved, 'new claim')} into facts "
            f"({_n(stats['facts'], 'fact')} in all; `supplyline facts` lists them)")


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
    records = f", {_n(skipped, 'archive record')} skipped" if skipped else ""
    return (f"{_n(s.read, 'document')} ({s.stored} new, {s.unchanged} unchanged{failed}), "
            f"{_n(s.claims, 'claim')}{records}")


def _print_summary(out: Console, s: RunSummary, stats: dict[str, Any], db: str,
                   resolved: str = "") -> None:
    if s.found:
        out.print(_found_table(s.found))
    else:
        out.print("No claims found in these documents.")
    failed = f", {len(s.failures)} failed" if s.failures else ""
    out.print(Text(
        f"{_n(s.read, 'document')} read: {s.stored} new, {s.unchanged} unchanged{failed}; "
        f"{_n(s.claims, 'claim')} stored in {s.elapsed:.1f}s"), soft_wrap=True)
    skipped = sum(s.skipped.values())
    if skipped:
        out.print(Text(f"{_n(skipped, 'archive record')} skipped (not articles): "
                       + ", ".join(f"{n:,} {why}" for why, n in s.skipped.most_common())),
                  soft_wrap=True)
    if resolved:
        out.print(Text(resolved), soft_wrap=True)
    out.print(Text(f"Database: {describe_location(db)} ({_n(stats['documents'], 'document')}, "
                   f"{_n(stats['claims'], 'claim')} in all)"), soft_wrap=True)


def _n(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


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


# -- claims -------------------------------------------------------------------------------------


@cli.command("claims", epilog=_examples(
    'supplyline claims --actor "North Korea" --recipient Russia',
    "supplyline claims --type munitions --since 2024-10-01 --until 2024-12-31",
    "supplyline claims --status pledged --source-kind government --json",
    "supplyline claims --item shells --csv > shells.csv",
))
@click.option("--actor", help="Who sends or does it (canonical name, any case).")
@click.option("--recipient", help="Who receives it.")
@click.option("--type", "type_", type=click.Choice(CLAIM_TYPES, case_sensitive=False),
              help="Claim type.")
@click.option("--status", type=click.Choice(STATUSES, case_sensitive=False), help="Status.")
@click.option("--item", help="Words in the item (substring, any case).")
@click.option("--since", type=ISO_DATE, help="Claims whose time overlaps this date or later.")
@click.option("--until", type=ISO_DATE, help="Claims whose time overlaps this date or earlier.")
@click.option("--source-kind", type=click.Choice(SOURCE_KINDS, case_sensitive=False),
              help="Kind of source the claim is attributed to.")
@click.option("--doc", help="Only this document's claims (its id).")
@click.option("--limit", type=click.IntRange(min=0), metavar="N", help="At most this many claims.")
@output_options
@click.pass_obj
def claims_command(app: App, actor: str | None, recipient: str | None, type_: str | None,
                   status: str | None, item: str | None, since: date | None,
                   until: date | None, source_kind: str | None, doc: str | None,
                   limit: int | None, as_json: bool, as_csv: bool) -> None:
    """List stored claims, filtered; a table, JSON Lines or CSV.

    Claims are ordered by their document's date, then by position in the document.
    """
    fmt = _output_format(as_json, as_csv)
    flt = ClaimFilter(actor=actor, recipient=recipient, type=type_, status=status, item=item,
                      since=since, until=until, source_kind=source_kind, doc=doc, limit=limit)
    with _open_existing(app) as store:
        found = store.claims(flt)
    _print_claims(found, fmt)


def _print_claims(claims: Sequence[Claim], fmt: str) -> None:
    if fmt == "json":
        for c in claims:
            click.echo(json.dumps(c.to_dict(), ensure_ascii=False))
    elif fmt == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(CSV_COLUMNS)
        writer.writerows(_csv_row(c) for c in claims)
    elif claims:
        _out().print(_claims_table(claims))
    else:
        click.echo("No claims.", err=True)


def _claims_table(claims: Iterable[Claim]) -> Table:
    table = Table()
    for name in ("id", "type", "actor → recipient", "item", "quantity", "status", "when",
                 "source"):
        wrap = name in ("actor → recipient", "item", "source", "when")
        table.add_column(name, no_wrap=not wrap, overflow="fold" if wrap else "ellipsis")
    for c in claims:
        table.add_row(*(Text(x) for x in (
            c.id, c.type, _pair(c.actor, c.recipient), c.item or "", _quantity(c.quantity),
            c.status, _when(c.when), _source(c))))
    return table


# -- show ---------------------------------------------------------------------------------------


@cli.command(epilog=_examples("supplyline show 3f2a9c41d0be"))
@click.argument("claim_id")
@click.pass_obj
def show(app: App, claim_id: str) -> None:
    """Show one claim: its fields, its evidence highlighted in its paragraph, and the
    document it comes from.

    CLAIM_ID is the id that `supplyline claims` lists.
    """
    with _open_existing(app) as store:
        found = store.claim_context(claim_id.strip())
    if found is None:
        _fail(f"no claim with id {claim_id!r}; `supplyline claims` lists the ids")
    claim, doc = found
    out = _out()
    out.print(_claim_fields(claim, doc))
    out.print()
    out.print(Text("Evidence", style="bold"))
    for kind, paragraph in _evidence_paragraphs(claim, doc, plain=out.color_system is None):
        out.print(Text(f"[{kind}]", style="dim"))
        out.print(paragraph)
        out.print()


def _claim_fields(c: Claim, doc: StoredDocument) -> Table:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column()
    s = c.source
    source = " · ".join(x for x in (
        f"“{s.text}”" if s.text else None, s.name, s.kind, s.country) if x)
    when = ""
    if c.when is not None:
        interval = _when(c.when) if (c.when.start or c.when.end) else "unresolved"
        when = f"“{c.when.text}” ({interval})"
    rows = [
        ("Claim", c.id), ("Type", c.type), ("Actor", c.actor),
        ("Recipient", c.recipient or ""), ("Item", c.item or ""),
        ("Quantity", _quantity(c.quantity)), ("Basis", c.basis or ""), ("Status", c.status),
        ("When", when), ("Source", source), ("Place", c.place or ""),
        ("Document", doc.id), ("Title", doc.title or ""), ("Outlet", doc.outlet or ""),
        ("Published", str(doc.published or "")), ("URL", doc.url or ""),
    ]
    for key, value in rows:
        if value:
            grid.add_row(key, Text(value))
    return grid


def _evidence_paragraphs(c: Claim, doc: StoredDocument, *,
                         plain: bool = False) -> list[tuple[str, Text]]:
    """Each paragraph holding evidence, the evidence highlighted (« » around it when the
    output has no styles), in document order. Text is never read as markup."""
    found, loose = claim_passages(c, doc)
    out = []
    for passage in found:
        text = Text()
        for marked, pieces in groupby(passage.pieces, key=lambda p: bool(p.claims)):
            run = "".join(p.text for p in pieces)
            if marked:
                text.append(f"«{run}»" if plain else run, style=HIGHLIGHT)
            else:
                text.append(run)
        out.append((passage.kind, text))
    for ev_text in loose:
        out.append(("evidence", Text(ev_text, style=HIGHLIGHT)))
    return out


# -- search -------------------------------------------------------------------------------------


@cli.command(epilog=_examples(
    'supplyline search "artillery shells"',
    'supplyline search "Kursk AND troops" --limit 5 --json',
))
@click.argument("query")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True, metavar="N",
              help="At most this many documents.")
@output_options
@click.pass_obj
def search(app: App, query: str, limit: int, as_json: bool, as_csv: bool) -> None:
    """Full-text search over the stored documents (title and article text), best first.

    QUERY: words (all must match), "exact phrases", OR, NOT, prefix* (SQLite's FTS5
    syntax; PostgreSQL takes the same); anything else is searched as plain words.
    """
    fmt = _output_format(as_json, as_csv)
    with _open_existing(app) as store:
        hits = store.search(query, limit) if fmt != "table" else store.search(
            query, limit, mark=_MARK)
    if fmt == "json":
        for h in hits:
            click.echo(json.dumps(_hit_dict(h), ensure_ascii=False))
    elif fmt == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(("doc_id", "title", "outlet", "published", "snippet", "rank"))
        writer.writerows(_hit_dict(h).values() for h in hits)
    elif hits:
        table = Table()
        for name in ("document", "date", "outlet", "title", "snippet"):
            table.add_column(name, overflow="fold")
        out = _out()
        for h in hits:
            table.add_row(Text(h.doc_id), str(h.published or ""), Text(h.outlet or ""),
                          Text(h.title or ""), _snippet(h.snippet, plain=out.color_system is None))
        out.print(table)
    else:
        click.echo("No documents match.", err=True)


def _hit_dict(h: SearchHit) -> dict[str, Any]:
    return {"doc_id": h.doc_id, "title": h.title, "outlet": h.outlet,
            "published": h.published.isoformat() if h.published else None,
            "snippet": h.snippet, "rank": h.rank}


def _snippet(s: str, *, plain: bool = False) -> Text:
    """A snippet whose matches are wrapped in ``_MARK``, as styled text (« » when plain)."""
    text = Text()
    rest = s
    while _MARK[0] in rest:
        before, _, tail = rest.partition(_MARK[0])
        hit, _, rest = tail.partition(_MARK[1])
        text.append(before)
        text.append(f"«{hit}»" if plain else hit, style=HIGHLIGHT)
    text.append(rest)
    return text


# -- extract and eval ---------------------------------------------------------------------------


def _corpus_options(fn: F) -> F:
    fn = jobs_option(fn)
    fn = click.option("--published", type=ISO_DATE,
                      help="Publication date for documents that give none.")(fn)
    return fn


def _run_corpus(app: App, corpus: Sequence[str], published: date | None, jobs: int,
                failures: list[IngestError]) -> Iterable[tuple[Any, list[Claim]]]:
    from supplyline.pipeline import extract_corpus

    err = _err()

    def on_error(e: IngestError) -> None:
        failures.append(e)
        _err_line(err, f"error: {e.origin}: {e.reason}")

    def on_skip(skipped: Skipped) -> None:
        if not app.quiet:
            _err_line(err, _skip_note(skipped))

    return extract_corpus(corpus, published, app.settings(), jobs, on_error=on_error,
                          on_skip=on_skip)


@cli.command(epilog=_examples(
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
    fmt = _output_format(as_json, as_csv)
    failures: list[IngestError] = []
    claims: list[Claim] = []
    if fmt == "csv":
        click.echo(",".join(CSV_COLUMNS))
    for _doc, found in _run_corpus(app, corpus, published, jobs, failures):
        if fmt == "json":
            for c in found:
                click.echo(json.dumps(c.to_dict(), ensure_ascii=False))
        elif fmt == "csv":
            csv.writer(sys.stdout, lineterminator="\n").writerows(_csv_row(c) for c in found)
        else:
            claims.extend(found)
    if fmt == "table":
        _print_claims(claims, fmt)
    if failures:
        raise click.exceptions.Exit(1)


@cli.command("eval", epilog=_examples(
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
    err = _err()
    if gold_rows and not scored:
        _err_line(err, "warning: no document of the gold file is in the corpus "
                       "(gold `doc` must be the file name or the JSONL id)")
    elif left_out:
        _err_line(err, f"note: {len(gold_rows) - len(scored)} gold claims of {len(left_out)} "
                       "documents not in the corpus were left out")
    report = score(scored, predicted)
    if as_json:
        click.echo(json.dumps(report.to_json(), ensure_ascii=False))
    else:
        click.echo(format_report(report))
    if failures:
        raise click.exceptions.Exit(1)


# -- db -----------------------------------------------------------------------------------------


@cli.group("db", epilog=_examples(
    "supplyline db version",
    "supplyline --db postgresql://analyst@dbhost/supplyline db upgrade",
))
def db_group() -> None:
    """The database itself: its schema version, and migrating it to this supplyline's."""


@db_group.command("version", epilog=_examples(
    "supplyline db version",
    "supplyline --db postgresql://analyst@dbhost/supplyline db version",
))
@click.pass_obj
def db_version(app: App) -> None:
    """Print the database's schema version and the one this supplyline writes."""
    with _open_existing(app, upgrade=False) as store:
        version, latest = store.schema_version, store.latest_version
    state = "up to date" if version == latest else "run `supplyline db upgrade`"
    click.echo(f"{describe_location(app.db)}: schema version {version} "
               f"(this supplyline: {latest}; {state})")


@db_group.command("upgrade", epilog=_examples(
    "supplyline --db war.db db upgrade",
    "SUPPLYLINE_DB=postgresql://analyst@dbhost/supplyline supplyline db upgrade",
))
@click.pass_obj
def db_upgrade(app: App) -> None:
    """Create the database or migrate it to this supplyline's schema; print the version.

    Every command migrates the database it opens as needed; this one does only that, e.g.
    before several people start working on a shared PostgreSQL database.
    """
    with open_store(app.db, upgrade=False) as store:
        before = store.schema_version
        after = store.upgrade()
    change = "already at" if before == after else f"upgraded from {before} to"
    click.echo(f"{describe_location(app.db)}: {change} schema version {after}")



# -- report, serve, export ---------------------------------------------------------------------


@cli.command(epilog=_examples(
    "supplyline report -o report.html",
    'supplyline report --since 2025-01-01 --pair "North Korea->Russia" -o nk.html',
    "supplyline report --format md -o report.md",
))
@click.option("--since", type=ISO_DATE,
              help="'What changed' covers documents published on or after this date "
                   "[default: 30 days before the newest document].")
@click.option("--pair", "pairs", multiple=True, metavar='"ACTOR->RECIPIENT"',
              help="Only this pair (repeatable); an actor alone takes all of its pairs.")
@click.option("--format", "report_format", type=click.Choice(("html", "md")),
              help="html (one self-contained file) or md [default: from the output's "
                   "suffix, else html].")
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="File to write [default: report.html or report.md].")
@click.pass_obj
def report(app: App, since: date | None, pairs: tuple[str, ...], report_format: str | None,
           output: str | None) -> None:
    """Write the situation report: headline figures per pair (one per resolved fact) with
    their range, phase and independent sources, a timeline chart per pair and item class,
    what changed since a date, contradictions and revisions, credibility flags, and every
    claim's evidence in context (each figure links to it).

    The HTML file is self-contained (inline CSS and SVG charts, no script, no external
    URL). The path of the file written is printed on stdout.
    """
    from supplyline.report import build_situation, parse_pair
    from supplyline.report.render import render

    try:
        wanted = [parse_pair(p) for p in pairs]
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--pair") from exc
    chosen = report_format or ("md" if output and output.endswith(".md") else "html")
    path = Path(output or f"report.{chosen}")
    with _open_existing(app) as store:
        situation = build_situation(store, since=since, pairs=wanted)
    try:
        path.write_text(render(situation, chosen), encoding="utf-8")
    except OSError as exc:
        _fail(f"cannot write {path}: {exc.strerror or exc}")
    if not app.quiet:
        _err_line(_err(), f"{_n(len(situation.pairs), 'pair')}, {_n(situation.claims, 'claim')}"
                          f" from {_n(situation.documents, 'document')}")
    click.echo(str(path.resolve()))


@cli.command(epilog=_examples(
    "supplyline serve",
    "supplyline --db war.db serve --port 8080",
))
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; 0.0.0.0 opens the dashboard to the network.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port to listen on.")
@click.pass_obj
def serve(app: App, host: str, port: int) -> None:
    """Serve the dashboard: overview of pairs and headline figures (/), a filterable claims
    table (/claims), claims, facts, documents and sources with their evidence highlighted and
    their credibility signals, the alerts feed (/alerts), full-text search (/search), and a
    JSON API under /api/ (described at /openapi.json).
    """
    from supplyline.web import serve as run_server

    _open_existing(app).close()
    _err_line(_err(), f"Serving {describe_location(app.db)} at http://{host}:{port}/ "
                      "(Ctrl-C stops)")
    run_server(app.db, host, port, log_level="warning" if app.quiet else "info")


@cli.command(epilog=_examples(
    "supplyline export --format csv -o claims.csv",
    "supplyline export --format jsonl > claims.jsonl",
    "supplyline export --format parquet -o claims.parquet",
    "supplyline export --what facts --format csv -o facts.csv",
    "supplyline export --datasette-metadata -o metadata.json",
))
@click.option("--format", "export_format", type=click.Choice(("csv", "jsonl", "parquet")),
              default="csv", show_default=True, help="Output format (parquet needs -o).")
@click.option("--what", type=click.Choice(("claims", "facts")), default="claims",
              show_default=True, help="Claims, or the facts they were resolved into.")
@click.option("--datasette-metadata", "metadata", is_flag=True,
              help="Write Datasette metadata (JSON: table and column descriptions) for the "
                   "database instead; then `datasette DB -m metadata.json`.")
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="File to write [default: stdout].")
@click.pass_obj
def export(app: App, export_format: str, what: str, metadata: bool,
           output: str | None) -> None:
    """Export claims with their evidence, source and document (title, outlet, date, URL),
    or facts with their reports, sources and evidence: CSV (lists joined by " | "), JSON
    Lines (claims in the spec's shape plus the document) or Parquet (lists as lists)."""
    if metadata:
        text = json.dumps(datasette_metadata(app.db), indent=2, ensure_ascii=False) + "\n"
        if output:
            Path(output).write_text(text, encoding="utf-8")
        else:
            click.echo(text, nl=False)
        return
    with _open_existing(app) as store:
        try:
            writer = write_facts if what == "facts" else write_claims
            count = writer(store, output or sys.stdout, export_format)
        except ExportError as exc:
            _fail(str(exc), 2)
        except OSError as exc:
            _fail(f"cannot write {output or 'stdout'}: {exc.strerror or exc}")
    if not app.quiet and output:
        _err_line(_err(), f"{_n(count, what[:-1])} written to {output}")


# The commands of the resolve stage (docs, facts, fact, conflicts, timeline, credibility,
# alerts, watch) live in their own module, registered on ``cli`` when it is imported.
from supplyline import cli_resolve  # noqa: E402, F401

__all__ = ["cli", "main", "output_options"]

if __name__ == "__main__":
    main()

