"""Resolve: from many reports to one picture. The stage after extraction, over the store.

- ``duplicates``: near-identical documents (MinHash/LSH) grouped into stories;
- ``facts``: claims that state the same thing resolved into one ``Fact`` (``resolve``);
- ``conflicts``: reports that disagree (contradictions) or revise a figure (revisions);
- ``timeline``: what was reported when for a pair and item, and the best estimate as of a date;
- ``credibility``: signals per document and outlet for a person to weigh;
- ``alerts`` and ``watch``: rules over new facts, and a loop that fetches, resolves and alerts.

Each is a set of plain functions over frozen dataclasses; the store keeps what they decide.
"""

from supplyline.model import Alert, Fact
from supplyline.resolve.resolver import ResolveSummary, group_stories, resolve
from supplyline.resolve.settings import ResolveSettings, SettingsError, resolve_settings

__all__ = [
    "Alert", "Fact", "ResolveSettings", "ResolveSummary", "SettingsError", "group_stories",
    "resolve", "resolve_settings",
]
