"""Issue 21, item 11: ``+`` on a phrase that contains an entity replaces the overlapped mention, undoably.

What an ``add`` correction does ('Vietnam's parliament' wins over the
model's 'Vietnam'), for this brief as for all briefs; it used to ask
"This brief / All briefs" and then refuse.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from briefreader.model.corrections import Corrections
from briefreader.model.document import Block, BriefMeta, Document, Entity, Evidence, KeyPoint, Mention, Sentence
from briefreader.model.edits import EditError, FrameFields
from briefreader.model.event import EventFrame, Trigger
from briefreader.model.titles import title_of
from briefreader.nlp.corrections_pass import apply_corrections
from briefreader.session import changes as ch
from briefreader.session.brief import BriefSession
from briefreader.session.correction_entries import entries_for

TEXT = "Hanoi votes\n\nVietnam's parliament approved the budget. Vietnam will spend more."


def session(tmp_path: Path) -> BriefSession:
    at = [i for i in range(len(TEXT)) if TEXT.startswith("Vietnam", i)]
    vietnam = Entity("e1", "Vietnam", "GPE", [Mention(a, a + 7, "Vietnam") for a in at])
    doc = Document(BriefMeta("Hanoi votes"), TEXT, [Block("title", 0, 11), Block("paragraph", 13, len(TEXT))])
    doc.entities = [vietnam]
    return BriefSession(doc, tmp_path / "hanoi.txt", tmp_path / "hanoi.yaml")


def test_a_phrase_over_an_entity_replaces_its_mention_and_undo_brings_it_back(tmp_path: Path) -> None:
    s = session(tmp_path)
    start = TEXT.index("Vietnam's parliament")
    change = ch.MarkEntity(start, start + len("Vietnam's parliament"), "ORG")
    said = s.apply(change)
    assert "Vietnam's parliament" in said and "in place of “Vietnam” (Vietnam)" in said
    names = {e.name: [m.text for m in e.visible_mentions] for e in s.doc.visible_entities()}
    assert names == {"Vietnam": ["Vietnam"], "Vietnam's parliament": ["Vietnam's parliament"]}
    assert s.undo() is not None
    names = {e.name: [m.text for m in e.visible_mentions] for e in s.doc.visible_entities()}
    assert names == {"Vietnam": ["Vietnam", "Vietnam"]}


def test_for_all_briefs_it_is_the_add_correction_that_does_the_same(tmp_path: Path) -> None:
    s = session(tmp_path)
    start = TEXT.index("Vietnam's parliament")
    (entry,) = entries_for(ch.MarkEntity(start, start + len("Vietnam's parliament"), "ORG"), s.doc)
    assert (entry.kind, entry.text, entry.value) == ("add", "Vietnam's parliament", "ORG")
    ents, used = apply_corrections(s.doc.text, s.doc.blocks, s.doc.entities, Corrections(add=[(entry.text, "ORG")]))
    assert used.add and {e.name for e in ents} == {"Vietnam", "Vietnam's parliament"}


# User trial items 4 and 5 ------------------------------------------------------------------


def framed(tmp_path: Path) -> BriefSession:
    """The brief with its sentences, a frame on each ("Vietnam approved", "Vietnam will spend") and a key point."""
    s = session(tmp_path)
    first, second = TEXT.index("Vietnam's"), TEXT.rindex("Vietnam")
    s.doc.sentences = [Sentence(0, 11, 0), Sentence(first, second - 1, 1), Sentence(second, len(TEXT), 1)]
    approved, spend = TEXT.index("approved"), TEXT.index("spend")
    s.doc.events = [
        EventFrame(
            "agreement", Trigger(approved, approved + 8, "approved"), ["e1"], id="v1", sentence=(first, second - 1)
        ),
        EventFrame("statement", Trigger(spend, spend + 5, "spend"), ["e1"], id="v2", sentence=(second, len(TEXT))),
    ]
    s.doc.events[0].title_template = "{e1} approves the budget"
    evidence = Evidence(first, second - 1, TEXT[first : second - 1])
    s.doc.key_points = [KeyPoint("k1", "Vietnam approves the budget", "agreement", 1.0, [evidence], events=["v1"])]
    s.doc.key_points[0].title_template = "{e1} approves the budget"
    return s


def test_the_frames_of_a_replaced_mention_follow_the_mark_and_one_undo_takes_it_back(tmp_path: Path) -> None:
    s = framed(tmp_path)
    start = TEXT.index("Vietnam's parliament")
    s.apply(ch.MarkEntity(start, start + len("Vietnam's parliament"), "ORG"))
    parliament = next(e.id for e in s.doc.entities if e.name == "Vietnam's parliament")
    approved, spend = s.doc.events
    assert approved.actors == [parliament] and spend.actors == ["e1"]  # the other sentence still means Vietnam
    assert title_of(s.doc, approved) == "Vietnam's parliament approves the budget"
    assert title_of(s.doc, s.doc.key_points[0]) == "Vietnam's parliament approves the budget"
    assert s.undo() is not None
    assert [f.actors for f in s.doc.events] == [["e1"], ["e1"]]
    assert title_of(s.doc, s.doc.key_points[0]) == "Vietnam approves the budget"


def test_marking_an_exact_mention_with_its_label_makes_no_second_entity(tmp_path: Path) -> None:
    s = framed(tmp_path)
    start = TEXT.rindex("Vietnam")
    mark = ch.MarkEntity(start, start + 7, "GPE")
    assert entries_for(mark, s.doc) == []  # nothing to ask: it is that entity already
    with pytest.raises(EditError, match="already an entity: Vietnam, GPE"):
        s.apply(mark)
    assert [e.name for e in s.doc.entities] == ["Vietnam"] and s.undo() is None
    # In the frame editor (n), the words are the entity the role means.
    edit = ch.EditFrame(FrameFields("statement", targets=("+1",)), event_id="v1", marks=(("+1", mark),))
    said = s.apply(edit)
    assert "“Vietnam” is already an entity (GPE)" in said
    assert (s.doc.events[0].targets == [] and s.doc.events[0].actors == ["e1"]) or s.doc.events[0].targets == ["e1"]
    assert [e.name for e in s.doc.entities] == ["Vietnam"]


def test_marking_an_exact_mention_with_another_label_relabels_its_entity(tmp_path: Path) -> None:
    s = framed(tmp_path)
    start = TEXT.rindex("Vietnam")
    mark = ch.MarkEntity(start, start + 7, "LOC")
    (entry,) = entries_for(mark, s.doc)
    assert (entry.kind, entry.text, entry.value) == ("relabel", "Vietnam", "LOC")
    said = s.apply(mark)
    assert said == "Relabelled “Vietnam” GPE → LOC (2 mentions)"
    assert [(e.name, e.label, len(e.visible_mentions)) for e in s.doc.entities] == [("Vietnam", "LOC", 2)]
    assert s.undo() is not None and s.doc.entities[0].label == "GPE"
