"""Passes that tie a sentence to the ones before it: ``told_before`` (a party that only an
earlier sentence names) and ``remember`` (what this sentence leaves for the next)."""

from __future__ import annotations

from spacy.tokens import Span

from ..context import DENIAL, Draft, SentenceContext, replace
from ..resources import Resources
from .base import sentence_pass


def refers_back(r: Resources, span: Span) -> bool:
    """"It will send ...", "the regime supplied ...": the subject is a party named before."""
    return any(t.dep_ in ("nsubj", "nsubjpass") and t.lower_ in r.words.back_subjects
               for t in span)


def named_just_before(r: Resources, ctx: SentenceContext) -> str | None:
    """The party that the sentence just before names first, when that sentence holds no
    claim ("China's part is mostly at sea. It handed Myanmar a submarine": China)."""
    before = ctx.unparsed_before[-1] if ctx.unparsed_before else None
    if before is None or before.index != ctx.sentence.index - 1:
        return None
    v = r.vocab
    for m in v.actor_pattern().finditer(before.text):
        found = v.actor_form(m.group(0))
        if found and found[0]:
            return found[0]
    return None


@sentence_pass(reads={"span", "sentence", "memory", "unparsed_before", "drafts", "draft.actor",
                      "draft.people_before", "draft.type"},
               sets={"draft.actor"})
def told_before(r: Resources, ctx: SentenceContext) -> SentenceContext:
    """A draft with no actor takes the party named last when its subject refers back;
    fighters told of before ("the soldiers") are those a recent claim sent."""
    sent = ctx.sentence
    last_actor = named_just_before(r, ctx) or ctx.memory.last_actor
    back = refers_back(r, ctx.span) if last_actor else False
    so_far = list(ctx.memory.drafts)
    out: list[Draft] = []
    for d in ctx.drafts:
        if d.actor is None and last_actor and back:
            d = replace(d, actor=last_actor)
        if d.actor is None and d.people_before:  # "the soldiers": whose were sent
            d = replace(d, actor=next((x.actor for s, x in reversed(so_far) if x.actor
                                       and x.type == "personnel"
                                       and sent.index - s.index <= 4), None))
        so_far.append((sent, d))
        out.append(d)
    return replace(ctx, drafts=tuple(out))


@sentence_pass(reads={"sentence", "memory", "everyone", "drafts", "draft.actor", "draft.rule"},
               sets={"memory"})
def remember(r: Resources, ctx: SentenceContext) -> SentenceContext:
    """The party named last (by a claim, else by the sentence), the non-state party named
    last, and every draft, for the sentences that follow; a denial's copy names no new
    party."""
    named = [d.actor for d in ctx.drafts if d.actor and d.rule != DENIAL]
    last = named[-1] if named else (ctx.everyone[-1].actor if ctx.everyone
                                    else ctx.memory.last_actor)
    groups = [a.actor for a in ctx.everyone if a.actor in r.vocab.groups]
    memory = replace(ctx.memory, last_actor=last,
                     last_group=groups[-1] if groups else ctx.memory.last_group,
                     drafts=ctx.memory.drafts + tuple((ctx.sentence, d) for d in ctx.drafts))
    return replace(ctx, memory=memory)
