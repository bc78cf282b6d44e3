"""Contradictions and revisions between reports.

- figures: reports of one fact whose figures cannot both hold (10,000 vs 12,000 troops for
  the same period). Reports are taken in date order and each compared with the figure
  reported just before it: published at least ``revision_after_days`` later, a different
  figure is a **revision**; sooner, a **contradiction**.
- status: facts of one block, item class and basis whose times overlap but whose status
  families are opposed (``conflicts.opposed`` in resolve.yaml): delivered vs denied, pledged
  vs delivered. Pledged and delivered count only when reported within
  ``revision_after_days`` of each other (one event told two ways); further apart it is a
  pledge kept, or a new one, and is not listed.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations

from supplyline.model import Claim, Fact
from supplyline.resolve.facts import overlaps
from supplyline.resolve.settings import ResolveSettings, resolve_settings
from supplyline.store import BaseStore, ClaimReport, FactFilter


@dataclass(frozen=True)
class ReportView:
    """One side of a conflict: the report as a person needs to judge it."""

    claim: str
    fact: str | None
    doc: str
    outlet: str | None
    published: str | None
    source: str
    status: str
    figure: str
    evidence: str

    @classmethod
    def of(cls, r: ClaimReport) -> ReportView:
        c = r.claim
        s = c.source
        who = s.name or s.text or "unattributed"
        return cls(c.id, r.fact, c.doc, r.outlet, r.published.isoformat() if r.published
                   else None, f"{who} ({s.kind})", c.status, figure_text(c),
                   c.evidence[0].text if c.evidence else "")

    def to_dict(self) -> dict[str, object]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class Conflict:
    """Two reports that disagree. ``kind`` is ``figures`` or ``status``; ``relation`` is
    ``contradiction`` or ``revision`` (a later report correcting a figure)."""

    id: str
    kind: str
    relation: str
    summary: str
    facts: tuple[str, ...]
    earlier: ReportView
    later: ReportView

    def to_dict(self) -> dict[str, object]:
        return {"id": self.id, "kind": self.kind, "relation": self.relation,
                "summary": self.summary, "facts": list(self.facts),
                "earlier": self.earlier.to_dict(), "later": self.later.to_dict()}


def figure_text(c: Claim) -> str:
    q = c.quantity
    if q is None:
        return ""
    parts = [q.approx or ""]
    if q.value is not None:
        parts.append(f"{q.value:,.0f}")
    elif q.lower is not None or q.upper is not None:
        parts.append(f"{q.lower or 0:,.0f}–{q.upper:,.0f}" if q.upper is not None
                     else f"≥ {q.lower:,.0f}")
    if q.unit:
        parts.append(q.unit)
    return " ".join(p for p in parts if p)


def bounds(c: Claim) -> tuple[float, float] | None:
    """What a figure allows: 'more than 11,000' is 11,000 up; None without a figure."""
    q = c.quantity
    if q is None or (q.value is None and q.lower is None and q.upper is None):
        return None
    lo = q.lower if q.lower is not None else q.value
    hi = q.upper if q.upper is not None else q.value
    if q.lower is not None and q.upper is None:
        hi = math.inf  # "more than"
    if q.upper is not None and q.lower is None:
        lo = 0.0  # "up to"
    return (float(lo or 0.0), float(hi if hi is not None else math.inf))


def disagree(a: Claim, b: Claim, tolerance: float) -> bool:
    x, y = bounds(a), bounds(b)
    if x is None or y is None:
        return False
    if (a.quantity and b.quantity) and a.quantity.unit != b.quantity.unit:
        return False
    lo, hi = max(x[0], y[0]), min(x[1], y[1])
    return lo > hi * (1 + tolerance)


def _conflict_id(kind: str, a: str, b: str) -> str:
    return "c" + hashlib.sha1(f"{kind}|{a}|{b}".encode()).hexdigest()[:11]


def figure_conflicts(fact: Fact, reports: Sequence[ClaimReport],
                     s: ResolveSettings) -> list[Conflict]:
    """Differing figures among one fact's reports (in date order): revisions and
    contradictions."""
    out: list[Conflict] = []
    seen: list[ClaimReport] = []
    for r in reports:
        if bounds(r.claim) is None:
            continue
        against = seen[-1] if seen else None
        seen.append(r)
        if against is None or not disagree(against.claim, r.claim, s.figure_tolerance):
            continue
        days = (r.published - against.published).days \
            if r.published and against.published else 0
        relation = "revision" if days >= s.revision_after_days else "contradiction"
        what = f"{fact.actor} → {fact.recipient}" if fact.recipient else fact.actor
        summary = (f"{what}, {fact.item or fact.type}: {figure_text(against.claim)} "
                   f"({against.published or 'undated'}) vs {figure_text(r.claim)} "
                   f"({r.published or 'undated'})")
        out.append(Conflict(_conflict_id("figures", against.id, r.id), "figures", relation,
                            summary, (fact.id,), ReportView.of(against), ReportView.of(r)))
    return out


def status_conflicts(facts: Sequence[Fact], reports: Mapping[str, ClaimReport],
                     s: ResolveSettings) -> list[Conflict]:
    """Facts of one block and item class, overlapping in time, with opposed statuses."""
    groups: dict[tuple[object, ...], list[Fact]] = {}
    for f in facts:
        groups.setdefault((f.actor, f.recipient, f.type, f.item_class), []).append(f)
    out: list[Conflict] = []
    for group in groups.values():
        for a, b in combinations(group, 2):
            fa, fb = a.status_family, b.status_family
            if fa == fb or frozenset((fa, fb)) not in s.opposed:
                continue
            if not overlaps((a.start, a.end), (b.start, b.end)):
                continue
            ra, rb = reports.get(a.reports[0]), reports.get(b.reports[0])
            if ra is None or rb is None:
                continue
            if ra.published and rb.published and rb.published < ra.published:
                a, b, ra, rb = b, a, rb, ra
            if a.basis != b.basis:
                continue  # an increment planned is not a total denied or done
            days = (rb.published - ra.published).days if ra.published and rb.published else 0
            if "promised" in (fa, fb) and "denied" not in (fa, fb) and \
                    days >= s.revision_after_days:
                continue  # a pledge kept later, or a new one: not the same story told twice
            what = f"{a.actor} → {a.recipient}" if a.recipient else a.actor
            summary = (f"{what}, {a.item or a.type}: reported {ra.claim.status} "
                       f"({ra.published or 'undated'}) and {rb.claim.status} "
                       f"({rb.published or 'undated'})")
            out.append(Conflict(_conflict_id("status", ra.id, rb.id), "status",
                                "contradiction", summary, (a.id, b.id),
                                ReportView.of(ra), ReportView.of(rb)))
    return out


def find_conflicts(facts: Sequence[Fact], reports: Mapping[str, ClaimReport],
                   settings: ResolveSettings | None = None) -> list[Conflict]:
    """Every conflict among ``facts``, whose reports are in ``reports`` (by claim id)."""
    s = settings or resolve_settings()
    out: list[Conflict] = []
    for f in facts:
        rs = [reports[c] for c in f.reports if c in reports]
        out += figure_conflicts(f, rs, s)
    out += status_conflicts(facts, reports, s)
    return sorted(out, key=lambda c: (c.later.published or "", c.id))


def list_conflicts(store: BaseStore, flt: FactFilter | None = None, *,
                   relation: str | None = None,
                   settings: ResolveSettings | None = None) -> list[Conflict]:
    """The conflicts among the stored facts matching ``flt`` (``relation``: only
    contradictions or only revisions)."""
    facts = store.facts(flt)
    reports = _reports_of(store, facts)
    found = find_conflicts(facts, reports, settings)
    return [c for c in found if relation is None or c.relation == relation]


def _reports_of(store: BaseStore, facts: Iterable[Fact]) -> dict[str, ClaimReport]:
    ids = [c for f in facts for c in f.reports]
    return {r.id: r for r in store.reports(ids)}
