"""spaCy's rule lemmatizer with its results kept per (form, part of speech, morphology).

Hand-written for speed, not for different results. The English rule lemmatizer works out
each token's lemma in Python (its part of speech and features as strings, whether the form
is a base form, then the rules), and keeps only some results; on real text that was a
tenth of the parse. The lemma depends on the token's form, part of speech and morphology
alone (spaCy's own cache is keyed on them), so this component reads those for the whole
document at once (``Doc.to_array``), asks the lemmatizer once per combination it has not
seen, and writes every lemma back at once; the base forms it checks a rule's result against
are held as sets (``index_as_sets``). ``tests/extract/test_lemmas.py`` checks that the
lemmas are spaCy's.
"""

from __future__ import annotations

from typing import Any

from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.language import Language
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc
from spacy.vocab import Vocab

MAX_CACHED = 500_000  # combinations kept; past that the cache starts again


class CachedLemmatizer:
    """A drop-in for a rule ``lemmatizer`` component, wrapping it (``install``)."""

    def __init__(self, vocab: Vocab, inner: Lemmatizer | None = None) -> None:
        self.vocab = vocab
        self.inner = inner
        self.cache: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        if self.inner is None or not len(doc):
            return doc
        overwrite = self.inner.overwrite
        table = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas: Any = table[:, 3].copy()
        cache = self.cache
        for i, (orth, pos, morph, lemma) in enumerate(table.tolist()):
            if lemma and not overwrite:
                continue  # set before (by the attribute ruler): spaCy keeps it too
            key = (orth, pos, morph)
            value = cache.get(key)
            if value is None:
                if len(cache) >= MAX_CACHED:
                    cache.clear()
                value = cache[key] = self.vocab.strings.add(self.inner.lemmatize(doc[i])[0])
            lemmas[i] = value
        doc.from_array([LEMMA], lemmas)
        return doc


@Language.factory("cached_lemmatizer")
def make_cached_lemmatizer(nlp: Language, name: str) -> CachedLemmatizer:
    """Registered so that ``nlp.replace_pipe`` can put it in place; ``install`` fills it."""
    return CachedLemmatizer(nlp.vocab)


def install(nlp: Language, name: str = "lemmatizer") -> bool:
    """Wrap ``nlp``'s rule lemmatizer in the cached one; True when it did (a lemmatizer in
    another mode, whose lemma may depend on more than those three, stays as it is)."""
    if name not in nlp.pipe_names:
        return False
    inner = nlp.get_pipe(name)
    if not isinstance(inner, Lemmatizer) or inner.mode != "rule":
        return False
    nlp.replace_pipe(name, "cached_lemmatizer")
    cached = nlp.get_pipe(name)
    assert isinstance(cached, CachedLemmatizer)
    cached.inner = inner
    index_as_sets(inner)
    return True


def index_as_sets(lemmatizer: Lemmatizer) -> None:
    """Hold the lemmatizer's ``lemma_index`` (the known base forms, by part of speech) as
    sets. The English rule lemmatizer only asks ``form in index`` of them, once for each
    form a suffix rule makes; as lists (57,528 nouns) every question was a scan, up to
    1.6 ms for a plural noun seen the first time, most of the lemmatizer's time on new
    text. Membership is the same for a set, so the lemmas are too."""
    if not lemmatizer.lookups.has_table("lemma_index"):
        return
    table = lemmatizer.lookups.get_table("lemma_index")
    for key, forms in list(table.items()):
        if isinstance(forms, list):
            table[key] = frozenset(forms)
