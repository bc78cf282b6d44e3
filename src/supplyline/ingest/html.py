"""HTML page -> Document: main text and metadata with trafilatura, htmldate for the date."""

from __future__ import annotations

import re
from datetime import date

import htmldate
import trafilatura

from supplyline.ingest.common import IngestError, Known, outlet_from_url, parse_date
from supplyline.model import Document

_WORD = re.compile(r"[^\W\d_]{2,}")
NO_ARTICLE_TEXT = "no article text could be extracted from the HTML"


def document_from_html(html: str, known: Known) -> Document | IngestError:
    """Extract the article (comments excluded); the title becomes the text's first line."""
    try:
        result = trafilatura.bare_extraction(
            html, url=known.url, with_metadata=True, include_comments=False
        )
    except Exception as exc:  # lxml/trafilatura on pathological markup: report, go on
        return IngestError(known.origin, f"malformed HTML: {type(exc).__name__}: {exc}")
    text = (getattr(result, "text", None) or "").strip()
    if not _WORD.search(text):
        return IngestError(known.origin, NO_ARTICLE_TEXT)
    title = known.title or _clean(getattr(result, "title", None))
    if title and not text.startswith(title):
        text = f"{title}\n\n{text}"
    url = known.url or _clean(getattr(result, "url", None))
    published = (
        known.published
        or parse_date(getattr(result, "date", None))
        or _find_date(html, url)
        or known.default_published
    )
    return Document(
        id=known.id or Document.content_id(text),
        text=text,
        title=title,
        url=url,
        outlet=known.outlet or outlet_from_url(url),
        author=known.author or _clean(getattr(result, "author", None)),
        published=published,
        origin=known.origin,
        raw=html,
    )


def _find_date(html: str, url: str | None) -> date | None:
    """htmldate as a fallback for pages whose metadata trafilatura could not date."""
    try:
        return parse_date(htmldate.find_date(html, url=url, original_date=True))
    except Exception:  # a date is optional: never fail a page over it
        return None


def _clean(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None
