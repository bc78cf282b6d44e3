"""Facts: claims from different documents that state the same thing, resolved into one."""

from __future__ import annotations

from datetime import date

from resolve_factories import HUR, KREMLIN, NIS, PENTAGON, claim, document, troop_report, when

from supplyline.model import Source
from supplyline.resolve import resolve
from supplyline.resolve.classes import item_class
from supplyline.resolve.facts import compatible_figures, overlaps, resolve_reports
from supplyline.store import BaseStore, ClaimReport, FactFilter


def test_item_class_is_a_vocabulary_class_else_the_head_noun() -> None:
    assert item_class("240mm multiple rocket launchers", "weapons") == "rocket launchers"
    assert item_class("artillery shells", "munitions") == item_class("shells", "munitions") \
        == "artillery shells"
    assert item_class("ground radars", "weapons") == "radars"
    assert item_class("field kitchens", "weapons") == "kitchen"
    assert item_class(None, "weapons") == "weapons"


def test_overlaps_and_figures() -> None:
    d = date.fromisoformat
    assert overlaps((d("2024-10-01"), d("2024-10-31")), (d("2024-10-31"), None))
    assert not overlaps((d("2024-10-01"), d("2024-10-31")), (d("2024-11-01"), d("2024-11-30")))
    assert overlaps((None, None), (d("2024-11-01"), d("2024-11-30")))
    assert compatible_figures((10000, 10000), (12000, 12000), 0.5)
    assert not compatible_figures((3000, 3000), (11000, 11000), 0.5)
    assert compatible_figures(None, (3000, 3000), 0.5)


def test_same_thing_from_two_outlets_is_one_fact(store: BaseStore) -> None:
    a = troop_report(store, "a", "2024-11-01", 10000, NIS, outlet="Seoul Times")
    b = troop_report(store, "b", "2024-11-03", 11000, HUR, outlet="Kyiv Post")
    c = troop_report(store, "c", "2024-11-04", 11000, HUR, outlet="Another Paper")
    summary = resolve(store)
    assert summary.claims_resolved == 3
    [fact] = store.facts()
    assert fact.reports == (a.id, b.id, c.id)
    assert fact.independent_sources == 2  # NIS, and HUR cited by two outlets
    assert (fact.low, fact.high) == (10000, 11000)
    assert (fact.first_reported, fact.last_reported) == (date(2024, 11, 1), date(2024, 11, 4))
    assert fact.to_dict().keys() == {
        "id", "type", "actor", "recipient", "item", "status", "reports",
        "independent_sources", "first_reported", "last_reported", "low", "high"}


def test_what_differs_stays_apart(store: BaseStore) -> None:
    troop_report(store, "total", "2024-11-01", 11000)
    troop_report(store, "far", "2024-11-02", 3000)  # incompatible figure
    troop_report(store, "later", "2025-03-01", 11000,
                 period=when("in February", "2025-02-01", "2025-02-28"))  # another period
    troop_report(store, "more", "2024-11-03", 11000, basis="additional")  # an increment
    troop_report(store, "denied", "2024-11-03", None, KREMLIN, status="denied")
    troop_report(store, "pledged", "2024-11-03", 11000, status="pledged")
    doc, cleaned = document("pair", ["Head", "Iran sent troops to Russia."],
                            published=date(2024, 11, 3))
    store.save(doc, cleaned, [claim(doc, "Iran sent troops to Russia.", actor="Iran")])
    resolve(store)
    assert len(store.facts()) == 7
    assert len(store.facts(FactFilter(actor="iran"))) == 1


def test_every_claim_belongs_to_exactly_one_fact_and_rerunning_changes_nothing(
        store: BaseStore) -> None:
    for n in range(12):
        troop_report(store, f"d{n}", f"2024-11-{n + 1:02d}", [10000, 3000, 11000][n % 3],
                     [HUR, NIS, PENTAGON][n % 3])
    resolve(store)
    facts = store.facts()
    members = [c for f in facts for c in f.reports]
    assert sorted(members) == sorted(c.id for c in store.claims())
    assert len(members) == len(set(members))
    again = resolve(store)
    assert (again.claims_resolved, again.facts_changed) == (0, 0)
    assert store.facts() == facts


def test_incremental_resolution_equals_a_rebuild(store: BaseStore) -> None:
    for n in range(9):
        troop_report(store, f"d{n}", f"2024-11-{n + 1:02d}", [10000, 3000, 12000][n % 3],
                     [HUR, NIS, PENTAGON][n % 3])
        resolve(store)  # one document at a time
    incremental = store.facts()
    summary = resolve(store, rebuild=True)
    assert summary.claims_resolved == 0
    assert store.facts() == incremental
    reports = store.reports()
    fresh = resolve_reports([ClaimReport(r.claim, r.published, r.outlet, r.story)
                             for r in reports])
    assert sorted(fresh, key=lambda f: f.id) == sorted(incremental, key=lambda f: f.id)


def test_a_new_document_joins_an_existing_fact(store: BaseStore) -> None:
    troop_report(store, "a", "2024-11-01", 10000, NIS)
    resolve(store)
    [before] = store.facts()
    c = troop_report(store, "b", "2024-11-05", 10500, PENTAGON)
    assert resolve(store).facts_changed == 1
    [after] = store.facts()
    assert after.id == before.id and after.reports == (*before.reports, c.id)
    assert after.independent_sources == 2


def test_a_changed_document_updates_its_facts(store: BaseStore) -> None:
    troop_report(store, "a", "2024-11-01", 10000, NIS)
    troop_report(store, "b", "2024-11-02", 10000, HUR)
    resolve(store)
    store.delete("b")
    summary = resolve(store)
    [fact] = store.facts()
    assert len(fact.reports) == 1 and fact.independent_sources == 1
    assert summary.facts_removed == 0
    store.delete("a")
    assert resolve(store).facts_removed == 1
    assert store.facts() == []


def test_unattributed_reports_count_by_story(store: BaseStore) -> None:
    nobody = Source(kind="unattributed")
    troop_report(store, "a", "2024-11-01", 10000, nobody)
    troop_report(store, "b", "2024-11-02", 10000, nobody)
    resolve(store)
    [fact] = store.facts()
    assert fact.independent_sources == 2  # two different stories
    assert store.fact(fact.id) == fact
    assert store.fact_of_claim(fact.reports[0]) == fact
