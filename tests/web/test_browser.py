"""End to end: the dashboard served on 127.0.0.1, driven by Debian's Chromium (headless) with
Playwright. No browser is downloaded: the tests skip, saying why, when /usr/bin/chromium or
the playwright package is missing (``make test`` installs chromium where apt can).
Screenshots go to test-artifacts/browser/ (git-ignored)."""

from __future__ import annotations

import contextlib
import re
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from corpus_factories import HOSTILE_ID
from supplyline.web import create_app

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "browser"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]

if not CHROMIUM.exists():
    pytest.skip(f"browser tests need Debian's chromium at {CHROMIUM} "
                "(apt-get install chromium; `make test` does it where apt is usable)",
                allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api",
                               reason="browser tests need the playwright package (.[dev])")


@contextlib.contextmanager
def served(db: Path) -> Iterator[str]:
    """The dashboard over ``db`` served by uvicorn in a thread, on a free port of 127.0.0.1."""
    config = uvicorn.Config(create_app(db), host="127.0.0.1", port=0,
                            log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the dashboard did not start")
        time.sleep(0.05)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def base_url(sample_db: Path) -> Iterator[str]:
    with served(sample_db) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: Any, base_url: str) -> Iterator[Any]:
    context = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    dialogs: list[str] = []
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    pg.dialogs = dialogs
    yield pg
    context.close()


def shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    print(f"screenshot: {path}")


def test_overview(page: Any) -> None:
    page.goto("/")
    assert page.locator("h1").inner_text() == "Overview"
    assert page.locator("h2", has_text="North Korea → Russia").count() == 1
    assert page.evaluate("document.body.scrollHeight") < 2 * 1600  # a screen or two
    assert page.locator("figure.chart svg").count() >= 3
    shot(page, "overview")


def test_filter_and_sort_the_claims_table(page: Any) -> None:
    page.goto("/claims")
    everything = page.locator("#claims tbody tr").count()
    page.select_option("select[name=type]", "weapons")
    page.fill("input[name=actor]", "North Korea")
    page.click("#filters button[type=submit]")
    page.wait_for_url(re.compile(r"type=weapons"))
    rows = page.locator("#claims tbody tr")
    assert 0 < rows.count() < everything
    assert set(rows.evaluate_all("rs => rs.map(r => r.dataset.type)")) == {"weapons"}
    assert page.locator("select[name=type]").input_value() == "weapons"  # the form remembers
    page.click("th a[data-sort=status]")
    page.wait_for_url(re.compile(r"sort=status"))
    statuses = rows.evaluate_all("rs => rs.map(r => r.dataset.status)")
    assert statuses == sorted(statuses) and page.locator("#claims tbody tr").count() == rows.count()
    shot(page, "claims-filtered")


def test_follow_a_headline_figure_to_its_evidence(page: Any) -> None:
    page.goto("/")
    figure = page.locator("#pair-north-korea-to-russia a.figure").first
    number = figure.inner_text()
    figure.click()
    page.wait_for_url(re.compile(r"/claims/\w+$"))
    marks = page.locator("#evidence mark")
    assert marks.count() >= 1 and marks.first.is_visible()
    assert number in " ".join(marks.all_inner_texts())
    shot(page, "figure-evidence")
    page.click("text=From >> a")  # on to the article, the evidence highlighted there too
    page.wait_for_url(re.compile(r"/documents/"))
    assert page.locator("#article mark").count() >= 1


def test_search(page: Any) -> None:
    page.goto("/")
    page.fill("header input[name=q]", "artillery shells")
    page.press("header input[name=q]", "Enter")
    page.wait_for_url(re.compile(r"/search\?q=artillery"))
    hits = page.locator("#hits li")
    assert hits.count() >= 1
    assert page.locator(".snippet b").count() >= 1
    shot(page, "search")
    hits.first.locator("a").click()
    page.wait_for_url(re.compile(r"/documents/"))


def test_an_article_script_does_not_run(page: Any) -> None:
    for path in (f"/documents/{HOSTILE_ID}", "/search?q=pwned", "/claims?actor=Belarus", "/"):
        page.goto(path)
        assert page.evaluate("typeof window.__pwned") == "undefined", path
        assert page.title() != "pwned", path
        assert page.locator("main img").count() == 0, path
    page.goto(f"/documents/{HOSTILE_ID}")
    text = page.locator("#article").inner_text()
    assert "<script>window.__pwned = 'body'" in text
    assert "<img src=x onerror=" in text
    page.locator("#article mark a").first.click()
    page.wait_for_url(re.compile(r"/claims/\w+$"))
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert not page.dialogs
    shot(page, "hostile-article")


def test_a_fact_with_every_report_and_the_alerts(page: Any) -> None:
    page.goto("/")
    page.locator('#pair-north-korea-to-russia td a[href^="/facts/"]').first.click()
    page.wait_for_url(re.compile(r"/facts/f\w+$"))
    reports = page.locator("article.evidence")
    assert reports.count() >= 1
    assert reports.first.locator("mark").count() >= 1
    shot(page, "fact")
    page.click("header a[href='/alerts']")
    page.wait_for_url(re.compile(r"/alerts$"))
    assert page.locator("#alerts tbody tr[data-kind]").count() >= 1
    shot(page, "alerts")


# -- every chart, on the samples and the shared dev sets (issue 11) -----------------------------

SHARED = Path(__file__).resolve().parents[3] / "shared"


@pytest.fixture(scope="module", params=["samples", "dev", "dev2"])
def corpus(request: pytest.FixtureRequest, sample_db: Path,
           tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    """(name, database): the samples, or a shared corpus ingested and resolved."""
    name = request.param
    if name == "samples":
        return name, sample_db
    docs = SHARED / name / "docs.jsonl"
    if not docs.exists():
        pytest.skip(f"{docs} is missing (../shared beside the repository)")
    import supplyline

    db = tmp_path_factory.mktemp(name) / f"{name}.db"
    assert supplyline.ingest(docs, db).ok
    return name, db


def check_charts(page: Any, where: str, folder: Path) -> int:
    """Screenshot every chart of the page and check what a reader needs of it: a tooltip in
    every point's link, time ticks labelled once each, figures written out; the count."""
    charts = page.locator("figure.chart")
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(charts.count()):
        chart = charts.nth(i)
        chart.scroll_into_view_if_needed()
        box = chart.locator("svg").bounding_box()
        assert box and box["width"] > 150 and box["height"] > 50, (where, i)
        chart.screenshot(path=str(folder / f"{where}-{i:02d}.png"))
        links = chart.locator("svg a")
        tips = chart.locator("svg a > title")
        assert links.count() >= 2 and tips.count() == links.count(), (where, i)
        texts = "ts => ts.map(t => t.textContent)"  # (SVG text has no innerText)
        x = chart.locator("svg g[aria-label^='X-axis'] text").evaluate_all(texts)
        ticks = [t for t in x if t != "reported on"]
        assert ticks and len(ticks) == len(set(ticks)), (where, i, ticks)
        y = chart.locator("svg g[aria-label^='Y-axis'] text").evaluate_all(texts)
        assert not any(re.fullmatch(r"[\d.]+[GM]", t) for t in y), (where, i, y)
    return charts.count()


def test_every_chart_of_the_report_and_the_dashboard(browser: Any, corpus: tuple[str, Path],
                                                     tmp_path: Path) -> None:
    from supplyline.report import build_situation
    from supplyline.report.render import render
    from supplyline.store import open_store

    name, db = corpus
    folder = ARTIFACTS.parent / "charts" / name
    with open_store(db) as store:
        report = tmp_path / "report.html"
        report.write_text(render(build_situation(store), "html"), encoding="utf-8")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.goto(report.as_uri())
    drawn = check_charts(pg, "report", folder)
    assert drawn >= 1
    with served(db) as url:
        pg.goto(url + "/")
        pg.screenshot(path=str(folder / "overview.png"), full_page=True)
        assert pg.evaluate("document.body.scrollHeight") < 2 * 1600, "more than two screens"
        trends = pg.locator("figure.trend svg a > title").count()
        assert trends >= 1
        pairs = pg.locator("section.pair-card h2 a").evaluate_all("as => as.map(a => a.href)")
        on_pages = 0
        for i, href in enumerate(pairs):
            pg.goto(href)
            on_pages += check_charts(pg, f"pair{i:02d}", folder)
        pg.goto(url + "/facts")
        pg.screenshot(path=str(folder / "facts.png"))
        assert pg.locator("#facets section.facet").count() >= 4
    context.close()
    print(f"{name}: {drawn} report charts, {on_pages} on pair pages; screenshots in {folder}")
