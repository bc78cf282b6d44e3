"""`supplyline watch` end to end against a real HTTP server on 127.0.0.1: a feed whose items
change, conditional GETs, articles fetched once, alerts printed and posted once, a feed that
goes down, a webhook that fails, and restarts (each run is a new process state)."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from local_server import QuietHandler, serving
from supplyline.cli import cli
from supplyline.config import Settings
from supplyline.resolve.watch import Watcher, parse_interval
from supplyline.store import open_store

# Articles written for these tests.
ARTICLES = {
    "/nk-troops.html": ("North Korea sends troops to Russia", "Mon, 04 Nov 2024 09:00:00 GMT",
                        "North Korea has sent 10,000 troops to Russia, South Korea's spy agency "
                        "said on Monday, in the largest deployment of its soldiers abroad in "
                        "decades. The troops were moved by ship and by train over several weeks."),
    "/nk-more.html": ("Kyiv estimates North Korean troops in Russia",
                      "Wed, 20 Nov 2024 09:00:00 GMT",
                      "North Korea has sent 13,000 troops to Russia, Ukrainian intelligence said "
                      "on Wednesday, in its latest estimate of the deployment. The soldiers are "
                      "being trained at ranges in the Far East."),
    "/iran-missiles.html": ("Iran delivers missiles to Russia", "Fri, 22 Nov 2024 09:00:00 GMT",
                            "Iran has delivered ballistic missiles to Russia, the Pentagon said on "
                            "Friday, adding that the weapons could be used within weeks. The "
                            "shipment crossed the Caspian Sea, the Pentagon said."),
}


def page(title: str, body: str) -> str:
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title></head>"
            f"<body><article><h1>{title}</h1><p>{body}</p></article></body></html>")


@dataclass
class State:
    """What the server serves and what it saw."""

    items: list[str] = field(default_factory=list)
    feed_down: bool = False
    hook_fails: bool = False
    hits: Counter[str] = field(default_factory=Counter)
    not_modified: int = 0
    posted: list[dict[str, Any]] = field(default_factory=list)
    keys: list[str | None] = field(default_factory=list)  # the Idempotency-Key of each post
    hook_delay: float = 0.0  # seconds the webhook takes to answer, after reading the alert
    hook_hangs: threading.Event | None = None  # set: the webhook answers never (until cleared)
    hook_reached: threading.Event = field(default_factory=threading.Event)

    def feed(self, base: str) -> str:
        entries = "".join(
            f"<item><title>{ARTICLES[p][0]}</title><link>{base}{p}</link>"
            f"<pubDate>{ARTICLES[p][1]}</pubDate></item>" for p in self.items)
        return (f"<?xml version='1.0'?><rss version='2.0'><channel><title>Wire</title>"
                f"<link>{base}/</link><description>test</description>{entries}</channel></rss>")


STATE = State()


class Handler(QuietHandler):
    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        STATE.hits[self.path] += 1
        base = f"http://{self.headers['Host']}"
        if self.path == "/feed.xml":
            if STATE.feed_down:
                self.send(503, "text/plain", "down for maintenance")
                return
            body = STATE.feed(base)
            etag = '"' + hashlib.sha1(body.encode()).hexdigest()[:10] + '"'
            if self.headers.get("If-None-Match") == etag:
                STATE.not_modified += 1
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            self.send(200, "application/rss+xml", body, {"ETag": etag})
        elif self.path == "/dated-feed.xml":  # validated by Last-Modified alone
            stamp = "Wed, 20 Nov 2024 10:00:00 GMT"
            if self.headers.get("If-Modified-Since") == stamp:
                STATE.not_modified += 1
                self.send_response(304)
                self.end_headers()
                return
            self.send(200, "application/rss+xml", STATE.feed(base), {"Last-Modified": stamp})
        elif self.path == "/trickle.xml":  # one byte every second, for ever
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.end_headers()
            with contextlib.suppress(OSError):
                for byte in STATE.feed(base).encode() * 100:
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(1)
        elif self.path in ARTICLES:
            title, _, body = ARTICLES[self.path]
            self.send(200, "text/html; charset=utf-8", page(title, body))
        else:
            self.send(404, "text/plain", "Not Found")

    def do_POST(self) -> None:  # noqa: N802
        length = int(self.headers.get("Content-Length", "0"))
        data = self.rfile.read(length)
        if STATE.hook_fails:
            self.send(500, "text/plain", "hook broken")
            return
        STATE.posted.append(json.loads(data))
        STATE.keys.append(self.headers.get("Idempotency-Key"))
        STATE.hook_reached.set()
        if STATE.hook_hangs is not None:
            STATE.hook_hangs.wait(60)
        time.sleep(STATE.hook_delay)
        self.send(204, "text/plain", "")


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with serving(Handler) as url:
        yield url


def watch(db: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--db", str(db), "watch", *args, "--once"],
                              catch_exceptions=False)


def alert_lines(result: Result) -> list[str]:
    return [line for line in result.stdout.splitlines() if line.startswith("ALERT")]


def test_parse_interval() -> None:
    assert parse_interval("10m") == 600
    assert parse_interval("30s") == parse_interval("30") == 30
    assert parse_interval("1.5h") == 5400
    with pytest.raises(ValueError, match="not an interval"):
        parse_interval("soon")


def test_watch_end_to_end(server: str, tmp_path: Path) -> None:
    db = tmp_path / "watch.db"
    feed, hook = f"{server}/feed.xml", f"{server}/hook"
    STATE.items = ["/nk-troops.html"]

    # First round: the article is fetched, resolved, and its alerts printed and posted.
    first = watch(db, feed, "--webhook", hook)
    assert first.exit_code == 0, first.output
    printed = alert_lines(first)
    assert printed and any("troops delivered 10,000, first reported by" in p for p in printed)
    assert [a["message"] for a in STATE.posted] == [p.split("] ", 1)[1].rsplit(" (facts:", 1)[0]
                                                    for p in printed]
    assert STATE.hits["/nk-troops.html"] == 1

    # A restart with nothing new: a conditional GET answered 304, nothing printed or posted.
    posted = len(STATE.posted)
    again = watch(db, feed, "--webhook", hook)
    assert again.exit_code == 0 and alert_lines(again) == []
    assert STATE.not_modified == 1 and len(STATE.posted) == posted

    # The feed gains an item: only the new article is fetched; only new alerts come out.
    STATE.items = ["/nk-more.html", "/nk-troops.html"]
    more = watch(db, feed, "--webhook", hook)
    assert STATE.hits["/nk-troops.html"] == 1 and STATE.hits["/nk-more.html"] == 1
    new = alert_lines(more)
    assert any("rose 30% from 10,000" in line for line in new), more.output
    assert not set(new) & set(printed)
    assert len(STATE.posted) == posted + len(new)

    # The feed goes down: one error line, the run goes on, exit 0.
    STATE.feed_down = True
    down = watch(db, feed)
    assert down.exit_code == 0
    assert "error: " in down.stderr and "HTTP 503" in down.stderr
    STATE.feed_down = False

    # The webhook fails: the alerts wait, undelivered, and go out once it works again.
    STATE.items.append("/iran-missiles.html")
    STATE.hook_fails = True
    broken = watch(db, feed, "--webhook", hook)
    assert alert_lines(broken) == [] and "not delivered" in broken.stderr
    STATE.hook_fails = False
    fixed = watch(db, feed, "--webhook", hook)
    late = alert_lines(fixed)
    assert any("Iran → Russia" in line for line in late)
    assert len(STATE.posted) == posted + len(new) + len(late)
    assert STATE.hits["/iran-missiles.html"] == 1
    messages = [a["message"] for a in STATE.posted]
    assert len(messages) == len(set(messages))  # each alert exactly once
    with open_store(db) as store:
        assert store.alerts(undelivered=True) == []
        assert len(store.document_refs()) == 3
        troops = [f for f in store.facts() if f.item == "troops"]
        assert len(troops) == 1 and (troops[0].low, troops[0].high) == (10000, 13000)
        assert any(f.actor == "Iran" for f in store.facts())


def test_watcher_polls_directories_and_counts_rounds(tmp_path: Path,
                                                    db_location: str) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("Iran has sent drones to Russia, the Pentagon said.\n")
    rounds: list[float] = []
    with open_store(db_location) as store:
        seen: list[str] = []
        watcher = Watcher(store, [str(docs)], settings=Settings(http_timeout=5.0),
                          emit=lambda e: seen.append(e.kind))
        watcher.run(every=60, iterations=2, sleep=rounds.append)
        watcher.close()
        assert rounds == [60]  # slept between the two rounds only
        assert seen.count("stored") == 1 and "alert" in seen
        assert len(store.facts()) >= 1


def test_a_feed_validated_by_last_modified(server: str, db_location: str) -> None:
    STATE.items = ["/nk-troops.html"]
    before = STATE.not_modified
    with open_store(db_location) as store:
        kinds: list[str] = []
        watcher = Watcher(store, [f"{server}/dated-feed.xml"],
                          settings=Settings(http_timeout=5.0), emit=lambda e: kinds.append(e.kind))
        watcher.poll()
        state = store.feed_state(f"{server}/dated-feed.xml")
        assert state is not None and state.last_modified == "Wed, 20 Nov 2024 10:00:00 GMT"
        assert "stored" in kinds and "alert" in kinds
        kinds.clear()
        watcher.poll()
        watcher.close()
    assert kinds == ["not_modified"] and STATE.not_modified == before + 1


def test_a_webhook_must_be_a_url(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "x.db"), "watch", str(tmp_path),
                                      "--once", "--webhook", "not a url"])
    assert result.exit_code == 2 and "not an http(s) URL" in result.output


def test_each_alert_is_posted_with_its_id_as_idempotency_key(server: str,
                                                             tmp_path: Path) -> None:
    STATE.items, STATE.posted, STATE.keys = ["/nk-troops.html"], [], []
    db = tmp_path / "w.db"
    assert watch(db, f"{server}/feed.xml", "--webhook", f"{server}/hook").exit_code == 0
    with open_store(db) as store:
        ids = [a.id for a in store.alerts()]
    assert STATE.keys == [a["id"] for a in STATE.posted] and sorted(STATE.keys) == sorted(ids)


def test_a_receiver_slower_than_the_timeout_gets_the_alert_again_with_the_same_key(
        server: str, tmp_path: Path) -> None:
    STATE.items, STATE.posted, STATE.keys = ["/iran-missiles.html"], [], []
    STATE.hook_delay = 3.0
    events: list[str] = []
    with open_store(tmp_path / "w.db") as store:
        watcher = Watcher(store, [f"{server}/feed.xml"], settings=Settings(http_timeout=1.0),
                          webhook=f"{server}/hook", emit=lambda e: events.append(e.kind))
        try:
            started = time.monotonic()
            watcher.poll()  # the receiver took each alert but answered too late
            assert time.monotonic() - started < 30
            first = list(STATE.keys)
            assert first and events.count("webhook_failed") == len(first)
            assert "alert" not in events and len(store.alerts(undelivered=True)) == len(first)
            STATE.hook_delay = 0.0
            watcher.poll()  # delivered again: at least once, and the key tells the repeat
        finally:
            STATE.hook_delay = 0.0
            watcher.close()
        assert store.alerts(undelivered=True) == []
    assert STATE.keys == first + first
    assert len({json.dumps(a, sort_keys=True) for a in STATE.posted}) == len(first)


def test_a_kill_during_delivery_delivers_again_with_the_same_key(server: str,
                                                                 tmp_path: Path) -> None:
    STATE.items, STATE.posted, STATE.keys = ["/nk-more.html"], [], []
    STATE.hook_reached.clear()
    STATE.hook_hangs = threading.Event()
    db = tmp_path / "w.db"
    command = [sys.executable, "-c", "from supplyline.cli import main; main()", "--db", str(db),
               "watch", f"{server}/feed.xml", "--webhook", f"{server}/hook", "--once"]
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env={**os.environ, "SUPPLYLINE_HTTP_TIMEOUT": "60"})
    try:
        assert STATE.hook_reached.wait(300), "the watcher never posted"
        os.kill(proc.pid, signal.SIGKILL)  # while the receiver holds the first alert
        proc.wait(30)
    finally:
        STATE.hook_hangs.set()
        STATE.hook_hangs = None
        if proc.poll() is None:
            proc.kill()
    killed = list(STATE.keys)
    assert len(killed) == 1
    again = watch(db, f"{server}/feed.xml", "--webhook", f"{server}/hook")
    assert again.exit_code == 0, again.output
    assert STATE.keys[0] == killed[0] and STATE.keys.count(killed[0]) == 2  # the same alert
    with open_store(db) as store:
        assert store.alerts(undelivered=True) == []
        assert sorted(set(STATE.keys)) == sorted(a.id for a in store.alerts())


def test_watch_bounds_a_feed_that_trickles(server: str, tmp_path: Path) -> None:
    events: list[tuple[str, str]] = []
    with open_store(tmp_path / "w.db") as store:
        watcher = Watcher(store, [f"{server}/trickle.xml"], settings=Settings(http_timeout=2.0),
                          emit=lambda e: events.append((e.kind, e.message)))
        started = time.monotonic()
        watcher.poll()
        watcher.close()
    assert time.monotonic() - started < 10
    assert events == [("error", "timed out after 2 s")]
