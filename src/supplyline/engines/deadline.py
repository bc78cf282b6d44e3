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
``except Exception`` on the way swallows it. Python itself swallows an exception raised where
it cannot propagate (a weakref callback or a ``__del__`` run by the garbage collector: "Exception
ignored in ..."), so once the budget is spent the exception is raised again about every
``REPEAT`` seconds until it lands, and a block that ends with every one swallowed raises it on
leaving. The intervals are random: a swallowed raise cuts the finaliser short, so work that runs
finalisers in a cycle would otherwise be in step with evenly spaced raises and lose them all;
the swallowed ones are not reported (``sys.unraisablehook``). Nothing a document's extraction
leaves behind outlives it (its results are discarded; the shared caches are written whole or
not at all), so the worker goes straight on to the next document.
"""

from __future__ import annotations

import ctypes
import random
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any

REPEAT = 0.05  # mean seconds between raises once the budget is spent
_jitter = random.Random()


def _next_raise() -> float:
    """Seconds until the next raise: between half and one and a half ``REPEAT``."""
    return _jitter.uniform(REPEAT / 2, REPEAT * 3 / 2)


class DocumentTimeout(BaseException):
    """A document's cleaning and extraction ran past its budget."""


@contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """Raise ``DocumentTimeout`` in the block when it runs longer than ``seconds`` (none when
    ``seconds`` is 0 or less)."""
    if seconds <= 0:
        yield
        return
    in_main = threading.current_thread() is threading.main_thread()
    budget = _alarm if in_main and hasattr(signal, "setitimer") else _watchdog
    with _swallowed_ones_unreported(), budget(seconds):
        yield


@contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    state = {"armed": True, "fired": False}

    def expired(_signum: int, _frame: FrameType | None) -> None:
        if state["armed"]:
            state["fired"] = True
            signal.setitimer(signal.ITIMER_REAL, _next_raise())
            raise DocumentTimeout

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        state["armed"] = False  # first (no signal is handled before it): the rest is not raised
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    if state["fired"]:  # the block went on to its end: every raise was swallowed
        raise DocumentTimeout


@contextmanager
def _watchdog(seconds: float) -> Iterator[None]:
    target = threading.get_ident()
    lock = threading.Lock()
    done = threading.Event()
    state = {"fired": False}

    def fire() -> None:
        wait = seconds
        while not done.wait(wait):
            with lock:
                if done.is_set():
                    return
                state["fired"] = True
                _raise_in(target, DocumentTimeout)
            wait = _next_raise()

    def stop() -> bool:
        while True:  # until stopped: one raised while stopping is caught, and stopping resumes
            try:
                with lock:
                    done.set()  # no raise is sent after this
                    fired = state["fired"]
                if fired:
                    _raise_in(target, None)  # clear one still pending
                return fired
            except DocumentTimeout:
                continue

    threading.Thread(target=fire, name="document-budget", daemon=True).start()
    try:
        yield
    finally:
        fired = stop()
    if fired:
        raise DocumentTimeout


_hook_lock = threading.Lock()
_hook_users = 0
_hook_before: Callable[[Any], Any] | None = None


@contextmanager
def _swallowed_ones_unreported() -> Iterator[None]:
    """While any budget runs: a ``DocumentTimeout`` that Python could not raise goes unreported
    (it is raised again); any other unraisable exception goes to the hook there was."""
    global _hook_users, _hook_before
    with _hook_lock:
        if _hook_users == 0:
            _hook_before = sys.unraisablehook
            sys.unraisablehook = _unraisable
        _hook_users += 1
    try:
        yield
    finally:
        with _hook_lock:
            _hook_users -= 1
            if _hook_users == 0 and sys.unraisablehook is _unraisable:
                sys.unraisablehook = _hook_before or sys.__unraisablehook__


def _unraisable(info: Any) -> None:
    if not isinstance(info.exc_value, DocumentTimeout):
        (_hook_before or sys.__unraisablehook__)(info)


def _raise_in(thread_id: int, exc: type[BaseException] | None) -> None:
    ctypes.pythonapi.PyThreadState_SetAsyncExc(
        ctypes.c_ulong(thread_id), ctypes.py_object(exc) if exc is not None else None)
