"""The dashboard's query parameters, validated (a bad value is a 422, never a crash).

An HTML form sends empty fields as ``name=``; those mean "not given".
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, Field, field_validator

from supplyline.model import CLAIM_TYPES, PHASE_ORDER, SOURCE_KINDS, STATUSES, Claim
from supplyline.store import ClaimFilter

ClaimType = Literal[CLAIM_TYPES]  # type: ignore[valid-type]
Phase = Literal[PHASE_ORDER]  # type: ignore[valid-type]
SortKey = Literal["reported", "type", "pair", "item", "quantity", "status", "source"]
SORT_KEYS: tuple[str, ...] = SortKey.__args__  # type: ignore[attr-defined]


class ClaimQuery(BaseModel):
    """Filters, order and page of the claims table (``/claims`` and ``/api/claims``)."""

    actor: str | None = Field(None, description="Who sends or does it (any case).")
    recipient: str | None = Field(None, description="Who receives it.")
    type: ClaimType | None = Field(None, description="Claim type.")
    status: Literal[STATUSES] | None = Field(None, description="Status.")  # type: ignore[valid-type]
    item: str | None = Field(None, description="Words in the item (substring, any case).")
    since: date | None = Field(None, description="Claims whose time overlaps this date or later.")
    until: date | None = Field(None, description="Claims whose time overlaps this date or earlier.")
    source_kind: Literal[SOURCE_KINDS] | None = Field(  # type: ignore[valid-type]
        None, description="Kind of source.")
    doc: str | None = Field(None, description="Only this document's claims.")
    sort: SortKey | None = Field(None, description="Column to sort by (default: reported).")
    order: Literal["asc", "desc"] | None = Field(None, description="asc (default) or desc.")
    page: int | None = Field(None, ge=1, description="Page number, from 1.")
    per_page: int | None = Field(None, ge=1, le=1000, description="Claims a page (default 100).")

    @field_validator("*", mode="before")
    @classmethod
    def _blank_is_none(cls, value: Any) -> Any:
        if isinstance(value, str) and not value.strip():
            return None
        return value.strip() if isinstance(value, str) else value

    def claim_filter(self) -> ClaimFilter:
        return ClaimFilter(actor=self.actor, recipient=self.recipient, type=self.type,
                           status=self.status, item=self.item, since=self.since,
                           until=self.until, source_kind=self.source_kind, doc=self.doc)

    def link(self, **changes: Any) -> str:
        """This query as a URL query string, with ``changes`` applied (None drops a key)."""
        from urllib.parse import urlencode

        values = {**self.model_dump(exclude_none=True), **changes}
        return urlencode({k: str(v) for k, v in values.items() if v is not None})


def sort_claims(claims: list[Claim], published: dict[str, date | None], key: str | None,
                order: str | None) -> list[Claim]:
    """Claims in the table's order; missing values sort last either way."""
    key = key or "reported"

    def value(c: Claim) -> Any:
        q = c.quantity
        return {
            "reported": published.get(c.doc),
            "type": c.type,
            "pair": (c.actor, c.recipient or ""),
            "item": c.item,
            "quantity": next((x for x in (q.value, q.lower, q.upper) if x is not None), None)
            if q else None,
            "status": c.status,
            "source": (c.source.name or c.source.text or "").casefold() or None,
        }[key]

    present = [c for c in claims if value(c) is not None]
    missing = [c for c in claims if value(c) is None]
    present.sort(key=value, reverse=order == "desc")
    return present + missing
