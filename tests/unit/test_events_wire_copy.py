"""What real wire copy needs from the event reader: every event kept, what did not happen, who relays it.

Briefs written for these tests in the manner of wire copy (never text from
../shared); each test names the pattern of issue 18 it guards.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from briefreader.model.titles import title_of
from briefreader.nlp.pipeline import LoadedModel
from tests.helpers.event_frames import Frames, parse_brief

WIRE = """---
date: 2026-03-12
---
# Week in review

Argentine President Javier Ruiz refused to attend the Andean trade summit in Lima on Friday.

President Alma Ortiz would be unable to travel to Quito to meet Prime Minister Tomas Reyes, the White House said.

Helena Marsh declined an invitation from Premier Zhao Lin to attend a forum in Beijing.

Syrian rebels engaged Filipino peacekeepers in a firefight on Saturday, Philippine officials said.

Kenya and Uganda did not sign the border accord in Kampala on Tuesday.

Finance Minister Omar Haddad said the economy was stronger than expected.

"Nobody saw this coming," Central Bank Governor Lina Farah said.

Inflation was lower than forecast, Deputy Minister Karim Aziz said.
"""


@pytest.fixture(scope="module")
def wire(model: LoadedModel, tmp_path_factory: pytest.TempPathFactory) -> Frames:
    return parse_brief(model, tmp_path_factory.mktemp("wire"), WIRE)


def test_refusing_to_attend_is_no_attendance(wire: Frames) -> None:
    (ev,) = wire.saved("Argentine President")
    assert ev.type == "visit" and wire.names(ev.actors) == ["Javier Ruiz"] and wire.name(ev.place) == "Lima"
    assert ev.negated and ev.cue == "refused to"
    assert "Javier Ruiz refuses to attend Andean trade summit in Lima" in title_of(wire.doc, ev)


def test_unable_to_travel_to_meet_is_one_event_that_does_not_happen(wire: Frames) -> None:
    # The purpose clause ("to meet") is the same trip, and shares its polarity; the saying is its source.
    (ev,) = wire.saved("President Alma Ortiz")
    assert ev.type == "visit" and ev.negated and ev.cue == "unable to"
    assert wire.names(ev.actors) == ["Alma Ortiz"] and wire.names(ev.targets) == ["Tomas Reyes"]
    assert ev.status == "reported" and wire.name(ev.source) == "White House"
    assert "meet to meet" not in title_of(wire.doc, ev)


def test_a_declined_invitation_is_the_invitation_negated(wire: Frames) -> None:
    (ev,) = wire.saved("Helena Marsh declined")
    assert ev.type == "invitation" and ev.negated and ev.status == "planned"
    assert wire.names(ev.actors) == ["Zhao Lin"] and wire.names(ev.targets) == ["Helena Marsh"]
    assert wire.name(ev.place) == "Beijing"


def test_the_attribution_tail_does_not_replace_the_event(wire: Frames) -> None:
    (ev,) = wire.saved("Syrian rebels")
    assert ev.type == "security" and ev.trigger.text == "engaged" and ev.status == "reported"
    assert ev.when is not None and ev.when.date == "2026-03-07"  # the firefight's Saturday, not the saying's


def test_did_not_sign(wire: Frames) -> None:
    (ev,) = wire.saved("Kenya and Uganda")
    assert ev.type == "agreement" and ev.negated and ev.cue == "did not"
    assert wire.names(ev.actors) == ["Kenya", "Uganda"]


def test_a_quote_with_no_event_in_it_is_no_event(wire: Frames) -> None:
    # A quotation is the article's voice; a named speaker's own claim is a statement
    # (both gold sets written from ../shared/EVENTS.md code it, 'X said the economy ...').
    assert wire.saved('"Nobody saw this coming,"') == []
    assert wire.saved("Inflation was lower") == []  # a claim relayed by a tail
    (ev,) = wire.saved("Finance Minister Omar Haddad")
    assert ev.type == "statement" and wire.names(ev.actors) == ["Omar Haddad"] and not ev.negated
    assert title_of(wire.doc, ev).endswith("stronger than expected")


def test_no_negated_event_reads_as_having_happened(wire: Frames) -> None:
    for ev in wire.doc.events:
        if ev.negated:
            assert "✗" in title_of(wire.doc, ev)


DESCRIBED = """---
date: 2026-05-04
---
# Envoy in Hanoi

A special envoy from Manila held talks with Vietnam's Foreign Minister, Tran Van Minh, on Monday.

A delegation led by former senator Rosa Dizon was sent by President Carlos Reyes.

Presidents Tran Duc Long of Vietnam and Carlos Reyes of the Philippines spoke by telephone last month.

Trade ministers from both countries met in Hanoi in April to discuss rice exports.

The two presidents later signed a fisheries accord.
"""


@pytest.fixture(scope="module")
def described(model: LoadedModel, tmp_path_factory: pytest.TempPathFactory) -> Frames:
    return parse_brief(model, tmp_path_factory.mktemp("described"), DESCRIBED)


def test_a_description_stands_for_the_person_the_next_sentence_names(described: Frames) -> None:
    talks = next(e for e in described.saved("A special envoy") if e.type == "visit")
    assert described.names(talks.actors) == ["Rosa Dizon"]
    assert described.names(talks.targets) == ["Tran Van Minh"]
    assert "Rosa Dizon" in title_of(described.doc, talks) and "envoy" not in title_of(described.doc, talks)


def test_two_people_each_of_a_country_are_both_actors(described: Frames) -> None:
    (call,) = described.saved("Presidents Tran Duc Long")
    assert described.names(call.actors) == ["Carlos Reyes", "Tran Duc Long"]


def test_the_two_presidents_further_on_are_the_two_who_last_acted_together(described: Frames) -> None:
    (accord,) = described.saved("The two presidents")
    assert accord.type == "agreement" and described.names(accord.actors) == ["Carlos Reyes", "Tran Duc Long"]


def test_a_wire_dateline_is_no_participant(model: LoadedModel, tmp_path: Path) -> None:
    text = (
        "---\ndate: 2026-02-10\n---\n# Port\n\n"
        "HAIPHONG (AP)_ Police arrested the port director, Le Van Tam, on Monday.\n"
    )
    f = parse_brief(model, tmp_path, text)
    (ev,) = f.doc.events
    # Where the story was filed is where its events happen, never who acts in them.
    assert ev.type == "security" and f.names(ev.targets) == ["Le Van Tam"]
    assert all(f.name(a) != "HAIPHONG" for a in ev.actors)


def test_a_dateline_with_its_country_places_the_story(model: LoadedModel, tmp_path: Path) -> None:
    text = (
        "---\ndate: 2026-02-10\n---\n# Port\n\n"
        "GDANSK, Poland (AP)_ Police arrested the port director, Jan Nowak, on Monday.\n"
    )
    f = parse_brief(model, tmp_path, text)
    (ev,) = f.doc.events
    # 'CITY, Country (AP)_' is a dateline too: the city is where it happened, neither is a party.
    assert f.name(ev.place) in {"Gdansk", "GDANSK", "Poland"}
    assert f.names(ev.targets) == ["Jan Nowak"] and ev.actors == []


def test_a_dated_wire_dateline_is_no_party(model: LoadedModel, tmp_path: Path) -> None:
    text = "# Sanctions\n\nANKARA, June 10, 2025 (Reuters) -- Turkey imposed sanctions on Georgia on Monday.\n"
    f = parse_brief(model, tmp_path, text)
    (ev,) = f.doc.events
    assert ev.type == "tension" and f.names(ev.actors) == ["Turkey"] and f.names(ev.targets) == ["Georgia"]
