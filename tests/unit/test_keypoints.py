"""Key points on briefs written for the project (none of them is the seed's story)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from briefreader.io.errors import BriefError
from briefreader.io.sources import read_brief
from briefreader.model.document import Document
from briefreader.nlp.annotate import annotate_document
from briefreader.nlp.keypoints import textrank
from briefreader.nlp.pipeline import LoadedModel
from briefreader.nlp.taxonomy import load_taxonomy

DIPLOMATIC = {"visit", "invitation", "tension", "agreement"}


def categories(doc: Document) -> set[str]:
    return {k.category for k in doc.key_points}


def check_evidence(doc: Document) -> None:
    for k in doc.key_points:
        assert k.evidence, k
        for ev in k.evidence:
            assert doc.text[ev.start : ev.end] == ev.quote


def test_diplomatic_brief_gets_visit_invitation_and_history(sample: Callable[[str], Document]) -> None:
    doc = sample("chile-argentina-glacier-talks.md")
    by_cat = {k.category: k for k in doc.key_points}
    assert {"visit", "invitation", "tension"} <= set(by_cat)
    # Headlines written from the event frames: who did what to whom, where and when.
    assert by_cat["visit"].title == "Lucía Ferrero meets Tomás Valdivia in Santiago"
    assert by_cat["invitation"].title == (
        "Tomás Valdivia invites Martín Aguirre to attend Southern Water Summit in Buenos Aires (June 2026)"
    )
    # Both old quarrels are one point with two evidence sentences, dated as background.
    hist = by_cat["tension"]
    assert hist.title.startswith("2019: Argentina recalls its ambassador") and len(hist.evidence) == 2
    for k in doc.key_points:
        assert not k.title.startswith(("Meeting:", "Invitation:", "Statement:", "Tensions:")), k.title
        if k.event is not None:
            assert k.category == k.event.type
    check_evidence(doc)


def test_second_diplomatic_brief(sample: Callable[[str], Document]) -> None:
    doc = sample("korea-china-envoy.txt")
    assert {"visit", "invitation", "tension"} <= categories(doc)
    inv = next(k for k in doc.key_points if k.category == "invitation")
    assert inv.title == "Park Byeong-seug invites Xi Jinping to summit of APEC forum (October 2025)"
    # "Park delivered a letter ...": the speaker by the cluster of the subject, in full.
    letter = next(k for k in doc.key_points if k.evidence[0].quote.startswith("Park delivered"))
    assert letter.title.startswith("Park Byeong-seug delivers letter")


def test_sport_and_business_briefs_get_no_diplomatic_categories(sample: Callable[[str], Document]) -> None:
    for name in ("harbour-city-marathon.txt", "lumen-chip-results.txt"):
        doc = sample(name)
        assert doc.key_points and not (categories(doc) & DIPLOMATIC), (name, categories(doc))
        check_evidence(doc)
    assert "economy" in categories(sample("lumen-chip-results.txt"))


def test_points_are_distinct_ordered_and_bounded(sample: Callable[[str], Document]) -> None:
    for name in ("korea-china-envoy.txt", "chile-argentina-glacier-talks.md", "harbour-city-marathon.txt"):
        doc = sample(name)
        assert 3 <= len(doc.key_points) <= 7
        assert [k.id for k in doc.key_points] == [f"k{i}" for i in range(1, len(doc.key_points) + 1)]
        scores = [k.score for k in doc.key_points]
        assert scores == sorted(scores, reverse=True)
        firsts = [(k.evidence[0].start, k.evidence[0].end) for k in doc.key_points]
        assert len(set(firsts)) == len(firsts)
        all_spans = [(e.start, e.end) for k in doc.key_points for e in k.evidence]
        assert len(set(all_spans)) == len(all_spans)
        assert len({k.title for k in doc.key_points}) == len(doc.key_points)


def test_one_paragraph_and_title_only_briefs(parse: Callable[[str, str], Document]) -> None:
    doc = parse("Short note\n\nThe minister met the ambassador in Rome on Tuesday to discuss the grain deal.\n")
    assert len(doc.key_points) == 1
    check_evidence(doc)
    empty = parse("Only a title here\n")
    assert empty.key_points == [] and empty.entities == []


def test_textrank_prefers_the_sentence_sharing_most_words() -> None:
    sets = [
        frozenset({"trade", "deal", "sign"}),
        frozenset({"trade", "deal", "talk"}),
        frozenset({"weather", "rain"}),
        frozenset({"deal", "trade", "minister"}),
    ]
    ranks = textrank(sets)
    assert ranks[2] == min(ranks) and max(ranks) in ranks[:2] + ranks[3:]


def test_custom_taxonomy_file(tmp_path: Path, model: LoadedModel) -> None:
    p = tmp_path / "tax.yaml"
    p.write_text(
        "taxonomy: 1\ncategories:\n  - id: weather\n    label: Weather\n    verbs: [hit, flood]\n"
        "    nouns: [storm, rain]\n    min_score: 1\n"
        "    patterns:\n      - {triggers: [hit, flood], pos: VERB, actors: [subj], targets: [obj],"
        " place: [obj, in]}\n",
        encoding="utf-8",
    )
    tax = load_taxonomy(p)
    brief = tmp_path / "storm.md"
    brief.write_text(
        "---\ndate: 2026-01-14\n---\n# Storm hits coast\n\nA storm hit Portugal on Monday and flooded several towns.\n"
        "Officials in Lisbon said schools would reopen on Wednesday after the clean-up.\n",
        encoding="utf-8",
    )
    doc = read_brief(brief)
    annotate_document(doc, model, tax)
    weather = [k for k in doc.key_points if k.category == "weather"]
    assert weather and weather[0].event is not None
    ev = weather[0].event
    place = doc.entity(ev.place or "")
    assert place is not None and place.name == "Portugal"
    assert ev.when is not None and ev.when.date == "2026-01-12"
    # Nobody acts in it, so the title is the sentence's main clause, not "Weather: Portugal".
    assert weather[0].title == "A storm hit Portugal on Monday and flooded several towns"
    bad = tmp_path / "bad.yaml"
    bad.write_text("categories: [{label: x}]\n", encoding="utf-8")
    with pytest.raises(BriefError, match="id and a label"):
        load_taxonomy(bad)
    bad.write_text("categories: [{id: x, label: X, patterns: [{actors: [subj]}]}]\n", encoding="utf-8")
    with pytest.raises(BriefError, match=r"patterns\[0\] needs a list of triggers"):
        load_taxonomy(bad)
