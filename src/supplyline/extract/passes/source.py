"""Pass ``source``: who makes each claim (``attribution.py`` finds and classifies the
phrase; this pass adds what the sentences around it say); pass ``denials``: a claim and its
denial in one sentence. Document passes ``denied_reports`` (a denial of the claims just
reported) and ``own_government`` (the ministry of a state's own aid is that state's)."""

from __future__ import annotations

import re
from collections.abc import Mapping

from spacy.tokens import Span

from ...evaluate import singular
from ...model import TRANSFER_TYPES, Source
from ..context import DENIAL, DENIED_REPORT, DocumentContext, Draft, SentenceContext, replace
from ..grammar import lemma
from ..resources import Resources
from ..sentences import Sentence
from .base import document_pass, sentence_pass
from .status import is_package_contents

CARRY = 2  # sentences over which an attribution carries to unattributed claims
QUOTE_RUN = 3  # sentences over which a quotation may run before its speaker is named
QUOTE_MARKS = ("“", "”", '"')


def refers_back(r: Resources, text: str) -> re.Match[str] | None:
    """"An official from the Ukrainian Air Force shed light on these advancements": the
    next sentence names who said it."""
    w = r.words
    return re.match(rf"(?P<who>[A-Z][^,;]{{2,80}}?)\s+(?:{w.refers_back_verbs})\s+"
                    rf"(?:{w.refers_back_determiners})\s+(?:\w+\s+)?(?:{w.refers_back_nouns})\b",
                    text)


def reported_after(r: Resources, text: str) -> str | None:
    """"This was reported on Wednesday by a South Korean news agency": the sentence after
    a claim names who reported it (the phrase, up to its end)."""
    w = r.words
    m = re.match(rf"(?:{w.reported_after})(?:\s+[\w,]+){{0,3}}?\s+(?:{w.reported_after_preps})"
                 rf"\s+(?P<who>[^.;]{{2,160}})", text)
    return m.group("who").strip(" ,") if m else None


def cited_after(r: Resources, text: str) -> str | None:
    """"It cites Kyrylo Budanov, head of ...": the report's own source, named after it."""
    m = re.match(rf"(?:{r.words.cites_after})\s+(?P<who>[^.;]{{2,160}})", text)
    return m.group("who").strip(" ,") if m else None


def denied_report(r: Resources, text: str) -> re.Match[str] | None:
    """"China rejected the accusations": who denies the claims just reported."""
    w = r.words
    return re.search(rf"^(?P<who>[^,;]{{2,60}}?)\s+(?:(?:{w.perfect_or_also})\s+)?"
                     rf"(?:{w.rejecting_verbs})\s+(?:{w.denial_determiners})\s+(?:\w+\s+)?"
                     rf"(?:{w.report_nouns})\b", text)


def denial_of_claim(r: Resources, text: str) -> re.Match[str] | None:
    """"..., a claim Pyongyang has called 'absurd'": who denies a claim this sentence states."""
    w = r.words
    return re.search(rf"\b(?:{w.claim_nouns})\s+(?:that\s+)?"
                     r"(?P<who>(?:the\s+)?[A-Z][\w'’. -]{1,40}?)\s+"
                     rf"(?:(?:{w.perfect_auxiliaries})\s+)?(?:{w.dismissing_verbs})\b", text)


def source_line(r: Resources, sentences: tuple[Sentence, ...]) -> Source:
    """A "Source: X" line speaks for every claim that names no source of its own, and so
    does a "Figures are X's" line."""
    line = re.compile(rf"(?:{r.words.source_line_labels})\s*:")
    return next((r.attributor.scan(s.text) for s in sentences
                 if line.match(s.text)), None) or figures_line(r, sentences) or Source()


def figures_line(r: Resources, sentences: tuple[Sentence, ...]) -> Source | None:
    """"What Poland's Armament Agency signed, by supplier. Figures are the agency's unless
    stated.": whose figures a list is, "the agency" being the one named before it."""
    return next((src for k, s in enumerate(sentences)
                 if (src := figures_owner(r, s.text, " ".join(x.text for x in sentences[:k])))
                 is not None), None)


def figures_owner(r: Resources, text: str, earlier: str) -> Source | None:
    """The owner a "Figures are X's" line names (``figures_line``), None for another line."""
    m = re.match(rf"(?:{r.words.figures_line_leads})\s+(?P<who>[^.;,]{{2,80}}?)"
                 r"(?:['’]s?)?(?:\s+unless\b[^.]*)?\.?\s*$", text.strip())
    if not m:
        return None
    who = m.group("who").strip()
    noun = re.fullmatch(r"the\s+(?P<n>[a-z]+)", who, re.IGNORECASE)
    if noun:  # the body named before by that noun: "Poland's Armament Agency"
        named = [n for n in re.findall(rf"(?:[A-Z][\w'’.-]*\s+){{1,4}}(?i:{noun.group('n')})\b",
                                       earlier) if not n.lower().startswith("the ")]
        who = named[-1] if named else who
    src = r.attributor.classify(who)
    return src if src.kind != "unattributed" else None


@sentence_pass(reads={"span", "sentence", "document", "memory", "unparsed_before", "drafts",
                      "draft.pred", "draft.status", "draft.actor", "draft.recipient"},
               sets={"draft.source", "memory"})
def source(r: Resources, ctx: SentenceContext) -> SentenceContext:
    """The source of every draft: its own sentence's attribution, else a neighbour's, else
    the one still speaking; and the sources this sentence names, for those that follow."""
    att, sent, span = r.attributor, ctx.sentence, ctx.span
    m = ctx.memory
    last_person, last_source, carried = m.last_person, m.last_source, m.carried
    seen = list(m.seen)
    announcer = m.announcer
    # unparsed sentences before this one may name who is speaking
    for pending in ctx.unparsed_before:
        announcer = announced_package(r, pending.text) or announcer
        earlier = " ".join(x.text for i, x in sorted(ctx.document.by_index.items())
                           if i < pending.index)
        spoken = figures_owner(r, pending.text, earlier) or att.scan(pending.text)
        if spoken is not None:
            carried = (spoken, pending.index)
            seen.append(spoken)
            if spoken.kind == "official" and spoken.name:
                last_person = spoken
    drafts = []
    for d in ctx.drafts:
        src, from_before = _source(r, ctx, d, last_person, last_source, carried, seen)
        if src.kind == "unattributed" and announcer is not None and \
                is_package_contents(r, d.pred, "done"):
            src = announcer  # "The proposed sale includes ...": who announced the sale
        # a known person named as a source is remembered for "he said" later on
        if src.kind == "official" and src.name:
            last_person = src
        if src.kind != "unattributed":
            last_source = src
            if sent.section == "body" and not from_before:
                carried = (src, sent.index)  # a carried source does not carry further
        drafts.append(replace(d, source=src))
    if not drafts:  # a sentence with no claim may still name who speaks next
        found = att.find(span, None)
        if found and not found[1]:
            cls = att.classify(found[0])
            if cls.kind != "unattributed":
                seen.append(cls)  # "Andriy Kostin, the prosecutor general, said ..."
            if cls.kind == "official" and cls.name:
                last_person = cls
    announcer = package_announcer(r, span) or announcer
    memory = replace(m, last_person=last_person, last_source=last_source, carried=carried,
                     seen=tuple(seen), announcer=announcer)
    return replace(ctx, drafts=tuple(drafts), memory=memory)


def asked_since(by_index: Mapping[int, Sentence], spoke: int, now: int) -> bool:
    """"Officials said they chose the drone on price. Is it still worth it? The drone became
    famous when ...": a question of the writer's own (outside quotation marks) between the
    source that spoke and this line turns to the writer's voice; the source speaks no more."""
    return any((s := by_index.get(i)) is not None and s.text.rstrip().endswith("?")
               and not re.search(r'["“”]', s.text)
               for i in range(spoke + 1, now))


def told_about(carried: Source, d: Draft) -> bool:
    """Whether a source still speaking is rather what the next line is about: a state that
    spoke of itself ("North Korea has claimed ...") for the journalist's next line on what
    that state sends ("Pyongyang has become ..., supplying shells"), or an officeholder of
    the receiving state ("President Vucic inducted the drones ...") for the next line on what
    his state received ("The drones had arrived in Serbia earlier this week")."""
    return carried.name is not None and carried.name == d.actor or \
        carried.kind == "official" and carried.country is not None and \
        carried.country == d.recipient


def _source(r: Resources, ctx: SentenceContext, d: Draft, last_person: Source | None,
            last_source: Source | None, carried: tuple[Source, int] | None,
            seen: list[Source]) -> tuple[Source, bool]:
    """The draft's source, and whether it was carried from a sentence before."""
    att, span, sent = r.attributor, ctx.span, ctx.sentence
    by_index: Mapping[int, Sentence] = ctx.document.by_index
    found = att.find(span, d.pred)
    if found:
        phrase, pronoun = found
        if pronoun:
            if phrase.lower() in r.words.speaker_pronouns:
                # '"I can confirm that Poland has sent tanks. ...," said X': who closes it
                spoken = quoted_by(r, ctx, sent)
                if spoken is not None:
                    return spoken, False
            if phrase.lower() in r.words.plural_pronouns:
                # "Senior US officials briefed reporters. They said ...": a group, not a person
                group = next((s for s in reversed(seen) if s.kind != "unattributed"
                              and not (s.kind == "official" and s.name)), None)
                if group is not None:
                    return group, False
            earlier = " ".join(s.text for i, s in sorted(by_index.items()) if i < sent.index)
            return last_person or att.last_person(earlier) or last_source or \
                Source(phrase, None, "unattributed", None), False
        src = att.resolve(phrase, seen) or surname(phrase, seen) or att.classify(phrase)
        following = by_index.get(sent.index + 1)
        cited = cited_after(r, following.text) if src.kind == "media" and following else None
        if cited:  # "..., according to a Bloomberg report. It cites Kyrylo Budanov, ..."
            original = att.classify(cited)
            if original.kind != "unattributed":
                src = original
        if src.kind != "unattributed":
            if src.country is None:
                # "the UK ministry reported, citing intelligence": the citer's country
                citer = att.citer(sent.text)
                if citer is not None and citer.country and citer is not src:
                    src = replace(src, country=citer.country)
            seen.append(src)
            return src, False
    speaker = speaking_actor(r, d)
    if speaker is not None:
        return speaker, False
    labelled = transcript_speaker(r, ctx.document, sent)
    if labelled is not None:
        return labelled, False
    # the next sentence may name who said it: "An official from the Ukrainian Air Force
    # shed light on these advancements"
    following = by_index.get(sent.index + 1)
    if following is not None:
        m = refers_back(r, following.text)
        if m:
            src = att.classify(m.group("who"))
            if src.kind != "unattributed":
                return src, False
    # "This was reported by the weekly Dijla Review": the next sentence names the source
    if following is not None:
        who = reported_after(r, following.text)
        if who:
            src = att.classify(who)
            if src.kind != "unattributed":
                return src, False
    # the attribution may stand in a neighbouring sentence
    for offset in (-1, 1):
        other = by_index.get(sent.index + offset)
        if other is None or other.section != sent.section:
            continue
        if not r.candidate.search(other.text):
            near = att.scan(other.text)  # no parse: a pattern look suffices
            if near is not None:
                return near, False
    # a quotation opened here and closed in a sentence after it: its speaker is named there
    spoken = quoted_by(r, ctx, sent) or quote_runs_on(r, ctx, sent, seen)
    if spoken is not None:
        return spoken, False
    # a source keeps speaking until another one is named (news quotes run on)
    if carried and sent.section == "body" and sent.index - carried[1] <= CARRY and \
            not r.lex.background.match(sent.text) and \
            not told_about(carried[0], d) and \
            told_of_same(ctx, carried, d) and \
            not asked_since(by_index, carried[1], sent.index) and \
            (carries_into(ctx, sent, carried[1]) or announced_contents(r, d)):
        return carried[0], True
    reported = next((s for s in reversed(seen) if s.kind == "media"), None)
    if reported is not None and r.attributor.hedged(sent.text) and \
            ctx.document.fallback_source.kind == "unattributed":
        # "Russia had reportedly received 100 drones": the media named before say so
        return reported, False
    return ctx.document.fallback_source, False


def told_of_same(ctx: SentenceContext, carried: tuple[Source, int], d: Draft) -> bool:
    """Whether a source still speaking tells of the same parties: after "Officials said Iran
    sent drones to Russia." the lines "Iran also sent shells." and "Russia fired them at Kyiv."
    are theirs, but "Belarus, Russia's other ally, sent shells in 2022." turns to another
    supplier, in the writer's voice. A source named by a sentence with no claim of its own
    speaks of anyone."""
    src, origin = carried
    told = [x for s, x in ctx.memory.drafts if s.index == origin and x.source == src]
    if not told or d.actor is None or any(x.actor is None for x in told):
        return True  # "We have sent ...": a supplier not yet known may be anyone
    return d.actor in {x.actor for x in told} | {x.recipient for x in told}


LABEL = re.compile(r"^\W{0,2}(?P<label>[A-Z][A-Z'’.-]+(?:\s+[A-Z][A-Z'’.-]+){0,2}):\s")


def transcript_speaker(r: Resources, doc: DocumentContext, sent: Sentence) -> Source | None:
    """"MORROW: Yes. Iran keeps sending them drone engines.": a transcript line that opens
    with a speaker's label (capitals and a colon) speaks for each of its sentences; the
    label is the person the document names with that surname ("Lt. Gen. Ray Morrow of the
    Joint Staff"), and a label the document names no one by ("UPDATE:") or a reporter's
    "Q:" is none."""
    first = min((i for i, s in doc.by_index.items() if s.paragraph == sent.paragraph),
                default=sent.index)
    m = LABEL.match(doc.by_index.get(first, sent).text)
    if not m or m.group("label") in r.words.question_labels:
        return None
    label = m.group("label")
    if r.vocab.actor_pattern().search(label.title()) or \
            r.vocab.actor_pattern().search(label):
        return None  # "UKRAINE: ...": a roundup's heading, no speaker
    text = "\n".join(s.text for _, s in sorted(doc.by_index.items()))
    named = named_by_surname(text, label)
    if named is None:
        return None  # a person is named before the surname: "Lt. Gen. Ray Morrow"
    phrase = re.sub(r"^(?:[a-z]+\s+)+(?=[A-Z])", "", named.strip())  # "and Lt. Gen."
    src = r.attributor.classify(phrase)
    if src.kind in ("unattributed", "government"):  # a person named: an officeholder
        src = replace(src, kind="official", name=src.name or phrase)
    return replace(src, text=label)


CAPITALISED = re.compile(r"[A-Z][\w.'’-]*")
OF_THE = re.compile(r"(?:\s+of\s+the(?:\s+[A-Z][\w'’-]*)+)?")  # "... of the Joint Staff"
CLAUSE_ENDS = ":;,()"


def named_by_surname(text: str, label: str) -> str | None:
    """The phrase that names whom a transcript label stands for: "Lt. Gen. Ray Morrow of the
    Joint Staff" for MORROW: the surname in title case after a capitalised word (and at most
    one lower-case word), with up to 60 characters of its clause before that word and an
    "of the ..." after it. Read by tokens, not by one regex over the whole text: a regex
    looking back from each position is quadratic on a long run of capitals and dots."""
    words = r"\s+".join(re.escape(w) for w in label.split())
    for m in re.finditer(rf"\b(?i:{words})\b", text):
        name = m.group(0)
        if name.isupper() or not name[-1].islower() or not name.split()[-1][0].isupper():
            continue
        line_start = text.rfind("\n", 0, m.start()) + 1
        before = text[max(line_start, m.start() - 120):m.start()]
        tokens = before.split()
        if not before[-1:].isspace() or not tokens:
            continue
        if len(tokens) > 1 and tokens[-1].isalpha() and tokens[-1].islower():
            tokens.pop()  # "Gen. Ray de Morrow"
        if not CAPITALISED.fullmatch(tokens[-1]):
            continue
        cap = text.rfind(tokens[-1], line_start, m.start())
        clause = max(line_start, cap - 60)
        start = max(clause, *(text.rfind(c, clause, cap) + 1 for c in CLAUSE_ENDS))
        suffix = OF_THE.match(text, m.end())
        return text[start:suffix.end() if suffix else m.end()]
    return None


def carries_into(ctx: SentenceContext, sent: Sentence, origin: int) -> bool:
    """Whether a source that spoke in sentence ``origin`` still speaks in ``sent``: in its
    own paragraph it does; a new paragraph is the journalist's again, unless it goes on with
    a quotation (it opens with a quotation mark) or it goes straight on from the source's
    words (its first sentence, right after the source's paragraph) and those words were not
    a quotation: after '"We have sent the vehicles," the minister said.' the next paragraph
    is the writer's, after "According to X, Belarus sent shells." it may still be X's."""
    by_index = ctx.document.by_index
    said = by_index.get(origin)
    if said is None or said.paragraph == sent.paragraph:
        return True
    first = min(i for i, s in by_index.items() if s.paragraph == sent.paragraph)
    if by_index[first].text.lstrip().startswith(QUOTE_MARKS):
        return True
    straight_on = sent.index - origin == 1 or \
        first == sent.index and sent.paragraph == said.paragraph + 1
    return straight_on and not any(q in said.text for q in QUOTE_MARKS)


def announced_contents(r: Resources, d: Draft) -> bool:
    """"The package includes ...": what a package announced before includes is told by
    whoever announced it, in a paragraph of its own too (not "a sale that includes",
    which tells its own package)."""
    return d.pred is not None and d.pred.dep_ != "relcl" and \
        is_package_contents(r, d.pred, "done")


def announced_package(r: Resources, text: str) -> Source | None:
    """The same in a sentence not parsed: "X announced the sale/the package/the deal"."""
    nouns = "|".join(re.escape(n) for n in sorted(r.lex.package_nouns | r.words.sale_nouns))
    verbs = "|".join(re.escape(v) for v in sorted(r.lex.announce))
    dets = "|".join(re.escape(v) for v in sorted(r.attributor.determiners))
    m = re.match(rf"(?P<who>[A-Z][^,;]{{2,60}}?)\s+(?:{verbs})[ds]?\s+(?:{dets})\s+"
                 rf"(?:[\w-]+\s+){{0,2}}?(?:{nouns})s?\b", text)
    if not m:
        return None
    src = r.attributor.classify(m.group("who"))
    return src if src.kind != "unattributed" else None


def package_announcer(r: Resources, span: Span) -> Source | None:
    """"The U.S. State Department announced the agreement on Wednesday": who announces a
    package, a sale or a deal (the source of its contents told in later sentences)."""
    for verb in span:
        if verb.pos_ != "VERB" or lemma(verb) not in r.lex.announce:
            continue
        if not any(c.dep_ == "dobj" and (lemma(c) in r.lex.package_nouns
                                         or lemma(c) in r.words.sale_nouns)
                   for c in verb.children):
            continue
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subj is None or subj.lower_ in r.attributor.pronouns:
            return None
        src = r.attributor.classify(span.doc[subj.left_edge.i: subj.right_edge.i + 1].text)
        return src if src.kind != "unattributed" else None
    return None


def quoted_by(r: Resources, ctx: SentenceContext, sent: Sentence) -> Source | None:
    """'“Chinese firms supply the engines. They hide behind shell companies,” said X.':
    a sentence opening a quotation it does not close speaks for whoever closes it (within
    the paragraph, a few sentences on)."""
    text = sent.text.lstrip()
    if not text.startswith(("“", '"')) or "”" in text or text.count('"') > 1:
        return None
    for k in range(1, QUOTE_RUN + 1):
        nxt = ctx.document.by_index.get(sent.index + k)
        if nxt is None or nxt.paragraph != sent.paragraph:
            return None
        if "”" in nxt.text or '"' in nxt.text:
            return r.attributor.quote_closer(nxt.text)
    return None


def quote_runs_on(r: Resources, ctx: SentenceContext, sent: Sentence, seen: list[Source]
                  ) -> Source | None:
    """'"Since February, 26 trains have left Belarus," Gromov said. "Spare parts move too."':
    a sentence that is a whole quotation, with no speaker of its own, right after a
    quotation whose speaker is named, is that speaker's too (a surname: the person named
    so before)."""
    text = sent.text.strip()
    if not text.startswith(("“", '"')) or not text.rstrip(".").endswith(("”", '"')):
        return None
    before = ctx.document.by_index.get(sent.index - 1)
    if before is None or before.section != sent.section:
        return None
    phrase = r.attributor.quote_closer_phrase(before.text)
    if phrase is None:
        return None
    src = surname(phrase, seen) or next(  # "Gromov" after "Deputy Chief ... Oleksiy Gromov"
        (s for s in reversed(seen) if s.text and s.kind != "unattributed"
         and re.search(rf"\b{re.escape(phrase)}$", s.text)), None) or \
        r.attributor.classify(phrase)
    return src if src.kind != "unattributed" else None


def surname(phrase: str, seen: list[Source]) -> Source | None:
    """"Albers said" after "Katrin Albers, a senior official, ...": the same person."""
    if not re.fullmatch(r"[A-Z][a-z]+(?:[A-Z][a-z]+)?(?:-[A-Z][a-z]+)?", phrase.strip()):
        return None
    return next((replace(src, text=phrase) for src in reversed(seen)
                 if src.name and src.name.split()[-1] == phrase.strip()), None)


def speaking_actor(r: Resources, d: Draft) -> Source | None:
    """"Sunak pledged the tanks": an officeholder who pledges or denies is the source."""
    if d.pred is None or d.status not in ("pledged", "denied"):
        return None
    heads = [d.pred] + ([d.pred.head] if d.pred.dep_ == "xcomp" else [])
    if not any(lemma(h) in r.words.spoken_commitments for h in heads):
        return None  # "Vucic signed for 12 jets", "Biden paused the shipment": deeds
    for c in (c for h in heads for c in h.children):
        if c.dep_ == "nsubj":
            phrase = d.pred.doc[c.left_edge.i: c.right_edge.i + 1].text
            src = r.attributor.classify(phrase)
            if src.kind == "official":
                return src
    return None


@sentence_pass(reads={"sentence", "drafts", "draft.type", "draft.status", "draft.source"},
               sets={"drafts", "draft.rule", "draft.status", "draft.source"})
def denials(r: Resources, ctx: SentenceContext) -> SentenceContext:
    """"..., a claim Pyongyang has called 'absurd'": the text states a claim and its
    denial; the denial is a second claim, sourced to the denier (the spec's rule)."""
    m = denial_of_claim(r, ctx.sentence.text)
    if not m:
        return ctx
    denier = r.attributor.classify(m.group("who"))
    if denier.kind == "unattributed":
        return ctx
    out = tuple(replace(d, rule=DENIAL, status="denied", source=denier) for d in ctx.drafts
                if d.type in TRANSFER_TYPES and d.status != "denied"
                and d.source is not None and d.source.country != denier.country)
    return replace(ctx, drafts=ctx.drafts + out) if out else ctx


@document_pass(reads={"sentences", "drafts", "draft.type", "draft.status"},
               sets={"drafts", "draft.rule", "draft.status", "draft.source", "draft.pred",
                     "draft.anchor"})
def denied_reports(r: Resources, ctx: DocumentContext) -> DocumentContext:
    """"China rejected the accusations": a denial of the claims just reported. Each
    transfer claim of the sentences just before becomes a denied claim of this one,
    sourced to the denier (the spec: a claim known through its denial)."""
    drafts = ctx.drafts
    out: list[tuple[Sentence, Draft]] = []
    with_drafts = {sent.index for sent, _ in drafts}
    for sent in ctx.sentences:
        m = denied_report(r, sent.text)
        if not m or sent.index in with_drafts:
            continue
        denier = r.attributor.classify(m.group("who").strip(" -•"))
        if denier.kind == "unattributed":
            continue
        earlier = [(s, d) for s, d in drafts if sent.index - 3 <= s.index < sent.index
                   and d.type in TRANSFER_TYPES and d.status != "denied"]
        last = max((s.index for s, _ in earlier), default=None)
        out.extend((sent, replace(d, rule=DENIED_REPORT, status="denied", source=denier,
                                  pred=None, anchor=0))
                   for said, d in earlier if said.index == last)
    return replace(ctx, drafts=drafts + tuple(out)) if out else ctx


@document_pass(reads={"sentences", "drafts", "draft.source", "draft.actor"},
               sets={"draft.source"})
def own_government(r: Resources, ctx: DocumentContext) -> DocumentContext:
    """"the defence ministry" in a report on a state's own aid is that state's, and so are
    "state media" reporting what that state does; unnamed sources in a wire story
    ("WASHINGTON (Reuters) –") are the agency's (its country)."""
    wire = r.attributor.wire(ctx.sentences[0].text) if ctx.sentences else None
    state_media = re.compile(rf"\b(?:{r.words.state_media})\b", re.IGNORECASE)
    told: dict[str, str] = {}  # the head word of a source named with its country: the country

    def head(text: str | None) -> str:
        words = re.findall(r"[a-z]+", (text or "").lower())
        return singular(words[-1]) if words else ""

    offices: dict[str, str] = {}  # an office named with its state: the state

    def office(text: str | None) -> str | None:
        words = re.findall(r"[a-z]+", (text or "").lower())
        return next((w for w in words if w in r.words.office_portfolios), None)

    def fixed(sent: Sentence, d: Draft) -> Draft:
        src = d.source or Source()
        if src.country and src.kind != "unattributed":
            told[head(src.text)] = src.country
            if src.kind in ("government", "official", "military") and office(src.text):
                offices.setdefault(office(src.text) or "", src.country)
        portfolio = office(src.text)
        if src.kind in ("official", "government") and src.country is None and portfolio \
                and portfolio in offices:
            # "the Polish defence ministry said ..." ... "Deputy Defence Minister Jan Nowak":
            # the same portfolio, the same state
            return replace(d, source=replace(src, country=offices[portfolio]))
        if wire is not None and src.kind == "media" and src.country is None and \
                r.attributor.unnamed(src.text):
            return replace(d, source=replace(src, country=wire.country))
        definite = re.match(r"the\s", src.text or "", re.IGNORECASE)
        if src.kind == "government" and src.country is None and definite and \
                told.get(head(src.text)):
            # "senior US officials said ..." ... "the officials said": the same people
            return replace(d, source=replace(src, country=told[head(src.text)]))
        if src.kind in ("government", "official", "military") and src.country is None and \
                d.actor in r.vocab.actors and possessed_by_state(r, src.text) and \
                (src.text or "") in sent.text:  # (not carried from another sentence)
            # "Kyrgyzstan has ordered drones from Turkey, its defence ministry said"
            return replace(d, source=replace(src, country=home_party(r, sent.text, d)))
        if src.kind == "government" and src.country is None and d.actor in r.vocab.actors \
                and definite and src.name is None:  # (a body known with no state: no one's)
            return replace(d, source=replace(src, country=home_party(r, sent.text, d)))
        if src.kind == "media" and src.country is None and d.actor in r.vocab.actors and \
                state_media.search(src.text or ""):
            # "according to state media": the acting state's own media
            return replace(d, source=replace(src, country=d.actor))
        return d
    return replace(ctx, drafts=tuple((s, fixed(s, d)) for s, d in ctx.drafts))


def possessed_by_state(r: Resources, text: str | None) -> bool:
    """"its defence ministry", "the country's deputy defence minister": a source that a
    possessive gives to a state the sentence names."""
    low = (text or "").lower()
    return any(low.startswith(p + " ") for p in r.words.state_possessives)


def home_party(r: Resources, text: str, d: Draft) -> str | None:
    """Whose "the defence ministry" speaks: the actor's, unless the sentence names the
    recipient first, as the one it is about ("India signed a contract with France for 26
    jets, the defence ministry said": India's ministry; "Germany delivered the system to
    Ukraine, the ministry said": Germany's)."""
    actor, recipient = d.actor or "", d.recipient
    if recipient is None or recipient not in r.vocab.actors or \
            recipient in r.vocab.groups or r.vocab.actors[recipient].bloc:
        return d.actor
    first: dict[str, int] = {}
    forms = [(actor, actor), (recipient, recipient)] + [
        (f, n) for f, (n, _) in r.forms.items() if f and n in (actor, recipient)]
    for form, name in forms:
        m = re.search(rf"(?<![\w-]){re.escape(form)}(?![\w-])", text)
        if m and m.start() < first.get(name, len(text) + 1):
            first[name] = m.start()
    if recipient in first and first[recipient] < first.get(actor, len(text) + 1):
        return recipient
    return d.actor
