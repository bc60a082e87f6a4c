"""Reading the source again after an edit (the reader's E), without a screen."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefreader.io.errors import BriefError
from briefreader.model import edits
from briefreader.session import changes as ch
from briefreader.session import open_session
from briefreader.session.opening import reload_source
from tests.helpers.session_brief import BRIEF, make_session, sentence_anchor


def test_an_unchanged_source_changes_nothing(tmp_path: Path) -> None:
    session = make_session(tmp_path)
    session.apply(ch.AddNote("who chairs?", sentence_anchor(session.doc, "Haddad invited Berg"), ()))
    doc, position = session.doc, session.history.position
    result = reload_source(session)
    assert result.message == "talks.txt is unchanged" and not result.changed and not result.needs_parse
    assert session.doc is doc and session.history.position == position and session.undo() == "Note added"


def test_an_edit_carries_saved_and_unsaved_work_over_and_reports_orphans(tmp_path: Path) -> None:
    session = make_session(tmp_path)
    doc = session.doc
    session.apply(ch.AddNote("kept", sentence_anchor(doc, "Haddad invited Berg to Amman in May."), ()))
    session.apply(ch.AddNote("gone", sentence_anchor(doc, "The Baltic Council will host the next round."), ()))
    haddad = next(e.id for e in doc.entities if e.name == "Omar Haddad")
    session.apply(ch.Relabel(haddad, "ORG"))
    edited = BRIEF.replace("Ministers meet in Tallinn\n\n", "Ministers meet in Tallinn\n\nA new first paragraph.\n\n")
    edited = edited.replace(" The Baltic Council will host the next round.", "")
    (tmp_path / "talks.txt").write_text(edited, encoding="utf-8")

    result = reload_source(session)

    new = session.doc
    assert new.text.startswith("Ministers meet in Tallinn\n\nA new first paragraph.") and "Baltic" not in new.text
    assert result.needs_parse and not new.parsed  # the screen parses the new text
    assert "orphaned" in result.message and "1 orphaned" in result.message
    assert len(result.problems) == 1 and "The Baltic Council" in result.problems[0]
    notes = {n.text: n for n in new.notes}
    a = notes["kept"].anchor
    assert not a.orphaned and new.text[a.start : a.end] == "Haddad invited Berg to Amman in May."  # type: ignore[index]
    assert notes["gone"].anchor.orphaned  # kept, marked, never dropped
    person = next(e for e in new.entities if e.name == "Omar Haddad")
    assert person.label == "ORG" and all(new.text[m.start : m.end] == m.text for m in person.mentions)
    assert session.dirty  # the notes were never saved
    assert session.undo() is None  # undo starts again: its steps pointed at the old text


def test_a_clean_source_with_no_annotations_file_stays_clean(tmp_path: Path) -> None:
    src = tmp_path / "talks.txt"
    src.write_text(BRIEF, encoding="utf-8")
    session = open_session(src)
    src.write_text(BRIEF.replace("useful", "very useful"), encoding="utf-8")
    reload_source(session)
    assert "very useful" in session.doc.text and not session.dirty  # nothing of the analyst's to save


def test_a_saved_brief_is_unsaved_after_its_source_changed(tmp_path: Path) -> None:
    session = make_session(tmp_path)
    session.apply(ch.AddNote("n", edits.make_anchor(session.doc, "brief"), ()))
    snapshot, position = session.snapshot()
    session.mark_saved(session.save_path, session.write(snapshot, session.save_path), position)
    assert not session.dirty
    (tmp_path / "talks.txt").write_text(BRIEF.replace("useful", "very useful"), encoding="utf-8")
    reload_source(session)
    assert session.dirty  # the YAML still holds the old text: ctrl+s brings it up to date


def test_front_matter_alone_keeps_the_parse(tmp_path: Path) -> None:
    md = "---\ntitle: Old title\ndate: 2026-03-01\n---\n\n# Talks\n\nAnna Berg met Omar Haddad.\n"
    src = tmp_path / "talks.md"
    src.write_text(md, encoding="utf-8")
    session = open_session(src)
    text = session.doc.text
    src.write_text(md.replace("2026-03-01", "2026-03-02"), encoding="utf-8")
    result = reload_source(session)
    assert session.doc.text == text and session.doc.meta.date == "2026-03-02" and not result.needs_parse


def test_a_source_that_can_no_longer_be_read_changes_nothing(tmp_path: Path) -> None:
    session = make_session(tmp_path)
    doc = session.doc
    (tmp_path / "talks.txt").write_bytes(b"")
    with pytest.raises(BriefError):
        reload_source(session)
    assert session.doc is doc
