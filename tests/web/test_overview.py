"""The overview's cards (web/overview.py): one per pair, one estimate per item class (the
series of ``resolve.series``: value, range, independent sources), deliveries first, and a
trend chart of the first series' item class."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape

from supplyline.model import Claim, Quantity, Source
from supplyline.report.figures import DocInfo, PairSummary, Report
from supplyline.report.presentation import load_presentation
from supplyline.resolve.series import Estimate, estimates
from supplyline.store import Store
from supplyline.web import create_app
from supplyline.web.overview import ROWS_PER_CARD, SeriesRow, card

LOCAL = "http://127.0.0.1"  # a host the dashboard answers (not TestClient's "testserver")


def estimate(item_class: str, phase: str = "delivered", value: float | None = 1000.0, *,
             low: float | None = None, high: float | None = None, sources: int = 1,
             unit: str | None = None, claims: tuple[str, ...] = ("c1",),
             type_: str = "personnel") -> Estimate:
    low = value if low is None else low
    high = value if high is None else high
    names = tuple(f"source {i}" for i in range(sources))
    return Estimate("North Korea", "Russia", type_, item_class, phase, value, low, high, unit,
                    date(2025, 1, 1), sources, (f"f-{item_class}-{phase}",), "explained",
                    baseline=claims[-1] if value is not None else None, sources=names,
                    claims=claims)


def report(name: str, value: float, day: date, status: str = "done") -> Report:
    claim = Claim(doc=f"d-{name}", type="personnel", actor="North Korea",
                  recipient="Russia", item="troops", quantity=Quantity(value), status=status,
                  source=Source(name="NIS", kind="intelligence"))
    return Report(claim, DocInfo(claim.doc, None, None, day, None),
                  load_presentation().phase_of(status))


def pair(*found: Estimate, reports: tuple[Report, ...] = ()) -> PairSummary:
    return PairSummary("North Korea", "Russia", (), (), reports, estimates=found)


def test_one_row_per_item_class_deliveries_and_figures_first() -> None:
    rows = card(pair(estimate("troops", "pledged", 12_000, sources=3),
                     estimate("troops", "delivered", 11_000),
                     estimate("mines", "delivered", None, sources=4),
                     estimate("shells", "delivered", 3e6, sources=2),
                     estimate("engineers", "expected", 1_000)), {})
    shown = [(r.estimate.item_class, r.estimate.phase) for r in rows.series]
    assert shown == [("shells", "delivered"), ("troops", "delivered"),
                     ("engineers", "expected"), ("mines", "delivered")]
    assert rows.more == 1 and rows.headlines == ()


def test_at_most_four_rows() -> None:
    many = [estimate(f"class {i}") for i in range(7)]
    c = card(pair(*many), {})
    assert len(c.series) == ROWS_PER_CARD and c.more == 7 - ROWS_PER_CARD


def test_a_row_writes_its_figure_and_range_as_people_do() -> None:
    row = SeriesRow(estimate("money", value=1.5e9, low=1e9, high=2e9, unit="EUR",
                             type_="funding"))
    assert (row.value, row.range) == ("€1.5bn", "€1bn–€2bn")
    assert SeriesRow(estimate("troops", value=11_000, low=10_000, high=12_000)).range == \
        "10,000–12,000"
    assert SeriesRow(estimate("troops", value=11_000)).range == ""
    unknown = SeriesRow(estimate("mines", value=None, claims=("a", "b")))
    assert unknown.value == "" and unknown.evidence == "b"


def test_the_trend_is_the_first_series_class_in_every_phase() -> None:
    a, b, c, x = (report("a", 3_000, date(2024, 10, 31)), report("b", 11_000, date(2024, 12, 31)),
                  report("c", 12_000, date(2024, 11, 5), "pledged"),
                  report("x", 50, date(2024, 11, 5)))
    found = card(pair(estimate("troops", value=11_000, claims=(a.id, b.id)),
                      estimate("troops", "pledged", 12_000, claims=(c.id,)),
                      estimate("tanks", value=50, claims=(x.id,)), reports=(a, b, c, x)), {})
    assert found.trend is not None and found.trend.classes == ("troops",)
    assert {r.id for r in found.trend.reports} == {a.id, b.id, c.id}


def test_no_trend_from_one_figure() -> None:
    a = report("a", 3_000, date(2024, 10, 31))
    assert card(pair(estimate("troops", claims=(a.id,)), reports=(a,)), {}).trend is None


# -- on the samples -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def client(sample_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(sample_db), base_url=LOCAL, raise_server_exceptions=False) as c:
        yield c


def test_the_cards_show_the_series_estimates(client: TestClient, sample_db: Path) -> None:
    html = client.get("/").text
    section = html[html.index('id="pair-north-korea-to-russia"'):]
    section = section[:section.index("</section>")]
    rows = re.findall(r'<tr data-series="([^"]+)">(.*?)</tr>', section, re.S)
    assert 1 <= len(rows) <= ROWS_PER_CARD
    with Store(sample_db) as store:
        found = {f"{e.item_class}|{e.phase}" + (f"|{e.unit}" if e.unit else ""): e
                 for e in estimates(store, actor="North Korea", recipient="Russia")}
    assert rows[0][0] == "troops|delivered"  # the best-backed delivery with a figure
    for key, cells in rows:
        e = found[key]
        row = SeriesRow(e)
        if row.value:
            assert f">{row.value}</a>" in cells
            assert f'href="/claims/{e.baseline}"' in cells  # the figure opens its evidence
            assert f'title="{escape(e.explanation)}"' in cells  # how it is made, on hover
        if row.range:
            assert row.range in cells
        assert all(name.replace("'", "&#39;") in cells for name in e.sources)
        assert ("single source" in cells) == (e.independent_sources == 1)
    assert '<figure class="chart trend">' in section and "Personnel: troops" in section
    api = {f"{e['item_class']}|{e['phase']}" + (f"|{e['unit']}" if e["unit"] else ""): e
           for e in client.get("/api/estimates", params={
               "actor": "North Korea", "recipient": "Russia"}).json()}
    assert all(api[key]["value"] == found[key].value for key, _ in rows)  # one estimate


def test_an_unresolved_store_shows_figures_per_class(tmp_path: Path) -> None:
    """Never resolved: no series, so the cards fall back to the claims' figures."""
    import supplyline
    from corpus_factories import write_corpus

    db = tmp_path / "unresolved.db"
    supplyline.ingest([write_corpus(tmp_path / "corpus")], db, resolve=False)
    with TestClient(create_app(db), base_url=LOCAL) as c:
        html = c.get("/").text
    assert '<section class="pair-card"' in html and "data-series" not in html
    assert "12,000" in html  # North Korea's troops, from the claims

