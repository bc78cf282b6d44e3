"""Options where people type them: --db and --quiet after the command as well as before it,
and names resolved through the vocabulary's aliases wherever a name is asked for."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner, Result

from corpus_factories import write_corpus
from supplyline.cli import cli


def invoke(*args: Any, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], env=env, catch_exceptions=False)


def lines(result: Result) -> list[dict[str, Any]]:
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def leaf_commands() -> list[tuple[str, click.Command]]:
    out: list[tuple[str, click.Command]] = []
    for name, command in cli.commands.items():
        if isinstance(command, click.Group):
            out += [(f"{name} {n}", c) for n, c in command.commands.items()]
        else:
            out.append((name, command))
    return out


@pytest.mark.parametrize(("name", "command"), leaf_commands(), ids=lambda x: str(x))
def test_every_command_takes_db_and_quiet_after_it(name: str, command: click.Command) -> None:
    opts = {o for p in command.params for o in p.opts}
    assert {"--db", "--quiet", "-q"} <= opts, name
    assert "--db PATH_OR_URL" in invoke(*name.split(), "--help").stdout, name


def test_db_after_the_command_is_the_one_used(sample_db: Path, tmp_path: Path) -> None:
    before = invoke("--db", sample_db, "claims", "--json")
    after = invoke("claims", "--db", sample_db, "--json")
    assert before.exit_code == after.exit_code == 0
    assert lines(after) == lines(before) and lines(after)
    # given twice, the one after the command wins; the environment only fills in
    missing = tmp_path / "none.db"
    wins = invoke("--db", missing, "claims", "--db", sample_db, "--json",
                  env={"SUPPLYLINE_DB": str(missing)})
    assert wins.exit_code == 0 and lines(wins) == lines(before)
    env_only = invoke("claims", "--json", env={"SUPPLYLINE_DB": str(sample_db)})
    assert lines(env_only) == lines(before)
    gone = invoke("claims", "--db", missing)
    assert gone.exit_code == 1 and f"no database at {missing}" in gone.stderr


def test_db_after_a_subcommand_of_db(sample_db: Path) -> None:
    result = invoke("db", "version", "--db", sample_db)
    assert result.exit_code == 0 and str(sample_db) in result.stdout


def test_quiet_after_the_command(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "docs")
    loud = invoke("ingest", corpus, "--db", tmp_path / "loud.db")
    assert loud.exit_code == 0 and "Claims found" in loud.stdout
    quiet = invoke("ingest", corpus, "--db", tmp_path / "quiet.db", "--quiet")
    assert quiet.exit_code == 0 and quiet.output == ""
    short = invoke("ingest", "-q", corpus, "--db", tmp_path / "short.db")
    assert short.exit_code == 0 and short.output == ""


# -- names --------------------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["North Korea", "north korea", "DPRK", "pyongyang",
                                   "North Korean", "the DPRK", "N. Korea"])
def test_actor_aliases_in_claims_and_facts(sample_db: Path, typed: str) -> None:
    expected = lines(invoke("--db", sample_db, "claims", "--actor", "North Korea", "--json"))
    assert expected and {c["actor"] for c in expected} == {"North Korea"}
    assert lines(invoke("--db", sample_db, "claims", "--actor", typed, "--json")) == expected
    facts = lines(invoke("--db", sample_db, "facts", "--actor", typed, "--json"))
    assert facts and {f["actor"] for f in facts} == {"North Korea"}


def test_recipient_the_kremlin(sample_db: Path) -> None:
    russia = lines(invoke("--db", sample_db, "claims", "--recipient", "Russia", "--json"))
    kremlin = lines(invoke("--db", sample_db, "claims", "--recipient", "the Kremlin", "--json"))
    assert russia and kremlin == russia
    both = lines(invoke("--db", sample_db, "facts", "--actor", "DPRK", "--recipient",
                        "Moscow", "--json"))
    assert both and {(f["actor"], f["recipient"]) for f in both} == {("North Korea", "Russia")}


def test_aliases_in_conflicts_timeline_and_report(sample_db: Path, tmp_path: Path) -> None:
    plain = invoke("--db", sample_db, "timeline", "--actor", "North Korea", "--recipient",
                   "Russia", "--item", "troops", "--json")
    alias = invoke("--db", sample_db, "timeline", "--actor", "Pyongyang", "--recipient",
                   "the Kremlin", "--item", "troops", "--json")
    assert plain.exit_code == alias.exit_code == 0
    assert json.loads(alias.stdout) == json.loads(plain.stdout)
    estimates = [invoke("--db", sample_db, "estimates", "--actor", a, "--recipient", r,
                        "--json") for a, r in (("North Korea", "Russia"), ("DPRK", "the Kremlin"))]
    assert estimates[0].exit_code == 0 and lines(estimates[0])
    assert lines(estimates[1]) == lines(estimates[0])
    assert invoke("--db", sample_db, "conflicts", "--actor", "DPRK", "--json").stdout == \
        invoke("--db", sample_db, "conflicts", "--actor", "North Korea", "--json").stdout
    out = tmp_path / "nk.md"
    report = invoke("--db", sample_db, "report", "--pair", "DPRK->the Kremlin", "-o", out)
    assert report.exit_code == 0, report.output
    assert "North Korea → Russia" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize(("args", "hint", "close"), [
    (["claims", "--actor", "Nroth Korea"], "--actor", "'North Korea'"),
    (["facts", "--recipient", "Rusia"], "--recipient", "'Russia'"),
    (["timeline", "--actor", "Irn"], "--actor", "'Iran'"),
    (["report", "--pair", "DPRK->Ukrane", "-o", "x.html"], "--pair", "'Ukraine'"),
    (["estimates", "--recipient", "Rusia"], "--recipient", "'Russia'"),
])
def test_an_unknown_name_says_which_known_names_are_close(
        sample_db: Path, args: list[str], hint: str, close: str) -> None:
    result = invoke("--db", sample_db, *args)
    assert result.exit_code == 1  # a lookup that found nothing
    line, = result.stderr.splitlines()
    assert line.startswith("error: nothing reported for") and f"({hint})" in line
    assert f"did you mean {close}" in line


def test_a_name_only_the_database_knows_still_filters(tmp_path: Path) -> None:
    import supplyline
    from supplyline.clean import clean
    from supplyline.model import Claim, Document, Evidence

    text = "Freedonia sent 40 tanks to Sylvania."
    doc = Document(id="fictional", text=text)
    claim = Claim(doc=doc.id, type="weapons", actor="Freedonia", recipient="Sylvania",
                  item="tanks", evidence=(Evidence(text, 0, len(text)),))
    with supplyline.open_store(tmp_path / "f.db") as store:
        store.save(doc, clean(doc), [claim])
    got = lines(invoke("--db", tmp_path / "f.db", "claims", "--actor", "freedonia", "--json"))
    assert [c["id"] for c in got] == [claim.id]
