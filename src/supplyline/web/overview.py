"""The overview's cards: one per supplier -> recipient pair, with its headline estimates (one
per item class: the series of ``supplyline.resolve.series``, deliveries first, each with
its range and the independent sources behind it) and a small trend chart of the first of
them, the details a click away (``/pairs/ACTOR/RECIPIENT``). A store never resolved has no
series: its cards show the figures per item class and phase instead."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar
from urllib.parse import quote

from supplyline.report.charts import needs_log_scale
from supplyline.report.figures import Headline, PairSummary, Timeline
from supplyline.report.format import CURRENCY_SYMBOLS, compact
from supplyline.report.presentation import Presentation, load_presentation

if TYPE_CHECKING:
    from supplyline.resolve.series import Estimate

ROWS_PER_CARD = 4
T = TypeVar("T")


@dataclass(frozen=True)
class SeriesRow:
    """One estimate as a card shows it: ``14,000``, its range ``10,000–12,000``."""

    estimate: Estimate

    @property
    def value(self) -> str:
        e = self.estimate
        return compact(e.value, e.unit) if e.value is not None else ""

    @property
    def range(self) -> str:
        """Empty when the sources agree (or there is no figure)."""
        e = self.estimate
        if e.low is None or e.high is None or e.low == e.high:
            return ""
        low_unit = e.unit if e.unit in CURRENCY_SYMBOLS else None  # "€1bn–€2bn", "1–2 tanks"
        return f"{compact(e.low, low_unit)}–{compact(e.high, e.unit)}"

    @property
    def evidence(self) -> str:
        """The claim the figure starts from, else the latest report."""
        e = self.estimate
        return e.baseline or (e.counted or e.claims)[-1]


@dataclass(frozen=True)
class PairCard:
    pair: PairSummary
    series: tuple[SeriesRow, ...]  # the card's estimates, at most ROWS_PER_CARD
    headlines: tuple[Headline, ...]  # without series (never resolved): figures per class
    more: int  # the pair's other series (or headlines), on its page
    trend: Timeline | None  # the first series' item class over time, else the busiest chart
    conflicts: int

    @property
    def log_scale(self) -> bool:
        return self.trend is not None and needs_log_scale(self.trend)

    @property
    def href(self) -> str:
        return pair_href(self.pair.actor, self.pair.recipient)


def pair_href(actor: str, recipient: str | None) -> str:
    """``/pairs/North%20Korea/Russia``; an actor alone (activities) is ``/pairs/Iran``."""
    path = "/pairs/" + quote(actor, safe="")
    return path + "/" + quote(recipient, safe="") if recipient else path


def card(pair: PairSummary, conflicted: dict[str, list[str]]) -> PairCard:
    """The card of a pair: one estimate per item class (the best-backed series: with a
    figure first, deliveries before pledges and forecasts, more independent sources, more
    reports), and the trend of the first that has figures to draw."""
    p = load_presentation()
    conflicts = sum(1 for h in pair.headlines if h.fact and h.fact.id in conflicted)
    if not pair.estimates:
        headlines = _headlines(pair, p)
        shown = headlines[:ROWS_PER_CARD]
        return PairCard(pair, (), shown, len(pair.headlines) - len(shown), _busiest(pair, p),
                        conflicts)
    phases = [ph.name for ph in p.phases]
    ranked = sorted(pair.estimates, key=lambda e: (
        e.value is None, phases.index(e.phase) if e.phase in phases else len(phases),
        -e.independent_sources, -len(e.claims), p.type_order(e.type), e.item_class))
    series = _one_per_class(ranked, key=lambda e: (e.type, e.item_class))[:ROWS_PER_CARD]
    trend = next((t for e in series if (t := series_trend(pair, e)) is not None), None)
    return PairCard(pair, tuple(SeriesRow(e) for e in series), (),
                    len(pair.estimates) - len(series),
                    trend or _busiest(pair, p), conflicts)


def series_trend(pair: PairSummary, estimate: Estimate) -> Timeline | None:
    """The reported figures of the estimate's item class and unit over time, every phase
    (the shapes tell them apart); None with fewer than two figures to draw."""
    claims = {c for e in pair.estimates
              if (e.type, e.item_class, e.unit) == (estimate.type, estimate.item_class,
                                                     estimate.unit)
              for c in e.claims}
    reports = tuple(r for r in pair.reports if r.id in claims and r.has_figure)
    if len(reports) < 2:
        return None
    return Timeline(estimate.type, estimate.unit, reports, classes=(estimate.item_class,))


def _busiest(pair: PairSummary, p: Presentation) -> Timeline | None:
    return max(pair.timelines, key=lambda t: (len(t.reports), -p.type_order(t.type)),
               default=None)


def _headlines(pair: PairSummary, p: Presentation) -> tuple[Headline, ...]:
    phases = [ph.name for ph in p.phases]
    ranked = sorted(pair.headlines, key=lambda h: (
        h.lowest is None, phases.index(h.phase.name), -h.independent_sources,
        -len(h.reports), p.type_order(h.type)))
    return tuple(_one_per_class(ranked, key=lambda h: (
        h.type, (h.fact.item_class or "") if h.fact else "")))


def _one_per_class(ranked: list[T], key: Callable[[T], Hashable]) -> list[T]:
    """The first of ``ranked`` for each value of ``key``, in order."""
    seen: set[Hashable] = set()
    out: list[T] = []
    for x in ranked:
        k = key(x)
        if k not in seen:
            seen.add(k)
            out.append(x)
    return out
