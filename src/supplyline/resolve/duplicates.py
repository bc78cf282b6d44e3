"""Near-duplicate documents: MinHash signatures over word shingles, grouped with LSH.

The same wire story republished by several outlets differs only in its page debris, which
cleaning has already removed, so the cleaned texts' shingles nearly coincide. A document's
story is the earliest document LSH finds similar to it above the threshold (itself when none
is older), so stories do not depend on the order documents arrived in; the story id is that
document's id. Signatures are stored, so a new document is compared with the stored ones
without reading their texts again.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH  # type: ignore[import-untyped]

from supplyline.resolve.settings import ResolveSettings, resolve_settings

_WORD = re.compile(r"\w+")
_SEED = 1  # fixed, with the scheme, so that stored signatures stay comparable
_SCHEME = "affine32"


def shingles(text: str, size: int) -> set[bytes]:
    """The set of ``size``-word shingles of ``text``, case-folded (all words if fewer)."""
    words = _WORD.findall(text.casefold())
    if len(words) <= size:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i:i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


def signature(text: str, settings: ResolveSettings | None = None,
              like: MinHash | None = None) -> MinHash:
    """The MinHash of a text's shingles (``like``: reuse its permutations, which are slow to
    draw)."""
    s = settings or resolve_settings()
    perms = like.permutations if like is not None and len(like) == s.num_perm else None
    m = MinHash(num_perm=s.num_perm, seed=_SEED, scheme=_SCHEME, permutations=perms)
    m.update_batch(sorted(shingles(text, s.shingle_words)))
    return m


def to_bytes(m: MinHash | LeanMinHash) -> bytes:
    return m.hashvalues.astype("<u8").tobytes()


def from_bytes(data: bytes) -> LeanMinHash:
    """A stored signature, read back (a LeanMinHash: comparable, and quick to build)."""
    values = np.frombuffer(data, dtype="<u8").astype(np.uint64)
    return LeanMinHash(seed=_SEED, hashvalues=values, scheme=_SCHEME)


@cache
def _bands(threshold: float, num_perm: int) -> tuple[int, int]:
    """LSH's bands and rows for the threshold: datasketch finds them by numerical
    integration, which takes longer than grouping a batch; once per setting is enough."""
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    return lsh.b, lsh.r


def group(existing: Sequence[tuple[str, str, bytes]], new: Sequence[tuple[str, str]],
          settings: ResolveSettings | None = None,
          order: Mapping[str, Any] | None = None) -> list[tuple[str, str, bytes]]:
    """Story rows ``(doc, story, signature)`` for the ``new`` documents ``(id, text)``, and for
    the ``existing`` ones (stored rows) whose story they change.

    A document's story is the first, by ``order`` (a sort key per document id; by default
    existing documents first, then new ones, as given), of the documents similar to it at or
    above the threshold, itself included. So the stories of a set of documents do not depend
    on the order in which they were grouped.
    """
    s = settings or resolve_settings()
    lsh = MinHashLSH(threshold=s.duplicate_threshold, num_perm=s.num_perm,
                     params=_bands(s.duplicate_threshold, s.num_perm))
    sigs: dict[str, MinHash | LeanMinHash] = {}
    story_of: dict[str, str] = {}
    for doc, story, data in existing:
        m = from_bytes(data)
        if len(m) != s.num_perm:
            continue  # signed with other settings: not comparable
        sigs[doc], story_of[doc] = m, story
        lsh.insert(doc, m)
    position: dict[str, int] = {}
    for doc in [*(r[0] for r in existing), *(d for d, _ in new)]:
        position.setdefault(doc, len(position))

    def rank(doc: str) -> tuple[Any, ...]:
        if order is not None and doc in order:
            return (0, order[doc], doc)
        return (1, position.get(doc, len(position)), doc)

    added: list[str] = []
    template: MinHash | None = None
    for doc, text in new:
        if doc in sigs:
            continue
        m = signature(text, s, template)
        template = m
        sigs[doc] = m
        lsh.insert(doc, m)
        added.append(doc)
    changed: dict[str, str] = {}
    for doc in added:
        similar = [other for other in lsh.query(sigs[doc])
                   if other == doc or sigs[doc].jaccard(sigs[other]) >= s.duplicate_threshold]
        changed[doc] = min([doc, *similar], key=rank)
        for other in similar:  # a new document may be older than a stored one's story
            if other in story_of and rank(doc) < rank(changed.get(other, story_of[other])):
                changed[other] = doc
    rows = [(doc, changed[doc], to_bytes(sigs[doc])) for doc in added]
    rows += [(doc, story, to_bytes(sigs[doc])) for doc, story in changed.items()
             if doc not in added and story != story_of.get(doc)]
    return rows
