"""vocab/matching.py: trie alternations find what plain ones find; FormIndex leaves no form out."""

from __future__ import annotations

import json
import random
import re
from importlib.resources import files

import pytest

from supplyline.vocab import load_vocabulary
from supplyline.vocab.matching import FormIndex, folded, longest_first

# prefixes of one another, case variants, regex metacharacters, letters re folds its own way
FORMS = ["ab", "abc", "abcd", "abs", "absolute", "F-16", "F-16s", "S-300", "AN/TPQ-36",
         "a.b", "US", "USA", "Us", "us", "U.S.", "akıncı", "Akinci drone", "İzmir", "ſtar",
         "star", "Kelvin", "kelvin", "K9", "naïve", "Ödön", "the West", "West Bank",
         "(x)", "x+y", "tank", "tanks", "anti-tank", "Ma", "mali"]
SEPARATORS = [" ", "  ", "-", ", ", ".", "'s ", "s ", "x", "\n", "’s "]


def _texts(forms: list[str], n: int, seed: int) -> list[str]:
    """Texts of forms and their pieces in random case, glued by separators."""
    rng = random.Random(seed)
    pieces = forms + [f[:k] for f in forms for k in range(1, len(f))]
    out = []
    for _ in range(n):
        words = []
        for _ in range(rng.randint(1, 8)):
            w = rng.choice(pieces)
            w = rng.choice([w, w.upper(), w.lower(), w.title(), w.swapcase()])
            words.append(w + rng.choice(SEPARATORS))
        out.append("".join(words))
    return out


def _plain(forms: list[str]) -> str:
    return "|".join(re.escape(f) for f in sorted(set(forms), key=len, reverse=True))


CONTEXTS = [
    r"(?<![\w-])(?:{})(?![\w-])",  # as the vocabulary wraps a form list
    r"\b(?:{})\s+(?:the\s+)?$",  # a word list inside a larger pattern, anchored at the end
    r"(?:{})(?:s|\s+\w+)?",  # what follows decides between the forms on backtracking
    r"(?P<f>{})",
]


@pytest.mark.parametrize("flags", [0, re.IGNORECASE])
@pytest.mark.parametrize("context", CONTEXTS)
@pytest.mark.parametrize("given", ["known", "unknown"])
def test_a_trie_finds_what_the_plain_alternation_finds(flags: int, context: str,
                                                       given: str) -> None:
    ignore_case = bool(flags) if given == "known" else None
    trie = re.compile(context.format(longest_first(FORMS, ignore_case)), flags)
    plain = re.compile(context.format(_plain(FORMS)), flags)
    for text in _texts(FORMS, 3000, seed=len(context) + flags):
        assert [m.span() for m in trie.finditer(text)] == \
            [m.span() for m in plain.finditer(text)], text


def test_it_is_a_trie_where_it_can_be_and_plain_where_it_must() -> None:
    assert longest_first(["abc", "abs", "foo"], ignore_case=False) == "(?:ab[cs]|foo)"
    assert longest_first(["Abc", "abs"], ignore_case=True) == "ab[cs]"
    # both branches would match "us" under re.IGNORECASE: the case must be known
    assert longest_first(["Us", "USA"], ignore_case=None) == "USA|Us"
    assert longest_first(["Us", "USA"], ignore_case=False) == "U(?:SA|s)"
    assert longest_first(["İzmir", "izmit"], ignore_case=True) == "izmit|İzmir"  # İ: no fold
    assert longest_first([], ignore_case=True) == ""


def test_folding_follows_re() -> None:
    assert folded("Akıncı") == "akinci"
    assert folded("ſtar") == "star"
    assert folded("Ödön") == "ödön"
    assert folded("İzmir") is None
    for ch in "ıſKµςϐ":
        key = folded(ch)
        assert key is not None and re.fullmatch(re.escape(key), ch, re.IGNORECASE)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_form_index_leaves_no_matching_form_out(seed: int) -> None:
    rng = random.Random(seed)
    entries = [(f, rng.random() < 0.5) for f in FORMS]
    patterns = [re.compile(rf"(?<![\w-]){re.escape(f)}(?![\w-])", re.I if ic else 0)
                for f, ic in entries]
    index = FormIndex(entries)
    for text in _texts(FORMS, 2000, seed):
        found = index.candidates(text)
        assert found == sorted(found)
        assert {i for i, p in enumerate(patterns) if p.search(text)} <= set(found), text


def test_the_shipped_vocabulary_patterns_match_as_plain_ones_would() -> None:
    v = load_vocabulary()
    source = files("supplyline").joinpath("data/samples/articles.jsonl")
    texts = [json.loads(line)["text"] for line in source.read_text("utf-8").splitlines()
             if line.strip()]
    forms = {f for a in v.actors.values() for f in (*a.aliases, *a.demonyms, *a.capitals)}
    forms |= set(v.generic_subjects) | set(v.not_parties)
    cases = [(v.item_pattern(), set(v.items), re.IGNORECASE),
             (v.cue_pattern("activity"), v.cue_set("activity"), re.IGNORECASE)]
    for pattern, words, flags in cases:
        plain = re.compile(rf"(?<![\w-])(?:{_plain(list(words))})(?![\w-])", flags)
        for text in texts:
            assert [m.span() for m in pattern.finditer(text)] == \
                [m.span() for m in plain.finditer(text)]
    actors = re.compile(rf"(?<![\w-])(?:{longest_first(forms, ignore_case=False)})(?![\w-])")
    plain = re.compile(rf"(?<![\w-])(?:{_plain(list(forms))})(?![\w-])")
    for text in texts:
        assert [m.span() for m in actors.finditer(text)] == \
            [m.span() for m in plain.finditer(text)]
