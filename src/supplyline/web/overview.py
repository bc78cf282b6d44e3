"""The overview's cards: one per supplier -> recipient pair, with its headline figures and one
small trend chart, the details a click away (``/pairs/ACTOR/RECIPIENT``). A resolved store's
figures are the estimates of the pair's series (``resolve.series``: one per item class,
deliveries first); without facts, the best-backed figure of each item class."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar
from urllib.parse import quote

from supplyline.report.charts import needs_log_scale
from supplyline.report.figures import Headline, PairSummary, Timeline
from supplyline.report.presentation import load_presentation
from supplyline.resolve.series import Estimate

HEADLINES_PER_CARD = 4
T = TypeVar("T")


@dataclass(frozen=True)
class PairCard:
    pair: PairSummary
    headlines: tuple[Headline, ...]  # without estimates: the card's figures
    more: int  # the pair's other series (or headlines), on its page
    trend: Timeline | None  # the series with the most reported figures
    conflicts: int
    series: tuple[Estimate, ...] = ()  # the card's estimates, at most HEADLINES_PER_CARD

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
    """The card of a pair: one row per item class, those with a figure first, deliveries
    before pledges and forecasts, then the best-backed; the estimate of its series when the
    store is resolved, else its best-backed headline."""
    p = load_presentation()
    phases = [ph.name for ph in p.phases]
    trend = max(pair.timelines, key=lambda t: (len(t.reports), -p.type_order(t.type)),
                default=None)
    conflicts = sum(1 for h in pair.headlines if h.fact and h.fact.id in conflicted)
    if pair.estimates:
        series = _one_per_class(sorted(pair.estimates, key=lambda e: (
            e.value is None, _rank(phases, e.phase), -e.independent_sources,
            -len(e.claims), p.type_order(e.type))), lambda e: (e.type, e.item_class))
        shown_series = tuple(series[:HEADLINES_PER_CARD])
        return PairCard(pair, (), len(pair.estimates) - len(shown_series), trend, conflicts,
                        shown_series)
    ranked = sorted(pair.headlines, key=lambda h: (
        h.lowest is None, _rank(phases, h.phase.name), -h.independent_sources,
        -len(h.reports), p.type_order(h.type)))
    chosen = _one_per_class(ranked, lambda h: (
        h.type, (h.fact.item_class or "") if h.fact else ""))
    shown = tuple(chosen[:HEADLINES_PER_CARD])
    return PairCard(pair, shown, len(pair.headlines) - len(shown), trend, conflicts)


def _rank(phases: list[str], name: str) -> int:
    return phases.index(name) if name in phases else len(phases)


def _one_per_class(ranked: list[T], key: Callable[[T], tuple[str, str]]) -> list[T]:
    """The first of each (type, item class), in order."""
    seen: set[tuple[str, str]] = set()
    out = []
    for x in ranked:
        if key(x) not in seen:
            seen.add(key(x))
            out.append(x)
    return out
