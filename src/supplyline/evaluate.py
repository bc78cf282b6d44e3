"""Score predicted claims against gold claims, as ``../shared/spec/claims.md`` defines.

A predicted claim *matches* a gold claim when both are in the same ``doc``, have the same
``type``, the same ``actor`` and ``recipient`` (case- and white-space-folded; null equals
null), their evidence overlaps, and, when both name an item, their items share a head noun.
Each gold claim and each predicted claim is used at most once: candidate pairs are taken
greedily, best item overlap first (exact wording > shared head noun > an item missing on
either side), then longest evidence overlap, then most scored fields agreeing (so that two
predictions that match equally well are not crossed over), then file order.

Decisions where the spec is silent (also listed in :func:`format_report`'s notes):

- a missing key is null; a ``quantity`` that is null compares as value/lower/upper all null,
  and a ``when`` that is null equals one whose ``start`` and ``end`` are both null;
- a prediction with no evidence text overlaps nothing, so it never matches;
- a ratio whose denominator is zero (precision with no predictions, recall with no gold,
  field accuracy with no matched pairs) is 0.0 in JSON; the human report prints ``n/a`` for
  field accuracy without matched pairs;
- text fields (``status``, ``basis``, ``place``, ``source.kind``, ``source.country``) are
  compared case-folded with white space collapsed; ``actor``/``recipient`` additionally drop a
  leading "the " ("the Netherlands" = "Netherlands").
"""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache
from pathlib import Path
from typing import Any

FIELDS = ("quantity", "status", "when", "source_kind", "source_country", "basis", "place", "item")

# item-overlap ranks used to order candidate pairs (higher is better)
_ITEM_EXACT, _ITEM_HEAD, _ITEM_NONE = 3, 2, 1

_QUOTES = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u00b4": "'",
    "`": "'", "\u2039": "'", "\u203a": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u00ab": '"', "\u00bb": '"',
})
_WS = re.compile(r"\s+")
_WRAP = 100


# ---------------------------------------------------------------------------- reading


def load_jsonl(path: str | Path) -> list[dict[str, Any]]:
    """Read a JSON Lines file of claims; blank lines are skipped."""
    rows: list[dict[str, Any]] = []
    with Path(path).open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{n}: not valid JSON: {exc.msg}") from exc
            if not isinstance(row, dict):
                raise ValueError(f"{path}:{n}: expected a JSON object")
            rows.append(row)
    return rows


# ---------------------------------------------------------------------------- folding


def fold_text(s: str | None) -> str:
    """Fold case, quotes and white space, for evidence comparison."""
    if not s:
        return ""
    return _WS.sub(" ", s.translate(_QUOTES).casefold()).strip()


def _fold(s: Any) -> str | None:
    """Case/white-space fold a scalar field; null and blank are None."""
    if s is None:
        return None
    out = _WS.sub(" ", str(s).translate(_QUOTES).casefold()).strip()
    return out or None


def canonical_party(s: Any) -> str | None:
    """An actor or recipient as compared: folded, without a leading "the "."""
    out = _fold(s)
    if out and out.startswith("the "):
        out = out[4:]
    return out


_IRREGULAR = {
    "people": "person", "men": "man", "women": "woman", "children": "child",
    "torpedoes": "torpedo", "heroes": "hero", "vetoes": "veto", "echoes": "echo",
    "potatoes": "potato", "tomatoes": "tomato", "mice": "mouse", "feet": "foot",
    "teeth": "tooth", "geese": "goose", "data": "datum",
    "tranches": "tranche", "caches": "cache", "niches": "niche",
}
_NOT_MEN = ("specimen", "regimen", "abdomen", "omen", "stamen", "hymen", "semen")


def singular(word: str) -> str:
    """A lower-case word in the singular, by plain English rules (``batteries`` -> ``battery``)."""
    w = word.casefold()
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if w.endswith("'s"):
        w = w[:-2]
    if w.endswith("men") and len(w) > 3 and not w.endswith(_NOT_MEN):
        return w[:-3] + "man"  # servicemen, crewmen
    if len(w) <= 3:
        return w
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"  # batteries, supplies
    if w.endswith(("sses", "shes", "ches", "xes")):
        return w[:-2]  # losses, launches, boxes
    if w.endswith(("ss", "us", "is")):
        return w  # mass, virus, analysis
    if w.endswith("s"):
        return w[:-1]  # missiles, howitzers, f-16s, 2a6s
    return w


def head_noun(item: str | None) -> str | None:
    """The item's last word, singular; None for a null or empty item."""
    if not item:
        return None
    words = [w.strip(".,;:!?()[]{}\"'") for w in re.split(r"[\s/]+", fold_text(item))]
    words = [w for w in words if w]
    return singular(words[-1]) if words else None


def _wordings(item: Any) -> list[str]:
    """An item (string or list of acceptable wordings) as a list of non-empty strings."""
    if item is None:
        return []
    if isinstance(item, str):
        return [item] if item.strip() else []
    return [str(i) for i in item if i is not None and str(i).strip()]


def _evidence_texts(ev: Any) -> list[str]:
    """Evidence as texts: a string, a ``{"text": ...}`` object, or a list of either."""
    if ev is None:
        return []
    if isinstance(ev, str | dict):
        ev = [ev]
    out: list[str] = []
    for e in ev:
        text = e.get("text") if isinstance(e, dict) else e
        if isinstance(text, str) and text.strip():
            out.append(text)
    return out


# ---------------------------------------------------------------------------- overlap


@lru_cache(maxsize=65536)
def _span_overlap(a: str, b: str) -> int:
    """Length of the shared run of two folded texts if it counts as overlap, else 0."""
    if not a or not b:
        return 0
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if short in long_:
        return len(short)
    m = SequenceMatcher(None, short, long_, autojunk=False)
    run = m.find_longest_match(0, len(short), 0, len(long_)).size
    return run if run >= min(40, len(short) / 2) else 0


def evidence_overlap(gold_ev: Iterable[str], pred_ev: Iterable[str]) -> int:
    """Best overlap length between any gold and any predicted evidence text (0: none).

    Texts are folded (white space, quotes, case); they overlap when one contains the other or
    they share a run of at least ``min(40, half the shorter)`` characters.
    """
    gold_f = [fold_text(t) for t in gold_ev]
    pred_f = [fold_text(t) for t in pred_ev]
    return max((_span_overlap(g, p) for g in gold_f for p in pred_f), default=0)


def item_overlap(gold_item: Any, pred_item: Any) -> int:
    """Rank the items' agreement: 3 same wording, 2 shared head noun, 1 either missing, 0 none."""
    golds = _wordings(gold_item)
    preds = _wordings(pred_item)
    if not golds or not preds:
        return _ITEM_NONE
    gf = {fold_text(g) for g in golds}
    if any(fold_text(p) in gf for p in preds):
        return _ITEM_EXACT
    gh = {head_noun(g) for g in golds} - {None}
    if any(head_noun(p) in gh for p in preds):
        return _ITEM_HEAD
    return 0


# ---------------------------------------------------------------------------- claims


@dataclass(frozen=True)
class _Norm:
    """A claim reduced to what matching and field scoring read."""

    index: int
    raw: dict[str, Any]
    doc: str
    type: str | None
    actor: str | None
    recipient: str | None
    evidence: tuple[str, ...]
    item: tuple[str, ...]

    @classmethod
    def of(cls, index: int, d: dict[str, Any]) -> _Norm:
        return cls(
            index=index, raw=d, doc=str(d.get("doc") or "").strip(),
            type=_fold(d.get("type")), actor=canonical_party(d.get("actor")),
            recipient=canonical_party(d.get("recipient")),
            evidence=tuple(_evidence_texts(d.get("evidence"))),
            item=tuple(_wordings(d.get("item"))),
        )


def _num(x: Any) -> Any:
    if x is None:
        return None
    try:
        return float(x)
    except (TypeError, ValueError):
        return _fold(x)


def _month(s: Any) -> str | None:
    return str(s)[:7] if s else None


def _sub(d: dict[str, Any], key: str) -> dict[str, Any]:
    v = d.get(key)
    return v if isinstance(v, dict) else {}


def field_value(d: dict[str, Any], name: str) -> Any:
    """The comparable value of one scored field of a claim (``item`` excepted)."""
    if name == "quantity":
        q = _sub(d, "quantity")
        return (_num(q.get("value")), _num(q.get("lower")), _num(q.get("upper")))
    if name == "when":
        w = _sub(d, "when")
        return (_month(w.get("start")), _month(w.get("end")))
    if name == "source_kind":
        return _fold(_sub(d, "source").get("kind"))
    if name == "source_country":
        return _fold(_sub(d, "source").get("country"))
    return _fold(d.get(name))


def field_agrees(gold: dict[str, Any], pred: dict[str, Any], name: str) -> bool:
    """Whether a matched pair agrees on one scored field."""
    if name == "item":
        golds, preds = _wordings(gold.get("item")), _wordings(pred.get("item"))
        if not golds or not preds:
            return not golds and not preds
        return item_overlap(golds, preds) >= _ITEM_HEAD
    return field_value(gold, name) == field_value(pred, name)


# ---------------------------------------------------------------------------- report


def _prf(matched: int, gold: int, predicted: int) -> tuple[float, float, float]:
    p = matched / predicted if predicted else 0.0
    r = matched / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


@dataclass
class DocScore:
    """Counts and P/R/F1 for one document."""

    gold: int = 0
    predicted: int = 0
    matched: int = 0

    @property
    def prf(self) -> tuple[float, float, float]:
        return _prf(self.matched, self.gold, self.predicted)

    def to_json(self) -> dict[str, Any]:
        p, r, f = self.prf
        return {"gold": self.gold, "predicted": self.predicted, "matched": self.matched,
                "precision": p, "recall": r, "f1": f}


@dataclass
class MatchedPair:
    """A gold claim and the prediction matched to it, with the fields they disagree on."""

    gold: dict[str, Any]
    predicted: dict[str, Any]
    evidence_overlap: int
    disagreements: tuple[str, ...] = ()
    gold_index: int = -1
    predicted_index: int = -1


@dataclass
class Unmatched:
    """A missed gold claim or a false prediction, with the nearest claim on the other side."""

    claim: dict[str, Any]
    near: str | None = None


@dataclass
class EvalReport:
    """Everything ``eval`` computes: totals, per document, per field, and the lists behind them."""

    gold: int
    predicted: int
    matched: int
    field_correct: dict[str, int]
    per_doc: dict[str, DocScore]
    pairs: list[MatchedPair] = field(default_factory=list)
    misses: list[Unmatched] = field(default_factory=list)
    false_claims: list[Unmatched] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return _prf(self.matched, self.gold, self.predicted)[0]

    @property
    def recall(self) -> float:
        return _prf(self.matched, self.gold, self.predicted)[1]

    @property
    def f1(self) -> float:
        return _prf(self.matched, self.gold, self.predicted)[2]

    @property
    def fields(self) -> dict[str, float]:
        """Field accuracy over matched pairs (0.0 for every field when nothing matched)."""
        return {k: (self.field_correct[k] / self.matched if self.matched else 0.0)
                for k in FIELDS}

    def to_json(self) -> dict[str, Any]:
        """The ``--json`` shape."""
        return {
            "precision": self.precision, "recall": self.recall, "f1": self.f1,
            "fields": self.fields,
            "per_doc": {d: s.to_json() for d, s in sorted(self.per_doc.items())},
            "matched": self.matched, "gold": self.gold, "predicted": self.predicted,
        }


# ---------------------------------------------------------------------------- scoring


def _failures(g: _Norm, p: _Norm, overlap: int) -> list[str]:
    """The matching conditions a gold/predicted pair in one document fails."""
    out = []
    if g.type != p.type:
        out.append(f"type {g.type} vs {p.type}")
    if g.actor != p.actor:
        out.append(f"actor {g.raw.get('actor')} vs {p.raw.get('actor')}")
    if g.recipient != p.recipient:
        out.append(f"recipient {g.raw.get('recipient')} vs {p.raw.get('recipient')}")
    if not overlap:
        out.append("evidence does not overlap")
    if item_overlap(g.item, p.item) == 0:
        out.append(f"item head {_heads(g.item)} vs {_heads(p.item)}")
    return out


def _heads(items: Iterable[str]) -> str:
    return "/".join(dict.fromkeys(h for h in (head_noun(i) for i in items) if h)) or "-"


def _nearest(c: _Norm, others: list[_Norm], used: set[int], gold_side: bool) -> str:
    """Describe the closest claim on the other side in the same document, and why it failed."""
    best: tuple[tuple[int, bool, int], str] | None = None
    for o in others:
        g, p = (c, o) if gold_side else (o, c)
        overlap = evidence_overlap(g.evidence, p.evidence)
        fails = _failures(g, p, overlap)
        if not fails and o.index in used:
            fails = ["taken by another " + ("gold claim" if gold_side else "prediction")]
        if not fails:
            continue
        key = (len(fails), o.index in used, -overlap)
        if best is None or key < best[0]:
            what = "prediction" if gold_side else "gold claim"
            best = (key, f"nearest {what}: {_headline(o.raw)} -- " + "; ".join(fails))
    if best is None:
        return "no " + ("prediction" if gold_side else "gold claim") + " in this document"
    return best[1]


def score(gold: list[dict[str, Any]], predicted: list[dict[str, Any]]) -> EvalReport:
    """Match predictions to gold claims and compute P/R/F1 and field accuracy."""
    golds = [_Norm.of(i, d) for i, d in enumerate(gold)]
    preds = [_Norm.of(i, d) for i, d in enumerate(predicted)]
    by_doc_g: dict[str, list[_Norm]] = {}
    by_doc_p: dict[str, list[_Norm]] = {}
    for g in golds:
        by_doc_g.setdefault(g.doc, []).append(g)
    for p in preds:
        by_doc_p.setdefault(p.doc, []).append(p)

    # candidate pairs: (-item rank, -evidence overlap, -fields agreeing, gold index, pred index)
    candidates: list[tuple[int, int, int, int, int]] = []
    for doc, gs in by_doc_g.items():
        for g in gs:
            for p in by_doc_p.get(doc, ()):
                if (g.type, g.actor, g.recipient) != (p.type, p.actor, p.recipient):
                    continue
                rank = item_overlap(g.item, p.item)
                if not rank:
                    continue
                overlap = evidence_overlap(g.evidence, p.evidence)
                if overlap:
                    agree = sum(field_agrees(g.raw, p.raw, k) for k in FIELDS)
                    candidates.append((-rank, -overlap, -agree, g.index, p.index))
    candidates.sort()

    used_g: dict[int, int] = {}
    used_p: set[int] = set()
    pairs: list[MatchedPair] = []
    field_correct = dict.fromkeys(FIELDS, 0)
    for _, neg_overlap, _, gi, pi in candidates:
        if gi in used_g or pi in used_p:
            continue
        used_g[gi] = pi
        used_p.add(pi)
        gold_claim, pred_claim = gold[gi], predicted[pi]
        wrong = tuple(k for k in FIELDS if not field_agrees(gold_claim, pred_claim, k))
        for k in FIELDS:
            field_correct[k] += k not in wrong
        pairs.append(MatchedPair(gold_claim, pred_claim, -neg_overlap, wrong, gi, pi))
    pairs.sort(key=lambda m: m.gold_index)

    per_doc: dict[str, DocScore] = {}
    for g in golds:
        s = per_doc.setdefault(g.doc, DocScore())
        s.gold += 1
        s.matched += g.index in used_g
    for p in preds:
        per_doc.setdefault(p.doc, DocScore()).predicted += 1

    misses = [Unmatched(g.raw, _nearest(g, by_doc_p.get(g.doc, []), used_p, True))
              for g in golds if g.index not in used_g]
    used_gp = set(used_g)
    false_claims = [Unmatched(p.raw, _nearest(p, by_doc_g.get(p.doc, []), used_gp, False))
                    for p in preds if p.index not in used_p]
    return EvalReport(
        gold=len(gold), predicted=len(predicted), matched=len(pairs),
        field_correct=field_correct, per_doc=per_doc, pairs=pairs,
        misses=misses, false_claims=false_claims,
    )


# ---------------------------------------------------------------------------- printing


def _headline(c: dict[str, Any]) -> str:
    """``[type] actor -> recipient: item`` for one claim."""
    actor = c.get("actor") or "-"
    recipient = c.get("recipient")
    parties = f"{actor} -> {recipient}" if recipient else str(actor)
    items = " | ".join(_wordings(c.get("item"))) or "-"
    return f"[{c.get('type')}] {parties}: {items}"


def _show(c: dict[str, Any], name: str) -> str:
    """A field's value as a person reads it."""
    if name == "quantity":
        q = c.get("quantity")
        if not isinstance(q, dict):
            return "null"
        parts = [f"{k}={_plain(q.get(k))}" for k in ("value", "lower", "upper")]
        extra = [f"{k}={q[k]}" for k in ("approx", "unit") if q.get(k)]
        return " ".join(parts + extra)
    if name == "when":
        w = c.get("when")
        if not isinstance(w, dict):
            return "null"
        return f"{w.get('start') or 'null'}..{w.get('end') or 'null'} ({w.get('text') or ''})"
    if name in ("source_kind", "source_country"):
        s = _sub(c, "source")
        v = s.get(name.split("_", 1)[1])
        return f"{v if v is not None else 'null'} (source: {s.get('name') or s.get('text')})"
    if name == "item":
        return " | ".join(_wordings(c.get("item"))) or "null"
    v = c.get(name)
    return "null" if v is None else str(v)


def _plain(x: Any) -> str:
    if x is None:
        return "null"
    if isinstance(x, float) and x.is_integer():
        return str(int(x))
    return str(x)


def _wrap(text: str, indent: str) -> list[str]:
    return textwrap.wrap(text, width=_WRAP, initial_indent=indent,
                         subsequent_indent=indent + "  ") or [indent]


def _evidence_lines(c: dict[str, Any], indent: str) -> list[str]:
    texts = _evidence_texts(c.get("evidence"))
    if not texts:
        return [indent + "evidence: (none)"]
    out = []
    for t in texts:
        out += _wrap(f'evidence: "{_WS.sub(" ", t).strip()}"', indent)
    return out


def _unmatched_lines(title: str, unmatched: list[Unmatched]) -> list[str]:
    """One listing of the report: each unmatched claim, its evidence, the nearest other."""
    lines = ["", f"{title}: {len(unmatched)}"]
    for m in unmatched:
        lines += _wrap(f"{m.claim.get('doc')} {_headline(m.claim)}", "  ")
        lines += _evidence_lines(m.claim, "      ")
        if m.near:
            lines += _wrap(m.near, "      ")
    return lines


def format_report(report: EvalReport) -> str:
    """The human report: totals, per document, per field, then every miss, false claim and
    field disagreement."""
    r = report
    lines = [
        "claims",
        f"  gold {r.gold}   predicted {r.predicted}   matched {r.matched}",
        f"  precision {r.precision:.3f}   recall {r.recall:.3f}   F1 {r.f1:.3f}",
        "",
        "per document",
    ]
    width = max([len(d) for d in r.per_doc] + [8])
    lines.append(f"  {'document':<{width}}  gold  pred  match      P      R     F1")
    for doc, s in sorted(r.per_doc.items()):
        p, rc, f = s.prf
        lines.append(f"  {doc or '(no doc)':<{width}}  {s.gold:>4}  {s.predicted:>4}  "
                     f"{s.matched:>5}  {p:.3f}  {rc:.3f}  {f:.3f}")
    lines += ["", f"field accuracy on {r.matched} matched pairs"]
    for k in FIELDS:
        if r.matched:
            lines.append(f"  {k:<15} {r.fields[k]:.3f}  ({r.field_correct[k]}/{r.matched})")
        else:
            lines.append(f"  {k:<15} n/a")

    lines += _unmatched_lines("misses (gold claims not matched)", r.misses)
    lines += _unmatched_lines("false claims (predictions not matched)", r.false_claims)

    wrong = [m for m in r.pairs if m.disagreements]
    n = sum(len(m.disagreements) for m in wrong)
    lines += ["", f"field disagreements on matched pairs: {n} in {len(wrong)} pairs"]
    for m in wrong:
        lines += _wrap(f"{m.gold.get('doc')} {_headline(m.gold)}", "  ")
        for k in m.disagreements:
            lines += _wrap(f"{k}: gold {_show(m.gold, k)} | predicted {_show(m.predicted, k)}",
                           "      ")
        gn, pn = _sub(m.gold, "source").get("name"), _sub(m.predicted, "source").get("name")
        if _fold(gn) != _fold(pn):
            lines += _wrap(f"source.name (shown, not scored): gold {gn} | predicted {pn}",
                           "      ")
    return "\n".join(lines) + "\n"
