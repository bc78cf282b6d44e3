"""Pass ``mentions``: the parties, items and figures a parsed sentence names."""

from __future__ import annotations

import dataclasses
import re

from spacy.tokens import Span, Token

from ...vocab import ItemHead
from ..context import ActorMention, ItemMention, SentenceContext, replace
from ..grammar import deal_for, has_infinitive_to, is_deal_word, is_transfer, lemma
from ..numbers import SCALES, UNITS, QuantityMatch
from ..resources import Resources
from ..sentences import dateline_end
from .base import sentence_pass

# a model designator after an item's name: "2A6s", "121s", "A4", "M2A2"
_DESIGNATOR = re.compile(r"^(?=[\w-]*\d)(?=[\w-]*[A-Za-z])[A-Za-z0-9][\w-]*$")


@sentence_pass(reads={"span", "memory", "unparsed_before"},
               sets={"everyone", "actors", "reporters", "items", "quantities"})
def mentions(r: Resources, ctx: SentenceContext) -> SentenceContext:
    """The parties (sources apart), the items and the figures the sentence names."""
    everyone = find_actors(r, ctx.span, ctx.memory.last_actor, group_before(r, ctx))
    actors = tuple(a for a in everyone if not a.reporter)
    return replace(ctx, everyone=everyone, actors=actors,
                   reporters=tuple(a for a in everyone if a.reporter),
                   items=tuple(find_items(r, ctx.span, actors)),
                   quantities=tuple(r.quantities(ctx.span.text)))


def group_before(r: Resources, ctx: SentenceContext) -> str | None:
    """The non-state party named last before this sentence, in the sentences read or in
    those between that hold no claim ("Hezbollah has rebuilt its arsenal. ... to the group")."""
    v = r.vocab
    for sent in reversed(ctx.unparsed_before):
        named = [found[0] for m in v.actor_pattern().finditer(sent.text)
                 if (found := v.actor_form(m.group(0))) and found[0] in v.groups]
        if named:
            return named[-1]
    return ctx.memory.last_group


def reporter_spans(r: Resources, sent: Span) -> list[tuple[int, int]]:
    """Char ranges (in the sentence) of source phrases: subjects of reporting verbs
    and the phrase after "according to" / "citing"."""
    out = []
    base = sent.start_char
    for t in sent:
        if lemma(t) in r.reporting and t.tag_ == "VBN":
            # "the delivery, officially confirmed by the US": the agent reports
            for agent in (c for c in t.children if c.dep_ == "agent"):
                end = _phrase_end(agent)
                out.append((agent.idx - base, end.idx + len(end.text) - base))
        if lemma(t) in r.reporting and t.pos_ == "VERB" and \
                lemma(t) not in r.lex.deny_or_confirm:
            subjects = [c for c in t.children if c.dep_ == "nsubj"]
            for c in subjects:
                out.append((c.left_edge.idx - base,
                            c.right_edge.idx + len(c.right_edge.text) - base))
            if not subjects and t.i > sent.start and not _takes_no_subject(t):
                # the parse lost the subject: the phrase right before the verb speaks
                # ("Speaking to The Economist, the Ukrainian spy chief said that ..."; a
                # verb that takes no subject, "to show support", "showing", speaks for none)
                before = sent.text[:t.idx - base]
                out.append((before.rfind(",") + 1, t.idx - base))
    for m in re.finditer(rf"\b(?:{r.words.attribution_lead})\s+[^,.;]+",
                         sent.text, re.IGNORECASE):
        out.append((m.start(), m.end()))
    said = r.lex.trailing_said.search(sent.text)
    if said:  # "..., South Korea's spy agency said on Monday."
        out.append((said.start("who"), said.end("who")))
    return out


def _phrase_end(tok: Token) -> Token:
    """The last word of ``tok``'s phrase before a clause hung on it: "accused by senior
    officials | of fuelling the war by supplying drones to ...", "confirmed by the
    ministry | which ..." (the clause tells the claim, not who reports it)."""
    doc = tok.doc
    for i in range(tok.i + 1, tok.right_edge.i + 1):
        t = doc[i]
        if t.dep_ in ("relcl", "acl", "advcl") or t.dep_ == "prep" and any(
                c.dep_ == "pcomp" for c in t.children):
            return doc[i - 1]
    return tok.right_edge


def _takes_no_subject(verb: Token) -> bool:
    """"to show support", "showing the way", "at an estimated value": an infinitive, a
    gerund or a participle that modifies a noun has no subject of its own, so the words
    before it are not a speaker that the parse lost."""
    return verb.tag_ == "VBG" or verb.tag_ == "VB" and has_infinitive_to(verb) \
        or verb.dep_ == "amod"


def find_actors(r: Resources, sent: Span, context_actor: str | None,
                context_group: str | None = None) -> tuple[ActorMention, ...]:
    """Every party the sentence names, in order; "the country" is the party named last
    (here, or ``context_actor`` before), "the group" the non-state party named last (here,
    or ``context_group`` before)."""
    v = r.vocab
    text = sent.text
    out = []
    reporters = reporter_spans(r, sent)
    raw: list[tuple[int, str]] = []
    raw_kinds: list[str] = []
    kicker = r.lex.kicker.match(text)  # "Ukraine war: ...": a topic label, as a dateline is
    filed_at = max(dateline_end(text), kicker.end() if kicker else 0)
    for m in v.leader_pattern().finditer(text):
        if not any(s <= m.start() < e for s, e in reporters):
            out.append(ActorMention(v.leaders()[m.group(0)], m.start(), m.end(), "leader"))
    for m in v.actor_pattern().finditer(text):
        found = v.actor_form(m.group(0))
        if found is None:
            continue
        name, kind = found
        if names_a_member(r, text, m.end(), name):
            continue
        in_report = any(s <= m.start() < e for s, e in reporters)
        if kind == "group":
            # "Iran trucked rockets to the group": the armed group named last, sender or not
            # (not "the group of experts")
            groups = [n for _, n in raw if n in v.groups]
            name = groups[-1] if groups else context_group or ""
            next_word = text[m.end():].split(None, 1)[:1]
            if not name or next_word and next_word[0].lower() in r.words.group_partitives:
                continue
        elif kind == "subject":
            if r.lex.recipient_after.search(text[:m.start()]):
                continue  # "donating six jets to the country": the recipient, from context
            # "the country", "the regime": the party named last, here or before
            # (a party named as a noun before a demonym on an item: "Pakistan will
            # receive Chinese jets, weeks after the country's air force used them")
            nouns = [n for (_, n), k in zip(raw, raw_kinds, strict=True)
                     if k in ("alias", "capital")]
            name = nouns[-1] if nouns else raw[-1][1] if raw else (context_actor or name)
        elif not in_report and m.start() >= filed_at:
            # a party named inside an attribution (or a dateline) is not "the regime"
            raw.append((m.start(), name))
            raw_kinds.append(kind)
        before = text[:m.start()]
        located = kind == "capital" and (re.search(
            rf"\b(?:{r.words.capital_located_before})\s+(?:the\s+)?$", before)
            or m.start() == 0 and re.match(r"\s*[,(]", text[m.end():])) \
            or m.start() < filed_at  # a dateline
        mention = ActorMention(name, m.start(), m.end(), kind,
                               context=bool(r.lex.context_before.search(before) or located
                                            or kind == "demonym"
                                            and r.lex.context_after.match(text, m.end())),
                               possessive=m.group(0).endswith("'s")
                               or text[m.end():m.end() + 2] in ("'s", "’s")
                               or m.group(0).endswith("s") and bool(re.match(  # "the Houthis'"
                                   r"['’](?:\s|$)", text[m.end():m.end() + 2])),
                               reporter=in_report,
                               located=bool(re.search(
                                   rf"\b(?:{r.words.located_before})\s+(?:the\s+)?$", before)))
        out.append(mention)
    return tuple(sorted(out, key=lambda a: a.start))


def names_a_member(r: Resources, text: str, end: int, name: str) -> bool:
    """"Serbia became the first European country to field them", "a NATO member", "arriving
    for Europe's most China-friendly army": a bloc's name before a singular noun of
    membership (or, as a possessive, before a superlative) names one member, not the bloc."""
    actor = r.vocab.actors.get(name)
    w = r.words
    return actor is not None and actor.bloc and bool(
        re.match(rf"\s+(?:{w.member_nouns})\b", text[end:])
        or re.match(rf"['’]s\s+(?:{w.superlative_words})\s+(?:[\w-]+\s+){{0,2}}?"
                    rf"(?:{w.member_nouns})\b", text[end:]))


def find_items(r: Resources, sent: Span, actors: tuple[ActorMention, ...]) -> list[ItemMention]:
    """The items of the vocabulary the sentence names, one mention per phrase."""
    v = r.vocab
    actor_chars = frozenset(i for a in actors for i in range(a.start, a.end))
    text_low = sent.text.lower()
    out: list[ItemMention] = []
    used: set[int] = set()
    for m in r.multi_items.finditer(text_low):
        span = sent.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is None or any(t.i in used for t in span):
            continue
        head = span[-1]
        if _is_modifier(r, head):
            continue
        used.update(t.i for t in span)
        out.append(_mention(r, sent, head, v.items[m.group(0)], span[0], actor_chars))
    for tok in sent:
        if tok.i in used:
            continue
        entry = v.items.get(tok.lower_) or v.items.get(tok.text)
        if entry is None and tok.lower_.endswith("s"):
            entry = v.items.get(tok.lower_[:-1])
        if entry is None or tok.pos_ not in ("NOUN", "PROPN", "X", "ADJ", "VERB", "NUM"):
            continue
        if tok.pos_ in ("VERB", "ADJ") and tok.dep_ not in ("dobj", "pobj", "nsubj",
                                                             "nsubjpass", "conj", "appos"):
            continue
        if _is_modifier(r, tok):
            continue
        used.add(tok.i)
        out.append(_mention(r, sent, tok, entry, tok, actor_chars))
    if not any(q.quantity.unit for q in r.quantities(sent.text)):
        out = [i for i in out if not i.entry.money]
    out = [i for i in out if not (r.lex.excluded_before.search(sent.text[:i.start])
                                  or r.lex.excluded_start.match(i.text))
           or re.search(rf"\b(?:{r.words.military_modifiers})\s+(?:{r.words.joining})\s+$",
                        sent.text[:i.start], re.IGNORECASE)]
    # "interceptors for NASAMS systems", "a package of military assistance": one item
    heads = {i.head.i: i for i in out}

    def part_of_another(tok: Token) -> bool:
        if tok.dep_ != "pobj" or tok.head.lower_ not in r.words.part_preps:
            return False
        owner = tok.head.head
        if owner.lemma_.lower() in r.lex.measure_nouns and any(
                c.dep_ == "det" and c.lower_ == "the" for c in owner.children):
            return True  # "the number of missiles" (but "a small number of drones" counts)
        if owner.i not in heads or owner.i == tok.i:
            return False
        same_type = heads[owner.i].entry.type == heads[tok.i].entry.type
        return tok.head.lower_ == "for" or same_type \
            or owner.lemma_.lower() in r.lex.package_nouns  # "a package of weapons"

    counted = {i.head.i: heads[i.head.head.head.i] for i in out
               if _counts_its_owner(r, sent, i, heads)}
    owners = {id(o) for o in counted.values()}
    out = [i for i in out if id(i) not in owners
           and (i.head.i in counted or not part_of_another(i.head))]
    out += deal_items(r, sent, out, actor_chars)
    # "the Defense and Armed Forces Committee": a name, not an item
    out = [i for i in out if not (i.head.i + 1 < sent.end and sent.doc[i.head.i + 1].text
                                  in v.institution_words)]
    # "F-16" inside "F-16 fighter jets" is part of the larger item
    out = [i for i in out if not any(o is not i and o.start <= i.start and i.end <= o.end
                                     and (o.end - o.start) > (i.end - i.start) for o in out)]
    out = _joint_names(sent, sorted(out, key=lambda i: i.start))
    named = {(i.head.i, i.text) for i in out}
    item_heads = frozenset(i.head.i for i in out)
    out += [extra for i in out
            if (extra := _coordinated_modifier(r, sent, i, actor_chars, item_heads)) is not None
            and (extra.head.i, extra.text) not in named]
    if not any(i.entry.type == "funding" for i in out):
        out += bare_sums(r, sent, out)
    out = [with_trade_noun(r, sent, i) for i in out]
    return sorted(out, key=lambda i: i.start)


def with_trade_noun(r: Resources, sent: Span, item: ItemMention) -> ItemMention:
    """"Germany approved arms exports worth €485 million to Israel": a broad word for arms
    before a noun of trade names the trade ("arms exports"), which is the item."""
    if not is_trade(r, item):
        return item
    trade = item.head.head
    end = trade.idx + len(trade.text) - sent.start_char
    return dataclasses.replace(item, text=sent.text[item.start:end], end=end)


def is_trade(r: Resources, item: ItemMention) -> bool:
    """"arms exports", "weapons sales": a broad word for arms right before a noun of trade."""
    return item.entry.head in r.lex.generic_items and names_trade(r, item.head)


def names_trade(r: Resources, tok: Token) -> bool:
    """"arms" in "arms imports": a word compounded with the noun of trade right after it."""
    return tok.dep_ == "compound" and tok.head.i == tok.i + 1 and \
        tok.head.lower_ in r.words.trade_nouns


# A deal for arms with its value: an item whose type is that of what it buys
DEAL = ItemHead("deal", "weapons", standalone=True)


def is_deal_noun(r: Resources, tok: Token) -> bool:
    """"contract", "deal", "agreement", "order", "sale": a noun that names a deal."""
    return tok.pos_ == "NOUN" and (is_deal_word(r, tok) or tok.lower_ in r.words.sale_nouns)


def deal_items(r: Resources, sent: Span, items: list[ItemMention],
               actor_chars: frozenset[int]) -> list[ItemMention]:
    """"signed a $95 million contract with Baykar for six drones", "approves $2.2 billion
    arms sale to Taiwan", "a deal worth $1.6 billion for 72 launchers": a deal for arms
    whose value the sentence states is a claim of its own, its value the figure, beside the
    items it buys (not "a $2 billion deal to rebuild ports": nothing armed is bought)."""
    w = r.words
    out = []
    for tok in sent:
        if not is_deal_noun(r, tok) or deal_value(r, sent, tok) is None:
            continue
        before = [c for c in tok.children if c.i < tok.i and c.dep_ in ("compound", "amod", "nmod")]
        named = next((i for i in items if i.head in before), None)
        bought = [i for i in items if i.head != tok and i.entry.type != "funding"
                  and (i.head in tok.subtree or deal_for(r, i.head) in (tok, tok.head))]
        if named is None and not bought and not any(
                c.lower_ in w.arms_deal_modifiers for c in before):
            continue
        kind = named or (bought[0] if bought else None)
        entry = dataclasses.replace(DEAL, type=kind.entry.type) if kind else DEAL
        out.append(_mention(r, sent, tok, entry, tok, actor_chars))
    return out


def deal_value(r: Resources, sent: Span, deal: Token) -> QuantityMatch | None:
    """The sum that is a deal's value: "a $95 million contract", "$11.1 billion in arms
    sales", "a deal worth $1.6 billion", "the sale of 108 tanks ... at an estimated value of
    $2.2 billion" (not a sum past another deal: "a deal for jets and a $2bn contract")."""
    w = r.words
    for q in r.quantities(sent.text):
        value = sent.char_span(q.start, q.end, alignment_mode="expand") \
            if q.quantity.unit else None
        if value is None:
            continue
        root = value.root
        if value.end <= deal.i:
            if deal in (root.head, root.head.head) or (
                    deal.dep_ == "pobj" and deal.head.head == root):  # "$11.1bn in sales"
                return q
            continue
        told = re.search(rf"\b(?:{w.deal_value_words})\s+$", sent.text[:q.start],
                         re.IGNORECASE)
        between = sent.doc[deal.i + 1:value.start]
        if told and not any(is_deal_noun(r, t) for t in between) and (
                deal in root.ancestors or deal.head in root.ancestors):
            return q
    return None


# A sum given as it stands ("pledged $500 million to Ukraine"): funding whose item the text
# does not name (the spec's item is "without the number": nothing is left of "$500 million").
# Ambiguous, so that only a sum a transfer verb governs makes a claim.
BARE_SUM = ItemHead("sum", "funding", ambiguous=True, money=True)


def bare_sums(r: Resources, sent: Span, items: list[ItemMention]) -> list[ItemMention]:
    """"pledged $500 million to Ukraine", "provide Kyiv with $7 billion more": a sum that is
    itself what a verb gives, with no item beside it ("$500 million in aid", "a $2bn
    package" and "€500 million worth of equipment" name theirs; "€1bn for drones" is a
    sum given, to buy the drones)."""
    out = []
    names_its_item = re.compile(rf"\s*(?:\([^)]*\)\s*)?(?:{r.words.value_words})\b",
                                re.IGNORECASE)
    for q in r.quantities(sent.text):
        if not q.quantity.unit:
            continue
        if names_its_item.match(sent.text, q.end) and any(i.start >= q.end for i in items):
            continue
        span = sent.char_span(q.start, q.end, alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        if root.dep_ not in ("dobj", "pobj", "nsubjpass", "conj") \
                or root.dep_ == "pobj" and root.head.lower_ != "with" \
                or any(c.dep_ == "prep" for c in root.children) or root.head.pos_ == "NOUN":
            continue
        out.append(ItemMention(root, BARE_SUM, "", q.start, q.end))
    return out


def _joint_names(sent: Span, items: list[ItemMention]) -> list[ItemMention]:
    """"KN-23 and KN-24 ballistic missiles", "Storm Shadow and SCALP missiles": a named
    system joined to the next item's phrase is one item with it (not "ammunition and
    combat drones", two common nouns)."""
    out: list[ItemMention] = []
    for item in items:
        prev = out[-1] if out else None
        original = sent.text[prev.start:prev.end] if prev else ""
        if prev is not None and sent.text[prev.end:item.start] in (" and ", " or ") \
                and " " in item.text and " " not in prev.text \
                and re.search(r"\d|[A-Z]{2}|^[A-Z]", original) \
                and not re.search(r"\d|[A-Z]{2}|^[A-Z]", sent.text[item.end - len(
                    item.text.split()[-1]):item.end]):
            out[-1] = ItemMention(item.head, item.entry,
                                  sent.text[prev.start:item.end].lower(), prev.start,
                                  item.end)
            continue
        out.append(item)
    return out


def _coordinated_modifier(r: Resources, sent: Span, item: ItemMention,
                          actor_chars: frozenset[int],
                          item_heads: frozenset[int] = frozenset()) -> ItemMention | None:
    """'attack' in "attack and reconnaissance drones" names a second item: attack drones
    (not "economic cooperation and technical support": the first is an item itself)."""
    first = sent.char_span(item.start, item.end, alignment_mode="expand")
    if first is None:
        return None
    conj = first[0]
    modifier = conj.head
    if conj.dep_ == "conj" and modifier.head == item.head and modifier.i < conj.i:
        pass  # "attack and reconnaissance drones" parsed as modifiers of "drones"
    elif item.head.dep_ == "conj" and conj.i < item.head.i and item.head.head.i < conj.i:
        # ... or as "attack" and "reconnaissance drones": a bare singular noun that is
        # not an item itself ("ammunition and combat drones" are two items)
        modifier = item.head.head
        if modifier.tag_ != "NN" or any(c.dep_ in ("nummod", "poss", "compound")
                                        for c in modifier.children if c.i < modifier.i):
            return None
    elif (joined := next((c for c in item.head.children if c.i < conj.i
                          and c.dep_ in ("nmod", "compound", "amod") and any(
                              cc.dep_ == "cc" and cc.i == c.i + 1 for cc in c.children)),
                         None)) is not None and joined.lower_ in r.vocab.items:
        modifier = joined  # "artillery and cruise missiles", "artillery" parsed as a modifier
    else:
        return None
    if any(0 <= modifier.idx - sent.start_char - q.end <= 2
           for q in r.quantities(sent.text)):
        return None  # "100 KN-23 and KN-24 missiles": one number, one claim (the spec)
    if modifier.lower_ in r.vocab.items and modifier.dep_ != "conj":
        # "ammunition and combat drones": the modifier is an item of its own
        return _mention(r, sent, modifier, r.vocab.items[modifier.lower_], modifier,
                        actor_chars)
    if modifier.i in item_heads or modifier.dep_ == "conj" or not any(
            c.dep_ == "cc" and c.i == modifier.i + 1 for c in modifier.children):
        return None
    mention = _mention(r, sent, item.head, item.entry, modifier, actor_chars)
    end = modifier.idx + len(modifier.text) - sent.start_char
    rest = sent.text[conj.idx + len(conj.text) - sent.start_char:item.end].lower()
    text = sent.text[mention.start:end].lower() + rest
    return ItemMention(item.head, item.entry, text, mention.start, item.end)


def _is_modifier(r: Resources, tok: Token) -> bool:
    """'rocket' in 'rocket launchers', 'drone' in 'drone production'."""
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    if tok.head.pos_ == "NOUN" and tok.head.i > tok.i and is_transfer(r, tok.head) \
            and tok.head.lemma_.lower() not in r.lex.package_nouns:
        return False  # "drone deliveries": the drones move
    if tok.dep_ in ("compound", "amod", "nmod") and tok.head.i > tok.i \
            and tok.head.pos_ in ("NOUN", "PROPN"):
        return True
    return bool(nxt is not None and nxt.pos_ in ("NOUN", "PROPN") and nxt.dep_ != "conj"
                and nxt.lower_ not in r.words.modifier_breakers and tok.head == nxt)


def _counts_its_owner(r: Resources, sent: Span, item: ItemMention,
                      heads: dict[int, ItemMention]) -> bool:
    """"a contingent of 2,600 troops", "a force of 3,000 soldiers": items of the owner's
    type counted right after its "of" are what is sent, and their figure is the figure; so
    are the items a counting word of their type holds ("1 million rounds of shells")."""
    tok = item.head
    if tok.dep_ != "pobj" or tok.head.lower_ != "of" or tok.head.head.i not in heads:
        return False
    owner = heads[tok.head.head.i]
    if owner is item or owner.entry.type != item.entry.type:
        return False
    if re.fullmatch(rf"(?:{r.lex.containers})", owner.head.lower_):
        return True  # "1 million rounds of artillery shells": the rounds are the shells
    return any(not q.quantity.unit and owner.end <= q.start and q.end <= item.start
               and re.fullmatch(r"\s+of\s+", sent.text[owner.end:q.start])
               for q in r.quantities(sent.text))


def _glued_slash(sent: Span, tok: Token) -> bool:
    """"SAMP/T": a slash glued between two words is inside one name."""
    return tok.text == "/" and not tok.whitespace_ and tok.i - 1 >= sent.start \
        and not tok.nbor(-1).whitespace_ and tok.nbor(-1).is_alpha


def _glued_scale(sent: Span, tok: Token) -> bool:
    """"2m rounds": the tokenizer cuts "2m" in two, and the "m" is the figure's scale."""
    prev = tok.nbor(-1) if tok.i - 1 >= sent.start else None
    return tok.lower_ in SCALES and prev is not None and prev.like_num \
        and not prev.whitespace_ and prev.text[-1:].isdigit()


def _mention(r: Resources, sent: Span, head: Token, entry: ItemHead, first: Token,
             actor_chars: frozenset[int]) -> ItemMention:
    """The item phrase around ``head``, from ``first`` leftwards over its modifiers."""
    start_tok = first
    i = first.i - 1
    while i >= sent.start:
        t = sent.doc[i]
        if t.lower_ in r.lex.item_stopwords \
                or t.like_num and not re.search(r"\d[a-z]", t.lower_) \
                and not (i - 1 >= sent.start and sent.doc[i - 1].text == "-"
                         and t.text[:1].isdigit()) \
                or t.pos_ in ("DET", "ADP", "VERB", "AUX", "PRON", "CCONJ", "PART", "SCONJ") \
                or t.is_punct and t.text != "-" and not _glued_slash(sent, t) \
                or t.text in r.forms \
                or (t.idx - sent.start_char) in actor_chars \
                or t.dep_ in ("poss", "quantmod") or t.tag_ == "POS" \
                or t.dep_ == "nummod" and (not re.search(r"[A-Za-z]", t.text)
                                           or t.lower_ in UNITS or t.lower_ in SCALES) \
                or _glued_scale(sent, t):
            break  # "a dozen drones", "two hundred trucks": the figure is no part of the item
        if t.text == "-" and (i - 1 < sent.start or sent.doc[i - 1].is_space):
            break
        if t.lower_ in r.words.millimetre and i - 1 >= sent.start \
                and sent.doc[i - 1].like_num:
            start_tok = sent.doc[i - 1]
            i -= 2
            continue
        if t.lower_ in r.words.millimetre and i - 2 >= sent.start \
                and sent.doc[i - 1].text == "-" and sent.doc[i - 2].like_num:
            start_tok = sent.doc[i - 2]  # "155-mm shells", "2,000-pound bombs"
            i -= 3
            continue
        start_tok = t
        i -= 1
    # a hyphenated demonym ("Iranian-made") stays out of the item
    while start_tok.i < head.i and (start_tok.text in r.forms or start_tok.text in ("-", "/")
                                    or sent.doc[start_tok.i].lower_.endswith("-made")):
        start_tok = sent.doc[start_tok.i + 1]
    s = start_tok.idx - sent.start_char
    end_tok = head
    nxt = head.nbor(1) if head.i + 1 < sent.end else None
    if nxt is not None and _DESIGNATOR.match(nxt.text) and nxt.head.i <= nxt.i:
        end_tok = nxt  # a model designator: "Leopard 2A6s", "Strv 121s"
    e = end_tok.idx + len(end_tok.text) - sent.start_char
    text = sent.text[s:e].lower()
    text = re.sub(rf"^(?:{r.words.maker_participles})\s+", "", text)
    return ItemMention(head, entry, text, s, e)
