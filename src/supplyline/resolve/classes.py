"""Item classes: which series a claim's figure belongs to.

``classify(claim)`` gives the claim's series type, item class and unit, from the words of
``vocab/item_classes.yaml``: "soldiers", "troops" and "fighters" are one class (troops),
"deminers" another (workers and specialists); a Patriot is not an IRIS-T, a Leopard is a
tank; "155mm shells" are a class of their own; a figure in a currency is money, in that
currency; "13,000 containers of munitions" counts containers, not shells; "2,000 soldiers
... have been killed" counts losses (combat), never a deployment.

The matching of an item to a class's terms is ``vocab.classes.find_class`` (the extractor's
merge uses it too).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache

from supplyline.config import Settings
from supplyline.evaluate import head_noun, singular
from supplyline.model import Claim
from supplyline.vocab import Vocabulary, _plural, load_vocabulary
from supplyline.vocab.classes import ItemClass, ItemClassVocab, find_class, words_of

_CLAUSE_END = re.compile(r"[;:.!?](?:\s|$)|,")


@dataclass(frozen=True)
class ClaimClass:
    """Where a claim's figure counts: its series ``type`` (a loss counts as combat), its
    ``item_class`` and the ``unit`` of its figure (a currency, a unit noun such as
    "containers", or None for a count of the items themselves)."""

    type: str
    item_class: str
    unit: str | None = None
    loss: bool = False


def current_vocabulary() -> Vocabulary:
    """The vocabulary in force: the shipped files and those of ``$SUPPLYLINE_VOCAB``."""
    return load_vocabulary(Settings.from_env().vocab)


def item_class(item: str | None, claim_type: str, vocabulary: Vocabulary | None = None) -> str:
    """The class of an item of a claim type: a named class, else the item's head noun; a
    claim that names no item is in its type's ``unnamed_classes`` entry, else its type."""
    v = (vocabulary or current_vocabulary()).item_classes
    return _named_class(item, claim_type, v)[0]


def _named_class(item: str | None, claim_type: str,
                 v: ItemClassVocab) -> tuple[str, ItemClass | None]:
    if not item or not words_of(item):
        return v.unnamed_class(claim_type), None
    found = find_class(item, v.classes_for(claim_type))
    if found is None:
        return head_noun(item) or v.unnamed_class(claim_type), None
    name = found.name
    if found.claim_type == "munitions":
        calibre = v.calibre.search(item)
        if calibre:
            name = f"{calibre.group(1).replace(',', '.')}mm {name}"
    return name, found


def classify(claim: Claim, vocabulary: Vocabulary | None = None) -> ClaimClass:
    """The series a claim's figure belongs to (see the module's docstring)."""
    return _classify(claim, (vocabulary or current_vocabulary()).item_classes)


def _classify(claim: Claim, v: ItemClassVocab) -> ClaimClass:
    q = claim.quantity
    if q is not None and q.unit:
        return ClaimClass(claim.type, v.money_class, q.unit)
    item = claim.item or ""
    unit, rest = _unit_of_item(item, v)
    if figures_of(claim) is None:  # a unit is the unit of a figure: none without one
        unit = None
    elif unit is None:
        unit = _unit_in_evidence(claim, v)
    if _is_loss(claim, v):
        return ClaimClass(v.loss_type, v.loss_class, unit, loss=True)
    name, found = _named_class(rest, claim.type, v)
    if found is not None and found.counts_as:
        return ClaimClass(found.counts_as, name, unit)
    return ClaimClass(claim.type, name, unit)


def figures_of(claim: Claim) -> tuple[float, float] | None:
    """The claim's figure as (low, high); None when it gives no number."""
    q = claim.quantity
    if q is None:
        return None
    bounds = [x for x in (q.value, q.lower, q.upper) if x is not None]
    return (min(bounds), max(bounds)) if bounds else None


def _unit_noun(word: str, v: ItemClassVocab) -> str | None:
    """The plural unit name when ``word`` is one of the figure units ("containers")."""
    sing = singular(word)
    if sing in v.figure_units or word in v.figure_units:
        return _plural(sing)
    return None


def _unit_of_item(item: str, v: ItemClassVocab) -> tuple[str | None, str]:
    """("containers", "munitions") for "containers of munitions"; ("shipments", "") for an
    item that is only a unit; (None, item) otherwise."""
    words = words_of(item)
    if not words:
        return None, item
    if len(words) == 1:
        unit = _unit_noun(words[0], v)
        return (unit, "") if unit else (None, item)
    if "of" in words:
        i = words.index("of")
        unit = _unit_noun(words[i - 1], v) if i > 0 else None
        if unit:
            return unit, " ".join(words[i + 1:])
    return None, item


# -- figures in the evidence --------------------------------------------------------------------

_DIGITS = r"(?<![\w.,])(\d{1,3}(?:[,\u00a0\u202f ]\d{3})+|\d+(?:[.,]\d+)?)"


@cache
def _number_pattern(scales: tuple[str, ...]) -> re.Pattern[str]:
    """Digits, then a scale word after a space or hyphen ("2.8 million", "11-thousand") or
    an abbreviation right after them ("2.8m", "5bn")."""
    words = "|".join(re.escape(w) for w in sorted(scales, key=len, reverse=True)) or r"(?!x)x"
    return re.compile(rf"{_DIGITS}(?:(?:\s*-\s*|\s+)(?P<word>{words})\b"
                      rf"|(?P<suffix>{words})\b)?", re.IGNORECASE)


def numbers(text: str, v: ItemClassVocab) -> Iterator[tuple[float, int, int]]:
    """``(value, start, end)`` of each figure written in digits ("15 000", "2.8 million",
    "11-thousand", "5bn")."""
    for m in _number_pattern(tuple(v.scale_words)).finditer(text):
        digits = m.group(1)
        if re.fullmatch(r"\d{1,3}(?:[,\u00a0\u202f ]\d{3})+", digits):
            value = float(re.sub(r"\D", "", digits))
        else:
            value = float(digits.replace(",", "."))
        scale = (m.group("word") or m.group("suffix") or "").casefold()
        if scale:
            yield value * v.scale_words[scale], m.start(), m.end()
        else:
            yield value, m.start(), m.end(1)


def _figure_spans(claim: Claim, v: ItemClassVocab) -> Iterator[tuple[str, int, int]]:
    """Where the claim's own figure stands in its evidence: ``(text, start, end)``."""
    q = claim.quantity
    if q is None:
        return
    targets = [x for x in (q.value, q.lower, q.upper) if x is not None]
    if not targets:
        return
    for ev in claim.evidence:
        for value, start, end in numbers(ev.text, v):
            if any(abs(value - t) <= 0.005 * max(abs(t), 1) for t in targets):
                yield ev.text, start, end
                break


def _unit_in_evidence(claim: Claim, v: ItemClassVocab) -> str | None:
    """The unit noun right after the figure ("13,000 containers of munitions")."""
    for text, _start, end in _figure_spans(claim, v):
        after = words_of(text[end:end + 60])[:3]
        for i, word in enumerate(after):
            unit = _unit_noun(word, v)
            if unit and (i + 1 < len(after) and after[i + 1] == "of"):
                return unit
            if word == "of":
                break
    return None


def is_loss(claim: Claim, vocabulary: Vocabulary | None = None) -> bool:
    """Whether the claim's figure counts losses: its item is a loss word ("casualties"), or
    a loss word stands in the figure's own clause ("2,000 soldiers ... have been killed",
    "lost 4,700 soldiers") and the figure is not the whole that the losses are part of
    ("out of 15,000 fighters, ... had lost")."""
    return _is_loss(claim, (vocabulary or current_vocabulary()).item_classes)


def _is_loss(claim: Claim, v: ItemClassVocab) -> bool:
    if claim.type in ("funding", "technology", "production", "test", "exercise"):
        return False
    nouns = {singular(w) for w in v.loss_nouns}
    if claim.item and any(singular(w) in nouns for w in words_of(claim.item)):
        return True
    verbs, either = _loss_pattern(v.loss_verbs), _loss_pattern(v.loss_verbs + v.loss_nouns)
    for text, start, end in _figure_spans(claim, v):
        before = _strip_trailing(text[max(0, start - 60):start].casefold(), v.loss_approx)
        if any(before.endswith(" " + b) or before == b for b in v.loss_base_before):
            return False
        if either.search(" ".join(words_of(before)[-2:])):
            return True  # "lost 4,700", "losses of 2,000"
        rest = text[end:]
        stop = _CLAUSE_END.search(rest)
        nxt = next(numbers(rest, v), None)
        clause = rest[:min(stop.start() if stop else len(rest), nxt[1] if nxt else len(rest))]
        if verbs.search(clause) or either.search(" ".join(words_of(clause)[:3])):
            return True
    return False


def _strip_trailing(text: str, words: Sequence[str]) -> str:
    text = " " + text.strip()
    changed = True
    while changed:
        changed = False
        for w in sorted(words, key=len, reverse=True):
            if text.endswith(" " + w):
                text = text[:-len(w) - 1].rstrip()
                changed = True
    return text


@cache
def _loss_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    alts = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) or r"(?!x)x"
    return re.compile(rf"\b(?:{alts})\b", re.IGNORECASE)


def matching_classes(needle: str, claim_type: str | None = None,
                     vocabulary: Vocabulary | None = None) -> set[str]:
    """The item classes a user's ``--item`` words name: the class the words fall in for
    each type ("soldiers" -> troops), and every class whose name contains them."""
    v = (vocabulary or current_vocabulary()).item_classes
    text = needle.strip().casefold()
    if not text:
        return set()
    types = [claim_type] if claim_type else list(v.classes) or []
    out = {c.name for c in v.all_classes() if text in c.name.casefold()}
    for t in types:
        name, found = _named_class(text, t, v)
        if found is not None:
            out.add(name)
    out.add(head_noun(text) or text)
    if text == v.money_class or text in v.loss_class:
        out.add(v.money_class if text == v.money_class else v.loss_class)
    return out
