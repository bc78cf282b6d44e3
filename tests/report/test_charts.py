"""Timeline charts: offline SVG, links to evidence, article text escaped."""

from __future__ import annotations

from datetime import date

from supplyline.model import Claim, Quantity, Source
from supplyline.report.charts import timeline_spec, timeline_svg
from supplyline.report.figures import DocInfo, Report, Timeline
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
