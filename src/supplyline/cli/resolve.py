"""The resolve stage's commands: resolve, docs, facts, fact, conflicts, timeline, credibility,
alerts, watch. Thin: parse options, call ``supplyline.resolve``, format the result.
"""

from __future__ import annotations

import csv
import json
import sys
from datetime import date
from typing import Any

import click
from rich.table import Table
from rich.text import Text

from supplyline.cli.options import (
    ISO_DATE,
    App,
    canonical_names,
    examples,
    fail,
    open_existing,
    output_format,
    output_options,
    plural,
    stderr,
    stdout,
)
from supplyline.model import CLAIM_TYPES, FACT_KEYS, PHASE_ORDER, STATUSES, Fact
from supplyline.report.format import number as _number
from supplyline.report.format import pair as _pair
from supplyline.store import FactFilter, open_store

# -- resolve ------------------------------------------------------------------------------------


@click.command("resolve", epilog=examples(
    "supplyline ingest archives/ --no-resolve && supplyline resolve",
    "supplyline resolve --rebuild",
))
@click.option("--rebuild", is_flag=True,
              help="Recompute every story group and fact from the stored claims (after "
                   "editing the resolution settings), not only the new claims.")
@click.pass_obj
def resolve_command(app: App, rebuild: bool) -> None:
    """Resolve the stored claims into facts (ingest does this itself unless --no-resolve)."""
    from supplyline.resolve import resolve

    with open_existing(app) as store:
        summary = resolve(store, rebuild=rebuild)
        facts = store.stats()["facts"]
    if not app.quiet:
        stdout().print(Text(f"Resolved {plural(summary.claims_resolved, 'claim')} into facts: "
                            f"{plural(summary.facts_changed, 'fact')} new or changed, "
                            f"{plural(facts, 'fact')} in all"), soft_wrap=True)


# -- docs ---------------------------------------------------------------------------------------


@click.command(epilog=examples(
    "supplyline docs",
    "supplyline docs --duplicates",
    "supplyline docs --duplicates --json",
))
@click.option("--duplicates", is_flag=True,
              help="Only the groups of near-identical documents (one story, many outlets).")
@click.option("--json", "as_json", is_flag=True, help="JSON Lines: one group a line.")
@click.pass_obj
def docs(app: App, duplicates: bool, as_json: bool) -> None:
    """Stored documents grouped by story: near-identical texts republished by several
    outlets are one story.

    Near-duplicates are found with MinHash/LSH over the cleaned text; every outlet is kept,
    but a story counts once as evidence (one independent source).
    """
    from supplyline.resolve import group_stories

    with open_existing(app) as store:
        group_stories(store)
        groups = store.story_groups(min_size=2 if duplicates else 1)
    if as_json:
        for g in groups:
            click.echo(json.dumps({"story": g[0].id, "documents": [
                {"id": d.id, "outlet": d.outlet, "title": d.title, "url": d.url,
                 "published": d.published.isoformat() if d.published else None} for d in g]},
                ensure_ascii=False, allow_nan=False))
        return
    if not groups:
        click.echo("No near-duplicate documents." if duplicates else "No documents.", err=True)
        return
    table = Table(title="Stories told by several documents" if duplicates else "Documents")
    for name in ("story", "document", "published", "outlet", "title"):
        table.add_column(name, overflow="fold")
    for i, g in enumerate(groups):
        if i and len(g) > 1:
            table.add_section()
        for j, d in enumerate(g):
            table.add_row(Text(g[0].id if j == 0 else ""), Text(d.id), str(d.published or ""),
                          Text(d.outlet or ""), Text(d.label))
    stdout().print(table)


# -- facts --------------------------------------------------------------------------------------


def _fact_filter_options(fn: Any) -> Any:
    for opt in reversed((
        click.option("--actor", help="Who sends or does it: a name, alias, demonym or "
                                     "capital (\"DPRK\", \"Pyongyang\"), any case."),
        click.option("--recipient", help="Who receives it (names as for --actor)."),
        click.option("--type", "type_", type=click.Choice(CLAIM_TYPES, case_sensitive=False),
                     help="Claim type."),
        click.option("--item", help="Item class or words of the item (\"troops\", \"shells\")."),
    )):
        fn = opt(fn)
    return fn


def _figures(f: Fact) -> str:
    if f.low is None:
        return ""
    if f.low == f.high:
        return _number(f.low, f.unit)
    return f"{_number(f.low)}–{_number(f.high, f.unit)}"


@click.command(epilog=examples(
    "supplyline facts",
    'supplyline facts --actor "North Korea" --recipient Russia --type personnel',
    "supplyline facts --min-sources 2 --json",
))
@_fact_filter_options
@click.option("--status", type=click.Choice(STATUSES, case_sensitive=False), help="Status.")
@click.option("--min-sources", type=click.IntRange(min=1), metavar="N",
              help="Only facts with at least N independent sources.")
@output_options
@click.pass_obj
def facts(app: App, actor: str | None, recipient: str | None, type_: str | None,
          item: str | None, status: str | None, min_sources: int | None, as_json: bool,
          as_csv: bool) -> None:
    """List facts: claims from different documents that state the same thing, resolved
    into one, with how many reports and how many independent sources back each.

    Two outlets citing the same source, or copies of one wire story, are one source.
    --json prints one object a line: id, type, actor, recipient, item, status, reports (the
    claim ids), independent_sources, first_reported, last_reported, low, high.
    """
    fmt = output_format(as_json, as_csv)
    with open_existing(app) as store:
        names = canonical_names(app, store, actor=actor, recipient=recipient)
        found = store.facts(FactFilter(actor=names["actor"], recipient=names["recipient"],
                                       type=type_, item=item, status=status,
                                       min_sources=min_sources))
    if fmt == "json":
        for f in found:
            click.echo(json.dumps(f.to_dict(), ensure_ascii=False, allow_nan=False))
    elif fmt == "csv":
        w = csv.writer(sys.stdout, lineterminator="\n")
        w.writerow(FACT_KEYS)
        for f in found:
            d = f.to_dict()
            d["reports"] = " ".join(d["reports"])
            w.writerow(d.values())
    elif found:
        table = Table()
        for name in ("fact", "type", "actor → recipient", "item", "status", "reports",
                     "sources", "first", "last", "figures"):
            table.add_column(name, overflow="fold",
                             justify="right" if name in ("reports", "sources") else "left")
        for f in found:
            table.add_row(f.id, f.type, Text(_pair(f.actor, f.recipient)), Text(f.item or ""),
                          f.status, str(len(f.reports)), str(f.independent_sources),
                          str(f.first_reported or ""), str(f.last_reported or ""), _figures(f))
        stdout().print(table)
    else:
        click.echo("No facts (ingest documents first; `supplyline ingest` resolves them).",
                   err=True)


@click.command(epilog=examples("supplyline fact f3a9c41d0be2"))
@click.argument("fact_id")
@click.option("--json", "as_json", is_flag=True,
              help="One JSON object: the fact and its reports.")
@click.pass_obj
def fact(app: App, fact_id: str, as_json: bool) -> None:
    """Show one fact and every report of it: evidence, outlet, date and source.

    FACT_ID is the id that `supplyline facts` lists.
    """
    from supplyline.resolve.conflicts import ReportView

    with open_existing(app) as store:
        found = store.fact(fact_id.strip())
        if found is None:
            fail(f"no fact with id {fact_id!r}; `supplyline facts` lists the ids")
        views = [ReportView.of(r) for r in store.reports(found.reports)]
    if as_json:
        click.echo(json.dumps({**found.to_record(), "report_details":
                               [v.to_dict() for v in views]}, ensure_ascii=False, allow_nan=False))
        return
    out = stdout()
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column()
    when = f"{found.start or '…'} – {found.end or '…'}" if (found.start or found.end) else ""
    for key, value in (("Fact", found.id), ("Type", found.type), ("Actor", found.actor),
                       ("Recipient", found.recipient or ""), ("Item", found.item or ""),
                       ("Status", found.status), ("Basis", found.basis or ""),
                       ("Figures", _figures(found)), ("Period", when),
                       ("Reports", str(len(found.reports))),
                       ("Independent sources", str(found.independent_sources)),
                       ("First reported", str(found.first_reported or "")),
                       ("Last reported", str(found.last_reported or ""))):
        if value:
            grid.add_row(key, Text(value))
    out.print(grid)
    out.print()
    table = Table(title="Reports")
    for name in ("claim", "published", "outlet", "source", "status", "figure", "evidence"):
        table.add_column(name, overflow="fold")
    for v in views:
        table.add_row(v.claim, v.published or "", Text(v.outlet or v.doc), Text(v.source),
                      v.status, Text(v.figure), Text(v.evidence))
    out.print(table)


# -- conflicts ----------------------------------------------------------------------------------


@click.command(epilog=examples(
    "supplyline conflicts",
    'supplyline conflicts --actor "North Korea" --contradictions',
    "supplyline conflicts --revisions --json",
))
@_fact_filter_options
@click.option("--contradictions", "relation", flag_value="contradiction",
              help="Only contradictions.")
@click.option("--revisions", "relation", flag_value="revision",
              help="Only revisions (a later report correcting a figure).")
@click.option("--json", "as_json", is_flag=True, help="JSON Lines: one conflict a line.")
@click.pass_obj
def conflicts(app: App, actor: str | None, recipient: str | None, type_: str | None,
              item: str | None, relation: str | None, as_json: bool) -> None:
    """Reports that disagree, side by side with their sources and dates.

    Different figures for one fact reported at about the same time are a contradiction; a
    figure reported at least a week after another (resolve.yaml) is a revision. Delivered vs
    denied, and a pledge reported as a delivery, are contradictions too.
    """
    from supplyline.resolve import list_conflicts

    with open_existing(app) as store:
        names = canonical_names(app, store, actor=actor, recipient=recipient)
        found = list_conflicts(store, FactFilter(actor=names["actor"], recipient=names["recipient"],
                                                 type=type_, item=item),
                               relation=relation)
    if as_json:
        for c in found:
            click.echo(json.dumps(c.to_dict(), ensure_ascii=False, allow_nan=False))
        return
    if not found:
        click.echo("No conflicting reports.", err=True)
        return
    out = stdout()
    for c in found:
        out.print(Text(f"{c.relation.upper()} ({c.kind}) {c.id}: {c.summary}", style="bold"),
                  soft_wrap=True)
        table = Table(show_header=True)
        table.add_column("")
        table.add_column("earlier", overflow="fold")
        table.add_column("later", overflow="fold")
        for label, attr in (("published", "published"), ("outlet", "outlet"),
                            ("source", "source"), ("status", "status"),
                            ("figure", "figure"), ("evidence", "evidence"),
                            ("claim", "claim"), ("fact", "fact")):
            table.add_row(label, Text(str(getattr(c.earlier, attr) or "")),
                          Text(str(getattr(c.later, attr) or "")))
        out.print(table)


# -- timeline -----------------------------------------------------------------------------------


@click.command(epilog=examples(
    'supplyline timeline --actor "North Korea" --recipient Russia --item troops',
    'supplyline timeline --actor "North Korea" --recipient Russia --item troops '
    "--as-of 2025-03-01",
    "supplyline timeline --actor Iran --recipient Russia --item shells --json",
))
@click.option("--actor", required=True, help="The supplier.")
@click.option("--recipient", help="The recipient.")
@click.option("--item", help="Item class or words of the item (\"troops\", \"shells\").")
@click.option("--type", "type_", type=click.Choice(CLAIM_TYPES, case_sensitive=False),
              help="Claim type.")
@click.option("--as-of", type=ISO_DATE, help="Only what had been reported by this date.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object: entries and estimate.")
@click.pass_obj
def timeline(app: App, actor: str, recipient: str | None, item: str | None,
             type_: str | None, as_of: date | None, as_json: bool) -> None:
    """What was reported when for a supplier → recipient pair and item, and the best
    estimate of the total as it stood on a date.

    Increments ("an additional 3,000") are kept apart from totals ("a total of 6,000");
    the estimate is the latest total plus the increments reported after it, each fact once,
    with the range of figures reported. Pledged and expected figures are listed, not counted.
    """
    from supplyline.resolve import pair_timeline

    with open_existing(app) as store:
        names = canonical_names(app, store, actor=actor, recipient=recipient)
        actor, recipient = names["actor"] or actor, names["recipient"]
        t = pair_timeline(store, actor, recipient, item, type_=type_, as_of=as_of)
    if as_json:
        click.echo(json.dumps(t.to_dict(), ensure_ascii=False, allow_nan=False))
        return
    if not t.entries:
        fail(f"nothing reported for {_pair(actor, recipient)}"
             f"{' (' + item + ')' if item else ''}"
             f"{' by ' + as_of.isoformat() if as_of else ''}")
    out = stdout()
    table = Table(title=f"{_pair(actor, recipient)}{', ' + item if item else ''}"
                        f"{', as of ' + as_of.isoformat() if as_of else ''}")
    for name in ("published", "figure", "basis", "status", "when", "source", "outlet", "fact",
                 "counted"):
        table.add_column(name, overflow="fold")
    for e in t.entries:
        table.add_row(str(e.published or ""), Text(e.figure), e.basis, e.status, Text(e.when),
                      Text(e.source), Text(e.outlet or e.doc), e.fact, "yes" if e.counted else "")
    out.print(table)
    shown = [x for x in t.estimates if x.value is not None]
    if not any(x.phase == "delivered" for x in shown):
        out.print("No figure reported as delivered yet: no delivered estimate.")
    for x in shown:
        rng = "" if x.low == x.high else \
            f" Range {_number(x.low)}–{_number(x.high, x.unit)}."
        out.print(Text(f"{'Best estimate' if x is t.estimate else 'Estimate'} "
                       f"({x.item_class}, {x.phase}) {x.explanation}{rng}"), soft_wrap=True)


def _estimate_figure(e: Any) -> str:
    if e.value is None:
        return "no figure"
    rng = "" if e.low == e.high else f" (range {_number(e.low)}–{_number(e.high)})"
    return f"{_number(e.value, e.unit)}{rng}"


@click.command(epilog=examples(
    'supplyline estimates --actor "North Korea" --recipient Russia',
    'supplyline estimates --actor "North Korea" --item troops --as-of 2024-12-31',
    "supplyline estimates --recipient Ukraine --type funding --phase pledged --csv",
))
@click.option("--as-of", type=ISO_DATE, help="Only what had been reported by this date.")
@click.option("--actor", help="The supplier (any case).")
@click.option("--recipient", help="The recipient (any case).")
@click.option("--type", "type_", type=click.Choice(CLAIM_TYPES, case_sensitive=False),
              help="Series type (losses count as combat).")
@click.option("--item", help='Words naming an item class ("troops", "soldiers", "shells").')
@click.option("--phase", type=click.Choice(PHASE_ORDER, case_sensitive=False),
              help="Only one phase.")
@output_options
@click.pass_obj
def estimates(app: App, as_of: date | None, actor: str | None, recipient: str | None,
              type_: str | None, item: str | None, phase: str | None, as_json: bool,
              as_csv: bool) -> None:
    """One row per series (pair, item class, phase): the best estimate, its range, the
    date of the latest report used, the independent sources and facts behind it, and one
    sentence saying which reports make the figure.

    The estimate is the latest reported total plus the increments reported after it; a
    pledge or a forecast never raises what was delivered; a later, lower total counts only
    from the same or a stronger kind of source (a revision, said so). A joint statement
    ("four countries pledged €1.4bn") is one figure for all its actors: each row says it is
    joint, and the sums below the table count it once. --json prints one object a line:
    actor, recipient, type, item_class, phase, value, low, high, unit, as_of,
    independent_sources, facts, explanation, then the detail (baseline claim, increments,
    revision, joint, sources, claims).
    """
    from supplyline.resolve.series import ESTIMATE_KEYS
    from supplyline.resolve.series import estimates as series_estimates

    fmt = output_format(as_json, as_csv)
    with open_existing(app) as store:
        names = canonical_names(app, store, actor=actor, recipient=recipient)
        found = series_estimates(store, as_of=as_of, actor=names["actor"],
                                 recipient=names["recipient"],
                                 type=type_.lower() if type_ else None, item=item,
                                 phase=phase.lower() if phase else None)
    if fmt == "json":
        for e in found:
            click.echo(json.dumps(e.to_dict(), ensure_ascii=False, allow_nan=False))
        return
    if fmt == "csv":
        w = csv.writer(sys.stdout, lineterminator="\n")
        w.writerow((*ESTIMATE_KEYS, "joint", "sources"))
        for e in found:
            d = e.to_dict()
            w.writerow([*(" ".join(d[k]) if k == "facts" else d[k] for k in ESTIMATE_KEYS),
                        " ".join(e.joint), "; ".join(e.sources)])
        return
    if not found:
        wanted = ", ".join(x for x in (actor and f"from {actor}",
                                       recipient and f"to {recipient}", type_, item, phase)
                           if x)
        fail("no series" + (f" ({wanted})" if wanted else "")
             + (f" reported by {as_of.isoformat()}" if as_of else "")
             + ("" if wanted or as_of else
                " (ingest documents first; `supplyline facts` lists what was resolved)"))
    table = Table(title="Estimates" + (f" as of {as_of.isoformat()}" if as_of else ""))
    for name in ("pair", "type", "item class", "phase", "estimate", "as of", "sources",
                 "facts", "explanation"):
        table.add_column(name, overflow="fold",
                         justify="right" if name in ("estimate", "facts") else "left")
    for e in found:
        flags = " (joint)" if e.joint else ""
        table.add_row(Text(_pair(e.actor, e.recipient)), e.type, Text(e.item_class), e.phase,
                      Text(_estimate_figure(e) + flags), str(e.as_of or ""),
                      Text(f"{e.independent_sources}: {', '.join(e.sources)}"),
                      str(len(e.facts)), Text(e.explanation))
    out = stdout()
    out.print(table)
    for line in _sums(found):
        out.print(Text(line), soft_wrap=True)


def _sums(found: list[Any]) -> list[str]:
    """Sums over suppliers of a recipient, joint statements counted once."""
    from supplyline.resolve.series import total

    groups: dict[tuple[Any, ...], list[Any]] = {}
    for e in found:
        if e.recipient and e.value is not None:
            groups.setdefault((e.recipient, e.type, e.item_class, e.phase, e.unit), []).append(e)
    lines = []
    for (recipient, _type, item_class, phase, unit), rows in groups.items():
        if len({e.actor for e in rows}) < 2:
            continue
        joint = any(e.joint for e in rows)
        lines.append(f"All suppliers → {recipient}, {item_class}, {phase}: "
                     f"{_number(total(rows), unit)} from {plural(len(rows), 'supplier')}"
                     + (" (joint statements counted once)" if joint else ""))
    return lines


# -- credibility --------------------------------------------------------------------------------


@click.command(epilog=examples(
    "supplyline credibility",
    "supplyline credibility --doc 000_bb7952c7762eb152.txt",
    'supplyline credibility --outlet "Global Defence Wire" --json',
))
@click.option("--doc", "doc_id", help="One document (its id).")
@click.option("--outlet", help="Every document of one outlet (name, any case).")
@click.option("--json", "as_json", is_flag=True,
              help="JSON Lines: one object a document (or one for the outlet).")
@click.pass_obj
def credibility(app: App, doc_id: str | None, outlet: str | None, as_json: bool) -> None:
    """Credibility signals per document or outlet, each with its reason and the text that
    raised it: share of claims with a named source, vague sources, quotations of people no
    other document mentions, an author biography unrelated to the subject, page debris,
    sensational wording; and how many independent sources corroborate each claim.

    These are signals for a person to weigh, not verdicts.
    """
    from supplyline.resolve.credibility import (
        NOTE,
        DocumentCredibility,
        all_documents,
        document_credibility,
        outlet_credibility,
    )

    if doc_id and outlet:
        raise click.UsageError("--doc and --outlet cannot be used together")
    with open_existing(app) as store:
        if doc_id:
            one = document_credibility(store, doc_id.strip())
            if one is None:
                fail(f"no document with id {doc_id!r}; `supplyline docs` lists them")
            docs: list[DocumentCredibility] = [one]
        elif outlet:
            found = outlet_credibility(store, outlet)
            if found is None:
                fail(f"no document from outlet {outlet!r}")
            if as_json:
                click.echo(json.dumps(found.to_dict(), ensure_ascii=False, allow_nan=False))
                return
            docs = list(found.documents)
        else:
            docs = all_documents(store)
    if as_json:
        for d in docs:
            click.echo(json.dumps(d.to_dict(), ensure_ascii=False, allow_nan=False))
        return
    out = stdout()
    out.print(Text(NOTE, style="italic"), soft_wrap=True)
    for d in docs:
        out.print()
        share = f"{d.named_sources}/{d.claims} claims name a source" if d.claims else "no claims"
        weak = sum(1 for c in d.corroboration if c.independent_sources <= 1)
        out.print(Text(f"{d.doc} — {d.outlet or 'outlet unknown'}: {share}; "
                       f"{weak} of {d.claims} claims have no independent corroboration",
                       style="bold"), soft_wrap=True)
        if not d.signals:
            out.print("  no signals")
            continue
        table = Table(show_header=True, show_lines=True)
        table.add_column("signal", no_wrap=True)
        table.add_column("reason", overflow="fold")
        table.add_column("text", overflow="fold")
        for s in d.signals:
            table.add_row(s.kind, Text(s.reason), Text(s.text))
        out.print(table)


# -- alerts and watch ---------------------------------------------------------------------------

_rules_option = click.option(
    "--rules", type=click.Path(exists=True, dir_okay=False), envvar="SUPPLYLINE_ALERTS",
    help="Alert rules YAML file [default: the shipped rules; env SUPPLYLINE_ALERTS].")


def _load_rules(path: str | None) -> Any:
    from supplyline.resolve.alerts import load_rules
    from supplyline.resolve.settings import SettingsError

    try:
        return load_rules(path)
    except SettingsError as exc:
        fail(str(exc), 2)


@click.command(epilog=examples(
    "supplyline alerts",
    "supplyline alerts --since 2025-01-01",
    'supplyline alerts --rule figure_rise --pair "North Korea->Russia"',
    "supplyline alerts --rules my-alerts.yaml --json",
))
@click.option("--since", type=ISO_DATE, help="Only alerts raised by reports from this date on.")
@click.option("--rule", "rule", metavar="NAME_OR_KIND",
              help="Only one rule's alerts: its name or its kind (figure_rise, ...).")
@click.option("--pair", "pairs", multiple=True, metavar='"ACTOR->RECIPIENT"',
              help="Only alerts about this pair (repeatable); an actor alone takes all its "
                   "pairs.")
@_rules_option
@click.option("--json", "as_json", is_flag=True, help="JSON Lines: one alert a line.")
@click.pass_obj
def alerts(app: App, since: date | None, rule: str | None, pairs: tuple[str, ...],
           rules: str | None, as_json: bool) -> None:
    """Alerts the rules raise over the series of the stored facts, with the facts behind
    them: a short changelog of the picture.

    Rules (a YAML file you can copy and edit, see --rules): a new deployment of personnel
    for a pair, an estimate moving by more than N%, a weapon type reported for a pair for
    the first time, a kind of source new for a series, a new contradiction. At most one
    alert per fact and rule.
    """
    from supplyline.report.figures import parse_pair
    from supplyline.resolve.alerts import current_alerts, matches

    try:
        wanted = [parse_pair(p) for p in pairs]
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--pair") from None
    loaded = _load_rules(rules)
    if rule and not any(rule.casefold() in (r.name.casefold(), r.kind) for r in loaded):
        raise click.BadParameter(
            f"no rule named {rule!r}; the rules are: "
            + ", ".join(f"{r.name} ({r.kind})" for r in loaded), param_hint="--rule")
    with open_existing(app) as store:
        stored = current_alerts(store, loaded, since=since)
        facts = {f.id: f for f in store.facts()}
    found = [a for a in stored if matches(a, facts, rule=rule, pairs=wanted)]
    if as_json:
        for a in found:
            click.echo(json.dumps(a.to_dict(), ensure_ascii=False, allow_nan=False))
        return
    if not found:
        click.echo("No alerts.", err=True)
        return
    table = Table()
    for name in ("reported", "rule", "alert", "facts behind it"):
        table.add_column(name, overflow="fold")
    for a in found:
        behind = "\n".join(
            f"{f.id} {f.item or f.type} · {f.status} · {plural(len(f.reports), 'report')}, "
            f"{plural(f.independent_sources, 'source')}"
            for f in (facts.get(i) for i in a.facts) if f is not None)
        table.add_row(str(a.reported or ""), Text(a.rule), Text(a.message), Text(behind))
    stdout().print(table)


class Interval(click.ParamType):
    """A time interval: 30s, 10m, 1h."""

    name = "INTERVAL"

    def convert(self, value: Any, param: click.Parameter | None,
                ctx: click.Context | None) -> float:
        from supplyline.resolve.watch import parse_interval

        if isinstance(value, float):
            return value
        try:
            return parse_interval(str(value))
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


@click.command(epilog=examples(
    "supplyline watch https://example.org/rss.xml articles/ --every 10m",
    "supplyline watch https://example.org/rss.xml --every 1h --webhook https://hooks.example/x",
    "supplyline watch feeds.xml --once",
))
@click.argument("inputs", nargs=-1, required=True, metavar="FEED_OR_DIR...")
@click.option("--every", type=Interval(), default="10m", show_default=True,
              help="Time between rounds: 30s, 10m, 1h.")
@click.option("--webhook", metavar="URL",
              help="POST each new alert (JSON, at least once, header Idempotency-Key: the "
                   "alert id) to this URL.")
@click.option("--iterations", type=click.IntRange(min=1), metavar="N",
              help="Stop after N rounds (default: run until interrupted).")
@click.option("--once", is_flag=True, help="One round, then exit (the same as --iterations 1).")
@click.option("--published", type=ISO_DATE, help="Publication date for documents that give none.")
@_rules_option
@click.pass_obj
def watch(app: App, inputs: tuple[str, ...], every: float, webhook: str | None,
          iterations: int | None, once: bool, published: date | None,
          rules: str | None) -> None:
    """Keep watching feeds and directories: fetch what is new, ingest, resolve, and print
    (and with --webhook, POST) each new alert.

    Webhook delivery is at least once: an alert that is not answered 2xx in time (or whose
    watcher was stopped mid-POST) is posted again next round, with the same alert id in its
    Idempotency-Key header, so the receiver can drop the repeat.

    Feeds are fetched with conditional GETs (ETag / Last-Modified) and no article is
    fetched twice; what was fetched and delivered is kept in the database, so a restart
    goes on where it stopped. A feed that is down is reported and tried again next round.
    Alerts go to stdout, one line each; progress and errors to stderr.
    """
    from supplyline.ingest.common import is_url
    from supplyline.resolve.watch import Watcher, WatchEvent

    if webhook is not None and not is_url(webhook):
        raise click.BadParameter(f"{webhook!r} is not an http(s) URL", param_hint="--webhook")
    loaded = _load_rules(rules)
    err = stderr()

    def emit(event: WatchEvent) -> None:
        if event.kind == "alert" and event.alert is not None:
            a = event.alert
            click.echo(f"ALERT {a.reported or ''} [{a.rule}] {a.message} "
                       f"(facts: {', '.join(a.facts)})")
        elif event.kind in ("error", "webhook_failed"):
            err.print(Text(f"error: {event.source}: {event.message}"), soft_wrap=True)
        elif not app.quiet:
            err.print(Text(f"{event.kind}: {event.source}: {event.message}"), soft_wrap=True)

    with open_store(app.db) as store:
        watcher = Watcher(store, inputs, settings=app.settings(), rules=loaded,
                          webhook=webhook, published=published, emit=emit)
        try:
            watcher.run(every, 1 if once else iterations)
        finally:
            watcher.close()


COMMANDS = (resolve_command, docs, facts, fact, conflicts, timeline, estimates, credibility,
            alerts, watch)
