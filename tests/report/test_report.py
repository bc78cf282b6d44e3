"""The situation report: figures, changes, evidence anchors, HTML and Markdown output."""

from __future__ import annotations

import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from supplyline.model import Claim, Quantity, Source
from supplyline.report import build_situation, parse_pair
from supplyline.report.figures import DocInfo, Headline, Report, summarize
from supplyline.report.presentation import load_presentation
from supplyline.report.render import md_escape, render
from supplyline.store import Store


class Links(HTMLParser):
    """Every href, id, script and external reference in an HTML document."""

    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.ids: set[str] = set()
        self.tags: list[str] = []
        self.sources: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            if name in ("href", "xlink:href") and value:
                self.hrefs.append(value)
            if name == "id" and value:
                self.ids.add(value)
            if name == "src" and value:
                self.sources.append(value)


@pytest.fixture(scope="module")
def situation(sample_db: Path):
    with Store(sample_db) as store:
        return build_situation(store, since=date(2025, 1, 1))


@pytest.fixture(scope="module")
def html(situation) -> str:
    return render(situation, "html")


def _report(claim_id: str, status: str, value: float | None, published: date,
            source: str) -> Report:
    claim = Claim(doc=f"d-{claim_id}", type="personnel", actor="North Korea", recipient="Russia",
                  item="troops", quantity=Quantity(value) if value is not None else None,
                  status=status, source=Source(name=source, kind="intelligence"))
    p = load_presentation()
    return Report(claim, DocInfo(f"d-{claim_id}", None, "Wire", published, None),
                  p.phase_of(status))


def test_headlines_keep_pledges_and_deliveries_apart() -> None:
    reports = [
        _report("a", "done", 3000, date(2024, 10, 25), "Pentagon"),
        _report("b", "done", 11000, date(2025, 3, 7), "JCS"),
        _report("c", "done", None, date(2025, 3, 8), "JCS"),
        _report("d", "pledged", 5000, date(2025, 6, 18), "Shoigu"),
    ]
    [pair] = summarize(reports)
    by_phase: dict[str, Headline] = {h.phase.name: h for h in pair.headlines}
    assert set(by_phase) == {"delivered", "pledged"}
    delivered = by_phase["delivered"]
    assert (delivered.lowest.low, delivered.highest.high) == (3000, 11000)
    assert delivered.latest.id == reports[1].id  # the latest *figure*, not the figureless one
    assert delivered.sources == ("JCS", "Pentagon") and len(delivered.reports) == 3
    assert by_phase["pledged"].lowest.low == 5000
    [timeline] = pair.timelines
    assert [r.id for r in timeline.reports] == [reports[0].id, reports[1].id, reports[3].id]


def test_parse_pair() -> None:
    assert parse_pair("North Korea->Russia") == ("North Korea", "Russia")
    assert parse_pair(" Iran → Russia ") == ("Iran", "Russia")
    assert parse_pair("Russia") == ("Russia", None)
    with pytest.raises(ValueError):
        parse_pair("->Russia")


def test_situation_of_the_samples(situation) -> None:
    labels = [p.label for p in situation.pairs]
    assert labels[0] == "North Korea → Russia"
    nk = situation.pairs[0]
    personnel = [h for h in nk.headlines if h.type == "personnel" and h.phase.name == "delivered"]
    figures = sorted({h.highest.high for h in personnel if h.highest})
    assert len(figures) >= 3  # 3,000 in October 2024 ... 14,000 in June 2025
    assert len({s for h in personnel for s in h.sources}) >= 3
    # Changes since 2025-01-01: the hostile article (2025-06-20) brings a new pair.
    assert any(c.now.actor == "Belarus" and c.before is None for c in situation.changes)
    assert all(r.doc.published >= date(2025, 1, 1) for r in situation.new_reports)
    assert set(situation.evidence) == {r.id for p in situation.pairs for r in p.reports}


def test_pair_filter(sample_db: Path) -> None:
    with Store(sample_db) as store:
        only = build_situation(store, pairs=[("north korea", "russia")])
    assert [p.label for p in only.pairs] == ["North Korea → Russia"]
    assert only.since is not None  # defaults to a window before the newest document


def test_html_is_self_contained_and_every_figure_reaches_its_evidence(html: str) -> None:
    parser = Links()
    parser.feed(html)
    assert "script" not in parser.tags and not parser.sources
    assert not re.search(r"""(?:href|src)=["']?(?:https?:)?//""", html)
    assert "<link" not in html and "@import" not in html
    internal = [h for h in parser.hrefs if h.startswith("#")]
    assert internal and all(h[1:] in parser.ids for h in internal)
    figures = re.findall(r'<a class="figure" href="#(claim-\w+)">', html)
    assert figures
    for anchor in figures:
        section = html[html.index(f'id="{anchor}"'):]
        section = section[:section.index("</article>")]
        assert "<mark" in section  # the evidence sentence, highlighted in its paragraph
    # Chart points link to evidence as well.
    assert re.search(r'<a xlink:href="#claim-\w+"', html)


def test_html_escapes_article_markup(html: str) -> None:
    assert "<script>window.__pwned" not in html
    assert "&lt;script&gt;window.__pwned" in html
    assert "<img src=x" not in html and "&lt;img src=x onerror" in html


def test_markdown(situation) -> None:
    md = render(situation, "md")
    assert md.startswith("# Situation report")
    assert "## North Korea → Russia" in md
    anchors = set(re.findall(r"\]\(#(claim-\w+)\)", md))
    headings = {f"claim-{i}" for i in re.findall(r"^### Claim (\w+)$", md, flags=re.M)}
    assert anchors and anchors <= headings
    assert "<script>" not in md and r"\<script\>" in md
    assert "What changed since 2025-01-01" in md


def test_md_escape() -> None:
    assert md_escape("a <b> [c](d) *e* | f") == r"a \<b\> \[c\](d) \*e\* \| f"
    assert md_escape("two\nlines") == "two lines"


def test_unknown_format(situation) -> None:
    with pytest.raises(ValueError, match="html or md"):
        render(situation, "pdf")


def test_headlines_are_facts_with_their_independent_sources(situation) -> None:
    assert situation.resolved
    headlines = [h for p in situation.pairs for h in p.headlines]
    assert headlines and all(h.fact is not None for h in headlines)
    for h in headlines:
        assert h.independent_sources == h.fact.independent_sources, h.fact.id
        assert {r.id for r in h.reports} == set(h.fact.reports), h.fact.id
        assert {r.phase.name for r in h.reports} == {h.phase.name}
    nk = situation.pairs[0]
    ranged = [h for h in nk.headlines if h.lowest and h.lowest.low != h.highest.high]
    assert ranged  # 10,000 to 12,000 troops, from one report giving a range


def test_contradictions_and_credibility_flags_are_reported(situation, html: str) -> None:
    assert situation.conflicts and situation.credibility
    section = html[html.index('<section id="conflicts">'):html.index('<section id="credibility">')]
    for c in situation.conflicts:
        assert f'href="#claim-{c.earlier.claim}"' in section
        assert f'href="#claim-{c.later.claim}"' in section
    assert {rel for rels in situation.conflicted.values() for rel in rels} <= {
        "contradiction", "revision"}
    flagged = html[html.index('<section id="credibility">'):html.index('<section id="evidence">')]
    assert "not verdicts" in flagged
    for d in situation.credibility:
        assert all(s.kind.replace("_", " ") in flagged for s in d.signals)
    assert "single source" in html


def test_markdown_has_conflicts_and_flags(situation) -> None:
    md = render(situation, "md")
    assert "## Contradictions and revisions" in md and "## Credibility flags" in md
    assert "| Independent sources |" in md


def test_facts_without_an_item_class_sort_beside_others() -> None:
    """A fact whose item class is unknown (None) stands among the others: the report of the
    dev set crashed on it."""
    from dataclasses import replace

    from supplyline.model import Fact

    a = _report("a", "done", 3000, date(2024, 10, 25), "Pentagon")
    b = _report("b", "done", 3000, date(2024, 11, 25), "JCS")
    a, b = replace(a, fact="f1"), replace(b, fact="f2")
    facts = [Fact(f, "personnel", "North Korea", "Russia", "troops", cls, "done", None,
                  (r.id,), 1, date(2024, 10, 25), date(2024, 10, 25), 3000, 3000)
             for f, cls, r in (("f1", None, a), ("f2", "troop", b))]
    [pair] = summarize([a, b], facts=facts)
    assert {h.fact.id for h in pair.headlines if h.fact} == {"f1", "f2"}
