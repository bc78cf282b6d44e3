"""The driver: inputs -> documents -> an engine (clean, extract) -> store, one transaction per
document.

- ``run(inputs, store, settings=..., engine=...)`` ingests into a store and returns a
  ``RunSummary``. A document already stored with the same text is not extracted again, so
  re-running a batch changes nothing, and a run that was stopped (Ctrl-C, kill) completes on
  the next run: every document is saved in its own transaction, never half.
- ``extract_corpus(inputs)`` yields ``(Document, claims)`` without a store (``extract``,
  ``eval``).

The engine (``supplyline.engines``) only decides where ``work.process`` cleans and extracts:
in this process or a local pool (``LocalEngine``, ``jobs``) or on a Dask cluster
(``DaskEngine``). Either way results come back in input order and only this process writes
to the store.

Bad inputs never stop a batch: each becomes an ``IngestError`` in ``RunSummary.failures``
(or goes to ``on_error``), and so does a document the extractor fails on. A missing spaCy
pipeline or a broken vocabulary file (a ``ConfigurationError``) does stop it, once and before
any input is read where it can be: nothing could be extracted. Archive records that are
not articles are counted in ``RunSummary.skipped``.

When the engine pulls the inputs from another thread (the local pool's feeding thread), the
"already stored?" check opens its own connection there (``reopen``), because a store belongs
to the thread that opened it (an in-memory store cannot be shared, so it is not checked up
front; ``save`` still refuses the duplicate).
"""

from __future__ import annotations

import contextlib
import logging
import signal
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

from supplyline.config import Settings
from supplyline.engines.local import CHUNKSIZE, LocalEngine
from supplyline.engines.work import Extracted, Failed, Item, Result, Unchanged, process
from supplyline.ingest import IngestError, Skipped, read_inputs
from supplyline.model import Claim, Document
from supplyline.store import BaseStore, ClaimFilter
from supplyline.store.codec import content_hash
from supplyline.vocab import load_vocabulary

log = logging.getLogger(__name__)

__all__ = ["Engine", "Interrupted", "RunSummary", "Step", "extract_corpus", "is_current", "run",
           "store_documents"]

PairType = tuple[str, str | None, str]  # (actor, recipient, type)


@dataclass
class RunSummary:
    """What a run did. ``found`` counts the claims of every document read in this run
    (new ones as extracted, unchanged ones as stored) by (actor, recipient, type)."""

    read: int = 0  # documents read (bad inputs are failures, not documents)
    stored: int = 0  # new or changed documents saved
    unchanged: int = 0  # already stored with the same text: skipped
    claims: int = 0  # claims saved with the stored documents
    failures: list[IngestError] = field(default_factory=list)
    elapsed: float = 0.0  # seconds
    found: Counter[PairType] = field(default_factory=Counter)
    skipped: Counter[str] = field(default_factory=Counter)  # archive records, by reason
    undated: list[str] = field(default_factory=list)  # stored documents without a date

    @property
    def ok(self) -> bool:
        """True when every input went in."""
        return not self.failures


@dataclass(frozen=True)
class Step:
    """One input done, for a progress display: ``kind`` is stored, unchanged, failed or
    skipped (an archive's records that are not articles)."""

    kind: str
    name: str  # the document id, or the failed input's (or archive's) origin
    claims: int = 0
    error: IngestError | None = None
    skipped: Skipped | None = None


Progress = Callable[[Step, RunSummary], None]


class Engine(Protocol):
    """Where documents are cleaned and extracted (``LocalEngine``, ``DaskEngine``)."""

    @property
    def reads_in_driver_thread(self) -> bool:
        """False when the engine pulls the inputs from a thread of its own."""
        ...

    def describe(self) -> str:
        """'2 local worker processes', for a note to the user."""
        ...

    def results(self, items: Iterable[Item],
                settings: Settings) -> contextlib.AbstractContextManager[Iterator[Result]]:
        """``work.process`` applied to every item, results in input order."""
        ...


class Interrupted(KeyboardInterrupt):
    """Ctrl-C during ``run``: the engine is stopped, and ``summary`` says what was stored."""

    def __init__(self, summary: RunSummary) -> None:
        super().__init__(f"interrupted after storing {summary.stored} documents")
        self.summary = summary


# -- feeding ------------------------------------------------------------------------------------


def is_current(store: BaseStore, doc: Document) -> bool:
    """True when ``doc`` is stored with the same text (saving it again would change nothing)."""
    if not store.has_document(doc.id):
        return False
    stored = store.document(doc.id)
    return stored is not None and stored.content_hash == content_hash(doc.text)


def _inputs(inputs: Iterable[str], published: date | None, settings: Settings,
            current: Callable[[Document], bool] | None) -> Iterator[Item]:
    """What ``read_inputs`` gives, stored documents turned into ``Unchanged``, and each
    archive's ``Skipped`` count placed in the stream right after its last document."""
    skips: list[Skipped] = []
    for item in read_inputs(inputs, published=published, settings=settings,
                            on_skip=skips.append):
        yield from _drain(skips)
        if isinstance(item, Document) and current is not None and current(item):
            yield Unchanged(item.id)
        else:
            yield item
    yield from _drain(skips)


def _drain(skips: list[Skipped]) -> Iterator[Skipped]:
    yield from skips
    skips.clear()


def _inputs_checked_on(opened: BaseStore, inputs: Iterable[str], published: date | None,
                       settings: Settings) -> Iterator[Item]:
    """``_inputs`` with the "already stored?" check on a connection of the thread that runs it."""
    store = opened.reopen()
    try:
        yield from _inputs(inputs, published, settings, lambda d: is_current(store, d))
    finally:
        with contextlib.suppress(Exception):  # closed from another thread: leave it to exit
            store.close()


# -- the driver ---------------------------------------------------------------------------------


def run(inputs: Iterable[str], store: BaseStore, *, settings: Settings,
        published: date | None = None, jobs: int = 1, progress: Progress | None = None,
        chunksize: int = CHUNKSIZE, engine: Engine | None = None) -> RunSummary:
    """Read, clean, extract and store every input; return what was done.

    ``published`` is the date for documents that carry none; ``progress`` is called after
    every input. ``engine`` says where to clean and extract (default: ``LocalEngine(jobs,
    chunksize)``). Ctrl-C raises ``Interrupted`` (a ``KeyboardInterrupt``) carrying the
    summary so far; what was stored stays stored, and running again completes the rest.
    """
    check_vocabulary(settings)
    engine = engine or LocalEngine(jobs, chunksize)
    summary = RunSummary()
    start = time.monotonic()
    items: Iterator[Item]
    if engine.reads_in_driver_thread:
        items = _inputs(inputs, published, settings, lambda d: is_current(store, d))
    elif store.location != ":memory:":
        items = _inputs_checked_on(store, inputs, published, settings)
    else:
        items = _inputs(inputs, published, settings, None)
    try:
        with _ctrl_c_noted() as pressed, engine.results(items, settings) as results:
            for result in results:
                step = _record(result, store, summary)
                summary.elapsed = time.monotonic() - start
                if progress is not None:
                    progress(step, summary)
                if pressed.is_set():
                    raise KeyboardInterrupt
            if pressed.is_set():
                raise KeyboardInterrupt
    except KeyboardInterrupt as exc:
        summary.elapsed = time.monotonic() - start
        if isinstance(exc, Interrupted):
            raise
        raise Interrupted(summary) from exc
    summary.elapsed = time.monotonic() - start
    return summary


@contextlib.contextmanager
def _ctrl_c_noted() -> Iterator[threading.Event]:
    """An event set by Ctrl-C while the context lasts, besides the usual KeyboardInterrupt.

    A library may swallow the KeyboardInterrupt: Python drops one raised inside a garbage
    collector callback (Dask's ``distributed.gc`` installs one) with "Exception ignored in",
    and the run would go on to exit 0. ``run`` checks the event after every result. Outside
    the main thread, where no handler can be installed, the event is never set.
    """
    pressed = threading.Event()
    if threading.current_thread() is not threading.main_thread():
        yield pressed
        return
    previous = signal.getsignal(signal.SIGINT)

    def note(signum: int, frame: object) -> None:
        pressed.set()
        if callable(previous):
            previous(signum, frame)  # type: ignore[arg-type]
        elif previous != signal.SIG_IGN:
            raise KeyboardInterrupt

    signal.signal(signal.SIGINT, note)
    try:
        yield pressed
    finally:
        signal.signal(signal.SIGINT, previous)


def check_vocabulary(settings: Settings) -> None:
    """Read the vocabulary files now: a broken one is one ``VocabularyError`` (its path and
    line) before any input is read, not a failure for every document."""
    load_vocabulary(tuple(settings.vocab))


def store_documents(items: Iterable[Document | IngestError], store: BaseStore, *,
                    settings: Settings, progress: Progress | None = None) -> RunSummary:
    """Clean, extract and store documents already read (``watch`` reads feeds itself), in
    this process; unchanged documents are skipped as in ``run``."""
    check_vocabulary(settings)
    summary = RunSummary()
    start = time.monotonic()
    for item in items:
        current = isinstance(item, Document) and is_current(store, item)
        result = Unchanged(item.id) if current and isinstance(item, Document) \
            else process(item, settings)
        step = _record(result, store, summary)
        summary.elapsed = time.monotonic() - start
        if progress is not None:
            progress(step, summary)
    return summary


def _record(result: Result, store: BaseStore, summary: RunSummary) -> Step:
    """Save one result (the driver's only write) and count it."""
    if isinstance(result, Skipped):
        summary.skipped.update(dict(result.counts))
        return Step("skipped", result.origin, skipped=result)
    if isinstance(result, IngestError):
        summary.failures.append(result)
        return Step("failed", result.origin, error=result)
    summary.read += 1
    if isinstance(result, Failed):
        summary.failures.append(result.error)
        return Step("failed", result.error.origin, error=result.error)
    if isinstance(result, Extracted) and store.save(result.doc, result.cleaned, result.claims):
        n = len({c.id for c in result.claims})  # the store merges claims with one id
        summary.stored += 1
        summary.claims += n
        if result.doc.published is None:
            summary.undated.append(result.doc.id)
        _count(summary.found, result.claims)
        return Step("stored", result.doc.id, n)
    doc_id = result.doc_id if isinstance(result, Unchanged) else result.doc.id
    stored = store.claims(ClaimFilter(doc=doc_id))
    summary.unchanged += 1
    _count(summary.found, stored)
    return Step("unchanged", doc_id, len(stored))


def _count(found: Counter[PairType], claims: Iterable[Claim]) -> None:
    seen: set[str] = set()
    for c in claims:
        if c.id not in seen:
            seen.add(c.id)
            found[(c.actor, c.recipient, c.type)] += 1


def extract_corpus(inputs: Iterable[str], published: date | None = None,
                   settings: Settings | None = None, jobs: int = 1, *,
                   on_error: Callable[[IngestError], None] | None = None,
                   on_skip: Callable[[Skipped], None] | None = None,
                   engine: Engine | None = None,
                   ) -> Iterator[tuple[Document, list[Claim]]]:
    """``(document, claims)`` for every document in ``inputs``, in order, without a store.

    Bad inputs and failed extractions go to ``on_error`` (logged as warnings without one),
    archive records that are not articles to ``on_skip`` (logged without one).
    """
    settings = settings or Settings.from_env()
    check_vocabulary(settings)
    engine = engine or LocalEngine(jobs)
    items = _inputs(inputs, published, settings, None)
    with engine.results(items, settings) as results:
        for result in results:
            if isinstance(result, Extracted):
                yield result.doc, result.claims
            elif isinstance(result, Skipped):
                if on_skip is None:
                    log.info("%s: skipped %s", result.origin, result.describe())
                else:
                    on_skip(result)
            elif isinstance(result, IngestError | Failed):
                error = result.error if isinstance(result, Failed) else result
                if on_error is None:
                    log.warning("%s: %s", error.origin, error.reason)
                else:
                    on_error(error)
