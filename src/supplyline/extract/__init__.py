"""Text -> claims. The stage's whole interface is here:

- ``extract_document(doc, cleaned=None, settings=None) -> list[Claim]``
- ``extract(text, published=None, doc_id="text") -> list[Claim]`` for a bare string.

Only the sentences that can hold a claim (they name an item or an activity) are parsed.
"""

from __future__ import annotations

from datetime import date

from ..clean import clean
from ..config import Settings
from ..model import Claim, CleanedText, Document
from ..vocab import load_vocabulary
from .document import DocumentReader
from .nlp import ModelError, parser

__all__ = ["ModelError", "extract", "extract_document", "reader_for"]

_READERS: dict[tuple, DocumentReader] = {}


def reader_for(settings: Settings | None = None) -> DocumentReader:
    """The document reader for these settings (built once per process)."""
    s = settings or Settings.from_env()
    key = (s.spacy_model, s.vocab)
    if key not in _READERS:
        _READERS[key] = DocumentReader(load_vocabulary(tuple(s.vocab)), parser(s.spacy_model))
    return _READERS[key]


def extract_document(doc: Document, cleaned: CleanedText | None = None,
                     settings: Settings | None = None) -> list[Claim]:
    """Every claim in one document, evidence offsets pointing into ``doc.text``."""
    return reader_for(settings).read(doc, cleaned or clean(doc))


def extract(text: str, published: date | str | None = None, doc_id: str = "text",
            settings: Settings | None = None) -> list[Claim]:
    """Claims in a piece of text; ``published`` resolves relative dates ("last month")."""
    if isinstance(published, str):
        published = date.fromisoformat(published[:10])
    return extract_document(Document(id=doc_id, text=text, published=published),
                            settings=settings)
