"""Headline figures and timelines per pair, built from the stored facts and claims.

A *headline* is one resolved fact of a pair (actor → recipient): the range of the figures its
reports give, the latest figure, how many independent sources stand behind it. In a store
that holds no facts (never resolved), claims of one item class (claim type), unit and phase
stand in for a fact. Phases (deliveries, pledges, forecasts, denials) are never mixed. A
*timeline* is a pair's reported figures over time for one item class, each point a claim.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from supplyline.model import Claim, Fact
from supplyline.report.format import pair, slug, source_name
from supplyline.report.presentation import Phase, Presentation, load_presentation
from supplyline.store import BaseStore, ClaimReport, DocumentRef, StoredDocument

if TYPE_CHECKING:
    from supplyline.resolve.series import Estimate


@dataclass(frozen=True)
class DocInfo:
    """What a figure needs of its document: where and when it was published."""

    id: str
    title: str | None
    outlet: str | None
    published: date | None
    url: str | None

    @classmethod
    def of(cls, doc: StoredDocument | DocumentRef) -> DocInfo:
        return cls(doc.id, doc.title, doc.outlet, doc.published, doc.url)


@dataclass(frozen=True)
class Report:
    """One claim as a report of a figure: the claim, its document, its phase, and the story
    and fact it belongs to (None until resolved)."""

    claim: Claim
    doc: DocInfo
    phase: Phase
    story: str | None = None
    fact: str | None = None

    @property
    def id(self) -> str:
        return self.claim.id

    @property
    def reported(self) -> date | None:
        """When the figure was reported: the document's date, else the claim's own time."""
        w = self.claim.when
        return self.doc.published or (w.start if w else None)

    @property
    def low(self) -> float | None:
        q = self.claim.quantity
        if q is None:
            return None
        return next((x for x in (q.value, q.lower, q.upper) if x is not None), None)

    @property
    def high(self) -> float | None:
        q = self.claim.quantity
        if q is None:
            return None
        return next((x for x in (q.value, q.upper, q.lower) if x is not None), None)

    @property
    def has_figure(self) -> bool:
        return self.low is not None

    @property
    def source(self) -> str:
        """The source's name; an unattributed report is the outlet's."""
        s = self.claim.source
        if s.name or s.text:
            return source_name(s)
        return self.doc.outlet or "unattributed"

    @property
    def independence(self) -> tuple[str, str]:
        """What makes a source independent, as resolution counts it (``source_key``)."""
        from supplyline.resolve.facts import source_key  # loads the resolve stage (MinHash)

        return source_key(ClaimReport(self.claim, self.doc.published, self.doc.outlet,
                                      self.story, self.fact))


@dataclass(frozen=True)
class Headline:
    """The figures of one fact (or, unresolved, of one pair, item class, unit and phase)."""

    actor: str
    recipient: str | None
    type: str
    unit: str | None
    phase: Phase
    reports: tuple[Report, ...]  # oldest first
    fact: Fact | None = None

    @property
    def figures(self) -> tuple[Report, ...]:
        return tuple(r for r in self.reports if r.has_figure)

    @property
    def lowest(self) -> Report | None:
        return min(self.figures, key=lambda r: (r.low, r.id), default=None)

    @property
    def highest(self) -> Report | None:
        return max(self.figures, key=lambda r: (r.high, r.id), default=None)

    @property
    def latest(self) -> Report | None:
        """The most recently reported figure (the report itself when none has a figure)."""
        pool = self.figures or self.reports
        return max(pool, key=lambda r: (r.reported or date.min, r.id), default=None)

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(sorted({r.source for r in self.reports}))

    @property
    def independent_sources(self) -> int:
        """Distinct named sources, a report without one counting as its story."""
        return len({r.independence for r in self.reports})

    @property
    def items(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(r.claim.item for r in self.reports if r.claim.item))

    @property
    def key(self) -> tuple[str | None, ...]:
        if self.fact is not None:
            return (self.fact.id,)
        return (self.actor, self.recipient, self.type, self.unit, self.phase.name)


@dataclass(frozen=True)
class Timeline:
    """One pair's reported figures over time for one claim type and unit, and within them
    for item classes of one order of magnitude (``classes``): troops in thousands are not
    drawn beside engineers in hundreds, nor shells in millions beside missiles in tens."""

    type: str
    unit: str | None
    reports: tuple[Report, ...]
    classes: tuple[str, ...] = ()  # set when the type's figures needed several charts

    @property
    def label(self) -> str:
        """What the chart shows: ``shell, rocket`` (its classes, the first four), else the
        type."""
        if not self.classes:
            return self.type
        more = len(self.classes) - 4
        return ", ".join(self.classes[:4]) + (f" and {more} more" if more > 0 else "")


@dataclass(frozen=True)
class PairSummary:
    """A pair (an actor alone for activities) with its headlines and timelines."""

    actor: str
    recipient: str | None
    headlines: tuple[Headline, ...]
    timelines: tuple[Timeline, ...]
    reports: tuple[Report, ...]
    #: One estimate per series of the pair (``supplyline.resolve.series``): the headline
    #: table's rows, the busiest series of a type and phase first.
    estimates: tuple[Estimate, ...] = ()

    @property
    def label(self) -> str:
        return pair(self.actor, self.recipient)

    @property
    def slug(self) -> str:
        return slug(self.label)

    @property
    def is_transfer(self) -> bool:
        return self.recipient is not None

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(sorted({r.source for r in self.reports}))


class DocumentCache:
    """Documents read once per report or request: metadata of all at once (no text), whole
    documents one by one when their evidence is shown."""

    def __init__(self, store: BaseStore) -> None:
        self.store = store
        self._docs: dict[str, StoredDocument | None] = {}
        self._refs: dict[str, DocumentRef] | None = None

    def get(self, doc_id: str) -> StoredDocument | None:
        if doc_id not in self._docs:
            self._docs[doc_id] = self.store.document(doc_id)
        return self._docs[doc_id]

    def info(self, doc_id: str) -> DocInfo:
        if self._refs is None:
            self._refs = self.store.document_refs()
        ref = self._refs.get(doc_id)
        return DocInfo.of(ref) if ref else DocInfo(doc_id, None, None, None, None)


def as_reports(claims: Iterable[Claim], docs: DocumentCache,
               presentation: Presentation | None = None) -> list[Report]:
    """Claims as reports, with the story and fact each belongs to when resolved."""
    p = presentation or load_presentation()
    claims = list(claims)
    resolved = {r.id: r for r in docs.store.reports([c.id for c in claims])}
    out = []
    for c in claims:
        r = resolved.get(c.id)
        out.append(Report(c, docs.info(c.doc), p.phase_of(c.status),
                          r.story if r else None, r.fact if r else None))
    return out


def summarize(reports: Sequence[Report], presentation: Presentation | None = None,
              facts: Sequence[Fact] = ()) -> list[PairSummary]:
    """Pairs with their headlines and timelines: transfers first, busiest pair first.
    With ``facts``, each fact with a report among ``reports`` is a headline (its reports
    those of ``reports``); without, claims are grouped by item class, unit and phase."""
    p = presentation or load_presentation()
    by_pair: dict[tuple[str, str | None], list[Report]] = defaultdict(list)
    for r in sorted(reports, key=lambda r: (r.reported or date.max, r.id)):
        by_pair[(r.claim.actor, r.claim.recipient)].append(r)
    fact_by_id = {f.id: f for f in facts}
    out = []
    for (actor, recipient), found in by_pair.items():
        if fact_by_id:
            headlines = _fact_headlines(actor, recipient, found, fact_by_id, p)
        else:
            headlines = _claim_headlines(actor, recipient, found, p)
        out.append(PairSummary(actor, recipient, headlines, _timelines(found, p, fact_by_id),
                               tuple(found)))
    out.sort(key=lambda s: (not s.is_transfer, -len(s.reports), s.label))
    return out


def _claim_headlines(actor: str, recipient: str | None, found: list[Report],
                     p: Presentation) -> tuple[Headline, ...]:
    groups: dict[tuple[str, str | None, str], list[Report]] = defaultdict(list)
    for r in found:
        q = r.claim.quantity
        groups[(r.claim.type, q.unit if q else None, r.phase.name)].append(r)
    phase_order = [ph.name for ph in p.phases]
    return tuple(
        Headline(actor, recipient, t, unit, p.phase_of(rs[0].claim.status), tuple(rs))
        for (t, unit, _), rs in sorted(
            groups.items(), key=lambda kv: (p.type_order(kv[0][0]), kv[0][1] or "",
                                            phase_order.index(kv[0][2]))))


def _fact_headlines(actor: str, recipient: str | None, found: list[Report],
                    facts: dict[str, Fact], p: Presentation) -> tuple[Headline, ...]:
    members: dict[str, list[Report]] = defaultdict(list)
    loose = []
    for r in found:
        if r.fact in facts:
            members[r.fact].append(r)
        else:
            loose.append(r)
    phase_order = [ph.name for ph in p.phases]
    headlines = [
        Headline(actor, recipient, facts[f].type, facts[f].unit, p.phase_of(facts[f].status),
                 tuple(rs), facts[f])
        for f, rs in members.items()
    ]
    headlines += _claim_headlines(actor, recipient, loose, p)  # claims not resolved yet
    return tuple(sorted(headlines, key=lambda h: (
        p.type_order(h.type), phase_order.index(h.phase.name), h.lowest is None,
        -h.independent_sources, (h.fact.item_class or "") if h.fact else "",
        tuple(str(k) for k in h.key))))


#: Item classes whose typical figures differ by more than this factor get charts of their own.
MAGNITUDE_BAND = 30.0
#: A chart of one report says nothing the headline table does not: it takes two.
MIN_CHART_REPORTS = 2


def _timelines(reports: list[Report], p: Presentation,
               facts: dict[str, Fact] | None = None) -> tuple[Timeline, ...]:
    """Charts per claim type and unit, split into item classes of one order of magnitude
    (``MAGNITUDE_BAND``), smallest figures first; a chart needs ``MIN_CHART_REPORTS``."""
    series: dict[tuple[str, str | None], list[Report]] = defaultdict(list)
    for r in reports:
        if r.has_figure and r.reported is not None:
            series[(r.claim.type, r.claim.quantity.unit if r.claim.quantity else None)].append(r)
    out: list[Timeline] = []
    for (t, unit), rs in sorted(series.items(),
                                key=lambda kv: (p.type_order(kv[0][0]), kv[0][1] or "")):
        bands = _bands(rs, facts or {})
        out += [Timeline(t, unit, tuple(band), classes if len(bands) > 1 else ())
                for classes, band in bands if len(band) >= MIN_CHART_REPORTS]
    return tuple(out)


def item_class(r: Report, facts: dict[str, Fact]) -> str:
    """The report's item class: its fact's, else its own item, else its type."""
    fact = facts.get(r.fact or "")
    return (fact.item_class if fact and fact.item_class else None) or r.claim.item or r.claim.type


def _bands(reports: list[Report],
           facts: dict[str, Fact]) -> list[tuple[tuple[str, ...], list[Report]]]:
    by_class: dict[str, list[Report]] = defaultdict(list)
    for r in reports:
        by_class[item_class(r, facts)].append(r)

    def typical(rs: list[Report]) -> float:
        highs = sorted(r.high or 0.0 for r in rs)
        return max(highs[len(highs) // 2], 1e-9)

    bands: list[tuple[list[str], list[Report], float]] = []
    for name, rs in sorted(by_class.items(), key=lambda kv: (typical(kv[1]), kv[0])):
        if bands and typical(rs) <= bands[-1][2] * MAGNITUDE_BAND:
            bands[-1][0].append(name)
            bands[-1][1].extend(rs)
        else:
            bands.append(([name], list(rs), typical(rs)))
    return [(tuple(names), sorted(rs, key=lambda r: (r.reported or date.max, r.id)))
            for names, rs, _ in bands]


def parse_pair(text: str) -> tuple[str, str | None]:
    """``"North Korea->Russia"`` (or ``→``) as (actor, recipient); an actor alone is
    (actor, None), every pair of that actor."""
    for arrow in ("->", "→"):
        if arrow in text:
            actor, _, recipient = text.partition(arrow)
            if not actor.strip() or not recipient.strip():
                raise ValueError(f"{text!r} is not a pair like 'North Korea->Russia'")
            return actor.strip(), recipient.strip()
    if not text.strip():
        raise ValueError("an empty pair")
    return text.strip(), None


def pair_matches(claim: Claim, pairs: Sequence[tuple[str, str | None]]) -> bool:
    """Whether the claim belongs to one of ``pairs`` (names compared ignoring case)."""
    if not pairs:
        return True
    actor = claim.actor.casefold()
    recipient = (claim.recipient or "").casefold()
    return any(actor == a.casefold() and (r is None or recipient == r.casefold())
               for a, r in pairs)

