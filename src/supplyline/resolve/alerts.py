"""Alerts: rules from a YAML file a user edits, evaluated over the series of the stored facts.

The alerts read as a changelog of the picture (``series``): a new deployment, a new item for
a pair, an estimate that moved by more than a rule's threshold, a kind of source new for a
series, a contradiction. At most one alert per fact and rule (the earliest). Every alert has
an id derived from its rule and what it noticed (a series, the report that moved it), so
evaluating the rules again finds the same alerts and the store keeps each once;
``raise_alerts`` returns only those not stored before. Shipped rules: ``vocab/alerts.yaml``;
a user's file via ``--rules`` or ``SUPPLYLINE_ALERTS``.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from supplyline.model import CLAIM_TYPES, Alert, Fact
from supplyline.resolve.conflicts import Conflict, find_conflicts
from supplyline.resolve.series import Point, SeriesKey, estimate, figure, series_points
from supplyline.resolve.settings import VOCAB_DIR, SettingsError, read_yaml, where
from supplyline.store import BaseStore, ClaimReport

ALERTS_ENV = "SUPPLYLINE_ALERTS"
KINDS = ("new_deployment", "figure_rise", "first_item", "new_source_kind", "new_contradiction")
#: The phases in which something new is news (a forecast or a denial is not a deployment).
NEWS_PHASES = ("delivered", "pledged")


@dataclass(frozen=True)
class Rule:
    name: str
    kind: str
    types: tuple[str, ...] = ()
    percent: float = 20.0


def load_rules(path: str | Path | None = None) -> tuple[Rule, ...]:
    """The rules in ``path``, else in ``$SUPPLYLINE_ALERTS``, else the shipped ones."""
    file = Path(path or os.environ.get(ALERTS_ENV) or VOCAB_DIR / "alerts.yaml")
    rules = read_yaml(file).get("rules")
    if not isinstance(rules, list) or not rules:
        raise SettingsError(f"{where(file, 'rules')}: expected a list of `rules`")
    out = []
    for n, r in enumerate(rules, 1):
        at = where(file, "rules", n - 1)
        if not isinstance(r, dict) or r.get("kind") not in KINDS:
            raise SettingsError(f"{at}: rule {n} needs a `kind`, one of {', '.join(KINDS)}")
        types = tuple(r.get("types") or ())
        bad = [t for t in types if t not in CLAIM_TYPES]
        if bad:
            raise SettingsError(f"{at}: rule {n}: unknown type {bad[0]!r}")
        try:
            percent = float(r.get("percent", 20))
        except (TypeError, ValueError):
            raise SettingsError(f"{at}: rule {n}: `percent` must be a number") from None
        out.append(Rule(str(r.get("name") or r["kind"]), r["kind"], types, percent))
    return tuple(out)


def _alert(rule: Rule, key: str, message: str, facts: Sequence[str],
           reported: date | None) -> Alert:
    digest = hashlib.sha1(f"{rule.kind}|{rule.name}|{key}".encode()).hexdigest()[:12]
    return Alert("a" + digest, rule.name, rule.kind, message, tuple(facts), reported)


def _key(k: SeriesKey) -> str:
    return "|".join(str(x) for x in (k.actor, k.recipient, k.type, k.item_class, k.phase,
                                     k.unit))


def _first(points: Sequence[Point]) -> Point:
    return min(points, key=lambda p: (p.reported or date.max, p.claim))


def _dated(points: Iterable[Point]) -> list[Point]:
    return sorted(points, key=lambda p: (p.reported or date.max, p.claim))


def _figure_of(p: Point, unit: str | None) -> str:
    if p.low is None:
        return ""
    shown = figure(p.low, unit) if p.low == p.high else \
        f"{figure(p.low)}–{figure(p.high, unit)}"
    return f" {shown}"


def new_deployments(rule: Rule, series: Mapping[SeriesKey, list[Point]]) -> list[Alert]:
    """A series of personnel (``types``) delivered or pledged: its first report."""
    types = set(rule.types or ("personnel",))
    out = []
    for k, points in series.items():
        if k.type in types and k.phase in NEWS_PHASES:
            p = _first(points)
            out.append(_alert(rule, _key(k), f"{k.pair}: {k.item_class} {k.phase}"
                              f"{_figure_of(p, k.unit)}, first reported by {p.source}",
                              [p.fact], p.reported))
    return out


def first_items(rule: Rule, series: Mapping[SeriesKey, list[Point]]) -> list[Alert]:
    """Item classes (of ``types``) delivered or pledged for a pair for the first time: one
    alert per report that first names them ("United States → Ukraine: first reports of
    Stinger missiles, HIMARS (pledged, Pentagon)"). A class that names no item (a claim of
    "weapons" only) is not news of this kind."""
    types = set(rule.types or ("weapons", "munitions"))
    first: dict[tuple[object, ...], tuple[SeriesKey, Point]] = {}
    for k, points in series.items():
        if k.type not in types or k.phase not in NEWS_PHASES or k.item_class == k.type:
            continue
        p = _first(points)
        key = (k.actor, k.recipient, k.type, k.item_class)
        old = first.get(key)
        if old is None or (p.reported or date.max, p.claim) < (
                old[1].reported or date.max, old[1].claim):
            first[key] = (k, p)
    by_report: dict[tuple[str, str | None, str, date | None],
                    list[tuple[SeriesKey, Point]]] = {}
    for k, p in first.values():
        by_report.setdefault((k.actor, k.recipient, p.doc, p.reported), []).append((k, p))
    out = []
    for (actor, recipient, doc, reported), found in by_report.items():
        found.sort(key=lambda kp: (kp[0].phase, kp[0].item_class))
        k, p = found[0]
        what = ", ".join(f"{x.item_class} ({x.phase}{',' + _figure_of(q, x.unit)})"
                         if q.low is not None else f"{x.item_class} ({x.phase})"
                         for x, q in found)
        out.append(_alert(rule, f"{actor}|{recipient}|{doc}",
                          f"{k.pair}: first report{'s' if len(found) > 1 else ''} of {what}, "
                          f"by {p.source}", sorted({q.fact for _, q in found}), reported))
    return out


def figure_rises(rule: Rule, series: Mapping[SeriesKey, list[Point]]) -> list[Alert]:
    """A series' estimate moving by more than ``percent`` when a report arrives (up, or down
    when a stronger source revises it)."""
    out = []
    for k, points in series.items():
        before: float | None = None
        ordered = _dated(p for p in points if p.reported is not None)
        for n, p in enumerate(ordered):
            if n + 1 < len(ordered) and ordered[n + 1].reported == p.reported:
                continue  # one estimate a day
            now = estimate(k, ordered[:n + 1]).value
            if now is None:
                continue
            if before and abs(now - before) > before * rule.percent / 100:
                way = "rose" if now > before else "fell"
                change = abs(now / before - 1) * 100
                out.append(_alert(
                    rule, f"{_key(k)}|{p.claim}",
                    f"{k.pair}: {k.item_class} {k.phase} {way} {change:.0f}% from "
                    f"{figure(before, k.unit)} to {figure(now, k.unit)} ({p.source})",
                    [p.fact], p.reported))
            before = now
    return out


def new_source_kinds(rule: Rule, series: Mapping[SeriesKey, list[Point]],
                     kinds: Mapping[str, str]) -> list[Alert]:
    """A kind of source (intelligence, military, ...) reporting on a delivered transfer for
    the first time, after other kinds had (the series' own first report is not news of
    this kind)."""
    out = []
    for k, points in series.items():
        if k.phase != "delivered" or k.recipient is None:
            continue
        seen: set[str] = set()
        for p in _dated(points):
            kind = kinds.get(p.claim, "unattributed")
            if kind == "unattributed" or kind in seen:
                continue
            if seen:
                out.append(_alert(rule, f"{_key(k)}|{kind}",
                                  f"{k.pair}: {k.item_class} {k.phase}: first report from a "
                                  f"source of kind {kind} ({p.source})", [p.fact], p.reported))
            seen.add(kind)
    return out


def new_contradictions(rule: Rule, conflicts: Sequence[Conflict]) -> list[Alert]:
    return [_alert(rule, c.id, f"contradiction: {c.summary}", c.facts,
                   date.fromisoformat(c.later.published) if c.later.published else None)
            for c in conflicts if c.relation == "contradiction"]


def evaluate(rules: Sequence[Rule], facts: Sequence[Fact],
             reports: Mapping[str, ClaimReport]) -> list[Alert]:
    """Every alert the rules raise over ``facts`` (pure: same input, same alerts), at most
    one per fact and rule: the earliest."""
    series = series_points(facts, reports)
    kinds = {c: r.claim.source.kind for c, r in reports.items()}
    conflicts = find_conflicts(facts, reports) \
        if any(r.kind == "new_contradiction" for r in rules) else []
    out: list[Alert] = []
    for rule in rules:
        if rule.kind == "new_deployment":
            raised = new_deployments(rule, series)
        elif rule.kind == "first_item":
            raised = first_items(rule, series)
        elif rule.kind == "figure_rise":
            raised = figure_rises(rule, series)
        elif rule.kind == "new_source_kind":
            raised = new_source_kinds(rule, series, kinds)
        else:
            raised = new_contradictions(rule, conflicts)
        out += _once_per_fact(raised)
    return sorted(out, key=lambda a: (a.reported or date.min, a.id))


def _once_per_fact(alerts: Sequence[Alert]) -> list[Alert]:
    """The earliest alert of a rule for each fact; an alert about facts already alerted on
    is left out."""
    seen: set[str] = set()
    out = []
    for a in sorted(alerts, key=lambda a: (a.reported or date.max, a.id)):
        if a.facts and all(f in seen for f in a.facts):
            continue
        seen.update(a.facts)
        out.append(a)
    return out


def matches(alert: Alert, facts: Mapping[str, Fact], *, rule: str | None = None,
            pairs: Sequence[tuple[str, str | None]] = ()) -> bool:
    """Whether an alert is of ``rule`` (its name or kind, any case) and about one of
    ``pairs`` ((actor, recipient or None), any case): the ``--rule`` and ``--pair`` filters."""
    if rule and rule.casefold() not in (alert.rule.casefold(), alert.kind.casefold()):
        return False
    if not pairs:
        return True
    for f in (facts.get(i) for i in alert.facts):
        if f is None:
            continue
        for actor, recipient in pairs:
            if f.actor.casefold() == actor.casefold() and (
                    recipient is None or (f.recipient or "").casefold() == recipient.casefold()):
                return True
    return False


def raise_alerts(store: BaseStore, rules: Sequence[Rule] | None = None) -> list[Alert]:
    """Evaluate the rules over the stored facts; store and return the alerts that are new."""
    return current_alerts(store, rules, new_only=True)


def current_alerts(store: BaseStore, rules: Sequence[Rule] | None = None, *,
                   since: date | None = None, new_only: bool = False) -> list[Alert]:
    """Every alert the rules raise over the stored facts now, as stored (when it was first
    raised, whether it was delivered), those not stored before stored first. Alerts stored
    under other rules or facts since changed are history, not listed."""
    facts = store.facts()
    reports = {r.id: r for r in store.reports()}
    raised = evaluate(rules or load_rules(), facts, reports)
    new = store.add_alerts(raised)
    if new_only:
        return new
    ids = {a.id for a in raised}
    return [a for a in store.alerts(since=since) if a.id in ids]
