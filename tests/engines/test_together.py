"""Documents parsed together (``work.process_stream``, the local engine in one process): the
same results as each document on its own, in order, whatever else the stream holds; a batch
that cannot be parsed together is done a document at a time."""

from __future__ import annotations

import pytest

from supplyline.config import Settings
from supplyline.engines import work
from supplyline.engines.work import Extracted, Unchanged, process, process_stream
from supplyline.extract import reader_for
from supplyline.extract.pipeline import Extractor
from supplyline.ingest import IngestError
from supplyline.model import Document

SETTINGS = Settings()
TEXTS = ["Poland shipped 40 howitzers to Ukraine, its defence minister said.",
         "Nothing here names an item at all.",
         "Ukraine received 12 drones and 300 rifles from Norway last month.",
         "Norway will send more ammunition to Ukraine, officials said on Friday."]


def items() -> list[work.Item]:
    docs: list[work.Item] = [Document(id=f"d{i}", text=t) for i, t in enumerate(TEXTS)]
    return [docs[0], IngestError("x.txt", "cannot read"), docs[1], Unchanged("old"),
            docs[2], docs[3]]


def claims(results: list[work.Result]) -> list[object]:
    return [[c.to_dict() for c in r.claims] if isinstance(r, Extracted) else r
            for r in results]


@pytest.mark.parametrize("size", [1, 2, 3, 8])
def test_the_same_results_in_the_same_order(size: int) -> None:
    alone = [process(item, SETTINGS) for item in items()]
    together = list(process_stream(items(), SETTINGS, size=size))
    assert claims(together) == claims(alone)
    assert any(isinstance(r, Extracted) and r.claims for r in together)
    assert [type(r) for r in together] == [type(r) for r in alone]


def test_a_batch_that_cannot_be_parsed_together_goes_a_document_at_a_time(
        monkeypatch: pytest.MonkeyPatch) -> None:
    reader_for(SETTINGS)

    def fails(self: Extractor, docs: object) -> object:
        raise RuntimeError("no batch today")

    monkeypatch.setattr(Extractor, "parse_together", fails)
    assert work.parse_batch(items(), SETTINGS) == {}
    together = list(process_stream(items(), SETTINGS))
    monkeypatch.undo()
    assert claims(together) == claims([process(item, SETTINGS) for item in items()])


def test_one_document_is_not_a_batch() -> None:
    assert work.parse_batch([Document(id="solo", text=TEXTS[0])], SETTINGS) == {}


def test_each_document_is_charged_its_share_of_the_batch() -> None:
    batch = items()
    parsed = work.parse_batch(batch, SETTINGS)
    shares = {item.id: parsed[id(item)][2] for item in batch if isinstance(item, Document)}
    assert set(shares) == {"d0", "d1", "d2", "d3"} and all(s >= 0 for s in shares.values())
    assert shares["d1"] < shares["d0"]  # no candidate sentence: next to nothing


def test_a_document_whose_share_spent_its_budget_fails_as_over_budget() -> None:
    budget = Settings(doc_timeout=2.0)
    doc = Document(id="d0", text=TEXTS[0])
    cleaned, context, _ = work.parse_batch([doc, Document(id="d2", text=TEXTS[2])],
                                           budget)[id(doc)]
    result = process(doc, budget, (cleaned, context, 2.5))
    assert isinstance(result, work.Failed)
    assert result.error.reason == "extraction stopped after 2 s (SUPPLYLINE_DOC_TIMEOUT)"
    assert isinstance(process(doc, budget, (cleaned, context, 0.1)), Extracted)
