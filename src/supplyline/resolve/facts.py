"""Facts: claims from different documents that state the same thing, resolved into one.

Two claims state the same thing when they have the same actor, recipient and type (the
block), the same item class (the item's head noun: "artillery shells" and "shells"), the same
status family (happened, promised, anticipated, denied), the same basis (an increment is
never merged with a total), compatible figures (within ``quantity_tolerance``) and times that
overlap. A claim joins the first fact of its block it matches, in the order facts were
created, else founds a new one; the fact's id is derived from its founding claim, so facts
keep their ids from one run to the next.

Hand-written: record linkage libraries (dedupe, recordlinkage) learn fuzzy string matches;
here the fields are already canonical and the rules are the definition of "same fact".
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from supplyline.evaluate import head_noun
from supplyline.model import STATUS_FAMILIES, Claim, Fact
from supplyline.resolve.settings import ResolveSettings, resolve_settings
from supplyline.store.records import ClaimReport

Block = tuple[str, str | None, str]
Span = tuple[date | None, date | None]
SourceKey = tuple[str, str]


def block_of(claim: Claim) -> Block:
    """The blocking key: only claims with the same actor, recipient and type are compared."""
    return (claim.actor, claim.recipient, claim.type)


def item_class(item: str | None) -> str | None:
    """The item's head noun, singular: ``"240mm multiple rocket launchers"`` -> launcher."""
    return head_noun(item)


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


def source_key(report: ClaimReport) -> SourceKey:
    """What makes a source independent: its canonical name when it has one (two outlets
    citing HUR are one source), else the story it appeared in (copies are one story)."""
    name = report.claim.source.name
    if name:
        return ("source", name.casefold())
    return ("story", report.story or report.claim.doc)


def fact_id(founding_claim: str) -> str:
    return "f" + hashlib.sha1(founding_claim.encode("utf-8")).hexdigest()[:11]


@dataclass
class _Draft:
    """A fact being built: its matching key and anchor, and its member claim ids."""

    id: str
    block: Block
    item_class: str | None
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
            self.unit = self.unit or (report.claim.quantity.unit if report.claim.quantity
                                      else None)


def _basis_key(claim: Claim) -> str | None:
    return "additional" if claim.basis == "additional" else None


class FactIndex:
    """The facts of some blocks, indexed by (block, item class, status family, basis), so a
    claim is compared only with the facts it could join: resolution stays near-linear."""

    def __init__(self, settings: ResolveSettings | None = None) -> None:
        self.settings = settings or resolve_settings()
        self._by_key: dict[tuple[object, ...], list[_Draft]] = {}
        self.drafts: dict[str, _Draft] = {}

    def restore(self, fact: Fact) -> None:
        """Put back a stored fact (its anchor and figures) for new claims to join."""
        draft = _Draft(
            fact.id, (fact.actor, fact.recipient, fact.type), fact.item_class,
            status_family(fact.status), fact.basis if fact.basis == "additional" else None,
            fact.unit, (fact.start, fact.end), fact.low, fact.high, list(fact.reports))
        self._file(draft)

    def add(self, report: ClaimReport) -> _Draft:
        """The fact ``report`` joins (a new one when none matches)."""
        c = report.claim
        key = (block_of(c), item_class(c.item), status_family(c.status), _basis_key(c))
        span = claim_span(report, self.settings)
        fig = figures(c)
        unit = c.quantity.unit if c.quantity else None
        for draft in self._by_key.get(key, ()):
            if unit and draft.unit and unit != draft.unit:
                continue
            if not overlaps(draft.span, span):
                continue
            if not compatible_figures(draft.figure_range(), fig, self.settings.quantity_tolerance):
                continue
            draft.take(report)
            return draft
        draft = _Draft(fact_id(c.id), key[0], key[1], key[2], key[3], unit, span,
                       None, None)
        draft.take(report)
        self._file(draft)
        return draft

    def _file(self, draft: _Draft) -> None:
        key = (draft.block, draft.item_class, draft.family, draft.basis)
        self._by_key.setdefault(key, []).append(draft)
        self.drafts[draft.id] = draft


def build_fact(draft_id: str, reports: Sequence[ClaimReport], span: Span) -> Fact:
    """The fact of its member reports (earliest first): the most frequent status and item
    wording (ties: the earliest), independent sources, first and last report, figures."""
    ordered = list(reports)
    first = ordered[0].claim
    statuses = Counter(r.claim.status for r in ordered)
    items = Counter(r.claim.item for r in ordered if r.claim.item)
    status = max(statuses, key=lambda s: (statuses[s], -_first_index(ordered, "status", s)))
    item = max(items, key=lambda i: (items[i], -_first_index(ordered, "item", i))) \
        if items else None
    ranges = [f for f in (figures(r.claim) for r in ordered) if f is not None]
    dates = [r.published for r in ordered if r.published is not None]
    unit = next((r.claim.quantity.unit for r in ordered
                 if r.claim.quantity and r.claim.quantity.unit), None)
    return Fact(
        id=draft_id, type=first.type, actor=first.actor, recipient=first.recipient,
        item=item, item_class=item_class(first.item), status=status,
        basis="additional" if first.basis == "additional" else None,
        reports=tuple(r.id for r in ordered),
        independent_sources=len({source_key(r) for r in ordered}),
        first_reported=min(dates) if dates else None,
        last_reported=max(dates) if dates else None,
        low=min(f[0] for f in ranges) if ranges else None,
        high=max(f[1] for f in ranges) if ranges else None,
        unit=unit, start=span[0], end=span[1],
    )


def _first_index(reports: Sequence[ClaimReport], attr: str, value: object) -> int:
    return next(i for i, r in enumerate(reports) if getattr(r.claim, attr) == value)


def resolve_reports(reports: Iterable[ClaimReport],
                    settings: ResolveSettings | None = None) -> list[Fact]:
    """Facts of a set of reports from scratch, without a store (tests, benchmarks): every
    report belongs to exactly one fact."""
    index = FactIndex(settings)
    by_id: dict[str, ClaimReport] = {}
    for r in reports:
        by_id[r.id] = r
        index.add(r)
    return [build_fact(d.id, [by_id[m] for m in d.members], d.span)
            for d in index.drafts.values()]
