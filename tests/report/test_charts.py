"""Timeline charts: offline SVG, links to evidence, article text escaped."""

from __future__ import annotations

import re
from datetime import date

import pytest

from supplyline.model import Claim, Quantity, Source
from supplyline.report.charts import needs_log_scale, timeline_spec, timeline_svg, tooltip
from supplyline.report.figures import DocInfo, Report, Timeline, summarize
from supplyline.report.format import compact
from supplyline.report.presentation import load_presentation


def _timeline() -> Timeline:
    p = load_presentation()
    reports = []
    for i, (value, status, source) in enumerate(
            [(3000, "done", "Pentagon"), (12000, "pledged", "<script>alert(1)</script>")]):
        claim = Claim(doc=f"d{i}", type="personnel", actor="North Korea", recipient="Russia",
                      item="troops", quantity=Quantity(value), status=status,
                      source=Source(name=source, kind="media"))
        reports.append(Report(claim, DocInfo(f"d{i}", None, None, date(2024, 10 + i, 1), None),
                              p.phase_of(status)))
    return Timeline("personnel", None, tuple(reports))


def test_spec_has_inline_data_only() -> None:
    spec = timeline_spec(_timeline(), lambda i: f"#claim-{i}")
    layers = spec["layer"]
    assert len(layers) == 2
    values = spec.get("data", {}).get("values") or layers[0]["data"]["values"]
    assert {v["phase"] for v in values} == {"Delivered or under way", "Pledged or planned"}


def test_svg_links_each_point_and_escapes_text() -> None:
    t = _timeline()
    svg = str(timeline_svg(t, lambda i: f"#claim-{i}"))
    assert svg.startswith("<svg")
    for r in t.reports:
        assert f'xlink:href="#claim-{r.id}"' in svg
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert "vega.github.io" not in svg


def test_spec_is_valid_vega_lite() -> None:
    import altair as alt

    spec = timeline_spec(_timeline(), lambda i: f"#claim-{i}")
    alt.LayerChart.from_dict(spec, validate=True)  # raises on a spec the schema refuses


# -- readable charts (issue 11): ticks, money, magnitudes, tooltips, legends ------------------



def report(value: float, day: date, source: str = "Pentagon", item: str = "troops",
           type_: str = "personnel", unit: str | None = None, status: str = "done",
           doc: str | None = None) -> Report:
    p = load_presentation()
    claim = Claim(doc=doc or f"{item}-{day}-{value}-{source}", type=type_, actor="North Korea",
                  recipient="Russia", item=item, quantity=Quantity(value, unit=unit),
                  status=status, source=Source(name=source, kind="government"))
    return Report(claim, DocInfo(claim.doc, None, None, day, None), p.phase_of(status))


def axis_labels(svg: str, axis: str) -> list[str]:
    start = svg.index(f'aria-label="{axis}-axis')
    labels = svg.index("role-axis-label", start)
    return re.findall(r"<text[^>]*>([^<]*)</text>", svg[labels:svg.index("</g>", labels)])


def draw(*reports: Report, unit: str | None = None, type_: str = "personnel") -> str:
    return str(timeline_svg(Timeline(type_, unit, tuple(reports)), lambda i: f"/claims/{i}"))


@pytest.mark.parametrize(("days", "shape"), [
    ([date(2024, 11, 2), date(2024, 11, 20), date(2025, 3, 28)], r"[A-Z][a-z]{2} 20\d\d"),
    ([date(2022, 11, 1), date(2022, 11, 9)], r"\d{1,2} [A-Z][a-z]{2} 20\d\d"),
    ([date(2025, 5, 28), date(2025, 6, 26)], r"\d{1,2} [A-Z][a-z]{2} 20\d\d"),
    ([date(2019, 1, 5), date(2025, 6, 1)], r"20\d\d"),
    ([date(2024, 11, 25), date(2024, 11, 25)], r".+"),
])
def test_time_ticks_are_labelled_once_each(days: list[date], shape: str) -> None:
    svg = draw(*(report(1000 + i, d) for i, d in enumerate(days)))
    labels = axis_labels(svg, "X")
    assert labels and len(labels) == len(set(labels)), labels
    assert len(labels) <= 7
    assert all(re.fullmatch(shape, x) for x in labels), labels


def test_money_reads_as_people_write_it() -> None:
    svg = draw(report(1.5e9, date(2024, 1, 10), unit="EUR", type_="funding", item="aid"),
               report(2.3e9, date(2024, 6, 1), unit="EUR", type_="funding", item="aid"),
               unit="EUR", type_="funding")
    labels = axis_labels(svg, "Y")
    assert labels and all(x.startswith("€") and x.endswith("bn") for x in labels), labels
    assert not any(re.search(r"\d[GMk]\b", x) for x in labels)
    assert compact(625e6, "USD") == "$625m" and compact(1.5e9, "EUR") == "€1.5bn"
    assert compact(12e6) == "12m" and compact(12_000) == "12,000"


def test_no_series_is_crushed_beside_a_bigger_one() -> None:
    shells = [report(v, date(2025, m, 1), item="artillery shells", type_="munitions")
              for v, m in ((5e6, 1), (8e6, 3), (12e6, 5))]
    mines = [report(v, date(2025, m, 1), item="mines", type_="munitions")
             for v, m in ((9_000, 2), (13_000, 4))]
    [pair] = summarize([*shells, *mines])
    charts = {t.classes: t for t in pair.timelines}
    assert set(charts) == {("mines",), ("artillery shells",)}
    small = str(timeline_svg(charts[("mines",)], lambda i: i))
    assert not any(x in ("0", "0m", "0M") for x in axis_labels(small, "Y"))
    assert "13,000" in axis_labels(small, "Y") or "12,000" in axis_labels(small, "Y")


def test_a_chart_spanning_more_than_thirty_times_has_a_log_scale_that_says_so() -> None:
    t = Timeline("weapons", None, (report(5, date(2024, 1, 1), item="drones"),
                                   report(2_000, date(2024, 3, 1), item="drones")))
    assert needs_log_scale(t)
    svg = str(timeline_svg(t, lambda i: i))
    assert "(log scale)" in svg
    assert axis_labels(svg, "Y") == ["1", "10", "100", "1,000", "10,000"]
    flat = Timeline("weapons", None, (report(5, date(2024, 1, 1)), report(100, date(2024, 2, 1))))
    assert not needs_log_scale(flat) and "log scale" not in str(timeline_svg(flat, lambda i: i))


def test_every_point_has_a_tooltip_inside_its_link() -> None:
    reports = (report(3000, date(2024, 10, 25), "Pentagon"),
               report(12000, date(2025, 1, 8), "South Korea National Intelligence Service",
                      status="pledged"))
    svg = draw(*reports)
    for r in reports:
        found = re.search(rf'<a xlink:href="/claims/{r.id}"><title>([^<]+)</title><path', svg)
        assert found, r.id
        tip = found.group(1)
        assert tip == tooltip(r).replace("&", "&amp;")
        assert r.source in tip and str(r.reported) in tip and "troops" in tip
    assert "12,000 troops — South Korea National Intelligence Service, 2025-01-08 " \
           "(pledged or planned)" in svg


def test_legends_show_whole_names() -> None:
    long = "an international monitoring report released by South Korea's Foreign Ministry"
    svg = draw(report(3000, date(2024, 10, 25), long), report(5000, date(2024, 12, 1)))
    assert long.replace("'", "&#39;") in svg or long.replace("'", "’") in svg or long in svg
    assert "…" not in svg


def test_the_phase_legend_names_only_the_phases_drawn() -> None:
    svg = draw(report(3000, date(2024, 10, 25)), report(5000, date(2024, 12, 1), status="pledged"))
    legend = svg[svg.index('aria-label="Symbol legend titled \'phase\''):]
    assert "Delivered or under way" in legend and "Pledged or planned" in legend
    assert "Expected or possible" not in svg and "Denied" not in svg


def test_one_report_makes_no_chart() -> None:
    [pair] = summarize([report(3000, date(2024, 10, 25)),
                        report(40, date(2024, 11, 1), item="tanks", type_="weapons")])
    assert pair.timelines == ()
