"""The quantity pass (``passes/quantity.py``) and the item phrase it reads: figures
written with a hyphen, sums "worth of" an item. Texts written for these tests."""

from __future__ import annotations

import pytest

from supplyline import extract

P = "2025-07-03"


def test_a_hyphenated_thousand_is_the_figure_not_part_of_the_item() -> None:
    c = next(c for c in extract("Belarus moved 4-thousand soldiers to Russia in May.",
                                published=P) if c.type == "personnel")
    assert c.item == "soldiers"
    assert c.quantity is not None and c.quantity.value == 4000


def test_a_range_of_hyphenated_thousands_is_a_range() -> None:
    c = next(c for c in extract("Pyongyang may send 20-thousand to 25-thousand workers "
                                "to Russia.", published=P) if c.type == "personnel")
    assert c.quantity is not None
    assert (c.quantity.lower, c.quantity.upper) == (20000, 25000)


def test_a_model_designator_keeps_its_number() -> None:
    items = {c.item for c in extract("Iran received Su-35 fighters from Russia.",
                                     published=P)}
    assert "su-35 fighters" in items


def test_a_sum_worth_of_an_item_is_its_figure() -> None:
    c = next(c for c in extract("Canada will give Ukraine about $30 million worth of "
                                "armoured vehicles.", published=P) if c.type == "weapons")
    assert c.quantity is not None
    assert (c.quantity.value, c.quantity.unit) == (30_000_000, "USD")


def test_the_over_of_a_phrasal_verb_is_no_lower_bound() -> None:
    [claim] = extract("Norway handed over six F-16 jets to Ukraine.", published=P)
    assert claim.quantity is not None
    assert (claim.quantity.value, claim.quantity.lower, claim.quantity.approx) == (6, None, None)


def test_one_vague_figure_over_two_joined_items_is_one_claim() -> None:
    claims = [c for c in extract("Iran has sent millions of rockets and shells to Russia.",
                                 published=P) if c.type == "munitions"]
    assert [c.item for c in claims] == ["rockets and shells"]


def test_one_figure_over_two_modifiers_of_one_noun_is_one_claim() -> None:
    claims = [c for c in extract("Minsk will send 2,000 Belarusian engineering and military "
                                 "logistics personnel to Russia.", published=P)
              if c.type == "personnel"]
    assert [(c.item, c.quantity.value if c.quantity else None) for c in claims] == [
        ("engineering and military logistics personnel", 2000)]


@pytest.mark.parametrize(("text", "value"), [
    ("Britain gave Ukraine 14 Challenger 2 tanks in January.", 14),
    ("Japan will sell 20 Type 90 tanks to the Philippines.", 20),
    ("Greece sent 40 Leopard 1 tanks to Ukraine.", 40),
])
def test_a_figure_before_a_name_with_a_model_number_counts_the_item(text: str,
                                                                    value: float) -> None:
    [claim] = extract(text, published=P)
    assert claim.quantity is not None and claim.quantity.value == value
    assert claim.item == "tanks"


def test_a_dozen_is_the_figure_not_part_of_the_item() -> None:
    [claim] = extract("Turkey sold a dozen armed drones to Nigeria.", published=P)
    assert claim.item == "armed drones"
    assert claim.quantity is not None and claim.quantity.value == 12


def test_fighters_are_jets_in_a_text_about_stealth_aircraft() -> None:
    [claim] = extract("China delivered 20 stealth fighters to Pakistan.", published=P)
    assert (claim.type, claim.item) == ("weapons", "stealth fighters")


@pytest.mark.parametrize(("text", "item", "value"), [
    ("Poland gave Ukraine 300 tanks last year.", "tanks", 300),
    ("Japan agreed to transfer six used destroyers to the Philippines.", "destroyers", 6),
    ("Belarus deployed a 1,500-strong contingent to Russia.", "contingent", 1500),
    ("Russia sent 2m rounds of ammunition to Syria.", "ammunition", 2_000_000),
    ("Britain will send a pair of Chinook helicopters to Estonia.", "chinook helicopters", 2),
])
def test_the_figure_of_an_item_across_a_recipient_a_condition_or_a_size(
        text: str, item: str, value: float) -> None:
    """A recipient before the figure, a word of the item's condition or a force's size
    between them, and a scale glued to the digits do not hide the figure."""
    [claim] = extract(text, published=P)
    assert claim.item == item
    assert claim.quantity is not None and claim.quantity.value == value


@pytest.mark.parametrize(("text", "item", "value"), [
    ("Russia sent a force of 3,000 soldiers to Mali.", "soldiers", 3000),
    ("A contingent of 1,500 Belarusian troops was deployed to Russia.", "troops", 1500),
    ("Moscow sent a unit of 200 engineers to Bamako.", "engineers", 200),
])
def test_people_counted_after_their_group_are_what_is_sent(text: str, item: str,
                                                          value: float) -> None:
    """"a force of 3,000 soldiers": the soldiers, counted right after the group's "of", are
    the item and their figure the claim's (the group alone would have none)."""
    [claim] = extract(text, published=P)
    assert claim.item == item
    assert claim.quantity is not None and claim.quantity.value == value


def test_a_group_without_a_count_stays_the_item() -> None:
    [claim] = extract("Minsk sent a contingent of Belarusian troops to Russia.", published=P)
    assert claim.item == "contingent"


@pytest.mark.parametrize(("text", "item", "value"), [
    ("Poland sent 10,000 155-mm shells to Ukraine.", "155-mm shells", 10_000),
    ("The US delivered 1,800 2,000-pound bombs to Israel.", "2,000-pound bombs", 1800),
    ("Washington sent 500-pound bombs to Israel.", "500-pound bombs", None),
    ("Italy sent a second SAMP/T battery to Ukraine.", "samp/t battery", None),
])
def test_a_calibre_a_weight_class_or_a_slashed_name_stays_in_the_item(
        text: str, item: str, value: float | None) -> None:
    """"155-mm", "2,000-pound" and "SAMP/T" are written on the item: no count, and no cut."""
    [claim] = extract(text, published=P)
    assert claim.item == item
    assert (claim.quantity.value if claim.quantity else None) == value


@pytest.mark.parametrize("text, item, value", [
    ("Brazil signed a $300 million contract with Israel for 36 howitzers.", "contract", 3e8),
    ("Egypt signed a contract with France for 30 Rafale jets, worth about 4 billion euros.",
     "contract", 4e9),
    ("The US has approved $11.1 billion in arms sales to Taiwan.", "arms sales", 1.11e10),
    ("The Pentagon has approved the possible sale to Manila of 20 F-16 jets at an estimated "
     "value of 5.6 billion U.S. dollars.", "possible sale", 5.6e9),
])
def test_a_deal_s_figure_is_its_value_and_its_items_keep_their_counts(
        text: str, item: str, value: float) -> None:
    claims = {c.item: c.quantity for c in extract(text, published="2025-03-01")}
    deal = claims[item]
    assert deal is not None and deal.value == value and deal.unit in ("USD", "EUR")
    assert all(q is None or q.unit is None for i, q in claims.items() if i != item)


def test_the_arms_used_in_battle_are_counted_too() -> None:
    c = next(c for c in extract("Russia has fired at least 40 Iranian-made drones at Kyiv since "
                                "Monday.", published=P) if c.type == "combat")
    assert c.quantity is not None
    assert (c.quantity.value, c.quantity.lower, c.quantity.upper) == (40, 40, None)
    c = next(c for c in extract("Russia has fired Iranian-made drones at Kyiv since Monday.",
                                published=P) if c.type == "combat")
    assert c.quantity is None
