"""report, serve, export: the picture for people and for other programs."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import click

from supplyline.cli.options import (
    ISO_DATE,
    App,
    canonical_names,
    err_line,
    examples,
    fail,
    open_existing,
    plural,
    stderr,
)
from supplyline.export import ExportError, datasette_metadata, write_claims, write_facts
from supplyline.store import describe_location


@click.command(epilog=examples(
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
    with open_existing(app) as store:
        named = [canonical_names(app, store, option="--pair", actor=a, recipient=r)
                 for a, r in wanted]
        wanted = [(n["actor"] or a, n["recipient"]) for n, (a, _r) in zip(named, wanted,
                                                                         strict=True)]
        situation = build_situation(store, since=since, pairs=wanted)
    try:
        path.write_text(render(situation, chosen), encoding="utf-8")
    except OSError as exc:
        fail(f"cannot write {path}: {exc.strerror or exc}")
    if not app.quiet:
        err_line(stderr(), f"{plural(len(situation.pairs), 'pair')}, "
                           f"{plural(situation.claims, 'claim')} from "
                           f"{plural(situation.documents, 'document')}")
    click.echo(str(path.resolve()))


@click.command(epilog=examples(
    "supplyline serve",
    "supplyline --db war.db serve --port 8080",
))
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; 0.0.0.0 opens the dashboard to the network "
                   "(it has no authentication: see the README).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port to listen on.")
@click.option("--allowed-host", "allowed", multiple=True, metavar="NAME",
              help="Also answer requests for this host name (as the browser or a proxy "
                   "sends it; *.example.org for a domain); repeatable. 127.0.0.1, localhost "
                   "and --host always are.")
@click.pass_obj
def serve(app: App, host: str, port: int, allowed: tuple[str, ...]) -> None:
    """Serve the dashboard: overview of pairs and headline figures (/), a filterable claims
    table (/claims), claims, facts, documents and sources with their evidence highlighted and
    their credibility signals, the alerts feed (/alerts), full-text search (/search), and a
    JSON API under /api/ (described at /openapi.json).

    The dashboard has no accounts: it answers only requests addressed to this machine's
    names, --host and each --allowed-host, and anyone who can reach it reads everything.
    """
    import supplyline.web
    from supplyline.web.security import EVERY_ADDRESS, LOCAL_HOSTS

    open_existing(app).close()
    if host not in LOCAL_HOSTS:
        err_line(stderr(), f"warning: the dashboard has no authentication, and {host} "
                           "opens it to the network: anyone who can reach this port reads "
                           "the whole database. Put it behind a proxy that asks for a "
                           "password (README: Dashboard)"
                           + ("; give the names it is reached by with --allowed-host"
                              if host in EVERY_ADDRESS and not allowed else "") + ".")
    err_line(stderr(), f"Serving {describe_location(app.db)} at http://{host}:{port}/ "
                       "(Ctrl-C stops)")
    supplyline.web.serve(app.db, host, port, allowed_hosts=allowed,
                         log_level="warning" if app.quiet else "info")


@click.command(epilog=examples(
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
        text = json.dumps(datasette_metadata(app.db), indent=2, ensure_ascii=False,
                          allow_nan=False) + "\n"
        if output:
            Path(output).write_text(text, encoding="utf-8")
        else:
            click.echo(text, nl=False)
        return
    with open_existing(app) as store:
        try:
            writer = write_facts if what == "facts" else write_claims
            count = writer(store, output or sys.stdout, export_format)
        except ExportError as exc:
            fail(str(exc), 2)
        except OSError as exc:
            fail(f"cannot write {output or 'stdout'}: {exc.strerror or exc}")
    if not app.quiet and output:
        err_line(stderr(), f"{plural(count, what[:-1])} written to {output}")



COMMANDS = (report, serve, export)
