"""The situation: what the report and the dashboard's overview show, built from a store.

``build_situation`` reads the claims (optionally of some pairs only), summarizes them per
pair (``figures.summarize``), works out what changed since a date, and locates every claim's
evidence in its document so that each figure can be shown with its sentence in context.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from supplyline.model import Claim
from supplyline.report.evidence import Passage, claim_passages
from supplyline.report.figures import (
    DocInfo,
    DocumentCache,
    Headline,
    PairSummary,
    Report,
    as_reports,
    pair_matches,
    summarize,
)
from supplyline.report.presentation import Presentation, load_presentation
from supplyline.store import Store


@dataclass(frozen=True)
class EvidenceView:
    """A claim's evidence highlighted in its paragraphs, with its document."""

    claim: Claim
    doc: DocInfo
    passages: tuple[Passage, ...]
    loose: tuple[str, ...]  # evidence texts not found in the stored document


@dataclass(frozen=True)
class Change:
    """A headline that is new, or whose figures or sources changed, since the date."""

    now: Headline
    before: Headline | None

    @property
    def what(self) -> str:
        if self.before is None:
            return "new"
        parts = []
        if _range(self.now) != _range(self.before):
            parts.append("range changed")
        if len(self.now.sources) != len(self.before.sources):
            parts.append(f"sources {len(self.before.sources)} → {len(self.now.sources)}")
        if len(self.now.reports) != len(self.before.reports):
            parts.append(f"reports {len(self.before.reports)} → {len(self.now.reports)}")
        return ", ".join(parts)


@dataclass(frozen=True)
class Situation:
    pairs: tuple[PairSummary, ...]
    since: date | None
    newest: date | None  # the newest document's date
    changes: tuple[Change, ...]
    new_reports: tuple[Report, ...]  # from documents published on or after ``since``
    evidence: dict[str, EvidenceView]
    documents: int
    pair_filter: tuple[tuple[str, str | None], ...] = ()

    @property
    def claims(self) -> int:
        return sum(len(p.reports) for p in self.pairs)


def build_situation(store: Store, *, since: date | None = None,
                    pairs: Sequence[tuple[str, str | None]] = (),
                    presentation: Presentation | None = None,
                    with_evidence: bool = True) -> Situation:
    """Everything the report shows. ``since`` defaults to the presentation's window before
    the newest document; ``pairs`` (actor, recipient or None) restricts the claims."""
    p = presentation or load_presentation()
    docs = DocumentCache(store)
    claims = [c for c in store.claims() if pair_matches(c, pairs)]
    reports = as_reports(claims, docs, p)
    dated = [r.doc.published for r in reports if r.doc.published]
    newest = max(dated, default=None)
    if since is None and newest is not None:
        since = newest - timedelta(days=p.changes_window_days)
    summaries = summarize(reports, p)
    changes: list[Change] = []
    new_reports: list[Report] = []
    if since is not None:
        new_reports = [r for r in reports if r.doc.published and r.doc.published >= since]
        earlier = [r for r in reports if not (r.doc.published and r.doc.published >= since)]
        before = {h.key: h for s in summarize(earlier, p) for h in s.headlines}
        for s in summaries:
            for h in s.headlines:
                old = before.get(h.key)
                if old is None or Change(h, old).what:
                    changes.append(Change(h, old))
    evidence: dict[str, EvidenceView] = {}
    if with_evidence:
        for r in reports:
            doc = docs.get(r.claim.doc)
            if doc is None:
                continue
            found, loose = claim_passages(r.claim, doc)
            evidence[r.id] = EvidenceView(r.claim, r.doc, tuple(found), tuple(loose))
    return Situation(
        pairs=tuple(summaries), since=since, newest=newest, changes=tuple(changes),
        new_reports=tuple(new_reports), evidence=evidence,
        documents=len({r.doc.id for r in reports}), pair_filter=tuple(pairs),
    )


def _range(h: Headline) -> tuple[float | None, float | None]:
    lo, hi = h.lowest, h.highest
    return (lo.low if lo else None, hi.high if hi else None)
