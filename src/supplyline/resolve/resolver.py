"""The resolution driver over a store: group new documents into stories, then put each claim
that belongs to no fact yet into one, touching only the blocks that have new claims.

    summary = resolve(store)          # after ingesting; cheap when nothing is new

Re-running on an unchanged store changes nothing. A block in which a fact lost claims (its
document was changed or deleted) is rebuilt, as is every block with ``rebuild=True``; fact
ids derive from founding claims, so a rebuild in the same order gives the same facts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from supplyline.model import Fact
from supplyline.resolve import duplicates
from supplyline.resolve.facts import Block, FactIndex, block_of, build_fact, item_class
from supplyline.resolve.settings import ResolveSettings, resolve_settings
from supplyline.store import BaseStore, ClaimReport


@dataclass(frozen=True)
class ResolveSummary:
    """What a resolution run did."""

    documents_grouped: int  # documents newly put into story groups
    claims_resolved: int  # claims newly put into facts
    facts_changed: int  # facts created or updated
    facts_removed: int  # facts left without claims (their documents changed or went)


def group_stories(store: BaseStore, settings: ResolveSettings | None = None) -> int:
    """Put the documents not yet grouped into story groups; return how many."""
    rows = duplicates.group(store.story_signatures(), store.ungrouped_documents(),
                            settings or resolve_settings())
    store.save_stories(rows)
    return len(rows)


def resolve(store: BaseStore, *, rebuild: bool = False, settings: ResolveSettings | None = None,
            progress: Callable[[int, int], None] | None = None) -> ResolveSummary:
    """Group new documents, then resolve the claims that belong to no fact into facts.

    ``progress(done, total)`` is called after each block.
    """
    s = settings or resolve_settings()
    grouped = group_stories(store, s)
    pending = store.pending_reports()
    blocks: dict[Block, list[ClaimReport]] = {}
    for r in pending:
        blocks.setdefault(block_of(r.claim), []).append(r)
    stale = store.stale_blocks()
    if rebuild:
        stale |= {(f.actor, f.recipient, f.type) for f in store.facts()}
    changed: list[Fact] = []
    removed: list[str] = []
    todo = sorted(set(blocks) | stale, key=lambda b: (b[0], b[1] or "", b[2]))
    resolved = 0
    for n, block in enumerate(todo, 1):
        if block in stale:
            facts, gone, count = _rebuild_block(store, block, s)
        else:
            facts, gone, count = _extend_block(store, block, blocks[block], s)
        changed += facts
        removed += gone
        resolved += count
        if progress is not None:
            progress(n, len(todo))
    store.save_facts(changed, removed)
    return ResolveSummary(grouped, resolved, len(changed), len(set(removed) - {
        f.id for f in changed}))


def _extend_block(store: BaseStore, block: Block, pending: list[ClaimReport],
                  s: ResolveSettings) -> tuple[list[Fact], list[str], int]:
    index = FactIndex(s)
    for fact in store.block_facts(block, {item_class(r.claim.item) for r in pending}):
        index.restore(fact)  # only the item classes a new claim could join
    touched = sorted({index.add(r).id for r in pending})
    known = {r.id: r for r in pending}
    earlier = [m for t in touched for m in index.drafts[t].members if m not in known]
    if earlier:  # members from earlier runs, read in one batch for the block
        known.update((r.id, r) for r in store.reports(earlier))
    facts = []
    for fact_id in touched:
        draft = index.drafts[fact_id]
        members = [known[m] for m in draft.members if m in known]  # in the order they joined
        facts.append(build_fact(draft.id, members, draft.span))
    return facts, [], len(pending)


def _rebuild_block(store: BaseStore, block: Block,
                   s: ResolveSettings) -> tuple[list[Fact], list[str], int]:
    old = {f.id for f in store.block_facts(block)}
    reports = store.block_reports(block)
    index = FactIndex(s)
    by_id = {r.id: r for r in reports}
    for r in reports:
        index.add(r)
    facts = [build_fact(d.id, [by_id[m] for m in d.members], d.span)
             for d in index.drafts.values()]
    pending = sum(1 for r in reports if r.fact is None)
    return facts, sorted(old - {f.id for f in facts}), pending
