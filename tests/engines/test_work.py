"""The per-document budget (SUPPLYLINE_DOC_TIMEOUT): a document that takes longer becomes one
failure and the batch goes on, in this process, in a pool of workers, on Dask, in a thread."""

from __future__ import annotations

import re
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from supplyline.config import Settings
from supplyline.engines import DaskEngine, LocalEngine
from supplyline.engines.deadline import DocumentTimeout, time_budget
from supplyline.engines.work import Extracted, Failed, process
from supplyline.ingest import IngestError
from supplyline.model import Document
from supplyline.pipeline import Engine, run
from supplyline.store import Store

BUDGET = Settings(doc_timeout=3.0)
REASON = "extraction stopped after 3 s (SUPPLYLINE_DOC_TIMEOUT)"
# about a thousand claims: ten seconds of extraction and more
LONG = " ".join(f"Poland delivered {i} tanks to Ukraine, officials said." for i in range(1000))
SHORT = "Germany delivered 12 tanks to Ukraine, officials said."


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    root = tmp_path_factory.mktemp("budget")
    (root / "a_long.txt").write_text(LONG, encoding="utf-8")
    (root / "b_short.txt").write_text(SHORT, encoding="utf-8")
    return [str(root / "a_long.txt"), str(root / "b_short.txt")]


@pytest.mark.parametrize("engine", [LocalEngine(1), LocalEngine(2),
                                    DaskEngine(processes=False, batch_size=1)],
                         ids=["in-process", "two-workers", "dask-threads"])
def test_a_document_over_budget_is_one_failure_and_the_batch_goes_on(
        engine: Engine, inputs: list[str], tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        started = time.monotonic()
        summary = run(inputs, store, settings=BUDGET, engine=engine)
        took = time.monotonic() - started
        assert store.has_document("b_short.txt"), summary.failures
        assert not store.has_document("a_long.txt")
    assert summary.failures == [IngestError(inputs[0], REASON)]
    assert summary.stored == 1 and summary.claims == 1
    assert took < 60  # the long document alone would take more than that


def test_the_budget_holds_in_any_thread() -> None:
    results: list[object] = []
    doc = Document("long", LONG, origin="long.txt")
    worker = threading.Thread(target=lambda: results.append(process(doc, BUDGET)))
    worker.start()
    worker.join(60)
    assert results == [Failed(IngestError("long.txt", REASON))]


def test_no_budget_when_it_is_zero() -> None:
    doc = Document("short", SHORT)
    assert isinstance(process(doc, Settings(doc_timeout=0)), Extracted)


@pytest.mark.parametrize("in_thread", [False, True])
def test_the_budget_stops_a_runaway_regex(in_thread: bool) -> None:
    """A pattern that backtracks for ever is stopped too (in the main thread by the signal
    the regex engine checks; elsewhere, once the call returns: here it would not, so the
    thread case runs Python code around short calls)."""
    caught: list[BaseException] = []

    def runaway() -> None:
        try:
            with time_budget(0.5):
                if in_thread:
                    while True:
                        re.fullmatch(r"(a*)*b", "a" * 18)
                re.fullmatch(r"(a*)*b", "a" * 40)
        except DocumentTimeout as exc:
            caught.append(exc)

    started = time.monotonic()
    if in_thread:
        worker = threading.Thread(target=runaway)
        worker.start()
        worker.join(30)
    else:
        runaway()
    assert len(caught) == 1 and time.monotonic() - started < 10


@pytest.mark.parametrize("in_thread", [False, True])
def test_a_budget_that_is_not_spent_leaves_nothing_behind(in_thread: bool) -> None:
    outcome: list[str] = []

    def quick_then_idle() -> None:
        try:
            for _ in range(50):
                with time_budget(0.05):
                    pass
            time.sleep(0.3)  # a timer left running would fire in here
            outcome.append("clean")
        except DocumentTimeout:
            outcome.append("a spent budget fired")

    if in_thread:
        worker = threading.Thread(target=quick_then_idle)
        worker.start()
        worker.join(30)
    else:
        quick_then_idle()
    assert outcome == ["clean"]


class Finalised:
    """An object whose finaliser keeps the interpreter busy for ``seconds``: a raise that lands
    in it is swallowed by Python ("Exception ignored in ..."). ``seconds`` has a class default:
    a raise that lands in ``__init__`` before it is set leaves a finaliser that must still run
    cleanly, or it would be reported as unraisable."""

    seconds = 0.0

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds

    def __del__(self) -> None:
        end = time.monotonic() + self.seconds
        while time.monotonic() < end:
            pass


def in_a_thread_or_not(in_thread: bool, work: Callable[[], None]) -> None:
    if in_thread:
        worker = threading.Thread(target=work)
        worker.start()
        worker.join(60)
    else:
        work()


@pytest.mark.parametrize("in_thread", [False, True])
def test_a_timeout_python_swallows_is_raised_again(in_thread: bool,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Nine tenths of the time spent in finalisers: a raise is likely to land in one and be
    lost (a document's budget once ran out in a weakref callback of the garbage collector,
    and the document ran to its end); a later one stops the work, and the lost ones are not
    reported as unraisable. (A lost raise cuts a finaliser short and restarts the 41 ms cycle:
    raises 50 ms apart would each land 9 ms into the next finaliser, and all be lost.)"""
    unraisable: list[object] = []
    monkeypatch.setattr(sys, "unraisablehook", unraisable.append)
    caught: list[float] = []

    def churn() -> None:
        started = time.monotonic()
        try:
            with time_budget(0.3):
                while time.monotonic() - started < 30:
                    Finalised(0.037)  # dropped at once: its finaliser runs here
                    end = time.monotonic() + 0.004
                    while time.monotonic() < end:
                        pass
        except DocumentTimeout:
            caught.append(time.monotonic() - started)

    in_a_thread_or_not(in_thread, churn)
    assert len(caught) == 1 and caught[0] < 10, caught
    assert not unraisable


@pytest.mark.parametrize("in_thread", [False, True])
def test_a_block_that_ends_with_every_raise_swallowed_is_over_budget(
        in_thread: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    unraisable: list[object] = []
    monkeypatch.setattr(sys, "unraisablehook", unraisable.append)
    outcome: list[str] = []

    def all_in_a_finaliser() -> None:
        try:
            with time_budget(0.2):
                Finalised(1.0)  # the raise lands in the finaliser, which then ends
            outcome.append("finished as if in time")
        except DocumentTimeout:
            outcome.append("over budget")

    in_a_thread_or_not(in_thread, all_in_a_finaliser)
    assert outcome == ["over budget"] and not unraisable


def test_loading_the_pipeline_builds_the_patterns_every_document_asks_for() -> None:
    """In a fresh interpreter: after ``load_pipeline`` (what the pool's parent does before it
    forks its workers) the actor, place and quantity patterns and the cleaner's vocabulary
    are built, so that no worker builds them again in its first task."""
    code = """
        from supplyline import clean
        from supplyline.config import Settings
        from supplyline.engines.work import load_pipeline
        from supplyline.extract import numbers, reader_for

        settings = Settings.from_env()
        vocab = reader_for(settings).resources.vocab
        assert "actors" not in vocab._patterns and not clean._default_vocab.cache_info().currsize
        load_pipeline(settings)
        assert {"actors", "places"} <= set(vocab._patterns)
        assert numbers.quantity_pattern.cache_info().currsize == 1
        assert clean._default_vocab.cache_info().currsize == 1
        load_pipeline(settings)  # once: nothing built again
        assert numbers.quantity_pattern.cache_info().misses == 1
    """
    import subprocess
    import textwrap
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr
