"""Document pass: parse the candidate sentences, read drafts, fill gaps from context,
attach source, time, place and evidence, and merge restatements into one claim."""

from __future__ import annotations

import calendar
import re
from collections import Counter
from dataclasses import replace
from datetime import date
from functools import lru_cache

from spacy.tokens import Doc

from ..evaluate import head_noun
from ..model import TRANSFER_TYPES, Claim, CleanedText, Document, Evidence, Source, When
from ..vocab import Vocabulary
from .attribution import Attributor
from .numbers import find_quantities
from .sentence import Draft, SentenceReader
from .sentences import Sentence, split_sentences
from .timex import TimeMatch, find_times

CARRY = 2  # sentences over which an attribution carries to unattributed claims
REFERS_BACK = re.compile(
    r"(?P<who>[A-Z][^,;]{2,80}?)\s+(?:shed light on|gave|confirmed|detailed|described|explained|"
    r"provided|disclosed|revealed|cited)\s+(?:these|this|those|the)\s+(?:\w+\s+)?"
    r"(?:advancements?|developments?|figures?|numbers?|estimates?|details?|findings?|"
    r"assessment|information|data|claims?)\b")
LOCATIVE = re.compile(
    r"\b(?:in|near|at|around|outside|over|off)\s+(?:the\s+)?(?:(?:[\w-]+\s+){0,4}(?:city|town|"
    r"port|region|province|village|area|base|district|oblast|county|state) of\s+)?"
    r"(?P<place>[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2})")
MONTHS_AND_DAYS = frozenset(calendar.month_name[1:]) | frozenset(calendar.day_name)
DENIED_REPORTS = re.compile(
    r"^(?P<who>[^,;]{2,60}?)\s+(?:has\s+|have\s+|had\s+|also\s+)?(?:denied|rejected|dismissed|"
    r"refuted)\s+(?:the|these|those|such|all)\s+(?:\w+\s+)?(?:reports?|accusations?|"
    r"allegations?|claims?|charges?)\b")
DENIAL_OF_CLAIM = re.compile(
    r"\b(?:a claim|claims|allegations?|accusations?|charges?|reports?)\s+(?:that\s+)?"
    r"(?P<who>(?:the\s+)?[A-Z][\w'’. -]{1,40}?)\s+(?:has\s+|have\s+|had\s+)?"
    r"(?:called|dismissed|denied|rejected|described as|branded)\b")
FUTURE = frozenset({"expected", "planned", "possible"})


class DocumentReader:
    def __init__(self, vocab: Vocabulary, nlp) -> None:  # noqa: ANN001 - a spaCy Language
        self.v = vocab
        self.recipients = frozenset(vocab.cues.get("recipients") or ())
        pledged = sorted(w for w in vocab.cue_set("status", "pledged") if w.endswith("ed"))
        self.pledge_time = re.compile(  # "announced on Tuesday": a pledge's own time
            rf"\b(?:{'|'.join(map(re.escape, pledged))})\s+(?:\w+\s+){{0,3}}$", re.IGNORECASE)
        self.nlp = nlp
        self.reader = SentenceReader(vocab)
        self.attributor = Attributor(vocab)
        self.candidate = re.compile(
            "|".join(p.pattern for p in (vocab.item_pattern(),
                                         vocab.cue_pattern("activity"))), re.IGNORECASE)

    def candidates(self, sentences: list[Sentence]) -> list[Sentence]:
        """Sentences that can hold a claim: they name an item or an activity (section
        headings announce what follows and state nothing themselves)."""
        anaphor = self.reader.lex.anaphor
        return [s for s in sentences if s.section != "heading" and (
            self.candidate.search(s.text) or anaphor.search(s.text))]

    def read(self, doc: Document, cleaned: CleanedText) -> list[Claim]:
        sentences = split_sentences(cleaned)
        cands = self.candidates(sentences)
        parsed = list(self.nlp.pipe(s.text for s in cands))
        return self.assemble(doc, sentences, cands, parsed)

    def assemble(self, doc: Document, sentences: list[Sentence], cands: list[Sentence],
                 parsed: list[Doc]) -> list[Claim]:
        by_index = {s.index: s for s in sentences}
        # a "Source: X" line speaks for every claim that names no source of its own
        fallback = next((self.attributor.scan(s.text) for s in sentences
                         if re.match(r"(?:Source|Sources)\s*:", s.text)), None) or Source()
        drafts: list[tuple[Sentence, Draft]] = []
        last_person: Source | None = None
        last_source: Source | None = None
        last_actor: str | None = None
        carried: tuple[Source, int] | None = None
        seen: list[Source] = []  # sources named so far, for "the agency" later on
        parsed_at = {s.index for s in cands}
        others = iter(s for s in sentences if s.index not in parsed_at and s.section == "body")
        pending = next(others, None)
        for sent, pdoc in zip(cands, parsed, strict=True):
            self.reader.context_actor = last_actor
            # unparsed sentences before this one may name who is speaking
            while pending is not None and pending.index < sent.index:
                spoken = self.attributor.scan(pending.text)
                if spoken is not None:
                    carried = (spoken, pending.index)
                    seen.append(spoken)
                    if spoken.kind == "official" and spoken.name:
                        last_person = spoken
                pending = next(others, None)
            span = pdoc[:]
            found = self.reader.read(span) or self._anaphora(span, sent, drafts)
            # a known person named as a source is remembered for "he said" later on
            for d in found:
                d.source = self._source(span, d, sent, by_index, last_person, last_source,
                                        carried, fallback, seen)
                if d.source.kind == "official" and d.source.name:
                    last_person = d.source
                if d.source.kind != "unattributed":
                    last_source = d.source
                    if sent.section == "body":
                        carried = (d.source, sent.index)
                if d.actor is None and last_actor and self._refers_back(span):
                    d.actor = last_actor
                if d.actor is None and d.people_before:  # "the soldiers": whose were sent
                    d.actor = next((x.actor for s, x in reversed(drafts) if x.actor
                                    and x.type == "personnel" and sent.index - s.index <= 4),
                                   None)
                drafts.append((sent, d))
            drafts.extend((sent, d) for d in self._denials(sent, found))
            named = [d.actor for d in found if d.actor]
            if named:
                last_actor = named[-1]
            else:
                mentioned = self.reader.actors(span)
                last_actor = mentioned[-1].actor if mentioned else last_actor
            if not found:
                src = self.attributor.find(span, None)
                if src and not src[1]:
                    cls = self.attributor.classify(src[0])
                    if cls.kind != "unattributed":
                        seen.append(cls)  # "Andriy Kostin, the prosecutor general, said ..."
                    if cls.kind == "official" and cls.name:
                        last_person = cls
        mentions = Counter()
        for s in sentences:
            for m in self.v.actor_pattern().finditer(s.text):
                name, kind = self.v.actor_form(m.group(0)) or ("", "subject")
                if kind != "subject":
                    mentions[name] += 1
        doc_text = " ".join(s.text for s in sentences).lower()
        for _, d in drafts:
            if d.first_person and d.actor is None and d.source and d.source.country:
                d.actor = d.source.country  # "we will provide ...", said the minister
            if d.alt_type and re.search(d.alt_when or "(?!x)x", doc_text):
                d.type = d.alt_type
        drafts.extend(self._denied_reports(sentences, drafts))
        self._fill_parties(drafts, doc, mentions)
        for _, d in drafts:
            if d.status == "future":
                d.status = self._future(d)
        claims = [self._claim(doc, sent, d) for sent, d in drafts
                  if d.actor and (d.recipient or d.type not in TRANSFER_TYPES)
                  and d.actor != d.recipient]
        body = [s for s in sentences if s.section == "body"]
        last_para = {s.start for s in body if body and s.paragraph == body[-1].paragraph}
        summary = {s.start for s in body if re.match(r"(?:In summary|In conclusion|To sum up|"
                                                     r"Overall|In short)\b", s.text)}
        paragraphs = len({s.paragraph for s in body})
        closing = frozenset(summary | (last_para if paragraphs >= 3 else set()))
        again = frozenset((sent.start, d.item) for sent, d in drafts if d.definite)
        return merge_restatements(claims, closing, self.reader.lex.generic_items, again)

    # ---- context ------------------------------------------------------------------------
    def _anaphora(self, span, sent: Sentence,  # noqa: ANN001 - a spaCy Span
                  drafts: list[tuple[Sentence, Draft]]) -> list[Draft]:
        """"The shipments began in January": a sentence that names no item but a transfer
        told just before ("the shipments", "these deliveries") is a claim of that transfer's
        parties and type; its item is the word that refers back, as the reader sees it."""
        lex = self.reader.lex
        earlier = [d for s, d in drafts if sent.index - 2 <= s.index < sent.index
                   and d.type in TRANSFER_TYPES and d.status != "denied"]
        if not earlier or not lex.anaphor.search(span.text) or not (
                find_times(span.text, None) or find_quantities(span.text)):
            return []  # "the donations will help Ukraine": nothing new is told of them
        told = earlier[-1]
        parties = {told.actor, told.recipient}
        if any(a.actor not in parties for a in self.reader.actors(span)
               if not (a.context or a.reporter or a.located)):
            return []  # another party is named: this is not the same transfer
        out = []
        for tok in span:
            verb = tok.head
            if tok.lower_ in lex.anaphoric_transfers and tok.pos_ == "NOUN" and any(
                    c.dep_ == "det" and c.lower_ in lex.anaphoric_determiners
                    for c in tok.children) and (
                    tok.dep_ in ("nsubj", "nsubjpass")
                    or tok.dep_ == "dobj" and verb.lemma_.lower() in lex.anaphoric_verbs) \
                    and not any(c.tag_ in ("WRB", "WDT") or c.dep_ == "mark"
                                for c in verb.children):
                # the transfer itself acts or is acted on ("the shipments began", "begin
                # these donations"), not "an update on the deliveries" or "how the
                # shipments were tracked"
                out.append(Draft(told.type, told.actor, told.recipient, tok.lower_,
                                 self.reader.status(tok, span, tok),
                                 anchor=tok.idx - span.start_char, pred=tok, head_tok=tok))
        return out[:2]

    def _refers_back(self, span) -> bool:  # noqa: ANN001
        return any(t.dep_ in ("nsubj", "nsubjpass") and t.lower_ in ("it", "they", "the country",
                                                                     "the regime")
                   for t in span)

    def _source(self, span, d: Draft, sent: Sentence, by_index: dict[int, Sentence],  # noqa: ANN001
                last_person: Source | None, last_source: Source | None,
                carried: tuple[Source, int] | None, fallback: Source,
                seen: list[Source]) -> Source:
        found = self.attributor.find(span, d.pred)
        if found:
            phrase, pronoun = found
            if pronoun:
                earlier = " ".join(s.text for i, s in sorted(by_index.items()) if i < sent.index)
                return last_person or self.attributor.last_person(earlier) or last_source or \
                    Source(phrase, None, "unattributed", None)
            src = self.attributor.resolve(phrase, seen) or self._surname(phrase, seen) or \
                self.attributor.classify(phrase)
            if src.kind != "unattributed":
                seen.append(src)
                return src
        speaker = self._speaking_actor(d)
        if speaker is not None:
            return speaker
        # the next sentence may name who said it: "An official from the Ukrainian Air Force
        # shed light on these advancements"
        following = by_index.get(sent.index + 1)
        if following is not None:
            m = REFERS_BACK.match(following.text)
            if m:
                src = self.attributor.classify(m.group("who"))
                if src.kind != "unattributed":
                    return src
        # the attribution may stand in a neighbouring sentence
        for offset in (-1, 1):
            other = by_index.get(sent.index + offset)
            if other is None or other.section != sent.section:
                continue
            if not self.candidate.search(other.text):
                near = self.attributor.scan(other.text)  # no parse: a pattern look suffices
                if near is not None:
                    return near
        # a source keeps speaking until another one is named (news quotes run on)
        if carried and sent.section == "body" and sent.index - carried[1] <= CARRY and \
                not self.reader.lex.background.match(sent.text):
            return carried[0]
        return fallback

    def _denials(self, sent: Sentence, found: list[Draft]) -> list[Draft]:
        """"..., a claim Pyongyang has called 'absurd'": the text states a claim and its
        denial; the denial is a second claim, sourced to the denier (the spec's rule)."""
        m = DENIAL_OF_CLAIM.search(sent.text)
        if not m:
            return []
        denier = self.attributor.classify(m.group("who"))
        if denier.kind == "unattributed":
            return []
        return [replace(d, status="denied", source=denier) for d in found
                if d.type in TRANSFER_TYPES and d.status != "denied"
                and d.source is not None and d.source.country != denier.country]

    def _denied_reports(self, sentences: list[Sentence],
                        drafts: list[tuple[Sentence, Draft]]) -> list[tuple[Sentence, Draft]]:
        """"China rejected the accusations": a denial of the claims just reported. Each
        transfer claim of the sentences just before becomes a denied claim of this one,
        sourced to the denier (the spec: a claim known through its denial)."""
        out: list[tuple[Sentence, Draft]] = []
        with_drafts = {sent.index for sent, _ in drafts}
        for sent in sentences:
            m = DENIED_REPORTS.search(sent.text)
            if not m or sent.index in with_drafts:
                continue
            denier = self.attributor.classify(m.group("who").strip(" -•"))
            if denier.kind == "unattributed":
                continue
            earlier = [(s, d) for s, d in drafts if sent.index - 3 <= s.index < sent.index
                       and d.type in TRANSFER_TYPES and d.status != "denied"]
            last = max((s.index for s, _ in earlier), default=None)
            out.extend((sent, replace(d, status="denied", source=denier, pred=None, anchor=0))
                       for said, d in earlier if said.index == last)
        return out

    @staticmethod
    def _surname(phrase: str, seen: list[Source]) -> Source | None:
        """"Albers said" after "Katrin Albers, a senior official, ...": the same person."""
        if not re.fullmatch(r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?", phrase.strip()):
            return None
        return next((replace(src, text=phrase) for src in reversed(seen)
                     if src.name and src.name.split()[-1] == phrase.strip()), None)

    def _speaking_actor(self, d: Draft) -> Source | None:
        """"Sunak pledged the tanks": an officeholder who pledges or denies is the source."""
        if d.pred is None or d.status not in ("pledged", "denied"):
            return None
        heads = [d.pred] + ([d.pred.head] if d.pred.dep_ == "xcomp" else [])
        for c in (c for h in heads for c in h.children):
            if c.dep_ == "nsubj":
                phrase = d.pred.doc[c.left_edge.i: c.right_edge.i + 1].text
                src = self.attributor.classify(phrase)
                if src.kind == "official":
                    return src
        return None

    def _fill_parties(self, drafts: list[tuple[Sentence, Draft]], doc: Document,
                      mentions: Counter[str]) -> None:
        """Missing actors and recipients come from the document's own pairs, then from
        the parties it mentions most (recipients being those the vocabulary marks so)."""
        pairs = Counter((d.actor, d.recipient) for _, d in drafts
                        if d.actor and d.recipient and d.type in TRANSFER_TYPES)
        if not pairs and mentions:
            usual = [a for a, _ in mentions.most_common() if a in self.recipients]
            others = [a for a, _ in mentions.most_common() if a not in usual[:1]]
            if usual and others:
                pairs[(others[0], usual[0])] = 1
        actors = Counter(d.actor for _, d in drafts if d.actor)
        title_actors = [m for m in self.reader.actors(self.nlp.make_doc(doc.title or "")[:])]
        for _, d in drafts:
            if d.maker:
                users = [r for (a, r), _ in pairs.most_common() if a == d.actor]
                d.actor = users[0] if users else d.actor
            if d.type not in TRANSFER_TYPES:
                if d.actor is None:
                    main = [a for (a, _), _ in pairs.most_common(1)] or \
                        [a.actor for a in title_actors] or [a for a, _ in actors.most_common(1)]
                    d.actor = main[0] if main else None
                continue
            if d.actor and not d.recipient:
                usual = self.v.actors[d.actor].supports if d.actor in self.v.actors else None
                options = [r for (a, r), _ in pairs.most_common() if a == d.actor] or \
                    ([usual] if usual and mentions[usual] else []) or \
                    [a for a, _ in mentions.most_common() if a in self.recipients
                     and a != d.actor and d.actor not in self.recipients] or \
                    [a for (a, r), _ in pairs.most_common() if r == d.actor] or \
                    [r for (_, r), _ in pairs.most_common() if r != d.actor] or \
                    [a for a, _ in mentions.most_common() if a != d.actor]
                d.recipient = options[0] if options else None
            elif d.recipient and not d.actor:
                origin = self.v.origin_of(d.item or "")
                options = [a for (a, r), _ in pairs.most_common() if r == d.recipient] or \
                    ([origin] if origin and origin != d.recipient else []) or \
                    [a for a, _ in mentions.most_common() if a != d.recipient]
                d.actor = options[0] if options else None
            elif not d.actor and not d.recipient and pairs:
                d.actor, d.recipient = pairs.most_common(1)[0][0]

    def _future(self, d: Draft) -> str:
        """A plain "will send": a commitment when the sender's own side says it (or nobody
        else is named), a forecast when a third party says it."""
        src = d.source or Source()
        if d.type in TRANSFER_TYPES and (d.first_person or src.country == d.actor or src.kind
                                         in ("unattributed", "official", "government",
                                             "military")):
            return "pledged"
        return "expected"  # intelligence, experts and the media forecast

    # ---- claim --------------------------------------------------------------------------
    def _claim(self, doc: Document, sent: Sentence, d: Draft) -> Claim:
        src = d.source or Source()
        if src.kind == "government" and src.country is None and d.actor in self.v.actors and \
                re.match(r"the\s", src.text or "", re.IGNORECASE):
            # "the defence ministry" in a report on a state's own aid is that state's
            d.source = replace(src, country=d.actor)
        when = self._when(sent, d, doc.published)
        if d.status == "ongoing" and when and when.end and doc.published and \
                (doc.published - when.end).days > 7:
            d.status = "done"  # "the dispatch of 11,000 troops last fall"
        place = self._place(sent, d)
        basis = d.basis
        if basis is None and d.quantity and when is None and re.search(
                r"\balready\b", sent.text):
            basis = "cumulative"
        return Claim(
            doc=doc.id, type=d.type, actor=d.actor or "", recipient=d.recipient
            if d.type in TRANSFER_TYPES else None,
            item=d.item, quantity=d.quantity, basis=basis, status=d.status, when=when,
            source=d.source or Source(), place=place,
            evidence=(Evidence(sent.text, sent.start, sent.end, sent.section),),
        )

    def _when(self, sent: Sentence, d: Draft, published: date | None) -> When | None:
        times = _times(sent.text, published, d.status in FUTURE)
        usable = []
        announced = []
        for t in times:
            if d.status == "pledged" and \
                    self.pledge_time.search(sent.text[max(0, t.start - 40):t.start]):
                announced.append(t)  # a pledge takes the day it was announced
            spoke = self.reader.lex.speech_time.search(sent.text[:t.start])
            if d.status != "pledged" and spoke and t.end - t.start < 14:
                continue  # "the Pentagon said on Monday": when the source spoke
            if d.pred is not None and not self._same_clause(d.pred, t.start, t.end):
                continue  # "production of drones, which could be shipped shortly"
            if d.pred is not None and d.status != "pledged" and self._when_spoken(d.pred, t):
                continue  # "the Kremlin on Thursday denied ...": the day of the denial
            usable.append(t)
        usable = announced or usable
        if not usable:
            return None
        best = min(usable, key=lambda t: abs(t.start - d.anchor))
        return When(best.text, best.begin, best.until)

    def _when_spoken(self, pred, t) -> bool:  # noqa: ANN001 - spaCy Token, TimeMatch
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
                return tok != pred and self.reader.lemma(tok) in self.reader.reporting
        return False

    @staticmethod
    def _same_clause(pred, start: int, end: int) -> bool:  # noqa: ANN001 - a spaCy Token
        """Whether a time phrase hangs off the claim's predicate rather than off a relative
        clause of its own."""
        span = pred.doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return True
        tok = span.root
        for _ in range(10):
            if tok == pred or pred in tok.children or tok in pred.ancestors:
                return True
            if tok.dep_ in ("relcl", "acl") and tok.pos_ == "VERB" and tok not in pred.ancestors:
                return False
            if tok.head == tok:
                return True
            tok = tok.head
        return True

    def _place(self, sent: Sentence, d: Draft) -> str | None:
        """A place the claim names: the gazetteer first, then a proper noun after a locative
        preposition ("near the southern city of Zhanjiang"); parties are not places."""
        m = self.v.place_pattern().search(sent.text)
        if m:
            return m.group(0)
        if d.pred is None:
            return None
        for m in LOCATIVE.finditer(sent.text):
            name = m.group("place")
            span = d.pred.doc.char_span(m.start("place"), m.end("place"))
            if span is None or any(t.pos_ != "PROPN" for t in span):
                continue
            if self.v.actor_form(name) or name in MONTHS_AND_DAYS or \
                    self.v.actor_pattern().search(name):
                continue
            return name
        return None


@lru_cache(maxsize=4096)
def _times(text: str, published: date | None, future: bool) -> list[TimeMatch]:
    """Time phrases of a sentence (several claims of one sentence ask for the same)."""
    return find_times(text, published, future=future)


def _head(item: str | None) -> str | None:
    return head_noun(item) if item else None


def merge_restatements(claims: list[Claim], closing: frozenset[int] = frozenset(),
                       generic: frozenset[str] = frozenset(),
                       again: frozenset[tuple[int, str | None]] = frozenset()) -> list[Claim]:
    """Claims that restate one another become one claim with several evidence spans.

    Body claims merge first: two body sentences are one claim when one stands in the
    closing paragraph (``closing`` holds those sentences' offsets), when the same named
    source says the same thing again, or when a definite item ("the missiles were sent";
    ``again`` holds (sentence offset, item)) tells an earlier claim again. Headline and
    summary claims then join the body claim they restate best (same status and figure
    first), or stay on their own."""
    light = [c for c in claims if _is_light(c)]
    out: list[Claim] = []
    for c in (c for c in claims if not _is_light(c)):
        target = next((i for i, kept in enumerate(out)
                       if _restates(kept, c, closing, generic, again)), None)
        if target is None:
            out.append(c)
        else:
            out[target] = _combine(out[target], c)
    for c in light:
        scored = [(_likeness(kept, c), i) for i, kept in enumerate(out)
                  if _restates(kept, c, closing, generic, again)]
        if scored:
            _, best = max(scored, key=lambda x: (x[0], -x[1]))
            out[best] = _combine(out[best], c)
        else:
            out.append(c)
    return out


def _is_light(c: Claim) -> bool:
    return all(e.section in ("headline", "summary") for e in c.evidence)


def _likeness(a: Claim, b: Claim) -> int:
    qa = a.quantity.value if a.quantity else None
    qb = b.quantity.value if b.quantity else None
    return (2 * (a.status == b.status) + 2 * (qa is not None and qa == qb)
            + (a.item == b.item) + (a.source.name is not None and a.source.name == b.source.name))


def _restates(kept: Claim, c: Claim, closing: frozenset[int], generic: frozenset[str],
              again: frozenset[tuple[int, str | None]] = frozenset()) -> bool:
    if (kept.type, kept.actor, kept.recipient) != (c.type, c.actor, c.recipient) or \
            (kept.status == "denied") != (c.status == "denied"):
        return False  # a denial is a claim of its own, even of what a headline asserts
    if kept.item != c.item and {e.start for e in kept.evidence} & {e.start for e in c.evidence}:
        return False  # "Stinger missiles, Hellfire missiles and ...": one sentence, two items
    light = {e.section for e in (*kept.evidence, *c.evidence)} & {"headline", "summary"}
    restating = bool(light) or _closing(kept, c, closing) or (
        (c.evidence[0].start, c.item) in again and c.quantity is None and c.when is None
        and _family(kept.status) == _family(c.status)  # told again, nothing new told ...
        and (c.source.kind == "unattributed" or c.source.name == kept.source.name))  # by whom
    if _head(kept.item) != _head(c.item) and kept.item and c.item and not (
            restating and generic & {_head(kept.item), _head(c.item)}):
        return False
    kq = kept.quantity.value if kept.quantity else None
    cq = c.quantity.value if c.quantity else None
    if kq is not None and cq is not None and kq != cq:
        return False
    if kept.quantity and c.quantity and (kept.quantity.lower, kept.quantity.upper) != \
            (c.quantity.lower, c.quantity.upper) and not restating:
        return False
    if not restating:
        # two body sentences: one claim only when the same named source says the same
        # thing again (same figure and status family), or one event is told twice
        same_source = kept.source.name and kept.source.name == c.source.name or (
            kept.source.kind == c.source.kind == "unattributed")  # the journalist's voice
        event = c.type in ("exercise", "test")
        if not ((same_source or event) and kq == cq
                and _family(kept.status) == _family(c.status)):
            return False
    if kept.when and c.when and (kept.when.start, kept.when.end) != (c.when.start, c.when.end):
        return False
    return not (kept.basis and c.basis and kept.basis != c.basis)


def _family(status: str) -> str:
    return "past" if status in ("done", "ongoing") else status if status == "denied" else "future"


def _closing(a: Claim, b: Claim, closing: frozenset[int]) -> bool:
    return bool({e.start for e in (*a.evidence, *b.evidence)} & closing)


def _weight(c: Claim) -> tuple[int, int, int]:
    body = any(e.section == "body" for e in c.evidence)
    return (int(body), int(c.source.kind != "unattributed"), int(c.quantity is not None))


def _combine(a: Claim, b: Claim) -> Claim:
    """Keep the better-stated claim's fields and both claims' evidence."""
    main, other = (a, b) if _weight(a) >= _weight(b) else (b, a)
    merged = main.with_evidence(other.evidence)
    fill = {}
    names = ("quantity", "when", "basis", "place") if _is_light(other) or _is_light(main) \
        else ("quantity", "basis", "place")  # a time stated elsewhere may be another event's
    for name in names:
        if getattr(merged, name) is None and getattr(other, name) is not None:
            fill[name] = getattr(other, name)
    if merged.source.kind == "unattributed" and other.source.kind != "unattributed":
        fill["source"] = other.source
    return replace(merged, **fill) if fill else merged
