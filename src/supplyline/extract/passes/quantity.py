"""Pass ``quantity``: the figure an item's phrase states, and whether it adds to earlier
ones (basis); pass ``elided``: a figure that stands for the item named before it."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from spacy.tokens import Span, Token

from ...model import COUNTED_TYPES
from ..context import COMBAT_USE, ELIDED, ITEM, Draft, ItemMention, SentenceContext, replace
from ..numbers import QuantityMatch
from ..resources import Resources
from .base import sentence_pass
from .mentions import DEAL, deal_value, is_trade


@sentence_pass(reads={"span", "quantities", "drafts", "draft.rule", "draft.mention",
                      "draft.type", "draft.pred", "draft.head_tok"},
               sets={"drafts", "used_quantities", "draft.quantity", "draft.basis",
                     "draft.definite", "draft.item", "draft.type"})
def quantity(r: Resources, ctx: SentenceContext) -> SentenceContext:
    """The figure and basis of every item draft; then one number over two joined items is
    one claim ("6,000 engineers and military construction personnel")."""
    sent = ctx.span
    used: set[int] = set()
    drafts: list[Draft] = []
    for d in ctx.drafts:
        if d.rule not in (ITEM, COMBAT_USE) or d.mention is None:
            drafts.append(d)
            continue
        item = d.mention
        q = deal_value(r, sent, item.head) if item.entry.head == DEAL.head \
            else quantity_for(r, sent, item, ctx.quantities)
        kind = d.type
        if q is None and item.entry.head in r.lex.generic_items:
            q = valued_at(r, sent, item, ctx.quantities)
            if q is not None and not is_trade(r, item):
                kind = "funding"  # "weapons worth €300 million": a sum of arms is funding
                # (but "arms exports worth €485 million" are arms sold, at their value)
        if q is not None:
            used.add(q.start)
            q = without_particle(sent, q)
        drafts.append(replace(
            d, type=kind, quantity=q.quantity if q else None,
            basis=basis_of(r, sent, item, q), definite=q is None and is_definite(r, item)))
    return replace(ctx, drafts=tuple(one_number(drafts, sent)), used_quantities=frozenset(used))


def without_particle(sent: Span, q: QuantityMatch) -> QuantityMatch:
    """"Poland handed over four jets": the "over" of a phrasal verb is no "more than"."""
    first = sent.char_span(q.start, q.end, alignment_mode="expand")
    qualifier = q.quantity.approx
    if first is None or qualifier is None or first[0].dep_ != "prt" or \
            first[0].lower_ != qualifier:
        return q
    plain = dataclasses.replace(q.quantity, lower=None, upper=None, approx=None)
    return dataclasses.replace(q, quantity=plain)


def is_definite(r: Resources, item: ItemMention) -> bool:
    """"the missiles were sent": items told of before, told again (not "most of the")."""
    head = item.head
    return any(c.dep_ == "det" and c.lower_ in r.words.definite_determiners
               for c in head.children) and not (head.dep_ == "pobj" and head.head.lower_ == "of")


def quantity_for(r: Resources, sent: Span, item: ItemMention,
                 quantities: Sequence[QuantityMatch]) -> QuantityMatch | None:
    """The figure before an item, across only the words that may stand between them
    ("3,000 additional troops", "20,000 containers of munitions"); a sum for money."""
    text = sent.text
    best = None
    for q in quantities:
        if q.end <= item.start and item.start - q.end < 45 and \
                r.quantity_gap.fullmatch(text, q.end, item.start):
            best = q
    if best is None:  # "Abrams tanks — 108 ordered in 2019": a fact box's figure after a dash
        best = next((q for q in quantities if q.start >= item.end and not q.quantity.unit
                     and re.fullmatch(r"\s*[\u2014\u2013:]\s*", text[item.end:q.start])), None)
    if best is None and item.entry.type == "funding":
        money = [q for q in quantities if q.quantity.unit]
        if money:
            best = min(money, key=lambda q: abs(q.start - item.start))
    return best


def valued_at(r: Resources, sent: Span, item: ItemMention,
              quantities: Sequence[QuantityMatch]) -> QuantityMatch | None:
    """The sum an item is valued at: "military equipment worth PLN 7 billion", "$700
    million worth of anti-tank missiles"."""
    text, value = sent.text, r.words.value_words
    for q in quantities:
        if not q.quantity.unit:
            continue
        if q.start >= item.end and re.fullmatch(rf"\s*(?:{value})\s*", text[item.end:q.start]):
            return q
        if q.end <= item.start and re.fullmatch(rf"\s*(?:{value})\s+of\s+(?:the\s+)?",
                                                text[q.end:item.start]):
            return q
    return None


def basis_of(r: Resources, sent: Span, item: ItemMention, q: QuantityMatch | None
             ) -> str | None:
    """"additional" when an additive word stands just before the item or its figure,
    "cumulative" when the sentence totals ("a total of", "so far")."""
    text = sent.text
    left = text[max(0, (q.start if q else item.start) - 30): item.start].lower()
    window = re.sub(r.words.not_additive, "", left)
    if r.basis_add.search(window):
        return "additional"
    if q is not None and q.start >= item.end and \
            r.basis_add.match(text[q.end:q.end + 16].lower().lstrip()):
        return "additional"  # a fact box's "K9 howitzers: 18 more delivered"
    if r.basis_cum.search(text):
        return "cumulative"
    return None


def one_number(drafts: Sequence[Draft], sent: Span | None = None) -> list[Draft]:
    """'6,000 engineers and military construction personnel', 'millions of rockets and
    artillery shells' (the second item joined to the figure's word), '6,000 engineering and
    military construction personnel' (two modifiers of one noun): one number, one claim."""
    out: list[Draft] = []
    for d in drafts:
        prev = out[-1] if out else None
        if prev is not None and sent is not None and d.quantity is None and \
                prev.quantity is not None and d.type == prev.type and d.pred == prev.pred \
                and d.head_tok is not None and prev.head_tok is not None \
                and d.head_tok.i == prev.head_tok.i and d.mention is not None \
                and prev.mention is not None and prev.mention.start < d.mention.start:
            whole = sent.text[prev.mention.start:d.mention.end].lower()
            out[-1] = replace(prev, item=whole)
            continue
        dh, ph = _head_of(d), _head_of(prev) if prev is not None else None
        if prev is not None and d.quantity is None and prev.quantity is not None and \
                d.type == prev.type and d.pred == prev.pred and dh is not None \
                and ph is not None and dh.dep_ == "conj" \
                and dh.head in (ph, figure_word(ph)) \
                and "," not in dh.doc[ph.i:dh.i].text:
            out[-1] = replace(prev, item=f"{prev.item} and {d.item}")
            continue
        out.append(d)
    return out


def _head_of(d: Draft) -> Token | None:
    """The item's head token (a draft of arms used in battle keeps it in its mention)."""
    return d.head_tok if d.head_tok is not None else d.mention.head if d.mention else None


def figure_word(head: Token) -> Token | None:
    """'millions' in "millions of rockets": the word of a figure the item hangs on."""
    if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.pos_ == "NOUN":
        return head.head.head
    return None


@sentence_pass(reads={"span", "quantities", "used_quantities", "drafts", "draft.anchor",
                      "draft.type", "draft.actor", "draft.recipient", "draft.status",
                      "draft.item", "draft.pred"},
               sets={"drafts", "draft.rule", "draft.type", "draft.actor", "draft.recipient",
                     "draft.item", "draft.status", "draft.quantity", "draft.basis",
                     "draft.anchor", "draft.pred"})
def elided(r: Resources, ctx: SentenceContext) -> SentenceContext:
    """'..., with an additional 3,000 arriving in January': the item is the previous one."""
    sent, drafts = ctx.span, ctx.drafts
    out = []
    for q in ctx.quantities:
        if q.start in ctx.used_quantities or not drafts:
            continue
        before = sent.text[max(0, q.start - 20):q.start].lower()
        after = sent.text[q.end:q.end + 20]
        additive = re.search(rf"\b(?:{r.words.elided_additive})\s*$", before) and \
            re.match(rf"\s+(?:\w+ing|{r.words.elided_followers})\b|\s*[,.]", after)
        more = re.search(rf"\b(?:{r.words.elided_leads})\s*$", before) and \
            re.match(rf"\s+(?:{r.words.elided_more})\b", after)  # "with 18 more to follow"
        if additive or more:
            prev = [d for d in drafts if d.anchor < q.start and d.type in COUNTED_TYPES]
            if prev:
                p = prev[-1]
                out.append(Draft(rule=ELIDED, type=p.type, item=p.item, anchor=q.start,
                                 pred=p.pred, actor=p.actor, recipient=p.recipient,
                                 status="expected" if more and re.match(
                                     rf"\s+\w+\s+(?:{r.words.elided_future})\b", after)
                                 else p.status, quantity=q.quantity, basis="additional"))
    return replace(ctx, drafts=drafts + tuple(out)) if out else ctx
