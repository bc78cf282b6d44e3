"""End to end: the dashboard served on 127.0.0.1, driven by Debian's Chromium (headless) with
Playwright. No browser is downloaded: the tests skip, saying why, when /usr/bin/chromium or
the playwright package is missing (``make test`` installs chromium where apt can).
Screenshots go to test-artifacts/browser/ (git-ignored)."""

from __future__ import annotations

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


@pytest.fixture(scope="module")
def base_url(sample_db: Path) -> Iterator[str]:
    """The dashboard served by uvicorn in a thread, on a free port of 127.0.0.1."""
    config = uvicorn.Config(create_app(sample_db), host="127.0.0.1", port=0,
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
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


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
