"""The evaluation gate: extraction scores on annotated corpora stay at or above pinned floors.

Scores come from the real command (`supplyline eval GOLD --docs CORPUS --json`), scored as
../shared/spec/claims.md says. Floors live in eval_floors.json beside the issue's targets.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from supplyline.cli import cli

ROOT = Path(__file__).resolve().parents[1]
FLOORS = json.loads((Path(__file__).parent / "eval_floors.json").read_text(encoding="utf-8"))
CORPORA = [name for name in FLOORS if not name.startswith("_")]


def _scores(name: str) -> dict:
    spec = FLOORS[name]
    gold, docs = ROOT / spec["gold"], ROOT / spec["docs"]
    if not gold.exists() or not docs.exists():
        pytest.skip(f"{name}: {gold.parent} is not beside the checkout")
    result = CliRunner().invoke(cli, ["eval", str(gold), "--docs", str(docs), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout.strip().splitlines()[-1])
    return {"f1": report["f1"], **report["fields"]}


@pytest.fixture(scope="module")
def scores() -> dict[str, dict]:
    return {}


@pytest.mark.parametrize("name", CORPORA)
def test_scores_stay_above_their_floors(name: str, scores: dict[str, dict]) -> None:
    got = scores.setdefault(name, _scores(name))
    low = {k: (round(got[k], 3), floor) for k, floor in FLOORS[name]["floor"].items()
           if got[k] < floor}
    assert not low, f"{name}: below the pinned floor (score, floor): {low}"


@pytest.mark.parametrize("name", CORPORA)
def test_floors_never_exceed_the_targets(name: str) -> None:
    spec = FLOORS[name]
    assert set(spec["floor"]) == set(spec["target"])
    assert all(spec["floor"][k] <= spec["target"][k] for k in spec["floor"])
