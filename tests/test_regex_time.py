"""No regular expression of cleaning or extraction backtracks without bound on hostile text.

Every pattern that ``clean`` and ``extract`` compile (found by ``regex_census.py`` wherever it
lives, vocabulary-built ones included) is tried on 10 KB inputs made to provoke backtracking:
long runs of one character class, repeated words of the pattern itself, a run that fails at
its last character. One attempt (``match``, ``fullmatch``) must stay within ``BOUND`` seconds:
a pattern whose attempt grows faster than the input (the figure-to-item gap of
``SentenceReader`` grew with the cube of a long capitalised word) fails here. A pattern the
code runs through ``re.search``, ``sub`` and the like is searched as well, since a search
makes one attempt at every position.
"""

from __future__ import annotations

import json
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

import pytest

SIZE = 10_000
BOUND = 1.0  # seconds for one call on SIZE characters; linear patterns take milliseconds
SEARCHED = {"search", "sub", "subn", "finditer", "findall", "split"}
UNITS = ("A", "a", "1", " ", "\n", "-", ".", ",", "a-", "A.", "1,", "1 ", "1.", "a ", "A ",
         "Aa ", "A-A ", "(A) ", "A, ", "A: ", "of the ", "Aa1 -.,()'\"\u2019\u201d")


def census() -> list[dict]:
    """The patterns, from a fresh interpreter (its hook must see every compile)."""
    script = Path(__file__).with_name("regex_census.py")
    out = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                         check=True, timeout=600)
    return [json.loads(line) for line in out.stdout.splitlines()]


PATTERNS = census()


def fill(unit: str, tail: str = "") -> str:
    """``unit`` repeated to SIZE characters, ending in ``tail``."""
    body = unit * (SIZE // len(unit) + 1)
    return body[:SIZE - len(tail)] + tail


def hostile(pattern: str) -> Iterator[str]:
    for unit in UNITS:
        yield fill(unit)
        yield fill(unit, "!")  # a run the pattern could take whole, spoilt at the end
    yield fill("A", "!")[:SIZE - 3] + "40 "
    yield "40 " + fill("A", ",")
    words = sorted(set(re.findall(r"[A-Za-z]{2,}", pattern)))[:24]
    if words:
        for joint in (" ", "-", ", "):
            yield fill(joint.join(words) + joint, "!")
        yield fill(" ".join(w.capitalize() for w in words) + " ", "!")


class TooSlow(Exception):
    pass


def _alarm(_signum: int, _frame: FrameType | None) -> None:
    raise TooSlow  # the regex engine checks for signals, so a runaway stops here


def timed(call, text: str) -> float:  # noqa: ANN001 - a bound method of re.Pattern
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, BOUND * 5)
    started = time.monotonic()
    try:
        result = call(text)
        if isinstance(result, Iterator):
            for _ in result:
                pass
    except TooSlow:
        pass
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    return time.monotonic() - started


def test_the_census_finds_the_patterns_of_every_stage() -> None:
    places = {p["where"].rsplit("/supplyline/", 1)[-1].split(":")[0] for p in PATTERNS}
    assert "clean.py" in places
    assert any(place.startswith("vocab/") for place in places)  # built from the vocabulary
    assert sum(place.startswith("extract/") for place in places) >= 5
    assert len(PATTERNS) > 100


@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="needs POSIX interval timers")
@pytest.mark.parametrize("found", PATTERNS, ids=lambda p: p["where"].rsplit("/supplyline/")[-1])
def test_pattern_stays_linear_on_hostile_text(found: dict) -> None:
    compiled = re.compile(found["pattern"], found["flags"])
    calls = [compiled.match, compiled.fullmatch]
    if SEARCHED & set(found["used"]):
        calls.append(compiled.finditer)
    slow = []
    for text in hostile(found["pattern"]):
        for call in calls:
            took = timed(call, text)
            if took > BOUND:
                slow.append(f"{call.__name__} {text[:24]!r}...: {took:.1f} s")
    assert not slow, f"{found['where']}: {found['pattern'][:200]}\n" + "\n".join(slow)
