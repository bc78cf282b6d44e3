"""Resolution benchmark (issue 3): time and peak memory to resolve 10,000 and 100,000 claims.

Generates claims with a realistic spread, stores them in a fresh database (five claims a
document, not timed), then times ``supplyline.resolve.resolve`` over all of them (story
groups and facts), and an incremental run after 100 more documents arrive. Each size runs in
its own subprocess so peak memory (``ru_maxrss``) is that size's alone.

The spread: a few busy supplier -> recipient pairs and a long tail (Zipf weights), the nine
claim types with their usual items, figures drawn around typical values (so a story is told
with slightly different numbers), three years of publication dates, 40 sources of every kind,
statuses weighted towards ``done``, one claim in ten an increment.

    .venv/bin/python benchmarks/resolve.py [--sizes 10000 100000] [--seed 7]

Needs no network. Prints a table; not a test.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

PAIRS = [("North Korea", "Russia"), ("Iran", "Russia"), ("United States", "Ukraine"),
         ("Germany", "Ukraine"), ("United Kingdom", "Ukraine"), ("China", "Russia"),
         ("France", "Ukraine"), ("Poland", "Ukraine"), ("Belarus", "Russia"),
         ("Netherlands", "Ukraine"), ("Denmark", "Ukraine"), ("Sweden", "Ukraine"),
         ("Norway", "Ukraine"), ("Canada", "Ukraine"), ("Italy", "Ukraine"),
         ("Czech Republic", "Ukraine"), ("Turkey", "Ukraine"), ("Japan", "Ukraine"),
         ("South Korea", "Poland"), ("Iran", "Houthis"), ("Russia", "North Korea"),
         ("Russia", "Iran"), ("China", "Iran"), ("Finland", "Ukraine"), ("Spain", "Ukraine")]
ITEMS = {
    "personnel": [("troops", 12000), ("soldiers", 3000), ("engineers", 1000),
                  ("workers", 5000)],
    "weapons": [("tanks", 30), ("howitzers", 50), ("drones", 500), ("missiles", 100),
                ("air defence systems", 4), ("fighter jets", 12), ("rocket launchers", 40)],
    "munitions": [("artillery shells", 1_000_000), ("rockets", 20_000), ("ammunition", 50_000)],
    "technology": [("components", 1000), ("technical assistance", 0), ("engines", 200)],
    "funding": [("military aid", 500_000_000), ("loan", 1_000_000_000)],
    "production": [("drones", 1000), ("shells", 100_000)],
    "test": [("missile", 1)], "exercise": [("drills", 0)], "combat": [("soldiers", 500)],
}
TYPE_WEIGHTS = {"personnel": 12, "weapons": 25, "munitions": 15, "technology": 10,
                "funding": 15, "production": 6, "test": 4, "exercise": 4, "combat": 9}
STATUSES = {"done": 50, "ongoing": 8, "pledged": 15, "planned": 8, "expected": 8,
            "possible": 6, "denied": 5}
KINDS = ("intelligence", "military", "government", "official", "expert", "media")


def generate(n_claims: int, seed: int) -> list[tuple[object, object, list[object]]]:
    """Documents with five claims each, as (Document, CleanedText, claims)."""
    from supplyline.model import (
        TRANSFER_TYPES,
        Claim,
        CleanedText,
        Document,
        Evidence,
        Quantity,
        Segment,
        Source,
        When,
    )

    rng = random.Random(seed)
    pair_weights = [1 / (i + 1) for i in range(len(PAIRS))]
    types, tw = zip(*TYPE_WEIGHTS.items(), strict=True)
    statuses, sw = zip(*STATUSES.items(), strict=True)
    sources = [Source(f"source {i}", f"Source {i}" if i % 4 else None, KINDS[i % len(KINDS)])
               for i in range(40)]
    start = date(2022, 2, 24)
    docs = []
    for d in range(n_claims // 5):
        published = start + timedelta(days=rng.randrange(3 * 365))
        sentences, claims = [], []
        pos = 0
        for k in range(5):
            actor, recipient = rng.choices(PAIRS, pair_weights)[0]
            kind = rng.choices(types, tw)[0]
            item, typical = rng.choice(ITEMS[kind])
            value = round(typical * rng.lognormvariate(0, 0.25)) if typical else None
            sentence = f"Claim {k}: {actor} and {item}, figure {value}."
            evidence = Evidence(sentence, pos, pos + len(sentence))
            pos += len(sentence) + 2
            sentences.append(sentence)
            when = None
            if rng.random() < 0.6:
                month = published.replace(day=1) - timedelta(days=rng.randrange(0, 90))
                month = month.replace(day=1)
                when = When("in that month", month, (month + timedelta(days=32)).replace(day=1)
                            - timedelta(days=1))
            claims.append(Claim(
                doc=f"d{d}", type=kind, actor=actor,
                recipient=recipient if kind in TRANSFER_TYPES else None, item=item,
                quantity=Quantity(value) if value else None,
                basis="additional" if rng.random() < 0.1 else None,
                status=rng.choices(statuses, sw)[0], when=when,
                source=rng.choice(sources), evidence=(evidence,)))
        text = "\n\n".join(sentences)
        segments, at = [], 0
        for s in sentences:
            segments.append(Segment("body", at, at + len(s), s))
            at += len(s) + 2
        doc = Document(id=f"d{d}", text=text, published=published,
                       outlet=f"Outlet {rng.randrange(60)}")
        docs.append((doc, CleanedText(text, tuple(segments)), claims))
    return docs


def one(n_claims: int, seed: int) -> dict[str, float]:
    """Store ``n_claims`` generated claims, then time resolving them (in this process)."""
    from supplyline.resolve import resolve
    from supplyline.store import Store

    docs = generate(n_claims + 500, seed)
    base, extra = docs[: n_claims // 5], docs[n_claims // 5:]
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "bench.db") as store:
        t = time.perf_counter()
        for doc, cleaned, claims in base:
            store.save(doc, cleaned, claims)  # type: ignore[arg-type]
        stored = time.perf_counter() - t
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        t = time.perf_counter()
        summary = resolve(store)
        full = time.perf_counter() - t
        rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        for doc, cleaned, claims in extra[:100]:
            store.save(doc, cleaned, claims)  # type: ignore[arg-type]
        t = time.perf_counter()
        more = resolve(store)
        incremental = time.perf_counter() - t
        facts = store.stats()["facts"]
    return {"claims": summary.claims_resolved, "facts": facts, "store_s": stored,
            "resolve_s": full, "incremental_claims": more.claims_resolved,
            "incremental_s": incremental, "peak_mb": rss_after / 1024,
            "before_mb": rss_before / 1024}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one(args.one, args.seed)))
        return 0
    print(f"{'claims':>8} {'facts':>8} {'store s':>8} {'resolve s':>10} {'claims/s':>9} "
          f"{'+500 claims s':>14} {'peak MB':>8}")
    for n in args.sizes:
        out = subprocess.run([sys.executable, __file__, "--one", str(n), "--seed",
                              str(args.seed)], capture_output=True, text=True, check=False)
        if out.returncode:
            print(out.stderr, file=sys.stderr)
            return 1
        r = json.loads(out.stdout)
        print(f"{r['claims']:>8,.0f} {r['facts']:>8,.0f} {r['store_s']:>8.1f} "
              f"{r['resolve_s']:>10.1f} {r['claims'] / r['resolve_s']:>9,.0f} "
              f"{r['incremental_s']:>14.2f} {r['peak_mb']:>8.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
