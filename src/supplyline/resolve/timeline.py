"""Timelines: what was reported when for a supplier -> recipient pair (and item), with the
best estimate of each series as it stood on a chosen date.

A timeline is the reports of the series (``series``) that match the pair, item and type,
oldest first; the estimate is the series' own (``series.estimate``): the latest total plus
the increments reported after it, each fact once, pledges and forecasts never counted in
what was delivered. ``Timeline.estimate`` is the delivered estimate of the busiest series.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from supplyline.model import Fact
from supplyline.resolve.classes import current_vocabulary, matching_classes
from supplyline.resolve.conflicts import figure_text
from supplyline.resolve.facts import figures
from supplyline.resolve.series import (
    Estimate,
    build_estimates,
    joint_partners,
    phase_of,
    reported_on,
)
from supplyline.store import BaseStore, ClaimReport, FactFilter
from supplyline.vocab import Vocabulary


@dataclass(frozen=True)
class TimelineEntry:
    """One report in the timeline. ``basis`` is ``total`` or ``increment``; ``counted``
    says whether it is part of a delivered estimate (its value or its range): pledges and
    forecasts are listed, never counted as delivered."""

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
    item_class: str = ""
    phase: str = ""

    def to_dict(self) -> dict[str, object]:
        d = dict(self.__dict__)
        d["published"] = self.published.isoformat() if self.published else None
        return d


@dataclass(frozen=True)
class Timeline:
    actor: str
    recipient: str | None
    item: str | None
    as_of: date | None
    entries: tuple[TimelineEntry, ...]
    estimates: tuple[Estimate, ...] = ()  # one per series, every phase

    @property
    def estimate(self) -> Estimate | None:
        """The delivered estimate of the series with the most reports (with a figure)."""
        delivered = [e for e in self.estimates if e.phase == "delivered" and e.value is not None]
        return max(delivered, key=lambda e: (len(e.claims), e.item_class), default=None)

    def to_dict(self) -> dict[str, object]:
        best = self.estimate
        return {"actor": self.actor, "recipient": self.recipient, "item": self.item,
                "as_of": self.as_of.isoformat() if self.as_of else None,
                "entries": [e.to_dict() for e in self.entries],
                "estimate": best.to_dict() if best else None,
                "estimates": [e.to_dict() for e in self.estimates]}


def build_timeline(actor: str, recipient: str | None, item: str | None,
                   facts: list[Fact], reports: dict[str, ClaimReport],
                   as_of: date | None = None, *, type_: str | None = None,
                   joint: Mapping[str, Sequence[tuple[str, str]]] | None = None,
                   vocabulary: Vocabulary | None = None) -> Timeline:
    """The timeline of ``facts`` (one pair, already filtered) from their ``reports``
    (``joint``: the partners of joint statements, ``series.joint_partners``)."""
    v = vocabulary or current_vocabulary()
    found = build_estimates(facts, reports, as_of=as_of, type=type_, item=item, joint=joint,
                            vocabulary=v)
    fact_by_id = {f.id: f for f in facts}
    entries = []
    for e in found:
        counted = set(e.counted) if e.phase == "delivered" else set()
        for claim_id in e.claims:
            r = reports[claim_id]
            c = r.claim
            span = figures(c)
            fact = fact_by_id.get(r.fact or "")
            increment = (fact.basis if fact else c.basis) == "additional"
            entries.append(TimelineEntry(
                reported_on(r), c.id, r.fact or "", c.doc, r.outlet,
                f"{c.source.name or c.source.text or 'unattributed'} ({c.source.kind})",
                c.status, "increment" if increment else "total", figure_text(c),
                span[0] if span else None, span[1] if span else None,
                c.when.text if c.when else "", c.id in counted, e.item_class,
                phase_of(c.status)))
    entries.sort(key=lambda x: (x.published is None, x.published or date.min, x.claim))
    return Timeline(actor, recipient, item, as_of, tuple(entries), tuple(found))


def pair_timeline(store: BaseStore, actor: str, recipient: str | None = None,
                  item: str | None = None, *, type_: str | None = None,
                  as_of: date | None = None,
                  vocabulary: Vocabulary | None = None) -> Timeline:
    """The timeline of a pair (and item: words naming a class, "soldiers" is troops) from
    the store, as it stood on ``as_of``."""
    v = vocabulary or current_vocabulary()
    facts = store.facts(FactFilter(actor=actor, recipient=recipient))
    if item:
        wanted = matching_classes(item, None, v)
        facts = [f for f in facts if f.item_class in wanted]
    reports = {r.id: r for r in store.reports([c for f in facts for c in f.reports])}
    return build_timeline(actor, recipient, item, facts, reports, as_of, type_=type_,
                          joint=joint_partners(store, reports), vocabulary=v)
