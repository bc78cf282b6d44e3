"""The situation: what the report and the dashboard's overview show, built from a store.

``build_situation`` reads the claims (optionally of some pairs only) and the facts they were
resolved into, summarizes them per pair (``figures.summarize``) with the estimate of each of
the pair's series (``resolve.series``: the headline table's rows), works out what changed since
a date, gathers the contradictions and revisions among the facts and the credibility signals
of the documents, and locates every claim's evidence in its document so that each figure can
be shown with its sentence in context.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
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
from supplyline.resolve.conflicts import Conflict, find_conflicts
from supplyline.resolve.credibility import DocumentCredibility, document_credibility
from supplyline.resolve.series import Estimate
from supplyline.resolve.series import estimates as series_estimates
from supplyline.store import BaseStore


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
        if self.now.independent_sources != self.before.independent_sources:
            parts.append(f"independent sources {self.before.independent_sources} → "
                         f"{self.now.independent_sources}")
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
    conflicts: tuple[Conflict, ...] = ()
    credibility: tuple[DocumentCredibility, ...] = ()  # documents with signals only
    resolved: bool = False  # headlines are facts (else claims grouped by item class)

    @property
    def claims(self) -> int:
        return sum(len(p.reports) for p in self.pairs)

    @property
    def reports_by_id(self) -> dict[str, Report]:
        """Every report of the situation by claim id (the headline table lists them)."""
        return {r.id: r for p in self.pairs for r in p.reports}

    @property
    def conflicted(self) -> dict[str, list[str]]:
        """For each fact in a conflict, its relations (contradiction, revision)."""
        out: dict[str, list[str]] = {}
        for c in self.conflicts:
            for f in c.facts:
                if c.relation not in out.setdefault(f, []):
                    out[f].append(c.relation)
        return out


def build_situation(store: BaseStore, *, since: date | None = None,
                    pairs: Sequence[tuple[str, str | None]] = (),
                    presentation: Presentation | None = None,
                    with_evidence: bool = True) -> Situation:
    """Everything the report shows. ``since`` defaults to the presentation's window before
    the newest document; ``pairs`` (actor, recipient or None) restricts the claims.
    ``with_evidence`` False leaves out evidence and credibility signals (the overview)."""
    p = presentation or load_presentation()
    docs = DocumentCache(store)
    claims = [c for c in store.claims() if pair_matches(c, pairs)]
    reports = as_reports(claims, docs, p)
    fact_ids = {r.fact for r in reports if r.fact}
    facts = [f for f in store.facts() if f.id in fact_ids]
    dated = [r.doc.published for r in reports if r.doc.published]
    newest = max(dated, default=None)
    if since is None and newest is not None:
        since = newest - timedelta(days=p.changes_window_days)
    summaries = _with_estimates(summarize(reports, p, facts), series_estimates(store))
    changes: list[Change] = []
    new_reports: list[Report] = []
    if since is not None:
        new_reports = [r for r in reports if r.doc.published and r.doc.published >= since]
        earlier = [r for r in reports if not (r.doc.published and r.doc.published >= since)]
        before = {h.key: h for s in summarize(earlier, p, facts) for h in s.headlines}
        for s in summaries:
            for h in s.headlines:
                old = before.get(h.key)
                if old is None or Change(h, old).what:
                    changes.append(Change(h, old))
    resolved = {r.id: r for r in store.reports([c.id for c in claims])}
    found_conflicts = find_conflicts(facts, resolved)
    evidence: dict[str, EvidenceView] = {}
    signals: list[DocumentCredibility] = []
    if with_evidence:
        for r in reports:
            doc = docs.get(r.claim.doc)
            if doc is not None:
                found, loose = claim_passages(r.claim, doc)
                evidence[r.id] = EvidenceView(r.claim, r.doc, tuple(found), tuple(loose))
        for doc_id in sorted({r.doc.id for r in reports}):
            assessed = document_credibility(store, doc_id)
            if assessed is not None and assessed.signals:
                signals.append(assessed)
    return Situation(
        pairs=tuple(summaries), since=since, newest=newest, changes=tuple(changes),
        new_reports=tuple(new_reports), evidence=evidence,
        documents=len({r.doc.id for r in reports}), pair_filter=tuple(pairs),
        conflicts=tuple(found_conflicts), credibility=tuple(signals), resolved=bool(facts),
    )


def _with_estimates(pairs: Sequence[PairSummary],
                    found: Sequence[Estimate]) -> list[PairSummary]:
    """Each pair with the estimates of its series (in ``estimates``' order)."""
    by_pair: dict[tuple[str, str | None], list[Estimate]] = {}
    for e in found:
        by_pair.setdefault((e.actor, e.recipient), []).append(e)
    return [replace(p, estimates=tuple(by_pair.get((p.actor, p.recipient), ()))) for p in pairs]


def _range(h: Headline) -> tuple[float | None, float | None]:
    lo, hi = h.lowest, h.highest
    return (lo.low if lo else None, hi.high if hi else None)
