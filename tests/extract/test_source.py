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
