"""A claim as one sentence states it, before the document pass fills its gaps."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from ..model import Quantity, Source


@dataclass
class Draft:
    """A claim before document context fills its gaps."""

    type: str
    actor: str | None
    recipient: str | None
    item: str | None
    status: str
    quantity: Quantity | None = None
    basis: str | None = None
    anchor: int = 0  # char offset in the sentence, for choosing time phrases
    pred: Token | None = None
    generic: bool = False
    ambiguous: bool = False
    first_person: bool = False
    maker: bool = False  # the actor only made the arms used in this combat
    definite: bool = False  # "the missiles were sent": items told of before, told again
    people_before: bool = False  # "the soldiers" fought: whose, an earlier claim tells
    head_tok: Token | None = None
    alt_type: str | None = None
    alt_when: str | None = None
    source: Source | None = None
