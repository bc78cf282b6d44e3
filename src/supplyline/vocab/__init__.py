"""The domain vocabulary: data files shipped here, extendable with the user's own YAML.

``load_vocabulary(extra_files)`` merges the shipped files with any others of the same shape
(actors by name, items by type, sources by name, cue lists by key) and compiles the lookups
the extractor uses. The words live in the YAML files, never in the extractor's code; the
names of the states come from the YAML too, with their ISO names added from pycountry.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from supplyline.errors import VocabularyError
from supplyline.vocab.classes import ItemClassVocab, item_class_vocab

from .matching import longest_first
from .money import Money, money_from

HERE = Path(__file__).parent
SHIPPED = ("actors.yaml", "items.yaml", "sources.yaml", "organisations.yaml",
           "affiliations.yaml", "cues.yaml", "places.yaml", "item_classes.yaml",
           "currencies.yaml")


# "Russian-supplied", "Iranian-made": a demonym that names where an item came from
ORIGIN = "made|supplied|provided|built|manufactured|donated|produced|designed|delivered|origin|led"


@dataclass(frozen=True)
class Lexicon:
    """The small word lists of cues.yaml's `lexicon`, compiled for the extractor's rules."""

    generic_items: frozenset[str]
    item_stopwords: frozenset[str]
    recipient_verbs: frozenset[str]
    accuse: frozenset[str]
    announce: frozenset[str]
    help_nouns: frozenset[str]
    technical_people: frozenset[str]
    train_verbs: frozenset[str]
    deny_or_confirm: frozenset[str]
    package_nouns: frozenset[str]
    payment_nouns: frozenset[str]
    measure_nouns: frozenset[str]
    combat_use: frozenset[str]
    made_verbs: frozenset[str]
    anaphoric_transfers: frozenset[str]
    anaphoric_determiners: frozenset[str]
    anaphoric_verbs: frozenset[str]
    anaphor: re.Pattern[str]  # finds a sentence that may name a transfer told before
    context_before: re.Pattern[str]  # matches the text just before a party's name
    context_after: re.Pattern[str]  # matches the text just after a demonym that is a setting
    recipient_after: re.Pattern[str]
    recipient_after_personnel: re.Pattern[str]
    excluded_before: re.Pattern[str]  # matches the text just before an item
    excluded_start: re.Pattern[str]  # matches the start of an item's own text
    containers: str  # an alternation, for use inside a larger pattern
    into_battle: re.Pattern[str]  # matches what follows a personnel item sent into fighting
    exchange: re.Pattern[str]
    background: re.Pattern[str]
    trailing_said: re.Pattern[str]  # "..., South Korea's spy agency said on Monday."
    speech_time: re.Pattern[str]  # "the Pentagon said on Monday": when a source spoke
    kicker: re.Pattern[str]  # "Ukraine war: ...": a headline's topic label before a colon


def _words(items: Iterable[str]) -> str:
    """The words as one regex alternation, the longest first (for use inside ``(?:...)``)."""
    return longest_first(items) or r"(?!x)x"


@dataclass(frozen=True)
class Actor:
    name: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    capitals: tuple[str, ...]
    bloc: bool = False  # several states ("the West", NATO): a party, but no source's country
    supports: str | None = None  # the usual recipient of what it sends, when none is named


@dataclass(frozen=True)
class ItemHead:
    head: str  # lower-case singular, possibly several words
    type: str
    ambiguous: bool = False
    plural: str | None = None
    alt_type: str | None = None
    alt_when: str | None = None
    needs: str | None = None
    money: bool = False
    origin: str | None = None
    standalone: bool = False
    sumless_type: str | None = None  # the type in a sentence that states no sum


@dataclass(frozen=True)
class KnownSource:
    name: str
    kind: str
    country: str | None
    forms: tuple[str, ...]
    organisation: str | None = None  # a person's body: its officials are one source


@dataclass
class Vocabulary:
    actors: dict[str, Actor]
    items: dict[str, ItemHead]  # by every surface form (singular and plural, lower-case)
    organisations: list[KnownSource]
    people: list[KnownSource]
    outlets: list[KnownSource]
    experts: list[KnownSource]
    kind_nouns: tuple[tuple[str, tuple[str, ...]], ...]  # (kind, words), checked in order
    official_titles: tuple[str, ...]
    institution_words: frozenset[str]
    cues: dict[str, Any]
    places: tuple[str, ...]
    place_suffixes: tuple[str, ...]
    generic_subjects: tuple[str, ...] = ()
    group_subjects: tuple[str, ...] = ()  # "the group": the non-state party named last
    groups: frozenset[str] = frozenset()  # the non-state parties (actors with a `country`)
    heads: frozenset[str] = frozenset()  # people who act for their state
    item_classes: ItemClassVocab = field(default_factory=lambda: item_class_vocab({}))
    # names that contain a party's name but are no party ("Washington Post", "Indian Ocean")
    not_parties: tuple[str, ...] = ()
    money: Money = field(default_factory=lambda: money_from(()))  # currencies.yaml
    _patterns: dict[str, re.Pattern[str]] = field(default_factory=dict, repr=False)
    _forms: dict[str, tuple[str, str]] | None = field(default=None, repr=False)
    _lexicon: Lexicon | None = field(default=None, repr=False)
    _affiliations: dict[str, str] | None = field(default=None, repr=False)

    # ---- compiled lookups -------------------------------------------------------------
    def actor_pattern(self) -> re.Pattern[str]:
        """One regex for every actor surface form, longest first, case-sensitive; a form
        glued to a dollar sign is a currency ("US$3 billion", "NZ$"), not its state."""
        if "actors" not in self._patterns:
            forms = {f for a in self.actors.values()
                     for f in (*a.aliases, *a.demonyms, *a.capitals)} | set(self.generic_subjects)
            forms |= set(self._group_forms())
            forms |= set(self.not_parties)  # matched, so that no party inside them is
            body = _alternation_source(forms, ignore_case=False)  # compiled once below
            self._patterns["actors"] = re.compile(
                body.replace("(?![\\w-])", rf"(?:-(?:{ORIGIN}))?(?![\w$-])"))
        return self._patterns["actors"]

    def actor_form(self, text: str) -> tuple[str, str] | None:
        """(actor, form kind) of a matched surface form; "-made" forms are kind "origin"."""
        base, _, suffix = text.partition("-")
        forms = self.actor_forms()
        if text in forms:
            return forms[text]
        if suffix and re.fullmatch(ORIGIN, suffix.split("-")[-1]) and base in forms:
            return forms[base][0], "origin"
        head = re.sub(rf"-(?:{ORIGIN})$", "", text)
        return (forms[head][0], "origin") if head in forms else None

    def actor_forms(self) -> dict[str, tuple[str, str]]:
        """Surface form -> (actor name, form kind: alias | demonym | capital | subject)."""
        if self._forms is not None:
            return self._forms
        out: dict[str, tuple[str, str]] = {f: ("", "subject") for f in self.generic_subjects}
        out.update({f: ("", "group") for f in self._group_forms()})
        for a in self.actors.values():
            for kind, forms in (("capital", a.capitals), ("demonym", a.demonyms),
                                ("alias", a.aliases)):
                for f in forms:
                    out[f] = (a.name, kind)
        self._forms = out
        return out

    def _group_forms(self) -> list[str]:
        """The group subjects as written and with a capital ("The group said")."""
        return [*self.group_subjects, *(f[:1].upper() + f[1:] for f in self.group_subjects)]

    def lexicon(self) -> Lexicon:
        if self._lexicon is None:
            lx = self.cues.get("lexicon") or {}

            def words(key: str) -> frozenset[str]:
                return frozenset(str(w).lower() for w in lx.get(key) or ())

            said = _words(self.cue_set("reporting", "speech"))
            recipient = _words(lx.get("recipient_cues") or ())
            self._lexicon = Lexicon(
                generic_items=words("generic_items"), item_stopwords=words("item_stopwords"),
                recipient_verbs=words("recipient_verbs"), accuse=words("accuse"),
                announce=words("announce"), help_nouns=words("help_nouns"),
                technical_people=words("technical_people"),
                train_verbs=words("train_verbs"),
                deny_or_confirm=words("deny_or_confirm") | words("accuse"),
                package_nouns=words("package_nouns"), measure_nouns=words("measure_nouns"),
                payment_nouns=words("payment_nouns"),
                combat_use=words("combat_use"),
                made_verbs=words("made_verbs"),
                anaphoric_transfers=words("anaphoric_transfers"),
                anaphoric_determiners=words("anaphoric_determiners"),
                anaphoric_verbs=words("anaphoric_verbs"),
                anaphor=re.compile(
                    rf"\b(?:{_words(lx.get('anaphoric_determiners') or ())})\s+(?:\w+\s+)?"
                    rf"(?:{_words(lx.get('anaphoric_transfers') or ())})\b", re.IGNORECASE),
                context_before=re.compile(rf"(?:{_words(lx.get('context_before') or ())})\s+"
                                          r"(?:the\s+)?$", re.IGNORECASE),
                context_after=re.compile(rf"\s+(?:{_words(lx.get('context_nouns') or ())})\b",
                                         re.IGNORECASE),
                recipient_after=re.compile(rf"\b(?:{recipient})\s+(?:the\s+)?$", re.IGNORECASE),
                recipient_after_personnel=re.compile(rf"\b(?:{recipient}|in)\s+(?:the\s+)?$",
                                                     re.IGNORECASE),
                excluded_before=re.compile(
                    rf"\b(?:{_words(lx.get('excluded_modifiers') or ())})\s+$", re.IGNORECASE),
                excluded_start=re.compile(
                    rf"(?:{_words(lx.get('excluded_modifiers') or ())})\b", re.IGNORECASE),
                containers=_words(lx.get("containers") or ()),
                into_battle=re.compile(rf"^[^,;]{{0,40}}?\b(?:into|in)\s+(?:"
                                       rf"{_words(lx.get('battle_words') or ())})\b",
                                       re.IGNORECASE),
                exchange=re.compile(rf"\b(?:{_words(lx.get('exchange') or ())})\b[^,;]*$",
                                    re.IGNORECASE),
                background=re.compile(
                    rf"(?:{_words(lx.get('background_openers') or ())}|In (?:19|20)\d\d)\b"),
                trailing_said=re.compile(
                    rf",\s*(?P<who>[^,;]{{2,80}}?)\s+(?:{said}|told \w+)\b[^,;]{{0,40}}"
                    r"[.\"”]*$"),
                speech_time=re.compile(
                    rf"\b(?:{said})\b[^.,;]{{0,30}}$|\b(?i:"
                    rf"{_words(lx.get('speech_nouns') or ())})\s+$"),
                kicker=re.compile(rf"^(?:[\w'’.-]+\s+){{0,3}}"
                                  rf"(?:{_words(lx.get('kicker_nouns') or ())})\s*:\s+",
                                  re.IGNORECASE),
            )
        return self._lexicon

    def origin_of(self, item_text: str) -> str | None:
        """The maker of the first named system in an item phrase ("abrams tanks",
        "bayraktar tb2 drones"): each word, two-word names first."""
        words = re.findall(r"[\w-]+", item_text.lower())
        for i, word in enumerate(words):
            for form in (" ".join(words[i:i + 2]), word):
                entry = self.items.get(form)
                if entry is not None and entry.origin:
                    return entry.origin
        return None

    def leaders(self) -> dict[str, str]:
        """Named heads of state and government -> their state ("Kim Jong Un oversaw a test")."""
        return {f: p.country for p in self.people if p.country and p.name in self.heads
                for f in p.forms}

    def affiliations(self) -> dict[str, str]:
        """Person -> the organisation they speak for (``affiliations.yaml``)."""
        if self._affiliations is None:
            self._affiliations = {p.name: p.organisation for p in self.people
                                  if p.organisation}
        return self._affiliations

    def leader_pattern(self) -> re.Pattern[str]:
        if "leaders" not in self._patterns:
            self._patterns["leaders"] = _alternation(self.leaders(), flags=0)
        return self._patterns["leaders"]

    def item_pattern(self) -> re.Pattern[str]:
        if "items" not in self._patterns:
            self._patterns["items"] = _alternation(self.items, flags=re.IGNORECASE)
        return self._patterns["items"]

    def words(self, key: str) -> tuple[str, ...]:
        """The word list ``words: <key>`` of cues.yaml, in its order (case kept)."""
        node = (self.cues.get("words") or {}).get(key)
        if node is None:
            raise VocabularyError(f"cues.yaml: no word list `words: {key}`")
        odd = [w for w in node if not isinstance(w, str)]
        if odd:  # YAML reads no, off, yes, on as booleans
            raise VocabularyError(f"cues.yaml: `words: {key}` holds {odd!r}: quote the words")
        return tuple(node)

    def alternation(self, key: str) -> str:
        """``words(key)`` as a regex alternation (escaped, in their order), to put inside
        ``(?:...)`` in a larger pattern."""
        return "|".join(re.escape(w) for w in self.words(key)) or r"(?!x)x"

    def cue_set(self, *path: str) -> frozenset[str]:
        node: Any = self.cues
        for key in path:
            node = node.get(key, {}) if isinstance(node, dict) else {}
        if isinstance(node, dict):
            return frozenset(w.lower() for v in node.values() for w in v)
        return frozenset(str(w).lower() for w in node)

    def cue_pattern(self, *path: str) -> re.Pattern[str]:
        key = "cue:" + "/".join(path)
        if key not in self._patterns:
            self._patterns[key] = _alternation(self.cue_set(*path), flags=re.IGNORECASE)
        return self._patterns[key]

    def place_pattern(self) -> re.Pattern[str]:
        if "places" not in self._patterns:
            suffix = "|".join(re.escape(s) for s in self.place_suffixes)
            names = longest_first(self.places, ignore_case=False)  # a trie: one try a letter
            self._patterns["places"] = re.compile(
                rf"\b(?:{names})\b(?:\s+(?:border\s+|frontier\s+)?(?:{suffix})\b)?"
                if names else r"(?!x)x")
        return self._patterns["places"]


def _alternation(forms: Iterable[str], flags: int) -> re.Pattern[str]:
    return re.compile(_alternation_source(forms, bool(flags & re.IGNORECASE)), flags)


def _alternation_source(forms: Iterable[str], ignore_case: bool) -> str:
    body = longest_first(forms, ignore_case=ignore_case) or r"(?!x)x"
    return rf"(?<![\w-])(?:{body})(?![\w-])"


def _plural(word: str) -> str:
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


#: libyaml's safe loader where PyYAML was built with it: the vocabulary loads in a tenth of the
#: time of the pure-Python one (1.8 s of every start-up), with the same result.
YAML_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_mapping(path: Path, error: type[Exception], what: str) -> dict[str, Any]:
    """The YAML mapping in ``path``; an ``error`` naming the file, and for a syntax error
    its line and column (``path:LINE:COLUMN``), when it cannot be read or is not a mapping.
    ``what`` says what the file should hold ("vocabulary")."""
    reading = f"cannot read {what}" if what else "cannot read"
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise error(f"{path}: {reading} ({reason})") from exc
    try:
        data = yaml.load(text, Loader=YAML_LOADER) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark is not None else str(path)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        context = getattr(exc, "context", None) or ""
        started = getattr(exc, "context_mark", None)
        if context and started is not None:
            context += f" that starts on line {started.line + 1}"
        raise error(f"{where}: {reading} ({problem}{', ' + context if context else ''})"
                    ) from exc
    if not isinstance(data, dict):
        raise error(f"{path}:1: expected a mapping at the top level")
    return data


def yaml_line(path: Path, *keys: str | int) -> int | None:
    """The line (from 1) of the node at ``keys`` (mapping keys, list indexes) in a YAML file,
    to point at a value that is well-formed YAML but not what supplyline expects."""
    try:
        node: Any = yaml.compose(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    for key in keys:
        if isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if k.value == key), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(
                node.value):
            node = node.value[key]
        else:
            return None
        if node is None:
            return None
    return int(node.start_mark.line) + 1 if node is not None else None


def _read(path: Path) -> dict[str, Any]:
    data = read_mapping(path, VocabularyError, "vocabulary")
    _check_shape(path, data)
    return data


#: Keys whose value is a list of entries, each a mapping with a ``name``.
NAMED_ENTRIES = ("actors", "organisations", "people", "outlets", "experts", "currencies")


def _check_shape(path: Path, data: dict[str, Any]) -> None:
    """What the loader relies on, checked per file so that the error names the file and
    line: lists of named entries, and ``items`` a mapping of types to lists of heads."""

    def fail(message: str, *keys: str | int) -> None:
        line = yaml_line(path, *keys)
        raise VocabularyError(f"{path}{f':{line}' if line else ''}: {message}")

    for key in NAMED_ENTRIES:
        entries = data.get(key)
        if entries is None:
            continue
        if not isinstance(entries, list):
            fail(f"`{key}` must be a list of entries, each with a `name`", key)
        for i, entry in enumerate(entries):
            if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
                fail(f"`{key}` entry {i + 1} needs a `name` (and is a mapping: "
                     f"`- name: ...`)", key, i)
    items = data.get("items")
    if items is None:
        return
    if not isinstance(items, dict):
        fail("`items` must map each claim type to a list of item heads", "items")
    for type_, heads in items.items():
        if not isinstance(heads, list):
            fail(f"`items: {type_}` must be a list of item heads", "items", type_)
        for i, head in enumerate(heads):
            if not isinstance(head, str) and not (isinstance(head, dict) and "head" in head):
                fail(f"`items: {type_}` entry {i + 1} must be a word or a mapping with a "
                     "`head`", "items", type_, i)


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> None:
    """Merge ``extra`` into ``base``: lists of named entries by name, mappings recursively."""
    for key, value in extra.items():
        old = base.get(key)
        if isinstance(old, dict) and isinstance(value, dict):
            _merge(old, value)
        elif isinstance(old, list) and isinstance(value, list):
            if all(isinstance(v, dict) and "name" in v for v in old + value):
                by_name = {v["name"]: dict(v) for v in old}
                for v in value:
                    if v["name"] in by_name:
                        _merge(by_name[v["name"]], v)  # a user's aliases extend the shipped ones
                    else:
                        by_name[v["name"]] = dict(v)
                base[key] = list(by_name.values())
            else:
                base[key] = old + [v for v in value if v not in old]
        else:
            base[key] = value


def _sources(entries: Sequence[dict[str, Any]], kind: str | None, key: str) -> list[KnownSource]:
    return [KnownSource(e["name"], e.get("kind", kind or "government"), e.get("country"),
                        _with_curly_apostrophes(e.get(key) or [e["name"]]), e.get("organisation"))
            for e in entries]


def _group_sources(data: dict[str, Any]) -> list[dict[str, Any]]:
    """A non-state party with a `country` (the Houthis: Yemen) speaks as a source of that
    country ("a Houthi spokesman said"), of its `kind` (military unless given), unless an
    organisation of its name says otherwise."""
    named = {o["name"] for o in data.get("organisations", [])}
    return [{"name": a["name"], "kind": a.get("kind", "military"), "country": a["country"],
             "aliases": [a["name"], *(a.get("aliases") or ()), *(a.get("demonyms") or ())]}
            for a in data.get("actors", []) if a.get("country") and a["name"] not in named]


def _with_curly_apostrophes(forms: Iterable[str]) -> tuple[str, ...]:
    """The forms, each with an inner apostrophe also written as a typographic one ("Lebanon’s
    Hezbollah", "Kata’ib Hezbollah"), since articles use either. A final "'s" ("Russia's")
    stays as written: the extractor reads a possessive after the name in either spelling."""
    out = [str(f) for f in forms]
    return tuple(dict.fromkeys(out + [f.replace("'", "\u2019") for f in out
                                      if "'" in f.removesuffix("'s")]))


def _iso_names(code: str) -> list[str]:
    """The ISO 3166 names of a state (pycountry's short, official and common names) as news
    writes them: none with a comma or brackets ("Korea, Republic of"), no leading "the"."""
    import pycountry  # the ISO data; imported here so that a vocabulary without `iso` needs none

    country = pycountry.countries.get(alpha_3=code.upper())
    if country is None:
        raise VocabularyError(f"actor iso code {code!r}: not an ISO 3166-1 alpha-3 code")
    names = [getattr(country, key, None) for key in ("name", "official_name", "common_name")]
    return [re.sub(r"^the ", "", n) for n in names if n and not re.search(r"[,()]", n)]


def _actors(data: dict[str, Any]) -> dict[str, Actor]:
    """Actors from their entries: the name itself, `plurals` ("Turks") and the ISO names of an
    `iso` code count as aliases, and so do the names of organisations with `party: true`,
    which act for their country ("Baykar delivered drones" is Turkey's transfer)."""
    entries = data.get("actors", [])
    known = {a["name"] for a in entries}
    bodies: dict[str, list[str]] = {}
    for org in data.get("organisations", []):
        if not org.get("party"):
            continue
        if org.get("country") not in known:
            raise VocabularyError(f"organisation {org['name']!r} acts for "
                                  f"{org.get('country')!r}, which is no actor")
        bodies.setdefault(org["country"], []).extend(org.get("aliases") or [org["name"]])
    written = {f: a["name"] for a in entries
               for key in ("aliases", "plurals", "demonyms", "capitals") for f in a.get(key) or ()}
    out = {}
    for a in entries:
        # an ISO name another actor claims stays that actor's ("Congo": the DRC, as news has it)
        iso = [n for n in (_iso_names(a["iso"]) if a.get("iso") else [])
               if written.get(n, a["name"]) == a["name"]]
        aliases = [a["name"], *(a.get("aliases") or ()), *(a.get("plurals") or ()), *iso,
                   *bodies.get(a["name"], ())]
        out[a["name"]] = Actor(a["name"], _with_curly_apostrophes(aliases),
                               _with_curly_apostrophes(a.get("demonyms") or ()),
                               _with_curly_apostrophes(a.get("capitals") or ()),
                               bool(a.get("bloc")), a.get("supports"))
    return out


@lru_cache(maxsize=8)
def load_vocabulary(extra_files: tuple[Path, ...] = ()) -> Vocabulary:
    """The shipped vocabulary merged with ``extra_files`` (cached per tuple of paths)."""
    data: dict[str, Any] = {}
    for name in SHIPPED:
        _merge(data, _read(HERE / name))
    for path in extra_files:
        if not Path(path).is_file():
            raise VocabularyError(f"{path}: no such vocabulary file")
        _merge(data, _read(Path(path)))
    actors = _actors(data)
    items: dict[str, ItemHead] = {}
    for type_, heads in (data.get("items") or {}).items():
        for h in heads:
            entry = h if isinstance(h, dict) else {"head": h}
            head = str(entry["head"]).lower()
            item = ItemHead(head, type_, bool(entry.get("ambiguous")), entry.get("plural"),
                            entry.get("alt_type"), entry.get("alt_when"), entry.get("needs"),
                            bool(entry.get("money")), entry.get("origin"),
                            bool(entry.get("standalone")), entry.get("sumless_type"))
            for form in (head, (entry.get("plural") or _plural(head)).lower()):
                items.setdefault(form, item)
    places = data.get("places") or {}
    return Vocabulary(
        actors=actors,
        items=items,
        organisations=_sources([*data.get("organisations", []), *_group_sources(data)], None,
                               "aliases"),
        people=_sources(data.get("people", []), "official", "match"),
        outlets=_sources(data.get("outlets", []), "media", "match"),
        experts=_sources(data.get("experts", []), "expert", "match"),
        kind_nouns=tuple((e["kind"], tuple(e["words"])) for e in data.get("kind_nouns") or ()),
        official_titles=tuple(data.get("official_titles") or ()),
        institution_words=frozenset(data.get("institution_words") or ()),
        cues={k: data[k] for k in ("transfer", "status", "activity", "reporting", "basis",
                                   "recipients", "lexicon", "words") if k in data},
        places=tuple(places.get("names") or ()),
        place_suffixes=tuple(places.get("suffixes") or ()),
        generic_subjects=tuple(data.get("generic_subjects") or ()),
        group_subjects=tuple(data.get("group_subjects") or ()),
        groups=frozenset(a["name"] for a in data.get("actors", [])
                         if a.get("country") and not a.get("bloc")),
        heads=frozenset(p["name"] for p in data.get("people", []) if p.get("head")),
        not_parties=_with_curly_apostrophes(
            [*(data.get("not_parties") or ()),
             *(f for e in (*data.get("outlets", []), *data.get("experts", []))
               for f in e.get("match") or [e["name"]])]),
        item_classes=item_class_vocab(data),
        money=money_from(data.get("currencies") or ()),
    )
