"""The dashboard's query parameters, validated (a bad value is a 422, never a crash).

An HTML form sends empty fields as ``name=``; those mean "not given". Every index (claims,
facts, documents, sources) shares the paging, sorting and link-making of ``IndexQuery``.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal
from urllib.parse import urlencode

from pydantic import BaseModel, Field, field_validator

from supplyline.model import CLAIM_TYPES, PHASE_ORDER, SOURCE_KINDS, STATUSES, Claim
from supplyline.store import ClaimFilter

ClaimType = Literal[CLAIM_TYPES]  # type: ignore[valid-type]
Phase = Literal[PHASE_ORDER]  # type: ignore[valid-type]
Status = Literal[STATUSES]  # type: ignore[valid-type]
SourceKind = Literal[SOURCE_KINDS]  # type: ignore[valid-type]
SortKey = Literal["reported", "type", "pair", "item", "quantity", "status", "source", "outlet"]
SORT_KEYS: tuple[str, ...] = SortKey.__args__  # type: ignore[attr-defined]
FactSortKey = Literal["reported", "first", "type", "pair", "item", "phase", "figure", "reports",
                      "sources"]
FACT_SORT_KEYS: tuple[str, ...] = FactSortKey.__args__  # type: ignore[attr-defined]
DocumentSortKey = Literal["published", "outlet", "title", "claims"]
SourceSortKey = Literal["claims", "name", "documents"]
PER_PAGE = 100


class IndexQuery(BaseModel):
    """Order and page of an index; subclasses add the filters."""

    order: Literal["asc", "desc"] | None = Field(None, description="asc (default) or desc.")
    page: int | None = Field(None, ge=1, description="Page number, from 1.")
    per_page: int | None = Field(None, ge=1, le=1000, description="Rows a page (default 100).")

    @field_validator("*", mode="before")
    @classmethod
    def _blank_is_none(cls, value: Any) -> Any:
        if isinstance(value, str) and not value.strip():
            return None
        return value.strip() if isinstance(value, str) else value

    @property
    def rows_per_page(self) -> int:
        return self.per_page or PER_PAGE

    @property
    def page_number(self) -> int:
        return self.page or 1

    def link(self, **changes: Any) -> str:
        """This query as a URL query string, with ``changes`` applied (None drops a key)."""
        values = {**self.model_dump(exclude_none=True), **changes}
        return urlencode({k: str(v) for k, v in values.items() if v is not None})

    def filters(self) -> dict[str, Any]:
        """The filters given (not order or page), for the "remove" links and downloads."""
        return {k: v for k, v in self.model_dump(exclude_none=True).items()
                if k not in ("sort", "order", "page", "per_page")}


class ClaimQuery(IndexQuery):
    """Filters, order and page of the claims table (``/claims`` and ``/api/claims``)."""

    actor: str | None = Field(None, description="Who sends or does it: a name, alias, demonym "
                                                "or capital (DPRK, Pyongyang), any case.")
    recipient: str | None = Field(None, description="Who receives it (names as for actor).")
    type: ClaimType | None = Field(None, description="Claim type.")
    status: Status | None = Field(None, description="Status.")
    item: str | None = Field(None, description="Words in the item (substring, any case).")
    since: date | None = Field(None, description="Claims whose time overlaps this date or later.")
    until: date | None = Field(None, description="Claims whose time overlaps this date or earlier.")
    source_kind: SourceKind | None = Field(None, description="Kind of source.")
    outlet: str | None = Field(None, description="The document's outlet (any case).")
    doc: str | None = Field(None, description="Only this document's claims.")
    sort: SortKey | None = Field(None, description="Column to sort by (default: reported).")

    def claim_filter(self) -> ClaimFilter:
        return ClaimFilter(actor=self.actor, recipient=self.recipient, type=self.type,
                           status=self.status, item=self.item, since=self.since,
                           until=self.until, source_kind=self.source_kind, doc=self.doc,
                           outlet=self.outlet)


class FactQuery(IndexQuery):
    """Filters, order and page of the facts table (``/facts``, ``/api/facts``)."""

    actor: str | None = Field(None, description="Who sends or does it (names as for claims).")
    recipient: str | None = Field(None, description="Who receives it.")
    type: ClaimType | None = Field(None, description="Claim type.")
    phase: str | None = Field(None, description="delivered, pledged, expected or denied "
                                                "(presentation.yaml's phases).")
    status: Status | None = Field(None, description="Status.")
    item: str | None = Field(None, description="Words of the item or its class.")
    source_kind: SourceKind | None = Field(None, description="A kind of source among its "
                                                             "reports'.")
    outlet: str | None = Field(None, description="An outlet among its reports'.")
    min_sources: int | None = Field(None, ge=1, description="At least this many independent "
                                                            "sources.")
    sort: FactSortKey | None = Field(None, description="Column to sort by (default: reported, "
                                                       "newest first).")


class DocumentQuery(IndexQuery):
    """Filters, order and page of the documents table (``/documents``)."""

    outlet: str | None = Field(None, description="The outlet (any case).")
    since: date | None = Field(None, description="Published on or after.")
    until: date | None = Field(None, description="Published on or before.")
    sort: DocumentSortKey | None = Field(None, description="Column to sort by (default: "
                                                           "published, newest first).")


class SourceQuery(IndexQuery):
    """Filters and order of the sources table (``/sources``)."""

    kind: SourceKind | None = Field(None, description="Kind of source.")
    country: str | None = Field(None, description="The source's country.")
    sort: SourceSortKey | None = Field(None, description="Column to sort by (default: claims, "
                                                         "most first).")


def sort_claims(claims: list[Claim], published: dict[str, date | None], key: str | None,
                order: str | None, outlets: dict[str, str | None] | None = None) -> list[Claim]:
    """Claims in the table's order; missing values sort last either way."""
    key = key or "reported"

    def value(c: Claim) -> Any:
        q = c.quantity
        return {
            "reported": lambda: published.get(c.doc),
            "type": lambda: c.type,
            "pair": lambda: (c.actor, c.recipient or ""),
            "item": lambda: c.item,
            "quantity": lambda: next((x for x in (q.value, q.lower, q.upper) if x is not None),
                                     None) if q else None,
            "status": lambda: c.status,
            "source": lambda: (c.source.name or c.source.text or "").casefold() or None,
            "outlet": lambda: ((outlets or {}).get(c.doc) or "").casefold() or None,
        }[key]()

    return sort_present_first(claims, value, order == "desc")


def sort_present_first(rows: list[Any], value: Any, descending: bool) -> list[Any]:
    """``rows`` by ``value(row)``, rows whose value is None last whichever the order."""
    present = [r for r in rows if value(r) is not None]
    missing = [r for r in rows if value(r) is None]
    present.sort(key=value, reverse=descending)
    return present + missing
