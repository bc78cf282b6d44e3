"""One parsed sentence -> draft claims.

Grammar first (the dependency parse: which verb governs an item, who is its subject, what
follows "to" or "from"), word order as the fallback, vocabulary for every word list. Drafts
may lack an actor or recipient; the document pass fills those from context.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Span, Token

from ..vocab import Vocabulary
from .activities import ActivityRules
from .draft import Draft
from .mentions import ActorMention, ItemMention, MentionRules
from .numbers import QuantityMatch, find_quantities
from .parties import PartyRules
from .status import StatusRules

__all__ = ["ActorMention", "Draft", "ItemMention", "SentenceReader"]


class SentenceReader(MentionRules, StatusRules, PartyRules, ActivityRules):
    """Reads one parsed sentence with the vocabulary."""

    def __init__(self, vocab: Vocabulary) -> None:
        self.v = vocab
        self.lex = vocab.lexicon()
        self.context_actor: str | None = None  # set by the document pass before each sentence
        self.own_forces = frozenset(vocab.cues.get("recipients") or ())
        self.forms = vocab.actor_forms()
        self.give = vocab.cue_set("transfer", "give") | vocab.cue_set("transfer", "origin") \
            | vocab.cue_set("transfer", "arrive")
        self.receive = vocab.cue_set("transfer", "receive")
        self.transfer_nouns = vocab.cue_set("transfer", "nouns")
        self.origin_verbs = vocab.cue_set("transfer", "origin")
        self.arrive = vocab.cue_set("transfer", "arrive")
        self.receipt = vocab.cue_set("transfer", "receipt")
        self.status_cues = {k: vocab.cue_set("status", k) for k in
                            ("denied", "possible", "expected", "planned", "pledged", "ongoing")}
        self.activity = {k: vocab.cue_set("activity", k) for k in
                         ("combat", "production", "test", "exercise")}
        additional = sorted((w for w in vocab.cue_set("basis", "additional") if " " not in w),
                            key=len, reverse=True)
        self.basis_add = re.compile(rf"\b(?:{'|'.join(map(re.escape, additional))})\b")
        self.basis_cum = vocab.cue_pattern("basis", "cumulative")
        self.reporting = vocab.cue_set("reporting", "verbs")
        multi = sorted((f for f in vocab.items if " " in f or "-" in f), key=len, reverse=True)
        # what may stand between a figure and its item: "40 more U.S.-made (Abrams) tanks";
        # each word ends at a separator, so a long word is read once, not split every way
        self.quantity_gap = re.compile(
            r"[\s)(]*(?:(?:of\s+)?(?:the\s+)?(?:additional|more|new|further|extra|so-called|"
            r"such|other|of|[A-Z][\w.-]*|[a-z]+-[a-z]+|" + self.lex.containers +
            r")(?:[\s)(]+|$)){0,3}")
        self.multi_items = re.compile(
            rf"(?<![\w-])(?:{'|'.join(map(re.escape, multi))})(?![\w-])" if multi else r"(?!x)x")

    # ---- predicates --------------------------------------------------------------------
    def lemma(self, tok: Token) -> str:
        return (tok.lemma_ or tok.lower_).lower()

    def is_transfer(self, tok: Token) -> bool:
        lem, low = self.lemma(tok), tok.lower_
        if tok.pos_ in ("VERB", "AUX"):
            handed = self.transfer_nouns | self.lex.payment_nouns
            if lem == "make" and any(c.lower_ == "available" or c.dep_ == "dobj" and
                                     c.lemma_.lower() in handed for c in tok.children):
                return True  # "make 14 tanks available", "make a payment to Tehran"
            return lem in self.give or lem in self.receive or low in self.give
        return low in self.transfer_nouns or lem in self.transfer_nouns

    def governing(self, head: Token) -> tuple[Token | None, list[Token]]:
        """The transfer predicate of an item (verb or noun), and the chain above the item."""
        chain: list[Token] = []
        # participles and relative clauses on the item itself: "drones supplied to Russia"
        for child in head.children:
            if child.dep_ in ("acl", "relcl") and child.pos_ == "VERB" and \
                    self.is_transfer(child) and self.lemma(child) not in self.lex.combat_use \
                    and not (child.dep_ == "relcl" and head.dep_ == "dobj"
                             and self.is_transfer(head.head)
                             and any(c.dep_ == "nsubj" for c in child.children)):
                # not "ammunition used in the war"; and "handed over the Patriots they
                # pledged" is told by its main verb
                return child, [child, *child.ancestors]
        # "tanks available for supply to Ukraine": a transfer noun inside the item's phrase
        for t in head.subtree:
            if t != head and t.pos_ == "NOUN" and self.is_transfer(t) and \
                    head.i < t.i <= head.i + 5 and t.dep_ == "pobj" and \
                    t.lemma_.lower() not in self.lex.package_nouns:
                return t, [t, *t.ancestors]
        tok = head
        steps = 0
        while tok.head != tok and steps < 8:
            tok = tok.head
            steps += 1
            chain.append(tok)
            if self.lemma(tok) == "be":
                # "Among the items being withheld are dozens of interceptors"
                for prep in tok.children:
                    if prep.dep_ == "prep" and prep.lower_ == "among":
                        for verb in prep.subtree:
                            if verb.dep_ in ("acl", "relcl") and self.is_transfer(verb):
                                return verb, [verb, *verb.ancestors]
            if tok.pos_ in ("VERB", "AUX") and not self.is_transfer(tok):
                # "jets are set to be sent", "drones are expected to arrive"
                for child in tok.children:
                    if child.dep_ in ("xcomp", "ccomp") and child.pos_ == "VERB" and \
                            self.is_transfer(child) and (child.i > head.i or child.dep_ == "xcomp"):
                        return child, [child, *child.ancestors]
                if tok.pos_ == "VERB" and chain[-2:-1] and chain[-2].dep_ in ("dobj",) or \
                        tok.pos_ == "VERB" and len(chain) == 1 and head.dep_ == "dobj":
                    break  # "promised to reduce military aid": the aid belongs to "reduce"
                if tok.pos_ == "VERB" and chain[-2:-1] and chain[-2].dep_ == "prep" and any(
                        c.dep_ == "dobj" for c in tok.children):
                    break  # "mitigate delays in U.S. assistance": so does the assistance
            if tok.lower_ in ("including", "include", "includes", "like", "as") and \
                    tok.dep_ in ("prep", "amod"):
                continue  # "hardware, including launchers": the launchers share its verb
            if self.lemma(tok) in self.arrive and chain[-2:-1] and chain[-2].dep_ not in (
                    "nsubj", "nsubjpass", "conj") or self.lemma(tok) in self.arrive and \
                    len(chain) == 1 and head.dep_ not in ("nsubj", "nsubjpass"):
                break  # "it can reach 40 km with shells": only what arrives arrives
            if self.is_transfer(tok) and (tok.pos_ in ("VERB", "AUX") or tok.i != head.i):
                if tok.pos_ == "NOUN":  # "received a batch of missiles": the verb decides
                    up = tok.head
                    if up.pos_ == "VERB" and self.is_transfer(up) and tok.dep_ in (
                            "dobj", "nsubjpass", "nsubj", "pobj"):
                        return up, [up, *up.ancestors]
                return tok, [tok, *tok.ancestors]
            if tok.pos_ == "VERB" and self.lemma(tok) in self.reporting and steps > 1:
                break
        return None, chain

    # ---- quantities and basis ----------------------------------------------------------
    def quantity_for(self, sent: Span, item: ItemMention, quantities: Sequence[QuantityMatch]
                     ) -> QuantityMatch | None:
        text = sent.text
        best = None
        for q in quantities:
            if q.end <= item.start and item.start - q.end < 45 and \
                    self.quantity_gap.fullmatch(text, q.end, item.start):
                best = q
        if best is None and item.entry.type == "funding":
            money = [q for q in quantities if q.quantity.unit]
            if money:
                best = min(money, key=lambda q: abs(q.start - item.start))
        return best

    def basis(self, sent: Span, item: ItemMention, q: QuantityMatch | None) -> str | None:
        text = sent.text
        left = text[max(0, (q.start if q else item.start) - 30): item.start].lower()
        window = re.sub(r"more than|more and more", "", left)
        if self.basis_add.search(window):
            return "additional"
        if self.basis_cum.search(text):
            return "cumulative"
        return None

    # ---- drafts ------------------------------------------------------------------------
    def read(self, sent: Span) -> list[Draft]:
        everyone = self.actors(sent)
        actors = [a for a in everyone if not a.reporter]
        self._reporters = [a for a in everyone if a.reporter]
        items = self.items(sent, actors)
        quantities = find_quantities(sent.text)
        drafts: list[Draft] = []
        used_q: set[int] = set()
        heads = {i.head.i for i in items}
        for item in items:
            pred, chain = self.governing(item.head)
            if pred is None and item.entry.standalone:
                pred, chain = item.head, [item.head, *item.head.ancestors]
            use_verb = self._combat_use(item, chain)
            if item.entry.ambiguous and pred is None:
                continue
            if item.entry.money and not any(q.quantity.unit for q in quantities):
                continue
            if item.entry.needs and not (
                    re.search(rf"\b(?:{item.entry.needs})\b", item.text)
                    or any(a.kind in ("demonym", "origin") and 0 <= item.start - a.end <= 3
                           for a in actors)):
                continue
            named_thing = item.head.dep_ == "dative" and any(
                c.dep_ == "dobj" and c.i not in heads for c in item.head.head.children)
            if named_thing or re.search(r"\bhow (?:many|much)\s+(?:\S+\s+)?$",
                                        sent.text[:item.start], re.IGNORECASE) or (
                    pred is None and any(c.dep_ == "det" and c.lower_ == "any"
                                         for c in item.head.children)):
                continue  # "gave the drone a new name", "how many aircraft", "any troops in"
            if item.entry.type == "personnel" and item.head.dep_ == "pobj" and \
                    item.head.head.lower_ in ("to", "for", "against", "with"):
                continue  # "transfer tanks to the Armed Forces": the people receive
            if pred is not None and self.lemma(pred) in ("equip", "arm", "fit") and (
                    pred.dep_ == "acl" and pred.tag_ == "VBN"
                    or any(c.dep_ == "auxpass" for c in pred.children)):
                continue  # "a launcher equipped with a new guidance system" describes it
            if re.search(r"\b(?:its|their|his|her|our) own\s+(?:\S+\s+){0,2}$",
                         sent.text[:item.start]):
                continue  # "their own drone technology": nothing changes hands
            own = [a for a in actors if a.kind == "demonym" and 0 <= item.start - a.end <= 3]
            if item.entry.type == "personnel" and own and own[-1].actor in self.own_forces:
                continue  # "Russian troops", "Ukrainian soldiers": a belligerent's own forces
            if item.head.dep_ in ("nsubj", "nsubjpass") and self.lemma(item.head.head) in (
                    "include", "contain", "comprise", "consist"):
                continue  # "the package includes ...": the container is not the claim
            if pred is None and use_verb is None:
                # "North Korean troops in Russia": people of one party inside another
                owners = {a.actor for a in actors if a.kind == "demonym"
                          and 0 <= item.start - a.end <= 25}
                sides = {self.v.actors[o].supports for o in owners if o in self.v.actors}
                hosts = [a for a in actors if a.start >= item.end and a.actor not in owners
                         and (re.fullmatch(r"\s*(?:are\s+|were\s+)?(?:already\s+)?(?:in|inside|to)"
                                           r"\s+(?:the\s+)?", sent.text[item.end:a.start])
                              # "North Korean troops are undergoing training in ... in
                              # Russia's far east": further on, only on the side they back
                              or a.actor in sides and item.head.dep_ in ("nsubj", "nsubjpass")
                              and re.fullmatch(r"[^,;]{0,60}\bin\s+(?:the\s+)?",
                                               sent.text[item.end:a.start]))]
                if not (item.entry.type == "personnel" and owners and hosts):
                    continue
            if use_verb is not None and (pred is None or pred.i > use_verb.i
                                         or self.lemma(pred) in ("use", "deploy")):
                drafts.extend(self._combat_draft(sent, item, use_verb, actors))
                if pred is None or self.lemma(pred) in ("use", "deploy"):
                    continue
            actor, recipient = self.parties(sent, pred, chain, item, actors)
            if actor in self.own_forces and recipient is None and pred is not None \
                    and self.lemma(pred) == "deploy":
                continue  # "Ukrainian forces ... deploy these aircraft": their own, in use
            own_forces = pred is not None and self.lemma(pred) in ("equip", "arm") and any(
                c.dep_ == "dobj" and any(p.dep_ == "poss" and p.lower_ in ("its", "their")
                                         for p in c.children) for c in pred.children)
            if own_forces and recipient is None:
                # "North Korea said it would equip its military with a new launcher": a
                # state fielding what it makes (production), not a transfer
                drafts.append(Draft("production", actor, None, item.text,
                                    self.status(pred, sent, item.head),
                                    anchor=item.start, pred=pred, head_tok=item.head))
                continue
            if item.entry.standalone:
                # "training of Ukrainian pilots": the trainees; "training in Germany": the trainer
                edge = item.head.right_edge.idx + len(item.head.right_edge.text) - sent.start_char
                inside = [a for a in actors if item.start <= a.start < edge and not a.context]
                hosts = [a for a in inside if re.search(r"\b(?:in|at|by|from)\s+(?:the\s+)?$",
                                                         sent.text[:a.start])]
                trainees = [a for a in inside if a not in hosts] or [
                    a for a in actors if a.kind == "demonym" and a.end <= item.start
                    and not a.context and a not in hosts]
                if hosts:
                    actor = hosts[0].actor
                # the trainees' side receives ("the Ukrainian military completed training"),
                # but "Russian technical assistance" is Russia's to give
                training = item.head.lower_.removesuffix("ing") in self.lex.train_verbs
                giver = not inside and (item.start - trainees[-1].end <= 3 or not training) \
                    if trainees else True
                if trainees and (trainees[-1].actor != actor or not hosts and not giver):
                    recipient = trainees[-1].actor
                    actor = None if actor == recipient else actor
            if self.lex.exchange.search(sent.text[:item.start]):
                origin = [a.actor for a in actors if a.kind in ("demonym", "origin")
                          and 0 <= item.start - a.end <= 3]
                actor, recipient = (origin[0] if origin else recipient), actor
            q = self.quantity_for(sent, item, quantities)
            if q is not None:
                used_q.add(q.start)
            status = self.status(pred or item.head.head, sent, item.head)
            if pred is not None and self.lemma(pred) in ("include", "contain", "comprise") and \
                    status in ("done", "ongoing") and any(
                        c.dep_ == "nsubj" and c.lemma_.lower() in self.lex.package_nouns
                        for c in pred.children):
                status = "pledged"  # "the package includes ...": what a package promises
            drafts.append(Draft(
                type=item.entry.type, actor=actor, recipient=recipient, item=item.text,
                status=status, quantity=q.quantity if q else None,
                basis=self.basis(sent, item, q), anchor=item.start, pred=pred,
                ambiguous=item.entry.ambiguous,
                first_person=pred is not None and any(
                    c.dep_ == "nsubj" and c.lower_ in ("we", "i") for t in (pred, *chain[:2])
                    for c in t.children),
                alt_type=item.entry.alt_type, alt_when=item.entry.alt_when, head_tok=item.head,
                definite=q is None and any(c.dep_ == "det" and c.lower_ in ("the", "these", "those")
                                           for c in item.head.children)
                and not (item.head.dep_ == "pobj" and item.head.head.lower_ == "of"),  # "most of"
                generic=item.entry.head in self.lex.generic_items and any(
                    c.lower_ in ("including", "includes", "such", "like") or
                    c.dep_ == "prep" and c.lower_ in ("including", "like")
                    for c in item.head.children),
            ))
        for d in drafts:
            tok = d.head_tok
            if d.type == "personnel" and tok is not None and tok.dep_ == "pobj" and \
                    tok.lemma_.lower() in self.lex.technical_people and \
                    tok.head.lower_ in ("of", "from") and \
                    tok.head.head.lemma_.lower() in self.lex.help_nouns:
                d.type = "technology"  # "with the help of local engineers"
        drafts.extend(self._trained(sent, actors, drafts))
        for d in drafts:
            if d.type == "personnel" and self.lex.into_battle.search(sent.text[d.anchor:]):
                # "send North Korean troops into battle": taking part in fighting is combat
                d.type, d.recipient = "combat", None
                owner = self._owner_of_personnel(
                    [i for i in items if i.head == d.head_tok], actors, 3)
                d.actor = owner or d.actor
        drafts = self._one_number(drafts)
        drafts.extend(self._joint(drafts, sent, actors))
        drafts.extend(self._elided(sent, drafts, quantities, used_q))
        drafts.extend(self._activities(sent, actors, items, drafts))
        drafts.extend(self._fighting_abroad(sent, drafts, items, quantities))
        fighting = {d.actor for d in drafts if d.type == "combat"}
        drafts = [d for d in drafts if not (
            d.type == "personnel" and d.actor in fighting and d.quantity is None
            and (d.recipient is None or d.pred is not None and d.pred.dep_ == "acl"))]
        drafts = [d for d in drafts if not self._introduces(sent, d, drafts)]
        drafts = [d for d in drafts if not self._restated_within(sent, d, drafts)]
        # "troops ... deployment": an ambiguous word beside a specific item is the same claim
        plain = {(d.type, d.actor, d.recipient) for d in drafts if not d.ambiguous}
        return [d for d in drafts if not (d.ambiguous and " " not in (d.item or "")
                                          and (d.type, d.actor, d.recipient) in plain)]

    def _fighting_abroad(self, sent: Span, drafts: list[Draft], items: list[ItemMention],
                         quantities: Sequence[QuantityMatch]) -> list[Draft]:
        """"... lost 4,700 soldiers out of 15,000 fighters": the losses of troops from a
        state not at war, told against how many it sent, also tell that it sent them."""
        people = {i.text for i in items if i.entry.type == "personnel"}
        sent_already = {d.actor for d in drafts if d.type == "personnel"}
        out = []
        for d in drafts:
            if d.type != "combat" or d.item not in people or d.actor is None \
                    or d.actor in self.own_forces or d.actor in sent_already:
                continue
            lost = d.quantity.value if d.quantity else None
            whole = next((q for q in quantities if not q.quantity.unit and re.search(
                r"\b(?:out of|of)\s+(?:the\s+|some\s+|an estimated\s+)?$",
                sent.text[max(0, q.start - 25):q.start]) and q.quantity.value is not None
                and (lost is None or q.quantity.value > lost)), None)
            if whole is not None:
                counted = next((i.text for i in items if i.entry.type == "personnel"
                                and 0 <= i.start - whole.end <= 12), d.item)
                out.append(Draft("personnel", d.actor, None, counted, "done", whole.quantity,
                                 anchor=whole.start, head_tok=d.head_tok))
                sent_already.add(d.actor)
        return out

    def _trained(self, sent: Span, actors: list[ActorMention],
                 drafts: list[Draft]) -> list[Draft]:
        """"Denmark is training Ukrainian pilots": training given to the trainees' side."""
        out = []
        for tok in sent:
            if tok.pos_ != "VERB" or self.lemma(tok) not in self.lex.train_verbs:
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
            out.append(Draft("technology", trainer, side, "training", self.status(tok, sent),
                             anchor=tok.idx - sent.start_char, pred=tok))
        return out

    def _introduces(self, sent: Span, d: Draft, drafts: list[Draft]) -> bool:
        """A generic item that introduces specific ones ("hardware, including launchers",
        "among the weapons withheld are Stinger missiles")."""
        if not (d.generic or d.head_tok is not None and d.head_tok.lemma_.lower() in
                self.lex.generic_items):
            return False
        if d.head_tok is not None and d.head_tok.dep_ == "pobj" and \
                d.head_tok.head.lower_ == "among":
            return any(o.type == d.type and o is not d and o.anchor > d.anchor for o in drafts)
        for other in drafts:
            if other is d or other.type != d.type or other.anchor <= d.anchor:
                continue
            if other.head_tok is not None and \
                    other.head_tok.lemma_.lower() in self.lex.generic_items:
                continue
            between = sent.text[d.anchor:other.anchor]
            if re.search(r"\b(?:including|such as|like|namely|notably|in particular|among them)\b",
                         between):
                return True
        return False

    def _joint(self, drafts: list[Draft], sent: Span, actors: list[ActorMention]) -> list[Draft]:
        """One claim for each sender named jointly (the spec's convention)."""
        out = []
        for d in drafts:
            if d.type in ("personnel", "weapons", "munitions", "technology", "funding"):
                for other in self.co_actors(sent, d.actor, actors):
                    if other != d.recipient:
                        out.append(replace(d, actor=other))
        return out

    def _restated_within(self, sent: Span, d: Draft, drafts: list[Draft]) -> bool:
        """'ATACMS' in "Army Tactical Missile Systems, ATACMS" and 'the Zolfaghar' in
        "400 missiles, including variants such as the Zolfaghar" restate an earlier item."""
        if d.head_tok is None or d.quantity is not None:
            return False
        for other in drafts:
            if other is d or other.type != d.type or other.anchor >= d.anchor or \
                    other.head_tok is None or (other.actor, other.recipient) != (
                        d.actor, d.recipient):
                continue
            if d.head_tok.dep_ == "appos" and d.head_tok.head == other.head_tok:
                return True
            between = sent.text[other.anchor:d.anchor]
            if other.head_tok.lemma_.lower() not in self.lex.generic_items and re.search(
                    r"\b(?:such as|variants?|versions?|models?|types?)\b", between) and \
                    not re.search(r"\band\b|;", between):
                return True
        return False

    def _one_number(self, drafts: list[Draft]) -> list[Draft]:
        """'6,000 engineers and military construction personnel': one number, one claim."""
        out: list[Draft] = []
        for d in drafts:
            prev = out[-1] if out else None
            if prev is not None and d.quantity is None and prev.quantity is not None and \
                    d.type == prev.type and d.pred == prev.pred and d.head_tok is not None \
                    and d.head_tok.dep_ == "conj" and d.head_tok.head == prev.head_tok \
                    and "," not in d.head_tok.doc[prev.head_tok.i:d.head_tok.i].text:
                prev.item = f"{prev.item} and {d.item}"
                continue
            out.append(d)
        return out

    def _elided(self, sent: Span, drafts: list[Draft], quantities: Sequence[QuantityMatch],
                used: set[int]) -> list[Draft]:
        """'..., with an additional 3,000 arriving in January': the item is the previous one."""
        out = []
        for q in quantities:
            if q.start in used or not drafts:
                continue
            before = sent.text[max(0, q.start - 20):q.start].lower()
            after = sent.text[q.end:q.end + 20]
            if re.search(r"\b(?:additional|another|further|extra)\s*$", before) and \
                    re.match(r"\s+(?:\w+ing|were|have|had|are|more)\b|\s*[,.]", after):
                prev = [d for d in drafts if d.anchor < q.start and d.type in
                        ("personnel", "weapons", "munitions")]
                if prev:
                    p = prev[-1]
                    out.append(Draft(p.type, p.actor, p.recipient, p.item, p.status, q.quantity,
                                     "additional", q.start, p.pred))
        return out
