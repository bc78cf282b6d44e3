"""What every command shares: the app object, option decorators, parameter types, the
output consoles and the table helpers. Commands live in the other modules of ``cli/``.
"""

from __future__ import annotations

import csv
import json
import os
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any, NoReturn, Protocol, TypeVar

import click
from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from supplyline.config import SETTINGS, Settings
from supplyline.errors import UnknownName
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


def _override(name: str) -> Callable[[click.Context, click.Parameter, Any], None]:
    """A callback that puts a command's own ``--db`` / ``--quiet`` into the app."""

    def callback(ctx: click.Context, _param: click.Parameter, value: Any) -> None:
        if value in (None, False):  # not given after the command: the group's stands
            return
        app = ctx.find_object(App) or App(db=Settings.from_env().db, quiet=False)
        ctx.obj = replace(app, **{name: value})

    return callback


def shared_options() -> list[click.Parameter]:
    """``--db`` and ``--quiet`` for every command, so that they work after it as well as
    before it (``supplyline claims --db war.db``); given after, they win."""
    return [
        click.Option(["--db"], metavar="PATH_OR_URL", expose_value=False,
                     callback=_override("db"), help=setting_help("db")),
        click.Option(["--quiet", "-q"], is_flag=True, expose_value=False,
                     callback=_override("quiet"),
                     help="No progress bar and no summary; errors are still printed."),
    ]


def add_shared_options(command: click.Command) -> click.Command:
    """``command`` (and a group's subcommands) with ``shared_options`` added."""
    names = {n for p in command.params for n in p.opts}
    command.params.extend(p for p in shared_options() if not names & set(p.opts))
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            add_shared_options(sub)
    return command


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


def canonical_names(app: App, store: BaseStore, *, option: str | None = None,
                    **names: str | None) -> dict[str, str | None]:
    """``actor="DPRK"`` -> ``{"actor": "North Korea"}``: each name given through the
    vocabulary's aliases (and the names in the database). An unknown one is a lookup that
    found nothing (exit 1), its line naming ``option`` (default ``--KEY``) and the closest
    known names."""
    wanted = {k: v for k, v in names.items() if v is not None and v.strip()}
    if not wanted:
        return dict.fromkeys(names)
    from supplyline.vocab import load_vocabulary
    from supplyline.vocab.names import canonical_name, name_forms

    forms = name_forms(load_vocabulary(tuple(app.settings().vocab)), store.actor_names())
    out: dict[str, str | None] = dict.fromkeys(names)
    for key, value in wanted.items():
        try:
            out[key] = canonical_name(value, forms, role=key)
        except UnknownName as exc:
            hint = (f"did you mean {exc.hint}?" if exc.suggestions
                    else "no known name is close")
            fail(f"nothing reported for {value.strip()!r} ({option or '--' + key}): no "
                 f"{key} of that name in the vocabulary or the database; {hint}")
    return out


def plural(count: int, word: str) -> str:
    """'1 claim', '2 claims'."""
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def open_existing(app: App, *, upgrade: bool = True) -> BaseStore:
    """The store at ``--db``; a SQLite file must exist (a server database is created)."""
    if not is_database_url(app.db) and app.db != ":memory:" and not Path(app.db).exists():
        fail(f"no database at {app.db}; create it with `supplyline ingest`, or pass --db")
    return open_store(app.db, upgrade=upgrade)


# -- tables -----------------------------------------------------------------------------------


class DocumentInfo(Protocol):
    """What a claims table shows of a claim's document (a ``Document`` or ``DocumentRef``)."""

    @property
    def published(self) -> date | None: ...
    @property
    def outlet(self) -> str | None: ...


def print_claims(claims: Sequence[Claim], fmt: str,
                 docs: Mapping[str, DocumentInfo] | None = None) -> None:
    """Claims as JSON Lines, CSV (the export's columns) or a table (with each document's date
    and outlet from ``docs``); a note when there are none."""
    if fmt == "json":
        for c in claims:
            click.echo(json.dumps(c.to_dict(), ensure_ascii=False, allow_nan=False))
    elif fmt == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(CLAIM_COLUMNS)
        writer.writerows(claim_row(c) for c in claims)
    elif claims:
        stdout().print(claims_table(claims, docs or {}))
    else:
        click.echo("No claims.", err=True)


#: The claims table's columns; those with a width wrap their text within it.
CLAIM_TABLE_COLUMNS: tuple[tuple[str, int | None], ...] = (
    ("id", None), ("published", None), ("outlet", 12), ("type", None),
    ("actor → recipient", 24), ("item", 14), ("quantity", 10), ("status", None),
    ("when", 12), ("source", 16), ("evidence", None))
#: Columns that never shrink below their width (a pair reads badly broken in two).
_KEEP_WIDTH = frozenset(("actor → recipient",))


def claims_table(claims: Iterable[Claim], docs: Mapping[str, DocumentInfo]) -> Table:
    """One row a claim: its fields, its document's date and outlet, and the start of its
    evidence (which takes the room left)."""
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, collapse_padding=True)
    for name, width in CLAIM_TABLE_COLUMNS:
        if name == "evidence":
            table.add_column(name, overflow="fold", ratio=1, min_width=20)
        elif width is None:
            table.add_column(name, no_wrap=True)
        else:
            table.add_column(name, overflow="fold", max_width=width,
                             min_width=20 if name in _KEEP_WIDTH else min(width, len(name)))
    for c in claims:
        doc = docs.get(c.doc)
        table.add_row(*(Text(x) for x in (
            c.id, str(doc.published or "") if doc else "", (doc.outlet or "") if doc else "",
            c.type, _pair(c.actor, c.recipient), c.item or "", _quantity(c.quantity),
            c.status, _when(c.when), _source(c), shorten(c.evidence[0].text, 90)
            if c.evidence else "")))
    return table


def shorten(text: str, width: int) -> str:
    """``text`` on one line, cut at a word before ``width`` characters with "…"."""
    line = " ".join(text.split())
    if len(line) <= width:
        return line
    cut = line[:width - 1].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"
