"""Pass ``candidates``: the drafts a sentence's items may make, before anyone is asked who
sends them; and the document pass ``alt_types``.

Each item of the sentence is read with the predicate that governs it (``grammar.governing``).
The guards below drop what names an item without telling of a transfer: each is a named
predicate ``guard(r, ctx, reading) -> bool`` (true: drop), with the sentence that motivated
it. To add one, write it here and add it to ``ITEM_GUARDS``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Token

from ..context import (
    COMBAT_USE,
    ITEM,
    DocumentContext,
    Draft,
    ItemMention,
    SentenceContext,
    replace,
)
from ..grammar import first_conjunct, governing, has_infinitive_to, is_transfer, lemma
from ..resources import Resources
from .activities import is_hypothetical_combat, is_put_to_peaceful_use, is_question_sentence
from .base import document_pass, sentence_pass


@dataclass(frozen=True)
class Reading:
    """An item with the words that govern it."""

    item: ItemMention
    pred: Token | None  # its transfer predicate
    chain: tuple[Token, ...]  # the words above it, up to the predicate
    use_verb: Token | None  # a verb of using arms in battle above it ("fired")
    heads: frozenset[int]  # token indices of every item head in the sentence


Guard = Callable[[Resources, SentenceContext, Reading], bool]


def is_ambiguous_without_predicate(r: Resources, ctx: SentenceContext, x: Reading) -> bool:
    """"The units held the line": a word that may mean something else ("units", "forces")
    is an item only when a transfer predicate governs it."""
    return x.item.entry.ambiguous and x.pred is None


def is_money_without_sum(r: Resources, ctx: SentenceContext, x: Reading) -> bool:
    """"support for Ukraine": a money word is funding only in a sentence that states a sum
    ("€2bn in support")."""
    return x.item.entry.money and not any(q.quantity.unit for q in ctx.quantities)


def lacks_needed_word(r: Resources, ctx: SentenceContext, x: Reading) -> bool:
    """"a unit of the company": a head with ``needs`` counts only when its phrase carries
    one of those words ("military units") or a party's name stands right before it."""
    needs = x.item.entry.needs
    return bool(needs) and not (
        re.search(rf"\b(?:{needs})\b", x.item.text)
        or any(a.kind in ("demonym", "origin") and 0 <= x.item.start - a.end <= 3
               for a in ctx.actors))


def is_named_not_given(r: Resources, ctx: SentenceContext, x: Reading) -> bool:
    """"They gave the drone a new name": the item is the indirect object, something else
    is given."""
    head = x.item.head
    return head.dep_ == "dative" and any(c.dep_ == "dobj" and c.i not in x.heads
                                         for c in head.head.children)


def is_warned_off_or_open(r: Resources, ctx: SentenceContext, x: Reading) -> bool:
    """"Washington warned Beijing against sending arms to Moscow", "ministers meet to
    discuss how to supply Kyiv with more shells": a transfer warned off, or one whose
    manner is the open question, is not told as happening or promised."""
    pred = x.pred
    if pred is None or pred.pos_ != "VERB":
        return False
    w = r.words
    warned = pred.dep_ in ("pcomp", "pobj") and pred.head.lower_ in w.warning_preps
    open_question = has_infinitive_to(pred) and any(
        c.dep_ == "advmod" and c.lower_ in w.open_question_words for c in pred.children)
    return warned or open_question


def is_giver_not_given(r: Resources, ctx: SentenceContext, x: Reading) -> bool:
    """"The Bradleys will provide Ukrainian forces new capabilities": the item is the subject
    of the giving verb and something else (no item) is its object; it is not handed over
    (a package providing arms names them: those are the items)."""
    head, pred = x.item.head, x.pred
    return pred is not None and head.dep_ == "nsubj" and head.head == pred and \
        pred.pos_ == "VERB" and lemma(pred) in r.give and lemma(pred) not in r.arrive and \
        head.lemma_.lower() not in r.lex.package_nouns and \
        any(c.dep_ == "dobj" and c.i not in x.heads for c in pred.children) and \
        not any(t.i in x.heads for c in pred.children if c.dep_ in ("dobj", "prep")
                for t in c.subtree)


def is_condition(r: Resources, ctx: SentenceContext, x: Reading) -> bool:
    """"If Beijing provides arms to Moscow, there will be consequences": a transfer told
    only as the condition of something else is not told as happening."""
    pred = x.pred
    return pred is not None and pred.pos_ == "VERB" and pred.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in r.words.condition_marks for c in pred.children) \
        and not is_transfer(r, pred.head)


def is_capability(r: Resources, ctx: SentenceContext, x: Reading) -> bool:
    """"The helicopters will improve Ukraine's ability to transport troops", "it can be
    used to carry eight soldiers": an infinitive telling what a thing can do or is for
    (on a noun of capability, or after a passive of purpose) moves nothing."""
    pred, w = x.pred, r.words
    t = x.item.head
    for _ in range(4):  # "a payload capacity of 50 kilograms of explosives"
        if t.dep_ != "pobj" or t.head.lower_ != "of" or t.head.head == t.head:
            break
        t = t.head.head
        if lemma(t) in w.capability_nouns or t.lower_ in w.capability_nouns:
            return True
    if pred is None or pred.pos_ != "VERB" or not has_infinitive_to(pred) or \
            pred.dep_ not in ("acl", "xcomp", "advcl"):
        return False
    above = pred.head
    if above.pos_ == "NOUN":
        return lemma(above) in w.capability_nouns or above.lower_ in w.capability_nouns
    return lemma(above) in w.purpose_participles and above.tag_ == "VBN" and \
        any(c.dep_ == "auxpass" for c in above.children)


def is_hyphened_modifier(r: Resources, ctx: SentenceContext, x: Reading) -> bool:
    """"mine-clearing equipment", "drone-making plants": an item word joined by a hyphen
    to the word after it modifies that word."""
    return bool(re.match(r"-[a-z]", ctx.span.text[x.item.end:x.item.end + 2]))


def is_carrier(r: Resources, ctx: SentenceContext, x: Reading) -> bool:
    """"two cargo planes landed in Tehran carrying a Javelin missile", "five aircraft have
    transported drones from Iran": a vehicle that carries other items of the sentence is
    how they travel, not what is sent."""
    head = x.item.head
    verbs = [c for c in head.children if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB"]
    if head.dep_ == "nsubj" and head.head.pos_ == "VERB":  # "... landed, carrying ..."
        verbs.append(head.head)
        verbs.extend(c for c in head.head.children if c.dep_ == "advcl" and c.tag_ == "VBG")
    return any(lemma(v) in r.words.carrying_verbs and any(
        c.dep_ == "dobj" and any(t.i in x.heads and t.i != head.i for t in c.subtree)
        for c in v.children) for v in verbs)


def is_hypothetical_transfer(r: Resources, ctx: SentenceContext, x: Reading) -> bool:
    """A transfer told only as a supposition: "it would be a mistake for China to supply
    arms" (a for-to infinitive judged under "would"), "the transfer of the jets would
    upgrade its air force" (the transfer as subject of a modal verb: its consequence is
    the news), "a million shells would supply its guns for months" (arms as subject of a
    modal transfer verb: what they could do)."""
    pred, modal = x.pred, r.words.capability_auxiliaries
    if pred is None:
        return False

    def has_modal(t: Token) -> bool:
        return any(c.dep_ == "aux" and c.lower_ in modal for c in t.children)

    if pred.pos_ == "VERB" and has_infinitive_to(pred) and \
            any(c.dep_ == "mark" and c.lower_ == "for" for c in pred.children):
        return has_modal(pred.head)
    if pred.pos_ == "NOUN" and pred.dep_ == "nsubj":
        # a verb with an object or attribute tells a consequence ("would upgrade its air
        # force"); one without tells the transfer happening ("could follow", "would begin")
        return has_modal(pred.head) and any(c.dep_ in ("dobj", "attr")
                                            for c in pred.head.children)
    return pred.pos_ == "VERB" and has_modal(pred) and any(
        c.dep_ == "nsubj" and c.i in x.heads and c.i != x.item.head.i
        for c in pred.children)


def asks_how_many(r: Resources, ctx: SentenceContext, x: Reading) -> bool:
    """"It is unclear how many aircraft will be sent": a question, not a claim."""
    return bool(re.search(rf"\bhow (?:{r.words.how_many})\s+(?:\S+\s+)?$",
                          ctx.span.text[:x.item.start], re.IGNORECASE))


def is_any_without_predicate(r: Resources, ctx: SentenceContext, x: Reading) -> bool:
    """"There are no signs of any troops in the area": "any" with no transfer verb."""
    return x.pred is None and any(c.dep_ == "det" and c.lower_ == "any"
                                  for c in x.item.head.children)


def is_people_receiving(r: Resources, ctx: SentenceContext, x: Reading) -> bool:
    """"transfer tanks to the Armed Forces": people after "to"/"for" receive; they are not
    what is sent (but "provided Russia with 11,000 troops": after "with", beside the
    verb's own object, they are what is given)."""
    head, entry = x.item.head, x.item.entry
    if entry.type != "personnel" or head.dep_ != "pobj" or \
            head.head.lower_ not in r.words.receiving_preps:
        return False
    if entry.alt_when and re.search(entry.alt_when, x.item.text, re.IGNORECASE):
        return False  # "signed for 12 Rafale fighters": the jets are what is bought
    prep = head.head
    return not (prep.lower_ == "with" and any(
        c.dep_ in ("dobj", "dative") and c.i != head.i for c in prep.head.children))


def is_people_provided_with(r: Resources, ctx: SentenceContext, x: Reading) -> bool:
    """"Japan will provide the Armed Forces of the Philippines with coastal radars": people
    that a verb of supplying provides with other items receive them; they are not sent."""
    head = x.item.head
    if x.item.entry.type != "personnel" or head.dep_ not in ("dobj", "dative"):
        return False
    verb = head.head
    return verb.pos_ == "VERB" and lemma(verb) in r.lex.recipient_verbs and any(
        c.dep_ == "prep" and c.lower_ == "with" and any(
            o.dep_ == "pobj" and o.i in x.heads and o.i != head.i for o in c.children)
        for c in verb.children)


def is_to_anyone(r: Resources, ctx: SentenceContext, x: Reading) -> bool:
    """"Iran may export weapons to any country it chooses", "buyers must not pass the arms
    on to third parties": a transfer to no one in particular states a rule or a right, not
    a claim."""
    pred, w = x.pred, r.words
    if pred is None:
        return False
    preps = [c for t in (pred, x.item.head) for c in t.children
             if c.dep_ == "prep" and c.lower_ in w.recipient_preps]
    preps += [g for p in list(preps) for g in p.children
              if g.dep_ == "prep" and g.lower_ in w.recipient_preps]  # "on to"
    preps += [c for t in (pred, x.item.head) for p in t.children
              if p.dep_ == "prep" and p.lower_ == "on" for c in p.children if c.dep_ == "prep"
              and c.lower_ in w.recipient_preps]
    return any(o.dep_ == "pobj" and lemma(o) in w.anyone_nouns and any(
        c.lower_ in w.anyone_modifiers for c in o.children if c.dep_ in ("det", "amod"))
        for p in preps for o in p.children)


def is_descriptive_equipment(r: Resources, ctx: SentenceContext, x: Reading) -> bool:
    """"a launcher equipped with a new guidance system": a participle that describes the
    item, not a delivery."""
    pred = x.pred
    return pred is not None and lemma(pred) in r.words.fitting_verbs and (
        pred.dep_ == "acl" and pred.tag_ == "VBN"
        or any(c.dep_ == "auxpass" for c in pred.children)
        # "drones equipped with guided missiles", the participle tagged as a past tense:
        # the missiles it is fitted with are part of the drones
        or pred.dep_ == "acl" and pred.tag_ == "VBD" and pred.head != x.item.head)


def is_own_item(r: Resources, ctx: SentenceContext, x: Reading) -> bool:
    """"their own drone technology": nothing changes hands."""
    return bool(re.search(rf"\b(?:{r.words.possessive_pronouns}) own\s+(?:\S+\s+){{0,3}}$",
                          ctx.span.text[:x.item.start]))


def is_belligerents_own_forces(r: Resources, ctx: SentenceContext, x: Reading) -> bool:
    """"Russian troops", "Ukrainian soldiers": a belligerent's own forces are no transfer."""
    own = [a for a in ctx.actors if a.kind == "demonym" and 0 <= x.item.start - a.end <= 3]
    if x.item.entry.type != "personnel" or not own or own[-1].actor not in r.belligerents:
        return False
    entry = x.item.entry
    if entry.alt_when and re.search(entry.alt_when, x.item.text, re.IGNORECASE) or \
            entry.alt_type and is_model_named(x.item.text.lower()):
        return False  # "its order for Russian Su-35 fighters": jets, not Russia's forces
    # (but "Russia has sent 300 Russian troops to Mali": handed to another party named;
    # "Russian instructors will arrive in Niger": arriving in another party's land)
    sent = ctx.span
    arrive = x.pred is not None and lemma(x.pred) in r.arrive
    preps = r.words.recipient_preps | (r.words.arrival_preps if arrive else frozenset())
    return not (x.pred is not None and x.pred.pos_ == "VERB" and any(
        p.dep_ == "prep" and p.lower_ in preps and any(
            a.actor != own[-1].actor and (arrive and a.located or not a.context
                                          and not a.located)
            and p.idx - sent.start_char <= a.start
            and a.start < p.right_edge.idx + len(p.right_edge.text) - sent.start_char
            for a in ctx.actors)
        for p in x.pred.children))


def is_container_subject(r: Resources, ctx: SentenceContext, x: Reading) -> bool:
    """"The package includes 155mm shells", "other sales in the package include ...": the
    container is not the claim (its contents are), nor is one named in the subject's phrase."""
    head = x.item.head
    if head.dep_ == "pobj" and head.head.dep_ == "prep":
        head = head.head.head  # "other sales in the package": the sales are the subject
    return head.dep_ in ("nsubj", "nsubjpass") and lemma(head.head) in r.words.contain_verbs


def is_unsent_without_predicate(r: Resources, ctx: SentenceContext, x: Reading) -> bool:
    """An item with no transfer or combat verb is dropped, unless it is people of one party
    inside another: "North Korean troops in Russia" (and, further on, only on the side
    they back: "North Korean troops are undergoing training in ... in Russia's far east")."""
    if x.pred is not None or x.use_verb is not None:
        return False
    item, text, w = x.item, ctx.span.text, r.words
    if any(a.kind == "origin" and 0 <= item.start - a.end <= 25
           and "," not in text[a.end:item.start]
           and re.search(rf"-(?:{w.supplier_suffixes})$", text[a.start:a.end])
           for a in ctx.actors):
        return False  # "Iranian-supplied Houthi weapons": the form tells the transfer
    owners = {a.actor for a in ctx.actors if a.kind == "demonym"
              and 0 <= item.start - a.end <= 25} | people_owners(r, ctx, item)
    if owners and item.entry.type == "personnel" and placed_in(r, ctx, item, owners):
        return False  # "the Africa Corps has 2,500 personnel in Mali"
    sides = {r.vocab.actors[o].supports for o in owners if o in r.vocab.actors}
    hosts = [a for a in ctx.actors if a.start >= item.end and a.actor not in owners
             and (re.fullmatch(rf"\s*(?:(?:{w.host_be})\s+)?(?:already\s+)?(?:{w.host_preps})"
                               r"\s+(?:the\s+)?", text[item.end:a.start])
                  or a.actor in sides and item.head.dep_ in ("nsubj", "nsubjpass")
                  and re.fullmatch(r"[^,;]{0,60}\bin\s+(?:the\s+)?", text[item.end:a.start]))]
    return not (item.entry.type == "personnel" and owners and hosts)


def is_what_money_buys(r: Resources, ctx: SentenceContext, x: Reading) -> bool:
    """"Norway pledged €500 million in funding for drones to be built in Ukraine": what
    a sum is for is the funding's purpose, not a second transfer (the sentence names the
    money as an item of its own)."""
    head = first_conjunct(x.item.head)  # "for drones and shells": the shells too
    if x.item.entry.type == "funding" or head.dep_ != "pobj" \
            or head.head.lower_ not in r.words.purpose_preps:
        return False
    if not any(i.entry.type == "funding" for i in ctx.items):
        return False
    owner = head.head.head
    if head.head.dep_ == "mark":  # "for drones to be made in Ukraine": above the clause
        owner = owner.head
    sums = [q for q in ctx.quantities if q.quantity.unit]
    base = ctx.span.start_char

    def is_sum(tok: Token) -> bool:
        return any(q.start <= tok.idx - base < q.end for q in sums)

    entry = r.vocab.items.get(owner.lower_) or r.vocab.items.get(lemma(owner))
    if entry is not None and entry.type == "funding" or is_sum(owner):
        return True  # "funding for drones", "$200 million for drones"
    return owner.pos_ == "VERB" and any(c.dep_ == "dobj" and is_sum(c) for c in owner.children)


def is_asked(r: Resources, ctx: SentenceContext, x: Reading) -> bool:
    """"Will Berlin finally send its Taurus missiles?": a question claims nothing."""
    return is_question_sentence(ctx.span)


def _party_in(ctx: SentenceContext, tok: Token) -> list[str]:
    base = ctx.span.start_char
    lo, hi = tok.left_edge.idx - base, tok.right_edge.idx + len(tok.right_edge) - base
    return [a.actor for a in ctx.actors if lo <= a.start < hi and not a.context]


def people_owners(r: Resources, ctx: SentenceContext, item: ItemMention) -> set[str]:
    """Whose people these are: "mercenaries from the Wagner Group", "the Africa Corps has
    2,500 personnel"."""
    head = item.head
    out: set[str] = set()
    for c in head.children:
        if c.dep_ == "prep" and c.lower_ == "from":
            out.update(_party_in(ctx, c)[:1])
    if head.dep_ == "dobj" and lemma(head.head) == "have":
        for c in head.head.children:
            if c.dep_ == "nsubj":
                out.update(_party_in(ctx, c)[:1])
    return out


def placed_in(r: Resources, ctx: SentenceContext, item: ItemMention, owners: set[str]
              ) -> bool:
    """People of one party inside another's country, by the grammar: "personnel in Mali",
    "mercenaries ... operating in Libya"."""
    head = item.head
    near = [head, *(c for c in head.children if c.dep_ in ("acl", "relcl"))]
    if head.dep_ == "dobj" and lemma(head.head) == "have":
        near.append(head.head)  # "has 2,500 personnel in Mali"
    for t in near:
        for c in t.children:
            if c.dep_ == "prep" and c.lower_ in r.words.host_preps and \
                    any(p not in owners for p in _party_in(ctx, c)):
                return True
    return False


def is_threat(r: Resources, ctx: SentenceContext, x: Reading) -> bool:
    """"The US sent Patriot systems to defend against Russian missiles": arms named after
    "against" are what is fought off, not what is sent."""
    head = first_conjunct(x.item.head)  # "against drones and missiles": the missiles too
    return head.dep_ == "pobj" and head.head.lower_ in r.words.attack_preps


# Drop an item when any of these holds (each is independent of the others).
def is_passed_to_no_party(r: Resources, ctx: SentenceContext, x: Reading) -> bool:
    """"Russia passed satellite data to the Houthis" gives; "buyers must not pass weapons
    on to third parties", "routes that pass through Syria" do not: a verb that gives only
    when it names the party its object goes to (``handing_verbs``)."""
    pred = x.pred
    if pred is None or pred.pos_ != "VERB" or lemma(pred) not in r.words.handing_verbs:
        return False
    obj = first_conjunct(x.item.head)
    if obj.dep_ != "dobj" or obj.head != pred:
        return True
    sent0 = ctx.span.start_char
    for prep in (*pred.children, *obj.children):
        if prep.dep_ == "prep" and prep.lower_ in r.words.recipient_preps:
            lo = prep.left_edge.idx - sent0
            hi = prep.right_edge.idx + len(prep.right_edge.text) - sent0
            if any(lo <= a.start < hi and not a.context for a in ctx.actors):
                return False
    return True


def is_part_of_a_place(r: Resources, ctx: SentenceContext, x: Reading) -> bool:
    """"Israel used heavy bombs in strikes on crowded parts of Gaza": a part of a place (a
    proper name, a party or a place noun after "of", not an item of the sentence) is
    ground, not spare parts."""
    head = x.item.head
    if lemma(head) not in r.words.part_nouns:
        return False
    places = r.vocab.cue_set("words", "place_nouns")
    named = [(a.start, a.end) for a in ctx.everyone]
    base = ctx.span.start_char
    for prep in head.children:
        if prep.dep_ != "prep" or prep.lower_ != "of":
            continue
        for obj in prep.children:
            if obj.dep_ == "pobj" and obj.i not in x.heads and (
                    obj.ent_type_ in ("GPE", "LOC") or lemma(obj) in places
                    or obj.pos_ == "PROPN" and obj.is_alpha  # "Gaza", not "MiG-29"
                    or any(s <= obj.idx - base < e for s, e in named)):
                return True
    return False


def is_compared_with(r: Resources, ctx: SentenceContext, x: Reading) -> bool:
    """"Moscow received the Bavar-373 system, similar to the Russian S-300", "its Strv
    121s, which are based on the Leopard 2A5": a system the item is likened to, or built
    on, is a description, not a second item sent."""
    t = x.item.head
    for _ in range(3):
        if t == x.pred or t.head == t or t.dep_ == "conj":
            return False  # (a list after the likeness may be the items: "vehicles based
            # on the K2 chassis, training and spare parts")
        if t.dep_ == "pobj" and t.head.dep_ == "prep" and \
                t.head.head.lower_ in r.words.comparison_words:
            return True
        t = t.head
    return False


def is_firm_name(r: Resources, ctx: SentenceContext, x: Reading) -> bool:
    """"Chinese companies such as Wuhan Global Sensor Technology are providing optical
    components": a capitalised "Technology" after a capitalised word ends a firm's name;
    the firm is no technology sent."""
    head = x.item.head
    if head.text not in r.words.firm_name_heads or head.i == head.sent.start:
        return False
    prev = head.nbor(-1)
    return (prev.is_title and prev.i != head.sent.start) or (prev.is_upper and prev.is_alpha)


def is_batch_word(r: Resources, ctx: SentenceContext, x: Reading) -> bool:
    """"an initial round of armed drones has arrived", "a new round of aid": a singular
    "round" before "of" is a batch of what follows, not ammunition."""
    head = x.item.head
    return head.lower_ in r.words.batch_singulars and head.i + 1 < ctx.span.end and \
        head.nbor(1).lower_ == "of" and not any(c.dep_ == "nummod" for c in head.children)


def is_in_attribution(r: Resources, ctx: SentenceContext, x: Reading) -> bool:
    """"Russia shipped oil to North Korea, according to satellite imagery analysed by a
    research group": an item inside the phrase that names the evidence is no transfer."""
    before = ctx.span.text[:x.item.start]
    return bool(re.search(rf"\b(?:{r.words.attribution_lead})\s+[^,;:.]*$", before,
                          re.IGNORECASE))


def is_in_institution_name(r: Resources, ctx: SentenceContext, x: Reading) -> bool:
    """"the delegation of the Ministry of the Armed Forces of the French Republic": an item
    word inside an institution's name ("Ministry of ...") names the institution."""
    before = ctx.span.text[:x.item.start]
    m = re.search(r"\b([A-Z]\w+)\s+of\s+(?:the\s+)?$", before)
    return m is not None and m.group(1) in r.vocab.institution_words and \
        x.item.text[:1].isalpha() and ctx.span.text[x.item.start:x.item.start + 1].isupper()


def is_the_dead(r: Resources, ctx: SentenceContext, x: Reading) -> bool:
    """"after the deaths of three American soldiers in Jordan": people told only as those
    killed or wounded somewhere are casualties, not a deployment (a verb of sending in the
    sentence tells one: "soldiers sent to Russia have been killed")."""
    head = x.item.head
    return x.pred is None and x.item.entry.type == "personnel" and head.dep_ == "pobj" and \
        head.head.lower_ == "of" and lemma(head.head.head) in r.words.casualty_nouns


ITEM_GUARDS: tuple[Guard, ...] = (
    is_ambiguous_without_predicate,
    is_the_dead,
    is_in_attribution,
    is_in_institution_name,
    is_batch_word,
    is_people_provided_with,
    is_to_anyone,
    is_passed_to_no_party,
    is_money_without_sum,
    lacks_needed_word,
    is_named_not_given,
    asks_how_many,
    is_warned_off_or_open,
    is_condition,
    is_capability,
    is_carrier,
    is_hyphened_modifier,
    is_hypothetical_transfer,
    is_giver_not_given,
    is_asked,
    is_what_money_buys,
    is_any_without_predicate,
    is_people_receiving,
    is_descriptive_equipment,
    is_own_item,
    is_belligerents_own_forces,
    is_container_subject,
    is_threat,
    is_unsent_without_predicate,
    is_part_of_a_place,
    is_compared_with,
    is_firm_name,
)


def combat_use_verb(r: Resources, item: ItemMention, chain: tuple[Token, ...]) -> Token | None:
    """The verb of using arms in battle above a weapon ("Russia fired North Korean
    missiles"), not a test ("test-fired")."""
    if item.entry.type not in ("weapons", "munitions"):
        return None
    for t in chain[:3]:
        if t.pos_ == "VERB" and lemma(t) in r.lex.combat_use and not re.search(
                r"test[- ]?$", t.doc.text[:t.idx], re.IGNORECASE) \
                and not is_put_to_peaceful_use(r, t) or is_sent_against(r, t, item.head):
            return t
    return None


def is_sent_against(r: Resources, verb: Token, item: Token) -> bool:
    """"On Tuesday it sent at least 11 drones against the naval base": arms sent against a
    target are used in battle, not handed over."""
    return verb.pos_ == "VERB" and lemma(verb) in r.give and any(
        c.dep_ == "prep" and c.lower_ in r.words.attack_preps
        for t in (verb, item) if t.head == verb or t == verb for c in t.children)


def read_item(r: Resources, item: ItemMention, heads: frozenset[int]) -> Reading:
    pred, chain = governing(r, item.head)
    if pred is None and item.entry.standalone:
        pred, chain = item.head, [item.head, *item.head.ancestors]
    return Reading(item, pred, tuple(chain), combat_use_verb(r, item, tuple(chain)), heads)


def item_draft(r: Resources, x: Reading) -> Draft:
    """The draft of an item governed by its transfer predicate."""
    item, pred = x.item, x.pred
    return Draft(
        rule=ITEM, type=item.entry.type, item=item.text or None, anchor=item.start, pred=pred,
        chain=x.chain, mention=item, head_tok=item.head, ambiguous=item.entry.ambiguous,
        first_person=pred is not None and any(
            c.dep_ == "nsubj" and c.lower_ in ("we", "i") for t in (pred, *x.chain[:2])
            for c in t.children),
        alt_type=item.entry.alt_type, alt_when=item.entry.alt_when,
        generic=item.entry.head in r.lex.generic_items and any(
            c.lower_ in r.words.generic_markers or
            c.dep_ == "prep" and c.lower_ in r.words.generic_preps
            for c in item.head.children),
    )


@sentence_pass(reads={"span", "actors", "items", "quantities"},
               sets={"drafts", "draft.rule", "draft.type", "draft.item", "draft.anchor",
                     "draft.pred", "draft.chain", "draft.mention", "draft.head_tok",
                     "draft.ambiguous", "draft.first_person", "draft.alt_type",
                     "draft.alt_when", "draft.generic"})
def candidates(r: Resources, ctx: SentenceContext) -> SentenceContext:
    """One draft per item a transfer predicate governs (the guards drop the rest), and one
    per weapon used in battle."""
    drafts: list[Draft] = []
    heads = frozenset(i.head.i for i in ctx.items)
    for item in ctx.items:
        x = read_item(r, item, heads)
        if any(guard(r, ctx, x) for guard in ITEM_GUARDS):
            continue
        use, pred = x.use_verb, x.pred
        if use is not None and is_hypothetical_combat(r, use, ctx.span, "combat"):
            use = None  # "the missile can hit ships 300 km away": what arms can do
            if pred is None:
                continue
        if use is not None and (pred is None or pred.i > use.i
                                or lemma(pred) in r.words.use_verbs
                                or item.head.head == use):
            # (and "the missiles supplied by Britain were used by Ukraine": the item's own
            # verb uses it, the transfer only describes it)
            drafts.append(Draft(rule=COMBAT_USE, type="combat", item=item.text,
                                anchor=item.start, pred=use, mention=item))
            if pred is None or lemma(pred) in r.words.use_verbs or pred == use:
                continue  # "Russia used the missiles": the use is the claim
        d = item_draft(r, x)
        if item.entry.sumless_type and not any(q.quantity.unit for q in ctx.quantities):
            d = replace(d, type=item.entry.sumless_type)  # "deliveries of military aid"
        drafts.append(d)
    return replace(ctx, drafts=tuple(list_type(r, drafts)))


def list_type(r: Resources, drafts: list[Draft]) -> list[Draft]:
    """"They ship engines, microchips, guidance systems and hardware": a vague arms word
    ("systems", "hardware") listed only with components is a component too (a list that
    names a specific weapon, "tanks, systems and parts", keeps the arms type, and so do
    systems named by a weapon, "air defense systems")."""
    def vague(d: Draft) -> bool:
        return d.mention is not None and (d.mention.entry.ambiguous
                                          or d.mention.entry.head in r.lex.generic_items)

    def arms_modifier(d: Draft) -> bool:  # "air defense systems", "missile systems"
        words = (d.item or "").split()[:-1]
        for n in (2, 1):
            entry = r.vocab.items.get(" ".join(words[-n:])) if len(words) >= n else None
            if entry is not None and entry.type in ("weapons", "munitions") \
                    and not entry.ambiguous:
                return True
        return False
    out = []
    for d in drafts:
        if d.type == "weapons" and d.rule == ITEM and d.head_tok is not None and vague(d) \
                and d.mention is not None and d.mention.entry.ambiguous and not arms_modifier(d):
            group = {t.i for t in d.head_tok.conjuncts}
            listed = [o for o in drafts if o.head_tok is not None and o.head_tok.i in group]
            if any(o.type == "technology" for o in listed) and not any(
                    o.type in ("weapons", "munitions") and not vague(o) for o in listed):
                d = replace(d, type="technology")
        out.append(d)
    return out


@document_pass(reads={"drafts", "sentences", "draft.alt_type"}, sets={"draft.type"})
def alt_types(r: Resources, ctx: DocumentContext) -> DocumentContext:
    """An item whose type depends on the document ("fighter" is a jet in a story about
    aircraft): its ``alt_type`` applies when the document matches its ``alt_when``, or when
    a model's designator names it ("12 FA-50 fighters", "Yak-130 trainers")."""
    doc_text = " ".join(s.text for s in ctx.sentences).lower()
    drafts = tuple((s, replace(d, type=d.alt_type) if d.alt_type and (re.search(
        d.alt_when or "(?!x)x", doc_text) or is_model_named(d.item)) else d)
        for s, d in ctx.drafts)
    return replace(ctx, drafts=drafts)


# a model's designator: letters, a hyphen, a number ("FA-50", "Su-30SME", "Yak-130", "J-10C")
_MODEL = re.compile(r"^[a-z]{1,4}-\d+[a-z]*$")


def is_model_named(item: str | None) -> bool:
    """"fa-50 fighters", "yak-130 jet trainers": a designator before the head names a model
    of machine (not "M23 fighters": no hyphen, a group's name)."""
    words = (item or "").split()
    return any(_MODEL.match(w) for w in words[:-1])
