"""Event frames, one syntactic pattern at a time, on briefs written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefreader.nlp.pipeline import LoadedModel
from tests.helpers.event_frames import Frames, parse_brief

BRIEF = """---
date: 2026-04-15
---
# Nordic and Polish ministers meet

Foreign Minister Ingrid Dahl and Defence Minister Lars Berg flew to Warsaw for talks with their Polish \
counterparts, Marek Nowak and Anna Zielinska.

Ingrid Dahl delivered a letter from Prime Minister Erik Solheim inviting Marek Nowak to Oslo next spring \
for a Nordic security forum.

Anna Zielinska was invited to the Arctic Council meeting by Erik Solheim.

Marek Nowak, who was invited by Erik Solheim to open the forum, has chosen energy as his theme.

Mr Nowak has accepted Mr Solheim's invitation, according to his office.

Officials in Warsaw said that Ingrid Dahl had met Anna Zielinska on Monday.

Poland expelled two Belarusian diplomats on Friday, the foreign ministry said.

The Liberal Party accused Erik Solheim of misleading parliament.

Norway and Poland signed a fisheries agreement in Gdansk last year.

Shares in Nordic Rail fell 4% in Oslo on Tuesday.

Poland imposed sanctions on Belarus in 2021.
"""


@pytest.fixture(scope="module")
def frames(model: LoadedModel, tmp_path_factory: pytest.TempPathFactory) -> Frames:
    return parse_brief(model, tmp_path_factory.mktemp("events"), BRIEF)


def test_conjoined_subjects_meet_the_people_in_apposition(frames: Frames) -> None:
    ev = frames.of("Foreign Minister Ingrid Dahl")
    assert ev is not None and ev.type == "visit" and ev.trigger.text == "flew"
    assert frames.names(ev.actors) == ["Ingrid Dahl", "Lars Berg"]
    # "for talks with their Polish counterparts, A and B": the people met, not the colleague.
    assert frames.names(ev.targets) == ["Anna Zielinska", "Marek Nowak"]
    assert frames.name(ev.place) == "Warsaw" and ev.status == "happened"


def test_participial_invitation_beats_the_root_verb(frames: Frames) -> None:
    ev = frames.of("Ingrid Dahl delivered a letter")
    assert ev is not None and ev.type == "invitation" and ev.trigger.text == "inviting"
    # The inviter is who the letter is from, not who delivered it.
    assert frames.names(ev.actors) == ["Erik Solheim"] and frames.names(ev.targets) == ["Marek Nowak"]
    assert frames.name(ev.place) == "Oslo"
    assert ev.when is not None and (ev.when.text, ev.when.date) == ("next spring", "2027-03")
    assert ev.status == "planned"


def test_passive_agent_is_the_actor(frames: Frames) -> None:
    ev = frames.of("Anna Zielinska was invited")
    assert ev is not None and ev.type == "invitation"
    assert frames.names(ev.actors) == ["Erik Solheim"] and frames.names(ev.targets) == ["Anna Zielinska"]
    assert ev.place is None  # an organisation's meeting is not a town


def test_relative_clause_event_when_the_main_clause_is_none(frames: Frames) -> None:
    ev = frames.of("Marek Nowak, who was invited")
    assert ev is not None and ev.type == "invitation"
    assert frames.names(ev.actors) == ["Erik Solheim"] and frames.names(ev.targets) == ["Marek Nowak"]


def test_nominal_trigger_with_a_receiving_verb(frames: Frames) -> None:
    ev = frames.of("Mr Nowak has accepted")
    assert ev is not None and ev.type == "invitation" and ev.trigger.text == "invitation"
    # The inviter is always the actor, even when the invitee is the subject.
    assert frames.names(ev.actors) == ["Erik Solheim"] and frames.names(ev.targets) == ["Marek Nowak"]
    assert ev.status == "planned"  # invited to something still to come, whatever the attribution tail


def test_reported_speech_is_the_reported_event(frames: Frames) -> None:
    ev = frames.of("Officials in Warsaw said")
    assert ev is not None and ev.type == "visit" and ev.trigger.text == "met" and ev.status == "reported"
    assert frames.names(ev.actors) == ["Ingrid Dahl"] and frames.names(ev.targets) == ["Anna Zielinska"]
    assert ev.when is not None and ev.when.date == "2026-04-13"  # the Monday before the brief's Wednesday


def test_attribution_tail_and_nationality_as_country(frames: Frames) -> None:
    ev = frames.of("Poland expelled")
    assert ev is not None and ev.type == "tension" and ev.status == "reported"
    assert frames.names(ev.actors) == ["Poland"]
    assert frames.names(ev.targets) in (["Belarus"], ["Belarusian"])
    assert ev.when is not None and ev.when.date == "2026-04-10"


def test_accusation_target(frames: Frames) -> None:
    ev = frames.of("The Liberal Party accused")
    assert ev is not None and ev.type == "tension"
    assert frames.names(ev.actors) == ["Liberal Party"] and frames.names(ev.targets) == ["Erik Solheim"]


def test_both_signers_are_actors(frames: Frames) -> None:
    ev = frames.of("Norway and Poland signed")
    assert ev is not None and ev.type == "agreement"
    assert frames.names(ev.actors) == ["Norway", "Poland"] and ev.targets == []
    assert frames.name(ev.place) == "Gdansk"
    assert ev.when is not None and ev.when.date == "2025"


def test_market_move_names_the_company(frames: Frames) -> None:
    ev = frames.of("Shares in Nordic Rail")
    assert ev is not None and ev.type == "economy" and frames.names(ev.actors) == ["Nordic Rail"]
    assert ev.when is not None and ev.when.date == "2026-04-14"


def test_support_verb_noun_is_the_event(frames: Frames) -> None:
    ev = frames.of("Poland imposed sanctions")
    assert ev is not None and ev.type == "tension" and ev.trigger.text == "sanctions"
    assert frames.names(ev.actors) == ["Poland"] and frames.names(ev.targets) == ["Belarus"]
    assert ev.when is not None and ev.when.date == "2021"


SPEAKERS = """---
date: 2026-04-15
---
# Budget row

Chancellor Ed Marsh insisted the deficit would fall next year. He warned reporters that taxes would not rise.

Mrs Kaur and Mr Marsh spoke later. She insisted the plan would fail.

The markets were calm. It insisted nothing had changed.
"""


# Speech acts ('insisted', 'warned'), not plain 'said': a plain saying with no event in it is no event (EVENTS.md).
def test_pronoun_speakers_resolve_by_rule_or_not_at_all(model: LoadedModel, tmp_path: Path) -> None:
    f = parse_brief(model, tmp_path, SPEAKERS)
    first = f.of("Chancellor Ed Marsh insisted")
    assert first is not None and first.type == "statement" and f.names(first.actors) == ["Ed Marsh"]
    # "He" is the nearest person named as a subject before it.
    he = f.of("He warned reporters")
    assert he is not None and he.type == "statement" and f.names(he.actors) == ["Ed Marsh"]
    # "She" after "Mrs Kaur and Mr Marsh": the brief says who is a woman.
    she = f.of("She insisted")
    assert she is not None and f.names(she.actors) == ["Mrs Kaur"]
    # "It": no person, so no speaker rather than a wrong one.
    it = f.of("It insisted")
    assert it is not None and it.type == "statement" and it.actors == []
