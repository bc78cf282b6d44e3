"""Grammar the passes share: a token's lemma, whether it states a transfer, and the
predicate that governs an item."""

from __future__ import annotations

from spacy.tokens import Token

from .resources import Resources


def lemma(tok: Token) -> str:
    return (tok.lemma_ or tok.lower_).lower()


def is_transfer(r: Resources, tok: Token) -> bool:
    """A verb or noun of handing over: "send", "receive", "deliveries", "make available"."""
    lem, low = lemma(tok), tok.lower_
    if tok.pos_ in ("VERB", "AUX"):
        handed = r.transfer_nouns | r.lex.payment_nouns
        if lem == "make" and any(c.lower_ == "available" or c.dep_ == "dobj" and
                                 c.lemma_.lower() in handed for c in tok.children):
            return True  # "make 14 tanks available", "make a payment to Tehran"
        if any(f"{lem} {c.lower_}" in r.give for c in tok.children
               if c.dep_ in ("prt", "advmod") and c.i == tok.i + 1):
            return True  # "will be held back": a verb with its particle
        if lem in r.words.carrying_give:  # "trucked rockets to the group", not "trucks"
            # carried somewhere (not "ferry the crews across"): to a destination
            return any(c.dep_ == "dobj" for c in tok.children) and any(
                c.dep_ == "prep" and c.lower_ in r.words.destination_preps
                for c in tok.children)
        return lem in r.give or lem in r.receive or low in r.give
    return low in r.transfer_nouns or lem in r.transfer_nouns


def first_conjunct(tok: Token, deps: tuple[str, ...] = ("conj",)) -> Token:
    """The first member of the list ``tok`` is in ("tanks, howitzers and jets" -> "tanks"),
    climbing the parse's ``deps`` (add "appos" where the parse hangs a list member by
    apposition); ``tok`` itself when it is in no list."""
    while tok.dep_ in deps and tok.head != tok:
        tok = tok.head
    return tok


def is_deal_word(r: Resources, tok: Token) -> bool:
    """A word of the deal nouns, by form or lemma ("contract", "agreements", "accords")."""
    return tok.lower_ in r.words.deal_nouns or lemma(tok) in r.words.deal_nouns


def _what_is_for(head: Token) -> Token | None:
    """The word an item (or the first of a list, which the parse may hang by apposition) is
    "for": "signed for 54 howitzers" -> "signed"; None when it is not the object of "for"."""
    t = first_conjunct(head, ("conj", "appos"))
    if t.dep_ == "pobj" and t.head.lower_ == "for":
        return t.head.head
    # "for up to 1,000 K2 tanks, 672 K9 howitzers, 288 launchers and ...": a list the parse
    # broke after a comma, hanging the next member on the word the first is "for"
    before = t.left_edge.i - 1
    if before < 2 or t.doc[before].text != "," or t.doc[before - 1].pos_ not in ("NOUN", "PROPN"):
        return None
    owner = _what_is_for(t.doc[before - 1])
    return owner if owner is not None and t.head == owner else None


def deal_for(r: Resources, head: Token) -> Token | None:
    """The deal an item is bought by: "agreements with Seoul for 1,000 K2 tanks" (the
    noun), "Bucharest signed for 54 howitzers" (the verb of signing)."""
    owner = _what_is_for(head)
    if owner is None:
        return None
    w = r.words
    if owner.pos_ == "ADJ" and owner.dep_ == "amod" and owner.head.pos_ == "NOUN":
        owner = owner.head  # "a deal worth $1.6 billion for 72 launchers": the deal's
    if owner.pos_ == "VERB" and lemma(owner) in w.signing_verbs:
        return owner
    if owner.pos_ == "NOUN" and owner.lower_ in w.deal_nouns and (
            lemma(owner.head) in w.signing_verbs or any(
                c.dep_ == "poss" or c.dep_ == "prep" and c.lower_ in w.seller_preps
                for c in owner.children)):
        return owner  # (not "contractors book orders for new weapons": no party to it)
    return None


def thanked_for(r: Resources, head: Token) -> tuple[Token, Token] | None:
    """(the verb of thanking, the one thanked) when an item is what a party is thanked for:
    "Zelensky thanked Germany for the Patriot systems" (Germany), "expressed gratitude to
    the French side for the radars" (the French side); or what a buyer turned to a
    supplier for ("turned to Russia for aircraft": Russia)."""
    verb, w = _what_is_for(head), r.words
    if verb is None or verb.pos_ != "VERB":
        return None
    if lemma(verb) in w.thanking_words:
        thanked = next((c for c in verb.children if c.dep_ == "dobj"), None)
    elif any(c.dep_ == "dobj" and lemma(c) in w.thanking_words for c in verb.children):
        thanked = next((o for c in (verb, *verb.children) for p in c.children
                        if p.dep_ == "prep" and p.lower_ == "to"
                        for o in p.children if o.dep_ == "pobj"), None)
    elif (turned := turned_to(r, verb)) is not None:
        thanked = turned  # "Mali has turned to Russia for aircraft": Russia supplies them
    else:
        return None
    return (verb, thanked) if thanked is not None else None


def turned_to(r: Resources, verb: Token) -> Token | None:
    """The supplier a buyer turns to: "Armenia has turned to India for arms" -> "India"
    (the verb and preposition in ``supplier_turning``); None for any other verb."""
    for p in verb.children:
        if p.dep_ == "prep" and f"{lemma(verb)} {p.lower_}" in r.words.supplier_turning:
            return next((o for o in p.children if o.dep_ == "pobj"), None)
    return None


def is_deal(r: Resources, pred: Token | None, item: Token) -> bool:
    """``pred`` is the deal ``item`` is bought by (``deal_for``'s answer), or the deal is
    itself the item ("signed a $95 million contract with Baykar")."""
    return pred is not None and (deal_for(r, item) == pred or pred == item
                                 and is_deal_word(r, item))


def governing(r: Resources, head: Token) -> tuple[Token | None, list[Token]]:
    """The transfer predicate of an item (verb or noun), and the chain above the item."""
    chain: list[Token] = []
    deal = deal_for(r, head)
    if deal is not None:
        return deal, [deal, *deal.ancestors]
    thanks = thanked_for(r, head)
    if thanks is not None and not any(c.dep_ in ("acl", "relcl") for c in head.children):
        return thanks[0], [thanks[0], *thanks[0].ancestors]  # "thanked France for radars"
    # participles and relative clauses on the item itself: "drones supplied to Russia"
    for child in head.children:
        if child.dep_ in ("acl", "relcl") and child.pos_ == "VERB" and \
                is_transfer(r, child) and lemma(child) not in r.lex.combat_use \
                and not (child.dep_ == "relcl" and head.dep_ == "dobj"
                         and is_transfer(r, head.head)
                         and any(c.dep_ == "nsubj" for c in child.children)):
            # not "ammunition used in the war"; and "handed over the Patriots they
            # pledged" is told by its main verb
            return child, [child, *child.ancestors]
    # "Abrams tanks — 108 ordered in 2019" (a fact box): a figure set beside the item
    # stands for it, and the participle on the figure tells what became of them
    for fig in head.children:
        if fig.dep_ == "appos" and fig.pos_ == "NUM" and fig.i > head.i:
            for child in fig.children:
                if child.dep_ == "acl" and child.pos_ == "VERB" and is_transfer(r, child) \
                        and lemma(child) not in r.lex.combat_use:
                    return child, [child, fig, *fig.ancestors]
    # "tanks available for supply to Ukraine": a transfer noun inside the item's phrase
    for t in head.subtree:
        if t != head and t.pos_ == "NOUN" and is_transfer(r, t) and \
                head.i < t.i <= head.i + 5 and t.dep_ == "pobj" and \
                t.lemma_.lower() not in r.lex.package_nouns:
            return t, [t, *t.ancestors]
    tok = head
    steps = 0
    while tok.head != tok and steps < 8:
        # a list is one step, however long: "engines, microchips, ..., control boards"
        steps += not (tok.dep_ == "conj" and tok.head.dep_ == "conj")
        tok = tok.head
        chain.append(tok)
        if lemma(tok) == "be" and head.dep_ == "nsubj" and chain == [tok]:
            # "The missiles were part of an aid package": the package hands them over
            for attr in tok.children:
                if attr.dep_ == "attr" and attr.lower_ in r.words.part_nouns:
                    for prep in attr.children:
                        if prep.dep_ == "prep" and prep.lower_ in r.words.part_preps:
                            for noun in prep.children:
                                if noun.dep_ == "pobj" and is_transfer(r, noun):
                                    return noun, [noun, *noun.ancestors]
        if lemma(tok) == "be":
            # "Among the items being withheld are dozens of interceptors"
            for prep in tok.children:
                if prep.dep_ == "prep" and prep.lower_ == "among":
                    for verb in prep.subtree:
                        if verb.dep_ in ("acl", "relcl") and is_transfer(r, verb):
                            return verb, [verb, *verb.ancestors]
        if tok.pos_ in ("VERB", "AUX") and not is_transfer(r, tok):
            # "jets are set to be sent", "drones are expected to arrive"
            for child in tok.children:
                if child.dep_ in ("xcomp", "ccomp") and child.pos_ == "VERB" and \
                        is_transfer(r, child) and (child.i > head.i or child.dep_ == "xcomp"):
                    return child, [child, *child.ancestors]
            shared = _shared_subject_transfer(r, head, tok) if chain == [tok] else None
            if shared is not None:
                return shared, [shared, *shared.ancestors]
            if tok.pos_ == "VERB" and len(chain) == 1 and head.dep_ in ("nsubj", "nsubjpass") \
                    and tok.dep_ in ("advcl", "conj", "ccomp", "relcl"):
                break  # "..., while 8,000 workers are employed in Russia": their own clause
            if tok.pos_ == "VERB" and chain[-2:-1] and chain[-2].dep_ in ("dobj",) or \
                    tok.pos_ == "VERB" and len(chain) == 1 and head.dep_ == "dobj":
                break  # "promised to reduce military aid": the aid belongs to "reduce"
            if tok.pos_ == "VERB" and chain[-2:-1] and chain[-2].dep_ == "prep" and any(
                    c.dep_ == "dobj" for c in tok.children):
                break  # "mitigate delays in U.S. assistance": so does the assistance
        if tok.dep_ == "prep" and tok.lower_ in r.words.backing_preps and \
                tok.head.pos_ == "VERB" and lemma(tok.head) in r.words.backing_verbs and \
                any(c.dep_ == "pobj" and head in (c, *c.conjuncts) for c in tok.children) and \
                any(c.dep_ == "dobj" for c in tok.head.children):
            # "Poland has supported Ukraine with tanks": the verb hands the item over
            return tok.head, [tok.head, *tok.head.ancestors]
        if tok.lower_ in r.words.list_introducers and \
                tok.dep_ in ("prep", "amod"):
            listed = _listed_by_transfer_noun(r, tok)
            if listed is not None:
                return listed, [listed, *listed.ancestors]
            continue  # "hardware, including launchers": the launchers share its verb
        if (lemma(tok) in r.arrive and chain[-2:-1] and chain[-2].dep_ not in (
                "nsubj", "nsubjpass", "conj") or lemma(tok) in r.arrive and
                len(chain) == 1 and head.dep_ not in ("nsubj", "nsubjpass")) and \
                not any(t.lower_ in r.words.companions for t in chain):
            # (but "tanks arrived along with 40 Marder vehicles": companions arrive too)
            break  # "it can reach 40 km with shells": only what arrives arrives
        if is_transfer(r, tok) and (tok.pos_ in ("VERB", "AUX") or tok.i != head.i):
            if tok.pos_ == "NOUN":  # "received a batch of missiles": the verb decides
                up = tok.head
                if up.pos_ == "VERB" and is_transfer(r, up) and tok.dep_ in (
                        "dobj", "nsubjpass", "nsubj", "pobj"):
                    return up, [up, *up.ancestors]
                if up.dep_ == "prep" and up.lower_ == "of" and up.head.pos_ == "NOUN" and \
                        is_transfer(r, up.head):
                    continue  # "took delivery of its second batch of tanks": the outer noun
            return tok, [tok, *tok.ancestors]
        if tok.pos_ == "VERB" and lemma(tok) in r.reporting and steps > 1:
            break
    return None, chain


def _shared_subject_transfer(r: Resources, head: Token, verb: Token) -> Token | None:
    """"Ten engineers trained in Minsk and were then posted to Serbia", "the drones turned
    up in Chad, thought to be sold by Iran to Chad": the subject of a verb is also the
    subject of a verb joined to it that has none of its own; when that one (or the
    infinitive it takes) hands something over to a place named, it governs the subject
    (not "... to the militia", whose recipient would be guessed)."""
    if head.dep_ not in ("nsubj", "nsubjpass") or head.head != verb:
        return None

    def to_named(v: Token) -> bool:  # "posted to Serbia", "stationed in Port Sudan"
        return any(p.dep_ == "prep" and (p.lower_ in r.words.recipient_preps
                                         or p.lower_ in r.words.placed_preps)
                   and any(o.dep_ == "pobj" and o.pos_ == "PROPN" for o in p.children)
                   for p in v.children)

    for conj in verb.children:
        if conj.dep_ != "conj" or conj.pos_ != "VERB" or conj.i < head.i or any(
                c.dep_ in ("nsubj", "nsubjpass", "expl") for c in conj.children):
            continue
        if is_transfer(r, conj) and lemma(conj) not in r.lex.combat_use and to_named(conj):
            return conj
        for comp in conj.children:
            if comp.dep_ == "xcomp" and comp.pos_ == "VERB" and is_transfer(r, comp) and \
                    lemma(comp) not in r.lex.combat_use and to_named(comp):
                return comp
    return None


def _listed_by_transfer_noun(r: Resources, introducer: Token) -> Token | None:
    """"Reports show an escalation in arms transfers ..., including small arms, mortars and
    vehicles": a list after a comma that the parse hangs on words of which none moves
    anything lists what the nearest transfer noun between them moves."""
    host = introducer.head
    if host.i > introducer.i or introducer.i == 0 or introducer.nbor(-1).text != "," or \
            any(is_transfer(r, t) for t in (host, *host.ancestors)):
        return None  # "announced £150 million of aid, including ...": the verb above moves it
    return next((t for t in reversed(introducer.doc[host.i + 1:introducer.i])
                 if t.pos_ == "NOUN" and is_transfer(r, t)), None)


def has_infinitive_to(verb: Token) -> bool:
    """The verb is a to-infinitive ("to send", "to be made"): an auxiliary "to" hangs on it."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def is_purpose_infinitive(tok: Token) -> bool:
    """"funds for shells to be made in Ukraine", "drones to be built locally": a passive
    infinitive on what something is for (not "plans to", nor "a contract to produce",
    whose infinitive the agreement commits to)."""
    return tok.pos_ == "VERB" and tok.dep_ in ("advcl", "acl", "relcl") and \
        has_infinitive_to(tok) and any(c.dep_ == "auxpass" for c in tok.children)
