"""Edits on the Document, without any UI or spaCy."""

from __future__ import annotations

import pytest

from briefreader.model import edits
from briefreader.model.document import Anchor, Block, BriefMeta, Document, Entity, Evidence, KeyPoint, Mention

TEXT = "Talks in Oslo\n\nAnna Berg met Omar Haddad in Oslo. Berg said the talks went well."


def make_doc() -> Document:
    t = TEXT
    doc = Document(BriefMeta("Talks in Oslo"), t, blocks=[Block("title", 0, 13), Block("paragraph", 15, len(t))])
    anna = Entity(
        "e1",
        "Anna Berg",
        "PERSON",
        [Mention(15, 24, "Anna Berg"), Mention(t.index("Berg said"), t.index("Berg said") + 4, "Berg")],
    )
    omar = Entity("e2", "Omar Haddad", "ORG", [Mention(29, 40, "Omar Haddad")])
    oslo = Entity("e3", "Oslo", "GPE", [Mention(9, 13, "Oslo"), Mention(44, 48, "Oslo")])
    doc.entities = [anna, omar, oslo]
    s = t.index("Berg said")
    doc.key_points = [
        KeyPoint("k1", "Meeting", "visit", 0.9, [Evidence(15, 49, t[15:49])]),
        KeyPoint("k2", "Statement", "statement", 0.5, [Evidence(s, len(t), t[s:])]),
    ]
    return doc


def test_add_edit_delete_note_bumps_revision_and_keeps_anchor() -> None:
    doc = make_doc()
    r0 = doc.revision
    note = edits.add_note(
        doc,
        "Check who else attended.",
        edits.make_anchor(doc, "sentence", start=15, end=49),
        ["#follow-up", "oslo", "oslo"],
    )
    assert note.id == "n1" and note.anchor.quote == TEXT[15:49]
    assert note.tags == ["follow-up", "oslo"]
    assert doc.revision > r0
    edits.edit_note(doc, "n1", "Ask the embassy.", ["embassy"])
    assert doc.notes[0].text == "Ask the embassy." and doc.notes[0].tags == ["embassy"]
    assert doc.notes[0].updated >= doc.notes[0].created
    edits.delete_note(doc, "n1")
    assert doc.notes == []


def test_empty_note_is_refused() -> None:
    doc = make_doc()
    with pytest.raises(edits.EditError):
        edits.add_note(doc, "   ", Anchor())


def test_note_ids_never_reuse_a_deleted_higher_id() -> None:
    doc = make_doc()
    edits.add_note(doc, "one", Anchor())
    edits.add_note(doc, "two", Anchor())
    edits.delete_note(doc, "n1")
    assert edits.add_note(doc, "three", Anchor()).id == "n3"


def test_relabel_marks_entity_edited() -> None:
    doc = make_doc()
    edits.relabel_entity(doc, "e2", "person")
    e = doc.entity("e2")
    assert e is not None and e.label == "PERSON" and e.edited
    with pytest.raises(edits.EditError):
        edits.relabel_entity(doc, "e2", "not a label!")


def test_reject_hides_entity_but_keeps_its_mentions() -> None:
    doc = make_doc()
    edits.reject_entity(doc, "e3")
    e = doc.entity("e3")
    assert e is not None and e.rejected and len(e.mentions) == 2
    assert all(m.origin == "rejected" for m in e.mentions)
    assert "e3" not in [x.id for x in doc.visible_entities()]
    edits.restore_entity(doc, "e3")
    assert "e3" in [x.id for x in doc.visible_entities()]


def test_merge_moves_mentions_and_note_anchors() -> None:
    doc = make_doc()
    edits.add_note(doc, "about Omar", edits.make_anchor(doc, "entity", ref="e2"))
    edits.merge_entities(doc, "e1", "e2")
    assert doc.entity("e2") is None
    e1 = doc.entity("e1")
    assert e1 is not None and [m.text for m in e1.mentions] == ["Anna Berg", "Omar Haddad", "Berg"]
    assert doc.notes[0].anchor.ref == "e1"
    with pytest.raises(edits.EditError):
        edits.merge_entities(doc, "e1", "e1")


def test_split_moves_named_mentions_to_new_entity() -> None:
    doc = make_doc()
    new = edits.split_mentions(doc, "e1", ["Berg"])
    assert new.id == "e4" and [m.text for m in new.mentions] == ["Berg"]
    e1 = doc.entity("e1")
    assert e1 is not None and [m.text for m in e1.mentions] == ["Anna Berg"]
    with pytest.raises(edits.EditError):
        edits.split_mentions(doc, "e1", ["Anna Berg"])  # would leave nothing behind


def test_add_mention_by_hand_replaces_what_it_overlaps() -> None:
    doc = make_doc()
    s = TEXT.index("talks went")
    ent = edits.add_mention(doc, s, s + 5, "event")
    assert ent.label == "EVENT" and ent.mentions[0].origin == "user" and ent.edited
    edits.add_mention(doc, 15, 19, "PERSON")  # overlaps Anna Berg: that mention is hidden, kept as rejected
    anna = doc.entity("e1")
    assert anna is not None and anna.edited and [m.text for m in anna.visible_mentions] == ["Berg"]
    assert [m.origin for m in anna.mentions if m.start == 15] == ["rejected"]
    with pytest.raises(edits.EditError):
        edits.add_mention(doc, s - 1, s + 5, "EVENT")  # starts on a space
    with pytest.raises(edits.EditError):
        edits.add_mention(doc, 0, 10_000, "PERSON")


def test_reject_one_mention() -> None:
    doc = make_doc()
    edits.reject_mention(doc, "e3", 9)
    e3 = doc.entity("e3")
    assert e3 is not None and [m.start for m in e3.visible_mentions] == [44]


def test_pin_retitle_and_move_key_points() -> None:
    doc = make_doc()
    assert edits.toggle_pin(doc, "k2").pinned
    edits.retitle_key_point(doc, "k1", "Berg meets Haddad")
    assert doc.key_points[0].title == "Berg meets Haddad" and doc.key_points[0].pinned
    edits.move_key_point(doc, "k2", -1)
    assert [k.id for k in doc.key_points] == ["k2", "k1"]


def test_lookups_link_entities_key_points_and_notes() -> None:
    doc = make_doc()
    anna = doc.entity("e1")
    assert anna is not None
    assert [k.id for k in doc.key_points_for_entity(anna)] == ["k1", "k2"]
    edits.add_note(doc, "x", edits.make_anchor(doc, "span", start=15, end=24))
    assert [n.id for n in doc.notes_for_entity(anna)] == ["n1"]
    assert doc.sentence_at(20) is None  # no sentences before a parse
    assert [k.id for k in doc.key_points_for_span(30, 31)] == ["k1"]
