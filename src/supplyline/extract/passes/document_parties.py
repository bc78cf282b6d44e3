"""Document passes for the parties a sentence leaves open: ``first_person`` ("we will
provide", said the minister) and ``fill_parties`` (the document's own pairs, then the
parties it names most)."""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Token

from ...model import TRANSFER_TYPES
from ..context import DocumentContext, Draft, replace
from ..grammar import lemma
from ..nlp import whole
from ..resources import Resources
from .base import document_pass
from .mentions import find_actors, names_a_member


@document_pass(reads={"drafts", "draft.first_person", "draft.actor", "draft.recipient",
                      "draft.pred", "draft.source"},
               sets={"draft.actor", "draft.recipient"})
def first_person(r: Resources, ctx: DocumentContext) -> DocumentContext:
    """"We will provide ...", said the minister: the speaker's country sends; "we have
    received 180 tanks", it receives."""
    def filled(d: Draft) -> Draft:
        if not (d.first_person and d.source and d.source.country):
            return d
        side = d.source.country
        if d.pred is not None and lemma(d.pred) in r.receive:
            if d.recipient is None and d.actor != side:
                return replace(d, recipient=side)
        elif d.actor is None and d.recipient != side:
            return replace(d, actor=side)
        return d
    return replace(ctx, drafts=tuple((s, filled(d)) for s, d in ctx.drafts))


def names_other_recipient(r: Resources, d: Draft) -> bool:
    """The sentence sends the item to someone it names that is no party ("denies supplying
    rifles to the rebels", "to get shells to the front"): the document's usual recipient is
    not that one."""
    heads = [t for t in (d.pred, d.head_tok) if t is not None]
    # (a plural: not "to the country", "to the junta", words that stand for a party)
    return any(c.dep_ == "prep" and c.lower_ in r.words.destination_preps and any(
        o.dep_ == "pobj" and o.pos_ == "NOUN" and o.tag_ == "NNS"
        and not r.vocab.actor_pattern().search(whole_text(o)) for o in c.children)
        for t in heads for c in t.children)


def is_wished(r: Resources, pred: Token | None) -> bool:
    """"is seeking to obtain artillery", "sought weapons": the predicate is a wish."""
    return pred is not None and (lemma(pred) in r.words.wishing_verbs or pred.dep_ == "xcomp"
                                 and lemma(pred.head) in r.words.wishing_verbs)


def told_just_before(ctx: DocumentContext, index: int,
                     paragraph: int) -> tuple[str, str] | None:
    """"Vučić signed for 12 French Rafale fighters. The first jets are due in 2028": a
    transfer that names no party continues the one pair the sentence just before (in its
    paragraph) sends between."""
    pairs = {(d.actor, d.recipient) for s, d in ctx.drafts
             if s.index == index - 1 and s.paragraph == paragraph and d.actor
             and d.recipient and d.type in TRANSFER_TYPES}
    if len(pairs) != 1:
        return None
    actor, recipient = next(iter(pairs))
    return (actor, recipient) if actor and recipient else None


def is_more_than_passing(mentions: Counter[str], party: str) -> bool:
    """"Iran will deliver twelve drones next year", in a story of Venezuela's air force that
    names Russia's war once: the party an actor usually arms is the recipient the sentence
    leaves open only when the document names it more than in passing."""
    return mentions[party] > 1


def is_receiving_side(r: Resources, party: str, recipient: str,
                      drafts: list[Draft]) -> bool:
    """"Ukraine has received 40 tanks from Poland ... Estonia will receive six howitzers":
    a belligerent the document shows only receiving is the side arms go to, not the sender
    of what another state receives ("Moscow's refusal to deliver ... to Tehran": Russia,
    never shown receiving, may send)."""
    if party not in r.belligerents or recipient in r.belligerents:
        return False
    return any(d.recipient == party for d in drafts) and \
        not any(d.actor == party for d in drafts if d.type in TRANSFER_TYPES)


def heading_state(r: Resources, text: str) -> str | None:
    """The state a section heading names and nothing else ("SOUTH KOREA", "United
    Kingdom", "From France"), None for any other heading ("NOT INCLUDED")."""
    words = text.strip(" :-–—•*#").split()
    while words and words[0].lower() in r.words.heading_preps:
        words = words[1:]
    found = r.vocab.actor_form(" ".join(words)) or \
        r.vocab.actor_form(" ".join(w.title() for w in words))  # "UNITED STATES"
    if found is None or not found[0] or found[1] not in ("alias", "capital"):
        return None
    return found[0] if found[0] in r.vocab.actors else None


@document_pass(reads={"sentences", "drafts", "draft.actor", "draft.type"},
               sets={"draft.actor"})
def supplier_headings(r: Resources, ctx: DocumentContext) -> DocumentContext:
    """A roundup by supplier: the items listed under a heading that names a state alone
    ("SOUTH KOREA" / "- K9 howitzers: 18 more delivered") are that state's, when their own
    line names no sender; the next heading ends its list."""
    under: dict[int, str | None] = {}
    current: str | None = None
    for sent in ctx.sentences:
        if sent.section == "heading":
            current = heading_state(r, sent.text)
        elif sent.section != "body":
            current = None
        under[sent.index] = current
    if not any(under.values()):
        return ctx
    return replace(ctx, drafts=tuple(
        (s, replace(d, actor=under[s.index]) if d.actor is None and under.get(s.index)
         and d.type in TRANSFER_TYPES else d) for s, d in ctx.drafts))


def whole_text(tok: Token) -> str:
    return tok.doc[tok.left_edge.i:tok.right_edge.i + 1].text


@document_pass(reads={"doc", "sentences", "drafts", "draft.type", "draft.source",
                      "draft.actor", "draft.recipient", "draft.maker", "draft.item"},
               sets={"draft.actor", "draft.recipient"})
def fill_parties(r: Resources, ctx: DocumentContext) -> DocumentContext:
    """Missing actors and recipients come from the document's own pairs, then from
    the parties it mentions most (recipients being those the vocabulary marks so); the
    maker of arms used in battle gives way to their user."""
    v = r.vocab
    mentions: Counter[str] = Counter()
    for s in ctx.sentences:
        for m in v.actor_pattern().finditer(s.text):
            name, _ = v.actor_form(m.group(0)) or ("", "subject")
            if name and not names_a_member(r, s.text, m.end(), name):
                # ("the country", "the group": named elsewhere; "a European country": one
                # member, named elsewhere)
                mentions[name] += 1
    drafts = [d for _, d in ctx.drafts]
    pairs = Counter((d.actor, d.recipient) for d in drafts
                    if d.actor and d.recipient and d.type in TRANSFER_TYPES and not d.maker)
    # "Seoul said Pyongyang shipped more shells": a state named once, as who speaks, is
    # not whom the claim sends to
    # "Taiwan's army took delivery of its second batch of Abrams tanks": a recipient with
    # the maker of what it receives, for a line that names no party (a fact box's "M1A2T
    # Abrams tanks — 108 ordered in 2019") when the document names no pair
    made_for = Counter((origin, d.recipient) for d in drafts
                       if d.recipient and not d.actor and d.type in TRANSFER_TYPES
                       and (origin := v.origin_of(d.item or "")) and origin != d.recipient)
    speakers = {d.source.country for d in drafts if d.source is not None
                and d.source.country and mentions[d.source.country] <= 1}
    if not pairs and mentions:
        # (only the party the document names most: "Serbia's Chinese missiles", with
        # Russia named in passing, is no story of arms for Russia)
        usual = [a for a, _ in mentions.most_common() if a not in speakers][:1]
        usual = [a for a in usual if a in r.belligerents]
        others = [a for a, _ in mentions.most_common() if a not in usual[:1]]
        if usual and others:
            pairs[(others[0], usual[0])] = 1
    typed = {(d.type, d.actor, d.recipient) for d in drafts
             if d.actor and d.recipient and d.type in TRANSFER_TYPES}
    actors = Counter(d.actor for d in drafts if d.actor)
    title = r.nlp.make_doc(ctx.doc.title or "")
    # the title comes first: "the regime" there refers to no party named before it
    title_actors = [a for a in find_actors(r, whole(title), None) if a.actor]
    # a non-state party's home state ("Hezbollah": Lebanon), for a place told as the recipient
    home = {o.name: o.country for o in v.organisations if o.name in v.actors and o.country}
    out = []
    for (sent, d) in ctx.drafts:
        actor, recipient = d.actor, d.recipient
        if d.type in TRANSFER_TYPES and actor is None and is_wished(r, d.pred) and not any(
                (found := v.actor_form(m.group(0))) and found[0] not in ("", recipient)
                for m in v.actor_pattern().finditer(sent.text)):
            out.append((sent, d))  # "Ukraine is seeking artillery": from whom, no one says
            continue
        made_by = actor if d.maker and d.type in TRANSFER_TYPES else None
        if made_by is not None:
            # "the deliveries include Brazilian-made launchers": the maker named on the
            # item is the sender only when the document shows no one else sending
            actor = None
        elif d.maker:
            users = [rr for (a, rr), _ in pairs.most_common() if a == actor]
            actor = users[0] if users else actor
        if d.type not in TRANSFER_TYPES:
            if actor is None:
                main = [a for (a, _), _ in pairs.most_common(1)] or \
                    [a.actor for a in title_actors] or [a for a, _ in actors.most_common(1)]
                actor = main[0] if main else None
        elif actor and not recipient:
            usual_to = v.actors[actor].supports if actor in v.actors else None
            # "Sudan bought Bayraktar drones" in a story that names Russia in passing: a
            # belligerent receives only when it is the party the document names most
            named = [a for a, _ in mentions.most_common() if a not in speakers and a != actor]
            options = [rr for (a, rr), _ in pairs.most_common() if a == actor] or \
                ([usual_to] if usual_to and is_more_than_passing(mentions, usual_to) else []) or \
                [a for a in named[:1] if a in r.belligerents
                 and actor not in r.belligerents] or \
                [a for (a, rr), _ in pairs.most_common() if rr == actor] or \
                [rr for (_, rr), _ in pairs.most_common() if rr != actor] or \
                [a for a in named if a != actor] or \
                ([usual_to] if usual_to and speakers else [])
            recipient = options[0] if options else None
            if names_other_recipient(r, d) and not [
                    rr for (a, rr), _ in pairs.most_common() if a == actor]:
                recipient = None
            if recipient is not None and (d.type, recipient, actor) in typed and \
                    (actor, recipient) not in pairs:
                # "the shipments are signs of an axis between North Korea and Russia": a
                # party this document only ever shows receiving, with the one that sends
                # to it, receives again (the document's pair, not its reverse)
                actor, recipient = recipient, actor
        elif recipient and not actor:
            origin = v.origin_of(d.item or "")
            options = [a for (a, rr), _ in pairs.most_common() if rr == recipient] or \
                ([origin] if origin and origin != recipient else []) or \
                [a for a, _ in mentions.most_common() if a != recipient
                 and not is_receiving_side(r, a, recipient, drafts)]
            actor = options[0] if options else None
        elif not actor and not recipient and (pairs or made_for):
            actor, recipient = told_just_before(ctx, sent.index, sent.paragraph) or \
                (pairs or made_for).most_common(1)[0][0]
        if made_by is not None and (actor is None or actor == recipient):
            actor = made_by
        if d.type in TRANSFER_TYPES and actor and recipient and recipient not in home:
            # "smuggling weapons into Lebanon from Iran" in a story of Iran arming
            # Hezbollah: the state named is where the group it arms is
            groups = [g for (a, g), _ in pairs.most_common()
                      if a == actor and g != recipient and home.get(g) == recipient]
            recipient = groups[0] if groups else recipient
        if (actor, recipient) != (d.actor, d.recipient):
            d = replace(d, actor=actor, recipient=recipient)
        out.append((sent, d))
    return replace(ctx, drafts=tuple(out))
