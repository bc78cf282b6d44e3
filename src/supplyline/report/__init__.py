"""The situation report: headline figures per pair, timelines, what changed, evidence.

    from supplyline.report import build_situation
    from supplyline.report.render import render

    with open_store("supplyline.db") as store:
        situation = build_situation(store, since=date(2025, 1, 1),
                                    pairs=[("North Korea", "Russia")])
    Path("report.html").write_text(render(situation, "html"))

``figures`` groups claims into headlines and timelines, ``situation`` assembles what a report
shows, ``evidence`` cuts documents into highlighted passages, ``charts`` draws timelines as
SVG and ``render`` fills the templates (shared with the dashboard in ``supplyline.web``).
Importing this package is light (the command line imports ``format`` at start-up): its
names load on first use, and charts and templates with ``render``.
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = ["Situation", "build_situation", "parse_pair"]
_HOMES = {"Situation": "situation", "build_situation": "situation", "parse_pair": "figures"}


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        return getattr(importlib.import_module(f"{__name__}.{_HOMES[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
