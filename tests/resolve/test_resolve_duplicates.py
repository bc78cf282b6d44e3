"""Near-duplicate documents: MinHash/LSH story groups, stored and incremental."""

from __future__ import annotations

from datetime import date

from resolve_factories import HUR, claim, document, qty

from supplyline.model import Source
from supplyline.resolve import group_stories, resolve
from supplyline.resolve.duplicates import group, shingles, signature, to_bytes
from supplyline.store import BaseStore, open_store

WIRE = [
    "North Korea sends more troops to Russia",
    "North Korea has sent about 3,000 more troops to Russia since January, Ukraine's "
    "military intelligence said on Tuesday, bringing the contingent deployed near the "
    "Kursk border to its largest size since the autumn.",
    "The new soldiers arrived by rail over several weeks and were assigned to units that had "
    "lost men in the winter fighting, the agency said in a statement posted online.",
    "Officials in Kyiv said the deployment showed that Moscow was relying more heavily on its "
    "ally to hold ground, while Pyongyang received money, fuel and military technology.",
]
OTHER = [
    "Germany pledges air defence systems to Ukraine",
    "Germany will deliver two more IRIS-T air defence systems to Ukraine before the end of "
    "the year, the defence ministry in Berlin said on Friday after a meeting of allies.",
    "The systems are paid for from this year's budget and will be taken from industry orders, "
    "officials said, adding that training of Ukrainian crews had already begun in Germany.",
]


def test_shingles_are_word_windows() -> None:
    assert shingles("One two three four", 2) == {b"one two", b"two three", b"three four"}
    assert shingles("Short text", 5) == {b"short text"}
    assert shingles("", 5) == set()


def test_copies_with_different_debris_are_one_story() -> None:
    copy = [*WIRE, "Read more: our coverage of the war", "Subscribe to our newsletter"]
    rows = group([], [("wire", "\n\n".join(WIRE)), ("copy", "\n\n".join(copy[:4]) + " Share."),
                      ("other", "\n\n".join(OTHER))])
    assert [(doc, story) for doc, story, _ in rows] == [
        ("wire", "wire"), ("copy", "wire"), ("other", "other")]


def test_stored_signatures_group_later_documents() -> None:
    first = group([], [("wire", "\n\n".join(WIRE))])
    later = group(first, [("copy", "\n\n".join(WIRE[1:])), ("wire", "ignored: already in")])
    assert [(doc, story) for doc, story, _ in later] == [("copy", "wire")]
    assert to_bytes(signature("\n\n".join(WIRE))) == first[0][2]


def _save(store: BaseStore, doc_id: str, paragraphs: list[str], outlet: str, day: int,
          debris: dict[int, str] | None = None) -> None:
    doc, cleaned = document(doc_id, paragraphs, published=date(2025, 3, day), outlet=outlet,
                            debris=debris)
    claims = [] if paragraphs is OTHER else [
        claim(doc, paragraphs[1], quantity=qty(3000),
              source=HUR if doc_id == "a" else Source("the agency", kind="media"))]
    store.save(doc, cleaned, claims)


def test_story_groups_in_the_store_count_once_as_evidence(db_location: str) -> None:
    with open_store(db_location) as store:
        _save(store, "a", WIRE, "Wire One", 4)
        _save(store, "b", [*WIRE, "Loading Now"], "Paper Two", 5, {4: "site chrome"})
        _save(store, "c", WIRE[:3] + [WIRE[3] + " Comments (3)"], "Site Three", 6)
        _save(store, "d", OTHER, "Berlin Daily", 6)
        assert group_stories(store) == 4
        assert group_stories(store) == 0  # nothing new
        groups = store.story_groups()
        assert [[d.id for d in g] for g in groups] == [["a", "b", "c"]]
        assert [d.outlet for d in groups[0]] == ["Wire One", "Paper Two", "Site Three"]
        resolve(store)
        troops = [f for f in store.facts() if f.item == "troops"]
        # HUR named in a; b and c, copies of a's story, name nobody: one more source
        assert len(troops) == 1 and len(troops[0].reports) == 3
        assert troops[0].independent_sources == 2
