"""Numbers and quantities: parse_number on mixed forms, find_quantities bounds per the spec."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from supplyline.extract.numbers import find_quantities, parse_number
from supplyline.model import Quantity
from supplyline.vocab import load_vocabulary


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1.5 million", 1_500_000),
        ("thirty thousand", 30_000),
        ("25-thousand", 25_000),
        ("a thousand", 1_000),
        ("two dozen", 24),
        ("half a million", 500_000),
        ("15 000", 15_000),
        ("30,000", 30_000),
        ("twenty-five", 25),
    ],
)
def test_parse_number(text: str, value: float) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["troops", "", "Shahed"])
def test_parse_number_refuses_words_that_are_not_numbers(text: str) -> None:
    assert parse_number(text) is None


def only(text: str) -> Quantity:
    """The one quantity in ``text`` (and its offsets cover the matched words)."""
    found = find_quantities(text)
    assert len(found) == 1, found
    return found[0].quantity


def test_more_than_is_a_lower_bound() -> None:
    text = "North Korea sent more than 11,000 troops"
    (m,) = find_quantities(text)
    assert m.quantity == Quantity(11_000, 11_000, None, "more than")
    assert text[m.start:m.end] == "more than 11,000"


def test_up_to_is_an_upper_bound() -> None:
    assert only("up to 12,000 soldiers") == Quantity(12_000, None, 12_000, "up to")


def test_between_and_is_a_range_without_value() -> None:
    assert only("between 1,000 and 3,000 workers") == Quantity(None, 1_000, 3_000, None)


def test_x_to_y_is_a_range_without_value() -> None:
    assert only("10,000 to 12,000 troops") == Quantity(None, 10_000, 12_000, None)


def test_approximate_value_keeps_its_qualifier_without_bounds() -> None:
    assert only("about 3,000 troops") == Quantity(3_000, None, None, "about")


def test_thousands_of_is_vague() -> None:
    q = only("thousands of troops")
    assert (q.value, q.lower, q.upper, q.approx) == (None, None, None, "thousands")


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("a $425 million package", 425_000_000, "USD"),
        ("a €1.4 billion package", 1_400_000_000, "EUR"),
        ("£2.3 billion in military aid", 2_300_000_000, "GBP"),
    ],
)
def test_money_carries_its_currency(text: str, value: float, unit: str) -> None:
    q = only(text)
    assert (q.value, q.unit) == (value, unit)


def test_plain_counts_have_no_currency() -> None:
    assert only("200 drones").unit is None


@pytest.mark.parametrize(
    "text",
    ["240mm multiple rocket launchers", "F-16 fighter jets", "155mm artillery shells",
     "KN-23 missiles"],
)
def test_calibres_and_model_numbers_are_not_quantities(text: str) -> None:
    assert find_quantities(text) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [("20 F-16 fighter jets", 20), ("5,000 155mm artillery shells", 5_000),
     ("six 240mm multiple rocket launchers", 6), ("gave Ukraine 14 Challenger 2 tanks", 14)],
)
def test_count_beside_a_model_number_is_the_only_quantity(text: str, value: float) -> None:
    assert only(text).value == value


@pytest.mark.parametrize("text", [
    "9" * 400 + " tanks", "1" + ",000" * 120 + " shells", "$" + "9" * 400 + " billion",
    "9" * 400 + " billion dollars", "between 5 and " + "9" * 400 + " drones",
    "1e308 billion dollars", "$1e308 billion", "1e308 tanks",
])
def test_an_implausible_figure_is_no_quantity(text: str) -> None:
    assert find_quantities(text) == []


@pytest.mark.parametrize("text", ["9" * 400, "9" * 17 + " trillion", "1" + ",000" * 120])
def test_parse_number_refuses_implausible_figures(text: str) -> None:
    assert parse_number(text) is None


def test_a_figure_as_large_as_budgets_get_is_kept() -> None:
    assert only("$1.2 trillion").value == 1.2e12


@pytest.mark.parametrize(("text", "value", "unit"), [
    ("a grant of SEK 450 million", 450_000_000, "SEK"),
    ("loans worth NOK 2 billion", 2_000_000_000, "NOK"),
    ("about 3 billion zlotys", 3_000_000_000, "PLN"),
])
def test_a_currency_code_before_a_figure_is_its_unit(text: str, value: float, unit: str) -> None:
    [q] = find_quantities(text)
    assert (q.quantity.value, q.quantity.unit) == (value, unit)


@pytest.mark.parametrize(("text", "value", "unit"), [
    ("a fund of 3.8 billion shekels", 3_800_000_000, "ILS"),
    ("NIS 900 million for air defence", 900_000_000, "ILS"),
    ("NT$150 billion for coastal missiles", 150_000_000_000, "TWD"),
    ("C$500 million of new aid", 500_000_000, "CAD"),
    ("a Rs 4,000 crore order", 40_000_000_000, "INR"),
    ("200 crore rupees", 2_000_000_000, "INR"),
    ("2 billion Saudi riyals", 2_000_000_000, "SAR"),
    ("2.3 billion kroner", 2_300_000_000, "DKK"),
    ("a deal worth 12 billion PLN", 12_000_000_000, "PLN"),
])
def test_currencies_of_other_conflicts_are_read(text: str, value: float, unit: str) -> None:
    [q] = find_quantities(text)
    assert (q.quantity.value, q.quantity.unit) == (value, unit)


def test_a_users_vocabulary_adds_a_currency(tmp_path: Path) -> None:
    extra = tmp_path / "money.yaml"
    extra.write_text("currencies:\n  - {name: MAD, words: [dirhams, Moroccan dirhams]}\n"
                     "  - {name: USD, words: [greenbacks]}\n", encoding="utf-8")
    money = load_vocabulary((extra,)).money
    units = [q.quantity.unit for q in find_quantities(
        "4 billion Moroccan dirhams and 3 million greenbacks", money)]
    assert units == ["MAD", "USD"]
    assert find_quantities("4 billion Moroccan dirhams")[0].quantity.unit != "MAD"


def test_a_word_that_looks_like_a_code_is_no_currency() -> None:
    assert [q.quantity.unit for q in find_quantities("they try 3 times to rub 2 stones")] == [
        None]


@pytest.mark.parametrize(("text", "value"), [
    ("Germany gave Ukraine €1.2bn in military aid", 1.2e9),
    ("the United States sent Israel 14,000 bombs", 14_000),
    ("the Mirage 2000 jets", None),  # a model number, written without a separator
])
def test_a_sum_or_a_written_thousand_after_a_name_is_a_figure(text: str,
                                                              value: float | None) -> None:
    found = find_quantities(text)
    assert [q.quantity.value for q in found] == ([value] if value else [])


def test_a_figure_after_a_party_is_no_model_number() -> None:
    """"sold Russia 400 missiles": with the actor pattern, Russia is no name with a model
    number; without it the figure is read as one ("Leopard 2")."""
    parties = re.compile(r"(?<![\w-])(?:Russia|Ukraine)(?![\w-])")
    assert [q.quantity.value for q in find_quantities("Iran sold Russia 400 missiles",
                                                      parties=parties)] == [400]
    assert find_quantities("Spain sent Leopard 2 tanks", parties=parties) == []


def test_a_pair_is_two() -> None:
    assert only("a pair of Chinook helicopters").value == 2


def test_one_thousands_separator_throughout() -> None:
    """"10,000 155-mm shells" is 10,000 (a space may separate thousands, "10 000", but not
    after a comma has)."""
    assert [q.quantity.value for q in find_quantities("10,000 155-mm shells")] == [10_000]
    assert only("10 000 shells").value == 10_000
