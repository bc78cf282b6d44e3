"""Facts: claims from different documents that state the same thing, resolved into one.

Two claims state the same thing when they have the same actor, recipient and type (the
block), the same item class and unit (``classes``: "soldiers" and "troops" are troops, a
Patriot is not an IRIS-T, "13,000 containers" count containers), the same status family
(happened, promised, anticipated, denied), the same basis (an increment is never merged with
a total), compatible figures (within ``quantity_tolerance``) and times that overlap.

A block is resolved as a whole, its claims in one canonical order (``canonical_order``: by
publication date, document, position): a claim joins the first fact it matches, else founds
a new one, and a fact's id derives from its founding claim. So the facts of a set of claims
do not depend on the batches or the order in which they arrived.

Hand-written: record linkage libraries (dedupe, recordlinkage) learn fuzzy string matches;
here the fields are already canonical and the rules are the definition of "same fact".
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from supplyline.model import STATUS_FAMILIES, Claim, Fact, Source
from supplyline.resolve.classes import classify, current_vocabulary
from supplyline.resolve.settings import ResolveSettings, resolve_settings
from supplyline.store.records import ClaimReport
from supplyline.vocab import Vocabulary

Block = tuple[str, str | None, str]
Span = tuple[date | None, date | None]
SourceKey = tuple[str, str]


def block_of(claim: Claim) -> Block:
    """The blocking key: only claims with the same actor, recipient and type are compared."""
    return (claim.actor, claim.recipient, claim.type)


def canonical_order(report: ClaimReport) -> tuple[object, ...]:
    """The order in which a block's claims are resolved: oldest document first (undated
    last), then document, position in it and id; the same whatever order they arrived in."""
    c = report.claim
    return (report.published is None, report.published or date.min, c.doc,
            c.evidence[0].start if c.evidence else -1, c.id)


def status_family(status: str) -> str:
    return STATUS_FAMILIES.get(status, status)


def figures(claim: Claim) -> tuple[float, float] | None:
    """The figure as a (low, high) pair: 'more than 11,000' is (11000, 11000); None without."""
    q = claim.quantity
    if q is None:
        return None
    lo = q.lower if q.lower is not None else q.value
    hi = q.upper if q.upper is not None else q.value
    if lo is None and hi is None:
        return None
    lo = hi if lo is None else lo
    hi = lo if hi is None else hi
    assert lo is not None and hi is not None
    return (float(min(lo, hi)), float(max(lo, hi)))


def claim_span(report: ClaimReport, settings: ResolveSettings) -> Span:
    """The time a claim is about: its ``when`` interval, else the days up to its publication
    (``undated_window_days``); (None, None) when neither is known."""
    w = report.claim.when
    if w is not None and (w.start or w.end):
        return (w.start, w.end)
    if report.published is not None:
        return (report.published - timedelta(days=settings.undated_window_days),
                report.published)
    return (None, None)


def overlaps(a: Span, b: Span) -> bool:
    """Whether two spans share a day; a missing bound is open (a span of two Nones is all)."""
    a_start, a_end = a
    b_start, b_end = b
    return (a_start is None or b_end is None or a_start <= b_end) and \
        (b_start is None or a_end is None or b_start <= a_end)


def compatible_figures(a: tuple[float, float] | None, b: tuple[float, float] | None,
                       tolerance: float) -> bool:
    """Ranges that overlap once the higher is allowed ``tolerance`` above the lower."""
    if a is None or b is None:
        return True
    lo, hi = max(a[0], b[0]), min(a[1], b[1])
    return lo <= hi * (1 + tolerance)


def source_key(report: ClaimReport, vocabulary: Vocabulary | None = None) -> SourceKey:
    """What makes a source independent: the organisation it speaks for (``independent_as``),
    else the story it appeared in (copies of one wire story are one story)."""
    body = independent_as(report.claim.source, vocabulary)
    if body:
        return ("source", body.casefold())
    return ("story", report.story or report.claim.doc)


def independent_as(source: Source, vocabulary: Vocabulary | None = None) -> str | None:
    """The body a named source speaks for: a person's organisation when the vocabulary gives
    one (Lloyd Austin speaks for the Pentagon, Budanov for HUR), else the source's own name;
    None for a source without a name."""
    if not source.name:
        return None
    return (vocabulary or current_vocabulary()).affiliations().get(source.name, source.name)


def fact_id(founding_claim: str) -> str:
    return "f" + hashlib.sha1(founding_claim.encode("utf-8")).hexdigest()[:11]


@dataclass
class _Draft:
    """A fact being built: its matching key and anchor, and its member claim ids."""

    id: str
    block: Block
    item_class: str
    family: str
    basis: str | None
    unit: str | None
    span: Span
    low: float | None
    high: float | None
    members: list[str] = field(default_factory=list)

    def figure_range(self) -> tuple[float, float] | None:
        if self.low is None or self.high is None:
            return None
        return (self.low, self.high)

    def take(self, report: ClaimReport) -> None:
        self.members.append(report.id)
        f = figures(report.claim)
        if f is not None:
            self.low = f[0] if self.low is None else min(self.low, f[0])
            self.high = f[1] if self.high is None else max(self.high, f[1])


def _basis_key(claim: Claim) -> str | None:
    return "additional" if claim.basis == "additional" else None


class FactIndex:
    """The facts of some blocks, indexed by (block, item class, status family, basis), so a
    claim is compared only with the facts it could join: resolution stays near-linear."""

    def __init__(self, settings: ResolveSettings | None = None,
                 vocabulary: Vocabulary | None = None) -> None:
        self.settings = settings or resolve_settings()
        self.vocabulary = vocabulary or current_vocabulary()
        self._by_key: dict[tuple[object, ...], list[_Draft]] = {}
        self.drafts: dict[str, _Draft] = {}

    def add(self, report: ClaimReport) -> _Draft:
        """The fact ``report`` joins (a new one when none matches). Claims must come in
        ``canonical_order`` for the facts not to depend on their arrival."""
        c = report.claim
        cls = classify(c, self.vocabulary)
        key = (block_of(c), cls.item_class, cls.unit, status_family(c.status), _basis_key(c))
        span = claim_span(report, self.settings)
        fig = figures(c)
        unit = cls.unit
        for draft in self._by_key.get(key, ()):
            if not overlaps(draft.span, span):
                continue
            if not compatible_figures(draft.figure_range(), fig, self.settings.quantity_tolerance):
                continue
            draft.take(report)
            return draft
        draft = _Draft(fact_id(c.id), key[0], cls.item_class, key[3], key[4], unit, span,
                       None, None)
        draft.take(report)
        self._by_key.setdefault(key, []).append(draft)
        self.drafts[draft.id] = draft
        return draft


def build_fact(draft: _Draft, reports: Sequence[ClaimReport],
               vocabulary: Vocabulary | None = None) -> Fact:
    """The fact of a draft's member reports (earliest first): the most frequent status and
    item wording (ties: the earliest), independent sources, first and last report, figures."""
    ordered = list(reports)
    first = ordered[0].claim
    statuses = Counter(r.claim.status for r in ordered)
    items = Counter(r.claim.item for r in ordered if r.claim.item)
    status = max(statuses, key=lambda s: (statuses[s], -_first_index(ordered, "status", s)))
    item = max(items, key=lambda i: (items[i], -_first_index(ordered, "item", i))) \
        if items else None
    ranges = [f for f in (figures(r.claim) for r in ordered) if f is not None]
    dates = [r.published for r in ordered if r.published is not None]
    v = vocabulary or current_vocabulary()
    return Fact(
        id=draft.id, type=first.type, actor=first.actor, recipient=first.recipient,
        item=item, item_class=draft.item_class, status=status,
        basis="additional" if first.basis == "additional" else None,
        reports=tuple(r.id for r in ordered),
        independent_sources=len({source_key(r, v) for r in ordered}),
        first_reported=min(dates) if dates else None,
        last_reported=max(dates) if dates else None,
        low=min(f[0] for f in ranges) if ranges else None,
        high=max(f[1] for f in ranges) if ranges else None,
        unit=draft.unit, start=draft.span[0], end=draft.span[1],
    )


def _first_index(reports: Sequence[ClaimReport], attr: str, value: object) -> int:
    return next(i for i, r in enumerate(reports) if getattr(r.claim, attr) == value)


def resolve_reports(reports: Iterable[ClaimReport],
                    settings: ResolveSettings | None = None,
                    vocabulary: Vocabulary | None = None) -> list[Fact]:
    """The facts of a set of reports (one block or several): every report belongs to exactly
    one fact, whatever order the reports come in."""
    index = FactIndex(settings, vocabulary)
    by_id: dict[str, ClaimReport] = {}
    for r in sorted(reports, key=canonical_order):
        by_id[r.id] = r
        index.add(r)
    return [build_fact(d, [by_id[m] for m in d.members], index.vocabulary)
            for d in index.drafts.values()]
