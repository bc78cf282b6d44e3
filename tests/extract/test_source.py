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
