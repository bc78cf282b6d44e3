"""Pass ``within``: drafts of one sentence that another draft of it already states are
dropped (a broad word introducing specific items, a system named twice, fighters whose
sending is not the news)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Span, Token

from ..context import Draft, SentenceContext, replace
from ..grammar import lemma
from ..resources import Resources
from .base import sentence_pass
from .mentions import names_trade


@sentence_pass(reads={"span", "drafts", "draft.type", "draft.actor", "draft.recipient",
                      "draft.quantity", "draft.pred", "draft.generic", "draft.head_tok",
                      "draft.anchor", "draft.ambiguous", "draft.item"},
               sets={"drafts", "draft.type"})
def within(r: Resources, ctx: SentenceContext) -> SentenceContext:
    """Keep one draft for what the sentence states once."""
    sent, drafts = ctx.span, list(ctx.drafts)
    fighting = {d.actor for d in drafts if d.type == "combat"}
    drafts = [d for d in drafts if not is_fighters_sending(d, fighting)]
    drafts = [d for d in drafts if not introduces(r, sent, d, drafts)]
    drafts = second_names(r, drafts)
    drafts = [d for d in drafts if not is_restated_within(r, sent, d, drafts)]
    # "troops ... deployment": an ambiguous word beside a specific item is the same claim
    plain = {(d.type, d.actor, d.recipient) for d in drafts if not d.ambiguous}
    drafts = [d for d in drafts if not (d.ambiguous and " " not in (d.item or "")
                                        and (d.type, d.actor, d.recipient) in plain)]
    return replace(ctx, drafts=tuple(drafts)) if len(drafts) != len(ctx.drafts) else ctx


def is_fighters_sending(d: Draft, fighting: set[str | None]) -> bool:
    """"North Korean troops deployed to Kursk were killed": troops of a side that fights,
    with no figure and nobody receiving them, are told for the fighting, not as sent."""
    return d.type == "personnel" and d.actor in fighting and d.quantity is None \
        and (d.recipient is None or d.pred is not None and d.pred.dep_ == "acl")


def introduces(r: Resources, sent: Span, d: Draft, drafts: Sequence[Draft]) -> bool:
    """A generic item that introduces specific ones ("hardware, including launchers",
    "among the weapons withheld are Stinger missiles")."""
    generic = r.lex.generic_items
    if not (d.generic or d.head_tok is not None and d.head_tok.lemma_.lower() in generic):
        return False
    if is_counted_trade(r, d):
        return False
    if d.head_tok is not None and d.head_tok.dep_ == "pobj" and \
            d.head_tok.head.lower_ == "among":
        return any(o.type == d.type and o is not d and o.anchor > d.anchor for o in drafts)
    for other in drafts:
        if other is d or other.type != d.type or other.anchor <= d.anchor:
            continue
        if other.head_tok is not None and other.head_tok.lemma_.lower() in generic:
            continue
        between = sent.text[d.anchor:other.anchor]
        if re.search(rf"\b(?:{r.words.introducing_words})\b", between):
            return True
    return False


def is_counted_trade(r: Resources, d: Draft) -> bool:
    """"Russia supplied 48 percent of Algeria's arms imports, including Su-30 fighters":
    arms told as a trade of their own (a noun of buying or selling right after them) are
    a claim beside the specific items the list names."""
    return d.head_tok is not None and names_trade(r, d.head_tok)


def is_restated_within(r: Resources, sent: Span, d: Draft, drafts: Sequence[Draft]) -> bool:
    """'ATACMS' in "Army Tactical Missile Systems, ATACMS" and 'the Zolfaghar' in
    "400 missiles, including variants such as the Zolfaghar" restate an earlier item."""
    if d.head_tok is None or d.quantity is not None:
        return False
    for other in drafts:
        if other is d or other.anchor >= d.anchor or other.head_tok is None or (
                other.actor, other.recipient) != (d.actor, d.recipient):
            continue
        if other.type != d.type:
            continue
        if d.head_tok.dep_ == "appos" and d.head_tok.head == other.head_tok and any(
                t.is_punct and t.text != "-" for t in
                sent.doc[other.head_tok.i + 1:d.head_tok.left_edge.i]):
            return True  # (not "launchers and 170mm self-propelled howitzers", no comma)
        if other.quantity is not None and lemma(other.head_tok) == lemma(d.head_tok) and \
                re.search(rf"\b(?:{r.words.introducing_words})\b",
                          sent.text[other.anchor:d.anchor]):
            return True  # "several hundred UAVs, including armed UAVs": a kind of them
        between = sent.text[other.anchor:d.anchor]
        if other.head_tok.lemma_.lower() not in r.lex.generic_items and re.search(
                rf"\b(?:{r.words.variant_words})\b", between) and \
                not re.search(r"\band\b|;", between):
            return True
    return False


def second_names(r: Resources, drafts: list[Draft]) -> list[Draft]:
    """"Army Tactical Missile System rockets, known as ATACMS": one claim, of the item
    first named, typed as the system its second name names (rockets of a missile system
    are the system)."""
    out = list(drafts)
    for d in drafts:
        named = next((o for o in out if o is not d and d.head_tok is not None
                      and o.head_tok is not None and o.anchor < d.anchor
                      and (o.actor, o.recipient) == (d.actor, d.recipient)
                      and is_second_name(r, d.head_tok, o.head_tok)), None)
        if named is not None and d.quantity is None:
            out = [replace(o, type=d.type) if o is named else o for o in out if o is not d]
    return out


def is_second_name(r: Resources, name: Token, item: Token) -> bool:
    """"Army Tactical Missile System rockets, known as ATACMS": the name after a naming
    participle on an item is that item again."""
    for up in list(name.ancestors)[:3]:
        if up.lower_ in r.words.naming_participles and up.head == item:
            return True
    return False
