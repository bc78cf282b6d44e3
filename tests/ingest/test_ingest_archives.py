"""News archives: WARC (plain and gzipped) and compressed JSON Lines, streamed; the records that
are not articles counted; damaged and truncated archives end in one clear error, the records
before the damage kept."""

from __future__ import annotations

import gzip
import json
from datetime import date
from pathlib import Path

import pytest
import zstandard
from warcio.archiveiterator import ArchiveIterator

from corpus_factories import PAGES, RECORDS, write_compressed_jsonl, write_warc
from supplyline.config import Settings
from supplyline.ingest import IngestError, Skipped, read_inputs
from supplyline.model import Document

FINLAND, KOREA = PAGES
SKIPPED = {
    "request": 2,
    "warcinfo": 1,
    "metadata": 1,
    "HTTP 404": 1,
    "HTTP 301": 1,
    "not HTML": 1,
    "no article text": 1,
}


def read(path: Path, **kw: object) -> tuple[list[Document | IngestError], list[Skipped]]:
    skips: list[Skipped] = []
    items = list(read_inputs([str(path)], on_skip=skips.append, **kw))  # type: ignore[arg-type]
    return items, skips


def kinds(items: list[Document | IngestError]) -> list[str]:
    return [type(i).__name__ for i in items]


def record_offsets(path: Path) -> list[int]:
    """Where each record starts in the file (warcio's own reading of it)."""
    with path.open("rb") as fh:
        records = ArchiveIterator(fh)
        return [records.get_record_offset() for _ in records]


# -- WARC ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("compress", [True, False], ids=["warc.gz", "warc"])
def test_warc_keeps_the_html_responses_with_status_200(tmp_path: Path, compress: bool) -> None:
    name = "crawl.warc.gz" if compress else "crawl.warc"
    path = write_warc(tmp_path / name, compress=compress)
    items, skips = read(path, published=date(2020, 1, 1))
    finland, korea = items
    assert isinstance(finland, Document) and isinstance(korea, Document)
    # the target URI gives url and outlet; the origin names the record
    assert (finland.url, finland.outlet) == (FINLAND, "daily.example.test")
    assert (korea.url, korea.outlet) == (KOREA, "news.example.test")
    assert (finland.origin, korea.origin) == (f"{path}#3", f"{path}#5")
    # the page's own date; else the crawl date (WARC-Date), before the --published fallback
    assert finland.published == date(2024, 6, 14)
    assert korea.published == date(2024, 10, 8)
    # the first page was gzip-encoded on the wire: decoded before trafilatura read it
    assert finland.text.startswith("Finland announces a new defence package for Ukraine\n")
    assert "188 million euros" in finland.text and "Nice." not in finland.text
    assert korea.raw is not None and korea.raw.startswith("<!DOCTYPE html>")
    assert finland.id == Document.content_id(finland.text)
    [skipped] = skips
    assert skipped.origin == str(path)
    assert dict(skipped.counts) == SKIPPED
    assert skipped.total == 8
    assert skipped.describe() == ("8 records that are not articles: 2 request, 1 warcinfo, "
                                  "1 metadata, 1 HTTP 404, 1 HTTP 301, 1 not HTML, "
                                  "1 no article text")


def test_a_warc_in_a_directory_is_read_as_an_archive(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    write_warc(tmp_path / "docs" / "a.warc.gz")
    (tmp_path / "docs" / "b.txt").write_text("Poland sent tanks to Ukraine.\n", encoding="utf-8")
    items, skips = read(tmp_path / "docs")
    assert [getattr(i, "url", None) for i in items] == [FINLAND, KOREA, None]
    assert [s.total for s in skips] == [8]


def test_a_gzipped_warc_without_the_gz_suffix_is_still_read(tmp_path: Path) -> None:
    path = write_warc(tmp_path / "crawl.warc", compress=True)
    items, _ = read(path)
    assert kinds(items) == ["Document", "Document"]


def test_an_oversized_record_is_an_error_and_the_archive_goes_on(tmp_path: Path) -> None:
    path = write_warc(tmp_path / "crawl.warc.gz")
    sizes = [len(page.encode()) for page in PAGES.values()]
    assert sizes[0] > 700 > sizes[1]
    items, _ = read(path, settings=Settings(max_bytes=700))
    assert kinds(items) == ["IngestError", "Document"]
    assert items[0].origin == f"{path}#3"
    assert items[0].reason == "refused: larger than the 700 bytes limit (SUPPLYLINE_MAX_BYTES)"


def test_a_warc_is_read_lazily(tmp_path: Path) -> None:
    """The first article comes out before the reader gets to the damage further on."""
    path = write_warc(tmp_path / "crawl.warc.gz")
    data = path.read_bytes()
    path.write_bytes(data[:record_offsets(path)[6]] + b"\x1f\x8b" + b"\x00" * 64)
    items = read_inputs([str(path)])
    first = next(items)
    assert isinstance(first, Document) and first.url == FINLAND


@pytest.mark.parametrize("compress", [True, False], ids=["warc.gz", "warc"])
def test_a_truncated_warc_keeps_the_records_before_the_cut(tmp_path: Path,
                                                          compress: bool) -> None:
    path = write_warc(tmp_path / ("crawl.warc.gz" if compress else "crawl.warc"),
                      compress=compress)
    data = path.read_bytes()
    second_response = record_offsets(path)[4]
    path.write_bytes(data[:second_response + 200])
    items, skips = read(path)
    assert kinds(items) == ["Document", "IngestError"]
    assert items[0].url == FINLAND
    error = items[1]
    assert error.origin == str(path)
    assert error.reason.startswith("damaged or truncated WARC archive: ")
    expected = ("after record 4: the gzip data is cut short (truncated file)" if compress
                else "after record 4: 200 bytes are not a whole record")
    assert expected in error.reason
    assert dict(skips[0].counts) == {"warcinfo": 1, "request": 2}


def test_a_warc_cut_inside_its_last_record_is_an_error(tmp_path: Path) -> None:
    path = write_warc(tmp_path / "crawl.warc", compress=False)
    path.write_bytes(path.read_bytes()[:-30])
    items, _ = read(path)
    assert kinds(items) == ["Document", "Document", "IngestError"]
    assert "record 10 ends 26 bytes short of its length" in items[2].reason


def test_a_damaged_gzip_member_is_an_error_after_the_good_records(tmp_path: Path) -> None:
    path = write_warc(tmp_path / "crawl.warc.gz")
    data = bytearray(path.read_bytes())
    offsets = record_offsets(path)
    middle = (offsets[4] + offsets[5]) // 2  # inside the second article's gzip member
    data[middle:middle + 16] = b"\xff" * 16
    path.write_bytes(bytes(data))
    items, _ = read(path)
    assert kinds(items) == ["Document", "IngestError"]
    assert "damaged gzip data" in items[1].reason


@pytest.mark.parametrize(("content", "reason"), [
    (b"<html><body><p>Not an archive.</p></body></html>",
     "not a readable WARC archive: a record does not start with a WARC header"),
    (b"", "empty WARC archive (no records)"),
    (b"\x1f\x8b\x08\x00", "not a readable WARC archive: the gzip data is cut short"),
])
def test_a_file_that_is_not_a_warc_archive(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "page.warc"
    path.write_bytes(content)
    items, skips = read(path)
    [error] = items
    assert isinstance(error, IngestError) and error.reason.startswith(reason)
    assert skips == []


# -- compressed JSON Lines ---------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".gz", ".zst"])
def test_compressed_jsonl_gives_what_the_plain_corpus_gives(tmp_path: Path, suffix: str) -> None:
    plain = tmp_path / "wire.jsonl"
    plain.write_text("".join(json.dumps(r) + "\n" for r in RECORDS), encoding="utf-8")
    packed = write_compressed_jsonl(tmp_path / f"wire.jsonl{suffix}")
    got, _ = read(packed)
    want, _ = read(plain)
    assert [d.id for d in got] == ["us-package", "iran-drones"]
    assert [(d.text, d.published, d.outlet) for d in got] == [
        (d.text, d.published, d.outlet) for d in want]
    assert got[1].origin == f"{packed}:2"


def _many(n: int) -> list[dict]:
    return [{"id": f"r{i:03d}", "text": f"Report {i}: Estonia sent {i + 10} mortars to Ukraine "
             f"and Latvia pledged {i + 3} Stinger launchers ({i * 7919 % 10007})."}
            for i in range(n)]


def test_a_zstd_corpus_of_several_frames_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "many.jsonl.zst"
    frames = [zstandard.ZstdCompressor().compress(json.dumps(r).encode() + b"\n")
              for r in _many(50)]
    path.write_bytes(b"".join(frames))
    items, _ = read(path)
    assert [d.id for d in items] == [f"r{i:03d}" for i in range(50)]


def test_a_truncated_zstd_corpus_keeps_the_records_before_the_cut(tmp_path: Path) -> None:
    path = tmp_path / "many.jsonl.zst"
    frames = [zstandard.ZstdCompressor().compress(json.dumps(r).encode() + b"\n")
              for r in _many(50)]
    data = b"".join(frames)
    path.write_bytes(data[:-5])  # inside the last frame
    items, _ = read(path)
    assert kinds(items) == ["Document"] * 49 + ["IngestError"]
    assert (items[-1].origin, items[-1].reason) == (
        f"{path}:50", "damaged or truncated archive: the zstd data is cut short (truncated file)")


def test_a_truncated_gzip_corpus_keeps_the_records_before_the_cut(tmp_path: Path) -> None:
    path = write_compressed_jsonl(tmp_path / "many.jsonl.gz", _many(300))
    whole = len(read(path)[0])
    path.write_bytes(path.read_bytes()[: len(path.read_bytes()) * 2 // 3])
    items, _ = read(path)
    *docs, error = items
    assert whole == 300 and 100 < len(docs) < 300
    assert all(isinstance(d, Document) for d in docs)
    assert [d.id for d in docs] == [f"r{i:03d}" for i in range(len(docs))]
    assert error.origin == f"{path}:{len(docs) + 1}"
    assert error.reason == "damaged or truncated archive: the gzip data is cut short " \
                           "(truncated file)"


@pytest.mark.parametrize(("suffix", "content", "reason"), [
    (".gz", b'{"id": "x", "text": "plain, not gzip"}\n', "damaged gzip data"),
    (".zst", b'{"id": "x", "text": "plain, not zstd"}\n', "damaged zstd data"),
    (".gz", gzip.compress(b"")[:-8] + b"\x00" * 3, "damaged or truncated archive"),
])
def test_a_damaged_compressed_corpus_is_one_error(tmp_path: Path, suffix: str, content: bytes,
                                                  reason: str) -> None:
    path = tmp_path / f"bad.jsonl{suffix}"
    path.write_bytes(content)
    items, _ = read(path)
    [error] = items
    assert isinstance(error, IngestError) and error.origin == f"{path}:1"
    assert reason in error.reason
