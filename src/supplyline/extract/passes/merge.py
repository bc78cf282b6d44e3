"""Document passes ``claims`` (drafts that name their parties become claims) and ``merge``
(claims that restate one another become one claim with several evidence spans)."""

from __future__ import annotations

import re

from ...evaluate import head_noun
from ...model import TRANSFER_TYPES, Claim, Evidence, Source
from ...vocab.classes import ItemClassVocab, find_class
from ..context import DocumentContext, Draft, replace
from ..resources import Resources
from ..sentences import Sentence
from .base import document_pass
from .status import is_ordered


def is_complete(d: Draft) -> bool:
    """A claim names its actor, and a transfer its recipient (another party)."""
    return bool(d.actor and (d.recipient or d.type not in TRANSFER_TYPES)
                and d.actor != d.recipient)


@document_pass(reads={"doc", "cleaned", "drafts", "draft.type", "draft.actor", "draft.recipient",
                      "draft.item", "draft.quantity", "draft.basis", "draft.status",
                      "draft.when", "draft.source", "draft.place", "draft.definite",
                      "draft.pred", "draft.head_tok"},
               sets={"claims", "told_again", "orders"})
def claims(r: Resources, ctx: DocumentContext) -> DocumentContext:
    """A claim for each complete draft; and the items told again definitely ("the
    missiles were sent") and the goods ordered ("Chile has ordered six drones"), for
    ``merge``."""
    return replace(ctx, claims=tuple(to_claim(ctx, s, d) for s, d in ctx.drafts
                                     if is_complete(d)),
                   told_again=frozenset((s.start, d.item) for s, d in ctx.drafts
                                        if d.definite),
                   orders=frozenset((s.start, d.item) for s, d in ctx.drafts
                                    if is_ordered(r, d.pred, d.head_tok)))


def to_claim(ctx: DocumentContext, sent: Sentence, d: Draft) -> Claim:
    assert d.status is not None, f"a draft made by {d.rule!r} has no status"
    return Claim(
        doc=ctx.doc.id, type=d.type, actor=d.actor or "",
        recipient=d.recipient if d.type in TRANSFER_TYPES else None,
        item=d.item, quantity=d.quantity, basis=d.basis, status=d.status,
        when=d.when, source=d.source or Source(), place=d.place,
        evidence=(Evidence(ctx.cleaned.text[sent.start:sent.end], sent.start, sent.end,
                           sent.section),),
    )


@document_pass(reads={"sentences", "claims", "told_again", "orders"}, sets={"claims"})
def merge(r: Resources, ctx: DocumentContext) -> DocumentContext:
    """Restatements in the document become one claim: a headline or summary and the body,
    a closing paragraph, the same source saying the same again."""
    body = [s for s in ctx.sentences if s.section == "body"]
    last_para = {s.start for s in body if body and s.paragraph == body[-1].paragraph}
    closing_line = re.compile(rf"(?:{r.words.closing_openers})\b")
    summary = {s.start for s in body if closing_line.match(s.text)}
    paragraphs = len({s.paragraph for s in body})
    closing = frozenset(summary | (last_para if paragraphs >= 3 else set()))
    return replace(ctx, claims=tuple(merge_restatements(
        list(ctx.claims), closing, r.lex.generic_items, ctx.told_again, ctx.orders,
        r.vocab.item_classes)))


def _head(item: str | None) -> str | None:
    return head_noun(item) if item else None


def merge_restatements(claims: list[Claim], closing: frozenset[int] = frozenset(),
                       generic: frozenset[str] = frozenset(),
                       again: frozenset[tuple[int, str | None]] = frozenset(),
                       orders: frozenset[tuple[int, str | None]] = frozenset(),
                       classes: ItemClassVocab | None = None) -> list[Claim]:
    """Claims that restate one another become one claim with several evidence spans.

    Body claims merge first: two body sentences are one claim when one stands in the
    closing paragraph (``closing`` holds those sentences' offsets), when the same named
    source says the same thing again, or when a definite item ("the missiles were sent";
    ``again`` holds (sentence offset, item)) tells an earlier claim again, by its own head
    noun or by another of its class (``classes``: "the Abrams" after "Abrams tanks").
    Headline and
    summary claims then join the body claim they restate best (same status and figure
    first), or stay on their own. An order (``orders``: (sentence offset, item)) is a
    purchase made, of the past: not the same as the delivery it promises."""
    light = [c for c in claims if _is_light(c)]
    out: list[Claim] = []
    for c in (c for c in claims if not _is_light(c)):
        target = next((i for i, kept in enumerate(out)
                       if _restates(kept, c, closing, generic, again, orders, classes)),
                      None)
        if target is None:
            out.append(c)
        else:
            out[target] = _combine(out[target], c)
    for c in light:
        scored = [(_likeness(kept, c), i) for i, kept in enumerate(out)
                  if _restates(kept, c, closing, generic, again, orders, classes)]
        if scored:
            _, best = max(scored, key=lambda x: (x[0], -x[1]))
            out[best] = _combine(out[best], c)
        else:
            out.append(c)
    return out


def _is_light(c: Claim) -> bool:
    return all(e.section in ("headline", "summary") for e in c.evidence)


def _likeness(a: Claim, b: Claim) -> int:
    qa = a.quantity.value if a.quantity else None
    qb = b.quantity.value if b.quantity else None
    return (2 * (a.status == b.status) + 2 * (qa is not None and qa == qb)
            + (a.item == b.item) + (a.source.name is not None and a.source.name == b.source.name))


def _restates(kept: Claim, c: Claim, closing: frozenset[int], generic: frozenset[str],
              again: frozenset[tuple[int, str | None]] = frozenset(),
              orders: frozenset[tuple[int, str | None]] = frozenset(),
              classes: ItemClassVocab | None = None) -> bool:
    if (kept.type, kept.actor, kept.recipient) != (c.type, c.actor, c.recipient) or \
            (kept.status == "denied") != (c.status == "denied"):
        return False  # a denial is a claim of its own, even of what a headline asserts
    if kept.item != c.item and {e.start for e in kept.evidence} & {e.start for e in c.evidence}:
        return False  # "Stinger missiles, Hellfire missiles and ...": one sentence, two items
    light = {e.section for e in (*kept.evidence, *c.evidence)} & {"headline", "summary"}
    told_again = (c.evidence[0].start, c.item) in again
    restating = bool(light) or _closing(kept, c, closing) or (
        told_again and c.quantity is None and _same_or_no_time(kept, c)
        and _family(kept, orders) == _family(c, orders)  # told again, nothing new told ...
        and (c.source.kind == "unattributed" or c.source.name == kept.source.name))  # by whom
    if _head(kept.item) != _head(c.item) and kept.item and c.item and not (
            restating and generic & {_head(kept.item), _head(c.item)}) and not (
            restating and (told_again or _same_figure(kept, c))
            and _same_class(kept, c, classes)):
        return False
    kq = kept.quantity.value if kept.quantity else None
    cq = c.quantity.value if c.quantity else None
    if kq is not None and cq is not None and kq != cq:
        return False
    if kept.quantity and c.quantity and (kept.quantity.lower, kept.quantity.upper) != \
            (c.quantity.lower, c.quantity.upper) and not restating:
        return False
    if not restating:
        # two body sentences: one claim only when the same named source says the same
        # thing again (same figure and status family), or one event is told twice
        same_source = kept.source.name and kept.source.name == c.source.name or (
            kept.source.kind == c.source.kind == "unattributed") or (  # the journalist's voice
            same_unnamed_source(kept, c))
        event = c.type in ("exercise", "test")
        if not ((same_source or event) and kq == cq
                and _family(kept, orders) == _family(c, orders)):
            return False
    if kept.when and c.when and (kept.when.start, kept.when.end) != (c.when.start, c.when.end):
        return False
    return not (kept.basis and c.basis and kept.basis != c.basis)


def _same_or_no_time(kept: Claim, c: Claim) -> bool:
    """A restatement tells no time, or the time the first telling gave ("Poland will send
    the jets soon" ... "the jets can be handed over soon"); a time of its own tells another
    event ("Hungary bought 40 vehicles. The first vehicles arrived last month")."""
    return c.when is None or kept.when is not None and \
        (kept.when.start, kept.when.end) == (c.when.start, c.when.end)


def same_unnamed_source(a: Claim, b: Claim) -> bool:
    """Two transfers of one item told by unnamed sources of one kind and country ("US
    officials said Iran is preparing to send more missiles" ... "Iran will send about 200
    missiles, the officials said"): the same people, saying the same again. Activities are
    left apart (two production claims of missiles may be two plants), and so is a claim
    whose item is unnamed."""
    return a.source.name is None and b.source.name is None and \
        a.source.kind == b.source.kind and a.source.country == b.source.country and \
        a.type in TRANSFER_TYPES and a.item is not None and b.item is not None


def _same_figure(a: Claim, b: Claim) -> bool:
    """Both state one figure ("19 Caesar howitzers" ... "all of its 19 Caesar guns")."""
    return a.quantity is not None and b.quantity is not None and \
        a.quantity.value is not None and a.quantity.value == b.quantity.value


def _same_class(a: Claim, b: Claim, classes: ItemClassVocab | None) -> bool:
    """Both items are in one named class of the vocabulary ("the planes", "MiG-29 jets")."""
    if classes is None or not (a.item and b.item):
        return False
    found = find_class(a.item, classes.classes_for(a.type))
    return found is not None and found == find_class(b.item, classes.classes_for(b.type))


def _family(c: Claim, orders: frozenset[tuple[int, str | None]] = frozenset()) -> str:
    """"past" (done, ongoing, an order placed), "denied" or "future"."""
    if c.status in ("done", "ongoing") or \
            any((e.start, c.item) in orders for e in c.evidence):
        return "past"
    return c.status if c.status == "denied" else "future"


def _closing(a: Claim, b: Claim, closing: frozenset[int]) -> bool:
    return bool({e.start for e in (*a.evidence, *b.evidence)} & closing)


def _weight(c: Claim) -> tuple[int, int, int]:
    body = any(e.section == "body" for e in c.evidence)
    return (int(body), int(c.source.kind != "unattributed"), int(c.quantity is not None))


def _combine(a: Claim, b: Claim) -> Claim:
    """Keep the better-stated claim's fields and both claims' evidence."""
    main, other = (a, b) if _weight(a) >= _weight(b) else (b, a)
    merged = main.with_evidence(other.evidence)
    fill = {}
    names = ("quantity", "when", "basis", "place") if _is_light(other) or _is_light(main) \
        else ("quantity", "basis", "place")  # a time stated elsewhere may be another event's
    for name in names:
        if getattr(merged, name) is None and getattr(other, name) is not None:
            fill[name] = getattr(other, name)
    if merged.source.kind == "unattributed" and other.source.kind != "unattributed":
        fill["source"] = other.source
    return replace(merged, **fill) if fill else merged
