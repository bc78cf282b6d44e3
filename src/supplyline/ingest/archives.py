"""News archives, streamed: WARC files (Common Crawl's news crawl) and compressed JSON Lines.

- ``read_warc`` walks a ``.warc`` or ``.warc.gz`` file record by record with warcio and keeps
  the articles: ``response`` records with HTTP status 200 and an HTML body, which go through
  the same trafilatura/htmldate path as an HTML file. The record's target URI gives the url
  and the outlet, its ``WARC-Date`` (the crawl time) the date when the page has none. Every
  other record (requests, metadata, warcinfo, revisits, redirects and errors, non-HTML
  bodies, pages with no article text) is skipped and counted by reason in one ``Skipped``.
- ``decompressed`` opens a ``.gz`` or ``.zst`` file as a binary stream (gzip, zstandard), so
  a ``.jsonl.gz`` or ``.jsonl.zst`` corpus streams line by line like a plain one.

Nothing is held in memory beyond one record. A damaged or truncated archive ends its reading
with one ``IngestError`` saying where; the records read before it are kept.
"""

from __future__ import annotations

import io
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from email.message import Message
from functools import cache
from pathlib import Path
from typing import IO, Any

from supplyline.config import Settings
from supplyline.errors import DamagedArchive, DamagedStream
from supplyline.ingest.common import (
    HTML_TYPES,
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

WARC_SUFFIXES = (".warc", ".warc.gz")
COMPRESSED_SUFFIXES = (".gz", ".zst")
CHUNK = 1 << 16  # bytes read at a time
PIECE = 1 << 10  # compressed bytes given to a decoder at a time

Result = Document | IngestError


@dataclass(frozen=True)
class Skipped:
    """The records of one archive that are not articles, counted by reason (not errors)."""

    origin: str
    counts: tuple[tuple[str, int], ...]  # (reason, records), most frequent first

    @property
    def total(self) -> int:
        return sum(n for _, n in self.counts)

    def describe(self) -> str:
        """'12 records that are not articles: 5 request, 4 HTTP 404, 2 not HTML, 1 metadata'"""
        reasons = ", ".join(f"{n:,} {reason}" for reason, n in self.counts)
        word = "record" if self.total == 1 else "records"
        return f"{self.total:,} {word} that are not articles: {reasons}"


SkipHandler = Callable[[Skipped], None]


def is_warc(path: Path) -> bool:
    return path.name.lower().endswith(WARC_SUFFIXES)


def read_warc(path: Path, published: date | None, settings: Settings,
              on_skip: SkipHandler | None = None) -> Iterator[Result]:
    """The articles of a WARC file, one ``Document`` (or ``IngestError``) per kept record.

    A record's origin is ``PATH#N``, the archive's N-th record. The records skipped go to
    ``on_skip`` as one ``Skipped`` when the archive has been read.
    """
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield IngestError(str(path), f"cannot read: {exc.strerror or exc}")
        return
    skipped: Counter[str] = Counter()
    records = 0
    damage: IngestError | None = None
    with handle:
        try:
            for records, record in _records(handle):
                result = _not_an_article(record) or _article(
                    record, _body(record, records, settings.max_bytes), f"{path}#{records}",
                    published, settings)
                if isinstance(result, str):
                    skipped[result] += 1
                else:
                    yield result
        except DamagedArchive as exc:
            kind = "damaged or truncated WARC archive" if records else "not a readable WARC archive"
            damage = IngestError(str(path), f"{kind}: {exc}")
    if damage is not None:
        yield damage
    elif records == 0:
        yield IngestError(str(path), "empty WARC archive (no records)")
    if skipped and on_skip is not None:
        on_skip(Skipped(str(path), tuple(skipped.most_common())))


@cache
def _quiet_iterator() -> Any:
    """warcio's iterator without its stderr warning for a record whose length is wrong: the
    reader reports it as an error instead. (warcio is imported on the first archive: reading
    a plain corpus does not load it.)"""
    from warcio.archiveiterator import ArchiveIterator

    class QuietArchiveIterator(ArchiveIterator):  # type: ignore[misc]
        INC_RECORD = ""

    return QuietArchiveIterator


def _records(handle: IO[bytes]) -> Iterator[tuple[int, Any]]:
    """(number, record) for each whole record; ``DamagedArchive`` where reading fails.

    A gzipped archive is decompressed here (``_Decompressed``), not by warcio, which reads
    on past a damaged gzip member. warcio is lenient with the records too: it can hand out a
    last record shorter than its Content-Length, or end where a header is cut. So each
    record must have its whole length, and the iteration must end at the stream's end.
    """
    stream: Any = _Decompressed(handle, "gzip") if _gzipped(handle) else handle
    records = _quiet_iterator()(stream)
    count = 0
    previous: Any = None
    try:
        for record in records:
            _check_whole(previous, count)
            _check_lengths(records, count)
            count += 1
            previous = record
            yield count, record
        _check_whole(previous, count)
        _check_lengths(records, count)
        end = stream.tell()
    except DamagedArchive:
        raise
    except Exception as exc:  # warcio, gzip and zlib raise many kinds on damaged input
        raise DamagedArchive(f"{_where(count)}{_reason(exc)}") from exc
    if records.offset < end:
        raise DamagedArchive(f"{_where(count)}{end - records.offset:,} bytes are not a whole "
                             "record")


def _gzipped(handle: IO[bytes]) -> bool:
    magic = handle.read(2)
    handle.seek(0)
    return magic == b"\x1f\x8b"


def _where(count: int) -> str:
    return f"after record {count}: " if count else ""


def _check_whole(record: Any, count: int) -> None:
    """The record just read (warcio drains it before the next one) had all its bytes."""
    if record is None:
        return
    if record.rec_headers.get_header("Content-Length") is None:
        raise DamagedArchive(f"record {count} has no Content-Length (its header is cut short?)")
    missing = getattr(record.raw_stream, "limit", 0)  # what its length reader still expects
    if missing:
        raise DamagedArchive(f"record {count} ends {missing:,} bytes short of its length")


def _check_lengths(records: Any, count: int) -> None:
    """warcio found no blank line where record ``count`` should have ended."""
    if records.err_count:
        raise DamagedArchive(f"record {count} does not end where its Content-Length says")


def _reason(exc: BaseException) -> str:
    """One printable line: warcio quotes the raw bytes it could not read."""
    text = str(exc).strip()
    if isinstance(exc, DamagedStream):
        return text
    if "Unknown archive format" in text or "Invalid WARC record" in text:
        return "a record does not start with a WARC header"
    line = "".join(ch for ch in text.partition("\n")[0] if ch.isprintable())[:120]
    return f"{type(exc).__name__}: {line}" if line else type(exc).__name__


def _not_an_article(record: Any) -> str | None:
    """Why a record is skipped, or None for an HTML response with status 200."""
    if record.rec_type != "response":
        return record.rec_type
    headers = record.http_headers
    if headers is None:
        return "no HTTP headers"
    status = headers.get_statuscode()
    if status != "200":
        return f"HTTP {status}"
    media = (headers.get_header("Content-Type") or "").partition(";")[0].strip().lower()
    if media and media not in HTML_TYPES:
        return "not HTML"
    return None


def _body(record: Any, number: int, limit: int) -> bytes:
    """The record's HTTP body (de-chunked, decoded), at most ``limit`` + 1 bytes."""
    try:
        return bytes(record.content_stream().read(limit + 1))
    except Exception as exc:  # the damage is inside this record
        raise DamagedArchive(f"record {number}: {_reason(exc)}") from exc


def _article(record: Any, body: bytes, origin: str, published: date | None,
             settings: Settings) -> Result | str:
    """An HTML response record -> Document through the HTML path, or why it is skipped."""
    if len(body) > settings.max_bytes:
        return IngestError(origin, too_big(None, settings.max_bytes))
    content_type = record.http_headers.get_header("Content-Type")
    try:
        text = decode(body, charset=_charset(content_type))
    except Rejected as exc:
        return "not HTML" if not content_type else IngestError(origin, exc.reason)
    if not content_type and not looks_like_html(text):
        return "not HTML"
    url = record.rec_headers.get_header("WARC-Target-URI")
    crawled = parse_date(record.rec_headers.get_header("WARC-Date"))
    from supplyline.ingest.html import NO_ARTICLE_TEXT, document_from_html

    known = Known(origin=origin, url=url, outlet=outlet_from_url(url),
                  default_published=crawled or published)
    doc = document_from_html(text, known)
    if isinstance(doc, IngestError) and doc.reason == NO_ARTICLE_TEXT:
        return "no article text"
    return doc


def _charset(content_type: str | None) -> str | None:
    """The charset parameter of a Content-Type header, parsed by the stdlib's email package."""
    header = Message()
    header["Content-Type"] = content_type or ""
    return header.get_content_charset()


# -- compressed streams -------------------------------------------------------------------------


def is_compressed(path: Path) -> bool:
    return path.suffix.lower() in COMPRESSED_SUFFIXES


def decompressed(path: Path) -> IO[bytes]:
    """``path`` opened for reading, decompressed by its suffix (``.gz``, ``.zst``) as it is read.

    Damage raises ``DamagedStream`` from ``read``/``readline`` once every byte before it has
    been read.
    """
    handle = path.open("rb")
    kind = {".gz": "gzip", ".zst": "zstd"}.get(path.suffix.lower())
    return io.BufferedReader(_Decompressed(handle, kind), CHUNK) if kind else handle


class _Decompressed(io.RawIOBase):
    """A gzip or zstandard stream, member by member (frame by frame), strict about damage.

    Hand-written because the libraries' readers lose records at damage: zstandard's
    ``stream_reader`` ends silently at a truncated archive, gzip's ``GzipFile.read`` drops the
    good bytes it decompressed in the same call as the damage, and warcio (for ``.warc.gz``)
    reads on past a bad gzip member or stops without a word at a cut one. Here every byte
    before the damage is handed out first; the next read raises ``DamagedStream``.
    """

    def __init__(self, handle: IO[bytes], kind: str) -> None:
        self._handle = handle
        self._kind = kind
        self._decoder = self._new_decoder()
        self._started = False  # input fed to the current member
        self._pending = b""
        self._error: DamagedStream | None = None
        self._position = 0

    def _new_decoder(self) -> Any:
        if self._kind == "gzip":
            return zlib.decompressobj(zlib.MAX_WBITS | 16)
        import zstandard  # only for a .zst stream

        return zstandard.ZstdDecompressor().decompressobj()

    def readable(self) -> bool:
        return True

    def tell(self) -> int:
        """Bytes handed out so far (warcio asks)."""
        return self._position

    def readinto(self, buffer: Any) -> int:
        while not self._pending:
            if self._error is not None:
                raise self._error
            chunk = self._handle.read(CHUNK)
            if not chunk:
                if self._started:
                    raise DamagedStream(f"the {self._kind} data is cut short (truncated file)")
                return 0
            self._pending = self._feed(chunk)
        n = min(len(buffer), len(self._pending))
        buffer[:n] = self._pending[:n]
        self._pending = self._pending[n:]
        self._position += n
        return n

    def _feed(self, chunk: bytes) -> bytes:
        """Decompress a chunk, across member ends; damage is kept for after the good bytes.

        The chunk goes in small pieces: a decoder that meets damage returns nothing of the
        call, so only the output of the damaged piece is lost.
        """
        out = bytearray()
        errors: tuple[type[Exception], ...] = (zlib.error, *_zstd_errors(self._kind))
        try:
            for start in range(0, len(chunk), PIECE):
                data = chunk[start:start + PIECE]
                while data:
                    self._started = True
                    out += self._decoder.decompress(data)
                    if not self._decoder.eof:
                        break
                    data = self._decoder.unused_data
                    self._decoder = self._new_decoder()
                    self._started = False
        except errors as exc:
            self._error = DamagedStream(f"damaged {self._kind} data ({exc})")
        return bytes(out)

    def close(self) -> None:
        self._handle.close()
        super().close()


def _zstd_errors(kind: str) -> tuple[type[Exception], ...]:
    """zstandard's error class for a zstd stream (imported only then), else none."""
    if kind != "zstd":
        return ()
    import zstandard

    return (zstandard.ZstdError,)
