"""Which claims a sentence states (the claim set: spurious and missed claims).

The sentences are written for these tests. Publication date P = 2025-07-03.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from supplyline import Claim, extract

P = "2025-07-03"


@pytest.fixture(scope="module", autouse=True)
def warm_up() -> Iterator[None]:
    extract("North Korea sent troops to Russia.", published=P)
    yield


def kinds(text: str) -> list[tuple[str, str, str | None]]:
    claims: list[Claim] = extract(text, published=P)
    return sorted((c.type, c.actor, c.recipient) for c in claims)


# ---- activities that are no claims ---------------------------------------------------------

@pytest.mark.parametrize("text", [
    "The Aster 30, produced by France's Eurosam consortium, entered service in 2001.",
    "Both systems are manufactured in Israel by Rafael.",
])
def test_a_maker_told_as_description_is_no_production(text: str) -> None:
    assert kinds(text) == []


def test_forces_sent_to_take_part_in_drills_are_the_exercise_not_a_transfer() -> None:
    text = ("Vietnam has delivered 40 tanks to Laos this year. In August, Hanoi sent 1,000 "
            "troops and two warships to take part in the drills.")
    assert kinds(text) == [("exercise", "Vietnam", None), ("weapons", "Vietnam", "Laos")]


def test_fighting_as_the_purpose_of_a_deployment_is_no_combat_claim() -> None:
    assert kinds("Cuba has deployed 3,000 soldiers to Angola to participate in the war "
                 "against the rebels.") == [("personnel", "Cuba", "Angola")]


def test_a_report_of_making_arms_is_production() -> None:
    assert kinds("Israeli factories manufactured 3,000 interceptors last year.") == [
        ("production", "Israel", None)]


@pytest.mark.parametrize("text", [
    "The new rocket launchers could allow Armenia to strike Azerbaijani columns if "
    "Azerbaijan ever invaded again.",
    "China's Type 99 missile can hit ships 300 km away.",
    "Polish officials say the tanks would be the first to meet Russian troops if Russia "
    "attacked Lithuania.",
])
def test_capabilities_and_conditions_are_no_combat(text: str) -> None:
    assert kinds(text) == []


def test_a_forecast_of_fighting_stays_a_possible_combat_claim() -> None:
    claims = extract("North Korean troops could join the fighting in Kursk next week, "
                     "Ukraine's intelligence said.", published=P)
    assert [(c.type, c.actor, c.status) for c in claims] == [
        ("combat", "North Korea", "possible")]


def test_fighting_over_aid_is_politics() -> None:
    assert kinds("The fight over the aid to Ukraine in the US Congress is far from over.") == []


@pytest.mark.parametrize("text", [
    "Has the United States lost its nerve?",
    "Will Germany finally send its Taurus missiles to Ukraine?",
])
def test_a_question_claims_nothing(text: str) -> None:
    assert kinds(text) == []


@pytest.mark.parametrize(("text", "fighter"), [
    ("Last week the Houthis carried out missile strikes on two tankers to show solidarity "
     "with Hamas.", "Houthis"),
    ("Throughout the winter Hezbollah launched rocket attacks on border towns to show its "
     "strength.", "Hezbollah"),
])
def test_an_infinitive_of_speech_does_not_hide_who_fights(text: str, fighter: str) -> None:
    """"to show ..." has no subject: the party before it is no speaker the parse lost."""
    assert kinds(text) == [("combat", fighter, None)]


@pytest.mark.parametrize(("text", "fighter"), [
    ("Hezbollah said it fired 40 rockets at an Israeli base.", "Hezbollah"),
    ("The Taliban said they attacked two army posts overnight.", "Taliban"),
])
def test_a_party_that_says_it_fought_is_the_fighter(text: str, fighter: str) -> None:
    """"X said it fired ...": the pronoun under the reporting verb is its speaker."""
    assert [k[:2] for k in kinds(text) if k[0] == "combat"] == [("combat", fighter)]


def test_losses_counted_among_people_sent_before_are_the_senders() -> None:
    claims = extract("Minsk sent 2,000 troops to Russia in May, Kyiv says. At least 300 of them "
                     "have been killed or wounded, the agency said.", published=P)
    combat = [c for c in claims if c.type == "combat"]
    assert [(c.actor, c.quantity and c.quantity.value) for c in combat] == [("Belarus", 300)]


def test_an_attack_that_happened_is_combat() -> None:
    assert kinds("Russian forces attacked Kharkiv on Monday with 40 drones.") == [
        ("combat", "Russia", None)]


# ---- predicates ----------------------------------------------------------------------------

def test_each_item_made_or_tested_is_a_claim() -> None:
    made = extract("North Korea produces artillery shells, rockets and missiles for Russia at "
                   "its Kangson plant.", published=P)
    assert [(c.type, c.item) for c in made] == [
        ("production", "artillery shells"), ("production", "rockets"),
        ("production", "missiles")]
    tested = extract("North Korea tested cruise missiles and hypersonic missiles last week.",
                     published=P)
    assert [(c.type, c.item) for c in tested] == [("test", "cruise missiles"),
                                                   ("test", "hypersonic missiles")]


def test_passing_gives_only_to_a_party_named() -> None:
    assert kinds("Officials said Iran passed radar data to the Houthis in 2024.") == [
        ("technology", "Iran", "Houthis")]
    assert kinds("Serbia says buyers may not pass its rifles on to third parties.") == []


def test_a_fact_box_line_counts_the_item_with_the_figure_after_its_dash() -> None:
    text = ("Chile bought Hermes drones from Israel in 2020.\n"
            "Hermes drones — 12 ordered in 2021.")
    assert ("weapons", "Israel", "Chile", "hermes drones", "pledged", 12) in [
        (c.type, c.actor, c.recipient, c.item, c.status, c.quantity.value if c.quantity
         else None) for c in extract(text, published=P)]


def test_a_fact_box_names_no_party_the_maker_of_what_was_received_sends() -> None:
    text = ("Poland took delivery of more Abrams tanks on Monday.\n"
            "HIMARS launchers — 18 delivered in 2024.")
    assert ("weapons", "United States", "Poland", "himars launchers", 18) in [
        (c.type, c.actor, c.recipient, c.item, c.quantity.value if c.quantity else None)
        for c in extract(text, published=P)]


# ---- one thing told twice in a sentence ----------------------------------------------------

def test_a_system_named_twice_is_one_claim_of_the_systems_type() -> None:
    claims = extract("The US sent Army Tactical Missile System rockets, known as ATACMS, to "
                     "Ukraine in April.", published=P)
    assert [(c.type, c.item) for c in claims] == [
        ("weapons", "army tactical missile system rockets")]
    called = extract("Iran supplied Russia with Shahed-136 drones, called Geran-2 in Russian "
                     "service.", published=P)
    assert [c.item for c in called] == ["shahed-136 drones"]


# ---- items inside modifiers and purposes ---------------------------------------------------

def test_what_a_sum_is_for_is_no_transfer_of_its_own() -> None:
    claims = extract("Norway and Denmark pledged a combined €500 million in funding on Monday "
                     "for long-range drones and artillery shells to be made in Ukraine.",
                     published=P)
    assert sorted((c.type, c.actor) for c in claims) == [
        ("funding", "Denmark"), ("funding", "Norway"), ("production", "Ukraine"),
        ("production", "Ukraine")]


def test_what_comes_back_in_exchange_comes_from_the_party_named_with_it() -> None:
    claims = extract("The NIS said North Korea has provided shells to Russia in exchange for "
                     "economic cooperation and technical support from Moscow.", published=P)
    assert [(c.type, c.actor, c.recipient, c.item) for c in claims] == [
        ("munitions", "North Korea", "Russia", "shells"),
        ("funding", "Russia", "North Korea", "economic cooperation"),
        ("technology", "Russia", "North Korea", "technical support")]


def test_a_partys_people_in_another_country_are_a_deployment() -> None:
    claims = extract("The Africa Corps has around 2,500 personnel in Mali, a Western diplomat "
                     "said.", published=P)
    assert [(c.type, c.actor, c.recipient, c.quantity.value if c.quantity else None)
            for c in claims] == [("personnel", "Africa Corps", "Mali", 2500.0)]


def test_what_a_sum_is_for_is_planned_without_the_day_of_the_pledge() -> None:
    claims = extract("The Netherlands approved €300 million on Tuesday for air defence "
                     "missiles to be produced in Ukraine.", published=P)
    made = [c for c in claims if c.type == "production"]
    assert [(c.actor, c.item, c.status, c.when) for c in made] == [
        ("Ukraine", "air defence missiles", "planned", None)]


def test_the_country_a_partys_people_are_in_is_the_place_not_the_country_arrived_in() -> None:
    stationed = extract("Russia's Africa Corps has around 800 personnel in Niger.", published=P)
    assert [(c.recipient, c.place) for c in stationed] == [("Niger", "Niger")]
    arrived = extract("The first German Leopard tanks arrived in Ukraine on Monday.",
                      published=P)
    assert [(c.recipient, c.place) for c in arrived] == [("Ukraine", None)]


@pytest.mark.parametrize("text", [
    "Norway delivered four more NASAMS launchers to Kyiv last week.",
    "Kyiv says Belarus has sent fuel trucks to Russia.",
    "As reported by Kyiv, Belarus has sent fuel trucks to Russia.",
    "Denmark will hand over its first F-16 jets to Ukraine around the New Year.",
    "Serbia has bought six attack drones in the People's Republic of China.",
    "Belgium is sending shells used in Caesar howitzers to Ukraine.",
])
def test_a_capital_standing_for_a_party_or_a_speaker_is_no_place(text: str) -> None:
    """Nor is a holiday, a country's name cut short, or a name that modifies an item."""
    claims = extract(text, published=P)
    assert claims and all(c.place is None for c in claims), claims


@pytest.mark.parametrize("text", [
    "Russia fired a dozen cruise missiles at power plants near Kyiv on Sunday.",
    "The first Swedish CV90 vehicles arrived in Kyiv on Monday.",
])
def test_a_capital_where_things_happen_is_the_place(text: str) -> None:
    claims = extract(text, published=P)
    assert claims and all(c.place == "Kyiv" for c in claims), claims


def test_arms_fired_by_the_side_they_were_donated_to_are_its_combat() -> None:
    text = ("Meteor cruise missiles, which Spain has donated to Portugal, were fired at "
            "targets inside Morocco for the first time.")
    assert ("combat", "Portugal", None) in kinds(text)
    assert ("combat", "Spain", None) not in kinds(text)


# ---- what one party asks of another ----------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Armenia is seeking modern howitzers from France.",
    "Armenia requested modern howitzers from France last week.",
])
def test_a_request_for_arms_is_a_claim_with_the_asker_as_recipient(text: str) -> None:
    assert kinds(text) == [("weapons", "France", "Armenia")]


def test_an_acquisition_named_by_its_noun_is_a_transfer() -> None:
    assert kinds("Serbia completed the acquisition of Chinese FK-3 air defence batteries.") \
        == [("weapons", "China", "Serbia")]


# ---- money and the sums arms are valued at --------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("Since the spring Sweden has supported Finland with air defence radars.",
     [("weapons", "Sweden", "Finland")]),
    ("Greece will help Cyprus with artillery shells.", [("munitions", "Greece", "Cyprus")]),
])
def test_backing_a_party_with_arms_hands_them_over(
        text: str, expected: list[tuple[str, str, str | None]]) -> None:
    assert kinds(text) == expected


def test_a_sum_of_generic_arms_is_funding_with_that_sum() -> None:
    [c] = extract("Belgium sent weaponry worth €90 million to Ukraine.", published=P)
    assert (c.type, c.actor, c.recipient) == ("funding", "Belgium", "Ukraine")
    assert c.quantity is not None and (c.quantity.value, c.quantity.unit) == (90e6, "EUR")


def test_military_and_humanitarian_aid_is_still_aid() -> None:
    assert kinds("The US Congress approved a $9 billion military and humanitarian aid package "
                 "for Israel.") == [("funding", "United States", "Israel")]


def test_appropriated_money_is_handed_over() -> None:
    assert kinds("The US Congress appropriated $2 billion in aid for Taiwan.") == [
        ("funding", "United States", "Taiwan")]


@pytest.mark.parametrize(("text", "expected"), [
    ("Estonia donated 2,000 helmets to Ukraine.", [("weapons", "Estonia", "Ukraine")]),
    ("Belarus shipped truck tyres to Russia.", [("technology", "Belarus", "Russia")]),
    ("Serbia sold artillery fuzes to Israel.", [("technology", "Serbia", "Israel")]),
])
def test_protective_gear_tyres_and_fuzes_are_items(
        text: str, expected: list[tuple[str, str, str | None]]) -> None:
    assert kinds(text) == expected


def test_arms_that_are_part_of_a_package_are_pledged_with_it() -> None:
    claims = extract("The Gripen jets were part of a Swedish aid package for Ukraine.", published=P)
    assert [(c.type, c.actor, c.recipient, c.status) for c in claims
            if c.type == "weapons"] == [("weapons", "Sweden", "Ukraine", "pledged")]


@pytest.mark.parametrize("text", [
    "Washington has warned Beijing against sending drones to Moscow.",
    "Defence chiefs meet in Brussels this week to discuss how to supply Kyiv with more shells.",
])
def test_a_transfer_warned_off_or_asked_how_is_no_claim(text: str) -> None:
    assert kinds(text) == []


def test_arms_that_give_a_capability_are_not_handed_over_by_that_verb() -> None:
    assert kinds("The Leopards will provide Polish brigades greater striking power, "
                 "the ministry said.") == []


def test_a_transfer_told_only_as_a_condition_is_no_claim() -> None:
    assert kinds("Officials warned that if Hanoi provides rockets to Vientiane, there "
                 "will be sanctions.") == []
    assert kinds("Norway will send tanks to Poland if Poland pays for them.") == [
        ("weapons", "Norway", "Poland")]


def test_a_supplied_form_tells_the_transfer_without_a_verb() -> None:
    """"US-provided Patriot batteries": the compound says who supplied them."""
    assert kinds("Kyiv's forces rely on US-provided Patriot batteries.") == [
        ("weapons", "United States", "Ukraine")]
    assert kinds("The Russian-made tanks were old.") == []


# ---- lists ---------------------------------------------------------------------------------

def test_every_member_of_a_long_list_shares_its_verb() -> None:
    claims = extract("Turkish firms supply Azerbaijan with engines, semiconductors, optics, "
                     "bearings, software, circuit boards, antenna systems and microchips.",
                     published=P)
    assert sorted(c.item for c in claims) == [
        "antenna systems", "bearings", "circuit boards", "engines", "microchips", "optics",
        "semiconductors", "software"]


def test_vague_systems_listed_with_components_are_components() -> None:
    claims = extract("Turkish firms supply Azerbaijan with engines, antenna systems and "
                     "microchips.", published=P)
    assert {c.item: c.type for c in claims} == {
        "engines": "technology", "antenna systems": "technology", "microchips": "technology"}


def test_systems_listed_with_a_specific_weapon_stay_arms() -> None:
    claims = extract("Turkish firms supply Azerbaijan with tanks, antenna systems and "
                     "microchips.", published=P)
    assert {c.item: c.type for c in claims}["antenna systems"] == "weapons"


# ---- combat told after the transfer --------------------------------------------------------

def test_arms_told_of_before_are_used_by_who_received_them() -> None:
    assert kinds("Iran shipped drones to the Houthis last year. The drones were first used "
                 "in an attack on a tanker in May.") == [
        ("combat", "Houthis", None), ("weapons", "Iran", "Houthis")]


def test_arms_not_told_of_before_have_no_user() -> None:
    assert kinds("Iran shipped drones to the Houthis last year. Drones were used in an "
                 "attack on a tanker in May.") == [("weapons", "Iran", "Houthis")]


# ---- a figure standing for the item told before --------------------------------------------

def _claims(text: str) -> list[tuple[str, str | None, float | None, str, str | None]]:
    return sorted((c.item or "", c.recipient, c.quantity.value if c.quantity else None,
                   c.status, c.basis) for c in extract(text, published=P))


@pytest.mark.parametrize("text", [
    "Germany has delivered four tanks to Ukraine. Eight more are on order.",
    "Germany delivered four tanks to Ukraine on Monday, with eight more to follow.",
])
def test_more_of_the_item_told_before_are_expected(text: str) -> None:
    assert _claims(text) == [("tanks", "Ukraine", 4, "done", None),
                             ("tanks", "Ukraine", 8, "expected", "additional")]


def test_more_with_no_figure_as_the_object_is_more_of_the_item_told_before() -> None:
    claims = extract("Norway has sold six patrol boats to Ghana and may sell more.",
                     published=P)
    assert sorted((c.item, c.recipient, c.status, c.basis) for c in claims) == [
        ("patrol boats", "Ghana", "done", None),
        ("patrol boats", "Ghana", "possible", "additional")]
    # "more" with a noun of its own is that noun
    claims = extract("Norway has sold six patrol boats to Ghana and may sell more of its "
                     "old frigates to Chile.", published=P)
    assert sorted((c.item, c.recipient) for c in claims) == [
        ("old frigates", "Chile"), ("patrol boats", "Ghana")]


def test_a_figure_as_the_subject_of_a_transfer_counts_the_item_told_before() -> None:
    assert _claims("Germany has delivered four tanks to Ukraine. So far, 30 have been "
                   "sent.") == [("tanks", "Ukraine", 4, "done", None),
                                ("tanks", "Ukraine", 30, "done", "cumulative")]


def test_a_figure_for_a_transfer_between_other_parties_is_not_the_item_told_before() -> None:
    assert _claims("Germany has delivered four tanks to Ukraine. In May, 30 were sent by "
                   "France to Mali.") == [("tanks", "Ukraine", 4, "done", None)]


def test_a_figure_of_the_items_named_in_the_sentence_is_their_figure() -> None:
    claims = extract("Of the new jets that Norway sold to Romania, 12 will be delivered next "
                     "year.", published=P)
    assert [(c.item, c.quantity.value if c.quantity else None) for c in claims] == [
        ("jets", 12)]


def test_a_figure_of_a_named_item_counts_that_item() -> None:
    claims = extract("Cuba has sold howitzers and rifles to Angola. So far 90 of the rifles "
                     "have been delivered, officials said.", published=P)
    assert sorted((c.item or "", c.quantity.value if c.quantity else 0) for c in claims) == [
        ("howitzers", 0), ("rifles", 0), ("rifles", 90)]


@pytest.mark.parametrize("text", [
    "Belarusian firms supply Russia with navigation and telemetry systems for its drones.",
    "Officials said Minsk is seeking re-entry vehicles from Moscow.",
    "Analysts say Russia now sells Iran cyber weapons.",
])
def test_systems_that_are_parts_of_arms_are_technology(text: str) -> None:
    assert {t for t, _, _ in kinds(text)} == {"technology"}


def test_a_figure_as_the_object_of_a_transfer_counts_the_item_named_before() -> None:
    assert _claims("Poland has already handed four MiG-29 jets to Ukraine, is preparing to "
                   "send four more, and will send another six soon.") == [
        # "already handed four": with no time of its own ("soon" is the six's) a tally
        ("mig-29 jets", "Ukraine", 4, "done", "cumulative"),
        ("mig-29 jets", "Ukraine", 4, "planned", "additional"),
        ("mig-29 jets", "Ukraine", 6, "planned", "additional")]


def test_a_figure_in_its_own_sentence_is_sent_by_its_own_subject() -> None:
    claims = extract("Denmark has pledged a total of 19 F-16s to Ukraine, while the "
                     "Netherlands has promised 24.", published=P)
    assert sorted((c.actor, c.quantity.value if c.quantity else 0, c.basis or "")
                  for c in claims) == [("Denmark", 19, "cumulative"), ("Netherlands", 24, "")]


def test_systems_named_by_a_weapon_stay_arms_in_a_list_of_components() -> None:
    claims = extract("Turkish firms supply Azerbaijan with engines, microchips and air "
                     "defense systems.", published=P)
    assert {c.item: c.type for c in claims}["air defense systems"] == "weapons"


def test_what_arms_told_before_hold_is_not_their_use_in_battle() -> None:
    assert kinds("Iran shipped drones to Russia last year. Chinese firms make the engines "
                 "used in the drones.") == [("weapons", "Iran", "Russia")]


def test_a_list_hung_on_a_word_that_moves_nothing_is_what_the_transfer_before_it_moves(
) -> None:
    text = ("A UN panel cited reports by two monitoring groups, which document a surge in arms "
            "shipments from Iran to the Houthis since March, including “rifles, mortars and "
            "anti-ship missiles.”")
    items = {c.item for c in extract(text, published=P)}
    assert items == {"rifles", "mortars", "anti-ship missiles"}


def test_arms_told_before_and_now_in_the_country_they_went_to_are_that_transfer() -> None:
    claims = extract("Paris delivered 12 Caesar howitzers to Ukraine in May. Today there are "
                     "30 such howitzers in Ukraine.", published=P)
    assert sorted((c.actor, c.recipient, c.quantity.value if c.quantity else 0, c.status)
                  for c in claims) == [("France", "Ukraine", 12, "done"),
                                       ("France", "Ukraine", 30, "done")]
    presence = extract("Iran shipped Shahed drones to Russia last year. Analysts confirmed the "
                       "aircraft's presence in the country.", published=P)
    assert [(c.actor, c.recipient) for c in presence] == [("Iran", "Russia")] * 2


@pytest.mark.parametrize("text", [
    "There are 30 such howitzers in Ukraine.",  # nothing told before
    "Iran shipped Shahed drones to Russia last year. There are 30 drones in Russia.",  # new
    "Iran shipped Shahed drones to Russia last year. The drones could soon be in Belarus.",
])
def test_arms_in_a_country_are_no_transfer_unless_told_before_as_sent_there(text: str) -> None:
    assert len(extract(text, published=P)) == 1 - text.startswith("There")


@pytest.mark.parametrize(("text", "actor"), [
    ("Kyiv accused Moscow of shelling a power plant in the south last week.", "Russia"),
    ("Officials have accused Israel of launching 200 drones in a wave of strikes on Lebanon.",
     "Israel"),
])
def test_the_one_accused_of_fighting_fights(text: str, actor: str) -> None:
    assert kinds(text) == [("combat", actor, None)]


def test_the_movement_of_arms_to_a_party_is_their_transfer() -> None:
    assert kinds("Officials in Kyiv tracked the movement of Belarusian artillery shells to "
                 "Russia by rail.") == [("munitions", "Belarus", "Russia")]


def test_retraining_the_people_of_another_party_is_training_given_to_it() -> None:
    assert ("technology", "Belarus", "Russia") in kinds(
        "Belarusian officers are retraining Russian tank crews near Minsk.")


def test_the_same_arms_told_again_as_in_the_country_add_no_claim() -> None:
    claims = extract("Paris delivered Caesar howitzers to Ukraine in May. By June the Caesar "
                     "howitzers were already in Ukraine.", published=P)
    assert len(claims) == 1


@pytest.mark.parametrize("text", [
    "Pakistan is buying rifles from China for its long fight against the insurgents.",
    "Analysts said Belarus could soon help arm Russia in its grinding fight against Ukraine.",
])
def test_a_sides_own_war_named_as_a_backdrop_is_no_combat(text: str) -> None:
    assert not [k for k in kinds(text) if k[0] == "combat"]


def test_a_named_sides_offensive_is_still_combat() -> None:
    assert ("combat", "Ukraine", None) in kinds(
        "North Korean troops arrived after Ukraine's offensive into the Kursk region.")


def test_ties_put_to_the_test_are_no_weapons_test() -> None:
    assert kinds("Relations between China and the United States have been tested by the "
                 "seizure of a tanker.") == []


@pytest.mark.parametrize("text", [
    "Norway is sending helicopters to Ukraine to improve its ability to transport "
    "soldiers to the front.",
    "Finland will send 20 armoured vehicles to Ukraine, which can be used to transport up "
    "to ten soldiers.",
])
def test_what_a_thing_can_carry_is_no_transfer(text: str) -> None:
    assert not [k for k in kinds(text) if k[0] == "personnel"]


@pytest.mark.parametrize(("text", "maker"), [
    ("Iran is helping Russia expand its drone production, Western officials say.", "Russia"),
    ("The Russians have used Chinese lathes to double its shell production, officials say.",
     "Russia"),
    ("Russia is racing to raise the output of its shells needed to keep attacking Ukraine.",
     "Russia"),
])
def test_whose_production_its_names_is_the_subject_of_its_clause(text: str,
                                                                 maker: str) -> None:
    assert {k[1] for k in kinds(text) if k[0] == "production"} == {maker}


@pytest.mark.parametrize("text", [
    "A senior senator said it would be a grave error for India to sell Russia any drones.",
    "Analysts wrote that the transfer of Russian Su-35 jets to Iran would greatly strengthen "
    "its air force.",
])
def test_a_transfer_told_only_as_a_supposition_is_no_claim(text: str) -> None:
    assert not [k for k in kinds(text) if k[0] == "weapons"]


def test_what_arms_would_supply_is_not_sent() -> None:
    text = ("Two million North Korean shells would supply Russian howitzers for a year, "
            "Mr. Kim said.")
    assert not [c for c in extract(text, published=P) if c.item == "howitzers"]


def test_a_transfer_that_could_follow_is_still_a_claim() -> None:
    assert ("personnel", "North Korea", "Russia") in kinds(
        "North Korea has sent 3,000 troops to Russia. Another transfer of troops could "
        "follow before the end of the year, officials said.")


@pytest.mark.parametrize("text", [
    "The Houthis do not have the capacity to develop and produce guided rockets, the experts "
    "wrote.",
    "Hamas lacks the capacity to manufacture long-range rockets, experts say.",
])
def test_what_a_party_has_the_capacity_to_make_is_no_production(text: str) -> None:
    assert not [k for k in kinds(text) if k[0] == "production"]


def test_a_kind_of_the_counted_item_named_after_including_is_the_same_claim() -> None:
    claims = extract("Belarus will send several hundred drones to Russia, including armed "
                     "drones, officials said.", published=P)
    assert [c.item for c in claims if c.type == "weapons"] == ["drones"]


def test_fighting_a_measure_is_meant_to_prevent_is_no_combat() -> None:
    text = ("Ukraine received the IRIS-T system from Germany. \"It will strengthen the "
            "defence and ensure that the economy of the country is not destroyed,\" he said.")
    assert not [k for k in kinds(text) if k[0] == "combat"]


@pytest.mark.parametrize("text", [
    "Two Belarusian cargo planes landed in Moscow carrying rifles and mortar shells.",
    "At least three Iranian cargo aircraft have transported drones to Russia since May.",
])
def test_a_vehicle_carrying_other_items_is_not_what_is_sent(text: str) -> None:
    assert not [c for c in extract(text, published=P)
                if (c.item or "").split()[-1] in ("planes", "aircraft")]


def test_a_maker_in_a_second_participle_of_a_description_is_no_production() -> None:
    assert kinds("The Taurus is a German cruise missile developed in the 1990s by a "
                 "Swedish firm and now manufactured by a European consortium.") == []


def test_arms_supplied_by_one_and_used_by_another_are_a_supply_and_a_use() -> None:
    assert kinds("The Storm Shadow missiles supplied by Britain were used by Ukraine against "
                 "Crimea.") == [("combat", "Ukraine", None),
                                ("weapons", "United Kingdom", "Ukraine")]


def test_arms_fired_by_a_party_are_its_use_not_their_makers() -> None:
    assert kinds("Iran's Shahed drones were fired at Kyiv by Russian forces.") == [
        ("combat", "Russia", None)]


def test_an_item_word_hyphened_to_the_next_word_only_modifies_it() -> None:
    for text in ("The package will include rifles and mine-clearing equipment for Ukraine, "
                 "Norway said.", "Norway will send Ukraine rocket-propelled grenades and rifles."):
        assert not [c for c in extract(text, published=P) if c.item in ("mine", "rocket")]


def test_what_a_payload_capacity_is_counted_in_is_not_sent() -> None:
    claims = extract("The drones, with a payload capacity of 40 kilograms of explosives, are "
                     "being delivered to the RSF by the UAE.", published=P)
    assert [c.item for c in claims] == ["drones"]


def test_a_deal_struck_is_no_strike() -> None:
    assert not [k for k in kinds("Qatar has struck what officials called the largest arms "
                                 "deal in its history with France.") if k[0] == "combat"]


@pytest.mark.parametrize(("text", "expected"), [
    ("About 30 Belarusian instructors stayed in Minsk for a year and were later deployed to "
     "Serbia.", [("personnel", "Belarus", "Serbia")]),
    ("Some Iranian drones turned up in Chad, believed to have been supplied by Iran to "
     "Chad.", [("weapons", "Iran", "Chad")]),
    ("The old tanks were repaired in Poland, and were then shipped to Ukraine by Germany.",
     [("weapons", "Germany", "Ukraine")]),
    # handed to no place named: the recipient would be guessed
    ("Some Iranian drones turned up in Sudan, believed to have been supplied by Iran to the "
     "militia.", []),
])
def test_a_subject_is_handed_over_by_the_verb_joined_to_its_own(
        text: str, expected: list[tuple[str, str, str | None]]) -> None:
    assert kinds(text) == expected


# ---- a sum given as it stands ----------------------------------------------------------------

@pytest.mark.parametrize(("text", "actor", "recipient", "value", "unit"), [
    ("Canada pledged $250 million to Ukraine on Friday.", "Canada", "Ukraine", 2.5e8, "USD"),
    ("The EU approved EUR 1.2 billion for Moldova.", "European Union", "Moldova", 1.2e9, "EUR"),
    ("Qatar transferred $300 million to Lebanon's army.", "Qatar", "Lebanon", 3e8, "USD"),
])
def test_a_sum_given_as_it_stands_is_funding_without_an_item(
        text: str, actor: str, recipient: str, value: float, unit: str) -> None:
    [claim] = extract(text, published=P)
    assert (claim.type, claim.actor, claim.recipient, claim.item) == (
        "funding", actor, recipient, None)
    assert claim.quantity is not None
    assert (claim.quantity.value, claim.quantity.unit) == (value, unit)


@pytest.mark.parametrize("text", [
    "Canada pledged $250 million in military aid to Ukraine.",  # the aid is the item
    "Each of the drones costs about $20,000.",  # a price, given by nobody
    "Norway will buy 12 tanks worth $400 million from Germany.",  # the tanks' value
])
def test_a_sum_beside_its_item_or_no_gift_makes_no_bare_funding_claim(text: str) -> None:
    assert not any(c.type == "funding" and c.item is None for c in extract(text, published=P))


def test_a_sides_own_stock_a_few_words_on_is_not_sent() -> None:
    text = ("Korean shells reach the Russians by train while Ukraine's gunners husband their "
            "own dwindling supply of shells.")
    assert [c.item for c in extract(text, published=P) if c.type == "munitions"] == [
        "korean shells"]


@pytest.mark.parametrize(("text", "expected"), [
    ("North Korea has provided Russia with 11,000 troops.",
     [("personnel", "North Korea", "Russia")]),
    ("China has provided Pakistan with 40 stealth fighters.",
     [("weapons", "China", "Pakistan")]),
])
def test_people_after_with_beside_the_verbs_object_are_what_is_given(
        text: str, expected: list[tuple[str, str, str | None]]) -> None:
    assert kinds(text) == expected


@pytest.mark.parametrize("text", [
    "The Philippine coast guard has been using the new boats to patrol the shoal.",
    "Ukraine has used the helicopters to evacuate wounded soldiers from Bakhmut.",
])
def test_arms_used_for_a_purpose_that_is_no_fighting_are_no_combat(text: str) -> None:
    assert not any(k[0] == "combat" for k in kinds(text))


def test_arms_used_to_strike_are_combat() -> None:
    assert ("combat", "Russia", None) in kinds("Russia used Iranian drones to strike power "
                                               "plants near Kyiv.")


@pytest.mark.parametrize(("text", "item"), [
    ("Canada shipped Harpoon missiles to Kyiv last spring, and the Ukrainian navy fired "
     "them at a landing ship in May.", "harpoon missiles"),
    ("The howitzer won fame in 2023, when Ukraine used it against Russian positions.",
     "howitzer"),
])
def test_a_pronoun_fired_or_used_stands_for_the_arms_named_before(text: str, item: str) -> None:
    assert [(c.type, c.actor, c.item) for c in extract(text, published=P)
            if c.type == "combat"] == [("combat", "Ukraine", item)]


def test_a_year_just_before_the_fighting_is_no_count_of_it() -> None:
    combat = [c for c in extract("The howitzer won fame in 2023, when Ukraine used it against "
                                 "Russian positions.", published=P) if c.type == "combat"]
    assert [c.quantity for c in combat] == [None]


def test_a_pronoun_used_for_no_fighting_is_no_combat() -> None:
    assert not any(c.type == "combat" for c in extract(
        "The coast guard bought two patrol drones and used them to survey the bay.",
        published=P))


def test_an_item_joined_without_a_comma_is_no_second_name_of_the_one_before() -> None:
    text = "Minsk has already sent 152mm towed guns and 120mm self-propelled mortars to Russia."
    assert {c.item for c in extract(text, published=P)} >= {"mortars"}


def test_an_item_parsed_as_the_modifier_of_an_item_joined_to_it_is_an_item_of_its_own(
        ) -> None:
    sent = extract("Minsk delivered artillery and cruise missiles to Moscow.", published=P)
    assert {c.item for c in sent} == {"artillery", "cruise missiles"}
    made = extract("Officials said Belarus is expanding production of artillery and cruise "
                   "missiles.", published=P)
    assert {c.item for c in made if c.type == "production"} == {"artillery", "cruise missiles"}


def test_a_container_named_in_the_subjects_phrase_is_not_a_claim_its_contents_are() -> None:
    text = ("Britain announced a new aid package for Kyiv on Monday. Other items in the "
            "package include 300 Brimstone missiles and $50 million worth of drone parts.")
    claims = extract(text, published=P)
    assert [c.item for c in claims if c.item and c.item.endswith("package")] == ["aid package"]
    assert {c.status for c in claims if c.item in ("brimstone missiles", "drone parts")} == \
        {"pledged"}


def test_what_a_sent_item_is_equipped_with_is_part_of_it_not_a_second_claim() -> None:
    # the parser tags "equipped" as a past tense here: the participle is read all the same
    text = ("Yemeni officials said on Sunday that Iran has been supplying the Houthis with "
            "advanced, long-range drones equipped with guided missiles.")
    claims = extract(text, published=P)
    assert [(c.item, c.status) for c in claims] == [("long-range drones", "ongoing")]


def test_arms_sent_against_a_target_are_used_in_battle() -> None:
    """"sent at least 11 drones against the naval base": an attack, not a delivery."""
    claims = extract("On Tuesday the RSF sent at least 11 drones against the naval base in "
                     "Port Sudan.", published=P)
    assert [(c.type, c.actor, c.recipient, c.item) for c in claims] == [
        ("combat", "Rapid Support Forces", None, "drones")]


def test_arms_named_after_against_are_fought_off_not_sent() -> None:
    claims = extract("Germany gave Ukraine IRIS-T systems to protect its cities against "
                     "Russian drones and missiles.", published=P)
    assert [(c.actor, c.recipient, c.item) for c in claims] == [
        ("Germany", "Ukraine", "iris-t systems")]


def test_fighters_named_by_a_jet_model_are_bought_not_receiving() -> None:
    """"signed for 12 French Rafale fighters": the model names jets, so they are what the
    deal buys, not people receiving something."""
    claims = extract("Last August, Serbia signed for 12 French Rafale fighters.", published=P)
    assert [(c.type, c.actor, c.recipient, c.item) for c in claims] == [
        ("weapons", "France", "Serbia", "rafale fighters")]


@pytest.mark.parametrize("text, fighters", [
    ("The drone that struck the base in Syria was launched by Kataib Hezbollah.",
     [("combat", "Kataib Hezbollah", None)]),
    ("Strikes that cut supply routes to Hezbollah in Lebanon were made public on Sunday.", []),
    ("The film showed rockets of the kind used in the Houthis' recent attacks on ships.",
     [("combat", "Houthis", None)]),
])
def test_a_party_named_as_a_place_is_no_fighter(
        text: str, fighters: list[tuple[str, str, str | None]]) -> None:
    """A party after "in" that is where the fighting was is no side of it; a possessive after
    "in" ("used in the Houthis' attacks") still owns the attacks."""
    assert [k for k in kinds(text) if k[0] == "combat"] == fighters


@pytest.mark.parametrize("text, item", [
    ("The Philippines ordered 12 more FA-50 fighters from South Korea.", "fa-50 fighters"),
    ("Laos took delivery of four Yak-130 jet trainers from Russia.", "yak-130 jet trainers"),
    ("Bangladesh is buying L-15 trainers from China.", "l-15 trainers"),
])
def test_fighters_or_trainers_named_by_a_model_are_aircraft(text: str, item: str) -> None:
    """A designator before "fighters" or "trainers" names a machine, not people."""
    assert [(c.type, c.item) for c in extract(text, published=P)] == [("weapons", item)]


def test_fighters_of_a_group_named_without_a_designator_stay_people() -> None:
    assert kinds("Rwanda sent M23 fighters to Goma, UN experts said.")[0][0] != "weapons"


def test_what_arrives_along_with_the_item_arrives_too() -> None:
    text = ("Twelve Leopard tanks from Germany arrived in Ukraine on Friday along with 20 Marder "
            "infantry fighting vehicles.")
    assert [(c.actor, c.recipient, c.item) for c in extract(text, published=P)] == [
        ("Germany", "Ukraine", "leopard tanks"),
        ("Germany", "Ukraine", "marder infantry fighting vehicles")]


def test_a_belligerents_own_troops_handed_to_another_party_are_sent() -> None:
    """"Ukrainian soldiers" are their own side's forces, no transfer; "Moscow has sent 400
    Russian troops to Niger" hands them to another party named."""
    assert [(c.type, c.actor, c.recipient) for c in extract(
        "Moscow has sent 400 Russian troops to Niger.", published=P)] == [
        ("personnel", "Russia", "Niger")]
    assert not any(c.type == "personnel" for c in extract(
        "Ukraine moved 400 Ukrainian soldiers to the Kharkiv region.", published=P))


def test_the_one_accused_of_strikes_carries_them_out() -> None:
    """"accused Chad of flying air strikes": the accused strikes (a noun after "of", as
    a gerund: "accused Chad of shelling")."""
    text = "The rebels have accused Chad of flying air strikes near the border."
    assert {(c.type, c.actor) for c in extract(text, published=P)
            if c.type == "combat"} == {("combat", "Chad")}


def test_a_figure_standing_for_model_named_fighters_counts_jets() -> None:
    text = ("Egypt ordered eight MiG-35 fighters from Russia in 2021, and the first three "
            "arrived in May.")
    assert {k[0] for k in kinds(text)} == {"weapons"}


@pytest.mark.parametrize(("text", "kind"), [
    ("Canada has halted all deliveries of military aid to Ukraine.", "weapons"),
    ("Canada pledged $400 million in military aid to Ukraine.", "funding"),
])
def test_military_aid_without_a_sum_is_arms(text: str, kind: str) -> None:
    """"stopped the delivery of military aid": with no sum in the sentence, the aid is the
    arms that travel; with one, it is the money."""
    assert kinds(text) == [(kind, "Canada", "Ukraine")]


@pytest.mark.parametrize(("text", "kind"), [
    ("The State Department approved the sale of 400 JDAM guidance kits to Greece.",
     "munitions"),
    ("Serbian firms have sold artillery fuzes to Myanmar's junta.", "technology"),
])
def test_guidance_kits_are_munitions_and_fuzes_components(text: str, kind: str) -> None:
    """A guidance kit makes a bomb a guided bomb (a munition); a fuze is a part of a round."""
    assert {k[0] for k in kinds(text)} == {kind}


@pytest.mark.parametrize("text", [
    "The United States sent 1,800 bombs to Israel. Rights groups say Israel dropped the "
    "bombs on crowded parts of Gaza.",
    "The United States sent 1,800 bombs to Israel. The bombs could do great damage in "
    "densely populated parts of the region.",
])
def test_a_part_of_a_place_is_no_spare_part(text: str) -> None:
    assert "technology" not in {k[0] for k in kinds(text)}


def test_parts_of_arms_are_still_parts() -> None:
    assert ("technology", "Iran", "Russia") in kinds("Iran sent spare parts of Shahed "
                                                     "drones to Russia.")


@pytest.mark.parametrize(("text", "items"), [
    ("Iran gifted Russia the Bavar-373 missile system, similar to the Russian S-300.",
     {"bavar-373 missile system"}),
    ("Sweden will send Ukraine its Strv 121 tanks, which are based on the Leopard 2A5.",
     {"tanks"}),
])
def test_what_an_item_is_likened_to_is_no_item_sent(text: str, items: set[str]) -> None:
    assert {c.item for c in extract(text, published=P)} == items


def test_one_figure_over_two_arms_fired_is_one_combat_claim() -> None:
    """"fired more than 100 missiles and drones": one number over both, one claim (as for
    a transfer); two figures are two claims."""
    one = [c for c in extract("The Houthis have fired more than 100 missiles and drones at "
                              "Israel since March.", published=P) if c.type == "combat"]
    assert [(c.item, c.quantity and c.quantity.lower) for c in one] == [
        ("missiles and drones", 100)]
    two = [c for c in extract("Russia fired 40 missiles and 60 drones at Kyiv overnight.",
                              published=P) if c.type == "combat"]
    assert len(two) == 2


def test_a_broad_word_whose_clause_lists_specific_items_introduces_them() -> None:
    """"around 1,000 weapons that include ballistic missiles and attack drones": the
    specific items are the claims, the broad word introduces them."""
    items = {c.item for c in extract("Iran will send Russia around 1,000 weapons that include "
                                     "ballistic missiles and attack drones.", published=P)}
    assert "weapons" not in items


def test_air_defence_squadrons_ordered_from_a_state_are_arms_it_sells() -> None:
    """"squadrons" alone is no item (a unit of an air force); an air defence squadron is a
    set of systems sold whole ("four S-400 air defence squadrons it ordered from Russia")."""
    text = ("Egypt is still waiting for the last three of four S-400 air defence squadrons "
            "it ordered from Russia in 2021.")
    assert [(c.type, c.actor, c.recipient, c.item) for c in extract(text, published=P)] == [
        ("weapons", "Russia", "Egypt", "s-400 air defence squadrons")]


def test_a_firm_named_technology_is_no_technology_sent() -> None:
    """"companies such as Wuhan Global Sensor Technology are providing optics": the firm's
    name ends in "Technology"; what it provides is the item."""
    text = ("Chinese firms such as Harbin Optical Technology and Xian Laser Electronics are "
            "selling thermal optics to Russia.")
    assert {c.item for c in extract(text, published=P)} == {"thermal optics"}
    assert {c.item for c in extract("China is providing drone technology to Russia.",
                                    published=P)} == {"drone technology"}


def test_a_bloc_named_before_a_singular_member_noun_is_one_member_not_the_bloc() -> None:
    """"the first European country to ...", "Europe's most X army": one member of the bloc,
    not the bloc; "it" that follows is the state named, not the bloc."""
    text = ("Tanks keep arriving for Europe's most Beijing-friendly army\n"
            "Hungary has become the first European country to field Chinese tanks. "
            "It took delivery of 30 VT-4 tanks from China in 2024.")
    assert {(c.actor, c.recipient) for c in extract(text, published=P)
            if c.type == "weapons"} == {("China", "Hungary")}


def test_a_list_member_with_its_own_from_phrase_is_sent_by_that_party() -> None:
    """"TB2s from Turkey, Wing Loongs from China and Mohajer-6s from Iran": each item's own
    "from" names its seller, however the parse hangs the list."""
    text = ("Last year Kenya bought drones from two suppliers: Bayraktar TB2s from Turkey "
            "and Mohajer-6s from Iran.")
    got = {(c.actor, c.item) for c in extract(text, published=P)}
    assert ("Iran", "mohajer-6s") in got and ("Turkey", "mohajer-6s") not in got


@pytest.mark.parametrize("text", [
    "Chile kept shipping rifles to Peru in the weeks around Bolivia's offensive.",
    "Peru and Chile held joint drills near Lima in May, days before the offensive began.",
    "Spain approved arms exports to Chile between the Peruvian attack of March 2024 and "
    "June this year.",
])
def test_fighting_that_only_dates_another_event_is_no_combat_claim(text: str) -> None:
    assert not [c for c in extract(text, published=P) if c.type == "combat"]


@pytest.mark.parametrize("text", [
    "The prime minister said Georgia was fighting for the freedom of the whole region.",
    "The new helicopters will strengthen Niger's army in the fight against terrorism.",
    "A Swiss howitzer fires during a demonstration at the Thun training area.",
])
def test_a_fight_for_a_cause_or_a_display_firing_is_no_combat_claim(text: str) -> None:
    assert not [c for c in extract(text, published=P) if c.type == "combat"]


def test_fighting_told_as_news_is_still_combat() -> None:
    assert [c.type for c in extract("Georgian forces fought rebel units near Gori on Monday.",
                                    published=P)] == ["combat"]


def test_the_battlefield_as_a_setting_is_no_combat_claim() -> None:
    text = "New rifles can take months to arrive on the battlefield, Estonian officials said."
    assert not [c for c in extract(text, published=P) if c.type == "combat"]


def test_people_provided_with_arms_receive_them_and_are_not_sent() -> None:
    """"provide the Armed Forces of Ghana with patrol boats": the forces receive."""
    text = "Norway will provide the Armed Forces of Ghana with four patrol boats."
    assert [c.type for c in extract(text, published=P)] == ["weapons"]


@pytest.mark.parametrize("text", [
    "Brazil says it has the right to sell rifles to any country it chooses.",
    "The contract bars Chile from passing the missiles on to third parties.",
])
def test_a_transfer_to_no_one_in_particular_is_no_claim(text: str) -> None:
    assert extract(text, published=P) == []


def test_arms_used_in_a_partys_strikes_are_used_by_that_party_not_their_maker() -> None:
    text = "Turkish-made drones were used in Ethiopia's strikes on rebel towns last month."
    assert {(c.type, c.actor) for c in extract(text, published=P)
            if c.type == "combat"} == {("combat", "Ethiopia")}


def test_a_round_of_something_is_a_batch_not_ammunition() -> None:
    claims = extract("Iran delivered a first round of attack drones to Sudan.", published=P)
    assert [(c.type, c.item) for c in claims] == [("weapons", "attack drones")]
    assert [c.type for c in extract("Egypt sent 5,000 rounds to Sudan.", published=P)] == [
        "munitions"]


def test_an_item_inside_the_phrase_naming_the_evidence_is_no_transfer() -> None:
    text = ("Russia shipped fuel to Syria last year, according to satellite imagery studied "
            "by a research group.")
    assert [c.item for c in extract(text, published=P)] == ["fuel"]


def test_an_item_word_inside_an_institution_name_is_no_item() -> None:
    text = "Chile's minister met a delegation of the Ministry of the Armed Forces of Peru."
    assert extract(text, published=P) == []


def test_people_told_only_as_the_dead_are_no_deployment() -> None:
    text = "Paris is weighing a response after the deaths of two French soldiers in Mali."
    assert not [c for c in extract(text, published=P) if c.type == "personnel"]


def test_the_country_is_the_party_named_as_a_noun_not_a_demonym_on_an_item() -> None:
    text = ("Egypt will receive 30 French Rafale jets, weeks after the country's air force "
            "used French-made missiles against militants.")
    assert {c.actor for c in extract(text, published=P) if c.type == "combat"} == {"Egypt"}


def test_drills_only_watched_are_not_the_watchers_exercise() -> None:
    text = "Finland and Estonia said they would watch the exercises closely."
    assert extract(text, published=P) == []
