"""What a new user's wire briefs showed the event reader getting wrong (the user trial of issue 18's round).

Briefs written for these tests in wire style, never text from ../shared.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from briefreader.model.titles import title_of
from briefreader.nlp.pipeline import LoadedModel
from tests.helpers.event_frames import Frames, parse_brief

NEWS = """---
date: 2025-11-20
---
# Around the Black Sea

Ethiopia denied that its engineers had started the third filling of the reservoir.

Turkish President Kemal Aydin will visit Baku next week to sign a gas deal with Azerbaijan, his office said.

The Harbour Authority agreed to raise wages.

Talks between Turkey and Georgia were called off.

Prime Minister Levan Dadiani said Georgia would not retaliate.

Dawit Alemu has not accepted the invitation from Egypt.
"""


@pytest.fixture(scope="module")
def news(model: LoadedModel, tmp_path_factory: pytest.TempPathFactory) -> Frames:
    return parse_brief(model, tmp_path_factory.mktemp("trial"), NEWS)


def test_a_denial_keeps_its_verb(news: Frames) -> None:
    (ev,) = news.saved("Ethiopia denied")
    assert title_of(news.doc, ev).startswith("Ethiopia denies its engineers had started")


def test_what_a_trip_still_to_come_is_for_is_planned(news: Frames) -> None:
    deal = next(e for e in news.saved("Turkish President") if e.type == "agreement")
    assert deal.status == "planned" and "to sign" in title_of(news.doc, deal)
    (raise_,) = [e for e in news.saved("The Harbour Authority") if e.type == "economy"]
    assert raise_.status == "planned"  # agreed to raise: not raised yet


def test_talks_called_off_are_the_talks_undone(news: Frames) -> None:
    (ev,) = news.saved("Talks between Turkey")
    assert ev.type == "visit" and ev.negated and sorted(news.names(ev.actors)) == ["Georgia", "Turkey"]
    assert title_of(news.doc, ev).startswith("✗ Turkey–Georgia talks called off")


def test_a_negated_event_is_a_headline_not_the_sentence(news: Frames) -> None:
    (ev,) = news.saved("Prime Minister Levan Dadiani")
    assert ev.negated and title_of(news.doc, ev).startswith("✗ Georgia will not retaliate")
    (inv,) = news.saved("Dawit Alemu")
    assert inv.negated and title_of(news.doc, inv).startswith("✗ Dawit Alemu has not accepted")


def test_a_leaner_headline_drops_a_second_clause_with_its_and(model: LoadedModel, tmp_path: Path) -> None:
    # It read "Ties were damaged in 2017 Beijing retaliated with ...": the 'and' was dropped, its clause kept.
    text = (
        "---\ndate: 2025-08-25\n---\n# Ties\n\n"
        "Ties between the two countries were badly damaged in 2017, when Norway allowed the deployment of a "
        "missile defence system that Russia strongly opposed, and Moscow retaliated with an informal boycott "
        "of Norwegian goods and tourism.\n"
    )
    f = parse_brief(model, tmp_path, text)
    titles = [title_of(f.doc, k) for k in f.doc.key_points]
    assert "Ties were damaged in 2017" in titles
