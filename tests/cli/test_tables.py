"""What the tables show: the claims table with date, outlet, source and evidence; documents
named by their title or first words; the undated-documents warning of ingest."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result

from supplyline.cli import cli
from supplyline.cli.ingest import undated_warning
from supplyline.cli.options import shorten
from supplyline.store import open_store
from supplyline.store.records import document_label


def invoke(*args: Any) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def test_claims_table_shows_date_outlet_source_and_evidence(sample_db: Path) -> None:
    claims = [json.loads(x) for x in invoke("--db", sample_db, "claims", "--actor",
                                            "North Korea", "--json").stdout.splitlines()]
    table = invoke("--db", sample_db, "claims", "--actor", "North Korea").stdout
    header = table.splitlines()[0].split()
    for column in ("id", "published", "outlet", "type", "item", "quantity", "status", "when",
                   "source", "evidence"):
        assert column in header
    with open_store(sample_db) as store:
        refs = store.document_refs({c["doc"] for c in claims})
    first = claims[0]
    row = next(i for i, line in enumerate(table.splitlines()) if line.startswith(first["id"]))
    block = "\n".join(table.splitlines()[row:row + 4])
    assert str(refs[first["doc"]].published) in block
    assert (refs[first["doc"]].outlet or "").split()[0] in block
    assert first["evidence"][0]["text"].split()[0] in block
    assert max(len(line) for line in table.splitlines()) <= 160  # fits the piped width


def test_shorten_cuts_at_a_word() -> None:
    line = "North Korea has sent 12,000 troops"
    assert shorten(line, 100) == line
    assert shorten("North Korea has   sent\n12,000 troops to Russia", 20) == "North Korea has…"
    assert len(shorten("x" * 50, 20)) <= 20


def test_a_document_without_a_title_is_named_by_its_first_words() -> None:
    assert document_label("  A  title ", "text", "d1") == "A title"
    assert document_label(None, "North Korea has sent 12,000 troops to Russia, the agency "
                          "said on Monday.", "d1") == (
        "North Korea has sent 12,000 troops to Russia, the agency…")
    assert document_label("", "Short text.", "d1") == "Short text."
    assert document_label(None, "  ", "d1") == "d1"


def test_untitled_documents_in_refs_and_docs(tmp_path: Path) -> None:
    db = tmp_path / "untitled.db"
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "note.txt").write_text(
        "Iran has supplied hundreds of Shahed drones to Russia, according to US officials "
        "speaking on Friday.\n", encoding="utf-8")
    assert invoke("--db", db, "-q", "ingest", tmp_path / "docs").exit_code == 0
    with open_store(db) as store:
        ref = store.document_refs()["note.txt"]
        doc = store.document("note.txt")
    assert ref.title in (None, "") and ref.label.startswith("Iran has supplied hundreds")
    assert doc is not None and doc.label == ref.label
    docs = invoke("--db", db, "docs").stdout
    assert "Iran has supplied" in docs


def test_ingest_warns_once_about_undated_documents(tmp_path: Path) -> None:
    root = tmp_path / "docs"
    root.mkdir()
    for i in range(5):
        (root / f"n{i}.txt").write_text(f"Report {i}\n\nIran sent {i + 10} drones to Russia "
                                        "last month, officials said.\n", encoding="utf-8")
    result = invoke("--db", tmp_path / "w.db", "ingest", root)
    assert result.exit_code == 0
    assert result.stderr == ""  # stderr is for errors: the warning ends the summary
    warnings = [x for x in result.stdout.splitlines() if x.startswith("warning:")]
    assert warnings == [undated_warning([f"n{i}.txt" for i in range(5)])]
    assert "5 new documents without a publication date" in warnings[0]
    assert "n0.txt, n1.txt, n2.txt and 2 more" in warnings[0] and "--published" in warnings[0]
    again = invoke("--db", tmp_path / "w.db", "ingest", root)  # nothing new: no warning
    assert "warning:" not in again.output
    dated = invoke("--db", tmp_path / "d.db", "ingest", root, "--published", "2025-01-15")
    assert "warning:" not in dated.output
    quiet = invoke("--db", tmp_path / "q.db", "ingest", root, "--quiet")
    assert quiet.output == ""


def test_claims_of_one_outlet(sample_db: Path) -> None:
    every = [json.loads(x) for x in invoke("--db", sample_db, "claims", "--json").stdout
             .splitlines()]
    with open_store(sample_db) as store:
        refs = store.document_refs()
    mine = invoke("--db", sample_db, "claims", "--outlet", "korea security monitor", "--json")
    got = [json.loads(x) for x in mine.stdout.splitlines()]
    assert got and got == [c for c in every if refs[c["doc"]].outlet == "Korea Security Monitor"]
