"""The local engine: ``process`` in this process, or in a pool of ``spawn`` processes.

With ``jobs > 1`` each worker loads the spaCy pipeline once (its initializer) and ignores
SIGINT, so Ctrl-C reaches the parent alone, which terminates the pool. ``Pool.imap``
(ordered, so a run's results do not depend on ``jobs``) pulls its input lazily through the
pool's pipe, so only a few chunks of documents are in memory at once. That pull runs in the
pool's feeding thread (``reads_in_driver_thread`` is False).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import signal
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from supplyline.config import Settings
from supplyline.engines.work import Item, Result, load_pipeline, process, process_stream

CHUNKSIZE = 2  # documents per task sent to a worker: small, so ordered results flow evenly


@dataclass(frozen=True)
class LocalEngine:
    """``jobs`` worker processes on this machine (1: no pool, everything in this process)."""

    jobs: int = 1
    chunksize: int = CHUNKSIZE

    @property
    def reads_in_driver_thread(self) -> bool:
        return self.jobs <= 1

    def describe(self) -> str:
        return "this process" if self.jobs <= 1 else f"{self.jobs} local worker processes"

    @contextlib.contextmanager
    def results(self, items: Iterable[Item], settings: Settings) -> Iterator[Iterator[Result]]:
        """Results for ``items`` in input order."""
        if self.jobs <= 1:  # documents a batch at a time, their sentences parsed together
            yield process_stream(items, settings)
            return
        pool = multiprocessing.get_context("spawn").Pool(
            self.jobs, initializer=_init_worker, initargs=(settings,))
        try:
            yield pool.imap(_work, items, self.chunksize)
        except BaseException:
            pool.terminate()
            pool.join()
            raise
        pool.close()
        pool.join()


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
        load_pipeline(settings)
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


def _work(item: Item) -> Result:
    error = _WORKER.get("error")
    if error is not None:
        raise error
    return process(item, _WORKER["settings"])
