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
