"""The resolution driver over a store: group new documents into stories, then resolve every
block (actor, recipient, type) that has new claims as a whole.

    summary = resolve(store)          # after ingesting; cheap when nothing is new

A touched block is re-resolved from all its claims in their canonical order, so the facts
of a corpus, their ids and the claim -> fact map are the same whether it was ingested in one
batch or several, in any order, or by several writers at once. Each block is read, resolved
and written in one exclusive transaction: a claim is counted as newly resolved by exactly one
run. Re-running on an unchanged store changes nothing. A block in which a fact lost claims
(its document was changed or deleted), or with a claim whose document this run put into a
story, is resolved again, as is every block with ``rebuild=True``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from supplyline.model import Fact
from supplyline.resolve import duplicates
from supplyline.resolve.classes import current_vocabulary
from supplyline.resolve.facts import Block, resolve_reports
from supplyline.resolve.settings import ResolveSettings, resolve_settings
from supplyline.store import BaseStore
from supplyline.vocab import Vocabulary


@dataclass(frozen=True)
class ResolveSummary:
    """What a resolution run did."""

    documents_grouped: int  # documents newly put into story groups
    claims_resolved: int  # claims newly put into facts (each counted by one run only)
    facts_changed: int  # facts created or updated
    facts_removed: int  # facts left without claims (their documents changed or went)


def group_stories(store: BaseStore, settings: ResolveSettings | None = None) -> int:
    """Put the documents not yet grouped into story groups; return how many."""
    with store.exclusive_write():
        return _group(store, settings or resolve_settings())[0]


def _group(store: BaseStore, s: ResolveSettings) -> tuple[int, set[str]]:
    """Group the ungrouped documents (inside an exclusive write): how many, and the ids of
    every document whose story was set or changed (the new ones, and stored ones an older
    copy of which arrived)."""
    ungrouped = store.ungrouped_documents()
    if not ungrouped:
        return 0, set()
    order = {d.id: (d.published is None, d.published or date.min)
             for d in store.document_refs().values()}
    rows = duplicates.group(store.story_signatures(), ungrouped, s, order)
    store.save_stories(rows)
    new = {doc for doc, _ in ungrouped}
    return sum(1 for r in rows if r[0] in new), {r[0] for r in rows}


def resolve(store: BaseStore, *, rebuild: bool = False, settings: ResolveSettings | None = None,
            vocabulary: Vocabulary | None = None,
            progress: Callable[[int, int], None] | None = None) -> ResolveSummary:
    """Group new documents, then resolve every block with a claim that belongs to no fact,
    a fact that lost claims, or a claim whose story was set or changed.

    ``progress(done, total)`` is called after each block.
    """
    s = settings or resolve_settings()
    v = vocabulary or current_vocabulary()
    with store.exclusive_write():
        if rebuild:
            store.clear_stories()
        grouped, storied = _group(store, s)
        # A newly grouped document's claims may be in facts already: another writer resolved
        # them before this run grouped the document, when its story was not known yet.
        todo = store.pending_blocks() | store.stale_blocks() | \
            store.blocks_of_documents(storied)
        if rebuild:
            todo |= store.all_blocks()
    ordered = sorted(todo, key=lambda b: (b[0], b[1] or "", b[2]))
    resolved = changed = removed = 0
    for n, block in enumerate(ordered, 1):
        with store.exclusive_write():
            facts, gone, count = _resolve_block(store, block, s, v)
            store.save_facts(facts, gone)
        resolved += count
        changed += len(facts)
        removed += len(gone)
        if progress is not None:
            progress(n, len(ordered))
    return ResolveSummary(grouped, resolved, changed, removed)


def _resolve_block(store: BaseStore, block: Block, s: ResolveSettings,
                   v: Vocabulary) -> tuple[list[Fact], list[str], int]:
    """The block's facts that differ from the stored ones, the ids of stored facts that are
    gone, and how many of its claims belonged to no fact before."""
    reports = store.block_reports(block)
    old = {f.id: f for f in store.block_facts(block)}
    facts = resolve_reports(reports, s, v)
    new_ids = {f.id for f in facts}
    changed = [f for f in facts if old.get(f.id) != f]
    pending = sum(1 for r in reports if r.fact is None)
    return changed, sorted(set(old) - new_ids), pending
