"""Pass ``parties``: who sends and who receives, from the grammar around the predicate
(word order as the fallback); and pass ``joint``: one claim for each sender named jointly.

``transfer_parties`` is the rule for one item; the rest of the ``parties`` pass are the
rules that need the parties to decide (a state equipping its own forces is production; a
weapon used in battle that another state supplied is a supply too; people sent into battle
fight).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from spacy.tokens import Span, Token

from ...evaluate import head_noun
from ...model import TRANSFER_TYPES
from ..context import (
    ARMED,
    COMBAT_USE,
    HELPED,
    ITEM,
    JOINT,
    OWN_PRODUCTION,
    SUPPLIED,
    TRAINED,
    ActorMention,
    Draft,
    ItemMention,
    SentenceContext,
    replace,
)
from ..grammar import first_conjunct, has_infinitive_to, is_deal, is_transfer, lemma, thanked_for
from ..resources import Resources
from .base import sentence_pass
from .mentions import DEAL


@sentence_pass(reads={"span", "memory", "actors", "everyone", "reporters", "items", "drafts",
                      "draft.rule", "draft.pred", "draft.chain", "draft.mention",
                      "draft.head_tok", "draft.type"},
               sets={"drafts", "draft.actor", "draft.recipient", "draft.type", "draft.maker",
                     "draft.rule", "draft.item", "draft.anchor", "draft.pred",
                     "draft.head_tok", "draft.status"})
def parties(r: Resources, ctx: SentenceContext) -> SentenceContext:
    """Actor and recipient of every draft, and the rules that turn on them."""
    sent, actors = ctx.span, ctx.actors
    drafts: list[Draft] = []
    for d in ctx.drafts:
        if d.rule == COMBAT_USE:
            drafts.extend(_combat_use(r, ctx, d))
        elif d.rule == ITEM:
            found = _item_parties(r, ctx, d)
            if found is not None:
                drafts.append(found)
        else:
            raise ValueError(f"no parties rule for a draft made by {d.rule!r}")
    drafts = [replace(d, type="technology") if is_technical_help(r, d) else d for d in drafts]
    drafts.extend(_trained(r, sent, actors, drafts))
    drafts.extend(_armed(r, sent, ctx.everyone, drafts))
    drafts = _helped(r, ctx, drafts)
    return replace(ctx, drafts=tuple(_into_battle(r, ctx, d) for d in drafts))


def _item_parties(r: Resources, ctx: SentenceContext, d: Draft) -> Draft | None:
    sent, actors, item, pred = ctx.span, ctx.actors, d.mention, d.pred
    assert item is not None
    actor, recipient = transfer_parties(r, sent, pred, list(d.chain), item, actors,
                                        ctx.reporters, first_person=d.first_person)
    if actor in r.belligerents and recipient is None and pred is not None \
            and lemma(pred) == "deploy":
        return None  # "Ukrainian forces ... deploy these aircraft": their own, in use
    if recipient is None and equips_own_forces(r, pred):
        # "North Korea said it would equip its military with a new launcher": a state
        # fielding what it makes (production), not a transfer
        return Draft(rule=OWN_PRODUCTION, type="production", item=item.text,
                     anchor=item.start, pred=pred, head_tok=item.head, actor=actor)
    if item.entry.standalone and item.entry.head != DEAL.head:  # (a deal has no trainees)
        actor, recipient = _trainees(r, sent, item, actors, actor, recipient)
    if is_given_in_exchange(r, sent, item, pred, actors, actor):
        # "in return for North Korean troops": the item flows the other way
        origin = [a.actor for a in actors if a.kind in ("demonym", "origin")
                  and 0 <= item.start - a.end <= 3]
        first = first_conjunct(item.head)
        if not origin and first != item.head:
            # "for North Korean weapons, munitions and labor": the list's first member's
            # side is every member's
            lo, hi = first.left_edge.idx - sent.start_char, first.idx - sent.start_char
            origin = [a.actor for a in actors if a.kind in ("demonym", "origin")
                      and lo <= a.start and a.end <= hi]
        actor, recipient = (origin[0] if origin else recipient), actor
    side = purpose_side(r, ctx, pred) if pred is not None else None
    if side is not None and side != actor and (
            recipient is None or recipient in {o.country for o in r.vocab.organisations
                                               if o.name == side}):
        recipient = side  # "sent troops into Congo to fight alongside the M23": the M23
    made = actor is not None and d.type in TRANSFER_TYPES and \
        named_only_as_maker(r, sent, item, actors, actor)
    return replace(d, actor=actor, recipient=recipient, maker=made or d.maker)


def purpose_side(r: Resources, ctx: SentenceContext, pred: Token) -> str | None:
    """The armed group a transfer's purpose names: "sent soldiers into Congo to fight
    alongside the M23", "flew jets to Libya to support the Wagner Group" (a non-state
    party, as the object of the purpose's verb or of "alongside", "for", "with")."""
    w, base = r.words, ctx.span.start_char
    for verb in pred.children:
        if verb.dep_ not in ("advcl", "xcomp") or verb.pos_ != "VERB" or \
                lemma(verb) not in w.purpose_side_verbs or not has_infinitive_to(verb):
            continue
        named = [c for c in verb.children if c.dep_ == "dobj"] + \
            [c for c in verb.children if c.dep_ == "prep" and c.lower_ in w.purpose_side_preps]
        for c in named:
            lo, hi = c.left_edge.idx - base, c.right_edge.idx + len(c.right_edge.text) - base
            found = next((a.actor for a in ctx.actors if lo <= a.start < hi and not a.context
                          and not a.possessive and a.actor in r.vocab.groups), None)
            if found is not None:
                return found
    return None


def named_only_as_maker(r: Resources, sent: Span, item: ItemMention,
                        actors: Sequence[ActorMention], actor: str) -> bool:
    """"the shipments to Russia include Brazilian-made rocket launchers": the state is
    named only on the item, as its maker ("-made", "-built"), not as the one sending it
    ("Russian-supplied" names the sender)."""
    named = [a for a in actors if a.actor == actor]
    return bool(named) and all(
        a.kind == "origin" and not is_supplied_form(r, sent.text[a.start:a.end])
        and 0 <= item.start - a.end <= 25 for a in named)


def is_given_in_exchange(r: Resources, sent: Span, item: ItemMention, pred: Token | None,
                         actors: Sequence[ActorMention], actor: str | None) -> bool:
    """"Russia gets shells in return for North Korean troops": the item is what an exchange
    phrase names; not "in exchange for sending troops to Russia", where a verb of its own
    inside the phrase tells who sends it, nor "in exchange for support from Moscow", where
    the phrase names the sender itself."""
    # (a list member is given as its first one is: "for North Korean weapons, munitions")
    start = min(item.start, first_conjunct(item.head).left_edge.idx - sent.start_char)
    found = r.lex.exchange.search(sent.text[:start])
    if not found:
        return False
    phrase = sent.char_span(found.start(), found.end(), alignment_mode="expand")
    if phrase is None:
        return True
    rule = phrase[-1]
    # the phrase up to the item, and what hangs on its last word ("in exchange for
    # sending troops or rifles": "sending" stands inside for "rifles" too)
    inside = {t.i for t in rule.subtree} | {t.i for t in phrase}
    if pred is not None and pred.pos_ == "VERB" and pred.i in inside:
        return False
    return not any(a.actor == actor and a.start >= found.end() and not a.context
                   and a.kind in ("alias", "capital") for a in actors)


def buys_through_noun(r: Resources, pred: Token, item: Token) -> bool:
    """"The air force approved the purchase of 36 jets": a buying noun between the item
    and its verb; the verb's subject buys (receives)."""
    for t in item.ancestors:
        if t == pred:
            return False
        if t.pos_ == "NOUN" and t.lower_ in r.words.buying_nouns:
            # (not "Israel approved Slovakia's purchase of ...": the possessor buys)
            return not any(c.dep_ == "poss" for c in t.children)
    return False


def takes_delivery(r: Resources, pred: Token) -> bool:
    """"Taiwan took delivery of 38 tanks from the US": a transfer noun that is the object of
    a verb that makes a receiving phrase with it (``transfer.receive``: "take delivery")."""
    return pred.pos_ == "NOUN" and pred.dep_ == "dobj" and \
        f"{lemma(pred.head)} {pred.lower_}" in r.receive


def equips_own_forces(r: Resources, pred: Token | None) -> bool:
    """"North Korea said it would equip its military with a new launcher": "equip"/"arm"
    with "its"/"their" forces as the object."""
    w = r.words
    return pred is not None and lemma(pred) in w.equipping_verbs and any(
        c.dep_ == "dobj" and any(p.dep_ == "poss" and p.lower_ in w.collective_possessives
                                 for p in c.children) for c in pred.children)


def _trainees(r: Resources, sent: Span, item: ItemMention, actors: Sequence[ActorMention],
              actor: str | None, recipient: str | None) -> tuple[str | None, str | None]:
    """"training of Ukrainian pilots": the trainees receive; "training in Germany": the
    host trains."""
    edge = item.head.right_edge.idx + len(item.head.right_edge.text) - sent.start_char
    inside = [a for a in actors if item.start <= a.start < edge and not a.context]
    hosts = [a for a in inside if re.search(rf"\b(?:{r.words.host_before})\s+(?:the\s+)?$",
                                            sent.text[:a.start])]
    trainees = [a for a in inside if a not in hosts] or [
        a for a in actors if a.kind == "demonym" and a.end <= item.start
        and not a.context and a not in hosts]
    if hosts:
        actor = hosts[0].actor
    # the trainees' side receives ("the Ukrainian military completed training"),
    # but "Russian technical assistance" is Russia's to give
    training = item.head.lower_.removesuffix("ing") in r.lex.train_verbs
    giver = not inside and (item.start - trainees[-1].end <= 3 or not training) \
        if trainees else True
    if trainees and (trainees[-1].actor != actor or not hosts and not giver):
        recipient = trainees[-1].actor
        actor = None if actor == recipient else actor
    return actor, recipient


def _combat_use(r: Resources, ctx: SentenceContext, d: Draft) -> list[Draft]:
    """Who used the arms (the subject of the verb of use, else the maker named on them);
    and the supply behind the use when another state supplied them."""
    sent, actors, item, verb = ctx.span, ctx.actors, d.mention, d.pred
    assert item is not None and verb is not None
    actor = None

    def agent_of(v: Token) -> str | None:  # "fired by Russia", "were used by Ukraine"
        if lemma(v) not in r.words.firing_verbs:
            return None
        return next((a.actor for c in v.children if c.dep_ == "agent" for a in actors
                     if not a.context
                     and c.left_edge.idx <= a.start + sent.start_char <= c.right_edge.idx),
                    None)

    for child in verb.children:
        if child.dep_ == "nsubj" and child == item.head:
            # "North Korean missiles fired by Russia hit Kharkiv": who fired them, not
            # their maker
            actor = next((found for c in child.children if c.dep_ == "acl"
                          and (found := agent_of(c)) is not None), None)
            if actor is not None:
                break
        elif child.dep_ == "nsubj":
            for a in actors:
                s = a.start + sent.start_char
                if child.left_edge.idx <= s <= child.right_edge.idx and not a.context:
                    actor = a.actor
                    break
    if actor is None:
        actor = agent_of(verb)
    if actor is None and any(p.dep_ == "poss" and p.lower_ in r.words.collective_possessives
                             for c in verb.children if c.dep_ == "nsubj" and c != item.head
                             for p in c.children):
        # "Russia's ministry said its air defences shot down two Ukrainian drones": "its"
        # is the speaker's side (else the party named last), not the drones' maker
        actor = next((a.actor for a in ctx.reporters if not a.context), None) or \
            ctx.memory.last_actor
    if actor is None:
        actor = receiver_of_told(r, ctx, item)
    if actor is None:
        actor = user_of_fighting(r, ctx, verb)
    maker = False
    if actor is None:  # "North Korean weapons are being used": the maker is named
        made = [a for a in actors if a.kind in ("demonym", "origin")
                and 0 <= item.start - a.end <= 3]
        if not made:
            return []
        actor, maker = made[-1].actor, True
    out = [replace(d, actor=actor, maker=maker)]
    supplier = next((a for a in actors if a.kind == "origin" and 0 <= item.start - a.end <= 3
                     and is_supplied_form(r, sent.text[a.start:a.end])), None)
    if supplier is not None and not maker and supplier.actor != actor:
        # "Ukraine used British-supplied Storm Shadow missiles": the supply is a claim too
        out.append(Draft(rule=SUPPLIED, type=item.entry.type, item=item.text,
                         anchor=item.start, pred=verb, head_tok=item.head,
                         actor=supplier.actor, recipient=actor, status="done"))
    return out


def user_of_fighting(r: Resources, ctx: SentenceContext, verb: Token) -> str | None:
    """"Israeli-made drones were used in India's strikes on Pakistan": the party whose
    fighting the arms were used in used them (not their maker)."""
    sent, cues = ctx.span, r.activity["combat"]
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ != "in":
            continue
        for o in prep.children:
            if o.dep_ == "pobj" and (o.lower_ in cues or lemma(o) in cues):
                for p in o.children:
                    if p.dep_ == "poss":
                        found = next((a.actor for a in ctx.actors if not a.context and
                                      p.left_edge.idx <= a.start + sent.start_char
                                      <= p.right_edge.idx), None)
                        if found:
                            return found
    return None


def receiver_of_told(r: Resources, ctx: SentenceContext, item: ItemMention) -> str | None:
    """"Cuba shipped drones to the rebels. The drones were first used in an attack on the
    port": arms told of before ("the", "these") are used by who received them, in a
    sentence that names no user."""
    if not any(c.dep_ == "det" and c.lower_ in r.lex.anaphoric_determiners
               for c in item.head.children) or ctx.sentence is None or \
            item.head.dep_ not in ("nsubj", "nsubjpass", "dobj"):
        return None  # "the engines used in the drones": the drones are not what is used
    head = head_noun(item.text)
    for s, d in reversed(ctx.memory.drafts):
        if ctx.sentence.index - s.index > 3:
            break
        if d.type in TRANSFER_TYPES and d.recipient and d.item and head_noun(d.item) == head:
            return d.recipient
    return None


def is_supplied_form(r: Resources, form: str) -> bool:
    """"Russian-supplied": the state named supplied the item ("-made" names a maker)."""
    return bool(re.search(rf"-(?:{r.words.supplier_suffixes})$", form))


def is_technical_help(r: Resources, d: Draft) -> bool:
    """"with the help of local engineers": people who help are technical help."""
    tok = d.head_tok
    return d.type == "personnel" and tok is not None and tok.dep_ == "pobj" and \
        tok.lemma_.lower() in r.lex.technical_people and \
        tok.head.lower_ in r.words.help_preps and \
        tok.head.head.lemma_.lower() in r.lex.help_nouns


def _trained(r: Resources, sent: Span, actors: Sequence[ActorMention],
             drafts: Sequence[Draft]) -> list[Draft]:
    """"Denmark is training Ukrainian pilots": training given to the trainees' side."""
    out = []
    for tok in sent:
        if tok.pos_ != "VERB" or lemma(tok) not in r.lex.train_verbs:
            continue
        trainees = next((c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")), None)
        if trainees is None:
            continue
        edge = (trainees.left_edge.idx - sent.start_char,
                trainees.right_edge.idx + len(trainees.right_edge.text) - sent.start_char)
        side = next((a.actor for a in actors if edge[0] <= a.start < edge[1]
                     and a.kind in ("demonym", "alias") and not a.context), None)
        if side is None or any(d.type == "technology" and d.recipient == side
                               for d in drafts):
            continue
        trainer = next((a.actor for a in actors if a.end <= tok.idx - sent.start_char
                        and a.actor != side and not a.context and not a.possessive), None)
        out.append(Draft(rule=TRAINED, type="technology", item="training",
                         anchor=tok.idx - sent.start_char, pred=tok, actor=trainer,
                         recipient=side))
    return out


def _armed(r: Resources, sent: Span, actors: Sequence[ActorMention],
           drafts: Sequence[Draft]) -> list[Draft]:
    """"Rwanda denies arming the M23", "accused India and France of arming Armenia": a verb
    of arming whose object names a party tells arms sent to it (the item: "arming"), by the
    party named nearest before the verb, when no item of the sentence tells them. Reads
    every party named (``everyone``): a parse may take the parties of "Iran denies arming
    the Houthis and says ..." for the speaker of "says"."""
    out = []
    for tok in sent:
        if tok.pos_ != "VERB" or lemma(tok) not in r.words.arming_verbs or \
                tok.dep_ in ("csubj", "csubjpass"):
            continue  # (not "Arming Sudan would bolster Tehran's sway": a supposition)
        armed = next((c for c in tok.children if c.dep_ == "dobj"), None)
        if armed is None:
            continue
        lo = armed.left_edge.idx - sent.start_char
        hi = armed.right_edge.idx + len(armed.right_edge.text) - sent.start_char
        side = next((a.actor for a in actors if lo <= a.start < hi and not a.context), None)
        if side is None or any(d.recipient == side and d.type in ("weapons", "munitions")
                               for d in drafts):
            continue
        at = tok.idx - sent.start_char
        # "Iran denies arming Kataib Hezbollah": the subject of the verb, or of the one
        # whose complement it is, arms (even when a parse of the sentence takes it to speak)
        subject = next((c for t in (tok, tok.head if tok.dep_ == "xcomp" else tok)
                        for c in t.children if c.dep_ == "nsubj"), None)
        named = [a for a in actors if subject is not None and a.actor != side
                 and subject.idx - sent.start_char <= a.start < subject.idx - sent.start_char
                 + len(subject.text) and not a.context]
        before = named or [a for a in actors if a.end <= at and a.actor != side
                           and not a.context and not a.possessive and not a.reporter]
        if not before:
            continue
        actor = before[-1].actor
        # "accused India and France of arming Armenia": a joint sender, the first named
        joined = {actor, *co_actors(r, sent, actor, actors)}
        actor = next((a.actor for a in before if a.actor in joined), actor)
        out.append(Draft(rule=ARMED, type="weapons", item=f"{lemma(tok)}ing", anchor=at,
                         pred=tok, actor=actor, recipient=side))
    return out


def helped_making(r: Resources, verb: Token) -> Token | None:
    """The verb of helping above ``verb`` when it tells a party helped to make something
    ("helped Pakistan build the JF-17", "helping North Korea improve its satellites")."""
    verb = first_conjunct(verb)  # "to develop and operate the jet"
    if verb.pos_ != "VERB" or lemma(verb) not in r.words.helped_making or \
            verb.dep_ not in ("ccomp", "xcomp") or lemma(verb.head) not in r.words.helping_verbs:
        return None
    return verb.head


def _helped(r: Resources, ctx: SentenceContext, drafts: list[Draft]) -> list[Draft]:
    """"China helped Pakistan build the JF-17 fighter": the know-how for what the helped
    party makes, given by the helper (technology), not the helped party's production."""
    sent, actors = ctx.span, ctx.actors

    def named(tok: Token) -> str | None:
        lo = tok.left_edge.idx - sent.start_char
        hi = tok.right_edge.idx + len(tok.right_edge.text) - sent.start_char
        return next((a.actor for a in actors if lo <= a.start < hi and not a.context
                     and not a.possessive), None)

    out = list(drafts)
    for item in ctx.items:
        obj = first_conjunct(item.head)  # "its satellites and its submarine technology"
        verb = obj.head if obj.dep_ == "dobj" else None
        helping = helped_making(r, verb) if verb is not None else None
        if verb is None or helping is None:
            continue
        top = first_conjunct(verb)
        # the helped party: the making verb's subject as parsed ("helped Pakistan build"),
        # or the object of the verb of helping ("helped Pakistan to build")
        whom = [c for c in top.children if c.dep_ == "nsubj"] + \
            [c for c in helping.children if c.dep_ == "dobj"]
        helped = next((name for c in whom if (name := named(c)) is not None), None)
        helper = next((name for c in helping.children if c.dep_ == "nsubj"
                       if (name := named(c)) is not None), None)
        if helped is None or helper is None or helper == helped:
            continue
        out = [d for d in out if d.head_tok is None or d.head_tok.i != item.head.i]
        out.append(Draft(rule=HELPED, type="technology", item=item.text,
                         anchor=item.start, pred=helping, head_tok=item.head,
                         actor=helper, recipient=helped))
    return out


def _into_battle(r: Resources, ctx: SentenceContext, d: Draft) -> Draft:
    """"send North Korean troops into battle": taking part in fighting is combat, by the
    troops' side."""
    if d.type != "personnel" or not r.lex.into_battle.search(ctx.span.text[d.anchor:]):
        return d
    owner = owner_of_personnel(r, [i for i in ctx.items if i.head == d.head_tok], ctx.actors, 3)
    return replace(d, type="combat", recipient=None, actor=owner or d.actor)


def owner_of_personnel(r: Resources, items: Sequence[ItemMention],
                       actors: Sequence[ActorMention], gap: int) -> str | None:
    """The party whose demonym stands up to ``gap`` characters before a personnel item."""
    for item in items:
        if item.entry.type == "personnel" and not (
                item.head.dep_ == "pobj" and item.head.head.lower_ in r.words.joining_preps):
            # not "integrated into Russian combat units": they join those, others fight
            for a in actors:
                if a.kind == "demonym" and 0 <= item.start - a.end <= gap and not a.context:
                    return a.actor
    return None


def transfer_parties(r: Resources, sent: Span, pred: Token | None, chain: list[Token],
                     item: ItemMention, actors: Sequence[ActorMention],
                     reporters: Sequence[ActorMention], first_person: bool = False
                     ) -> tuple[str | None, str | None]:
    """(actor, recipient) of a transfer of ``item`` governed by ``pred``; with
    ``first_person`` ("we will send") the speaker's side, not the word order, is the
    subject's (``document_parties.first_person``)."""
    def actor_at(tok: Token, pool: Sequence[ActorMention] = actors) -> ActorMention | None:
        span_s, span_e = tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge.text)
        best = None
        subject = tok.dep_ in ("nsubj", "nsubjpass")
        # "to the junta, which New Delhi denies": a party named in a relative clause on a
        # noun of the phrase is someone else, not the noun; so is one in a clause of
        # transfer ("the troops that Russia provides" is read from that clause's own verb,
        # the predicate then, whose subject is no phrase with a clause; an exception here
        # for such clauses cost a pair on dev and on heldout2, 2026-12-04)
        aside = [(c.left_edge.idx, c.right_edge.idx + len(c.right_edge.text))
                 for t in tok.subtree for c in t.children if c.dep_ == "relcl"]
        for a in pool:
            s = a.start + sent.start_char
            if any(lo <= s < hi for lo, hi in aside):
                continue
            after_to = r.lex.recipient_after.search(sent.text[:a.start])
            inside = span_s <= s < span_e and not a.context and not (
                subject and s > tok.idx and after_to) and not (subject and a.located) and not (
                a.kind == "origin" and tok.dep_ == "prep")  # "for US-made weapons"
            # a named party beats "the regime" in the same phrase, then the nearest wins
            if inside and (best is None or (a.kind == "subject", abs(s - tok.idx)) < (
                    best.kind == "subject", abs(best.start + sent.start_char - tok.idx))):
                best = a
        return best

    def actor_on(tok: Token) -> ActorMention | None:
        for a in actors:
            if a.start <= tok.idx - sent.start_char < a.end and not a.context:
                return a
        return None

    def party(tok: Token) -> str | None:
        found = actor_at(tok)
        return found.actor if found else None

    w = r.words
    thanks = thanked_for(r, item.head)
    if thanks is not None and party(thanks[1]):
        # "Zelensky thanked Germany for the Patriot systems": Germany gave them
        thanking, thanked = thanks
        thanker = next((name for c in thanking.children if c.dep_ == "nsubj"
                        and (name := party(c))), None)
        giver = party(thanked)
        return giver, thanker if thanker != giver else None
    if pred is not None and is_deal(r, pred, item.head):
        # "Poland signed agreements with Seoul for K2 tanks": Seoul sells, Poland buys
        verb = pred if pred.pos_ == "VERB" else pred.head if pred.head.pos_ == "VERB" \
            else None
        sides = [pred] + ([verb] if verb is not None and verb != pred else [])
        # "signed framework agreements with Seoul for ...": the deal signed names the seller
        sides += [c for c in (verb.children if verb is not None else ())
                  if c.dep_ == "dobj" and c.lower_ in w.deal_nouns and c != pred]
        other = next((name for t in sides for c in t.children if c.dep_ == "prep"
                      and c.lower_ in w.seller_preps and (name := party(c))), None)
        signer = next((name for t in sides for c in t.children
                       if c.dep_ in ("nsubj", "poss") and (name := party(c))), None)
        if any(lemma(c) in w.selling_modifiers for c in pred.children
               if c.dep_ in ("compound", "amod")):
            other, signer = signer, other  # "Baykar signed export contracts with ..."
        return other, signer if signer != other else None
    actor: str | None = None
    recipient: str | None = None
    receive = pred is not None and (pred.pos_ in ("VERB", "AUX") and (
        lemma(pred) in r.receive or buys_through_noun(r, pred, item.head))
        or takes_delivery(r, pred))
    def names_object(prep: Token) -> bool:
        """A party names the object of ``prep`` itself ("for the Ukrainian army"), not
        a phrase hung on it ("for its fight in Ukraine")."""
        found = actor_at(prep)
        objects = [c for c in prep.children if c.dep_ == "pobj"]
        if found is None or not objects:
            return found is not None
        o = objects[0]
        return found.start + sent.start_char < o.idx + len(o.text)

    if receive and pred is not None:  # "buying shells for Ukraine": Ukraine receives
        for c in (*pred.children, *item.head.children):
            if c.dep_ == "prep" and c.lower_ == "for" and names_object(c):
                seller = next((p for p in c.subtree if p.dep_ == "prep" and p.lower_ == "from"
                               and actor_at(p)), None)
                if seller is not None:  # "received tanks for its army from France"
                    actor = party(seller)
                else:
                    recipient, receive = party(c), False
                break
    if pred is not None and lemma(pred) in r.receipt:
        for child in pred.children:  # "receipt of the first Abrams tanks by Ukraine"
            if child.dep_ == "prep" and child.lower_ == "by" and actor_at(child):
                recipient = party(child)
    if pred is not None and lemma(pred) in r.arrive:
        for child in pred.children:
            if child.dep_ == "prep" and child.lower_ in w.arrival_preps:
                # "will arrive in Niamey": the party a place arrived in names receives
                lo = child.idx - sent.start_char
                hi = child.right_edge.idx + len(child.right_edge.text) - sent.start_char
                found = actor_at(child) or next(
                    (a for a in actors if a.located and lo <= a.start < hi), None)
                if found:
                    recipient = found.actor
            elif child.dep_ == "dobj" and actor_at(child):
                recipient = party(child)  # "the drones reached Russia"
    demonym = maker = None
    # demonym or possessive on the item phrase: "North Korean troops", "Iranian-made drones"
    for a in actors:
        if a.kind in ("demonym", "origin") and not a.possessive \
                and a.end <= item.start + 1 and item.start - a.end <= 25 \
                and "," not in sent.text[a.end:item.start]:
            if a.kind == "origin" and not is_supplied_form(r, sent.text[a.start:a.end]):
                maker = a.actor  # "French-produced": who made it, not always who sends
            else:
                demonym = a.actor
    if demonym is None and maker is None and item.entry.type == "personnel":
        # "the deployment of North Korean soldiers": the people's side, inside "of"
        # (not "training of the Ukrainian military": the trainees receive)
        for c in item.head.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                lo = c.idx - sent.start_char
                hi = c.right_edge.idx + len(c.right_edge.text) - sent.start_char
                demonym = next((a.actor for a in actors if a.kind == "demonym"
                                and lo <= a.start < hi and not a.context
                                and not a.possessive), None)
    owner = next((a.actor for a in actors if a.possessive and 0 <= item.start - a.end <= 3),
                 None)
    own = [item.head] + ([item.head.head] if item.head.dep_ == "conj" else [])
    # "the 8 drones it ordered from Israel": the item's own clause of buying names its seller
    own += [c for t in own for c in t.children
            if c.dep_ == "relcl" and c.pos_ == "VERB" and lemma(c) in r.receive]
    # "Russia moved air defence systems from Syria to Libya": a party moving arms sends
    # them, from a place
    moved = pred is not None and pred.pos_ == "VERB" and lemma(pred) in w.relocation_verbs \
        and any(c.dep_ == "nsubj" and actor_at(c) for c in pred.children)
    sold_by = sold_from(r, sent, item, actors) if not moved else None
    for t in own:
        for child in t.children:
            if child.dep_ == "prep" and child.lower_ == "from" and actor is None and not moved:
                found = actor_at(child)
                if found:
                    actor = found.actor
    # "six TB2s to Niger, two Akinci to Burkina Faso and four Aksungur to Chad": a list
    # member's own "to"/"for" names its recipient
    own_to = next((found for c in item.head.children if c.dep_ == "prep"
                   and c.lower_ in w.recipient_preps and (found := actor_at(c)) is not None
                   and found.actor != actor), None)
    if own_to is not None and recipient is None:
        recipient = own_to.actor
    if pred is not None and actor is None:
        speaker = next((a for a in reporters if not a.context), None)
        pronoun = any(c.dep_ == "nsubj" and c.lower_ in w.party_pronouns
                      for c in pred.children)
        said = pred.head if pred.dep_ in ("xcomp", "ccomp") else None
        told = next((found for c in said.children if c.dep_ in ("dobj", "dative")
                     and (found := actor_at(c)) is not None), None) if said is not None \
            else None
        if told is not None and pronoun:
            speaker = told  # "the US warned Serbia that it should not buy ...": Serbia
        if speaker and said is not None and lemma(said) in r.reporting and (
                pronoun or pred.dep_ == "xcomp" and not any(
                    c.dep_ in ("nsubj", "nsubjpass") for c in pred.children)):
            if receive:  # "Armenian officials said they may buy missiles": the buyer
                recipient = recipient or speaker.actor
            else:
                actor = speaker.actor  # "Germany reported delivering", "the US said it would"
        announcer = next((t for t in chain[1:4] if lemma(t) in r.lex.announce), None)
        # (not past a clause with a subject of its own: "Belgium announced ..., while
        # Norway has committed to donating jets")
        below = chain[:chain.index(announcer)] if announcer is not None else []
        if speaker and actor is None and announcer is not None and not any(
                c.dep_ in ("nsubj", "nsubjpass") for t in below for c in t.children) and \
                not any(c.dep_ == "poss" and actor_at(c) for c in pred.children):
            # (not "Iran's delivery ... was confirmed by officials": the delivery is Iran's)
            actor = speaker.actor  # "The Netherlands has announced its intention to transfer"
    if sold_by is not None:  # (after the speaker: "they may buy boats from India")
        actor = sold_by.actor
    payer = financed_by(r, pred, item, actor_at)
    if actor is None and payer is not None and payer.actor != recipient:
        actor = payer.actor  # "the supply of French guns will be financed by Denmark"
    if pred is not None and pred.pos_ == "NOUN" and actor is None and \
            (demonym or maker) not in (None, recipient) and \
            not (demonym is None and _undertaken_by_a_party(r, pred, actor_at)):
        actor = demonym or maker  # "the supply of Chinese components"
    if pred is not None and actor is None and pred.tag_ == "VBG":
        near = [a for a in actors if not a.context and 0 <= pred.idx - sent.start_char
                - a.end <= 2]
        if near:
            actor = near[-1].actor  # "North Korea transferring personnel"
    if pred is not None and lemma(pred) in r.origin_verbs:
        for child in pred.children:
            if child.dep_ == "dobj" and actor is None and actor_at(child):
                actor = party(child)  # "left the US for Ukraine"
    origin = [a for a in actors if a.kind == "origin" and 0 <= item.start - a.end <= 25
              and "," not in sent.text[a.end:item.start]
              and is_supplied_form(r, sent.text[a.start:a.end])]
    if origin and actor is None:
        actor = origin[-1].actor  # "Russian-supplied missiles"; "-made" names a maker
    walk = [pred] if pred is not None else []
    walk += [t for t in chain if t != pred]
    cause_at = -1  # where a phrase of cause begins: the word order reads no actor before it
    if pred is not None:
        for t in walk[:4]:
            if t != pred and t.dep_ == "prep" and t.lower_ in w.cause_preps:
                cause_at = t.idx - sent.start_char
                break  # "reduced ties with Tehran over arms deliveries to Moscow"
            if t != pred and lemma(t) in r.reporting:
                if actor is None and lemma(t) in r.lex.accuse:
                    for child in t.children:
                        if child.dep_ == "dobj" and actor_at(child):
                            actor = party(child)
                break
            for child in t.children:
                dep, low = child.dep_, child.lower_
                if dep == "nsubj" and actor is not None and recipient is None and \
                        not receive and actor_at(child) and party(child) != actor:
                    recipient = party(child)  # "X gets help from Y": X receives
                elif dep == "nsubjpass" and recipient is None and t == pred and \
                        not any(x.i == item.head.i for x in child.subtree):
                    # "Ukraine was given ...", "growth, which is funded by ...": receives
                    target = t.head if child.lower_ in w.relative_pronouns and \
                        t.dep_ == "relcl" else child
                    found = actor_at(target) if target.pos_ != "VERB" else None
                    if found and found.actor != actor:
                        recipient = found.actor
                elif dep == "nsubj" and recipient is None and is_passive_as_copula(r, t, pred) \
                        and not any(x.i == item.head.i for x in child.subtree):
                    found = actor_at(child)  # 'Moscow was "gifted" with drones': receives
                    if found and found.actor != actor:
                        recipient = found.actor
                elif dep == "nsubj" and origin and recipient is None and \
                        actor_at(child) and party(child) != actor:
                    recipient = party(child)  # "Belarus will deploy Russian-supplied"
                elif dep in ("nsubj", "nsubjpass") and actor is None and not receive and \
                        not (t != pred and demonym is not None
                             and describes_item(pred, item)):
                    # (not "the navy seized Iranian rifles being shipped to the Houthis":
                    # the clause above the item's own participle tells another act, and
                    # the item names its own side)
                    if dep == "nsubjpass" and child.i in range(item.head.i - 6,
                                                                item.head.i + 1):
                        continue
                    found = actor_at(child)
                    if found is None and t == pred and dep == "nsubj" and \
                            lemma(pred) in r.reporting and \
                            not any(x.i == item.head.i for x in child.subtree):
                        # "Britain announced £150 million of aid": what is announced is
                        # the announcer's to give
                        found = actor_at(child, reporters)
                    if found and found.actor != recipient:
                        actor = found.actor
                elif dep == "prep" and low == "for" and receive and recipient is None and \
                        t == pred and actor_at(child):
                    recipient = party(child)  # "purchasing shells for Ukraine"
                elif dep in ("nsubj",) and receive and recipient is None:
                    found = actor_at(child)
                    if found:
                        recipient = found.actor
                elif dep == "agent" and actor is None and (t == pred or is_transfer(r, t)):
                    found = actor_at(child)
                    if found:
                        actor = found.actor
                elif dep == "prep" and low in w.recipient_preps and recipient is None:
                    found = actor_at(child)
                    if found and found.actor != actor:
                        recipient = found.actor
                elif dep == "prep" and low == "from":
                    found = actor_at(child)
                    if found:
                        actor = actor or found.actor
                elif dep in ("dobj", "dative", "iobj") and recipient is None and \
                        lemma(t) in r.lex.recipient_verbs:
                    found = actor_on(child) or (actor_at(child) if child.i != item.head.i
                                                and not any(x.i == item.head.i for x in
                                                            child.subtree) else None)
                    if found and found.actor != actor:
                        recipient = found.actor
                elif dep == "poss" and t.pos_ == "NOUN" and recipient is None and \
                        t.lower_ in w.supplier_nouns:
                    found = actor_at(child)  # "Belarus is Russia's drone supplier"
                    if found and found.actor != actor:
                        recipient = found.actor
                elif dep == "poss" and t.pos_ == "NOUN" and recipient is None and \
                        t.lower_ in w.buying_nouns and is_transfer(r, t):
                    found = actor_at(child)  # "81% of Pakistan's arms imports": it buys
                    if found and found.actor != actor:
                        recipient = found.actor
                elif dep == "poss" and t.pos_ == "NOUN" and actor is None and \
                        is_transfer(r, t):
                    found = actor_at(child)
                    if found:
                        actor = found.actor
                elif dep in ("poss", "compound") and actor is None and t.pos_ == "NOUN" and \
                        pred is not None and t == pred.head and pred.dep_ == "acl" and \
                        lemma(t) in w.intent_nouns:
                    found = actor_at(child)  # "US plans to station missiles in Germany"
                    if found and found.actor != recipient:
                        actor = found.actor
                elif dep == "prep" and low == "in" and t == pred and recipient is None and \
                        lemma(t) in w.stationing_verbs:
                    found = actor_at(child)  # "to station missiles in Germany": Germany's
                    if found and not found.context and found.actor != actor:
                        recipient = found.actor
            if actor is not None and recipient is not None:
                break
            if t.dep_ == "conj" and t.pos_ in ("VERB", "AUX") and any(
                    c.dep_ in ("nsubj", "nsubjpass") for c in t.children):
                break  # "the UK will send tanks and the US has sent carriers": the verb
                # it is joined to is another clause, of another subject
    if actor is None:
        actor = _shipped_by(r, item, pred, actor_at, recipient)
    asker = requested_by(r, item, pred, actor_at)
    if recipient is None and asker is not None and asker.actor != actor:
        recipient = asker.actor  # "refused Ukraine's requests for the jets"
    if owner is not None and owner != actor:
        restocked = pred is None or lemma(pred) in w.restocking_verbs or \
            not is_transfer(r, pred)
        if recipient is None and (restocked or actor is not None):
            recipient = owner  # "to replenish Russia's ammunition": the owner receives
        elif actor is None and owner != recipient:
            actor = owner  # "Russia's missiles will go to Belarus": the owner sends
    if actor is None and demonym is not None and demonym != recipient:
        actor = demonym
    # word order: recipients after "to/for/assist", actors before the predicate
    if recipient is None or actor is None:
        pivot = (pred.idx - sent.start_char) if pred is not None else item.start
        cue = r.lex.recipient_after_personnel if item.entry.type == "personnel" else \
            r.lex.recipient_after
        # "refused to supply arms to Kyiv, ... after North Korea sent troops to fight for
        # Russia": a recipient after the predicate beats one in a clause before it
        # "the sale includes 82 HIMARS, similar to the systems the US was providing to
        # Ukraine": a relative clause on another noun, not holding the claim, tells another
        # transfer (one in the item's phrase tells its own: "the jets ordered in 2020, whose
        # deliveries to Polish bases are expected in 2026")
        others = [(c.left_edge.idx - sent.start_char,
                   c.right_edge.idx + len(c.right_edge.text) - sent.start_char)
                  for c in sent if c.dep_ == "relcl" and c.pos_ == "VERB"
                  and c.head not in first_conjunct(item.head).subtree
                  and item.head not in c.subtree and (pred is None or pred not in c.subtree)]
        for a in sorted(actors, key=lambda a: a.start <= pivot - 2):
            if a.context or a.actor in (actor, recipient):
                continue
            if cue.search(sent.text[:a.start]) and a.kind != "origin" and not any(
                    lo <= a.start < hi for lo, hi in others) and not (
                    a.located and item.entry.type != "personnel"):
                if recipient is None and a.start > pivot - 2 or recipient is None and \
                        actor is not None:
                    recipient = a.actor
                continue
            supporting = a.possessive and re.match(
                rf"\W*(?:'s|’s)?\s*(?:\w+\s+){{0,3}}(?:{w.support_nouns})\b",
                sent.text[a.end:], re.IGNORECASE)
            if actor is None and cause_at < a.start < pivot and \
                    (not a.possessive or supporting) and \
                    not a.located and not receive and not first_person:
                # (a buyer's sentence names its seller by "from", not by the word order:
                # "Romania agreed to buy drones, and Poland has received 24")
                actor = a.actor
    if receive and actor is None:
        actor = demonym
    if actor is None:  # "Iranian-made drones": the maker, when nobody else sends them
        makers = [a for a in actors if a.kind == "origin" and 0 <= item.start - a.end <= 25]
        actor = makers[-1].actor if makers and makers[-1].actor != recipient else None
    return actor, recipient


def sold_from(r: Resources, sent: Span, item: ItemMention,
              actors: Sequence[ActorMention]) -> ActorMention | None:
    """"bought drones from three suppliers: TB2s from Turkey, Wing Loongs from China and
    Mohajer-6s from Iran", "two Akinci drones acquired from Türkiye": the party right
    after the item's own "from" (or its participle's) sends it, whatever the parse made
    of the list."""
    rest = sent.text[item.end:]
    m = re.match(rf"\s+(?:(?:{r.words.from_participles})\s+)?from\s+(?:the\s+)?", rest)
    if m is None:
        return None
    at = item.end + m.end()
    return next((a for a in actors if a.start == at and not a.context
                 and a.kind in ("alias", "capital", "demonym")), None)


def requested_by(r: Resources, item: ItemMention, pred: Token | None,
                 actor_at: Callable[[Token], ActorMention | None]) -> ActorMention | None:
    """The party whose request for the item, or purchase of it, lies between the item and
    its predicate ("rejected Ukraine's requests for Patriots": Ukraine asked, so it would
    receive); not a request to do something ("Poland's request to send tanks")."""
    if pred is None:
        return None
    w = r.words
    below = item.head
    for tok in item.head.ancestors:
        if tok.pos_ == "NOUN" and below.dep_ == "prep" and (
                tok.lower_ in w.request_nouns and below.lower_ == "for"
                or tok.lower_ in w.buying_nouns and below.lower_ in w.bought_preps):
            # "Slovakia's purchase of the Barak system": the buyer receives too
            return next((found for c in tok.children
                         if c.dep_ == "poss" and (found := actor_at(c)) is not None), None)
        if tok == pred:
            return None
        below = tok
    return None


def describes_item(pred: Token | None, item: ItemMention) -> bool:
    """The transfer predicate is a clause on the item itself: "rifles being shipped to the
    Houthis" (or the parse's "seized [rifles being shipped]"), "drones that Iran supplied"."""
    return pred is not None and (pred.dep_ in ("acl", "relcl") and pred.head == item.head
                                 or pred.dep_ == "ccomp" and item.head.head == pred
                                 and item.head.dep_ == "nsubjpass")


def financed_by(r: Resources, pred: Token | None, item: ItemMention,
                actor_at: Callable[[Token], ActorMention | None]) -> ActorMention | None:
    """Who pays for a transfer told as financed: "the supply of French Caesar guns to
    Ukraine will be financed through a new Danish donation" (Denmark), "the shells are
    funded by Norway"."""
    w = r.words
    verbs = [s.head for s in (pred, item.head) if s is not None and s.dep_ == "nsubjpass"]
    if pred is not None and pred.pos_ == "VERB":
        verbs.append(pred)  # the financing verb read as the transfer's own
    for verb in verbs:
        if lemma(verb) not in w.financing_verbs or \
                not any(c.dep_ == "auxpass" for c in verb.children):
            continue
        for c in verb.children:
            if c.dep_ in ("prep", "agent") and c.lower_ in w.financing_preps:
                found = actor_at(c)
                if found is not None:
                    return found
    return None


def _undertaken_by_a_party(r: Resources, noun: Token,
                           actor_at: Callable[[Token], ActorMention | None]) -> bool:
    """"Denmark began the delivery of US-built jets": the transfer noun is the object of a
    verb that starts, runs or approves it, whose subject is a party; that party sends, not
    the maker."""
    verb = noun.head
    return noun.dep_ == "dobj" and verb.pos_ == "VERB" and (
        lemma(verb) in r.lex.anaphoric_verbs or lemma(verb) in r.give) and any(
        c.dep_ == "nsubj" and actor_at(c) is not None for c in verb.children)


def is_passive_as_copula(r: Resources, be: Token, pred: Token) -> bool:
    """'Moscow was "gifted" with a missile system': a passive participle of giving parsed
    as the complement of "be"; the subject of "be" is the passive's subject."""
    return lemma(be) == "be" and pred.head == be and pred.dep_ in ("acomp", "attr") and \
        pred.tag_ == "VBN" and lemma(pred) in r.give


def _shipped_by(r: Resources, item: ItemMention, pred: Token | None,
                actor_at: Callable[[Token], ActorMention | None],
                recipient: str | None) -> str | None:
    """"received howitzers made by Chinese firms, which were shipped to them by the UAE":
    the agent of a clause of giving inside the item's phrase sends it; so does the agent of
    one on a word summing up the list the item is in ("thousands of rifles, ammunition and
    grenades, all provided by Turkey")."""
    top = first_conjunct(item.head)
    if top.dep_ == "pobj" and top.head.lower_ == "of" and top.head.head.pos_ == "NOUN":
        top = first_conjunct(top.head.head)  # "thousands of rifles": the figure's word
    summaries = [c for c in top.children if c.dep_ == "appos" and c.pos_ in ("PRON", "DET")]
    for t in (*item.head.subtree, *(t for c in summaries for t in c.subtree)):
        if t.pos_ == "VERB" and t.dep_ in ("relcl", "acl") and t != pred and \
                lemma(t) in r.give:
            for agent in (c for c in t.children if c.dep_ == "agent"):
                found = actor_at(agent)
                if found is not None and found.actor != recipient:
                    return found.actor
    return None


def co_actors(r: Resources, sent: Span, actor: str | None,
              actors: Sequence[ActorMention]) -> list[str]:
    """Parties named jointly with the actor, on either side of it: "Germany, Belgium and
    Norway have pledged", "British and French troops"."""
    if actor is None:
        return []
    named = [a for a in actors if not (a.context or a.located)]
    at = next((i for i, a in enumerate(named) if a.actor == actor), None)
    if at is None:
        return []

    def joined(left: ActorMention, right: ActorMention) -> bool:
        return bool(re.fullmatch(rf"\s*(?:,|{r.words.joining}|, and)\s*(?:the\s+)?",
                                 sent.text[left.end:right.start]))

    out: list[str] = []
    i = at
    while i > 0 and joined(named[i - 1], named[i]):
        i -= 1
        out.append(named[i].actor)
    i = at
    while i + 1 < len(named) and joined(named[i], named[i + 1]):
        i += 1
        out.append(named[i].actor)
    return [a for a in dict.fromkeys(out) if a != actor]


@sentence_pass(reads={"span", "actors", "drafts", "draft.type", "draft.actor",
                      "draft.recipient", "draft.quantity", "draft.pred"},
               sets={"drafts", "draft.rule", "draft.actor"})
def joint(r: Resources, ctx: SentenceContext) -> SentenceContext:
    """One claim for each sender named jointly (the spec's convention). It follows
    ``quantity``: "Germany and Poland will send a total of 28 tanks" gives each the total,
    and one number over two items ("6,000 engineers and personnel") is one claim first.
    A joint subject that states no figure ("The Netherlands and Denmark have committed to
    provide jets") is one claim, with the first-named actor; senders named after the
    predicate ("received jets from Denmark and the Netherlands") are one claim each."""
    out = [replace(d, rule=JOINT, actor=other) for d in ctx.drafts if d.type in TRANSFER_TYPES
           and not (d.quantity is None and _named_before(ctx, d))
           for other in co_actors(r, ctx.span, d.actor, ctx.actors) if other != d.recipient]
    return replace(ctx, drafts=ctx.drafts + tuple(out)) if out else ctx


def _named_before(ctx: SentenceContext, d: Draft) -> bool:
    """The draft's actor is named before its predicate (a subject, not "from X and Y")."""
    if d.pred is None:
        return False
    at = d.pred.idx - ctx.span.start_char
    return any(a.actor == d.actor and a.end <= at and not a.context for a in ctx.actors)
