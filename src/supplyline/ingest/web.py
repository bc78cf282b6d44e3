"""URLs: article pages and RSS/Atom feeds, fetched with httpx."""

from __future__ import annotations

import asyncio
import contextlib
import io
import json
import re
import threading
import xml.sax
from collections.abc import Coroutine, Iterator
from dataclasses import dataclass
from datetime import date
from importlib.metadata import PackageNotFoundError, version
from typing import Any, TypeVar
from urllib.parse import urljoin

import feedparser
import httpx

from supplyline.config import Settings
from supplyline.ingest.common import (
    HTML_TYPES,
    IngestError,
    Rejected,
    decode,
    looks_like_html,
    outlet_from_url,
    parse_date,
    too_big,
)
from supplyline.ingest.html import Known, document_from_html
from supplyline.model import Document

try:
    _VERSION = version("supplyline")
except PackageNotFoundError:  # running from a source tree
    _VERSION = "0"
USER_AGENT = f"supplyline/{_VERSION} (news reader; +https://pypi.org/project/supplyline/)"

FEED_TYPES = frozenset(
    {"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+xml"}
)
XML_TYPES = frozenset({"application/xml", "text/xml"})
_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:RDF)\b", re.I)

Result = Document | IngestError
T = TypeVar("T")


@dataclass(frozen=True)
class Fetched:
    """A successful response: where it ended up, its media type and charset, and its body;
    ``etag`` and ``last_modified`` are the validators for the next conditional GET."""

    url: str
    media_type: str
    charset: str | None
    body: bytes
    etag: str | None = None
    last_modified: str | None = None


class Fetcher:
    """One httpx client for a batch: redirects followed, size capped, and the whole of each
    request (connect, headers, body, redirects) bounded by ``settings.http_timeout``.

    httpx bounds each read, not the request, so a server that sends one byte a second
    would hold a fetch for as long as it likes; the requests therefore run on an asyncio
    loop of the fetcher's own thread, under ``asyncio.timeout``, which cancels a request
    wherever it waits. Callers stay synchronous (and may have a loop of their own running,
    as in a notebook).
    """

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._client: httpx.AsyncClient | None = None

    def close(self) -> None:
        loop, thread = self._loop, self._thread
        if loop is None or thread is None:
            return
        with contextlib.suppress(Exception):
            self._run(self._aclose())
        loop.call_soon_threadsafe(loop.stop)
        thread.join(5)
        if not thread.is_alive():
            loop.close()
        self._loop = self._thread = None

    def fetch(self, url: str) -> Fetched:
        """GET ``url``; ``Rejected`` with one clear line for any failure."""
        fetched = self.fetch_if_changed(url)
        assert fetched is not None  # no validators sent: never 304
        return fetched

    def fetch_if_changed(self, url: str, etag: str | None = None,
                         last_modified: str | None = None) -> Fetched | None:
        """A conditional GET: None when the server answers 304 Not Modified to the
        validators of the previous response (``If-None-Match``, ``If-Modified-Since``)."""
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        return self._bounded(self._get(url, headers))

    def post_json(self, url: str, payload: Any, headers: dict[str, str]) -> None:
        """POST ``payload`` as JSON; ``Rejected`` unless the answer is a success (2xx)."""
        self._bounded(self._post(url, payload, headers))

    # -- on the fetcher's loop ----------------------------------------------------------------

    def _bounded(self, request: Coroutine[Any, Any, T]) -> T:
        """Run ``request`` within the timeout; httpx's failures as ``Rejected``."""
        timeout = self.settings.http_timeout
        try:
            return self._run(_within(timeout, request))
        except (TimeoutError, httpx.TimeoutException):
            raise Rejected(f"timed out after {timeout:g} s") from None
        except httpx.TooManyRedirects:
            raise Rejected("too many redirects") from None
        except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
            raise Rejected(f"invalid URL: {exc}") from None
        except httpx.TransportError as exc:
            raise Rejected(f"unreachable: {exc or type(exc).__name__}") from None
        except httpx.HTTPError as exc:
            raise Rejected(f"request failed: {exc or type(exc).__name__}") from None

    def _run(self, coro: Coroutine[Any, Any, T]) -> T:
        if self._loop is None:
            self._loop = asyncio.new_event_loop()
            self._thread = threading.Thread(target=self._loop.run_forever, daemon=True,
                                            name="supplyline-fetcher")
            self._thread.start()
        future = asyncio.run_coroutine_threadsafe(coro, self._loop)
        try:
            return future.result()
        except BaseException:
            future.cancel()  # Ctrl-C in the caller: the request stops too
            raise

    def _async_client(self) -> httpx.AsyncClient:
        if self._client is None:
            self._client = httpx.AsyncClient(
                timeout=self.settings.http_timeout, follow_redirects=True,
                headers={"User-Agent": USER_AGENT})
        return self._client

    async def _aclose(self) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None

    async def _get(self, url: str, headers: dict[str, str]) -> Fetched | None:
        limit = self.settings.max_bytes
        async with self._async_client().stream("GET", url, headers=headers) as resp:
            if resp.status_code == 304 and headers:
                return None
            if resp.status_code >= 400:
                raise Rejected(f"HTTP {resp.status_code} {resp.reason_phrase}".rstrip())
            length = resp.headers.get("content-length", "")
            if length.isdigit() and int(length) > limit:
                raise Rejected(too_big(int(length), limit))
            body = bytearray()
            async for chunk in resp.aiter_bytes():
                body += chunk
                if len(body) > limit:
                    raise Rejected(too_big(None, limit))
            media = resp.headers.get("content-type", "").partition(";")[0].strip().lower()
            return Fetched(str(resp.url), media, resp.charset_encoding, bytes(body),
                           resp.headers.get("etag"), resp.headers.get("last-modified"))

    async def _post(self, url: str, payload: Any, headers: dict[str, str]) -> None:
        content = json.dumps(payload, ensure_ascii=False, allow_nan=False).encode("utf-8")
        resp = await self._async_client().post(
            url, content=content, headers={"Content-Type": "application/json", **headers},
            follow_redirects=False)
        if not resp.is_success:
            raise Rejected(f"HTTP {resp.status_code} {resp.reason_phrase}".rstrip())


async def _within(seconds: float, request: Coroutine[Any, Any, T]) -> T:
    async with asyncio.timeout(seconds):
        return await request


def read_url(
    url: str,
    fetcher: Fetcher,
    published: date | None,
    *,
    known: Known | None = None,
    feeds: bool = True,
) -> Iterator[Result]:
    """An article page or (when ``feeds``) an RSS/Atom feed whose entries are fetched."""
    try:
        page = fetcher.fetch(url)
        kind = _kind(page)
        if kind == "feed" and feeds:
            yield from _read_feed(url, page, fetcher, published)
            return
        text = decode(page.body, charset=page.charset)
        if not text.strip():
            raise Rejected("empty response")
    except Rejected as exc:
        yield IngestError(url, exc.reason)
        return
    base = known or Known(origin=url)
    known = Known(
        origin=url,
        id=base.id,
        url=page.url,
        outlet=base.outlet or outlet_from_url(page.url),
        title=base.title,
        author=base.author,
        published=base.published,
        default_published=published,
    )
    if kind == "html" or (kind in ("text", "feed") and looks_like_html(text)):
        yield document_from_html(text, known)
    elif kind == "text":
        yield Document(
            id=Document.content_id(text), text=text, title=known.title, url=page.url,
            outlet=known.outlet, author=known.author,
            published=known.published or published, origin=url,
        )
    else:
        yield IngestError(url, f"a feed entry links to another feed ({page.media_type})")


def _kind(page: Fetched) -> str:
    """'feed', 'html' or 'text'; ``Rejected`` for media we cannot read (PDF, images...)."""
    head = page.body[:2048].lstrip()
    if page.media_type in FEED_TYPES:
        return "feed"
    if (page.media_type in XML_TYPES or head.startswith(b"<?xml")) and _FEED_ROOT.search(head):
        return "feed"
    if page.media_type in HTML_TYPES:
        return "html"
    if page.media_type.startswith("text/") or page.media_type in XML_TYPES | {""}:
        return "text"
    raise Rejected(f"unsupported content type {page.media_type}")


def _read_feed(
    url: str, page: Fetched, fetcher: Fetcher, published: date | None
) -> Iterator[Result]:
    for entry in feed_entries(url, page, published):
        if isinstance(entry, IngestError):
            yield entry
        else:
            yield from read_url(entry.link, fetcher, entry.fallback, known=entry.known,
                                feeds=False)


@dataclass(frozen=True)
class FeedEntry:
    """A feed entry's article: its link, what the entry says of it, and a fallback date."""

    link: str
    known: Known
    fallback: date | None


def feed_entries(
    url: str, page: Fetched, published: date | None
) -> Iterator[FeedEntry | IngestError]:
    """The entries of a fetched RSS/Atom feed, each link once; ``Rejected`` for a feed that
    cannot be read or has no entries."""
    try:
        feed = feedparser.parse(
            io.BytesIO(page.body),
            response_headers={"content-location": page.url, "content-type": page.media_type},
        )
    except Exception as exc:  # feedparser on a body it cannot parse: report, go on
        raise Rejected(f"not a readable feed: {exc}") from None
    entries = list(feed.get("entries") or [])
    broken = _parse_error(feed.get("bozo_exception"))
    unread = sum(not entry.get("link") for entry in entries)
    if broken and unread == len(entries):
        raise Rejected(f"feed could not be parsed: {broken}")
    if not entries:
        problem = feed.get("bozo_exception")
        raise Rejected(f"not a readable feed: {problem}" if problem else "feed has no entries")
    if broken and unread:
        # feedparser reads on past the error; the entries it lost there say nothing more
        yield IngestError(url, f"feed could not be parsed: {broken}; {unread} of its "
                               f"{len(entries)} entries could not be read")
    seen: set[str] = set()
    for n, entry in enumerate(entries, 1):
        link = entry.get("link")
        if not link:
            if not broken:
                yield IngestError(f"{url}#entry{n}", "feed entry has no link")
            continue
        link = urljoin(page.url, link)
        if link in seen:
            continue
        seen.add(link)
        # The entry's publication date and author beat the page's; its "updated" date only
        # stands in when the page has no date. Its title is left to the page, whose own
        # headline is usually the fuller one.
        known = Known(
            origin=link,
            author=(entry.get("author") or "").strip() or None,
            published=_entry_date(entry, "published"),
        )
        yield FeedEntry(link, known, _entry_date(entry, "updated") or published)


def _parse_error(exc: object) -> str | None:
    """What is wrong with a feed that is not well-formed XML, and where; None otherwise (a
    feed that parsed, or a lesser complaint such as a wrong declared encoding)."""
    if not isinstance(exc, xml.sax.SAXParseException):
        return None
    column = (exc.getColumnNumber() or 0) + 1  # expat counts from 0
    return f"{exc.getMessage()} at line {exc.getLineNumber()}, column {column}"


def _entry_date(entry: Any, key: str) -> date | None:
    """The date as written (feedparser's ``*_parsed`` is shifted to UTC), else as parsed."""
    written = parse_date(entry.get(key))
    if written:
        return written
    parsed = entry.get(f"{key}_parsed")
    return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday) if parsed else None
