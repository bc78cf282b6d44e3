"""The extractor's and the resolver's English words live in the vocabulary YAML files
(``src/supplyline/vocab/``), not in their code.

Fails on a new inline word list in ``extract/`` or ``resolve/``: a list, tuple or set
literal of two or more word strings, or a string literal holding a regex alternation of two
or more plain words (``its|their|his``). Grammar tokens are not English words and may stay
in code: spaCy's labels (dependency labels, part-of-speech and fine tags, from
``spacy.glossary``), its token attribute names, and the values the claim schema itself
defines (claim types, statuses, source kinds, sections; ``model.py``) or the extractor's own
kinds of mention and draft (``extract/context.py``).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import fields
from pathlib import Path

import pytest
from spacy.attrs import IDS as SPACY_ATTRS
from spacy.glossary import GLOSSARY

from supplyline import model
from supplyline.extract import context

SRC = Path(__file__).resolve().parents[2] / "src" / "supplyline"
CHECKED = ("extract", "resolve")
# Hand-written readers of English numerals and dates ("twenty-five", "the first quarter
# of 2025"): their grammar tables are the parser itself (see their docstrings).
GRAMMAR_MODULES = frozenset({"extract/numbers.py", "extract/timex.py"})

SCHEMA = frozenset({*model.CLAIM_TYPES, *model.STATUSES, *model.SOURCE_KINDS,
                    *model.SEGMENT_KINDS, *context.MENTION_KINDS, *context.RULES, "future",
                    *(f.name for c in (model.Claim, context.Draft, context.SentenceContext,
                                       context.DocumentContext) for f in fields(c))})
GRAMMAR = frozenset(GLOSSARY) | frozenset(SPACY_ATTRS) | SCHEMA
WORD = re.compile(r"[A-Za-z][A-Za-z'’ -]*[A-Za-z]")
TRANSPARENT = re.compile(r"\\[bs][+*?]?")
ALTERNATION = re.compile(r"(?<![\\\w])[A-Za-z]{2,}(?:\|[A-Za-z]{2,})+(?![\w])")


def _is_word(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str) and bool(
        WORD.fullmatch(node.value)) and node.value not in GRAMMAR


def _alternations(text: str) -> list[str]:
    plain = TRANSPARENT.sub("", text)  # "\\bare\\s+|\\bwere\\s+" is "are|were"
    return [m for m in ALTERNATION.findall(plain)
            if sum(w not in GRAMMAR for w in m.split("|")) >= 2]


def offences(path: Path) -> Iterator[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(n.body[0].value) for n in ast.walk(tree)
                  if isinstance(n, ast.Module | ast.ClassDef | ast.FunctionDef)
                  and n.body and isinstance(n.body[0], ast.Expr)
                  and isinstance(n.body[0].value, ast.Constant)}
    names = {id(n) for n in _names_not_words(tree)}
    for node in ast.walk(tree):
        if isinstance(node, ast.List | ast.Tuple | ast.Set) and id(node) not in names:
            words = [e.value for e in node.elts if _is_word(e)]  # type: ignore[attr-defined]
            if len(words) >= 2:
                yield f"{path.relative_to(SRC)}:{node.lineno}: word list {words}"
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) \
                and id(node) not in docstrings:
            found = _alternations(node.value)
            if found:
                yield f"{path.relative_to(SRC)}:{node.lineno}: regex words {found}"


LOOKUPS = frozenset({"get", "cue_set", "cue_pattern", "words"})  # calls that look keys up


def _names_not_words(tree: ast.AST) -> Iterator[ast.expr]:
    """Literals of identifiers, not of words: ``__all__``, the fields a pass declares
    (``reads=``, ``sets=``), and keys looked up in a loop (``for k in ("facts", ...):
    data.get(k)``, ``v.cue_set("transfer", k)``)."""
    for node in ast.walk(tree):
        all_names = isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets)
        declared = isinstance(node, ast.keyword) and node.arg in ("reads", "sets")
        if isinstance(node, ast.Assign | ast.keyword) and (all_names or declared):
            yield node.value
        elif isinstance(node, ast.comprehension | ast.For) and isinstance(node.target, ast.Name):
            key = node.target.id
            scope = node if isinstance(node, ast.For) else tree
            if any(isinstance(c, ast.Call) and isinstance(c.func, ast.Attribute)
                   and c.func.attr in LOOKUPS and any(
                       isinstance(a, ast.Name) and a.id == key for a in c.args)
                   for c in ast.walk(scope)):
                yield node.iter


def _modules() -> list[Path]:
    return sorted(p for d in CHECKED for p in (SRC / d).rglob("*.py")
                  if str(p.relative_to(SRC)) not in GRAMMAR_MODULES)


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(SRC)))
def test_no_english_word_lists_in_code(path: Path) -> None:
    found = list(offences(path))
    assert not found, "move these words to src/supplyline/vocab/*.yaml:\n" + "\n".join(found)


def test_the_check_catches_a_word_list_and_a_regex_of_words(tmp_path: Path) -> None:
    sample = SRC / "extract" / "_probe.py"
    sample_text = ('import re\nX = ("including", "like")\nY = re.compile(r"\\b(?:its|their) own")\n'
                   'Z = ("nsubj", "dobj")\nW = ("done", "pledged")\n')
    path = tmp_path / "probe.py"
    path.write_text(sample_text, encoding="utf-8")
    found = [line.split(": ", 1)[1] for line in offences_at(path)]
    assert found == ["word list ['including', 'like']", "regex words ['its|their']"]
    assert not sample.exists()


def offences_at(path: Path) -> list[str]:
    """``offences`` for a file outside the source tree."""
    tree_root = path.parent
    global SRC
    saved, SRC = SRC, tree_root
    try:
        return list(offences(path))
    finally:
        SRC = saved
