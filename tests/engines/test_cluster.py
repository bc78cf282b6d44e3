"""The Dask engine: the same store as the local engine, in order, and idempotent when a worker
dies mid-batch, a batch fails for good, or the driver itself is stopped."""

from __future__ import annotations

import os
import signal
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from corpus_factories import write_corpus, write_warc
from supplyline.config import Settings
from supplyline.engines import ClusterError, DaskEngine, work
from supplyline.extract import ModelError
from supplyline.model import Document
from supplyline.pipeline import Interrupted, RunSummary, Step, run
from supplyline.store import Store

SETTINGS = Settings()
DOCS = 6  # four in the plain corpus, two articles in the WARC
IN_PROCESS = DaskEngine(processes=False, batch_size=2)  # one worker thread in this process


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = write_corpus(tmp_path_factory.mktemp("cluster") / "docs")
    write_warc(root / "d_crawl.warc.gz")
    return root


@pytest.fixture(scope="module")
def reference(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The corpus through the local engine: the claims and counts every run must give."""
    with Store(tmp_path_factory.mktemp("reference") / "ref.db") as store:
        summary = run([str(corpus)], store, settings=SETTINGS)
        assert summary.ok and summary.stored == DOCS
        return contents(store)


def contents(store: Store) -> dict[str, Any]:
    stats = store.stats()
    return {"claim_records": [c.to_dict() for c in store.claims()],
            **{k: stats[k] for k in ("documents", "claims", "sources", "evidence")}}


def test_dask_stores_what_the_local_engine_stores(corpus: Path, reference: dict[str, Any],
                                                 tmp_path: Path) -> None:
    steps: list[Step] = []
    with Store(tmp_path / "dask.db") as store:
        summary = run([str(corpus)], store, settings=SETTINGS, engine=IN_PROCESS,
                      progress=lambda step, _s: steps.append(step))
        assert contents(store) == reference
        again = run([str(corpus)], store, settings=SETTINGS, engine=IN_PROCESS)
        assert contents(store) == reference
    assert summary.ok and (summary.read, summary.stored) == (DOCS, DOCS)
    assert summary.skipped["request"] == 2 and sum(summary.skipped.values()) == 8
    # in input order, the archive's count right after its last article
    assert [s.kind for s in steps] == ["stored"] * DOCS + ["skipped"]
    assert steps[-1].skipped is not None and steps[-1].name.endswith("d_crawl.warc.gz")
    assert (again.stored, again.unchanged) == (0, DOCS)
    assert sum(again.found.values()) == reference["claims"] == summary.claims


class WorkerDied(RuntimeError):
    """Stands in for a worker lost in the middle of a batch."""


def test_a_batch_that_dies_midway_is_run_again_and_stored_once(
    corpus: Path, reference: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The whole corpus is one batch; its first attempt dies at the third document, after
    extracting two. The retry extracts them again; the store holds each once."""
    extracted: list[str] = []
    real = work.process

    def dies_once(item: work.Item, settings: Settings,
                  parsed: work.Parsed | None = None) -> work.Result:
        if isinstance(item, Document):
            extracted.append(item.id)
            if extracted == ["a_korea.txt", "b_germany.html", "us-package"]:
                raise WorkerDied("the worker died")
        return real(item, settings, parsed)

    monkeypatch.setattr(work, "process", dies_once)
    engine = DaskEngine(processes=False, batch_size=10, retries=1)
    with Store(tmp_path / "retry.db") as store:
        summary = run([str(corpus)], store, settings=SETTINGS, engine=engine)
        assert contents(store) == reference
    assert summary.ok and summary.stored == DOCS
    assert Counter(extracted)["a_korea.txt"] == 2  # the first attempt's work was thrown away
    assert len(extracted) == 3 + DOCS


def test_a_batch_that_keeps_failing_is_left_for_the_next_run(
    corpus: Path, reference: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = work.process

    def fails(item: work.Item, settings: Settings,
              parsed: work.Parsed | None = None) -> work.Result:
        if isinstance(item, Document) and item.id == "iran-drones":
            raise WorkerDied("the worker died")
        return real(item, settings, parsed)

    engine = DaskEngine(processes=False, batch_size=2, retries=0)
    with Store(tmp_path / "failed.db") as store:
        with monkeypatch.context() as patch:
            patch.setattr(work, "process", fails)
            first = run([str(corpus)], store, settings=SETTINGS, engine=engine)
        # the failed batch (the two wire records) is reported, the other batches stored
        assert [f.origin.rsplit("/", 1)[-1] for f in first.failures] == [
            "c_wire.jsonl:1", "c_wire.jsonl:2"]
        assert {f.reason for f in first.failures} == {
            "worker failed: WorkerDied: the worker died"}
        assert (first.read, first.stored) == (DOCS, DOCS - 2)
        second = run([str(corpus)], store, settings=SETTINGS, engine=engine)
        assert (second.stored, second.unchanged, second.failures) == (2, DOCS - 2, [])
        assert contents(store) == reference


def test_a_stopped_driver_resumes_with_nothing_lost_or_twice(
    corpus: Path, reference: dict[str, Any], tmp_path: Path
) -> None:
    def stop_after_three(step: Step, summary: RunSummary) -> None:
        if summary.stored == 3:
            raise KeyboardInterrupt

    with Store(tmp_path / "stopped.db") as store:
        with pytest.raises(Interrupted) as info:
            run([str(corpus)], store, settings=SETTINGS, engine=IN_PROCESS,
                progress=stop_after_three)
        assert info.value.summary.stored == 3 == store.stats()["documents"]
        summary = run([str(corpus)], store, settings=SETTINGS, engine=IN_PROCESS)
        assert (summary.stored, summary.unchanged) == (DOCS - 3, 3)
        assert contents(store) == reference


def test_a_killed_worker_process_loses_nothing(corpus: Path, reference: dict[str, Any],
                                               tmp_path: Path) -> None:
    """A real worker process, killed (SIGKILL) once the first result is stored: the nanny
    starts a new one and the scheduler runs the lost batches again."""
    from distributed import get_client

    killed: list[int] = []
    later: set[int] = set()  # the worker processes that did the rest

    def kill_the_worker(step: Step, summary: RunSummary) -> None:
        [pid] = get_client().run(os.getpid).values()
        if not killed:
            os.kill(pid, signal.SIGKILL)
            killed.append(pid)
        else:
            later.add(pid)

    engine = DaskEngine(workers=1, batch_size=1)
    with Store(tmp_path / "killed.db") as store:
        summary = run([str(corpus)], store, settings=SETTINGS, engine=engine,
                      progress=kill_the_worker)
        assert contents(store) == reference
    assert summary.ok and summary.stored == DOCS
    assert killed and later and killed[0] not in later


def test_a_scheduler_address_is_used(corpus: Path, reference: dict[str, Any],
                                     tmp_path: Path) -> None:
    from distributed import LocalCluster

    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, protocol="tcp",
                      host="127.0.0.1", dashboard_address=":0") as cluster:
        engine = DaskEngine(scheduler=cluster.scheduler_address, batch_size=3)
        assert engine.describe() == f"the Dask cluster at {cluster.scheduler_address}"
        with Store(tmp_path / "remote.db") as store:
            summary = run([str(corpus)], store, settings=SETTINGS, engine=engine)
            assert contents(store) == reference
    assert summary.ok


def test_an_unreachable_scheduler_is_a_clear_error(corpus: Path) -> None:
    engine = DaskEngine(scheduler="tcp://127.0.0.1:9", connect_timeout=0.5)
    with Store(":memory:") as store, pytest.raises(ClusterError) as info:
        run([str(corpus)], store, settings=SETTINGS, engine=engine)
    assert str(info.value).startswith("cannot reach the Dask scheduler at tcp://127.0.0.1:9: ")


def test_a_missing_spacy_pipeline_stops_the_dask_run(corpus: Path) -> None:
    settings = Settings(spacy_model="no_such_spacy_pipeline")
    with Store(":memory:") as store, pytest.raises(ModelError, match="not installed"):
        run([str(corpus)], store, settings=settings, engine=IN_PROCESS)


def test_the_public_ingest_takes_an_engine(corpus: Path, reference: dict[str, Any],
                                           tmp_path: Path) -> None:
    import supplyline

    summary = supplyline.ingest(corpus, tmp_path / "api.db", engine=IN_PROCESS)
    assert summary.ok and summary.stored == DOCS
    with Store(tmp_path / "api.db") as store:
        assert contents(store) == reference
