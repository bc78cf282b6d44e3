"""Credibility signals per document and per outlet, each with its reason and the text that
raised it. Signals are for a person to weigh, not verdicts (``NOTE`` says so in every output).

- ``named_sources``: fewer than ``named_source_share_below`` of the claims name a source;
- ``vague_source``: a claim attributed to "experts", "officials", "reports", or a sentence in
  which such a word is the subject of a reporting verb;
- ``unknown_quote``: a quotation attributed to a person or institute that no other document
  in the store mentions (full-text search);
- ``unrelated_biography``: the author biography that cleaning set aside shares no word with
  the article's subject (the parties its claims name, ``subject_words``);
- ``page_debris``: page furniture cleaning removed (comment widgets, alt text, "Loading");
- ``sensational``: wording from the ``sensational`` list.

Per claim and per fact, ``corroboration`` gives how many independent sources back it.
Words are data: ``vocab/credibility.yaml``, or the file ``SUPPLYLINE_CREDIBILITY`` names.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from supplyline.model import Claim, Fact
from supplyline.resolve.settings import VOCAB_DIR, SettingsError, read_yaml, where
from supplyline.store import BaseStore, ClaimReport, StoredDocument

NOTE = ("These are signals for a person to weigh, not verdicts: each says why it was raised "
        "and quotes the text that raised it.")
CREDIBILITY_ENV = "SUPPLYLINE_CREDIBILITY"
_SENTENCE = re.compile(r"(?<=[.!?…])[\"”’]?\s+(?=[\"“‘(]?[A-Z0-9])")
_QUOTE = re.compile(r"[\"“](?P<quote>[^\"“”]{20,})[\"”]")
_DASH_WHO = re.compile(r"^\s*[—–-]{1,2}\s*(?P<who>[^\n]+)")
# keys added after the first release: a user's file without them keeps the shipped words
_SHIPPED_DEFAULTS = ("quote_lead", "quote_verbs", "institution_preps")


@dataclass(frozen=True)
class CredibilityVocab:
    named_share_below: float
    vague: tuple[str, ...]
    verbs: tuple[str, ...]
    sensational: tuple[str, ...]
    subject: tuple[str, ...]
    titles: tuple[str, ...]
    quote_lead: tuple[str, ...] = ()  # '" ..., said X': a quotation's speaker follows
    quote_verbs: tuple[str, ...] = ()  # '"...," X said'
    institution_preps: tuple[str, ...] = ()  # "X, a fellow at the Y Institute"

    @classmethod
    def from_file(cls, path: Path) -> CredibilityVocab:
        d = read_yaml(path)
        share = float(d.get("named_source_share_below", 0.5)) if isinstance(
            d.get("named_source_share_below", 0.5), int | float) else None
        if share is None:
            raise SettingsError(f"{where(path, 'named_source_share_below')}: "
                                "`named_source_share_below` must be a number")
        lists = []
        shipped = read_yaml(VOCAB_DIR / "credibility.yaml")
        for key in ("vague_sources", "reporting_verbs", "sensational", "subject_words",
                    "titles", *_SHIPPED_DEFAULTS):
            words = d.get(key) or (shipped.get(key) if key in _SHIPPED_DEFAULTS else ()) or ()
            if not isinstance(words, list | tuple):
                raise SettingsError(f"{where(path, key)}: `{key}` must be a list of words")
            lists.append(tuple(str(w) for w in words))
        return cls(share, *lists)

    @cached_property
    def vague_pattern(self) -> re.Pattern[str]:
        return _words(self.vague)

    @cached_property
    def vague_sentence(self) -> re.Pattern[str]:
        # not after an acronym naming a body ("NIS officials said")
        return re.compile(r"(?<!(?-i:[A-Z]{2}) )" + _words(self.vague).pattern
                          + r"(?:\s+\w+){0,4}?\s+" + _words(self.verbs).pattern, re.I)

    @cached_property
    def sensational_pattern(self) -> re.Pattern[str]:
        return _words(self.sensational)

    @cached_property
    def speaker_patterns(self) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
        """Who a quotation is attributed to: '..., said X' and '... X said' after it,
        'X said:' before it."""
        lead, verbs = _alternation(self.quote_lead), _alternation(self.quote_verbs)
        return (re.compile(rf"^\s*,?\s*(?:{lead}|told [\w ]+?)\s+"
                           r"(?P<who>[A-Z][^\n.;]*(?:\.[^\n.;]+)?)"),
                re.compile(r"^\s*,?\s*(?P<who>(?:[A-Z][\w.'-]+ ){1,3}[A-Z][\w'-]+)"
                           rf"(?:, [^,\n]+,)? (?:{verbs}|told)\b"),
                re.compile(r"(?P<who>(?:[A-Z][\w.'-]+ ){1,3}[A-Z][\w'-]+)"
                           rf"(?:, [^,\n]+,)? (?:{verbs}|told [\w ]+?)[,:]?\s*$"))

    @cached_property
    def institute_pattern(self) -> re.Pattern[str]:
        return re.compile(rf"\b(?:{_alternation(self.institution_preps)})\s+(?:the\s+)?"
                          r"(?P<org>(?:[A-Z][\w&'-]*\s?)+)")


def _alternation(words: Sequence[str]) -> str:
    return "|".join(re.escape(w) for w in words) or r"(?!x)x"


def _words(words: Sequence[str]) -> re.Pattern[str]:
    alts = sorted((re.escape(w) for w in words), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(alts) + r")\b", re.I)


@cache
def _load(path: str) -> CredibilityVocab:
    return CredibilityVocab.from_file(Path(path))


def credibility_vocab() -> CredibilityVocab:
    return _load(os.environ.get(CREDIBILITY_ENV) or str(VOCAB_DIR / "credibility.yaml"))


@dataclass(frozen=True)
class Signal:
    """One reason to look closer: ``kind``, why (``reason``), and the ``text`` that raised it."""

    kind: str
    reason: str
    text: str
    doc: str
    claim: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class Corroboration:
    """How many independent sources back a claim (through the fact it belongs to)."""

    claim: str
    fact: str | None
    independent_sources: int
    reports: int


@dataclass(frozen=True)
class DocumentCredibility:
    doc: str
    outlet: str | None
    title: str | None
    claims: int
    named_sources: int
    signals: tuple[Signal, ...]
    corroboration: tuple[Corroboration, ...]

    @property
    def named_share(self) -> float | None:
        return self.named_sources / self.claims if self.claims else None

    def to_dict(self) -> dict[str, Any]:
        return {"note": NOTE, "doc": self.doc, "outlet": self.outlet, "title": self.title,
                "claims": self.claims, "named_sources": self.named_sources,
                "named_share": self.named_share,
                "signals": [s.to_dict() for s in self.signals],
                "corroboration": [dict(c.__dict__) for c in self.corroboration]}


@dataclass(frozen=True)
class OutletCredibility:
    outlet: str
    documents: tuple[DocumentCredibility, ...]

    @property
    def claims(self) -> int:
        return sum(d.claims for d in self.documents)

    @property
    def named_share(self) -> float | None:
        return sum(d.named_sources for d in self.documents) / self.claims if self.claims \
            else None

    @property
    def signal_counts(self) -> dict[str, int]:
        return dict(Counter(s.kind for d in self.documents for s in d.signals))

    def to_dict(self) -> dict[str, Any]:
        return {"note": NOTE, "outlet": self.outlet, "documents": len(self.documents),
                "claims": self.claims, "named_share": self.named_share,
                "signal_counts": self.signal_counts,
                "signals": [s.to_dict() for d in self.documents for s in d.signals]}


# -- the signals ----------------------------------------------------------------------------------


def is_named(claim: Claim, vocab: CredibilityVocab) -> bool:
    """A source with a canonical name, or written words that are more than vague ones."""
    s = claim.source
    if s.name:
        return True
    return bool(s.text) and not _only_vague(s.text or "", vocab)


def _only_vague(text: str, vocab: CredibilityVocab) -> bool:
    rest = vocab.vague_pattern.sub("", text)
    return len(re.findall(r"[A-Za-z]{3,}", rest)) <= 2 and bool(vocab.vague_pattern.search(text))


def sentences(doc: StoredDocument) -> list[str]:
    """The article's sentences (debris left out)."""
    out: list[str] = []
    for seg in doc.cleaned.article:
        out += [s.strip() for s in _SENTENCE.split(seg.text) if s.strip()]
    return out


def source_signals(doc: StoredDocument, claims: Sequence[Claim],
                   vocab: CredibilityVocab) -> tuple[int, list[Signal]]:
    """How many claims name a source, and the vague-source signals."""
    named = sum(1 for c in claims if is_named(c, vocab))
    out: list[Signal] = []
    if claims and named / len(claims) < vocab.named_share_below:
        out.append(Signal("named_sources",
                          f"only {named} of {len(claims)} claims name their source",
                          "; ".join(sorted({c.source.text or "no source" for c in claims
                                            if not is_named(c, vocab)}))[:300], doc.id))
    seen: set[str] = set()
    for c in claims:
        if c.source.text and not c.source.name and _only_vague(c.source.text, vocab):
            text = c.evidence[0].text if c.evidence else c.source.text
            seen.add(text)
            out.append(Signal("vague_source",
                              f"claim attributed to “{c.source.text}”, nobody in particular",
                              text, doc.id, c.id))
    pattern = vocab.vague_sentence
    for sentence in sentences(doc):
        m = pattern.search(sentence)
        if m and not any(sentence in t or t in sentence for t in seen):
            seen.add(sentence)
            out.append(Signal("vague_source",
                              f"“{m.group(0)}”: a view attributed to nobody in particular",
                              sentence, doc.id))
    return named, out


def quoted_people(doc: StoredDocument, vocab: CredibilityVocab) -> list[tuple[str, str, str]]:
    """``(person, institute, quote)`` for each quotation attributed by name in the text."""
    text = doc.cleaned.text
    found: list[tuple[str, str, str]] = []
    for m in _QUOTE.finditer(text):
        after = text[m.end():m.end() + 200]
        before = text[max(0, m.start() - 120):m.start()]
        who = None
        said_who, name_said, who_said = vocab.speaker_patterns
        for rx, part in ((_DASH_WHO, after), (said_who, after), (name_said, after)):
            w = rx.match(part)
            if w:
                who = w.group("who")
                break
        if who is None and (w := who_said.search(before)):
            who = w.group("who")
        if who is None:
            continue
        name, _, role = who.partition(",")
        person = _strip_titles(name.strip(" .—–-"), vocab)
        org = vocab.institute_pattern.search(role)
        institute = org.group("org").strip() if org else ""
        if len(person.split()) >= 2 or institute:
            found.append((person, institute, m.group("quote").strip()))
    return found


def _strip_titles(name: str, vocab: CredibilityVocab) -> str:
    words = name.split()
    while words and words[0] in vocab.titles:
        words = words[1:]
    return " ".join(words)


def quote_signals(doc: StoredDocument, vocab: CredibilityVocab,
                  mentioned_elsewhere: Callable[[str, str], bool]) -> list[Signal]:
    """Quotations whose speaker and institute no other document mentions."""
    out = []
    for person, institute, quote in quoted_people(doc, vocab):
        names = [n for n in (person, institute) if n and len(n.split()) >= 2]
        if not names or any(mentioned_elsewhere(n, doc.id) for n in names):
            continue
        who = " of ".join(names) if len(names) == 2 else names[0]
        out.append(Signal(
            "unknown_quote",
            f"quotation attributed to {who}, whom no other document in the store mentions",
            quote[:400], doc.id))
    return out


def biography_signals(doc: StoredDocument, claims: Sequence[Claim],
                      vocab: CredibilityVocab) -> list[Signal]:
    """An author biography (set aside by cleaning) that shares nothing with the subject."""
    parties = {p for c in claims for p in (c.actor, c.recipient) if p}
    subject = _words([*vocab.subject, *parties])
    out = []
    for seg in doc.segments:
        if seg.kind == "debris" and seg.reason == "author biography" \
                and not subject.search(seg.text):
            topic = ", ".join(sorted(parties)[:4]) or "the article's subject"
            out.append(Signal(
                "unrelated_biography",
                f"the author's biography mentions nothing of the article's subject ({topic}, "
                "military or security affairs)", seg.text[:400], doc.id))
    return out


def debris_signals(doc: StoredDocument) -> list[Signal]:
    """Page debris other than the biography: what cleaning set aside, and why."""
    debris = [s for s in doc.segments if s.kind == "debris" and s.reason != "author biography"]
    if not debris:
        return []
    reasons = Counter((s.reason or "debris").split(":")[0] for s in debris)
    listed = ", ".join(f"{r} ×{n}" if n > 1 else r for r, n in reasons.items())
    return [Signal("page_debris", f"page debris around the article: {listed}",
                   " | ".join(s.text[:80] for s in debris[:5]), doc.id)]


def sensational_signals(doc: StoredDocument, vocab: CredibilityVocab) -> list[Signal]:
    pattern = vocab.sensational_pattern
    out = []
    for sentence in sentences(doc):
        words = sorted({m.group(0).casefold() for m in pattern.finditer(sentence)})
        if words:
            out.append(Signal("sensational", f"sensational wording: {', '.join(words)}",
                              sentence, doc.id))
    return out


def assess_document(doc: StoredDocument, reports: Sequence[ClaimReport],
                    facts: dict[str, Fact], mentioned_elsewhere: Callable[[str, str], bool],
                    vocab: CredibilityVocab | None = None) -> DocumentCredibility:
    """Every signal for one document; ``facts`` maps fact ids to facts (for corroboration)."""
    v = vocab or credibility_vocab()
    claims = [r.claim for r in reports]
    named, signals = source_signals(doc, claims, v)
    signals += quote_signals(doc, v, mentioned_elsewhere)
    signals += biography_signals(doc, claims, v)
    signals += debris_signals(doc)
    signals += sensational_signals(doc, v)
    corroboration = tuple(
        Corroboration(r.id, r.fact, facts[r.fact].independent_sources if r.fact in facts else 1,
                      len(facts[r.fact].reports) if r.fact in facts else 1)
        for r in reports)
    return DocumentCredibility(doc.id, doc.outlet, doc.title, len(claims), named,
                               tuple(signals), corroboration)


# -- over a store ---------------------------------------------------------------------------------


def _mentioned_elsewhere(store: BaseStore) -> Callable[[str, str], bool]:
    def check(name: str, doc_id: str) -> bool:
        phrase = '"' + name.replace('"', "") + '"'
        return any(h.doc_id != doc_id for h in store.search(phrase, limit=3))
    return check


def document_credibility(store: BaseStore, doc_id: str,
                         vocab: CredibilityVocab | None = None) -> DocumentCredibility | None:
    """The signals of one stored document, or None when there is no such document."""
    doc = store.document(doc_id)
    if doc is None:
        return None
    reports = store.reports(doc=doc_id)
    facts = {f.id: f for f in (store.fact(i) for i in {r.fact for r in reports if r.fact})
             if f is not None}
    return assess_document(doc, reports, facts, _mentioned_elsewhere(store), vocab)


def outlet_credibility(store: BaseStore, outlet: str,
                       vocab: CredibilityVocab | None = None) -> OutletCredibility | None:
    """The signals of every document of an outlet (name ignoring case), or None."""
    ids = [d.id for d in store.document_refs().values()
           if (d.outlet or "").casefold() == outlet.casefold()]
    if not ids:
        return None
    docs = [document_credibility(store, i, vocab) for i in sorted(ids)]
    name = next(d.outlet for d in docs if d is not None and d.outlet) or outlet
    return OutletCredibility(name, tuple(d for d in docs if d is not None))


def all_documents(store: BaseStore,
                  vocab: CredibilityVocab | None = None) -> list[DocumentCredibility]:
    return [d for i in sorted(store.document_refs())
            if (d := document_credibility(store, i, vocab)) is not None]
