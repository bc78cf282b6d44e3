"""Standard JSON only: no command, export or store ever writes ``Infinity`` or ``NaN``."""

from __future__ import annotations

import ast
import json
import math
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

import supplyline
from supplyline.cli import cli
from supplyline.model import Quantity

SOURCE = Path(supplyline.__file__).parent


def strict(line: str) -> object:
    """``json.loads`` that refuses the non-standard constants."""
    def refuse(name: str) -> None:
        raise ValueError(f"non-standard JSON: {name}")
    return json.loads(line, parse_constant=refuse)


def test_every_json_writer_refuses_non_finite_numbers() -> None:
    loose = []
    for path in sorted(SOURCE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
                    node.func.attr in ("dump", "dumps") and \
                    isinstance(node.func.value, ast.Name) and node.func.value.id == "json" \
                    and not any(k.arg == "allow_nan" and isinstance(k.value, ast.Constant)
                                and k.value.value is False for k in node.keywords):
                loose.append(f"{path.relative_to(SOURCE)}:{node.lineno}")
    assert not loose, "json.dump(s) without allow_nan=False: " + ", ".join(loose)


@pytest.mark.parametrize("figure", [math.inf, -math.inf, math.nan])
def test_a_quantity_holds_no_non_finite_figure(figure: float) -> None:
    q = Quantity(figure, figure, figure, "about")
    assert (q.value, q.lower, q.upper, q.approx) == (None, None, None, "about")


def test_a_figure_stored_as_infinity_by_an_older_version_is_written_as_standard_json(
        tmp_path: Path) -> None:
    corpus = tmp_path / "c.jsonl"
    corpus.write_text('{"id": "d", "text": "Poland delivered 40 tanks to Ukraine."}\n',
                      encoding="utf-8")
    db = tmp_path / "s.db"
    supplyline.ingest([corpus], db)
    with sqlite3.connect(db) as con:  # what an older version stored for "9" * 400 tanks
        con.execute("UPDATE claims SET quantity_value = 9e999, "
                    "json = replace(json, '\"value\": 40.0', '\"value\": Infinity')")
        assert con.execute("SELECT json FROM claims").fetchone()[0].count("Infinity") == 1
    runner = CliRunner()
    for args in (["claims", "--json"], ["export", "--format", "jsonl"]):
        result = runner.invoke(cli, ["--db", str(db), *args], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        rows = [strict(line) for line in result.output.splitlines() if line.strip()]
        assert rows and "Infinity" not in result.output
