"""The Dask engine: batches of documents cleaned and extracted on a Dask cluster.

The driver (this process) reads the inputs, cuts them into batches of ``batch_size`` items,
submits each batch as one task (``work.process_batch``: the documents' candidate sentences
parsed in one ``nlp.pipe`` call, then ``work.process`` for each, as the local engine does
with its batches) and hands the results back in input order, so the driver writes them to
the store exactly as the local engine's. At most two batches per worker thread are in
flight, so memory stays bounded however large the archive.

Idempotent by construction: workers never write. A worker that dies mid-batch takes only
its in-memory results with it; Dask runs the batch again on another worker (a task that
raises is retried ``retries`` times), and the driver receives each batch once. A batch that
still fails makes its documents failures, the run goes on, and running the same command
again extracts just those (stored documents are skipped by content hash). A missing spaCy
pipeline on the workers stops the run.

With no ``scheduler`` a ``LocalCluster`` of ``workers`` processes (one thread each) is
started and stopped; with one (``tcp://HOST:PORT``) the cluster's own workers are used. Every
worker needs supplyline and the spaCy pipeline installed, and any ``SUPPLYLINE_VOCAB`` files
at the same paths.
"""

from __future__ import annotations

import contextlib
import logging
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING

from supplyline.config import Settings
from supplyline.engines.work import Failed, Item, Result, process_batch
from supplyline.errors import ClusterError, ConfigurationError
from supplyline.ingest import IngestError
from supplyline.model import Document

if TYPE_CHECKING:
    from distributed import Client, Future

BATCH_SIZE = 16  # documents per task: enough work to dwarf Dask's per-task overhead
RETRIES = 2  # times a batch whose task raised is run again
IN_FLIGHT_PER_THREAD = 2  # batches submitted ahead per worker thread


@dataclass(frozen=True)
class DaskEngine:
    """Clean and extract on a Dask cluster: local (``workers`` processes) or at ``scheduler``.

    ``processes=False`` runs the local cluster's workers as threads of this process (quick to
    start: for tests and small runs).
    """

    scheduler: str | None = None
    workers: int = 1
    batch_size: int = BATCH_SIZE
    retries: int = RETRIES
    processes: bool = True
    connect_timeout: float = 10.0  # seconds to reach the scheduler

    @property
    def reads_in_driver_thread(self) -> bool:
        return True

    def describe(self) -> str:
        if self.scheduler:
            return f"the Dask cluster at {self.scheduler}"
        noun = "process" if self.processes else "thread"
        if self.workers != 1:
            noun += "es" if self.processes else "s"
        return f"a local Dask cluster of {self.workers} worker {noun}"

    @contextlib.contextmanager
    def results(self, items: Iterable[Item], settings: Settings) -> Iterator[Iterator[Result]]:
        """Results for ``items`` in input order; the cluster lives as long as the context."""
        with self._client() as client:
            yield _ordered_results(client, items, settings, self)

    @contextlib.contextmanager
    def _client(self) -> Iterator[Client]:
        from distributed import Client, LocalCluster

        if self.scheduler:
            try:
                client = Client(self.scheduler, timeout=self.connect_timeout)
            except (OSError, ValueError) as exc:
                raise ClusterError(
                    f"cannot reach the Dask scheduler at {self.scheduler}: {exc}") from None
            with client:
                yield client
            return
        # ":0": any free port; None does not turn the dashboard off (dask/distributed#8136),
        # and two clusters on one machine would fight over 8787
        with LocalCluster(n_workers=self.workers, threads_per_worker=1,
                          processes=self.processes, dashboard_address=":0",
                          silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
            yield client


def _ordered_results(client: Client, items: Iterable[Item], settings: Settings,
                     engine: DaskEngine) -> Iterator[Result]:
    """Submit batches as they are read, a bounded number ahead; yield results in order."""
    window = IN_FLIGHT_PER_THREAD * max(1, sum(client.nthreads().values()))
    pending: deque[tuple[list[Item], Future | None]] = deque()
    for batch in _batches(items, engine.batch_size):
        future = None
        if any(isinstance(item, Document) for item in batch):
            future = client.submit(process_batch, batch, settings, retries=engine.retries,
                                   pure=False)
        pending.append((batch, future))
        while pending and (len(pending) > window or _ready(pending[0][1])):
            yield from _collect(*pending.popleft())
    while pending:
        yield from _collect(*pending.popleft())


def _batches(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def _ready(future: Future | None) -> bool:
    return future is None or future.done()


def _collect(batch: list[Item], future: Future | None) -> Iterator[Result]:
    """The batch's results; each of its documents a failure when the batch failed for good."""
    if future is None:
        yield from batch  # type: ignore[misc]  # no documents: the items are their results
        return
    try:
        results: list[Result] = future.result()
    except Exception as exc:
        if isinstance(exc, ConfigurationError):  # no document could be extracted
            raise
        reason = f"worker failed: {type(exc).__name__}: {exc}".rstrip(": ")
        for item in batch:
            if isinstance(item, Document):
                yield Failed(IngestError(item.origin or item.id, reason))
            else:
                yield item
        return
    yield from results
