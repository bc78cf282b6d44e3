"""Currencies as news writes a figure in them (``currencies.yaml``), compiled for the reader of
quantities (``extract/numbers.py``)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from .matching import longest_first


@dataclass(frozen=True)
class Money:
    """The written forms of the currencies: ``before`` and ``after`` are regex alternations
    (for use inside a larger, case-insensitive pattern) of what stands before a figure
    ("US$", "€", "PLN ") and after it ("kroner", "rupees", "PLN"); ``units`` maps each
    written form, lower-cased, to its ISO code."""

    before: str
    after: str
    units: tuple[tuple[str, str], ...]

    @cached_property
    def _table(self) -> dict[str, str]:
        return dict(self.units)

    def unit(self, written: str) -> str | None:
        """The ISO code of a written form ("US$" -> "USD", "kroner" -> "DKK"), or None."""
        return self._table.get(written.strip().lower())


def money_from(entries: Iterable[Mapping[str, Any]]) -> Money:
    """``Money`` from the entries of ``currencies.yaml``: symbols of signs glue to the figure
    ("$5"), symbols and codes of letters stand apart from it, in capitals ("Rs 500", "PLN 7")."""
    units: dict[str, str] = {}
    signs: list[str] = []  # "$", "US$", "€": glued to the figure, or one space apart
    lettered: list[str] = []  # "Rs", "NIS", "PLN": a word of their own, case as written
    after: list[str] = []
    for e in entries:
        code = str(e["name"])
        written_code = e.get("code_written", True)
        for s in e.get("symbols") or ():
            (signs if re.search(r"[^\w.]", s) else lettered).append(s)
            units.setdefault(s.lower(), code)
        if written_code:
            lettered.append(code)
            units.setdefault(code.lower(), code)
        for w in e.get("words") or ():
            after.append(w)
            units.setdefault(w.lower(), code)
    sign_alt = longest_first(signs) or r"(?!x)x"
    letter_alt = longest_first(lettered) or r"(?!x)x"
    words_alt = longest_first(after) or r"(?!x)x"
    return Money(before=rf"(?:{sign_alt}|(?-i:{letter_alt})\s)",
                 after=rf"(?:(?-i:{letter_alt})\b|(?:{words_alt})\b)",
                 units=tuple(sorted(units.items())))
