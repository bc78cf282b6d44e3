"""Resolution settings: ``vocab/resolve.yaml``, or the file named by ``SUPPLYLINE_RESOLVE``."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from supplyline.errors import SettingsError
from supplyline.vocab import read_mapping, yaml_line

VOCAB_DIR = Path(__file__).resolve().parent.parent / "vocab"
RESOLVE_ENV = "SUPPLYLINE_RESOLVE"


def read_yaml(path: Path) -> dict[str, Any]:
    """A YAML mapping, or ``SettingsError`` naming the file (and line)."""
    return read_mapping(path, SettingsError, "")


def where(path: Path, *keys: str | int) -> str:
    """``path:LINE`` of the value at ``keys`` (mapping keys, list indexes), for a message."""
    line = yaml_line(path, *keys)
    return f"{path}:{line}" if line else str(path)


def setting(path: Path, data: dict[str, Any], section: str, key: str, default: float,
            cast: type[int] | type[float]) -> Any:
    """``data[section][key]`` as ``cast``; a ``SettingsError`` at its line when it is not."""
    raw = (data.get(section) or {}).get(key, default)
    try:
        return cast(raw)
    except (TypeError, ValueError):
        kind = "a whole number" if cast is int else "a number"
        raise SettingsError(f"{where(path, section, key)}: `{section}: {key}` must be {kind},"
                            f" not {raw!r}") from None


@dataclass(frozen=True)
class ResolveSettings:
    shingle_words: int = 5
    num_perm: int = 128
    duplicate_threshold: float = 0.7
    quantity_tolerance: float = 0.5
    undated_window_days: int = 60
    figure_tolerance: float = 0.05
    revision_after_days: int = 7
    opposed: frozenset[frozenset[str]] = frozenset()
    same_period_days: int = 31
    source_strength: tuple[str, ...] = ("intelligence", "military", "government", "official",
                                        "expert", "media", "unattributed")

    @classmethod
    def from_file(cls, path: Path) -> ResolveSettings:
        data = read_yaml(path)
        for section in ("duplicates", "facts", "conflicts", "series"):
            if not isinstance(data.get(section) or {}, dict):
                raise SettingsError(f"{where(path, section)}: `{section}` must be a mapping")
        opposed = (data.get("conflicts") or {}).get("opposed") or ()
        try:
            pairs = frozenset(frozenset(p) for p in opposed)
        except TypeError:
            raise SettingsError(f"{where(path, 'conflicts', 'opposed')}: `conflicts: opposed`"
                                " must be a list of pairs of statuses") from None
        return cls(
            shingle_words=setting(path, data, "duplicates", "shingle_words", 5, int),
            num_perm=setting(path, data, "duplicates", "num_perm", 128, int),
            duplicate_threshold=setting(path, data, "duplicates", "threshold", 0.7, float),
            quantity_tolerance=setting(path, data, "facts", "quantity_tolerance", 0.5, float),
            undated_window_days=setting(path, data, "facts", "undated_window_days", 60, int),
            figure_tolerance=setting(path, data, "conflicts", "figure_tolerance", 0.05, float),
            revision_after_days=setting(path, data, "conflicts", "revision_after_days", 7,
                                        int),
            opposed=pairs,
            same_period_days=setting(path, data, "series", "same_period_days", 31, int),
            source_strength=_kinds(path, data),
        )


def _kinds(path: Path, data: dict[str, Any]) -> tuple[str, ...]:
    """``series: source_strength``: kinds of source, the strongest first."""
    raw = (data.get("series") or {}).get("source_strength")
    if raw is None:
        return ResolveSettings.source_strength
    if not isinstance(raw, list) or not all(isinstance(k, str) for k in raw):
        raise SettingsError(f"{where(path, 'series', 'source_strength')}: `series: "
                            "source_strength` must be a list of kinds of source")
    return tuple(raw)


@cache
def _load(path: str) -> ResolveSettings:
    return ResolveSettings.from_file(Path(path))


def resolve_settings() -> ResolveSettings:
    """The settings in force: ``$SUPPLYLINE_RESOLVE`` if set, else the shipped file."""
    return _load(os.environ.get(RESOLVE_ENV) or str(VOCAB_DIR / "resolve.yaml"))
