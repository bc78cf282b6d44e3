"""Item classes as data: ``item_classes.yaml`` (and a user's files of the same shape), read
into ``ItemClassVocab`` by ``load_vocabulary``. What a claim's class is, is resolution's
business (``supplyline.resolve.classes``); this module only holds the words."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from supplyline.errors import VocabularyError
from supplyline.evaluate import singular
from supplyline.model import CLAIM_TYPES


@dataclass(frozen=True)
class ItemClass:
    """One class of items of a claim type: its name and the terms that put an item in it;
    ``type`` when the class counts as another claim type in series (losses are combat);
    ``fallback`` when it is tried only after the classes the type borrows ("strikes" are
    combat operations, but "drone strikes" are in drones)."""

    name: str
    claim_type: str
    terms: tuple[str, ...]
    counts_as: str | None = None
    fallback: bool = False


@dataclass(frozen=True)
class ItemClassVocab:
    """Everything ``item_classes.yaml`` says, compiled once."""

    classes: Mapping[str, tuple[ItemClass, ...]]  # by claim type, in the order tried
    borrowed: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    unnamed: Mapping[str, str] = field(default_factory=dict)  # claim type -> class, no item
    money_class: str = "money"
    figure_units: tuple[str, ...] = ()
    increment_items: frozenset[str] = frozenset()
    part_of_words: tuple[str, ...] = ()
    loss_verbs: tuple[str, ...] = ()
    loss_nouns: tuple[str, ...] = ()
    loss_base_before: tuple[str, ...] = ()
    loss_approx: tuple[str, ...] = ()
    loss_class: str = "losses"
    loss_type: str = "combat"
    calibre: re.Pattern[str] = re.compile(r"(?!x)x")
    scale_words: Mapping[str, float] = field(default_factory=dict)

    def all_classes(self) -> tuple[ItemClass, ...]:
        return tuple(c for cs in self.classes.values() for c in cs)

    def classes_for(self, claim_type: str) -> tuple[ItemClass, ...]:
        """The classes an item of ``claim_type`` is tried against, in order: the type's own,
        then those of the types it borrows from (a produced drone is in the drones class),
        then the type's fallback classes."""
        own = self.classes.get(claim_type, ())
        borrowed = tuple(c for t in self.borrowed.get(claim_type, ())
                         for c in self.classes.get(t, ()) if not c.fallback)
        return (tuple(c for c in own if not c.fallback) + borrowed
                + tuple(c for c in own if c.fallback))

    def unnamed_class(self, claim_type: str) -> str:
        """The class of a claim that names no item: ``unnamed_classes``, else its type."""
        return self.unnamed.get(claim_type, claim_type)


def _words(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(w, str | int | float) for w in value):
        raise VocabularyError(f"{where}: expected a list of words")
    return tuple(str(w).strip().lower() for w in value if str(w).strip())


def item_class_vocab(data: Mapping[str, Any]) -> ItemClassVocab:
    """The merged vocabulary's item-class sections as an ``ItemClassVocab``."""
    classes: dict[str, tuple[ItemClass, ...]] = {}
    raw = data.get("item_classes") or {}
    if not isinstance(raw, dict):
        raise VocabularyError("item_classes: expected a mapping of claim types to classes")
    for claim_type, entries in raw.items():
        if claim_type not in CLAIM_TYPES:
            raise VocabularyError(f"item_classes: unknown claim type {claim_type!r}")
        out = []
        for n, entry in enumerate(entries or (), 1):
            if not isinstance(entry, dict) or not entry.get("name"):
                raise VocabularyError(f"item_classes.{claim_type}: class {n} needs a `name`")
            counts_as = entry.get("type")
            if counts_as is not None and counts_as not in CLAIM_TYPES:
                raise VocabularyError(f"item_classes.{claim_type}.{entry['name']}: unknown "
                                     f"type {counts_as!r}")
            out.append(ItemClass(str(entry["name"]), claim_type,
                                 _words(entry.get("terms"), f"item_classes.{entry['name']}"),
                                 counts_as, bool(entry.get("fallback"))))
        classes[claim_type] = tuple(out)
    borrowed = _borrowed_classes(data.get("borrowed_classes"))
    unnamed = _unnamed_classes(data.get("unnamed_classes"))
    losses = data.get("losses") or {}
    try:
        calibre = re.compile(str(data.get("calibre") or r"(?!x)x"), re.IGNORECASE)
    except re.error as exc:
        raise VocabularyError(f"calibre: not a regular expression ({exc})") from None
    scale = data.get("scale_words") or {}
    try:
        scale_words = {str(k).lower(): float(v) for k, v in scale.items()}
    except (AttributeError, TypeError, ValueError):
        raise VocabularyError("scale_words: expected a mapping of words to numbers") from None
    return ItemClassVocab(
        classes=classes,
        borrowed=borrowed,
        unnamed=unnamed,
        money_class=str(data.get("money_class") or "money"),
        figure_units=_words(data.get("figure_units"), "figure_units"),
        increment_items=frozenset(_words(data.get("increment_items"), "increment_items")),
        part_of_words=_words(data.get("part_of_words"), "part_of_words"),
        loss_verbs=_words(losses.get("verbs"), "losses.verbs"),
        loss_nouns=_words(losses.get("nouns"), "losses.nouns"),
        loss_base_before=_words(losses.get("base_before"), "losses.base_before"),
        loss_approx=_words(losses.get("approx"), "losses.approx"),
        loss_class=str(losses.get("class") or "losses"),
        loss_type=str(losses.get("type") or "combat"),
        calibre=calibre,
        scale_words=scale_words,
    )


def _borrowed_classes(raw: Any) -> dict[str, tuple[str, ...]]:
    """``borrowed_classes``: claim type -> the claim types whose classes it also tries."""
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise VocabularyError("borrowed_classes: expected a mapping of claim types to lists")
    out: dict[str, tuple[str, ...]] = {}
    for claim_type, others in raw.items():
        names = (claim_type, *_words(others, f"borrowed_classes.{claim_type}"))
        unknown = [n for n in names if n not in CLAIM_TYPES]
        if unknown:
            raise VocabularyError(f"borrowed_classes: unknown claim type {unknown[0]!r}")
        out[claim_type] = names[1:]
    return out


def _unnamed_classes(raw: Any) -> dict[str, str]:
    """``unnamed_classes``: claim type -> the class of its claims that name no item."""
    if raw is None:
        return {}
    if not isinstance(raw, dict) or not all(isinstance(v, str) and v.strip()
                                            for v in raw.values()):
        raise VocabularyError("unnamed_classes: expected a mapping of claim types to names")
    unknown = [t for t in raw if t not in CLAIM_TYPES]
    if unknown:
        raise VocabularyError(f"unnamed_classes: unknown claim type {unknown[0]!r}")
    return {str(t): v.strip() for t, v in raw.items()}


# Hand-written: the matching is a few lines over the vocabulary's terms (whole words, singular
# or as written); no library classifies items of this domain.
_WORD = re.compile(r"[a-z0-9][a-z0-9/+'.-]*[a-z0-9]|[a-z0-9]")


def words_of(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def _word_matches(term: str, word: str) -> bool:
    return term in (word, singular(word)) or word.startswith(term + "-") \
        or singular(term) == singular(word)


def _contains(words: Sequence[str], term: str) -> bool:
    parts = term.split()
    n = len(parts)
    return any(all(_word_matches(parts[j], words[i + j]) for j in range(n))
               for i in range(len(words) - n + 1))


def find_class(item: str, classes: Sequence[ItemClass]) -> ItemClass | None:
    """The first class one of whose terms occurs in ``item``."""
    words = words_of(item)
    return next((c for c in classes if any(_contains(words, t) for t in c.terms)), None)
