"""Who sends and who receives (``passes/parties.py``, ``passes/document_parties.py``,
``passes/mentions.py`` for datelines): short texts written for these tests, each naming a
construction that the corpora showed read with the wrong parties."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from supplyline import Claim, extract

P = "2025-07-03"


@pytest.fixture(scope="module", autouse=True)
def warm_up() -> Iterator[None]:
    extract("North Korea sent troops to Russia.", published=P)
    yield


def parties_of(text: str, head: str) -> set[tuple[str, str | None, str | None]]:
    """(type, actor, recipient) of every claim whose item ends with ``head``."""
    claims: list[Claim] = extract(text, published=P)
    return {(c.type, c.actor, c.recipient) for c in claims
            if (c.item or "").split()[-1:] == [head]}


def test_a_buyer_in_a_second_clause_does_not_take_the_first_clause_subject() -> None:
    text = ("Chile agreed in 2022 to buy 12 Hermes drones. Peru bought 6 drones from Israel "
            "in 2019, and Bolivia has received the 8 drones it ordered from Israel in 2020.")
    assert ("weapons", "Chile", "Bolivia") not in parties_of(text, "drones")
    assert ("weapons", "Israel", "Bolivia") in parties_of(text, "drones")


def test_the_items_own_clause_of_buying_names_its_seller() -> None:
    text = ("Chad bought three jets from Italy, and Ghana has now received the four "
            "helicopters it ordered from Brazil in 2023.")
    assert parties_of(text, "helicopters") == {("weapons", "Brazil", "Ghana")}


@pytest.mark.parametrize(("text", "item", "helper", "helped"), [
    ("Turkey has helped Qatar to develop its own armed drones.", "armed drones", "Turkey",
     "Qatar"),
    ("Belgian engineers are helping Poland build the new rocket launchers.",
     "rocket launchers", "Belgium", "Poland"),
])
def test_who_helps_a_party_make_arms_gives_it_the_know_how(text: str, item: str, helper: str,
                                                          helped: str) -> None:
    claims = extract(text, published=P)
    assert [(c.type, c.actor, c.recipient, c.item) for c in claims] == [
        ("technology", helper, helped, item)]  # not the helped party's production


def test_a_dateline_names_where_the_story_was_filed_not_a_sender() -> None:
    text = ("LIMA, Peru — Brazil has delivered 20 armoured vehicles to Bolivia, "
            "officials said on Monday.")
    assert parties_of(text, "vehicles") == {("weapons", "Brazil", "Bolivia")}


def test_a_datelines_date_is_not_the_claims_time() -> None:
    claims = extract("TAIPEI, Nov 13 (Harbour Wire) — Taiwan has received 11 HIMARS launchers "
                     "from the United States, the ministry said on Wednesday.", published=P)
    assert [(c.actor, c.recipient, c.when) for c in claims] == [
        ("United States", "Taiwan", None)]


def test_what_is_announced_is_the_announcers_to_give() -> None:
    text = ("Canada announced C$500 million of new military aid for Ukraine on Monday, "
            "including 200 armoured vehicles and 40 howitzers.")
    assert ("weapons", "Canada", "Ukraine") in parties_of(text, "howitzers")


def test_the_subject_of_a_verb_governing_a_purchase_buys() -> None:
    text = ("The Indonesian air force approved the purchase of 42 French Rafale jets "
            "on Thursday.")
    assert ("weapons", "France", "Indonesia") in parties_of(text, "jets")


def test_they_after_a_speaker_buys_when_the_verb_is_a_purchase() -> None:
    text = "Vietnamese officials said they may buy 20 patrol boats from India next year."
    assert parties_of(text, "boats") == {("weapons", "India", "Vietnam")}


def test_it_after_warned_x_is_x() -> None:
    text = ("The United States warned Egypt that it should not buy Russian Su-35 fighter "
            "jets, officials said.")
    assert parties_of(text, "jets") == {("weapons", "Russia", "Egypt")}


def test_the_agent_of_a_shipping_clause_inside_the_item_sends() -> None:
    text = ("Libyan forces have received armoured trucks made by Turkish firms, which were "
            "shipped to them by Qatar, a UN panel said on Tuesday.")
    assert parties_of(text, "trucks") == {("weapons", "Qatar", "Libya")}


def test_a_quoted_we_that_receives_is_the_speakers_side() -> None:
    text = ("Estonian Defence Minister Hanno Pevkur spoke in Tallinn on Monday. \"We have "
            "received 12 howitzers from South Korea, and all of them are in service,\" "
            "the Estonian minister said.")
    assert ("weapons", "South Korea", "Estonia") in parties_of(text, "howitzers")


def test_an_exchange_phrase_with_its_own_verb_keeps_that_verbs_parties() -> None:
    text = ("Russia is upgrading Belarus's air defence network in exchange for sending "
            "troops to support Russia, officials said.")
    assert ("personnel", "Belarus", "Russia") in parties_of(text, "troops")


def test_an_exchange_phrase_naming_its_sender() -> None:
    text = ("Belarus has supplied Russia with 500 trucks in exchange for technical support "
            "from Moscow, the opposition said.")
    assert parties_of(text, "support") == {("technology", "Russia", "Belarus")}


def test_its_air_defences_are_the_speakers() -> None:
    text = ("Pakistan's army said its air defences shot down three Indian drones near "
            "Lahore on Sunday.")
    assert parties_of(text, "drones") == {("combat", "Pakistan", None)}


def test_the_side_of_those_who_think_so_does_not_receive() -> None:
    text = ("Australian officials think Japan could supply fuel to Vietnam "
            "under the new agreement.")
    assert parties_of(text, "fuel") == {("funding", "Japan", "Vietnam")}


def test_what_a_barter_deal_pays_for_flows_the_other_way() -> None:
    text = "Analysts believe Laos could send rice to Cambodia in a barter deal for Khmer rifles."
    assert ("weapons", "Cambodia", "Laos") in parties_of(text, "rifles")


def test_a_verb_inside_an_exchange_phrase_sends_every_conjoined_item() -> None:
    text = ("The plan would upgrade Laos's air defences in exchange for sending troops "
            "or rifles to help Vietnam.")
    assert ("weapons", "Laos", "Vietnam") in parties_of(text, "rifles")


def test_an_item_that_is_the_subject_of_its_own_clause_is_not_sent_by_the_main_verb() -> None:
    text = ("Spain supplied Portugal with diesel fuel in May, while about 3,000 "
            "Portuguese workers are employed in Spain.")
    assert parties_of(text, "workers") == set()


def test_a_passive_of_giving_read_as_a_copula_makes_its_subject_the_recipient() -> None:
    text = 'Chile was also "gifted" with the Peruvian-made Andes-5 missile system, a source said.'
    assert ("weapons", "Peru", "Chile") in parties_of(text, "system")


def test_the_owner_of_what_is_sent_sends_it() -> None:
    text = "The treaty allows Spain's Meteor-4 missile system to be stationed in Portugal."
    assert parties_of(text, "system") == {("weapons", "Spain", "Portugal")}


def test_the_owner_of_what_is_replenished_receives_it() -> None:
    assert parties_of("Cuba pledged to replenish Angola's ammunition.", "ammunition") == {
        ("munitions", "Cuba", "Angola")}


def test_a_joint_subject_without_a_figure_is_one_claim_with_the_first_named() -> None:
    text = "Chile and Peru have made a firm commitment to provide F-5 jets to Bolivia."
    assert parties_of(text, "jets") == {("weapons", "Chile", "Bolivia")}


def test_a_joint_subject_with_a_stated_total_is_one_claim_each() -> None:
    text = "Chile and Peru will send a total of 28 tanks to Bolivia."
    assert parties_of(text, "tanks") == {("weapons", "Chile", "Bolivia"),
                                         ("weapons", "Peru", "Bolivia")}


def test_senders_named_after_the_predicate_are_one_claim_each() -> None:
    text = "Bolivia has received its first F-5 jets from Chile and Peru."
    assert parties_of(text, "jets") == {("weapons", "Chile", "Bolivia"),
                                        ("weapons", "Peru", "Bolivia")}


def test_the_side_named_on_the_people_of_a_deployment_sends_them() -> None:
    text = ("Angola has been fighting the rebels since 1975. The pact has also included "
            "the deployment of Cuban soldiers.")
    assert ("personnel", "Cuba", "Angola") in parties_of(text, "deployment")


def test_a_party_the_document_shows_receiving_receives_again_from_its_sender() -> None:
    text = ("Cuba has delivered 40 tanks to Angola, officials said. Angola is now deploying "
            "the tank shipments along the border.")
    assert ("weapons", "Angola", "Cuba") not in parties_of(text, "tank")
    assert ("weapons", "Cuba", "Angola") in parties_of(text, "tank")


def test_the_possessor_of_a_supplier_noun_is_the_one_supplied() -> None:
    assert parties_of("Analysts say Belarus has become Russia's main supplier of shells.",
                      "shells") == {("munitions", "Belarus", "Russia")}


def test_what_an_arriving_item_reaches_is_its_destination_not_a_thing_given() -> None:
    text = ("Analysts estimate that a further 2 million rifle cartridges will reach Angola "
            "in the coming months, adding to Cuba's military contributions.")
    assert ("munitions", "Cuba", "Angola") in parties_of(text, "cartridges")


def test_a_headline_kickers_party_is_the_setting_not_the_sender() -> None:
    text = "Sudan war: Egypt’s Madbouly gives ‘firm backing’ to Khartoum with new drones"
    assert parties_of(text, "drones") == {("weapons", "Egypt", "Sudan")}


def test_a_currency_written_with_a_states_letters_names_no_party() -> None:
    text = "Funding rose to US$2 billion. It will provide new drones to Moldova."
    assert ("weapons", "United States", "Moldova") not in parties_of(text, "drones")


def test_who_begins_a_delivery_sends_the_made_elsewhere_item() -> None:
    text = "Peru and Chile have begun the delivery of Brazilian-built patrol boats to Ecuador."
    assert ("weapons", "Brazil", "Ecuador") not in parties_of(text, "boats")
    assert ("weapons", "Peru", "Ecuador") in parties_of(text, "boats")


def test_a_seller_inside_the_buyers_purpose_phrase_still_sells() -> None:
    text = "Chile received tanks for its army from Brazil."
    assert parties_of(text, "tanks") == {("weapons", "Brazil", "Chile")}


def test_a_clause_hung_on_the_accusers_is_the_claim_not_their_words() -> None:
    text = ("Chad has been accused by senior UN officials of fuelling the war by supplying "
            "rifles to the Rapid Support Forces. Analysts say Chad also sent trucks to a "
            "Sudanese militia.")
    assert parties_of(text, "rifles") == {("weapons", "Chad", "Rapid Support Forces")}


def test_a_typographic_hyphen_is_read_as_a_hyphen_and_kept_in_the_evidence() -> None:
    text = ("Chad and Libya began the delivery of Russian\u2011made rifles to the Rapid "
            "Support Forces.")
    [claim] = extract(text, published=P)
    assert (claim.actor, claim.recipient) == ("Chad", "Rapid Support Forces")
    assert claim.evidence[0].text == text


def test_a_buyer_of_a_named_system_buys_from_its_maker() -> None:
    assert parties_of("Ethiopia has ordered Bayraktar TB2 drones.", "drones") == {
        ("weapons", "Turkey", "Ethiopia")}


def test_a_maker_named_on_an_item_gives_way_to_the_documents_sender() -> None:
    text = ("Egypt has sent Libya dozens of armoured vehicles, officials said. "
            "According to the officials, the latest shipments to Libya include mortars and "
            "Turkish-made rocket launchers.")
    assert parties_of(text, "launchers") == {("weapons", "Egypt", "Libya")}
    # with no one else shown sending, the maker stays the sender
    alone = "Libya received Turkish-made rocket launchers last month, officials said."
    assert parties_of(alone, "launchers") == {("weapons", "Turkey", "Libya")}


def test_a_party_inside_a_phrase_hung_on_the_buyers_for_does_not_receive() -> None:
    for text in ("Russia is buying drones from Iran for its long campaign in Ukraine.",
                 "Russia is buying drones from Iran for the units it has massed near Ukraine."):
        assert parties_of(text, "drones") == {("weapons", "Iran", "Russia")}


def test_an_announcer_does_not_send_what_another_subjects_clause_gives() -> None:
    text = ("Belgium has announced its intention to give Ukraine 40 trucks, while Norway "
            "has committed to donating six F-16 jets to the country.")
    assert parties_of(text, "jets") == {("weapons", "Norway", "Ukraine")}
    assert parties_of(text, "trucks") == {("weapons", "Belgium", "Ukraine")}


@pytest.mark.parametrize(("text", "head", "group"), [
    ("Iran has sent thousands of rockets to Hezbollah. The unit smuggles weapons into "
     "Lebanon from Iran.", "weapons", "Hezbollah"),
    ("The UAE has sent rifles to the RSF for two years. Investigators say the UAE sent "
     "drones to a Sudanese militia this year.", "drones", "Rapid Support Forces"),
])
def test_a_state_named_as_where_an_armed_group_is_gives_way_to_that_group(
        text: str, head: str, group: str) -> None:
    assert {k[2] for k in parties_of(text, head)} == {group}


@pytest.mark.parametrize(("text", "head", "payer"), [
    ("Oslo said the supply of French howitzers and mortars to Ukraine will be financed "
     "through a new Norwegian donation.", "howitzers", "Norway"),
    ("The delivery of Czech shells to Ukraine is being funded by Canada, officials said.",
     "shells", "Canada"),
])
def test_who_pays_for_a_transfer_told_as_financed_sends_it(text: str, head: str,
                                                           payer: str) -> None:
    assert {k[1] for k in parties_of(text, head)} == {payer}


def test_a_transfer_with_its_giver_named_stays_the_givers_when_others_confirm_it() -> None:
    """"Iran's delivery ... was confirmed by Western officials": they report it; the
    delivery is Iran's."""
    [claim] = extract("Iran's delivery of ballistic missiles to Russia was confirmed by "
                      "Western officials.", published="2025-01-01")
    assert (claim.actor, claim.recipient) == ("Iran", "Russia")


def test_a_joined_clause_with_its_own_subject_does_not_make_the_first_subject_receive(
        ) -> None:
    text = ("Norway will send 12 howitzers to Ukraine and the US has shipped 20 armoured "
            "personnel carriers.")
    assert {(c.item, c.actor, c.recipient) for c in extract(text, published=P)} == {
        ("howitzers", "Norway", "Ukraine"),
        ("armoured personnel carriers", "United States", "Ukraine")}


@pytest.mark.parametrize("text", [
    "Kupol is now assembling hundreds of attack drones each month.",
    "Engineers say Alabuga is producing Geran drones from parts shipped from Iran.",
])
def test_a_plant_named_as_the_maker_makes_for_the_state_it_is_in(text: str) -> None:
    made = {(c.type, c.actor) for c in extract(text, published=P) if c.type == "production"}
    assert made == {("production", "Russia")}


@pytest.mark.parametrize(("text", "head", "sender"), [
    ("Tokyo said on Friday that Pyongyang has sent more rocket launchers.", "launchers",
     "North Korea"),
    ("Kyiv says Tehran has shipped a new batch of attack drones.", "drones", "Iran"),
])
def test_a_state_named_once_as_the_speaker_does_not_receive(text: str, head: str,
                                                            sender: str) -> None:
    assert parties_of(text, head) == {("weapons", sender, "Russia")}


@pytest.mark.parametrize("text", [
    "Taiwan took delivery of 38 Abrams tanks from the United States.",
    "Taiwan accepted delivery of 38 Abrams tanks from the United States last week.",
])
def test_who_takes_delivery_receives(text: str) -> None:
    """"took delivery of ... from": the subject of the receiving phrase receives, and the
    "from" on its verb names the sender."""
    assert parties_of(text, "tanks") == {("weapons", "United States", "Taiwan")}


def test_the_state_leading_an_initiative_sends_what_it_delivers() -> None:
    """"The Czech-led initiative delivered ...": a "-led" form names the party that acts."""
    text = "The Czech-led initiative delivered 800,000 shells to Ukraine in the spring."
    assert parties_of(text, "shells") == {("munitions", "Czech Republic", "Ukraine")}


@pytest.mark.parametrize(("text", "head", "expected"), [
    ("Poland signed a contract with South Korea for 180 K2 tanks.", "tanks",
     ("weapons", "South Korea", "Poland", "pledged")),
    ("Poland placed an order for 96 Apache helicopters from the United States.", "helicopters",
     ("weapons", "United States", "Poland", "pledged")),
    ("Egypt has a deal with France for 30 more Rafale jets.", "jets",
     ("weapons", "France", "Egypt", "pledged")),
])
def test_a_deal_for_items_is_sold_by_the_party_it_is_made_with(
        text: str, head: str, expected: tuple[str, str, str, str]) -> None:
    """A contract, order or deal "for" items promises them: the party it is made with (or
    from) sells, the one who signs or holds it buys."""
    claims = [c for c in extract(text, published=P) if (c.item or "").endswith(head)]
    assert [(c.type, c.actor, c.recipient, c.status) for c in claims] == [expected]


def test_a_deal_list_the_parse_breaks_after_a_comma_is_bought_whole() -> None:
    """The parse hangs "96 K9 howitzers" on the verb (and the rest on it by conj): each
    member of the list after "for" is in the deal all the same."""
    text = ("In March 2024 Norway signed framework agreements with Berlin for up to 200 Leopard "
            "tanks, 96 K9 howitzers, 40 Chunmoo rocket launchers and 12 light combat aircraft.")
    assert [(c.actor, c.recipient, c.item) for c in extract(text, published=P)] == [
        ("Germany", "Norway", "leopard tanks"), ("Germany", "Norway", "k9 howitzers"),
        ("Germany", "Norway", "chunmoo rocket launchers"),
        ("Germany", "Norway", "light combat aircraft")]


def test_the_deal_a_pronoun_signed_names_its_seller() -> None:
    text = ("Finland needs more artillery. In May it signed agreements with Seoul for 96 K9 "
            "howitzers.")
    assert parties_of(text, "howitzers") == {("weapons", "South Korea", "Finland")}


def test_an_order_with_no_party_to_it_is_no_deal() -> None:
    assert extract("Contractors book orders for new weapons for Ukraine.", published=P) == []


@pytest.mark.parametrize("text", [
    "Zelensky thanked Germany for the Patriot systems it delivered.",
    "Ukraine thanked Germany for the three Patriot systems.",
])
def test_the_party_thanked_for_arms_gave_them(text: str) -> None:
    """"X thanked Germany for the Patriot systems": Germany gave them, X received them."""
    assert parties_of(text, "systems") == {("weapons", "Germany", "Ukraine")}


def test_every_item_of_a_list_a_deal_is_for_is_bought() -> None:
    """"agreements ... for 1,000 K2 tanks, 672 K9 howitzers and 48 FA-50 aircraft": the parse
    hangs the second by apposition; each counted item of the list is in the deal."""
    text = ("Poland signed agreements with Seoul for 1,000 K2 tanks, 672 K9 howitzers and 48 "
            "FA-50 aircraft.")
    claims = extract(text, published=P)
    assert [(c.actor, c.recipient, c.item, c.quantity.value if c.quantity else None)
            for c in claims] == [("South Korea", "Poland", "k2 tanks", 1000),
                                 ("South Korea", "Poland", "k9 howitzers", 672),
                                 ("South Korea", "Poland", "fa-50 aircraft", 48)]


@pytest.mark.parametrize("text, item, actor, recipient, bought", [
    ("Brazil signed a $300 million contract with Israel's Elbit for 36 howitzers.",
     "contract", "Israel", "Brazil", ["howitzers"]),
    ("Qatar signed a $12 billion deal with the United States for 36 F-15 jets.",
     "deal", "United States", "Qatar", ["f-15 jets"]),
    ("Washington approves $1.5 billion arms sale to Manila", "arms sale", "United States",
     "Philippines", []),
    ("The State Department approved the possible sale to Manila of 20 F-16 jets at an "
     "estimated value of $5.6 billion.", "possible sale", "United States", "Philippines",
     ["f-16 jets"]),
])
def test_a_deal_for_arms_with_its_value_is_a_claim_beside_what_it_buys(
        text: str, item: str, actor: str, recipient: str, bought: list[str]) -> None:
    """The deal itself, its value its figure, sold by the party it is made with; what it
    buys stays a claim of its own."""
    claims = extract(text, published=P)
    deals = [(c.type, c.actor, c.recipient, c.status) for c in claims if c.item == item]
    assert deals == [("weapons", actor, recipient, "pledged")]
    assert sorted(c.item or "" for c in claims if c.item != item) == bought


@pytest.mark.parametrize("text", [
    "Seoul and Warsaw signed a $2 billion deal to build a port.",
    "Chile signed a $40 million contract with Spain for a new hospital.",
])
def test_a_deal_that_buys_no_arms_is_no_claim(text: str) -> None:
    assert extract(text, published=P) == []


@pytest.mark.parametrize("text, expected", [
    ("The French navy has seized Iranian rifles being shipped to the Houthis.",
     {("weapons", "Iran", "Houthis")}),
    ("Estonia intercepted Russian drones being sent to Belarus.",
     {("weapons", "Russia", "Belarus")}),
])
def test_a_clause_above_an_item_s_own_participle_tells_another_act(
        text: str, expected: set[tuple[str, str, str]]) -> None:
    """Who seizes arms being shipped does not ship them: the item names its own side."""
    assert {(c.type, c.actor, c.recipient) for c in extract(text, published=P)
            if c.type != "combat"} == expected


def test_the_batch_a_party_took_delivery_of_is_received_by_it() -> None:
    """"took delivery of its second batch of missiles": the delivery decides, not the
    batch (a container noun inside it)."""
    text = ("Chile's navy took delivery of its second batch of Exocet missiles from France on "
            "Monday.")
    assert parties_of(text, "missiles") == {("weapons", "France", "Chile")}


def test_each_list_member_goes_to_the_party_its_own_to_names() -> None:
    text = ("Turkey delivered four TB2 drones to Chad, two Akinci drones to Niger and six "
            "Aksungur drones to Benin.")
    claims = extract(text, published=P)
    assert {(c.item, c.recipient) for c in claims} == {
        ("tb2 drones", "Chad"), ("akinci drones", "Niger"), ("aksungur drones", "Benin")}


def test_the_possessor_of_a_request_for_the_item_would_receive_it() -> None:
    """"rejected Moldova's requests for X": the one asking is the recipient; a request
    to do something is not ("Poland's request to send": Poland would send)."""
    text = "Italy has kept refusing Moldova's requests for the Patriot systems."
    assert parties_of(text, "systems") == {("weapons", "Italy", "Moldova")}
    text = "Berlin approved Finland's request to send its Leopard tanks to Estonia."
    assert ("weapons", "Germany", "Finland") not in parties_of(text, "tanks")


@pytest.mark.parametrize("text", [
    "Belarus denies smuggling rifles to the insurgents.",
    "Officials in Minsk say Belarus never sent rifles into the conflict zone.",
])
def test_a_recipient_named_by_a_common_noun_is_not_the_usual_one(text: str) -> None:
    """"denies smuggling rifles to the insurgents": the sentence names whom it sends to,
    though no party, so the sender's usual recipient (Belarus: Russia) is not filled in."""
    assert parties_of(text, "rifles") == set()


def test_the_usual_recipient_still_fills_a_sentence_that_names_none() -> None:
    assert parties_of("Warsaw said on Monday that Belarus had sent more rifles.",
                      "rifles") == {("weapons", "Belarus", "Russia")}


def test_a_party_named_in_a_relative_clause_on_the_recipient_is_not_the_recipient() -> None:
    text = ("Myanmar's generals took power in 2021. A report says Indian companies sold "
            "radar parts to the junta, which New Delhi denies.")
    assert parties_of(text, "parts") == {("technology", "India", "Myanmar")}


@pytest.mark.parametrize(("text", "head", "claim"), [
    # named in a sentence that holds no claim, after the document's own pair
    ("Iran sent 200 drones to Russia in May. Hezbollah has rebuilt its arsenal. Since then, "
     "Iran has sent rockets to the group.", "rockets", ("munitions", "Iran", "Hezbollah")),
    # named after the last state
    ("Russia gave Syria six jets in 2015. Rebels held Idlib, and Turkey backed the Syrian "
     "National Army. Turkey later gave the group 20 armoured vehicles.", "vehicles",
     ("weapons", "Turkey", "Syrian National Army")),
    # the group acts: its own arms, used in battle
    ("The UAE has armed the Rapid Support Forces since 2023, UN experts say. The group used "
     "Chinese drones against the army in Port Sudan.", "drones",
     ("combat", "Rapid Support Forces", None)),
])
def test_the_group_is_the_armed_group_named_last(
        text: str, head: str, claim: tuple[str, str | None, str | None]) -> None:
    assert claim in parties_of(text, head)


def test_a_wish_that_names_no_supplier_gets_none_from_the_document() -> None:
    """"Moldova is seeking to obtain mortar systems": no sender is named, and the one who
    sent it other arms is not assumed to send these."""
    text = ("Romania has delivered 12 howitzers to Moldova. Officials in Chisinau said "
            "Moldova is now seeking to obtain mortar systems.")
    assert parties_of(text, "howitzers") == {("weapons", "Romania", "Moldova")}
    assert parties_of(text, "systems") == set()


def test_a_wish_that_names_the_supplier_is_a_claim() -> None:
    text = "Romania has delivered 12 howitzers to Moldova. Moldova seeks to buy drones from Turkey."
    assert ("weapons", "Turkey", "Moldova") in parties_of(text, "drones")


def test_a_recipient_after_the_verb_beats_one_in_an_earlier_clause() -> None:
    """"refused to sell missiles to Kyiv, ... after Iran sent instructors to help Russia":
    the instructors' recipient follows their own verb; Kyiv, a capital sent to in the
    other clause, is no place of theirs either."""
    text = ("Japan has long refused to sell missiles to Kyiv, although its premier said in "
            "March that this could change after Iran sent instructors to help Russia.")
    assert parties_of(text, "instructors") == {("personnel", "Iran", "Russia")}
    assert parties_of(text, "missiles") == {("weapons", "Japan", "Ukraine")}
    assert {c.place for c in extract(text, published=P)} == {None}


def test_the_subject_of_an_act_a_transfer_caused_is_not_its_sender() -> None:
    """"Peru cut ties with Quito over arms deliveries to Bogota": the deliveries are the
    cause of Peru's act; their sender comes from the document, not from Peru."""
    text = ("Ecuador has shipped rifles to Colombia. Last year Peru downgraded its relations "
            "with Quito over repeated arms deliveries to Bogota.")
    assert parties_of(text, "arms") == {("weapons", "Ecuador", "Colombia")}


@pytest.mark.parametrize("text", [
    "Spain approved Chile's purchase of the NASAMS air defence system.",
    "The package includes Chile's purchase of the NASAMS air defence system from Spain.",
])
def test_the_possessor_of_a_purchase_receives(text: str) -> None:
    """"approved Chile's purchase of X": Chile buys; the one approving is not the buyer."""
    assert parties_of(text, "system") == {("weapons", "Spain", "Chile")}


def test_it_after_a_sentence_without_a_claim_is_the_party_that_sentence_names() -> None:
    text = ("Iran sent 200 drones to Russia in May. China's role is mostly at sea. It handed "
            "Pakistan a frigate in 2023.")
    assert parties_of(text, "frigate") == {("weapons", "China", "Pakistan")}


@pytest.mark.parametrize("verb", ["handed", "lent", "promised"])
def test_the_first_object_of_a_giving_verb_receives(verb: str) -> None:
    text = f"Chad bought two jets from Italy. In May, Greece {verb} Chile four frigates."
    assert parties_of(text, "frigates") == {("weapons", "Greece", "Chile")}


def test_who_a_relative_clause_on_the_recipient_names_is_no_party() -> None:
    text = ("Sudan's generals have few friends left. Activists accused Kenyan firms of selling "
            "rifles to the junta, which Nairobi denies.")
    assert parties_of(text, "rifles") == {("weapons", "Kenya", "Sudan")}


@pytest.mark.parametrize("text", [
    "Russia has moved S-400 launchers from Syria to Algeria, officials said.",
    "Satellite images suggest Russia transferred S-400 launchers from Syria to Algeria.",
])
def test_a_party_moving_its_arms_from_a_place_sends_them(text: str) -> None:
    """"moved X from Syria to Algeria": Syria is where the arms leave, not their sender."""
    assert parties_of(text, "launchers") == {("weapons", "Russia", "Algeria")}


@pytest.mark.parametrize("text", [
    "Monitors say Uganda has sent 2,000 soldiers into Congo to fight alongside the M23.",
    "Uganda shipped rifles to Congo to support the M23, the monitors said.",
])
def test_a_purpose_naming_an_armed_group_names_the_recipient(text: str) -> None:
    """"sent soldiers into Congo to fight alongside the M23": the country is where the
    group is; the group receives."""
    head = "soldiers" if "soldiers" in text else "rifles"
    assert {(t, a) for t, a, _ in parties_of(text, head)} == {
        ("personnel" if head == "soldiers" else "weapons", "Uganda")}
    assert {rr for _, _, rr in parties_of(text, head)} == {"M23"}


def test_a_purpose_naming_a_state_leaves_the_recipient() -> None:
    text = "Burundi sent 5,000 troops into Congo to fight for the government in Kinshasa."
    assert parties_of(text, "troops") == {
        ("personnel", "Burundi", "Democratic Republic of the Congo")}


def test_the_country_an_armed_group_there_receives_in_is_the_place() -> None:
    text = "Monitors say Uganda has sent 2,000 soldiers into Congo to fight alongside the M23."
    claims = [c for c in extract(text, published=P) if c.item == "soldiers"]
    assert [c.place for c in claims] == ["Congo"]


def test_a_clause_of_transfer_on_the_item_names_its_sender() -> None:
    """"the troops that Russia provides": the clause is the predicate; its subject sends."""
    assert parties_of("Mali relies on the troops that Russia provides.", "troops") == {
        ("personnel", "Russia", "Mali")}



@pytest.mark.parametrize("head", ["rifles", "mortars"])
def test_every_member_of_a_list_given_in_exchange_flows_the_other_way(head: str) -> None:
    """"fuel in return for Cuban rifles, mortars and advisers": Cuba gives all three."""
    text = "Analysts say Iran could send fuel in return for Cuban rifles, mortars and advisers."
    assert {(a, rr) for _, a, rr in parties_of(text, head)} == {("Cuba", "Iran")}


def test_a_relative_clause_on_another_noun_names_no_recipient() -> None:
    """"Like the systems the US was providing to Peru, the package includes ...": a
    transfer told in a clause on another noun is another one."""
    text = ("The United States has approved $2 billion in arms sales to Chile. Like the "
            "systems the United States was providing to Peru, the package includes 40 "
            "Hellfire missiles.")
    assert parties_of(text, "missiles") == {("weapons", "United States", "Chile")}


def test_whose_plan_it_is_sends_and_the_state_arms_are_stationed_in_receives() -> None:
    """"a reply to Spanish plans to station missiles in Lithuania": Spain's plan, arms
    based in Lithuania (not "to Spanish plans": no one sends to a plan's owner)."""
    text = "Moscow called it a reply to Spanish plans to station long-range missiles in Lithuania."
    assert parties_of(text, "missiles") == {("weapons", "Spain", "Lithuania")}


@pytest.mark.parametrize("text", [
    "Georgia has turned to France and Israel for air defence systems since 2008.",
    "Georgia looked to France and Israel for air defence systems.",
])
def test_the_suppliers_a_buyer_turned_to_for_arms_supply_them(text: str) -> None:
    """"X turned to Y for Z": Y supplies Z to X, one claim for each supplier named."""
    assert parties_of(text, "systems") == {("weapons", "France", "Georgia"),
                                          ("weapons", "Israel", "Georgia")}


def test_items_listed_under_a_supplier_heading_are_that_suppliers() -> None:
    """A roundup by supplier: the heading names the sender of each line under it."""
    text = ("What Romania's army bought last year, by supplier.\n\nFRANCE\n\n"
            "- Caesar howitzers: 12 delivered in May.\n\nNOT LISTED\n\n"
            "- Piranha vehicles: 30 delivered in June.")
    claims = {c.item: c.actor for c in extract(text, published=P)}
    assert claims["caesar howitzers"] == "France"
    assert claims.get("piranha vehicles") != "France"  # the next heading ends the list


def test_a_belligerent_named_in_passing_is_not_the_default_recipient() -> None:
    text = ("Chile's navy is short of patrol boats, and Chile's admirals want more. "
            "The war in Ukraine has slowed European shipyards, Chilean officials said. "
            "Brazil will deliver four patrol boats next year.")
    assert parties_of(text, "boats") == {("weapons", "Brazil", "Chile")}


def test_the_usual_ally_named_once_in_passing_is_not_the_open_recipient() -> None:
    text = ("Venezuela's air force is short of drones, and Venezuela's generals want more. "
            "The war in Russia's neighbourhood has slowed deliveries, Venezuelan officials "
            "said. Iran will deliver twelve drones next year.")
    assert parties_of(text, "drones") == {("weapons", "Iran", "Venezuela")}


def test_the_most_named_belligerent_is_not_the_fallback_sender() -> None:
    text = ("Ukraine has received 40 tanks from Poland, and Ukraine's generals want more. "
            "Estonia will receive six howitzers next year, its defence ministry said.")
    assert not {a for _, a, _ in parties_of(text, "howitzers")} & {"Ukraine"}
