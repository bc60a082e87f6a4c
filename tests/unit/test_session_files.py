"""The brief session and its files: reopening annotations, safe saves, recovery (no screen)."""

from __future__ import annotations

import os
from pathlib import Path

from briefreader.io.recovery import find_recoveries
from briefreader.io.store import load_document
from briefreader.model import edits
from briefreader.session import BriefSession, open_session, start_fresh
from briefreader.session import changes as ch
from briefreader.session.files import SaveRisk, display_name

TEXT = """Ministers meet in Tallinn

Anna Berg met Omar Haddad in Tallinn on Monday. Berg said the talks were useful.

Haddad invited Berg to Amman in May.
"""
OTHER = """Harbour festival opens

The harbour festival opened on Friday with a parade. Crowds lined the quay.
"""


def note(session: BriefSession, text: str) -> None:
    doc = session.doc
    at = doc.text.index("Berg said")
    session.apply(ch.AddNote(text, edits.make_anchor(doc, "span", start=at, end=at + 9), ()))


def save(session: BriefSession, target: Path | None = None) -> None:
    snapshot, position = session.snapshot()
    target = target or session.save_path
    session.mark_saved(target, BriefSession.write(snapshot, target), position)


def notes_in(path: Path) -> list[str]:
    return [n.text for n in load_document(path).notes]


def test_reopening_a_source_opens_its_saved_annotations(tmp_path: Path) -> None:
    src = tmp_path / "talks.txt"
    src.write_text(TEXT, encoding="utf-8")
    first = open_session(src)
    note(first, "saved before")
    save(first)
    assert first.save_path == tmp_path / "talks.yaml"
    again = open_session(src)
    assert [n.text for n in again.doc.notes] == ["saved before"]
    assert "talks.yaml" in again.opening.notice and not again.dirty
    note(again, "added after")
    assert again.save_risk() is SaveRisk.NONE  # it loaded that file: saving over it is expected
    save(again)
    assert notes_in(tmp_path / "talks.yaml") == ["saved before", "added after"]


def test_two_sources_with_one_stem_do_not_share_a_yaml(tmp_path: Path) -> None:
    txt, md = tmp_path / "day.txt", tmp_path / "day.md"
    txt.write_text(TEXT, encoding="utf-8")
    md.write_text("# " + OTHER, encoding="utf-8")
    a = open_session(txt)
    note(a, "on the txt")
    save(a)
    b = open_session(md)
    assert b.save_path == tmp_path / "day.md.yaml" and not b.doc.notes
    b.apply(ch.AddNote("on the md", edits.make_anchor(b.doc, "brief"), ()))
    save(b)
    assert notes_in(tmp_path / "day.yaml") == ["on the txt"]
    assert [n.text for n in open_session(md).doc.notes] == ["on the md"]
    assert [n.text for n in open_session(txt).doc.notes] == ["on the txt"]


def test_save_to_a_target_with_annotations_opens_them(tmp_path: Path) -> None:
    src = tmp_path / "talks.txt"
    src.write_text(TEXT, encoding="utf-8")
    elsewhere = tmp_path / "notes" / "mine.yaml"
    elsewhere.parent.mkdir()
    first = open_session(src, elsewhere)
    note(first, "kept elsewhere")
    save(first)
    again = open_session(src, elsewhere)
    assert [n.text for n in again.doc.notes] == ["kept elsewhere"] and "mine.yaml" in again.opening.notice


def test_no_save_replaces_a_file_the_session_did_not_load(tmp_path: Path) -> None:
    src = tmp_path / "talks.txt"
    src.write_text(TEXT, encoding="utf-8")
    first = open_session(src)
    note(first, "precious")
    save(first)
    again = open_session(src)
    start_fresh(again)
    assert not again.doc.notes and not again.dirty
    assert again.save_risk() is SaveRisk.FOREIGN  # fresh start: the old annotations are not overwritten unasked
    mine = tmp_path / "my-own.yaml"
    mine.write_text("shopping: [milk]\n", encoding="utf-8")
    assert open_session(src, mine).save_risk() is SaveRisk.FOREIGN


def test_two_readers_on_one_yaml_lose_no_note(tmp_path: Path) -> None:
    src = tmp_path / "talks.txt"
    src.write_text(TEXT, encoding="utf-8")
    base = open_session(src)
    save(base)
    a, b = open_session(src), open_session(src)
    note(a, "ONE")
    save(a)
    note(b, "TWO")
    assert b.save_risk() is SaveRisk.CHANGED
    assert "1 note added" in b.merge_from_disk()
    assert b.save_risk() is SaveRisk.NONE
    save(b)
    note(a, "THREE")
    assert a.save_risk() is SaveRisk.CHANGED  # the lost update: A would have dropped TWO
    a.merge_from_disk()
    save(a)
    assert sorted(notes_in(a.save_path)) == ["ONE", "THREE", "TWO"]


def test_saving_through_a_symlink_keeps_the_link(tmp_path: Path) -> None:
    src = tmp_path / "talks.txt"
    src.write_text(TEXT, encoding="utf-8")
    real = tmp_path / "store" / "talks-real.yaml"
    real.parent.mkdir()
    first = open_session(src, real)
    save(first)
    link = tmp_path / "talks.yaml"
    link.symlink_to(real)
    again = open_session(src)
    assert again.save_path == link and again.save_risk() is SaveRisk.NONE
    note(again, "through the link")
    save(again)
    assert link.is_symlink() and notes_in(real) == ["through the link"]


def test_a_read_only_file_is_not_overwritten_unasked(tmp_path: Path) -> None:
    src = tmp_path / "talks.txt"
    src.write_text(TEXT, encoding="utf-8")
    first = open_session(src)
    save(first)
    first.save_path.chmod(0o444)
    again = open_session(src)
    note(again, "x")
    assert again.save_risk() is SaveRisk.READ_ONLY
    save(again)  # after the person said "overwrite": the file keeps its mode
    assert notes_in(again.save_path) == ["x"] and (again.save_path.stat().st_mode & 0o777) == 0o444


def test_recovery_for_a_file_name_that_is_not_utf8(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("BRIEFREADER_RECOVERY_DIR", str(tmp_path / "rec"))
    src = tmp_path / os.fsdecode(b"caf\xe9 \x1b]2;PWNED\x07.txt")
    src.write_text(TEXT, encoding="utf-8")
    session = open_session(src)
    note(session, "unsaved")
    written = session.write_recovery()
    assert written is not None and written.exists()
    assert written.name.isascii() and "\x1b" not in written.name
    [pending] = find_recoveries(src)
    assert pending.doc.notes[0].text == "unsaved"
    shown = display_name(src)
    assert "\x1b" not in shown and "\x07" not in shown and shown.startswith("caf\ufffd")
    save(session)  # the YAML beside it saves too
    assert notes_in(session.save_path) == ["unsaved"]


def test_recovery_from_an_earlier_session_is_kept_until_restored_or_discarded(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("BRIEFREADER_RECOVERY_DIR", str(tmp_path / "rec"))
    src = tmp_path / "talks.txt"
    src.write_text(TEXT, encoding="utf-8")
    first = open_session(src)
    note(first, "from the first run")
    first.write_recovery()
    second = open_session(src)
    assert [p.doc.notes[0].text for p in second.pending_recoveries()] == ["from the first run"]
    # "Not now", then a new edit: the earlier work must survive the second session's recovery.
    note(second, "from the second run")
    second.write_recovery()
    third = open_session(src)
    pending = third.pending_recoveries()
    assert sorted(p.doc.notes[0].text for p in pending) == ["from the first run", "from the second run"]
    older = next(p for p in pending if p.doc.notes[0].text == "from the first run")
    third.restore(older)
    assert third.dirty and [n.text for n in third.doc.notes] == ["from the first run"]
    assert [p.doc.notes[0].text for p in third.pending_recoveries()] == ["from the second run"]
    third.discard(third.pending_recoveries()[0])
    save(third)  # the restored work is saved: its recovery file goes
    assert find_recoveries(src) == []


def test_a_changed_source_carries_its_annotations_over(tmp_path: Path) -> None:
    src = tmp_path / "talks.txt"
    src.write_text(TEXT, encoding="utf-8")
    first = open_session(src)
    doc = first.doc
    at = doc.text.index("Omar Haddad")
    first.apply(ch.MarkEntity(at, at + len("Omar Haddad"), "PERSON"))
    note(first, "on Berg's words")
    gone = doc.text.index("Haddad invited")
    first.apply(ch.AddNote("on the invitation", edits.make_anchor(doc, "span", start=gone, end=gone + 20), ()))
    save(first)
    # The source is edited: a paragraph before, and the invitation sentence is gone.
    src.write_text(
        TEXT.replace("Anna Berg met", "Late news.\n\nAnna Berg met").replace(
            "Haddad invited Berg to Amman in May.", "The ministers will meet again."
        ),
        encoding="utf-8",
    )
    again = open_session(src)
    assert "changed since" in again.opening.notice and again.dirty
    by_text = {n.text: n for n in again.doc.notes}
    kept = by_text["on Berg's words"]
    assert again.doc.text[kept.anchor.start : kept.anchor.end] == "Berg said" and not kept.anchor.orphaned  # type: ignore[misc]
    assert by_text["on the invitation"].anchor.orphaned  # kept, not dropped
    assert any("Haddad invited" in line for line in again.opening.problems)
    haddad = next(e for e in again.doc.entities if e.name == "Omar Haddad")
    m = haddad.mentions[0]
    assert again.doc.text[m.start : m.end] == "Omar Haddad"
    save(again)
    assert sorted(notes_in(again.save_path)) == ["on Berg's words", "on the invitation"]


def test_merging_notes_from_a_file_whose_text_changed_reanchors_them(tmp_path: Path) -> None:
    src = tmp_path / "talks.txt"
    src.write_text(TEXT, encoding="utf-8")
    a = open_session(src)
    save(a)
    src.write_text("Late news.\n\n" + TEXT, encoding="utf-8")  # B reads an edited source
    b = open_session(src)
    note(b, "from B")
    save(b)
    assert load_document(b.save_path).text != a.doc.text
    assert a.save_risk() is SaveRisk.CHANGED
    a.merge_from_disk()
    merged = a.doc.notes[-1]
    assert merged.text == "from B" and a.doc.text[merged.anchor.start : merged.anchor.end] == "Berg said"  # type: ignore[misc]


def test_a_save_to_target_holding_another_briefs_annotations_is_not_opened(tmp_path: Path) -> None:
    other = tmp_path / "festival.txt"
    other.write_text(OTHER, encoding="utf-8")
    theirs = open_session(other)
    theirs.apply(ch.AddNote("festival note", edits.make_anchor(theirs.doc, "brief"), ()))
    save(theirs)
    src = tmp_path / "talks.txt"
    src.write_text(TEXT, encoding="utf-8")
    mine = open_session(src, theirs.save_path)
    assert not mine.doc.notes and mine.doc.text == open_session(src).doc.text
    assert mine.save_risk() is SaveRisk.FOREIGN
