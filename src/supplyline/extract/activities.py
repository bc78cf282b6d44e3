"""Activity claims (production, test, exercise, combat) and arms used in battle."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from .draft import Draft
from .mentions import ActorMention, ItemMention
from .numbers import find_quantities


class ActivityRules:
    """Activity and combat rules (mixed into SentenceReader)."""

    def _combat_use(self, item: ItemMention, chain: list[Token]) -> Token | None:
        if item.entry.type not in ("weapons", "munitions"):
            return None
        for t in chain[:3]:
            if t.pos_ == "VERB" and self.lemma(t) in self.lex.combat_use and not re.search(
                    r"test[- ]?$", t.doc.text[:t.idx], re.IGNORECASE):
                return t
        return None

    def _combat_draft(self, sent: Span, item: ItemMention, verb: Token,
                      actors: list[ActorMention]) -> list[Draft]:
        actor = None
        for child in verb.children:
            if child.dep_ == "nsubj":
                for a in actors:
                    s = a.start + sent.start_char
                    if child.left_edge.idx <= s <= child.right_edge.idx and not a.context:
                        actor = a.actor
                        break
        maker = False
        if actor is None:  # "North Korean weapons are being used": the maker is named
            made = [a for a in actors if a.kind in ("demonym", "origin")
                    and 0 <= item.start - a.end <= 3]
            if not made:
                return []
            actor, maker = made[-1].actor, True
        draft = Draft("combat", actor, None, item.text, self.status(verb, sent),
                      anchor=item.start, pred=verb)
        draft.maker = maker
        out = [draft]
        supplier = next((a for a in actors if a.kind == "origin" and 0 <= item.start - a.end <= 3
                         and re.search(r"-(?:supplied|provided|donated|delivered)$",
                                       sent.text[a.start:a.end])), None)
        if supplier is not None and not maker and supplier.actor != actor:
            # "Ukraine used British-supplied Storm Shadow missiles": the supply is a claim too
            out.append(Draft(item.entry.type, supplier.actor, actor, item.text, "done",
                             anchor=item.start, pred=verb, head_tok=item.head))
        return out

    def _activities(self, sent: Span, actors: list[ActorMention], items: list[ItemMention],
                    drafts: list[Draft]) -> list[Draft]:
        out: list[Draft] = []
        inside = {i for item in items for i in range(item.start, item.end)}
        heads = {item.head.i for item in items}
        words = [(t, t.lower_, self.lemma(t)) for t in sent]
        for kind in ("test", "exercise", "production", "combat"):
            cues = self.activity[kind]
            hits = [t for t, low, lem in words if (low in cues or lem in cues
                    and t.pos_ in ("VERB", "NOUN")
                    or kind == "combat" and lem == "take"  # "take part in the fighting"
                    and any(c.lower_ == "part" for c in t.children))
                    and not (t.dep_ in ("compound", "amod", "nmod", "conj")
                             and t.head.pos_ in ("NOUN", "PROPN")
                             and (t.head.lower_ not in cues or t.head.i in heads)
                             and not (t.i > 1 and t.nbor(-1).text == "-"
                                      and t.nbor(-2).lower_ == "mass"))  # "mass-produce"
                    and (t.idx - sent.start_char) not in inside
                    and self._activity_ok(t, sent)]
            if kind == "production" and not hits:
                hits = [t for t in sent if self._made_in(t, sent, actors) is not None]
            test_fired = re.search(r"\btest[- ]?(?:fir|launch)\w*", sent.text, re.IGNORECASE)
            if kind == "test" and test_fired:
                span = sent.char_span(test_fired.start(), test_fired.end(),
                                      alignment_mode="expand")
                hits = [span[-1]] if span is not None else hits
            # one claim of each activity, but combat once for each side that fights
            for hit in hits if kind == "combat" else hits[:1]:
                # "out of 14,000 troops sent by North Korea, about 4,000 were killed": the
                # people this sentence has sent are the ones who fought
                senders = [d.actor for d in drafts if d.type == "personnel" and d.actor
                           and d.actor not in self.own_forces]
                draft = self._activity_draft(sent, hit, kind, actors, items,
                                             senders[0] if senders else None)
                if draft is None:
                    continue
                if kind == "combat" and (
                        any(d.type == "test" for d in drafts + out)
                        or any(d.type == "combat" and d.actor == draft.actor
                               for d in drafts + out)):
                    continue
                out.append(draft)
                if kind == "combat" and sum(d.type == "combat" for d in out) >= 2:
                    break
        return out

    def _activity_draft(self, sent: Span, hit: Token, kind: str, actors: list[ActorMention],
                        items: list[ItemMention], sent_people: str | None = None
                        ) -> Draft | None:
        """One activity claim (test, exercise, production, combat) around its cue word."""
        actor = self._activity_actor(sent, hit, actors, items, kind)
        if actor is None and kind == "combat":
            actor = sent_people
        item = self._activity_item(sent, hit, items, kind)
        fighters = self._definite_people(hit, items) if actor is None and kind == "combat" \
            else None
        told_before = fighters is not None
        item = fighters.text if fighters is not None else item
        if actor is None and not told_before and (kind == "combat" or kind in (
                "exercise", "test") and not any(not a.context for a in actors)):
            return None  # who fought, drilled or tested must be named here (or just before)
        quantity = None
        if kind == "combat":
            linked = [i for i in items if i.text == item] if item else []
            # "about 4,000 killed or wounded": a figure right before the cue counts the losses,
            # even when the people were counted before ("out of 14,000 troops, about 4,000")
            cue_at = hit.idx - sent.start_char
            q = next((q for q in find_quantities(sent.text)
                      if 0 <= cue_at - q.end <= 30 and not q.quantity.unit
                      and not any(q.end <= i.start < cue_at for i in items)), None)
            if q is None and linked:
                q = self.quantity_for(sent, linked[0], find_quantities(sent.text))
            quantity = q.quantity if q else None
        before = sent.text[:hit.idx - sent.start_char + 40].lower()
        basis = "additional" if item and re.search(
            rf"\b(?:more|additional|another|further)\s+{re.escape(item)}", before) else None
        draft = Draft(kind, actor, None, item, self.status(hit, sent), quantity, basis=basis,
                      anchor=hit.idx - sent.start_char, pred=hit, people_before=told_before)
        if kind == "combat" and actor is not None:
            # "North Korean weapons are being used": the maker named, the user fights
            arms = [i for i in items if i.entry.type in ("weapons", "munitions")]
            draft.maker = any(a.actor == actor and a.kind in ("demonym", "origin")
                              and 0 <= i.start - a.end <= 3 for i in arms for a in actors) \
                and not any(a.actor != actor and not a.context for a in actors)
        return draft

    def _activity_ok(self, tok: Token, sent: Span) -> bool:
        """'participate' is combat only with a war-like object ("participate in the war");
        a "charm offensive" is not an offensive."""
        if re.search(r"\b(?:charm|diplomatic|media|propaganda|PR|peace)\s+$",
                     sent.text[:tok.idx - sent.start_char]):
            return False
        if self.lemma(tok) not in ("participate", "participation", "take"):
            return True
        after = sent.text[tok.idx - sent.start_char:][:80].lower()
        return bool(re.search(r"\b(?:war|fighting|combat|battle|hostilities|offensive|assault|"
                              r"operations?|attack|front)", after))

    def _definite_people(self, hit: Token, items: list[ItemMention]) -> ItemMention | None:
        """"The soldiers will ... participate in offensive operations": the fighters are
        people told of before (the document pass finds whose)."""
        people = {i.head.i: i for i in items if i.entry.type == "personnel"}
        verb = hit if hit.pos_ == "VERB" else hit.head
        for t in (verb, *verb.ancestors):
            for child in t.children:
                if child.dep_ in ("nsubj", "nsubjpass"):
                    definite = any(c.dep_ == "det" and c.lower_ in self.lex.anaphoric_determiners
                                   for c in child.children)
                    return people.get(child.i) if definite else None
            if t.pos_ == "VERB" and t.dep_ not in ("xcomp", "conj"):
                break
        return None

    def _made_in(self, tok: Token, sent: Span, actors: list[ActorMention]) -> str | None:
        """The maker in "most of which are made in China", "drones built in Iran"."""
        if tok.tag_ != "VBN" or self.lemma(tok) not in self.lex.made_verbs:
            return None
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ == "in":
                for a in actors:
                    if a.start == prep.idx + len(prep.text) + 1 - sent.start_char \
                            and a.kind in ("alias", "capital") and not a.possessive:
                        return a.actor
        return None

    def _activity_actor(self, sent: Span, hit: Token, actors: list[ActorMention],
                        items: list[ItemMention], kind: str) -> str | None:
        if kind == "production" and (maker := self._made_in(hit, sent, actors)):
            return maker

        def in_subtree(tok: Token) -> str | None:
            if any(c.dep_ == "poss" and c.lower_ in ("its", "their") for c in tok.children):
                # "North Korea confirmed that its troops were participating"
                earlier = [a for a in actors if a.end <= tok.idx - sent.start_char
                           and not a.context and not a.possessive]
                if earlier:
                    return earlier[-1].actor
            for a in actors:
                s = a.start + sent.start_char
                if tok.left_edge.idx <= s <= tok.right_edge.idx and not a.context and \
                        not self.lex.recipient_after.search(sent.text[:a.start]):
                    return a.actor
            return None

        # the cue's own phrase: "participation of North Korean troops", "North Korean losses"
        if hit.pos_ == "NOUN":
            for child in hit.children:
                if child.dep_ in ("amod", "compound", "poss"):
                    found = in_subtree(child)
                    if found:
                        return found
            for child in hit.children:
                if child.dep_ in ("prep",) and child.lower_ in ("of", "by", "among", "from"):
                    found = in_subtree(child)
                    if found:
                        return found
        fighters = self._owner_of_personnel(items, actors, 3) if kind == "combat" else None
        if fighters:
            return fighters  # "North Korean troops ... into battle"
        # the subject of the cue verb, or of the verb the cue noun depends on
        verb = hit if hit.pos_ == "VERB" else hit.head
        if self.lemma(verb) in self.reporting and verb != hit:
            verb = hit
        prev = None
        for t in (verb, *verb.ancestors):
            for child in t.children:
                if child.dep_ in ("nsubj", "nsubjpass"):
                    found = in_subtree(child)
                    if found:
                        return found
                    if prev is not None and prev.dep_ == "xcomp" and \
                            self.lemma(t) in self.reporting:
                        # "North Korea has claimed to have suffered 350 casualties"
                        speaker = [a for a in getattr(self, "_reporters", ())
                                   if child.left_edge.idx <= a.start + sent.start_char
                                   <= child.right_edge.idx]
                        if speaker:
                            return speaker[0].actor
            if t.pos_ == "VERB" and t.dep_ not in ("xcomp", "conj") or \
                    self.lemma(t) in self.reporting:
                break  # "Russia plans to produce": the subject of "plans" produces
            prev = t
        # a possessive or demonym on the cue noun: "North Korea's production"
        for child in hit.children:
            if child.dep_ in ("poss", "amod", "compound", "nmod"):
                found = in_subtree(child)
                if found:
                    return found
        fighters = self._owner_of_personnel(items, actors, 25) if kind == "combat" else None
        if fighters:
            return fighters
        for child in hit.children:  # "production in Iran"; a test "in Ukraine" is a place
            if child.dep_ == "prep" and (child.lower_ == "by" or child.lower_ == "in"
                                         and kind == "production"):
                found = in_subtree(child)
                if found:
                    return found
        if kind in ("test", "exercise", "production"):
            # the party named last before the cue ("North Korea test-fired ...")
            before = [a for a in actors if a.end <= hit.idx - sent.start_char and not a.context
                      and not a.possessive
                      and not self.lex.recipient_after.search(sent.text[:a.start])]
            if before:
                return before[-1].actor
        return None

    @staticmethod
    def _owner_of_personnel(items: list[ItemMention], actors: list[ActorMention],
                            gap: int) -> str | None:
        """The party whose demonym stands up to ``gap`` characters before a personnel item."""
        for item in items:
            if item.entry.type == "personnel" and not (
                    item.head.dep_ == "pobj" and item.head.head.lower_ in (
                        "into", "with", "alongside", "among", "beside", "to")):
                # not "integrated into Russian combat units": they join those, others fight
                for a in actors:
                    if a.kind == "demonym" and 0 <= item.start - a.end <= gap and not a.context:
                        return a.actor
        return None

    def _activity_item(self, sent: Span, hit: Token, items: list[ItemMention],
                       kind: str) -> str | None:
        if kind == "exercise":
            left = hit
            while left.i > sent.start and sent.doc[left.i - 1].pos_ in ("ADJ", "NOUN", "PROPN") \
                    and sent.doc[left.i - 1].text not in self.forms:
                left = sent.doc[left.i - 1]
            return sent.doc[left.i: hit.i + 1].text.lower()
        if kind == "combat" and hit.pos_ == "NOUN":
            return hit.lower_
        linked = [i for i in items if i.head in hit.subtree or hit in i.head.children
                  or i.head.head == hit or abs(i.head.i - hit.i) <= 3]
        if linked:  # what the cue word governs first: "lost 4,700 soldiers" (out of ...)
            return min(linked, key=lambda i: i.head.head != hit).text
        for child in hit.children:  # "drone production", "shell output"
            if child.dep_ in ("compound", "nmod") and child.i < hit.i and (
                    child.lower_ in self.v.items or child.lower_.rstrip("s") in self.v.items):
                return child.lower_
        if kind == "combat":  # "2,000 North Korean soldiers ... have been killed"
            people = [i for i in items if i.entry.type == "personnel"]
            if people:
                return people[0].text
        if kind == "production" and any(c.dep_ == "nsubjpass" and any(
                w.tag_ == "WDT" for w in c.subtree) for c in hit.children):
            before = [i for i in items if i.head.i < hit.i]  # "drones, most of which are made"
            return before[-1].text if before else None
        return None
