"""Every regular expression that cleaning and extraction compile, printed as JSON Lines.

Run in a fresh interpreter (``python tests/regex_census.py``) by ``test_regex_time``: it hooks
``re``'s compiler before supplyline is imported, so it sees each pattern wherever it lives (a
module constant, a pattern built from the vocabulary, an inline ``re.search``), then imports
every module of ``supplyline.extract`` and cleans and extracts the bundled samples, which
exercises the patterns built at run time. A pattern counts when the code that compiles it is
in ``supplyline/extract/``, ``supplyline/clean.py`` or ``supplyline/vocab/``; each line
says where it was first compiled and how it was called.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
import re
import sys
from pathlib import Path
from typing import Any

OURS = ("/supplyline/extract/", "/supplyline/clean.py", "/supplyline/vocab/")
RE_FILES = {Path(re.__file__).parent.as_posix()}
seen: dict[tuple[str, int], dict[str, Any]] = {}


def _caller() -> tuple[str, str]:
    """Who asked for the pattern (the first frame outside the ``re`` package), and how: the
    ``re`` function called (``search``, ``fullmatch``...; ``compile`` for a kept pattern)."""
    frame = sys._getframe(2)
    how = "compile"
    while frame is not None and Path(frame.f_code.co_filename).parent.as_posix() in RE_FILES:
        how = frame.f_code.co_name
        frame = frame.f_back  # type: ignore[assignment]
    where = f"{frame.f_code.co_filename}:{frame.f_lineno}" if frame is not None else "?"
    return where.replace("\\", "/"), how


_compile: Any = re._compile  # type: ignore[attr-defined]


def _recording(pattern: Any, flags: Any) -> Any:
    compiled = _compile(pattern, flags)
    if isinstance(compiled.pattern, str):
        where, how = _caller()
        if any(part in where for part in OURS):
            found = seen.setdefault((compiled.pattern, int(compiled.flags)),
                                    {"where": where, "used": set()})
            found["used"].add(how)
    return compiled


def main() -> None:
    re._compile = _recording  # type: ignore[attr-defined]
    import supplyline.clean
    import supplyline.extract
    from supplyline.config import Settings
    from supplyline.extract import extract_document
    from supplyline.ingest import read_inputs
    from supplyline.model import Document

    for info in pkgutil.walk_packages(supplyline.extract.__path__, "supplyline.extract."):
        importlib.import_module(info.name)
    samples = Path(supplyline.__file__).parent / "data" / "samples"
    settings = Settings.from_env()
    for doc in read_inputs([str(samples)], settings=settings):
        if isinstance(doc, Document):
            extract_document(doc, supplyline.clean.clean(doc), settings)
    for (pattern, flags), found in seen.items():
        print(json.dumps({"pattern": pattern, "flags": flags, "where": found["where"],
                          "used": sorted(found["used"])}))


if __name__ == "__main__":
    main()
