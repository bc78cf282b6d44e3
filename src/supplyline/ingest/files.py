"""Local inputs: text and HTML files, JSON Lines corpora, directories."""

from __future__ import annotations

import errno
import json
import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import IO, Any

from supplyline.config import Settings
from supplyline.ingest.archives import (
    DamagedStream,
    SkipHandler,
    decompressed,
    is_compressed,
    is_warc,
    read_warc,
)
from supplyline.ingest.common import (
    IngestError,
    Known,
    Rejected,
    decode,
    looks_like_html,
    outlet_from_url,
    parse_date,
    too_big,
)
from supplyline.model import Document

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})

Result = Document | IngestError


def read_path(path: str, published: date | None, settings: Settings,
              on_skip: SkipHandler | None = None) -> Iterator[Result]:
    """A file or a directory (walked recursively in name order, hidden entries skipped)."""
    p = Path(path)
    problem = _unfollowable(p)
    if problem:
        yield IngestError(path, problem)
    elif p.is_dir():
        for item in _walk(p, {}):
            if isinstance(item, IngestError):
                yield item
            else:
                yield from read_file(item, published, settings, on_skip)
    elif p.exists():
        yield from read_file(p, published, settings, on_skip)
    else:
        yield IngestError(path, "no such file or directory")


def _unfollowable(path: Path) -> str | None:
    """Why ``path``, a symbolic link, leads nowhere (a loop, a missing target); else None."""
    try:
        path.stat()
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "a symbolic link loop (too many levels of symbolic links)"
        if path.is_symlink():
            return f"a broken symbolic link (to {os.readlink(path)}, which does not exist)"
    return None


def _walk(root: Path, read: dict[tuple[int, int], Path]) -> Iterator[Path | IngestError]:
    """The files under ``root``; a symbolic link is followed, and each directory is read once
    (``read`` maps the directories already read to the path they were read by), so a link
    to an ancestor ends rather than recursing."""
    try:
        info = root.stat()
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError as exc:
        yield IngestError(str(root), f"cannot list directory: {exc.strerror or exc}")
        return
    read[(info.st_dev, info.st_ino)] = root
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        try:
            problem = _unfollowable(path) if entry.is_symlink() else None
            directory = not problem and entry.is_dir()
            target = entry.stat() if directory else None
        except OSError as exc:
            yield IngestError(entry.path, f"cannot read: {exc.strerror or exc}")
            continue
        if problem:
            yield IngestError(entry.path, f"skipped: {problem}")
        elif target is not None:
            first = read.get((target.st_dev, target.st_ino))
            if first is not None:
                yield IngestError(entry.path, f"skipped: the same directory as {first}, "
                                              "already read")
            else:
                yield from _walk(path, read)
        elif entry.is_file():
            yield path
        else:
            yield IngestError(entry.path, "skipped: not a regular file (a pipe, socket or "
                                          "device)")


def read_file(path: Path, published: date | None, settings: Settings,
              on_skip: SkipHandler | None = None) -> Iterator[Result]:
    """One file: a WARC archive or a JSONL corpus (compressed or not) is streamed; anything
    else is one document (text or HTML)."""
    if is_warc(path):
        yield from read_warc(path, published, settings, on_skip)
        return
    if is_jsonl(path):
        yield from read_jsonl(path, published, settings)
        return
    origin = str(path)
    try:
        size = path.stat().st_size
        if size > settings.max_bytes:
            raise Rejected(too_big(size, settings.max_bytes))
        if size == 0:
            raise Rejected("empty file")
        text = decode(path.read_bytes())
        if not text.strip():
            raise Rejected("empty file (only whitespace)")
    except Rejected as exc:
        yield IngestError(origin, exc.reason)
        return
    except OSError as exc:
        yield IngestError(origin, f"cannot read: {exc.strerror or exc}")
        return
    if path.suffix.lower() in HTML_SUFFIXES or looks_like_html(text):
        from supplyline.ingest.html import document_from_html  # trafilatura: for HTML only

        yield document_from_html(
            text, Known(origin=origin, id=path.name, default_published=published)
        )
    else:
        yield Document(id=path.name, text=text, published=published, origin=origin)


def is_jsonl(path: Path) -> bool:
    """``corpus.jsonl``, or compressed: ``corpus.jsonl.gz``, ``corpus.jsonl.zst``."""
    name = path.stem if is_compressed(path) else path.name
    return Path(name).suffix.lower() in JSONL_SUFFIXES


def read_jsonl(path: Path, published: date | None, settings: Settings) -> Iterator[Result]:
    """Stream a JSON Lines corpus one record at a time; each bad line is its own error.

    A ``.gz`` or ``.zst`` corpus is decompressed as it is read; a damaged or truncated one
    ends with an error naming the line where the damage begins, the records before it kept.
    The size limit applies to each line (one record), not to the corpus.
    """
    try:
        handle = decompressed(path)
    except OSError as exc:
        yield IngestError(str(path), f"cannot read: {exc.strerror or exc}")
        return
    records = lineno = 0
    with handle:
        try:
            for lineno, line, size in _lines(handle, settings.max_bytes):
                origin = f"{path}:{lineno}"
                if line is None:
                    yield IngestError(origin, too_big(size, settings.max_bytes))
                    continue
                if not line.strip():
                    continue
                if b"\x00" in line:
                    yield IngestError(str(path), "binary file (contains NUL bytes), not JSON Lines")
                    return
                records += 1
                yield _record_line(line, origin, published)
        except OSError as exc:  # a DamagedStream, or the disk
            yield IngestError(f"{path}:{lineno + 1}", _damaged(exc))
            return
    if records == 0:
        yield IngestError(str(path), "empty file (no JSON records)")


def _damaged(exc: OSError) -> str:
    """The reason for a corpus that cannot be read on from here."""
    if isinstance(exc, DamagedStream):
        return f"damaged or truncated archive: {exc}"
    return f"cannot read: {exc.strerror or exc}"


def _lines(handle: IO[bytes], limit: int) -> Iterator[tuple[int, bytes | None, int]]:
    """(line number, line or None when over ``limit``, size), never holding an oversized line."""
    lineno = 0
    while True:
        line = handle.readline(limit + 1)
        if not line:
            return
        lineno += 1
        if len(line) <= limit or (line.endswith(b"\n") and len(line) - 1 <= limit):
            yield lineno, line, len(line)
            continue
        size = len(line)
        while not line.endswith(b"\n"):
            line = handle.readline(1 << 20)
            if not line:
                break
            size += len(line)
        yield lineno, None, size


def _record_line(line: bytes, origin: str, published: date | None) -> Result:
    try:
        obj = json.loads(line)
    except UnicodeDecodeError:
        return IngestError(origin, "line is not valid UTF-8")
    except json.JSONDecodeError as exc:
        return IngestError(origin, f"not valid JSON: {exc.msg} (column {exc.colno})")
    if not isinstance(obj, dict):
        return IngestError(origin, f"expected a JSON object, got {type(obj).__name__}")
    return document_from_record(obj, origin, published)


def document_from_record(rec: dict[str, Any], origin: str, published: date | None) -> Result:
    """A corpus record (``id``, ``text`` or ``html``, optional ``url``, ``title``, ``author``,
    ``outlet``, ``published``) -> Document. A ``text`` is kept exactly as given."""
    text, html = rec.get("text"), rec.get("html")
    for name, value in (("text", text), ("html", html)):
        if value is not None and not isinstance(value, str):
            return IngestError(origin, f'"{name}" is not a string ({type(value).__name__})')
    if not (text and text.strip()) and not (html and html.strip()):
        return IngestError(origin, 'record has no "text" or "html" (or it is empty)')
    url = _str(rec.get("url"))
    known = Known(
        origin=origin,
        id=_str(rec.get("id")),
        url=url,
        outlet=_str(rec.get("outlet")) or outlet_from_url(url),
        title=_str(rec.get("title")),
        author=_str(rec.get("author")),
        published=parse_date(rec.get("published")),
        default_published=published,
    )
    if not (text and text.strip()):
        from supplyline.ingest.html import document_from_html  # trafilatura: for HTML only

        return document_from_html(html or "", known)
    return Document(
        id=known.id or Document.content_id(text),
        text=text,
        title=known.title,
        url=url,
        outlet=known.outlet,
        author=known.author,
        published=known.published or published,
        origin=origin,
        raw=html or None,
    )


def _str(value: object) -> str | None:
    """A record field as a non-empty string (numbers such as numeric ids are accepted)."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float | str):
        return str(value).strip() or None
    return None
