"""Event roles on constructions the first rules missed: one test per construction, on briefs written here."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefreader.model.document import BriefMeta, Document, Entity, Mention
from briefreader.model.event import EventFrame
from briefreader.nlp.people import country_of
from briefreader.nlp.pipeline import LoadedModel
from tests.helpers.event_frames import Frames, parse_brief

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

Bolivia is seeking better ties with Chile, as shown by a recent meeting between an envoy from La Paz and Chile's \
Foreign Minister, Rosa Vidal.
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


def test_a_title_keeps_its_own_apposition(roles: Frames) -> None:
    # "between an envoy from La Paz and Chile's Foreign Minister, Rosa Vidal": Rosa Vidal is
    # the minister, not the envoy.
    ev = frame(roles, "Bolivia is seeking")
    assert ev.type == "visit" and roles.names(ev.actors) == ["La Paz", "Rosa Vidal"]


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

He promised the port would create 2,000 jobs.

## Reaction

He insisted he was not there.
"""


def test_pronouns_across_one_sentence_paragraphs_but_not_a_heading(model: LoadedModel, tmp_path: Path) -> None:
    f = parse_brief(model, tmp_path, WIRE)
    # Each 'He' passes the person on to the next, one paragraph to the next.
    said = frame(f, "He promised the port")
    assert said.type == "statement" and f.names(said.actors) == ["Hans Vogt"]
    # A heading starts afresh: nobody is named in the new section, so the statement has no speaker.
    after = frame(f, "He insisted he was not there")
    assert after.type == "statement" and after.actors == []


NAMESAKES = """---
date: 2026-05-20
---
# Budget vote

Prime Minister Helen Marsh flew to Canberra on Monday. Ms Marsh insisted the budget would pass.

Opposition spokesman David Marsh, no relation, criticised Ms Marsh for the cuts.
"""


def test_a_title_word_says_who_a_namesake_is(model: LoadedModel, tmp_path: Path) -> None:
    # 'spokesman David Marsh' is a man, so 'Ms Marsh' can only be Helen Marsh.
    f = parse_brief(model, tmp_path, NAMESAKES)
    said = frame(f, "Ms Marsh insisted")
    assert f.names(said.actors) == ["Helen Marsh"]
    row = frame(f, "Opposition spokesman")
    assert f.names(row.actors) == ["David Marsh"] and f.names(row.targets) == ["Helen Marsh"]


TALKS = """---
date: 2026-05-20
---
# Fisheries row

Ambassador Paul Girard hosted Ms Ortega and Mr Lindqvist at a lunch in Vigo on Sunday.

Fisheries Minister Rosa Ortega told the newspaper El Faro that Spain's catch limit was based on science.

Spain and Portugal failed to agree on sardine quotas at talks in Porto on Monday.

Morocco and Mauritania are expected to join the next round of talks in July.

Portugal lifted the last of its tariffs on Spanish wine in March.

Spain and Morocco initialled a fisheries treaty in Rabat on Tuesday.
"""


@pytest.fixture(scope="module")
def talks(model: LoadedModel, tmp_path_factory: pytest.TempPathFactory) -> Frames:
    return parse_brief(model, tmp_path_factory.mktemp("talks"), TALKS)


def test_the_host_acts_and_the_guests_are_met(talks: Frames) -> None:
    ev = frame(talks, "Ambassador Paul Girard hosted")
    assert ev.type == "visit" and talks.names(ev.actors) == ["Paul Girard"]
    assert talks.names(ev.targets) == ["Mr Lindqvist", "Rosa Ortega"] and talks.name(ev.place) == "Vigo"


def test_told_a_noun_with_its_name_and_a_thing_talked_about_is_no_event(talks: Frames) -> None:
    # "told the newspaper El Faro": the newspaper is addressed; "Spain's catch limit was
    # based on science" says nothing happened, so the saying is the event.
    ev = frame(talks, "Fisheries Minister Rosa Ortega told")
    assert ev.type == "statement" and ev.status == "happened"
    assert talks.names(ev.actors) == ["Rosa Ortega"] and talks.names(ev.targets) == ["El Faro"]


def test_what_did_not_happen_gives_way_to_the_talks_that_did(talks: Frames) -> None:
    ev = frame(talks, "Spain and Portugal failed")
    assert ev.type == "visit" and ev.trigger.text == "talks"
    assert talks.names(ev.actors) == ["Portugal", "Spain"] and talks.name(ev.place) == "Porto"
    assert ev.when is not None and ev.when.date == "2026-05-18"


def test_a_round_of_talks_is_the_talks(talks: Frames) -> None:
    ev = frame(talks, "Morocco and Mauritania")
    assert ev.type == "visit" and ev.trigger.text == "talks" and ev.status == "planned"
    assert talks.names(ev.actors) == ["Mauritania", "Morocco"]
    assert ev.when is not None and ev.when.date == "2026-07"


def test_the_last_of_the_tariffs_is_under_its_verb(talks: Frames) -> None:
    ev = frame(talks, "Portugal lifted")
    assert ev.type == "economy" and ev.trigger.text == "tariffs" and talks.names(ev.actors) == ["Portugal"]


def test_initialled_is_an_agreement(talks: Frames) -> None:
    ev = frame(talks, "Spain and Morocco initialled")
    assert ev.type == "agreement" and talks.names(ev.actors) == ["Morocco", "Spain"]
    assert talks.name(ev.place) == "Rabat"


def _entity(eid: str, name: str, *labels: str) -> Entity:
    return Entity(
        eid, name, labels[0], [Mention(i * 10, i * 10 + len(name), name, "model", lb) for i, lb in enumerate(labels)]
    )


def test_a_nationality_is_the_country_whatever_the_model_called_either() -> None:
    # The small model calls a country an organisation in one place and a nationality a person
    # in another; one mention as a country (or as a nationality) is enough.
    doc = Document(
        BriefMeta(),
        "",
        entities=[
            _entity("e1", "Armenia", "ORG", "GPE", "ORG"),
            _entity("e2", "Armenian", "NORP"),
            _entity("e3", "Moldovan", "PERSON", "NORP", "PERSON"),
            _entity("e4", "Moldova", "GPE"),
            _entity("e5", "Peru", "ORG"),
            _entity("e6", "Peruvian", "NORP"),
            _entity("e7", "Romano", "PERSON"),
            _entity("e8", "Romania", "GPE"),
        ],
    )
    countries = {k: v.name for k, v in country_of(doc).items()}
    assert countries == {"e2": "Armenia", "e3": "Moldova"}  # never a country only called an organisation


CALLS = """---
date: 2026-05-20
---
# Envoy in Delhi

Trade envoy Mark Dunne arrived in New Delhi on Tuesday. He will call on Prime Minister Devi Shah before flying on to \
Dhaka.

Mr Dunne called on India to cut tariffs on whisky.

The minister paid a courtesy call on President Arun Mehta in Mumbai on Monday.

Nepal and Bhutan have accused India of blocking river projects since 2019.
"""


@pytest.fixture(scope="module")
def calls(model: LoadedModel, tmp_path_factory: pytest.TempPathFactory) -> Frames:
    return parse_brief(model, tmp_path_factory.mktemp("calls"), CALLS)


def test_call_on_a_person_is_a_visit(calls: Frames) -> None:
    ev = frame(calls, "He will call on")
    assert ev.type == "visit" and ev.trigger.text == "call" and ev.status == "planned"
    assert calls.names(ev.actors) == ["Mark Dunne"] and calls.names(ev.targets) == ["Devi Shah"]
    assert ev.place is None  # where he flies on to afterwards is not where he calls


def test_call_on_someone_to_act_is_a_demand_of_them(calls: Frames) -> None:
    # Not the tariff cut (it has not happened, and India, not Mr Dunne, would make it).
    ev = frame(calls, "Mr Dunne called on India")
    assert ev.type == "statement" and calls.names(ev.actors) == ["Mark Dunne"]
    assert calls.names(ev.targets) == ["India"]


def test_courtesy_call_on_is_a_visit(calls: Frames) -> None:
    ev = frame(calls, "The minister paid")
    assert ev.type == "visit" and calls.names(ev.targets) == ["Arun Mehta"] and calls.name(ev.place) == "Mumbai"


def test_since_a_year_dates_nothing(calls: Frames) -> None:
    # Issue 18: "since 2019" starts a span the accusation runs in; nothing happened in 2019 by these words.
    ev = frame(calls, "Nepal and Bhutan have accused")
    assert ev.type == "tension" and calls.names(ev.targets) == ["India"]
    assert ev.when is None or ev.when.date is None


BALTIC = """---
date: 2026-03-12
---
# Baltic ministers

Estonia's foreign minister, Kaja Tamm, spoke by phone with US Secretary of State Mark Holden on Monday.

Ms Tamm later spoke with reporters in Tallinn.

A deal between Lithuania and Latvia on electricity prices was struck in February.
"""


def test_speaking_with_someone_named_is_a_meeting(model: LoadedModel, tmp_path: Path) -> None:
    f = parse_brief(model, tmp_path, BALTIC)
    ev = frame(f, "Estonia's foreign minister")
    assert ev.type == "visit" and f.names(ev.actors) == ["Kaja Tamm"] and f.names(ev.targets) == ["Mark Holden"]
    # Reporters are nobody in particular: no meeting.
    assert f.of("Ms Tamm later spoke") is None
    deal = frame(f, "A deal between")
    # The noun names the parties; the passive verb's subject is the deal itself, not a party.
    assert deal.type == "agreement" and f.names(deal.actors) == ["Latvia", "Lithuania"]
    point = next(k for k in f.doc.key_points if k.event is not None and k.event.trigger == deal.trigger)
    assert point.title.startswith("Lithuania and Latvia strike deal")


PAIR = """---
date: 2025-11-05
---
# Leaders meet

Mr Mori and Ms Connolly met on the sidelines of the G20 summit in Rio de Janeiro in July. During that meeting, \
the two leaders agreed to expand joint patrols.

Canada and Mexico signed a border accord in Ottawa. The two countries also pledged to share customs data.
"""


def test_the_two_leaders_are_the_two_who_just_met(model: LoadedModel, tmp_path: Path) -> None:
    f = parse_brief(model, tmp_path, PAIR)
    ev = frame(f, "During that meeting")
    assert ev.type == "agreement" and f.names(ev.actors) == ["Mr Mori", "Ms Connolly"]
    both = frame(f, "The two countries")
    assert both.type == "agreement" and f.names(both.actors) == ["Canada", "Mexico"]


SPEAKERS = """---
date: 2026-02-10
---
# Festival row

The show's director, British playwright Ada Nyberg, defends the programme.

"Nobody was forced to take part," Ms Nyberg told the BBC.

"It is a serious work."

She insisted the tickets had sold out in a day.

"We sold every seat," insisted Hart and Moss chief executive Leo Grant.

At a dinner hosted by Culture Minister Ruth Adler on Friday, he insisted the festival would grow.
"""


def test_speakers_the_model_left_untagged_and_names_that_only_qualify(model: LoadedModel, tmp_path: Path) -> None:
    f = parse_brief(model, tmp_path, SPEAKERS)
    # "Ms Nyberg told the BBC", untagged by the model, is still the last woman named as a subject.
    she = frame(f, "She insisted the tickets")
    # (A plain 'said' relays what she said: she is its source, or the speaker of a statement.)
    assert (she.type == "statement" and f.names(she.actors) == ["Ada Nyberg"]) or (
        she.status == "reported" and f.name(she.source) == "Ada Nyberg"
    )
    # "Hart and Moss chief executive Leo Grant": the company's name is no second speaker.
    grant = frame(f, '"We sold every seat,"')
    assert f.names(grant.actors) == ["Leo Grant"]
    # The dinner is where he spoke: the saying is the event, by the last man named.
    dinner = frame(f, "At a dinner hosted")
    assert dinner.type == "statement" and f.names(dinner.actors) == ["Leo Grant"]


GULF = """---
date: 2024-06-20
---
# Gulf row

Qatar's foreign ministry condemned the seizure of a Qatari tanker by Bahraini coastguards on Tuesday.

Two Bahraini diplomats were expelled from Doha on Wednesday.

Bahrain's King Hamad al-Khalifa rejected Qatar's claims and accused Doha of smuggling fuel.
"""


def test_whose_act_a_criticised_noun_is(model: LoadedModel, tmp_path: Path) -> None:
    f = parse_brief(model, tmp_path, GULF)
    ev = frame(f, "Qatar's foreign ministry")
    # 'ministry' (tagged a proper noun, written lowercase) is Qatar's; the seizure is the
    # coastguards' (by), not the tanker's (of).
    assert ev.type == "tension" and f.names(ev.actors) == ["Qatar"] and f.names(ev.targets) == ["Bahrain"]
    titles = [k.title for k in f.doc.key_points]
    assert "Qatar condemns seizure of Qatari tanker by Bahrain" in titles
    # A nationality the model tagged once is the same nationality where it did not;
    # "two diplomats" is a count, not "the two" already named.
    expelled = frame(f, "Two Bahraini diplomats")
    assert f.names(expelled.targets) == ["Bahrain"]
    # A second target from "and accused Doha" is in the frame, not in the first verb's headline.
    both = frame(f, "Bahrain's King")
    assert f.names(both.targets) == ["Doha", "Qatar"]
    assert not any(t.endswith("claims and Doha") for t in titles)


STATE_VISIT = """---
date: 2025-09-15
---
# State visit

Mr Long's three-day visit to Indonesia is the first by a Vietnamese head of state in a decade.

President Rizal Hartono will host a banquet for his guest, Tran Van Long, on Monday evening.

The two presidents are expected to sign a maritime boundary agreement on Tuesday.

Mr Long has been invited by Philippine President Maria Santos to visit Manila next year.

A meeting between Ms Kusuma and Chinese Foreign Minister Wang Lei is scheduled for October.

Malaysia recalled its ambassador for three weeks in 2023.
"""


def test_scheduled_events_and_the_two_last_named(model: LoadedModel, tmp_path: Path) -> None:
    f = parse_brief(model, tmp_path, STATE_VISIT)
    banquet = frame(f, "President Rizal Hartono will host")
    # "Monday evening": the evening of Monday, the next one after the brief's date.
    assert banquet.when is not None and banquet.when.date == "2025-09-22"
    # No event paired them, so "the two presidents" are the two last named.
    sign = frame(f, "The two presidents")
    assert sign.type == "agreement" and f.names(sign.actors) == ["Rizal Hartono", "Tran Van Long"]
    assert sign.status == "planned"
    meeting = frame(f, "A meeting between")
    # "is scheduled for October": planned, and "for October" is when, not how long.
    assert meeting.status == "planned" and meeting.when is not None and meeting.when.date == "2025-10"
    recalled = frame(f, "Malaysia recalled")
    assert recalled.when is not None and recalled.when.date == "2023"  # "for three weeks" is how long
    titles = [k.title for k in f.doc.key_points]
    assert "Maria Santos invites Tran Van Long to visit Manila (2026)" in titles


def test_a_letter_to_someone_addresses_them(model: LoadedModel, tmp_path: Path) -> None:
    text = """---
date: 2025-02-14
---
# Letter

In a letter to the United Nations, Mali's foreign minister, Abdoulaye Traore, demanded an investigation.
"""
    f = parse_brief(model, tmp_path, text)
    ev = frame(f, "In a letter")
    assert ev.type == "statement" and f.names(ev.targets) == ["United Nations"]
    assert any(k.title.endswith("in letter to United Nations") for k in f.doc.key_points)


HORN = """---
date: 2025-06-04
---
# Border talks

Djibouti's president, Ismail Farah, hosted the talks at his palace.

Ethiopian troops withdrew from the disputed town of Badme in 2019.

The United States welcomed the talks and urged Ethiopia and Eritrea to keep the border open.
"""


def test_hosting_talks_welcoming_them_and_adjective_participles(model: LoadedModel, tmp_path: Path) -> None:
    f = parse_brief(model, tmp_path, HORN)
    hosted = frame(f, "Djibouti's president")
    # Nobody named is hosted: the talks are the event, and the host holds them.
    assert hosted.type == "visit" and hosted.trigger.text == "talks" and f.names(hosted.actors) == ["Ismail Farah"]
    # "the disputed town" is a town, not a dispute: the event is the withdrawal (troop movements are security).
    withdrew = frame(f, "Ethiopian troops withdrew")
    assert withdrew.type == "security" and withdrew.trigger.text == "withdrew"
    # Welcoming talks is a reaction to them, not the talks: a statement, whose demand names whom.
    urged = frame(f, "The United States welcomed")
    assert urged.type == "statement" and urged.trigger.text in ("welcomed", "urged")
    assert f.names(urged.actors) == ["United States"] and f.names(urged.targets) == ["Eritrea", "Ethiopia"]


BALKANS = """---
date: 2025-10-22
---
# Envoy recalled

Serbia recalled its ambassador to Montenegro on Monday after Podgorica backed a UN resolution.

Serbian President Milan Jovic accused the Montenegrin government of betraying its neighbours.
"""


def test_an_envoy_stands_for_where_they_are_sent(model: LoadedModel, tmp_path: Path) -> None:
    f = parse_brief(model, tmp_path, BALKANS)
    recalled = frame(f, "Serbia recalled")
    assert recalled.type == "tension" and f.names(recalled.targets) == ["Montenegro"]
    accused = frame(f, "Serbian President")
    assert f.names(accused.targets) == ["Montenegro"]
    # The headline names the government once: "Montenegrin" already says Montenegro.
    titles = [k.title for k in f.doc.key_points]
    assert "Milan Jovic accuses Montenegrin government" in titles
    assert "Serbia recalls its ambassador to Montenegro" in titles


STRAIT = """---
date: 2026-01-20
---
# Strait drills

China's military launched large-scale drills around Taiwan on Monday.

The Philippine and Japanese navies will hold joint patrols in the South China Sea next month.
"""


def test_drills_around_a_place_and_joint_patrols(model: LoadedModel, tmp_path: Path) -> None:
    f = parse_brief(model, tmp_path, STRAIT)
    drills = frame(f, "China's military")
    assert drills.type == "security" and f.name(drills.place) == "Taiwan"
    patrols = frame(f, "The Philippine and Japanese")
    assert patrols.type == "security" and patrols.status == "planned" and len(patrols.actors) == 2
    titles = [k.title for k in f.doc.key_points]
    assert "China's military launches large-scale drills around Taiwan" in titles
    assert any(t.startswith("Philippine and Japanese navies to hold joint patrols") for t in titles)


def test_a_pledge_of_money_is_economy_a_pledge_to_cooperate_an_agreement(model: LoadedModel, tmp_path: Path) -> None:
    text = """---
date: 2026-01-20
---
# Pledges

Norway has pledged 50 million dollars to the Amazon Fund.

Norway and Brazil pledged to cooperate on forest monitoring.
"""
    f = parse_brief(model, tmp_path, text)
    money = frame(f, "Norway has pledged")
    assert money.type == "economy" and f.names(money.actors) == ["Norway"]
    assert frame(f, "Norway and Brazil").type == "agreement"


DIPLOMACY = """---
date: 2025-05-10
---
# Ties

Honduras cut diplomatic ties with Taiwan on Friday.

Brazil and Argentina restored full diplomatic relations last month.

Colombia cut tariffs on coffee in March.

Paraguay's president, Santiago Pena, praised Taiwan as a loyal partner.

Peru is pursuing an initiative to normalise relations with Chile, as shown by a recent meeting between Peru's \
envoy, Ana Rojas, and Chile's foreign minister, Luis Mena.
"""


def test_ties_cut_and_restored_praise_and_aims(model: LoadedModel, tmp_path: Path) -> None:
    f = parse_brief(model, tmp_path, DIPLOMACY)
    cut = frame(f, "Honduras cut")
    assert cut.type == "tension" and f.names(cut.actors) == ["Honduras"] and f.names(cut.targets) == ["Taiwan"]
    restored = frame(f, "Brazil and Argentina")
    assert restored.type == "agreement" and f.names(restored.actors) == ["Argentina", "Brazil"]
    # "cut" is a rift only with ties: tariffs are another matter.
    assert frame(f, "Colombia cut tariffs").type == "economy"
    praised = frame(f, "Paraguay's president")
    assert praised.type == "statement" and f.names(praised.targets) == ["Taiwan"]
    # An initiative to normalise relations is an aim; the meeting is what happened.
    aim = frame(f, "Peru is pursuing")
    assert aim.type == "visit" and f.names(aim.actors) == ["Ana Rojas", "Luis Mena"]


def test_a_place_naming_the_locative_noun_is_the_place(model: LoadedModel, tmp_path: Path) -> None:
    text = """---
date: 2026-01-20
---
# Markets

Shares in Nordhavn Shipping rose 5 percent in Oslo trading on Monday.
"""
    f = parse_brief(model, tmp_path, text)
    ev = frame(f, "Shares in Nordhavn")
    assert ev.type == "economy" and f.name(ev.place) == "Oslo"
