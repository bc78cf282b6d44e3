"""Alert rules: loaded from YAML, evaluated over facts, each alert stored once."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from resolve_factories import HUR, KREMLIN, NIS, PENTAGON, claim, document, troop_report

from supplyline.resolve import SettingsError, resolve
from supplyline.resolve.alerts import (
    KINDS,
    Rule,
    current_alerts,
    load_rules,
    matches,
    raise_alerts,
)
from supplyline.store import BaseStore


def test_shipped_rules_cover_every_kind() -> None:
    assert {r.kind for r in load_rules()} == set(KINDS)


def test_a_user_file_replaces_the_rules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "rules.yaml"
    path.write_text("rules:\n  - {name: big rise, kind: figure_rise, percent: 50}\n")
    assert load_rules(path) == (Rule("big rise", "figure_rise", (), 50.0),)
    monkeypatch.setenv("SUPPLYLINE_ALERTS", str(path))
    assert load_rules()[0].name == "big rise"


@pytest.mark.parametrize("text, message", [
    ("rules: []", "expected a list"),
    ("rules:\n  - {kind: nonsense}", "needs a `kind`"),
    ("rules:\n  - {kind: first_item, types: [spaceships]}", "unknown type"),
    ("rules:\n  - {kind: figure_rise, percent: lots}", "must be a number"),
    ("rules: [", "cannot read"),
])
def test_bad_rules_are_one_clear_error(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "rules.yaml"
    path.write_text(text)
    with pytest.raises(SettingsError, match=message):
        load_rules(path)


def test_each_rule_fires_and_each_alert_is_stored_once(store: BaseStore) -> None:
    troop_report(store, "a", "2024-11-01", 3000, PENTAGON)
    resolve(store)
    first = raise_alerts(store)
    assert [a.kind for a in first] == ["new_deployment"]  # the first report is one alert
    assert "troops delivered 3,000, first reported by Pentagon" in first[0].message
    assert raise_alerts(store) == []  # nothing new

    troop_report(store, "b", "2024-11-20", 11000, NIS)  # the estimate moves +267 %
    troop_report(store, "c", "2024-11-21", None, KREMLIN, status="denied")  # contradiction
    doc, cleaned = document("d", ["Head", "North Korea sent howitzers to Russia."],
                            published=date(2024, 11, 22))
    store.save(doc, cleaned, [claim(doc, "North Korea sent howitzers to Russia.",
                                    type="weapons", item="howitzers", source=HUR)])
    resolve(store)
    new = raise_alerts(store)
    by_kind = {a.kind: a for a in new}
    assert set(by_kind) == {"figure_rise", "new_contradiction", "first_item", "new_source_kind"}
    assert "rose 267% from 3,000 to 11,000" in by_kind["figure_rise"].message
    assert "first report of artillery systems (delivered)" in by_kind["first_item"].message
    assert "of kind intelligence" in by_kind["new_source_kind"].message
    assert all(a.facts and all(store.fact(f) for f in a.facts) for a in new)
    stored = store.alerts()
    assert len(stored) == len(first) + len(new)
    assert not any(a.delivered for a in stored)
    store.mark_delivered([stored[0].id])
    assert len(store.alerts(undelivered=True)) == len(stored) - 1
    assert all(a.reported and a.reported.isoformat() >= "2024-11-20"
               for a in store.alerts(since=date(2024, 11, 20)))


def test_at_most_one_alert_per_fact_and_rule_and_only_real_moves(store: BaseStore) -> None:
    for n, (figure, source) in enumerate([(3000, PENTAGON), (3100, HUR), (3000, NIS),
                                          (3050, KREMLIN)]):
        troop_report(store, f"d{n}", f"2024-11-0{n + 1}", figure, source)
    resolve(store)
    alerts = raise_alerts(store)
    assert not [a for a in alerts if a.kind == "figure_rise"]  # moves under 20 %: none
    for rule in {a.rule for a in alerts}:
        facts = [f for a in alerts if a.rule == rule for f in a.facts]
        assert len(facts) == len(set(facts)), rule


def test_a_kind_of_source_is_new_for_its_series_not_its_pair(store: BaseStore) -> None:
    troop_report(store, "a", "2024-11-01", 3000, NIS)
    doc, cleaned = document("w", ["Head", "North Korea sent howitzers to Russia."],
                            published=date(2024, 11, 2))
    store.save(doc, cleaned, [claim(doc, "North Korea sent howitzers to Russia.",
                                    type="weapons", item="howitzers", source=PENTAGON)])
    troop_report(store, "b", "2024-11-03", 3000, PENTAGON)
    resolve(store)
    kinds = [a for a in raise_alerts(store) if a.kind == "new_source_kind"]
    assert len(kinds) == 1 and "troops delivered" in kinds[0].message


def test_alerts_filter_by_rule_and_pair(store: BaseStore) -> None:
    troop_report(store, "a", "2024-11-01", 3000, PENTAGON)
    doc, cleaned = document("i", ["Head", "Iran sent drones to Russia."],
                            published=date(2024, 11, 2))
    store.save(doc, cleaned, [claim(doc, "Iran sent drones to Russia.", actor="Iran",
                                    type="weapons", item="drones", source=HUR)])
    resolve(store)
    found = current_alerts(store)
    facts = {f.id: f for f in store.facts()}
    assert {a.kind for a in found} == {"new_deployment", "first_item"}
    iran = [a for a in found if matches(a, facts, pairs=[("iran", None)])]
    assert len(iran) == 1 and iran[0].kind == "first_item"
    assert [a.kind for a in found if matches(a, facts, rule="New Personnel Deployment")] == [
        "new_deployment"]
    assert not [a for a in found if matches(a, facts, rule="figure_rise",
                                            pairs=[("North Korea", "Russia")])]
