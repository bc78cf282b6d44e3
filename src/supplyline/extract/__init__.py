"""Text -> claims. The stage's whole interface is here:

- ``extract_document(doc, cleaned=None, settings=None) -> list[Claim]``
- ``extract(text, published=None, doc_id="text") -> list[Claim]`` for a bare string.

How it works: a list of passes (``pipeline.py``), each a function over a typed, frozen
context (``context.py``) that declares the fields it reads and sets. Per document: ``parse``
splits the article and parses only the sentences that can hold a claim (they name an item
or an activity); ``read`` takes each of them through the sentence passes, in this order:

    mentions -> candidates -> parties -> status -> quantity -> joint -> elided
    -> activities -> abroad -> within -> anaphora -> stand_ins -> told_before -> source -> denials
    -> remember

(what is named; the drafts the items make, guards dropping the rest; who sends and receives;
status; figure; one claim per joint sender; figures standing for an item; activity claims;
restatements within the sentence; a transfer referred back to; parties and sources from the
sentences around). Then the document passes fill what a sentence leaves open:

    alt_types -> first_person -> denied_reports -> fill_parties -> future
    -> own_government -> time -> place -> claims -> merge -> rescore

Time comes after source because a plain "will send" is a pledge or a forecast by who says
it (``future``), and a pledge takes the day it was announced. ``rescore`` is the learned
pass (``learned.py``): a trained filter and status model over the finished claims, each on
only where its weights (``make model``) enable it.

To add a rule: find the pass it belongs to (``passes/<pass>.py``: one module per stage).
A guard that drops an item is a named predicate in ``passes/candidates.py`` added to
``ITEM_GUARDS``, with the sentence that motivated it in its docstring. Words go in
``vocab/cues.yaml`` (read through ``Vocabulary``), not in the code. A new pass is a function
decorated with ``@sentence_pass(reads=..., sets=...)`` (or ``@document_pass``), put in its
place in ``pipeline.py``; importing the pipeline checks that what it reads is set before it.
Numbers (``numbers.py``), time phrases (``timex.py``) and attributions (``attribution.py``)
are the libraries the passes use.
"""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

from ..clean import clean
from ..config import Settings
from ..model import Claim, CleanedText, Document
from ..vocab import load_vocabulary
from . import spacy_import  # noqa: F401  # first: spaCy without its command line
from .context import DocumentContext
from .learned import LearnedModel, StaleModelError, shipped_model
from .nlp import ModelError, parser
from .pipeline import Extractor

__all__ = ["Extractor", "ModelError", "extract", "extract_document", "reader_for"]

_READERS: dict[tuple[str, tuple[Path, ...], bool], Extractor] = {}
log = logging.getLogger(__name__)


def reader_for(settings: Settings | None = None) -> Extractor:
    """The extractor for these settings (built once per process)."""
    s = settings or Settings.from_env()
    key = (s.spacy_model, tuple(s.vocab), s.learned)
    if key not in _READERS:
        _READERS[key] = Extractor.build(load_vocabulary(tuple(s.vocab)),
                                         parser(s.spacy_model),
                                         learned=_learned() if s.learned else None)
    return _READERS[key]


def _learned() -> LearnedModel | None:
    """The shipped weights of the learned pass; stale ones are left out, with a warning."""
    try:
        return shipped_model()
    except StaleModelError as exc:
        log.warning("learned pass off: %s", exc)
        return None


def extract_document(doc: Document, cleaned: CleanedText | None = None,
                     settings: Settings | None = None,
                     parsed: DocumentContext | None = None) -> list[Claim]:
    """Every claim in one document, evidence offsets pointing into ``doc.text``
    (``parsed``: its ``parse`` from ``Extractor.parse_together``, with ``cleaned``)."""
    return reader_for(settings).read(doc, cleaned or clean(doc), parsed)


def extract(text: str, published: date | str | None = None, doc_id: str = "text",
            settings: Settings | None = None) -> list[Claim]:
    """Claims in a piece of text; ``published`` resolves relative dates ("last month")."""
    if isinstance(published, str):
        published = date.fromisoformat(published[:10])
    return extract_document(Document(id=doc_id, text=text, published=published),
                            settings=settings)
