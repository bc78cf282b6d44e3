"""Throughput benchmark (issue 2, section 8): ingest + extract against a full spaCy parse.

Builds a corpus of article-length documents from the bundled sample articles, or repeats
the real excerpts of ``../shared/dev`` and ``../shared/dev2`` (``--real N``: N copies, each
document under a new id so that none is skipped as already stored), or takes ``--corpus``;
then measures, each in a fresh subprocess:

- ``supplyline --db NEW.db --quiet ingest CORPUS --jobs 1 --no-resolve`` and the same with
  ``--jobs 2`` (each into a fresh database): wall time of the whole command, so interpreter
  start-up, imports, model loading, reading, cleaning, extraction and storing are all
  included; resolving claims into facts, which ``ingest`` does next by default, is not
  (``benchmarks/resolve.py`` times it: about 2 s for the 21,000 claims of 1,000 articles);
- the baseline: the extractor's own spaCy pipeline (``supplyline.extract.nlp.parser`` for
  ``Settings.from_env().spacy_model``, so the same components it loads) running ``nlp.pipe``
  over the full text of every document, in one process. Only the parse is timed; imports and
  model loading are reported separately.

When the extractor leaves some of the model's components out, the model with all of them is
timed too (an extra row). Start-up (interpreter, imports, vocabulary, model load) is measured
on its own: the same ingest command on the corpus's first document. It prints a table (wall
seconds, articles/s, words/s, CPU seconds, peak RSS) and the targets with PASS/MISS, the
throughput one by wall time and by CPU seconds (``getrusage`` of the measured process and its
workers against the parse's own CPU time): on a machine other processes share, CPU seconds
are what stays comparable. Peak RSS comes from ``getrusage`` in a
wrapper around each command: its own maximum (the main process) and ``RUSAGE_CHILDREN`` (the
largest worker process); the memory target looks at the ingest processes. On Linux it also
notes CPU that other processes used meanwhile (from ``/proc/stat``), since that slows a run.

    .venv/bin/python benchmarks/throughput.py [--docs 1000] [--seed 7] [--keep]
    .venv/bin/python benchmarks/throughput.py --real 10     # the dev sets, ten times
    .venv/bin/python benchmarks/throughput.py --corpus my_articles.jsonl [--jobs 1]

Needs no network. Not a timed test: it prints figures and exits 0 even when a target is
missed (1 if a run failed).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date, timedelta
from importlib.resources import files
from pathlib import Path
from typing import Any

# -- targets (issue 2, section 8) ---------------------------------------------------------------

TARGET_VS_PARSE = 1.5  # end-to-end --jobs 1 at least this many times faster than a full parse
TARGET_JOBS2 = 1.8  # --jobs 2 at least this many times faster than --jobs 1
TARGET_RSS_MB = 1000.0  # peak resident memory of any ingest process (main or worker), MB

BATCH_SIZE = 32  # nlp.pipe batch size for the full-parse baseline
MIN_WORDS, MAX_WORDS = 300, 800  # words per generated document
MOVABLE_MIN_WORDS = 16  # a sample line this long (and not debris) is a movable body paragraph

CHILD = "_child"  # first argument of this script when it runs as a measured subprocess
SHARED = Path(__file__).resolve().parents[1].parent / "shared"  # ../shared beside the checkout
REAL_SETS = ("dev", "dev2")  # the real excerpts --real repeats

# -- the corpus ---------------------------------------------------------------------------------

_MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|"
           "December")
# A stand-alone number: not part of a model name ("F-16", "KN-23", "170mm", "Sea-2024").
_NUMBER = re.compile(r"(?<![\w.,:/-])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?![\w:/-]|[.,]\d)")
_DAY_BEFORE = re.compile(rf"(?:{_MONTHS})\s$")
_DAY_AFTER = re.compile(rf"^\s(?:{_MONTHS})\b")
_BULLET = re.compile(r"^\s*[•\-*–·▪●◦‣]")


@dataclass(frozen=True)
class Sample:
    """One bundled sample article, split into lines; ``movable`` marks body paragraphs."""

    id: str
    outlet: str | None
    published: date | None
    lines: tuple[str, ...]
    movable: tuple[bool, ...]


def load_samples() -> list[Sample]:
    """The bundled sample articles, with the long body paragraphs marked as movable.

    The project's cleaner decides what is debris (an author's biography is long but must
    stay at the end); captions, bullets and headings are short, so a word floor keeps them
    in place.
    """
    from supplyline.clean import clean
    from supplyline.model import Document

    source = files("supplyline").joinpath("data/samples/articles.jsonl")
    out = []
    for raw in source.read_text(encoding="utf-8").splitlines():
        if not raw.strip():
            continue
        rec = json.loads(raw)
        text: str = rec["text"]
        debris = {s.text.strip() for s in clean(Document(id=rec["id"], text=text,
                                                         title=rec.get("title"))).debris}
        lines = tuple(ln for ln in text.split("\n") if ln.strip())
        movable = tuple(
            i > 0 and len(ln.split()) >= MOVABLE_MIN_WORDS and not _BULLET.match(ln)
            and ln.strip() not in debris and not ln.startswith("Read more")
            for i, ln in enumerate(lines))
        published = date.fromisoformat(rec["published"][:10]) if rec.get("published") else None
        out.append(Sample(rec["id"], rec.get("outlet"), published, lines, movable))
    return out


def vary_numbers(line: str, rng: random.Random, year_shift: int) -> str:
    """Change the stand-alone numbers of a line: years shift together, days of the month are
    redrawn, other figures scale by one factor per line (so "10,000 to 12,000" stays a range)
    and round to two significant figures from 100 up."""
    factor = rng.uniform(0.6, 1.6)

    def repl(m: re.Match[str]) -> str:
        whole, frac = m.group(1), m.group(2)
        value = int(whole.replace(",", ""))
        if frac:
            return f"{max(0.1, (value + float(frac)) * factor):.{len(frac) - 1}f}"
        if "," not in whole and len(whole) == 4 and 1990 <= value <= 2035:
            return str(value + year_shift)
        if value <= 31 and (_DAY_BEFORE.search(line[:m.start()])
                            or _DAY_AFTER.match(line[m.end():])):
            return str(rng.randint(1, 28))
        new = max(1, round(value * factor))
        if new >= 100:
            digits = len(str(new)) - 2
            new = round(new, -digits)
        return f"{new:,}" if "," in whole else str(new)

    return _NUMBER.sub(repl, line)


def compose(primary: Sample, donors: list[str], rng: random.Random, target: int) -> list[str]:
    """The primary article's lines with donor paragraphs added until it has about ``target``
    words (never more than ``MAX_WORDS``), its body paragraphs in a shuffled order after the
    lead; headline, bullets, headings and debris stay where they were."""
    words = sum(len(ln.split()) for ln in primary.lines)
    extra: list[str] = []
    for para in donors:
        if words >= target:
            break
        n = len(para.split())
        if words + n <= MAX_WORDS:
            extra.append(para)
            words += n
    slots = [i for i, m in enumerate(primary.movable) if m]
    if not slots:  # nothing movable: add the extra paragraphs after the last line
        return [*primary.lines, *extra]
    paras = [primary.lines[i] for i in slots]
    lead, rest = paras[0], paras[1:] + extra
    rng.shuffle(rest)
    # every slot gets one paragraph, the rest are spread over the slots at random
    chunks: list[list[str]] = [[lead]] + [[] for _ in slots[1:]]
    for k, para in enumerate(rest):
        chunks[k + 1 if k + 1 < len(slots) else rng.randrange(len(slots))].append(para)
    out: list[str] = []
    chunk_at = dict(zip(slots, chunks, strict=True))
    for i, line in enumerate(primary.lines):
        out.extend(chunk_at.get(i, [line]))
    return out


def build_corpus(path: Path, n: int, seed: int) -> None:
    """Write ``n`` unique documents of ``MIN_WORDS``-``MAX_WORDS`` words as JSON Lines."""
    rng = random.Random(seed)
    samples = load_samples()
    pool = [(s.id, ln) for s in samples for ln, m in zip(s.lines, s.movable, strict=True) if m]
    seen: set[str] = set()
    with path.open("w", encoding="utf-8") as out:
        i = 0
        while i < n:
            primary = rng.choice(samples)
            donors = [ln for sid, ln in rng.sample(pool, len(pool)) if sid != primary.id]
            target = rng.randint(MIN_WORDS, MAX_WORDS)
            year_shift = rng.choice((-1, 0, 0, 1))
            lines = [vary_numbers(ln, rng, year_shift)
                     for ln in compose(primary, donors, rng, target)]
            text = "\n".join(lines) + "\n"
            words = len(text.split())
            if text in seen or not MIN_WORDS <= words <= MAX_WORDS:
                continue  # a repeat, or the paragraphs could not fill it: draw again
            seen.add(text)
            base = primary.published or date(2024, 6, 1)
            published = date(base.year + year_shift, base.month, min(base.day, 28))
            published += timedelta(days=rng.randint(-60, 60))
            out.write(json.dumps({
                "id": f"bench-{seed}-{i:05d}",
                "title": lines[0],
                "outlet": primary.outlet,
                "url": f"https://bench.example.test/{seed}/{i:05d}",
                "published": published.isoformat(),
                "text": text,
            }, ensure_ascii=False) + "\n")
            i += 1


def build_real_corpus(path: Path, repeats: int, shared: Path = SHARED) -> int:
    """Write the documents of ``shared``/dev and dev2, ``repeats`` times, as JSON Lines; each
    copy under its own id and URL (``-r1``, ``#r1``), so that none is a duplicate of another.
    Returns how many documents it wrote; raises FileNotFoundError without ``shared``."""
    sources = [shared / name / "docs.jsonl" for name in REAL_SETS]
    missing = [str(s) for s in sources if not s.is_file()]
    if missing:
        raise FileNotFoundError(", ".join(missing))
    records = [json.loads(line) for src in sources
               for line in src.read_text(encoding="utf-8").splitlines() if line.strip()]
    with path.open("w", encoding="utf-8") as out:
        for k in range(repeats):
            for rec in records:
                copy = {**rec, "id": f"{rec['id']}-r{k}"}
                if copy.get("url"):
                    copy["url"] = f"{copy['url']}#r{k}"
                out.write(json.dumps(copy, ensure_ascii=False) + "\n")
    return len(records) * repeats


def first_document(corpus: Path, path: Path) -> None:
    """The corpus's first non-empty line alone, for the start-up run."""
    with corpus.open(encoding="utf-8") as lines:
        first = next((line for line in lines if line.strip()), "")
    path.write_text(first, encoding="utf-8")


# -- the measured subprocesses ------------------------------------------------------------------


def _usage() -> dict[str, float]:
    """Peak RSS (MB) and CPU seconds of this process and of its waited-for descendants.

    On Linux ``ru_maxrss`` is in KiB, and the children's figure is the peak of the largest
    single descendant, not a sum.
    """
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    scale = 1024 / 1e6 if sys.platform != "darwin" else 1 / 1e6  # macOS reports bytes
    return {
        "rss_self_mb": me.ru_maxrss * scale,
        "rss_children_mb": kids.ru_maxrss * scale,
        "cpu_s": me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime,
    }


def source_fingerprint(*only: str) -> str:
    """A hash of supplyline's code and data files (or of the files ``only`` names, relative to
    the package), to tell whether two runs measured the same version."""
    import hashlib
    from importlib.util import find_spec

    spec = find_spec("supplyline")  # found, not imported: the measured run imports it
    assert spec is not None and spec.submodule_search_locations, "supplyline is not installed"
    root = Path(next(iter(spec.submodule_search_locations)))
    paths = [root / name for name in only] if only else sorted(root.rglob("*"))
    digest = hashlib.sha256()
    for path in paths:
        if path.suffix in (".py", ".yaml", ".yml", ".json") and path.is_file():
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def _fingerprints() -> dict[str, str]:
    """The whole package's fingerprint, and that of what decides the spaCy pipeline."""
    return {"fingerprint": source_fingerprint(),
            "nlp_fingerprint": source_fingerprint("extract/nlp.py", "config.py")}


def child_ingest(db: str, corpus: str, jobs: int, engine: str = "local") -> dict[str, Any]:
    """Run the ``supplyline`` console script in this process (so ``getrusage`` sees it and
    its workers), as ``supplyline --db DB --quiet ingest CORPUS --jobs N --engine ENGINE
    --no-resolve``: ingest and extract, as issue 2 measures them; resolving the claims into
    facts afterwards is ``benchmarks/resolve.py``'s to time."""
    import runpy

    cpu0 = _usage()["cpu_s"]
    fingerprints = _fingerprints()
    fingerprint_cpu_s = _usage()["cpu_s"] - cpu0  # the benchmark's own work, not the run's
    argv = ["supplyline", "--db", db, "--quiet", "ingest", corpus, "--jobs", str(jobs),
            "--engine", engine, "--no-resolve"]
    script = Path(sys.executable).with_name("supplyline")
    code: object = 0
    sys.argv = argv
    try:
        if script.is_file():  # the real entry point: spawned workers re-import it as usual
            runpy.run_path(str(script), run_name="__main__")
        else:
            from supplyline.cli import main

            main()
    except SystemExit as exc:
        code = exc.code
    exit_code = code if isinstance(code, int) else (0 if code is None else 1)
    usage = _usage()
    usage["cpu_s"] -= fingerprint_cpu_s
    return {"exit": exit_code, **fingerprints, **usage}


def _timed_parse(nlp: Any, texts: list[str], batch_size: int) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds and tokens of ``nlp.pipe`` over ``texts``."""
    tokens = 0
    cpu0 = time.process_time()
    t0 = time.perf_counter()
    for doc in nlp.pipe(texts, batch_size=batch_size):
        tokens += len(doc)
    return time.perf_counter() - t0, time.process_time() - cpu0, tokens


def child_parse(corpus: str, batch_size: int) -> dict[str, Any]:
    """Time the extractor's spaCy pipeline parsing the full text of every document; and the
    model with all its components too, when the extractor leaves some out."""
    t0 = time.perf_counter()
    import spacy

    from supplyline.config import Settings
    from supplyline.extract.nlp import parser
    from supplyline.ingest import read_inputs
    from supplyline.model import Document

    fingerprints = _fingerprints()
    settings = Settings.from_env()
    t_import = time.perf_counter() - t0
    docs = [d for d in read_inputs([corpus], settings=settings) if isinstance(d, Document)]
    texts = [d.text for d in docs]
    lengths = [len(t.split()) for t in texts]
    t1 = time.perf_counter()
    nlp = parser(settings.spacy_model)  # exactly what the extractor loads
    t_load = time.perf_counter() - t1
    parse_s, parse_cpu_s, tokens = _timed_parse(nlp, texts, batch_size)
    out: dict[str, Any] = {
        "exit": 0,
        **fingerprints,
        **_usage(),
        "docs": len(texts),
        "words": sum(lengths),
        "words_min": min(lengths, default=0),
        "words_median": statistics.median(lengths) if lengths else 0,
        "words_max": max(lengths, default=0),
        "tokens": tokens,
        "import_s": t_import,
        "load_s": t_load,
        "parse_s": parse_s,
        "parse_cpu_s": parse_cpu_s,
        "model": settings.spacy_model,
        "model_version": nlp.meta.get("version", "?"),
        "pipes": list(nlp.pipe_names),
        "spacy": spacy.__version__,
    }
    full = spacy.load(settings.spacy_model)
    if list(full.pipe_names) != list(nlp.pipe_names):
        out["full_pipes"] = list(full.pipe_names)
        out["full_parse_s"], out["full_parse_cpu_s"], _ = _timed_parse(full, texts, batch_size)
    del full
    out.update(_candidate_share(docs, settings))
    return out


def _candidate_share(docs: list[Any], settings: Any) -> dict[str, Any]:
    """How much of the article text the extractor parses: candidate sentences over all
    sentences (debris excluded). Untimed, and uses internals, so a failure only omits it."""
    try:
        from supplyline.clean import clean
        from supplyline.extract import reader_for
        from supplyline.extract.sentences import split_sentences

        reader = reader_for(settings)
        sents = cands = sent_words = cand_words = 0
        for doc in docs:
            all_s = split_sentences(clean(doc))
            cand_s = reader.candidates(all_s)
            sents += len(all_s)
            cands += len(cand_s)
            sent_words += sum(len(s.text.split()) for s in all_s)
            cand_words += sum(len(s.text.split()) for s in cand_s)
    except Exception as exc:  # an internal API changed: say so, do not fail the benchmark
        return {"candidates_error": f"{type(exc).__name__}: {exc}"}
    return {"sentences": sents, "candidates": cands, "sentence_words": sent_words,
            "candidate_words": cand_words}


def child_main(argv: list[str]) -> int:
    """Entry point of a measured subprocess: run one measurement, write its JSON result."""
    ap = argparse.ArgumentParser(prog="throughput.py _child")
    ap.add_argument("kind", choices=("ingest", "parse"))
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--db")
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--engine", choices=("local", "dask"), default="local")
    ap.add_argument("--batch-size", type=int, default=BATCH_SIZE)
    a = ap.parse_args(argv)
    if a.kind == "ingest":
        result = child_ingest(a.db, a.corpus, a.jobs, a.engine)
    else:
        result = child_parse(a.corpus, a.batch_size)
    result["cpu_end_s"] = _usage()["cpu_s"]  # everything the child did, for the busy check
    Path(a.out).write_text(json.dumps(result), encoding="utf-8")
    return 0


# -- the parent ---------------------------------------------------------------------------------


@dataclass
class Run:
    """One measured subprocess: its wall time (measured outside it), what it reported, and
    the CPU that other processes on the machine used meanwhile (in cores, None if unknown)."""

    name: str
    wall_s: float
    result: dict[str, Any]
    stderr: str
    others_cores: float | None = None


def _busy_cpu_s() -> float | None:
    """CPU seconds the whole machine has been busy since boot (Linux), else None."""
    try:
        fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
        ticks = [int(x) for x in fields[:8]]  # user nice system idle iowait irq softirq steal
    except (OSError, ValueError, IndexError):
        return None
    busy = sum(ticks) - ticks[3] - ticks[4]
    return busy / os.sysconf("SC_CLK_TCK")


def measure(name: str, args: list[str], work: Path) -> Run:
    """Run this script as ``_child`` with ``args`` in a fresh process; time it from outside."""
    out = work / f"{name.replace(' ', '_')}.json"
    cmd = [sys.executable, os.path.abspath(__file__), CHILD, *args, "--out", str(out)]
    env = {k: v for k, v in os.environ.items() if k != "SUPPLYLINE_DB"}
    print(f"  {name} ...", end="", flush=True)
    busy0 = _busy_cpu_s()
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    wall = time.perf_counter() - t0
    busy1 = _busy_cpu_s()
    print(f" {wall:.1f} s", flush=True)
    if proc.returncode != 0 or not out.is_file():
        tail = "\n".join(proc.stderr.strip().splitlines()[-15:])
        raise RuntimeError(f"{name} failed (exit {proc.returncode}):\n{tail}")
    result = json.loads(out.read_text(encoding="utf-8"))
    others = None
    if busy0 is not None and busy1 is not None:
        others = max(0.0, busy1 - busy0 - result["cpu_end_s"]) / wall
    return Run(name, wall, result, proc.stderr, others)


def stored_counts(db: Path) -> dict[str, Any]:
    """Documents and claims in a database the benchmark filled."""
    from supplyline.store import Store

    with Store(db) as store:
        return store.stats()


def _verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def _row(name: str, wall: float, docs: int, words: int, cpu: float | None, rss: float,
         worker: float | None) -> str:
    cpu_s = f"{cpu:8.1f}" if cpu is not None else f"{'-':>8}"
    worker_s = f"{worker:15.0f}" if worker else f"{'-':>15}"
    return (f"{name:<26}{wall:8.1f}{docs / wall:12.1f}{words / wall:10.0f}{cpu_s}"
            f"{rss:10.0f}{worker_s}")


def report(parse: Run, runs: list[Run], counts: list[dict[str, Any]],
           startup: Run | None = None) -> bool:
    """Print the table and the targets; False when an ingest run did not store everything."""
    p = parse.result
    docs, words = p["docs"], p["words"]
    print()
    print(f"{'run':<26}{'wall s':>8}{'articles/s':>12}{'words/s':>10}{'CPU s':>8}"
          f"{'RSS MB':>10}{'worker RSS MB':>15}")
    for run in runs:
        r = run.result
        print(_row(run.name, run.wall_s, docs, words, r["cpu_s"], r["rss_self_mb"],
                   r["rss_children_mb"]))
    print(_row("parse, extractor's pipes", p["parse_s"], docs, words, p["parse_cpu_s"],
               p["rss_self_mb"], None))
    if "full_parse_s" in p:
        print(_row("full parse (all pipes)", p["full_parse_s"], docs, words,
                   p["full_parse_cpu_s"], p["rss_self_mb"], None))
    if startup is not None:
        r = startup.result
        print(f"{'start-up (1 document)':<26}{startup.wall_s:8.1f}{'':>22}{r['cpu_s']:8.1f}"
              f"{r['rss_self_mb']:10.0f}")
    print()
    print("ingest --jobs N: `supplyline --db NEW.db --quiet ingest CORPUS --jobs N "
          "--no-resolve`, wall time\n  of the whole command in a fresh process (start-up, "
          "imports, model load, read, clean,\n  extract, store; not resolving facts); CPU s "
          "includes its workers.")
    print(f"parse, extractor's pipes: nlp.pipe(batch_size={BATCH_SIZE}) over the full text of "
          "every document "
          f"with the\n  extractor's pipeline, model load excluded (imports {p['import_s']:.1f} s,"
          f" load {p['load_s']:.1f} s);\n  {p['tokens']:,} tokens; components: "
          f"{', '.join(p['pipes'])}.")
    if "full_pipes" in p:
        print(f"full parse (all pipes): the same with every component of {p['model']}, as "
              "the model ships:"
              f"\n  {', '.join(p['full_pipes'])}.")
    if startup is not None:
        print("start-up: the same ingest command (--jobs 1) on the corpus's first document "
              "alone: interpreter,\n  imports, vocabulary and model load, one document.")
    print("RSS MB: peak resident memory of the process; worker RSS MB: peak of its largest "
          "child\n  process (getrusage RUSAGE_CHILDREN), i.e. per worker.")
    if "candidates" in p:
        share = p["candidates"] / max(1, p["sentences"])
        wshare = p["candidate_words"] / max(1, p["sentence_words"])
        print(f"candidate sentences (the only ones the extractor parses): {p['candidates']:,} of "
              f"{p['sentences']:,}\n  article sentences ({share:.0%}), holding {wshare:.0%} "
              "of their words.")
    else:
        print(f"candidate sentences: not measured ({p.get('candidates_error')}).")

    ok = True
    everything = [parse, *runs, *([startup] if startup else [])]
    busy = [(r.name, r.others_cores) for r in everything
            if r.others_cores is not None and r.others_cores > 0.15]
    if busy:
        print("NOTE: other processes used CPU during "
              + ", ".join(f"{n} ({c:.2f} cores on average)" for n, c in busy)
              + ";\n  those wall times are pessimistic (CPU seconds are less affected).")
    if len({r.result["fingerprint"] for r in runs}) > 1:
        print("NOTE: supplyline's code changed between the ingest runs; they measured "
              "different versions.")
    if len({r.result["nlp_fingerprint"] for r in everything}) > 1:
        print("NOTE: the spaCy pipeline's code (extract/nlp.py, config.py) changed between "
              "runs;\n  the full parse may not use the extractor's components.")
    for run, c in zip(runs, counts, strict=True):
        if run.result["exit"] != 0 or c["documents"] != docs:
            ok = False
            print(f"WARNING: {run.name} exited {run.result['exit']} and stored "
                  f"{c['documents']} of {docs} documents.")
            if run.stderr.strip():
                print("  " + "\n  ".join(run.stderr.strip().splitlines()[-5:]))
    claims = [c["claims"] for c in counts]
    same_code = len({r.result["fingerprint"] for r in runs}) == 1
    print(f"stored: {counts[0]['documents']:,} documents; claims "
          + ", ".join(f"{n:,} ({run.name})" for n, run in zip(claims, runs, strict=True))
          + ("" if len(set(claims)) == 1 or not same_code
             else "  <- differ with the same code: results depend on --jobs"))

    # the "full parse" is the model's whole pipeline (its ~2.9k words/s figure);
    # the extractor's own reduced pipeline is the second, stricter comparison
    full_s = p.get("full_parse_s", p["parse_s"])
    full_cpu = p.get("full_parse_cpu_s", p["parse_cpu_s"])
    by_jobs = {int(r.name.rsplit(" ", 1)[-1]): r for r in runs}
    peaks = [(f"{r.name}, main process", r.result["rss_self_mb"]) for r in runs]
    peaks += [(f"{r.name}, largest worker", r.result["rss_children_mb"]) for r in runs
              if r.result["rss_children_mb"]]
    where, worst = max(peaks, key=lambda x: x[1])
    print()
    print("targets:")
    jobs1 = by_jobs.get(1)
    if jobs1 is not None:
        wall_x, cpu_x = full_s / jobs1.wall_s, full_cpu / jobs1.result["cpu_s"]
        print(f"  end-to-end --jobs 1 vs full parse: {wall_x:.2f}x as fast by wall time, "
              f"{cpu_x:.2f}x by CPU seconds (target >= {TARGET_VS_PARSE}x)  "
              f"{_verdict(wall_x >= TARGET_VS_PARSE)} / {_verdict(cpu_x >= TARGET_VS_PARSE)}")
        if "full_parse_s" in p:
            print(f"    (vs a parse with only the extractor's components: "
                  f"{p['parse_s'] / jobs1.wall_s:.2f}x wall, "
                  f"{p['parse_cpu_s'] / jobs1.result['cpu_s']:.2f}x CPU)")
        if startup is not None:
            rest_wall = jobs1.wall_s - startup.wall_s
            rest_cpu = jobs1.result["cpu_s"] - startup.result["cpu_s"]
            if rest_wall > 0 and rest_cpu > 0:
                print(f"    (start-up left out, i.e. once amortised over a large archive: "
                      f"{full_s / rest_wall:.2f}x wall, {full_cpu / rest_cpu:.2f}x CPU)")
    if 1 in by_jobs and 2 in by_jobs:
        scale = by_jobs[1].wall_s / by_jobs[2].wall_s
        print(f"  --jobs 2 vs --jobs 1:              {scale:.2f}x as fast "
              f"(target >= {TARGET_JOBS2}x)  {_verdict(scale >= TARGET_JOBS2)}")
    print(f"  memory per worker:                 {worst:.0f} MB at most "
          f"(target < {TARGET_RSS_MB:.0f} MB)  {_verdict(worst < TARGET_RSS_MB)}")
    print(f"    (largest: {where})")
    return ok


def main(argv: list[str] | None = None) -> int:
    """Build or take a corpus, run the measurements, print the figures."""
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == CHILD:
        return child_main(argv[1:])
    ap = argparse.ArgumentParser(
        description="Ingest + extract throughput against a full spaCy parse (issue 2, sec. 8).")
    ap.add_argument("--docs", type=int, default=1000,
                    help="documents to generate (default 1000)")
    ap.add_argument("--seed", type=int, default=7, help="seed of the generated corpus")
    ap.add_argument("--keep", action="store_true", help="keep the temporary files")
    ap.add_argument("--corpus", type=Path,
                    help="benchmark this JSON Lines corpus instead of generating one")
    ap.add_argument("--real", type=int, metavar="N",
                    help="benchmark the real excerpts of ../shared/dev and dev2, N times over")
    ap.add_argument("--jobs", default="1,2",
                    help="the ingest runs to measure, as --jobs values (default 1,2)")
    ap.add_argument("--no-startup", action="store_true",
                    help="do not measure start-up on its own")
    a = ap.parse_args(argv)
    if a.docs < 1:
        ap.error("--docs must be at least 1")
    if a.corpus is not None and a.real is not None:
        ap.error("--corpus and --real exclude each other")
    if a.real is not None and a.real < 1:
        ap.error("--real must be at least 1")
    if a.corpus is not None and not a.corpus.exists():
        ap.error(f"no such corpus: {a.corpus}")
    try:
        jobs_list = [int(j) for j in a.jobs.split(",")]
    except ValueError:
        ap.error(f"--jobs takes numbers separated by commas, not {a.jobs!r}")
    if not jobs_list or min(jobs_list) < 1:
        ap.error("--jobs values must be at least 1")

    work = Path(tempfile.mkdtemp(prefix="supplyline-bench-"))
    try:
        if a.corpus is not None:
            corpus = a.corpus.resolve()
        elif a.real is not None:
            corpus = work / "corpus.jsonl"
            try:
                n = build_real_corpus(corpus, a.real)
            except FileNotFoundError as exc:
                print(f"skipped: the real excerpts are not beside the checkout ({exc})")
                return 0
            print(f"corpus: {n:,} documents, {', '.join(REAL_SETS)} of {SHARED} "
                  f"{a.real} times over (new ids)")
        else:
            corpus = work / "corpus.jsonl"
            t0 = time.perf_counter()
            build_corpus(corpus, a.docs, a.seed)
            print(f"corpus: {a.docs:,} documents generated from the bundled samples "
                  f"(seed {a.seed}) in {time.perf_counter() - t0:.1f} s")
        print(f"corpus file: {corpus} ({corpus.stat().st_size / 1e6:.1f} MB)")
        print("measuring, each in a fresh process:")
        parse = measure("full parse", ["parse", "--corpus", str(corpus)], work)
        runs, counts = [], []
        for jobs in jobs_list:
            db = work / f"jobs{jobs}.db"
            runs.append(measure(f"ingest --jobs {jobs}", [
                "ingest", "--corpus", str(corpus), "--db", str(db), "--jobs", str(jobs)], work))
            counts.append(stored_counts(db))
        startup = None
        if not a.no_startup:
            one = work / "first.jsonl"
            first_document(corpus, one)
            startup = measure("start-up", ["ingest", "--corpus", str(one), "--db",
                                           str(work / "first.db"), "--jobs", "1"], work)
        p = parse.result
        print()
        print(f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python "
              f"{platform.python_version()}, spaCy {p['spacy']}, "
              f"{p['model']} {p['model_version']}")
        print(f"corpus: {p['docs']:,} documents, {p['words']:,} words; words per document "
              f"min {p['words_min']}, median {p['words_median']:.0f}, max {p['words_max']}")
        ok = report(parse, runs, counts, startup)
    except RuntimeError as exc:  # a measured run failed: say which, with its error
        print(f"\nerror: {exc}", file=sys.stderr)
        ok = False
    finally:
        if a.keep:
            print(f"\nkept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
