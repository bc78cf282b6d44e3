"""The overview's cards: one per supplier -> recipient pair, with its headline figures (the
best-backed figures of each item class, deliveries first) and one small trend chart, the
details a click away (``/pairs/ACTOR/RECIPIENT``)."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from supplyline.report.charts import needs_log_scale
from supplyline.report.figures import Headline, PairSummary, Timeline
from supplyline.report.presentation import load_presentation

HEADLINES_PER_CARD = 4


@dataclass(frozen=True)
class PairCard:
    pair: PairSummary
    headlines: tuple[Headline, ...]  # the card's figures, at most HEADLINES_PER_CARD
    more: int  # the pair's other headlines, on its page
    trend: Timeline | None  # the series with the most reported figures
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
    """The card of a pair: one headline per item class (the best-backed), those with a
    figure first, deliveries before pledges and forecasts, then by claim type."""
    p = load_presentation()
    phases = [ph.name for ph in p.phases]
    ranked = sorted(pair.headlines, key=lambda h: (
        h.lowest is None, phases.index(h.phase.name), -h.independent_sources,
        -len(h.reports), p.type_order(h.type)))
    chosen: list[Headline] = []
    seen: set[tuple[str, str]] = set()
    for h in ranked:
        key = (h.type, (h.fact.item_class or "") if h.fact else "")
        if key not in seen:
            seen.add(key)
            chosen.append(h)
    shown = chosen[:HEADLINES_PER_CARD]
    trend = max(pair.timelines, key=lambda t: (len(t.reports), -p.type_order(t.type)),
                default=None)
    conflicts = sum(1 for h in pair.headlines if h.fact and h.fact.id in conflicted)
    return PairCard(pair, tuple(shown), len(pair.headlines) - len(shown), trend, conflicts)
