"""The status of a claim from the grammar of its own clause."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token


class StatusRules:
    """Status and tense rules (mixed into SentenceReader)."""

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
                    self.lemma(verb.head) in self.reporting and \
                    self.lemma(verb.head) not in self.lex.deny_or_confirm:
                # "the general said Iran was providing ...": reported speech (but "confirmed
                # that its troops were fighting" acknowledges what happened)
                return "ongoing"
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
