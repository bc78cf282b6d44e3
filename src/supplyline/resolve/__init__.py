"""Resolve: from many reports to one picture. The stage after extraction, over the store.

- ``duplicates``: near-identical documents (MinHash/LSH) grouped into stories;
- ``facts``: claims that state the same thing resolved into one ``Fact`` (``resolve``);
- ``conflicts``: reports that disagree (contradictions) or revise a figure (revisions);
- ``classes``: which item class, unit and series type a claim's figure belongs to;
- ``series``: one estimate per series (pair, item class, phase) as of a date, with its range,
  sources, facts and a one-sentence explanation;
- ``timeline``: what was reported when for a pair and item, with the series' estimates;
- ``credibility``: signals per document and outlet for a person to weigh;
- ``alerts`` and ``watch``: rules over new facts, and a loop that fetches, resolves and alerts.

Each is a set of plain functions over frozen dataclasses; the store keeps what they decide.
"""

from supplyline.model import Alert, Fact
from supplyline.resolve.alerts import Rule, evaluate, load_rules, raise_alerts
from supplyline.resolve.conflicts import Conflict, ReportView, find_conflicts, list_conflicts
from supplyline.resolve.credibility import (
    NOTE,
    Corroboration,
    DocumentCredibility,
    OutletCredibility,
    Signal,
    all_documents,
    assess_document,
    document_credibility,
    outlet_credibility,
)
from supplyline.resolve.facts import FactIndex, build_fact, resolve_reports
from supplyline.resolve.resolver import ResolveSummary, group_stories, resolve
from supplyline.resolve.series import Estimate, SeriesKey, estimates, total
from supplyline.resolve.settings import ResolveSettings, SettingsError, resolve_settings
from supplyline.resolve.timeline import Timeline, TimelineEntry, build_timeline, pair_timeline
from supplyline.resolve.watch import Watcher, WatchEvent, parse_interval

__all__ = [
    "NOTE", "Alert", "Conflict", "Corroboration", "DocumentCredibility", "Estimate", "Fact",
    "SeriesKey", "estimates", "total",
    "FactIndex", "OutletCredibility", "ReportView", "ResolveSettings", "ResolveSummary", "Rule",
    "SettingsError", "Signal", "Timeline", "TimelineEntry", "WatchEvent", "Watcher",
    "all_documents", "assess_document", "build_fact", "build_timeline", "document_credibility",
    "evaluate", "find_conflicts", "group_stories", "list_conflicts", "load_rules",
    "outlet_credibility", "pair_timeline", "parse_interval", "raise_alerts", "resolve",
    "resolve_reports", "resolve_settings",
]
