"""Tests for the scorer: matching, greedy assignment, field accuracy, P/R/F1 and the report."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from supplyline.evaluate import (
    FIELDS,
    evidence_overlap,
    fold_text,
    format_report,
    head_noun,
    load_jsonl,
    score,
    singular,
)
from supplyline.model import Claim

SEEDS_GOLD = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "gold.jsonl"

SENT = ("North Korea had already sent more than 11,000 troops to Russia in October of the "
        "previous year, Ukrainian intelligence said.")


def gold_claim(**kw: Any) -> dict[str, Any]:
    """A gold claim in the spec's shape (evidence a string), overridable field by field."""
    c: dict[str, Any] = {
        "doc": "d1", "evidence": SENT, "type": "personnel",
        "actor": "North Korea", "recipient": "Russia", "item": "troops",
        "quantity": {"value": 11000, "lower": 11000, "upper": None, "approx": "more than"},
        "basis": None, "status": "done",
        "when": {"text": "in October of the previous year",
                 "start": "2024-10-01", "end": "2024-10-31"},
        "source": {"text": "Ukrainian intelligence", "name": "HUR",
                   "kind": "intelligence", "country": "Ukraine"},
        "place": None,
    }
    c.update(kw)
    return c


def pred_claim(**kw: Any) -> dict[str, Any]:
    """The same claim in the predicted shape: evidence as ``{text, start, end}`` objects."""
    ev = kw.pop("evidence", SENT)
    texts = ev if isinstance(ev, list) else [ev]
    c = gold_claim(**kw)
    c["evidence"] = [{"text": t, "start": 0, "end": len(t)} for t in texts]
    return c


# ---------------------------------------------------------------------------- matching


def test_perfect_match() -> None:
    r = score([gold_claim()], [pred_claim()])
    assert (r.matched, r.precision, r.recall, r.f1) == (1, 1.0, 1.0, 1.0)
    assert r.fields == dict.fromkeys(FIELDS, 1.0)
    assert not r.misses and not r.false_claims


def test_type_mismatch_not_matched() -> None:
    r = score([gold_claim()], [pred_claim(type="combat")])
    assert r.matched == 0
    assert len(r.misses) == 1 and len(r.false_claims) == 1
    assert "type personnel vs combat" in (r.misses[0].near or "")


def test_other_doc_not_matched() -> None:
    assert score([gold_claim()], [pred_claim(doc="d2")]).matched == 0


def test_actor_case_and_space_folded() -> None:
    r = score([gold_claim()], [pred_claim(actor="  north   KOREA ", recipient="RUSSIA")])
    assert r.matched == 1


def test_actor_and_recipient_must_agree() -> None:
    assert score([gold_claim()], [pred_claim(actor="Iran")]).matched == 0
    assert score([gold_claim()], [pred_claim(recipient="Ukraine")]).matched == 0
    assert score([gold_claim()], [pred_claim(recipient=None)]).matched == 0


def test_null_recipient_equals_null_and_missing() -> None:
    g = gold_claim(type="production", recipient=None, item="drones")
    p = pred_claim(type="production", item="drones")
    del p["recipient"]
    assert score([g], [p]).matched == 1


def test_evidence_containment() -> None:
    short = "sent more than 11,000 troops to Russia"
    assert score([gold_claim()], [pred_claim(evidence=short)]).matched == 1
    # and the other way round: the gold span is the shorter one
    assert score([gold_claim(evidence=short)], [pred_claim()]).matched == 1


def test_evidence_shared_run_of_40() -> None:
    common = "north korea is preparing to send more troops"  # 44 characters
    a = f"The agency said on Friday that {common} to the front before winter."
    b = f"According to Seoul, {common}, a senior lawmaker told reporters."
    assert common in fold_text(a) and common in fold_text(b)
    assert evidence_overlap([a], [b]) >= 40
    assert score([gold_claim(evidence=a)], [pred_claim(evidence=b)]).matched == 1


def test_evidence_short_run_not_enough() -> None:
    a = "The agency said on Friday that more troops are coming to the front before winter."
    b = "Lawmakers in Seoul said more troops are coming, citing the spy agency briefing today."
    # the longest shared run ("more troops are coming", 22 chars) is below min(40, half)
    assert evidence_overlap([a], [b]) == 0
    assert score([gold_claim(evidence=a)], [pred_claim(evidence=b)]).matched == 0


def test_evidence_half_the_shorter() -> None:
    # shorter text is 24 chars: a shared run of 12 suffices
    assert evidence_overlap(["Troops were sent to Kursk"], ["xx were sent to yy"]) > 0
    assert evidence_overlap(["Troops were sent to Kursk"], ["Kursk oblast fighting"]) == 0


def test_evidence_non_overlap() -> None:
    other = "Russia has fired North Korean KN-23 missiles at Kyiv on several occasions."
    r = score([gold_claim()], [pred_claim(evidence=other)])
    assert r.matched == 0
    assert "evidence does not overlap" in (r.misses[0].near or "")


def test_prediction_without_evidence_never_matches() -> None:
    assert score([gold_claim()], [pred_claim(evidence=[])]).matched == 0


def test_curly_and_straight_quotes_fold() -> None:
    curly = "Kim\u2019s \u201cgift\u201d to Putin\u2019s army"
    straight = "Kim's \"gift\" to Putin's army"
    assert fold_text(curly) == fold_text(straight)
    # without quote folding no run is long enough: the score depends on the folding
    r = score([gold_claim(evidence=curly)], [pred_claim(evidence=straight)])
    assert r.matched == 1


def test_whitespace_and_case_fold() -> None:
    assert fold_text("  North\n Korea\t\u00a0SENT ") == "north korea sent"


@pytest.mark.parametrize(("word", "expected"), [
    ("howitzers", "howitzer"), ("missiles", "missile"), ("batteries", "battery"),
    ("personnel", "personnel"), ("troops", "troop"), ("launches", "launch"),
    ("losses", "loss"), ("f-16s", "f-16"), ("servicemen", "serviceman"),
    ("ammunition", "ammunition"), ("torpedoes", "torpedo"), ("analysis", "analysis"),
    ("gas", "gas"), ("supplies", "supply"), ("shells", "shell"),
])
def test_singular(word: str, expected: str) -> None:
    assert singular(word) == expected


def test_head_noun() -> None:
    assert head_noun("170mm Self-Propelled Howitzers") == "howitzer"
    assert head_noun("kn-23 missiles") == "missile"
    assert head_noun("") is None and head_noun(None) is None


def test_item_head_noun_singularised_for_matching() -> None:
    g = gold_claim(type="weapons", item="170mm self-propelled howitzers")
    assert score([g], [pred_claim(type="weapons", item="howitzer")]).matched == 1
    assert score([g], [pred_claim(type="weapons", item="rocket launchers")]).matched == 0


def test_item_missing_on_one_side_still_matches() -> None:
    assert score([gold_claim()], [pred_claim(item=None)]).matched == 1
    assert score([gold_claim(item=None)], [pred_claim()]).matched == 1


def test_greedy_best_item_first() -> None:
    ev = ("North Korea has already sent 240mm rocket launchers and multiple launchers, "
          "the JCS said.")
    golds = [gold_claim(type="weapons", evidence=ev, item="240mm rocket launchers"),
             gold_claim(type="weapons", evidence=ev, item="multiple launchers")]
    # in file order the first prediction would go to the first gold claim (shared head noun)
    preds = [pred_claim(type="weapons", evidence=ev, item="multiple launchers"),
             pred_claim(type="weapons", evidence=ev, item="240mm rocket launchers")]
    r = score(golds, preds)
    assert r.matched == 2
    assert {(m.gold["item"], m.predicted["item"]) for m in r.pairs} == {
        ("240mm rocket launchers", "240mm rocket launchers"),
        ("multiple launchers", "multiple launchers"),
    }


def test_greedy_exact_before_missing_item() -> None:
    golds = [gold_claim(item=None), gold_claim(item="troops")]
    preds = [pred_claim(item="troops"), pred_claim(item=None)]
    r = score(golds, preds)
    assert r.matched == 2
    assert {(m.gold_index, m.predicted_index) for m in r.pairs} == {(1, 0), (0, 1)}
    assert r.fields["item"] == 1.0


def test_gold_matched_at_most_once() -> None:
    r = score([gold_claim()], [pred_claim(), pred_claim()])
    assert (r.matched, len(r.false_claims)) == (1, 1)
    assert "taken by another" in (r.false_claims[0].near or "")


def test_gold_evidence_list() -> None:
    other = "The detection of North Korea's preparations to send more troops is worrying."
    g = gold_claim(evidence=["An unrelated headline about something else entirely.", other])
    assert score([g], [pred_claim(evidence=other)]).matched == 1


def test_gold_item_list() -> None:
    g = gold_claim(type="weapons", item=["suicide drones", "weaponry", "military equipment"])
    r = score([g], [pred_claim(type="weapons", item="equipment")])
    assert r.matched == 1 and r.fields["item"] == 1.0


# ---------------------------------------------------------------------------- fields


def test_field_quantity() -> None:
    same = {"value": 11000.0, "lower": 11000, "upper": None, "approx": "over"}
    assert score([gold_claim()], [pred_claim(quantity=same)]).fields["quantity"] == 1.0
    other = {"value": 11000, "lower": None, "upper": None, "approx": None}
    r = score([gold_claim()], [pred_claim(quantity=other)])
    assert r.fields["quantity"] == 0.0
    assert r.pairs[0].disagreements == ("quantity",)
    assert score([gold_claim(quantity=None)], [pred_claim(quantity=None)]).fields[
        "quantity"] == 1.0
    assert score([gold_claim()], [pred_claim(quantity=None)]).fields["quantity"] == 0.0


def test_field_when_by_month() -> None:
    same_month = {"text": "in October", "start": "2024-10-05", "end": "2024-10-20"}
    assert score([gold_claim()], [pred_claim(when=same_month)]).fields["when"] == 1.0
    other = {"text": "in November", "start": "2024-11-01", "end": "2024-11-30"}
    assert score([gold_claim()], [pred_claim(when=other)]).fields["when"] == 0.0
    assert score([gold_claim()], [pred_claim(when=None)]).fields["when"] == 0.0
    open_end = {"text": "soon", "start": "2025-07-03", "end": None}
    r = score([gold_claim(when=open_end)], [pred_claim(when={**open_end, "end": "2025-07-31"})])
    assert r.fields["when"] == 0.0
    unresolved = {"text": "in winter", "start": None, "end": None}
    assert score([gold_claim(when=None)], [pred_claim(when=unresolved)]).fields["when"] == 1.0


def test_field_missing_keys_are_null() -> None:
    g = gold_claim(place="Kursk region", basis="additional")
    p = pred_claim()
    for k in ("place", "basis", "source", "when", "quantity"):
        del p[k]
    r = score([g], [p])
    assert r.matched == 1
    assert set(r.pairs[0].disagreements) == {
        "place", "basis", "source_kind", "source_country", "when", "quantity"}


def test_field_text_case_folded() -> None:
    p = pred_claim(place="kursk Region", status="DONE",
                   source={"kind": "Intelligence", "country": "ukraine"})
    r = score([gold_claim(place="Kursk region")], [p])
    assert r.pairs[0].disagreements == ()


def test_field_item() -> None:
    assert score([gold_claim()], [pred_claim(item="troop")]).fields["item"] == 1.0
    assert score([gold_claim()], [pred_claim(item=None)]).fields["item"] == 0.0
    assert score([gold_claim(item=None)], [pred_claim(item=None)]).fields["item"] == 1.0


def test_no_matches_fields_zero_and_na() -> None:
    r = score([gold_claim()], [])
    assert r.fields == dict.fromkeys(FIELDS, 0.0)
    assert (r.precision, r.recall, r.f1) == (0.0, 0.0, 0.0)
    assert "n/a" in format_report(r)


# ---------------------------------------------------------------------------- totals


def test_prf_arithmetic_and_per_doc() -> None:
    other = "Russia has fired North Korean KN-23 missiles at Kyiv on several occasions."
    golds = [gold_claim(), gold_claim(item="workers"), gold_claim(doc="d2"),
             gold_claim(doc="d2", type="combat", recipient=None, evidence=other)]
    preds = [pred_claim(), pred_claim(doc="d2"), pred_claim(doc="d3")]
    r = score(golds, preds)
    assert (r.gold, r.predicted, r.matched) == (4, 3, 2)
    assert r.precision == pytest.approx(2 / 3)
    assert r.recall == pytest.approx(0.5)
    assert r.f1 == pytest.approx(2 * (2 / 3) * 0.5 / (2 / 3 + 0.5))
    js = r.to_json()
    assert set(js) == {"precision", "recall", "f1", "fields", "per_doc",
                       "matched", "gold", "predicted"}
    assert set(js["fields"]) == set(FIELDS)
    assert js["per_doc"]["d1"] == {"gold": 2, "predicted": 1, "matched": 1, "precision": 1.0,
                                   "recall": 0.5, "f1": pytest.approx(2 / 3)}
    assert js["per_doc"]["d3"]["precision"] == 0.0
    assert js["per_doc"]["d3"]["gold"] == 0
    json.dumps(js)  # serialisable


def test_report_lists_misses_false_claims_and_disagreements() -> None:
    other = "Russia has fired North Korean KN-23 missiles at Kyiv on several occasions."
    golds = [gold_claim(), gold_claim(type="combat", actor="Russia", recipient=None,
                                      item="kn-23 missiles", evidence=other)]
    preds = [pred_claim(status="planned"),
             pred_claim(type="weapons", actor="Iran", item="drones",
                        evidence="Iran sent Shahed drones to Russia.")]
    text = format_report(score(golds, preds))
    assert "misses (gold claims not matched): 1" in text
    assert "[combat] Russia: kn-23 missiles" in text
    assert "KN-23 missiles at Kyiv" in text
    assert "false claims (predictions not matched): 1" in text
    assert "Iran sent Shahed drones to Russia." in text
    assert "status: gold done | predicted planned" in text
    assert all(len(line) <= 100 for line in text.splitlines())


def test_load_jsonl(tmp_path: Path) -> None:
    p = tmp_path / "g.jsonl"
    p.write_text(json.dumps(gold_claim()) + "\n\n" + json.dumps(gold_claim(doc="d2")) + "\n")
    assert [c["doc"] for c in load_jsonl(p)] == ["d1", "d2"]
    p.write_text("{not json}\n")
    with pytest.raises(ValueError, match=":1:"):
        load_jsonl(p)


@pytest.mark.skipif(not SEEDS_GOLD.exists(), reason="shared seed gold not available")
def test_seed_gold_scores_perfectly_against_itself() -> None:
    gold = load_jsonl(SEEDS_GOLD)
    predicted = [Claim.from_dict(g).to_dict() for g in gold]
    assert all(isinstance(p["evidence"], list) and isinstance(p["item"], str | None)
               for p in predicted)
    predicted.reverse()  # order must not matter
    r = score(gold, predicted)
    assert r.matched == len(gold) == len(predicted)
    assert r.f1 == 1.0
    assert r.fields == dict.fromkeys(FIELDS, 1.0)
