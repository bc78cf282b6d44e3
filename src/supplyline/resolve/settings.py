"""Resolution settings: ``vocab/resolve.yaml``, or the file named by ``SUPPLYLINE_RESOLVE``."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from supplyline.vocab import read_mapping

VOCAB_DIR = Path(__file__).resolve().parent.parent / "vocab"
RESOLVE_ENV = "SUPPLYLINE_RESOLVE"


class SettingsError(ValueError):
    """A settings or rules file that cannot be read; the message is one line."""


def read_yaml(path: Path) -> dict[str, Any]:
    """A YAML mapping, or ``SettingsError`` naming the file."""
    return read_mapping(path, SettingsError, "")


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
        dup, facts, conf, series = (data.get(k) or {} for k in (
            "duplicates", "facts", "conflicts", "series"))
        try:
            return cls(
                shingle_words=int(dup.get("shingle_words", 5)),
                num_perm=int(dup.get("num_perm", 128)),
                duplicate_threshold=float(dup.get("threshold", 0.7)),
                quantity_tolerance=float(facts.get("quantity_tolerance", 0.5)),
                undated_window_days=int(facts.get("undated_window_days", 60)),
                figure_tolerance=float(conf.get("figure_tolerance", 0.05)),
                revision_after_days=int(conf.get("revision_after_days", 7)),
                opposed=frozenset(frozenset(p) for p in conf.get("opposed") or ()),
                same_period_days=int(series.get("same_period_days", 31)),
                source_strength=tuple(str(k) for k in series.get("source_strength") or (
                    cls.source_strength)),
            )
        except (TypeError, ValueError) as exc:
            raise SettingsError(f"{path}: {exc}") from None


@cache
def _load(path: str) -> ResolveSettings:
    return ResolveSettings.from_file(Path(path))


def resolve_settings() -> ResolveSettings:
    """The settings in force: ``$SUPPLYLINE_RESOLVE`` if set, else the shipped file."""
    return _load(os.environ.get(RESOLVE_ENV) or str(VOCAB_DIR / "resolve.yaml"))
