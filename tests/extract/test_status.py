"""The status pass (``passes/status.py``): refusals, cues of several words, forecasts and
production that has begun. Sentences written for these tests; P = 2025-07-03."""

from __future__ import annotations

import pytest

from supplyline import Claim, extract

P = "2025-07-03"


def status_of(text: str, item_head: str) -> str:
    claims: list[Claim] = [c for c in extract(text, published=P)
                           if c.item and c.item.split()[-1].startswith(item_head)]
    assert claims, [c.to_dict() for c in extract(text, published=P)]
    return claims[0].status


@pytest.mark.parametrize(("text", "head"), [
    ("The Dutch premier remains reluctant to ship long-range missiles to Ukraine.", "missile"),
    ("Washington has long resisted giving Kyiv fighter jets.", "jet"),
    ("The German government is ruling out sending tanks to Ukraine this year.", "tank"),
    ("Beijing has been holding off on selling attack drones to Moscow.", "drone"),
    # "held back": a verb of giving with its particle ("back" parsed as an adverb or not)
    ("The US will hold back 20 Patriot missiles meant for Ukraine.", "missile"),
    ("Washington paused its aid to Kyiv: howitzers already in transit to Ukraine will be "
     "held back.", "howitzer"),
    ("Moscow's refusal to deliver air defence systems to Tehran frustrated Iranian officials.",
     "system"),
])
def test_a_refusal_told_by_an_adjective_noun_or_phrasal_verb_is_denied(text: str,
                                                                       head: str) -> None:
    assert status_of(text, head) == "denied"


def test_an_infinitive_of_duty_with_an_adverb_between_is_planned() -> None:
    text = "Spain said that armoured vehicles are also to be handed to Ukraine next month."
    assert status_of(text, "vehicle") == "planned"


def test_a_preposition_to_is_no_cue_of_the_future() -> None:
    text = ("The accuracy of the missiles improved due to Russian technical assistance to "
            "North Korea, Ukrainian officials said.")
    assert status_of(text, "assistance") != "expected"


def test_what_a_speaker_predicts_will_happen_is_expected() -> None:
    text = "The Ukrainian president predicted that Iran would send more drones to Russia."
    assert status_of(text, "drone") == "expected"


@pytest.mark.parametrize("text", [
    "A Russian factory has begun producing attack drones for the army.",
    "Last month Iran started manufacturing ballistic missiles in a new plant.",
])
def test_production_that_has_begun_is_ongoing(text: str) -> None:
    head = "drone" if "drones" in text else "missile"
    assert status_of(text, head) == "ongoing"


def test_a_transfer_that_began_is_still_done() -> None:
    text = "Russia began receiving artillery shells from North Korea in 2023."
    assert status_of(text, "shell") == "done"


def test_what_a_sale_includes_is_pledged() -> None:
    text = "The proposed American sale to the Philippines includes 12 coastal radars."
    assert status_of(text, "radar") == "pledged"


def test_what_a_package_announced_includes_is_pledged() -> None:
    text = ("Canada announced a new aid package for Ukraine that includes eight armoured "
            "ambulances and 40 drones.")
    assert status_of(text, "drone") == "pledged"


def test_a_package_unveiled_is_pledged() -> None:
    assert status_of("Sweden unveiled a $300 million package of aid for Ukraine.",
                     "package") == "pledged"


def test_troops_stationed_abroad_are_there_still() -> None:
    text = "About 3,000 Belarusian soldiers have been stationed in Russia's Belgorod region."
    assert status_of(text, "soldier") == "ongoing"


def test_troops_stationed_at_a_past_time_is_done() -> None:
    text = "Belarus stationed 3,000 soldiers in Russia in 2023."
    assert status_of(text, "soldier") == "done"


def test_a_present_passive_tells_what_happens_as_a_rule() -> None:
    text = "Most of the engines for Russian drones are supplied by China."
    assert status_of(text, "engine") == "ongoing"


def test_what_goods_told_as_sent_include_was_sent() -> None:
    text = "Norway said the delivered equipment includes 20 air defence launchers for Ukraine."
    assert status_of(text, "launcher") == "done"


@pytest.mark.parametrize(("text", "status"), [
    ("The hardware already shipped to Chisinau by Romania includes 8 radars.", "done"),
    ("The arms Spain has handed to Morocco include 8 radars.", "done"),
    ("The arms Spain is handing to Morocco include 8 radars.", "ongoing"),
])
def test_goods_told_as_sent_by_a_clause_include_what_was_sent(text: str, status: str) -> None:
    assert status_of(text, "radar") == status


def test_a_pledge_still_to_be_announced_is_a_forecast_when_others_tell_it() -> None:
    text = ("The Dutch government will announce the delivery of 18 howitzers to Ukraine next "
            "week, according to two people familiar with the plans.")
    assert status_of(text, "howitzer") == "expected"


def test_a_transfer_declined_is_denied() -> None:
    assert status_of("Spain has declined to send its Leopard tanks to Morocco.", "tank") == \
        "denied"


@pytest.mark.parametrize("text", [
    "The deal provides for the transfer from China of engine blueprints to Pakistan.",
    "Minsk and Moscow signed an agreement, which allows Russian missiles to be stationed in "
    "Belarus.",
])
def test_what_an_agreement_provides_for_or_allows_is_pledged(text: str) -> None:
    head = "blueprint" if "blueprints" in text else "missile"
    assert status_of(text, head) == "pledged"



def test_what_there_is_proof_of_happened() -> None:
    assert status_of("He said there is proof of Belarus supplying shells to Russia.",
                     "shell") == "done"


def test_shells_under_production_are_being_made() -> None:
    text = ("The ministry set a target of 2 million shells by 2026, with 400,000 shells under "
            "production in Poland.")
    c = next(c for c in extract(text, published=P) if c.type == "production")
    assert c.status == "ongoing"


def test_a_bare_verb_after_help_takes_the_helping_verbs_tense() -> None:
    text = "Belarus is helping Russia expand its shell production, officials say."
    assert [c.status for c in extract(text, published=P) if c.type == "production"] == [
        "ongoing"]


def test_targeted_as_a_verb_is_an_attack_not_a_plan() -> None:
    assert status_of("Israel has targeted Hezbollah depots in Syria with missiles.",
                     "missile") == "done"


def test_a_combat_noun_told_as_continued_goes_on_whatever_governs_it() -> None:
    text = "Kyiv approved the transfer after continued Russian strikes on power plants."
    assert status_of(text, "strike") == "ongoing"


def test_what_is_done_routinely_goes_on() -> None:
    assert status_of("Hamas has routinely fired rockets at Israeli towns this month.",
                     "rocket") == "ongoing"


def test_what_a_plan_comes_after_has_happened() -> None:
    text = ("North Korea is getting ready to build more attack drones following a recent test "
            "watched by its leader.")
    tests = [c for c in extract(text, published=P) if c.type == "test"]
    assert [c.status for c in tests] == ["done"]


def test_what_was_promised_and_is_told_as_received_was_sent() -> None:
    assert status_of("Kyiv has received the first of the tanks promised by Madrid last spring.",
                     "tank") == "done"


def test_what_a_party_continues_to_send_goes_on() -> None:
    """"continues to supply" is ongoing, not a headline's "Iran to supply" future (which a
    headline still is)."""
    assert status_of("Tehran continues to supply the Houthis with drone engines.",
                     "engine") == "ongoing"
    assert status_of("Berlin to send more air defence launchers to Kyiv", "launcher") == \
        "pledged"


def test_what_the_receiving_side_says_it_will_get_is_expected() -> None:
    assert status_of("Serbia will receive 12 Chinese drones next year, Serbian Defence "
                     "Minister Milos Vucevic said.", "drones") == "expected"
    assert status_of("Serbia's army said China will send 12 more drones to Serbia by "
                     "December.", "drones") == "expected"
    # the sender's side promises; the receiver may announce what it was promised
    assert status_of("China will deliver 12 drones to Serbia next year, Chinese Defence "
                     "Minister Dong Jun said.", "drones") == "pledged"
    assert status_of("The Serbian government announced on Monday that China would deliver "
                     "12 drones to Serbia.", "drones") == "pledged"


@pytest.mark.parametrize("text, items", [
    ("Chile has ordered six Hermes drones from Israel.", ["hermes drones"]),
    ("Romania has ordered 54 howitzers, 18 launchers and 20 tanks from South Korea.",
     ["howitzers", "launchers", "tanks"]),
])
def test_goods_a_party_has_ordered_are_pledged_not_sent(text: str, items: list[str]) -> None:
    """An order placed buys the goods (a promise), it does not send them."""
    claims = extract(text, published="2025-07-03")
    assert sorted((c.item or "", c.status) for c in claims) == [(i, "pledged") for i in items]


def test_an_order_given_to_troops_is_no_purchase() -> None:
    claims = extract("Moscow ordered troops to advance on the town.", published="2025-07-03")
    assert all(c.status != "pledged" for c in claims)


@pytest.mark.parametrize(("text", "head"), [
    ("Berlin said it would approve no further sales of assault rifles to Riyadh.", "rifle"),
    ("Canada will ship no more armoured vehicles to Bogota this year.", "vehicle"),
])
def test_a_negated_noun_between_the_item_and_its_verb_denies_it(text: str, head: str) -> None:
    """"approve no further sales of rifles", "ship no more vehicles": refused, not pledged."""
    assert status_of(text, head) == "denied"


@pytest.mark.parametrize("text", [
    "Washington approved the sale of no fewer than 40 howitzers to Warsaw.",
    "Washington sold no more than 40 howitzers to Warsaw last year.",
])
def test_no_fewer_than_a_number_is_a_bound_not_a_refusal(text: str) -> None:
    assert status_of(text, "howitzer") != "denied"


def test_goods_described_as_ordered_are_pledged() -> None:
    text = ("France delivered six Rafale fighters to Greece in May. The 18 Mirage jets ordered "
            "in 2021 are due by 2026.")
    c = next(c for c in extract(text, published="2025-07-03") if c.item == "mirage jets")
    assert c.status == "pledged"


def test_more_after_a_fact_box_figure_is_additional() -> None:
    text = "Greece's purchases from France.\n\nRafale fighters: 6 more delivered to Greece in May."
    c = next(c for c in extract(text, published="2025-07-03") if c.type == "weapons")
    assert c.basis == "additional"


@pytest.mark.parametrize("text", [
    "Tehran has supplied Hezbollah with rockets for years, the officials said.",
    "For decades Moscow has sold fighter jets to Hanoi.",
])
def test_a_present_perfect_spanning_years_is_ongoing(text: str) -> None:
    assert status_of(text, "rocket" if "rocket" in text else "jet") == "ongoing"


def test_a_present_perfect_tally_since_a_month_stays_done() -> None:
    text = "Minsk has sent 40 wagons of shells to Russia since March, the general said."
    assert status_of(text, "shell") == "done"
