"""Contradictions and revisions between reports."""

from __future__ import annotations

from datetime import date

from resolve_factories import HUR, KREMLIN, NIS, PENTAGON, troop_report, when

from supplyline.model import Quantity
from supplyline.resolve import resolve
from supplyline.resolve.conflicts import bounds, list_conflicts
from supplyline.store import BaseStore, FactFilter


def test_bounds_of_figures() -> None:
    from resolve_factories import claim, document

    doc, _ = document("x", ["Head", "North Korea sent troops."], published=date(2025, 1, 1))

    def of(q: Quantity | None) -> tuple[float, float] | None:
        return bounds(claim(doc, "North Korea sent troops.", quantity=q))

    assert of(Quantity(11000, 11000, None, "more than")) == (11000, float("inf"))
    assert of(Quantity(12000, None, 12000, "up to")) == (0, 12000)
    assert of(Quantity(None, 1000, 3000)) == (1000, 3000)
    assert of(Quantity(None, None, None, "thousands")) is None
    assert of(None) is None


def test_different_figures_at_the_same_time_are_a_contradiction(store: BaseStore) -> None:
    a = troop_report(store, "a", "2024-11-01", 10000, NIS, outlet="Seoul Times")
    b = troop_report(store, "b", "2024-11-03", 12000, HUR, outlet="Kyiv Post")
    resolve(store)
    [c] = list_conflicts(store)
    assert (c.kind, c.relation) == ("figures", "contradiction")
    assert (c.earlier.claim, c.later.claim) == (a.id, b.id)
    assert c.earlier.outlet == "Seoul Times" and "South Korea National" in c.earlier.source
    assert (c.earlier.published, c.later.published) == ("2024-11-01", "2024-11-03")
    assert "10,000" in c.summary and "12,000" in c.summary


def test_a_later_figure_is_a_revision(store: BaseStore) -> None:
    troop_report(store, "a", "2024-11-01", 10000, NIS)
    troop_report(store, "b", "2024-12-15", 12000, NIS)
    troop_report(store, "c", "2024-12-16", 12000, HUR)  # agrees with b: nothing new
    resolve(store)
    [c] = list_conflicts(store)
    assert c.relation == "revision"
    assert list_conflicts(store, relation="contradiction") == []


def test_agreeing_figures_are_no_conflict(store: BaseStore) -> None:
    troop_report(store, "a", "2024-11-01", 10000, NIS)
    troop_report(store, "b", "2024-11-02", 10200, HUR)  # within 5 %
    resolve(store)
    assert list_conflicts(store) == []


def test_delivered_vs_denied(store: BaseStore) -> None:
    troop_report(store, "a", "2024-11-01", 10000, NIS)
    d = troop_report(store, "b", "2024-11-02", None, KREMLIN, status="denied")
    resolve(store)
    [c] = list_conflicts(store)
    assert (c.kind, c.relation) == ("status", "contradiction")
    assert c.later.claim == d.id and c.later.status == "denied"
    assert len(c.facts) == 2


def test_a_pledge_reported_as_a_delivery(store: BaseStore) -> None:
    troop_report(store, "a", "2024-11-01", 10000, PENTAGON, status="pledged")
    troop_report(store, "b", "2024-11-02", 10000, HUR)
    resolve(store)
    [c] = list_conflicts(store)
    assert (c.earlier.status, c.later.status) == ("pledged", "done")


def test_a_pledge_kept_later_is_no_contradiction(store: BaseStore) -> None:
    period = when("in November", "2024-11-01", "2024-12-31")
    troop_report(store, "a", "2024-11-01", 10000, PENTAGON, status="pledged", period=period)
    troop_report(store, "b", "2024-12-20", 10000, HUR, period=period)
    resolve(store)
    assert list_conflicts(store) == []
    assert list_conflicts(store, FactFilter(actor="Iran")) == []
