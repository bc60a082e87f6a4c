"""The analyst's key points and frames: made from a sentence, deleted, merged, edited; undo; save; re-parse."""

from __future__ import annotations

import copy
from dataclasses import replace
from pathlib import Path

import pytest

from briefreader.io.store import dumps, loads
from briefreader.model import edits
from briefreader.model.document import BriefMeta, Document, Entity, KeyPoint, Mention, Sentence
from briefreader.model.edits import EditError, FrameFields
from briefreader.model.event import EventFrame, Trigger, When, valid_event_date
from briefreader.model.timeline import timeline
from briefreader.model.titles import title_of
from briefreader.session import BriefSession
from briefreader.session import changes as ch
from tests.helpers.event_briefs import brief


def session_of(doc: Document, tmp_path: Path) -> BriefSession:
    return BriefSession(doc, tmp_path / "b.txt", tmp_path / "b.yaml")


def sentence(doc: Document, i: int) -> tuple[int, int]:
    return doc.sentences[i].start, doc.sentences[i].end


def test_a_sentence_with_events_becomes_a_pinned_key_point_framed_by_them() -> None:
    doc = brief()
    doc.key_points = []
    kp = edits.add_key_point(doc, *sentence(doc, 2))
    assert kp.events == ["v2"] and kp.pinned and kp.category == "meeting"
    assert title_of(doc, kp) == "Lula meets Boric"
    with pytest.raises(EditError):
        edits.add_key_point(doc, *sentence(doc, 2))


def test_a_sentence_without_events_gets_an_empty_edited_frame() -> None:
    doc = brief()
    kp = edits.add_key_point(doc, *sentence(doc, 0))
    frame = doc.event(kp.events[0])
    assert frame is not None and frame.edited and frame.type == "other" and not frame.actors
    assert [e.id for e in doc.events] == ["v3", "v1", "v2"]  # in text order, a fresh id
    assert title_of(doc, kp) == "Other"


def test_a_title_the_analyst_wrote_stays_through_a_frame_edit() -> None:
    doc = brief()
    edits.retitle_key_point(doc, "k2", "Two presidents talk")
    edits.edit_frame(doc, "v2", FrameFields("meeting", ("e4",), ("e3",)))
    assert title_of(doc, doc.key_points[1]) == "Two presidents talk"


def test_editing_a_frame_sets_it_edited_and_titles_follow_a_rename() -> None:
    doc = brief()
    doc.key_points[1].title_template = "{e3} meets {e4}"  # generated: follows the frame
    fields = FrameFields("statement", ("e3",), ("e4", "e3"), "e2", When("in May", "2026-05"), "reported", True)
    frame = edits.edit_frame(doc, "v2", fields)
    assert frame.edited and frame.actors == ["e3"] and frame.targets == ["e4"] and frame.cue == "analyst"
    kp = doc.key_points[1]
    assert kp.category == "statement"
    assert title_of(doc, kp) == "✗ Lula tells Boric in Rio — did not happen (analyst)"  # type's verb, marked
    edits.rename_entity(doc, "e3", "Luiz Inácio Lula da Silva")
    assert "Luiz Inácio Lula da Silva tells Boric" in title_of(doc, kp)
    assert any("Luiz Inácio Lula da Silva" in e.title for e in timeline(doc))


@pytest.mark.parametrize(
    ("fields", "says"),
    [
        (FrameFields("visit", ("e99",)), "no entity"),
        (FrameFields("visit", when=When("soon", "2026-02-30")), "not a date"),
        (FrameFields(""), "needs a type"),
    ],
)
def test_a_frame_edit_is_checked(fields: FrameFields, says: str) -> None:
    doc = brief()
    with pytest.raises(EditError, match=says):
        edits.edit_frame(doc, "v2", fields)


def test_event_dates_are_iso_at_any_precision() -> None:
    assert all(valid_event_date(d) for d in ("2025", "2025-08", "2024-02-29"))
    assert not any(valid_event_date(d) for d in ("25", "2025-13", "2025-02-30", "2025-8-1", "next week"))


def test_delete_keeps_the_evidence_rejected_and_a_reparse_does_not_bring_it_back(tmp_path: Path) -> None:
    doc = brief()
    session = session_of(doc, tmp_path)
    fresh = copy.deepcopy(doc)
    fresh.key_points = [
        KeyPoint("k1", "Again", "visit", 1.0, list(doc.key_points[0].evidence), events=["v1"]),
        KeyPoint("k2", "Lula meets Boric", "meeting", 0.5, list(doc.key_points[1].evidence), events=["v2"]),
    ]
    session.apply(ch.DeleteKeyPoint("k1"))
    assert [k.id for k in doc.key_points] == ["k2"] and len(doc.rejected_key_points) == 1
    back = loads(dumps(doc))
    assert back.rejected_key_points == doc.rejected_key_points
    assert session.merge_parse(fresh)
    assert [k.title for k in session.doc.key_points] == ["Lula meets Boric"]


def test_delete_undoes_and_redoes(tmp_path: Path) -> None:
    session = session_of(brief(), tmp_path)
    session.apply(ch.DeleteKeyPoint("k1"))
    session.undo()
    assert [k.id for k in session.doc.key_points] == ["k1", "k2"] and not session.doc.rejected_key_points
    session.redo()
    assert [k.id for k in session.doc.key_points] == ["k2"]


def test_merging_key_points_joins_evidence_and_events(tmp_path: Path) -> None:
    doc = brief()
    session = session_of(doc, tmp_path)
    session.apply(ch.JoinKeyPoints("k2", "k1"))
    (kp,) = doc.key_points
    assert kp.id == "k2" and len(kp.evidence) == 2 and kp.evidence[0].start < kp.evidence[1].start
    assert kp.events == ["v2", "v9", "v1"] and kp.pinned
    session.undo()
    assert [k.id for k in doc.key_points] == ["k1", "k2"] and len(doc.key_points[1].evidence) == 1


def test_key_point_from_a_sentence_and_its_frame_edit_undo_as_steps_and_save(tmp_path: Path) -> None:
    doc = brief()
    session = session_of(doc, tmp_path)
    before = dumps(doc)
    session.apply(ch.AddKeyPoint(*sentence(doc, 0)))
    kp_id = doc.key_points[-1].id
    session.apply(ch.EditFrame(FrameFields("visit", ("e1",), ("e3",), when=When("2026", "2026")), kp_id=kp_id))
    kp = doc.key_points[-1]
    assert title_of(doc, kp) == "Javier Milei meets Lula"
    saved = dumps(doc)
    again = loads(saved)
    assert dumps(again) == saved
    assert title_of(again, again.key_point(kp_id) or kp) == "Javier Milei meets Lula"
    assert again.event(kp.events[0]) is not None and again.event(kp.events[0]).edited  # type: ignore[union-attr]
    session.undo()
    session.undo()
    assert dumps(session.doc) == before and not session.dirty


def test_a_key_point_without_frames_gets_one_in_the_same_step(tmp_path: Path) -> None:
    doc = brief()
    doc.key_points[1].events = []
    doc.key_points[1].title_template = "{e3} meets {e4}"
    session = session_of(doc, tmp_path)
    session.apply(ch.EditFrame(FrameFields("meeting", ("e4",), ("e3",)), kp_id="k2"))
    kp = doc.key_points[1]
    assert len(kp.events) == 1 and title_of(doc, kp) == "Boric meets Lula"
    session.undo()
    assert doc.key_points[1].events == [] and [e.id for e in doc.events] == ["v1", "v2"]


def test_an_edited_frame_of_a_pinned_point_survives_a_reparse(tmp_path: Path) -> None:
    doc = brief()
    session = session_of(doc, tmp_path)
    session.apply(ch.EditFrame(FrameFields("meeting", ("e4",), ("e3",)), event_id="v2"))
    session.apply(ch.TogglePin("k2"))
    fresh = copy.deepcopy(brief())
    assert session.merge_parse(fresh)
    kp = session.doc.key_point("k2")
    assert kp is not None
    frame = session.doc.event(kp.events[0])
    assert frame is not None and frame.edited and frame.actors == ["e4"]


def test_a_new_key_point_on_a_negated_frame_is_marked_like_any_other(tmp_path: Path) -> None:
    doc = brief()
    doc.key_points = []
    kp = edits.add_key_point(doc, *sentence(doc, 1))
    assert kp.event is None and kp.events == ["v1"]
    assert title_of(doc, kp).startswith("✗ ") and title_of(doc, kp).endswith("— will not happen (refused)")


def test_a_key_point_negated_in_the_frame_editor_is_marked(tmp_path: Path) -> None:
    doc = brief()
    session = session_of(doc, tmp_path)
    session.apply(ch.AddKeyPoint(*sentence(doc, 0)))
    kp = doc.key_points[-1]
    assert not title_of(doc, kp).startswith("✗")
    session.apply(ch.EditFrame(FrameFields("visit", ("e1",), negated=True), kp_id=kp.id))
    assert title_of(doc, kp) == "✗ Visit: Javier Milei — did not happen (analyst)"
    session.undo()
    assert not title_of(doc, doc.key_points[-1]).startswith("✗")


def test_an_entity_marked_in_the_frame_editor_is_made_with_the_edit_in_one_step(tmp_path: Path) -> None:
    doc = brief()
    session = session_of(doc, tmp_path)
    before = dumps(doc)
    at = doc.text.index("the summit")
    mark = ch.MarkEntity(at, at + len("the summit"), "event")
    said = session.apply(
        ch.EditFrame(FrameFields("visit", ("e1",), ("+1",), "+1"), event_id="v1", marks=(("+1", mark),))
    )
    new = doc.entities[-1]
    assert new.name == "the summit" and new.label == "EVENT" and new.mentions[0].origin == "user"
    frame = doc.event("v1")
    assert frame is not None and frame.targets == [new.id] and frame.place == new.id and frame.edited
    assert said.startswith("Marked “the summit” as EVENT; Frame:")
    session.undo()
    assert dumps(doc) == before and not session.dirty
    session.redo()
    assert doc.entities[-1].name == "the summit" and doc.event("v1").targets == [doc.entities[-1].id]  # type: ignore[union-attr]


def test_a_mark_that_cannot_be_made_changes_nothing(tmp_path: Path) -> None:
    doc = brief()
    session = session_of(doc, tmp_path)
    before = dumps(doc)
    at = doc.text.index(" refused")
    mark = ch.MarkEntity(at, at + len(" refused"), "EVENT")  # starts on a space
    with pytest.raises(EditError, match="not a space"):
        session.apply(ch.EditFrame(FrameFields("visit", ("+1",)), event_id="v1", marks=(("+1", mark),)))
    assert dumps(doc) == before and session.undo() is None


def test_a_mark_over_an_entity_replaces_its_mention_as_plus_does_and_one_undo_brings_it_back(tmp_path: Path) -> None:
    """Issue 21 item 11: ``n`` in the frame editor follows the rule of ``+`` and of an ``add`` correction."""
    doc = brief()
    session = session_of(doc, tmp_path)
    before = dumps(doc)
    at = doc.text.index("the summit in Rio")
    mark = ch.MarkEntity(at, at + len("the summit in Rio"), "EVENT")  # holds the mention of Rio
    said = session.apply(ch.EditFrame(FrameFields("visit", ("e1",), place="+1"), event_id="v1", marks=(("+1", mark),)))
    assert said.startswith("Marked “the summit in Rio” as EVENT in place of “Rio” (Rio); Frame:")
    rio = doc.entity("e2")
    assert rio is not None and rio.rejected and rio.edited  # kept, hidden: a re-parse does not bring it back
    new = doc.entities[-1]
    frame = doc.event("v1")
    assert (
        frame is not None and frame.place == new.id and [m.text for m in new.visible_mentions] == ["the summit in Rio"]
    )
    session.undo()
    assert dumps(doc) == before and not session.dirty
    session.redo()
    assert doc.entity("e2").rejected and doc.entities[-1].name == "the summit in Rio"  # type: ignore[union-attr]


def test_an_edited_frame_is_titled_in_headline_grammar() -> None:
    """User trial item 3: 'Visit: Jonas Berg meet union officials' lost 'planned'; 'Turkey called Georgia'."""
    text = (
        "Strike and talks\n\nMayor Jonas Berg said he would meet union officials on Friday. "
        "Talks between Turkey and Georgia on a new ferry route were called off last month."
    )
    first, second = text.index("Mayor"), text.index("Talks between")

    def mention(words: str, ent: str, label: str) -> Entity:
        at = text.index(words)
        return Entity(ent, words, label, [Mention(at, at + len(words), words)])

    meet, called = text.index("meet"), text.index("called")
    plan = EventFrame("visit", Trigger(meet, meet + 4, "meet"), ["e1"], status="planned", id="v1")
    plan.sentence = (first, second - 1)
    talks = EventFrame("statement", Trigger(called, called + 6, "called"), id="v2", negated=True, cue="called off")
    talks.sentence = (second, len(text))
    doc = Document(
        BriefMeta("Strike and talks", "2025-02-24"),
        text,
        sentences=[Sentence(0, 16, 0), Sentence(first, second - 1, 1), Sentence(second, len(text), 1)],
        entities=[
            mention("Jonas Berg", "e1", "PERSON"),
            mention("union officials", "e2", "ORG"),
            mention("Turkey", "e3", "GPE"),
            mention("Georgia", "e4", "GPE"),
        ],
        events=[plan, talks],
    )
    when = When("Friday", "2025-02-28")
    edits.edit_frame(doc, "v1", FrameFields("visit", ("e1",), ("e2",), when=when, status="planned"))
    assert title_of(doc, plan) == "Jonas Berg to meet union officials (28 February 2025)"
    edits.edit_frame(doc, "v2", replace(FrameFields.of(talks), type="visit", actors=("e3",), targets=("e4",)))
    assert title_of(doc, talks) == "✗ Turkey and Georgia talks — did not happen (called off)"
    edits.edit_frame(doc, "v1", FrameFields("visit", ("e1",), ("e2",), when=When("2019", "2019")))
    assert title_of(doc, plan) == "2019: Jonas Berg meets union officials"  # the past: the year first
    edits.rename_entity(doc, "e3", "Türkiye")
    assert title_of(doc, talks).startswith("✗ Türkiye and Georgia talks")  # still a view of the entities
