"""What the store hands back besides claims: stored documents, search hits, the claim filter.

Backend-neutral: nothing here speaks SQL, so both stores return the same records.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from supplyline.model import (
    CLAIM_TYPES,
    SOURCE_KINDS,
    STATUSES,
    Claim,
    CleanedText,
    Document,
    Segment,
)

#: How much of an article's text the store reads to name a document that has no title.
LEAD_CHARS = 200


def document_label(title: str | None, text: str | None, doc_id: str, words: int = 10) -> str:
    """How to name a document: its title, else the first ``words`` words of its text ("…"
    when cut), else its id."""
    if title and title.strip():
        return " ".join(title.split())
    found = (text or "").split()
    if not found:
        return doc_id
    return " ".join(found[:words]) + ("…" if len(found) > words else "")


@dataclass(frozen=True)
class StoredDocument:
    """A document as stored: its metadata, text, cleaned article text and segments."""

    id: str
    origin: str | None
    url: str | None
    outlet: str | None
    title: str | None
    author: str | None
    published: date | None
    text: str
    cleaned_text: str
    segments: tuple[Segment, ...]
    ingested_at: datetime
    raw: str | None = None
    content_hash: str = ""
    segmented_text: str | None = None  # the text segment offsets index, when not ``text``

    @property
    def label(self) -> str:
        """The title, else the article's first words."""
        return document_label(self.title, self.cleaned_text or self.text, self.id)

    @property
    def cleaned(self) -> CleanedText:
        """The ``CleanedText`` the document was saved with."""
        base = self.text if self.segmented_text is None else self.segmented_text
        return CleanedText(base, self.segments)

    def document(self) -> Document:
        """The ``Document`` the record was saved from (to extract it again)."""
        return Document(
            id=self.id, text=self.text, title=self.title, url=self.url, outlet=self.outlet,
            author=self.author, published=self.published, origin=self.origin, raw=self.raw,
        )

    def segment_at(self, offset: int) -> Segment | None:
        """The segment whose span holds ``offset`` (an evidence start), or None."""
        segs = sorted(self.segments, key=lambda s: s.start)
        i = bisect_right([s.start for s in segs], offset) - 1
        if i >= 0 and segs[i].start <= offset < segs[i].end:
            return segs[i]
        return None


#: What makes a query use search syntax: quotes, prefix stars, brackets, OR/AND/NOT, -word.
_SYNTAX = re.compile(r'["*():^]|(?<!\S)(?:AND|OR|NOT|NEAR)(?!\S)|(?<!\S)-')


def synonym_groups(query: str, synonyms: Mapping[str, Sequence[str]]) -> list[tuple[str, ...]]:
    """A plain-words query as groups of alternatives, one group per word or per name that
    ``synonyms`` knows (keys case-folded): "North Korea shells" is
    ``[("North Korea", "North Korean"), ("shells",)]``. Empty when the query uses search
    syntax, or when no name of it has synonyms: then it is searched as written."""
    if _SYNTAX.search(query):
        return []
    words = query.split()
    groups: list[tuple[str, ...]] = []
    i = 0
    while i < len(words):
        for n in range(min(4, len(words) - i), 0, -1):  # the longest name first
            key = " ".join(words[i:i + n]).casefold()
            if key in synonyms:
                groups.append(tuple(synonyms[key]))
                i += n
                break
        else:
            groups.append((words[i],))
            i += 1
    return groups if any(len(g) > 1 for g in groups) else []


@dataclass(frozen=True)
class SearchHit:
    """A full-text match: ``rank`` is the engine's score (SQLite's bm25, PostgreSQL's
    ``ts_rank`` negated), lower is better."""

    doc_id: str
    title: str | None
    outlet: str | None
    published: date | None
    snippet: str
    rank: float
    lead: str = ""  # the start of the article text

    @property
    def label(self) -> str:
        """The title, else the article's first words."""
        return document_label(self.title, self.lead, self.doc_id)


@dataclass(frozen=True)
class ClaimFilter:
    """Which claims to read; every field left None matches everything.

    ``actor``, ``recipient``, ``type``, ``status``, ``source_kind`` and ``outlet`` (the
    document's) compare whole values, ignoring case; ``item`` is a case-insensitive
    substring. ``since``/``until`` (dates or ISO strings) keep claims whose ``when``
    interval overlaps them; a claim without resolved dates is placed at its document's
    ``published`` date, and one with neither is left out. An open-ended ``when`` (start, no
    end) runs on indefinitely.
    """

    actor: str | None = None
    recipient: str | None = None
    type: str | None = None
    status: str | None = None
    item: str | None = None
    since: date | None = None
    until: date | None = None
    source_kind: str | None = None
    doc: str | None = None
    limit: int | None = None
    outlet: str | None = None  # the document's outlet (any case)

    def __post_init__(self) -> None:
        for name, allowed in (("type", CLAIM_TYPES), ("status", STATUSES),
                              ("source_kind", SOURCE_KINDS)):
            value = getattr(self, name)
            if value is not None and value.lower() not in allowed:
                raise ValueError(f"unknown {name} {value!r}; expected one of {', '.join(allowed)}")
        for name in ("since", "until"):
            object.__setattr__(self, name, as_date(getattr(self, name)))
        if self.limit is not None and self.limit < 0:
            raise ValueError(f"limit must be >= 0, not {self.limit}")


def as_date(value: date | str | None) -> date | None:
    """A date from a date, a datetime (its day) or an ISO string."""
    if value is None or type(value) is date:
        return value
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, str):
        return date.fromisoformat(value.strip())
    raise TypeError(f"expected a date, not {value!r}")


@dataclass(frozen=True)
class ClaimReport:
    """A claim with what resolution needs of its document: date, outlet, story and fact.

    ``story`` is the id of the document's group of near-duplicates (None until grouped);
    ``fact`` the id of the fact the claim belongs to (None until resolved).
    """

    claim: Claim
    published: date | None
    outlet: str | None
    story: str | None = None
    fact: str | None = None

    @property
    def id(self) -> str:
        return self.claim.id


@dataclass(frozen=True)
class DocumentRef:
    """A document named in a listing: enough to show it, without its text."""

    id: str
    outlet: str | None
    title: str | None
    published: date | None
    url: str | None
    lead: str = ""  # the start of the article text

    @property
    def label(self) -> str:
        """The title, else the article's first words."""
        return document_label(self.title, self.lead, self.id)


@dataclass(frozen=True)
class FeedState:
    """What ``watch`` remembers of a feed: the validators for its next conditional GET."""

    url: str
    etag: str | None
    last_modified: str | None
    checked_at: str
    status: str


@dataclass(frozen=True)
class FactFilter:
    """Which facts to read; None matches everything (names compare ignoring case; ``item``
    is a substring of the item or its class)."""

    actor: str | None = None
    recipient: str | None = None
    type: str | None = None
    item: str | None = None
    status: str | None = None
    min_sources: int | None = None
