"""Regexes over many literal forms (the vocabulary's names and words), fast and with the
plain alternation's results.

``re`` tries the branches of an alternation one after another at every position of the
text, so a pattern of hundreds of forms ("(?:F-16|Patriot|...)") costs hundreds of tries
per character; the vocabulary's patterns made up most of the extractor's regex time. As a
trie (``retrie``: "(?:ab(?:c|s(?:olute)?)|foo)" for abc, abs, absolute, foo) it costs one
try per character. ``FormIndex`` answers a different question, which of many separate
per-form patterns may match a text, so that only those run.

Hand-written around ``retrie``: the equivalence with a plain alternation (below) and the
case folding that ``re.IGNORECASE`` does, which no library mirrors.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from retrie.trie import Trie

# a form is a whole word: not inside a longer word, nor after a hyphen ("anti-tank")
WORD_START = r"(?<![\w-])"


def longest_first(forms: Iterable[str], ignore_case: bool | None = None) -> str:
    """A regex alternation of ``forms`` that tries the longest first, for use inside
    ``(?:...)``; a trie where that finds what the plain alternation sorted longest first
    finds.

    Why the two agree: the forms that match at one position are prefixes of one another,
    and both try them longest first (the trie tries a node's longer continuation before
    ending there), backtracking to the next shorter one when the rest of the pattern fails;
    that holds as long as at most one branch of a trie node can match the next character.
    ``ignore_case``: whether the pattern is compiled with ``re.IGNORECASE`` (then forms that
    differ only in case are one), None when it may be either way. The plain alternation
    stays when a node would hold two branches that ``re.IGNORECASE`` (where it may apply)
    matches on one character ("Us" and "US"), or a letter it cannot fold ("İ")."""
    ordered = sorted({f for f in forms if f}, key=lambda f: (-len(f), f))
    plain = "|".join(re.escape(f) for f in ordered)
    keyed = {folded(f) for f in ordered} if ignore_case else set(ordered)
    if not ordered or None in keyed:
        return plain
    trie = Trie(*(f for f in keyed if f is not None))
    if ignore_case is not False and not _one_branch_per_character(trie.data):
        return plain
    return trie.pattern()


def folded(form: str) -> str | None:
    """``form`` with each letter replaced by one that ``re.IGNORECASE`` matches to the same
    characters ("Akıncı" -> "akinci": with the flag both match "AKINCI" and "akıncı");
    None when a letter folds to no single such character."""
    out = []
    for ch in form:
        if ch.isascii() or ch.lower() == ch.upper():
            out.append(ch.lower())
            continue
        key = ch.upper().lower()
        if len(key) != 1 or not re.fullmatch(re.escape(key), ch, re.IGNORECASE):
            return None
        out.append(key)
    return "".join(out)


def _same_letter(a: str, b: str) -> bool:
    """Whether ``re.IGNORECASE`` matches ``a`` and ``b`` to one character."""
    if a.isascii() and b.isascii():
        return a.lower() == b.lower()
    return bool(re.fullmatch(re.escape(a), b, re.IGNORECASE)
                or re.fullmatch(re.escape(b), a, re.IGNORECASE))


def _one_branch_per_character(node: dict[str, Any]) -> bool:
    """True when no two branches of any node of a ``retrie`` trie match one character with
    ``re.IGNORECASE``."""
    branches = [ch for ch in node if ch]
    if any(_same_letter(a, b) for i, a in enumerate(branches) for b in branches[i + 1:]):
        return False
    return all(_one_branch_per_character(child) for ch, child in node.items() if ch)


class FormIndex:
    """Which of many forms may occur in a text as a whole word (``WORD_START`` before it),
    each form matched with or without ``re.IGNORECASE``.

    For callers that keep one pattern per form, in an order that decides between them:
    ``candidates(text)`` gives, in that order, the positions of the forms that occur in the
    text (and may give some that do not, never leaving one out), so that only their
    patterns need to run. One scan per case finds where any form starts (a trie in a
    lookahead); from each such place a walk down the trie collects every form found there.
    """

    _END = ""  # key of a trie node's list of the forms that end there

    def __init__(self, forms: Sequence[tuple[str, bool]]) -> None:
        """``forms``: (form, ignore case) pairs, in the caller's order."""
        self._always: list[int] = []  # forms no trie can hold: always candidates
        self._tries: list[tuple[re.Pattern[str], dict[str, Any], bool]] = []
        roots: dict[bool, dict[str, Any]] = {False: {}, True: {}}
        keys: dict[bool, list[str]] = {False: [], True: []}
        for i, (form, ignore_case) in enumerate(forms):
            key = folded(form) if ignore_case else form
            if not key:
                self._always.append(i)
                continue
            node = roots[ignore_case]
            for ch in key:
                node = node.setdefault(ch, {})
            node.setdefault(self._END, []).append(i)
            keys[ignore_case].append(key)
        for ignore_case in (False, True):
            if keys[ignore_case]:
                flags = re.IGNORECASE if ignore_case else 0
                start = re.compile(
                    rf"{WORD_START}(?=(?:{longest_first(keys[ignore_case], ignore_case)}))",
                    flags)
                self._tries.append((start, roots[ignore_case], ignore_case))

    def candidates(self, text: str) -> list[int]:
        """Positions (in the order given) of the forms that may occur in ``text``."""
        found = set(self._always)
        for start, root, ignore_case in self._tries:
            for m in start.finditer(text):
                self._walk(root, text, m.start(), ignore_case, found)
        return sorted(found)

    def _walk(self, node: dict[str, Any], text: str, at: int, ignore_case: bool,
              found: set[int]) -> None:
        """Every form of the trie below ``node`` that the text spells from ``at`` on."""
        stack = [(node, at)]
        while stack:
            node, i = stack.pop()
            found.update(node.get(self._END, ()))
            if i >= len(text):
                continue
            ch = text[i]
            if not ignore_case:
                nxt = node.get(ch)
                if nxt is not None:
                    stack.append((nxt, i + 1))
            elif ch.isascii() and all(k.isascii() for k in node):
                nxt = node.get(ch.lower())
                if nxt is not None:
                    stack.append((nxt, i + 1))
            else:  # a letter re may fold in its own way: ask it
                stack.extend((child, i + 1) for k, child in node.items()
                             if k and _same_letter(k, ch))
