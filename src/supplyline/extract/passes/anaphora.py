"""Pass ``anaphora``: a sentence that names no item but a transfer told just before
("the shipments began in January") is a claim of that transfer."""

from __future__ import annotations

from ...model import TRANSFER_TYPES
from ..context import ANAPHORA, Draft, SentenceContext, replace
from ..numbers import find_quantities
from ..resources import Resources
from ..timex import find_times
from .base import sentence_pass
from .status import status_of


@sentence_pass(reads={"span", "sentence", "memory", "everyone", "drafts"},
               sets={"drafts", "draft.rule", "draft.type", "draft.actor", "draft.recipient",
                     "draft.item", "draft.status", "draft.anchor", "draft.pred",
                     "draft.head_tok"})
def anaphora(r: Resources, ctx: SentenceContext) -> SentenceContext:
    """When the sentence states no claim: a transfer told in the two sentences before, met
    again as "the shipments", "these deliveries" (the word that refers back is the item),
    with a time or figure of its own."""
    if ctx.drafts:
        return ctx
    lex, span, sent = r.lex, ctx.span, ctx.sentence
    earlier = [d for s, d in ctx.memory.drafts if sent.index - 2 <= s.index < sent.index
               and d.type in TRANSFER_TYPES and d.status != "denied"]
    if not earlier or not lex.anaphor.search(span.text) or not (
            find_times(span.text, None) or find_quantities(span.text, r.vocab.money)):
        return ctx  # "the donations will help Ukraine": nothing new is told of them
    told = earlier[-1]
    parties = {told.actor, told.recipient}
    if any(a.actor not in parties for a in ctx.everyone
           if not (a.context or a.reporter or a.located)):
        return ctx  # another party is named: this is not the same transfer
    out = []
    for tok in span:
        verb = tok.head
        if tok.lower_ in lex.anaphoric_transfers and tok.pos_ == "NOUN" and any(
                c.dep_ == "det" and c.lower_ in lex.anaphoric_determiners
                for c in tok.children) and (
                tok.dep_ in ("nsubj", "nsubjpass")
                or tok.dep_ == "dobj" and verb.lemma_.lower() in lex.anaphoric_verbs) \
                and not any(c.tag_ in ("WRB", "WDT") or c.dep_ == "mark"
                            for c in verb.children):
            # the transfer itself acts or is acted on ("the shipments began", "begin
            # these donations"), not "an update on the deliveries" or "how the
            # shipments were tracked"
            out.append(Draft(rule=ANAPHORA, type=told.type, item=tok.lower_,
                             anchor=tok.idx - span.start_char, pred=tok, head_tok=tok,
                             actor=told.actor, recipient=told.recipient,
                             status=status_of(r, tok, span, tok)))
    return replace(ctx, drafts=tuple(out[:2])) if out else ctx
