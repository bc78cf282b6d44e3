"""Alerts: rules from a YAML file a user edits, evaluated over the facts in the store.

Every alert has an id derived from its rule and what it noticed (a fact, a pair and item
class, two reports), so evaluating the rules again finds the same alerts and the store keeps
each once; ``raise_alerts`` returns only those not stored before. Shipped rules:
``vocab/alerts.yaml``; a user's file via ``--rules`` or ``SUPPLYLINE_ALERTS``.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from supplyline.model import CLAIM_TYPES, Alert, Fact
from supplyline.resolve.conflicts import Conflict, find_conflicts
from supplyline.resolve.facts import figures
from supplyline.resolve.settings import VOCAB_DIR, SettingsError, read_yaml, where
from supplyline.store import BaseStore, ClaimReport

ALERTS_ENV = "SUPPLYLINE_ALERTS"
KINDS = ("new_deployment", "figure_rise", "first_item", "new_source_kind", "new_contradiction")


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


def _pair(f: Fact) -> str:
    return f"{f.actor} → {f.recipient}" if f.recipient else f.actor


def _figure(low: float | None, high: float | None) -> str:
    if low is None:
        return ""
    return f" ({low:,.0f})" if low == high else f" ({low:,.0f}–{high:,.0f})"


def new_deployments(rule: Rule, facts: Sequence[Fact]) -> list[Alert]:
    types = set(rule.types or ("personnel",))
    return [_alert(rule, f.id, f"{_pair(f)}: new {f.type} reported: {f.item or f.type}"
                   f"{_figure(f.low, f.high)}, {f.status}", [f.id], f.first_reported)
            for f in facts if f.type in types and f.status_family != "denied"]


def first_items(rule: Rule, facts: Sequence[Fact]) -> list[Alert]:
    types = set(rule.types or ("weapons", "munitions"))
    first: dict[tuple[object, ...], Fact] = {}
    for f in facts:
        if f.type not in types or f.status_family == "denied" or not f.item_class:
            continue
        key = (f.actor, f.recipient, f.item_class)
        old = first.get(key)
        if old is None or (f.first_reported or date.max, f.id) < (
                old.first_reported or date.max, old.id):
            first[key] = f
    return [_alert(rule, "|".join(str(k) for k in key),
                   f"{_pair(f)}: {f.item} reported for the first time ({f.status})",
                   [f.id], f.first_reported) for key, f in first.items()]


def figure_rises(rule: Rule, facts: Sequence[Fact],
                 reports: Mapping[str, ClaimReport]) -> list[Alert]:
    """A total that happened rising more than ``percent`` over the last figure before it."""
    series: dict[tuple[object, ...], list[tuple[ClaimReport, Fact]]] = {}
    for f in facts:
        if f.status_family != "happened" or f.basis == "additional":
            continue
        for c in f.reports:
            r = reports.get(c)
            if r is not None and figures(r.claim) is not None:
                series.setdefault((f.actor, f.recipient, f.type, f.item_class, f.unit),
                                  []).append((r, f))
    out = []
    for items in series.values():
        items.sort(key=lambda x: (x[0].published or date.min, x[0].id))
        for (prev, pf), (cur, cf) in zip(items, items[1:], strict=False):
            before, after = figures(prev.claim), figures(cur.claim)
            assert before is not None and after is not None
            if before[1] > 0 and after[0] > before[1] * (1 + rule.percent / 100):
                rise = (after[0] / before[1] - 1) * 100
                out.append(_alert(
                    rule, f"{prev.id}|{cur.id}",
                    f"{_pair(cf)}: {cf.item or cf.type} rose {rise:.0f}% from "
                    f"{before[1]:,.0f} ({prev.published or 'undated'}) to {after[0]:,.0f} "
                    f"({cur.published or 'undated'})", sorted({pf.id, cf.id}), cur.published))
    return out


def new_source_kinds(rule: Rule, facts: Sequence[Fact],
                     reports: Mapping[str, ClaimReport]) -> list[Alert]:
    first: dict[tuple[object, ...], tuple[ClaimReport, Fact]] = {}
    for f in facts:
        for c in f.reports:
            r = reports.get(c)
            if r is None or r.claim.source.kind == "unattributed":
                continue
            key: tuple[object, ...] = (f.actor, f.recipient, r.claim.source.kind)
            old = first.get(key)
            if old is None or (r.published or date.max, r.id) < (
                    old[0].published or date.max, old[0].id):
                first[key] = (r, f)
    out = []
    for key, (r, f) in first.items():
        s = r.claim.source
        out.append(_alert(rule, "|".join(str(k) for k in key),
                          f"{_pair(f)}: first report from a source of kind {s.kind} "
                          f"({s.name or s.text})", [f.id], r.published))
    return out


def new_contradictions(rule: Rule, conflicts: Sequence[Conflict]) -> list[Alert]:
    return [_alert(rule, c.id, f"contradiction: {c.summary}", c.facts,
                   date.fromisoformat(c.later.published) if c.later.published else None)
            for c in conflicts if c.relation == "contradiction"]


def evaluate(rules: Sequence[Rule], facts: Sequence[Fact],
             reports: Mapping[str, ClaimReport]) -> list[Alert]:
    """Every alert the rules raise over ``facts`` (pure: same input, same alerts)."""
    conflicts = find_conflicts(facts, reports) \
        if any(r.kind == "new_contradiction" for r in rules) else []
    out: list[Alert] = []
    for rule in rules:
        if rule.kind == "new_deployment":
            out += new_deployments(rule, facts)
        elif rule.kind == "first_item":
            out += first_items(rule, facts)
        elif rule.kind == "figure_rise":
            out += figure_rises(rule, facts, reports)
        elif rule.kind == "new_source_kind":
            out += new_source_kinds(rule, facts, reports)
        else:
            out += new_contradictions(rule, conflicts)
    return sorted(out, key=lambda a: (a.reported or date.min, a.id))


def raise_alerts(store: BaseStore, rules: Sequence[Rule] | None = None) -> list[Alert]:
    """Evaluate the rules over the stored facts; store and return the alerts that are new."""
    facts = store.facts()
    reports = {r.id: r for r in store.reports()}
    return store.add_alerts(evaluate(rules or load_rules(), facts, reports))
