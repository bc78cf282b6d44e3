"""claims, show, search: reading what the database holds."""

from __future__ import annotations

import csv
import json
import sys
from datetime import date
from itertools import groupby
from typing import Any

import click
from rich.table import Table
from rich.text import Text

from supplyline.cli.options import (
    HIGHLIGHT,
    ISO_DATE,
    MARK,
    App,
    canonical_names,
    examples,
    fail,
    open_existing,
    output_format,
    output_options,
    print_claims,
    stdout,
)
from supplyline.model import CLAIM_TYPES, SOURCE_KINDS, STATUSES, Claim
from supplyline.report.evidence import claim_passages
from supplyline.report.format import quantity as _quantity
from supplyline.report.format import when as _when
from supplyline.store import ClaimFilter, SearchHit, StoredDocument
from supplyline.store.base import SNIPPET_MARK


@click.command("claims", epilog=examples(
    'supplyline claims --actor "North Korea" --recipient Russia',
    "supplyline claims --type munitions --since 2024-10-01 --until 2024-12-31",
    "supplyline claims --status pledged --source-kind government --json",
    "supplyline claims --item shells --csv > shells.csv",
))
@click.option("--actor", help="Who sends or does it: a name, alias, demonym or capital "
                               "(\"DPRK\", \"Pyongyang\"), any case.")
@click.option("--recipient", help="Who receives it.")
@click.option("--type", "type_", type=click.Choice(CLAIM_TYPES, case_sensitive=False),
              help="Claim type.")
@click.option("--status", type=click.Choice(STATUSES, case_sensitive=False), help="Status.")
@click.option("--item", help="Words in the item (substring, any case).")
@click.option("--since", type=ISO_DATE, help="Claims whose time overlaps this date or later.")
@click.option("--until", type=ISO_DATE, help="Claims whose time overlaps this date or earlier.")
@click.option("--source-kind", type=click.Choice(SOURCE_KINDS, case_sensitive=False),
              help="Kind of source the claim is attributed to.")
@click.option("--outlet", help="Only claims of documents from this outlet (any case).")
@click.option("--doc", help="Only this document's claims (its id).")
@click.option("--limit", type=click.IntRange(min=0), metavar="N", help="At most this many claims.")
@output_options
@click.pass_obj
def claims_command(app: App, actor: str | None, recipient: str | None, type_: str | None,
                   status: str | None, item: str | None, since: date | None,
                   until: date | None, source_kind: str | None, outlet: str | None,
                   doc: str | None, limit: int | None, as_json: bool, as_csv: bool) -> None:
    """List stored claims, filtered; a table, JSON Lines or CSV.

    Claims are ordered by their document's date, then by position in the document.
    """
    fmt = output_format(as_json, as_csv)
    with open_existing(app) as store:
        names = canonical_names(app, store, actor=actor, recipient=recipient)
        found = store.claims(ClaimFilter(
            actor=names["actor"], recipient=names["recipient"], type=type_, status=status,
            item=item, since=since, until=until, source_kind=source_kind, outlet=outlet,
            doc=doc, limit=limit))
        docs = store.document_refs({c.doc for c in found}) if fmt == "table" else {}
    print_claims(found, fmt, docs)


# -- show ---------------------------------------------------------------------------------------


@click.command(epilog=examples("supplyline show 3f2a9c41d0be"))
@click.argument("claim_id")
@click.pass_obj
def show(app: App, claim_id: str) -> None:
    """Show one claim: its fields, its evidence highlighted in its paragraph, and the
    document it comes from.

    CLAIM_ID is the id that `supplyline claims` lists.
    """
    with open_existing(app) as store:
        found = store.claim_context(claim_id.strip())
    if found is None:
        fail(f"no claim with id {claim_id!r}; `supplyline claims` lists the ids")
    claim, doc = found
    out = stdout()
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


@click.command(epilog=examples(
    'supplyline search "artillery shells"',
    'supplyline search "North Korea shell"   # also "North Korean", "shells"',
    'supplyline search "Kursk AND troops" --limit 5 --json',
))
@click.argument("query")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True, metavar="N",
              help="At most this many documents.")
@output_options
@click.pass_obj
def search(app: App, query: str, limit: int, as_json: bool, as_csv: bool) -> None:
    """Full-text search over the stored documents (title and article text), best first.

    QUERY: words (all must match, stemmed: "shell" finds "shells"), "exact phrases", OR,
    NOT, prefix* (SQLite's FTS5 syntax; PostgreSQL takes the same); anything else is
    searched as plain words. In a query of plain words a country also finds its demonym
    ("North Korea" finds "North Korean").
    """
    from supplyline.vocab import load_vocabulary
    from supplyline.vocab.names import search_synonyms

    fmt = output_format(as_json, as_csv)
    synonyms = search_synonyms(load_vocabulary(tuple(app.settings().vocab)))
    with open_existing(app) as store:
        hits = store.search(query, limit, synonyms=synonyms,
                            mark=MARK if fmt == "table" else SNIPPET_MARK)
    if fmt == "json":
        for h in hits:
            click.echo(json.dumps(_hit_dict(h), ensure_ascii=False, allow_nan=False))
    elif fmt == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(("doc_id", "title", "outlet", "published", "snippet", "rank"))
        writer.writerows(_hit_dict(h).values() for h in hits)
    elif hits:
        table = Table()
        for name in ("document", "date", "outlet", "title", "snippet"):
            table.add_column(name, overflow="fold")
        out = stdout()
        for h in hits:
            table.add_row(Text(h.doc_id), str(h.published or ""), Text(h.outlet or ""),
                          Text(h.label), _snippet(h.snippet, plain=out.color_system is None))
        out.print(table)
    else:
        click.echo("No documents match.", err=True)


def _hit_dict(h: SearchHit) -> dict[str, Any]:
    return {"doc_id": h.doc_id, "title": h.title, "outlet": h.outlet,
            "published": h.published.isoformat() if h.published else None,
            "snippet": h.snippet, "rank": h.rank}


def _snippet(s: str, *, plain: bool = False) -> Text:
    """A snippet whose matches are wrapped in ``MARK``, as styled text (« » when plain)."""
    text = Text()
    rest = s
    while MARK[0] in rest:
        before, _, tail = rest.partition(MARK[0])
        hit, _, rest = tail.partition(MARK[1])
        text.append(before)
        text.append(f"«{hit}»" if plain else hit, style=HIGHLIGHT)
    text.append(rest)
    return text


COMMANDS = (claims_command, show, search)
