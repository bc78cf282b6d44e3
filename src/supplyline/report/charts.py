"""Timeline charts as inline SVG: Vega-Lite specs built with Altair, drawn by vl-convert.

Why these: vl-convert ships the Vega-Lite and Vega JavaScript inside its wheel and renders
SVG on the server with no network access (external data is refused here), so the report is
one file with no script and the dashboard's pages need no JavaScript at all. Text in the
chart (source names come from articles) is escaped by the SVG renderer.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

import altair as alt
import vl_convert
from markupsafe import Markup

from supplyline.report.figures import Timeline
from supplyline.report.format import quantity
from supplyline.report.presentation import Presentation, load_presentation

# vl-convert resolves links against its loader's base URL; links here are relative to the
# page (an anchor in the report, a path on the dashboard), so that prefix is taken off.
_LOADER_BASE = "https://vega.github.io/vega-datasets/"


def timeline_spec(timeline: Timeline, link: Callable[[str], str], *,
                  presentation: Presentation | None = None) -> dict[str, Any]:
    """The Vega-Lite spec: one point per claim at its report date and figure (a bar from
    the lower to the upper bound when it gives a range), coloured by source, shaped by
    phase, each linking to ``link(claim_id)``."""
    p = presentation or load_presentation()
    rows = [
        {
            "reported": r.reported.isoformat() if r.reported else None,
            "low": r.low, "high": r.high, "figure": quantity(r.claim.quantity),
            "source": r.source, "phase": r.phase.label, "item": r.claim.item or "",
            "href": link(r.id),
        }
        for r in timeline.reports
    ]
    unit = f" ({timeline.unit})" if timeline.unit else ""
    x = alt.X("reported:T", title="reported on", axis=alt.Axis(format="%b %Y"),
              scale=alt.Scale(padding=14))
    y = alt.Y("high:Q", title=p.type_label(timeline.type) + unit,
              axis=alt.Axis(format="~s"), scale=alt.Scale(zero=False, nice=True, padding=8))
    phases = [ph.label for ph in p.phases]
    base = alt.Chart(alt.Data(values=rows))
    bounds = base.mark_rule(strokeWidth=2, opacity=0.6).encode(
        x=x, y=alt.Y("low:Q"), y2="high:Q", color=alt.Color("source:N", title="source"))
    points = base.mark_point(size=90, filled=True, opacity=0.9).encode(
        x=x, y=y,
        color=alt.Color("source:N", title="source"),
        shape=alt.Shape("phase:N", title="phase", scale=alt.Scale(
            domain=phases, range=[ph.shape for ph in p.phases])),
        href="href:N",
        tooltip=["figure:N", "item:N", "source:N", "phase:N", "reported:T"],
    )
    chart = (bounds + points).properties(width=p.chart_width, height=p.chart_height)
    return chart.to_dict(validate=False)  # a fixed shape, validated by the tests


def timeline_svg(timeline: Timeline, link: Callable[[str], str], *,
                 presentation: Presentation | None = None) -> Markup:
    """The timeline drawn as an ``<svg>`` element, safe to place in a page as it is.
    Drawings with the shipped presentation are cached: the dashboard draws the same
    timelines on every view (building and drawing a spec takes some 100 ms)."""
    if presentation is None:
        return _cached_svg(timeline, link)
    return _draw(timeline, link, presentation)


@lru_cache(maxsize=512)
def _cached_svg(timeline: Timeline, link: Callable[[str], str]) -> Markup:
    return _draw(timeline, link, None)


def _draw(timeline: Timeline, link: Callable[[str], str],
          presentation: Presentation | None) -> Markup:
    spec = timeline_spec(timeline, link, presentation=presentation)
    svg = vl_convert.vegalite_to_svg(spec, allowed_base_urls=[])
    svg = svg.replace(f'xlink:href="{_LOADER_BASE}', 'xlink:href="')
    return Markup(svg)  # noqa: S704 - rendered by vl-convert, which escapes all text
