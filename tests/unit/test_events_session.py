"""Event frames through a session: a re-parse keeps the analyst's key points naming the right frames; undo."""

from __future__ import annotations

import copy
from dataclasses import replace
from pathlib import Path

from briefreader.model.document import Document, KeyPoint
from briefreader.model.event import EventFrame
from briefreader.model.frames import carry_events, gather
from briefreader.session import BriefSession
from briefreader.session import changes as ch
from tests.helpers.event_briefs import brief


def session_of(doc: Document, tmp_path: Path) -> BriefSession:
    return BriefSession(doc, tmp_path / "b.txt", tmp_path / "b.yaml")


def reparsed(doc: Document) -> Document:
    """What a fresh parse gives: the same frames renumbered (a new one first), fresh key points."""
    fresh = copy.deepcopy(doc)
    new = replace(fresh.events[1], id="v1", title="Lula and Boric meet", negated=False)
    new.trigger = replace(new.trigger, start=new.trigger.start + 5, end=new.trigger.end + 5, text="Boric")
    fresh.events = [replace(fresh.events[0], id="v2"), replace(fresh.events[1], id="v3"), new]
    fresh.key_points = [
        KeyPoint("k1", "Milei will not attend", "visit", 1.0, list(doc.key_points[0].evidence), events=["v2"]),
        KeyPoint("k2", "Lula meets Boric", "meeting", 0.5, list(doc.key_points[1].evidence), events=["v3"]),
    ]
    return fresh


def test_a_reparse_brings_its_frames_and_pinned_points_name_the_fresh_ones(tmp_path: Path) -> None:
    doc = brief()
    session = session_of(doc, tmp_path)
    session.apply(ch.TogglePin("k2"))
    session.apply(ch.Retitle("k1", "Milei stays away (my title)"))
    assert session.merge_parse(reparsed(doc))
    doc = session.doc
    assert [e.id for e in doc.events] == ["v2", "v3", "v1"]  # text order
    k1, k2 = doc.key_point("k1"), doc.key_point("k2")
    assert k1 is not None and k2 is not None
    assert k1.title == "Milei stays away (my title)" and k1.events == ["v2"]
    # k2 was pinned: it survived as it was and now names the fresh frame of the same word ("v2" -> "v3");
    # the id no frame ever had stays as written.
    assert k2.pinned and k2.events == ["v3", "v9"]
    assert doc.event("v3") is not None and doc.event("v3").trigger.text == "met"  # type: ignore[union-attr]


def test_a_frame_the_fresh_parse_no_longer_finds_is_kept_for_a_pinned_point() -> None:
    doc = brief()
    pinned = doc.key_points[1]
    fresh = [replace(doc.events[0], id="v1")]
    events = carry_events(doc.events, fresh, [pinned])
    assert [e.id for e in events] == ["v1", "v2"]
    assert pinned.events == ["v2", "v9"] and events[1].trigger.text == "met"


def test_undoing_a_merge_puts_the_frames_entity_ids_back(tmp_path: Path) -> None:
    doc = brief()
    session = session_of(doc, tmp_path)
    session.apply(ch.Merge("e1", "e5"))  # "officials" into Javier Milei
    assert doc.events[0].source == "e1"
    session.undo()
    assert doc.events[0].source == "e5" and doc.entity("e5") is not None
    session.apply(ch.Merge("e3", "e4"))  # Boric into Lula
    assert doc.events[1].actors == ["e3"] and doc.events[1].targets == []
    session.undo()
    assert doc.events[1].actors == ["e3"] and doc.events[1].targets == ["e4"]


def test_gathering_is_idempotent_and_keeps_everything() -> None:
    doc = brief()
    before = copy.deepcopy(doc.events)
    gather(doc)
    assert doc.events == before
    # Frames held on a key point only (an older parse): gathered once, with the ones already listed.
    extra = EventFrame("tension", replace(doc.events[1].trigger), title="Another", id="")
    doc.key_points[1].more_events = [extra]
    gather(doc)
    assert [e.id for e in doc.events] == ["v1", "v2", "v3"] and doc.key_points[1].events == ["v2", "v9", "v3"]
    assert doc.key_points[1].more_events == [] and doc.event("v3").title == "Another"  # type: ignore[union-attr]
    snapshot = copy.deepcopy(doc)
    gather(doc)
    assert doc == snapshot
