"""Pass ``activities``: tests, exercises, production and combat told by their cue words;
and pass ``abroad``: troops lost "out of" a number sent, which tells they were sent.

An activity claim is read whole around its cue word (who, what, status, figure), after the
transfer claims: who fought is often who was sent ("out of 14,000 troops sent by North
Korea, about 4,000 were killed").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Span, Token

from ...model import TRANSFER_TYPES
from ..context import ABROAD, ACTIVITY, ActorMention, Draft, ItemMention, SentenceContext, replace
from ..grammar import first_conjunct, has_infinitive_to, is_purpose_infinitive, lemma
from ..resources import Resources
from ..timex import find_times
from .base import sentence_pass
from .parties import helped_making, owner_of_personnel
from .quantity import quantity_for
from .status import production_started, status_of

ACTIVITY_ORDER = ("test", "exercise", "production", "combat")


@sentence_pass(reads={"span", "actors", "reporters", "items", "drafts", "draft.type",
                      "draft.actor"},
               sets={"drafts", "draft.rule", "draft.type", "draft.actor", "draft.item",
                     "draft.status", "draft.quantity", "draft.basis", "draft.anchor",
                     "draft.pred", "draft.people_before", "draft.maker"})
def activities(r: Resources, ctx: SentenceContext) -> SentenceContext:
    """One claim of each activity the sentence tells, and combat once for each side that
    fights."""
    sent, actors, items, drafts = ctx.span, ctx.actors, ctx.items, list(ctx.drafts)
    out: list[Draft] = []
    inside = {i for item in items for i in range(item.start, item.end)}
    heads = {item.head.i for item in items}
    words = [(t, t.lower_, lemma(t)) for t in sent]
    test_fired = re.search(rf"\btest[- ]?(?:{r.words.test_fire_stems})\w*", sent.text,
                           re.IGNORECASE)
    for kind in ACTIVITY_ORDER:
        cues = r.activity[kind]
        hits = [t for t, low, lem in words if (low in cues or lem in cues
                and t.pos_ in ("VERB", "NOUN")
                or kind == "combat" and lem == "take"  # "take part in the fighting"
                and any(c.lower_ == "part" for c in t.children))
                and not (t.dep_ in ("compound", "amod", "nmod", "conj")
                         and t.head.pos_ in ("NOUN", "PROPN")
                         and (t.head.lower_ not in cues or t.head.i in heads)
                         and not (t.i > 1 and t.nbor(-1).text == "-"
                                  and t.nbor(-2).lower_ == "mass"))  # "mass-produce"
                and (t.idx - sent.start_char) not in inside
                and not any(guard(r, t, sent, kind) for guard in ACTIVITY_GUARDS)]
        if kind == "combat":  # "Ukraine used them against Russian convoys"
            hits = sorted(hits + [t for t in sent if t not in hits
                                  and used_arms_told(r, ctx, t) is not None
                                  and not any(guard(r, t, sent, kind)
                                              for guard in ACTIVITY_GUARDS)],
                          key=lambda t: t.i)
        if kind == "production" and not hits:
            hits = [t for t in sent if made_in(r, t, sent, actors) is not None
                    and not any(guard(r, t, sent, kind) for guard in ACTIVITY_GUARDS)]
        if kind == "test" and test_fired:
            span = sent.char_span(test_fired.start(), test_fired.end(),
                                  alignment_mode="expand")
            hits = [span[-1]] if span is not None else hits
        # one claim of each activity, but combat once for each side that fights
        for hit in hits if kind == "combat" else hits[:1]:
            # "out of 14,000 troops sent by North Korea, about 4,000 were killed": the
            # people this sentence has sent are the ones who fought
            senders = [d.actor for d in drafts if d.type == "personnel" and d.actor
                       and d.actor not in r.belligerents]
            draft = _activity_draft(r, ctx, hit, kind, senders[0] if senders else None)
            if draft is None:
                continue
            if kind == "combat" and (
                    any(d.type == "test" for d in drafts + out)
                    or any(d.type == "combat" and d.actor == draft.actor
                           for d in drafts + out)):
                continue
            out.append(draft)
            if kind in ("production", "test"):
                out.extend(replace(draft, item=other.text)
                           for other in coordinated_items(items, draft.item))
            if kind == "combat" and sum(d.type == "combat" for d in out) >= 2:
                break
    if not out:
        return ctx
    sent_for = [d for d in drafts if d.type in TRANSFER_TYPES and d.pred is not None]
    # "sent 12,000 soldiers to Russia to take part in the war": what they are sent for
    # is the transfer's purpose, not a combat claim
    out = [a for a in out if not (a.type == "combat" and a.pred is not None and any(
        in_purpose_clause(d.pred, a.pred) for d in sent_for if d.pred is not None))]
    # "Beijing sent 2,000 troops and 300 vehicles to take part in the drills": taking
    # part in the exercise, not a transfer to anyone (unless the sentence names one)
    drills = [a.pred for a in out if a.type == "exercise" and a.pred is not None]
    kept = tuple(d for d in ctx.drafts if not (
        d.type in TRANSFER_TYPES and d.recipient is None and d.pred is not None
        and any(in_purpose_clause(d.pred, hit) for hit in drills)))
    return replace(ctx, drafts=kept + tuple(out)) if out or kept != ctx.drafts else ctx


def in_purpose_clause(verb: Token, tok: Token) -> bool:
    """``tok`` stands in a purpose infinitive of ``verb`` ("sent troops to take part in
    the drills"): an infinitive clause (``to`` + verb) hanging on the verb."""
    return any(c.dep_ in ("advcl", "xcomp") and c.pos_ == "VERB" and has_infinitive_to(c)
               and tok.i in {t.i for t in c.subtree} for c in verb.children)


def coordinated_items(items: Sequence[ItemMention], item: str | None
                      ) -> list[ItemMention]:
    """"production of drones and ballistic missiles": the items joined to the one an
    activity names are made (or tested) too, one claim each."""
    first = next((i for i in items if i.text == item), None)
    if first is None:
        return []
    joined = set(first.head.conjuncts)
    head = first.head
    if head.dep_ in ("nmod", "compound", "amod") and any(c.dep_ == "cc" for c in head.children):
        joined.add(head.head)  # "production of artillery and cruise missiles" (as parsed)
    return [i for i in items if i is not first and i.head in joined and i.text != item]


def _activity_draft(r: Resources, ctx: SentenceContext, hit: Token, kind: str,
                    sent_people: str | None = None) -> Draft | None:
    """One activity claim (test, exercise, production, combat) around its cue word."""
    sent, actors, items = ctx.span, ctx.actors, ctx.items
    actor = activity_actor(r, ctx, hit, kind)
    if actor is None and kind == "combat":
        actor = sent_people
    item = activity_item(r, sent, hit, items, kind)
    if kind == "combat" and (told := used_arms_told(r, ctx, hit)) is not None:
        item = told
    fighters = definite_people(r, hit, items) if actor is None and kind == "combat" \
        else None
    told_before = fighters is not None or actor is None and kind == "combat" \
        and people_pronoun(r, hit)
    item = fighters.text if fighters is not None else item
    if actor is None and not told_before and (kind == "combat" or kind in (
            "exercise", "test") and not any(not a.context for a in actors)):
        return None  # who fought, drilled or tested must be named here (or just before)
    quantity = None
    if kind == "combat":
        linked = [i for i in items if i.text == item] if item else []
        # "about 4,000 killed or wounded": a figure right before the cue counts the losses,
        # even when the people were counted before ("out of 14,000 troops, about 4,000")
        cue_at = hit.idx - sent.start_char
        q = next((q for q in r.quantities(sent.text)
                  if 0 <= cue_at - q.end <= 30 and not q.quantity.unit
                  and not re.fullmatch(r"(?:19|20)\d\d", sent.text[q.start:q.end])  # a year
                  and not any(q.end <= i.start < cue_at for i in items)), None)
        if q is None and linked:
            q = quantity_for(r, sent, linked[0], r.quantities(sent.text))
        quantity = q.quantity if q else None
    before = sent.text[:hit.idx - sent.start_char + 40].lower()
    basis = "additional" if item and re.search(
        rf"\b(?:{r.words.activity_additive})\s+{re.escape(item)}", before) else None
    maker = False
    if kind == "combat" and actor is not None:
        # "North Korean weapons are being used": the maker named, the user fights
        arms = [i for i in items if i.entry.type in ("weapons", "munitions")]
        maker = any(a.actor == actor and a.kind in ("demonym", "origin")
                    and 0 <= i.start - a.end <= 3 for i in arms for a in actors) \
            and not any(a.actor != actor and not a.context for a in actors)
    return Draft(rule=ACTIVITY, type=kind, item=item, anchor=hit.idx - sent.start_char,
                 pred=hit, actor=actor, status=activity_status(r, hit, sent, kind),
                 quantity=quantity,
                 basis=basis, people_before=told_before, maker=maker)


def is_put_to_peaceful_use(r: Resources, verb: Token) -> bool:
    """"The coast guard has used the boats to patrol the shoal": arms used for a purpose
    that is no fighting (patrols, transport, rescue) are not used in battle."""
    return lemma(verb) in r.words.firing_verbs and any(
        c.dep_ in ("xcomp", "advcl") and lemma(c) in r.words.peaceful_purposes
        for c in verb.children)


def used_arms_told(r: Resources, ctx: SentenceContext, verb: Token) -> str | None:
    """"The drone became famous when Ukraine used it against Russian convoys", "Britain
    gave Ukraine the missiles, and Kyiv fired them at a bridge": a pronoun object of a
    verb of firing stands for the arms its sentence named last before it; using them is
    fighting with them (the sentence before is not searched: no corpus needed it)."""
    if verb.pos_ != "VERB" or lemma(verb) not in r.words.firing_verbs or \
            is_put_to_peaceful_use(r, verb) or not any(
                c.dep_ == "dobj" and c.lower_ in r.words.arms_pronouns
                for c in verb.children):
        return None
    sent = ctx.span
    at = verb.idx - sent.start_char
    before = [i for i in ctx.items if i.entry.type in ("weapons", "munitions")
              and i.end <= at]
    return before[-1].text if before else None


def activity_status(r: Resources, hit: Token, sent: Span, kind: str = "") -> str:
    """The status of the activity's clause; what money or a pledge is for ("€1bn for
    shells to be made in Ukraine") is planned, whatever the pledge's own status; production
    that has begun ("began producing drones") goes on."""
    status = status_of(r, hit, sent)
    if is_purpose_infinitive(hit) and status not in ("denied", "possible"):
        return "planned"
    if kind == "production" and status == "done" and production_started(r, hit):
        return "ongoing"
    return status


def is_figurative(r: Resources, tok: Token, sent: Span, kind: str) -> bool:
    """A "charm offensive" is not an offensive; 'participate' is combat only with a
    war-like object ("participate in the war")."""
    w = r.words
    if re.search(rf"\b(?:{w.figurative_modifiers})\s+$", sent.text[:tok.idx - sent.start_char]):
        return True
    if lemma(tok) not in w.participation_verbs:
        return False
    after = sent.text[tok.idx - sent.start_char:][:80].lower()
    return not re.search(rf"\b(?:{w.war_objects})", after)


def is_fight_for_a_cause(r: Resources, tok: Token, sent: Span, kind: str) -> bool:
    """"Ukraine is fighting for the freedom of all of Europe", "the army's capacity in the
    fight against terrorism": a fight for a cause, or against a scourge, names a mission,
    not fighting told as news (a strike or a killing in the sentence is its own cue)."""
    if kind != "combat" or lemma(tok) != "fight":
        return False
    after = sent.text[tok.idx + len(tok.text) - sent.start_char:]
    w = r.words
    return bool(re.match(rf"\s+for\s+(?:(?:{w.phrase_determiners})\s+)?"
                         rf"(?:{w.cause_nouns})\b", after, re.IGNORECASE)
                or re.match(rf"\s+against\s+(?:{w.scourge_nouns})\b", after, re.IGNORECASE))


def is_display_firing(r: Resources, tok: Token, sent: Span, kind: str) -> bool:
    """"The Gepard tank fires during a demonstration at the exercise area": firing at a
    display, drill or trial (a photo caption's words) is no fighting."""
    if kind != "combat":
        return False
    w = r.words
    after = sent.text[tok.idx + len(tok.text) - sent.start_char:]
    return bool(re.match(rf"\s+(?:{w.display_preps})\s+(?:{w.phrase_determiners})\s+(?:[\w-]+\s+)?"
                         rf"(?:{w.display_nouns})\b", after, re.IGNORECASE))


def is_setting_only(r: Resources, tok: Token, sent: Span, kind: str) -> bool:
    """"as Russia endures costs on the battlefield", "months to arrive on the battlefield":
    the place of fighting, after a preposition, is the setting of another act, not
    fighting told (a verb of fighting in the sentence is its own cue)."""
    return kind == "combat" and tok.pos_ == "NOUN" and lemma(tok) in r.words.setting_nouns \
        and tok.dep_ == "pobj" and tok.head.lower_ in r.words.setting_preps


def is_watched_only(r: Resources, tok: Token, sent: Span, kind: str) -> bool:
    """"Poland and Lithuania said they would watch the exercises closely": drills that the
    subject only watches are someone else's, told elsewhere; the watchers hold none (a
    phrase that names whose they are is read as before)."""
    if kind not in ("exercise", "test") or tok.pos_ != "NOUN" or tok.dep_ != "dobj":
        return False
    return lemma(tok.head) in r.words.watching_verbs and not any(
        c.dep_ in ("poss", "amod", "compound") and c.pos_ in ("PROPN", "ADJ")
        for c in tok.children)


def is_deal_struck(r: Resources, tok: Token, sent: Span, kind: str) -> bool:
    """"Saudi Arabia has struck what the White House called the largest defence sales
    agreement": a deal struck is no strike."""
    return kind == "combat" and tok.pos_ == "VERB" and any(
        c.dep_ in ("dobj", "ccomp") and any(lemma(t) in r.lex.package_nouns for t in c.subtree)
        for c in tok.children)


def is_contest_over_aid(r: Resources, tok: Token, sent: Span, kind: str) -> bool:
    """"The fight over the aid bill in parliament": a contest over aid, arms sales or
    money is politics, not fighting."""
    if kind != "combat" or tok.pos_ != "NOUN":
        return False
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ in r.words.contest_preps:
            for obj in prep.children:
                entry = r.vocab.items.get(obj.lower_) or r.vocab.items.get(lemma(obj))
                if obj.dep_ == "pobj" and (lemma(obj) in r.transfer_nouns
                                           or obj.lower_ in r.transfer_nouns
                                           or entry is not None and entry.money):
                    return True
    return False


def _clause(tok: Token) -> list[Token]:
    """The verb that states a cue (the cue itself, or the verb its noun hangs on) and the
    verbs above it up to the first finite one."""
    verb = tok
    while verb.pos_ not in ("VERB", "AUX") and verb.head != verb:
        verb = verb.head
    out = [verb]
    for t in verb.ancestors:
        if out[-1].dep_ not in ("xcomp", "ccomp", "advcl", "conj", "acomp", "pcomp",
                                "prep", "pobj", "dobj"):
            break
        out.append(t)
    return out


def is_backdrop_war(r: Resources, tok: Token, sent: Span, kind: str) -> bool:
    """"buying shells for its ongoing fight in Ukraine", "ready to help arm it in its
    year-old fight": the war of a party the clause has named ("its", "their"), inside a
    phrase of another claim, is that claim's backdrop, not fighting told as news (unlike
    "after Ukraine's offensive into Kursk", which tells the offensive)."""
    return kind == "combat" and tok.pos_ == "NOUN" and tok.dep_ == "pobj" and any(
        c.dep_ == "poss" and re.fullmatch(r.words.possessive_pronouns, c.lower_)
        for c in tok.children)


def is_time_landmark(r: Resources, tok: Token, sent: Span, kind: str) -> bool:
    """"flying weapons to Azerbaijan in the weeks around Baku's offensive", "exercises held
    days before the offensive began", "exports approved between the Hamas attack of October
    2023 and May": fighting that only dates another event, at a distance of days or weeks
    or as one end of a span, is that event's landmark, not fighting told as news."""
    if kind != "combat" or tok.pos_ != "NOUN":
        return False
    w = r.words
    if tok.dep_ == "pobj" and tok.head.lower_ in w.landmark_preps:
        return lemma(tok.head.head) in w.landmark_time_nouns
    if tok.dep_ == "pobj" and tok.head.lower_ == "between":
        return any(c.dep_ == "cc" for t in tok.subtree for c in t.children) and bool(
            find_times(sent.doc[tok.head.i:tok.head.right_edge.i + 1].text, None))
    verb = tok.head
    return tok.dep_ == "nsubj" and verb.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in w.landmark_preps for c in verb.children) and any(
        c.dep_ == "npadvmod" and lemma(c) in w.landmark_time_nouns for c in verb.children)


def is_capacity_only(r: Resources, tok: Token, sent: Span, kind: str) -> bool:
    """"they do not have the capacity to develop and produce complex weapons": an
    infinitive on a noun of capability tells what a party can do, not what it does."""
    verb = first_conjunct(tok)
    return verb.pos_ == "VERB" and verb.dep_ == "acl" and has_infinitive_to(verb) and (
        lemma(verb.head) in r.words.capability_nouns
        or verb.head.lower_ in r.words.capability_nouns)


def is_figurative_test(r: Resources, tok: Token, sent: Span, kind: str) -> bool:
    """"relations have been further tested by the shooting down of a balloon": what is
    put to the test in a passive is named as its subject; when that is no item of the
    vocabulary (no arms, no system), it is no weapons test."""
    if kind != "test" or tok.pos_ != "VERB" or tok.tag_ != "VBN":
        return False
    subjects = [c for c in tok.children if c.dep_ == "nsubjpass"]  # ("it": told before)
    return bool(subjects) and all(c.pos_ in ("NOUN", "PROPN") for c in subjects) and not any(
        r.vocab.items.get(t.lower_) or r.vocab.items.get(lemma(t))
        for c in subjects for t in c.subtree)


def is_hypothetical_combat(r: Resources, tok: Token, sent: Span, kind: str) -> bool:
    """Fighting that is only possible, intended or conditional is no combat claim: "the
    launchers could allow the island to strike landing craft if it were ever invaded",
    "the new missile can hit ships 200 km away", "designed to repel air attacks"."""
    if kind != "combat":
        return False
    w = r.words
    clause = _clause(tok)
    for t in clause:
        if lemma(t) in w.enabling_words or t.lower_ in w.enabling_words:
            return True
        if t.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in w.condition_marks
                                     for c in t.children):
            return True
        auxes = {c.lower_ for c in t.children if c.dep_ == "aux"}
        if auxes & w.ability_auxiliaries:
            return True
        if auxes & w.capability_auxiliaries and any(
                c.dep_ == "nsubj" and _is_arms(r, c) for c in t.children):
            return True
    return False


def _is_arms(r: Resources, tok: Token) -> bool:
    entry = r.vocab.items.get(tok.lower_) or r.vocab.items.get(lemma(tok))
    return entry is not None and entry.type in ("weapons", "munitions")


def is_descriptive_maker(r: Resources, tok: Token, sent: Span, kind: str) -> bool:
    """"The PL-9, produced by a state-owned firm, ...", "Both are manufactured by a
    European consortium": who makes a system, told to describe it, is no production
    claim (a participle after its noun; a present passive with its maker)."""
    if kind != "production" or tok.tag_ != "VBN":
        return False
    first = tok
    while first.dep_ == "conj" and first.head.tag_ == "VBN" and first.head != first:
        first = first.head  # "developed by Matra ... and now manufactured by MBDA"
    if first.dep_ == "acl":
        return True
    return any(c.dep_ == "auxpass" and c.lower_ in r.words.present_be for c in tok.children) \
        and any(c.dep_ == "agent" for c in tok.children)


def is_question(r: Resources, tok: Token, sent: Span, kind: str) -> bool:
    """"Has the committee lost its nerve?": a question asks; it claims nothing."""
    return is_question_sentence(sent)


def is_question_sentence(sent: Span) -> bool:
    return sent.text.rstrip(" \"'”’)»").endswith("?")


# An activity cue states no claim when any of these holds.
def is_helped_making(r: Resources, tok: Token, sent: Span, kind: str) -> bool:
    """"China helped Pakistan build the JF-17": the know-how given (``parties._helped``),
    not the helped party's production."""
    return kind == "production" and helped_making(r, tok) is not None


ACTIVITY_GUARDS = (is_figurative, is_fight_for_a_cause, is_display_firing, is_figurative_test,
                   is_deal_struck, is_contest_over_aid, is_setting_only, is_watched_only,
                   is_backdrop_war, is_time_landmark,
                   is_hypothetical_combat, is_capacity_only,
                   is_descriptive_maker, is_question, is_helped_making)


def definite_people(r: Resources, hit: Token, items: Sequence[ItemMention]
                    ) -> ItemMention | None:
    """"The soldiers will ... participate in offensive operations": the fighters are
    people told of before (the document pass finds whose)."""
    people = {i.head.i: i for i in items if i.entry.type == "personnel"}
    verb = hit if hit.pos_ == "VERB" else hit.head
    for t in (verb, *verb.ancestors):
        for child in t.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                definite = any(c.dep_ == "det" and c.lower_ in r.lex.anaphoric_determiners
                               for c in child.children)
                return people.get(child.i) if definite else None
        if t.pos_ == "VERB" and t.dep_ not in ("xcomp", "conj"):
            break
    return None


def people_pronoun(r: Resources, hit: Token) -> bool:
    """"At least 1,100 of them have been killed": the fighters are a part of people told
    of before (the document pass finds whose; a bare "they" may be anyone: "they fight for
    their survival")."""
    verb = hit if hit.pos_ == "VERB" else hit.head
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return any(c.dep_ == "prep" and c.lower_ == "of" and any(
                o.lower_ in r.words.people_pronouns for o in c.children) for c in child.children)
    return False


def made_in(r: Resources, tok: Token, sent: Span, actors: Sequence[ActorMention]
            ) -> str | None:
    """The maker in "most of which are made in China", "drones built in Iran"."""
    if tok.tag_ != "VBN" or lemma(tok) not in r.lex.made_verbs:
        return None
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ == "in":
            for a in actors:
                if a.start == prep.idx + len(prep.text) + 1 - sent.start_char \
                        and a.kind in ("alias", "capital") and not a.possessive:
                    return a.actor
    return None


def given_to(r: Resources, ctx: SentenceContext, subject: Token) -> str | None:
    """"Storm Shadow missiles, which Britain has donated to Ukraine, were fired": a clause
    of giving on the arms used names who received them, the side that uses them."""
    sent = ctx.span
    for clause in subject.children:
        if clause.dep_ not in ("relcl", "acl") or lemma(clause) not in r.give:
            continue
        lo = clause.left_edge.idx - sent.start_char
        hi = clause.right_edge.idx + len(clause.right_edge.text) - sent.start_char
        to = [a for a in ctx.actors if lo <= a.start < hi and not a.context
              and r.lex.recipient_after.search(sent.text[:a.start])]
        if to:
            return to[0].actor
    return None


def activity_actor(r: Resources, ctx: SentenceContext, hit: Token, kind: str) -> str | None:
    """Who tests, drills, produces or fights: the cue's own phrase, the subject of its
    verb, then the party named last before it."""
    sent, actors, items = ctx.span, ctx.actors, ctx.items
    if kind == "production" and (maker := made_in(r, hit, sent, actors)):
        return maker

    def named_before(tok: Token) -> str | None:
        """Whose "its" is: the party subject of its clause or of a clause above it ("The
        Russians used Chinese tools to increase its missile production"; a pronoun
        subject looks further up), else the party named last before it."""
        for t in tok.ancestors:
            subjects = [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")]
            if not subjects:
                continue
            lo, hi = subjects[0].left_edge.idx, subjects[0].right_edge.idx
            named = [a for a in actors if lo <= a.start + sent.start_char <= hi
                     and not a.context]
            if named:
                return named[0].actor
            if subjects[0].pos_ != "PRON":
                break
        earlier = [a for a in actors if a.end <= tok.idx - sent.start_char
                   and not a.context and not a.possessive]
        return earlier[-1].actor if earlier else None

    def in_subtree(tok: Token) -> str | None:
        owner = [c for c in (tok, *tok.children) if c.dep_ == "pobj"] or [tok]
        if any(c.dep_ == "poss" and c.lower_ in r.words.collective_possessives
               for c in owner[0].children):
            # "North Korea confirmed that its troops were participating", "the
            # production of its shells"
            earlier = named_before(tok)
            if earlier:
                return earlier
        # not a party inside a clause hung on the phrase ("the production of shells
        # needed to keep attacking Ukraine")
        clauses = [t for t in tok.subtree if t != tok and t.pos_ in ("VERB", "AUX")
                   and t.dep_ in ("acl", "relcl", "advcl")] if tok.dep_ == "prep" else []
        for a in actors:
            s = a.start + sent.start_char
            if tok.left_edge.idx <= s <= tok.right_edge.idx and not a.context and \
                    not r.lex.recipient_after.search(sent.text[:a.start]) and not any(
                        c.left_edge.idx <= s <= c.right_edge.idx for c in clauses) and \
                    not (kind == "combat" and is_place(sent, a)):
                return a.actor
        return None

    # the cue's own phrase: "participation of North Korean troops", "North Korean losses"
    if hit.pos_ == "NOUN":
        for child in hit.children:
            if child.dep_ == "poss" and child.lower_ in r.words.collective_possessives:
                # "China is helping Moscow ramp up its defence production": whose it is
                # names the party named just before, whatever its role
                earlier = named_before(child)
                if earlier:
                    return earlier
            if child.dep_ in ("amod", "compound", "poss"):
                found = in_subtree(child)
                if found:
                    return found
        for child in hit.children:
            if child.dep_ in ("prep",) and child.lower_ in r.words.activity_preps:
                found = in_subtree(child)
                if found:
                    return found
    fighters = owner_of_personnel(r, items, actors, 3) if kind == "combat" else None
    if fighters:
        return fighters  # "North Korean troops ... into battle"
    accused = accused_of(r, hit) if hit.pos_ == "NOUN" else None
    found = in_subtree(accused) if accused is not None else None
    if found:
        return found  # "the RSF accused Egypt of flying air strikes": Egypt strikes
    # the subject of the cue verb, or of the verb the cue noun depends on
    verb = hit if hit.pos_ == "VERB" else hit.head
    if lemma(verb) in r.reporting and verb != hit:
        verb = hit
    prev = None
    for t in (verb, *verb.ancestors):
        for child in t.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                given = given_to(r, ctx, child) if kind == "combat" else None
                if given:
                    return given  # "missiles, which Britain donated to Ukraine, were fired"
                found = in_subtree(child)
                if found:
                    return found
                said = t.head
                if child.lower_ in r.words.party_pronouns and t.dep_ in ("ccomp", "relcl") \
                        and t.pos_ == "VERB" and lemma(said) in r.reporting:
                    # "The Houthis claim they downed 26 drones": the pronoun is the speaker
                    speaker = [a for s_ in said.children if s_.dep_ == "nsubj"
                               for a in ctx.reporters
                               if s_.left_edge.idx <= a.start + sent.start_char
                               <= s_.right_edge.idx]
                    if speaker:
                        return speaker[0].actor
                if prev is not None and prev.dep_ == "xcomp" and lemma(t) in r.reporting:
                    # "North Korea has claimed to have suffered 350 casualties"
                    speaker = [a for a in ctx.reporters
                               if child.left_edge.idx <= a.start + sent.start_char
                               <= child.right_edge.idx]
                    if speaker:
                        return speaker[0].actor
        accused = accused_of(r, t)
        if accused is not None:
            found = in_subtree(accused)
            if found:
                return found
        if t.pos_ == "VERB" and t.dep_ not in ("xcomp", "conj") or lemma(t) in r.reporting:
            break  # "Russia plans to produce": the subject of "plans" produces
        prev = t
    # a possessive or demonym on the cue noun: "North Korea's production"
    for child in hit.children:
        if child.dep_ in ("poss", "amod", "compound", "nmod"):
            found = in_subtree(child)
            if found:
                return found
    fighters = owner_of_personnel(r, items, actors, 25) if kind == "combat" else None
    if fighters:
        return fighters
    for child in hit.children:  # "production in Iran"; a test "in Ukraine" is a place
        if child.dep_ == "prep" and (child.lower_ == "by" or child.lower_ == "in"
                                     and kind == "production"):
            found = in_subtree(child)
            if found:
                return found
    if kind in ("test", "exercise", "production"):
        # the party named last before the cue ("North Korea test-fired ...")
        before = [a for a in actors if a.end <= hit.idx - sent.start_char and not a.context
                  and not a.possessive
                  and not r.lex.recipient_after.search(sent.text[:a.start])]
        if before:
            return before[-1].actor
    return None


def is_place(sent: Span, actor: ActorMention) -> bool:
    """"the drone that hit a base in Syria": a party named as where something is, the object
    of "in", is no fighter (not "used in the Houthis' attacks": the attacks are theirs)."""
    span = sent.char_span(actor.start, actor.end, alignment_mode="expand")
    return actor.located and not actor.possessive and span is not None \
        and span.root.dep_ == "pobj"


def accused_of(r: Resources, verb: Token) -> Token | None:
    """"Kyiv accused Moscow of shelling the plant", "... of firing 300 drones in a wave of
    strikes": the one accused does what the gerund after "of" tells (the accusing verb's
    object)."""
    prep = verb.head
    told = verb.pos_ == "VERB" and verb.dep_ == "pcomp" or \
        verb.pos_ == "NOUN" and verb.dep_ == "pobj"  # "accused Egypt of air strikes"
    if not told or prep.dep_ != "prep" or prep.lower_ != "of" or \
            lemma(prep.head) not in r.lex.accuse:
        return None
    return next((c for c in prep.head.children if c.dep_ == "dobj"), None)


def activity_item(r: Resources, sent: Span, hit: Token, items: Sequence[ItemMention],
                  kind: str) -> str | None:
    """What is tested, drilled, produced or fought with, in the sentence's words."""
    if kind == "exercise":
        left = hit
        while left.i > sent.start and sent.doc[left.i - 1].pos_ in ("ADJ", "NOUN", "PROPN") \
                and sent.doc[left.i - 1].text not in r.forms:
            left = sent.doc[left.i - 1]
        return sent.doc[left.i: hit.i + 1].text.lower()
    if kind == "combat" and hit.pos_ == "NOUN":
        return hit.lower_
    linked = [i for i in items if i.head in hit.subtree or hit in i.head.children
              or i.head.head == hit or abs(i.head.i - hit.i) <= 3]
    if linked:  # what the cue word governs first: "lost 4,700 soldiers" (out of ...)
        return min(linked, key=lambda i: i.head.head != hit).text
    for child in hit.children:  # "drone production", "shell output"
        if child.dep_ in ("compound", "nmod") and child.i < hit.i and (
                child.lower_ in r.vocab.items or child.lower_.rstrip("s") in r.vocab.items):
            return child.lower_
    if kind == "combat":  # "2,000 North Korean soldiers ... have been killed"
        people = [i for i in items if i.entry.type == "personnel"]
        if people:
            return people[0].text
    if kind == "production" and any(c.dep_ == "nsubjpass" and any(
            w.tag_ == "WDT" for w in c.subtree) for c in hit.children):
        before = [i for i in items if i.head.i < hit.i]  # "drones, most of which are made"
        return before[-1].text if before else None
    return None


@sentence_pass(reads={"span", "items", "quantities", "drafts", "draft.type", "draft.item",
                      "draft.actor", "draft.quantity", "draft.head_tok"},
               sets={"drafts", "draft.rule", "draft.type", "draft.actor", "draft.item",
                     "draft.status", "draft.quantity", "draft.anchor", "draft.head_tok"})
def abroad(r: Resources, ctx: SentenceContext) -> SentenceContext:
    """"... lost 4,700 soldiers out of 15,000 fighters": the losses of troops from a
    state not at war, told against how many it sent, also tell that it sent them."""
    sent, items, drafts = ctx.span, ctx.items, ctx.drafts
    people = {i.text for i in items if i.entry.type == "personnel"}
    sent_already = {d.actor for d in drafts if d.type == "personnel"}
    out = []
    for d in drafts:
        if d.type != "combat" or d.item not in people or d.actor is None \
                or d.actor in r.belligerents or d.actor in sent_already:
            continue
        lost = d.quantity.value if d.quantity else None
        whole = next((q for q in ctx.quantities if not q.quantity.unit and re.search(
            rf"\b(?:{r.words.whole_of})\s+(?:(?:{r.words.whole_determiners})\s+)?$",
            sent.text[max(0, q.start - 25):q.start]) and q.quantity.value is not None
            and (lost is None or q.quantity.value > lost)), None)
        if whole is not None:
            counted = next((i.text for i in items if i.entry.type == "personnel"
                            and 0 <= i.start - whole.end <= 12), d.item)
            out.append(Draft(rule=ABROAD, type="personnel", item=counted, anchor=whole.start,
                             head_tok=d.head_tok, actor=d.actor, status="done",
                             quantity=whole.quantity))
            sent_already.add(d.actor)
    return replace(ctx, drafts=drafts + tuple(out)) if out else ctx
