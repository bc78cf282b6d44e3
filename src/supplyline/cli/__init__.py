"""The command line: thin commands that parse options, call the library and format its results.

Output goes to stdout (tables, or ``--json`` / ``--csv`` for programs); progress, error lines
and notes go to stderr. Exit status: 0 done, 1 some inputs failed (the rest went in) or a
lookup found nothing, 2 usage error or no spaCy pipeline, 130 interrupted.

One module per group of commands (``ingest``: ingest, extract, eval; ``claims``: claims,
show, search; ``resolve``: resolve, docs, facts, fact, conflicts, timeline, credibility,
alerts, watch; ``report``: report, serve, export; ``db``), what they share in ``options``.
"""

from __future__ import annotations

import logging
import sys
from typing import Any

import click

from supplyline import __version__
from supplyline.cli import claims, db, ingest, report, resolve
from supplyline.cli.options import (
    App,
    add_shared_options,
    examples,
    fail,
    output_options,
    setting_help,
)
from supplyline.errors import ConfigurationError, StoreError

# Libraries that log every page they cannot date or parse; their messages are not ours.
QUIET_LOGGERS = ("trafilatura", "htmldate", "courlan", "justext", "readability",
                 "charset_normalizer")


class _Group(click.Group):
    """Turns the library's fatal errors into one line and an exit status."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except StoreError as exc:
            fail(str(exc))
        except ConfigurationError as exc:  # a broken file or setting: once, before any work
            fail(str(exc), 2)
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            raise click.exceptions.Exit(130) from None


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]},
             epilog=examples(
                 "supplyline ingest articles/ --published 2025-01-15",
                 'supplyline claims --actor "North Korea" --type personnel',
                 "supplyline show 3f2a9c41d0be",
                 "supplyline --db war.db search \"artillery shells\"",
                 "supplyline --db postgresql://analyst@dbhost/supplyline claims --json",
             ))
@click.option("--db", metavar="PATH_OR_URL", envvar="SUPPLYLINE_DB",
              default="supplyline.db", help=setting_help("db"))
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


for _module in (ingest, claims, db, report, resolve):
    for _command in _module.COMMANDS:
        cli.add_command(add_shared_options(_command))


def main() -> None:
    """The ``supplyline`` console script."""
    _no_collection_at_exit()
    _fewer_collections()
    _tune_malloc()
    cli(prog_name="supplyline")


def _no_collection_at_exit() -> None:
    """Skip the garbage collector's passes over the whole heap while the interpreter exits:
    with the spaCy pipeline and the vocabulary loaded they took 0.3-0.4 s of every command
    that extracts. ``gc.freeze`` runs at exit after the handlers registered while the command
    ran (the pool's, the store's); objects are still freed by reference count, and files
    flushed and closed."""
    import atexit
    import gc

    atexit.unregister(gc.freeze)
    atexit.register(gc.freeze)


YOUNG_COLLECTION_AFTER = 10_000  # new objects between two collections (CPython's: 700)


def _fewer_collections() -> None:
    """Collect the youngest generation after 10,000 new objects instead of 700. Importing
    spaCy and loading the pipeline and the vocabulary create millions of objects that all
    live as long as the process; every 700 of them the collector ran, every tenth run it
    went through the older generation as well and three times through the whole heap: 0.1
    to 0.2 s of CPU before the first document (389 collections, 19 now), and two more
    passes over the whole heap in a ``--jobs 1`` run of ``throughput.py --real 4`` (none
    now). The older generations keep CPython's thresholds; memory stays the same (objects
    are freed by reference count as before, only cycles wait a little longer)."""
    import gc

    gc.set_threshold(YOUNG_COLLECTION_AFTER, *gc.get_threshold()[1:])


MMAP_THRESHOLD = 16 << 20  # bytes: blocks up to this size come from the heap, not mmap
TRIM_THRESHOLD = 64 << 20  # bytes: free memory the heap keeps at its top
_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3  # mallopt's parameters (glibc's malloc.h)


def _tune_malloc() -> None:
    """Keep the parser's working memory in the process. spaCy's parse allocates and frees
    arrays of one to a few MB for every batch of sentences; glibc's malloc maps such blocks
    from the kernel and gives them back when freed (mmap threshold), as it does the top of
    its heap (trim threshold), so every batch faulted its memory in again: about 450,000
    page faults in a run of ``benchmarks/throughput.py --real 4``, 8% of its CPU. With
    blocks up to 16 MB taken from the heap, which keeps up to 64 MB free at its top, about
    45,000, for the same peak memory. Linux with glibc only (a forked worker inherits the
    setting); a ``GLIBC_TUNABLES`` malloc setting or ``MALLOC_MMAP_THRESHOLD_`` /
    ``MALLOC_TRIM_THRESHOLD_`` in the environment is left to rule."""
    import os

    if sys.platform != "linux" or any(
            name in os.environ for name in ("MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_")):
        return
    if "glibc.malloc." in os.environ.get("GLIBC_TUNABLES", ""):
        return
    try:
        if not os.confstr("CS_GNU_LIBC_VERSION"):
            return
        import ctypes

        mallopt = ctypes.CDLL(None).mallopt
        mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
        mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD)
        mallopt(_M_TRIM_THRESHOLD, TRIM_THRESHOLD)
    except (AttributeError, OSError, ValueError):  # not glibc after all: malloc as it is
        return


__all__ = ["cli", "main", "output_options"]
