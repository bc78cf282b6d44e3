"""Pass ``status``: how certain a claim is, from the grammar of its own clause; and the
document pass ``future``, which decides what a plain "will send" is once the source is known.

``status_of`` is the rule itself; the passes that add drafts later (``activities``,
``anaphora``) call it too.
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from ...model import TRANSFER_TYPES, Source
from ..context import (
    ARMED,
    COMBAT_USE,
    HELPED,
    ITEM,
    OWN_PRODUCTION,
    TRAINED,
    DocumentContext,
    Draft,
    SentenceContext,
    replace,
)
from ..grammar import first_conjunct, has_infinitive_to, is_deal, lemma
from ..resources import Resources
from .base import document_pass, sentence_pass

CLIMB = frozenset({"xcomp", "conj", "pcomp", "pobj", "prep", "dobj", "nsubj", "nsubjpass",
                   "attr", "appos", "acl", "amod", "compound", "npadvmod", "oprd"})


@sentence_pass(reads={"span", "drafts", "draft.rule", "draft.pred", "draft.head_tok"},
               sets={"draft.status"})
def status(r: Resources, ctx: SentenceContext) -> SentenceContext:
    """The status of every draft that has none yet, from its predicate's clause."""
    return replace(ctx, drafts=tuple(d if d.status is not None else
                                     replace(d, status=_draft_status(r, ctx.span, d))
                                     for d in ctx.drafts))


def _draft_status(r: Resources, sent: Span, d: Draft) -> str:
    if d.rule in (ITEM, OWN_PRODUCTION) and d.head_tok is not None:
        pred = d.pred
        if pred is not None and pred.dep_ == "acl" and pred.head == d.head_tok and \
                lemma(pred) in r.words.fitting_verbs:
            pred = d.head_tok.head  # "supplying drones equipped with missiles": not "equipped"
        elif pred is not None and pred.dep_ == "acl" and pred.head == d.head_tok and \
                lemma(pred) in r.status_cues["pledged"] and \
                any(t.pos_ == "VERB" and lemma(t) in r.receive for t in d.head_tok.ancestors):
            pred = d.head_tok.head  # "has received the tanks promised by Germany": received
        found = status_of(r, pred or d.head_tok.head, sent, d.head_tok)
        if is_package_contents(r, d.pred, found):
            return "pledged"  # "the package includes ...": what a package promises
        if found in ("done", "ongoing") and (is_agreed(r, d.pred)
                                             or is_deal(r, d.pred, d.head_tok)):
            return "pledged"  # "the deal provides for the transfer of ...": agreed
        if found in ("done", "ongoing") and is_ordered(r, d.pred, d.head_tok):
            return "pledged"  # "Chile has ordered six drones from Israel": bought, not sent
        if found == "ongoing" and is_sent_contents(r, d.pred):
            return "done"  # "the donated equipment includes ...": what was sent
        if d.rule == OWN_PRODUCTION and found == "done" and production_started(r, d.pred):
            return "ongoing"
        return found
    if d.rule in (COMBAT_USE, TRAINED, HELPED, ARMED):
        return status_of(r, d.pred, sent)
    raise ValueError(f"no status rule for a draft made by {d.rule!r}")


def is_ordered(r: Resources, pred: Token | None, item: Token | None) -> bool:
    """"Chile has ordered six drones from Israel", "the launchers Peru ordered": the
    claim's own verb orders the goods themselves (its object, or the items listed as it, or
    the goods it describes: "the 32 fighters ordered in 2020", "launchers: 72 ordered"),
    not "ordered troops to advance" (a command) nor "ordered an increase in the production
    of drones" (what is ordered is the increase)."""
    if pred is None or item is None or pred.pos_ != "VERB" or \
            lemma(pred) not in r.words.ordering_verbs or \
            any(c.dep_ in ("xcomp", "ccomp") for c in pred.children):
        return False
    t = first_conjunct(item, ("conj", "appos"))  # "ordered 180 tanks, 212 howitzers and 48 jets"
    return t.head == pred and t.dep_ in ("dobj", "nsubjpass") or \
        pred.dep_ in ("relcl", "acl") and pred.head == t or \
        pred.dep_ == "acl" and pred.head.dep_ == "appos" and pred.head.head == t
    # (the last: a fact box's "Abrams tanks — 108 ordered in 2019")


def is_package_contents(r: Resources, pred: Token | None, found: str) -> bool:
    """"The package includes 155mm shells", "the sale includes 60 howitzers", "announced a
    package that includes interceptors": what a package or a sale includes is pledged, not
    done."""
    if pred is None or lemma(pred) not in r.words.package_verbs or \
            found not in ("done", "ongoing"):
        return False
    subjects = [c for c in pred.children if c.dep_ == "nsubj"]
    if pred.dep_ == "relcl" and any(c.tag_ == "WDT" for c in subjects):
        subjects = [pred.head]  # "a package that includes ...": the package includes
    # "other items in the package include ...": the package named in the subject's phrase
    subjects += [o for c in subjects for p in c.children if p.dep_ == "prep"
                 for o in p.children if o.dep_ == "pobj"]
    return any(c.lemma_.lower() in r.lex.package_nouns or c.lemma_.lower() in r.words.sale_nouns
               for c in subjects)


def is_agreed(r: Resources, pred: Token | None) -> bool:
    """"The deal provides for the transfer of engines", "a pact, which allows missiles to
    be stationed in Belarus": what an agreement provides for or allows is pledged."""
    t = pred
    for _ in range(6):
        if t is None or t.head == t:
            return False
        t = t.head
        if t.pos_ not in ("VERB", "AUX") or lemma(t) not in r.words.agreement_verbs:
            continue
        subj = next((c for c in t.children if c.dep_ == "nsubj"), None)
        if subj is not None and subj.tag_ == "WDT" and t.dep_ == "relcl":
            subj = t.head  # "the agreement, which allows ..."
        return subj is not None and lemma(subj) in r.lex.package_nouns
    return False


def is_sent_contents(r: Resources, pred: Token | None) -> bool:
    """"The donated equipment includes howitzers", "the equipment already supplied to Kyiv
    includes ...", "the weapons Britain has sent include ...": what goods told as sent
    include was sent (done); "the deliveries include" may still go on, and stays so."""
    if pred is None or lemma(pred) not in r.words.package_verbs:
        return False
    subj = next((c for c in pred.children if c.dep_ == "nsubj"), None)
    if subj is None or lemma(subj) in r.lex.package_nouns:
        return False
    return any(lemma(c) in r.give and (
        c.dep_ in ("amod", "acl") and c.tag_ == "VBN"
        or c.dep_ == "relcl" and tense(r, c) == "done") for c in subj.children)


def clause(r: Resources, pred: Token) -> tuple[list[Token], Token | None]:
    """The predicate and the words above it within its clause ("promised to send",
    "its plan to provide"), and the head of the next clause up (or None)."""
    chain = [pred]
    t = pred
    while t.head != t and len(chain) < 7:
        parent = t.head
        infinitive = t.dep_ == "advcl" and has_infinitive_to(t)
        finite = t.dep_ in ("acl", "pcomp") and (
            any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in t.children)
            or parent.lower_ == "with")  # "the fact that X is supplying", "with X providing"
        if t.dep_ not in CLIMB and not infinitive or finite or \
                lemma(parent) in r.reporting and \
                lemma(parent) not in r.status_cues["denied"]:
            return chain, parent
        chain.append(parent)
        t = parent
    return chain, None


def status_of(r: Resources, pred: Token | None, sent: Span, item: Token | None = None) -> str:
    """Status from the grammar of the claim's own clause, strongest cue first."""
    if pred is None:
        return "done"
    cues, w = r.status_cues, r.words
    chain, above = clause(r, pred)
    words: list[Token] = []
    for t in chain:
        words.append(t)
        words.extend(c for c in t.children if c.dep_ in (
            "aux", "auxpass", "neg", "advmod", "acomp", "prt", "mark", "det"))
    if item is not None:
        words.extend(c for c in item.children if c.dep_ in ("det", "neg")
                     and not is_bound(c))
        # "will send no more missiles"
        words.extend(n for c in item.children if c.dep_ == "amod" for n in c.children
                     if n.dep_ == "neg" and not is_bound(n))
        # "will approve no further exports of arms": a noun between the item and its
        # predicate that is negated negates the claim
        in_chain = {c.i for c in chain}
        for t in item.ancestors:
            if t == pred or t.i in in_chain:
                break
            words.extend(c for c in t.children if c.dep_ in ("det", "neg")
                         and c.lower_ in w.negations and not is_bound(c))
    low = {w.lower_ for w in words} | {lemma(w) for w in words}
    said = phrase_cues(r, words)  # "ruled out sending", "are to be delivered"
    lemmas = [lemma(t) for t in chain]
    above_lem = lemma(above) if above is not None else ""
    if above is not None and above.pos_ == "NOUN" and above.head != above:
        # "denied allegations that it supplied", "rejected reports that ..."
        above_lem = above_lem if above_lem in cues["denied"] else lemma(above.head)
    above_neg = above is not None and lemma(above) not in r.reporting and any(
        c.dep_ == "neg" for c in above.children)  # "did not expect Moscow to receive"
    halted = any(c.dep_ == "dobj" and lemma(c) in cues["denied"]
                 for t in chain if t.pos_ == "VERB" for c in t.children)  # "ordered a halt"
    if low & w.negations or above_neg or halted or "denied" in said or \
            any(lem in cues["denied"] for lem, t in zip(lemmas, chain, strict=True)
                if t.pos_ in ("VERB", "NOUN", "ADJ")) or above_lem in cues["denied"]:
        return "denied"
    if low & cues["possible"] or above_lem in w.possible_above or "possible" in said \
            or above is not None and any(c.lower_ in w.possible_auxiliaries
                                         for c in above.children if c.dep_ in
                                         ("aux", "acomp")):
        return "possible"
    if pred.pos_ == "NOUN" and any(c.dep_ == "amod" and c.lower_ in cues["ongoing"]
                                   for c in pred.children):
        return "ongoing"  # "after continued attacks", "the ongoing supply of shells"
    if pred.pos_ == "NOUN" and pred.dep_ == "pobj" and \
            pred.head.lower_ in w.past_sequence_preps:
        return tense(r, pred)  # "gearing up to make drones following a recent test": done
    if any(lem in cues["pledged"] for lem in lemmas) or "pledged" in said:
        if low & w.future_auxiliaries and not low & cues["expected"] - w.future_auxiliaries:
            return "future"  # "will announce a package": not yet pledged; who says decides
        return "pledged"
    attacks = {f for t in words if t.pos_ == "VERB" and lemma(t) in w.nominal_plans
               and not any(c.dep_ == "xcomp" and has_infinitive_to(c) for c in t.children)
               for f in (t.lower_, lemma(t))}
    if (low - attacks) & cues["planned"] or \
            any(lem in cues["planned"] and lem not in attacks for lem in lemmas) or \
            "planned" in said:
        return "planned"
    before = sent.text[max(0, pred.idx - sent.start_char - 30): pred.idx - sent.start_char]
    if low & (cues["expected"] - w.future_auxiliaries) or re.search(
            rf"\b(?:{w.expected_before}) to\s*$", before) or "expected" in said or \
            above_lem in cues["expected"] and low & w.future_auxiliaries:
        return "expected"  # "predicted that Russia would transfer": a forecast
    if low & w.future_auxiliaries or re.search(r"\bgoing to\s*$", before):
        return "future"  # a plain future: the document pass decides pledged or expected
    if low & cues["ongoing"]:
        return "ongoing"  # "Iran continues to supply them": not a headline's "X to send"
    if re.search(r"^[A-Z][\w\s']{0,40}\bto\s*$", before):
        return "future"  # "Germany to send more tanks": a headline's future
    found = tense(r, pred)
    if found == "ongoing" and "already" in low and pred.tag_ != "VBG":
        return "done"  # "troops are already in Russia"
    return found


def is_bound(tok: Token) -> bool:
    """"no fewer than 50 tanks", "no more than 12 jets": a bound on the number, not a
    negation."""
    doc = tok.doc
    return tok.i + 2 < len(doc) and doc[tok.i + 1].tag_ in ("JJR", "RBR") and \
        doc[tok.i + 2].tag_ == "IN"


def phrase_cues(r: Resources, words: list[Token]) -> frozenset[str]:
    """The statuses whose cues of several words the clause says, read in its word order
    with adverbs left out: "ruled out sending" (lemmas "rule out"), "held off on selling",
    "are also to be delivered" ("are to"), "is supposed to be sent"."""
    every = [c for cues in r.status_cues.values() for c in cues if " " in c]

    def particle(t: Token) -> bool:  # "will be held back": the parse may call it an adverb
        return t.i == t.head.i + 1 and any(
            c == f"{f} {t.lower_}" for c in every for f in (t.head.lower_, lemma(t.head)))
    toks = sorted({t.i: t for t in words if t.dep_ != "advmod" or particle(t)}.values(),
                  key=lambda t: t.i)
    # a preposition is no infinitive's "to": "due to Russian help" is a cause, not "due to"
    marks = ["_" if t.tag_ == "IN" else "" for t in toks]
    forms = tuple(" " + " ".join(m + f for m, f in zip(marks, form, strict=True)) + " "
                  for form in ([t.lower_ for t in toks], [lemma(t) for t in toks]))
    return frozenset(k for k, cues in r.status_cues.items() for cue in cues
                     if " " in cue and any(f" {cue} " in f for f in forms))


def production_started(r: Resources, pred: Token | None) -> bool:
    """"The plant has begun producing drones", "began mass production of shells": making
    arms that has started goes on (the claim is ongoing, not done)."""
    if pred is None:
        return False
    return pred.dep_ in ("xcomp", "dobj") and lemma(pred.head) in r.words.onset_verbs


def tense(r: Resources, pred: Token) -> str:
    """done or ongoing from the verb form (a noun takes its governing verb's form)."""
    w = r.words
    if pred.pos_ in ("NOUN", "PROPN"):
        if pred.dep_ == "pobj" and pred.head.lower_ in w.ongoing_preps:
            return "ongoing"  # "630,000 shells under production": it goes on
        for c in pred.children:
            if c.dep_ in ("relcl", "acl") and c.pos_ == "VERB":
                return tense(r, c)  # "a test that Kim oversaw"
            if c.dep_ == "amod" and c.lower_ in w.past_modifiers:
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
        if "been" in aux_low and aux_low & w.perfect_present:
            return "ongoing"  # "has been supplying"
        if aux_low & w.past_be and verb.dep_ == "ccomp" and \
                lemma(verb.head) in r.reporting and \
                lemma(verb.head) not in r.lex.deny_or_confirm:
            # "the general said Iran was providing ...": reported speech (but "confirmed
            # that its troops were fighting" acknowledges what happened)
            return "ongoing"
        if aux_low & w.past_auxiliaries:
            return "done"
        if verb.dep_ == "xcomp" and lemma(verb.head) in w.onset_verbs:
            return "done" if verb.head.tag_ in ("VBD", "VBN") and \
                lemma(verb.head) != "continue" else "ongoing"  # "began receiving"
        if lemma(verb) in w.result_verbs and verb.head != verb:
            return tense(r, verb.head)  # "..., resulting in casualties"
        if verb.dep_ == "pcomp" and verb.head.head != verb.head and \
                lemma(verb.head.head) in w.charge_words:
            return "done"  # "there is proof of Belarus supplying shells"
        if verb.dep_ in ("pcomp",) and verb.head.lower_ in w.sequence_preps:
            return tense(r, verb.head.head) if verb.head.head != verb.head else "done"
        return "ongoing"
    if lemma(verb) in w.state_verbs and tag != "VBD":
        return "ongoing"  # "China has become the main supplier"
    if tag in ("VBZ", "VBP") or "being" in aux_low and aux_low & w.present_be:
        return "ongoing"  # "supplies", "is being funded"
    if tag == "VBN" and any(a.dep_ == "auxpass" and a.lower_ in w.present_be for a in auxes) \
            and not aux_low & w.perfect_present:
        return "ongoing"  # "most of the drones are made in China": what is done as a rule
    if tag == "VB" and aux_low & w.do_auxiliaries:
        return "ongoing"
    if tag == "VBN" and spans_years(r, verb, aux_low):
        return "ongoing"  # "has supplied them with drones for years"
    if tag == "VB" and not auxes and verb.dep_ in ("ccomp", "xcomp") and \
            verb.head.pos_ in ("VERB", "AUX") and verb.head != verb:
        return tense(r, verb.head)  # "China is helping Moscow ramp up": helping's form
    return "done"


def spans_years(r: Resources, verb: Token, aux_low: set[str]) -> bool:
    """"Iran has armed the militia for years", "for decades Moscow has sold jets to Hanoi":
    a present perfect whose span is years (months, decades) tells what goes on, not one
    deed; "has sent 30 carriages since October" stays done."""
    w = r.words
    if not aux_low & w.perfect_present or "been" in aux_low:
        return False
    return any(c.dep_ == "prep" and c.lower_ in w.span_preps and
               any(o.dep_ == "pobj" and lemma(o) in w.span_nouns for o in c.children)
               for c in verb.children)


@document_pass(reads={"drafts", "draft.status", "draft.source", "draft.type",
                      "draft.first_person", "draft.actor", "draft.recipient", "draft.pred"},
               sets={"draft.status"})
def future(r: Resources, ctx: DocumentContext) -> DocumentContext:
    """A plain "will send": a commitment when the sender's own side says it (or nobody
    else is named), a forecast when a third party, or the receiving side, says it."""
    return replace(ctx, drafts=tuple(
        (s, replace(d, status=_future(r, d)) if d.status == "future" else d)
        for s, d in ctx.drafts))


def _future(r: Resources, d: Draft) -> str:
    src = d.source or Source()
    if d.type in TRANSFER_TYPES and (d.first_person or src.country == d.actor or src.kind
                                     in ("unattributed", "official", "government",
                                         "military")) and not told_by_receiver(r, d):
        return "pledged"
    return "expected"  # intelligence, experts and the media forecast


def told_by_receiver(r: Resources, d: Draft) -> bool:
    """"Serbia will receive 12 Chinese drones next year, its defence minister said": the
    receiving side tells what it expects, it cannot promise the sender's goods (unless it
    announces them: "Minsk announced that Moscow would send ...")."""
    src = d.source or Source()
    return src.country is not None and src.country == d.recipient and not (
        d.pred is not None and any(lemma(t) in r.lex.announce for t in d.pred.ancestors))
