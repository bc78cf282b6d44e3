"""The names people type for actors, resolved to the names claims are stored under.

``--actor DPRK``, ``--actor pyongyang`` and ``--recipient "the Kremlin"`` mean North Korea,
North Korea and Russia: any case, any alias, demonym or capital of the vocabulary, with or
without a leading "the". A name nobody knows raises ``UnknownName`` with the known names
closest to it (``difflib``'s ratio, and names holding the typed words).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping

from supplyline.errors import UnknownName
from supplyline.vocab import Vocabulary


def fold(text: str) -> str:
    """A name as compared: case-folded, spaces collapsed, a leading "the" dropped."""
    words = text.casefold().replace("’", "'").split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def name_forms(vocabulary: Vocabulary, known: Iterable[str] = ()) -> dict[str, str]:
    """Every form a person may type (folded) -> the canonical name. ``known`` are names found
    in the database; they stand for themselves, even when the vocabulary does not list them."""
    forms: dict[str, str] = {}
    for actor in vocabulary.actors.values():
        for form in (*actor.capitals, *actor.demonyms, *actor.aliases, actor.name):
            forms[fold(form)] = actor.name  # the name itself last: it wins a clash
    for name in known:
        forms[fold(name)] = name
    return forms


def canonical_name(text: str, forms: Mapping[str, str], role: str = "name") -> str:
    """The canonical name ``text`` stands for, or ``UnknownName`` naming the closest ones
    (``role`` says what was asked for: "actor", "recipient")."""
    key = fold(text)
    if key in forms:
        return forms[key]
    raise UnknownName(text.strip(), role, close_names(key, forms))


def close_names(key: str, forms: Mapping[str, str], limit: int = 3) -> list[str]:
    """Canonical names whose forms are close to ``key`` (already folded), closest first."""
    out: list[str] = []
    for form in difflib.get_close_matches(key, list(forms), n=10, cutoff=0.6):
        if forms[form] not in out:
            out.append(forms[form])
    words = set(key.split())
    for form, name in sorted(forms.items()):
        if words and words <= set(form.split()) and name not in out:
            out.append(name)
    return out[:limit]


def search_synonyms(vocabulary: Vocabulary) -> dict[str, tuple[str, ...]]:
    """For full-text search: an actor's name and demonyms (case-folded) -> all of them, so
    that "North Korea" also finds "North Korean" and "Iranian" finds "Iran". Aliases and
    capitals are left out: "the enemy" or "Moscow" are not what a search for Russia means."""
    out: dict[str, tuple[str, ...]] = {}
    for actor in vocabulary.actors.values():
        forms = tuple(dict.fromkeys(
            f for f in (actor.name, *actor.demonyms) if not f.casefold().endswith("'s")))
        if len(forms) > 1:
            for form in forms:
                out.setdefault(form.casefold(), forms)
    return out
