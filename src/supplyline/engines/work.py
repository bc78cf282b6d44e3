"""What a worker does, in either engine: clean and extract one document, or a batch of them.

Items travel from the driver to the workers and results back, all plain picklable
dataclasses. A worker never touches the store: only the driver writes, so a worker that dies
mid-batch leaves nothing half-done, and running its batch again (elsewhere) is harmless.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

from supplyline.clean import clean
from supplyline.config import Settings
from supplyline.engines.deadline import DocumentTimeout, time_budget
from supplyline.errors import ConfigurationError
from supplyline.ingest import IngestError, Skipped
from supplyline.model import Claim, CleanedText, Document

log = logging.getLogger(__name__)


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


def process(item: Item, settings: Settings) -> Result:
    """Clean and extract a document; pass anything else through.

    A document the extractor fails on, or that takes longer than ``settings.doc_timeout``
    (see ``deadline``), becomes ``Failed``; a missing spaCy pipeline or a
    broken vocabulary (a ``ConfigurationError``) is raised, since no document could be
    extracted.
    """
    if not isinstance(item, Document):
        return item
    from supplyline.extract import extract_document

    try:
        load_pipeline(settings)  # once per process, and not on the first document's budget
        with time_budget(settings.doc_timeout):
            cleaned = clean(item)
            claims = extract_document(item, cleaned, settings)
    except DocumentTimeout:
        reason = f"extraction stopped after {settings.doc_timeout:g} s (SUPPLYLINE_DOC_TIMEOUT)"
        return Failed(IngestError(item.origin or item.id, reason))
    except ConfigurationError:
        raise
    except Exception as exc:  # one bad document must not stop the batch
        log.debug("extraction failed for %s", item.id, exc_info=True)
        reason = f"extraction failed: {type(exc).__name__}: {exc}"
        return Failed(IngestError(item.origin or item.id, reason))
    return Extracted(item, cleaned, claims)


def process_batch(items: Sequence[Item], settings: Settings) -> list[Result]:
    """``process`` for each item, in order: one task of the Dask engine."""
    return [process(item, settings) for item in items]


def load_pipeline(settings: Settings) -> None:
    """Load the vocabulary and the spaCy pipeline now (once per process) rather than in the
    first task; raises ``ModelError`` when the pipeline is not installed."""
    from supplyline.extract import reader_for

    reader_for(settings)
