"""The vocabulary: shipped files load; a user's file merges over them by name; bad files fail."""

from __future__ import annotations

from pathlib import Path

import pytest

from supplyline.extract.attribution import Attributor
from supplyline.vocab import VocabularyError, load_vocabulary

# The README's "Extending the vocabulary" example, plus a new actor
EXTRA = """\
actors:
  - name: North Korea
    aliases: [the Kim regime]
  - name: Atlantis
    aliases: [Atlantis]
    demonyms: [Atlantean]
items:
  weapons: [Koksan]
organisations:
  - {name: Estonian Foreign Intelligence Service, kind: intelligence, country: Estonia,
     aliases: [Välisluureamet]}
  - {name: Pentagon, kind: government, country: United States, aliases: [the Building]}
"""


@pytest.fixture
def extra(tmp_path: Path) -> Path:
    path = tmp_path / "extra.yaml"
    path.write_text(EXTRA, encoding="utf-8")
    return path


def test_shipped_vocabulary_loads() -> None:
    v = load_vocabulary()
    assert {"North Korea", "Russia", "Ukraine", "Iran", "United States"} <= set(v.actors)
    assert v.actors["North Korea"].capitals == ("Pyongyang",)
    assert v.items["troops"].type == "personnel"
    assert v.items["howitzer"].type == "weapons"
    assert "Pentagon" in {o.name for o in v.organisations}
    assert v.actor_form("Pyongyang") == ("North Korea", "capital")
    assert v.actor_pattern().search("sent by the DPRK").group(0) == "DPRK"


def test_extra_file_adds_an_actor(extra: Path) -> None:
    v = load_vocabulary((extra,))
    assert v.actors["Atlantis"].demonyms == ("Atlantean",)
    assert v.actor_form("Atlantean") == ("Atlantis", "demonym")
    assert "Atlantis" not in load_vocabulary().actors  # the shipped vocabulary is untouched


def test_extra_file_adds_an_alias_to_a_shipped_actor(extra: Path) -> None:
    v = load_vocabulary((extra,))
    assert list(v.actors).count("North Korea") == 1
    assert v.actor_form("the Kim regime") == ("North Korea", "alias")


def test_extra_alias_keeps_the_shipped_aliases(extra: Path) -> None:
    aliases = load_vocabulary((extra,)).actors["North Korea"].aliases
    assert {"North Korea", "DPRK", "the Kim regime"} <= set(aliases)


def test_extra_file_adds_an_item_head(extra: Path) -> None:
    v = load_vocabulary((extra,))
    assert v.items["koksan"].type == "weapons"
    assert v.items["koksans"].head == "koksan"
    assert v.items["howitzer"].type == "weapons"  # the shipped heads stay
    assert "koksan" not in load_vocabulary().items


def test_extra_file_adds_an_organisation(extra: Path) -> None:
    v = load_vocabulary((extra,))
    names = [o.name for o in v.organisations]
    assert names.count("Estonian Foreign Intelligence Service") == 1
    src = Attributor(v).classify("Välisluureamet")
    assert (src.name, src.kind, src.country) == (
        "Estonian Foreign Intelligence Service", "intelligence", "Estonia")


def test_organisation_named_again_is_merged_not_duplicated(extra: Path) -> None:
    v = load_vocabulary((extra,))
    assert [o.name for o in v.organisations].count("Pentagon") == 1
    assert len(v.organisations) == len(load_vocabulary().organisations) + 1
    assert Attributor(v).classify("the Building").name == "Pentagon"


def test_missing_file_raises_with_its_path(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.yaml"
    with pytest.raises(VocabularyError, match="nowhere.yaml") as err:
        load_vocabulary((path,))
    assert str(path) in str(err.value)


def test_malformed_yaml_raises_with_its_path(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("actors:\n  - name: [unclosed\n", encoding="utf-8")
    with pytest.raises(VocabularyError) as err:
        load_vocabulary((path,))
    assert str(path) in str(err.value)


def test_top_level_list_raises_with_its_path(tmp_path: Path) -> None:
    path = tmp_path / "list.yaml"
    path.write_text("- North Korea\n- Russia\n", encoding="utf-8")
    with pytest.raises(VocabularyError) as err:
        load_vocabulary((path,))
    assert str(path) in str(err.value)


# ---- coverage: every state, its names, its bodies -------------------------------------------

def test_every_un_member_and_observer_state_is_an_actor_with_its_iso_code() -> None:
    import pycountry
    import yaml

    from supplyline.vocab import HERE

    codes = {a["iso"] for a in yaml.safe_load((HERE / "actors.yaml").read_text("utf-8"))["actors"]
             if a.get("iso")}
    assert len(codes) == 196  # 193 UN members, the two observer states, Taiwan
    assert all(pycountry.countries.get(alpha_3=c) for c in codes)


@pytest.mark.parametrize(("form", "expected"), [
    ("Türkiye", ("Turkey", "alias")),
    ("Republic of Türkiye", ("Turkey", "alias")),  # an ISO official name, from pycountry
    ("Turks", ("Turkey", "alias")),  # a plural for the people stands for the state
    ("Turkish", ("Turkey", "demonym")),
    ("Ankara", ("Turkey", "capital")),
    ("Emirati", ("United Arab Emirates", "demonym")),
    ("Kingdom of Saudi Arabia", ("Saudi Arabia", "alias")),
    ("the Kremlin", None),  # "Kremlin" is the form; the article stays outside it
    ("Kremlin", ("Russia", "capital")),
    ("Downing Street", ("United Kingdom", "capital")),
    ("Congo", ("Democratic Republic of the Congo", "alias")),  # not the ISO "Congo"
    ("Ansar Allah", ("Houthis", "alias")),
    ("Lebanon’s Hezbollah", ("Hezbollah", "alias")),  # a typographic apostrophe too
    ("RSF", ("Rapid Support Forces", "alias")),
    ("Russia's Africa Corps", ("Africa Corps", "alias")),
])
def test_names_of_states_and_groups_resolve(form: str, expected: tuple[str, str] | None) -> None:
    assert load_vocabulary().actor_form(form) == expected


@pytest.mark.parametrize(("company", "state"), [
    ("Baykar", "Turkey"), ("Roketsan", "Turkey"), ("Elbit Systems", "Israel"),
    ("Lockheed Martin", "United States"), ("Raytheon", "United States"),
    ("Rheinmetall", "Germany"), ("Norinco", "China"), ("Rosoboronexport", "Russia"),
    ("Hanwha Aerospace", "South Korea"), ("BAE Systems", "United Kingdom"), ("Saab", "Sweden"),
    ("Kongsberg", "Norway"), ("Bharat Dynamics", "India"), ("HESA", "Iran"), ("IRGC", "Iran"),
])
def test_a_defence_company_or_armed_force_acts_for_its_state(company: str, state: str) -> None:
    assert load_vocabulary().actor_form(company) == (state, "alias")


def test_a_company_speaks_as_a_source_of_its_country() -> None:
    src = Attributor(load_vocabulary()).classify("Turkish drone maker Baykar")
    assert (src.name, src.country) == ("Baykar", "Turkey")
    idf = Attributor(load_vocabulary()).classify("the IDF")
    assert (idf.kind, idf.country) == ("military", "Israel")


def test_an_outlet_named_after_a_city_is_no_party() -> None:
    v = load_vocabulary()
    m = v.actor_pattern().search("The Washington Post reported the sale")
    assert m is not None and m.group(0) == "Washington Post"
    assert v.actor_form(m.group(0)) is None
    assert v.actor_form(v.actor_pattern().search("in the Indian Ocean").group(0)) is None


def test_an_organisation_acting_for_an_unknown_state_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "org.yaml"
    path.write_text("organisations:\n  - {name: Acme Arms, kind: official, country: Atlantis,"
                    " party: true}\n", encoding="utf-8")
    with pytest.raises(VocabularyError, match="Atlantis"):
        load_vocabulary((path,))


def test_canonical_names_follow_the_gold_convention() -> None:
    v = load_vocabulary()
    for name in ("United States", "United Kingdom", "Czech Republic", "United Arab Emirates",
                 "Houthis", "Wagner Group", "Rapid Support Forces", "Africa Corps",
                 "Libyan National Army", "European Union", "North Korea", "Taiwan"):
        assert v.actor_form(name) == (name, "alias")


SHARED = Path(__file__).resolve().parents[2].parent / "shared"


@pytest.mark.parametrize("gold", ["dev/gold.jsonl", "dev2/gold.jsonl", "seeds/gold.jsonl"])
def test_every_party_of_the_gold_files_is_an_actor_by_that_name(gold: str) -> None:
    import json

    path = SHARED / gold
    if not path.exists():
        pytest.skip(f"{path} is not beside the checkout")
    names = {c[k] for line in path.read_text("utf-8").splitlines() if line.strip()
             for c in [json.loads(line)] for k in ("actor", "recipient") if c.get(k)}
    names.discard("Iraqi specialists")  # dev2's i015: a group of people, not a party's name
    assert names - set(load_vocabulary().actors) == set()


def test_named_systems_carry_their_type_and_maker() -> None:
    v = load_vocabulary()
    assert (v.items["tb2s"].type, v.items["tb2s"].origin) == ("weapons", "Turkey")
    assert v.items["su-35"].origin == "Russia"
    assert v.items["wing loong"].origin == "China"
    assert v.items["torpedoes"].type == "munitions"
    assert v.items["personnel carriers"].type == "weapons"  # not "personnel"
    assert "bayraktar" not in v.items  # a family name ("Haluk Bayraktar"); the head is "TB2"
    assert v.items["caesar"].ambiguous


def test_an_armed_group_speaks_as_a_source_of_the_state_it_is_based_in() -> None:
    attributor = Attributor(load_vocabulary())
    houthi = attributor.classify("A Houthi military spokesman")
    assert (houthi.name, houthi.country) == ("Houthis", "Yemen")
    rsf = attributor.classify("the RSF")
    assert (rsf.kind, rsf.country) == ("military", "Sudan")
    assert load_vocabulary().actor_form("Houthis") == ("Houthis", "alias")  # still a party


def test_places_as_a_trie_match_as_the_plain_alternation() -> None:
    import re

    v = load_vocabulary()
    suffix = "|".join(re.escape(s) for s in v.place_suffixes)
    names = "|".join(re.escape(p) for p in sorted(v.places, key=len, reverse=True))
    plain = re.compile(rf"\b(?:{names})\b(?:\s+(?:border\s+|frontier\s+)?(?:{suffix})\b)?")
    texts = [f"Crates reached {p} and then {p} border {s} on foot."
             for p in sorted(v.places) for s in v.place_suffixes[:2]]
    texts += [p + "ian cargo" for p in sorted(v.places)]
    for text in texts:
        assert [m.group(0) for m in v.place_pattern().finditer(text)] == \
            [m.group(0) for m in plain.finditer(text)]


def test_a_place_name_inside_a_longer_word_is_no_place() -> None:
    # "the Hamas attack" names no city of Hama
    v = load_vocabulary()
    assert [m.group(0) for m in v.place_pattern().finditer("After the Hamas attack, "
                                                            "shells reached Hama.")] == ["Hama"]


def test_a_known_source_is_found_by_its_lazily_compiled_pattern() -> None:
    att = Attributor(load_vocabulary())
    assert not att._known  # nothing compiled before a text asks
    text = "the Institute for the Study of War said on Friday"
    found = [src.name for pat, src in att._known_in(text) if pat.search(text)]
    assert found and att._known  # compiled once asked
    assert [src.name for pat, src in att._known_in(text) if pat.search(text)] == found


@pytest.mark.parametrize("text", ["Iranx drones", "Chinas", "US$3 billion", "Indiana"])
def test_an_actor_form_inside_a_longer_word_is_no_actor(text: str) -> None:
    """A form ends at a word boundary: "Chinas" or "Indiana" name no China or India, and a
    form glued to "$" is a currency."""
    assert load_vocabulary().actor_pattern().search(text) is None
