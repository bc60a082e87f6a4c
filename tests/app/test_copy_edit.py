"""``y`` copies what has focus with a citation; ``E`` hands the source to $EDITOR and reads it again."""

from __future__ import annotations

import contextlib
import shlex
import shutil
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from briefreader.export.clip import citation, event_text, key_point_text, note_text, sentence_text
from briefreader.model import edits
from briefreader.model.document import Document
from briefreader.session import changes as ch
from briefreader.ui.app import BriefReaderApp
from briefreader.ui.reader.panes.keypoints_pane import KeyPointsPane
from briefreader.ui.reader.panes.notes_pane import NotesPane
from briefreader.ui.reader.panes.timeline_pane import TimelinePane
from tests.helpers.app import (
    annotated_copy,
    app_for,
    events_copy,
    reader,
    record_notifications,
    started,
    status,
    wait_for,
)
from tests.helpers.paths import BRIEFS, DATA

# y -----------------------------------------------------------------------------------------------


async def test_y_in_the_article_copies_the_cursors_sentence_with_its_citation(tmp_path: Path) -> None:
    app = app_for(events_copy(tmp_path))
    async with started(app, size=(120, 40)) as pilot:
        screen = reader(app)
        doc = screen.session.doc
        await pilot.press("j", "j", "y")
        start, end = screen.article.cursor_span or (0, 0)
        index = doc.sentence_at(start)
        assert index is not None and app.clipboard == sentence_text(doc, index)
        lines = app.clipboard.splitlines()
        assert lines == [f"“{doc.text[start:end]}”", citation(doc)]
        assert lines[1] == "— “Chile and Argentina reopen talks on shared glaciers”, 2026-03-14, " + (
            "briefreader sample brief (fictional)"
        )
        assert status(screen).startswith("Copied: sentence “")


async def test_y_copies_the_focused_key_point_event_or_note(tmp_path: Path) -> None:
    app = app_for(events_copy(tmp_path))
    async with started(app, size=(120, 40)) as pilot:
        screen = reader(app)
        doc = screen.session.doc
        await pilot.press("tab", "tab", "j", "y")  # Key points, the second one
        points = screen.query_one(KeyPointsPane)
        kp = doc.key_point(points.highlighted_id or "")
        assert kp is not None and app.clipboard == key_point_text(doc, kp)
        assert app.clipboard.splitlines()[0] == kp.title and status(screen).startswith("Copied: key point")

        await pilot.press("T", "G", "y")  # the timeline's last event: what is planned
        entry = screen.query_one(TimelinePane).highlighted_entry
        assert entry is not None and entry.phase == "planned" and app.clipboard == event_text(doc, entry)
        assert app.clipboard.splitlines()[:2] == [
            "2026-06: Tomás Valdivia invites Martín Aguirre to attend Southern Water Summit in Buenos Aires",
            f"“{doc.text[entry.start : entry.end]}”",
        ]
        assert status(screen).startswith("Copied: event “2026-06 Tomás Valdivia")
        planned = doc.key_point(entry.key_point)
        assert planned is not None

        screen.apply(ch.AddNote("Ask about the budget.", edits.make_anchor(doc, "key_point", ref=planned.id), ()))
        await pilot.pause()
        screen.set_focus(screen.query_one(NotesPane))
        await pilot.press("y")
        assert app.clipboard == note_text(doc, doc.notes[0])
        assert app.clipboard.startswith("Ask about the budget.\nOn the key point ")
        assert status(screen).startswith("Copied: note “Ask about the budget.”")


async def test_y_with_nothing_under_the_cursor_says_so_and_copies_nothing(tmp_path: Path) -> None:
    app = app_for(events_copy(tmp_path))
    async with started(app, size=(120, 40)) as pilot:
        seen = record_notifications(app)
        screen = reader(app)
        screen.set_focus(screen.query_one(NotesPane))  # no notes yet
        await pilot.press("y")
        assert app.clipboard == "" and any("No note to copy" in s for s in seen)


async def test_y_before_the_parse_copies_the_cursors_paragraph(brief_copy: Callable[[str], Path]) -> None:
    app = app_for(brief_copy("chile-argentina-glacier-talks.md"))
    gate, parse = threading.Event(), app.parser.parse

    def held(doc: Document, **how: bool) -> Document:
        gate.wait(60)
        return parse(doc, **how)

    app.parser.parse = held  # type: ignore[method-assign]
    async with started(app, size=(120, 40)) as pilot:
        screen = reader(app)
        doc = screen.session.doc
        await pilot.press("j", "y")  # no sentences yet: the cursor is on a paragraph
        start, end = screen.article.cursor_span or (0, 0)
        assert not doc.sentences and doc.text[start:end].startswith("Argentina's Foreign Minister")
        assert app.clipboard == f"“{doc.text[start:end]}”\n{citation(doc)}\n"
        assert status(screen).startswith("Copied: paragraph “Argentina's Foreign Minister")
        gate.set()
        await wait_for(pilot, lambda: not screen.parsing, "the parse")


async def test_copy_and_timeline_run_from_the_palette(tmp_path: Path) -> None:
    app = app_for(events_copy(tmp_path))
    async with started(app, size=(120, 40)) as pilot:
        screen = reader(app)
        titles = [c.title for c in screen.palette_commands()]
        assert {"Timeline", "Copy", "Edit source", "Timeline: Evidence"} <= set(titles)
        await pilot.press("ctrl+p", *"Timeline")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await wait_for(pilot, lambda: screen.query_one(TimelinePane).display, "the timeline")
        await pilot.press("ctrl+p", *"Copy")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.clipboard != "", "a copy")
        assert app.clipboard.splitlines()[0] == "2019: Argentina recalls its ambassador for several weeks"


# E -----------------------------------------------------------------------------------------------

INSERTED = "\n\nA paragraph written by hand, before the visit."
DELETED = " Chilean officials said President Aguirre had accepted the invitation in principle."


def source_with_annotations(tmp_path: Path) -> Path:
    """``glacier.md`` with its saved annotations beside it (opens parsed, no spaCy needed at first)."""
    shutil.copy(BRIEFS / "chile-argentina-glacier-talks.md", tmp_path / "glacier.md")
    shutil.copy(DATA / "glacier-talks.yaml", tmp_path / "glacier.yaml")
    return tmp_path / "glacier.md"


def editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, exit_code: int = 0) -> Path:
    """Set $EDITOR to a script that adds a paragraph and deletes a sentence; returns where it logs its argv."""
    log = tmp_path / "editor-argv.txt"
    script = tmp_path / "edit.py"
    script.write_text(
        "import pathlib, sys\n"
        f"pathlib.Path({str(log)!r}).write_text(chr(10).join(sys.argv[1:]), encoding='utf-8')\n"
        "path = pathlib.Path(sys.argv[-1])\n"
        "text = path.read_text(encoding='utf-8')\n"
        "title = '# Chile and Argentina reopen talks on shared glaciers'\n"
        f"text = text.replace(title, title + {INSERTED!r}).replace({DELETED!r}, '')\n"
        "path.write_text(text, encoding='utf-8')\n"
        f"sys.exit({exit_code})\n",
        encoding="utf-8",
    )
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", f"{shlex.quote(sys.executable)} {shlex.quote(str(script))}")
    return log


def suspensions(app: BriefReaderApp) -> list[str]:
    """Stand in for ``App.suspend`` (the headless driver cannot hand over a terminal); records each use."""
    used: list[str] = []

    @contextlib.contextmanager
    def suspend() -> Iterator[None]:
        used.append("suspended")
        yield
        used.append("resumed")

    app.suspend = suspend  # type: ignore[method-assign]
    return used


def sentence_note(app: BriefReaderApp, words: str, text: str) -> None:
    screen = reader(app)
    doc = screen.session.doc
    index = doc.sentence_at(doc.text.index(words))
    assert index is not None
    s = doc.sentences[index]
    screen.apply(ch.AddNote(text, edits.make_anchor(doc, "sentence", start=s.start, end=s.end), ()))


async def test_E_edits_the_source_and_carries_notes_and_corrections_over(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = source_with_annotations(tmp_path)
    log = editor(tmp_path, monkeypatch)
    app = app_for(source)
    used = suspensions(app)
    async with started(app, size=(120, 40)) as pilot:
        seen = record_notifications(app)
        screen = reader(app)
        sentence_note(app, "It was the first ministerial visit", "Kept")
        sentence_note(app, DELETED.strip(), "Gone")
        santiago = next(e for e in screen.session.doc.entities if e.name == "Santiago")
        screen.apply(ch.Rename(santiago.id, "Santiago de Chile"))

        await pilot.press("E")
        assert used == ["suspended", "resumed"] and log.read_text(encoding="utf-8").splitlines()[-1] == str(source)
        doc = screen.session.doc
        assert INSERTED.strip() in doc.text and DELETED.strip() not in doc.text
        (after,) = [s for s in seen if s.startswith("After the edit:")]  # one notice, every orphan in it
        assert "moved, 3 orphaned)" in after  # two mentions in the deleted sentence, and its note
        assert "'Gone'" in after and "kept as an orphaned note" in after
        await wait_for(pilot, lambda: screen.session.doc.parsed and not screen.parsing, "the new text's parse")

        doc = screen.session.doc
        notes = {n.text: n.anchor for n in doc.notes}
        kept = notes["Kept"]
        assert not kept.orphaned and kept.start is not None and kept.end is not None
        assert doc.text[kept.start : kept.end] == kept.quote and kept.quote.startswith("It was the first ministerial")
        assert notes["Gone"].orphaned
        renamed = next(e for e in doc.entities if e.name == "Santiago de Chile")
        assert renamed.mentions and all(doc.text[m.start : m.end] == m.text for m in renamed.mentions)
        assert screen.session.dirty  # the YAML beside it still has the old text
        assert screen.article.doc is doc  # the Article shows the new text


async def test_a_failing_editor_changes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app = app_for(source_with_annotations(tmp_path))
    editor(tmp_path, monkeypatch, exit_code=1)
    suspensions(app)
    async with started(app, size=(120, 40)) as pilot:
        seen = record_notifications(app)
        screen = reader(app)
        doc, revision = screen.session.doc, screen.session.doc.revision
        await pilot.press("E")
        assert screen.session.doc is doc and doc.revision == revision and not screen.session.dirty
        assert DELETED.strip() in doc.text and any("exited with status 1" in s for s in seen)


async def test_E_without_an_editor_or_a_source_says_why(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    app = app_for(source_with_annotations(tmp_path))
    used = suspensions(app)
    async with started(app, size=(120, 40)) as pilot:
        seen = record_notifications(app)
        await pilot.press("E")
        assert used == [] and any("No editor is set: set $EDITOR" in s for s in seen)

    # A brief opened from its YAML: the text lives there, with every annotation's offsets.
    editor(tmp_path, monkeypatch)
    app = app_for(annotated_copy(tmp_path))
    used = suspensions(app)
    async with started(app, size=(120, 40)) as pilot:
        seen = record_notifications(app)
        text = reader(app).session.doc.text
        await pilot.press("E")
        assert used == [] and any("no source to edit" in s for s in seen)
        assert reader(app).session.doc.text == text


async def test_E_when_the_terminal_cannot_be_handed_over_or_the_editor_is_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = source_with_annotations(tmp_path)
    editor(tmp_path, monkeypatch)
    before = source.read_text(encoding="utf-8")
    app = app_for(source)  # headless, as under run_test: Textual cannot suspend it
    async with started(app, size=(120, 40)) as pilot:
        seen = record_notifications(app)
        await pilot.press("E")
        assert any("cannot be handed over" in s for s in seen) and source.read_text(encoding="utf-8") == before

    # An editor that saves nothing, on a read-only file: the reader says why nothing changed.
    source.chmod(0o444)
    monkeypatch.setenv("EDITOR", "true")
    app = app_for(source)
    suspensions(app)
    async with started(app, size=(120, 40)) as pilot:
        await pilot.press("E")
        assert status(reader(app)) == "glacier.md is unchanged (it is read-only: the editor could not save it)"
    source.chmod(0o644)

    monkeypatch.setenv("EDITOR", str(tmp_path / "no-such-editor"))
    app = app_for(source)
    suspensions(app)
    async with started(app, size=(120, 40)) as pilot:
        seen = record_notifications(app)
        await pilot.press("E")
        assert any("Could not start the editor" in s for s in seen) and not reader(app).session.dirty


async def test_E_during_the_first_parse_parses_the_edited_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, brief_copy: Callable[[str], Path]
) -> None:
    source = brief_copy("chile-argentina-glacier-talks.md")  # no YAML: the parse starts on opening
    editor(tmp_path, monkeypatch)
    app = app_for(source)
    suspensions(app)
    gate, parse, texts = threading.Event(), app.parser.parse, []

    def held(doc: Document, **how: bool) -> Document:
        texts.append(doc.text)
        gate.wait(60)
        return parse(doc, **how)

    app.parser.parse = held  # type: ignore[method-assign]
    async with started(app, size=(120, 40)) as pilot:
        screen = reader(app)
        await wait_for(pilot, lambda: bool(texts), "the first parse to start")
        await pilot.press("E")
        gate.set()  # the first parse ends now, on the text before the edit
        await wait_for(pilot, lambda: len(texts) == 2, "a second parse")
        assert INSERTED.strip() not in texts[0] and INSERTED.strip() in texts[1]
        await wait_for(pilot, lambda: screen.session.doc.parsed and not screen.parsing, "the parse")
        doc = screen.session.doc
        assert INSERTED.strip() in doc.text and doc.sentences
        assert any(doc.text[s.start : s.end] == INSERTED.strip() for s in doc.sentences)
