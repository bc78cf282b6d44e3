"""Small corpora written by the tests themselves: a text file, an HTML page, a JSONL corpus."""

from __future__ import annotations

import json
from pathlib import Path

TEXT = (
    "North Korea sends troops and shells to Russia\n"
    "\n"
    "North Korea has sent 12,000 troops to Russia, South Korea's spy agency said on Monday.\n"
    "\n"
    "Pyongyang has also shipped more than 3 million artillery shells to Russia since last "
    "year, according to the Joint Chiefs of Staff. [Editor's note: figures [bold]unverified"
    "[/bold].]\n"
)

HTML = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Germany delivers a second IRIS-T system to Ukraine</title>
<meta property="article:published_time" content="2023-05-02T08:15:00+02:00">
</head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article>
<h1>Germany delivers a second IRIS-T system to Ukraine</h1>
<p>Germany has delivered a second IRIS-T air defence system to Ukraine, the government in
Berlin said in an update published on Tuesday.</p>
<p>Two more systems are due to be delivered by early next year, officials in Berlin said.</p>
</article>
<section class="comments"><h3>Comments</h3><p>Great news!</p></section>
</body></html>
"""

RECORDS = [
    {
        "id": "us-package",
        "title": "US announces new aid package for Ukraine",
        "outlet": "Example Wire",
        "url": "https://example.test/us-package",
        "published": "2024-08-09",
        "text": "US announces new aid package for Ukraine\n\nThe United States will send "
                "Ukraine a $125 million package of weapons, including air defence interceptors, "
                "the State Department said on Friday.\n",
    },
    {
        "id": "iran-drones",
        "title": "Iran shipped drones to Russia, officials say",
        "outlet": "Example Wire",
        "published": "2024-03-15",
        "text": "Iran shipped drones to Russia, officials say\n\nIran has supplied hundreds of "
                "Shahed drones to Russia, according to US officials.\n",
    },
]

DOC_IDS = {"a_korea.txt", "b_germany.html", "us-package", "iran-drones"}


def write_corpus(root: Path) -> Path:
    """A directory with one .txt, one .html and one .jsonl (two documents): four documents."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "a_korea.txt").write_text(TEXT, encoding="utf-8")
    (root / "b_germany.html").write_text(HTML, encoding="utf-8")
    (root / "c_wire.jsonl").write_text(
        "".join(json.dumps(r) + "\n" for r in RECORDS), encoding="utf-8")
    return root


def write_many(root: Path, n: int = 30, paragraphs: int = 12) -> Path:
    """``n`` text files with several claims each, for interruption tests."""
    root.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        lines = [f"Arms report number {i + 1}", ""]
        for k in range(paragraphs):
            lines.append(
                f"North Korea has sent {1000 + 10 * i + k:,} troops to Russia, South Korea's spy "
                f"agency said on Monday. Iran delivered {100 + k} Shahed drones to Russia last "
                f"month, according to Ukrainian intelligence. The United States pledged {k + 2} "
                "HIMARS launchers to Ukraine in a package announced on Tuesday.")
            lines.append("")
        (root / f"doc{i:02d}.txt").write_text("\n".join(lines), encoding="utf-8")
    return root


SAMPLES = Path(__file__).resolve().parents[1] / "src" / "supplyline" / "data" / "samples"
# The database of the shared ``sample_db`` fixture: the bundled samples and HOSTILE.
DOCUMENTS = sum(1 for line in (SAMPLES / "articles.jsonl").open(encoding="utf-8")
                if line.strip()) + 1

# An article carrying markup and script in its title, text and outlet: pages must show it as
# text and never run it.
HOSTILE_ID = "hostile-page"
HOSTILE = {
    "id": HOSTILE_ID,
    "title": "Belarus sends engineers to Russia <script>window.__pwned = 'title'</script>",
    "outlet": "Example <b>Wire</b>",
    "published": "2025-06-20",
    "text": (
        "Belarus sends engineers to Russia <script>window.__pwned = 'title'</script>\n\n"
        "Belarus has sent 300 engineers to Russia <img src=x onerror=\"window.__pwned='img'\">,"
        " Ukrainian intelligence said on Monday.\n\n"
        "<script>window.__pwned = 'body'; document.title = 'pwned'</script>\n\n"
        "The engineers will repair drones, the agency said.\n"
    ),
}


# -- news archives --------------------------------------------------------------------------------

def article_page(title: str, paragraphs: list[str], published: str | None = None) -> str:
    """A news page: navigation, the article, a comment section; dated when ``published``."""
    meta = (f'<meta property="article:published_time" content="{published}">'
            if published else "")
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f"<title>{title}</title>{meta}</head><body>\n"
            '<nav><a href="/">Home</a> | <a href="/world">World</a></nav>\n'
            f"<article><h1>{title}</h1>\n{body}\n</article>\n"
            '<section class="comments"><h3>Comments</h3><p>Nice.</p></section>\n'
            "</body></html>\n")


PAGES = {
    "https://www.daily.example.test/2024/finland-package": article_page(
        "Finland announces a new defence package for Ukraine",
        ["Finland will send Ukraine a new defence package worth 188 million euros, including "
         "heavy weapons and ammunition, the defence ministry in Helsinki said on Friday.",
         "The package is the country's twenty-fourth since the start of the full-scale "
         "invasion, officials said, and deliveries will begin within weeks."],
        published="2024-06-14T09:30:00+03:00"),
    "https://news.example.test/korea-shells": article_page(
        "Seoul says the North keeps shipping shells to Moscow",
        ["North Korea has shipped more than 20,000 containers of munitions to Russia, South "
         "Korea's defence ministry said in a report to lawmakers.",
         "The shipments included artillery shells and short-range ballistic missiles, the "
         "report said, citing intelligence gathered over the past year."]),
}
PAGE_DATES = {"https://news.example.test/korea-shells": "2024-10-08T06:00:00Z"}
VIDEO_PAGE = ('<!DOCTYPE html><html><head><title>Video</title></head><body><div class="player">'
              '<img src="/v.jpg" alt=""><script>play()</script></div></body></html>')


def write_warc(path: Path, *, compress: bool = True) -> Path:
    """A small news-crawl WARC, written with warcio: warcinfo, then for each page a request
    and its 200 HTML response (one gzip-encoded on the wire), and what a crawl also holds:
    a metadata record, a 404, a redirect, a PDF and a video page with no article text."""
    import gzip as gz
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=compress)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "tests"}))

        def response(url: str, status: str, body: bytes, content_type: str | None,
                     date: str = "2024-11-02T10:00:00Z", **extra: str) -> None:
            headers = [("Content-Type", content_type)] if content_type else []
            headers += list(extra.items())
            http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), http_headers=http,
                warc_headers_dict={"WARC-Date": date}))

        for i, (url, html) in enumerate(PAGES.items()):
            request = StatusAndHeaders(f"GET /{i} HTTP/1.1", [("Host", "example.test")],
                                       is_http_request=True)
            writer.write_record(writer.create_warc_record(
                url, "request", payload=io.BytesIO(b""), http_headers=request))
            body = html.encode("utf-8")
            if i == 0:
                response(url, "200 OK", gz.compress(body), "text/html; charset=utf-8",
                         **{"Content-Encoding": "gzip"})
            else:
                response(url, "200 OK", body, "text/html", date=PAGE_DATES[url])
        writer.write_record(writer.create_warc_record(
            "https://news.example.test/korea-shells", "metadata",
            payload=io.BytesIO(b"fetchTimeMs: 120\n"),
            warc_content_type="application/warc-fields"))
        response("https://news.example.test/gone", "404 Not Found", b"<html>gone</html>",
                 "text/html")
        response("https://news.example.test/old", "301 Moved Permanently", b"",
                 "text/html", Location="https://news.example.test/new")
        response("https://news.example.test/report.pdf", "200 OK", b"%PDF-1.7 ...",
                 "application/pdf")
        response("https://news.example.test/video", "200 OK", VIDEO_PAGE.encode(), "text/html")
    return path


def write_compressed_jsonl(path: Path, records: list[dict] | None = None) -> Path:
    """``RECORDS`` (or ``records``) as JSON Lines, compressed by the suffix: .gz or .zst."""
    import gzip as gz

    import zstandard

    data = "".join(json.dumps(r) + "\n" for r in (records or RECORDS)).encode("utf-8")
    if path.suffix == ".gz":
        path.write_bytes(gz.compress(data))
    else:
        path.write_bytes(zstandard.ZstdCompressor().compress(data))
    return path
