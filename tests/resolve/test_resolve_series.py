"""Series and estimates: one row per pair, item class and phase, as of a date."""

from __future__ import annotations

from datetime import date

from resolve_factories import HUR, NIS, PENTAGON, claim, document, qty, troop_report, when

from supplyline.model import Quantity, Source, When
from supplyline.resolve import resolve
from supplyline.resolve.series import ESTIMATE_KEYS, Estimate, estimates, total
from supplyline.store import BaseStore

OCTOBER = when("in October", "2024-10-01", "2024-10-31")
AUSTIN = Source("US Defense Secretary Lloyd Austin", "Lloyd Austin", "official",
                "United States")
MEDIA = Source("a newspaper", None, "media", "United Kingdom")


def _troops(store: BaseStore, as_of: date | None = None, phase: str = "delivered") -> Estimate:
    found = estimates(store, actor="North Korea", recipient="Russia", item="troops",
                      phase=phase, as_of=as_of)
    assert len(found) == 1, found
    return found[0]


def _report(store: BaseStore, doc_id: str, published: str, sentence: str,
            **fields: object) -> None:
    doc, cleaned = document(doc_id, [f"Report {doc_id}", sentence],
                            published=date.fromisoformat(published))
    store.save(doc, cleaned, [claim(doc, sentence, **fields)])


def _undated_period(store: BaseStore, doc_id: str, published: str, figure: float,
                    source: Source) -> None:
    """A report of a total without a time of its own: it stands at its publication date."""
    _report(store, doc_id, published, f"North Korea has {figure:,.0f} troops in Russia.",
            quantity=qty(figure), source=source)


def test_one_delivered_troops_row_whatever_the_wording(store: BaseStore) -> None:
    for n, (item, figure) in enumerate([("troops", 11000), ("soldiers", 11500),
                                        ("servicemen", 12000), ("fighters", 11000)]):
        _report(store, f"d{n}", f"2024-11-{n + 1:02d}", f"North Korea sent {figure} {item}.",
                item=item, quantity=qty(figure), source=[HUR, NIS, PENTAGON, MEDIA][n],
                when=OCTOBER)
    _report(store, "eng", "2024-11-05", "North Korea sent 1,000 engineers.",
            item="engineers", quantity=qty(1000), source=NIS)
    resolve(store)
    rows = estimates(store, actor="North Korea", recipient="Russia", type="personnel")
    assert sorted((e.item_class, e.phase) for e in rows) == [
        ("troops", "delivered"), ("workers and specialists", "delivered")]
    troops = _troops(store)
    assert (troops.value, troops.low, troops.high) == (12000, 11000, 12000)
    assert troops.independent_sources == 4
    assert set(troops.to_dict()) >= set(ESTIMATE_KEYS)


def test_latest_total_plus_the_increments_after_it(store: BaseStore) -> None:
    troop_report(store, "a", "2024-11-01", 11000, NIS, period=OCTOBER)
    troop_report(store, "b", "2025-03-01", 3000, HUR, basis="additional",
                 period=when("in January and February", "2025-01-01", "2025-02-28"))
    troop_report(store, "c", "2025-03-09", 3000, MEDIA, basis="additional",
                 period=when("in January and February", "2025-01-01", "2025-02-28"))
    resolve(store)
    est = _troops(store, date(2025, 3, 31))
    assert est.value == 14000 and len(est.increments) == 1  # repeated, counted once
    assert "11,000, the total" in est.explanation and "plus 3,000 more" in est.explanation
    troop_report(store, "d", "2025-07-01", 14000, HUR,
                 period=when("so far", "2025-07-01", "2025-07-01"))
    resolve(store)
    assert _troops(store, date(2025, 7, 31)).value == 14000  # a new total, nothing added
    assert _troops(store, date(2024, 12, 31)).value == 11000
    assert estimates(store, as_of=date(2024, 10, 1)) == []


def test_a_forecast_or_a_pledge_never_raises_what_was_delivered(store: BaseStore) -> None:
    troop_report(store, "a", "2024-10-20", 1500, NIS, period=OCTOBER)
    troop_report(store, "b", "2024-10-19", 12000, HUR, status="expected", period=None)
    troop_report(store, "c", "2024-10-19", 10000, HUR, status="planned", period=None)
    resolve(store)
    assert _troops(store, date(2024, 10, 20)).value == 1500
    assert _troops(store, date(2024, 10, 20), "expected").value == 12000
    assert _troops(store, date(2024, 10, 20), "pledged").value == 10000


def test_undated_documents_count_only_without_a_date_to_stand_at(store: BaseStore) -> None:
    sentence = "Seoul says 12,000 North Korean troops are in Russia."
    doc, cleaned = document("undated", ["Head", sentence], published=None)
    store.save(doc, cleaned, [claim(doc, sentence, quantity=qty(12000), source=NIS)])
    troop_report(store, "a", "2024-10-25", 3000, PENTAGON, period=OCTOBER)
    resolve(store)
    assert _troops(store, date(2024, 10, 31)).value == 3000
    assert _troops(store).value == 3000  # undated: not "the latest"
    assert _troops(store).low == 3000


def test_what_was_done_is_about_its_report_date_at_the_latest(store: BaseStore) -> None:
    # "earlier this month" in a story of 25 October is not about 31 October: the same
    # body's lower figure three days later is the later one, a revision
    troop_report(store, "a", "2024-10-25", 3000, PENTAGON,
                 period=when("earlier this month", "2024-10-01", "2024-10-31"))
    troop_report(store, "b", "2024-10-28", 2500, PENTAGON, period=When("now", None, None))
    resolve(store)
    est = _troops(store, date(2024, 10, 31))
    assert est.value == 2500 and est.revision and "about" not in est.explanation


def test_a_later_lower_total_from_a_stronger_source_is_a_revision(store: BaseStore) -> None:
    _undated_period(store, "a", "2025-01-10", 15000, MEDIA)
    _undated_period(store, "b", "2025-01-20", 11000, NIS)
    resolve(store)
    est = _troops(store)
    assert est.value == 11000 and est.revision is not None
    assert "revised down from 15,000" in est.explanation


def test_a_later_lower_total_from_a_weaker_source_widens_the_range(store: BaseStore) -> None:
    _undated_period(store, "a", "2025-01-10", 15000, NIS)
    _undated_period(store, "b", "2025-01-20", 11000, MEDIA)
    resolve(store)
    est = _troops(store)
    assert (est.value, est.low, est.high) == (15000, 11000, 15000)
    assert est.revision is None and "a newspaper gave 11,000" in est.explanation


def test_older_lower_totals_are_overtaken_not_a_range(store: BaseStore) -> None:
    troop_report(store, "a", "2024-10-25", 3000, PENTAGON, period=OCTOBER)
    _undated_period(store, "b", "2024-11-13", 11000, NIS)
    resolve(store)
    est = _troops(store)
    assert (est.value, est.low, est.high) == (11000, 11000, 11000)


def test_an_organisation_counts_once_however_many_officials_speak(store: BaseStore) -> None:
    troop_report(store, "a", "2024-10-24", 3000, PENTAGON, period=OCTOBER)
    troop_report(store, "b", "2024-10-25", 3000, AUSTIN, period=OCTOBER)
    resolve(store)
    [fact] = store.facts()
    assert fact.independent_sources == 1
    assert _troops(store).independent_sources == 1


def test_a_fact_merges_only_one_system_family(store: BaseStore) -> None:
    for n, item in enumerate(["Patriot systems", "IRIS-T systems", "Patriot batteries"]):
        _report(store, f"w{n}", f"2024-10-{n + 10}", f"Germany sent two {item} to Ukraine.",
                type="weapons", actor="Germany", recipient="Ukraine", item=item,
                quantity=qty(2), source=[HUR, NIS, PENTAGON][n])
    resolve(store)
    by_class = {f.item_class: f for f in store.facts()}
    assert set(by_class) == {"Patriot systems", "IRIS-T systems"}
    assert len(by_class["Patriot systems"].reports) == 2
    assert by_class["IRIS-T systems"].independent_sources == 1


def test_a_joint_pledge_is_one_figure_counted_once(store: BaseStore) -> None:
    sentence = ("Germany, Belgium, Denmark and Norway have pledged €1.4 billion in military "
                "aid to Ukraine, Chancellor Olaf Scholz said on Friday.")
    doc, cleaned = document("joint", ["Head", sentence], published=date(2024, 10, 12))
    scholz = Source("Chancellor Olaf Scholz", "Olaf Scholz", "official", "Germany")
    store.save(doc, cleaned, [
        claim(doc, sentence, type="funding", actor=actor, recipient="Ukraine",
              item="military aid", quantity=Quantity(1.4e9, unit="EUR"), status="pledged",
              source=scholz)
        for actor in ("Germany", "Belgium", "Denmark", "Norway")])
    other = "France has pledged €1 billion in military aid to Ukraine."
    _report(store, "fr", "2024-10-13", other, type="funding", actor="France",
            recipient="Ukraine", item="military aid", quantity=Quantity(1e9, unit="EUR"),
            status="pledged", source=MEDIA)
    resolve(store)
    rows = estimates(store, recipient="Ukraine", type="funding")
    joint = [e for e in rows if e.joint]
    assert sorted(e.actor for e in joint) == ["Belgium", "Denmark", "Germany", "Norway"]
    germany = next(e for e in joint if e.actor == "Germany")
    assert germany.joint == ("Belgium", "Denmark", "Norway")
    assert "joint figure with Belgium, Denmark and Norway" in germany.explanation
    assert len({e.joint_group for e in joint}) == 1
    assert total(rows) == 2.4e9  # not 6.6bn


def _one_sentence(store: BaseStore, doc_id: str, sentence: str,
                  parts: list[tuple[str, float]], status: str = "pledged") -> None:
    doc, cleaned = document(doc_id, ["Head", sentence], published=date(2025, 6, 18))
    shoigu = Source("Sergei Shoigu", "Sergei Shoigu", "official", "Russia")
    store.save(doc, cleaned, [claim(doc, sentence, item=item, quantity=qty(figure),
                                    status=status, source=shoigu) for item, figure in parts])


def _workers(store: BaseStore) -> Estimate:
    [e] = estimates(store, actor="North Korea", item="workers", phase="pledged")
    return e


def test_one_sentences_totals_of_different_items_add_up(store: BaseStore) -> None:
    _one_sentence(store, "a", "Kim Jong Un agreed to send 1,000 deminers and 5,000 military "
                  "construction workers to Russia, Shoigu said.",
                  [("deminers", 1000), ("military construction workers", 5000)])
    resolve(store)
    e = _workers(store)
    assert (e.value, e.low, e.high) == (6000, 6000, 6000) and len(e.facts) == 2
    assert "the sum of 1,000 deminers and 5,000 military construction workers" \
        in e.explanation


def test_a_part_of_a_total_is_not_added_to_it(store: BaseStore) -> None:
    _one_sentence(store, "a", "North Korea will send 6,000 workers to Russia, including "
                  "1,000 deminers, Shoigu said.", [("workers", 6000), ("deminers", 1000)])
    resolve(store)
    assert _workers(store).value == 6000


def test_one_figure_named_twice_is_not_a_sum(store: BaseStore) -> None:
    _one_sentence(store, "a", "North Korea pledged 5,000 builders to Russia, a construction "
                  "force, Shoigu said.", [("builders", 5000), ("construction force", 5000)])
    resolve(store)
    assert _workers(store).value == 5000


def test_units_and_currencies_are_never_added(store: BaseStore) -> None:
    containers = "North Korea has shipped 13,000 containers of munitions to Russia."
    shells = "North Korea has shipped 3 million artillery shells to Russia."
    _report(store, "a", "2024-11-13", containers, type="munitions", item="munitions",
            quantity=qty(13000), source=NIS)
    _report(store, "b", "2024-11-14", shells, type="munitions", item="artillery shells",
            quantity=qty(3e6), source=HUR)
    resolve(store)
    rows = estimates(store, actor="North Korea", item="shells")
    assert sorted((e.unit or "", e.value) for e in rows) == [("", 3e6), ("containers", 13000)]
