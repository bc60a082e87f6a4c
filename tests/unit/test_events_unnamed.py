"""Events of real news that name no one, or name them only as the owner of a noun.

The guideline leaves unnamed parties out of the roles, not the event out of
the timeline ("A bomb blast shook the stadium"); and a market move is an
event only when it says whose ("Shares in X rose"), not for "stocks hit a
low". Briefs written for these tests, never text from ../shared.
"""

from __future__ import annotations

import pytest

from briefreader.model.titles import title_of
from briefreader.nlp.pipeline import LoadedModel
from tests.helpers.event_frames import Frames, parse_brief

NEWS = """---
date: 2026-05-20
---
# Around the region

A bomb blast shook the national stadium in Tirana on Tuesday.

In Tallinn, stocks hit a three year low.

Shares in Nordvik Shipping rose 6 percent in Oslo trading.

The government moved additional troops into the border region on Monday.

Canada lifted its sanctions on Belarus in April.

The carmaker introduced a fuel surcharge for drivers last year.

Police identified two suspects in the killing of Ilir Hoxha.

Vela Mining has yet to contact its rival, Corvo Resources.

Serbia alleged Petrovic was a spy for a foreign service.

Finance Minister Ana Brnabic lashed out at Hungary on Monday.

The Sabor voted to ratify the border treaty on Friday.

The European Union has said it will not lift its sanctions on Minsk this year.

Hungary has stalled ratification of the treaty with Serbia.

Neither Orban nor Vucic said he would attend the summit in Sofia.

Bulgaria denied that its army shelled Macedonian villages.

Albania has reached no agreement with Kosovo.

Vela Mining struggled to meet demand for copper, and Corvo Resources could not be reached for comment.

Romania said it would send 300 soldiers to its border with Moldova.

Greece said its coastguard seized a Turkish trawler.

Ankara warned Athens against any expansion of its territorial waters.

The central bank warned that inflation would rise.

In 1998 the two states came close to war in a long dispute over the islands, which was settled by mediation.
"""


@pytest.fixture(scope="module")
def news(model: LoadedModel, tmp_path_factory: pytest.TempPathFactory) -> Frames:
    return parse_brief(model, tmp_path_factory.mktemp("unnamed"), NEWS)


def test_an_attack_with_no_one_named_is_still_an_event(news: Frames) -> None:
    (ev,) = news.saved("A bomb blast")
    assert ev.type == "security" and ev.actors == [] and news.name(ev.place) == "Tirana"


def test_a_market_move_needs_whose_it_is(news: Frames) -> None:
    assert news.saved("In Tallinn, stocks") == []
    (ev,) = news.saved("Shares in Nordvik")
    assert ev.type == "economy" and news.names(ev.actors) == ["Nordvik Shipping"]


def test_moving_troops_is_armed_action(news: Frames) -> None:
    (ev,) = news.saved("The government moved")
    assert ev.type == "security" and ev.trigger.text == "moved"


def test_lifting_sanctions_and_introducing_a_surcharge_are_economic_measures(news: Frames) -> None:
    (lift,) = news.saved("Canada lifted")
    assert lift.type == "economy" and news.names(lift.actors) == ["Canada"]
    assert news.names(lift.targets) == ["Belarus"]
    (surcharge,) = news.saved("The carmaker introduced")
    assert surcharge.type == "economy" and surcharge.trigger.text == "introduced"


def test_police_work_is_law_enforcement(news: Frames) -> None:
    (ev,) = news.saved("Police identified")
    assert ev.type == "security" and ev.trigger.text == "identified"


def test_yet_to_is_not_done(news: Frames) -> None:
    (ev,) = news.saved("Vela Mining")
    assert ev.type == "visit" and ev.negated and ev.cue == "has yet to"
    assert news.names(ev.targets) == ["Corvo Resources"]


def test_a_finite_verb_the_parser_hung_on_a_name_is_still_the_verb(news: Frames) -> None:
    # The small model reads "Serbia alleged Petrovic" as an adjective "alleged" on "Petrovic".
    (ev,) = news.saved("Serbia alleged")
    assert ev.type == "tension" and news.names(ev.actors) == ["Serbia"]


def test_lashing_out_at_is_criticism_and_a_vote_is_a_decision(news: Frames) -> None:
    (lash,) = news.saved("Finance Minister Ana Brnabic")
    assert lash.type == "tension" and news.names(lash.targets) == ["Hungary"]
    (vote, *_rest) = news.saved("The Sabor voted")
    assert vote.type == "agreement" and vote.trigger.text in ("voted", "ratify")


def test_what_a_body_says_it_will_not_do_is_its_own_event_negated(news: Frames) -> None:
    # "it" in what a named body says is that body; "will not lift" is a measure that will not happen.
    (ev,) = news.saved("The European Union has said")
    assert ev.type == "economy" and ev.trigger.text == "lift" and news.names(ev.actors) == ["European Union"]
    assert ev.negated and ev.status == "planned"


def test_a_stalled_ratification_has_not_happened(news: Frames) -> None:
    (ev,) = news.saved("Hungary has stalled")
    assert ev.type == "agreement" and ev.negated and ev.cue is not None and "stalled" in ev.cue


def test_what_no_one_says_or_a_speaker_denies_is_not_claimed(news: Frames) -> None:
    (attend,) = news.saved("Neither Orban")
    assert attend.type == "visit" and attend.negated and attend.cue == "neither"
    (shell,) = news.saved("Bulgaria denied")
    assert shell.type == "security" and shell.negated and shell.cue == "denied"
    assert news.names(shell.actors) == ["Bulgaria"]  # "its army": the body the sentence is about


def test_no_agreement_is_none(news: Frames) -> None:
    (ev,) = news.saved("Albania has reached")
    assert ev.type == "agreement" and ev.negated and ev.cue == "no"


def test_meeting_demand_and_being_reached_for_comment_are_no_events(news: Frames) -> None:
    assert news.saved("Vela Mining struggled") == []


def test_sending_soldiers_is_armed_action_not_a_visit(news: Frames) -> None:
    (ev,) = news.saved("Romania said")
    assert ev.type == "security" and ev.status == "planned" and news.names(ev.actors) == ["Romania"]


def test_its_names_the_body_that_speaks(news: Frames) -> None:
    (ev,) = news.saved("Greece said its coastguard")
    assert ev.type == "security" and news.names(ev.actors) == ["Greece"]


def test_a_warning_to_a_named_party_is_a_threat_and_to_no_one_a_statement(news: Frames) -> None:
    # ../shared/EVENTS.md lists "warnings between parties" under tension, a plain warning as a statement.
    (to_athens,) = news.saved("Ankara warned")
    assert to_athens.type == "tension" and news.names(to_athens.targets) == ["Athens"]
    (plain,) = news.saved("The central bank warned")
    assert plain.type == "statement"


def test_a_headline_keeps_an_adverb_with_its_complement(news: Frames) -> None:
    # A leaner clause drops modifiers that name nothing, never "close to war" (it said "came in a dispute").
    titles = [title_of(news.doc, ev) for ev in news.saved("In 1998 the two states")]
    assert titles and all("came close to war" in t for t in titles if "came" in t)
    assert any("came close to war" in t for t in titles)
