"""The data the extractor's passes read and set: plain frozen dataclasses.

A pass never changes what it is given: it returns a copy (``dataclasses.replace``) with the
fields it declares in ``sets`` (``pipeline.py``). Three levels:

- ``DocumentContext``: one document, from its sentences to its claims;
- ``SentenceContext``: one parsed sentence, from its mentions to its drafts;
- ``Draft``: one claim in the making, whose fields the passes fill one by one.

``Memory`` is what the sentences read so far leave for the next one (the party named last,
the source speaking, the drafts so far): the sentence passes get it and hand it on.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from spacy.tokens import Doc, Span, Token

from ..model import Claim, CleanedText, Document, Quantity, Source, When
from ..vocab import ItemHead
from .numbers import QuantityMatch
from .sentences import Sentence

T = TypeVar("T")
_COPYABLE: dict[type, frozenset[str]] = {}  # class -> its field names, when plain to copy


def replace(obj: T, /, **changes: Any) -> T:
    """``dataclasses.replace``, made by copying the fields rather than through ``__init__``:
    the passes make some 140 copies of a context or draft per sentence, and the generated
    ``__init__`` of a frozen class sets each field through ``object.__setattr__`` (a sixth of
    the rules' time). The copy is the same: it applies only to a dataclass whose fields
    are all set by ``__init__``, with no ``__post_init__`` and no slots, and to changes that
    name its fields; anything else goes to ``dataclasses.replace``."""
    cls = obj.__class__
    names = _COPYABLE.get(cls)
    if names is None:
        names = _COPYABLE[cls] = _plain_fields(cls)
    if not names or not changes.keys() <= names:
        return dataclasses.replace(obj, **changes)  # type: ignore[type-var]
    new = object.__new__(cls)
    values = new.__dict__
    values.update(obj.__dict__)
    values.update(changes)
    return new


def _plain_fields(cls: type) -> frozenset[str]:
    """The field names of a dataclass that ``replace`` may copy (empty when it may not)."""
    if not dataclasses.is_dataclass(cls) or hasattr(cls, "__post_init__") \
            or "__slots__" in cls.__dict__:
        return frozenset()
    fields = dataclasses.fields(cls)
    if len(fields) != len(cls.__dataclass_fields__) or not all(f.init for f in fields):
        return frozenset()  # a ClassVar, an InitVar or a field __init__ does not set
    return frozenset(f.name for f in fields)


# What made a draft (``Draft.rule``): passes treat drafts by the rule that made them.
ITEM = "item"  # an item of the vocabulary and the predicate that governs it
COMBAT_USE = "combat-use"  # arms used in battle: "Russia fired North Korean missiles"
SUPPLIED = "supplied"  # "Ukraine used British-supplied missiles": the supply behind a use
OWN_PRODUCTION = "own-production"  # "equip its military with a new launcher"
TRAINED = "trained"  # "Denmark is training Ukrainian pilots"
HELPED = "helped"  # "China helped Pakistan build the JF-17": the know-how for it
ARMED = "armed"  # "Iran denies arming the Houthis": arms told by the verb alone
JOINT = "joint"  # one more sender named jointly: "Germany and Poland will send"
ELIDED = "elided"  # "..., with an additional 3,000 arriving": the item named before
ACTIVITY = "activity"  # a test, exercise, production or combat told by its cue word
ABROAD = "abroad"  # "lost 4,700 soldiers out of 15,000": the 15,000 were sent
ANAPHORA = "anaphora"  # "the shipments began in January": a transfer told before
DENIAL = "denial"  # "..., a claim Pyongyang has called absurd": the denier's claim
DENIED_REPORT = "denied-report"  # "China rejected the accusations" after the claims
PLACED = "placed"  # "49 such howitzers are now in Ukraine": arms told before, in place
RULES = frozenset({ITEM, COMBAT_USE, SUPPLIED, OWN_PRODUCTION, TRAINED, HELPED, ARMED, JOINT,
                   ELIDED,
                   ACTIVITY, ABROAD, ANAPHORA, DENIAL, DENIED_REPORT, PLACED})
# How an actor is named (``ActorMention.kind``): a name or alias, "North Korean", "Kyiv",
# "the regime", "Iranian-made", a head of state
MENTION_KINDS = frozenset({"alias", "demonym", "capital", "subject", "group", "origin",
                           "leader"})


@dataclass(frozen=True)
class ActorMention:
    """A party named in a sentence (char offsets within the sentence)."""

    actor: str
    start: int
    end: int
    kind: str  # alias | demonym | capital | subject | group | origin | leader
    context: bool = False  # "war against Ukraine": names a party, not a sender/recipient
    possessive: bool = False
    reporter: bool = False  # inside an attribution ("the German government said")
    located: bool = False  # after "in"/"at"/"near": a place ("a training centre in Romania")


@dataclass(frozen=True)
class ItemMention:
    """An item of the vocabulary named in a sentence: its head token and its phrase."""

    head: Token
    entry: ItemHead
    text: str
    start: int  # char offsets within the sentence of the item phrase
    end: int


@dataclass(frozen=True)
class Draft:
    """A claim in the making. ``candidates`` (and the passes that add drafts) set what the
    sentence names; ``parties``, ``status``, ``quantity``, ``source``, ``time`` and
    ``place`` fill the rest."""

    rule: str  # which rule made it (ITEM, COMBAT_USE, ...)
    type: str
    item: str | None
    anchor: int = 0  # char offset in the sentence, for choosing time phrases
    pred: Token | None = None  # the predicate that states it (verb or noun)
    chain: tuple[Token, ...] = ()  # the words above the item up to its predicate
    mention: ItemMention | None = None
    head_tok: Token | None = None  # the item's head token
    actor: str | None = None
    recipient: str | None = None
    status: str | None = None
    quantity: Quantity | None = None
    basis: str | None = None
    source: Source | None = None
    when: When | None = None
    place: str | None = None
    generic: bool = False  # a broad word ("weapons") that may introduce specific items
    ambiguous: bool = False  # an item word that may mean something else ("forces")
    first_person: bool = False  # "we will provide": the speaker's side sends
    maker: bool = False  # the actor only made the arms (used in this combat, or sent)
    definite: bool = False  # "the missiles were sent": items told of before, told again
    people_before: bool = False  # "the soldiers" fought: whose, an earlier claim tells
    alt_type: str | None = None  # the type when the document matches ``alt_when``
    alt_when: str | None = None


@dataclass(frozen=True)
class Memory:
    """What the sentences read so far leave for the next one."""

    last_actor: str | None = None  # the party named last ("the country" refers to it)
    last_group: str | None = None  # the non-state party named last ("the group" refers to it)
    last_person: Source | None = None  # the officeholder named last ("he said")
    last_source: Source | None = None  # the source named last
    carried: tuple[Source, int] | None = None  # a source that keeps speaking, and where
    seen: tuple[Source, ...] = ()  # sources named so far, for "the agency" later on
    announcer: Source | None = None  # who announced a package ("the State Department
    # announced the agreement"): the source of what the package includes, told later
    drafts: tuple[tuple[Sentence, Draft], ...] = ()  # every draft so far


@dataclass(frozen=True)
class DocumentContext:
    """One document on its way from text to claims."""

    doc: Document
    cleaned: CleanedText
    sentences: tuple[Sentence, ...] = ()
    by_index: Mapping[int, Sentence] = field(default_factory=dict)
    candidates: tuple[Sentence, ...] = ()  # the sentences parsed: they may hold a claim
    parsed: tuple[Doc, ...] = ()  # their parses, in the same order
    fallback_source: Source = field(default_factory=Source)  # a "Source: X" line's
    drafts: tuple[tuple[Sentence, Draft], ...] = ()
    told_again: frozenset[tuple[int, str | None]] = frozenset()  # (sentence start, item)
    orders: frozenset[tuple[int, str | None]] = frozenset()  # goods ordered: (start, item)
    claims: tuple[Claim, ...] = ()

    @property
    def published(self) -> date | None:
        return self.doc.published


@dataclass(frozen=True)
class SentenceContext:
    """One parsed sentence on its way to drafts."""

    document: DocumentContext
    sentence: Sentence
    span: Span
    memory: Memory
    unparsed_before: tuple[Sentence, ...] = ()  # body sentences not parsed, since the last
    everyone: tuple[ActorMention, ...] = ()  # every party named, sources included
    actors: tuple[ActorMention, ...] = ()  # the parties named outside attributions
    reporters: tuple[ActorMention, ...] = ()  # the parties named inside attributions
    items: tuple[ItemMention, ...] = ()
    quantities: tuple[QuantityMatch, ...] = ()
    drafts: tuple[Draft, ...] = ()
    used_quantities: frozenset[int] = frozenset()  # starts of figures an item took
