"""The source pass (``passes/source.py``): how far an attribution carries. Texts written
for these tests; P = 2025-07-03."""

from __future__ import annotations

from supplyline import extract

P = "2025-07-03"


def test_a_carried_source_does_not_carry_itself_further() -> None:
    text = ("Finnish military intelligence said on Friday that Belarus had sent 40 trucks of "
            "ammunition to Russia in June. Belarus also shipped artillery shells to Russia. "
            "Minsk has delivered tank engines to Moscow as well. Iran has supplied drones to "
            "Russia for years. China sold drone engines to Russia last year.")
    kinds = {c.item: c.source.kind for c in extract(text, published=P)}
    assert kinds["artillery shells"] == "intelligence"  # the quote runs on
    assert kinds["drones"] == "unattributed"  # three sentences on, the journalist speaks
    assert kinds["drone engines"] == "unattributed"


def test_an_outlet_named_again_by_its_common_noun_is_that_outlet() -> None:
    text = ("The Guardian reported on Monday that Iran had sent 300 drones to Russia. "
            "According to the publication, the deliveries also included artillery shells.")
    shells = next(c for c in extract(text, published=P) if c.item == "artillery shells")
    assert (shells.source.kind, shells.source.country) == ("media", "United Kingdom")


def test_a_cited_source_of_no_country_takes_the_citers() -> None:
    text = ("Japan's defence ministry said, citing intelligence assessments, that North Korea "
            "had shipped 40 rocket launchers to Russia.")
    c = next(c for c in extract(text, published=P) if c.type == "weapons")
    assert (c.source.kind, c.source.country) == ("intelligence", "Japan")


def test_unnamed_sources_in_a_wire_story_are_the_agencys() -> None:
    text = ("LONDON (Reuters) – Iran has sent short-range missiles to Russia, according to "
            "three people familiar with the matter.")
    c = next(c for c in extract(text, published=P) if c.type == "weapons")
    assert (c.source.kind, c.source.country) == ("media", "United Kingdom")


def test_a_surname_with_an_inner_capital_is_the_person_named_before() -> None:
    text = ("Congresswoman Alicia McGready said on Tuesday that the bill would fund "
            "artillery shells for Ukraine. “The United States must also send more air defence "
            "systems to Ukraine,” said McGready.")
    c = next(c for c in extract(text, published=P) if c.item == "air defence systems")
    assert c.source.kind == "official"


def test_who_documented_a_transfer_is_its_source() -> None:
    text = "Investigative reporters documented the delivery of 500 Iranian drones to Russia."
    c = next(c for c in extract(text, published=P) if c.type == "weapons")
    assert c.source.kind == "media"


def test_a_quotation_speaks_for_whoever_closes_it_sentences_later() -> None:
    text = ("Officials in Kyiv are worried.\n“Belarusian factories supply Russia with tank "
            "engines and optical sights. They hide behind trading firms,” said Ivan Korol, "
            "a spokesman for Ukraine's foreign intelligence service.")
    c = next(c for c in extract(text, published=P) if c.item == "tank engines")
    assert (c.source.kind, c.source.country) == ("official", "Ukraine")


def test_a_quotation_closed_in_another_paragraph_is_not_attributed_so() -> None:
    text = ("“Belarusian factories supply Russia with tank engines.\n\nThey hide behind "
            "trading firms,” said Ivan Korol, a spokesman for Ukraine's intelligence service.")
    c = next(c for c in extract(text, published=P) if c.item == "tank engines")
    assert c.source.kind == "unattributed"


def test_a_source_named_in_the_sentence_after_speaks_for_the_claim() -> None:
    text = ("Over the summer, Iran sent 200 attack drones to Russia by sea. This was reported "
            "on Friday by the Financial Times.")
    c = next(c for c in extract(text, published=P) if c.type == "weapons")
    assert (c.source.kind, c.source.country) == ("media", "United Kingdom")


def test_the_source_an_outlet_cites_in_the_next_sentence_is_the_original() -> None:
    text = ("Belarus has shipped 30 wagons of artillery shells to Russia, according to a "
            "Reuters report. It cites Ukraine's defence intelligence, which tracked the trains.")
    c = next(c for c in extract(text, published=P) if c.type == "munitions")
    assert (c.source.kind, c.source.country) == ("intelligence", "Ukraine")


def test_a_lead_phrase_naming_no_source_gives_way_to_the_next() -> None:
    text = ("Pyongyang has ordered factories to double the output of attack drones, citing "
            "growing threats from abroad, according to state media reports.")
    c = next(c for c in extract(text, published=P) if c.type == "production")
    assert (c.source.kind, c.source.country) == ("media", "North Korea")


def test_outlets_reporting_are_the_media() -> None:
    text = ("Polish howitzers donated to Ukraine were used near Kharkiv for the first time, "
            "several outlets reported on Friday.")
    assert {c.source.kind for c in extract(text, published=P)} == {"media"}


def test_an_impersonal_passive_of_a_reporting_verb_is_the_outlets_voice() -> None:
    text = "It is understood that the Kenyan army will receive 40 armoured vehicles from Turkey."
    c = next(c for c in extract(text, published=P) if c.type == "weapons")
    assert (c.source.kind, c.status) == ("media", "expected")


def test_a_speaker_quoted_through_an_outlet_is_the_original_source() -> None:
    text = ("Admiral Carl Jensen said on Monday that Russia had transferred fighter jets to "
            "North Korea, according to Defense News.")
    c = next(c for c in extract(text, published=P) if c.type == "weapons")
    assert c.source.kind == "official"


def test_they_after_a_group_of_officials_is_that_group() -> None:
    text = ("Senior US officials said on Monday that the war had entered a new phase. "
            "They said that Chinese firms are supplying drone engines to Russia.")
    c = next(c for c in extract(text, published=P) if c.type == "technology")
    assert (c.source.kind, c.source.country) == ("government", "United States")


def test_who_names_a_deal_so_is_its_source() -> None:
    text = ("Egypt has signed what the White House has called the largest arms deal in "
            "decades, a sale of US tanks and aircraft.")
    assert {c.source.country for c in extract(text, published=P) if c.type == "weapons"} \
        == {"United States"}


def test_a_dateline_parsed_as_a_second_subject_is_not_the_source() -> None:
    text = ("CAIRO, Egypt (AP) — Fighters loyal to the government claimed Tuesday they had "
            "seized 200 tons of Iranian-supplied rockets bound for the Houthis.")
    c = next(c for c in extract(text, published=P) if c.type in ("weapons", "munitions"))
    assert (c.source.kind, c.source.country) == ("military", None)


def test_a_cited_official_ends_before_the_participle_clause() -> None:
    text = ("The report cited a senior EU official claiming that Iran had provided "
            "short-range rockets to Russia.")
    c = next(c for c in extract(text, published=P) if c.type == "munitions")
    assert (c.source.text, c.source.kind) == ("a senior EU official", "government")


def test_a_claim_told_as_reported_with_no_source_is_the_medias_named_before() -> None:
    text = ("Local media reports said in May that Turkey had sold 12 drones to Sudan. "
            "Officials in Khartoum declined to comment. Prices of food rose again in June. "
            "In July, a shipment of Turkish rifles reportedly arrived in Port Sudan.")
    c = next(c for c in extract(text, published=P) if c.item == "rifles")
    assert c.source.kind == "media"
    alone = "A shipment of Turkish rifles reportedly arrived in Port Sudan in July."
    c = next(c for c in extract(alone, published=P) if c.item == "rifles")
    assert c.source.kind == "unattributed"  # no outlet named: the journalist's hedge


def test_what_an_announced_sale_includes_is_the_announcers() -> None:
    text = ("Washington has approved a new round of arms sales to the Philippines.\n"
            "The U.S. State Department announced the sale late on Tuesday.\n"
            "Officials in Manila welcomed the news.\n"
            "Prices of rice rose again in June.\n"
            "The proposed sale includes 12 F-16 fighter jets and 40 Javelin missiles.")
    jets = next(c for c in extract(text, published=P) if c.item and "jets" in c.item)
    assert (jets.source.kind, jets.source.country) == ("government", "United States")


def test_a_transcript_line_names_its_speaker_before_the_quote() -> None:
    text = ('[Anna Berg/Swedish Defence Minister: "Sweden has sent 50 armoured vehicles to '
            'Ukraine this spring."]')
    c = next(c for c in extract(text, published=P) if c.type == "weapons")
    assert c.source.kind == "official"


def test_a_speaker_named_after_a_dash_speaks_for_the_quote() -> None:
    text = "Belarus has already delivered 300 trucks to Russia this year - noted Ivan Petrov."
    c = next(c for c in extract(text, published=P) if c.type == "weapons")
    assert (c.source.text, c.source.kind) == ("Ivan Petrov", "official")


def test_i_in_a_quotation_is_whoever_closes_it() -> None:
    text = ('"I can confirm that Poland has sent 40 tanks to Ukraine. These are large '
            'numbers," said Polish Defence Minister Jan Nowak.')
    c = next(c for c in extract(text, published=P) if c.type == "weapons")
    assert (c.source.kind, c.source.country) == ("official", "Poland")


def test_a_whole_quotation_after_a_quoted_speaker_is_that_speakers() -> None:
    text = ("Deputy Chief of the General Staff Oleh Marchenko said on Monday that Belarus had "
            "sent 40 trucks of shells to Russia. The trucks crossed the border at night, he "
            "added.\n\n\"In all, 26 trains have left Belarus since February,\" Marchenko "
            "said.\n\n\"Belarus also moves spare parts for Russian tanks to the front.\"")
    parts = next(c for c in extract(text, published=P) if c.item == "spare parts")
    assert parts.source.kind == "official"


def test_the_officials_named_again_are_the_ones_named_before_with_their_country() -> None:
    text = ("Iran has sent 200 drones to Russia, senior British officials said on Tuesday. "
            "One official said Tehran is keen on more cooperation. \"It is a clear pattern,\" "
            "the official said. Russia has used Iranian engines to expand its missile "
            "production, the officials said.")
    c = next(c for c in extract(text, published=P) if c.type == "production")
    assert (c.source.kind, c.source.country) == ("government", "United Kingdom")


def test_an_investigation_told_as_the_source_is_the_medias_word() -> None:
    text = ("According to the authors of the investigation, Belarus has been sending rifle "
            "ammunition to Russia by rail.")
    ammo = next(c for c in extract(text, published=P) if c.item and "ammunition" in c.item)
    assert ammo.source.kind == "media"


def test_a_state_speaking_of_itself_does_not_carry_to_the_journalists_next_line() -> None:
    text = ("Belarus has claimed to have lost only 40 soldiers in the border clashes. Minsk "
            "has become one of Moscow's closest allies, supplying tank shells and trucks.")
    shells = next(c for c in extract(text, published=P) if c.item == "tank shells")
    assert shells.source.kind == "unattributed"


def test_an_officeholder_of_the_receiving_state_does_not_carry_to_what_it_received() -> None:
    text = ("Hungarian Prime Minister Viktor Orban said on Friday that Hungary had bought 40 "
            "Turkish armoured vehicles. The first vehicles arrived in Hungary last month.")
    kinds = {c.item: c.source.kind for c in extract(text, published=P)}
    assert kinds["armoured vehicles"] == "official"
    assert kinds["vehicles"] == "unattributed"


def test_an_outlet_named_in_full_has_its_country() -> None:
    text = ("Poland has sent 40 more tanks to Ukraine, the Information Radio Agency reported "
            "on Friday.")
    tanks = next(c for c in extract(text, published=P) if c.item and "tanks" in c.item)
    assert (tanks.source.kind, tanks.source.country) == ("media", "Poland")


def test_a_quoted_source_does_not_carry_into_the_next_paragraph() -> None:
    quoted = ('"We have sent 20 armoured vehicles to Ukraine," Defence Minister Ana Ruiz told '
              "reporters in Madrid.")
    later = "Spain also delivered 12 howitzers to Kyiv in May."
    kinds = {c.item: c.source.kind for c in extract(f"{quoted}\n\n{later}", published=P)}
    assert kinds == {"armoured vehicles": "official", "howitzers": "unattributed"}
    kinds = {c.item: c.source.kind for c in extract(f"{quoted} {later}", published=P)}
    assert kinds["howitzers"] == "official"  # in its own paragraph the quote runs on
    # a paragraph that goes on with the quotation is still the minister's
    text = ('Defence Minister Ana Ruiz told parliament on Tuesday that Spain had sent 20 '
            'armoured vehicles to Ukraine: "This is only the start.\n\n"Our factories are '
            'working day and night. In the autumn Spain will send 10 more trucks to Ukraine."')
    trucks = next(c for c in extract(text, published=P) if c.item == "trucks")
    assert trucks.source.kind == "official"


def test_a_source_carries_only_to_the_first_line_of_the_next_paragraph() -> None:
    said = "According to Norwegian intelligence, Belarus sent 30 trucks of shells to Russia in May."
    then = "Minsk has also supplied tank engines to Moscow."
    engines = next(c for c in extract(f"{said}\n\n{then}", published=P)
                   if c.item == "tank engines")
    assert engines.source.kind == "intelligence"
    text = f"{said}\n\nThe two countries signed a defence pact in 2021. {then}"
    engines = next(c for c in extract(text, published=P) if c.item == "tank engines")
    assert engines.source.kind == "unattributed"


def test_what_an_announced_package_includes_is_the_announcers_in_a_paragraph_of_its_own() -> None:
    text = ("The Dutch defence ministry said on Monday that it would give Ukraine a new aid "
            "package worth 200 million euros.\n\nIt is the largest Dutch package so far. The "
            "package includes 12 howitzers and 30 drones.")
    kinds = {c.item: c.source.kind for c in extract(text, published=P)}
    assert kinds["howitzers"] == kinds["drones"] == "government"


def test_a_question_in_the_writers_voice_ends_a_carried_source() -> None:
    text = ("Norwegian officials said on Monday that Oslo had sent 30 mortars to Kyiv. "
            "Was the gift worth it? The mortar won fame in 2023, when Ukraine used it against "
            "Russian trenches.")
    kinds = {(c.type, c.item): c.source.kind for c in extract(text, published=P)}
    assert kinds[("weapons", "mortars")] == "government"
    assert kinds[("combat", "mortar")] == "unattributed"


def test_an_officeholder_speaks_for_a_pledge_or_refusal_not_for_a_deed() -> None:
    def kind(text: str) -> str:
        return next(c for c in extract(text, published=P)).source.kind
    assert kind("Spanish Defence Minister Ana Ruiz pledged 20 armoured vehicles to Ukraine "
                "on Monday.") == "official"
    assert kind("Spanish Prime Minister Pedro Alba refused to send tanks to Morocco.") == \
        "official"
    # signing for goods or pausing a shipment is what the officeholder did, not said
    assert kind("Spanish Defence Minister Ana Ruiz signed for 20 German Leopard tanks on "
                "Monday.") == "unattributed"
    assert kind("Spanish Prime Minister Pedro Alba paused the shipment of 20 tanks to "
                "Morocco in May.") == "unattributed"


def test_the_ministry_of_a_buyer_named_first_is_the_buyers() -> None:
    text = ("Vietnam signed a contract with South Korea on Tuesday for 20 K9 howitzers, the "
            "defence ministry said.")
    c = next(c for c in extract(text, published=P) if c.type == "weapons")
    assert (c.actor, c.recipient) == ("South Korea", "Vietnam")
    assert (c.source.kind, c.source.country) == ("government", "Vietnam")


def test_the_ministry_of_a_giver_named_first_is_the_givers() -> None:
    text = "Norway delivered 12 K9 howitzers to Estonia last month, the defence ministry said."
    c = next(c for c in extract(text, published=P) if c.type == "weapons")
    assert (c.source.kind, c.source.country) == ("government", "Norway")


def test_a_source_does_not_carry_to_a_line_on_another_supplier() -> None:
    text = ("Lithuanian intelligence said on Monday that Iran had sent 200 drones to Russia. "
            "Iran also shipped artillery shells to Russia. Belarus, Russia's closest ally, "
            "delivered 30 tanks to Moscow in 2022.")
    kinds = {c.item: c.source.kind for c in extract(text, published=P)}
    assert kinds["artillery shells"] == "intelligence"  # the same supplier: still speaking
    assert kinds["tanks"] == "unattributed"  # another supplier: the writer's background


def test_an_outlet_citing_only_its_sources_after_the_claim_is_the_source() -> None:
    text = ("Norway delivered two air defence systems to Ukraine, Politico reported, citing "
            "its sources.")
    c = next(c for c in extract(text, published=P) if c.type == "weapons")
    assert (c.source.kind, c.source.country) == ("media", "United States")


def test_an_outlet_citing_unnamed_officials_is_their_government() -> None:
    text = ("Spain has sent 30 armoured vehicles to Ukraine, Politico reported, citing unnamed "
            "Spanish officials.")
    c = next(c for c in extract(text, published=P) if c.type == "weapons")
    assert (c.source.kind, c.source.country) == ("government", "Spain")


def test_a_transcript_speakers_label_is_the_source_of_each_of_its_lines() -> None:
    text = ("Speakers: defence ministry spokesman Piet de Vries (DE VRIES).\n"
            "Q: What has the Netherlands sent?\n"
            "DE VRIES: A lot. The Netherlands delivered 18 howitzers to Ukraine in May.\n"
            "UPDATE: Denmark delivered 10 tanks to Ukraine on Friday.")
    sources = {c.item: c.source for c in extract(text, published=P)}
    assert (sources["howitzers"].text, sources["howitzers"].kind) == ("DE VRIES", "official")
    assert sources["tanks"].kind == "unattributed"  # a label that names no one


def test_a_roundup_heading_naming_a_state_is_no_speakers_label() -> None:
    text = ("Minister Anna Berg of Sweden spoke on Friday.\n"
            "SWEDEN: Sweden delivered 12 howitzers to Ukraine in May.")
    c = next(c for c in extract(text, published=P) if c.item == "howitzers")
    assert c.source.text != "SWEDEN"


def test_a_place_in_a_label_before_a_colon_is_no_place_of_the_claim() -> None:
    text = "Arctic Desk note: Estonia delivered 12 howitzers to Ukraine in May."
    c = next(c for c in extract(text, published=P) if c.item == "howitzers")
    assert c.place is None


def test_a_figures_line_is_the_source_of_the_list_it_heads() -> None:
    text = ("What Romania's Defence Procurement Directorate bought, by supplier. Figures are "
            "the directorate's unless stated.\n\nFRANCE\n\n- Caesar howitzers: 12 delivered "
            "in May.")
    c = next(c for c in extract(text, published=P) if c.item == "caesar howitzers")
    assert (c.source.kind, c.source.country) == ("government", "Romania")


def test_a_source_a_possessive_gives_to_a_state_is_that_states() -> None:
    text = "Mongolia has bought six helicopters from Russia, its defence ministry said."
    c = next(c for c in extract(text, published=P) if c.type == "weapons")
    assert (c.source.kind, c.source.country) == ("government", "Mongolia")


def test_a_trailing_reporter_the_parse_joins_to_the_claims_verb_is_the_source() -> None:
    text = ("Tehran shipped 40 drones to Russia in March, the UN Panel of Experts on Yemen "
            "reported.")
    c = next(c for c in extract(text, published=P) if c.type == "weapons")
    assert c.source.text and "Panel" in c.source.text


def test_a_known_body_of_no_state_takes_no_partys_country() -> None:
    text = ("Russia delivered air defence systems to North Korea, according to the "
            "Multilateral Sanctions Monitoring Team.")
    c = next(c for c in extract(text, published=P) if c.type == "weapons")
    assert c.source.country is None


def test_a_portfolio_named_once_with_its_state_is_that_states_again() -> None:
    text = ("The Czech defence ministry said on Monday that Israel had delivered two radars "
            "to the Czech army. Deputy Defence Minister Jan Novak said Israel would send a "
            "third radar in June.")
    c = next(c for c in extract(text, published=P) if c.source.kind == "official")
    assert c.source.country == "Czech Republic"


def test_a_writers_framing_opener_ends_a_carried_source() -> None:
    text = ("Estonian intelligence said on Monday that Iran had sent 200 drones to Russia. "
            "So far, Iran has also shipped artillery shells to Russia.")
    shells = next(c for c in extract(text, published=P) if c.item == "artillery shells")
    assert shells.source.kind == "unattributed"


def test_the_passive_subject_of_a_reporting_verb_is_no_source() -> None:
    text = "Belarus is believed to have sent 40 tanks to Russia in 2023."
    c = next(c for c in extract(text, published=P) if c.type == "weapons")
    assert c.source.kind == "unattributed"
    quoted = 'Norway sent 40 trucks to Ukraine, he was quoted as saying by Reuters.'
    assert all(c.source.text != "Norway" for c in extract(quoted, published=P))
