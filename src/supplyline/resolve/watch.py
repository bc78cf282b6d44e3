"""Watching feeds and directories: fetch what is new, ingest, resolve, raise and deliver alerts.

Each round, for every input:

- a feed URL is fetched with a conditional GET (``If-None-Match`` / ``If-Modified-Since``
  from the validators of the last answer, kept in the store); on 304 nothing else happens.
  Entry links already fetched (also kept in the store) are never fetched again; a link that
  fails is retried next round. The feed's validators are saved only after its new entries
  are stored, so a crash in between re-reads the feed rather than losing entries.
- a directory or file is read again; documents already stored with the same text are skipped.

Then claims are resolved, the alert rules evaluated, and each alert not yet delivered is
posted to the webhook (when given) and reported, then marked delivered, across restarts. A
feed that is down, or a webhook that fails, is reported and tried again next round.

Delivery is at least once: an alert is marked delivered only after the webhook answered 2xx
within ``SUPPLYLINE_HTTP_TIMEOUT``, so a receiver that answers too late, or a watcher killed
between the POST and the mark, posts the alert again. Each POST carries the alert's id in an
``Idempotency-Key`` header (the id is stable across rounds and restarts), by which a receiver
drops the repeats.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

from supplyline.config import Settings
from supplyline.ingest import IngestError, read_inputs
from supplyline.ingest.common import Rejected, is_url
from supplyline.ingest.web import FeedEntry, Fetcher, feed_entries, read_url
from supplyline.model import Alert, Document
from supplyline.pipeline import RunSummary, Step, store_documents
from supplyline.resolve.alerts import Rule, load_rules, raise_alerts
from supplyline.resolve.resolver import resolve
from supplyline.store import BaseStore, FeedState

_INTERVAL = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|sec|m|min|h|hr|d)?\s*$", re.I)
_UNIT = {"s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "hr": 3600, "d": 86400}


def parse_interval(text: str) -> float:
    """Seconds in '90', '30s', '10m', '1.5h' or '1d'; ``ValueError`` otherwise."""
    m = _INTERVAL.match(text)
    if not m:
        raise ValueError(f"{text!r} is not an interval like 30s, 10m or 1h")
    seconds = float(m.group(1)) * _UNIT[(m.group(2) or "s").lower()]
    if seconds <= 0:
        raise ValueError("the interval must be more than 0")
    return seconds


@dataclass(frozen=True)
class WatchEvent:
    """Something a round did: ``stored``, ``not_modified``, ``error``, ``alert`` or
    ``webhook_failed``."""

    kind: str
    source: str
    message: str
    alert: Alert | None = None


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Watcher:
    """Polls ``inputs`` into ``store``; ``emit`` receives every event as it happens."""

    def __init__(self, store: BaseStore, inputs: Sequence[str], *, settings: Settings,
                 rules: Sequence[Rule] | None = None, webhook: str | None = None,
                 published: date | None = None,
                 emit: Callable[[WatchEvent], None] | None = None) -> None:
        self.store = store
        self.inputs = list(inputs)
        self.settings = settings
        self.rules = tuple(rules) if rules is not None else load_rules()
        self.webhook = webhook
        self.published = published
        self.emit = emit or (lambda event: None)
        self.fetcher = Fetcher(settings)

    def close(self) -> None:
        self.fetcher.close()

    def run(self, every: float, iterations: int | None = None,
            sleep: Callable[[float], None] = time.sleep) -> None:
        """Poll every ``every`` seconds, ``iterations`` times (for ever when None)."""
        n = 0
        while iterations is None or n < iterations:
            self.poll()
            n += 1
            if iterations is None or n < iterations:
                sleep(every)

    def poll(self) -> list[WatchEvent]:
        """One round: every input, then resolution, alerts and their delivery."""
        events: list[WatchEvent] = []
        for source in self.inputs:
            if is_url(source):
                events += self._poll_feed(source)
            else:
                events += self._poll_path(source)
        resolve(self.store)
        raise_alerts(self.store, self.rules)
        events += self._deliver()
        return events

    def _event(self, event: WatchEvent) -> WatchEvent:
        self.emit(event)
        return event

    def _poll_feed(self, url: str) -> list[WatchEvent]:
        state = self.store.feed_state(url)
        etag, modified = (state.etag, state.last_modified) if state else (None, None)
        try:
            page = self.fetcher.fetch_if_changed(url, etag, modified)
        except Rejected as exc:
            self.store.save_feed_state(FeedState(url, etag, modified, _now(), exc.reason))
            return [self._event(WatchEvent("error", url, exc.reason))]
        if page is None:
            self.store.save_feed_state(FeedState(url, etag, modified, _now(), "not modified"))
            return [self._event(WatchEvent("not_modified", url, "not modified"))]
        events: list[WatchEvent] = []
        try:
            entries = list(feed_entries(url, page, self.published))
        except Rejected as exc:
            self.store.save_feed_state(FeedState(url, etag, modified, _now(), exc.reason))
            return [self._event(WatchEvent("error", url, exc.reason))]
        for entry in entries:
            if isinstance(entry, IngestError):
                events.append(self._event(WatchEvent("error", entry.origin, entry.reason)))
            elif not self.store.was_fetched(entry.link):
                events += self._fetch_entry(url, entry)
        failed = any(e.kind == "error" for e in events)
        # Keep the old validators while an entry failed, so the next round reads the feed.
        self.store.save_feed_state(FeedState(
            url, etag if failed else page.etag, modified if failed else page.last_modified,
            _now(), "ok"))
        return events

    def _fetch_entry(self, feed: str, entry: FeedEntry) -> list[WatchEvent]:
        events: list[WatchEvent] = []
        results = list(read_url(entry.link, self.fetcher, entry.fallback, known=entry.known,
                                feeds=False))
        docs = [r for r in results if isinstance(r, Document)]
        for r in results:
            if isinstance(r, IngestError):
                events.append(self._event(WatchEvent("error", r.origin, r.reason)))
        if not docs:
            return events
        summary = store_documents(docs, self.store, settings=self.settings)
        for failure in summary.failures:
            events.append(self._event(WatchEvent("error", failure.origin, failure.reason)))
        if not summary.failures:
            self.store.mark_fetched(entry.link, feed, docs[0].id)
            events.append(self._event(WatchEvent(
                "stored", entry.link, f"{docs[0].id}: {summary.claims} claims")))
        return events

    def _poll_path(self, path: str) -> list[WatchEvent]:
        events: list[WatchEvent] = []

        def on_step(step: Step, _summary: RunSummary) -> None:
            if step.kind == "stored":
                events.append(self._event(WatchEvent(
                    "stored", step.name, f"{step.name}: {step.claims} claims")))
            elif step.error is not None:
                events.append(self._event(WatchEvent(
                    "error", step.error.origin, step.error.reason)))

        store_documents(read_inputs([path], published=self.published, settings=self.settings),
                        self.store, settings=self.settings, progress=on_step)
        return events

    def _deliver(self) -> list[WatchEvent]:
        events: list[WatchEvent] = []
        for alert in self.store.alerts(undelivered=True):
            if self.webhook:
                try:
                    self.fetcher.post_json(self.webhook, alert.to_dict(),
                                           {"Idempotency-Key": alert.id})
                except Rejected as exc:
                    events.append(self._event(WatchEvent(
                        "webhook_failed", self.webhook,
                        f"alert {alert.id} not delivered ({exc.reason}); retrying next round")))
                    continue
            self.store.mark_delivered([alert.id])
            events.append(self._event(WatchEvent("alert", alert.rule, alert.message, alert)))
        return events
