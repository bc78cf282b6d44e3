"""Ingest from URLs and RSS/Atom feeds against a real HTTP server on 127.0.0.1 (no network)."""

from __future__ import annotations

import contextlib
import socket
import time
from collections.abc import Iterator
from datetime import date

import pytest

from local_server import QuietHandler, serving
from supplyline.config import Settings
from supplyline.ingest import IngestError, read_inputs
from supplyline.model import Document

ARTICLE = """<!DOCTYPE html>
<html><head><meta charset="utf-8">
<title>Norway to donate six F-16 jets to Ukraine</title>
<meta name="author" content="Kari Nordmann">
</head><body>
<header>Menu | Search | Sign In</header>
<article><h1>Norway to donate six F-16 jets to Ukraine</h1>
<p>Norway has committed to donating six F-16 fighter jets to Ukraine, the prime minister said
at a summit on Thursday, adding that the first deliveries would begin later this year.</p>
<p>The jets are being phased out of the Norwegian air force and will be transferred once
Ukrainian pilots have completed their training in Denmark and Romania.</p>
</article></body></html>
"""

SECOND = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Netherlands pledges weapons for F-16s</title>
<meta property="article:published_time" content="2024-07-11">
</head><body><article><h1>Netherlands pledges weapons for F-16s</h1>
<p>The Netherlands has announced it will transfer weapons worth 300 million euros to arm the
F-16 combat jets destined for Ukraine, the Dutch defence ministry said on Thursday.</p>
<p>The allocation supplements an initial 150 million euros earmarked for the same purpose,
the ministry said in a statement published in The Hague.</p>
</article></body></html>
"""

PLAIN = "France to send SCALP missiles\n\nFrance will send about ten SCALP missiles to Ukraine.\n"


def rss(base: str) -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Test wire</title><link>{base}/</link>
<description>Test feed</description>
<item><title>Norway to donate six F-16 jets</title><link>{base}/article.html</link>
<pubDate>Thu, 11 Jul 2024 09:30:00 GMT</pubDate></item>
<item><title>Netherlands pledges weapons</title><link>/second.html</link></item>
<item><title>Broken</title><link>{base}/error</link></item>
<item><title>Duplicate</title><link>{base}/article.html</link></item>
<item><title>No link</title></item>
</channel></rss>
"""


ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom wire</title><id>urn:x</id>
<updated>2024-07-12T00:00:00Z</updated>
<entry><title>Netherlands</title><id>urn:1</id><link href="/second.html"/>
<updated>2024-07-12T00:00:00Z</updated></entry>
</feed>
"""

def broken_feed(base: str) -> str:
    """An RSS feed whose second item's title is closed by the wrong tag."""
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>\n'
            f'<item><title>Norway</title><link>{base}/article.html</link></item>\n'
            f'<item><title>Netherlands</ti><link>{base}/second.html</link></item>\n'
            '</channel></rss>\n')


GARBAGE_FEED = '<?xml version="1.0"?>\n<rss version="2.0"><channel><item>&bogus; <<</item>'

EMPTY_FEED = """<?xml version="1.0"?><rss version="2.0"><channel><title>Empty</title>
<link>http://x/</link><description>none</description></channel></rss>"""


class Handler(QuietHandler):
    agents: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        Handler.agents.append(self.headers.get("User-Agent", ""))
        base = f"http://{self.headers['Host']}"
        routes = {
            "/article.html": ("text/html; charset=utf-8", ARTICLE),
            "/second.html": ("text/html", SECOND),
            "/plain.txt": ("text/plain; charset=utf-8", PLAIN),
            "/feed.xml": ("application/rss+xml", rss(base)),
            "/atom": ("application/xml", ATOM),
            "/empty-feed.xml": ("application/rss+xml", EMPTY_FEED),
            "/broken-feed.xml": ("application/rss+xml", broken_feed(base)),
            "/garbage-feed.xml": ("application/rss+xml", GARBAGE_FEED),
            "/big.html": ("text/html", ARTICLE + "<!--" + "x" * 20_000 + "-->"),
            "/pdf": ("application/pdf", "%PDF-1.4 not really"),
        }
        if self.path == "/error":
            self.send(500, "text/plain", "Internal Server Error")
        elif self.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "/article.html")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif self.path.startswith("/trickle"):
            self.trickle(headers_too=self.path == "/trickle-headers")
        elif self.path == "/slow":
            time.sleep(1.5)
            self.send(200, "text/html", ARTICLE)
        elif self.path in routes:
            self.send(200, *routes[self.path])
        else:
            self.send(404, "text/plain", "Not Found")


    def trickle(self, headers_too: bool) -> None:
        """One byte every 2 s: of the body, or of the headers too."""
        head = f"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: " \
               f"{len(ARTICLE)}\r\n\r\n".encode()
        body = ARTICLE.encode()
        if not headers_too:
            self.wfile.write(head)
            head = b""
        with contextlib.suppress(OSError):  # the client gave up
            for i in range(len(head + body)):
                self.wfile.write((head + body)[i:i + 1])
                self.wfile.flush()
                time.sleep(2)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with serving(Handler) as url:
        yield url


SETTINGS = Settings(http_timeout=5.0)


def run(*urls: str, settings: Settings = SETTINGS, **kw: object) -> list[Document | IngestError]:
    return list(read_inputs(list(urls), settings=settings, **kw))  # type: ignore[arg-type]


def test_article_url(server: str) -> None:
    Handler.agents.clear()
    url = f"{server}/article.html"
    (doc,) = run(url, published=date(2024, 7, 11))
    assert isinstance(doc, Document)
    assert doc.id == Document.content_id(doc.text)
    assert doc.url == url and doc.origin == url
    assert doc.outlet == "127.0.0.1"
    assert doc.title == "Norway to donate six F-16 jets to Ukraine"
    assert doc.text.startswith(doc.title)
    assert "committed to donating six F-16 fighter jets" in doc.text
    assert "Sign In" not in doc.text
    assert doc.author == "Kari Nordmann"
    assert doc.published == date(2024, 7, 11)  # the page has none: the argument
    assert doc.raw == ARTICLE
    assert Handler.agents and all(a.startswith("supplyline/") for a in Handler.agents)


def test_redirect_is_followed(server: str) -> None:
    (doc,) = run(f"{server}/redirect")
    assert isinstance(doc, Document)
    assert doc.url == f"{server}/article.html" and doc.origin == f"{server}/redirect"


def test_plain_text_url(server: str) -> None:
    (doc,) = run(f"{server}/plain.txt")
    assert isinstance(doc, Document) and doc.text == PLAIN and doc.raw is None


def test_rss_feed(server: str) -> None:
    results = run(f"{server}/feed.xml", published=date(2000, 1, 1))
    docs = [r for r in results if isinstance(r, Document)]
    errors = [r for r in results if isinstance(r, IngestError)]
    assert [d.url for d in docs] == [f"{server}/article.html", f"{server}/second.html"]
    first, second = docs
    assert first.published == date(2024, 7, 11)  # the entry's pubDate
    assert first.title == "Norway to donate six F-16 jets to Ukraine"
    assert second.published == date(2024, 7, 11)  # the page's own date
    assert "300 million euros" in second.text
    assert errors == [
        IngestError(f"{server}/error", "HTTP 500 Internal Server Error"),
        IngestError(f"{server}/feed.xml#entry5", "feed entry has no link"),
    ]


def test_atom_feed_served_as_xml(server: str) -> None:
    (doc,) = run(f"{server}/atom")
    assert isinstance(doc, Document)
    assert doc.url == f"{server}/second.html" and doc.published == date(2024, 7, 11)


def test_http_500(server: str) -> None:
    assert run(f"{server}/error") == [
        IngestError(f"{server}/error", "HTTP 500 Internal Server Error")
    ]


def test_http_404(server: str) -> None:
    assert run(f"{server}/missing") == [IngestError(f"{server}/missing", "HTTP 404 Not Found")]


def test_unreachable_url() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"http://127.0.0.1:{port}/article.html"
    (err,) = run(url)
    assert isinstance(err, IngestError) and err.origin == url
    assert err.reason.startswith("unreachable: ")


def test_timeout(server: str) -> None:
    (err,) = run(f"{server}/slow", settings=Settings(http_timeout=0.3))
    assert err == IngestError(f"{server}/slow", "timed out after 0.3 s")


@pytest.mark.parametrize("path", ["/trickle", "/trickle-headers"])
def test_the_timeout_bounds_the_whole_fetch(server: str, path: str) -> None:
    started = time.monotonic()
    (err,) = run(f"{server}{path}", settings=Settings(http_timeout=3))
    assert err == IngestError(f"{server}{path}", "timed out after 3 s")
    assert time.monotonic() - started < 6  # each read is quick, the whole is not


def test_response_over_the_size_limit(server: str) -> None:
    (err,) = run(f"{server}/big.html", settings=Settings(max_bytes=10_000, http_timeout=5))
    assert isinstance(err, IngestError)
    assert err.reason.startswith("refused: ") and "exceeds the 10.0 kB limit" in err.reason


def test_unsupported_content_type(server: str) -> None:
    (err,) = run(f"{server}/pdf")
    assert err == IngestError(f"{server}/pdf", "unsupported content type application/pdf")


def test_feed_without_entries(server: str) -> None:
    (err,) = run(f"{server}/empty-feed.xml")
    assert err == IngestError(f"{server}/empty-feed.xml", "feed has no entries")


def test_a_malformed_feed_says_where_it_could_not_be_parsed(server: str) -> None:
    url = f"{server}/broken-feed.xml"
    results = run(url)
    assert [r.url for r in results if isinstance(r, Document)] == [f"{server}/article.html"]
    assert [r for r in results if isinstance(r, IngestError)] == [IngestError(
        url, "feed could not be parsed: mismatched tag at line 3, column 27; 1 of its 2 "
             "entries could not be read")]


def test_an_unreadable_feed_says_where_it_could_not_be_parsed(server: str) -> None:
    (err,) = run(f"{server}/garbage-feed.xml")
    assert err == IngestError(f"{server}/garbage-feed.xml",
                              "feed could not be parsed: undefined entity at line 2, column 35")


def test_urls_and_files_mix_and_the_batch_goes_on(server: str) -> None:
    results = run(f"{server}/error", f"{server}/article.html", "/nonexistent/file.txt")
    assert [type(r).__name__ for r in results] == ["IngestError", "Document", "IngestError"]
