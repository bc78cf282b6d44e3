"""The learned pass: its features, its linear models, the shipped weights, and the training
script's reproducibility (scripts/train_model.py, ``make model``)."""

from __future__ import annotations

import importlib.util
import json
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path
from types import ModuleType

import pytest

from supplyline.clean import clean
from supplyline.config import Settings
from supplyline.extract import Extractor, extract_document, reader_for
from supplyline.extract.learned import (
    WEIGHTS,
    ClaimContext,
    Cues,
    LearnedModel,
    Linear,
    StaleModelError,
    claim_features,
    contexts,
    feature_schema,
    load_model,
    rescore,
)
from supplyline.extract.pipeline import DOCUMENT_PASSES
from supplyline.model import Claim, Document

ROOT = Path(__file__).resolve().parents[2]
TEXT = ("North Korea has sent 3,000 troops to Russia, South Korea's spy agency said. "
        "Officials said China might send drones to Russia next year.")
RULES_ONLY = Settings.from_env(learned=False)


def trainer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("train_model", ROOT / "scripts/train_model.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def example() -> tuple[Document, list[Claim], list[ClaimContext], Cues]:
    doc = Document(id="t", text=TEXT, published=date(2025, 3, 1))
    claims = extract_document(doc, settings=RULES_ONLY)
    reader = reader_for(RULES_ONLY)
    ctxs = contexts(claims, doc, lambda c: reader.resources.nlp(c.evidence[0].text)[:])
    return doc, claims, ctxs, Cues.of(reader.resources.vocab)


def _claim(claims: list[Claim], type_: str) -> int:
    return next(i for i, c in enumerate(claims) if c.type == type_)


def test_features_read_the_parse_and_the_claim(example) -> None:  # noqa: ANN001
    _, claims, ctxs, cues = example
    i = _claim(claims, "personnel")
    f = claim_features(claims[i], ctxs[i], cues)
    assert f["type=personnel"] == f["item_class=personnel"] == 1.0
    assert f["pred_group=transfer:give"] == 1.0  # "sent"
    assert f["pred_lemma=send"] == 1.0  # a cue word: a lexical feature
    assert f["actor_here=True"] == f["recipient_here=True"] == 1.0
    assert f["quantity=True"] == 1.0
    assert f["source_kind=intelligence"] == f["source_here=True"] == 1.0
    assert 0.0 <= f["position"] < 0.5
    j = _claim(claims, "weapons")
    g = claim_features(claims[j], ctxs[j], cues)
    assert g["clause_modal=True"] == g["clause_cue=possible"] == 1.0  # "might send"
    assert g["status=possible"] == 1.0


def test_only_cue_words_become_lexical_features(example) -> None:  # noqa: ANN001
    doc, claims, _, cues = example
    reader = reader_for(RULES_ONLY)
    # the same claim told with a verb no cue list has: its lemma is "other", not the word
    odd = reader.resources.nlp("North Korea has teleported 3,000 troops to Russia.")[:]
    ctx = contexts([claims[0]], doc, lambda c: odd)[0]
    f = claim_features(claims[0], ctx, cues)
    assert not any(k.startswith("pred_lemma=teleport") for k in f)


def test_linear_models_give_probabilities() -> None:
    binary = Linear(("drop", "keep"), (0.5,), {"a=1": (2.0,)})
    p = binary.probabilities({"a=1": 1.0})
    assert p["keep"] == pytest.approx(1 / (1 + 2.718281828 ** -2.5), rel=1e-6)
    assert sum(p.values()) == pytest.approx(1.0)
    multi = Linear(("done", "pledged", "possible"), (0.0, 0.0, 0.0),
                   {"b=1": (0.0, 3.0, 0.0)})
    q = multi.probabilities({"b=1": 1.0, "unknown=1": 1.0})
    assert max(q, key=lambda k: q[k]) == "pledged" and sum(q.values()) == pytest.approx(1)
    assert Linear.from_json(multi.to_json()) == multi


def _model(keep: Linear | None, status: Linear | None, threshold: float = 0.5,
           margin: float = 0.0) -> LearnedModel:
    return LearnedModel(feature_schema(), keep, threshold, keep is not None, status, margin,
                        status is not None, {})


def test_rescore_drops_below_the_threshold_and_overrides_status(example) -> None:  # noqa: ANN001
    doc, claims, _, cues = example
    reader = reader_for(RULES_ONLY)

    def parse(c: Claim):  # noqa: ANN202
        return reader.resources.nlp(c.evidence[0].text)[:]

    no_weapons = Linear(("drop", "keep"), (2.0,), {"type=weapons": (-5.0,)})
    kept = rescore(claims, doc, parse, cues, _model(no_weapons, None))
    assert [c.type for c in kept] == [c.type for c in claims if c.type != "weapons"]
    # the status model overrides only where it beats the rules' status by the margin
    to_pledged = Linear(("done", "pledged"), (0.0,), {"type=personnel": (4.0,)})
    changed = rescore(claims, doc, parse, cues, _model(None, to_pledged))
    assert changed[_claim(claims, "personnel")].status == "pledged"
    cautious = rescore(claims, doc, parse, cues, _model(None, to_pledged, margin=0.99))
    assert cautious[_claim(claims, "personnel")].status == claims[
        _claim(claims, "personnel")].status
    # switched off, the pass returns the rules' claims untouched
    assert rescore(claims, doc, parse, cues, _model(no_weapons, to_pledged), keep=False,
                   status=False) == claims


def test_shipped_weights_load_and_match_the_feature_code() -> None:
    """Fails when the features changed since `make model` wrote the weights: rerun it."""
    model = load_model(WEIGHTS)
    assert model.schema == feature_schema()
    assert model.keep is not None and model.status is not None
    assert WEIGHTS.stat().st_size < 2_000_000
    cv = model.meta["cv"]
    # shipped enabled only where cross-validation says it beats the rules
    assert not model.keep_enabled or cv["f1_keep"] > cv["f1_rules"]
    assert not model.status_enabled or cv["status_model"] > cv["status_rules"]


def test_weights_of_another_feature_set_are_refused(tmp_path: Path) -> None:
    raw = json.loads(WEIGHTS.read_text(encoding="utf-8"))
    stale = tmp_path / "stale.json"
    stale.write_text(json.dumps({**raw, "schema": "0000000000000000"}), encoding="utf-8")
    with pytest.raises(StaleModelError, match="make model"):
        load_model(stale)
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    with pytest.raises(StaleModelError, match="cannot read"):
        load_model(broken)


def test_an_enabled_model_was_trained_on_these_rules() -> None:
    """The labels are the rules' output: after a rule change an enabled model is stale."""
    model = load_model(WEIGHTS)
    if not model.enabled:
        pytest.skip("the learned pass ships disabled: the rules' output is not pinned")
    pytest.importorskip("sklearn")
    tm = trainer()
    corpus = next(c for c in tm.TRAINABLE if c.name == "samples")
    data = tm.collect([corpus], RULES_ONLY, log=lambda *_: None)
    assert tm.rules_fingerprint(data) == model.meta["rules_fingerprint"], \
        "the rules changed since the learned model was trained: run `make model`"


def test_training_is_reproducible() -> None:
    """Same rows, same seed: the same weights, byte for byte."""
    pytest.importorskip("sklearn")
    tm = trainer()
    corpus = next(c for c in tm.TRAINABLE if c.name == "samples")
    data = tm.collect([corpus], RULES_ONLY, log=lambda *_: None)
    first = tm.fit_model(data, data.docs(), seed=7)
    second = tm.fit_model(data, data.docs(), seed=7)
    assert json.dumps(first.to_json(), sort_keys=True) == \
        json.dumps(second.to_json(), sort_keys=True)
    assert first.schema == feature_schema() and first.keep is not None
    # a model that drops everything is never chosen: the threshold keeps the F1 best
    kept = [r for r in data.rows if first.keep_probability(r.features) >= first.keep_threshold]
    assert len(kept) >= sum(r.keep for r in data.rows) * 0.9


def test_the_rescore_pass_runs_last_in_the_extractor(example) -> None:  # noqa: ANN001
    doc, claims, _, _ = example
    assert DOCUMENT_PASSES[-1].name == "rescore"
    r = reader_for(RULES_ONLY).resources
    assert r.rescorer is None  # the rules alone: SUPPLYLINE_LEARNED=off
    no_weapons = Linear(("drop", "keep"), (2.0,), {"type=weapons": (-5.0,)})
    with_model = Extractor.build(r.vocab, r.nlp, check=True, learned=_model(no_weapons, None))
    got = with_model.read(doc, clean(doc))
    assert [c.type for c in got] == [c.type for c in claims if c.type != "weapons"]
    # weights whose components are all off build no rescorer: the pass costs nothing
    off = replace(_model(no_weapons, None), keep_enabled=False)
    assert Extractor.build(r.vocab, r.nlp, learned=off).resources.rescorer is None
