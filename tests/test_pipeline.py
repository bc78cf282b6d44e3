"""The driver: store once, skip unchanged documents, survive bad documents and Ctrl-C, and give
the same claims with a pool of workers as without."""

from __future__ import annotations

import contextlib
import importlib
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from corpus_factories import DOC_IDS, write_corpus, write_many
from supplyline.config import Settings
from supplyline.extract import ModelError
from supplyline.model import Document
from supplyline.pipeline import Interrupted, RunSummary, Step, extract_corpus, run
from supplyline.store import Store, open_store

SETTINGS = Settings()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("pipeline") / "docs")


@pytest.fixture(scope="module")
def reference(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list]:
    """The corpus ingested once with ``jobs=1``: the database path and its claims."""
    path = tmp_path_factory.mktemp("reference") / "ref.db"
    with Store(path) as store:
        summary = run([str(corpus)], store, settings=SETTINGS)
        assert summary.ok and summary.stored == 4
        return path, [c.to_dict() for c in store.claims()]


def test_run_stores_every_document(corpus: Path, tmp_path: Path) -> None:
    steps: list[Step] = []
    with Store(tmp_path / "a.db") as store:
        summary = run([str(corpus)], store, settings=SETTINGS,
                      progress=lambda step, _s: steps.append(step))
        stats = store.stats()
    assert isinstance(summary, RunSummary)
    assert (summary.read, summary.stored, summary.unchanged, summary.failures) == (4, 4, 0, [])
    assert summary.ok and summary.elapsed > 0
    assert summary.claims == stats["claims"] > 0
    assert sum(summary.found.values()) == summary.claims
    assert [s.kind for s in steps] == ["stored"] * 4
    assert {s.name for s in steps} == DOC_IDS
    assert stats["documents"] == 4


def test_rerun_skips_unchanged_documents_without_extracting(
    corpus: Path, reference: tuple[Path, list], monkeypatch: pytest.MonkeyPatch
) -> None:
    path, claims = reference
    extractor = importlib.import_module("supplyline.extract")

    def refuse(*_a: object, **_k: object) -> None:
        raise AssertionError("an unchanged document was extracted again")

    monkeypatch.setattr(extractor, "extract_document", refuse)
    with Store(path) as store:
        first = store.stats()
        summary = run([str(corpus)], store, settings=SETTINGS)
        assert store.stats() == first
        assert [c.to_dict() for c in store.claims()] == claims
    assert (summary.read, summary.stored, summary.unchanged, summary.claims) == (4, 0, 4, 0)
    # what was found is still reported, from the store
    assert sum(summary.found.values()) == len(claims)


def test_a_changed_document_is_extracted_again(corpus: Path, tmp_path: Path) -> None:
    docs = write_corpus(tmp_path / "docs")
    with Store(tmp_path / "c.db") as store:
        run([str(docs)], store, settings=SETTINGS)
        text = docs / "a_korea.txt"
        text.write_text(text.read_text(encoding="utf-8") + "\nMore follows.\n", encoding="utf-8")
        summary = run([str(docs)], store, settings=SETTINGS)
        assert (summary.stored, summary.unchanged) == (1, 3)
        assert store.stats()["documents"] == 4


def test_bad_inputs_are_failures_and_the_rest_goes_in(corpus: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with Store(":memory:") as store:
        summary = run([str(tmp_path / "missing.txt"), str(corpus), str(empty)], store,
                      settings=SETTINGS)
        assert store.stats()["documents"] == 4
    assert [f.origin for f in summary.failures] == [str(tmp_path / "missing.txt"), str(empty)]
    assert not summary.ok and summary.stored == 4


def test_a_document_the_extractor_fails_on_does_not_stop_the_batch(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    extractor = importlib.import_module("supplyline.extract")
    real = extractor.extract_document

    def flaky(doc: Document, *args: object, **kwargs: object) -> list:
        if doc.id == "iran-drones":
            raise ValueError("boom")
        return real(doc, *args, **kwargs)

    monkeypatch.setattr(extractor, "extract_document", flaky)
    with Store(":memory:") as store:
        summary = run([str(corpus)], store, settings=SETTINGS)
        assert not store.has_document("iran-drones")
    assert summary.stored == 3 and summary.read == 4
    [failure] = summary.failures
    assert failure.reason == "extraction failed: ValueError: boom"
    assert failure.origin.endswith("c_wire.jsonl:2")


def test_ctrl_c_leaves_whole_documents_and_a_rerun_completes(
    corpus: Path, reference: tuple[Path, list], tmp_path: Path
) -> None:
    def stop_after_two(step: Step, summary: RunSummary) -> None:
        if summary.stored == 2:
            raise KeyboardInterrupt

    with Store(tmp_path / "i.db") as store:
        with pytest.raises(Interrupted) as info:
            run([str(corpus)], store, settings=SETTINGS, progress=stop_after_two)
        assert isinstance(info.value, KeyboardInterrupt)
        assert info.value.summary.stored == 2
        assert store.stats()["documents"] == 2
        summary = run([str(corpus)], store, settings=SETTINGS)
        assert (summary.stored, summary.unchanged) == (2, 2)
        assert [c.to_dict() for c in store.claims()] == reference[1]


def test_a_ctrl_c_that_a_library_swallows_still_stops_the_run(
    corpus: Path, tmp_path: Path
) -> None:
    """Dask's garbage-collector callback can eat the KeyboardInterrupt ("Exception ignored
    in"); the run must stop all the same, not finish and exit 0."""
    def swallowed_ctrl_c(step: Step, summary: RunSummary) -> None:
        if summary.stored == 1:
            with contextlib.suppress(KeyboardInterrupt):  # what a library callback does
                signal.raise_signal(signal.SIGINT)

    with Store(tmp_path / "s.db") as store:
        with pytest.raises(Interrupted) as info:
            run([str(corpus)], store, settings=SETTINGS, progress=swallowed_ctrl_c)
        assert info.value.summary.stored == 1
        assert store.stats()["documents"] == 1
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_two_jobs_give_the_same_claims_and_skip_unchanged(
    corpus: Path, reference: tuple[Path, list], tmp_path: Path
) -> None:
    with Store(tmp_path / "j2.db") as store:
        summary = run([str(corpus)], store, settings=SETTINGS, jobs=2)
        assert summary.ok and summary.stored == 4
        assert [c.to_dict() for c in store.claims()] == reference[1]
        again = run([str(corpus)], store, settings=SETTINGS, jobs=2)
        assert (again.stored, again.unchanged) == (0, 4)


def test_extract_corpus_without_a_store(corpus: Path, reference: tuple[Path, list]) -> None:
    errors = []
    pairs = list(extract_corpus([str(corpus), "/no/such/file"], settings=SETTINGS,
                                on_error=errors.append))
    assert {doc.id for doc, _ in pairs} == DOC_IDS
    got = sorted(c.to_dict()["id"] for _, claims in pairs for c in claims)
    assert got == sorted(c["id"] for c in reference[1])
    assert [e.origin for e in errors] == ["/no/such/file"]


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_missing_spacy_pipeline_stops_the_run(corpus: Path, jobs: int) -> None:
    settings = Settings(spacy_model="no_such_spacy_pipeline")
    with Store(":memory:") as store, pytest.raises(ModelError, match="not installed"):
        run([str(corpus)], store, settings=settings, jobs=jobs)


INGEST = ("import sys; from supplyline.cli import main; "
          "sys.argv = ['supplyline', '--db', sys.argv[1], '--quiet', 'ingest', *sys.argv[2:]]; "
          "main()")


def test_concurrent_ingests_with_a_reader_lose_and_duplicate_nothing(
        db_location: str, tmp_path: Path) -> None:
    """Three ``supplyline ingest`` processes on overlapping inputs, a reader meanwhile: the
    result is what one ingest of all inputs gives, and the reader never fails."""
    many = write_many(tmp_path / "many", n=9, paragraphs=2)
    files = sorted(str(p) for p in many.iterdir())
    parts = [files[0:5], files[2:7], files[4:9]]  # each file in one, two or three parts
    with open_store(tmp_path / "reference.db") as store:
        run([str(many)], store, settings=SETTINGS)
        expected = store.claims()
    open_store(db_location).close()  # created before the race, as `supplyline db upgrade` does
    done = threading.Event()
    reads: list[int] = []
    errors: list[BaseException] = []

    def read() -> None:
        try:
            with open_store(db_location) as store:
                while not done.is_set():
                    claims = store.claims()
                    assert len({c.id for c in claims}) == len(claims)
                    store.search("Shahed drones")
                    reads.append(len(claims))
        except BaseException as exc:  # checked below
            errors.append(exc)

    reader = threading.Thread(target=read)
    reader.start()
    procs = [subprocess.Popen([sys.executable, "-c", INGEST, db_location, *part],
                              stderr=subprocess.PIPE, text=True) for part in parts]
    try:
        for p in procs:
            _, err = p.communicate(timeout=300)
            assert p.returncode == 0, err
    finally:
        done.set()
        reader.join(timeout=60)
    assert errors == [] and reads and reads == sorted(reads)  # counts only ever grew
    with open_store(db_location) as store:
        assert store.claims() == expected
        assert store.stats()["documents"] == len(files)


def test_both_stores_take_nul_and_lone_surrogates_alike(db_location: str,
                                                       tmp_path: Path) -> None:
    corpus = tmp_path / "odd.jsonl"
    corpus.write_text(
        '{"id": "nul", "text": "Poland delivered 40 tanks\\u0000 to Ukraine."}\n'
        '{"id": "sur\\udfff", "outlet": "X\\ud800", "text": "Poland delivered 40 tanks to '
        'Ukraine.\\udfff"}\n'
        '{"text": "Germany delivered 12 tanks to Ukraine. \\udfff"}\n', encoding="utf-8")
    with open_store(db_location) as store:
        summary = run([str(corpus)], store, settings=SETTINGS)
        assert summary.ok and summary.stored == 3, summary.failures
        docs = sorted((d.id, d.text, d.outlet) for d in map(store.document, sorted(
            {c.doc for c in store.claims()})) if d is not None)
        claims = sorted((c.actor, c.quantity.value if c.quantity else None)
                        for c in store.claims())
    assert [d for d in docs if not d[0].startswith("sha1:")] == [
        ("nul", "Poland delivered 40 tanks\ufffd to Ukraine.", None),
        ("sur\\udfff", "Poland delivered 40 tanks to Ukraine.\ufffd", "X\ufffd"),
    ]
    assert claims == [("Germany", 12), ("Poland", 40), ("Poland", 40)]
