"""Near-duplicate documents: MinHash signatures over word shingles, grouped with LSH.

The same wire story republished by several outlets differs only in its page debris, which
cleaning has already removed, so the cleaned texts' shingles nearly coincide. Each document
joins the story of the first earlier document LSH finds similar above the threshold, or
starts its own (the story id is its first document's id). Signatures are stored, so a new
document is compared with the stored ones without reading their texts again.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

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


def group(existing: Sequence[tuple[str, str, bytes]], new: Sequence[tuple[str, str]],
          settings: ResolveSettings | None = None) -> list[tuple[str, str, bytes]]:
    """Story rows ``(doc, story, signature)`` for the ``new`` documents ``(id, text)``.

    ``existing`` are the stored rows. A new document joins the story of its most similar
    earlier document (existing or new) at or above the threshold, else starts its own.
    """
    s = settings or resolve_settings()
    lsh = MinHashLSH(threshold=s.duplicate_threshold, num_perm=s.num_perm)
    sigs: dict[str, MinHash | LeanMinHash] = {}
    story_of: dict[str, str] = {}
    for doc, story, data in existing:
        m = from_bytes(data)
        if len(m) != s.num_perm:
            continue  # signed with other settings: not comparable
        sigs[doc], story_of[doc] = m, story
        lsh.insert(doc, m)
    rows: list[tuple[str, str, bytes]] = []
    template: MinHash | None = None
    for doc, text in new:
        if doc in sigs:
            continue
        m = signature(text, s, template)
        template = m
        best: tuple[float, str] | None = None
        for other in lsh.query(m):
            sim = m.jaccard(sigs[other])
            if sim >= s.duplicate_threshold and (best is None or (sim, other) > best):
                best = (sim, other)
        story = story_of[best[1]] if best else doc
        sigs[doc], story_of[doc] = m, story
        lsh.insert(doc, m)
        rows.append((doc, story, to_bytes(m)))
    return rows
