"""The ``event`` field of a key point in the YAML: round trip, old files, errors, merges."""

from __future__ import annotations

import pytest

from briefreader.io.errors import BriefError
from briefreader.io.store import dumps, load_document, loads
from briefreader.model import edits
from briefreader.model.document import Block, BriefMeta, Document, Entity, Evidence, KeyPoint, Mention
from briefreader.model.event import EventFrame, Trigger, When
from tests.helpers.paths import DATA

TEXT = "Talks in Oslo\n\nAnna Berg invited Omar Haddad to Oslo next spring. Haddad accepted."
GLACIER = DATA / "glacier-talks.yaml"


def brief() -> Document:
    t = TEXT
    s, e = t.index("Anna"), t.index("spring.") + 7
    at, oslo = t.index("invited"), t.index("Oslo", 20)
    return Document(
        BriefMeta("Talks in Oslo", "2026-03-14"),
        t,
        blocks=[Block("title", 0, 13), Block("paragraph", 15, len(t))],
        entities=[
            Entity("e1", "Anna Berg", "PERSON", [Mention(s, s + 9, "Anna Berg")]),
            Entity("e2", "Omar Haddad", "PERSON", [Mention(t.index("Omar"), t.index("Omar") + 11, "Omar Haddad")]),
            Entity("e3", "Oslo", "GPE", [Mention(oslo, oslo + 4, "Oslo")]),
            Entity("e4", "Haddad", "PERSON", [Mention(t.index("Haddad acc"), t.index("Haddad acc") + 6, "Haddad")]),
        ],
        key_points=[
            KeyPoint(
                "k1",
                "Anna Berg invites Omar Haddad to Oslo (March 2027)",
                "invitation",
                1.2,
                [Evidence(s, e, t[s:e])],
                event=EventFrame(
                    "invitation",
                    Trigger(at, at + 7, "invited"),
                    ["e1"],
                    ["e2"],
                    "e3",
                    When("next spring", "2027-03"),
                    "planned",
                ),
            ),
            KeyPoint("k2", "Haddad accepted", "other", 0.5, [Evidence(e + 1, len(t), t[e + 1 :])]),
        ],
    )


def test_event_round_trip_is_byte_exact() -> None:
    out = dumps(brief())
    again = loads(out)
    assert dumps(again) == out
    ev = again.key_points[0].event
    assert ev == brief().key_points[0].event
    assert again.key_points[1].event is None


def test_event_is_saved_after_evidence_in_the_documented_shape() -> None:
    out = dumps(brief())
    block = out[out.index("  event:") :]
    assert out.index("  evidence:") < out.index("  event:")
    assert block.splitlines()[:8] == [
        "  event:",
        "    type: invitation",
        "    trigger: {start: 25, end: 32, text: invited}",
        "    actors: [e1]",
        "    targets: [e2]",
        "    place: e3",
        "    when: {text: next spring, date: 2027-03}",
        "    status: planned",
    ]


def test_year_only_dates_stay_strings_and_nulls_load() -> None:
    doc = brief()
    ev = doc.key_points[0].event
    assert ev is not None
    ev.when, ev.place = When("in 2017", "2017"), None
    out = dumps(doc)
    assert "when: {text: in 2017, date: '2017'}" in out and "place: null" in out
    again = loads(out)
    assert again.key_points[0].event == ev
    # A hand edit without quotes still reads as the same date.
    assert loads(out.replace("date: '2017'", "date: 2017")).key_points[0].event == ev


def test_files_saved_before_event_frames_still_open_and_are_saved_as_schema_2() -> None:
    raw = GLACIER.read_text(encoding="utf-8")
    assert "event:" not in raw and raw.startswith("briefreader: 1\n")
    doc = load_document(GLACIER)
    assert doc.key_points and all(k.event is None and k.events == [] for k in doc.key_points) and doc.events == []
    # The same file in schema 2: the version, and an empty events list before the notes.
    upgraded = raw.replace("briefreader: 1\n", "briefreader: 2\n", 1).replace("notes:", "events: []\nnotes:", 1)
    assert dumps(doc) == upgraded
    assert dumps(loads(upgraded)) == upgraded


def test_a_bad_event_names_its_field() -> None:
    out = dumps(brief())
    with pytest.raises(BriefError, match=r"key_points\[0\]\.event\.status 'maybe' is not one of"):
        loads(out.replace("status: planned", "status: maybe"))
    with pytest.raises(BriefError, match=r"key_points\[0\]\.event\.actors should be a list of entity ids"):
        loads(out.replace("actors: [e1]", "actors: [1]"))
    with pytest.raises(BriefError, match=r"key_points\[0\]\.event\.trigger"):
        loads(out.replace("trigger: {start: 25, end: 32, text: invited}", "trigger: {start: 25, end: 32}"))


def test_a_hand_edit_that_moves_the_text_moves_the_trigger() -> None:
    out = dumps(brief()).replace("  Anna Berg invited", "  Today Anna Berg invited")
    doc = loads(out)
    ev = doc.key_points[0].event
    assert ev is not None and doc.text[ev.trigger.start : ev.trigger.end] == "invited"


def test_merging_entities_repoints_the_frame() -> None:
    doc = brief()
    doc.key_points[0].event.targets.append("e4")  # type: ignore[union-attr]
    edits.merge_entities(doc, "e2", "e4")
    ev = doc.key_points[0].event
    assert ev is not None and ev.targets == ["e2"]
    edits.merge_entities(doc, "e1", "e2")
    assert ev.actors == ["e1"] and ev.targets == []


def with_more_events() -> Document:
    doc = brief()
    k = doc.key_points[0]
    at = TEXT.index("accepted")
    k.evidence.append(Evidence(TEXT.index("Haddad acc"), len(TEXT), TEXT[TEXT.index("Haddad acc") :]))
    k.more_events = [
        EventFrame(
            "invitation",
            Trigger(at, at + 8, "accepted"),
            ["e1"],
            ["e4"],
            when=When("in 2025", "2025"),
            title="2025: Haddad accepts",
        )
    ]
    return doc


def test_frames_held_on_a_key_point_are_saved_in_the_events_list_with_their_own_titles() -> None:
    out = dumps(with_more_events())
    assert "more_events" not in out and dumps(loads(out)) == out
    again = loads(out)
    k = again.key_points[0]
    assert k.events == ["v1", "v2"] and k.more_events == []
    assert k.event == brief().key_points[0].event  # the point's merged frame stays on it, titled by the point
    first, second = again.events
    assert (first.id, first.trigger.text, first.title) == ("v1", "invited", None)
    assert (second.id, second.trigger.text, second.title) == ("v2", "accepted", "2025: Haddad accepts")
    assert second.sentence is None  # this brief has no sentences to give it
    block = out[out.index("\nevents:") + 1 :].splitlines()
    assert block[1:4] == ["- id: v1", "  type: invitation", "  trigger: {start: 25, end: 32, text: invited}"]
    # The point's own frame is titled by the point: no title key in it.
    assert "title" not in out[out.index("  event:") : out.index("- id: k2")]


def test_frames_follow_merges_and_name_their_bad_fields() -> None:
    doc = with_more_events()
    edits.merge_entities(doc, "e2", "e4")
    assert doc.key_points[0].more_events[0].targets == ["e2"]
    out = dumps(with_more_events())
    with pytest.raises(BriefError, match=r"events\[1\]\.status 'maybe' is not one of"):
        loads(out.replace("status: happened", "status: maybe"))
