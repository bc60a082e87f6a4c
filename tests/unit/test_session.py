"""The brief session without a screen: undo and redo, dirty state, parse merging."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from briefreader.io.store import dumps
from briefreader.model import edits
from briefreader.model.document import Document
from briefreader.nlp.pipeline import LoadedModel
from briefreader.session import BriefSession, ParseError, ParseService
from briefreader.session import changes as ch
from tests.helpers.session_brief import make_session, sentence_anchor


def entity(session: BriefSession, name: str) -> str:
    return next(e.id for e in session.doc.entities if e.name == name)


def every_change(session: BriefSession) -> list[ch.Change]:
    """One of each kind of change, valid on ``make_session``'s brief, applied in this order."""
    doc = session.doc
    berg, haddad, berg_org = entity(session, "Anna Berg"), entity(session, "Omar Haddad"), entity(session, "Berg")
    at = doc.text.index("Baltic Council")
    return [
        ch.AddNote("who chairs?", sentence_anchor(doc, "Haddad invited Berg"), ("follow-up",)),
        ch.Relabel(haddad, "ORG"),
        ch.Rename(haddad, "Omar Haddad (minister)"),
        ch.Merge(berg, berg_org),
        ch.Split(berg, "Berg"),
        ch.MarkEntity(at, at + len("Baltic Council"), "ORG"),
        ch.Reject(entity(session, "Tallinn")),
        ch.Restore(entity(session, "Tallinn")),
        ch.EditNote("n1", "who chairs the council?", ("follow-up", "council")),
        ch.DeleteNote("n1"),
    ]


def test_every_change_undoes_and_redoes_to_the_same_bytes(tmp_path: Path) -> None:
    session = make_session(tmp_path)
    states = [dumps(session.doc)]
    for change in every_change(session):
        session.apply(change)
        states.append(dumps(session.doc))
    assert all(a != b for a, b in itertools.pairwise(states))  # every change changed something
    for expected in reversed(states[:-1]):
        assert session.undo() is not None
        assert dumps(session.doc) == expected
    assert session.undo() is None
    for expected in states[1:]:
        assert session.redo() is not None
        assert dumps(session.doc) == expected
    assert session.redo() is None


def test_key_point_changes_undo(tmp_path: Path) -> None:
    from briefreader.model.document import Evidence, KeyPoint

    session = make_session(tmp_path)
    doc = session.doc
    s = doc.text.index("Haddad invited")
    doc.key_points = [KeyPoint("k1", "Invitation", "invitation", 0.9, [Evidence(s, s + 20, doc.text[s : s + 20])])]
    before = dumps(doc)
    session.apply(ch.TogglePin("k1"))
    session.apply(ch.Retitle("k1", "Haddad invites Berg"))
    assert doc.key_points[0].pinned and doc.key_points[0].title == "Haddad invites Berg"
    session.undo()
    session.undo()
    assert dumps(doc) == before


def test_an_edit_copies_only_what_it_touches(tmp_path: Path) -> None:
    session = make_session(tmp_path)
    doc = session.doc
    entities = list(doc.entities)
    session.apply(ch.AddNote("n", sentence_anchor(doc, "Berg said"), ()))
    session.apply(ch.Relabel(entities[0].id, "ORG"))
    session.undo()
    session.undo()
    # Undo put back state, not copies of the whole brief: the same entity objects are there.
    assert all(a is b for a, b in zip(doc.entities, entities, strict=True))
    assert entities[0].label == "PERSON"


def test_dirty_knows_when_undo_returns_to_the_saved_state(tmp_path: Path) -> None:
    session = make_session(tmp_path)
    doc = session.doc
    assert not session.dirty
    session.apply(ch.AddNote("one", sentence_anchor(doc, "Berg said"), ()))
    assert session.dirty
    session.undo()
    assert not session.dirty
    session.redo()
    assert session.dirty
    snapshot, position = session.snapshot()
    session.mark_saved(session.save_path, BriefSession.write(snapshot, session.save_path), position)
    assert not session.dirty
    session.undo()
    assert session.dirty  # the saved file has the note; the Document no longer does
    session.redo()
    assert not session.dirty
    session.undo()
    session.apply(ch.AddNote("two", sentence_anchor(doc, "Berg said"), ()))
    assert session.dirty and session.redo() is None  # a new edit ends the redo chain


def test_a_failed_edit_changes_nothing(tmp_path: Path) -> None:
    session = make_session(tmp_path)
    before = dumps(session.doc)
    with pytest.raises(edits.EditError):
        session.apply(ch.Relabel(entity(session, "Tallinn"), "not a label!"))
    with pytest.raises(edits.EditError):
        session.apply(ch.Merge("e1", "e1"))
    assert dumps(session.doc) == before and not session.dirty and session.undo() is None


def test_merge_undo_brings_back_notes_on_the_merged_entity(tmp_path: Path) -> None:
    session = make_session(tmp_path)
    doc = session.doc
    berg, berg_org = entity(session, "Anna Berg"), entity(session, "Berg")
    session.apply(ch.AddNote("the ORG one", edits.make_anchor(doc, "entity", ref=berg_org), ()))
    session.apply(ch.Merge(berg, berg_org))
    assert doc.notes[0].anchor.ref == berg
    session.undo()
    assert doc.notes[0].anchor.ref == berg_org and doc.entity(berg_org) is not None


def test_parse_merge_keeps_corrections_and_a_clean_brief_clean(tmp_path: Path, model: LoadedModel) -> None:
    session = make_session(tmp_path)
    service = ParseService(in_process=False)
    tallinn = entity(session, "Tallinn")
    session.apply(ch.Relabel(tallinn, "LOC"))
    session.apply(ch.AddNote("keep me", sentence_anchor(session.doc, "Berg said"), ()))
    parsed = service.parse(session.parse_copy())
    assert parsed is not session.doc and parsed.parser is not None
    assert session.merge_parse(parsed)
    assert session.doc.entity(tallinn) is not None and session.doc.entity(tallinn).label == "LOC"  # type: ignore[union-attr]
    assert session.doc.notes[0].text == "keep me"
    assert session.dirty  # the note is still unsaved
    clean = make_session(tmp_path / "..", name="other.txt")
    assert clean.merge_parse(service.parse(clean.parse_copy())) and not clean.dirty


def test_a_parse_of_another_text_is_not_merged(tmp_path: Path) -> None:
    session = make_session(tmp_path)
    other = Document(session.doc.meta, session.doc.text + "more")
    assert not session.merge_parse(other)


def test_parse_errors_are_one_line(tmp_path: Path) -> None:
    session = make_session(tmp_path)
    with pytest.raises(ParseError, match="no spaCy pipeline"):
        ParseService("no_such_pipeline_xyz", in_process=False).parse(session.parse_copy())
    service = ParseService()
    with pytest.raises(ParseError, match="stopped"):
        service.parse(session.parse_copy())  # never prepared, or stopped: a clear error, no hang
    service.stop()
    assert service.pids == []
