"""Stemmed full-text search on both backends (FTS5's porter tokenizer, PostgreSQL's
'english' configuration), names widened by the vocabulary's demonyms, and the v3 migration
that re-indexes an existing database."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from store_factories import clean, make_doc

from supplyline.store import BaseStore, open_store, pg_schema, schema
from supplyline.store.records import synonym_groups
from supplyline.vocab import load_vocabulary
from supplyline.vocab.names import search_synonyms

SYNONYMS = search_synonyms(load_vocabulary(()))
DOCS = (
    make_doc("nk", ["Shells for Moscow",
                    "North Korean factories shipped artillery shells and supplied rockets."],
             title="Shells for Moscow"),
    make_doc("iran", ["Drone deliveries", "Iran delivered a drone to Russia last week."],
             title="Drone deliveries"),
    make_doc("quiet", ["Weather", "It rained in the capital on Tuesday."], title="Weather"),
)


def fill(store: BaseStore) -> None:
    for doc in DOCS:
        store.save(doc, clean(doc), [])


@pytest.fixture
def store(db_location: str) -> Iterator[BaseStore]:
    with open_store(db_location) as s:
        fill(s)
        yield s


def ids(hits: list) -> list[str]:  # type: ignore[type-arg]
    return sorted(h.doc_id for h in hits)


@pytest.mark.parametrize(("query", "found"), [
    ("shell", ["nk"]), ("shells", ["nk"]), ("supply", ["nk"]), ("supplies", ["nk"]),
    ("shipping", ["nk"]), ("drones", ["iran"]), ("deliver", ["iran"]),
    ('"artillery shell"', ["nk"]), ("artill*", ["nk"]), ("deliveri*", ["iran"]),
    ("rocket OR drone", ["iran", "nk"]), ("rain", ["quiet"]),
])
def test_words_are_stemmed(store: BaseStore, query: str, found: list[str]) -> None:
    assert ids(store.search(query)) == found


def test_a_name_finds_its_demonym_with_synonyms(store: BaseStore) -> None:
    assert ids(store.search("North Korea")) == []  # the text says "North Korean"
    assert ids(store.search("North Korea", synonyms=SYNONYMS)) == ["nk"]
    assert ids(store.search("north korea shells", synonyms=SYNONYMS)) == ["nk"]
    assert ids(store.search("North Korea drones", synonyms=SYNONYMS)) == []
    assert ids(store.search("Iranian", synonyms=SYNONYMS)) == ["iran"]
    hit = store.search("North Korea", synonyms=SYNONYMS, mark=("[", "]"))[0]
    assert re.search(r"\[[^]]*Korean\]", hit.snippet)  # marked (FTS5: the phrase at once)
    # a query with search syntax is taken as written
    assert ids(store.search('"North Korea"', synonyms=SYNONYMS)) == []


def test_synonym_groups() -> None:
    assert synonym_groups("North Korea shells", SYNONYMS) == [
        SYNONYMS["north korea"], ("shells",)]
    assert synonym_groups("shells", SYNONYMS) == []  # nothing widened: searched as written
    assert synonym_groups('"North Korea"', SYNONYMS) == []
    assert synonym_groups("Russia OR Iran", SYNONYMS) == []
    assert synonym_groups("-Russia", SYNONYMS) == []


def test_untitled_hits_have_a_label(db_location: str) -> None:
    doc = make_doc("untitled", ["Iran delivered drones to Russia on Monday, officials said."])
    with open_store(db_location) as s:
        s.save(doc, clean(doc), [])
        hit, = s.search("drones")
    assert hit.title is None and hit.label.startswith("Iran delivered drones to Russia")


# -- the migration ------------------------------------------------------------------------------


def test_v3_reindexes_an_existing_database_stemmed(db_location: str,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    module = pg_schema if "://" in db_location else schema
    shipped = module.MIGRATIONS
    assert len(shipped) >= 3
    monkeypatch.setattr(module, "MIGRATIONS", shipped[:2])  # a database made before v3
    with open_store(db_location) as old:
        fill(old)
        assert old.schema_version == 2
        if module is schema:  # (PostgreSQL's queries are stemmed by this code already)
            assert ids(old.search("shell")) == []  # words were not stemmed
            assert ids(old.search("shells")) == ["nk"]
    monkeypatch.setattr(module, "MIGRATIONS", shipped)
    with open_store(db_location) as new:
        assert new.schema_version == len(shipped)
        assert ids(new.search("shell")) == ["nk"]
        assert ids(new.search("Weather")) == ["quiet"]  # titles are indexed again too
        more = make_doc("later", ["Later", "Russia received more shells."], title="Later")
        new.save(more, clean(more), [])  # the triggers feed the new index
        assert ids(new.search("shell")) == ["later", "nk"]
        new.delete("nk")
        assert ids(new.search("shell")) == ["later"]


def test_a_sqlite_file_of_v2_upgrades_in_place(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "old.db"
    monkeypatch.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:2])
    with open_store(db) as old:
        fill(old)
    monkeypatch.undo()
    with open_store(db, upgrade=False) as store:
        assert store.schema_version == 2 and store.latest_version == len(schema.MIGRATIONS)
        assert store.upgrade() == len(schema.MIGRATIONS)
        assert ids(store.search("supplying")) == ["nk"]
