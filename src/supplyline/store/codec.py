"""JSON for the values the store keeps whole: claims and segments.

A claim is stored in the spec's shape (``Claim.to_dict``) with two additions so that reading
it back gives an equal ``Claim``: each evidence span keeps its ``section``, and quantities
keep their numbers as given (``11000.0`` stays a float, ``to_dict`` would make it ``11000``).
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from supplyline.model import Claim, Segment


def claim_to_json(claim: Claim) -> str:
    """The claim as JSON text, exact enough for ``claim_from_json`` to rebuild it."""
    d = claim.to_dict()
    d["evidence"] = [
        {"text": e.text, "start": e.start, "end": e.end, "section": e.section}
        for e in claim.evidence
    ]
    q = claim.quantity
    if q is not None:
        d["quantity"] = {"value": q.value, "lower": q.lower, "upper": q.upper,
                         "approx": q.approx, "unit": q.unit}
    return json.dumps(d, ensure_ascii=False, allow_nan=False)


def claim_from_json(text: str) -> Claim:
    return Claim.from_dict(json.loads(text))


def segments_to_json(segments: tuple[Segment, ...]) -> str:
    rows: list[dict[str, Any]] = [
        {"kind": s.kind, "start": s.start, "end": s.end, "text": s.text, "reason": s.reason}
        for s in segments
    ]
    return json.dumps(rows, ensure_ascii=False, allow_nan=False)


def segments_from_json(text: str) -> tuple[Segment, ...]:
    return tuple(
        Segment(r["kind"], int(r["start"]), int(r["end"]), r["text"], r.get("reason"))
        for r in json.loads(text)
    )


def content_hash(text: str) -> str:
    """What decides whether a document arriving again has changed: a hash of its text."""
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()
