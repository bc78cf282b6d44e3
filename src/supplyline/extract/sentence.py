"""One parsed sentence -> draft claims.

Grammar first (the dependency parse: which verb governs an item, who is its subject, what
follows "to" or "from"), word order as the fallback, vocabulary for every word list. Drafts
may lack an actor or recipient; the document pass fills those from context.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from spacy.tokens import Span, Token

from ..model import Quantity, Source
from ..vocab import ItemHead, Vocabulary
from .numbers import QuantityMatch, find_quantities

RECIPIENT_PREP = frozenset({"to", "for", "into", "toward", "towards"})


@dataclass
class ActorMention:
    actor: str
    start: int  # char offsets within the sentence
    end: int
    kind: str  # alias | demonym | capital | subject
    context: bool = False  # "war against Ukraine": names a party, not a sender/recipient
    possessive: bool = False
    reporter: bool = False  # inside an attribution ("the German government said")


@dataclass
class ItemMention:
    head: Token
    entry: ItemHead
    text: str
    start: int  # char offsets within the sentence of the item phrase
    end: int


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
    actor_from_demonym: bool = False
    generic: bool = False
    ambiguous: bool = False
    first_person: bool = False
    maker: bool = False  # the actor only made the arms used in this combat
    head_tok: Token | None = None
    alt_type: str | None = None
    alt_when: str | None = None
    source: Source | None = None
    notes: list[str] = field(default_factory=list)


class SentenceReader:
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
        self.basis_add = vocab.cue_set("basis", "additional")
        self.basis_cum = vocab.cue_pattern("basis", "cumulative")
        self.reporting = vocab.cue_set("reporting", "verbs")
        multi = sorted((f for f in vocab.items if " " in f), key=len, reverse=True)
        self.multi_items = re.compile(
            rf"(?<![\w-])(?:{'|'.join(map(re.escape, multi))})(?![\w-])" if multi else r"(?!x)x")

    # ---- mentions ----------------------------------------------------------------------
    def reporter_spans(self, sent: Span) -> list[tuple[int, int]]:
        """Char ranges (in the sentence) of source phrases: subjects of reporting verbs
        and the phrase after "according to" / "citing"."""
        out = []
        base = sent.start_char
        for t in sent:
            if self.lemma(t) in self.reporting and t.pos_ == "VERB" and \
                    self.lemma(t) not in self.lex.deny_or_confirm:
                for c in t.children:
                    if c.dep_ == "nsubj":
                        out.append((c.left_edge.idx - base,
                                    c.right_edge.idx + len(c.right_edge.text) - base))
        for m in re.finditer(r"\b(?:according to|citing|cited by|quoting)\s+[^,.;]+",
                             sent.text, re.IGNORECASE):
            out.append((m.start(), m.end()))
        m = self.lex.trailing_said.search(sent.text)
        if m:  # "..., South Korea's spy agency said on Monday."
            out.append((m.start("who"), m.end("who")))
        return out

    def actors(self, sent: Span) -> list[ActorMention]:
        text = sent.text
        out = []
        reporters = self.reporter_spans(sent)
        raw: list[tuple[int, str]] = []
        for m in self.v.leader_pattern().finditer(text):
            if not any(s <= m.start() < e for s, e in reporters):
                out.append(ActorMention(self.v.leaders()[m.group(0)], m.start(), m.end(), "leader"))
        for m in self.v.actor_pattern().finditer(text):
            found = self.v.actor_form(m.group(0))
            if found is None:
                continue
            name, kind = found
            if kind == "subject":
                if self.lex.recipient_after.search(text[:m.start()]):
                    continue  # "donating six jets to the country": the recipient, from context
                # "the country", "the regime": the party named last, here or before
                name = raw[-1][1] if raw else (self.context_actor or name)
            else:
                raw.append((m.start(), name))
            in_report = any(s <= m.start() < e for s, e in reporters)
            before = text[:m.start()]
            located = kind == "capital" and (re.search(
                r"\b(?:in|at|near|visit(?:ed|ing)? to|visit(?:ed|ing)?)\s+(?:the\s+)?$", before)
                or m.start() == 0 and re.match(r"\s*[,(]", text[m.end():]))  # a dateline
            mention = ActorMention(name, m.start(), m.end(), kind,
                                   context=bool(self.lex.context_before.search(before) or located),
                                   possessive=m.group(0).endswith("'s")
                                   or text[m.end():m.end() + 2] in ("'s", "’s"),
                                   reporter=in_report)
            out.append(mention)
        return sorted(out, key=lambda a: a.start)

    def items(self, sent: Span, actors: list[ActorMention] | None = None) -> list[ItemMention]:
        self._actor_chars = {i for a in (actors or []) for i in range(a.start, a.end)}
        text_low = sent.text.lower()
        out: list[ItemMention] = []
        used: set[int] = set()
        for m in self.multi_items.finditer(text_low):
            span = sent.char_span(m.start(), m.end(), alignment_mode="expand")
            if span is None or any(t.i in used for t in span):
                continue
            head = span[-1]
            if self._is_modifier(head):
                continue
            used.update(t.i for t in span)
            out.append(self._mention(sent, head, self.v.items[m.group(0)], span[0]))
        for tok in sent:
            if tok.i in used:
                continue
            entry = self.v.items.get(tok.lower_) or self.v.items.get(tok.text)
            if entry is None and tok.lower_.endswith("s"):
                entry = self.v.items.get(tok.lower_[:-1])
            if entry is None or tok.pos_ not in ("NOUN", "PROPN", "X", "ADJ", "VERB", "NUM"):
                continue
            if tok.pos_ in ("VERB", "ADJ") and tok.dep_ not in ("dobj", "pobj", "nsubj",
                                                                 "nsubjpass", "conj", "appos"):
                continue
            if self._is_modifier(tok):
                continue
            used.add(tok.i)
            out.append(self._mention(sent, tok, entry, tok))
        if not any(q.quantity.unit for q in find_quantities(sent.text)):
            out = [i for i in out if not i.entry.money]
        out = [i for i in out if not self.lex.excluded_before.search(sent.text[:i.start])
               and not self.lex.excluded_start.match(i.text)]
        # "interceptors for NASAMS systems", "a package of military assistance": one item
        heads = {i.head.i: i for i in out}

        def part_of_another(tok: Token) -> bool:
            if tok.dep_ != "pobj" or tok.head.lower_ not in ("for", "of"):
                return False
            owner = tok.head.head
            if owner.lemma_.lower() in self.lex.measure_nouns and any(
                    c.dep_ == "det" and c.lower_ == "the" for c in owner.children):
                return True  # "the number of missiles" (but "a small number of drones" counts)
            if owner.i not in heads or owner.i == tok.i:
                return False
            same_type = heads[owner.i].entry.type == heads[tok.i].entry.type
            return tok.head.lower_ == "for" or same_type \
                or owner.lemma_.lower() in self.lex.package_nouns  # "a package of weapons"

        out = [i for i in out if not part_of_another(i.head)]
        # "F-16" inside "F-16 fighter jets" is part of the larger item
        out = [i for i in out if not any(o is not i and o.start <= i.start and i.end <= o.end
                                         and (o.end - o.start) > (i.end - i.start) for o in out)]
        return sorted(out, key=lambda i: i.start)

    def _is_modifier(self, tok: Token) -> bool:
        """'rocket' in 'rocket launchers', 'drone' in 'drone production'."""
        nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
        if tok.dep_ in ("compound", "amod", "nmod") and tok.head.i > tok.i \
                and tok.head.pos_ in ("NOUN", "PROPN"):
            return True
        return bool(nxt is not None and nxt.pos_ in ("NOUN", "PROPN") and nxt.dep_ != "conj"
                    and nxt.lower_ not in ("to", "for") and tok.head == nxt)

    def _mention(self, sent: Span, head: Token, entry: ItemHead, first: Token) -> ItemMention:
        start_tok = first
        i = first.i - 1
        while i >= sent.start:
            t = sent.doc[i]
            if t.lower_ in self.lex.item_stopwords \
                    or t.like_num and not re.search(r"\d[a-z]", t.lower_) \
                    and not (i - 1 >= sent.start and sent.doc[i - 1].text == "-") \
                    or t.pos_ in ("DET", "ADP", "VERB", "AUX", "PRON", "CCONJ", "PART", "SCONJ") \
                    or t.is_punct and t.text != "-" or t.text in self.forms \
                    or (t.idx - sent.start_char) in getattr(self, "_actor_chars", ()) \
                    or t.dep_ in ("poss", "quantmod") or t.tag_ == "POS" \
                    or t.dep_ == "nummod" and not re.search(r"[A-Za-z]", t.text):
                break
            if t.text == "-" and (i - 1 < sent.start or sent.doc[i - 1].is_space):
                break
            if t.lower_ in ("mm", "-mm", "millimetre", "millimeter") and i - 1 >= sent.start \
                    and sent.doc[i - 1].like_num:
                start_tok = sent.doc[i - 1]
                i -= 2
                continue
            start_tok = t
            i -= 1
        # a hyphenated demonym ("Iranian-made") stays out of the item
        while start_tok.i < head.i and (start_tok.text in self.forms or start_tok.text == "-"
                                        or sent.doc[start_tok.i].lower_.endswith("-made")):
            start_tok = sent.doc[start_tok.i + 1]
        s = start_tok.idx - sent.start_char
        e = head.idx + len(head.text) - sent.start_char
        text = sent.text[s:e].lower()
        text = re.sub(r"^(?:made|built)\s+", "", text)
        return ItemMention(head, entry, text, s, e)

    # ---- predicates --------------------------------------------------------------------
    def lemma(self, tok: Token) -> str:
        return (tok.lemma_ or tok.lower_).lower()

    def is_transfer(self, tok: Token) -> bool:
        lem, low = self.lemma(tok), tok.lower_
        if tok.pos_ in ("VERB", "AUX"):
            if lem == "make" and any(c.lower_ == "available" for c in tok.subtree):
                return True  # "make 14 tanks available for Kyiv"
            return lem in self.give or lem in self.receive or low in self.give
        return low in self.transfer_nouns or lem in self.transfer_nouns

    def governing(self, head: Token) -> tuple[Token | None, list[Token]]:
        """The transfer predicate of an item (verb or noun), and the chain above the item."""
        chain: list[Token] = []
        # participles and relative clauses on the item itself: "drones supplied to Russia"
        for child in head.children:
            if child.dep_ in ("acl", "relcl") and child.pos_ == "VERB" and self.is_transfer(child):
                return child, [child, *child.ancestors]
        # "tanks available for supply to Ukraine": a transfer noun inside the item's phrase
        for t in head.subtree:
            if t != head and t.pos_ == "NOUN" and self.is_transfer(t) and \
                    head.i < t.i <= head.i + 5 and t.dep_ == "pobj":
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
            if tok.lower_ in ("including", "include", "includes", "like", "as") and \
                    tok.dep_ in ("prep", "amod"):
                continue  # "hardware, including launchers": the launchers share its verb
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

    # ---- status ------------------------------------------------------------------------
    CLIMB = frozenset({"xcomp", "conj", "pcomp", "pobj", "prep", "dobj", "nsubj", "nsubjpass",
                       "attr", "appos", "acl", "amod", "compound", "npadvmod", "oprd"})

    def clause(self, pred: Token) -> tuple[list[Token], Token | None]:
        """The predicate and the words above it within its clause ("promised to send",
        "its plan to provide"), and the head of the next clause up (or None)."""
        chain = [pred]
        t = pred
        while t.head != t and len(chain) < 7:
            parent = t.head
            infinitive = t.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to"
                                                   for c in t.children)
            finite = t.dep_ in ("acl", "pcomp") and (
                any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in t.children)
                or parent.lower_ == "with")  # "the fact that X is supplying", "with X providing"
            if t.dep_ not in self.CLIMB and not infinitive or finite or \
                    self.lemma(parent) in self.reporting and \
                    self.lemma(parent) not in self.status_cues["denied"]:
                return chain, parent
            chain.append(parent)
            t = parent
        return chain, None

    def status(self, pred: Token | None, sent: Span, item: Token | None = None) -> str:
        """Status from the grammar of the claim's own clause, strongest cue first."""
        if pred is None:
            return "done"
        cues = self.status_cues
        chain, above = self.clause(pred)
        words: list[Token] = []
        for t in chain:
            words.append(t)
            words.extend(c for c in t.children if c.dep_ in (
                "aux", "auxpass", "neg", "advmod", "acomp", "prt", "mark", "det"))
        if item is not None:
            words.extend(c for c in item.children if c.dep_ in ("det", "neg"))
        low = {w.lower_ for w in words} | {self.lemma(w) for w in words}
        lemmas = [self.lemma(t) for t in chain]
        above_lem = self.lemma(above) if above is not None else ""
        if above is not None and above.pos_ == "NOUN" and above.head != above:
            # "denied allegations that it supplied", "rejected reports that ..."
            above_lem = above_lem if above_lem in cues["denied"] else self.lemma(above.head)
        above_neg = above is not None and self.lemma(above) not in self.reporting and any(
            c.dep_ == "neg" for c in above.children)  # "did not expect Moscow to receive"
        halted = any(c.dep_ == "dobj" and self.lemma(c) in cues["denied"]
                     for t in chain if t.pos_ == "VERB" for c in t.children)  # "ordered a halt"
        if low & {"not", "n't", "never", "no", "nor"} or above_neg or halted or \
                any(lem in cues["denied"] for lem, t in zip(lemmas, chain, strict=True)
                    if t.pos_ in ("VERB", "NOUN")) or above_lem in cues["denied"]:
            return "denied"
        if low & cues["possible"] or above_lem in ("possible", "consider", "weigh", "mull") \
                or above is not None and any(c.lower_ in ("may", "might", "could", "possible")
                                             for c in above.children if c.dep_ in
                                             ("aux", "acomp")):
            return "possible"
        if any(lem in cues["pledged"] for lem in lemmas):
            return "pledged"
        if low & cues["planned"] or any(lem in cues["planned"] for lem in lemmas):
            return "planned"
        before = sent.text[max(0, pred.idx - sent.start_char - 30): pred.idx - sent.start_char]
        if low & (cues["expected"] - {"will", "would", "'ll", "shall"}) or re.search(
                r"\b(?:likely|set|poised|due|about) to\s*$", before):
            return "expected"
        if low & {"will", "would", "'ll", "shall"} or re.search(
                r"(?:\bgoing to|^[A-Z][\w\s']{0,40}\bto)\s*$", before):
            return "future"  # a plain future: the document pass decides pledged or expected
        if low & cues["ongoing"]:
            return "ongoing"
        tense = self.tense(pred)
        if tense == "ongoing" and "already" in low and pred.tag_ != "VBG":
            return "done"  # "troops are already in Russia"
        return tense

    def tense(self, pred: Token) -> str:
        """done or ongoing from the verb form (a noun takes its governing verb's form)."""
        if pred.pos_ in ("NOUN", "PROPN"):
            for c in pred.children:
                if c.dep_ in ("relcl", "acl") and c.pos_ == "VERB":
                    return self.tense(c)  # "a test that Kim oversaw"
                if c.dep_ == "amod" and c.lower_ in ("recent", "previous", "latest", "last",
                                                     "earlier", "past"):
                    return "done"
        verb = pred
        for _ in range(4):
            if verb.pos_ in ("VERB", "AUX") or verb.head == verb:
                break
            verb = verb.head
        auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
        aux_low = {a.lower_ for a in auxes}
        tag = verb.tag_
        if tag == "VBG":
            if "been" in aux_low and aux_low & {"has", "have"}:
                return "ongoing"  # "has been supplying"
            if aux_low & {"was", "were"} and verb.dep_ == "ccomp" and \
                    self.lemma(verb.head) in self.reporting:
                return "ongoing"  # "the general said Iran was providing ...": reported speech
            if aux_low & {"was", "were", "had", "has", "have"}:
                return "done"
            if verb.dep_ == "xcomp" and self.lemma(verb.head) in ("begin", "start", "continue"):
                return "done" if verb.head.tag_ in ("VBD", "VBN") and \
                    self.lemma(verb.head) != "continue" else "ongoing"  # "began receiving"
            if self.lemma(verb) in ("result", "lead", "cause") and verb.head != verb:
                return self.tense(verb.head)  # "..., resulting in casualties"
            if verb.dep_ in ("pcomp",) and verb.head.lower_ in ("by", "after", "before",
                                                                 "following", "since"):
                return self.tense(verb.head.head) if verb.head.head != verb.head else "done"
            return "ongoing"
        if self.lemma(verb) in ("become", "remain", "stay") and tag != "VBD":
            return "ongoing"  # "China has become the main supplier"
        if tag in ("VBZ", "VBP") or "being" in aux_low and aux_low & {"is", "are", "am"}:
            return "ongoing"  # "supplies", "is being funded"
        if tag == "VB" and aux_low & {"does", "do"}:
            return "ongoing"
        return "done"

    # ---- parties -----------------------------------------------------------------------
    def parties(self, sent: Span, pred: Token | None, chain: list[Token], item: ItemMention,
                actors: list[ActorMention]) -> tuple[str | None, str | None, bool]:
        """(actor, recipient, actor_from_demonym) for a transfer of ``item`` governed by pred."""
        def actor_at(tok: Token) -> ActorMention | None:
            span_s, span_e = tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge.text)
            best = None
            subject = tok.dep_ in ("nsubj", "nsubjpass")
            for a in actors:
                s = a.start + sent.start_char
                after_to = self.lex.recipient_after.search(sent.text[:a.start])
                inside = span_s <= s < span_e and not a.context and not (
                    subject and s > tok.idx and after_to)
                if inside and (best is None or abs(s - tok.idx)
                               < abs(best.start + sent.start_char - tok.idx)):
                    best = a
            return best

        def actor_on(tok: Token) -> ActorMention | None:
            for a in actors:
                if a.start <= tok.idx - sent.start_char < a.end and not a.context:
                    return a
            return None

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
        actor = recipient = None
        demonym = None
        # demonym or possessive on the item phrase: "North Korean troops", "Iranian-made drones"
        for a in actors:
            if a.kind in ("demonym", "origin") and not a.possessive and a.end <= item.start + 1 \
                    and \
                    item.start - a.end <= 25 and "," not in sent.text[a.end:item.start]:
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
        if pred is not None and pred.pos_ == "NOUN" and actor is None and demonym and \
                demonym != recipient:
            actor, from_demonym_early = demonym, True  # "the supply of Chinese components"
        else:
            from_demonym_early = False
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
        from_demonym = from_demonym_early
        if actor is None and demonym is not None and demonym != recipient:
            actor, from_demonym = demonym, True
        # word order: recipients after "to/for/assist", actors before the predicate
        if recipient is None or actor is None:
            pivot = (pred.idx - sent.start_char) if pred is not None else item.start
            cue = self.lex.recipient_after_personnel if item.entry.type == "personnel" else \
                self.lex.recipient_after
            for a in actors:
                if a.context or a.actor in (actor, recipient):
                    continue
                if cue.search(sent.text[:a.start]):
                    if recipient is None and a.start > pivot - 2 or recipient is None and \
                            actor is not None:
                        recipient = a.actor
                    continue
                supporting = a.possessive and re.match(
                    r"\W*(?:'s|’s)?\s*(?:\w+\s+){0,3}(?:support|aid|assistance|help|supplies|"
                    r"deliveries|shipments|transfers?|provision|exports)\b",
                    sent.text[a.end:], re.IGNORECASE)
                if actor is None and a.start < pivot and (not a.possessive or supporting):
                    actor = a.actor
        if receive and actor is None:
            actor = demonym
        if actor is None:  # "Iranian-made drones": the maker, when nobody else sends them
            makers = [a for a in actors if a.kind == "origin" and 0 <= item.start - a.end <= 25]
            actor = makers[-1].actor if makers and makers[-1].actor != recipient else None
        return actor, recipient, from_demonym

    # ---- quantities and basis ----------------------------------------------------------
    def quantity_for(self, sent: Span, item: ItemMention, quantities: list[QuantityMatch]
                     ) -> QuantityMatch | None:
        text = sent.text
        best = None
        for q in quantities:
            if q.end <= item.start:
                gap = text[q.end:item.start]
                if re.fullmatch(r"[\s)(]*(?:(?:of\s+)?(?:the\s+)?(?:additional|more|new|further|"
                                r"extra|so-called|such|other|of|[A-Z][\w.-]*(?:-made)?|"
                                r"[a-z]+-[a-z]+|" + self.lex.containers + r")[\s)(]*){0,3}", gap) \
                        and len(gap) < 45:
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
        if re.search(r"\b(?:additional|another|more|further|extra|fresh)\b", window):
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
                hosts = [a for a in actors if a.start >= item.end and a.actor not in owners
                         and re.fullmatch(r"\s*(?:are\s+|were\s+)?(?:already\s+)?(?:in|inside|to)"
                                          r"\s+(?:the\s+)?", sent.text[item.end:a.start])]
                if not (item.entry.type == "personnel" and owners and hosts):
                    continue
            if use_verb is not None and (pred is None or pred.i > use_verb.i
                                         or self.lemma(pred) in ("use", "deploy")):
                drafts.extend(self._combat_draft(sent, item, use_verb, actors))
                if pred is None or self.lemma(pred) in ("use", "deploy"):
                    continue
            actor, recipient, from_demonym = self.parties(sent, pred, chain, item, actors)
            if item.entry.standalone:
                # "training of Ukrainian pilots", "training for Ukrainian troops": the trainees
                edge = item.head.right_edge.idx + len(item.head.right_edge.text) - sent.start_char
                trainees = [a for a in actors if item.start <= a.start < edge and not a.context]
                if trainees:
                    recipient = trainees[0].actor
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
                actor_from_demonym=from_demonym, ambiguous=item.entry.ambiguous,
                first_person=pred is not None and any(
                    c.dep_ == "nsubj" and c.lower_ in ("we", "i") for t in (pred, *chain[:2])
                    for c in t.children),
                alt_type=item.entry.alt_type, alt_when=item.entry.alt_when, head_tok=item.head,
                generic=item.entry.head in self.lex.generic_items and any(
                    c.lower_ in ("including", "includes", "such", "like") or
                    c.dep_ == "prep" and c.lower_ in ("including", "like")
                    for c in item.head.children),
            ))
        drafts = self._one_number(drafts)
        drafts.extend(self._joint(drafts, sent, actors))
        drafts.extend(self._elided(sent, drafts, quantities, used_q))
        drafts.extend(self._activities(sent, actors, items, drafts))
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

    def _introduces(self, sent: Span, d: Draft, drafts: list[Draft]) -> bool:
        """A generic item that introduces specific ones ("hardware, including launchers")."""
        if not (d.generic or d.head_tok is not None and d.head_tok.lemma_.lower() in
                self.lex.generic_items):
            return False
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

    def co_actors(self, sent: Span, actor: str | None, actors: list[ActorMention]) -> list[str]:
        """Parties named jointly with the actor: "Germany, Belgium and Norway have pledged"."""
        if actor is None:
            return []
        first = next((a for a in actors if a.actor == actor and not a.context), None)
        if first is None:
            return []
        out = []
        end = first.end
        for a in actors:
            if a.start < first.end or a.context or a.actor == actor:
                continue
            if re.fullmatch(r"\s*(?:,|and|, and|as well as)\s*(?:the\s+)?", sent.text[end:a.start]):
                out.append(a.actor)
                end = a.end
        return out

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
                    and d.head_tok.dep_ == "conj" and d.head_tok.head == prev.head_tok:
                prev.item = f"{prev.item} and {d.item}"
                continue
            out.append(d)
        return out

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
        return [draft]

    def _elided(self, sent: Span, drafts: list[Draft], quantities: list[QuantityMatch],
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
                                     "additional", q.start, p.pred, p.actor_from_demonym))
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
                    and t.pos_ in ("VERB", "NOUN"))
                    and not (t.dep_ in ("compound", "amod", "nmod", "conj")
                             and t.head.pos_ in ("NOUN", "PROPN")
                             and (t.head.lower_ not in cues or t.head.i in heads))
                    and (t.idx - sent.start_char) not in inside
                    and self._activity_ok(t, sent)]
            test_fired = re.search(r"\btest[- ]?(?:fir|launch)\w*", sent.text, re.IGNORECASE)
            if kind == "test" and test_fired:
                span = sent.char_span(test_fired.start(), test_fired.end(),
                                      alignment_mode="expand")
                hits = [span[-1]] if span is not None else hits
            # one claim of each activity, but combat once for each side that fights
            for hit in hits if kind == "combat" else hits[:1]:
                draft = self._activity_draft(sent, hit, kind, actors, items)
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
                        items: list[ItemMention]) -> Draft | None:
        """One activity claim (test, exercise, production, combat) around its cue word."""
        actor = self._activity_actor(sent, hit, actors, items, kind)
        item = self._activity_item(sent, hit, items, kind)
        if actor is None and (kind == "combat" or kind in ("exercise", "test") and not any(
                not a.context for a in actors)):
            return None  # who fought, drilled or tested must be named here
        quantity = None
        if kind == "combat":
            linked = [i for i in items if i.text == item] if item else []
            q = self.quantity_for(sent, linked[0], find_quantities(sent.text)) \
                if linked else None
            if q is None:  # "about 4,000 killed or wounded"
                q = next((q for q in find_quantities(sent.text)
                          if 0 <= hit.idx - sent.start_char - q.end <= 30
                          and not q.quantity.unit), None)
            quantity = q.quantity if q else None
        before = sent.text[:hit.idx - sent.start_char + 40].lower()
        basis = "additional" if item and re.search(
            rf"\b(?:more|additional|another|further)\s+{re.escape(item)}", before) else None
        draft = Draft(kind, actor, None, item, self.status(hit, sent), quantity, basis=basis,
                      anchor=hit.idx - sent.start_char, pred=hit)
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
                              r"operations|attack|front)", after))

    def _activity_actor(self, sent: Span, hit: Token, actors: list[ActorMention],
                        items: list[ItemMention], kind: str) -> str | None:
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

        # the cue's own phrase: "participation of North Korean troops", "Russian strikes"
        if hit.pos_ == "NOUN":
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
        for child in hit.children:
            if child.dep_ == "prep" and child.lower_ in ("in", "by"):
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
            if item.entry.type == "personnel":
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
        if linked:
            return linked[0].text
        return None
