"""The local engine: ``process`` in this process, or in a pool of worker processes.

Documents go in batches of ``chunksize`` (8), each batch's candidate sentences parsed in one
``nlp.pipe`` call (``work.process_together``), in this process (``jobs`` 1) or in a worker.

With ``jobs > 1``, on Linux and when this process runs no other thread, the workers are
forked once this process has loaded the vocabulary and the spaCy pipeline: they start with
it loaded (no second import, load and compile per worker: about 1.5 s of CPU each), and
share its memory copy-on-write (``gc.freeze`` keeps the collector from writing to those
pages and from walking them again). Elsewhere (another platform, or another thread that a
fork could catch holding a lock) they are spawned, and each loads the pipeline itself (its
initializer). Each worker ignores SIGINT, so Ctrl-C reaches the parent alone, which
terminates the pool; SIGINT is held back while the workers start, so none can catch it
before it ignores it. ``Pool.imap`` (ordered, so a run's results do not depend on ``jobs``)
pulls its input lazily through the pool's pipe, so only a few batches of documents are in
memory at once. That pull runs in the pool's feeding thread (``reads_in_driver_thread`` is
False).
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import signal
import sys
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from supplyline.config import Settings
from supplyline.engines.work import (
    BATCH,
    Item,
    Result,
    batches,
    load_pipeline,
    process_stream,
    process_together,
)

CHUNKSIZE = BATCH  # documents per task sent to a worker, parsed together there


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
        size = max(1, self.chunksize)
        if self.jobs <= 1:  # documents a batch at a time, their sentences parsed together
            yield process_stream(items, settings, size)
            return
        with _pool(self.jobs, settings) as pool:
            yield _flat(pool.imap(_work, _evened(batches(items, size), size, self.jobs), 1))


def forks() -> bool:
    """True when the pool's workers are forked from this process (see the module's notes)."""
    return (sys.platform == "linux" and "fork" in multiprocessing.get_all_start_methods()
            and threading.active_count() == 1)


@contextlib.contextmanager
def _pool(jobs: int, settings: Settings) -> Iterator[Any]:
    """A pool of ``jobs`` workers ready to ``_work``; terminated on any exception."""
    fork = forks()
    frozen = False
    if fork:
        load_pipeline(settings)  # raises ModelError here, before any worker starts
        frozen = gc.get_freeze_count() == 0
        if frozen:
            gc.freeze()
    else:  # a missing pipeline starts no worker (spaCy is imported here, not at start-up)
        from supplyline.extract.nlp import require_installed

        require_installed(settings.spacy_model)
    try:
        with _sigint_held():
            pool = multiprocessing.get_context("fork" if fork else "spawn").Pool(
                jobs, initializer=_init_worker, initargs=(settings,))
    finally:
        if frozen:
            gc.unfreeze()
    try:
        yield pool
    except BaseException:
        _terminate(pool)
        raise
    pool.close()
    pool.join()


STOP_WAIT = 10.0  # seconds a pool gets to terminate on an error before its workers are killed


def _terminate(pool: Any) -> None:
    """Stop ``pool`` and its workers, in bounded time. ``Pool.terminate`` can wait for ever
    on a queue lock that an idle worker holds (CPython gh-78178), so it runs in a thread
    given ``STOP_WAIT`` seconds; workers still alive after that are killed and the thread
    is left behind (a daemon)."""
    stopper = threading.Thread(target=pool.terminate, name="supplyline-pool-stop", daemon=True)
    stopper.start()
    stopper.join(STOP_WAIT)
    if not stopper.is_alive():
        pool.join()
        return
    for worker in list(getattr(pool, "_pool", ())):  # the pool's processes: no public handle
        with contextlib.suppress(Exception):
            worker.kill()


@contextlib.contextmanager
def _sigint_held() -> Iterator[None]:
    """SIGINT blocked in this thread while the block runs: workers started in it inherit the
    block, and their initializer ignores SIGINT before unblocking it; a Ctrl-C meanwhile
    reaches this process when the block ends."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _evened(tasks: Iterable[list[Item]], size: int, jobs: int) -> Iterator[list[Item]]:
    """``tasks`` as they come, but the last ``jobs`` of them (and the short one after) cut
    into tasks of a quarter of ``size`` documents: so that the workers finish together,
    not one idle while another does a whole batch at the end of the input."""
    held: list[list[Item]] = []
    for task in tasks:
        held.append(task)
        if len(held) > jobs:
            yield held.pop(0)
    yield from batches([item for task in held for item in task], max(1, size // 4))


def _flat(results: Iterable[list[Result]]) -> Iterator[Result]:
    for batch in results:
        yield from batch


_WORKER: dict[str, Any] = {}


def _init_worker(settings: Settings) -> None:
    """Pool initializer: ignore Ctrl-C (the parent handles it) and load the pipeline once
    (a forked worker has it already).

    A failure is kept and raised by the first task: an initializer that raises would make
    the pool respawn workers for ever.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
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


def _work(batch: Sequence[Item]) -> list[Result]:
    error = _WORKER.get("error")
    if error is not None:
        raise error
    return process_together(batch, _WORKER["settings"])
