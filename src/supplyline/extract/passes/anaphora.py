"""Pass ``anaphora``: a sentence that names no item but a transfer told just before
("the shipments began in January") is a claim of that transfer; pass ``stand_ins``: a
figure that stands for the item told just before ("Six more are on order"); pass
``placed``: arms told of before, told as being in the country they were sent to ("49 such
howitzers are now in Ukraine")."""

from __future__ import annotations

import re

from spacy.tokens import Token

from ...model import COUNTED_TYPES, TRANSFER_TYPES
from ..context import ANAPHORA, ELIDED, PLACED, Draft, SentenceContext, replace
from ..grammar import is_transfer, lemma
from ..resources import Resources
from ..timex import find_times
from .base import sentence_pass
from .status import status_of


@sentence_pass(reads={"span", "sentence", "memory", "everyone", "drafts"},
               sets={"drafts", "draft.rule", "draft.type", "draft.actor", "draft.recipient",
                     "draft.item", "draft.status", "draft.anchor", "draft.pred",
                     "draft.head_tok"})
def anaphora(r: Resources, ctx: SentenceContext) -> SentenceContext:
    """When the sentence states no claim: a transfer told in the two sentences before, met
    again as "the shipments", "these deliveries" (the word that refers back is the item),
    with a time or figure of its own."""
    if ctx.drafts:
        return ctx
    lex, span = r.lex, ctx.span
    earlier = told_just_before(ctx, TRANSFER_TYPES)
    if not earlier or not lex.anaphor.search(span.text) or not (
            find_times(span.text, None) or r.quantities(span.text)):
        return ctx  # "the donations will help Ukraine": nothing new is told of them
    told = earlier[-1]
    parties = {told.actor, told.recipient}
    if any(a.actor not in parties for a in ctx.everyone
           if not (a.context or a.reporter or a.located)):
        return ctx  # another party is named: this is not the same transfer
    out = []
    for tok in span:
        verb = tok.head
        if tok.lower_ in lex.anaphoric_transfers and tok.pos_ == "NOUN" and any(
                c.dep_ == "det" and c.lower_ in lex.anaphoric_determiners
                for c in tok.children) and (
                tok.dep_ in ("nsubj", "nsubjpass")
                or tok.dep_ == "dobj" and verb.lemma_.lower() in lex.anaphoric_verbs) \
                and not any(c.tag_ in ("WRB", "WDT") or c.dep_ == "mark"
                            for c in verb.children):
            # the transfer itself acts or is acted on ("the shipments began", "begin
            # these donations"), not "an update on the deliveries" or "how the
            # shipments were tracked"
            out.append(Draft(rule=ANAPHORA, type=told.type, item=tok.lower_,
                             anchor=tok.idx - span.start_char, pred=tok, head_tok=tok,
                             actor=told.actor, recipient=told.recipient,
                             status=status_of(r, tok, span, tok)))
    return replace(ctx, drafts=tuple(out[:2])) if out else ctx


def told_just_before(ctx: SentenceContext, types: frozenset[str]) -> list[Draft]:
    """The drafts of ``types`` that the two sentences before told, denials left out, in
    document order."""
    sent = ctx.sentence
    return [d for s, d in ctx.memory.drafts if sent.index - 2 <= s.index < sent.index
            and d.type in types and d.status != "denied"]


@sentence_pass(reads={"span", "sentence", "memory", "actors", "items", "everyone",
                      "quantities",
                      "used_quantities", "drafts", "draft.anchor", "draft.type", "draft.actor",
                      "draft.recipient", "draft.item", "draft.status", "draft.quantity",
                      "draft.alt_type", "draft.alt_when"},
               sets={"drafts", "draft.rule", "draft.type", "draft.actor", "draft.recipient",
                     "draft.item", "draft.status", "draft.quantity", "draft.basis",
                     "draft.anchor", "draft.pred", "draft.alt_type", "draft.alt_when"})
def stand_ins(r: Resources, ctx: SentenceContext) -> SentenceContext:
    """"Germany has sent four tanks. Six more are on order", "three were delivered, with
    the remaining two to follow", "will send another six": a figure that is the subject or
    object of a transfer, with no noun of its own, counts the item told just before (in
    this sentence, else in the two before), with the same parties (in this sentence, its
    own subject may send: "Denmark has pledged 19 jets, while the Netherlands has promised
    24")."""
    span, sent = ctx.span, ctx.sentence
    drafts = list(ctx.drafts)
    heads = {i.head.i: i for i in ctx.items}
    out: list[Draft] = []
    for tok in span:
        figure = next((c for c in tok.children if c.dep_ == "nummod" and c.pos_ == "NUM"),
                      None) if tok.lower_ == "more" else tok if tok.pos_ == "NUM" else None
        # "is open to selling more", "will buy more as needed": more with no figure
        bare = figure is None and tok.lower_ == "more" and tok.dep_ == "dobj" and \
            not any(c.dep_ == "prep" for c in tok.children)
        if not bare and (figure is None or re.fullmatch(r"(?:19|20)\d\d", figure.text)):
            continue  # "2023 was a record year"
        # "has delivered 90 of the guns": the figure counts the item it names
        named = next((heads[o.i] for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                      for o in c.children if o.i in heads), None)
        if tok.dep_ in ("nsubj", "nsubjpass"):
            verb = transfer_above(r, tok.head)
        elif tok.dep_ == "dobj":  # "is preparing to send four more", "will send another six"
            verb = tok.head if is_transfer(r, tok.head) else None
        elif tok.lower_ == "more":  # "with eight more to follow"
            verb = next((v for c in tok.children if c.dep_ in ("relcl", "acl")
                         and (v := transfer_above(r, c)) is not None), None)
        else:
            continue
        at = (figure if figure is not None else tok).idx - span.start_char
        q = next((q for q in ctx.quantities if q.start <= at < q.end
                  and not q.quantity.unit and q.start not in ctx.used_quantities), None)
        if verb is None or q is None and not bare:
            continue
        start, quantity = (q.start, q.quantity) if q is not None else (at, None)
        own = next((d for d in drafts if named is not None and d.item == named.text), None)
        if own is not None:  # the item named has its claim: the figure is its figure
            if own.quantity is None and quantity is not None:
                drafts[drafts.index(own)] = replace(own, quantity=quantity)
            continue
        here = [d for d in (*drafts, *out) if d.anchor < start and d.type in COUNTED_TYPES]
        told = here[-1] if here else None
        if told is None and sent is not None:
            earlier = [d for d in told_just_before(ctx, COUNTED_TYPES) if d.item]
            told = earlier[-1] if earlier else None
            parties = {told.actor, told.recipient} if told else set()
            if told is None or any(a.actor not in parties for a in ctx.everyone
                                   if not (a.context or a.reporter or a.located)):
                continue  # another party is named: another transfer
        if told is None:
            continue
        more = tok.lower_ == "more" or any(c.lower_ == "more" for c in tok.children) or \
            re.search(rf"\b(?:{r.words.elided_additive})\s+$", span.text[:start].lower())
        # what is "to follow" or "on order" is expected; else the clause tells
        status = "expected" if lemma(verb) == "be" or lemma(verb) in r.words.stand_in_verbs \
            else status_of(r, verb, span)
        near = span.text[max(0, start - 40):at + 40]  # "so far, 30 have been sent"
        basis = "additional" if more else "cumulative" if r.basis_cum.search(near) else None
        if here and told.quantity is None and told in drafts and quantity is not None:
            # "Of the new tanks, 116 will be delivered": the figure counts that item
            drafts[drafts.index(told)] = replace(told, quantity=quantity, basis=basis)
            continue
        actor = told.actor
        if here:  # "Denmark has pledged 19 jets, while the Netherlands has promised 24"
            subject = [a.actor for c in verb.children if c.dep_ == "nsubj"
                       for a in ctx.actors if not a.context and c.left_edge.idx
                       <= a.start + span.start_char <= c.right_edge.idx]
            actor = subject[0] if subject else actor
            if actor == told.recipient:
                continue
        # the item's other reading goes with it ("six Su-30 fighters ... the first two
        # arrived": jets, not fighters in the other sense)
        kind, item, alt_type, alt_when = (
            named.entry.type, named.text, named.entry.alt_type, named.entry.alt_when) \
            if named is not None else (told.type, told.item, told.alt_type, told.alt_when)
        out.append(Draft(rule=ELIDED, type=kind, item=item, anchor=start,
                         pred=verb, actor=actor, recipient=told.recipient,
                         status=status, quantity=quantity, basis=basis,
                         alt_type=alt_type, alt_when=alt_when))
    return replace(ctx, drafts=tuple(drafts) + tuple(out)) if out or \
        tuple(drafts) != ctx.drafts else ctx


def transfer_above(r: Resources, verb: Token) -> Token | None:
    """The transfer verb of a clause: the verb itself, or one it joins or leads to ("are on
    order and expected to arrive", "appear to have been transferred")."""
    todo, seen = [verb], 0
    while todo and seen < 6:
        v = todo.pop(0)
        seen += 1
        if v.pos_ in ("VERB", "AUX") and (is_transfer(r, v) or lemma(v) in r.words.stand_in_verbs):
            return v
        if lemma(v) == "be" and any(p.dep_ == "prep" and any(
                o.dep_ == "pobj" and o.lower_ in r.words.stand_in_states for o in p.children)
                for p in v.children):
            return v  # "Six more are on order"
        todo.extend(c for c in v.children if c.dep_ in ("xcomp", "conj") and c.pos_ == "VERB")
    return None


ARMS_TYPES = frozenset({"weapons", "munitions"})


@sentence_pass(reads={"span", "sentence", "memory", "actors", "items", "everyone",
                      "quantities", "used_quantities", "drafts", "draft.head_tok"},
               sets={"drafts", "draft.rule", "draft.type", "draft.actor", "draft.recipient",
                     "draft.item", "draft.status", "draft.quantity", "draft.anchor",
                     "draft.pred", "draft.head_tok", "draft.mention"})
def placed(r: Resources, ctx: SentenceContext) -> SentenceContext:
    """"Kyiv got 12 howitzers from Paris in May. Today there are 30 such guns in Ukraine",
    "... The launchers were already in Armenia", "analysts confirmed the drone's presence in
    the country": arms told of before (a definite or "such" item, with no transfer verb of
    its own), told as being in the country that a transfer just before sent arms to, are
    that transfer restated, as done (a modal or negation keeps its own status); the same
    item with no figure of its own is only told again ("sent Abrams tanks ... The Abrams
    are already in Ukraine")."""
    if ctx.sentence is None:
        return ctx
    earlier = told_just_before(ctx, ARMS_TYPES)
    if not earlier:
        return ctx
    taken = {d.head_tok.i for d in ctx.drafts if d.head_tok is not None}
    out: list[Draft] = []
    for item in ctx.items:
        head = item.head
        if item.entry.type not in ARMS_TYPES or head.i in taken or not any(
                c.dep_ in ("det", "amod", "predet") and c.lower_ in r.words.placed_determiners
                for c in head.children):
            continue
        place = _place_of(r, head)
        host = None if place is None else _host(r, ctx, place, earlier)
        if place is None or host is None:
            continue
        told = next(d for d in reversed(earlier) if d.recipient in (host, None))
        q = next((q for q in ctx.quantities if not q.quantity.unit
                  and q.start not in ctx.used_quantities
                  and any(c.dep_ == "nummod" and q.start <= c.idx - ctx.span.start_char < q.end
                          for c in head.children)), None)
        if q is None and told.item and set(told.item.split()) & set(item.text.split()):
            continue  # "the Abrams are in Ukraine" after "sent Abrams tanks": told again
        if any(a.actor not in (told.actor, host) for a in ctx.everyone
               if not (a.context or a.reporter or _inside(ctx, a.start, place))):
            continue  # another party is named: another transfer
        verb = place.head
        status = status_of(r, verb, ctx.span)
        out.append(Draft(rule=PLACED, type=told.type, item=item.text, anchor=item.start,
                         pred=verb, head_tok=head, mention=item, actor=told.actor,
                         recipient=host, quantity=q.quantity if q else None,
                         status="done" if status in ("ongoing", "done") else status))
        taken.add(head.i)
    return replace(ctx, drafts=ctx.drafts + tuple(out)) if out else ctx


def _place_of(r: Resources, head: Token) -> Token | None:
    """The "in" phrase that places an item: "the guns are in Ukraine", "there are 30 guns in
    Ukraine", "the drone's presence in Sudan", "the presence of the drones in Sudan"."""
    up = head.head
    holders: list[Token] = []
    if head.dep_ in ("nsubj", "attr") and lemma(up) == "be":
        holders = [up, head]  # "there are 30 guns in Ukraine": on the noun or on "are"
    elif head.dep_ == "poss" and up.lower_ in r.words.presence_nouns:
        holders = [up, up.head]  # "confirmed the drone's presence in the country"
    elif head.dep_ == "pobj" and up.lower_ == "of" and up.head.lower_ in r.words.presence_nouns:
        holders = [up.head, up.head.head]
    for h in holders:
        for c in h.children:
            if c.dep_ == "prep" and c.lower_ in r.words.placed_preps:
                return c
    return None


def _host(r: Resources, ctx: SentenceContext, place: Token,
          earlier: list[Draft]) -> str | None:
    """The recipient told before that the "in" phrase names: by its name, or as "the
    country"."""
    base = ctx.span.start_char
    lo, hi = place.idx - base, place.right_edge.idx + len(place.right_edge) - base
    noun = next((o for o in place.children if o.dep_ == "pobj"), None)
    if noun is not None and noun.lower_ in r.words.host_anaphors and any(
            c.dep_ == "det" and c.lower_ in r.words.definite_determiners
            for c in noun.children):
        return next((d.recipient for d in reversed(earlier) if d.recipient), None)
    named = [a.actor for a in ctx.actors if lo <= a.start < hi and not a.context]
    sent_to = {d.recipient for d in earlier}
    if named:  # a recipient left open here is the document's, filled later
        return named[0] if named[0] in sent_to or None in sent_to else None
    return None


def _inside(ctx: SentenceContext, at: int, tok: Token) -> bool:
    """The offset (in the sentence) falls inside the phrase of ``tok``."""
    base = ctx.span.start_char
    return tok.left_edge.idx - base <= at < tok.right_edge.idx + len(tok.right_edge) - base
