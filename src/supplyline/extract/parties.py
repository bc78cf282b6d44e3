"""Who sends and who receives: the grammar around a transfer, word order as the fallback."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from .mentions import ActorMention, ItemMention

RECIPIENT_PREP = frozenset({"to", "for", "into", "toward", "towards"})


class PartyRules:
    """Sender and recipient rules (mixed into SentenceReader)."""

    def parties(self, sent: Span, pred: Token | None, chain: list[Token], item: ItemMention,
                actors: list[ActorMention]) -> tuple[str | None, str | None]:
        """(actor, recipient) of a transfer of ``item`` governed by ``pred``."""
        def actor_at(tok: Token) -> ActorMention | None:
            span_s, span_e = tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge.text)
            best = None
            subject = tok.dep_ in ("nsubj", "nsubjpass")
            for a in actors:
                s = a.start + sent.start_char
                after_to = self.lex.recipient_after.search(sent.text[:a.start])
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

        actor: str | None = None
        recipient: str | None = None
        receive = pred is not None and pred.pos_ in ("VERB", "AUX") and \
            self.lemma(pred) in self.receive
        if receive:  # "buying shells for Ukraine": Ukraine receives, the buyer provides
            for c in (*pred.children, *item.head.children):
                if c.dep_ == "prep" and c.lower_ == "for" and actor_at(c):
                    recipient, receive = actor_at(c).actor, False
                    break
        if pred is not None and self.lemma(pred) in self.receipt:
            for child in pred.children:  # "receipt of the first Abrams tanks by Ukraine"
                if child.dep_ == "prep" and child.lower_ == "by" and actor_at(child):
                    recipient = actor_at(child).actor
        if pred is not None and self.lemma(pred) in self.arrive:
            for child in pred.children:
                if child.dep_ == "prep" and child.lower_ in ("in", "at", "to", "into"):
                    found = actor_at(child)
                    if found:
                        recipient = found.actor
                elif child.dep_ == "dobj" and actor_at(child):
                    recipient = actor_at(child).actor  # "the drones reached Russia"
        demonym = maker = None
        # demonym or possessive on the item phrase: "North Korean troops", "Iranian-made drones"
        for a in actors:
            if a.kind in ("demonym", "origin") and not a.possessive \
                    and a.end <= item.start + 1 and item.start - a.end <= 25 \
                    and "," not in sent.text[a.end:item.start]:
                if a.kind == "origin" and not re.search(
                        r"-(?:supplied|provided|donated|delivered)$", sent.text[a.start:a.end]):
                    maker = a.actor  # "French-produced": who made it, not always who sends
                else:
                    demonym = a.actor
        for a in actors:
            if a.possessive and 0 <= item.start - a.end <= 3:
                # "Russia's ammunition": the owner receives
                recipient = recipient or a.actor
        own = [item.head] + ([item.head.head] if item.head.dep_ == "conj" else [])
        for t in own:
            for child in t.children:
                if child.dep_ == "prep" and child.lower_ == "from" and actor is None:
                    found = actor_at(child)
                    if found:
                        actor = found.actor
        if pred is not None and actor is None:
            speaker = next((a for a in getattr(self, "_reporters", ()) if not a.context), None)
            pronoun = any(c.dep_ == "nsubj" and c.lower_ in ("it", "they") for c in pred.children)
            said = pred.head if pred.dep_ in ("xcomp", "ccomp") else None
            if speaker and said is not None and self.lemma(said) in self.reporting and (
                    pronoun or pred.dep_ == "xcomp" and not any(
                        c.dep_ in ("nsubj", "nsubjpass") for c in pred.children)):
                actor = speaker.actor  # "Germany reported delivering", "the US said it would"
            announcer = next((t for t in chain[1:4] if self.lemma(t) in self.lex.announce), None)
            if speaker and actor is None and announcer is not None and not any(
                    c.dep_ in ("nsubj", "nsubjpass") for c in pred.children):
                actor = speaker.actor  # "The Netherlands has announced its intention to transfer"
        if pred is not None and pred.pos_ == "NOUN" and actor is None and \
                (demonym or maker) not in (None, recipient):
            actor = demonym or maker  # "the supply of Chinese components"
        if pred is not None and actor is None and pred.tag_ == "VBG":
            near = [a for a in actors if not a.context and 0 <= pred.idx - sent.start_char
                    - a.end <= 2]
            if near:
                actor = near[-1].actor  # "North Korea transferring personnel"
        if pred is not None and self.lemma(pred) in self.origin_verbs:
            for child in pred.children:
                if child.dep_ == "dobj" and actor is None and actor_at(child):
                    actor = actor_at(child).actor  # "left the US for Ukraine"
        origin = [a for a in actors if a.kind == "origin" and 0 <= item.start - a.end <= 25
                  and "," not in sent.text[a.end:item.start]
                  and re.search(r"-(?:supplied|provided|donated|delivered)$",
                                sent.text[a.start:a.end])]
        if origin and actor is None:
            actor = origin[-1].actor  # "Russian-supplied missiles"; "-made" names a maker
        walk = [pred] if pred is not None else []
        walk += [t for t in chain if t != pred]
        if pred is not None:
            for t in walk[:4]:
                if t != pred and self.lemma(t) in self.reporting:
                    if actor is None and self.lemma(t) in self.lex.accuse:
                        for child in t.children:
                            if child.dep_ == "dobj" and actor_at(child):
                                actor = actor_at(child).actor
                    break
                for child in t.children:
                    dep, low = child.dep_, child.lower_
                    if dep == "nsubj" and actor is not None and recipient is None and \
                            not receive and actor_at(child) and actor_at(child).actor != actor:
                        recipient = actor_at(child).actor  # "X gets help from Y": X receives
                    elif dep == "nsubjpass" and recipient is None and t == pred and \
                            not any(x.i == item.head.i for x in child.subtree):
                        # "Ukraine was given ...", "growth, which is funded by ...": receives
                        target = t.head if child.lower_ in ("which", "that", "who") and \
                            t.dep_ == "relcl" else child
                        found = actor_at(target) if target.pos_ != "VERB" else None
                        if found and found.actor != actor:
                            recipient = found.actor
                    elif dep == "nsubj" and origin and recipient is None and \
                            actor_at(child) and actor_at(child).actor != actor:
                        recipient = actor_at(child).actor  # "Belarus will deploy Russian-supplied"
                    elif dep in ("nsubj", "nsubjpass") and actor is None and not receive:
                        if dep == "nsubjpass" and child.i in range(item.head.i - 6,
                                                                    item.head.i + 1):
                            continue
                        found = actor_at(child)
                        if found and found.actor != recipient:
                            actor = found.actor
                    elif dep == "prep" and low == "for" and receive and recipient is None and \
                            t == pred and actor_at(child):
                        recipient = actor_at(child).actor  # "purchasing shells for Ukraine"
                    elif dep in ("nsubj",) and receive and recipient is None:
                        found = actor_at(child)
                        if found:
                            recipient = found.actor
                    elif dep == "agent" and actor is None and (t == pred or self.is_transfer(t)):
                        found = actor_at(child)
                        if found:
                            actor = found.actor
                    elif dep == "prep" and low in RECIPIENT_PREP and recipient is None:
                        found = actor_at(child)
                        if found and found.actor != actor:
                            recipient = found.actor
                    elif dep == "prep" and low == "from":
                        found = actor_at(child)
                        if found:
                            actor = actor or found.actor
                    elif dep in ("dobj", "dative", "iobj") and recipient is None and \
                            self.lemma(t) in self.lex.recipient_verbs:
                        found = actor_on(child) or (actor_at(child) if child.i != item.head.i
                                                    and not any(x.i == item.head.i for x in
                                                                child.subtree) else None)
                        if found and found.actor != actor:
                            recipient = found.actor
                    elif dep == "poss" and t.pos_ == "NOUN" and actor is None and \
                            self.is_transfer(t):
                        found = actor_at(child)
                        if found:
                            actor = found.actor
                if actor is not None and recipient is not None:
                    break
        if actor is None and demonym is not None and demonym != recipient:
            actor = demonym
        # word order: recipients after "to/for/assist", actors before the predicate
        if recipient is None or actor is None:
            pivot = (pred.idx - sent.start_char) if pred is not None else item.start
            cue = self.lex.recipient_after_personnel if item.entry.type == "personnel" else \
                self.lex.recipient_after
            for a in actors:
                if a.context or a.actor in (actor, recipient):
                    continue
                if cue.search(sent.text[:a.start]) and a.kind != "origin" and not (
                        a.located and item.entry.type != "personnel"):
                    if recipient is None and a.start > pivot - 2 or recipient is None and \
                            actor is not None:
                        recipient = a.actor
                    continue
                supporting = a.possessive and re.match(
                    r"\W*(?:'s|’s)?\s*(?:\w+\s+){0,3}(?:support|aid|assistance|help|supplies|"
                    r"deliveries|shipments|transfers?|provision|exports)\b",
                    sent.text[a.end:], re.IGNORECASE)
                if actor is None and a.start < pivot and (not a.possessive or supporting) and \
                        not a.located:
                    actor = a.actor
        if receive and actor is None:
            actor = demonym
        if actor is None:  # "Iranian-made drones": the maker, when nobody else sends them
            makers = [a for a in actors if a.kind == "origin" and 0 <= item.start - a.end <= 25]
            actor = makers[-1].actor if makers and makers[-1].actor != recipient else None
        return actor, recipient

    def co_actors(self, sent: Span, actor: str | None, actors: list[ActorMention]) -> list[str]:
        """Parties named jointly with the actor, on either side of it: "Germany, Belgium and
        Norway have pledged", "British and French troops"."""
        if actor is None:
            return []
        named = [a for a in actors if not (a.context or a.located)]
        at = next((i for i, a in enumerate(named) if a.actor == actor), None)
        if at is None:
            return []

        def joined(left: ActorMention, right: ActorMention) -> bool:
            return bool(re.fullmatch(r"\s*(?:,|and|, and|as well as)\s*(?:the\s+)?",
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
