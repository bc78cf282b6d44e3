"""The situation report: headline figures per pair, timelines, what changed, evidence.

    from supplyline.report import build_situation
    from supplyline.report.render import render

    with Store("supplyline.db") as store:
        situation = build_situation(store, since=date(2025, 1, 1),
                                    pairs=[("North Korea", "Russia")])
    Path("report.html").write_text(render(situation, "html"))

``figures`` groups claims into headlines and timelines, ``situation`` assembles what a report
shows, ``evidence`` cuts documents into highlighted passages, ``charts`` draws timelines as
SVG and ``render`` fills the templates (shared with the dashboard in ``supplyline.web``).
Importing this package is light: charts and templates load with ``render``.
"""

from supplyline.report.figures import parse_pair
from supplyline.report.situation import Situation, build_situation

__all__ = ["Situation", "build_situation", "parse_pair"]
