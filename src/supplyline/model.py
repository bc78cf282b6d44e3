"""Plain data passed between the stages: documents, cleaned text, claims.

Every stage takes and returns these frozen dataclasses; nothing else crosses a
stage boundary. ``Claim.to_dict`` / ``Claim.from_dict`` give the JSON shape that
``../shared/spec/claims.md`` defines (the extractor's output and the gold files).
"""

from __future__ import annotations

import hashlib
import math
import re
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

CLAIM_TYPES = (
    "personnel", "weapons", "munitions", "technology", "funding",
    "production", "test", "exercise", "combat",
)
TRANSFER_TYPES = frozenset({"personnel", "weapons", "munitions", "technology", "funding"})
# types whose items are counted: a bare figure can stand for the item ("six more arrived")
COUNTED_TYPES = frozenset({"personnel", "weapons", "munitions"})
STATUSES = ("done", "ongoing", "planned", "pledged", "expected", "possible", "denied")
SOURCE_KINDS = (
    "intelligence", "military", "government", "official", "expert", "media", "unattributed",
)
SEGMENT_KINDS = ("headline", "summary", "heading", "body", "debris")


# What no store can hold: NUL (PostgreSQL refuses it in text) and lone surrogates (not
# encodable as UTF-8; a JSON record may still spell them, "\udfff").
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


@dataclass(frozen=True)
class Document:
    """One article as ingested. ``text`` is what cleaning and extraction read;
    ``raw`` is the original payload (the HTML for an HTML page) when it differs.

    Every document passes here, whatever read it, so this is where text no store can hold is
    made storable, the same for SQLite and PostgreSQL: NUL and lone surrogates become U+FFFD
    in the text and metadata (one character for one, so offsets into the text stand), and are
    written out as escapes in the id ("a\\udfff"), which keeps two such ids apart.
    """

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: date | None = None
    origin: str | None = None  # the path or URL it was read from
    raw: str | None = None

    def __post_init__(self) -> None:
        if _UNSTORABLE.search(self.id):
            escaped = self.id.encode("utf-8", "backslashreplace").decode("utf-8")
            object.__setattr__(self, "id", escaped.replace("\x00", "\\x00"))
        for name in ("text", "title", "url", "outlet", "author", "origin", "raw"):
            value = getattr(self, name)
            if value and _UNSTORABLE.search(value):
                object.__setattr__(self, name, _UNSTORABLE.sub("\ufffd", value))

    @staticmethod
    def content_id(text: str) -> str:
        """A stable id for a document that has none: a hash of its text."""
        return "sha1:" + hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


@dataclass(frozen=True)
class Segment:
    """A span of ``Document.text``: headline, summary bullet, heading, body paragraph or debris."""

    kind: str
    start: int
    end: int
    text: str
    reason: str | None = None  # why a span was judged debris


@dataclass(frozen=True)
class CleanedText:
    """The document's text split into article segments and debris; offsets index ``text``."""

    text: str
    segments: tuple[Segment, ...]

    @property
    def article(self) -> tuple[Segment, ...]:
        return tuple(s for s in self.segments if s.kind != "debris")

    @property
    def debris(self) -> tuple[Segment, ...]:
        return tuple(s for s in self.segments if s.kind == "debris")

    @property
    def article_text(self) -> str:
        """The article's own text, segments joined by blank lines (stored as the cleaned text)."""
        return "\n\n".join(s.text for s in self.article)


@dataclass(frozen=True)
class Quantity:
    value: float | None = None
    lower: float | None = None
    upper: float | None = None
    approx: str | None = None
    unit: str | None = None  # ISO currency for money

    def __post_init__(self) -> None:
        # a figure that is not finite is no figure (a claim stored so by an older version)
        for name in ("value", "lower", "upper"):
            x = getattr(self, name)
            if x is not None and not math.isfinite(x):
                object.__setattr__(self, name, None)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "value": _num(self.value), "lower": _num(self.lower),
            "upper": _num(self.upper), "approx": self.approx,
        }
        if self.unit:
            out["unit"] = self.unit
        return out


@dataclass(frozen=True)
class When:
    text: str
    start: date | None = None
    end: date | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
        }


@dataclass(frozen=True)
class Source:
    text: str | None = None
    name: str | None = None
    kind: str = "unattributed"
    country: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "name": self.name, "kind": self.kind, "country": self.country}


@dataclass(frozen=True)
class Evidence:
    """A verbatim span of ``Document.text``: ``text == document.text[start:end]``."""

    text: str
    start: int
    end: int
    section: str = "body"

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class Claim:
    doc: str
    type: str
    actor: str
    recipient: str | None = None
    item: str | None = None
    quantity: Quantity | None = None
    basis: str | None = None
    status: str = "done"
    when: When | None = None
    source: Source = field(default_factory=Source)
    place: str | None = None
    evidence: tuple[Evidence, ...] = ()

    @property
    def id(self) -> str:
        """Stable id: the same claim extracted again from the same document keeps its id."""
        first = self.evidence[0].start if self.evidence else -1
        key = "|".join(
            str(x) for x in (self.doc, self.type, self.actor, self.recipient, self.item, first,
                             self.quantity.value if self.quantity else None)
        )
        return hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]

    def with_evidence(self, more: tuple[Evidence, ...]) -> Claim:
        seen = {(e.start, e.end) for e in self.evidence}
        extra = tuple(e for e in more if (e.start, e.end) not in seen)
        return replace(self, evidence=self.evidence + extra)

    def to_dict(self) -> dict[str, Any]:
        """The spec's JSON shape, with ``id`` and evidence as ``{text, start, end}`` objects."""
        return {
            "id": self.id,
            "doc": self.doc,
            "evidence": [e.to_dict() for e in self.evidence],
            "type": self.type,
            "actor": self.actor,
            "recipient": self.recipient,
            "item": self.item,
            "quantity": self.quantity.to_dict() if self.quantity else None,
            "basis": self.basis,
            "status": self.status,
            "when": self.when.to_dict() if self.when else None,
            "source": self.source.to_dict(),
            "place": self.place,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Claim:
        """Read a claim in the spec's shape (store rows, ``--jsonl`` output)."""
        q = d.get("quantity")
        w = d.get("when")
        s = d.get("source") or {}
        ev = d.get("evidence") or []
        if isinstance(ev, str | dict):
            ev = [ev]
        evidence = tuple(
            Evidence(e["text"], int(e.get("start", -1)), int(e.get("end", -1)),
                     e.get("section", "body"))
            if isinstance(e, dict) else Evidence(e, -1, -1)
            for e in ev
        )
        item = d.get("item")
        if isinstance(item, list):
            item = item[0] if item else None
        return cls(
            doc=d["doc"], type=d["type"], actor=d["actor"], recipient=d.get("recipient"),
            item=item,
            quantity=Quantity(q.get("value"), q.get("lower"), q.get("upper"), q.get("approx"),
                              q.get("unit")) if q else None,
            basis=d.get("basis"), status=d.get("status") or "done",
            when=When(w.get("text") or "", _date(w.get("start")), _date(w.get("end")))
            if w else None,
            source=Source(s.get("text"), s.get("name"), s.get("kind") or "unattributed",
                          s.get("country")),
            place=d.get("place"), evidence=evidence,
        )


def _num(x: float | None) -> float | int | None:
    if x is None:
        return None
    return int(x) if float(x).is_integer() else x


def _date(s: str | None) -> date | None:
    return date.fromisoformat(s) if s else None


STATUS_FAMILIES = {
    "done": "happened", "ongoing": "happened",
    "pledged": "promised", "planned": "promised",
    "expected": "anticipated", "possible": "anticipated",
    "denied": "denied",
}

# The phases of a series: what was delivered, pledged, expected or denied (never mixed).
PHASES = {"done": "delivered", "ongoing": "delivered", "pledged": "pledged",
          "planned": "pledged", "expected": "expected", "possible": "expected",
          "denied": "denied"}
PHASE_ORDER = ("delivered", "pledged", "expected", "denied")


FACT_KEYS = ("id", "type", "actor", "recipient", "item", "status", "reports",
             "independent_sources", "first_reported", "last_reported", "low", "high")


@dataclass(frozen=True)
class Fact:
    """Claims from one or more documents that state the same thing, resolved into one.

    ``reports`` are the claim ids (earliest first); ``independent_sources`` counts the
    distinct named sources, a report without one counting as its story (a wire story copied
    by several outlets is one story). ``low``/``high`` are the range of figures reported,
    ``start``/``end`` the time the first report gave (the fact's anchor).
    """

    id: str
    type: str
    actor: str
    recipient: str | None
    item: str | None
    item_class: str | None
    status: str
    basis: str | None
    reports: tuple[str, ...]
    independent_sources: int
    first_reported: date | None
    last_reported: date | None
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    start: date | None = None
    end: date | None = None

    @property
    def status_family(self) -> str:
        return STATUS_FAMILIES.get(self.status, self.status)

    def to_dict(self) -> dict[str, Any]:
        """The shape of ``supplyline facts --json``: exactly the issue's keys."""
        return {
            "id": self.id, "type": self.type, "actor": self.actor,
            "recipient": self.recipient, "item": self.item, "status": self.status,
            "reports": list(self.reports), "independent_sources": self.independent_sources,
            "first_reported": _iso(self.first_reported),
            "last_reported": _iso(self.last_reported),
            "low": _num(self.low), "high": _num(self.high),
        }

    def to_record(self) -> dict[str, Any]:
        """Every field, JSON-ready (what the store keeps)."""
        return {**self.to_dict(), "item_class": self.item_class, "basis": self.basis,
                "unit": self.unit, "start": _iso(self.start), "end": _iso(self.end)}

    @classmethod
    def from_record(cls, d: dict[str, Any]) -> Fact:
        return cls(
            id=d["id"], type=d["type"], actor=d["actor"], recipient=d.get("recipient"),
            item=d.get("item"), item_class=d.get("item_class"), status=d["status"],
            basis=d.get("basis"), reports=tuple(d.get("reports") or ()),
            independent_sources=int(d.get("independent_sources") or 0),
            first_reported=_date(d.get("first_reported")),
            last_reported=_date(d.get("last_reported")),
            low=d.get("low"), high=d.get("high"), unit=d.get("unit"),
            start=_date(d.get("start")), end=_date(d.get("end")),
        )


@dataclass(frozen=True)
class Alert:
    """Something new worth a person's attention, raised by a rule, with the facts behind it.

    ``key`` identifies what was noticed (the same thing noticed again is the same alert), so
    each alert is stored, printed and posted once; ``delivered`` says it has been.
    """

    id: str
    rule: str
    kind: str
    message: str
    facts: tuple[str, ...]
    reported: date | None  # publication date of the report that raised it
    created_at: str = ""  # ISO timestamp, UTC
    delivered: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "rule": self.rule, "kind": self.kind, "message": self.message,
                "facts": list(self.facts), "reported": _iso(self.reported),
                "created_at": self.created_at, "delivered": self.delivered}


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None
