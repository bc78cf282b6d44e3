"""The situation report: headline figures per pair, timelines, what changed, evidence.

    with Store("supplyline.db") as store:
        situation = build_situation(store, since=date(2025, 1, 1),
                                    pairs=[("North Korea", "Russia")])
    Path("report.html").write_text(render(situation, "html"))

``figures`` groups claims into headlines and timelines, ``situation`` assembles what a report
shows, ``charts`` draws timelines as SVG, ``evidence`` cuts documents into highlighted
passages, ``render`` fills the templates (shared with the dashboard in ``supplyline.web``).
"""

from supplyline.report.figures import parse_pair
from supplyline.report.render import FORMATS, render
from supplyline.report.situation import Situation, build_situation

__all__ = ["FORMATS", "Situation", "build_situation", "parse_pair", "render"]
