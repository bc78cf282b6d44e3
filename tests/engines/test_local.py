"""The local engine's pool: workers forked with the pipeline loaded when that is safe (Linux,
no other thread), spawned otherwise; the same results in the same order either way, a batch
of documents per task; workers that ignore Ctrl-C; the parent's signal mask and collector
left as they were."""

from __future__ import annotations

import gc
import signal
import sys
import threading

import pytest

from supplyline.config import Settings
from supplyline.engines import LocalEngine, local
from supplyline.engines.work import Extracted, Item, Result, Unchanged, batches, process
from supplyline.ingest import IngestError
from supplyline.model import Document

SETTINGS = Settings()
TEXTS = ["Spain flew 6 helicopters to Ukraine, its army said.",
         "A quiet page about the weather in Madrid.",
         "Ukraine got 20 armoured trucks from Belgium in May.",
         "Belgium plans to ship more shells to Ukraine, a minister said."]
linux_only = pytest.mark.skipif(sys.platform != "linux", reason="workers are forked on Linux")


def items() -> list[Item]:
    docs: list[Item] = [Document(id=f"d{i}", text=t) for i, t in enumerate(TEXTS)]
    return [docs[0], IngestError("gone.txt", "cannot read"), docs[1], Unchanged("seen"),
            docs[2], docs[3]]


def outcome(results: list[Result]) -> list[object]:
    return [[c.to_dict() for c in r.claims] if isinstance(r, Extracted) else r
            for r in results]


def test_batches_count_documents_and_keep_the_rest_in_place() -> None:
    got = list(batches(items(), 2))
    assert [[getattr(i, "id", None) or getattr(i, "doc_id", None) or "error" for i in b]
            for b in got] == [["d0", "error", "d1"], ["seen", "d2", "d3"]]
    assert list(batches([], 2)) == []
    assert list(batches([Unchanged("a")], 2)) == [[Unchanged("a")]]


@pytest.mark.parametrize("fork", [True, False], ids=["forked", "spawned"])
@pytest.mark.parametrize("chunksize", [1, 3, 8])
def test_a_pool_gives_what_one_process_gives(fork: bool, chunksize: int,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    if fork and sys.platform != "linux":
        pytest.skip("workers are forked on Linux")
    monkeypatch.setattr(local, "forks", lambda: fork)
    alone = [process(item, SETTINGS) for item in items()]
    with LocalEngine(2, chunksize).results(items(), SETTINGS) as results:
        pooled = list(results)
    assert outcome(pooled) == outcome(alone)
    assert [type(r) for r in pooled] == [type(r) for r in alone]
    assert any(isinstance(r, Extracted) and r.claims for r in pooled)


@linux_only
def test_workers_are_forked_only_while_no_other_thread_runs() -> None:
    assert local.forks() == (threading.active_count() == 1)
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert not local.forks()
    finally:
        stop.set()
        other.join()


def _worker_state(_: object) -> tuple[object, bool, bool]:
    """In a worker: its SIGINT handler, whether SIGINT is still blocked, and whether the
    pipeline was there already (a forked worker's initializer finds it loaded)."""
    from supplyline.extract import _READERS

    blocked = signal.SIGINT in signal.pthread_sigmask(signal.SIG_BLOCK, [])
    return signal.getsignal(signal.SIGINT), blocked, bool(_READERS)


@linux_only
def test_forked_workers_ignore_ctrl_c_and_the_parent_is_left_as_it_was(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(local, "forks", lambda: True)
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, [])
    frozen = gc.get_freeze_count()
    with local._pool(2, SETTINGS) as pool:
        assert signal.pthread_sigmask(signal.SIG_BLOCK, []) == mask
        assert gc.get_freeze_count() == frozen
        states = pool.map(_worker_state, range(4), 1)
    assert states == [(signal.SIG_IGN, False, True)] * 4


@pytest.mark.parametrize("fork", [True, False], ids=["forked", "spawned"])
def test_a_missing_pipeline_stops_the_pool(fork: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    from supplyline.extract import ModelError

    if fork and sys.platform != "linux":
        pytest.skip("workers are forked on Linux")
    monkeypatch.setattr(local, "forks", lambda: fork)
    missing = Settings(spacy_model="no_such_spacy_pipeline")
    with pytest.raises(ModelError, match="not installed"), \
            LocalEngine(2).results(items(), missing) as results:
        list(results)


def test_a_pipeline_that_fails_in_the_spawned_workers_stops_the_pool(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Past the parent's check (here switched off), the workers' own failure to load is
    raised by the first task, and the pool stops."""
    from supplyline.extract import ModelError, nlp

    monkeypatch.setattr(local, "forks", lambda: False)
    monkeypatch.setattr(nlp, "require_installed", lambda _model: None)
    missing = Settings(spacy_model="no_such_spacy_pipeline")
    with pytest.raises(ModelError, match="not installed"), \
            LocalEngine(2).results(items(), missing) as results:
        list(results)


def test_a_pool_whose_terminate_hangs_has_its_workers_killed(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """``Pool.terminate`` can wait for ever on a queue lock (CPython gh-78178): the engine
    waits ``STOP_WAIT`` and kills the workers."""
    killed: list[int] = []

    class Worker:
        def __init__(self, n: int) -> None:
            self.n = n

        def kill(self) -> None:
            killed.append(self.n)

    class StuckPool:
        _pool = [Worker(1), Worker(2)]

        def terminate(self) -> None:
            threading.Event().wait()

        def join(self) -> None:
            raise AssertionError("a pool that did not terminate is not joined")

    monkeypatch.setattr(local, "STOP_WAIT", 0.2)
    local._terminate(StuckPool())
    assert killed == [1, 2]


def test_the_last_tasks_are_cut_smaller_so_the_workers_finish_together() -> None:
    docs: list[Item] = [Document(id=f"n{i}", text="x") for i in range(30)]
    tasks = list(local._evened(batches(docs, 8), 8, 2))
    assert [item for task in tasks for item in task] == docs  # every item, in order
    assert [len(task) for task in tasks] == [8, 8] + [2] * 7
    assert [len(t) for t in local._evened(batches(docs[:5], 8), 8, 2)] == [2, 2, 1]
    assert list(local._evened(iter([]), 8, 2)) == []
