"""The driver: inputs -> documents -> clean -> extract -> store, one transaction per document.

- ``run(inputs, store, settings=...)`` ingests into a ``Store`` and returns a ``RunSummary``.
  A document already stored with the same text is not extracted again, so re-running a
  batch changes nothing, and a run that was stopped (Ctrl-C, kill) completes on the next
  run: every document is saved in its own transaction, never half.
- ``extract_corpus(inputs)`` yields ``(Document, claims)`` without a store (``extract``,
  ``eval``).

Bad inputs never stop a batch: each becomes an ``IngestError`` in ``RunSummary.failures``
(or goes to ``on_error``), and so does a document the extractor fails on. A missing spaCy
pipeline (``ModelError``) does stop it: nothing could be extracted.

With ``jobs > 1`` a pool of ``spawn`` processes cleans and extracts; each worker loads the
spaCy pipeline once (its initializer) and ignores SIGINT, so Ctrl-C reaches the parent alone,
which terminates the pool. Only the parent writes to the store. ``Pool.imap`` (ordered, so a
run's results do not depend on ``jobs``) pulls its input lazily through the pool's pipe, so
only a few chunks of documents are in memory at once. That pull runs in the pool's feeding
thread, and so does the "already stored?" check: it opens its own connection there, because
a ``Store`` belongs to the thread that opened it (an in-memory store cannot be shared, so it
is not checked up front; ``Store.save`` still refuses the duplicate).
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import signal
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from supplyline.clean import clean
from supplyline.config import Settings
from supplyline.ingest import IngestError, read_inputs
from supplyline.model import Claim, CleanedText, Document
from supplyline.store import ClaimFilter, Store
from supplyline.store.codec import content_hash

__all__ = ["Interrupted", "RunSummary", "Step", "extract_corpus", "run", "store_documents"]

log = logging.getLogger(__name__)

CHUNKSIZE = 2  # documents per task sent to a worker: small, so ordered results flow evenly

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

    @property
    def ok(self) -> bool:
        """True when every input went in."""
        return not self.failures


@dataclass(frozen=True)
class Step:
    """One input done, for a progress display: ``kind`` is stored, unchanged or failed."""

    kind: str
    name: str  # the document id, or the failed input's origin
    claims: int = 0
    error: IngestError | None = None


Progress = Callable[[Step, RunSummary], None]


class Interrupted(KeyboardInterrupt):
    """Ctrl-C during ``run``: the pool is stopped, and ``summary`` says what was stored."""

    def __init__(self, summary: RunSummary) -> None:
        super().__init__(f"interrupted after storing {summary.stored} documents")
        self.summary = summary


# -- what travels to and from the workers ------------------------------------------------------


@dataclass(frozen=True)
class _Unchanged:
    doc_id: str


@dataclass(frozen=True)
class _Extracted:
    doc: Document
    cleaned: CleanedText
    claims: list[Claim]


@dataclass(frozen=True)
class _Failed:
    """A document that was read but could not be extracted."""

    error: IngestError


_Item = Document | IngestError | _Unchanged
_Result = _Extracted | _Failed | IngestError | _Unchanged


def _process(item: _Item, settings: Settings) -> _Result:
    """Clean and extract a document; pass anything else through."""
    if not isinstance(item, Document):
        return item
    from supplyline.extract import ModelError, extract_document

    try:
        cleaned = clean(item)
        claims = extract_document(item, cleaned, settings)
    except ModelError:
        raise
    except Exception as exc:  # one bad document must not stop the batch
        log.debug("extraction failed for %s", item.id, exc_info=True)
        reason = f"extraction failed: {type(exc).__name__}: {exc}"
        return _Failed(IngestError(item.origin or item.id, reason))
    return _Extracted(item, cleaned, claims)


_WORKER: dict[str, Any] = {}


def _init_worker(settings: Settings) -> None:
    """Pool initializer: ignore Ctrl-C (the parent handles it) and load the pipeline once.

    A failure is kept and raised by the first task: an initializer that raises would make
    the pool respawn workers for ever.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent()
    _WORKER["settings"] = settings
    try:
        from supplyline.extract import reader_for

        reader_for(settings)
    except Exception as exc:
        _WORKER["error"] = exc


def _die_with_parent() -> None:
    """On Linux, have the kernel stop this worker when the parent dies (``kill -9``), rather
    than leave it extracting for nobody."""
    if sys.platform != "linux":
        return
    with contextlib.suppress(Exception):
        import ctypes

        ctypes.CDLL(None).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def _work(item: _Item) -> _Result:
    error = _WORKER.get("error")
    if error is not None:
        raise error
    return _process(item, _WORKER["settings"])


@contextlib.contextmanager
def _processed(items: Iterable[_Item], settings: Settings, jobs: int,
               chunksize: int = CHUNKSIZE) -> Iterator[Iterator[_Result]]:
    """Results for ``items`` in input order, in this process or in a pool of ``jobs``."""
    if jobs <= 1:
        yield (_process(item, settings) for item in items)
        return
    pool = multiprocessing.get_context("spawn").Pool(
        jobs, initializer=_init_worker, initargs=(settings,))
    try:
        yield pool.imap(_work, items, chunksize)
    except BaseException:
        pool.terminate()
        pool.join()
        raise
    pool.close()
    pool.join()


# -- feeding ------------------------------------------------------------------------------------


def is_current(store: Store, doc: Document) -> bool:
    """True when ``doc`` is stored with the same text (saving it again would change nothing)."""
    if not store.has_document(doc.id):
        return False
    stored = store.document(doc.id)
    return stored is not None and stored.content_hash == content_hash(doc.text)


def _inputs(inputs: Iterable[str], published: date | None, settings: Settings,
            current: Callable[[Document], bool] | None) -> Iterator[_Item]:
    for item in read_inputs(inputs, published=published, settings=settings):
        if isinstance(item, Document) and current is not None and current(item):
            yield _Unchanged(item.id)
        else:
            yield item


def _inputs_checked_at(path: str, inputs: Iterable[str], published: date | None,
                       settings: Settings) -> Iterator[_Item]:
    """``_inputs`` with the "already stored?" check on a connection of the thread that runs it."""
    store = Store(path)
    try:
        yield from _inputs(inputs, published, settings, lambda d: is_current(store, d))
    finally:
        with contextlib.suppress(Exception):  # closed from another thread: leave it to exit
            store.close()


# -- the driver ---------------------------------------------------------------------------------


def run(inputs: Iterable[str], store: Store, *, settings: Settings,
        published: date | None = None, jobs: int = 1, progress: Progress | None = None,
        chunksize: int = CHUNKSIZE) -> RunSummary:
    """Read, clean, extract and store every input; return what was done.

    ``published`` is the date for documents that carry none; ``progress`` is called after
    every input. Ctrl-C raises ``Interrupted`` (a ``KeyboardInterrupt``) carrying the summary
    so far; what was stored stays stored, and running again completes the rest.
    """
    summary = RunSummary()
    start = time.monotonic()
    items: Iterator[_Item]
    if jobs > 1 and store.path != ":memory:":
        items = _inputs_checked_at(store.path, inputs, published, settings)
    else:
        current = (lambda d: is_current(store, d)) if jobs <= 1 else None
        items = _inputs(inputs, published, settings, current)
    try:
        with _processed(items, settings, jobs, chunksize) as results:
            for result in results:
                step = _record(result, store, summary)
                summary.elapsed = time.monotonic() - start
                if progress is not None:
                    progress(step, summary)
    except KeyboardInterrupt as exc:
        summary.elapsed = time.monotonic() - start
        if isinstance(exc, Interrupted):
            raise
        raise Interrupted(summary) from exc
    summary.elapsed = time.monotonic() - start
    return summary


def store_documents(items: Iterable[Document | IngestError], store: Store, *,
                    settings: Settings, progress: Progress | None = None) -> RunSummary:
    """Clean, extract and store documents already read (``watch`` reads feeds itself), in
    this process; unchanged documents are skipped as in ``run``."""
    summary = RunSummary()
    start = time.monotonic()
    for item in items:
        current = isinstance(item, Document) and is_current(store, item)
        result = _Unchanged(item.id) if current and isinstance(item, Document) \
            else _process(item, settings)
        step = _record(result, store, summary)
        summary.elapsed = time.monotonic() - start
        if progress is not None:
            progress(step, summary)
    return summary


def _record(result: _Result, store: Store, summary: RunSummary) -> Step:
    """Save one result (the parent's only write) and count it."""
    if isinstance(result, IngestError):
        summary.failures.append(result)
        return Step("failed", result.origin, error=result)
    summary.read += 1
    if isinstance(result, _Failed):
        summary.failures.append(result.error)
        return Step("failed", result.error.origin, error=result.error)
    if isinstance(result, _Extracted) and store.save(result.doc, result.cleaned, result.claims):
        n = len({c.id for c in result.claims})  # the store merges claims with one id
        summary.stored += 1
        summary.claims += n
        _count(summary.found, result.claims)
        return Step("stored", result.doc.id, n)
    doc_id = result.doc_id if isinstance(result, _Unchanged) else result.doc.id
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
                   ) -> Iterator[tuple[Document, list[Claim]]]:
    """``(document, claims)`` for every document in ``inputs``, in order, without a store.

    Bad inputs and failed extractions go to ``on_error`` (logged as warnings without one).
    """
    settings = settings or Settings.from_env()
    items = _inputs(inputs, published, settings, None)
    with _processed(items, settings, jobs) as results:
        for result in results:
            if isinstance(result, _Extracted):
                yield result.doc, result.claims
                continue
            error = result.error if isinstance(result, _Failed) else result
            if not isinstance(error, IngestError):  # pragma: no cover - nothing is checked
                continue
            if on_error is None:
                log.warning("%s: %s", error.origin, error.reason)
            else:
                on_error(error)
