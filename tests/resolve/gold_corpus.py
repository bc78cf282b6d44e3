"""A shared corpus (``../shared/dev``, ``dev2``) stored with its gold claims as the claims, so
that resolution and estimates are tested on real reporting without the extractor's errors."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from supplyline.model import Claim, CleanedText, Document, Segment
from supplyline.store import BaseStore

SHARED = Path(__file__).resolve().parents[3] / "shared"


def corpus_dir(name: str) -> Path:
    """``../shared/<name>``, or the test is skipped saying why."""
    path = SHARED / name
    if not (path / "gold.jsonl").is_file():
        pytest.skip(f"{name}: {path} is not beside the checkout")
    return path


#: The bundled samples as a corpus: (folder, documents, gold) for ``gold_documents``.
SAMPLES = (Path(__file__).resolve().parents[2] / "src" / "supplyline" / "data",
           "samples/articles.jsonl", "samples_gold.jsonl")


def gold_documents(corpus: Path, docs_file: str = "docs.jsonl", gold_file: str = "gold.jsonl",
                   ) -> list[tuple[Document, CleanedText, list[Claim]]]:
    """Each document of the corpus with its gold claims (evidence located in its text)."""
    docs = [json.loads(line) for line in (corpus / docs_file).open(encoding="utf-8")]
    claims: dict[str, list[Claim]] = {}
    texts = {d["id"]: d["text"] for d in docs}
    for line in (corpus / gold_file).open(encoding="utf-8"):
        g = json.loads(line)
        text = texts[g["doc"]]
        spans = g["evidence"] if isinstance(g["evidence"], list) else [g["evidence"]]
        evidence = []
        for span in spans:
            start = text.find(span)
            evidence.append({"text": span, "start": start,
                             "end": start + len(span) if start >= 0 else -1})
        claims.setdefault(g["doc"], []).append(Claim.from_dict({**g, "evidence": evidence}))
    out = []
    for d in docs:
        published = date.fromisoformat(d["published"]) if d.get("published") else None
        text = d["text"]
        doc = Document(id=d["id"], text=text, url=d.get("url"), published=published)
        cleaned = CleanedText(text, (Segment("body", 0, len(text), text),))
        out.append((doc, cleaned, claims.get(d["id"], [])))
    return out


def store_gold(store: BaseStore, corpus: Path) -> None:
    for doc, cleaned, claims in gold_documents(corpus):
        store.save(doc, cleaned, claims)
