"""The dashboard: server-rendered pages at plain paths and a JSON API under ``/api/``.

Pages carry no JavaScript (charts are inline SVG) and are served with a Content Security
Policy that forbids scripts, so an article's ``<script>`` is shown as text by escaping and
could not run even if it were not; ``security`` has that policy, the allowed hosts and the
other defences. Each request opens the store for its own thread; a wrong
id is a 404 and a bad parameter a 422, as a page for pages and as JSON under ``/api/``.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import date
from functools import partial
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from supplyline import __version__
from supplyline.config import Settings
from supplyline.model import CLAIM_TYPES, SOURCE_KINDS, STATUSES, Alert, Fact
from supplyline.report.charts import timeline_svg, trend_svg
from supplyline.report.evidence import claim_passages, document_passages
from supplyline.report.figures import (
    DocInfo,
    DocumentCache,
    Headline,
    PairSummary,
    as_reports,
    parse_pair,
)
from supplyline.report.presentation import load_presentation
from supplyline.report.render import TEMPLATES as REPORT_TEMPLATES
from supplyline.report.render import claim_label, environment
from supplyline.report.situation import build_situation
from supplyline.resolve.alerts import evaluate, load_rules, matches
from supplyline.resolve.conflicts import find_conflicts
from supplyline.resolve.credibility import NOTE as CREDIBILITY_NOTE
from supplyline.resolve.credibility import document_credibility, outlet_credibility
from supplyline.resolve.series import estimates
from supplyline.store import BaseStore, ClaimFilter, FactFilter, StoredDocument, open_store
from supplyline.vocab import load_vocabulary
from supplyline.vocab.names import search_synonyms
from supplyline.web import indexes
from supplyline.web.overview import card, pair_href
from supplyline.web.queries import (
    FACT_SORT_KEYS,
    SORT_KEYS,
    ClaimQuery,
    ClaimType,
    DocumentQuery,
    FactQuery,
    Phase,
    SourceQuery,
)
from supplyline.web.security import LOCAL_HOSTS, SecureDashboard, path_segment, refuse_nul

HERE = Path(__file__).parent
log = logging.getLogger("supplyline.web")

SEARCH_MARK = ("\x02", "\x03")
Download = Literal["csv", "json"]
CARDS = 9  # pairs with a card on the overview, the busiest; the others are listed


def claim_page(claim_id: str) -> str:
    return f"/claims/{claim_id}"


def fact_page(fact_id: str) -> str:
    return f"/facts/{fact_id}"


def create_app(db: str | Path, *, allowed_hosts: Sequence[str] = LOCAL_HOSTS) -> FastAPI:
    """The dashboard over the database at ``db`` (which must exist), answering requests for
    ``allowed_hosts`` only (``security``)."""
    app = SecureDashboard(
        allowed_hosts=allowed_hosts,
        title="supplyline", version=__version__,
        description="Evidence-linked claims about military support between states: the "
                    "JSON API beside the dashboard's pages.",
        docs_url=None, redoc_url=None,  # their pages load scripts from the network
        dependencies=[Depends(refuse_nul)],
    )
    app.state.db = str(db)
    env = environment(HERE / "templates")
    env.filters["segment"] = path_segment
    templates = Jinja2Templates(env=env)
    style = (REPORT_TEMPLATES / "style.css").read_text(encoding="utf-8")

    @contextmanager
    def opened() -> Iterator[BaseStore]:
        with open_store(app.state.db) as store:
            yield store

    def page(request: Request, template: str, status_code: int = 200, **context: Any) -> Response:
        return templates.TemplateResponse(
            request, template, {"link": claim_page, "fact_link": fact_page,
                                "claim_label": claim_label, **context},
            status_code=status_code)

    # -- errors --------------------------------------------------------------------------------

    def wants_json(request: Request) -> bool:
        return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if wants_json(request):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code)
        return page(request, "error.html", exc.status_code, status=exc.status_code,
                    message=str(exc.detail), problems=[])

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        problems = [_problem(e) for e in exc.errors()]
        if wants_json(request):
            return JSONResponse({"detail": problems}, status_code=422)
        return page(request, "error.html", 422, status=422,
                    message="Some parameters are not valid.", problems=problems)

    @app.exception_handler(Exception)
    async def server_error(request: Request, exc: Exception) -> Response:
        log.exception("error serving %s", request.url.path)
        message = "Internal error; the server log has the details."
        if wants_json(request):
            return JSONResponse({"detail": message}, status_code=500)
        return page(request, "error.html", 500, status=500, message=message, problems=[])

    # -- pages ---------------------------------------------------------------------------------

    @app.get("/static/style.css", include_in_schema=False)
    def stylesheet() -> Response:
        return Response(style, media_type="text/css")

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def overview(request: Request) -> Response:
        with opened() as store:
            stats = store.stats()
            situation = build_situation(store, with_evidence=False)
        transfers = [p for p in situation.pairs if p.is_transfer]  # the busiest first
        cards = [card(p, situation.conflicted) for p in transfers[:CARDS]]
        return page(request, "overview.html", stats=stats, s=situation, cards=cards,
                    others=transfers[CARDS:], pairs=len(transfers),
                    trend=partial(trend_svg, link=claim_page), pair_href=pair_href)

    @app.get("/pairs/{actor}", response_class=HTMLResponse, include_in_schema=False)
    def activity_page(request: Request, actor: str) -> Response:
        return pair_page(request, actor, None)

    @app.get("/pairs/{actor}/{recipient}", response_class=HTMLResponse,
             include_in_schema=False)
    def pair_page(request: Request, actor: str, recipient: str | None) -> Response:
        with opened() as store:
            notes: list[str] = []
            named = indexes.canonical(
                store, ClaimQuery.model_validate({"actor": actor, "recipient": recipient}),
                notes)
            situation = build_situation(store, pairs=[(named.actor, named.recipient)],
                                        with_evidence=False)
        found = [p for p in situation.pairs if p.recipient == named.recipient
                 or (named.recipient is None and p.recipient is None)]
        if not found:
            raise HTTPException(404, f"Nothing reported for {actor}"
                                     f"{' → ' + recipient if recipient else ''}."
                                     + (" " + " ".join(notes) if notes else ""))
        return page(request, "pair.html", p=found[0], s=situation,
                    chart=partial(timeline_svg, link=claim_page))

    @app.get("/conflicts", response_class=HTMLResponse, include_in_schema=False)
    def conflicts_page(request: Request) -> Response:
        with opened() as store:
            situation = build_situation(store, with_evidence=False)
        return page(request, "conflicts.html", s=situation)

    @app.get("/claims", response_class=HTMLResponse, include_in_schema=False)
    def claims_page(request: Request, query: Annotated[ClaimQuery, Query()]) -> Response:
        with opened() as store:
            found = indexes.claims_page(store, query)
        return page(request, "claims.html", found=found, query=found.query,
                    sort_keys=SORT_KEYS, types=CLAIM_TYPES, statuses=STATUSES,
                    source_kinds=SOURCE_KINDS)

    @app.get("/claims.{fmt}", include_in_schema=False)
    def claims_download(fmt: Download, query: Annotated[ClaimQuery, Query()]) -> Response:
        with opened() as store:
            _, rows = indexes.claim_rows(store, query, [])
        return indexes.download(indexes.claim_download(rows), indexes.CLAIM_DOWNLOAD_COLUMNS,
                                fmt, "claims")

    @app.get("/facts", response_class=HTMLResponse, include_in_schema=False)
    def facts_page(request: Request, query: Annotated[FactQuery, Query()]) -> Response:
        with opened() as store:
            found = indexes.facts_page(store, query)
        return page(request, "facts.html", found=found, query=found.query,
                    sort_keys=FACT_SORT_KEYS, types=CLAIM_TYPES, statuses=STATUSES,
                    phases=load_presentation().phases, source_kinds=SOURCE_KINDS)

    @app.get("/facts.{fmt}", include_in_schema=False)
    def facts_download(fmt: Download, query: Annotated[FactQuery, Query()]) -> Response:
        with opened() as store:
            _, rows = indexes.fact_rows(store, query, [])
        return indexes.download(indexes.fact_download(rows), indexes.FACT_DOWNLOAD_COLUMNS,
                                fmt, "facts")

    @app.get("/documents", response_class=HTMLResponse, include_in_schema=False)
    def documents_page(request: Request, query: Annotated[DocumentQuery, Query()]) -> Response:
        with opened() as store:
            found = indexes.documents_page(store, query)
        return page(request, "documents.html", found=found, query=query)

    @app.get("/documents.{fmt}", include_in_schema=False)
    def documents_download(fmt: Download,
                           query: Annotated[DocumentQuery, Query()]) -> Response:
        with opened() as store:
            rows = indexes.document_rows(store, query)
        return indexes.download([r.record() for r in rows], indexes.DOCUMENT_DOWNLOAD_COLUMNS,
                                fmt, "documents")

    @app.get("/sources", response_class=HTMLResponse, include_in_schema=False)
    def sources_page(request: Request, query: Annotated[SourceQuery, Query()]) -> Response:
        with opened() as store:
            found, outlets = indexes.sources_page(store, query)
        return page(request, "sources.html", found=found, query=query, outlets=outlets,
                    source_kinds=SOURCE_KINDS)

    @app.get("/sources.{fmt}", include_in_schema=False)
    def sources_download(fmt: Download, query: Annotated[SourceQuery, Query()]) -> Response:
        with opened() as store:
            rows, _ = indexes.source_rows(store, query)
        return indexes.download([r.record() for r in rows], indexes.SOURCE_DOWNLOAD_COLUMNS,
                                fmt, "sources")

    @app.get("/claims/{claim_id}", response_class=HTMLResponse, include_in_schema=False)
    def claim_detail(request: Request, claim_id: str) -> Response:
        with opened() as store:
            found = store.claim_context(claim_id)
            if found is None:
                raise HTTPException(404, f"No claim with id {claim_id!r}.")
            claim, doc = found
            siblings = [c for c in store.claims(ClaimFilter(doc=doc.id)) if c.id != claim.id]
            fact = store.fact_of_claim(claim.id)
        passages, loose = claim_passages(claim, doc)
        return page(request, "claim.html", claim=claim, doc=doc, passages=passages,
                    loose=loose, siblings=siblings, fact=fact)

    @app.get("/facts/{fact_id}", response_class=HTMLResponse, include_in_schema=False)
    def fact_detail(request: Request, fact_id: str) -> Response:
        return page(request, "fact.html", **_fact(app.state.db, fact_id))

    @app.get("/alerts", response_class=HTMLResponse, include_in_schema=False)
    def alerts_page(request: Request, since: Annotated[date | None, Query()] = None,
                    rule: Annotated[str | None, Query(max_length=200)] = None,
                    pair: Annotated[str | None, Query(max_length=300)] = None) -> Response:
        found, facts = _alerts(app.state.db, since, rule, pair)
        return page(request, "alerts.html", alerts=found, facts=facts, since=since,
                    rule=rule or "", pair=pair or "", rules=load_rules())

    @app.get("/documents/{doc_id:path}", response_class=HTMLResponse, include_in_schema=False)
    def document_page(request: Request, doc_id: str) -> Response:
        with opened() as store:
            doc = store.document(doc_id)
            if doc is None:
                raise HTTPException(404, f"No document with id {doc_id!r}.")
            claims = store.claims(ClaimFilter(doc=doc.id))
            credibility = document_credibility(store, doc.id)
        return page(request, "document.html", doc=doc, claims=claims,
                    passages=document_passages(doc, claims), credibility=credibility,
                    note=CREDIBILITY_NOTE)

    @app.get("/sources/{name:path}", response_class=HTMLResponse, include_in_schema=False)
    def source_page(request: Request, name: str) -> Response:
        return page(request, "source.html", **_source(app.state.db, name))

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(request: Request,
                    q: Annotated[str, Query(max_length=500)] = "",
                    limit: Annotated[int, Query(ge=1, le=200)] = 20) -> Response:
        with opened() as store:
            hits = store.search(q, limit, mark=SEARCH_MARK,
                                synonyms=search_synonyms(load_vocabulary(
                                    tuple(Settings.from_env().vocab)))) if q.strip() else []
        return page(request, "search.html", q=q, hits=[(h, _marked(h.snippet)) for h in hits])

    # -- API -----------------------------------------------------------------------------------

    @app.get("/api/stats", tags=["store"], summary="Counts of documents, claims, sources")
    def api_stats() -> dict[str, Any]:
        with opened() as store:
            return store.stats()

    @app.get("/api/claims", tags=["claims"], summary="Claims, filtered, sorted and paged")
    def api_claims(query: Annotated[ClaimQuery, Query()]) -> dict[str, Any]:
        with opened() as store:
            found = indexes.claims_page(store, query)
        return {"total": found.total, "page": query.page_number,
                "per_page": query.rows_per_page, "pages": found.pages,
                "claims": [r.claim.to_dict() for r in found.rows]}

    @app.get("/api/claims/{claim_id}", tags=["claims"], summary="One claim and its document")
    def api_claim(claim_id: str) -> dict[str, Any]:
        with opened() as store:
            found = store.claim_context(claim_id)
        if found is None:
            raise HTTPException(404, f"No claim with id {claim_id!r}.")
        claim, doc = found
        return {**claim.to_dict(), "document": _doc_meta(doc)}

    @app.get("/api/documents/{doc_id:path}", tags=["documents"],
             summary="One document: metadata, cleaned text, its claims' ids")
    def api_document(doc_id: str) -> dict[str, Any]:
        with opened() as store:
            doc = store.document(doc_id)
            if doc is None:
                raise HTTPException(404, f"No document with id {doc_id!r}.")
            claims = store.claims(ClaimFilter(doc=doc.id))
        return {**_doc_meta(doc), "text": doc.cleaned_text, "claims": [c.id for c in claims]}

    @app.get("/api/search", tags=["documents"], summary="Full-text search over documents")
    def api_search(q: Annotated[str, Query(min_length=1, max_length=500)],
                   limit: Annotated[int, Query(ge=1, le=200)] = 20) -> list[dict[str, Any]]:
        with opened() as store:
            hits = store.search(q, limit, synonyms=search_synonyms(load_vocabulary(
                tuple(Settings.from_env().vocab))))
        return [{"doc_id": h.doc_id, "title": h.title, "outlet": h.outlet,
                 "published": h.published.isoformat() if h.published else None,
                 "snippet": h.snippet, "rank": h.rank} for h in hits]

    @app.get("/api/pairs", tags=["figures"],
             summary="Headline figures per pair: its facts (or claims by item class and phase)")
    def api_pairs() -> list[dict[str, Any]]:
        with opened() as store:
            situation = build_situation(store, with_evidence=False)
        return [_pair_json(p) for p in situation.pairs]

    @app.get("/api/facts", tags=["facts"], summary="Facts, filtered and sorted")
    def api_facts(query: Annotated[FactQuery, Query()]) -> list[dict[str, Any]]:
        with opened() as store:
            _, rows = indexes.fact_rows(store, query, [])
        return [r.fact.to_record() for r in rows]

    @app.get("/api/facts/{fact_id}", tags=["facts"],
             summary="One fact with its reports (claims and evidence) and conflicts")
    def api_fact(fact_id: str) -> dict[str, Any]:
        found = _fact(app.state.db, fact_id)
        return {**found["fact"].to_record(),
                "report_claims": [r.claim.to_dict() for r in found["reports"]],
                "conflicts": [c.to_dict() for c in found["conflicts"]]}

    @app.get("/api/alerts", tags=["facts"], summary="Alerts the rules raise over the facts")
    def api_alerts(since: Annotated[date | None, Query()] = None,
                   rule: Annotated[str | None, Query(max_length=200,
                                                     description="A rule's name or kind.")
                                   ] = None,
                   pair: Annotated[str | None, Query(
                       max_length=300, description='"North Korea->Russia", or an actor.')
                   ] = None) -> list[dict[str, Any]]:
        return [a.to_dict() for a in _alerts(app.state.db, since, rule, pair)[0]]

    @app.get("/api/estimates", tags=["figures"],
             summary="One estimate per series (pair, item class, phase) as of a date")
    def api_estimates(as_of: Annotated[date | None, Query(
                          description="Only what had been reported by this date.")] = None,
                      actor: str | None = None, recipient: str | None = None,
                      type: ClaimType | None = None,
                      item: Annotated[str | None, Query(
                          max_length=200, description='Words naming an item class.')] = None,
                      phase: Phase | None = None) -> list[dict[str, Any]]:
        with opened() as store:
            named = indexes.canonical(store, ClaimQuery.model_validate(
                {"actor": actor, "recipient": recipient}), [])
            found = estimates(store, as_of=as_of, actor=named.actor, recipient=named.recipient,
                              type=type, item=item, phase=phase)
        return [e.to_dict() for e in found]

    @app.get("/api/sources/{name:path}", tags=["sources"],
             summary="A source or outlet: its claims, documents and credibility signals")
    def api_source(name: str) -> dict[str, Any]:
        found = _source(app.state.db, name)
        outlet = found["outlet"]
        return {"name": found["name"], "kinds": found["kinds"],
                "countries": found["countries"],
                "claims": [c.to_dict() for c in found["claims"]],
                "corroboration": found["corroboration"],
                "outlet_documents": [_doc_meta(d) for d in found["outlet_docs"]],
                "outlet_credibility": outlet.to_dict() if outlet else None}

    return app


def _source(db: str, name: str) -> dict[str, Any]:
    """Claims attributed to ``name`` (canonical name or words used) and documents of the
    outlet ``name``; 404 when it is neither."""
    key = name.strip().casefold()
    with open_store(db) as store:
        everything = store.claims()
        claims = [c for c in everything
                  if key in {(c.source.name or "").casefold(), (c.source.text or "").casefold()}]
        outlet_docs = {d.id: DocInfo.of(d) for d in store.document_refs().values()
                       if (d.outlet or "").casefold() == key}  # with claims or without
        fact_of = {r.id: r.fact for r in store.reports([c.id for c in claims])}
        backing = {f.id: f.independent_sources for f in store.facts()}
        corroboration = {c.id: backing.get(fact_of.get(c.id) or "", 1) for c in claims}
        outlet = outlet_credibility(store, name) if outlet_docs else None
    if not claims and not outlet_docs:
        raise HTTPException(404, f"No source or outlet named {name!r}.")
    outlet_claims = [c for c in everything if c.doc in outlet_docs]
    return {
        "corroboration": corroboration, "fact_of": fact_of, "outlet": outlet,
        "note": CREDIBILITY_NOTE,
        "name": name, "claims": claims,
        "kinds": sorted({c.source.kind for c in claims}),
        "countries": sorted({c.source.country for c in claims if c.source.country}),
        "by_type": Counter(c.type for c in claims).most_common(),
        "by_status": Counter(c.status for c in claims).most_common(),
        "outlet_docs": sorted(outlet_docs.values(), key=lambda d: (str(d.published), d.id)),
        "outlet_claims": outlet_claims,
    }


def _fact(db: str, fact_id: str) -> dict[str, Any]:
    """A fact with its reports, each with its evidence highlighted, and its conflicts."""
    with open_store(db) as store:
        fact = store.fact(fact_id)
        if fact is None:
            raise HTTPException(404, f"No fact with id {fact_id!r}.")
        docs = DocumentCache(store)
        reports = as_reports(
            [r.claim for r in store.reports(fact.reports)], docs)
        shown = []
        for r in reports:
            doc = docs.get(r.claim.doc)
            found, loose = claim_passages(r.claim, doc) if doc else ([], [])
            shown.append((r, found, loose))
        block = store.facts(FactFilter(actor=fact.actor, recipient=fact.recipient,
                                       type=fact.type))
        related = [c for c in find_conflicts(block, {r.id: r for r in store.reports(
            [cid for f in block for cid in f.reports])}) if fact.id in c.facts]
    phase = load_presentation().phase_of(fact.status)
    headline = Headline(fact.actor, fact.recipient, fact.type, fact.unit, phase,
                        tuple(reports), fact)
    return {"fact": fact, "headline": headline, "reports": reports, "shown": shown,
            "conflicts": related, "link_here": lambda claim_id: f"#claim-{claim_id}"}


def _alerts(db: str, since: date | None, rule: str | None = None,
            pair: str | None = None) -> tuple[list[Alert], dict[str, Fact]]:
    """The alerts the rules raise over the stored facts (evaluated, not stored: a page view
    changes nothing), of one rule and pair when given, newest first, with the facts behind
    them. A pair that is not one is a 422."""
    try:
        pairs = [parse_pair(pair)] if pair and pair.strip() else []
    except ValueError as exc:
        raise HTTPException(422, str(exc)) from None
    with open_store(db) as store:
        facts = store.facts()
        reports = {r.id: r for r in store.reports()}
        delivered = {a.id for a in store.alerts() if a.delivered}
    by_fact = {f.id: f for f in facts}
    found = [replace(a, delivered=a.id in delivered)
             for a in evaluate(load_rules(), facts, reports)
             if (since is None or (a.reported is not None and a.reported >= since))
             and matches(a, by_fact, rule=(rule or "").strip() or None, pairs=pairs)]
    found.sort(key=lambda a: (a.reported or date.min, a.id), reverse=True)
    by_id = {f.id: f for f in facts}
    return found, {f: by_id[f] for a in found for f in a.facts if f in by_id}


def _doc_meta(doc: StoredDocument | DocInfo) -> dict[str, Any]:
    return {"id": doc.id, "title": doc.title, "outlet": doc.outlet, "url": doc.url,
            "published": doc.published.isoformat() if doc.published else None}


def _marked(snippet: str) -> list[tuple[str, bool]]:
    """A search snippet as (text, matched) pieces, for the template to escape and mark."""
    pieces: list[tuple[str, bool]] = []
    rest = snippet
    while SEARCH_MARK[0] in rest:
        before, _, tail = rest.partition(SEARCH_MARK[0])
        hit, _, rest = tail.partition(SEARCH_MARK[1])
        pieces += [(before, False), (hit, True)]
    pieces.append((rest, False))
    return [p for p in pieces if p[0]]


def _problem(error: Any) -> dict[str, str]:
    where = ".".join(str(x) for x in error.get("loc", ()) if x not in ("query", "path"))
    return {"parameter": where or "request", "problem": str(error.get("msg", "invalid"))}


def _pair_json(p: PairSummary) -> dict[str, Any]:
    def report(r: Any) -> dict[str, Any] | None:
        return None if r is None else {"claim": r.id, "low": r.low, "high": r.high,
                                       "reported": r.reported.isoformat() if r.reported
                                       else None, "source": r.source}
    return {
        "actor": p.actor, "recipient": p.recipient, "claims": len(p.reports),
        "series": [e.to_dict() for e in p.estimates],
        "headlines": [
            {"fact": h.fact.id if h.fact else None, "item": h.fact.item if h.fact else None,
             "type": h.type, "unit": h.unit, "phase": h.phase.name,
             "independent_sources": h.independent_sources,
             "lowest": report(h.lowest), "highest": report(h.highest),
             "latest": report(h.latest), "sources": list(h.sources),
             "reports": [r.id for r in h.reports], "items": list(h.items)}
            for h in p.headlines
        ],
    }
