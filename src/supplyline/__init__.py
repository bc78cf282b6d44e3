"""supplyline: evidence-linked claims about military support between states, from news.

The public API::

    import supplyline

    claims = supplyline.extract(
        "North Korea has sent 12,000 troops to Russia, South Korea's spy agency said.",
        published="2025-01-01",
    )
    with supplyline.open_store("supplyline.db") as store:  # or "postgresql://host/db"
        summary = supplyline.ingest(["articles/"], store)
        for claim in store.claims(supplyline.ClaimFilter(actor="North Korea")):
            print(claim.to_dict())

Importing the package is light: spaCy and the HTML readers load on first use.

``extract``, ``ingest`` and ``resolve`` are functions, and also the names of the subpackages
that implement them (``supplyline/extract/``...). Python would replace the
package attribute with the subpackage when that is first imported, so the package keeps the
function there, and the function passes attribute look-ups on to its subpackage:
``supplyline.extract(...)`` and ``supplyline.ingest.read_inputs`` both work, and
``from supplyline.extract import extract_document`` is the subpackage as usual.
"""

from __future__ import annotations

import importlib
import os
import sys
import types
from collections.abc import Callable, Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from supplyline.config import Settings
from supplyline.errors import SupplylineError
from supplyline.model import (
    Alert,
    Claim,
    CleanedText,
    Document,
    Evidence,
    Fact,
    Quantity,
    Source,
    When,
)
from supplyline.store import BaseStore, ClaimFilter, Store, open_store

if TYPE_CHECKING:
    from supplyline.pipeline import Engine, Progress, RunSummary
    from supplyline.resolve import ResolveSummary

__version__ = "0.1.0"

__all__ = [
    "Alert",
    "Claim",
    "ClaimFilter",
    "CleanedText",
    "Document",
    "Evidence",
    "Fact",
    "Quantity",
    "Settings",
    "Source",
    "Store",
    "SupplylineError",
    "When",
    "__version__",
    "extract",
    "extract_document",
    "ingest",
    "open_store",
    "resolve",
]


def _extract(text: str, published: date | str | None = None, doc_id: str = "text",
             settings: Settings | None = None) -> list[Claim]:
    """Claims in a piece of text; ``published`` (a date or ISO string) resolves relative
    dates such as "last month". The spaCy pipeline loads on the first call."""
    from supplyline.extract import extract as impl

    return impl(text, published=published, doc_id=doc_id, settings=settings)


def extract_document(doc: Document, cleaned: CleanedText | None = None,
                     settings: Settings | None = None) -> list[Claim]:
    """Every claim in one document, evidence offsets pointing into ``doc.text``."""
    from supplyline.extract import extract_document as impl

    return impl(doc, cleaned, settings)


def _ingest(inputs: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
            store: BaseStore | str | os.PathLike[str], *, published: date | str | None = None,
            settings: Settings | None = None, jobs: int = 1,
            progress: Progress | None = None, engine: Engine | None = None,
            resolve: bool = True) -> RunSummary:
    """Read, clean and extract paths, directories, corpora, archives and URLs into a store,
    then resolve the new claims into facts (as ``supplyline ingest`` does; ``resolve=False``
    leaves that to a later ``supplyline.resolve(store)``, for a bulk load in several runs).

    ``store`` is a store, a SQLite path or a PostgreSQL URL (opened and closed here).
    Documents already stored with the same text are skipped. Bad inputs do not raise: they
    are listed in the returned ``RunSummary.failures``. ``engine`` (from ``supplyline.engines``)
    says where to clean and extract; by default ``jobs`` local processes.
    """
    from supplyline.pipeline import run

    if isinstance(inputs, str | os.PathLike):
        inputs = [inputs]
    names = [os.fspath(i) for i in inputs]
    if isinstance(published, str):
        published = date.fromisoformat(published[:10])
    if not isinstance(store, BaseStore):
        with open_store(os.fspath(store)) as opened:
            return _ingest(names, opened, published=published, settings=settings, jobs=jobs,
                           progress=progress, engine=engine, resolve=resolve)
    settings = settings or Settings.from_env(db=store.location)
    summary = run(names, store, settings=settings, published=published, jobs=jobs,
                  progress=progress, engine=engine)
    if resolve:
        _resolve(store)
    return summary


def _resolve(store: BaseStore | str | os.PathLike[str], *,
             rebuild: bool = False) -> ResolveSummary:
    """Group near-duplicate documents into stories and resolve the claims not yet in a fact
    into facts (incrementally; ``rebuild`` redoes every block). ``store`` is a store, a
    SQLite path or a PostgreSQL URL."""
    from supplyline.resolve import resolve as impl

    if not isinstance(store, BaseStore):
        with open_store(os.fspath(store)) as opened:
            return impl(opened, rebuild=rebuild)
    return impl(store, rebuild=rebuild)


class _Entry:
    """A public function that shares its name with a subpackage: calling it calls the
    function; other attributes are the subpackage's (see the module docstring)."""

    def __init__(self, func: Callable[..., Any], package: str) -> None:
        object.__setattr__(self, "__wrapped__", func)
        object.__setattr__(self, "_package", package)
        object.__setattr__(self, "__doc__", func.__doc__)
        object.__setattr__(self, "__name__", package.rpartition(".")[2])
        object.__setattr__(self, "__qualname__", package.rpartition(".")[2])

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self.__wrapped__(*args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(importlib.import_module(self._package), name)

    def __setattr__(self, name: str, value: Any) -> None:  # e.g. monkeypatching the package
        setattr(importlib.import_module(self._package), name, value)

    def __delattr__(self, name: str) -> None:
        delattr(importlib.import_module(self._package), name)

    def __dir__(self) -> list[str]:
        return sorted(set(dir(importlib.import_module(self._package))) | {"__wrapped__"})

    def __repr__(self) -> str:
        return f"<function {self._package}>"


extract = _Entry(_extract, f"{__name__}.extract")
ingest = _Entry(_ingest, f"{__name__}.ingest")
resolve = _Entry(_resolve, f"{__name__}.resolve")


class _Package(types.ModuleType):
    """Keeps ``extract`` and ``ingest`` the functions when their subpackages are imported."""

    def __setattr__(self, name: str, value: Any) -> None:
        if isinstance(value, types.ModuleType) and isinstance(
                self.__dict__.get(name), _Entry):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
