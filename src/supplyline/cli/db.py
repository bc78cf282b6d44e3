"""db version, db upgrade: the database's schema."""

from __future__ import annotations

import click

from supplyline.cli.options import App, examples, open_existing
from supplyline.store import describe_location, open_store


@click.group("db", epilog=examples(
    "supplyline db version",
    "supplyline --db postgresql://analyst@dbhost/supplyline db upgrade",
))
def db_group() -> None:
    """The database itself: its schema version, and migrating it to this supplyline's."""


@db_group.command("version", epilog=examples(
    "supplyline db version",
    "supplyline --db postgresql://analyst@dbhost/supplyline db version",
))
@click.pass_obj
def db_version(app: App) -> None:
    """Print the database's schema version and the one this supplyline writes."""
    with open_existing(app, upgrade=False) as store:
        version, latest = store.schema_version, store.latest_version
    state = "up to date" if version == latest else "run `supplyline db upgrade`"
    click.echo(f"{describe_location(app.db)}: schema version {version} "
               f"(this supplyline: {latest}; {state})")


@db_group.command("upgrade", epilog=examples(
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


COMMANDS = (db_group,)
