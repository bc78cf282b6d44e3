"""Who makes a claim: find the attribution in a parsed sentence and classify it.

The source phrase is found by grammar (the subject of a reporting verb that governs the claim,
"according to X", "X, citing Y") and classified by the vocabulary (known bodies, people,
outlets, think tanks, then the kind nouns such as "officials" or "analysts").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spacy.tokens import Span, Token

from ..model import Source
from ..vocab import KnownSource, Vocabulary
from ..vocab.matching import FormIndex, longest_first


@dataclass
class Attributor:
    vocab: Vocabulary

    def __post_init__(self) -> None:
        v = self.vocab
        self.reporting = v.cue_set("reporting", "verbs")
        self.phrases = v.cue_set("reporting", "phrases")
        self.forms = v.actor_forms()
        self.naming = frozenset(v.words("naming_verbs"))
        self.passive_speakers = frozenset(v.words("passive_speakers"))
        self.determiners = frozenset(v.words("name_determiners"))
        self.indefinites = frozenset(v.words("indefinite_determiners"))
        self._classified: dict[str, Source] = {}
        # each known source's forms, a pattern each, compiled the first time the index says
        # it may match (some 1,300 patterns: compiling all of them was a sixth of start-up)
        self._known_forms: list[tuple[str, int, KnownSource]] = []
        self._known: dict[int, tuple[re.Pattern[str], KnownSource]] = {}
        forms: list[tuple[str, bool]] = []
        for group in (v.people, v.organisations, v.experts, v.outlets):
            for src in group:
                for form in src.forms:
                    flags = 0 if (form.isupper() or len(form) <= 4) else re.IGNORECASE
                    self._known_forms.append((form, flags, src))
                    forms.append((form, bool(flags)))
        self._known_index = FormIndex(forms)  # which of _known may match: only those run
        alt = v.alternation
        self.pronouns = frozenset(v.words("pronouns"))
        self.body_nouns = frozenset(v.words("body_nouns"))
        self.outlet_nouns = frozenset(v.words("outlet_nouns"))
        self._lead = re.compile(rf"\b({alt('attribution_lead')}|(?:{alt('attribution_reported')})"
                                rf"(?: \w+){{0,3}} by)\s+", re.IGNORECASE)
        # a quotation closed and its speaker named right after it
        self._quote_speaker = re.compile(
            r"[,.!?][\"”’']\s*(?P<p>(?:[A-Z][\w.’'-]*\s+){0,5}?[A-Z][\w’'-]+|"
            rf"{alt('quote_pronouns')}|the\s+[a-z-]+(?:\s+[a-z-]+)?)\s+(?:{alt('quote_speech')})\b")
        # '[Jane Doe/Foreign Minister: "..."]': a transcript line names its speaker first
        self._speaker_label = re.compile(
            r"^\W{0,2}(?P<p>[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}"
            r"(?:/[A-Z][\w.'’ -]{2,60})?):\s*[\"“]")
        # "..., now we make nine times more - noted Petrov.": the speaker after a dash
        self._dash_speaker = re.compile(
            rf"\s[-–—]\s*(?:{alt('quote_speech')})\s+(?P<p>[A-Z][\w.’'-]+"
            r"(?:\s+[A-Z][\w.’'-]+){0,3})\.?$")
        # '...,” said Oleh Petrenko, a spokesman for ...': the verb before its speaker
        self._quote_inverted = re.compile(
            rf"[,.!?][\"”’']\s*(?:{alt('quote_speech')})\s+(?P<p>[A-Z][^.;:!?]{{2,120}})")
        # "KYIV, Ukraine (CP) — ": a wire dateline glued to the first sentence
        self._dateline = re.compile(
            r"^(?:[A-Z][A-Z .'-]+,(?:\s+[A-Z][\w .'-]*?)?\s*(?:\([A-Za-z ]+\)\s*)?[—–-]"
            r"|[A-Z][A-Z .'-]*?[A-Z]\s?\([A-Za-z ]+\)\s*[—–-]"  # "SEOUL (Reuters) – "
            rf"|(?:{alt('dateline_labels')})\s*:)\s*")
        self._wire = re.compile(r"[^()]{0,80}?\((?P<o>[A-Z][A-Za-z .]{1,30})\)\s*[—–-]")
        self._citing = re.compile(rf",\s*(?:{alt('citing_leads')})\s+(?P<p>[^,;]{{2,80}})")
        # "a report released by South Korea's Foreign Ministry": the body that released it
        self._released = re.compile(rf"\b(?:{alt('release_verbs')})(?:\s+\w+){{0,3}}\s+by\s+"
                                    r"(?P<p>[^,;]{2,80})$")
        self._hedge = re.compile(rf"\b(?:{alt('report_hedges')})\b")
        self._unnamed = re.compile(rf"\b(?:{alt('unnamed_sources')})\b", re.IGNORECASE)
        # "the agency", "the general": a source named again by its common noun
        self._anaphor = re.compile(rf"^the\s+(?P<noun>{alt('source_anaphors')})$", re.IGNORECASE)
        self._outlet_before = re.compile(
            rf"(?:^|[.;,]\s)(?P<p>[A-Z][^,;]{{1,60}}?)(?:\s+(?:{alt('outlet_verbs')})\b[^,;]*)?"
            r",?\s*$")
        self._trailing = re.compile(rf",\s*(?P<p>[^,;]{{2,80}}?)\s+(?:{alt('trailing_speech')}|"
                                    r"told \w+)\b[^,;]{0,40}[.\"”]*$")
        self._impersonal = re.compile(
            rf"[Ii]t\s+(?:(?:{alt('impersonal_auxiliaries')})\s+){{1,3}}[a-z]+")
        self._expert = re.compile(rf"\b(?:{alt('expert_words')})")
        self._body_end = re.compile(rf"\b(?:{alt('body_endings')})\s*$", re.IGNORECASE)
        self._title_end = re.compile(rf"\b(?:{alt('title_endings')})\s*$")
        self._joining = re.compile(rf"\b(?:{alt('joining_words')}|,)\b|[\s,]", re.IGNORECASE)
        self._joined = re.compile(rf"\b(?:{alt('joining_words')})\b", re.IGNORECASE)
        self._phrase_end = re.compile(
            r"(.+?)(?=,\s|(?<![\s.][A-Z])\.\s|(?<![\s.][A-Z])\.$|;|:|\s\u2014|\s-\s|"
            rf"\b(?:{alt('phrase_enders')})\b|$)")
        self._scans = tuple(re.compile(p) for p in (
            rf"^(?:{alt('source_labels')})\s*:\s*(?P<p>[^.;]+)",
            rf"^(?P<p>[A-Z][^,;]{{2,80}}?)\s+(?:{alt('scan_speech')})\b",
            rf",\s*(?P<p>[^,;]{{2,80}}?)\s+(?:{alt('scan_speech_end')}|told \w+)\.?[\"”]?$",
            r"\baccording to (?P<p>[^,.;]{2,80})"))
        titles = v.official_titles
        self._title = re.compile(rf"(?<![\w-])(?:{longest_first(titles, ignore_case=False)})"
                                 r"(?![\w-])") if titles else re.compile(r"(?!x)x")

    def _known_in(self, text: str) -> list[tuple[re.Pattern[str], KnownSource]]:
        """The known sources' patterns that may match ``text``, in their order."""
        return [self._known_pattern(i) for i in self._known_index.candidates(text)]

    def _known_pattern(self, i: int) -> tuple[re.Pattern[str], KnownSource]:
        found = self._known.get(i)
        if found is None:
            form, flags, src = self._known_forms[i]
            pat = re.compile(rf"(?<![\w-]){re.escape(form)}(?![\w-])", flags)
            found = self._known[i] = (pat, src)
        return found

    # ---- finding the phrase ---------------------------------------------------------------
    def find(self, sent: Span, pred: Token | None) -> tuple[str, bool] | None:
        """The source phrase of the claim governed by ``pred`` (or of the whole sentence),
        and whether it is a pronoun to resolve from context."""
        text = sent.text
        pronouns = self.pronouns
        leads = list(self._lead.finditer(text))
        for k, m in enumerate(leads):
            phrase = self._phrase_after(text, m.end())
            if phrase and k + 1 < len(leads) and phrase.lower() not in pronouns and \
                    self.classify(phrase).kind == "unattributed":
                continue  # "citing growing threats, according to state media": no source
            if m.group(1).lower() == "citing" and self._unnamed.search(phrase) and \
                    self.classify(phrase).kind in ("media", "unattributed"):
                # "NBC News reported, citing unnamed officials": a report on unnamed people
                # is the outlet's (the spec's rule), when an outlet is the one reporting;
                # unnamed officials are their government ("citing unnamed Turkish officials")
                outlet = self._phrase_before(text, m.start())
                if outlet and self.classify(outlet).kind == "media":
                    return outlet, False
            if phrase and m.group(1).lower() != "citing" and \
                    self.classify(phrase).kind == "media" and pred is not None:
                inner = self._inner_speaker(sent, pred)
                if inner:  # "X said ..., according to the Post": X is the original
                    return inner, False
            if phrase:
                return phrase, phrase.lower() in pronouns
        label = self._speaker_label.match(text)
        if label:  # '[Jane Doe/Foreign Minister: "We sent drones."]': a transcript's speaker
            return label.group("p").strip(), False
        dashed = self._dash_speaker.search(text)
        if dashed:  # "... nine times more than planned - noted Petrov.": Russian style
            return dashed.group("p").strip(" ."), False
        quoted = self._quote_speaker.search(text)
        if quoted:  # '"We have not provided missiles," Araghchi wrote on X.'
            return quoted.group("p").strip(), quoted.group("p").strip().lower() in pronouns
        verbs = [t for t in sent if t.lemma_.lower() in self.reporting
                 or t.lower_ in self.reporting or self._names_what(t)]
        if pred is not None:
            ancestors = list(pred.ancestors)
            governing = [t for t in verbs if t in ancestors or t == pred]
            verbs = governing + [t for t in verbs if t not in governing]
        for verb in verbs:
            if verb.lemma_.lower() == "cite":  # "It cites Kyrylo Budanov, ...": the one cited
                obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
                if obj is not None:
                    span = sent.doc[obj.left_edge.i: _phrase_end(obj) + 1]
                    return span.text.strip(" ,"), obj.lower_ in pronouns
            agent = next((c for c in verb.children if c.dep_ == "agent"), None)
            by = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
            if by is not None and verb.tag_ == "VBN":  # "confirmed by the US on Tuesday"
                span = sent.doc[by.left_edge.i: by.right_edge.i + 1]
                return span.text.strip(" ,"), by.lower_ in pronouns
            subj = _subject(verb)
            if subj is not None and subj.dep_ == "nsubjpass" and subj.head == verb and \
                    verb.lemma_.lower() not in self.passive_speakers and \
                    subj.lower_ not in pronouns and not impersonal(subj, verb):
                continue  # "Belarus is believed to have sent shells": no one says who believes
            said = self._trailing.search(text)
            if said and subj is not None and subj.head != verb and verb.dep_ == "conj" and \
                    verb.i > subj.head.i:
                # "Moscow transferred a Pantsir to North Korea, the MSMT reported.": the parse
                # joins the last verb to the first, lending it the first one's subject
                return said.group("p").strip(), said.group("p").strip().lower() in pronouns
            if subj is None:
                # the parse lost the subject ("Speaking to X, the spy chief said that ..."):
                # the words between the last comma and the verb speak
                before = text[:verb.idx - sent.start_char]
                lost = before[before.rfind(",") + 1:].strip() if "," in before else ""
                if verb.dep_ == "ROOT" and re.fullmatch(r"(?:the |an? )?[\w.'’ -]{3,60}",
                                                        lost):
                    return lost, lost.lower() in pronouns
                continue
            span = sent.doc[subj.left_edge.i: subj.right_edge.i + 1]
            phrase = span.text.strip(" ,")
            if impersonal(subj, verb):  # "it is understood that ...": the outlet says so
                return sent.doc[subj.i: verb.i + 1].text, False
            if subj.lower_ in pronouns or phrase.lower() in pronouns:
                return phrase, True
            if phrase:
                return phrase, False
        said = self._trailing.search(text)
        if said:  # "..., South Korea's spy agency said on Monday." (no subject in the parse)
            return said.group("p").strip(), said.group("p").strip().lower() in pronouns
        return None

    def _names_what(self, verb: Token) -> bool:
        """"what the White House has called the largest deal": who names the thing so."""
        return verb.lemma_.lower() in self.naming and any(
            c.tag_ == "WP" and c.dep_ == "dobj" for c in verb.children)

    def quote_closer(self, text: str) -> Source | None:
        """Who speaks where a quotation closes: '..., they said,” said Jane Doe, a minister.'
        or '...,” the minister said.' (None if the text closes no quotation so)."""
        phrase = self.quote_closer_phrase(text)
        if phrase is None:
            return None
        src = self.classify(phrase)
        return src if src.kind != "unattributed" else None

    def quote_closer_phrase(self, text: str) -> str | None:
        """The words naming who speaks where a quotation closes ("Gromov" in '...,"
        Gromov said.'), not a pronoun."""
        m = self._quote_speaker.search(text) or self._quote_inverted.search(text)
        if not m:
            return None
        phrase = m.group("p").strip()
        return None if phrase.lower() in self.pronouns else phrase

    def wire(self, text: str) -> Source | None:
        """The agency in a wire dateline ("WASHINGTON (Reuters) – ..."), if the text opens
        with one."""
        m = self._wire.match(text[:200])
        if not m:
            return None
        src = self.classify(m.group("o"))
        return src if src.kind == "media" and src.country else None

    def hedged(self, text: str) -> str | None:
        """The hedge that says the media report it ("reportedly"), if the text has one."""
        m = self._hedge.search(text)
        return m.group(0) if m else None

    def unnamed(self, phrase: str | None) -> bool:
        """Whether a source phrase names only unnamed people ("two sources familiar")."""
        return bool(phrase and self._unnamed.search(phrase))

    def citer(self, text: str) -> Source | None:
        """Who cites a source in this sentence: "the UK Ministry of Defence reported, citing
        intelligence", "South Korean lawmakers, citing intelligence, said" (None if no one)."""
        for m in self._lead.finditer(text):
            if m.group(1).lower() != "citing":
                continue
            before = self._phrase_before(text, m.start())
            if not before:
                chunk = re.split(r"[.;:]\s", text[:m.start()])[-1].strip(" ,")
                before = chunk if 0 < len(chunk) <= 60 else ""
            src = self.classify(before)
            return src if src.kind != "unattributed" else None
        return None

    def _inner_speaker(self, sent: Span, pred: Token) -> str | None:
        """The named non-media speaker of a reporting verb governing ``pred``, if any."""
        for verb in pred.ancestors:
            if verb.lemma_.lower() not in self.reporting and verb.lower_ not in self.reporting:
                continue
            subj = _subject(verb)
            if subj is None or subj.lower_ in self.pronouns:
                return None
            phrase = sent.doc[subj.left_edge.i: subj.right_edge.i + 1].text.strip(" ,")
            kind = self.classify(phrase).kind
            return phrase if kind not in ("media", "unattributed") else None
        return None

    # ---- classifying it -------------------------------------------------------------------
    def resolve(self, phrase: str, earlier: list[Source]) -> Source | None:
        """'the agency' -> the last earlier source whose wording has that noun."""
        m = self._anaphor.match(phrase.strip())
        if not m:
            return None
        noun = m.group("noun").lower().rstrip("s")
        for src in reversed(earlier):
            if src.text and re.search(rf"\b{re.escape(noun)}", src.text, re.IGNORECASE) and \
                    src.kind != "unattributed":
                return src
        if noun in self.outlet_nouns:
            # "according to the publication" after "The Guardian reported": that outlet
            return next((src for src in reversed(earlier) if src.kind == "media"
                         and src.name), None)
        if noun in self.body_nouns:
            # "the agency said" after "Lithuania's State Security Department": that body
            return next((src for src in reversed(earlier) if src.kind in (
                "intelligence", "military", "government", "expert") and src.name), None)
        return None

    def classify(self, phrase: str | None) -> Source:
        """Kind, canonical name and country of a source phrase (cached: phrases repeat)."""
        if not phrase:
            return Source()
        if phrase not in self._classified:
            if len(self._classified) > 10_000:
                self._classified.clear()
            self._classified[phrase] = self._classify(phrase)
        return self._classified[phrase]

    def _classify(self, phrase: str) -> Source:
        phrase = self._dateline.sub("", phrase).strip() or phrase
        if self._impersonal.fullmatch(phrase):
            return Source(phrase, None, "media", None)  # "it has been reported"
        released = self._released.search(phrase)
        if released:
            body = self.classify(released.group("p"))
            if body.kind in ("government", "intelligence", "military", "official"):
                return replace(body, text=phrase)
        cited = self._citing.search(phrase)
        if cited:
            # "NHK, citing diplomatic sources": unnamed officials or diplomats are the
            # government's (the spec); other unnamed people leave the report the outlet's
            original = self.classify(cited.group("p"))
            if original.kind in ("government", "intelligence", "military"):
                return replace(original, text=phrase)
        hits = []
        for pat, src in self._known_in(phrase):
            m = pat.search(phrase)
            if m:
                hits.append((m.start(), -len(m.group(0)), src))
        country = self._country(phrase)
        person = [h for h in hits if h[2].kind == "official"]
        if person:  # a named officeholder speaks for whatever body the phrase also names
            src = min(person, key=lambda h: h[0])[2]
            return Source(phrase, src.name, "official", src.country)
        tail = phrase.rsplit(",", 1)[-1].strip()
        if "," in phrase and self._is_person(tail):
            # "vice chairman of the Defence Committee, Frank Giletti": the officeholder
            return Source(phrase, self._person(tail), "official", country)
        lead = phrase.split(",")[0].strip()
        if "," in phrase and self._is_person(lead) and not hits:
            # "Katrin Albers, a senior official at the defence ministry": a named person
            described = phrase.split(",", 1)[1].lower()
            kind = "expert" if self._expert.search(described) else "official"
            return Source(phrase, self._person(lead), kind, country)
        if "," in phrase and self._is_person(lead) and self._title.search(phrase.split(",", 1)[1]):
            # "Michael Kurilla, the head of US Central Command": a person with an office
            return Source(phrase, self._person(lead), "official", country)
        bare = self.vocab.actor_pattern().sub("", phrase)
        # "Mr. Yoo", "Dr. Kim": an abbreviated title's period is part of the name
        named = re.search(r"\b[A-Z][a-z]+\.?(?:[ -][A-Z][a-z]+(?:[A-Z][a-z]+)?)+\b", bare)
        if named and named.group(0).split()[-1] in self.vocab.institution_words:
            named = None  # "Pacific Fleet" is a body
        if named and any(phrase.find(named.group(0)) >= h[0] and phrase.find(named.group(0))
                         < h[0] - h[1] for h in hits):
            named = None  # "General Intelligence Service" is a body, not a person
        name_last = bool(named and phrase[:1].islower() and phrase.endswith(named.group(0))
                         and phrase.split()[0] not in self.determiners
                         and self._is_person(named.group(0)))  # not "the weekly Dijla Review"
        if named and (self._title.search(phrase) or name_last) and \
                not self._body_end.search(phrase):
            # "Defence Minister X"; "member of the defence committee of parliament Ali Rezaei"
            org = [h for h in hits if h[2].kind != "media"]
            return Source(phrase, self._person(named.group(0)), "official",
                          country or (org[0][2].country if org else None))
        if hits:
            hits.sort(key=lambda h: (h[0], h[1]))
            _, neg_len, src = hits[0]
            start = hits[0][0]
            after = phrase[start - neg_len: start - neg_len + 25]
            if src.kind not in ("official",) and self._title.match(after.lstrip()) \
                    and src.kind != "media":
                # "Ukrainian intelligence chief", "NIS director": a person of that body ("a
                # Pentagon spokesperson", unnamed, is the body's own voice)
                unnamed = phrase.split()[0].lower() in self.indefinites
                return Source(phrase, src.name, src.kind if unnamed else "official",
                              src.country)
            first = next(self.vocab.actor_pattern().finditer(phrase), None)
            if country and src.kind != "media" and country != src.country and \
                    first is not None and first.end() <= start and \
                    (self._joined.search(phrase[first.end():start])
                     or phrase[first.end():start].strip() == ","):  # "Seoul, Washington and"
                # "Libyan and US officials": sources named jointly speak for the first
                # one's country, as a joint actor is the first named (the spec)
                return Source(phrase, src.name, src.kind, country)
            return Source(phrase, src.name, src.kind, src.country)
        low = phrase.lower()
        if self._title_end.search(low):
            # "Ukraine's intelligence chief" is one officeholder; "a cabinet minister", "a
            # ministry spokesman" is an unnamed official: the government's (the spec)
            unnamed = low.split()[0] in self.indefinites
            return Source(phrase, None, "government" if unnamed else "official", country)
        head = low.split(",")[0]  # "Two officials, speaking ... to discuss intelligence"
        for text in (head, low):
            for kind, nouns in self.vocab.kind_nouns:
                if any(re.search(rf"\b{re.escape(n.lower())}\b", text) for n in nouns):
                    return Source(phrase, None, kind, country)
        if country and self._is_country_phrase(phrase):
            return Source(phrase, country, "government", country)
        if named:
            return Source(phrase, self._person(named.group(0)), "official", country)
        return Source(phrase, None, "unattributed" if not country else "government", country)

    def _phrase_before(self, text: str, end: int) -> str:
        """The reporter before ", citing ...": "NBC News reported last week" -> "NBC News",
        also after a clause ("..., Spiegel reported, citing") or with no verb ("Bloomberg,
        citing its own sources, wrote")."""
        m = self._outlet_before.search(text[:end])
        return m.group("p").strip() if m else ""

    def _phrase_after(self, text: str, start: int) -> str:
        """The source phrase from ``start`` to where it ends (a period ends it unless it
        closes an initial: "U.S.", "J. Smith")."""
        m = self._phrase_end.match(text[start:])
        return m.group(1).strip(" ,.\"'“”") if m else ""

    def _is_person(self, text: str) -> bool:
        """A personal name: capitalised words, not a party, body or institution."""
        return bool(re.fullmatch(r"(?:(?:[A-Z][a-z.]+\.?|[A-Z]\.)\s+)*[A-Z][a-z]+"
                                 r"(?:[ -][A-Z][a-z]+)+", text)) \
            and not self.vocab.actor_pattern().search(text) \
            and text.split()[-1] not in self.vocab.institution_words

    def _person(self, name: str) -> str:
        """'Prosecutor General Andriy Kostin' -> 'Andriy Kostin'."""
        words = name.split()
        while len(words) > 2 and self._title.fullmatch(words[0]):
            words = words[1:]
        return " ".join(words)

    def _country(self, phrase: str) -> str | None:
        for m in self.vocab.actor_pattern().finditer(phrase):
            name, kind = self.vocab.actor_form(m.group(0)) or (None, None)
            if name and kind != "subject":
                return None if self.vocab.actors[name].bloc else name
        return None

    def _is_country_phrase(self, phrase: str) -> bool:
        """'Denmark', 'the United States and Seoul', 'both North Korea and Russia'."""
        rest = self.vocab.actor_pattern().sub("", phrase)
        return not self._joining.sub("", rest)

    def last_person(self, text: str) -> Source | None:
        """The last officeholder of the vocabulary named in ``text`` ("he" refers back)."""
        best: tuple[int, KnownSource] | None = None
        for pat, src in self._known_in(text):
            if src.kind != "official":
                continue
            for m in pat.finditer(text):
                if best is None or m.start() > best[0]:
                    best = (m.start(), src)
        return Source(best[1].forms[0], best[1].name, "official", best[1].country) \
            if best else None

    def scan(self, text: str) -> Source | None:
        """A cheap attribution test for sentences that are not parsed: "X said ...",
        "..., X said.", "Source: X"."""
        for pattern in self._scans:
            m = pattern.search(text)
            if m:
                phrase = m.group("p").strip(" \"“”")
                if phrase.lower() in self.pronouns:
                    return None
                src = self.classify(phrase)
                if src.kind != "unattributed":
                    return src
        return None


def _phrase_end(head: Token) -> int:
    """Where a noun phrase ends before a participle clause of its own: "a senior EU
    official claiming that ..." ends at "official"."""
    clause = [c for c in head.children if c.dep_ == "acl" and c.tag_ == "VBG" and c.i > head.i]
    return clause[0].left_edge.i - 1 if clause else head.right_edge.i


def impersonal(subj: Token, verb: Token) -> bool:
    """"It is understood that ...", "it has been reported that ...": an impersonal passive
    of a reporting verb, the outlet's own voice (no one is named)."""
    return subj.lower_ == "it" and subj.dep_ == "nsubjpass" and verb.tag_ == "VBN" and \
        any(c.dep_ == "ccomp" for c in verb.children)


def _subject(verb: Token) -> Token | None:
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if subjects:
        # "DUBAI (AP) — Fighters ... claimed": of two subjects the one next to the verb
        before = [c for c in subjects if c.i < verb.i]
        return before[-1] if before else subjects[0]
    # "X, who said ..." / conjoined verbs share the subject of the first one
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        return _subject(verb.head)
    return None
