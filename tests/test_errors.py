"""One catalogue of exceptions (supplyline/errors.py), and configuration errors that stop a
run once, naming the file and line, rather than failing every document."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

import supplyline
from corpus_factories import write_corpus
from supplyline import errors
from supplyline.cli import cli
from supplyline.errors import (
    ConfigurationError,
    SettingsError,
    SupplylineError,
    UnknownName,
    VocabularyError,
)
from supplyline.vocab import load_vocabulary, read_mapping

#: Raised on purpose but outside the tree, for the reason the catalogue's docstring gives.
OUTSIDE = {"supplyline.pipeline.Interrupted", "supplyline.engines.deadline.DocumentTimeout"}


def invoke(*args: Any, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], env=env, catch_exceptions=False)


def supplyline_exceptions() -> dict[str, type[BaseException]]:
    """Every exception class defined anywhere in the package, by qualified name."""
    found: dict[str, type[BaseException]] = {}
    for info in pkgutil.walk_packages(supplyline.__path__, "supplyline."):
        if info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        for _, obj in inspect.getmembers(module, inspect.isclass):
            if issubclass(obj, BaseException) and obj.__module__.startswith("supplyline"):
                found[f"{obj.__module__}.{obj.__qualname__}"] = obj
    return found


def test_every_exception_derives_from_the_root() -> None:
    found = supplyline_exceptions()
    assert "supplyline.errors.VocabularyError" in found
    strays = {name for name, cls in found.items()
              if not issubclass(cls, SupplylineError) and name not in OUTSIDE}
    assert not strays, f"exceptions outside the catalogue: {sorted(strays)}"
    defined_elsewhere = {name for name in found
                         if not name.startswith("supplyline.errors.") and name not in OUTSIDE}
    assert not defined_elsewhere, "define exceptions in supplyline/errors.py"


def drawn_tree() -> dict[str, str | None]:
    """Each class drawn in the catalogue's docstring -> the class drawn above it (its parent)."""
    nodes: list[tuple[int, str]] = []  # (column of the name, name)
    for line in (errors.__doc__ or "").splitlines():
        found = re.match(r"^(\s*(?:[│ ]*[├└]── )?)(\w+)(\s|$)", line)
        if found and ("── " in line or found.group(2) == "SupplylineError"):
            nodes.append((len(found.group(1)), found.group(2)))
    parents: dict[str, str | None] = {}
    for i, (column, name) in enumerate(nodes):
        above = [n for c, n in nodes[:i] if c < column]
        parents[name] = above[-1] if above else None
    return parents


def test_the_tree_in_the_docstring_is_the_catalogue() -> None:
    tree = drawn_tree()
    assert set(tree) == set(errors.__all__)
    assert tree["SupplylineError"] is None
    for name, parent in tree.items():
        cls = getattr(errors, name)
        if parent is not None:
            assert parent in {base.__name__ for base in cls.__bases__}, (name, parent)


def test_the_root_is_public_and_old_bases_still_hold() -> None:
    assert "SupplylineError" in supplyline.__all__
    assert supplyline.SupplylineError is SupplylineError
    assert issubclass(VocabularyError, ValueError) and issubclass(errors.ModelError, RuntimeError)
    assert issubclass(errors.DamagedStream, OSError)
    from supplyline.extract import ModelError
    from supplyline.ingest.common import Rejected
    from supplyline.store import StoreError
    assert ModelError is errors.ModelError and Rejected is errors.Rejected
    assert StoreError is errors.StoreError


def test_unknown_name_says_what_is_close() -> None:
    exc = UnknownName("Nroth Korea", "actor", ["North Korea", "South Korea"])
    assert str(exc) == ("unknown actor 'Nroth Korea'; did you mean 'North Korea' or "
                        "'South Korea'?")
    assert str(UnknownName("zz", "actor")) == "unknown actor 'zz'; no known name is close"


# -- a broken vocabulary or settings file: once, with its path and line ----------------------


BROKEN_SYNTAX = "actors:\n  - name: Freedonia\n    aliases: [Fredonia, the Duchy\n"
BROKEN_SHAPE = "actors:\n  - name: Freedonia\n  - aliases: [Sylvania]\n"


def test_a_syntax_error_names_the_file_line_and_column(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(BROKEN_SYNTAX, encoding="utf-8")
    with pytest.raises(VocabularyError) as caught:
        read_mapping(bad, VocabularyError, "vocabulary")
    message = str(caught.value)
    assert message.startswith(f"{bad}:4:1: cannot read vocabulary")
    assert "starts on line 3" in message and "\n" not in message


def test_a_malformed_entry_names_its_line(tmp_path: Path) -> None:
    bad = tmp_path / "shape.yaml"
    bad.write_text(BROKEN_SHAPE, encoding="utf-8")
    with pytest.raises(VocabularyError, match=rf"^{re.escape(str(bad))}:3: `actors` entry 2 "
                                              "needs a `name`"):
        load_vocabulary((bad,))
    items = tmp_path / "items.yaml"
    items.write_text("items:\n  weapons: Koksan\n", encoding="utf-8")
    with pytest.raises(VocabularyError, match=r"items.yaml:2: `items: weapons` must be a list"):
        load_vocabulary((items,))


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("content", [BROKEN_SYNTAX, BROKEN_SHAPE], ids=["syntax", "shape"])
def test_ingest_with_a_broken_vocabulary_fails_once(tmp_path: Path, jobs: str,
                                                    content: str) -> None:
    bad = tmp_path / "mine.yaml"
    bad.write_text(content, encoding="utf-8")
    corpus = write_corpus(tmp_path / "docs")
    result = invoke("--db", tmp_path / "x.db", "ingest", corpus, "--jobs", jobs,
                    env={"SUPPLYLINE_VOCAB": str(bad)})
    assert result.exit_code == 2
    assert result.stderr.count("error:") == 1 and result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"error: {bad}:")
    assert result.stdout == ""
    extract = invoke("extract", corpus, env={"SUPPLYLINE_VOCAB": str(bad)})
    assert extract.exit_code == 2 and extract.stderr.count("error:") == 1


@pytest.mark.parametrize(("env", "content", "where"), [
    ("SUPPLYLINE_RESOLVE", "facts:\n  quantity_tolerance: [\n", ":3:1: cannot read"),
    ("SUPPLYLINE_RESOLVE", "facts:\n  quantity_tolerance: lots\n",
     ":2: `facts: quantity_tolerance` must be a number, not 'lots'"),
    ("SUPPLYLINE_RESOLVE", "conflicts:\n  opposed: 3\n", ":2: `conflicts: opposed` must be"),
])
def test_ingest_with_broken_resolution_settings_fails_before_reading(
        tmp_path: Path, env: str, content: str, where: str) -> None:
    bad = tmp_path / "settings.yaml"
    bad.write_text(content, encoding="utf-8")
    db = tmp_path / "x.db"
    result = invoke("--db", db, "ingest", write_corpus(tmp_path / "docs"), env={env: str(bad)})
    assert result.exit_code == 2
    assert result.stderr == f"error: {bad}{where}" + result.stderr.split(where, 1)[1]
    assert result.stderr.count("\n") == 1
    assert not db.exists()  # stopped before anything was stored


def test_broken_alert_rules_name_the_rule_line(tmp_path: Path, sample_db: Path) -> None:
    rules = tmp_path / "rules.yaml"
    rules.write_text("rules:\n  - kind: new_deployment\n  - kind: nonsense\n",
                     encoding="utf-8")
    result = invoke("--db", sample_db, "alerts", "--rules", rules)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {rules}:3: rule 2 needs a `kind`")


def test_configuration_errors_are_one_family() -> None:
    for cls in (VocabularyError, SettingsError, errors.PresentationError, errors.ModelError):
        assert issubclass(cls, ConfigurationError)
