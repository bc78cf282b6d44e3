"""Alert rules: loaded from YAML, evaluated over facts, each alert stored once."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from resolve_factories import HUR, KREMLIN, NIS, claim, document, troop_report

from supplyline.resolve import SettingsError, resolve
from supplyline.resolve.alerts import KINDS, Rule, load_rules, raise_alerts
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
    troop_report(store, "a", "2024-11-01", 3000, NIS)
    resolve(store)
    first = raise_alerts(store)
    assert {a.kind for a in first} == {"new_deployment", "new_source_kind"}
    assert raise_alerts(store) == []  # nothing new

    troop_report(store, "b", "2024-11-03", 4000, HUR)  # +33 %: same fact, figure rise
    troop_report(store, "c", "2024-11-04", None, KREMLIN, status="denied")  # contradiction
    doc, cleaned = document("d", ["Head", "North Korea sent howitzers to Russia."],
                            published=date(2024, 11, 5))
    store.save(doc, cleaned, [claim(doc, "North Korea sent howitzers to Russia.",
                                    type="weapons", item="howitzers", source=HUR)])
    resolve(store)
    new = raise_alerts(store)
    by_kind = {a.kind: a for a in new}
    assert set(by_kind) == {"figure_rise", "new_contradiction", "first_item", "new_source_kind"}
    assert "rose 33% from 3,000" in by_kind["figure_rise"].message
    assert "howitzers reported for the first time" in by_kind["first_item"].message
    assert by_kind["new_source_kind"].message.endswith("(Kremlin)")
    assert all(a.facts and all(store.fact(f) for f in a.facts) for a in new)
    stored = store.alerts()
    assert len(stored) == len(first) + len(new)
    assert not any(a.delivered for a in stored)
    store.mark_delivered([stored[0].id])
    assert len(store.alerts(undelivered=True)) == len(stored) - 1
    assert all(a.reported and a.reported.isoformat() >= "2024-11-03"
               for a in store.alerts(since=date(2024, 11, 3)))
