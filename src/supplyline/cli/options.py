"""What every command shares: the app object, option decorators, parameter types, the
output consoles and the table helpers. Commands live in the other modules of ``cli/``.
"""

from __future__ import annotations

import csv
import json
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from supplyline.config import SETTINGS, Settings
from supplyline.export import CLAIM_COLUMNS, claim_row
from supplyline.model import Claim
from supplyline.report.format import pair as _pair
from supplyline.report.format import quantity as _quantity
from supplyline.report.format import source as _source
from supplyline.report.format import when as _when
from supplyline.store import BaseStore, is_database_url, open_store

F = TypeVar("F", bound=Callable[..., Any])

HIGHLIGHT = "bold reverse"
MARK = ("\x02", "\x03")  # snippet marks, turned into styles (never markup)


def setting_help(name: str) -> str:
    """The help of a setting of ``config.SETTINGS``, with its default and variable."""
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


def fail(message: str, code: int = 1) -> NoReturn:
    """One ``error:`` line on stderr, then exit with ``code``."""
    click.echo(f"error: {message}", err=True)
    raise click.exceptions.Exit(code)


def examples(*lines: str) -> str:
    """A help epilog that click prints as written."""
    return "\b\nExamples:\n" + "\n".join(f"  {line}" for line in lines)


def output_options(fn: F) -> F:
    """``--json`` (JSON Lines, also spelled ``--jsonl``) and ``--csv``; a table otherwise."""
    fn = click.option("--csv", "as_csv", is_flag=True, help="CSV with a header row.")(fn)
    fn = click.option("--json", "--jsonl", "as_json", is_flag=True,
                      help="JSON Lines: one object a line.")(fn)
    return fn


def output_format(as_json: bool, as_csv: bool) -> str:
    """"json", "csv" or "table", from the flags of ``output_options``."""
    if as_json and as_csv:
        raise click.UsageError("--json and --csv cannot be used together")
    return "json" if as_json else "csv" if as_csv else "table"


jobs_option = click.option(
    "--jobs", "-j", type=click.IntRange(min=1), default=1, show_default=True, metavar="N",
    help="Worker processes that clean and extract (each loads the spaCy pipeline).")


def stdout() -> Console:
    """Stdout. Piped tables get room (COLUMNS, else 160) rather than rich's 80 columns."""
    console = Console(highlight=False)
    if not console.is_terminal and "COLUMNS" not in os.environ:
        console.width = 160
    return console


def stderr() -> Console:
    """Stderr."""
    return Console(stderr=True, highlight=False)


def err_line(console: Console, line: str) -> None:
    """One line on stderr, never wrapped, never read as markup."""
    console.print(Text(line), soft_wrap=True, highlight=False)


def plural(count: int, word: str) -> str:
    """'1 claim', '2 claims'."""
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def open_existing(app: App, *, upgrade: bool = True) -> BaseStore:
    """The store at ``--db``; a SQLite file must exist (a server database is created)."""
    if not is_database_url(app.db) and app.db != ":memory:" and not Path(app.db).exists():
        fail(f"no database at {app.db}; create it with `supplyline ingest`, or pass --db")
    return open_store(app.db, upgrade=upgrade)


# -- tables -----------------------------------------------------------------------------------


def print_claims(claims: Sequence[Claim], fmt: str) -> None:
    """Claims as JSON Lines, CSV (the export's columns) or a table; a note when none."""
    if fmt == "json":
        for c in claims:
            click.echo(json.dumps(c.to_dict(), ensure_ascii=False, allow_nan=False))
    elif fmt == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(CLAIM_COLUMNS)
        writer.writerows(claim_row(c) for c in claims)
    elif claims:
        stdout().print(claims_table(claims))
    else:
        click.echo("No claims.", err=True)


def claims_table(claims: Iterable[Claim]) -> Table:
    """One row a claim: id, type, pair, item, quantity, status, when, source."""
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

