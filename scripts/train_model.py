#!/usr/bin/env python3
"""Train the extractor's learned pass (``make model``) and print its cross-validation table.

1. Run the rules (the extractor with the learned pass off) over every annotated corpus we may
   train on: ../shared/dev, ../shared/dev2, the bundled samples, tests/data/tuning when it
   exists. Never tests/data/heldout*: those are only scored, at the end.
2. Label each predicted claim by the spec's matching (``supplyline.evaluate.score``): keep = it
   matches a gold claim; its status label is the matched gold claim's status.
3. Cross-validate by document (5 folds, stratified so that each fold mixes the areas), with
   the regularisation, the keep threshold and the status margin chosen inside the training
   folds (an inner cross-validation), never on the test fold. Report claim P/R/F1 of the rules
   alone against rules + keep filter, and status accuracy of the rules against the model,
   per fold, per corpus and pooled.
4. A component is enabled only when it beats the rules on the held-out folds (pooled F1 or
   accuracy higher, and not worse in most folds); otherwise it ships disabled.
5. Fit on everything trainable and write the weights (JSON coefficients, no pickle) to
   src/supplyline/extract/weights/learned.json; score the held-out corpora with them.

The labels depend on the rules' output: rerun ``make model`` after any rule change.
Requires scikit-learn (installed with the ``dev`` extra).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

from supplyline.config import Settings
from supplyline.evaluate import load_jsonl, score
from supplyline.extract import reader_for
from supplyline.extract.learned import (
    WEIGHTS,
    Cues,
    LearnedModel,
    Linear,
    claim_features,
    contexts,
    feature_schema,
    fingerprint,
)
from supplyline.model import Claim, Document
from supplyline.pipeline import extract_corpus

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@dataclass(frozen=True)
class Corpus:
    name: str
    docs: Path
    gold: Path
    required: bool = False  # training without it is refused (the model would differ)

    def area(self, doc_id: str) -> str:
        """dev2's areas are its id prefixes (n, w, i, o); other corpora are one area each."""
        return f"dev2:{doc_id[:1]}" if self.name == "dev2" else self.name

    @property
    def present(self) -> bool:
        return self.docs.exists() and self.gold.exists()


TRAINABLE = (
    Corpus("dev", SHARED / "dev" / "docs.jsonl", SHARED / "dev" / "gold.jsonl", required=True),
    Corpus("dev2", SHARED / "dev2" / "docs.jsonl", SHARED / "dev2" / "gold.jsonl", required=True),
    Corpus("samples", ROOT / "src/supplyline/data/samples/articles.jsonl",
           ROOT / "src/supplyline/data/samples_gold.jsonl", required=True),
    Corpus("tuning", ROOT / "tests/data/tuning/articles.jsonl",
           ROOT / "tests/data/tuning/gold.jsonl"),
)
HELD_OUT = (
    Corpus("heldout", ROOT / "tests/data/heldout/articles.jsonl",
           ROOT / "tests/data/heldout/gold.jsonl"),
    Corpus("heldout2", ROOT / "tests/data/heldout2/articles.jsonl",
           ROOT / "tests/data/heldout2/gold.jsonl"),
    Corpus("heldout3", ROOT / "tests/data/heldout3/articles.jsonl",
           ROOT / "tests/data/heldout3/gold.jsonl"),
)

C_GRID = (0.1, 0.3, 1.0)
THRESHOLDS = tuple(round(t, 2) for t in np.arange(0.0, 0.62, 0.02))
MARGINS = (0.0, 0.1, 0.2, 0.3, 0.5, 2.0)  # 2.0: never override the rules
FOLDS = 5
INNER_FOLDS = 4


# ---------------------------------------------------------------------------- data


@dataclass
class Row:
    """One predicted claim with its features and labels."""

    corpus: str
    area: str
    doc: str
    claim: dict[str, Any]
    features: dict[str, float]
    keep: int  # 1: matches a gold claim
    gold_status: str | None  # the matched gold claim's status


@dataclass
class Data:
    rows: list[Row] = field(default_factory=list)
    gold: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # by doc key
    area: dict[str, str] = field(default_factory=dict)  # doc key -> area
    corpus: dict[str, str] = field(default_factory=dict)  # doc key -> corpus

    def docs(self) -> list[str]:
        return sorted(self.area)


def doc_key(corpus: str, doc_id: str) -> str:
    return f"{corpus}/{doc_id}"


def collect(corpora: Iterable[Corpus], settings: Settings, log=print) -> Data:  # noqa: ANN001
    """Run the rules over the corpora; features and labels for every predicted claim."""
    reader = reader_for(settings)
    cues = Cues.of(reader.resources.vocab)
    data = Data()
    for corpus in corpora:
        t0 = time.perf_counter()
        gold_rows = load_jsonl(corpus.gold)
        per_doc: dict[str, list[tuple[Claim, Any]]] = {}
        documents: dict[str, Document] = {}
        for doc, claims in extract_corpus([str(corpus.docs)], settings=settings):
            documents[doc.id] = doc
            per_doc[doc.id] = [(c, None) for c in claims]
        texts = sorted({c.evidence[0].text for cs in per_doc.values() for c, _ in cs
                        if c.evidence})
        parsed = dict(zip(texts, reader.resources.nlp.pipe(texts), strict=True))

        def parse(c: Claim, parsed: dict[str, Any] = parsed) -> Any:
            return parsed[c.evidence[0].text][:]
        predicted: list[dict[str, Any]] = []
        rows: list[Row] = []
        for doc_id in sorted(per_doc):
            key = doc_key(corpus.name, doc_id)
            data.area[key] = corpus.area(doc_id)
            data.corpus[key] = corpus.name
            data.gold[key] = [g for g in gold_rows if g.get("doc") == doc_id]
            claims = [c for c, _ in per_doc[doc_id]]
            ctxs = contexts(claims, documents[doc_id], parse)
            for c, ctx in zip(claims, ctxs, strict=True):
                d = c.to_dict()
                predicted.append(d)
                rows.append(Row(corpus.name, corpus.area(doc_id), key, d,
                                claim_features(c, ctx, cues), 0, None))
        report = score([g for g in gold_rows if g.get("doc") in per_doc], predicted)
        for pair in report.pairs:
            rows[pair.predicted_index].keep = 1
            rows[pair.predicted_index].gold_status = str(pair.gold.get("status") or "done")
        data.rows.extend(rows)
        log(f"  {corpus.name}: {len(per_doc)} documents, {len(rows)} claims "
            f"({sum(r.keep for r in rows)} true), {report.gold} gold; rules F1 "
            f"{report.f1:.3f} ({time.perf_counter() - t0:.0f}s)")
    return data


# ---------------------------------------------------------------------------- fitting


def _vectorize(rows: Sequence[Row]) -> tuple[DictVectorizer, Any]:
    vec = DictVectorizer(sort=True)
    return vec, vec.fit_transform([r.features for r in rows])


def fit_linear(rows: Sequence[Row], labels: Sequence[str], c: float, seed: int) -> Linear:
    """A logistic regression over the rows' features, as named coefficients."""
    vec, x = _vectorize(rows)
    model = LogisticRegression(C=c, max_iter=5000, random_state=seed)
    model.fit(x, list(labels))
    names = vec.get_feature_names_out()
    classes = tuple(str(k) for k in model.classes_)
    coef = model.coef_  # (1, n) for two classes, (k, n) otherwise
    weights = {str(n): tuple(round(float(w), 6) for w in coef[:, j])
               for j, n in enumerate(names) if np.any(np.abs(coef[:, j]) >= 1e-6)}
    return Linear(classes, tuple(round(float(b), 6) for b in model.intercept_), weights)


def _keep_labels(rows: Sequence[Row]) -> list[str]:
    return ["keep" if r.keep else "drop" for r in rows]


def fit_keep(rows: Sequence[Row], c: float, seed: int) -> Linear | None:
    labels = _keep_labels(rows)
    if len(set(labels)) < 2:
        return None
    return fit_linear(rows, labels, c, seed)


def fit_status(rows: Sequence[Row], c: float, seed: int) -> Linear | None:
    matched = [r for r in rows if r.gold_status]
    labels = [r.gold_status or "" for r in matched]
    if len(set(labels)) < 2:
        return None
    return fit_linear(matched, labels, c, seed)


def _doc_folds(docs: Sequence[str], areas: Sequence[str], k: int, seed: int) -> list[list[str]]:
    """Documents split into k folds, each mixing the areas (stratified by area)."""
    counts = Counter(areas)
    # an area with fewer documents than folds cannot be stratified on its own
    strata = [a if counts[a] >= k else "small" for a in areas]
    if min(Counter(strata).values()) < k:
        strata = ["all"] * len(docs)
    splitter = StratifiedKFold(n_splits=k, shuffle=True, random_state=seed)
    out = []
    for _, test in splitter.split(np.zeros(len(docs)), strata):
        out.append([docs[i] for i in test])
    return out


def _label_f1(rows: Sequence[Row], probs: Sequence[float], threshold: float, gold: int) -> float:
    kept = [r for r, p in zip(rows, probs, strict=True) if p >= threshold]
    matched = sum(r.keep for r in kept)
    return 2 * matched / (len(kept) + gold) if kept or gold else 0.0


def _status_correct(model: Linear | None, rows: Sequence[Row], margin: float) -> int:
    fake = LearnedModel("", None, 0.0, False, model, margin, True, {})
    return sum(_override(fake, r) == r.gold_status for r in rows if r.gold_status)


def _override(model: LearnedModel, r: Row) -> str:
    return model.status_for(Claim.from_dict(r.claim), r.features)


@dataclass(frozen=True)
class Choice:
    keep_c: float
    threshold: float
    status_c: float
    margin: float


def choose(data: Data, docs: Sequence[str], seed: int) -> Choice:
    """Regularisation, keep threshold and status margin, chosen by an inner cross-validation
    over ``docs`` only (the training documents of an outer fold, or all of them)."""
    areas = [data.area[d] for d in docs]
    folds = _doc_folds(docs, areas, INNER_FOLDS, seed)
    by_doc = defaultdict(list)
    for r in data.rows:
        by_doc[r.doc].append(r)
    gold = sum(len(data.gold[d]) for d in docs)
    keep_oof: dict[float, list[tuple[Row, float]]] = {c: [] for c in C_GRID}
    status_hits: dict[tuple[float, float], int] = Counter()
    for test_docs in folds:
        held = set(test_docs)
        train = [r for d in docs if d not in held for r in by_doc[d]]
        test = [r for d in test_docs for r in by_doc[d]]
        for c in C_GRID:
            km = fit_keep(train, c, seed)
            keep_oof[c] += [(r, km.probabilities(r.features)["keep"] if km else 1.0)
                            for r in test]
            sm = fit_status(train, c, seed)
            for m in MARGINS:
                status_hits[(c, m)] += _status_correct(sm, test, m)
    best_keep = max((_label_f1([r for r, _ in keep_oof[c]], [p for _, p in keep_oof[c]],
                               t, gold), -t, -c) for c in C_GRID for t in THRESHOLDS)
    best_status = max((hits, m, -c) for (c, m), hits in status_hits.items())
    return Choice(keep_c=-best_keep[2], threshold=-best_keep[1], status_c=-best_status[2],
                  margin=best_status[1])


def fit_model(data: Data, docs: Sequence[str], seed: int, choice: Choice | None = None,
              enable: tuple[bool, bool] = (True, True), meta: dict | None = None
              ) -> LearnedModel:
    """Both models fitted on ``docs`` (hyper-parameters chosen inside them unless given)."""
    choice = choice or choose(data, docs, seed)
    held = set(docs)
    rows = [r for r in data.rows if r.doc in held]
    keep = fit_keep(rows, choice.keep_c, seed)
    status = fit_status(rows, choice.status_c, seed)
    return LearnedModel(feature_schema(), keep, choice.threshold, enable[0] and keep is not None,
                        status, choice.margin, enable[1] and status is not None,
                        {"keep_c": choice.keep_c, "status_c": choice.status_c,
                         **(meta or {})})


# ---------------------------------------------------------------------------- evaluation


@dataclass
class Tally:
    """Counts for P/R/F1 and status accuracy of one system on some documents."""

    gold: int = 0
    predicted: int = 0
    matched: int = 0
    status_right: int = 0
    status_pairs: int = 0

    def add(self, other: Tally) -> None:
        for k in vars(self):
            setattr(self, k, getattr(self, k) + getattr(other, k))

    @property
    def prf(self) -> tuple[float, float, float]:
        p = self.matched / self.predicted if self.predicted else 0.0
        r = self.matched / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    @property
    def status(self) -> float:
        return self.status_right / self.status_pairs if self.status_pairs else 0.0


def tally(gold: list[dict[str, Any]], predicted: list[dict[str, Any]]) -> Tally:
    rep = score(gold, predicted)
    right = sum("status" not in p.disagreements for p in rep.pairs)
    return Tally(rep.gold, rep.predicted, rep.matched, right, len(rep.pairs))


def apply(model: LearnedModel, rows: Sequence[Row], keep: bool, status: bool
          ) -> list[dict[str, Any]]:
    """The rows' claims after the learned pass (as in ``learned.rescore``)."""
    out = []
    for r in rows:
        if keep and model.keep_probability(r.features) < model.keep_threshold:
            continue
        d = r.claim
        if status:
            d = {**d, "status": _override(model, r)}
        out.append(d)
    return out


SYSTEMS = ("rules", "keep", "status", "both")
_FLAGS = {"rules": (False, False), "keep": (True, False), "status": (False, True),
          "both": (True, True)}


PerDoc = dict[str, dict[str, Tally]]  # system -> doc key -> tally


def evaluate_docs(model: LearnedModel, data: Data, docs: Sequence[str]) -> PerDoc:
    """Each system's tally on each of ``docs``."""
    by_doc = defaultdict(list)
    for r in data.rows:
        by_doc[r.doc].append(r)
    return {s: {d: tally(data.gold[d], apply(model, by_doc[d], *_FLAGS[s])) for d in docs}
            for s in SYSTEMS}


def grouped(data: Data, per_doc: PerDoc) -> dict[str, dict[str, Tally]]:
    """Tallies summed per corpus, per dev2 area, and over all documents ("all")."""
    out: dict[str, dict[str, Tally]] = {s: defaultdict(Tally) for s in SYSTEMS}
    for s, docs in per_doc.items():
        for d, t in docs.items():
            for key in dict.fromkeys((data.corpus[d], data.area[d], "all")):
                out[s][key].add(t)
    return out


def _row(name: str, t: Tally) -> str:
    p, r, f = t.prf
    return f"{name:<12} {t.gold:>5} {t.predicted:>5} {t.matched:>5}  {p:.3f} {r:.3f} {f:.3f}" \
           f"  {t.status:.3f} ({t.status_pairs})"


def print_table(title: str, results: dict[str, dict[str, Tally]], out=print) -> None:  # noqa: ANN001
    out(f"\n{title}")
    out(f"{'':<12} {'gold':>5} {'pred':>5} {'match':>5}  {'P':>5} {'R':>5} {'F1':>5}"
        "  status (pairs)")
    for key in sorted(results["rules"], key=lambda k: (k == "all", k)):
        for s in SYSTEMS:
            out(_row(f"{key if s == 'rules' else ''}", results[s][key]) + f"  {s}")


def cross_validate(data: Data, seed: int, out=print) -> dict[str, Any]:  # noqa: ANN001
    """Outer CV by document: per fold and pooled tallies of every system."""
    docs = data.docs()
    folds = _doc_folds(docs, [data.area[d] for d in docs], FOLDS, seed)
    pooled: PerDoc = {s: {} for s in SYSTEMS}
    per_fold = []
    out(f"\ncross-validation by document: {FOLDS} folds, {len(docs)} documents, "
        f"{len(data.rows)} claims")
    out(f"{'fold':<5} {'docs':>4} {'gold':>5}  {'rules F1':>8} {'+keep F1':>8}  "
        f"{'rules st':>8} {'model st':>8}  chosen inside the training folds")
    for k, test_docs in enumerate(folds, 1):
        held = set(test_docs)
        model = fit_model(data, [d for d in docs if d not in held], seed)
        res = evaluate_docs(model, data, test_docs)
        for s in SYSTEMS:
            pooled[s].update(res[s])
        a = {s: grouped(data, res)[s]["all"] for s in SYSTEMS}
        per_fold.append({s: {"f1": a[s].prf[2], "status": a[s].status} for s in SYSTEMS})
        out(f"{k:<5} {len(test_docs):>4} {a['rules'].gold:>5}  {a['rules'].prf[2]:>8.3f} "
            f"{a['keep'].prf[2]:>8.3f}  {a['rules'].status:>8.3f} {a['status'].status:>8.3f}"
            f"  C={model.meta['keep_c']} threshold={model.keep_threshold} "
            f"C_status={model.meta['status_c']} margin={model.status_margin}")
    print_table("pooled over the test folds (per corpus, dev2 by area, and all)",
                grouped(data, pooled), out)
    return {"folds": per_fold, "per_doc": pooled, "pooled": grouped(data, pooled)}


def _bootstrap(per_doc: PerDoc, system: str, measure: str, seed: int, n: int = 2000
               ) -> float:
    """The share of document resamples in which ``system`` beats the rules on ``measure``."""
    docs = sorted(per_doc["rules"])
    rng = np.random.default_rng(seed)
    wins = 0
    for _ in range(n):
        pick = rng.integers(0, len(docs), len(docs))
        a, b = Tally(), Tally()
        for i in pick:
            a.add(per_doc["rules"][docs[i]])
            b.add(per_doc[system][docs[i]])
        got = (b.prf[2] - a.prf[2]) if measure == "f1" else (b.status - a.status)
        wins += got > 0
    return wins / n


CONFIDENCE = 0.9  # a component ships enabled only if it beats the rules in 90% of resamples


def verdict(cv: dict[str, Any], seed: int) -> tuple[bool, bool, dict[str, Any]]:
    """Enable a component only when it beats the rules on the held-out folds: a higher
    pooled figure, better in most folds, and better in ``CONFIDENCE`` of the bootstrap
    resamples of the test documents (a gain that noise explains is no gain)."""
    pooled, folds = cv["pooled"], cv["folds"]
    f1_rules, f1_keep = pooled["rules"]["all"].prf[2], pooled["keep"]["all"].prf[2]
    st_rules, st_model = pooled["rules"]["all"].status, pooled["status"]["all"].status
    keep_wins = sum(f["keep"]["f1"] > f["rules"]["f1"] for f in folds)
    status_wins = sum(f["status"]["status"] > f["rules"]["status"] for f in folds)
    keep_sure = _bootstrap(cv["per_doc"], "keep", "f1", seed)
    status_sure = _bootstrap(cv["per_doc"], "status", "status", seed)
    keep_on = f1_keep > f1_rules and keep_wins > len(folds) / 2 and keep_sure >= CONFIDENCE
    status_on = st_model > st_rules and status_wins > len(folds) / 2 and \
        status_sure >= CONFIDENCE
    summary = {"f1_rules": round(f1_rules, 4), "f1_keep": round(f1_keep, 4),
               "keep_folds_won": keep_wins, "keep_bootstrap": round(keep_sure, 3),
               "status_rules": round(st_rules, 4), "status_model": round(st_model, 4),
               "status_folds_won": status_wins, "status_bootstrap": round(status_sure, 3),
               "folds": len(folds)}
    return keep_on, status_on, summary


def top_features(model: Linear | None, n: int = 12) -> list[str]:
    if model is None:
        return []
    if len(model.intercepts) == 1:
        ranked = sorted(model.weights.items(), key=lambda kv: kv[1][0])
        return ([f"  drop  {w[0]:+.2f}  {k}" for k, w in ranked[:n]]
                + [f"  keep  {w[0]:+.2f}  {k}" for k, w in reversed(ranked[-n:])])
    out = []
    for i, cls in enumerate(model.classes):
        ranked = sorted(model.weights.items(), key=lambda kv: -kv[1][i])[:4]
        out += [f"  {cls:<8} {w[i]:+.2f}  {k}" for k, w in ranked]
    return out


# ---------------------------------------------------------------------------- main


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--out", type=Path, default=WEIGHTS, help="where to write the weights")
    ap.add_argument("--cache", type=Path, help="reuse (or write) the collected rows here")
    ap.add_argument("--no-cv", action="store_true", help="fit and write only")
    args = ap.parse_args(argv)

    missing = [c for c in TRAINABLE if c.required and not c.present]
    if missing:
        print("cannot train: missing " + ", ".join(str(c.docs.parent) for c in missing)
              + " (../shared must be beside the checkout)", file=sys.stderr)
        return 2
    settings = Settings.from_env(learned=False)
    corpora = [c for c in TRAINABLE if c.present]
    print("collecting the rules' claims (learned pass off):")
    data = load_or_collect(args.cache, corpora, settings)

    keep_on, status_on = True, True
    summary: dict[str, Any] = {}
    if not args.no_cv:
        cv = cross_validate(data, args.seed)
        keep_on, status_on, summary = verdict(cv, args.seed)
        print(f"\nverdict: keep filter {'ENABLED' if keep_on else 'disabled'} "
              f"(pooled F1 {summary['f1_rules']:.3f} -> {summary['f1_keep']:.3f}, better in "
              f"{summary['keep_folds_won']}/{summary['folds']} folds and in "
              f"{summary['keep_bootstrap']:.0%} of document resamples); status model "
              f"{'ENABLED' if status_on else 'disabled'} (pooled accuracy "
              f"{summary['status_rules']:.3f} -> {summary['status_model']:.3f}, better in "
              f"{summary['status_folds_won']}/{summary['folds']} folds and in "
              f"{summary['status_bootstrap']:.0%} of resamples)")
    meta = {"seed": args.seed, "corpora": [c.name for c in corpora],
            "claims": len(data.rows), "documents": len(data.area), "cv": summary,
            "rules_fingerprint": rules_fingerprint(data)}
    model = fit_model(data, data.docs(), args.seed, enable=(keep_on, status_on), meta=meta)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(model.to_json(), indent=1, sort_keys=True) + "\n",
                        encoding="utf-8")
    print(f"\nwrote {args.out} ({args.out.stat().st_size / 1024:.0f} KiB): keep threshold "
          f"{model.keep_threshold}, status margin {model.status_margin}")
    print("keep filter, strongest features:", *top_features(model.keep), sep="\n")
    print("status model, strongest features:", *top_features(model.status), sep="\n")

    held = [c for c in HELD_OUT if c.present]
    if held:
        print("\nheld-out corpora (never trained on), the model fitted on everything above:")
        hdata = collect(held, settings, log=lambda *_: None)
        print_table("held out", grouped(hdata, evaluate_docs(model, hdata, hdata.docs())))
    return 0


def rules_fingerprint(data: Data) -> str:
    """A hash of the rules' claims on the bundled samples: when the rules change, it changes,
    and the shipped model (trained on the old rules' output) is stale."""
    return fingerprint([r.claim for r in data.rows if r.corpus == "samples"])


def load_or_collect(cache: Path | None, corpora: Sequence[Corpus], settings: Settings) -> Data:
    if cache and cache.exists():
        raw = json.loads(cache.read_text(encoding="utf-8"))
        if raw.get("schema") == feature_schema():
            print(f"  (rows read from {cache})")
            return Data([Row(**r) for r in raw["rows"]], raw["gold"], raw["area"],
                        raw["corpus"])
    data = collect(corpora, settings)
    if cache:
        cache.write_text(json.dumps({"schema": feature_schema(),
                                     "rows": [vars(r) for r in data.rows], "gold": data.gold,
                                     "area": data.area, "corpus": data.corpus}),
                         encoding="utf-8")
    return data


if __name__ == "__main__":
    sys.exit(main())
