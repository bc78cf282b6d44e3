"""A time budget for one document's cleaning and extraction (``SUPPLYLINE_DOC_TIMEOUT``).

Extraction is CPU-bound Python (and regular expressions, which check for signals), so the
budget interrupts it where it stands:

- in a main thread (``--jobs 1``, and every worker of the local pool, each a process of its
  own): a ``SIGALRM`` interval timer, whose handler raises ``DocumentTimeout``; the regex
  engine and the interpreter both stop for it;
- in any other thread (a Dask worker's, a caller's own): a timer thread that raises
  ``DocumentTimeout`` in the working thread (``PyThreadState_SetAsyncExc``), which takes
  effect at its next Python instruction, so a single long C call finishes first.

``DocumentTimeout`` is a ``BaseException``, as ``KeyboardInterrupt`` is, so that no
``except Exception`` on the way swallows it. Nothing a document's extraction leaves behind
outlives it (its results are discarded; the shared caches are written whole or not at all),
so the worker goes straight on to the next document.
"""

from __future__ import annotations

import ctypes
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType


class DocumentTimeout(BaseException):
    """A document's cleaning and extraction ran past its budget."""


@contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """Raise ``DocumentTimeout`` in the block when it runs longer than ``seconds`` (none when
    ``seconds`` is 0 or less)."""
    if seconds <= 0:
        yield
    elif threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer"):
        with _alarm(seconds):
            yield
    else:
        with _watchdog(seconds):
            yield


def _expired(_signum: int, _frame: FrameType | None) -> None:
    raise DocumentTimeout


@contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    previous = signal.signal(signal.SIGALRM, _expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def _watchdog(seconds: float) -> Iterator[None]:
    target = threading.get_ident()
    lock = threading.Lock()
    state = {"done": False, "fired": False}

    def fire() -> None:
        with lock:
            if not state["done"]:
                state["fired"] = True
                _raise_in(target, DocumentTimeout)

    timer = threading.Timer(seconds, fire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        with lock:
            state["done"] = True
            fired = state["fired"]
        timer.cancel()
        if fired:
            _raise_in(target, None)  # clear it if it is still pending, and raise it here
    if fired:
        raise DocumentTimeout


def _raise_in(thread_id: int, exc: type[BaseException] | None) -> None:
    ctypes.pythonapi.PyThreadState_SetAsyncExc(
        ctypes.c_ulong(thread_id), ctypes.py_object(exc) if exc is not None else None)
