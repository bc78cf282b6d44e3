"""Source phrases classified by the vocabulary: kind and country (and the canonical name)."""

from __future__ import annotations

import pytest

from supplyline.extract.attribution import Attributor
from supplyline.vocab import load_vocabulary


@pytest.fixture(scope="module")
def attributor() -> Attributor:
    return Attributor(load_vocabulary())


@pytest.mark.parametrize(
    ("phrase", "kind", "country"),
    [
        ("South Korea's Joint Chiefs of Staff (JCS)", "military", "South Korea"),
        ("Ukrainian intelligence", "intelligence", "Ukraine"),
        ("Kyrylo Budanov, head of Ukrainian military intelligence", "official", "Ukraine"),
        ("the Pentagon", "government", "United States"),
        ("analysts", "expert", None),
        # rights groups, watchdogs and monitors speak as outside experts, not unattributed
        ("Human rights groups", "expert", None),
        ("an arms-control watchdog", "expert", None),
        ("Reuters", "media", "United Kingdom"),
        ("U.S. officials", "government", "United States"),
        ("Michael Kurilla, the head of US Central Command", "official", "United States"),
        ("South Korea's spy agency", "intelligence", "South Korea"),
        ("the Kremlin", "government", "Russia"),
        ("two European diplomats", "government", None),
        ("diplomatic sources", "government", None),
        ("British intel officials", "intelligence", "United Kingdom"),
        ("a White House administration source", "government", "United States"),
        ("the Iranian daily", "media", "Iran"),
        ("a Turkish news website", "media", "Turkey"),
        ("the ministry's statement", "government", None),
        ("Senate Armed Services Committee Chairwoman Jane McAllister", "official", None),
        ("US Congressman Paul DeMarco", "official", "United States"),
        ("Cuba's mission to the United Nations", "government", "Cuba"),
        # sources named jointly speak for the first one's country, like a joint actor
        ("Chadian and US officials", "government", "Chad"),
        ("two US officials and an Iraqi security official", "government", "United States"),
    ],
)
def test_kind_and_country(attributor: Attributor, phrase: str, kind: str,
                          country: str | None) -> None:
    src = attributor.classify(phrase)
    assert (src.kind, src.country) == (kind, country)
    assert src.text == phrase


@pytest.mark.parametrize(
    ("phrase", "name"),
    [
        ("South Korea's Joint Chiefs of Staff (JCS)", "South Korea Joint Chiefs of Staff"),
        ("Ukrainian intelligence", "Ukraine Defence Intelligence (HUR)"),
        ("Kyrylo Budanov, head of Ukrainian military intelligence", "Kyrylo Budanov"),
        ("the Pentagon", "Pentagon"),
        ("Michael Kurilla, the head of US Central Command", "Michael Kurilla"),
    ],
)
def test_canonical_name(attributor: Attributor, phrase: str, name: str) -> None:
    assert attributor.classify(phrase).name == name


def test_the_body_is_intelligence_its_named_head_is_an_official(attributor: Attributor) -> None:
    # the phrase names an intelligence body, but the source is the person heading it
    assert attributor.classify("Ukrainian military intelligence").kind == "intelligence"
    assert attributor.classify(
        "Kyrylo Budanov, head of Ukrainian military intelligence").kind == "official"


@pytest.mark.parametrize("phrase", [None, ""])
def test_no_phrase_is_unattributed(attributor: Attributor, phrase: str | None) -> None:
    src = attributor.classify(phrase)
    assert (src.kind, src.name, src.country) == ("unattributed", None, None)


def test_a_wire_dateline_without_a_comma_is_not_the_source(attributor: Attributor) -> None:
    src = attributor.classify("OSLO (AFP) – Norway's armed forces")
    assert (src.text, src.kind, src.country) == ("Norway's armed forces", "military", "Norway")


def test_a_person_described_before_the_name_is_an_official(attributor: Attributor) -> None:
    src = attributor.classify("member of the defence committee of the Iranian parliament "
                              "Ali Rezaei")
    assert (src.kind, src.country) == ("official", "Iran")


def test_fighters_are_a_military_source(attributor: Attributor) -> None:
    assert attributor.classify("Fighters allied to Yemen's government").kind == "military"


def test_an_outlet_named_after_its_description_is_no_person(attributor: Attributor) -> None:
    assert attributor.classify("the Kenyan weekly Daily Mirror").kind != "official"


def test_a_report_released_by_a_ministry_is_the_ministrys(attributor: Attributor) -> None:
    src = attributor.classify("a joint monitoring report published on Friday by Japan's "
                              "Foreign Ministry")
    assert (src.kind, src.country) == ("government", "Japan")


def test_an_outlet_citing_diplomats_passes_on_the_governments_word(
        attributor: Attributor) -> None:
    assert attributor.classify("the broadcaster NHK, citing diplomatic sources in "
                               "Europe").kind == "government"
    assert attributor.classify("Axios, citing people familiar with the plan").kind == "media"



@pytest.mark.parametrize("phrase", ["Mr. Petrov", "Dr. Ahn Chan-il"])
def test_a_name_after_an_abbreviated_title_with_its_period_is_a_person(
        attributor: Attributor, phrase: str) -> None:
    assert attributor.classify(phrase).kind == "official"


@pytest.mark.parametrize(
    ("phrase", "kind", "country"),
    [
        ("a Spanish cabinet minister", "government", "Spain"),
        ("an Italian defence ministry spokeswoman", "government", "Italy"),
        ("a Pentagon spokesperson", "government", "United States"),
        # one officeholder the reader can tell, or one named, is an official
        ("Spain's defence minister", "official", "Spain"),
        ("Pentagon spokesperson Sabrina Singh", "official", "United States"),
    ],
)
def test_an_officeholder_left_unnamed_is_the_governments(
        attributor: Attributor, phrase: str, kind: str, country: str | None) -> None:
    src = attributor.classify(phrase)
    assert (src.kind, src.country) == (kind, country)


def test_states_listed_with_commas_speak_for_the_first_ones_country() -> None:
    from supplyline.extract.attribution import Attributor
    from supplyline.vocab import load_vocabulary
    src = Attributor(load_vocabulary()).classify("Tokyo, Washington and Canberra")
    assert (src.kind, src.country) == ("government", "Japan")
