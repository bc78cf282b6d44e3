"""The kept span (``WholeSpan``) reads as ``doc[:]`` does; the splitter's sentence texts are
the spans' own; the splitter on the parser's tokenizer (``splitter_on``) splits as the blank
one, and only a tokenizer with English's rules is used so; the model's tokenizer is read from
its files alone when its config builds spaCy's own (``_tokenizer_to_read``)."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.tokens import Span

from supplyline.config import Settings
from supplyline.extract import ModelError
from supplyline.extract.nlp import WholeSpan, require_installed, splitter, whole
from supplyline.extract.sentences import split_sentences
from supplyline.model import CleanedText, Segment

TEXTS = ["Two  spaces, a tab\there and a trailing space ",
         "  Leading blanks: the depot shipped forty crates of shells on Friday.",
         "One.", ""]


def test_whole_span_reads_as_the_doc_span() -> None:
    nlp = spacy.blank("en")
    for text in TEXTS:
        doc = nlp(text)
        plain, kept = doc[:], whole(doc)
        assert isinstance(kept, WholeSpan) and isinstance(kept, Span)
        for _ in range(2):  # the second read comes from what the first kept
            assert kept.text == plain.text
            assert [t.i for t in kept] == [t.i for t in plain]
            assert list(kept) == list(plain)
        assert (kept.start, kept.end, kept.start_char, kept.end_char, len(kept)) == (
            plain.start, plain.end, plain.start_char, plain.end_char, len(plain))
        assert kept == plain
        if len(doc):
            assert kept[-1] == plain[-1] and kept[0:1].text == plain[0:1].text


def test_sentences_are_the_spans_texts() -> None:
    text = "The depot shipped  forty crates.   Then it  stopped!  \"Why?\" asked a clerk. "
    cleaned = CleanedText(text, (Segment("body", 0, len(text), text),))
    got = [s.text for s in split_sentences(cleaned)]
    want = [s.text.strip() for s in splitter()(text).sents if len(s.text.strip()) >= 3]
    assert got == want
    for s in split_sentences(cleaned):
        assert text[s.start:s.end] == s.text


def test_the_splitter_on_the_parser_splits_as_the_blank_one() -> None:
    import json
    from importlib.resources import files

    from supplyline.config import Settings
    from supplyline.extract.nlp import parser, splitter_on

    split = splitter_on(parser(Settings.from_env().spacy_model))
    assert split is not splitter()  # the model's tokenizer has English's rules: its own
    texts = [*TEXTS, "Mr. Ortega's crates (40 of them) left at 5 p.m.; why? Nobody knows!",
             "The U.S.-made rockets weren't sent... \"They'll arrive,\" she said. Really?",
             "See https://example.org/a-b?c=1 or mail desk@example.org: 3x155-mm shells."]
    samples = files("supplyline").joinpath("data/samples/articles.jsonl")
    texts += [json.loads(line)["text"] for line in samples.read_text("utf-8").splitlines()
              if line.strip()]
    blank = splitter()
    for text in texts:
        for line in text.split("\n"):
            ours, theirs = split(line), blank(line)
            assert [t.text for t in ours] == [t.text for t in theirs]
            assert [(s.start_char, s.end_char) for s in ours.sents] == [
                (s.start_char, s.end_char) for s in theirs.sents]
        cleaned = CleanedText(text, (Segment("body", 0, len(text), text),))
        assert split_sentences(cleaned, split) == split_sentences(cleaned)


def test_a_parser_with_other_tokenizer_rules_keeps_the_blank_splitter() -> None:
    from supplyline.extract.nlp import english_rules, splitter_on

    other = spacy.blank("en")
    assert english_rules(other.tokenizer)
    other.tokenizer.rules = {"ca": [{"ORTH": "c"}, {"ORTH": "a"}]}  # type: ignore[union-attr]
    assert not english_rules(other.tokenizer)
    assert splitter_on(other) is splitter()
    german = spacy.blank("de")
    assert not english_rules(german.tokenizer)
    assert splitter_on(german) is splitter()


def test_the_model_s_tokenizer_is_read_from_its_files_alone() -> None:
    from supplyline.config import Settings
    from supplyline.extract.nlp import _pattern, _tokenizer_to_read, parser

    model = Settings.from_env().spacy_model
    override = _tokenizer_to_read(model)
    assert override == {"nlp": {"tokenizer": {"@tokenizers": "supplyline.tokenizer_to_read.v1"}}}
    ours, theirs = parser(model).tokenizer, spacy.load(model, exclude=["ner"]).tokenizer
    for name in ("prefix_search", "suffix_search", "infix_finditer", "token_match", "url_match"):
        assert _pattern(getattr(ours, name)) == _pattern(getattr(theirs, name))
    assert ours.rules == theirs.rules and ours.faster_heuristics == theirs.faster_heuristics
    line = "They'll ship 3x155-mm shells (U.S.-made) to Kyiv by 5 p.m., see https://example.org."
    assert [t.text for t in ours(line)] == [t.text for t in theirs(line)]


def test_a_pipeline_with_another_tokenizer_is_loaded_as_it_says(tmp_path: Path) -> None:
    from supplyline.extract.nlp import _tokenizer_to_read

    spacy.blank("en").to_disk(tmp_path / "plain")
    assert _tokenizer_to_read(str(tmp_path / "plain"))  # spacy.Tokenizer.v1, files and all
    config = (tmp_path / "plain" / "config.cfg").read_text(encoding="utf-8")
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "config.cfg").write_text(
        config.replace('"spacy.Tokenizer.v1"', '"my.Tokenizer.v1"'), encoding="utf-8")
    (tmp_path / "other" / "tokenizer").write_bytes(
        (tmp_path / "plain" / "tokenizer").read_bytes())
    assert _tokenizer_to_read(str(tmp_path / "other")) == {}
    (tmp_path / "plain" / "tokenizer").unlink()  # nothing to read it from
    assert _tokenizer_to_read(str(tmp_path / "plain")) == {}
    assert _tokenizer_to_read(str(tmp_path / "missing")) == {}
    assert _tokenizer_to_read("no_such_pipeline_package") == {}


def test_a_fresh_process_splits_on_the_parser_without_building_the_blank_splitter() -> None:
    import subprocess
    import sys
    import textwrap

    code = textwrap.dedent("""
        from supplyline.config import Settings
        from supplyline.extract.nlp import parser, splitter, splitter_on

        split = splitter_on(parser(Settings.from_env().spacy_model))
        assert splitter.cache_info().currsize == 0, "the blank splitter was built"
        assert [s.text for s in split("One crate left. Two more followed!").sents] == [
            "One crate left.", "Two more followed!"]
    """)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr


def test_exceptions_compare_as_a_tokenizer_holds_them() -> None:
    from supplyline.extract.nlp import _same_special_cases

    saved = {"ain't": [{65: "ai"}, {65: "n't", 67: "not"}]}
    assert _same_special_cases(saved, {"ain't": [{65: "ai", "number": 2},
                                                 {65: "n't", 67: "not"}]})
    assert not _same_special_cases(saved, {"ain't": [{65: "ain"}, {65: "'t"}]})
    assert not _same_special_cases(saved, {**saved, "can't": [{65: "ca"}, {65: "n't"}]})


def test_require_installed_refuses_only_what_spacy_load_would(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="'no_such_spacy_pipeline' is not installed"):
        require_installed("no_such_spacy_pipeline")
    require_installed(Settings().spacy_model)  # the default, installed with the package
    require_installed("blank:en")
    require_installed(str(tmp_path))  # a directory: spacy.load reads it (and says what is wrong)
