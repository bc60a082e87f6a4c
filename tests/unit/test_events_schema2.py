"""Schema 2 of the YAML: the top-level ``events:`` list, key points naming their events, schema 1 migrated."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefreader.io.errors import BriefError
from briefreader.io.store import dumps, load_document, loads, save_document
from briefreader.model import edits
from briefreader.model.event import When
from tests.helpers.event_briefs import brief

DATA = Path(__file__).resolve().parents[1] / "data"


def test_schema_2_is_read_back_exactly() -> None:
    out = dumps(brief())
    assert out.startswith("briefreader: 2\n")
    again = loads(out)
    assert dumps(again) == out
    assert again.events == brief().events
    assert again.key_points[0].event == brief().key_points[0].event
    assert [k.events for k in again.key_points] == [["v1"], ["v2", "v9"]]


def test_an_event_and_a_key_point_in_the_documented_shape() -> None:
    out = dumps(brief())
    events = out[out.index("\nevents:\n") + 1 : out.index("\nnotes:")].splitlines()
    assert events[:15] == [
        "events:",
        "- id: v1",
        "  sentence: {start: 18, end: 83}",
        "  title: Javier Milei refuses to attend summit in Rio",
        "  type: visit",
        "  trigger: {start: 42, end: 48, text: attend}",
        "  actors: [e1]",
        "  targets: []",
        "  place: e2",
        "  when: {text: next week, date: 2026-03}",
        "  status: planned",
        "  negated: true",
        "  cue: refused",
        "  source: e5",
        "- id: v2",
    ]
    # negated, cue and source are left out when they say nothing.
    assert "negated: false" not in out and events[15:17] == [
        "  sentence: {start: 84, end: 99}",
        "  title: Lula meets Boric",
    ]
    point = out[out.index("- id: k1") : out.index("- id: k2")].splitlines()
    assert point[6:10] == [
        "  - {start: 18, end: 83, quote: 'Javier Milei refused to attend the summit in Rio, officials said.'}",
        "  events: [v1]",
        "  event:",
        "    type: visit",
    ]
    assert "  more_events" not in out
    # The top-level order: key points, then events, then notes.
    assert out.index("\nkey_points:") < out.index("\nevents:") < out.index("\nnotes:")


def test_unknown_keys_round_trip_inside_events_and_their_parts() -> None:
    out = dumps(brief())
    edited = (
        out.replace("- id: v2\n", "- id: v2\n  checked_by: anna\n", 1)
        .replace("  cue: refused\n  source: e5\n", "  cue: refused\n  source: e5\n  confidence: low\n", 1)
        .replace(
            "trigger: {start: 42, end: 48, text: attend}", "trigger: {start: 42, end: 48, text: attend, pos: VERB}", 1
        )
        .replace("when: {text: next week, date: 2026-03}", "when: {text: next week, date: 2026-03, hedge: true}", 1)
        .replace("sentence: {start: 84, end: 99}", "sentence: {start: 83, end: 99, n: 3}", 1)
        .replace("  events: [v1]\n", "  events: [v1]\n  reviewed: bob\n", 1)
    )
    assert edited.count("checked_by") == 1 and "pos: VERB" in edited and "reviewed: bob" in edited
    doc = loads(edited)
    assert doc.events[0].extra == {"confidence": ("source", "low")}
    assert dumps(doc) == edited
    # An edit elsewhere keeps them too.
    edits.retitle_key_point(doc, "k2", "Lula and Boric talk")
    again = dumps(doc)
    for key in ("checked_by: anna", "confidence: low", "pos: VERB", "hedge: true", "n: 3", "reviewed: bob"):
        assert key in again


def test_an_event_id_no_event_has_is_kept_as_written() -> None:
    doc = loads(dumps(brief()))
    assert doc.key_points[1].events == ["v2", "v9"] and doc.event("v9") is None
    assert "  events: [v2, v9]\n" in dumps(doc)


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ("  negated: true\n", "  negated: perhaps\n", r"events\[0\]\.negated should be a bool"),
        ("  status: planned\n  negated", "  status: maybe\n  negated", r"events\[0\]\.status 'maybe' is not one of"),
        ("- id: v2\n", "- id: v1\n", r"events id 'v1' is used twice"),
        ("- id: v2\n", "- type_only: x\n", r"events\[1\]\.id is missing"),
        ("  events: [v1]\n", "  events: [1]\n", r"key_points\[0\]\.events should be a list of event ids"),
        ("  cue: refused\n", "  cue: [refused]\n", r"events\[0\]\.cue should be a str"),
        ("sentence: {start: 18, end: 83}", "sentence: {start: 18}", r"events\[0\]\.sentence\.end is missing"),
        ("  source: e5\n", "  source: 5\n", r"events\[0\]\.source should be a str"),
        ("\nevents:\n", "\nevents: 3\nold_events:\n", r"events should be a list"),
    ],
)
def test_a_bad_event_field_is_named(old: str, new: str, field: str) -> None:
    out = dumps(brief())
    at = out.rindex(old)  # the last one: in the events list where the key point's frame has the same line
    with pytest.raises(BriefError, match=field):
        loads(out[:at] + new + out[at + len(old) :])


def test_a_hand_edit_moves_event_triggers_and_sentences() -> None:
    out = dumps(brief()).replace("  Javier Milei refused", "  Yesterday Javier Milei refused", 1)
    doc = loads(out)
    refusal, meeting = doc.events
    assert doc.text[refusal.trigger.start : refusal.trigger.end] == "attend"
    assert doc.text[meeting.trigger.start : meeting.trigger.end] == "met"
    for ev in doc.events:
        assert ev.sentence is not None
        start, end = ev.sentence
        assert start <= ev.trigger.start < end
    assert doc.text[slice(*meeting.sentence or (0, 0))] == "Lula met Boric."
    assert doc.text[slice(*refusal.sentence or (0, 0))].startswith("Yesterday Javier Milei refused")


def test_an_event_whose_word_is_gone_is_dropped_and_named() -> None:
    out = dumps(brief()).replace("Lula met Boric.", "Lula and Boric.", 1)
    doc = loads(out)
    assert [e.id for e in doc.events] == ["v1"]
    assert doc.key_points[1].events == ["v9"]  # the gone one is no longer named; an id never found stays
    assert any("event v2" in w and "'met'" in w for w in doc.warnings)


def test_merging_entities_repoints_every_event() -> None:
    doc = brief()
    edits.merge_entities(doc, "e1", "e5")
    assert doc.events[0].source == "e1"


# Schema 1 files are migrated ------------------------------------------------------------------------


def v1_text() -> str:
    """``glacier-events.yaml`` (schema 1) with a pin, a retitle, a note and further dated frames."""
    raw = (DATA / "glacier-events.yaml").read_text(encoding="utf-8")
    assert raw.startswith("briefreader: 1\n")
    text = load_document(DATA / "glacier-events.yaml").text
    war = text.index("war in a dispute")
    recalled = text.index("recall its")
    more = (
        "  more_events:\n"
        "  - title: '1978: Chile and Argentina come close to war'\n"
        "    type: tension\n"
        f"    trigger: {{start: {war}, end: {war + 3}, text: war}}\n"
        "    actors: [e1]\n"
        "    targets: []\n"
        "    place: e14\n"
        "    when: {text: '1978', date: '1978'}\n"
        "    status: happened\n"
        "  - title: 'Argentina recalls its ambassador again'\n"
        "    type: tension\n"
        f"    trigger: {{start: {recalled}, end: {recalled + 6}, text: recall}}\n"
        "    actors: [e1]\n"
        "    targets: []\n"
        "    place: null\n"
        "    when: {text: '2019', date: '2019'}\n"
        "    status: happened\n"
    )
    raw = raw.replace("\nnotes: []\n", "\n" + more + "notes: []\n", 1)
    raw = raw.replace("  score: 1.1385\n  pinned: false\n", "  score: 1.1385\n  pinned: true\n", 1)
    raw = raw.replace(
        "  title: Lucía Ferrero and Tomás Valdivia agree to set up a joint scientific commission\n",
        "  title: A joint glacier commission (my title)\n",
        1,
    )
    note = (
        "notes:\n- id: n1\n  text: Check the 1978 date\n  tags: [history]\n  created: '2026-03-14T10:00:00+00:00'\n"
        "  updated: '2026-03-14T10:00:00+00:00'\n  anchor: {kind: key_point, ref: k4, start: 1019, end: 1130, quote: "
        "In 2019 a row over a mining project near the glaciers led Argentina to recall its ambassador for several "
        "weeks.}\n"
    )
    return raw.replace("notes: []\n", note, 1)


def test_a_version_1_file_is_migrated_with_nothing_lost(tmp_path: Path) -> None:
    path = tmp_path / "glacier.yaml"
    path.write_text(v1_text(), encoding="utf-8")
    old = loads(v1_text())  # read as it was (its titles, pins, notes), for comparison
    doc = load_document(path)
    # Every frame of the old file is in the one list, ids in text order, each with its sentence.
    assert [e.id for e in doc.events] == [f"v{i}" for i in range(1, len(doc.events) + 1)]
    assert [e.trigger.start for e in doc.events] == sorted(e.trigger.start for e in doc.events)
    triggers = [e.trigger.text for e in doc.events]
    assert sorted(triggers) == sorted(["travelled", "agreed", "invited", "war", "recall"])
    for ev in doc.events:
        assert ev.sentence is not None and ev.sentence[0] <= ev.trigger.start < ev.sentence[1]
    # "recall" was k4's own frame and one of its further frames: one event, with the further frame's title.
    recall = next(e for e in doc.events if e.trigger.text == "recall")
    assert recall.title == "Argentina recalls its ambassador again"
    war = next(e for e in doc.events if e.trigger.text == "war")
    assert war.title == "1978: Chile and Argentina come close to war" and war.when == When("1978", "1978")
    k4 = doc.key_point("k4")
    assert k4 is not None and [doc.event(i).trigger.text for i in k4.events] == ["recall", "war"]  # type: ignore[union-attr]
    for k in doc.key_points:
        assert k.more_events == [] and k.events and k.event is not None
        assert doc.event(k.events[0]) is not None and doc.event(k.events[0]).trigger == k.event.trigger  # type: ignore[union-attr]

    save_document(doc, path)
    saved = path.read_text(encoding="utf-8")
    assert saved.startswith("briefreader: 2\n") and "more_events" not in saved
    again = load_document(path)
    assert dumps(again) == saved  # and from now on it is read back exactly
    # Nothing lost: titles, pins, frames, notes, entities.
    assert [(k.id, k.title, k.pinned, k.category, k.evidence) for k in again.key_points] == [
        (k.id, k.title, k.pinned, k.category, k.evidence) for k in old.key_points
    ]
    assert [k.event for k in again.key_points] == [k.event for k in old.key_points]
    assert again.key_point("k2").pinned and again.key_point("k3").title == "A joint glacier commission (my title)"  # type: ignore[union-attr]
    assert [(n.id, n.text, n.anchor) for n in again.notes] == [(n.id, n.text, n.anchor) for n in old.notes]
    assert [(e.id, e.name, len(e.mentions)) for e in again.entities] == [
        (e.id, e.name, len(e.mentions)) for e in old.entities
    ]
    assert again.events == doc.events
    assert again.meta == old.meta and again.sentences == old.sentences and again.blocks == old.blocks


def test_the_seed_v1_files_open_and_save_as_version_2() -> None:
    for name in ("glacier-talks.yaml", "glacier-events.yaml"):
        doc = load_document(DATA / name)
        out = dumps(doc)
        assert out.startswith("briefreader: 2\n") and dumps(loads(out)) == out
        assert len(loads(out).events) == sum(k.event is not None for k in doc.key_points)


def test_a_version_this_reader_does_not_know_is_named() -> None:
    out = dumps(brief()).replace("briefreader: 2\n", "briefreader: 3\n", 1)
    with pytest.raises(BriefError, match=r"schema version 3 is not known \(this reader reads 1 and 2\)"):
        loads(out)


def test_unknown_keys_of_events_come_back_after_a_reparse_or_are_named() -> None:
    from dataclasses import replace

    from briefreader.io.unknown_keys import before_parse, carry_unknown_keys

    doc = brief()
    doc.events[0].extra = {"checked": ("status", "anna")}
    doc.events[0].parts_extra = {"trigger": {"pos": ("text", "VERB")}}
    doc.events[1].extra = {"doubt": ("status", "high")}
    before = before_parse(doc)
    # A re-parse renumbers: the refusal is found again from the same word, the meeting is not.
    fresh = replace(doc.events[0], id="v7", extra={}, parts_extra={})
    doc.events = [fresh]
    lost = carry_unknown_keys(before, doc)
    assert fresh.extra == {"checked": ("status", "anna")} and fresh.parts_extra == {
        "trigger": {"pos": ("text", "VERB")}
    }
    assert lost == ["events[v2].doubt"]
