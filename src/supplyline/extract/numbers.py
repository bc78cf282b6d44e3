"""Numbers and quantities as news writes them.

Hand-written on purpose: quantulum3 finds values but drops the qualifiers that carry the
meaning here ("more than", "up to"), and the number-word libraries fail on mixed forms
("1.5 million", "25-thousand", "a thousand", "two dozen"). This module reads digits, words
and their mixtures, ranges, money, and the qualifier in front.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from ..model import Quantity
from ..vocab import load_vocabulary
from ..vocab.money import Money

UNITS = {
    "zero": 0, "one": 1, "a": 1, "an": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12, "pair": 2, "half": 0.5,
}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
          "trillion": 1_000_000_000_000, "k": 1_000, "m": 1_000_000, "mn": 1_000_000,
          "bn": 1_000_000_000, "b": 1_000_000_000, "tn": 1_000_000_000_000,
          "lakh": 100_000, "lakhs": 100_000, "crore": 10_000_000, "crores": 10_000_000}
# No figure in news of military support comes near a quadrillion (world output is about 1e14
# dollars a year): a larger one is a typo, a pasted digit string or an attack, not a quantity.
MAX_FIGURE = 1e15

_WORD = "|".join(sorted((w for w in UNITS if w not in ("a", "an", "one", "half", "dozen", "pair")),
                        key=len, reverse=True))
_SCALE = r"hundred|thousand|million|billion|trillion|lakhs?|crores?"
# one thousands separator throughout: "10,000 155-mm shells" is 10,000, not 10,000,155
_DIGITS = (r"(?:\d{1,3}(?:,\d{3})+|\d{1,3}(?:[\u202f\u00a0 ]\d{3})+)(?:\.\d+)?"
           r"|\d+(?:\.\d+)?")
# One number: "30,000", "1.5 million", "25-thousand", "thirty thousand", "a thousand",
# "twenty-five", "two dozen", "$2.5B" (the currency is matched outside).
NUMBER = (
    rf"(?:(?:{_DIGITS})(?:[\s-]*(?:{_SCALE})|(?:bn|mn|[kmb])\b)?"
    rf"|(?:{_WORD})(?:[\s-]+(?:{_WORD}))*(?:[\s-]+(?:{_SCALE}|dozen))*"
    rf"|(?:a|an|one|half\s+a)(?:[\s-]+(?:{_SCALE}|dozen|pair))+)"
)
_NUMBER_RE = re.compile(rf"(?<![\w.])(?:{NUMBER})(?![\w])", re.IGNORECASE)


def parse_number(text: str) -> float | None:
    """'1.5 million' -> 1500000; 'thirty thousand' -> 30000; '25-thousand' -> 25000; None
    for words that are not a number, and for a figure over ``MAX_FIGURE``."""
    t = text.strip().lower().replace("\u202f", "").replace("\u00a0", "")
    t = re.sub(r"(?<=\d)[, ](?=\d{3}\b)", "", t)
    t = re.sub(r"\bhalf an?\b", "half", t)
    parts = [p for p in re.split(r"[\s-]+|(?<=\d)(?=[a-z])", t) if p and p != "and"]
    if not parts:
        return None
    total = 0.0
    current = 0.0
    seen = False
    for p in parts:
        if re.fullmatch(r"\d+(?:\.\d+)?", p):
            current += float(p)
            seen = True
        elif p in UNITS:
            if p in ("dozen", "pair"):
                current = (current or 1) * UNITS[p]
            else:
                current += UNITS[p]
            seen = True
        elif p in SCALES:
            scale = SCALES[p]
            current = (current or 1) * scale
            if scale >= 1000:
                total += current
                current = 0
            seen = True
        else:
            return None
    value = total + current
    return value if seen and math.isfinite(value) and value <= MAX_FIGURE else None


@dataclass(frozen=True)
class QuantityMatch:
    quantity: Quantity
    start: int  # offsets in the text searched
    end: int


# The qualifiers are English number grammar, not domain vocabulary, so they live here.
_Q_LOWER = ("more than", "over", "at least", "upwards of", "in excess of", "no fewer than",
            "no less than", "above", "exceeding")
_Q_UPPER = ("up to", "as many as", "no more than", "at most", "fewer than", "less than", "under",
            "nearly", "almost", "close to", "just under", "as much as", "all of", "all")
_Q_APPROX = ("about", "around", "roughly", "approximately", "some", "an estimated", "estimated",
             "circa", "approx.")
_QUALIFIERS = frozenset(_Q_LOWER + _Q_UPPER + _Q_APPROX)
_QUAL = "|".join(re.escape(q) for q in sorted(_Q_LOWER + _Q_UPPER + _Q_APPROX, key=len,
                                               reverse=True))
_VAGUE = (r"(?:tens|hundreds|thousands|millions|billions)(?:\s+of\s+(?:thousands|millions|"
          r"billions))?|several\s+(?:dozen|hundred|thousand|million|billion)|a\s+few\s+"
          r"(?:dozen|hundred|thousand)|dozens|scores")


@lru_cache(maxsize=8)
def quantity_pattern(money: Money) -> re.Pattern[str]:
    """The regex of one quantity, with ``money``'s currency forms before and after it."""
    pre, post = money.before, money.after
    return re.compile(
        rf"(?<![\w.,])(?<![A-Za-z]-)(?:(?P<qual>{_QUAL})\s+)?"
        rf"(?:(?P<vague>{_VAGUE})(?:\s+of)?"
        rf"|(?:between|from)\s+(?P<cur1>{pre})?(?P<lo>{NUMBER})\s*(?:and|to|-|–)\s*"
        rf"(?P<cur2>{pre})?(?P<hi>{NUMBER})"
        rf"|(?P<cur3>{pre})?(?P<lo2>{NUMBER})\s*(?:to|-|–|or)\s*(?P<cur4>{pre})?"
        rf"(?P<hi2>{NUMBER})"
        rf"|(?P<cur5>{pre})?\s?(?P<num>{NUMBER}))"
        rf"(?:\s*(?P<curpost>{post}))?(?![\w])",
        re.IGNORECASE,
    )


def shipped_money() -> Money:
    """The currencies of the shipped vocabulary (for callers that pass none)."""
    return load_vocabulary(()).money


def read_quantity(m: re.Match[str], money: Money) -> Quantity | None:
    """Turn one ``quantity_pattern`` match into a Quantity with bounds implied by its
    qualifier."""
    qual = (m.group("qual") or "").lower() or None
    written = next((m.group(g) for g in ("cur1", "cur2", "cur3", "cur4", "cur5", "curpost")
                    if m.group(g)), None)
    unit = money.unit(written) if written else None
    if m.group("vague"):
        approx = m.group("vague").lower()
        return Quantity(None, None, None, f"{qual} {approx}" if qual else approx, unit)
    lo_text = m.group("lo") or m.group("lo2")
    if lo_text:
        hi = parse_number(m.group("hi") or m.group("hi2"))
        lo = parse_number(lo_text)
        if lo is None or hi is None:
            return None
        hi_text = (m.group("hi") or m.group("hi2")).lower()
        # "25 to 30 thousand": the scale written once applies to both ends
        for word, scale in SCALES.items():
            if len(word) > 2 and hi_text.endswith(word) and lo < scale and hi >= scale:
                lo = lo * scale
        if lo > hi:  # "twenty-five" is one number, not a range
            joined = parse_number(f"{lo_text} {m.group('hi') or m.group('hi2')}")
            return Quantity(joined, None, None, qual, unit) if joined else None
        return Quantity(None, lo, hi, qual, unit)
    value = parse_number(m.group("num"))
    if value is None:
        return None
    lower = upper = None
    if qual in _Q_LOWER:
        lower = value
    elif qual in _Q_UPPER:
        upper = value
    return Quantity(value, lower, upper, qual, unit)


def find_quantities(text: str, money: Money | None = None,
                    parties: re.Pattern[str] | None = None) -> list[QuantityMatch]:
    """Every quantity in ``text`` with its offsets (numbers glued to units like '240mm'
    skipped), money in the currencies of ``money`` (default: the shipped vocabulary's); a
    figure after a name is the name's model number ("Leopard 2") unless the name is one of
    ``parties`` (the actor pattern: "gave Ukraine 300 tanks")."""
    return list(_quantities(text, money or shipped_money(), parties))


def _is_model_number(text: str, m: re.Match[str], parties: re.Pattern[str] | None) -> bool:
    """"Challenger 2", "Leopard 2", "Type 75": a short bare figure right after a capitalised
    word is part of a name; not a sum ("gave Ukraine €1.2bn"), a figure written with
    thousands ("sent Israel 14,000 bombs"), one before another name ("gave Ukraine 14
    Challenger tanks") or one after a party ("sold Russia 400 missiles")."""
    named = re.search(r"(?<=\S\s)[A-Z][A-Za-z-]+\s$", text[:m.start()])
    if named is None or m.group("qual") or named.group(0).strip().lower() in _QUALIFIERS:
        return False
    if any(m.group(g) for g in ("cur1", "cur2", "cur3", "cur4", "cur5", "curpost")):
        return False
    if re.search(r"\d[,\u202f\u00a0 ]\d{3}", m.group(0)) or \
            re.match(r"\s+[A-Z][a-z]+\b", text[m.end():]):
        return False
    end = named.end() - 1
    window = text[max(0, end - 40):end]
    return parties is None or not any(p.end() == len(window) for p in parties.finditer(window))


@lru_cache(maxsize=2048)
def _quantities(text: str, money: Money,
                parties: re.Pattern[str] | None) -> tuple[QuantityMatch, ...]:
    """The work of ``find_quantities``, cached: several rules ask about the same sentence."""
    out: list[QuantityMatch] = []
    for m in quantity_pattern(money).finditer(text):
        span = m.group(0).strip()
        if not span or not re.search(r"\d|[a-z]", span, re.IGNORECASE):
            continue
        after = text[m.end():m.end() + 12].lower()
        if re.match(r"\s*(?:-\s*)?(?:mm|millimet|cm|km|kilomet|kg|percent|%|per ?cent|times|"
                    r"-year|years?|months?|weeks?|days?|hours?|a\.m|p\.m|st\b|nd\b|rd\b|th\b)",
                    after) or re.match(r"-\s*(?:pound|lb|inch)\b", after):
            continue  # "155mm", "2,000-pound bombs": a calibre or weight class, no count
        if _is_model_number(text, m, parties):
            continue
        q = read_quantity(m, money)
        if q is not None:
            start = m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
            out.append(QuantityMatch(q, start, m.end()))
    return tuple(out)
