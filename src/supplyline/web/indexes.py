"""The dashboard's indexes (claims, facts, documents, sources): the filtered rows, their
facets with counts, the page shown, and the same rows as CSV or JSON for download.

Facets work as Datasette's do: beside a table, for each facet (actor, recipient, type,
status, source kind, outlet...) the values found among the filtered rows, most frequent
first, each with its count and a link that adds it to the filters (or, when it is one of
them, removes it). Names typed into the filters go through the vocabulary's aliases.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from fastapi import HTTPException
from fastapi.responses import Response

from supplyline.config import Settings
from supplyline.errors import UnknownName
from supplyline.export import CLAIM_COLUMNS as EXPORT_CLAIM_COLUMNS
from supplyline.export import DOCUMENT_COLUMNS as EXPORT_DOCUMENT_COLUMNS
from supplyline.export import EVIDENCE_SEPARATOR, FACT_COLUMNS, claim_record, fact_record
from supplyline.model import Claim, Fact
from supplyline.report.figures import DocInfo, DocumentCache
from supplyline.report.presentation import load_presentation
from supplyline.store import BaseStore, ClaimReport, FactFilter
from supplyline.vocab import load_vocabulary
from supplyline.vocab.names import canonical_name, name_forms
from supplyline.web.queries import (
    ClaimQuery,
    DocumentQuery,
    FactQuery,
    IndexQuery,
    SourceQuery,
    sort_claims,
    sort_present_first,
)

FACET_VALUES = 8  # values shown per facet; the rest are counted as "more"


@dataclass(frozen=True)
class FacetValue:
    value: str
    count: int
    selected: bool
    href: str  # the index with this value added to the filters (removed, when selected)


@dataclass(frozen=True)
class Facet:
    name: str  # the query parameter
    label: str
    values: tuple[FacetValue, ...]
    more: int = 0  # values not shown


@dataclass
class Page:
    """One page of an index: its rows, the total, the facets, notes about the filters."""

    rows: list[Any]
    total: int
    query: IndexQuery
    facets: list[Facet] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.query.rows_per_page))


def paged(rows: list[Any], query: IndexQuery, what: str) -> list[Any]:
    """The page of ``rows`` the query asks for; a page past the last is a 404 (the first
    page of an empty index is a page, saying it is empty)."""
    per_page = query.rows_per_page
    pages = max(1, -(-len(rows) // per_page))
    if query.page_number > pages:
        raise HTTPException(404, f"No page {query.page_number}: {len(rows)} {what} make "
                                 f"{pages} page{'' if pages == 1 else 's'} of {per_page}.")
    start = (query.page_number - 1) * per_page
    return rows[start:start + per_page]


def facets(rows: Sequence[Mapping[str, Any]], fields: Sequence[tuple[str, str]],
           query: IndexQuery, path: str) -> list[Facet]:
    """For each (parameter, label) of ``fields``, the values among ``rows`` with counts. A
    row's value may be a list (a fact's outlets): the row counts once for each."""
    chosen = query.filters()
    out = []
    for name, label in fields:
        counts: Counter[str] = Counter()
        for row in rows:
            value = row.get(name)
            values = value if isinstance(value, list | tuple | set | frozenset) else [value]
            counts.update({str(v) for v in values if v not in (None, "")})
        if not counts:
            continue
        current = str(chosen.get(name, "")).casefold()
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0].casefold()))
        shown = [kv for kv in ranked if kv[0].casefold() == current] + [
            kv for kv in ranked if kv[0].casefold() != current][:FACET_VALUES]
        values = tuple(
            FacetValue(v, n, v.casefold() == current, path + "?" + query.link(
                **{name: None if v.casefold() == current else v}, page=None))
            for v, n in shown)
        out.append(Facet(name, label, values, max(0, len(counts) - len(shown))))
    return out


def canonical(store: BaseStore, query: Any, notes: list[str]) -> Any:
    """The query with its actor and recipient as the names claims are stored under
    (``DPRK`` is North Korea); an unknown name stays as typed, with a note naming the
    closest known ones."""
    changes: dict[str, str] = {}
    forms: dict[str, str] | None = None
    for role in ("actor", "recipient"):
        typed = getattr(query, role, None)
        if not typed:
            continue
        if forms is None:
            forms = name_forms(load_vocabulary(tuple(Settings.from_env().vocab)),
                               store.actor_names())
        try:
            changes[role] = canonical_name(typed, forms, role)
        except UnknownName as exc:
            notes.append(f"No {role} is called {typed!r}"
                         + (f"; did you mean {exc.hint}?" if exc.suggestions else "."))
    return query.model_copy(update=changes) if changes else query


# -- claims -------------------------------------------------------------------------------------

CLAIM_FACETS = (("actor", "Actor"), ("recipient", "Recipient"), ("type", "Type"),
                ("status", "Status"), ("source_kind", "Source kind"), ("outlet", "Outlet"))


@dataclass(frozen=True)
class ClaimRow:
    claim: Claim
    doc: DocInfo


def claim_rows(store: BaseStore, query: ClaimQuery,
               notes: list[str]) -> tuple[ClaimQuery, list[ClaimRow]]:
    """Every claim the query's filters keep, in its order, with its document."""
    query = canonical(store, query, notes)
    docs = DocumentCache(store)
    found = store.claims(query.claim_filter())
    info = {c.doc: docs.info(c.doc) for c in found}
    ordered = sort_claims(found, {d: i.published for d, i in info.items()}, query.sort,
                          query.order, {d: i.outlet for d, i in info.items()})
    return query, [ClaimRow(c, info[c.doc]) for c in ordered]


def claims_page(store: BaseStore, query: ClaimQuery) -> Page:
    notes: list[str] = []
    query, rows = claim_rows(store, query, notes)
    facet_rows = [{"actor": r.claim.actor, "recipient": r.claim.recipient,
                   "type": r.claim.type, "status": r.claim.status,
                   "source_kind": r.claim.source.kind, "outlet": r.doc.outlet} for r in rows]
    return Page(paged(rows, query, "claims"), len(rows), query,
                facets(facet_rows, CLAIM_FACETS, query, "/claims"), notes)


def claim_download(rows: Iterable[ClaimRow]) -> list[dict[str, Any]]:
    return [claim_record(r.claim, r.doc) for r in rows]


CLAIM_DOWNLOAD_COLUMNS = (*EXPORT_CLAIM_COLUMNS, *EXPORT_DOCUMENT_COLUMNS)


# -- facts --------------------------------------------------------------------------------------

FACT_FACETS = (("actor", "Actor"), ("recipient", "Recipient"), ("type", "Type"),
               ("phase", "Phase"), ("status", "Status"), ("source_kind", "Source kind"),
               ("outlet", "Outlet"))


@dataclass(frozen=True)
class FactRow:
    fact: Fact
    phase: str  # the presentation's phase name
    phase_label: str
    reports: tuple[ClaimReport, ...]

    @property
    def outlets(self) -> list[str]:
        return sorted({r.outlet for r in self.reports if r.outlet})

    @property
    def source_kinds(self) -> list[str]:
        return sorted({r.claim.source.kind for r in self.reports})

    @property
    def sources(self) -> list[str]:
        return sorted({r.claim.source.name or r.claim.source.text or r.claim.source.kind
                       for r in self.reports})


def fact_rows(store: BaseStore, query: FactQuery,
              notes: list[str]) -> tuple[FactQuery, list[FactRow]]:
    """Every fact the query's filters keep, in its order (newest report first by default)."""
    query = canonical(store, query, notes)
    p = load_presentation()
    found = store.facts(FactFilter(actor=query.actor, recipient=query.recipient,
                                   type=query.type, item=query.item, status=query.status,
                                   min_sources=query.min_sources))
    reports: dict[str, ClaimReport] = {r.id: r for r in store.reports(
        [c for f in found for c in f.reports])}
    rows = []
    for f in found:
        phase = p.phase_of(f.status)
        row = FactRow(f, phase.name, phase.label,
                      tuple(reports[c] for c in f.reports if c in reports))
        if query.phase and query.phase.casefold() not in (phase.name, phase.label.casefold()):
            continue
        if query.outlet and query.outlet.casefold() not in {o.casefold() for o in row.outlets}:
            continue
        if query.source_kind and query.source_kind not in row.source_kinds:
            continue
        rows.append(row)
    return query, _sort_facts(rows, query)


def _sort_facts(rows: list[FactRow], query: FactQuery) -> list[FactRow]:
    key = query.sort or "reported"
    descending = (query.order or ("desc" if key in ("reported", "first", "figure",
                                                    "reports", "sources") else "asc")) == "desc"
    value: Callable[[FactRow], Any] = {
        "reported": lambda r: r.fact.last_reported,
        "first": lambda r: r.fact.first_reported,
        "type": lambda r: r.fact.type,
        "pair": lambda r: (r.fact.actor, r.fact.recipient or ""),
        "item": lambda r: (r.fact.item or r.fact.item_class or "").casefold() or None,
        "phase": lambda r: r.phase,
        "figure": lambda r: r.fact.high,
        "reports": lambda r: len(r.fact.reports),
        "sources": lambda r: r.fact.independent_sources,
    }[key]
    return sort_present_first(sorted(rows, key=lambda r: r.fact.id), value, descending)


def facts_page(store: BaseStore, query: FactQuery) -> Page:
    notes: list[str] = []
    query, rows = fact_rows(store, query, notes)
    facet_rows = [{"actor": r.fact.actor, "recipient": r.fact.recipient, "type": r.fact.type,
                   "phase": r.phase, "status": r.fact.status, "source_kind": r.source_kinds,
                   "outlet": r.outlets} for r in rows]
    return Page(paged(rows, query, "facts"), len(rows), query,
                facets(facet_rows, FACT_FACETS, query, "/facts"), notes)


def fact_download(rows: Iterable[FactRow]) -> list[dict[str, Any]]:
    return [{**fact_record(r.fact, r.reports), "phase": r.phase} for r in rows]


FACT_DOWNLOAD_COLUMNS = (*FACT_COLUMNS, "phase")


# -- documents ----------------------------------------------------------------------------------

DOCUMENT_FACETS = (("outlet", "Outlet"),)


@dataclass(frozen=True)
class DocumentRow:
    id: str
    label: str
    title: str | None
    outlet: str | None
    published: date | None
    url: str | None
    claims: int
    types: tuple[str, ...]

    def record(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "label": self.label,
                "outlet": self.outlet,
                "published": self.published.isoformat() if self.published else None,
                "url": self.url, "claims": self.claims, "types": list(self.types)}


DOCUMENT_DOWNLOAD_COLUMNS = ("id", "title", "label", "outlet", "published", "url", "claims",
                             "types")


def document_rows(store: BaseStore, query: DocumentQuery) -> list[DocumentRow]:
    refs = store.document_refs()
    per_doc: dict[str, Counter[str]] = {d: Counter() for d in refs}
    for c in store.claims():
        per_doc.setdefault(c.doc, Counter())[c.type] += 1
    rows = [DocumentRow(r.id, r.label, r.title, r.outlet, r.published, r.url,
                        sum(per_doc[r.id].values()), tuple(t for t, _ in
                                                           per_doc[r.id].most_common()))
            for r in refs.values()]
    rows = [r for r in rows
            if (not query.outlet or (r.outlet or "").casefold() == query.outlet.casefold())
            and (not query.since or (r.published and r.published >= query.since))
            and (not query.until or (r.published and r.published <= query.until))]
    key = query.sort or "published"
    descending = (query.order or ("desc" if key in ("published", "claims") else "asc")) == "desc"
    value: Callable[[DocumentRow], Any] = {
        "published": lambda r: r.published, "outlet": lambda r: (r.outlet or "").casefold()
        or None, "title": lambda r: r.label.casefold(), "claims": lambda r: r.claims,
    }[key]
    return sort_present_first(sorted(rows, key=lambda r: r.id), value, descending)


def documents_page(store: BaseStore, query: DocumentQuery) -> Page:
    rows = document_rows(store, query)
    return Page(paged(rows, query, "documents"), len(rows), query,
                facets([{"outlet": r.outlet} for r in rows], DOCUMENT_FACETS, query,
                       "/documents"))


# -- sources ------------------------------------------------------------------------------------

SOURCE_FACETS = (("kind", "Kind"), ("country", "Country"))


@dataclass(frozen=True)
class SourceRow:
    name: str  # the canonical name, else the words used
    kinds: tuple[str, ...]
    countries: tuple[str, ...]
    claims: int
    documents: int
    outlets: int

    def record(self) -> dict[str, Any]:
        return {"name": self.name, "kinds": list(self.kinds), "countries": list(self.countries),
                "claims": self.claims, "documents": self.documents, "outlets": self.outlets}


SOURCE_DOWNLOAD_COLUMNS = ("name", "kinds", "countries", "claims", "documents", "outlets")


@dataclass(frozen=True)
class OutletRow:
    name: str
    documents: int
    claims: int
    first: date | None
    last: date | None


def source_rows(store: BaseStore, query: SourceQuery) -> tuple[list[SourceRow], list[OutletRow]]:
    """Named sources (who claims are attributed to) and outlets (who published them)."""
    refs = store.document_refs()
    by_source: dict[str, list[Claim]] = {}
    by_outlet: dict[str, list[Claim]] = {}
    for c in store.claims():
        who = c.source.name or c.source.text
        if who:
            by_source.setdefault(who, []).append(c)
        outlet = refs[c.doc].outlet if c.doc in refs else None
        if outlet:
            by_outlet.setdefault(outlet, []).append(c)
    sources = [SourceRow(name, tuple(sorted({c.source.kind for c in cs})),
                         tuple(sorted({c.source.country for c in cs if c.source.country})),
                         len(cs), len({c.doc for c in cs}),
                         len({refs[c.doc].outlet for c in cs if c.doc in refs
                              and refs[c.doc].outlet}))
               for name, cs in by_source.items()]
    sources = [s for s in sources
               if (not query.kind or query.kind in s.kinds)
               and (not query.country or query.country.casefold() in
                    {c.casefold() for c in s.countries})]
    key = query.sort or "claims"
    descending = (query.order or ("asc" if key == "name" else "desc")) == "desc"
    value: Callable[[SourceRow], Any] = {"claims": lambda s: s.claims,
                                         "documents": lambda s: s.documents,
                                         "name": lambda s: s.name.casefold()}[key]
    sources = sort_present_first(sorted(sources, key=lambda s: s.name), value, descending)
    outlet_docs: dict[str, list[date | None]] = {}
    for r in refs.values():
        if r.outlet:
            outlet_docs.setdefault(r.outlet, []).append(r.published)
    outlets = sorted((OutletRow(name, len(days), len(by_outlet.get(name, [])),
                                min((d for d in days if d), default=None),
                                max((d for d in days if d), default=None))
                      for name, days in outlet_docs.items()),
                     key=lambda o: (-o.documents, o.name.casefold()))
    return sources, outlets


def sources_page(store: BaseStore, query: SourceQuery) -> tuple[Page, list[OutletRow]]:
    sources, outlets = source_rows(store, query)
    facet_rows = [{"kind": list(s.kinds), "country": list(s.countries)} for s in sources]
    return (Page(paged(sources, query, "sources"), len(sources), query,
                 facets(facet_rows, SOURCE_FACETS, query, "/sources")), outlets)


# -- downloads ----------------------------------------------------------------------------------


def download(records: list[dict[str, Any]], columns: Sequence[str], fmt: str,
             name: str) -> Response:
    """The rows as a CSV file (lists joined by `` | ``) or a JSON array, to save as
    ``name.csv`` / ``name.json``."""
    headers = {"Content-Disposition": f'attachment; filename="{name}.{fmt}"'}
    if fmt == "json":
        return Response(json.dumps(records, ensure_ascii=False, allow_nan=False, default=str),
                        media_type="application/json", headers=headers)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for record in records:
        writer.writerow(EVIDENCE_SEPARATOR.join(str(x) for x in v) if isinstance(v, list)
                        else v for v in (record.get(c) for c in columns))
    return Response(buffer.getvalue(), media_type="text/csv; charset=utf-8", headers=headers)
