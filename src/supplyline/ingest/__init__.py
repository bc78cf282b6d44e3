"""Ingest: paths, corpora and URLs -> Documents. The only stage that reads input.

``read_inputs`` takes any mix of

- plain-text files (``.txt`` or any other text): the text as it is, newlines normalised;
- HTML files (``.html``/``.htm`` or content that starts like HTML): main text, title, author
  and date with trafilatura (comments excluded), htmldate as a fallback for the date; the
  title becomes the first line of ``Document.text`` and ``Document.raw`` keeps the HTML;
- JSON Lines corpora (``.jsonl``): one object a line with ``id``, ``text`` or ``html`` and
  optional ``url``, ``title``, ``author``, ``outlet``, ``published``; streamed line by line,
  ``text`` kept exactly as given (gold offsets index it); ``.jsonl.gz`` and ``.jsonl.zst``
  are decompressed as they stream;
- WARC archives (``.warc``, ``.warc.gz``, as in Common Crawl's news crawl): streamed record by
  record, HTML responses with status 200 kept, the other records counted in a ``Skipped``
  given to ``on_skip`` (see ``archives``);
- directories: walked recursively in name order, hidden files and directories skipped;
  symbolic links followed, each directory read once (a link back up is named and
  skipped), and a broken link, a link loop or a pipe named as an error, the walk going on;
- http(s) URLs of articles or RSS/Atom feeds (each entry's link is fetched as an article).

It yields Documents lazily and one ``IngestError`` per bad input (or bad JSONL line); it
does not raise for bad input. Choices worth knowing:

- ids: a record's ``id``; else a file's name; else ``Document.content_id(text)``.
- dates: a record's (or feed entry's) date, else the one extracted from the page, else the
  ``published`` argument. ISO dates and datetimes (and RSS dates) give their date part;
  an unreadable record date is ignored rather than failing the record.
- encoding: UTF-8 (a BOM or a declared charset is honoured). A file that is not valid UTF-8
  is still read, with U+FFFD for the bad bytes, when at most 1% of its bytes are bad;
  otherwise it is refused as binary or of another encoding. NUL bytes mean binary.
- size: a file or HTTP response over ``settings.max_bytes`` is refused; for a JSONL corpus
  the limit applies to each line, so a large corpus still streams.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from datetime import date
from typing import TYPE_CHECKING

from supplyline.config import Settings
from supplyline.ingest.archives import SkipHandler, Skipped
from supplyline.ingest.common import IngestError, is_url
from supplyline.ingest.files import read_path
from supplyline.model import Document

if TYPE_CHECKING:
    from supplyline.ingest.web import Fetcher

__all__ = ["IngestError", "Skipped", "read_inputs"]


def read_inputs(
    inputs: Iterable[str],
    *,
    published: date | None = None,
    settings: Settings | None = None,
    on_skip: SkipHandler | None = None,
) -> Iterator[Document | IngestError]:
    """Documents from paths, directories, corpora, archives and URLs, with an error per bad input.

    ``published`` is the fallback date for documents that carry none; ``settings`` default
    to ``Settings.from_env()`` (``max_bytes``, ``http_timeout``). ``on_skip`` is told, once
    per archive, how many of its records were not articles and why.
    """
    settings = settings or Settings.from_env()
    fetcher: Fetcher | None = None  # made at the first URL (httpx is loaded only then)
    try:
        for item in inputs:
            name = os.fspath(item) if isinstance(item, str | os.PathLike) else None
            if not isinstance(name, str) or not name.strip():
                yield IngestError(repr(item), "not a path or URL")
            elif is_url(name.strip()):
                from supplyline.ingest.web import Fetcher, read_url

                fetcher = fetcher or Fetcher(settings)
                yield from read_url(name.strip(), fetcher, published)
            else:
                yield from read_path(name, published, settings, on_skip)
    finally:
        if fetcher is not None:
            fetcher.close()
