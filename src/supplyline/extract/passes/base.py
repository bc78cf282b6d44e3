"""A pass: one rule stage that reads some fields of a context and sets others.

Each pass module defines its passes with ``@sentence_pass(reads=..., sets=...)`` or
``@document_pass(...)``; ``pipeline.py`` puts them in order, and ``check_order`` refuses an
order in which a pass reads a field that no earlier pass sets. Field names are those of
``SentenceContext`` / ``DocumentContext`` (``context.py``), and ``draft.<field>`` for a
field of the drafts (``draft.status``); ``drafts`` means the list itself (drafts added or
dropped).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, fields
from typing import Any, Generic, TypeVar

from supplyline.errors import PassOrderError

from ..context import DocumentContext, Draft, SentenceContext
from ..resources import Resources

C = TypeVar("C", DocumentContext, SentenceContext)

DRAFT_FIELDS = frozenset(f"draft.{f.name}" for f in fields(Draft))
SENTENCE_FIELDS = frozenset(f.name for f in fields(SentenceContext)) | DRAFT_FIELDS
DOCUMENT_FIELDS = frozenset(f.name for f in fields(DocumentContext)) | DRAFT_FIELDS


@dataclass(frozen=True)
class Pass(Generic[C]):
    name: str
    run: Callable[[Resources, C], C]
    reads: frozenset[str]
    sets: frozenset[str]
    level: str  # "sentence" | "document"

    def __call__(self, r: Resources, ctx: C) -> C:
        return self.run(r, ctx)

    @property
    def doc(self) -> str:
        return (self.run.__doc__ or "").strip().splitlines()[0] if self.run.__doc__ else ""


def _declare(level: str, reads: Iterable[str], sets: Iterable[str]
             ) -> Callable[[Callable[[Resources, C], C]], Pass[C]]:
    def wrap(run: Callable[[Resources, C], C]) -> Pass[C]:
        return Pass(run.__name__, run, frozenset(reads), frozenset(sets), level)
    return wrap


def sentence_pass(*, reads: Iterable[str], sets: Iterable[str]
                  ) -> Callable[[Callable[[Resources, SentenceContext], SentenceContext]],
                                Pass[SentenceContext]]:
    """Declare a pass over one parsed sentence."""
    return _declare("sentence", reads, sets)


def document_pass(*, reads: Iterable[str], sets: Iterable[str]
                  ) -> Callable[[Callable[[Resources, DocumentContext], DocumentContext]],
                                Pass[DocumentContext]]:
    """Declare a pass over the whole document."""
    return _declare("document", reads, sets)


def check_order(passes: Sequence[Pass[Any]], given: Iterable[str], known: frozenset[str]) -> None:
    """Raise ``PassOrderError`` unless every field a pass reads is ``given`` or set by an
    earlier pass, and every field named exists in ``known``."""
    have = set(given)
    for p in passes:
        unknown = (p.reads | p.sets) - known
        if unknown:
            raise PassOrderError(f"pass {p.name!r} names unknown fields: {sorted(unknown)}")
        missing = p.reads - have
        if missing:
            raise PassOrderError(f"pass {p.name!r} reads {sorted(missing)}, which no earlier "
                                 "pass sets")
        have |= p.sets


def changed_fields(before: Any, after: Any) -> set[str]:
    """The field names (as passes declare them) in which two contexts differ."""
    out: set[str] = set()
    for f in fields(before):
        old, new = getattr(before, f.name), getattr(after, f.name)
        if old is new:
            continue
        if f.name == "drafts":
            olds = [d[1] if isinstance(d, tuple) else d for d in old]
            news = [d[1] if isinstance(d, tuple) else d for d in new]
            if len(olds) != len(news):
                out.add("drafts")
                continue
            for a, b in zip(olds, news, strict=True):
                if a.rule != b.rule:  # a draft replaced by one another rule made
                    out.add("drafts")
                    continue
                out |= {f"draft.{g.name}" for g in fields(Draft)
                        if getattr(a, g.name) is not getattr(b, g.name)
                        and getattr(a, g.name) != getattr(b, g.name)}
        elif old != new:
            out.add(f.name)
    return out
