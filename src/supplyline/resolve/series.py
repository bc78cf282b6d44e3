"""Series and estimates: the answer to "how many, according to whom, since when?".

A **series** is one supplier -> recipient pair, one item class (``classes``: troops,
workers and specialists, Patriot systems, artillery shells, money...), one phase (delivered,
pledged, expected, denied) and one unit (a currency, "containers", or a count). Its facts
are the resolved facts of that class and phase; its points are their reports.

The **estimate** of a series as of a date reads only what had been reported by then:

- the *baseline* is the latest reported total: totals are taken in the order of the date
  they are about (a claim's own time, else its publication), and each replaces the one
  before unless it is lower. A later, lower total replaces it only when it comes from the
  same body or a stronger kind of source (``series.source_strength``): that is a revision,
  and the estimate says so; from a weaker source it only widens the range;
- the *value* is the baseline plus every increment ("3,000 more") about a time after it,
  each fact once however many outlets repeated it; a range counts as its middle;
- ``low``..``high`` is the range the independent sources give for that period (totals
  within ``series.same_period_days`` of the baseline, each body's latest), plus the
  increments' own ranges;
- phases never mix: a forecast or a pledge never raises a delivered estimate;
- a joint statement ("Germany, Belgium, Denmark and Norway pledged €1.4bn") is one figure
  for all its actors with no per-country share: each actor's row says it is joint, and
  ``total`` counts it once.

    from supplyline.resolve.series import estimates
    for e in estimates(store, actor="North Korea", recipient="Russia", as_of=date(2025, 7, 31)):
        print(e.item_class, e.phase, e.value, e.low, e.high, e.explanation)

``series_points`` and ``estimate`` are the pure functions underneath (no store), for the
report, the dashboard and tests.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import date
from typing import Any

from supplyline.model import CLAIM_TYPES, PHASE_ORDER, PHASES, Claim, Fact
from supplyline.resolve.classes import classify, current_vocabulary, matching_classes, words_of
from supplyline.resolve.facts import figures, independent_as, source_key
from supplyline.resolve.settings import ResolveSettings, resolve_settings
from supplyline.store import BaseStore, ClaimReport, FactFilter
from supplyline.vocab import Vocabulary


def phase_of(status: str) -> str:
    """delivered (done, ongoing), pledged (pledged, planned), expected (expected, possible)
    or denied."""
    return PHASES.get(status, status)


@dataclass(frozen=True, order=True)
class SeriesKey:
    """What makes a series: pair, series type, item class, phase and unit."""

    actor: str
    recipient: str | None
    type: str
    item_class: str
    phase: str
    unit: str | None

    @property
    def pair(self) -> str:
        return f"{self.actor} → {self.recipient}" if self.recipient else self.actor


@dataclass(frozen=True)
class Point:
    """One report in a series, as the estimate reads it."""

    claim: str
    fact: str
    doc: str
    outlet: str | None
    reported: date | None  # its publication date (else the claim's own time)
    reference: date | None  # the date its figure is about
    low: float | None
    high: float | None
    value: float | None  # as stated, else the middle of its range
    increment: bool  # "3,000 more", a new package: added to a total, never one itself
    source: str  # who says it, as shown
    body: str  # what makes it independent: the organisation, else the story
    strength: int  # the rank of its kind of source, 0 the strongest
    status: str = "done"
    item: str | None = None
    joint: tuple[str, ...] = ()  # the other actors of a joint statement
    joint_claims: tuple[str, ...] = ()
    sentence: tuple[str, int] | None = None  # (doc, start) of the sentence stating it
    nested: bool = False  # its sentence makes one figure part of another ("including")
    parts: tuple[Point, ...] = ()  # a sum of one sentence's totals of different items

    @property
    def has_figure(self) -> bool:
        return self.low is not None

    @property
    def facts(self) -> tuple[str, ...]:
        """Its fact, or each part's."""
        return tuple(dict.fromkeys(q.fact for q in self.parts)) if self.parts else (self.fact,)


@dataclass(frozen=True)
class Estimate:
    """The best estimate of one series as of a date, with what makes it (see the module)."""

    actor: str
    recipient: str | None
    type: str
    item_class: str
    phase: str
    value: float | None
    low: float | None
    high: float | None
    unit: str | None
    as_of: date | None  # the date of the latest report used
    independent_sources: int
    facts: tuple[str, ...]  # the series' facts, those counted first
    explanation: str
    baseline: str | None = None  # the claim the value starts from
    increments: tuple[str, ...] = ()  # the increment facts added to it
    revision: str | None = None  # what a stronger source revised, when it did
    joint: tuple[str, ...] = ()  # the other actors of a joint figure
    joint_group: str | None = None  # the same for every actor of one joint statement
    sources: tuple[str, ...] = ()  # the independent bodies behind the value and range
    claims: tuple[str, ...] = ()  # every report of the series, oldest first
    items: tuple[str, ...] = ()  # the item's wordings
    counted: tuple[str, ...] = field(default=(), repr=False)  # claims behind value and range

    @property
    def key(self) -> SeriesKey:
        return SeriesKey(self.actor, self.recipient, self.type, self.item_class, self.phase,
                         self.unit)

    @property
    def pair(self) -> str:
        return self.key.pair

    def to_dict(self) -> dict[str, Any]:
        """The shape of ``supplyline estimates --json``: the issue's keys, then the detail."""
        return {
            "actor": self.actor, "recipient": self.recipient, "type": self.type,
            "item_class": self.item_class, "phase": self.phase, "value": _num(self.value),
            "low": _num(self.low), "high": _num(self.high), "unit": self.unit,
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "independent_sources": self.independent_sources, "facts": list(self.facts),
            "explanation": self.explanation, "baseline": self.baseline,
            "increments": list(self.increments), "revision": self.revision,
            "joint": list(self.joint), "sources": list(self.sources),
            "claims": list(self.claims), "items": list(self.items),
        }


#: The keys of ``estimates --json`` the issue defines (the rest is detail).
ESTIMATE_KEYS = tuple(f.name for f in fields(Estimate))[:13]


# -- points ---------------------------------------------------------------------------------------


def reported_on(report: ClaimReport) -> date | None:
    """When a report was made: its document's date, else the claim's own time."""
    if report.published is not None:
        return report.published
    w = report.claim.when
    return (w.end or w.start) if w is not None else None


def _reference(claim: Claim, reported: date | None, increment: bool) -> date | None:
    """The date a figure is about: an increment's start, a total's end (its own time),
    else when it was reported. What is reported as done is about the report's date at the
    latest ("earlier this month" in a story of the 25th is not about the 31st)."""
    w = claim.when
    if w is None or not (w.start or w.end):
        return reported
    about = (w.start or w.end) if increment else (w.end or w.start)
    if reported is not None and about is not None and about > reported and \
            phase_of(claim.status) == "delivered":
        return reported
    return about


def _stated(claim: Claim) -> float | None:
    """The figure as stated, else (no value, or one outside its own bounds) the middle of
    its range."""
    span = figures(claim)
    if span is None:
        return None
    q = claim.quantity
    if q is not None and q.value is not None and span[0] <= q.value <= span[1]:
        return float(q.value)
    return (span[0] + span[1]) / 2


def _is_increment_item(claim: Claim, vocabulary: Vocabulary) -> bool:
    increments = vocabulary.item_classes.increment_items
    return claim.basis != "cumulative" and bool(increments) and \
        any(w in increments for w in words_of(claim.item or ""))


def series_points(facts: Iterable[Fact], reports: Mapping[str, ClaimReport], *,
                  as_of: date | None = None,
                  joint: Mapping[str, Sequence[tuple[str, str]]] | None = None,
                  settings: ResolveSettings | None = None,
                  vocabulary: Vocabulary | None = None) -> dict[SeriesKey, list[Point]]:
    """The points of each series of ``facts`` (their reports by claim id), as reported by
    ``as_of``. ``joint`` maps a claim id to the other claims of its statement and their
    actors (``BaseStore.shared_evidence``)."""
    s = settings or resolve_settings()
    v = vocabulary or current_vocabulary()
    kinds = {o.name: o.kind for o in v.organisations}
    out: dict[SeriesKey, list[Point]] = defaultdict(list)
    for f in facts:
        members = [reports[c] for c in f.reports if c in reports]
        visible = [r for r in members if _visible(r, as_of)]
        if not visible:
            continue
        cls = classify(members[0].claim, v)
        key = SeriesKey(f.actor, f.recipient, cls.type, f.item_class or cls.item_class,
                        phase_of(f.status), f.unit)
        increment = f.basis == "additional" or any(
            _is_increment_item(r.claim, v) for r in members)
        for r in visible:
            out[key].append(_point(r, f, increment, s, v, kinds, joint or {}))
    return _fold_figureless(out)


def _visible(r: ClaimReport, as_of: date | None) -> bool:
    if as_of is None:
        return True
    when = reported_on(r)
    return when is not None and when <= as_of


def _point(r: ClaimReport, f: Fact, increment: bool, s: ResolveSettings, v: Vocabulary,
           kinds: Mapping[str, str], joint: Mapping[str, Sequence[tuple[str, str]]]) -> Point:
    c = r.claim
    span = figures(c)
    reported = reported_on(r)
    body = independent_as(c.source, v)
    kind = kinds.get(body or "", c.source.kind)
    strength = s.source_strength.index(kind) if kind in s.source_strength \
        else len(s.source_strength)
    partners = [(claim, actor) for claim, actor in joint.get(c.id, ())]
    who = c.source.name or c.source.text or r.outlet or "unattributed"
    stated = c.evidence[0] if c.evidence else None
    nested = stated is not None and any(
        _contains_phrase(words_of(stated.text), w) for w in v.item_classes.part_of_words)
    return Point(
        claim=c.id, fact=f.id, doc=c.doc, outlet=r.outlet, reported=reported,
        reference=_reference(c, reported, increment),
        low=span[0] if span else None, high=span[1] if span else None, value=_stated(c),
        increment=increment, source=who, body="|".join(source_key(r, v)),
        strength=strength, status=c.status, item=c.item,
        joint=tuple(sorted({a for _, a in partners})),
        joint_claims=tuple(sorted(cl for cl, _ in partners)),
        sentence=(c.doc, stated.start) if stated is not None else None, nested=nested)


def _contains_phrase(words: Sequence[str], phrase: str) -> bool:
    want = phrase.split()
    return any(list(words[i:i + len(want)]) == want for i in range(len(words)))


def _fold_figureless(series: dict[SeriesKey, list[Point]]) -> dict[SeriesKey, list[Point]]:
    """A series without a unit and without a figure ("military aid", no sum) joins the
    series of its pair, class and phase that has a unit, when there is exactly one."""
    out = dict(series)
    for key, points in series.items():
        if key.unit is not None or any(p.has_figure for p in points):
            continue
        homes = [k for k in series if k.unit is not None and
                 (k.actor, k.recipient, k.type, k.item_class, k.phase) ==
                 (key.actor, key.recipient, key.type, key.item_class, key.phase)]
        if len(homes) == 1:
            out[homes[0]] = out[homes[0]] + points
            del out[key]
    return out


# -- the estimate ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Increment:
    fact: str
    value: float
    low: float
    high: float
    reference: date | None
    latest: Point
    points: tuple[Point, ...]


def _increments(points: Sequence[Point]) -> list[_Increment]:
    by_fact: dict[str, list[Point]] = defaultdict(list)
    for p in points:
        if p.increment and p.has_figure:
            by_fact[p.fact].append(p)
    out = []
    for fact, ps in by_fact.items():
        latest = max(ps, key=lambda p: (p.reported or date.min, p.claim))
        refs = [p.reference for p in ps if p.reference is not None]
        out.append(_Increment(fact, latest.value or 0.0, min(p.low or 0.0 for p in ps),
                              max(p.high or 0.0 for p in ps), min(refs) if refs else None,
                              latest, tuple(ps)))
    return sorted(out, key=lambda i: (i.reference or date.min, i.fact))


def _after(ref: date | None, baseline: date | None) -> bool:
    if baseline is None:
        return True
    return ref is not None and ref > baseline


def _summed_parts(totals: Sequence[Point]) -> list[Point]:
    """Totals stated in one sentence for different items ("1,000 deminers and 5,000
    military construction workers") as one total, their sum, in the place of the first;
    not when the sentence makes one part of another ("including"), when one item's words
    hold another's ("troops", "combat troops": one thing said twice), nor when two have
    the same figure."""
    by_sentence: dict[tuple[str, int], list[Point]] = defaultdict(list)
    for p in totals:
        if p.sentence is not None and not p.nested:
            by_sentence[p.sentence].append(p)
    summed: dict[str, Point] = {}
    for ps in by_sentence.values():
        if len(ps) < 2 or not _different_items(ps):
            continue
        first = ps[0]
        total = replace(first, low=sum(p.low or 0.0 for p in ps),
                        high=sum(p.high or 0.0 for p in ps),
                        value=sum(p.value or 0.0 for p in ps),
                        reference=max((p.reference for p in ps if p.reference),
                                      default=first.reference), parts=tuple(ps))
        summed.update({p.claim: total for p in ps})
    return [summed.get(p.claim, p) for p in totals
            if p.claim not in summed or summed[p.claim].parts[0] is p]


def _different_items(points: Sequence[Point]) -> bool:
    """Different items with different figures: one figure named twice ("$59bn of military
    assistance ... the package") is no sum."""
    words = [frozenset(words_of(p.item or "")) for p in points]
    figures = {(p.low, p.high) for p in points}
    return len(figures) == len(points) and all(w for w in words) and not any(
        a <= b for i, a in enumerate(words) for j, b in enumerate(words) if i != j)


def estimate(key: SeriesKey, points: Sequence[Point],
             settings: ResolveSettings | None = None) -> Estimate:
    """The estimate of one series from its points (see the module's docstring)."""
    s = settings or resolve_settings()
    tol = s.figure_tolerance
    pts = sorted(points, key=lambda p: (p.reported or date.min, p.claim))
    totals = sorted((p for p in pts if p.has_figure and not p.increment),
                    key=lambda p: (p.reference or date.min, p.value or 0.0,
                                   p.reported or date.min, p.claim))
    if any(p.reference for p in totals):  # a total of unknown date is never "the latest"
        totals = [p for p in totals if p.reference is not None]
    totals = _summed_parts(totals)
    increments = _increments(pts)
    current: Point | None = None
    dissents: list[Point] = []
    revised: Point | None = None
    for t in totals:
        if current is None:
            current = t
            continue
        assert t.high is not None and current.value is not None
        running = current.value + sum(i.value for i in increments if _after(
            i.reference, current.reference) and not _after(i.reference, t.reference))
        if t.high >= running * (1 - tol):
            current = t
        elif (t.reference or date.min) > (current.reference or date.min) and (
                t.body == current.body or t.strength < current.strength):
            revised, current = current, t
        else:
            dissents.append(t)
    added = [i for i in increments
             if _after(i.reference, current.reference if current else None)]
    unquantified = [p for p in pts if p.increment and not p.has_figure and
                    _after(p.reference, current.reference if current else None)]
    if current is None and not added:
        return _without_figure(key, pts)
    ranged = _same_period(current, totals, dissents, revised, s) if current else []
    value = (current.value or 0.0 if current else 0.0) + sum(i.value for i in added)
    low = (min(p.low or 0.0 for p in ranged) if ranged else 0.0) + sum(i.low for i in added)
    high = (max(p.high or 0.0 for p in ranged) if ranged else 0.0) + sum(i.high for i in added)
    used = [q for p in ranged for q in (p.parts or (p,))] + [p for i in added for p in i.points]
    if current is not None:
        used += [p for p in pts if p.fact in current.facts and p.has_figure]
    counted_facts = list(dict.fromkeys(
        ([*current.facts] if current else []) + [i.fact for i in added]))
    facts = tuple(dict.fromkeys([*counted_facts, *(p.fact for p in pts)]))
    bodies = {p.body: p.source for p in sorted(used, key=lambda p: (p.reported or date.min,
                                                                     p.claim))}
    joint_points = [p for p in ([current] if current else []) + [i.latest for i in added]
                    if p.joint]
    joint = tuple(sorted({a for p in joint_points for a in p.joint}))
    group = _joint_group(joint_points[0]) if joint_points else None
    revision = _revision_text(revised, current, key.unit) if revised and current else None
    explanation = _explain(key, value, current, added, ranged, revision, joint,
                           unquantified)
    return Estimate(
        key.actor, key.recipient, key.type, key.item_class, key.phase, value, low, high,
        key.unit, max((p.reported for p in used if p.reported), default=None), len(bodies),
        facts, explanation, current.claim if current else None,
        tuple(i.fact for i in added), revision, joint, group,
        tuple(sorted(set(bodies.values()))), tuple(p.claim for p in pts),
        tuple(dict.fromkeys(p.item for p in pts if p.item)),
        tuple(dict.fromkeys(p.claim for p in used)))


def _same_period(current: Point, totals: Sequence[Point], dissents: Sequence[Point],
                 revised: Point | None, s: ResolveSettings) -> list[Point]:
    """The baseline and, for each other body, its latest total about the same period that
    is not an older, lower figure the baseline has since overtaken."""
    assert current.value is not None
    window = s.same_period_days
    latest: dict[str, Point] = {}
    for t in totals:
        if t is revised or t.body == current.body or t.high is None:
            continue
        if current.reference and t.reference and \
                abs((t.reference - current.reference).days) > window:
            continue
        older = (t.reference or date.min) < (current.reference or date.min)
        if older and t not in dissents and t.high < current.value * (1 - s.figure_tolerance):
            continue  # overtaken since, not a disagreement
        seen = latest.get(t.body)
        if seen is None or (t.reference or date.min, t.reported or date.min) >= (
                seen.reference or date.min, seen.reported or date.min):
            latest[t.body] = t
    return [current, *latest.values()]


def _joint_group(p: Point) -> str:
    members = sorted({p.claim, *p.joint_claims})
    return "j" + hashlib.sha1("|".join(members).encode()).hexdigest()[:11]


def _without_figure(key: SeriesKey, pts: Sequence[Point]) -> Estimate:
    bodies = {p.body: p.source for p in pts}
    latest = max((p.reported for p in pts if p.reported), default=None)
    joint = tuple(sorted({a for p in pts for a in p.joint}))
    n = len(pts)
    explanation = (f"No figure reported: {n} report{'s' if n != 1 else ''} from "
                   f"{len(bodies)} independent source{'s' if len(bodies) != 1 else ''}"
                   f"{', latest on ' + latest.isoformat() if latest else ''}.")
    return Estimate(key.actor, key.recipient, key.type, key.item_class, key.phase, None, None,
                    None, key.unit, latest, len(bodies),
                    tuple(dict.fromkeys(p.fact for p in pts)), explanation, joint=joint,
                    sources=tuple(sorted(set(bodies.values()))),
                    claims=tuple(p.claim for p in pts),
                    items=tuple(dict.fromkeys(p.item for p in pts if p.item)),
                    counted=tuple(p.claim for p in pts))


def _num(x: float | None) -> float | int | None:
    if x is None:
        return None
    return int(x) if float(x).is_integer() else x


def figure(x: float | None, unit: str | None = None) -> str:
    """``12,000``; ``1,400,000,000 EUR``."""
    if x is None:
        return ""
    shown = f"{x:,.0f}" if float(x).is_integer() or abs(x) >= 100 else f"{x:,.1f}"
    return f"{shown} {unit}" if unit else shown


def _when(p: Point) -> str:
    return p.reported.isoformat() if p.reported else "an unknown date"


def _about(p: Point) -> str:
    if p.reference and p.reported and p.reference != p.reported:
        return f" about {p.reference.isoformat()}"
    return ""


def _revision_text(old: Point, new: Point, unit: str | None) -> str:
    way = "down" if (new.value or 0) < (old.value or 0) else "up"
    return (f"revised {way} from {figure(old.value, unit)} ({old.source}, {_when(old)}) to "
            f"{figure(new.value, unit)} by {new.source} ({_when(new)})")


def _explain(key: SeriesKey, value: float, current: Point | None,
             added: Sequence[_Increment], ranged: Sequence[Point], revision: str | None,
             joint: Sequence[str], unquantified: Sequence[Point]) -> str:
    parts = []
    if current is not None:
        start = f"{figure(current.value, key.unit)}, " if added else ""
        whole = "the total" if not current.parts else "the sum of " + _and(
            [f"{figure(q.value, key.unit)} {q.item or key.item_class}" for q in current.parts]
        ) + ", as"
        parts.append(f"{start}{whole} {current.source} reported on {_when(current)}"
                     f"{_about(current)}")
    for i in added:
        p = i.latest
        parts.append(f"{'plus ' if parts else ''}{figure(i.value, key.unit)} more reported by "
                     f"{p.source} on {_when(p)}{_about(p)}")
    text = f"{figure(value, key.unit)}: " + ", ".join(parts)
    others = [p for p in ranged if current is not None and p is not current]
    if others:
        lo = min(p.low or 0.0 for p in others)
        hi = max(p.high or 0.0 for p in others)
        said = figure(lo, key.unit) if lo == hi else f"{figure(lo)}–{figure(hi, key.unit)}"
        names = ", ".join(sorted({p.source for p in others}))
        text += f"; for the same period {names} gave {said}"
    if revision:
        text += f"; {revision}"
    if unquantified:
        p = unquantified[-1]
        text += f"; more reported since without a figure ({p.source}, {_when(p)})"
    if joint:
        text += (f"; a joint figure with {_and(joint)}: one {key.phase} total for all, "
                 "no per-country share")
    return text + "."


def _and(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


# -- over a store ---------------------------------------------------------------------------------


def estimates(store: BaseStore, *, as_of: date | None = None, actor: str | None = None,
              recipient: str | None = None, type: str | None = None,
              item: str | None = None, phase: str | None = None,
              settings: ResolveSettings | None = None,
              vocabulary: Vocabulary | None = None) -> list[Estimate]:
    """One estimate per series of the stored facts, as reported by ``as_of``; filtered by
    actor and recipient (any case), series type, item (words naming a class: "soldiers"
    is troops) and phase. Ordered by pair, type, phase, then the busiest series first."""
    v = vocabulary or current_vocabulary()
    facts = store.facts(FactFilter(actor=actor, recipient=recipient))
    reports = {r.id: r for r in store.reports([c for f in facts for c in f.reports])}
    return build_estimates(facts, reports, as_of=as_of, type=type, item=item, phase=phase,
                           joint=joint_partners(store, reports), settings=settings,
                           vocabulary=v)


def joint_partners(store: BaseStore,
                   reports: Mapping[str, ClaimReport]) -> dict[str, list[tuple[str, str]]]:
    """For each report with a figure, the other claims of its joint statement and their
    actors (``joint_statement``), read from the store."""
    shared = store.shared_evidence([c for c, r in reports.items()
                                    if r.claim.quantity is not None])
    partners = {r.id: r.claim for r in store.reports(
        {o for others in shared.values() for o, _ in others})}
    return {c: [(o, a) for o, a in others
                if o in partners and joint_statement(reports[c].claim, partners[o])]
            for c, others in shared.items()}


def joint_statement(a: Claim, b: Claim) -> bool:
    """Whether two claims of one document are one statement with several actors: same
    type, recipient, phase and figure, and an evidence span in common."""
    qa, qb = a.quantity, b.quantity
    if a.doc != b.doc or a.actor == b.actor or a.type != b.type or \
            a.recipient != b.recipient or phase_of(a.status) != phase_of(b.status):
        return False
    if qa is None or qb is None or figures(a) is None or \
            (qa.value, qa.lower, qa.upper, qa.unit) != (qb.value, qb.lower, qb.upper, qb.unit):
        return False
    return bool({(e.start, e.end) for e in a.evidence} & {(e.start, e.end) for e in b.evidence})


def build_estimates(facts: Sequence[Fact], reports: Mapping[str, ClaimReport], *,
                    as_of: date | None = None, type: str | None = None,
                    item: str | None = None, phase: str | None = None,
                    joint: Mapping[str, Sequence[tuple[str, str]]] | None = None,
                    settings: ResolveSettings | None = None,
                    vocabulary: Vocabulary | None = None) -> list[Estimate]:
    """``estimates`` without a store: facts, their reports by claim id, joint partners."""
    v = vocabulary or current_vocabulary()
    wanted = matching_classes(item, None, v) if item else None
    series = series_points(facts, reports, as_of=as_of, joint=joint, settings=settings,
                           vocabulary=v)
    out = [estimate(k, ps, settings) for k, ps in series.items()
           if (type is None or k.type == type) and (phase is None or k.phase == phase)
           and (wanted is None or k.item_class in wanted)]
    return sorted(out, key=_order)


def _order(e: Estimate) -> tuple[Any, ...]:
    return (e.actor, e.recipient or "", CLAIM_TYPES.index(e.type) if e.type in CLAIM_TYPES
            else len(CLAIM_TYPES), PHASE_ORDER.index(e.phase) if e.phase in PHASE_ORDER
            else len(PHASE_ORDER), -len(e.claims), e.item_class, e.unit or "")


def total(rows: Iterable[Estimate]) -> float:
    """The sum of estimates' values, each joint statement counted once (its figure is for
    all its actors together)."""
    seen: dict[str, float] = {}
    out = 0.0
    for e in rows:
        if e.value is None:
            continue
        if e.joint_group is None:
            out += e.value
        else:
            seen[e.joint_group] = max(seen.get(e.joint_group, 0.0), e.value)
    return out + sum(seen.values())
