"""Plain-text renderings of claim fields, shared by the command line, the report and the
dashboard (templates use them as filters)."""

from __future__ import annotations

from supplyline.model import Claim, Quantity, Source, When


def pair(actor: str, recipient: str | None) -> str:
    """``North Korea → Russia``; the actor alone for activity claims."""
    return f"{actor} → {recipient}" if recipient else actor


def number(x: float | None, unit: str | None = None) -> str:
    """``12,000``; ``2,300,000,000 GBP`` with a unit."""
    if x is None:
        return ""
    shown = f"{int(x):,}" if float(x).is_integer() else f"{x:,}"
    return f"{shown} {unit}" if unit else shown


#: Currency codes (as the extractor stores units) and the symbols figures are written with.
CURRENCY_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "KRW": "₩", "CNY": "¥",
                    "RUB": "₽", "INR": "₹", "UAH": "₴"}


def compact(x: float | None, unit: str | None = None) -> str:
    """A figure as people write it in a headline: ``€1.5bn``, ``$625m``, ``12m``,
    ``12,000``; a unit that is no currency follows the figure (``40 containers``)."""
    if x is None:
        return ""
    for size, suffix in ((1e9, "bn"), (1e6, "m")):
        if abs(x) >= size:
            scaled = x / size
            shown = (f"{scaled:,.0f}" if abs(scaled) >= 1000 else f"{scaled:.3g}") + suffix
            break
    else:
        shown = f"{int(x):,}" if float(x).is_integer() else f"{x:,.3g}"
    if unit in CURRENCY_SYMBOLS:
        return CURRENCY_SYMBOLS[unit] + shown
    return f"{unit} {shown}" if unit and len(unit) == 3 and unit.isupper() else (
        f"{shown} {unit}" if unit else shown)


def quantity(q: Quantity | None) -> str:
    """``more than 11,000``, ``10,000–12,000``, ``≥ 5``; empty when no figure was given."""
    if q is None:
        return ""
    if q.value is not None:
        core = number(q.value, q.unit)
    elif q.lower is not None and q.upper is not None:
        core = f"{number(q.lower)}–{number(q.upper, q.unit)}"
    elif q.lower is not None:
        core = f"≥ {number(q.lower, q.unit)}"
    elif q.upper is not None:
        core = f"≤ {number(q.upper, q.unit)}"
    else:
        core = ""
    return " ".join(x for x in (q.approx, core) if x)


def when(w: When | None) -> str:
    """The resolved interval (``2024-10-01 – 2024-10-31``), or the phrase when unresolved."""
    if w is None:
        return ""
    if w.start is None and w.end is None:
        return f"“{w.text}”"
    if w.start == w.end:
        return str(w.start)
    return f"{w.start or '…'} – {w.end or '…'}"


def source_name(s: Source) -> str:
    """Who the claim is attributed to: the canonical name, the words used, or the kind."""
    return s.name or s.text or s.kind


def source(c: Claim) -> str:
    """``Pentagon (government)``."""
    s = c.source
    who = s.name or s.text
    return f"{who} ({s.kind})" if who else s.kind


def slug(label: str) -> str:
    """An anchor name for a pair's label: ``North Korea → Russia`` is
    ``pair-north-korea-to-russia``."""
    words = label.replace("→", " to ").split()
    return "pair-" + "-".join("".join(ch for ch in w if ch.isalnum()).lower() for w in words)
