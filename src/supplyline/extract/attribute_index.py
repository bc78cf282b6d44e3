"""spaCy's attribute ruler, applied through an index of its own patterns.

Hand-written for speed, not for different results. The English pipelines map tags to
parts of speech, morphology and lemma exceptions with an ``attribute_ruler`` of some 180
token patterns. spaCy runs them through its ``Matcher``, which tries every pattern at every
token: in ``en_core_web_sm`` that costs as much as the tok2vec layer. Almost all of these
patterns look at one token only, so what they do to a token depends on its tag, lower-case
form, dependency label and whether it is a space; that result is computed once per
combination and cached. Most of them do not read the lower-case form, so what those do is
kept by the other three alone, and a word seen the first time costs a look-up or two (the
rules that name it, the few that test the form another way), not a test of every rule its
tag has. The few patterns that span several tokens are matched where their first token can
start them.

The rules stay the model's own data (read from the loaded component), and the semantics are
spaCy's ``AttributeRuler``'s: every pattern is matched against the tokens as they came in,
and the matches are applied in the order of the patterns, a later one overriding an earlier
one. A pattern of a form this module does not know makes ``supported`` false, and the
pipeline keeps spaCy's component. ``tests/extract/test_attribute_index.py`` checks that both
give the same annotations.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, POS, TAG
from spacy.language import Language
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

TokenTest = Callable[[Token], bool]
Change = tuple[str, int]  # (attribute, value as the id spaCy stores)

_GETTERS: dict[str, Callable[[Token], Any]] = {
    "TAG": lambda t: t.tag_,
    "LOWER": lambda t: t.lower_,
    "DEP": lambda t: t.dep_,
    "IS_SPACE": lambda t: t.is_space,
}
_ATTRS = ("POS", "TAG", "DEP", "LEMMA", "MORPH")
_ATTR_IDS = {"POS": POS, "TAG": TAG, "DEP": DEP, "LEMMA": LEMMA, "MORPH": MORPH,
             "LOWER": LOWER}
_COLUMNS = (POS, TAG, DEP, LEMMA, MORPH)  # what rules may set, read and written at once


def _test(key: str, value: Any) -> TokenTest | None:
    """One condition of a token pattern as a function, or None when it has another form."""
    get = _GETTERS.get(key)
    if get is None:
        return None
    if not isinstance(value, dict):
        return lambda t: get(t) == value
    if len(value) != 1:
        return None
    (op, arg), = value.items()
    if op == "IN":
        members = frozenset(arg)
        return lambda t: get(t) in members
    if op == "NOT_IN":
        members = frozenset(arg)
        return lambda t: get(t) not in members
    if op == "REGEX":
        rx = re.compile(arg)
        return lambda t: bool(rx.search(get(t)))
    return None


class _Rule:
    """One pattern of the ruler: per-token tests, the token it changes, and the changes."""

    def __init__(self, order: int, pattern: list[dict[str, Any]], attrs: dict[str, Any],
                 index: int) -> None:
        self.order = order
        self.tests = [[_test(k, v) for k, v in token.items()] for token in pattern]
        self.index = index
        self.first = pattern[0]
        self.attrs = attrs
        self.changes: list[Change] = []

    @property
    def supported(self) -> bool:
        return bool(self.tests) and all(
            test is not None for tests in self.tests for test in tests) and all(
            name in _ATTRS for name in self.attrs)

    def matches_at(self, doc: Doc, i: int) -> bool:
        """Whether the pattern matches from token ``i`` (a supported rule only)."""
        return i + len(self.tests) <= len(doc) and all(
            test is not None and test(doc[i + k])
            for k, tests in enumerate(self.tests) for test in tests)


def _first_keys(token: dict[str, Any], names: tuple[str, ...]) -> list[tuple[str, str]]:
    """Values a pattern's first token must have, as (attribute, value) keys: the first of
    ``names`` that the pattern fixes to a value or a list of values."""
    for key in names:
        value = token.get(key)
        if isinstance(value, str):
            return [(key, value)]
        if isinstance(value, dict) and set(value) == {"IN"}:
            return [(key, v) for v in value["IN"]]
    return []


def _changes(vocab: Vocab, attrs: dict[str, Any]) -> list[Change]:
    out = []
    for name, value in attrs.items():
        if name == "POS":
            out.append((name, POS_IDS[value]))
        elif name == "MORPH":
            out.append((name, vocab.morphology.add(value)))
        else:
            out.append((name, vocab.strings.add(value)))
    return out


class IndexedAttributeRuler:
    """A drop-in for spaCy's ``attribute_ruler``, built from that component's patterns."""

    def __init__(self, vocab: Vocab, patterns: list[dict[str, Any]] | None = None) -> None:
        self.vocab = vocab
        self.load(patterns or [])

    def load(self, patterns: list[dict[str, Any]]) -> None:
        """Index ``patterns`` (the ``patterns`` of a spaCy ``AttributeRuler``)."""
        self.rules = [_Rule(order, pattern, entry["attrs"], entry.get("index", 0))
                      for order, entry in enumerate(patterns) for pattern in entry["patterns"]]
        if not self.supported:
            return
        for rule in self.rules:
            rule.changes = _changes(self.vocab, rule.attrs)
        # rules over one token: those that do not read its lower-case form (what they do
        # depends on tag, dependency label and is_space alone); those that need one form or
        # a list of them, by the id of each; those that test the form otherwise (a regex)
        # (the first by the id of the tag they need, or under None)
        self.free: dict[int | None, list[_Rule]] = defaultdict(list)
        self.by_lower: dict[int, list[_Rule]] = defaultdict(list)
        self.lower_any: list[_Rule] = []
        for rule in (r for r in self.rules if len(r.tests) == 1):
            if "LOWER" not in rule.first:
                tags = _first_keys(rule.first, ("TAG",))
                for _, tag in tags:
                    self.free[self.vocab.strings.add(tag)].append(rule)
                if not tags:
                    self.free[None].append(rule)
                continue
            keys = _first_keys(rule.first, ("LOWER",))
            for _, value in keys:
                self.by_lower[self.vocab.strings.add(value)].append(rule)
            if not keys:
                self.lower_any.append(rule)
        # rules over several tokens, by what their first token must be
        self.multi: dict[tuple[str, str], list[_Rule]] = defaultdict(list)
        self.multi_any: list[_Rule] = []
        for rule in (r for r in self.rules if len(r.tests) > 1):
            keys = _first_keys(rule.first, ("LOWER", "DEP"))
            for key in keys:
                self.multi[key].append(rule)
            if not keys:
                self.multi_any.append(rule)
        self.multi_ids = {(_ATTR_IDS[name], self.vocab.strings.add(value)): rules
                          for (name, value), rules in self.multi.items()}
        # what the one-token rules do, by the ids of the token attributes they can look at:
        # the rules that do not read the form by (tag, dep, is_space), with their plan
        self.free_matches: dict[tuple[int, ...], list[tuple[int, list[Change]]]] = {}
        self.free_plans: dict[tuple[int, ...], list[tuple[int, int]]] = {}
        self.plans: dict[tuple[int, ...], list[tuple[int, int]]] = {}  # all, by every id
        self.starts: dict[tuple[int, ...], list[_Rule]] = {}  # several-token rules, by ids

    @property
    def supported(self) -> bool:
        return all(rule.supported for rule in self.rules)

    def _single(self, key: tuple[int, ...], doc: Doc, i: int) -> list[tuple[int, list[Change]]]:
        """The one-token rules that match token ``i``, whose (tag, lower, dep, is_space) ids
        are ``key``, as (order, changes) in the order of the patterns."""
        free = self._free(key, doc, i)
        more = [(rule.order, rule.changes)
                for rule in (*self.by_lower.get(key[1], ()), *self.lower_any)
                if rule.matches_at(doc, i)]
        return sorted([*free, *more], key=lambda m: m[0]) if more else free

    def _free(self, key: tuple[int, ...], doc: Doc, i: int) -> list[tuple[int, list[Change]]]:
        """``_single`` of the rules that do not read the lower-case form: kept by (tag, dep,
        is_space), all they read."""
        tag, _, dep, space = key
        found = self.free_matches.get((tag, dep, space))
        if found is None:
            rules = sorted((*self.free.get(tag, ()), *self.free.get(None, ())),
                           key=lambda rule: rule.order)
            found = self.free_matches[(tag, dep, space)] = [
                (rule.order, rule.changes) for rule in rules if rule.matches_at(doc, i)]
        return found

    def _starts(self, key: tuple[int, ...], doc: Doc, i: int) -> list[_Rule]:
        """The rules over several tokens that token ``i``, whose (tag, lower, dep, is_space)
        ids are ``key``, can start: those indexed under its lower-case form or dependency
        label, or under none, whose first token's tests it passes (they read only those four
        attributes, so the answer is kept by ``key``)."""
        found = self.starts.get(key)
        if found is None:
            _, lower, dep, _ = key
            tok = doc[i]
            found = self.starts[key] = [
                rule for rule in (*self.multi_ids.get((LOWER, lower), ()),
                                  *self.multi_ids.get((DEP, dep), ()), *self.multi_any)
                if all(test is not None and test(tok) for test in rule.tests[0])]
        return found

    def _plan(self, key: tuple[int, ...], doc: Doc, i: int) -> list[tuple[int, int]]:
        """What the one-token rules set on token ``i``, whose (tag, lower, dep, is_space)
        ids are ``key``: (column of ``_COLUMNS``, value), the last rule's value per column."""
        found = self.plans.get(key)
        if found is None:
            if key[1] in self.by_lower or any(rule.matches_at(doc, i) for rule in self.lower_any):
                found = _final(self._single(key, doc, i))
            else:  # no rule that reads the form matches: the plan of the other three
                tag, _, dep, space = key
                found = self.free_plans.get((tag, dep, space))
                if found is None:
                    found = self.free_plans[(tag, dep, space)] = _final(self._free(key, doc, i))
            self.plans[key] = found
        return found

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        keys = [tuple(row) for row in doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist()]
        spans: dict[int, list[tuple[int, list[Change]]]] = defaultdict(list)
        if self.multi_ids or self.multi_any:
            for i, key in enumerate(keys):  # rare: "gon na", "let 's"
                for rule in self._starts(key, doc, i):
                    if rule.matches_at(doc, i):
                        size = len(rule.tests)
                        target = i + (rule.index if rule.index >= 0 else size + rule.index)
                        spans[target].append((rule.order, rule.changes))
        # matched on the tokens as they came in, then written back at once
        plans = [self._plan(key, doc, i) for i, key in enumerate(keys)]
        values: Any = doc.to_array(list(_COLUMNS))
        for i, plan in enumerate(plans):
            if i in spans:  # spaCy applies by pattern order, a later one winning
                plan = _final(sorted([*self._single(keys[i], doc, i), *spans[i]],
                                     key=lambda m: m[0]))
            for column, value in plan:
                values[i, column] = value
        doc.from_array(list(_COLUMNS), values)
        return doc


def _final(plan: list[tuple[int, list[Change]]]) -> list[tuple[int, int]]:
    """The changes of rules applied in order, as (column of ``_COLUMNS``, value): what the
    last of them sets on each attribute."""
    final: dict[int, int] = {}
    for _, changes in plan:
        for name, value in changes:
            final[_COLUMNS.index(_ATTR_IDS[name])] = value
    return sorted(final.items())


@Language.factory("indexed_attribute_ruler")
def make_indexed_attribute_ruler(nlp: Language, name: str) -> IndexedAttributeRuler:
    """Registered so that ``nlp.replace_pipe`` can put it in place; ``install`` fills it."""
    return IndexedAttributeRuler(nlp.vocab)


def install(nlp: Language, name: str = "attribute_ruler") -> bool:
    """Swap ``nlp``'s attribute ruler for the indexed one when every pattern is supported;
    True when it did."""
    if name not in nlp.pipe_names:
        return False
    ruler = nlp.get_pipe(name)
    if not isinstance(ruler, AttributeRuler):
        return False
    patterns = ruler.patterns
    if not IndexedAttributeRuler(nlp.vocab, patterns).supported:
        return False
    nlp.replace_pipe(name, "indexed_attribute_ruler")
    indexed = nlp.get_pipe(name)
    assert isinstance(indexed, IndexedAttributeRuler)
    indexed.load(patterns)
    return True
