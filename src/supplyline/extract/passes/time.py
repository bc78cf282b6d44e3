"""Document passes ``time`` (the claim's own time phrase and what it tells of status and
basis) and ``place`` (a location the claim names). They follow ``future``: a pledge takes
the day it was announced, other claims the time of the event."""

from __future__ import annotations

import calendar
import re
from datetime import date
from functools import lru_cache

from spacy.tokens import Span, Token

from ...model import When
from ..context import ACTIVITY, DocumentContext, Draft, replace
from ..grammar import first_conjunct, is_purpose_infinitive, lemma
from ..resources import Resources
from ..sentences import Sentence, dateline_end
from ..timex import TimeMatch, find_times
from .base import document_pass
from .status import is_ordered

FUTURE = frozenset({"expected", "planned", "possible"})
MONTHS_AND_DAYS = frozenset(calendar.month_name[1:]) | frozenset(calendar.day_name)


@document_pass(reads={"doc", "by_index", "drafts", "draft.status", "draft.pred", "draft.anchor",
                      "draft.rule", "draft.head_tok",
                      "draft.quantity", "draft.basis"},
               sets={"draft.when", "draft.status", "draft.basis"})
def time(r: Resources, ctx: DocumentContext) -> DocumentContext:
    """The time phrase of each claim; a claim told as ongoing that ended weeks before the
    report is done; a figure "already" reached with no time of its own is cumulative."""
    published = ctx.published
    out = []
    told: dict[int, When] = {}  # the first time of each sentence's claims, for the next one
    for sent, d in ctx.drafts:
        when = when_of(r, sent, d, published) or \
            cargo_told_before(r, ctx, sent, d, told, published)
        if when is not None:
            told.setdefault(sent.index, when)
        status = d.status
        if status == "ongoing" and when and when.end and published and \
                (published - when.end).days > 7:
            status = "done"  # "the dispatch of 11,000 troops last fall"
        basis = d.basis
        if basis is None and d.quantity and when is None and re.search(
                r"\balready\b", sent.text):
            basis = "cumulative"
        out.append((sent, replace(d, when=when, status=status, basis=basis)))
    return replace(ctx, drafts=tuple(out))


def cargo_told_before(r: Resources, ctx: DocumentContext, sent: Sentence, d: Draft,
                      told: dict[int, When], published: date | None) -> When | None:
    """"At the end of June, a shipment arrived in Port Sudan. The cargo included rifles":
    what the shipment just told carried takes its time (of the sentence before, in the same
    paragraph: its claims' time, else its one time phrase not of speech). The cargo is
    named by a determiner alone: "the last shipments delivered under Biden" are others."""
    if d.pred is None or lemma(d.pred) not in r.words.package_verbs:
        return None
    subj = next((c for c in d.pred.children if c.dep_ == "nsubj"), None)
    if subj is None or lemma(subj) not in r.words.cargo_nouns or \
            [c.lower_ in r.lex.anaphoric_determiners for c in subj.children if c.dep_ != "punct"] \
            != [True]:
        return None  # "the cargo" alone ("the last US shipments delivered under ..." is others)
    before = ctx.by_index.get(sent.index - 1)
    if before is None or before.paragraph != sent.paragraph:
        return None
    if before.index in told:
        return told[before.index]
    times = [t for t in _times(before.text, published, False)
             if not r.lex.speech_time.search(before.text[:t.start])]
    return When(times[0].text, times[0].begin, times[0].until) if len(times) == 1 else None


def when_of(r: Resources, sent: Sentence, d: Draft, published: date | None) -> When | None:
    """The time phrase nearest the claim among those that belong to it."""
    times = _times(sent.text, published, d.status in FUTURE)
    usable = []
    announced = []
    filed = dateline_end(sent.text)
    # a pledge takes the day it was announced; an order placed is an event of its own
    # ("the 29 launchers it ordered, the ministry said on Wednesday": not that Wednesday)
    pledge = d.status == "pledged" and not is_ordered(r, d.pred, d.head_tok)
    for t in times:
        if t.event is not None and d.pred is not None and \
                t.start <= d.pred.idx < t.event.start:
            t = t.event  # "since it bought 36 jets in 2016": the claim is the event dated
        if t.start < filed:
            continue  # "TAIPEI, Nov 13 (AP) —": the day the story was filed
        if pledge and \
                r.pledge_time.search(sent.text[max(0, t.start - 40):t.start]):
            announced.append(t)  # a pledge takes the day it was announced
        spoke = r.lex.speech_time.search(sent.text[:t.start])
        if not pledge and spoke and t.end - t.start < 14:
            continue  # "the Pentagon said on Monday": when the source spoke
        if t.open_future and d.status == "done" and told_as_past(d.pred):
            continue  # "has sent four shipments, with more expected soon": not the four's time
        if d.pred is not None and not same_clause(d.pred, t.start, t.end):
            continue  # "production of drones, which could be shipped shortly"
        if d.rule == ACTIVITY and d.pred is not None and is_purpose_infinitive(d.pred) \
                and not inside(d.pred, t.start, t.end):
            continue  # "pledged on Wednesday funds for shells to be made": the pledge's day"
        if d.pred is not None and not pledge and not runs_to(t, published) and \
                when_spoken(r, d.pred, t):
            continue  # "the Kremlin on Thursday denied ...": the day of the denial
        usable.append(t)
    usable = announced or usable
    if not usable:
        return None
    best = min(usable, key=lambda t: abs(t.start - d.anchor))
    return When(best.text, best.begin, best.until)


@lru_cache(maxsize=4096)
def _times(text: str, published: date | None, future: bool) -> list[TimeMatch]:
    """Time phrases of a sentence (several claims of one sentence ask for the same)."""
    return find_times(text, published, future=future)


def runs_to(t: TimeMatch, published: date | None) -> bool:
    """"reports that show transfers rising since the spring", "in the past three months":
    a span running up to the report is no day a source spoke on."""
    return published is not None and t.until == published and t.begin is not None \
        and t.begin < published


def when_spoken(r: Resources, pred: Token, t: TimeMatch) -> bool:
    """Whether a time phrase hangs off a reporting verb rather than off the claim."""
    span = pred.doc.char_span(t.start, t.end, alignment_mode="expand")
    if span is None:
        return False
    tok = span.root
    for _ in range(4):
        if tok.head == tok:
            return False
        tok = tok.head
        if tok.pos_ == "VERB":
            return tok != pred and lemma(tok) in r.reporting
    return False


def inside(pred: Token, start: int, end: int) -> bool:
    """Whether a time phrase lies inside the phrase ``pred`` heads."""
    span = pred.doc.char_span(start, end, alignment_mode="expand")
    return span is None or span.root in pred.subtree


def same_clause(pred: Token, start: int, end: int) -> bool:
    """Whether a time phrase hangs off the claim's predicate rather than off a relative
    clause of its own."""
    span = pred.doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return True
    tok = span.root
    for _ in range(10):
        if tok in pred.ancestors and joined_clause_between(pred, tok):
            return False  # "Egypt bought jets in 2021, and France now trains its pilots"
        if tok == pred or pred in tok.children or tok in pred.ancestors:
            return True
        if tok.dep_ in ("relcl", "acl") and tok.pos_ == "VERB" and tok not in pred.ancestors:
            return False
        if is_participle_opener(tok) and tok not in pred.ancestors:
            return False  # "Founded in 2000, the unit smuggles arms": the founding's year
        if tok.head == tok:
            return True
        tok = tok.head
    return True


def told_as_past(pred: Token | None) -> bool:
    """"Four shipments have arrived, with more expected in the coming weeks", "has already
    handed over four jets and will send six soon": a claim told in a past form (its verb
    VBD or VBN) is no open-ended future phrase's."""
    return pred is not None and pred.tag_ in ("VBD", "VBN")


def joined_clause_between(pred: Token, top: Token) -> bool:
    """Whether the claim's verb stands in a clause of its own below ``top``, joined by "and"
    with its own subject ("Egypt bought jets in 2021, and France trains its pilots"), so a
    time phrase of ``top``'s clause is not its. (A clause joined by "while" or "as" is not
    told apart: the held-out scores fell with it.)"""
    t = pred
    while t != top and t.head != t:
        own_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children)
        if t.pos_ in ("VERB", "AUX") and own_subject and t.dep_ == "conj":
            return True
        t = t.head
    return False


def is_participle_opener(tok: Token) -> bool:
    """"Founded in 2000, the unit smuggles arms into Lebanon": a past participle with no
    subject of its own that describes the main clause's subject."""
    return tok.dep_ == "advcl" and tok.tag_ == "VBN" and tok.i < tok.head.i and \
        not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "mark") for c in tok.children)


@document_pass(reads={"drafts", "draft.pred", "draft.head_tok", "draft.actor", "draft.recipient"},
               sets={"draft.place"})
def place(r: Resources, ctx: DocumentContext) -> DocumentContext:
    """A place each claim names."""
    return replace(ctx, drafts=tuple((s, replace(d, place=place_of(r, s, d)))
                                     for s, d in ctx.drafts))


# "Sahel Dispatch note: ", "Kyiv Desk update: ": a label of capitalised words before a colon
LABEL_NOTE = re.compile(r"^(?:[A-Z][\w'’.-]*\s+){1,3}[a-z]+\s*:\s")


def place_of(r: Resources, sent: Sentence, d: Draft) -> str | None:
    """A place the claim names: the gazetteer first, then a proper noun after a locative
    preposition ("near the southern city of Zhanjiang"); parties are not places."""
    v = r.vocab
    anchor = d.pred if d.pred is not None else d.head_tok
    # "the JF-17 fighter, which is assembled in Kamra": a place in a clause describing the
    # item tells where the item is, not where the claim happened
    described = {t.i for c in (d.head_tok.children if d.head_tok is not None else ())
                 if c.dep_ == "relcl" and c != d.pred for t in c.subtree}
    # "Turkey, which backs the government in Tripoli, has kept troops in western Libya":
    # so does a clause describing a party named (the claim's words not in it)
    if anchor is not None:
        described |= {t.i for c in anchor.doc
                      if c.dep_ == "relcl" and c.head.pos_ == "PROPN" and anchor not in c.subtree
                      and (d.head_tok is None or d.head_tok not in c.subtree)
                      for t in c.subtree}
    label = LABEL_NOTE.match(sent.text)
    for m in v.place_pattern().finditer(sent.text):
        if label and m.end() <= label.end() and r.lex.kicker.match(sent.text) is None:
            continue  # "Sahel Dispatch note: ...": a place in the label names the label
        span = anchor.doc.char_span(m.start(), m.end(), alignment_mode="expand") \
            if anchor is not None else None
        if span is not None and span.root.i in described:
            continue
        if span is None or not stands_for_a_party(r, d, span):
            return m.group(0)
    if anchor is None:
        return None
    locative = re.compile(
        rf"\b(?:{r.words.locative_preps})\s+(?:the\s+)?(?:(?:[\w-]+\s+){{0,4}}"
        rf"(?:{r.words.place_nouns}) of\s+)?(?P<place>(?:(?:{r.words.compass_words})\s+)?"
        rf"[A-Z][a-z]+(?:[ -][A-Z][a-z]+){{0,2}})"
        r"(?!['’]s\b)")  # "in the People's Republic of China": the name goes on
    for m in locative.finditer(sent.text):
        name = m.group("place")
        span = anchor.doc.char_span(m.start("place"), m.end("place"))
        if span is not None and len(span) > 1 and re.fullmatch(r.words.compass_words,
                                                               span[0].lower_):
            span = span[1:]  # "in western Libya": the name after the part of it
        if span is None or any(t.pos_ != "PROPN" for t in span) or span.root.i in described:
            continue
        if is_no_place_name(r, span):
            continue
        if v.actor_form(name) or v.actor_pattern().search(name):
            if is_country_of_the_claim(r, d, span):
                return name
            continue
        return name
    return next((m.group(0) for m in v.actor_pattern().finditer(sent.text)
                 if (span := anchor.doc.char_span(m.start(), m.end())) is not None
                 and (is_capital_reached(r, d, span) or is_groups_country(r, d, span))), None)


def is_groups_country(r: Resources, d: Draft, span: Span) -> bool:
    """"sent soldiers into Congo to fight alongside the M23": the country the goods are
    sent to, when an armed group in it that the sentence names receives them, is where it
    happened (not "did not send weapons to Yemen", the Houthis' country standing for them)."""
    v = r.vocab
    form = v.actor_form(span.text)
    tok = span.root
    return form is not None and form[1] == "alias" and d.pred is not None and \
        d.recipient in v.groups and form[0] not in (d.actor, d.recipient) and any(
            (named := v.actor_form(m.group(0))) and named[0] == d.recipient
            for m in v.actor_pattern().finditer(tok.doc.text)) and \
        tok.dep_ == "pobj" and tok.head.lower_ in r.words.destination_preps and \
        tok.head.head in (d.pred, d.head_tok) and form[0] in {
            o.country for o in r.vocab.organisations if o.name == d.recipient}


def is_capital_reached(r: Resources, d: Draft, span: Span) -> bool:
    """"Two helicopters arrived in Mogadishu", "the convoy that reached Bamako carried
    tanks": the capital the claim's goods arrive in is where it happened (a capital the
    goods are sent to stands for its state: "tanks sent to Kyiv")."""
    form = r.vocab.actor_form(span.text)
    if form is None or form[1] != "capital" or d.pred is None:
        return False
    tok = span.root
    verb = tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ in \
        r.vocab.cue_set("words", "locative_preps") else tok.head if tok.dep_ == "dobj" else None
    return verb is not None and lemma(verb) in r.arrive and (
        verb == d.pred or verb.dep_ == "relcl" and verb.head.head == d.pred)


def is_no_place_name(r: Resources, span: Span) -> bool:
    """"in May", "around the New Year" (times), "heavy losses in Africa" (too broad), "used
    in Gepard anti-aircraft tanks" (a name that modifies an item): a proper noun after a
    locative word that names no place."""
    name = span.text
    if name in MONTHS_AND_DAYS or name in r.words.broad_regions or name in r.words.holiday_names:
        return True
    root = span.root
    return root.dep_ in ("compound", "nmod") and root.head.pos_ == "NOUN" \
        and root.head.lower_ not in r.vocab.cue_set("words", "place_nouns")


def stands_for_a_party(r: Resources, d: Draft, span: Span) -> bool:
    """"tanks sent to Kyiv", "Kyiv says ...", "as reported by Kyiv": a capital standing for
    its state, as a party of the claim or as the one who speaks, is not where it happened;
    "arrived in Kyiv", "strikes on the capital Kyiv", "Kyiv's power plants" (a combat claim's
    target) are."""
    form = r.vocab.actor_form(span.text)
    if form is None or form[1] != "capital":
        return False
    tok = first_conjunct(span.root)
    if tok.dep_ == "pobj" and tok.head.lower_ in r.vocab.cue_set("words", "locative_preps"):
        return False
    if form[0] in {d.actor, d.recipient}:
        return True
    # "refused to send arms to Kyiv, ... after North Korea sent troops": a capital that
    # receives stands for its state in any claim of the sentence
    return tok.dep_ in ("nsubj", "nsubjpass", "compound") \
        or (tok.dep_ == "pobj" and tok.head.lower_ in r.words.destination_preps) \
        or (tok.dep_ == "pobj" and tok.head.dep_ == "agent")


def is_country_of_the_claim(r: Resources, d: Draft, span: Span) -> bool:
    """"Russia has 2,500 personnel in Mali": a country named by "in" on the item itself is
    where the item is (other parties are not places; nor is the country things arrive
    in, told by the verb: "the tanks arrived in Ukraine")."""
    form = r.vocab.actor_form(span.text)
    prep = span.root.head
    on = prep.head  # "ammunition waiting in Poland": where the item waits or is stored
    if on.dep_ == "acl" and lemma(on) in r.words.storing_verbs and d.head_tok is not None \
            and on.head == d.head_tok:
        on = d.head_tok
    return form is not None and form[1] == "alias" and span.root.dep_ == "pobj" \
        and prep.lower_ == "in" and on in {d.pred, d.head_tok} - {None} \
        and lemma(prep.head) not in r.arrive
