"""Pieces shared by the ingest readers: the error record, decoding, dates and outlets."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

from supplyline.errors import Rejected

# A file that is not valid UTF-8 is still read (bad bytes become U+FFFD) when at most this
# fraction of its bytes is undecodable: a stray Latin-1 byte in an otherwise UTF-8 page.
MAX_INVALID_FRACTION = 0.01
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})  # media types of web pages
# More C0 control characters (other than tab, newline, CR, form feed) than this: binary.
MAX_CONTROL_FRACTION = 0.01

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._-]+)""", re.I)
_HTML_START = re.compile(
    r"<(?:!doctype\s+html|html|head|body|meta|title|article|div|p|section|main)\b", re.I
)


@dataclass(frozen=True)
class IngestError:
    """One input that could not be read; the batch goes on."""

    origin: str  # the path, URL or "file.jsonl:LINE"
    reason: str  # one clear human line


def human_size(n: int) -> str:
    """Bytes as a short human figure: '52.4 MB', '3.1 kB', '120 bytes'."""
    if n >= 100_000:
        return f"{n / 1e6:.1f} MB"
    if n >= 1000:
        return f"{n / 1e3:.1f} kB"
    return f"{n} bytes"


def too_big(size: int | None, limit: int) -> str:
    """The refusal message for an input over ``settings.max_bytes``."""
    if size is None:
        return f"refused: larger than the {human_size(limit)} limit (SUPPLYLINE_MAX_BYTES)"
    shown, cap = human_size(size), human_size(limit)
    if shown == cap or cap.endswith(" bytes"):
        shown, cap = f"{size:,} bytes", f"{limit:,}-byte"
    return f"refused: {shown} exceeds the {cap} limit (SUPPLYLINE_MAX_BYTES)"


def decode(data: bytes, *, charset: str | None = None) -> str:
    """Bytes to text, or ``Rejected`` for binary data.

    A byte-order mark is honoured. Valid UTF-8 is read as UTF-8; otherwise a declared
    ``charset`` (HTTP header, HTML ``<meta>``) is used if there is one; otherwise a file with
    a few undecodable bytes (at most ``MAX_INVALID_FRACTION``) is read with U+FFFD in their
    place, and anything worse is refused rather than guessed at. NUL bytes or many control
    characters mean binary. Newlines are normalised to ``\\n`` and a BOM is dropped.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _normalise(data.decode(encoding))
            except UnicodeDecodeError as exc:
                raise Rejected(f"invalid {encoding.upper()} text: {exc.reason}") from None
    if b"\x00" in data:
        raise Rejected("binary file (contains NUL bytes), not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = _decode_other(data, charset)
    if len(_CONTROL.findall(text)) > MAX_CONTROL_FRACTION * max(len(text), 1):
        raise Rejected("binary file (control characters), not text")
    return _normalise(text)


def _decode_other(data: bytes, charset: str | None) -> str:
    """Not UTF-8: a declared charset if there is one, else UTF-8 with a few bad bytes replaced."""
    if charset is None and data.lstrip()[:1] == b"<":
        match = _META_CHARSET.search(data[:4096])
        charset = match.group(1).decode("ascii") if match else None
    codec = _codec(charset) if charset else None
    if codec and codec != "utf-8":
        return data.decode(codec, errors="replace")
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    if bad > MAX_INVALID_FRACTION * len(data):
        raise Rejected(
            f"not UTF-8 text: {bad / len(data):.0%} of the bytes cannot be decoded "
            "(binary data or another encoding)"
        )
    return text


def _codec(charset: str) -> str | None:
    try:
        return codecs.lookup(charset).name
    except LookupError:
        return None


def _normalise(text: str) -> str:
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def looks_like_html(text: str) -> bool:
    """True when the text starts like markup: a doctype or a common HTML element."""
    head = text.lstrip()[:2048]
    return head.startswith("<") and bool(_HTML_START.search(head))


def parse_date(value: object) -> date | None:
    """An ISO date or datetime (or RFC 2822, as in RSS) to its date part; None if unreadable."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not value.strip():
        return None
    s = value.strip()
    try:
        return datetime.fromisoformat(s).date()
    except ValueError:
        pass
    try:
        return date.fromisoformat(s[:10])
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(s).date()
    except (TypeError, ValueError, IndexError):
        return None


def outlet_from_url(url: str | None) -> str | None:
    """The URL's host without a leading ``www.``: 'koreajoongangdaily.joins.com'."""
    if not url:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    if not host:
        return None
    return host[4:] if host.startswith("www.") else host


def is_url(value: str) -> bool:
    """True for http(s) URLs, the inputs fetched over the network."""
    return value.lower().startswith(("http://", "https://"))


@dataclass(frozen=True)
class Known:
    """What the caller already knows about a page (a JSONL record, a feed entry, a file name).

    Known values win over what is extracted from the page; ``default_published`` (the
    ``published`` argument of ``read_inputs``) is used only when no date is found at all.
    """

    origin: str
    id: str | None = None
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    author: str | None = None
    published: date | None = None
    default_published: date | None = None
