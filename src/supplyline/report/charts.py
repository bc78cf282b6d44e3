"""Timeline charts as inline SVG: Vega-Lite specs built with Altair, drawn by vl-convert.

Why these: vl-convert ships the Vega-Lite and Vega JavaScript inside its wheel and renders
SVG on the server with no network access (external data is refused here), so the report is
one file with no script and the dashboard's pages need no JavaScript at all. Text in the
chart (source names come from articles) is escaped by the SVG renderer.

What makes them readable: time ticks at whole months (or days, or years) chosen from the
span shown, each labelled once; figures as people write them (``€1.5bn``, ``$625m``,
``12m``); one chart per order of magnitude (``figures.Timeline``) and a log scale, said in
the axis title, only when one chart's figures still span more than 30 times; legends with
whole names;
and on every point a tooltip (an SVG ``<title>``: figure, item, source, date) inside the link
to its evidence.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from datetime import date
from functools import lru_cache
from html import escape
from typing import Any

import altair as alt
import vl_convert
from markupsafe import Markup

from supplyline.model import Quantity
from supplyline.report.figures import Report, Timeline
from supplyline.report.format import CURRENCY_SYMBOLS, compact
from supplyline.report.presentation import Presentation, load_presentation

# vl-convert resolves links against its loader's base URL; links here are relative to the
# page (an anchor in the report, a path on the dashboard), so that prefix is taken off.
_LOADER_BASE = "https://vega.github.io/vega-datasets/"
#: A chart whose largest figure is more than this many times its smallest gets a log scale.
LOG_SCALE_RATIO = 30.0  # (figures.MAGNITUDE_BAND: each chart's item classes are within it)
#: The small trend charts of the dashboard's overview cards.
TREND_SIZE = (240, 64)


def figure_text(q: Quantity | None) -> str:
    """A claim's figure as the tooltip and headline write it: ``about €1.5bn``, ``3,000``,
    ``10,000–12,000``."""
    if q is None:
        return ""
    if q.value is not None:
        core = compact(q.value, q.unit)
    elif q.lower is not None and q.upper is not None:
        core = f"{compact(q.lower, q.unit)}–{compact(q.upper)}"
    elif q.lower is not None:
        core = f"at least {compact(q.lower, q.unit)}"
    elif q.upper is not None:
        core = f"up to {compact(q.upper, q.unit)}"
    else:
        core = ""
    return " ".join(x for x in (q.approx, core) if x)


def tooltip(r: Report) -> str:
    """``about 12,000 soldiers — South Korea's NIS, 2024-10-25 (pledged or planned)``."""
    what = " ".join(x for x in (figure_text(r.claim.quantity), r.claim.item or "") if x)
    when = r.reported.isoformat() if r.reported else "undated"
    return f"{what} — {r.source}, {when} ({r.phase.label.lower()})"


def timeline_spec(timeline: Timeline, link: Callable[[str], str], *,
                  presentation: Presentation | None = None,
                  small: bool = False) -> dict[str, Any]:
    """The Vega-Lite spec: one point per claim at its report date and figure (a bar from
    the lower to the upper bound when it gives a range), coloured by source, shaped by
    phase, each linking to ``link(claim_id)``. ``small``: a trend chart without legend or
    axis titles, for a card."""
    p = presentation or load_presentation()
    rows = [
        {
            "reported": r.reported.isoformat() if r.reported else None,
            "low": r.low, "high": r.high, "figure": figure_text(r.claim.quantity),
            "source": r.source, "phase": r.phase.label, "item": r.claim.item or "",
            "href": link(r.id),
        }
        for r in timeline.reports
    ]
    log = needs_log_scale(timeline)
    title = p.type_label(timeline.type)
    if timeline.unit and timeline.unit not in CURRENCY_SYMBOLS:
        title += f" ({timeline.unit})"
    if log:
        title += " (log scale)"
    ticks, label_format = _time_ticks([r.reported for r in timeline.reports if r.reported],
                                      few=small)
    x = alt.X("reported:T", title=None if small else "reported on",
              axis=alt.Axis(format=label_format, tickCount=ticks, labelOverlap=True,
                            grid=not small),
              scale=alt.Scale(padding=10 if small else 14))
    y_axis = alt.Axis(labelExpr=_label_expr(timeline.unit), tickCount=3 if small else 5,
                      titleLimit=0)
    if log:
        y_axis = alt.Axis(labelExpr=_label_expr(timeline.unit), values=_log_ticks(timeline),
                          titleLimit=0)
    y = alt.Y("high:Q", title=None if small else title, axis=y_axis,
              scale=alt.Scale(type="log", nice=True, padding=8) if log
              else alt.Scale(zero=False, nice=True, padding=8))
    legend = None if small else alt.Legend(orient="bottom", direction="vertical", columns=2,
                                           labelLimit=0, titleOrient="left")
    color = alt.Color("source:N", title="source", legend=legend)
    shown = {r.phase.label for r in timeline.reports}  # the legend names only what is drawn
    phases = [ph for ph in p.phases if ph.label in shown] or list(p.phases)
    base = alt.Chart(alt.Data(values=rows))
    bounds = base.mark_rule(strokeWidth=2, opacity=0.6).encode(
        x=x, y=alt.Y("low:Q"), y2="high:Q", color=color)
    points = base.mark_point(size=50 if small else 90, filled=True, opacity=0.9).encode(
        x=x, y=y, color=color,
        shape=alt.Shape("phase:N", title="phase", legend=None if small else alt.Legend(
            orient="bottom", direction="vertical", labelLimit=0, titleOrient="left"),
            scale=alt.Scale(domain=[ph.label for ph in phases],
                            range=[ph.shape for ph in phases])),
        href="href:N",
        tooltip=["figure:N", "item:N", "source:N", "phase:N", "reported:T"],
    )
    width, height = TREND_SIZE if small else (p.chart_width, p.chart_height)
    chart = (bounds + points).properties(width=width, height=height)
    if small:
        chart = chart.configure_view(strokeWidth=0).configure_axis(labelFontSize=9)
    return chart.to_dict(validate=False)  # a fixed shape, validated by the tests


def timeline_svg(timeline: Timeline, link: Callable[[str], str], *,
                 presentation: Presentation | None = None, small: bool = False) -> Markup:
    """The timeline drawn as an ``<svg>`` element, safe to place in a page as it is.
    Drawings with the shipped presentation are cached: the dashboard draws the same
    timelines on every view (building and drawing a spec takes some 100 ms)."""
    if presentation is None:
        return _cached_svg(timeline, link, small)
    return _draw(timeline, link, presentation, small)


def trend_svg(timeline: Timeline, link: Callable[[str], str]) -> Markup:
    """A small chart of the timeline for a card: the points, their links and tooltips."""
    return timeline_svg(timeline, link, small=True)


@lru_cache(maxsize=512)
def _cached_svg(timeline: Timeline, link: Callable[[str], str], small: bool) -> Markup:
    return _draw(timeline, link, None, small)


def _draw(timeline: Timeline, link: Callable[[str], str],
          presentation: Presentation | None, small: bool) -> Markup:
    spec = timeline_spec(timeline, link, presentation=presentation, small=small)
    svg = vl_convert.vegalite_to_svg(spec, allowed_base_urls=[])
    svg = svg.replace(f'xlink:href="{_LOADER_BASE}', 'xlink:href="')
    tips = {link(r.id): tooltip(r) for r in timeline.reports}
    svg = _LINK.sub(lambda m: m.group(0) + (
        f"<title>{escape(tips[_unescape(m.group(1))], quote=False)}</title>"
        if _unescape(m.group(1)) in tips else ""), svg)
    return Markup(svg)  # noqa: S704 - rendered by vl-convert, which escapes all text


_LINK = re.compile(r'<a xlink:href="([^"]*)">')


def _unescape(attribute: str) -> str:
    return (attribute.replace("&quot;", '"').replace("&lt;", "<").replace("&gt;", ">")
            .replace("&amp;", "&"))


def needs_log_scale(timeline: Timeline) -> bool:
    """Whether the chart needs a log scale: its figures span more than ``LOG_SCALE_RATIO``."""
    values = [v for r in timeline.reports for v in (r.low, r.high) if v is not None and v > 0]
    return bool(values) and max(values) / min(values) > LOG_SCALE_RATIO


def _log_ticks(timeline: Timeline) -> list[float]:
    """Ticks of a log axis: the powers of ten around the figures (1, 10, 100...), and 3×
    between them when they span at most two decades."""
    values = [v for r in timeline.reports for v in (r.low, r.high) if v is not None and v > 0]
    low, high = math.floor(math.log10(min(values))), math.ceil(math.log10(max(values)))
    ticks = [10.0 ** k for k in range(low, high + 1)]
    if high - low <= 2:
        ticks = sorted(ticks + [3 * 10.0 ** k for k in range(low, high)])
    return ticks


def _time_ticks(days: list[date], few: bool = False) -> tuple[dict[str, Any], str]:
    """Tick interval and label format for the dates shown: whole months (every k-th, so that
    at most 6 are labelled, 3 for a small chart), days for a short span, years for a long
    one. Labels never repeat, since no two ticks fall in one labelled period."""
    most = 3 if few else 6
    if not days:
        return {"interval": "month", "step": 1}, "%b %Y"
    span = (max(days) - min(days)).days
    months = max(span / 30.4, 1)
    if span < 14:
        step = max(1, math.ceil((span + 1) / most))
        return {"interval": "day", "step": step}, "%-d %b %Y"
    if span < 62:  # weeks, so that grid lines fall evenly (days restart each month)
        return {"interval": "week", "step": max(1, math.ceil(span / 7 / most))}, "%-d %b %Y"
    if months > 36:
        return {"interval": "year", "step": max(1, math.ceil(months / 12 / most))}, "%Y"
    step = next(s for s in (1, 2, 3, 4, 6, 12) if months / s <= most or s == 12)
    return {"interval": "month", "step": step}, "%b %Y"


def _label_expr(unit: str | None) -> str:
    """A Vega expression writing an axis figure as ``compact`` does: ``€1.5bn``, ``12m``."""
    v = "datum.value"
    prefix = CURRENCY_SYMBOLS.get(unit or "", f"{unit} " if unit and len(unit) == 3
                                  and unit.isupper() else "")
    body = (f"abs({v}) >= 1e9 ? format({v} / 1e9, ',.3~r') + 'bn' : "
            f"abs({v}) >= 1e6 ? format({v} / 1e6, '.3~r') + 'm' : format({v}, ',~r')")
    return f"'{prefix}' + ({body})" if prefix else body
