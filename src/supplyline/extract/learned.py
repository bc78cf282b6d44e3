"""The learned pass: re-score the rules' claims with a small trained model.

Two linear models read each finished claim and the parse of its evidence sentence:

- **keep**: the probability that the claim is a true claim (matches a gold claim under the
  spec's scoring); claims below the model's threshold are dropped;
- **status**: the claim's status, from the rules' status and the clause's cues.

Features are general (claim type, the rules' status, the item's class, the predicate's cue
group, the dependency path from item to predicate, modal/negation cues, section, where the
parties and the source were found, ...). Words enter only through the vocabulary's cue lists:
a predicate lemma is a feature only when a cue list names it, so the model cannot memorise a
dev sentence's wording. The weights are a JSON file of coefficients (no pickle), trained by
``scripts/train_model.py`` (``make model``); they carry a hash of this module's feature code,
and a model trained on other features is refused (:class:`StaleModelError`).
"""

from __future__ import annotations

import hashlib
import inspect
import json
import math
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.tokens import Span, Token

from supplyline.errors import StaleModelError

from ..evaluate import head_noun
from ..model import TRANSFER_TYPES, Claim, Document
from ..vocab import Vocabulary

WEIGHTS = Path(__file__).parent / "weights" / "learned.json"
FEATURE_VERSION = 1  # bump with any change to what claim_features computes

Features = dict[str, float]


# ---------------------------------------------------------------------------- cues


@dataclass(frozen=True)
class Cues:
    """The vocabulary's word lists that features read, by group name."""

    predicate: tuple[tuple[str, frozenset[str]], ...]  # (group, words), checked in order
    status: tuple[tuple[str, frozenset[str]], ...]
    generic_items: frozenset[str]
    usual_recipients: frozenset[str]
    vocab: Vocabulary

    @classmethod
    def of(cls, v: Vocabulary) -> Cues:
        groups: list[tuple[str, frozenset[str]]] = [
            (f"transfer:{k}", v.cue_set("transfer", k))
            for k in ("give", "receive", "arrive", "origin", "nouns", "receipt")]
        groups += [(f"activity:{k}", v.cue_set("activity", k))
                   for k in ("combat", "production", "test", "exercise")]
        groups.append(("reporting", v.cue_set("reporting", "verbs")))
        status = tuple((k, v.cue_set("status", k)) for k in
                       ("denied", "possible", "expected", "planned", "pledged", "ongoing"))
        return cls(tuple(groups), status, v.lexicon().generic_items,
                   frozenset(v.cues.get("recipients") or ()), v)

    def group_of(self, tok: Token) -> str | None:
        lem, low = (tok.lemma_ or tok.lower_).lower(), tok.lower_
        return next((g for g, words in self.predicate if lem in words or low in words), None)

    def known(self, tok: Token) -> bool:
        """Whether any cue list names this word (only such words become lexical features)."""
        lem, low = (tok.lemma_ or tok.lower_).lower(), tok.lower_
        return self.group_of(tok) is not None or any(
            lem in words or low in words for _, words in self.status)


# ---------------------------------------------------------------------------- features


@dataclass(frozen=True)
class ClaimContext:
    """What a claim's features read beyond the claim: its sentence's parse and its document."""

    sentence: Span  # the parse of the claim's first evidence sentence
    doc_length: int  # characters in the document's text
    published: date | None
    same_sentence: int  # claims (after merging) whose first evidence is this sentence
    claims_in_doc: int
    same_pair: int  # claims of the document with this claim's actor and recipient
    same_claim: int  # other claims of the document of this type, parties and item head


def _bucket(n: float, edges: Iterable[float]) -> str:
    for e in edges:
        if n <= e:
            return f"<={e:g}"
    return "more"


def _item_token(sent: Span, item: str | None) -> Token | None:
    """The head token of the claim's item in its sentence ("artillery shells" -> shells)."""
    if not item:
        return None
    text = sent.text.lower()
    at = text.find(item.lower())
    if at >= 0:
        span = sent.doc.char_span(sent.start_char + at, sent.start_char + at + len(item),
                                  alignment_mode="expand")
        if span is not None and len(span):
            return span.root
    last = item.lower().split()[-1]
    head = head_noun(item)
    return next((t for t in sent if t.lower_ == last), None) or next(
        (t for t in sent if t.lemma_.lower() == head), None)


def _predicate(cues: Cues, sent: Span, item: Token | None, claim_type: str
               ) -> tuple[Token | None, list[str]]:
    """The word that tells the claim (nearest cue word above the item, else its nearest verb)
    and the dependency labels on the way up from the item."""
    if item is None:
        want = f"activity:{claim_type}"
        tok = next((t for t in sent if cues.group_of(t) == want), None)
        return tok, []
    path: list[str] = []
    tok = item
    verb: tuple[Token, list[str]] | None = None
    for _ in range(8):
        if tok is not item and cues.group_of(tok) is not None:
            return tok, path
        if tok is not item and tok.pos_ in ("VERB", "AUX") and verb is None:
            verb = (tok, list(path))
        if tok.head is tok:
            break
        path.append(tok.dep_)
        tok = tok.head
    return verb if verb else (None, path)


def _clause(pred: Token) -> list[Token]:
    """The predicate, the words above it, and their auxiliaries, negations and markers."""
    chain = [pred, *list(pred.ancestors)[:4]]
    words = list(chain)
    for t in chain:
        words.extend(c for c in t.children if c.dep_ in (
            "aux", "auxpass", "neg", "advmod", "mark", "acomp", "prt"))
    return words


@dataclass(frozen=True)
class _Mention:
    kind: str  # alias | demonym | capital | origin
    role: str  # the mention's grammatical role: its dependency label, with a preposition's
    # own word ("pobj:to", "pobj:from") since that tells a recipient from a sender


def _named_in(cues: Cues, sent: Span) -> dict[str, list[_Mention]]:
    """Parties the sentence names, by canonical name, with how and where each is named."""
    v = cues.vocab
    out: dict[str, list[_Mention]] = {}
    for m in v.actor_pattern().finditer(sent.text):
        form = v.actor_form(m.group(0))
        if not form or not form[0]:
            continue
        span = sent.doc.char_span(sent.start_char + m.start(), sent.start_char + m.end(),
                                  alignment_mode="expand")
        role = "none"
        if span is not None and len(span):
            root = span.root
            role = root.dep_
            if role == "pobj":
                role = f"pobj:{root.head.lower_}"
        out.setdefault(form[0], []).append(_Mention(form[1], role))
    return out


def claim_features(claim: Claim, ctx: ClaimContext, cues: Cues) -> Features:
    """The features of one claim, as ``name=value`` indicators and a few numbers in [0, 1]."""
    sent = ctx.sentence
    f: Features = {}

    def on(name: str, value: object = True) -> None:
        f[f"{name}={value}"] = 1.0

    ev = claim.evidence[0] if claim.evidence else None
    on("type", claim.type)
    on("status", claim.status)
    on("type*status", f"{claim.type}|{claim.status}")
    sections = sorted({e.section for e in claim.evidence})
    on("section", ev.section if ev else "none")
    for s in sections:
        on("has_section", s)
    on("evidence_spans", _bucket(len(claim.evidence), (1, 2)))

    # the item
    item = claim.item
    head = head_noun(item)
    entry = cues.vocab.items.get(head or "") if head else None
    on("item_class", entry.type if entry else ("none" if not item else "unknown"))
    on("item_class_is_type", bool(entry and entry.type == claim.type))
    if entry and entry.ambiguous:
        on("item_ambiguous")
    if head in cues.generic_items:
        on("item_generic")
    if item:
        on("item_words", _bucket(len(item.split()), (1, 2, 3)))
        if " and " in item:
            on("item_joined")

    # the predicate and the path to it
    tok = _item_token(sent, item)
    on("item_found", tok is not None)
    if tok is not None:
        on("item_dep", tok.dep_)
        on("item_head_dep", tok.head.dep_ if tok.head is not tok else "ROOT")
    pred, path = _predicate(cues, sent, tok, claim.type)
    if pred is None:
        on("pred", "none")
    else:
        group = cues.group_of(pred) or "other"
        on("pred_group", group)
        on("pred_group*type", f"{group}|{claim.type}")
        on("pred_pos", pred.pos_)
        on("pred_tag", pred.tag_)
        on("pred_dep", pred.dep_)
        on("pred_lemma", (pred.lemma_ or pred.lower_).lower() if cues.known(pred) else "other")
        on("path", ">".join(path[:4]) or "self")
        on("path_len", _bucket(len(path), (0, 1, 2, 3, 5)))
        words = _clause(pred)
        lows = {w.lower_ for w in words} | {(w.lemma_ or w.lower_).lower() for w in words}
        for group_name, cue_words in cues.status:
            if lows & cue_words:
                on("clause_cue", group_name)
        if any(w.dep_ == "neg" for w in words):
            on("clause_neg")
        if any(w.tag_ == "MD" for w in words):
            on("clause_modal")
        if any(w.dep_ == "mark" for w in words):
            on("clause_marked")
        for w in words:  # auxiliaries are a closed class: "will", "has", "been", "could"
            if w.dep_ in ("aux", "auxpass"):
                on("aux", w.lower_)
        up = pred.head if pred.head is not pred else None
        if up is not None:
            on("above_group", cues.group_of(up) or up.pos_)
            on("above_tag", up.tag_)
            if cues.known(up):
                on("above_lemma", (up.lemma_ or up.lower_).lower())
        if pred.dep_ in ("advcl", "relcl", "acl", "pcomp", "xcomp", "ccomp"):
            on("pred_subordinate", pred.dep_)
        above = next((a for a in pred.ancestors if cues.group_of(a) == "reporting"), None)
        if above is not None:
            on("under_reporting_verb")
    sent_low = {t.lower_ for t in sent} | {(t.lemma_ or t.lower_).lower() for t in sent}
    for group_name, cue_words in cues.status:
        if sent_low & cue_words:
            on("sentence_cue", group_name)
    if sent.text.rstrip().endswith("?"):
        on("question")
    if any(t.dep_ == "neg" for t in sent):
        on("sentence_neg")

    # parties: named here (how, in which role) or filled from the document
    named = _named_in(cues, sent)
    parties = {claim.actor, claim.recipient}
    for side, who in (("actor", claim.actor), ("recipient", claim.recipient)):
        if side == "recipient" and claim.type not in TRANSFER_TYPES:
            continue
        here = named.get(who or "", [])
        on(f"{side}_here", bool(here))
        if here:
            on(f"{side}_kind", here[0].kind)
            on(f"{side}_role", here[0].role)
        actor = cues.vocab.actors.get(who or "")
        if actor is not None and actor.bloc:
            on(f"{side}_bloc")
        if who in cues.usual_recipients:
            on(f"{side}_usual_recipient")
    on("parties_named", _bucket(len(named), (0, 1, 2, 3)))
    on("other_parties", _bucket(len(set(named) - parties), (0, 1)))

    # source
    src = claim.source
    on("source_kind", src.kind)
    if src.kind != "unattributed":
        on("source_here", bool(src.text and src.text.lower() in sent.text.lower()))

    # the other fields
    if claim.quantity is not None:
        on("quantity")
        if claim.quantity.unit:
            on("money")
    if claim.basis:
        on("basis", claim.basis)
    if claim.when is not None:
        on("when", _relative(claim, ctx.published))
    if claim.place:
        on("place")

    # size and position
    n = len(sent)
    on("tokens", _bucket(n, (12, 25, 40, 60)))
    f["tokens_scaled"] = min(n, 80) / 80
    pos = (ev.start / ctx.doc_length) if ev and ctx.doc_length and ev.start >= 0 else 0.0
    f["position"] = min(max(pos, 0.0), 1.0)
    on("same_sentence", _bucket(ctx.same_sentence, (1, 2, 3)))
    on("claims_in_doc", _bucket(ctx.claims_in_doc, (2, 5, 10, 20)))
    f["pair_share"] = ctx.same_pair / ctx.claims_in_doc if ctx.claims_in_doc else 0.0
    on("same_claim", _bucket(ctx.same_claim, (0, 1)))
    return f


def _relative(claim: Claim, published: date | None) -> str:
    """Where the claim's time lies against the publication date: past, future, around."""
    w = claim.when
    if w is None or published is None or (w.start is None and w.end is None):
        return "unresolved"
    if w.end is not None and w.end < published:
        return "past"
    if w.start is not None and w.start > published:
        return "future"
    return "around"


def feature_schema() -> str:
    """A hash of the code that computes the features: weights must carry the same one."""
    code = "".join(inspect.getsource(fn) for fn in (
        claim_features, contexts, _predicate, _item_token, _clause, _named_in, _Mention,
        _relative, _bucket, Cues.of, Cues.group_of, Cues.known))
    return hashlib.sha256(f"{FEATURE_VERSION}\n{code}".encode()).hexdigest()[:16]


def fingerprint(claims: Iterable[Mapping[str, Any]]) -> str:
    """A hash of claims in the spec's shape (the rules' output a model was trained on)."""
    text = "\n".join(json.dumps(c, sort_keys=True, ensure_ascii=False, allow_nan=False)
                     for c in claims)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def contexts(claims: list[Claim], doc: Document, parse: Callable[[Claim], Span]
             ) -> list[ClaimContext]:
    """Each claim's context: its sentence's parse, its document, and counts over the
    document's claims."""
    firsts = Counter(c.evidence[0].start for c in claims if c.evidence)
    pairs = Counter((c.actor, c.recipient) for c in claims)
    same = Counter((c.type, c.actor, c.recipient, head_noun(c.item)) for c in claims)
    return [ClaimContext(parse(c), len(doc.text), doc.published,
                         firsts[c.evidence[0].start] if c.evidence else 1, len(claims),
                         pairs[(c.actor, c.recipient)],
                         same[(c.type, c.actor, c.recipient, head_noun(c.item))] - 1)
            for c in claims]


# ---------------------------------------------------------------------------- model


@dataclass(frozen=True)
class Linear:
    """A linear model over sparse named features: one row of weights per class."""

    classes: tuple[str, ...]
    intercepts: tuple[float, ...]
    weights: Mapping[str, tuple[float, ...]]

    def scores(self, f: Features) -> list[float]:
        out = list(self.intercepts)
        for name, value in f.items():
            w = self.weights.get(name)
            if w is not None:
                for k, wk in enumerate(w):
                    out[k] += wk * value
        return out

    def probabilities(self, f: Features) -> dict[str, float]:
        """Class probabilities: a sigmoid for two classes (one row), a softmax otherwise."""
        s = self.scores(f)
        if len(self.classes) == 2 and len(s) == 1:
            p = 1.0 / (1.0 + math.exp(-s[0]))
            return {self.classes[0]: 1.0 - p, self.classes[1]: p}
        top = max(s)
        e = [math.exp(x - top) for x in s]
        total = sum(e)
        return {c: x / total for c, x in zip(self.classes, e, strict=True)}

    def to_json(self) -> dict[str, Any]:
        return {"classes": list(self.classes), "intercepts": list(self.intercepts),
                "weights": {k: list(v) for k, v in sorted(self.weights.items())}}

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> Linear:
        return cls(tuple(d["classes"]), tuple(float(x) for x in d["intercepts"]),
                   {k: tuple(float(x) for x in v) for k, v in d["weights"].items()})


@dataclass(frozen=True)
class LearnedModel:
    """The shipped weights: a keep/drop filter and a status model, each on or off."""

    schema: str
    keep: Linear | None
    keep_threshold: float
    keep_enabled: bool
    status: Linear | None
    status_margin: float
    status_enabled: bool
    meta: Mapping[str, Any]

    @property
    def enabled(self) -> bool:
        return self.keep_enabled or self.status_enabled

    def keep_probability(self, f: Features) -> float:
        return self.keep.probabilities(f)["keep"] if self.keep else 1.0

    def status_for(self, claim: Claim, f: Features) -> str:
        """The model's status when it beats the rules' by the trained margin, else the rules'."""
        if self.status is None:
            return claim.status
        p = self.status.probabilities(f)
        best = max(p, key=lambda k: p[k])
        return best if p[best] - p.get(claim.status, 0.0) > self.status_margin else claim.status

    def to_json(self) -> dict[str, Any]:
        return {
            "schema": self.schema, "meta": dict(self.meta),
            "keep": {"enabled": self.keep_enabled, "threshold": self.keep_threshold,
                     **(self.keep.to_json() if self.keep else {})},
            "status": {"enabled": self.status_enabled, "margin": self.status_margin,
                       **(self.status.to_json() if self.status else {})},
        }

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> LearnedModel:
        keep, status = d.get("keep") or {}, d.get("status") or {}
        return cls(
            schema=str(d.get("schema")),
            keep=Linear.from_json(keep) if keep.get("classes") else None,
            keep_threshold=float(keep.get("threshold", 0.0)),
            keep_enabled=bool(keep.get("enabled")),
            status=Linear.from_json(status) if status.get("classes") else None,
            status_margin=float(status.get("margin", 0.0)),
            status_enabled=bool(status.get("enabled")),
            meta=d.get("meta") or {},
        )


def load_model(path: Path = WEIGHTS, *, check_schema: bool = True) -> LearnedModel:
    """Read shipped weights; refuse weights trained on another feature set."""
    try:
        model = LearnedModel.from_json(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise StaleModelError(f"{path}: cannot read the learned model ({exc}); "
                              "run `make model`") from exc
    if check_schema and model.schema != feature_schema():
        raise StaleModelError(
            f"{path} was trained on feature schema {model.schema}, the code computes "
            f"{feature_schema()}: run `make model` to retrain it")
    return model


@lru_cache(maxsize=1)
def shipped_model() -> LearnedModel:
    return load_model()


# ---------------------------------------------------------------------------- the pass


def rescore(claims: list[Claim], doc: Document, parse: Callable[[Claim], Span],
            cues: Cues, model: LearnedModel, *, keep: bool | None = None,
            status: bool | None = None) -> list[Claim]:
    """The claims the model keeps, with the model's status where it overrides the rules'.

    ``keep`` / ``status`` default to what the weights enable."""
    use_keep = model.keep_enabled if keep is None else keep
    use_status = model.status_enabled if status is None else status
    if not claims or not (use_keep or use_status):
        return claims
    out = []
    for c, ctx in zip(claims, contexts(claims, doc, parse), strict=True):
        f = claim_features(c, ctx, cues)
        if use_keep and model.keep_probability(f) < model.keep_threshold:
            continue
        if use_status:
            new = model.status_for(c, f)
            if new != c.status:
                c = replace(c, status=new)
        out.append(c)
    return out



@dataclass(frozen=True)
class Rescorer:
    """The shipped model with the vocabulary's cues: what the ``rescore`` pass calls."""

    model: LearnedModel
    cues: Cues

    def __call__(self, claims: list[Claim], doc: Document, parse: Callable[[Claim], Span]
                 ) -> list[Claim]:
        return rescore(claims, doc, parse, self.cues, self.model)
