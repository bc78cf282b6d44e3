"""Document -> CleanedText: the text split into headline, summary, headings, body and debris.

Every non-blank line of ``Document.text`` becomes one segment (a line a scraper glued site
chrome onto is split first), with offsets into the text and surrounding whitespace left out;
a summary bullet's segment leaves out its bullet marker too. Nothing is dropped: text that
matches no rule is body, and debris keeps its span and a ``reason``.

The words and patterns looked for live in ``vocab/clean.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import yaml

from supplyline.model import CleanedText, Document, Segment

__all__ = ["CleanVocab", "clean"]

_WORDS = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")
_TERMINAL = re.compile(r"""[.!?;,…]['"’”)\]]*$""")
_SENTENCE_BREAK = re.compile(r"""[.!?]['"’”)]*\s+['"‘“(]?[A-Z]""")
_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}\b")
_NUM_DATE = re.compile(r"\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b")
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_ORDINAL = re.compile(r"^\d{1,2}(?:st|nd|rd|th)?$", re.I)
_NAME = r"[A-Z][\w.'’-]*"


@dataclass(frozen=True)
class CleanVocab:
    """The cleaner's word lists and limits, as loaded from ``vocab/clean.yaml``."""

    chrome_lines: frozenset[str]
    chrome_prefixes: tuple[str, ...]
    chrome_patterns: tuple[tuple[str, re.Pattern[str]], ...]
    glued_end: tuple[str, ...]
    glued_start: tuple[str, ...]
    caption_prefixes: tuple[str, ...]
    caption_marks: tuple[str, ...]
    scene_verbs: frozenset[str]
    participles: tuple[str, ...]
    finite_verbs: frozenset[str]
    determiners: frozenset[str]
    dateline_labels: tuple[str, ...]
    months: frozenset[str]
    weekdays: frozenset[str]
    byline: re.Pattern[str]
    bio_roles: frozenset[str]
    bio_intro: re.Pattern[str]
    bio_cues: tuple[str, ...]
    bullets: tuple[str, ...]
    limits: Mapping[str, int]

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> CleanVocab:
        """Build from the parsed YAML mapping."""
        chrome, glued, captions = data["chrome"], data["glued"], data["captions"]
        alt, dates, bio = data["alt_text"], data["datelines"], data["bio"]
        by = "|".join(re.escape(p) for p in _longest_first(dates["byline_prefixes"]))
        verbs = "|".join(re.escape(v) for v in _longest_first(bio["verbs"]))
        return cls(
            chrome_lines=frozenset(_norm(x) for x in chrome["lines"]),
            chrome_prefixes=tuple(x.lower() for x in chrome["prefixes"]),
            chrome_patterns=tuple(
                (reason, re.compile(rx, re.I)) for reason, rx in chrome["patterns"].items()
            ),
            glued_end=_longest_first(glued["end"]),
            glued_start=_longest_first(glued["start"]),
            caption_prefixes=tuple(x.lower() for x in captions["prefixes"]),
            caption_marks=tuple(x.lower() for x in captions["marks"]),
            participles=tuple(x.lower() for x in alt["participles"]),
            scene_verbs=frozenset(x.lower() for x in alt.get("scene_verbs") or ()),
            finite_verbs=frozenset(x.lower() for x in alt["finite_verbs"]),
            determiners=frozenset(x.lower() for x in alt["determiners"]),
            dateline_labels=_longest_first(x.lower() for x in dates["labels"]),
            months=frozenset(x.lower() for x in dates["months"]),
            weekdays=frozenset(x.lower() for x in dates["weekdays"]),
            byline=re.compile(rf"(?:{by})\s+{_NAME}(?:\s+{_NAME}){{0,3}}"),
            bio_roles=frozenset(x.lower() for x in bio["roles"]),
            bio_intro=re.compile(rf"(?:{_NAME}\s+){{1,4}}(?:{verbs})\b"),
            bio_cues=tuple(x.lower() for x in bio["cues"]),
            bullets=tuple(data["bullets"]),
            limits=dict(data["limits"]),
        )

    @classmethod
    def load(cls, path: Path | None = None) -> CleanVocab:
        """Read ``path``, or the shipped ``vocab/clean.yaml``."""
        if path is None:
            text = files("supplyline").joinpath("vocab/clean.yaml").read_text(encoding="utf-8")
        else:
            text = Path(path).read_text(encoding="utf-8")
        return cls.from_dict(yaml.safe_load(text))


@cache
def _default_vocab() -> CleanVocab:
    return CleanVocab.load()


def prepare() -> None:
    """Read the shipped cleaning vocabulary now (once per process) rather than in the first
    ``clean``."""
    _default_vocab()


@dataclass
class _Line:
    start: int
    end: int
    text: str
    kind: str = ""
    reason: str | None = None
    marker: int = 0  # length of a bullet marker (and its spaces) left out of a summary segment

    @property
    def words(self) -> int:
        return len(_WORDS.findall(self.text))


def clean(doc: Document, *, vocab: CleanVocab | None = None) -> CleanedText:
    """Split ``doc.text`` into headline, summary, heading, body and debris segments."""
    v = vocab or _default_vocab()
    lines = _split_glued(_lines(doc.text), v)
    for line in lines:
        reason = _debris_reason(line.text, v)
        if reason:
            line.kind, line.reason = "debris", reason
    _structure(lines, doc.title, v)
    _tail(lines, v)
    _duplicates(lines, v)
    return CleanedText(
        text=doc.text,
        segments=tuple(
            Segment(
                kind=ln.kind,
                start=ln.start + ln.marker,
                end=ln.end,
                text=ln.text[ln.marker:],
                reason=ln.reason,
            )
            for ln in lines
        ),
    )


# -- lines ------------------------------------------------------------------------------------


def _lines(text: str) -> list[_Line]:
    """Every non-blank line with its offsets, surrounding whitespace excluded."""
    out = []
    for m in re.finditer(r"[^\n]+", text):
        raw = m.group()
        stripped = raw.strip()
        if stripped:
            start = m.start() + len(raw) - len(raw.lstrip())
            out.append(_Line(start, start + len(stripped), stripped))
    return out


def _split_glued(lines: list[_Line], v: CleanVocab) -> list[_Line]:
    """Separate chrome phrases glued to the end or start of a line with no newline."""
    out: list[_Line] = []
    pending = list(reversed(lines))
    while pending:
        line = pending.pop()
        parts = _glued_parts(line, v)
        if parts is None:
            out.append(line)
        else:
            pending.extend(reversed(parts))
    return out


def _glued_parts(line: _Line, v: CleanVocab) -> list[_Line] | None:
    t = line.text
    for phrase in v.glued_end:
        if len(t) > len(phrase) and t.endswith(phrase):
            head = t[: -len(phrase)].rstrip()
            if head and _TERMINAL.search(head):
                return [_Line(line.start, line.start + len(head), head),
                        _Line(line.end - len(phrase), line.end, phrase)]
    for phrase in v.glued_start:
        if len(t) > len(phrase) and t.startswith(phrase):
            rest = t[len(phrase):]
            tail = rest.lstrip()
            if tail[:1].isupper() or tail[:1].isdigit() or tail[:1] in "\"'“‘":
                offset = line.start + len(phrase) + len(rest) - len(tail)
                return [_Line(line.start, line.start + len(phrase), phrase),
                        _Line(offset, line.end, tail)]
    return None


# -- debris that needs no context -------------------------------------------------------------


def _debris_reason(t: str, v: CleanVocab) -> str | None:
    """Why a line is debris whatever its position (chrome, captions, datelines), or None."""
    if not any(ch.isalnum() for ch in t):
        return "no words (punctuation only)"
    low = t.lower()
    if _norm(t) in v.chrome_lines:
        return f"site chrome: {t}"
    for prefix in v.chrome_prefixes:
        if low.startswith(prefix):
            return f"site chrome: starts {t[:len(prefix)]!r}"
    for reason, rx in v.chrome_patterns:
        if rx.fullmatch(t):
            return reason
    if any(low.startswith(p) for p in v.caption_prefixes):
        return "image caption or credit"
    words = _WORDS.findall(t)
    if len(words) <= v.limits["caption_max_words"] and any(m in low for m in v.caption_marks):
        return "image caption or credit"
    if len(words) <= v.limits["dateline_max_words"] and _is_dateline(t, words, v):
        return "dateline"
    if len(words) <= 6 and not _TERMINAL.search(t) and v.byline.fullmatch(t):
        return "byline"
    return None


def _is_dateline(t: str, words: list[str], v: CleanVocab) -> bool:
    """Publication stamps: 'Published: 12 Jul. 2025, 10:35 Updated: ...', '16:06 27.12.2022',
    'June 14, 2022', 'Published: Updated:'."""
    low = [w.lower().rstrip(".") for w in words]
    rest = " " + " ".join(low) + " "
    has_label = False
    for label in v.dateline_labels:
        if f" {label} " in rest:
            has_label = True
            rest = rest.replace(f" {label} ", " ")
    datey = [w for w in rest.split() if w in v.months or w in v.weekdays or _ORDINAL.match(w)
             or _YEAR.fullmatch(w) or w.isdigit() or w in ("am", "pm", "gmt", "utc", "bst")]
    has_date = bool(_TIME.search(t) or _NUM_DATE.search(t) or _YEAR.search(t)) and bool(datey)
    if has_label and (has_date or not rest.strip()):
        return True
    if _TERMINAL.search(t) and not t.endswith(","):
        return False
    others = [w for w in rest.split() if w not in datey]
    if has_date and not others:
        return True  # nothing but a date and time
    # a short line with a date and a clock time: 'Oleh Pavliuk, Saturday, 21 September 2024, 14:50'
    return bool(_TIME.search(t)) and has_date and len(others) <= 4


# -- structure: headline, summary, alt text, headings, body -----------------------------------


def _structure(lines: list[_Line], title: str | None, v: CleanVocab) -> None:
    """Classify the lines that are not debris yet, top to bottom."""
    article = [ln for ln in lines if not ln.kind]
    title_at = _title_line(article, title)
    seen_body = False
    headline_done = False
    for i, line in enumerate(article):
        t = line.text
        if not seen_body:
            if not headline_done and (
                i == title_at or (title_at is None and _title_like(line, v))
            ):
                line.kind, headline_done = "headline", True
                continue
            marker = _bullet(t, v)
            if marker:
                line.kind, line.marker = "summary", marker
                continue
            if _alt_text(t, v):
                line.kind, line.reason = "debris", "image alt text"
                continue
            if headline_done and _scene_caption(t, v):
                line.kind, line.reason = "debris", "image caption"
                continue
            if _heading_like(line, v):
                line.kind = "heading"
                continue
            line.kind, seen_body = "body", True
            continue
        nxt = next((a for a in article[i + 1:] if a.kind != "debris"), None)
        if _heading_like(line, v) and nxt is not None and _paragraph_like(nxt, v):
            line.kind = "heading"
        else:
            line.kind = "body"


def _title_line(article: list[_Line], title: str | None) -> int | None:
    """Index of the line that is ``doc.title``, if the title is in the text near the top."""
    if not title:
        return None
    want = _norm(title)
    for i, line in enumerate(article[:8]):
        if _norm(line.text) == want:
            return i
    return None


def _title_like(line: _Line, v: CleanVocab) -> bool:
    """A headline: a handful of words, no final period, starting like a title."""
    n = line.words
    t = line.text
    return (
        v.limits["headline_min_words"] <= n <= v.limits["headline_max_words"]
        and not _TERMINAL.search(t)
        and not t.endswith(":")
        and _starts_like_title(t)
        and not _bullet(t, v)
    )


def _heading_like(line: _Line, v: CleanVocab) -> bool:
    """A section heading: short, no final punctuation, capitalised."""
    t = line.text
    n = line.words
    return (
        0 < n <= v.limits["heading_max_words"]
        and len(t) <= v.limits["heading_max_chars"]
        and not _TERMINAL.search(t)
        and (not t.endswith(":") or n <= 3)
        and len(_WORDS.findall(t.partition(": ")[2])) < 5  # not 'Source: Reuters, citing ...'
        and _starts_like_title(t)
        and not _bullet(t, v)
    )


def _paragraph_like(line: _Line, v: CleanVocab) -> bool:
    """A line of running text (what a heading is followed by)."""
    return line.words > v.limits["heading_max_words"] or bool(_TERMINAL.search(line.text)) or (
        _bullet(line.text, v) > 0
    )


def _starts_like_title(t: str) -> bool:
    first = t.lstrip("\"'“‘(")[:1]
    return first.isupper() or first.isdigit()


def _bullet(t: str, v: CleanVocab) -> int:
    """Length of a leading bullet marker and the spaces after it (0 if none)."""
    for b in v.bullets:
        if t.startswith(b) and len(t) > len(b) and t[len(b)].isspace():
            rest = t[len(b):]
            return len(b) + len(rest) - len(rest.lstrip())
    return 0


def _alt_text(t: str, v: CleanVocab) -> bool:
    """One descriptive sentence built on a participle with no finite verb: image alt text."""
    words = [w.lower() for w in _WORDS.findall(t)]
    if not 4 <= len(words) <= v.limits["alt_text_max_words"]:
        return False
    if _SENTENCE_BREAK.search(t) or t.endswith(("?", "!", ":")):
        return False
    if any(w in v.finite_verbs for w in words):
        return False
    joined = " " + " ".join(words) + " "
    hits = [joined.find(f" {p} ") for p in v.participles if f" {p} " in joined]
    if not hits:
        return False
    before = joined[: min(hits)].split()
    # "Korea unveiled a missile featuring ...": a verb with its object before the participle
    for w, nxt in zip(before, before[1:] + [""], strict=True):
        if (w.endswith("ed") or (w.endswith("s") and not w.endswith("ss"))) and len(w) > 3 and (
            nxt in v.determiners or nxt.isdigit()
        ):
            return False
    return True


def _scene_caption(t: str, v: CleanVocab) -> bool:
    """One short present-tense sentence describing a photo's scene, before the body."""
    words = [w.lower() for w in _WORDS.findall(t)]
    if not 5 <= len(words) <= v.limits["alt_text_max_words"] or _SENTENCE_BREAK.search(t):
        return False
    if any(w in v.finite_verbs and w not in ("is", "are") for w in words):
        return False  # reporting verbs, modals, past auxiliaries: prose
    return any(w in v.scene_verbs for w in words[1:8])


# -- the end of the article: biography, lists of tags and links -------------------------------


def _tail(lines: list[_Line], v: CleanVocab) -> None:
    article = [ln for ln in lines if ln.kind != "debris"]
    run = []
    for line in reversed(article):
        if line.words <= v.limits["trailing_list_max_words"] and not _TERMINAL.search(line.text):
            run.append(line)
        else:
            break
    if len(run) >= v.limits["trailing_list_min_lines"] and len(run) < len(article):
        for line in run:
            line.kind, line.reason = "debris", "trailing list of tags or links"
        article = article[: -len(run)]
    for line in article[-v.limits["bio_last_paragraphs"]:]:
        if line.kind == "body" and _biography(line.text, v):
            line.kind, line.reason = "debris", "author biography"


def _biography(t: str, v: CleanVocab) -> bool:
    """'<Name> is a ... journalist ...': a paragraph about the writer."""
    if not v.bio_intro.match(t):
        return False
    first = re.split(r"(?<=[.!?])\s+", t, maxsplit=1)[0]
    if {w.lower() for w in _WORDS.findall(first)} & v.bio_roles:
        return True
    low = t.lower()
    roles = {w.lower() for w in _WORDS.findall(t)} & v.bio_roles
    return bool(roles) and sum(c in low for c in v.bio_cues) >= 2


def _duplicates(lines: list[_Line], v: CleanVocab) -> None:
    """A paragraph that repeats an earlier one word for word (scrapers double them)."""
    seen: set[str] = set()
    for line in lines:
        if line.kind == "debris" or line.words < v.limits["duplicate_min_words"]:
            continue
        key = _norm(line.text[line.marker:])
        if key in seen:
            line.kind, line.reason = "debris", "repeats an earlier paragraph"
        seen.add(key)


# -- helpers ----------------------------------------------------------------------------------


def _norm(s: str) -> str:
    """Lower case, single spaces, trailing punctuation and arrows removed (for comparisons)."""
    return re.sub(r"\s+", " ", s).strip().rstrip(" .:;,!»›→>|-–—").lower()


def _longest_first(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(items, key=len, reverse=True))
