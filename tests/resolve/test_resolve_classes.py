"""Item classes: which series a claim's figure belongs to (vocab/item_classes.yaml)."""

from __future__ import annotations

from pathlib import Path

import pytest

from supplyline.model import Claim, Evidence, Quantity
from supplyline.resolve.classes import classify, item_class, matching_classes, singular
from supplyline.vocab import VocabularyError, load_vocabulary


def _claim(item: str | None, sentence: str = "", type_: str = "personnel",
           quantity: Quantity | None = None) -> Claim:
    evidence = (Evidence(sentence, 0, len(sentence)),) if sentence else ()
    return Claim("d", type_, "North Korea", "Russia", item, quantity, evidence=evidence)


@pytest.mark.parametrize("item", ["troops", "soldiers", "servicemen", "fighters", "forces",
                                  "contingent", "combat troops", "special forces",
                                  "military personnel", "thousand troops"])
def test_combat_troops_are_one_class(item: str) -> None:
    assert item_class(item, "personnel") == "troops"


@pytest.mark.parametrize("item", ["engineers", "deminers", "sappers", "builders",
                                  "instructors", "military construction workers",
                                  "engineering construction personnel", "combat engineers"])
def test_workers_and_specialists_are_not_troops(item: str) -> None:
    assert item_class(item, "personnel") == "workers and specialists"


def test_weapon_systems_by_family() -> None:
    assert item_class("Patriot air defence systems", "weapons") == "Patriot systems"
    assert item_class("IRIS-T SLM systems", "weapons") == "IRIS-T systems"
    assert item_class("patriots", "weapons") == "Patriot systems"
    for tank in ("Leopard 2A6 tanks", "leopards", "Abrams", "main battle tanks", "tanks"):
        assert item_class(tank, "weapons") == "tanks", tank
    assert item_class("Shahed-136 drones", "weapons") == "Shahed/Geran drones"
    assert item_class("attack drones", "weapons") == "drones"
    assert item_class("ground radars", "weapons") == "radars"
    assert item_class("field kitchens", "weapons") == "kitchen"  # no class: its head noun
    assert item_class(None, "weapons") == "weapons"


def test_built_tested_and_used_arms_share_the_delivered_class() -> None:
    """A drone built, tested or flown in an attack is in the class a delivered one is in, so
    one system is one class name in every series; a type's own classes come first."""
    assert item_class("Geran-2 attack drones", "production") == "Shahed/Geran drones"
    assert item_class("Geraniums", "production") == "Shahed/Geran drones"
    assert item_class("a new hypersonic missile", "test") == "missiles"
    assert item_class("152mm shells", "production") == "152mm artillery shells"
    assert item_class("kamikaze drones", "combat") == "drones"
    assert item_class("soldiers", "combat") == "troops in combat"
    assert item_class("microchips", "production") == "components and electronics"
    assert item_class("field exercise", "exercise") == "exercise"  # borrows nothing


def test_generic_combat_words_come_after_the_arms_classes() -> None:
    """"Strikes", "attacks" and "the offensive" are one series, combat operations, as is a
    combat claim that names no item; "drone strikes" stay in drones, "artillery fire" in
    artillery systems."""
    for item in ("strikes", "attacks", "an assault", "the offensive", "air raids", None):
        assert item_class(item, "combat") == "combat operations", item
    assert item_class("drone strikes", "combat") == "drones"
    assert item_class("artillery fire", "combat") == "artillery systems"
    assert item_class("missile strikes", "combat") == "missiles"


def test_a_sum_without_an_item_is_money() -> None:
    """"Britain pledged £2.3 billion" names no item: its class is money, the class of every
    other funding claim, not a row of its own called funding."""
    assert item_class(None, "funding") == "money"
    assert item_class("military aid", "funding") == "money"
    assert item_class(None, "production") == "production"  # a type not listed: itself


def test_generic_words_of_the_vocabulary_find_their_class() -> None:
    assert item_class("road trucks", "weapons") == "military vehicles"
    assert item_class("armored vehicles", "weapons") == "infantry fighting vehicles"
    assert item_class("electronic jamming equipment", "weapons") == \
        "electronic warfare systems"
    assert item_class("field equipment", "weapons") == "weapons"
    assert item_class("processor modules", "technology") == "components and electronics"
    assert item_class("dual-use goods", "technology") == "dual-use goods and materials"


def test_unnamed_classes_must_name_claim_types(tmp_path: Path) -> None:
    (tmp_path / "mine.yaml").write_text("unnamed_classes:\n  fundng: money\n")
    with pytest.raises(VocabularyError, match="unknown claim type 'fundng'"):
        load_vocabulary((str(tmp_path / "mine.yaml"),))
    (tmp_path / "mine.yaml").write_text("unnamed_classes:\n  funding: [money]\n")
    with pytest.raises(VocabularyError, match="unnamed_classes"):
        load_vocabulary((str(tmp_path / "mine.yaml"),))


def test_borrowed_classes_must_name_claim_types(tmp_path: Path) -> None:
    (tmp_path / "mine.yaml").write_text("borrowed_classes:\n  production: [weaponz]\n")
    with pytest.raises(VocabularyError, match="weaponz"):
        load_vocabulary((tmp_path / "mine.yaml",))


def test_munitions_by_calibre_where_stated() -> None:
    assert item_class("artillery shells", "munitions") == "artillery shells"
    assert item_class("ammunition", "munitions") == "artillery shells"
    assert item_class("155 mm artillery shells", "munitions") == "155mm artillery shells"
    assert item_class("152mm rounds", "munitions") == "152mm artillery shells"
    assert item_class("GMLRS rockets", "munitions") == "rockets"


def test_money_by_currency() -> None:
    eur = classify(_claim("military aid", type_="funding",
                          quantity=Quantity(1.4e9, unit="EUR")))
    usd = classify(_claim("package", type_="funding", quantity=Quantity(4.25e8, unit="USD")))
    assert (eur.item_class, eur.unit) == ("money", "EUR")
    assert (usd.item_class, usd.unit) == ("money", "USD")
    assert classify(_claim("aid", type_="funding")).item_class == "money"


def test_containers_are_the_unit_of_a_figure_not_the_item() -> None:
    sentence = "Pyongyang has shipped more than 13,000 containers of munitions to Russia."
    c = classify(_claim("munitions", sentence, "munitions", Quantity(13000, 13000)))
    assert (c.type, c.item_class, c.unit) == ("munitions", "artillery shells", "containers")
    c = classify(_claim("containers of shells", "", "munitions", Quantity(6700)))
    assert (c.item_class, c.unit) == ("artillery shells", "containers")
    shells = "North Korea has shipped nearly 12 million artillery shells to Russia."
    assert classify(_claim("artillery shells", shells, "munitions",
                           Quantity(12e6))).unit is None
    assert classify(_claim("containers", "", "munitions")).unit is None  # no figure, no unit


@pytest.mark.parametrize(("sentence", "value"), [
    ("Roughly 2,000 North Korean soldiers deployed to Russia have been killed while "
     "fighting against Ukraine, Yonhap reported.", 2000),
    ("The DPRK had lost approximately 4,700 soldiers by April.", 4700),
    ("About 4,000 North Korean troops were killed or wounded in Kursk.", 4000),
    ("Ukraine says North Korea has suffered 4,000 casualties in Kursk.", 4000),
])
def test_losses_are_combat_never_deployments(sentence: str, value: float) -> None:
    c = classify(_claim("soldiers", sentence, quantity=Quantity(value)))
    assert (c.type, c.item_class, c.loss) == ("combat", "losses", True)


@pytest.mark.parametrize(("sentence", "value"), [
    ("As of April, out of 15 000 fighters, the DPRK had lost approximately 4,700 soldiers.",
     15000),
    ("The total number of losses is more than half of the approximately 11,000 DPRK "
     "servicemen.", 11000),
    ("North Korea sent 11,000 troops, of whom 4,000 were killed.", 11000),
    ("North Korea has sent 3,000 more troops to replace its losses in Kursk.", 3000),
])
def test_a_deployment_beside_losses_stays_a_deployment(sentence: str, value: float) -> None:
    c = classify(_claim("troops", sentence, quantity=Quantity(value)))
    assert (c.type, c.item_class) == ("personnel", "troops")


def test_cli_item_words_name_classes() -> None:
    assert "troops" in matching_classes("soldiers")
    assert "artillery shells" in matching_classes("shells")
    assert "Patriot systems" in matching_classes("patriot")


def test_singular() -> None:
    assert singular("tranches") == "tranche"
    assert [singular(w) for w in ("batteries", "servicemen", "tanks", "launches", "ammo")] \
        == ["battery", "serviceman", "tank", "launch", "ammo"]


def test_a_user_file_extends_the_classes(tmp_path: Path) -> None:
    extra = tmp_path / "mine.yaml"
    extra.write_text("item_classes:\n  personnel:\n"
                     "    - {name: troops, terms: [janissary]}\n"
                     "    - {name: cooks, terms: [cook, chef]}\n", encoding="utf-8")
    v = load_vocabulary((extra,))
    assert item_class("janissaries", "personnel", v) == "troops"
    assert item_class("army cooks", "personnel", v) == "troops"  # "army": troops come first
    assert item_class("chefs", "personnel", v) == "cooks"
    bad = tmp_path / "bad.yaml"
    bad.write_text("item_classes:\n  rations: [{name: x}]\n", encoding="utf-8")
    with pytest.raises(VocabularyError, match="unknown claim type 'rations'"):
        load_vocabulary((bad,))


def test_every_affiliation_names_a_known_person_and_organisation() -> None:
    from supplyline.vocab import HERE, read_mapping

    people = {p["name"] for p in read_mapping(HERE / "sources.yaml", ValueError, "")["people"]}
    organisations = {o.name for o in load_vocabulary().organisations}
    for name, body in load_vocabulary().affiliations().items():
        assert name in people, f"{name}: not a person of sources.yaml"
        assert body in organisations, f"{name}: {body} is not an organisation"
