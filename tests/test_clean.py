"""Tests for the cleaner: headline, summary, headings, body and debris, with exact offsets."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from supplyline.clean import CleanVocab, clean
from supplyline.ingest import read_inputs
from supplyline.model import CleanedText, Document

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEEDS = SHARED / "seeds"
DEV = SHARED / "dev"
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not present")
needs_dev = pytest.mark.skipif(not DEV.is_dir(), reason="../shared/dev not present")


def seed(name: str) -> Document:
    (doc,) = read_inputs([str(SEEDS / name)])
    assert isinstance(doc, Document)
    return doc


def check_offsets(doc: Document, cleaned: CleanedText) -> None:
    """Segments index doc.text, are stripped, ordered, disjoint, and cover all its words."""
    assert cleaned.text == doc.text
    last = 0
    covered = [False] * len(doc.text)
    for s in cleaned.segments:
        assert s.text == doc.text[s.start:s.end]
        assert s.text == s.text.strip() and s.text
        assert s.start >= last
        last = s.end
        for i in range(s.start, s.end):
            covered[i] = True
        assert (s.reason is not None) == (s.kind == "debris")
    left = "".join(ch for ch, c in zip(doc.text, covered, strict=True) if not c)
    assert re.sub(r"[\s•\-*–·]", "", left) == ""  # only whitespace and bullet markers


def kinds(cleaned: CleanedText, kind: str) -> list[str]:
    return [s.text for s in cleaned.segments if s.kind == kind]


def debris(cleaned: CleanedText) -> dict[str, str]:
    return {s.text: s.reason or "" for s in cleaned.debris}


@needs_seeds
def test_seed_000() -> None:
    doc = seed("000_bb7952c7762eb152.txt")
    cleaned = clean(doc)
    check_offsets(doc, cleaned)
    first_line = doc.text.split("\n", 1)[0]
    assert cleaned.segments[0].kind == "body"  # a paragraph, not a title
    assert cleaned.segments[0].text == first_line
    assert kinds(cleaned, "headline") == []
    assert kinds(cleaned, "summary") == []
    assert kinds(cleaned, "heading") == [
        "North Korea's Ongoing Military Support to Russia",
        "Signs of Increased Military Preparations",
        "The Global Reaction to North Korea's Actions",
    ]
    assert debris(cleaned) == {"User Comments": "site chrome: User Comments"}
    assert cleaned.segments[-1].end == len(doc.text.rstrip())
    assert len(kinds(cleaned, "body")) == 6


@needs_seeds
def test_seed_003() -> None:
    doc = seed("003_fd060efeff429ee8.txt")
    cleaned = clean(doc)
    check_offsets(doc, cleaned)
    assert kinds(cleaned, "headline") == [
        "Ukraine Warns of Impending North Korean Troop Deployment to Russia"
    ]
    summary = kinds(cleaned, "summary")
    bullets = [ln.strip()[1:].strip() for ln in doc.text.splitlines()
               if ln.strip().startswith("•")]
    assert len(summary) == 5 and summary == bullets
    assert summary[0] == "Ukraine warns North Korea could send 30,000 additional troops to Russia."
    assert kinds(cleaned, "heading") == [
        "North Korea’s troop deployment raises concerns",
        "Evaluating previous troop transfers and current strategies",
        "Potential for increased military exercises and cooperation",
        "North Korean military capabilities seeing enhancement",
        "Far-reaching implications for U.S. and regional security",
    ]
    found = debris(cleaned)
    assert found["Loading Now"] == "site chrome: Loading Now"
    assert found["Post Comment"] == "site chrome: Post Comment"
    alt = [t for t, r in found.items() if r == "image alt text"]
    assert len(alt) == 1 and alt[0].startswith("A dark military landscape showcasing")
    bio = [t for t, r in found.items() if r == "author biography"]
    assert len(bio) == 1 and bio[0].startswith("Sofia Rodriguez is a multifaceted journalist")
    assert len(found) == 4
    assert len(kinds(cleaned, "body")) == 6
    assert "Sofia" not in cleaned.article_text and "Loading" not in cleaned.article_text


@needs_seeds
@pytest.mark.parametrize("name", ["000_bb7952c7762eb152.txt", "003_fd060efeff429ee8.txt"])
def test_seed_article_text_keeps_every_body_sentence(name: str) -> None:
    doc = seed(name)
    cleaned = clean(doc)
    debris_lines = {s.text for s in cleaned.debris}
    article = cleaned.article_text
    for line in doc.text.splitlines():
        line = line.strip().lstrip("•").strip()
        if line and line not in debris_lines:
            for sentence in re.split(r"(?<=[.!?])\s+", line):
                assert sentence in article
    # what is debris is short chrome, the alt text and the biography: nothing else
    assert all(len(t) < 600 for t in debris_lines)


def test_chrome_glued_to_the_last_line() -> None:
    text = "Officials expect more shipments soon.\nThis is a volatile world.User Comments"
    doc = Document(id="g", text=text)
    cleaned = clean(doc)
    check_offsets(doc, cleaned)
    assert [(s.kind, s.text) for s in cleaned.segments] == [
        ("body", "Officials expect more shipments soon."),
        ("body", "This is a volatile world."),
        ("debris", "User Comments"),
    ]
    glued = cleaned.segments[-1]
    assert (glued.start, glued.end) == (len(text) - len("User Comments"), len(text))


def test_chrome_glued_to_the_first_line() -> None:
    text = "Loading NowUkraine Warns of New Troop Deployment\n\nKyiv said on Monday that " \
        "North Korea would send more troops to Russia this summer."
    doc = Document(id="g", text=text)
    cleaned = clean(doc)
    check_offsets(doc, cleaned)
    assert [(s.kind, s.text) for s in cleaned.segments][:2] == [
        ("debris", "Loading Now"),
        ("headline", "Ukraine Warns of New Troop Deployment"),
    ]


CLEAN_ARTICLE = """Poland hands four more MiG-29 fighter jets to Ukraine

Poland has handed over four more MiG-29 fighter jets to Ukraine, President Andrzej Duda said at a press conference in Warsaw on Wednesday.

He said another six jets would follow soon, bringing the total to 14.

Modernised aircraft

Duda added that Poland still operates MiG-29s that have been adapted to NATO standards, so Ukraine may receive the rest of the fleet in future.

In total, the Polish air force has 28 MiG-29 fighters.
"""  # noqa: E501 - an article's paragraphs are long lines


def test_a_clean_article_has_no_debris() -> None:
    doc = Document(id="pl", text=CLEAN_ARTICLE)
    cleaned = clean(doc)
    check_offsets(doc, cleaned)
    assert cleaned.debris == ()
    assert [s.kind for s in cleaned.segments] == [
        "headline", "body", "body", "heading", "body", "body"
    ]
    assert cleaned.article_text == "\n\n".join(
        p.strip() for p in CLEAN_ARTICLE.split("\n\n")
    )


def test_title_from_metadata_marks_the_headline() -> None:
    text = "Germany delivers IRIS-T\n\nGermany has delivered a second IRIS-T system, " \
        "the government said."
    doc = Document(id="t", text=text, title="Germany delivers IRIS-T")
    assert [s.kind for s in clean(doc).segments] == ["headline", "body"]


def test_summary_bullets_only_near_the_top() -> None:
    text = (
        "Iran sends missiles to Russia, sources say\n"
        "- Around 400 missiles were sent, sources said.\n"
        "* Shipments began in January.\n"
        "Iran has provided Russia with a large number of ballistic missiles, six sources said.\n"
        "Background:\n"
        "• Iran has supplied hundreds of drones.\n"
    )
    doc = Document(id="b", text=text)
    cleaned = clean(doc)
    check_offsets(doc, cleaned)
    assert kinds(cleaned, "summary") == [
        "Around 400 missiles were sent, sources said.", "Shipments began in January."
    ]
    assert kinds(cleaned, "heading") == ["Background:"]
    assert cleaned.segments[-1].kind == "body"
    assert cleaned.segments[-1].text == "• Iran has supplied hundreds of drones."


def test_captions_datelines_and_chrome() -> None:
    text = "\n".join([
        "US sends ATACMS missiles to Ukraine amid war",
        "By Jane Smith",
        "Published: 12 Jul. 2025, 10:35 Updated: 12 Jul. 2025, 12:01",
        "Photo: Reuters",
        "The United States has secretly sent long-range ATACMS missiles to Ukraine, officials "
        "said on Wednesday.",
        "Advertisement",
        "(Photo by John Doe/Getty Images)",
        "Read more: Ukraine receives first F-16 jets",
        "Updated: the Pentagon later confirmed that the missiles had arrived in Ukraine this "
        "month and were already in use against Russian targets in occupied territory.",
        "Share this article",
        "Sign up for our newsletter",
        "We use cookies to improve your experience.",
    ])
    doc = Document(id="c", text=text)
    cleaned = clean(doc)
    check_offsets(doc, cleaned)
    reasons = [(s.kind, s.reason) for s in cleaned.segments]
    assert reasons == [
        ("headline", None),
        ("debris", "byline"),
        ("debris", "dateline"),
        ("debris", "image caption or credit"),
        ("body", None),
        ("debris", "site chrome: Advertisement"),
        ("debris", "image caption or credit"),
        ("debris", "site chrome: starts 'Read more:'"),
        ("body", None),  # "Updated:" opening a sentence of news is not a dateline
        ("debris", "site chrome: Share this article"),
        ("debris", "site chrome: starts 'Sign up for our'"),
        ("debris", "site chrome: starts 'We use cookies'"),
    ]


def test_a_lede_with_a_participle_is_not_alt_text() -> None:
    text = (
        "North Korea unveils new missile\n"
        "North Korea unveiled a new missile featuring a solid-fuel engine.\n"
        "State media said the launch was a success.\n"
    )
    cleaned = clean(Document(id="a", text=text))
    assert cleaned.debris == ()


def test_a_final_paragraph_about_an_official_is_not_a_biography() -> None:
    text = (
        "US approves new aid for Ukraine\n"
        "The Pentagon announced a new package of artillery rounds for Ukraine on Friday.\n"
        "John Kirby is a spokesman for the National Security Council and a retired rear "
        "admiral who said the rounds would ship within weeks.\n"
    )
    cleaned = clean(Document(id="k", text=text))
    assert cleaned.debris == ()


def test_unknown_text_is_body() -> None:
    text = "zzz qqq\n\n12345\n\nsome lower case words without an end"
    cleaned = clean(Document(id="u", text=text))
    assert {s.kind for s in cleaned.segments} <= {"body", "heading"}
    assert cleaned.debris == ()
    assert clean(Document(id="e", text="")).segments == ()


def test_vocabulary_is_data() -> None:
    vocab = CleanVocab.load()
    assert "loading now" in vocab.chrome_lines
    assert "journalist" in vocab.bio_roles
    data = {**_shipped(), "chrome": {**_shipped()["chrome"], "lines": ["Breaking News"]}}
    custom = CleanVocab.from_dict(data)
    doc = Document(id="v", text="Breaking News\nLoading Now\nKyiv said it received tanks.")
    assert [s.reason for s in clean(doc, vocab=custom).segments] == [
        "site chrome: Breaking News", None, None
    ]  # the custom list replaced the shipped one
    assert [s.reason for s in clean(doc).segments] == [None, "site chrome: Loading Now", None]


def _shipped() -> dict[str, object]:
    import yaml

    path = Path(__file__).resolve().parents[1] / "src" / "supplyline" / "vocab" / "clean.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@needs_dev
def test_no_gold_evidence_is_called_debris() -> None:
    """Across the dev set and the seeds, every hand-annotated evidence span stays article."""
    docs = {
        d.id: d
        for d in read_inputs([str(DEV / "docs.jsonl"), str(SEEDS / "seeds.jsonl")])
        if isinstance(d, Document)
    }
    checked = 0
    for gold in (DEV / "gold.jsonl", SEEDS / "gold.jsonl"):
        with gold.open(encoding="utf-8") as f:
            claims = [json.loads(line) for line in f if line.strip()]
        for claim in claims:
            doc = docs[claim["doc"]]
            cleaned = clean(doc)
            check_offsets(doc, cleaned)
            evidence = claim["evidence"]
            for ev in evidence if isinstance(evidence, list) else [evidence]:
                ev = ev["text"] if isinstance(ev, dict) else ev
                at = doc.text.find(ev)
                assert at >= 0
                hit = [s for s in cleaned.debris if s.start < at + len(ev) and s.end > at]
                assert not hit, (claim["doc"], ev, hit)
                checked += 1
    assert checked > 400


def test_a_scene_caption_before_the_body_is_debris_but_a_lede_is_not() -> None:
    text = (
        "Drones strike a depot near the border\n"
        "Firefighters stand beside a burning warehouse outside the city.\n"
        "Russia launched forty drones at the depot overnight, officials said.\n"
    )
    segments = clean(Document(id="caption", text=text)).segments
    kinds = {s.text: (s.kind, s.reason) for s in segments}
    assert kinds["Firefighters stand beside a burning warehouse outside the city."] == (
        "debris", "image caption")
    lede = "Russia launched forty drones at the depot overnight, officials said."
    assert kinds[lede][0] == "body"
