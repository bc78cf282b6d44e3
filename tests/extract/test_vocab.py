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
