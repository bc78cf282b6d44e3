"""Ingest from local inputs: text, HTML, JSON Lines, directories, and every kind of bad input."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import pytest

import supplyline.ingest
from supplyline.config import Settings
from supplyline.ingest import IngestError, read_inputs
from supplyline.model import Document

SHARED = Path(__file__).resolve().parents[3] / "shared"
SEEDS = SHARED / "seeds"
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not present")

ARTICLE = (
    "Poland hands over more MiG-29 jets to Ukraine\n"
    "\n"
    "Poland has handed over four more MiG-29 fighter jets to Ukraine, the defence ministry "
    "in Warsaw said on Tuesday.\n"
    "\n"
    "The aircraft arrived at an air base in western Ukraine, officials said.\n"
)

PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Germany sends second IRIS-T system to Ukraine</title>
<meta name="author" content="Anna Weber">
<meta property="article:published_time" content="2023-05-02T08:15:00+02:00">
</head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a> | Subscribe</nav>
<article>
<h1>Germany sends second IRIS-T system to Ukraine</h1>
<p>Germany has delivered a second IRIS-T surface-to-air missile system to Ukraine, the
government said in an update to its list of military aid published on Tuesday.</p>
<p>The system arrived around the middle of April, according to the update, which also listed
eight off-road trucks and two load-handling trucks among the latest deliveries.</p>
<p>Two more systems are due to be delivered by early next year, officials in Berlin said.</p>
</article>
<section class="comments"><h3>Comments</h3><p>First comment: this is great news!</p></section>
<footer>Copyright 2023 Example Media</footer>
</body></html>
"""


def run(*inputs: str | Path, **kw: object) -> list[Document | IngestError]:
    return list(read_inputs([str(i) for i in inputs], **kw))  # type: ignore[arg-type]


def only(results: list[Document | IngestError]) -> Document | IngestError:
    assert len(results) == 1, results
    return results[0]


def test_public_api() -> None:
    assert supplyline.ingest.__all__ == ["IngestError", "Skipped", "read_inputs"]


# -- good input -----------------------------------------------------------------------------


def test_text_file(tmp_path: Path) -> None:
    path = tmp_path / "001_poland.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    doc = only(run(path, published=date(2023, 4, 5)))
    assert isinstance(doc, Document)
    assert doc.id == "001_poland.txt"
    assert doc.text == ARTICLE
    assert doc.origin == str(path)
    assert doc.published == date(2023, 4, 5)
    assert doc.raw is None and doc.url is None and doc.outlet is None


def test_text_file_newlines_and_bom_are_normalised(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"\xef\xbb\xbf" + ARTICLE.replace("\n", "\r\n").encode())
    doc = only(run(path))
    assert isinstance(doc, Document)
    assert doc.text == ARTICLE


def test_unknown_extension_is_read_as_text(tmp_path: Path) -> None:
    path = tmp_path / "notes"
    path.write_text(ARTICLE, encoding="utf-8")
    doc = only(run(path))
    assert isinstance(doc, Document) and doc.text == ARTICLE and doc.id == "notes"


def test_html_file(tmp_path: Path) -> None:
    path = tmp_path / "iris.html"
    path.write_text(PAGE, encoding="utf-8")
    doc = only(run(path, published=date(2000, 1, 1)))
    assert isinstance(doc, Document)
    assert doc.id == "iris.html"
    assert doc.raw == PAGE
    assert doc.title == "Germany sends second IRIS-T system to Ukraine"
    assert doc.text.splitlines()[0] == doc.title
    assert "second IRIS-T surface-to-air missile system" in doc.text
    assert "First comment" not in doc.text  # comments excluded
    assert "Home" not in doc.text
    assert doc.author == "Anna Weber"
    assert doc.published == date(2023, 5, 2)  # the page's date beats the fallback


def test_html_title_is_prepended_when_the_text_lacks_it(tmp_path: Path) -> None:
    page = PAGE.replace("<h1>Germany sends second IRIS-T system to Ukraine</h1>", "")
    path = tmp_path / "no-h1.htm"
    path.write_text(page, encoding="utf-8")
    doc = only(run(path))
    assert isinstance(doc, Document)
    assert doc.text.startswith("Germany sends second IRIS-T system to Ukraine\n\nGermany has")


def test_html_is_sniffed_from_content(tmp_path: Path) -> None:
    path = tmp_path / "page.dat"
    path.write_text(PAGE, encoding="utf-8")
    doc = only(run(path))
    assert isinstance(doc, Document) and doc.raw == PAGE and doc.title


def test_html_without_a_date_uses_htmldate_then_the_argument(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import trafilatura

    real = trafilatura.bare_extraction

    def undated(*args: object, **kw: object) -> object:
        result = real(*args, **kw)  # type: ignore[arg-type]
        result.date = None  # type: ignore[union-attr]
        return result

    monkeypatch.setattr(trafilatura, "bare_extraction", undated)
    path = tmp_path / "iris.html"
    path.write_text(PAGE, encoding="utf-8")
    doc = only(run(path))
    assert isinstance(doc, Document) and doc.published == date(2023, 5, 2)  # htmldate

    undated_page = PAGE.replace(
        '<meta property="article:published_time" content="2023-05-02T08:15:00+02:00">', ""
    ).replace("Copyright 2023 ", "")
    path.write_text(undated_page, encoding="utf-8")
    doc = only(run(path, published=date(2023, 5, 9)))
    assert isinstance(doc, Document) and doc.published == date(2023, 5, 9)


def test_broken_but_readable_html_is_extracted(tmp_path: Path) -> None:
    broken = PAGE.replace("</p>", "").replace("</article>", "").replace("</body></html>", "")
    path = tmp_path / "broken.html"
    path.write_text(broken, encoding="utf-8")
    doc = only(run(path))
    assert isinstance(doc, Document)
    assert "off-road trucks" in doc.text


def test_jsonl_corpus(tmp_path: Path) -> None:
    path = tmp_path / "corpus.jsonl"
    records = [
        {"id": "a1", "url": "https://www.example.com/news/1", "published": "2024-10-28",
         "title": "T", "author": "Jo Bloggs", "text": "North Korea sent troops."},
        {"id": 7, "text": "Iran sent drones.", "outlet": "Example Wire",
         "published": "2024-02-21T10:30:00Z"},
        {"id": "h1", "html": PAGE, "url": "https://news.example.org/iris"},
        {"text": "No id here.", "published": "not a date"},
    ]
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n\n", encoding="utf-8")
    docs = run(path, published=date(2020, 1, 1))
    assert all(isinstance(d, Document) for d in docs), docs
    a, b, h, n = docs
    assert isinstance(a, Document) and isinstance(b, Document)
    assert isinstance(h, Document) and isinstance(n, Document)
    assert (a.id, a.outlet, a.published, a.title, a.author) == (
        "a1", "example.com", date(2024, 10, 28), "T", "Jo Bloggs")
    assert a.origin == f"{path}:1" and a.url == "https://www.example.com/news/1"
    assert (b.id, b.outlet, b.published) == ("7", "Example Wire", date(2024, 2, 21))
    assert h.id == "h1" and h.raw == PAGE and h.outlet == "news.example.org"
    assert h.text.startswith("Germany sends second IRIS-T system to Ukraine")
    assert h.published == date(2023, 5, 2)
    assert n.id == Document.content_id("No id here.")
    assert n.published == date(2020, 1, 1)  # unreadable record date: the fallback


def test_jsonl_text_is_kept_exactly(tmp_path: Path) -> None:
    text = "  Line one.\r\nLine two.\n\n"
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps({"id": "x", "text": text}) + "\n", encoding="utf-8")
    doc = only(run(path))
    assert isinstance(doc, Document) and doc.text == text


def test_jsonl_is_streamed(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps({"id": "1", "text": "First."}) + "\n", encoding="utf-8")
    results = read_inputs([str(path)])
    first = next(results)
    assert isinstance(first, Document) and first.id == "1"
    # the file is read line by line: a line appended now is still seen
    with path.open("a", encoding="utf-8") as f:
        f.write(json.dumps({"id": "2", "text": "Second."}) + "\n")
    rest = list(results)
    assert [d.id for d in rest if isinstance(d, Document)] == ["2"]


def test_inputs_are_consumed_lazily(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    seen: list[str] = []

    def inputs() -> object:
        for name in (str(path), str(tmp_path / "missing.txt")):
            seen.append(name)
            yield name

    results = read_inputs(inputs())  # type: ignore[arg-type]
    assert seen == []
    assert isinstance(next(results), Document)
    assert seen == [str(path)]
    assert isinstance(next(results), IngestError)


def test_directory_recursive_sorted_hidden_skipped(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "b" / "2.txt").write_text("Two.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("One.", encoding="utf-8")
    (tmp_path / "c.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("Hidden.", encoding="utf-8")
    (tmp_path / ".git" / "x.txt").write_text("Hidden too.", encoding="utf-8")
    (tmp_path / "d.jsonl").write_text(json.dumps({"id": "r", "text": "Rec."}), encoding="utf-8")
    docs = run(tmp_path)
    assert [d.id for d in docs if isinstance(d, Document)] == ["a.txt", "2.txt", "c.html", "r"]
    assert not [d for d in docs if isinstance(d, IngestError)]


@needs_seeds
def test_seeds_jsonl_gives_two_documents() -> None:
    docs = run(SEEDS / "seeds.jsonl")
    assert [(d.id, d.published) for d in docs if isinstance(d, Document)] == [
        ("000_bb7952c7762eb152.txt", date(2024, 12, 23)),
        ("003_fd060efeff429ee8.txt", date(2025, 7, 3)),
    ]
    assert len(docs) == 2


@needs_seeds
def test_seed_text_files_match_the_corpus() -> None:
    files = run(SEEDS / "000_bb7952c7762eb152.txt", SEEDS / "003_fd060efeff429ee8.txt")
    corpus = run(SEEDS / "seeds.jsonl")
    assert [d.id for d in files] == [d.id for d in corpus]  # type: ignore[union-attr]
    for f, c in zip(files, corpus, strict=True):
        assert isinstance(f, Document) and isinstance(c, Document)
        assert f.text == c.text


@needs_seeds
def test_dev_corpus_streams_with_outlets() -> None:
    docs = run(SHARED / "dev" / "docs.jsonl")
    assert len(docs) == 50 and all(isinstance(d, Document) for d in docs)
    first = docs[0]
    assert isinstance(first, Document)
    assert first.id == "d001" and first.outlet == "koreajoongangdaily.joins.com"
    outlets = {d.outlet for d in docs if isinstance(d, Document)}
    assert "trtworld.com" in outlets  # "www." and ":443" dropped


# -- bad input ------------------------------------------------------------------------------


def error(results: list[Document | IngestError]) -> IngestError:
    result = only(results)
    assert isinstance(result, IngestError), result
    return result


def test_nonexistent_path(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    err = error(run(missing))
    assert err == IngestError(str(missing), "no such file or directory")


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "image.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    err = error(run(path))
    assert err.origin == str(path)
    assert err.reason == "binary file (contains NUL bytes), not text"


def test_mostly_text_with_a_stray_invalid_byte_is_read(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes(ARTICLE.encode() + b"Caf\xe9 owners said the jets flew low.\n")
    doc = only(run(path))
    assert isinstance(doc, Document)
    assert "Caf\ufffd owners" in doc.text and doc.text.startswith(ARTICLE)


def test_mostly_invalid_utf8_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "garbage.txt"
    path.write_bytes(bytes(range(0x80, 0x100)) * 8 + b"some text")
    err = error(run(path))
    assert err.reason.startswith("not UTF-8 text: ")
    assert "cannot be decoded" in err.reason


def test_declared_charset_is_honoured_for_html(tmp_path: Path) -> None:
    page = PAGE.replace('charset="utf-8"', 'charset="windows-1252"').replace(
        "Anna Weber", "Ren\u00e9e M\u00fcller")
    path = tmp_path / "cp1252.html"
    path.write_bytes(page.encode("cp1252"))
    doc = only(run(path))
    assert isinstance(doc, Document) and doc.author == "Ren\u00e9e M\u00fcller"


@pytest.mark.parametrize("content", [b"", b"  \n\t\n"])
def test_empty_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    assert error(run(path)).reason.startswith("empty file")


def test_file_over_the_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:
        f.truncate(52_400_000)  # sparse: no 52 MB written
    err = error(run(path, settings=Settings(max_bytes=5_000_000)))
    assert err.reason == "refused: 52.4 MB exceeds the 5.0 MB limit (SUPPLYLINE_MAX_BYTES)"


def test_size_limit_comes_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SUPPLYLINE_MAX_BYTES", "100")
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    err = error(run(path))
    size = len(ARTICLE.encode())
    assert err.reason == (
        f"refused: {size} bytes exceeds the 100-byte limit (SUPPLYLINE_MAX_BYTES)"
    )


@pytest.mark.parametrize(
    "markup",
    ["<html><body><div><<<>>></p></body>", "<html><head><title>T</title></head></html>", "<<<<"],
)
def test_html_without_text_is_an_error(tmp_path: Path, markup: str) -> None:
    path = tmp_path / "bad.html"
    path.write_text(markup, encoding="utf-8")
    err = error(run(path))
    assert err.reason == "no article text could be extracted from the HTML"


def test_bad_jsonl_lines_are_errors_and_the_batch_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_text(
        "\n".join([
            json.dumps({"id": "ok1", "text": "Fine."}),
            "{not json",
            json.dumps({"id": "no-text", "url": "https://example.com"}),
            json.dumps(["a", "list"]),
            json.dumps({"id": "blank", "text": "   "}),
            json.dumps({"id": "num", "text": 42}),
            json.dumps({"id": "ok2", "text": "Also fine."}),
        ]) + "\n",
        encoding="utf-8",
    )
    results = run(path, str(tmp_path / "missing.jsonl"))
    docs = [r.id for r in results if isinstance(r, Document)]
    errors = [r for r in results if isinstance(r, IngestError)]
    assert docs == ["ok1", "ok2"]
    assert [e.origin for e in errors] == [
        f"{path}:2", f"{path}:3", f"{path}:4", f"{path}:5", f"{path}:6",
        str(tmp_path / "missing.jsonl"),
    ]
    assert errors[0].reason.startswith("not valid JSON: ")
    assert errors[1].reason == 'record has no "text" or "html" (or it is empty)'
    assert errors[2].reason == "expected a JSON object, got list"
    assert errors[3].reason == 'record has no "text" or "html" (or it is empty)'
    assert errors[4].reason == '"text" is not a string (int)'


def test_jsonl_size_limit_is_per_line(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    lines = [json.dumps({"id": "small", "text": "Short."}),
             json.dumps({"id": "big", "text": "x" * 5000}),
             json.dumps({"id": "after", "text": "Still read."})]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    results = run(path, settings=Settings(max_bytes=1000))
    assert [getattr(r, "id", None) for r in results] == ["small", None, "after"]
    err = results[1]
    assert isinstance(err, IngestError) and err.origin == f"{path}:2"
    assert err.reason.startswith("refused: 5.0 kB exceeds the 1.0 kB limit")


def test_binary_jsonl_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_bytes(b"\x00\x01\x02\n\x00\x00\n")
    err = error(run(path))
    assert err.origin == str(path) and err.reason.startswith("binary file")


def test_empty_jsonl_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_text("\n\n", encoding="utf-8")
    assert error(run(path)).reason == "empty file (no JSON records)"


def test_a_bad_input_does_not_stop_the_batch(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    results = run(tmp_path / "missing", empty, good, "")
    kinds = [type(r).__name__ for r in results]
    assert kinds == ["IngestError", "IngestError", "Document", "IngestError"]


# -- symbolic links -------------------------------------------------------------------------


def ids_and_errors(results: list[Document | IngestError]) -> tuple[list[str], list[str]]:
    return ([r.id for r in results if isinstance(r, Document)],
            [f"{Path(r.origin).name}: {r.reason}" for r in results if isinstance(r, IngestError)])


def test_a_symlink_loop_in_a_directory_is_named_and_the_batch_goes_on(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a").symlink_to(folder / "b")
    (folder / "b").symlink_to(folder / "a")
    (folder / "c.txt").write_text("Three.", encoding="utf-8")
    after = tmp_path / "after.txt"
    after.write_text("After.", encoding="utf-8")
    ids, errors = ids_and_errors(run(folder, after))
    assert ids == ["c.txt", "after.txt"]
    assert errors == ["a: skipped: a symbolic link loop (too many levels of symbolic links)",
                      "b: skipped: a symbolic link loop (too many levels of symbolic links)"]


def test_a_symlink_loop_given_as_an_input_is_named(tmp_path: Path) -> None:
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    err = error(run(tmp_path / "a"))
    assert err.reason == "a symbolic link loop (too many levels of symbolic links)"


def test_a_dangling_symlink_is_named(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "gone.txt").symlink_to(tmp_path / "deleted.txt")
    (folder / "kept.txt").write_text("Kept.", encoding="utf-8")
    target = tmp_path / "deleted.txt"
    ids, errors = ids_and_errors(run(folder))
    assert ids == ["kept.txt"]
    assert errors == [f"gone.txt: skipped: a broken symbolic link (to {target}, which does "
                      "not exist)"]
    assert error(run(folder / "gone.txt")).reason == (
        f"a broken symbolic link (to {target}, which does not exist)")


def test_a_symlinked_directory_is_read_once_and_a_cycle_is_named(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "s.txt").write_text("Shared.", encoding="utf-8")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "linked").symlink_to(shared, target_is_directory=True)
    (folder / "same").symlink_to(shared, target_is_directory=True)
    (folder / "up").symlink_to(folder, target_is_directory=True)  # a cycle
    (folder / "x.txt").write_text("Mine.", encoding="utf-8")
    ids, errors = ids_and_errors(run(folder))
    assert ids == ["s.txt", "x.txt"]
    assert errors == [
        f"same: skipped: the same directory as {folder / 'linked'}, already read",
        f"up: skipped: the same directory as {folder}, already read",
    ]
    assert ids_and_errors(run(folder / "linked")) == (["s.txt"], [])  # an input may be a link


def test_a_pipe_in_a_directory_is_named_not_read(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "a.txt").write_text("One.", encoding="utf-8")
    ids, errors = ids_and_errors(run(tmp_path))
    assert ids == ["a.txt"]
    assert errors == ["pipe: skipped: not a regular file (a pipe, socket or device)"]


# -- text no store can take -----------------------------------------------------------------


def test_lone_surrogates_in_a_record_become_text_every_store_takes(tmp_path: Path) -> None:
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(
        '{"id": "a\\udfff", "text": "One \\ud800 two."}\n'
        '{"id": "b", "outlet": "Out\\udffflet", "author": "\\udc00", "text": "Two."}\n'
        '{"text": "No id \\udfff here."}\n'
        '{"id": "c\\u0000", "title": "T\\u0000", "text": "Nul \\u0000 inside."}\n'
        '{"id": "d", "text": "Fine."}\n', encoding="utf-8")
    docs = run(corpus)
    assert all(isinstance(d, Document) for d in docs)
    for d in docs:
        for value in vars(d).values():
            if isinstance(value, str):
                value.encode("utf-8")  # no lone surrogate left
                assert "\x00" not in value
    a, b, no_id, c, d = docs
    assert (a.id, a.text) == ("a\\udfff", "One \ufffd two.")  # offsets still index the text
    assert (b.outlet, b.author) == ("Out\ufffdlet", "\ufffd")
    assert no_id.id.startswith("sha1:") and no_id.text == "No id \ufffd here."
    assert (c.id, c.title, c.text) == ("c\\x00", "T\ufffd", "Nul \ufffd inside.")
    assert d.id == "d"
