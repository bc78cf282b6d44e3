"""What the learned pass costs: extraction with the rules alone against extraction with the
shipped weights switched fully on (keep filter and status model, whatever the weights ship
enabled), on the same documents, in one process.

    .venv/bin/python benchmarks/learned.py [--corpus FILE.jsonl ...] [--repeat 2]

Default corpora: ../shared/dev and ../shared/dev2 when they are beside the checkout, else the
bundled samples. Prints wall seconds per run (best of ``--repeat``), the pass's own time
(features and scoring, timed inside the pass), per claim, and its share of the extraction.
Needs no network; not a timed test.
"""

from __future__ import annotations

import argparse
import time
from dataclasses import replace
from pathlib import Path

from supplyline.clean import clean
from supplyline.config import Settings
from supplyline.extract import Extractor, reader_for
from supplyline.extract.learned import Cues, Rescorer, load_model
from supplyline.ingest import read_inputs
from supplyline.model import Document

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def corpora(given: list[str]) -> list[str]:
    if given:
        return given
    dev = [SHARED / "dev" / "docs.jsonl", SHARED / "dev2" / "docs.jsonl"]
    if all(p.exists() for p in dev):
        return [str(p) for p in dev]
    return [str(ROOT / "src/supplyline/data/samples/articles.jsonl")]


class TimedRescorer(Rescorer):
    """The shipped rescorer, adding up the time it takes (in class attributes: the
    rescorer itself is frozen)."""

    spent = 0.0
    claims = 0

    def __call__(self, claims, doc, parse):  # noqa: ANN001, ANN204
        t0 = time.perf_counter()
        out = super().__call__(claims, doc, parse)
        TimedRescorer.spent += time.perf_counter() - t0
        TimedRescorer.claims += len(claims)
        return out


def run(extractor: Extractor, docs: list[Document]) -> tuple[float, int]:
    t0 = time.perf_counter()
    n = sum(len(extractor.read(d, clean(d))) for d in docs)
    return time.perf_counter() - t0, n


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", action="append", default=[])
    ap.add_argument("--repeat", type=int, default=2)
    args = ap.parse_args(argv)
    settings = Settings.from_env(learned=False)
    docs = [d for d in read_inputs(corpora(args.corpus), settings=settings)
            if isinstance(d, Document)]
    rules = reader_for(settings)
    r = rules.resources
    model = load_model()
    on = replace(model, keep_enabled=model.keep is not None,
                 status_enabled=model.status is not None)
    learned = Extractor(replace(r, rescorer=TimedRescorer(on, Cues.of(r.vocab))))
    words = sum(len(d.text.split()) for d in docs)
    print(f"{len(docs)} documents, {words:,} words; weights ship keep "
          f"{'on' if model.keep_enabled else 'off'}, status "
          f"{'on' if model.status_enabled else 'off'} (timed here with both on)")
    run(rules, docs[:3])  # warm up the parser and the caches
    best: dict[str, float] = {}
    claims = {}
    for _ in range(max(1, args.repeat)):
        for name, ex in (("rules", rules), ("rules + learned", learned)):
            TimedRescorer.spent, TimedRescorer.claims = 0.0, 0
            wall, claims[name] = run(ex, docs)
            best[name] = min(best.get(name, wall), wall)
    spent, seen = TimedRescorer.spent, TimedRescorer.claims
    for name, wall in best.items():
        print(f"  {name:<16} {wall:7.2f} s  {len(docs) / wall:6.1f} docs/s  "
              f"{words / wall:8,.0f} words/s  {claims[name]} claims")
    print(f"  learned pass itself: {spent * 1000:.0f} ms for {seen} claims "
          f"({spent * 1e3 / max(seen, 1):.2f} ms a claim, "
          f"{spent / best['rules + learned']:.1%} of the extraction)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
