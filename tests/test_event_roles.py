"""Event roles on constructions the first rules missed: one test per construction, on briefs written here."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefreader.model.event import EventFrame
from briefreader.nlp.pipeline import LoadedModel
from tests.test_events import Frames, parse_brief

ROLES = """---
date: 2026-05-20
---
# Andean envoys

The Chilean Foreign Ministry summoned the Peruvian consul in Arica, Diego Salas, to protest against the arrests.

Mr Varela and his deputy, Joana Ferreira Lopes, flew to Lisbon on Tuesday for talks with Ms Costa and Finance \
Minister Rui Matos.

Danish and Swedish diplomats held talks in Malmo last week. Denmark and Sweden share a bridge.

Mr Okafor wrote to Trade Secretary Ann Lowe, inviting her to the port opening in Lagos next month.

Opposition leader Tom Reyes accused Ms Silva of hiding the costs.

Speaking later on the radio, she insisted that the plan was fair.

Foreign Minister Maria Silva met her Peruvian counterpart in Lima.
"""


@pytest.fixture(scope="module")
def roles(model: LoadedModel, tmp_path_factory: pytest.TempPathFactory) -> Frames:
    return parse_brief(model, tmp_path_factory.mktemp("roles"), ROLES)


def frame(f: Frames, opening: str) -> EventFrame:
    ev = f.of(opening)
    assert ev is not None, opening
    return ev


def test_apposition_after_a_place_is_the_person_not_the_place(roles: Frames) -> None:
    # The model hangs "Diego Salas" on Arica; a town has no name in apposition.
    ev = frame(roles, "The Chilean Foreign Ministry")
    assert ev.type == "tension" and roles.names(ev.targets) == ["Diego Salas"]
    assert roles.name(ev.place) == "Arica"


def test_partner_named_inside_another_partners_title(roles: Frames) -> None:
    # "with Ms Costa and Finance Minister Rui Matos": Ms Costa hangs on 'Minister'.
    ev = frame(roles, "Mr Varela and his deputy")
    assert roles.names(ev.targets) == ["Ms Costa", "Rui Matos"]
    assert roles.names(ev.actors) == ["Joana Ferreira Lopes", "Mr Varela"]


def test_coordinated_nationalities_are_both_countries(roles: Frames) -> None:
    ev = frame(roles, "Danish and Swedish diplomats")
    assert ev.type == "visit" and roles.names(ev.actors) == ["Denmark", "Sweden"]


def test_object_pronoun_is_not_the_subject_of_its_clause(roles: Frames) -> None:
    # "A wrote to B, inviting her": 'her' cannot be A (a man, and the one inviting).
    ev = frame(roles, "Mr Okafor wrote")
    assert ev.type == "invitation" and roles.names(ev.targets) == ["Ann Lowe"]
    assert roles.names(ev.actors) == ["Mr Okafor"]


def test_pronoun_prefers_the_person_the_brief_says_is_a_woman(roles: Frames) -> None:
    # 'she' after "Tom Reyes accused Ms Silva": the brief says Ms Silva is a woman and
    # says nothing of Tom Reyes, so the object goes before the subject.
    ev = frame(roles, "Speaking later on the radio")
    assert ev.type == "statement" and roles.names(ev.actors) == ["Maria Silva"]


WIRE = """---
date: 2026-05-20
---
# Port opens

Chancellor Hans Vogt visited the new container port in Rostock on Monday.

He praised the workers who built it.

He thanked the engineers.

He said the port would create 2,000 jobs.

## Reaction

He was not there.
"""


def test_pronouns_across_one_sentence_paragraphs_but_not_a_heading(model: LoadedModel, tmp_path: Path) -> None:
    f = parse_brief(model, tmp_path, WIRE)
    # Each 'He' passes the person on to the next, one paragraph to the next.
    said = frame(f, "He said the port")
    assert said.type == "statement" and f.names(said.actors) == ["Hans Vogt"]
    # A heading starts afresh: nobody is named in the new section.
    after = f.of("He was not there")
    assert after is None or after.actors == []


NAMESAKES = """---
date: 2026-05-20
---
# Budget vote

Prime Minister Helen Marsh flew to Canberra on Monday. Ms Marsh said the budget would pass.

Opposition spokesman David Marsh, no relation, criticised Ms Marsh for the cuts.
"""


def test_a_title_word_says_who_a_namesake_is(model: LoadedModel, tmp_path: Path) -> None:
    # 'spokesman David Marsh' is a man, so 'Ms Marsh' can only be Helen Marsh.
    f = parse_brief(model, tmp_path, NAMESAKES)
    said = frame(f, "Ms Marsh said")
    assert f.names(said.actors) == ["Helen Marsh"]
    row = frame(f, "Opposition spokesman")
    assert f.names(row.actors) == ["David Marsh"] and f.names(row.targets) == ["Helen Marsh"]
