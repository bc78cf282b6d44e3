"""What every pass may use, built once per vocabulary and parser and never changed: the
vocabulary, its word lists compiled for the rules, the attributor and the spaCy pipeline."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from ..vocab import Lexicon, Vocabulary, longest_first
from .attribution import Attributor
from .learned import Cues, LearnedModel, Rescorer
from .nlp import splitter_on
from .numbers import NUMBER, QuantityMatch, find_quantities, quantity_pattern
from .words import Words

STATUS_KEYS = ("denied", "possible", "expected", "planned", "pledged", "ongoing")
ACTIVITY_KINDS = ("combat", "production", "test", "exercise")


@dataclass(frozen=True)
class Resources:
    vocab: Vocabulary
    lex: Lexicon
    words: Words  # cues.yaml `words`, by rule
    nlp: Language
    split: Callable[[str], Doc]  # a line into sentences, on the parser's tokenizer
    attributor: Attributor
    belligerents: frozenset[str]  # cues.yaml `recipients`: whose own forces are no transfer
    forms: Mapping[str, tuple[str, str]]  # actor surface form -> (actor, form kind)
    give: frozenset[str]  # transfer verbs whose subject gives (with `origin` and `arrive`)
    receive: frozenset[str]  # transfer verbs whose subject receives
    transfer_nouns: frozenset[str]
    origin_verbs: frozenset[str]  # "left the US for Ukraine": the object is the origin
    arrive: frozenset[str]  # "the tanks arrived in Ukraine": the place receives
    receipt: frozenset[str]  # "receipt of the tanks by Ukraine": the agent receives
    status_cues: Mapping[str, frozenset[str]]
    activity: Mapping[str, frozenset[str]]
    basis_add: re.Pattern[str]
    basis_cum: re.Pattern[str]
    reporting: frozenset[str]
    multi_items: re.Pattern[str]  # item forms of several words or hyphenated
    quantity_gap: re.Pattern[str]  # what may stand between a figure and its item
    sum_candidate: re.Pattern[str]  # a sentence stating a sum, that may be what is given
    pledge_time: re.Pattern[str]  # "announced on Tuesday": a pledge's own time
    candidate: re.Pattern[str]  # a sentence that names an item or an activity
    check: bool = False  # verify after each pass that it set only what it declares (tests)
    rescorer: Rescorer | None = None  # the learned pass, when its weights enable it

    @classmethod
    def build(cls, vocab: Vocabulary, nlp: Language, check: bool = False,
              learned: LearnedModel | None = None) -> Resources:
        additional = sorted((w for w in vocab.cue_set("basis", "additional") if " " not in w),
                            key=len, reverse=True)
        multi = [f for f in vocab.items if " " in f or "-" in f]
        pledged = sorted(w for w in vocab.cue_set("status", "pledged") if w.endswith("ed"))
        lex, words = vocab.lexicon(), Words.of(vocab)
        return cls(
            vocab=vocab,
            lex=lex,
            words=words,
            nlp=nlp,
            split=splitter_on(nlp),
            attributor=Attributor(vocab),
            belligerents=frozenset(vocab.cues.get("recipients") or ()),
            forms=vocab.actor_forms(),
            give=vocab.cue_set("transfer", "give") | vocab.cue_set("transfer", "origin")
            | vocab.cue_set("transfer", "arrive"),
            receive=vocab.cue_set("transfer", "receive"),
            transfer_nouns=vocab.cue_set("transfer", "nouns"),
            origin_verbs=vocab.cue_set("transfer", "origin"),
            arrive=vocab.cue_set("transfer", "arrive"),
            receipt=vocab.cue_set("transfer", "receipt"),
            status_cues={k: vocab.cue_set("status", k) for k in STATUS_KEYS},
            activity={k: vocab.cue_set("activity", k) for k in ACTIVITY_KINDS},
            basis_add=re.compile(rf"\b(?:{'|'.join(map(re.escape, additional))})\b"),
            basis_cum=vocab.cue_pattern("basis", "cumulative"),
            reporting=vocab.cue_set("reporting", "verbs"),
            multi_items=re.compile(
                rf"(?<![\w-])(?:{longest_first(multi, ignore_case=False)})(?![\w-])"
                if multi else r"(?!x)x"),
            # "40 more U.S.-made (Abrams) tanks", "14 Challenger 2 tanks" (a name and its
            # model number): each word ends at a separator, so a long word is read once, not
            # split every way (that grew with the cube of its length)
            quantity_gap=re.compile(
                r"-?[\s)(]*(?:(?:of\s+)?(?:the\s+)?(?:" + words.figure_gap_words +
                r"|[A-Z][\w.-]*(?:\s\d+[A-Za-z]?\d*)?|[a-z]+-[a-z]+|" + lex.containers +
                r")(?:[\s)(]+|$)){0,3}"),
            pledge_time=re.compile(
                rf"\b(?:{'|'.join(map(re.escape, pledged))})\s+(?:\w+\s+){{0,3}}$",
                re.IGNORECASE),
            # a sentence naming an item or an activity, or a figure standing for an item
            # ("Six more are on order")
            candidate=re.compile(
                "|".join([*(p.pattern for p in (vocab.item_pattern(),
                                                vocab.cue_pattern("activity"))),
                          rf"(?<![\w.])(?:{NUMBER})\s+(?:{words.stand_in_followers})\b",
                          rf"\b(?:{words.arming_forms})\b"]),  # "denies arming the M23"
                re.IGNORECASE),
            # a sum in a currency ("pledged $500 million to Kyiv"): the sum may be the item
            sum_candidate=re.compile(rf"(?:{vocab.money.before})\s?\d"
                                     rf"|\d\s*(?:[a-z]+\s+)?(?:{vocab.money.after})\b",
                                     re.IGNORECASE),
            check=check,
            rescorer=Rescorer(learned, Cues.of(vocab)) if learned and learned.enabled
            else None,
        )

    def prepare(self) -> None:
        """Build now the patterns of the vocabulary that nearly every document asks for and
        that are otherwise built by the first one (the actor forms, the places, a quantity
        in its currencies): a process that forks workers after this builds them once for
        all of them, and no document's time budget pays for them."""
        self.vocab.actor_pattern()
        self.vocab.place_pattern()
        quantity_pattern(self.vocab.money)

    def quantities(self, text: str) -> list[QuantityMatch]:
        """Every quantity in ``text``, in the vocabulary's currencies; a figure after a party
        is no model number ("gave Ukraine 300 tanks")."""
        return find_quantities(text, self.vocab.money, self.vocab.actor_pattern())
