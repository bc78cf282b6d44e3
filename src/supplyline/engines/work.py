"""What a worker does, in either engine: clean and extract one document, or a batch of them.

Items travel from the driver to the workers and results back, all plain picklable
dataclasses. A worker never touches the store: only the driver writes, so a worker that dies
mid-batch leaves nothing half-done, and running its batch again (elsewhere) is harmless.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from supplyline.clean import clean
from supplyline.clean import prepare as prepare_cleaning
from supplyline.config import Settings
from supplyline.engines.deadline import DocumentTimeout, time_budget
from supplyline.errors import ConfigurationError
from supplyline.ingest import IngestError, Skipped
from supplyline.model import Claim, CleanedText, Document

if TYPE_CHECKING:
    from supplyline.extract.context import DocumentContext

log = logging.getLogger(__name__)

BATCH = 8  # documents a batch parses together (their candidate sentences in one nlp.pipe)


@dataclass(frozen=True)
class Unchanged:
    """A document already stored with the same text: not sent to be extracted again."""

    doc_id: str


@dataclass(frozen=True)
class Extracted:
    doc: Document
    cleaned: CleanedText
    claims: list[Claim]


@dataclass(frozen=True)
class Failed:
    """A document that was read but could not be extracted."""

    error: IngestError


Item = Document | IngestError | Unchanged | Skipped
Result = Extracted | Failed | IngestError | Unchanged | Skipped
# a document cleaned, after the parse pass, and the seconds of its budget that took
Parsed = tuple[CleanedText, "DocumentContext", float]


def process(item: Item, settings: Settings, parsed: Parsed | None = None) -> Result:
    """Clean and extract a document; pass anything else through.

    A document the extractor fails on, or that takes longer than ``settings.doc_timeout``
    (see ``deadline``), becomes ``Failed``; a missing spaCy pipeline or a
    broken vocabulary (a ``ConfigurationError``) is raised, since no document could be
    extracted. ``parsed``: the document cleaned and parsed already (``parse_batch``).
    """
    if not isinstance(item, Document):
        return item
    from supplyline.extract import extract_document

    reason = f"extraction stopped after {settings.doc_timeout:g} s (SUPPLYLINE_DOC_TIMEOUT)"
    budget = settings.doc_timeout
    if parsed is not None and budget > 0:  # what its share of the batch's parse took
        budget -= parsed[2]
        if budget <= 0:
            return Failed(IngestError(item.origin or item.id, reason))
    try:
        load_pipeline(settings)  # once per process, and not on the first document's budget
        with time_budget(budget):
            if parsed is not None:
                cleaned, context, _ = parsed
                claims = extract_document(item, cleaned, settings, context)
            else:
                cleaned = clean(item)
                claims = extract_document(item, cleaned, settings)
    except DocumentTimeout:
        return Failed(IngestError(item.origin or item.id, reason))
    except ConfigurationError:
        raise
    except Exception as exc:  # one bad document must not stop the batch
        log.debug("extraction failed for %s", item.id, exc_info=True)
        reason = f"extraction failed: {type(exc).__name__}: {exc}"
        return Failed(IngestError(item.origin or item.id, reason))
    return Extracted(item, cleaned, claims)


def process_together(items: Sequence[Item], settings: Settings) -> list[Result]:
    """``process`` for each item, in order, the documents' sentences parsed together
    (``parse_batch``): a batch of the local engine (in this process or a worker) and one
    task of the Dask engine (``process_batch``)."""
    parsed = parse_batch(items, settings)
    return [process(item, settings, parsed.get(id(item))) for item in items]


process_batch = process_together


def process_stream(items: Iterable[Item], settings: Settings, size: int = BATCH
                   ) -> Iterator[Result]:
    """``process_together`` over ``items`` read ``size`` documents at a time, results in
    order."""
    for batch in batches(items, size):
        yield from process_together(batch, settings)


def batches(items: Iterable[Item], size: int = BATCH) -> Iterator[list[Item]]:
    """``items`` in lists of ``size`` documents each (the last may hold fewer), with the
    items that are not documents where they come; read lazily."""
    batch: list[Item] = []
    documents = 0
    for item in items:
        batch.append(item)
        documents += isinstance(item, Document)
        if documents >= size:
            yield batch
            batch, documents = [], 0
    if batch:
        yield batch


def parse_batch(items: Sequence[Item], settings: Settings) -> dict[int, Parsed]:
    """The documents among ``items`` cleaned and parsed together, by ``id`` of the item:
    one pipeline call for all their candidate sentences instead of one per document (the
    same parses). Within one document's time budget; when it runs out, or anything fails,
    nothing is returned and ``process`` does each document on its own, as it would have.
    Each document's budget is charged its share of the time, by the length of the sentences
    parsed for it, so that it has what is left for the rest of its extraction."""
    docs = [item for item in items if isinstance(item, Document)]
    if len(docs) < 2:
        return {}
    from supplyline.extract import reader_for

    try:
        load_pipeline(settings)
        started = time.monotonic()
        with time_budget(settings.doc_timeout):
            cleaned = [clean(doc) for doc in docs]
            contexts = reader_for(settings).parse_together(list(zip(docs, cleaned, strict=True)))
        took = time.monotonic() - started
    except (Exception, DocumentTimeout):  # each document again alone: its own error, budget
        log.debug("parsing a batch together failed; each document alone", exc_info=True)
        return {}
    sizes = [1 + len(c.text) * 0.01 + sum(len(s.text) for s in ctx.candidates)
             for c, ctx in zip(cleaned, contexts, strict=True)]
    total = sum(sizes)
    return {id(doc): (c, ctx, took * size / total)
            for doc, c, ctx, size in zip(docs, cleaned, contexts, sizes, strict=True)}


def load_pipeline(settings: Settings) -> None:
    """Load the vocabulary and the spaCy pipeline now (once per process) rather than in the
    first task, with the patterns nearly every document asks for (``Extractor.prepare``,
    the cleaner's vocabulary): workers forked after it start with them built, rather than
    each building them in its first task; raises ``ModelError`` when the pipeline is not
    installed."""
    from supplyline.extract import reader_for

    reader_for(settings).prepare()
    prepare_cleaning()
