"""Timelines and totals: what was reported when for a supplier -> recipient pair and item, and
the best estimate of the total as it stood on a chosen date.

Only reports published on or before ``as_of`` count. Totals ("12,000 troops", "a total of
6,000", "so far") and increments ("an additional 3,000", basis ``additional``) are kept
apart. The estimate takes, among the facts that happened (done or ongoing), the total about
the latest period as the baseline, and adds each increment fact about a period after it, once
per fact however many outlets repeated it. Its range adds the lowest and the highest figure
reported for each of those facts. Pledged, planned and expected figures are listed but never
counted.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from supplyline.evaluate import head_noun
from supplyline.model import Fact
from supplyline.resolve.conflicts import figure_text
from supplyline.resolve.facts import figures
from supplyline.store import BaseStore, ClaimReport, FactFilter


@dataclass(frozen=True)
class TimelineEntry:
    """One report in the series. ``basis`` is ``total`` or ``increment``; ``counted`` says
    whether its fact is part of the estimate."""

    published: date | None
    claim: str
    fact: str
    doc: str
    outlet: str | None
    source: str
    status: str
    basis: str
    figure: str
    low: float | None
    high: float | None
    when: str
    counted: bool

    def to_dict(self) -> dict[str, object]:
        d = dict(self.__dict__)
        d["published"] = self.published.isoformat() if self.published else None
        return d


@dataclass(frozen=True)
class Estimate:
    """The best current estimate: ``value`` (the latest figure of each fact counted; a range
    counts as its middle), ``low``..``high`` (the range reported), from a ``baseline`` total
    fact plus ``increments`` facts."""

    value: float
    low: float
    high: float
    unit: str | None
    baseline: str | None
    increments: tuple[str, ...]
    explanation: str

    def to_dict(self) -> dict[str, object]:
        return {**self.__dict__, "increments": list(self.increments)}


@dataclass(frozen=True)
class Timeline:
    actor: str
    recipient: str | None
    item: str | None
    as_of: date | None
    entries: tuple[TimelineEntry, ...]
    estimate: Estimate | None

    def to_dict(self) -> dict[str, object]:
        return {"actor": self.actor, "recipient": self.recipient, "item": self.item,
                "as_of": self.as_of.isoformat() if self.as_of else None,
                "entries": [e.to_dict() for e in self.entries],
                "estimate": self.estimate.to_dict() if self.estimate else None}


def matches_item(fact: Fact, item: str | None) -> bool:
    """``item`` names the fact's item class ("troops" ~ troop) or is part of its wording."""
    if not item:
        return True
    needle = item.casefold().strip()
    return fact.item_class == head_noun(needle) or needle in (fact.item or "").casefold()


def build_timeline(actor: str, recipient: str | None, item: str | None,
                   facts: Sequence[Fact], reports: dict[str, ClaimReport],
                   as_of: date | None = None) -> Timeline:
    """The timeline of ``facts`` (one pair, already filtered) from their ``reports``."""
    visible: dict[str, list[ClaimReport]] = {}
    for f in facts:
        rs = [reports[c] for c in f.reports if c in reports]
        rs = [r for r in rs if as_of is None or r.published is None or r.published <= as_of]
        if rs:
            visible[f.id] = rs
    by_id = {f.id: f for f in facts if f.id in visible}
    happened = [f for f in by_id.values() if f.status_family == "happened"
                and any(figures(r.claim) for r in visible[f.id])]
    totals = [f for f in happened if f.basis != "additional"]
    increments = [f for f in happened if f.basis == "additional"]
    baseline = max(totals, key=lambda f: (_period_end(f, visible[f.id]),
                                          _latest(visible[f.id]), f.id), default=None)
    after = [f for f in increments
             if baseline is None or _after(f, baseline, visible)]
    counted = ([baseline] if baseline else []) + sorted(after, key=lambda f: f.id)
    estimate = _estimate(counted, baseline, after, visible) if counted else None
    counted_ids = {f.id for f in counted}
    entries = []
    for fact_id, rs in visible.items():
        f = by_id[fact_id]
        for r in rs:
            span = figures(r.claim)
            c = r.claim
            w = c.when
            entries.append(TimelineEntry(
                r.published, c.id, fact_id, c.doc, r.outlet,
                f"{c.source.name or c.source.text or 'unattributed'} ({c.source.kind})",
                c.status, "increment" if c.basis == "additional" else "total",
                figure_text(c), span[0] if span else None, span[1] if span else None,
                (w.text if w else ""), fact_id in counted_ids))
    entries.sort(key=lambda e: (e.published is None, e.published or date.min, e.claim))
    return Timeline(actor, recipient, item, as_of, tuple(entries), estimate)


def _latest(rs: Sequence[ClaimReport]) -> date:
    return max((r.published for r in rs if r.published), default=date.min)


def _period_end(f: Fact, rs: Sequence[ClaimReport]) -> date:
    return f.end or f.start or _latest(rs)


def _after(inc: Fact, baseline: Fact, visible: dict[str, list[ClaimReport]]) -> bool:
    """An increment about a period after the baseline's (or reported after it, undated)."""
    end = _period_end(baseline, visible[baseline.id])
    start = inc.start or _latest(visible[inc.id])
    return start > end


def _stated(r: ClaimReport) -> float:
    """A report's figure: its value as stated, else the middle of its range."""
    q = r.claim.quantity
    if q is not None and q.value is not None:
        return float(q.value)
    span = figures(r.claim)
    assert span is not None
    return (span[0] + span[1]) / 2


def _estimate(counted: list[Fact], baseline: Fact | None, after: list[Fact],
              visible: dict[str, list[ClaimReport]]) -> Estimate:
    value = low = high = 0.0
    parts = []
    unit = None
    for f in counted:
        spans = [s for s in (figures(r.claim) for r in visible[f.id]) if s]
        latest = _stated([r for r in visible[f.id] if figures(r.claim)][-1])
        value += latest
        low += min(s[0] for s in spans)
        high += max(s[1] for s in spans)
        unit = unit or f.unit
        label = "total" if f is baseline else "increment"
        parts.append(f"{label} {latest:,.0f} ({f.id}, {len(spans)} report"
                     f"{'s' if len(spans) != 1 else ''})")
    return Estimate(value, low, high, unit, baseline.id if baseline else None,
                    tuple(f.id for f in after), " + ".join(parts))


def pair_timeline(store: BaseStore, actor: str, recipient: str | None = None,
                  item: str | None = None, *, type_: str | None = None,
                  as_of: date | None = None) -> Timeline:
    """The timeline of a pair (and item) from the store, as it stood on ``as_of``."""
    facts = [f for f in store.facts(FactFilter(actor=actor, recipient=recipient, type=type_))
             if matches_item(f, item)]
    reports = {r.id: r for r in store.reports([c for f in facts for c in f.reports])}
    return build_timeline(actor, recipient, item, facts, reports, as_of)
