"""spaCy imported without its command line.

``import spacy`` imports ``spacy.cli`` (typer, weasel, requests, jinja2 and every command of
spaCy's command line: about a third of spaCy's import, 0.13 s of every process that
extracts, before a ``--jobs 2`` worker can start) for one name, ``spacy.info``. The extractor
never runs spaCy's command line, so while ``import_spacy`` imports spaCy, ``spacy.cli`` and
``spacy.cli.info`` are placeholders (the package's own directory, no code run); then they
leave ``sys.modules``, so that anyone's ``import spacy.cli`` imports the real package, and
``spacy.info`` or an attribute of the placeholder left as ``spacy.cli`` imports it when first
used. Importing this module does it: ``extract/__init__.py`` imports it before any module
that imports spaCy. When spaCy is imported already it does nothing, and when the import fails
with the placeholders, spaCy is imported as usual.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import os
import sys
from collections.abc import Sequence
from types import ModuleType
from typing import Any

_PACKAGE, _INFO = "spacy.cli", "spacy.cli.info"


def import_spacy() -> None:
    """Import spaCy with its command line left for later (see the module's notes)."""
    if "spacy" in sys.modules:
        return
    finder = _Placeholders()
    sys.meta_path.insert(0, finder)
    try:
        import spacy  # noqa: F401
    except Exception:
        _remove(finder)
        import spacy  # noqa: F401,F811  # as usual: any error is spaCy's own
    else:
        _remove(finder)


def info(*args: Any, **kwargs: Any) -> Any:
    """``spacy.info``: spaCy's own, imported when first called."""
    from spacy.cli.info import info as spacy_info

    return spacy_info(*args, **kwargs)


class _Placeholder(ModuleType):
    """``spacy.cli`` or ``spacy.cli.info`` not imported: any name asked of it imports the
    real module (once the placeholders have left ``sys.modules``)."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or sys.modules.get(self.__name__) is self:
            raise AttributeError(name)
        return getattr(importlib.import_module(self.__name__), name)


class _Placeholders(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    def find_spec(self, fullname: str, path: Sequence[str] | None = None,
                  target: ModuleType | None = None) -> importlib.machinery.ModuleSpec | None:
        if fullname not in (_PACKAGE, _INFO):
            return None
        spec = importlib.machinery.ModuleSpec(fullname, self, is_package=fullname == _PACKAGE)
        if fullname == _PACKAGE:  # its own directory: any other module of it is the real one
            spec.submodule_search_locations = [os.path.join(p, "cli") for p in path or ()]
        return spec

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType:
        return _Placeholder(spec.name)

    def exec_module(self, module: ModuleType) -> None:
        if module.__name__ == _INFO:
            module.info = info  # type: ignore[attr-defined]


def _remove(finder: _Placeholders) -> None:
    if finder in sys.meta_path:
        sys.meta_path.remove(finder)
    for name in (_INFO, _PACKAGE):
        if isinstance(sys.modules.get(name), _Placeholder):
            del sys.modules[name]


import_spacy()
