"""The situation as one self-contained HTML file (inline CSS and SVG, no script, no external
URL) or as Markdown. Templates live in ``templates/``; the dashboard reuses the same
environment, filters, macros and style sheet."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

import jinja2

from supplyline.model import Claim, Source
from supplyline.report import format as fmt
from supplyline.report.charts import timeline_svg
from supplyline.report.presentation import load_presentation
from supplyline.report.situation import Situation
from supplyline.resolve.credibility import NOTE as CREDIBILITY_NOTE

TEMPLATES = Path(__file__).parent / "templates"
FORMATS = ("html", "md")


def source_line(s: Source) -> str:
    """``“Seoul's spy agency” · South Korea National Intelligence Service · intelligence``."""
    return " · ".join(x for x in (f"“{s.text}”" if s.text else None, s.name, s.kind, s.country)
                      if x)


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~])")


def md_escape(text: object) -> str:
    """Text for Markdown: characters that could start markup, links or HTML are escaped."""
    return _MD_SPECIAL.sub(r"\\\1", str(text if text is not None else "")).replace("\n", " ")


def conflict_relations(facts: Iterable[str], conflicted: Mapping[str, Sequence[str]]
                       ) -> list[str]:
    """The relations (contradiction, revision) any of ``facts`` is in."""
    return sorted({r for f in facts for r in conflicted.get(f, ())})


def environment(*extra: Path) -> jinja2.Environment:
    """Templates of ``extra`` folders first, then the report's; HTML is autoescaped."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([*extra, TEMPLATES]),
        autoescape=jinja2.select_autoescape(["html"], default_for_string=True),
        trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined,
    )
    p = load_presentation()
    env.filters.update(
        number=fmt.number, quantity=fmt.quantity, when=fmt.when, pair=fmt.pair,
        compact=fmt.compact,
        source_line=source_line, type_label=p.type_label, md=md_escape, slug=fmt.slug,
        phase=p.phase_named, conflict_relations=conflict_relations,
    )
    env.globals.update(presentation=p)
    return env


def anchor(claim_id: str) -> str:
    """Where a claim's evidence sits inside the report."""
    return f"#claim-{claim_id}"


def render_html(situation: Situation, *, title: str = "Situation report") -> str:
    env = environment()
    return env.get_template("report.html").render(
        s=situation, title=title, link=anchor, chart=partial(timeline_svg, link=anchor),
        generated=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        style=(TEMPLATES / "style.css").read_text(encoding="utf-8"),
        claim_label=claim_label, credibility_note=CREDIBILITY_NOTE,
    )


def render_markdown(situation: Situation, *, title: str = "Situation report") -> str:
    env = environment()
    return env.get_template("report.md.j2").render(
        s=situation, title=title, link=anchor,
        generated=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        claim_label=claim_label, credibility_note=CREDIBILITY_NOTE,
    )


def render(situation: Situation, report_format: str = "html") -> str:
    if report_format not in FORMATS:
        raise ValueError(f"unknown report format {report_format!r}; expected html or md")
    return (render_html if report_format == "html" else render_markdown)(situation)


def claim_label(c: Claim) -> str:
    """One line naming a claim: ``12,000 troops · North Korea → Russia · done``."""
    what = " ".join(x for x in (fmt.quantity(c.quantity), c.item or c.type) if x)
    return f"{what} · {fmt.pair(c.actor, c.recipient)} · {c.status}"

