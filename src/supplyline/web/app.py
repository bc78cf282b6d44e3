"""The dashboard: server-rendered pages at plain paths and a JSON API under ``/api/``.

Pages carry no JavaScript (charts are inline SVG) and are served with a Content Security
Policy that forbids scripts, so an article's ``<script>`` is shown as text by escaping and
could not run even if it were not. Each request opens the store for its own thread; a wrong
id is a 404 and a bad parameter a 422, as a page for pages and as JSON under ``/api/``.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Annotated, Any

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from supplyline import __version__
from supplyline.model import CLAIM_TYPES, SOURCE_KINDS, STATUSES, Claim
from supplyline.report.charts import timeline_svg
from supplyline.report.evidence import claim_passages, document_passages
from supplyline.report.figures import DocumentCache, as_reports, summarize
from supplyline.report.render import TEMPLATES as REPORT_TEMPLATES
from supplyline.report.render import claim_label, environment
from supplyline.store import ClaimFilter, Store, StoredDocument
from supplyline.web.queries import SORT_KEYS, ClaimQuery, sort_claims

HERE = Path(__file__).parent
log = logging.getLogger("supplyline.web")

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'none'; style-src 'self'; img-src 'self' data:; "
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}
SEARCH_MARK = ("\x02", "\x03")


def claim_page(claim_id: str) -> str:
    return f"/claims/{claim_id}"


def create_app(db: str | Path) -> FastAPI:
    """The dashboard over the database at ``db`` (which must exist)."""
    app = FastAPI(
        title="supplyline", version=__version__,
        description="Evidence-linked claims about military support between states: the "
                    "JSON API beside the dashboard's pages.",
        docs_url=None, redoc_url=None,  # their pages load scripts from the network
    )
    app.state.db = str(db)
    templates = Jinja2Templates(env=environment(HERE / "templates"))
    style = (REPORT_TEMPLATES / "style.css").read_text(encoding="utf-8")

    @contextmanager
    def opened() -> Iterator[Store]:
        with Store(app.state.db) as store:
            yield store

    def page(request: Request, template: str, status_code: int = 200, **context: Any) -> Response:
        return templates.TemplateResponse(
            request, template, {"link": claim_page, "claim_label": claim_label, **context},
            status_code=status_code)

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Response:
        response: Response = await call_next(request)
        response.headers.update(SECURITY_HEADERS)
        return response

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
            docs = DocumentCache(store)
            pairs = summarize(as_reports(store.claims(), docs))
        return page(request, "overview.html", stats=stats, pairs=pairs,
                    chart=partial(timeline_svg, link=claim_page))

    @app.get("/claims", response_class=HTMLResponse, include_in_schema=False)
    def claims_page(request: Request, query: Annotated[ClaimQuery, Query()]) -> Response:
        found, total, published = _claims(app.state.db, query)
        return page(request, "claims.html", claims=found, total=total, query=query,
                    published=published, sort_keys=SORT_KEYS, types=CLAIM_TYPES,
                    statuses=STATUSES, source_kinds=SOURCE_KINDS)

    @app.get("/claims/{claim_id}", response_class=HTMLResponse, include_in_schema=False)
    def claim_detail(request: Request, claim_id: str) -> Response:
        with opened() as store:
            found = store.claim_context(claim_id)
            if found is None:
                raise HTTPException(404, f"No claim with id {claim_id!r}.")
            claim, doc = found
            siblings = [c for c in store.claims(ClaimFilter(doc=doc.id)) if c.id != claim.id]
        passages, loose = claim_passages(claim, doc)
        return page(request, "claim.html", claim=claim, doc=doc, passages=passages,
                    loose=loose, siblings=siblings)

    @app.get("/documents/{doc_id:path}", response_class=HTMLResponse, include_in_schema=False)
    def document_page(request: Request, doc_id: str) -> Response:
        with opened() as store:
            doc = store.document(doc_id)
            if doc is None:
                raise HTTPException(404, f"No document with id {doc_id!r}.")
            claims = store.claims(ClaimFilter(doc=doc.id))
        return page(request, "document.html", doc=doc, claims=claims,
                    passages=document_passages(doc, claims))

    @app.get("/sources/{name:path}", response_class=HTMLResponse, include_in_schema=False)
    def source_page(request: Request, name: str) -> Response:
        return page(request, "source.html", **_source(app.state.db, name))

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(request: Request,
                    q: Annotated[str, Query(max_length=500)] = "",
                    limit: Annotated[int, Query(ge=1, le=200)] = 20) -> Response:
        with opened() as store:
            hits = store.search(q, limit, mark=SEARCH_MARK) if q.strip() else []
        return page(request, "search.html", q=q, hits=[(h, _marked(h.snippet)) for h in hits])

    # -- API -----------------------------------------------------------------------------------

    @app.get("/api/stats", tags=["store"], summary="Counts of documents, claims, sources")
    def api_stats() -> dict[str, Any]:
        with opened() as store:
            return store.stats()

    @app.get("/api/claims", tags=["claims"], summary="Claims, filtered, sorted and paged")
    def api_claims(query: Annotated[ClaimQuery, Query()]) -> dict[str, Any]:
        found, total, _ = _claims(app.state.db, query)
        return {"total": total, "page": query.page or 1, "per_page": query.per_page or 100,
                "claims": [c.to_dict() for c in found]}

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
            hits = store.search(q, limit)
        return [{"doc_id": h.doc_id, "title": h.title, "outlet": h.outlet,
                 "published": h.published.isoformat() if h.published else None,
                 "snippet": h.snippet, "rank": h.rank} for h in hits]

    @app.get("/api/pairs", tags=["figures"],
             summary="Headline figures per pair, item class, unit and phase")
    def api_pairs() -> list[dict[str, Any]]:
        with opened() as store:
            pairs = summarize(as_reports(store.claims(), DocumentCache(store)))
        return [_pair_json(p) for p in pairs]

    @app.get("/api/sources/{name:path}", tags=["sources"],
             summary="A source or outlet: its claims and documents")
    def api_source(name: str) -> dict[str, Any]:
        found = _source(app.state.db, name)
        return {"name": found["name"], "kinds": found["kinds"],
                "countries": found["countries"],
                "claims": [c.to_dict() for c in found["claims"]],
                "outlet_documents": [_doc_meta(d) for d in found["outlet_docs"]]}

    return app


def _claims(db: str, query: ClaimQuery) -> tuple[list[Claim], int, dict[str, Any]]:
    """The page of claims the query asks for, the total before paging, document dates."""
    with Store(db) as store:
        claims = store.claims(query.claim_filter())
        docs = DocumentCache(store)
        published = {c.doc: docs.info(c.doc).published for c in claims}
    ordered = sort_claims(claims, published, query.sort, query.order)
    per_page = query.per_page or 100
    start = ((query.page or 1) - 1) * per_page
    return ordered[start:start + per_page], len(ordered), published


def _source(db: str, name: str) -> dict[str, Any]:
    """Claims attributed to ``name`` (canonical name or words used) and documents of the
    outlet ``name``; 404 when it is neither."""
    key = name.strip().casefold()
    with Store(db) as store:
        everything = store.claims()
        claims = [c for c in everything
                  if key in {(c.source.name or "").casefold(), (c.source.text or "").casefold()}]
        docs = DocumentCache(store)
        outlet_docs = {}
        for c in everything:
            doc = docs.get(c.doc)
            if doc is not None and (doc.outlet or "").casefold() == key:
                outlet_docs[doc.id] = doc
    if not claims and not outlet_docs:
        raise HTTPException(404, f"No source or outlet named {name!r}.")
    outlet_claims = [c for c in everything if c.doc in outlet_docs]
    return {
        "name": name, "claims": claims,
        "kinds": sorted({c.source.kind for c in claims}),
        "countries": sorted({c.source.country for c in claims if c.source.country}),
        "by_type": Counter(c.type for c in claims).most_common(),
        "by_status": Counter(c.status for c in claims).most_common(),
        "outlet_docs": sorted(outlet_docs.values(), key=lambda d: (str(d.published), d.id)),
        "outlet_claims": outlet_claims,
    }


def _doc_meta(doc: StoredDocument) -> dict[str, Any]:
    return {"id": doc.id, "title": doc.title, "outlet": doc.outlet, "url": doc.url,
            "author": doc.author,
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


def _pair_json(p: Any) -> dict[str, Any]:
    def report(r: Any) -> dict[str, Any] | None:
        return None if r is None else {"claim": r.id, "low": r.low, "high": r.high,
                                       "reported": r.reported.isoformat() if r.reported
                                       else None, "source": r.source}
    return {
        "actor": p.actor, "recipient": p.recipient, "claims": len(p.reports),
        "headlines": [
            {"type": h.type, "unit": h.unit, "phase": h.phase.name,
             "lowest": report(h.lowest), "highest": report(h.highest),
             "latest": report(h.latest), "sources": list(h.sources),
             "reports": [r.id for r in h.reports], "items": list(h.items)}
            for h in p.headlines
        ],
    }
