"""Key points and frames from the keyboard at 80x24: make one from a sentence, frame it, rename, undo, save, reopen."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot

from briefreader.export.markdown import report
from briefreader.io.store import dumps, load_document
from briefreader.model.document import Anchor, Document, KeyPoint, Note
from briefreader.model.titles import title_of
from briefreader.session import changes as ch
from briefreader.ui.app import BriefReaderApp
from briefreader.ui.dialogs.ask import Ask
from briefreader.ui.dialogs.choose import Choose
from briefreader.ui.dialogs.frame_editor import FrameEditor
from briefreader.ui.reader.article import ArticleView
from briefreader.ui.reader.panes.entities_pane import EntitiesPane
from briefreader.ui.reader.panes.keypoints_pane import KeyPointsPane
from briefreader.ui.reader.panes.notes_pane import NotesPane, listed
from briefreader.ui.reader.panes.timeline_pane import TimelinePane
from briefreader.ui.reader.reader_screen import ReaderScreen
from tests.helpers.app import annotated_copy, app_for, reader, saved, showing, shown, started, status, wait_for

SENTENCE = "Park delivered a letter from President Lee to Chinese President Xi Jinping"


def the_point(doc: Document) -> KeyPoint | None:
    """The key point whose evidence is the sentence of the test."""
    return next((k for k in doc.key_points if any(SENTENCE in e.quote for e in k.evidence)), None)


async def choose(pilot: Pilot[None], app: BriefReaderApp, words: str) -> None:
    """In a chooser: type to filter, enter on the first match."""
    await wait_for(pilot, lambda: showing(app, Choose), "the chooser")
    await pilot.press(*words, "enter")
    await wait_for(pilot, lambda: showing(app, FrameEditor), "back in the frame editor")


async def answer(pilot: Pilot[None], app: BriefReaderApp, words: str) -> None:
    """In an Ask dialog: clear the line, type, enter."""
    await wait_for(pilot, lambda: showing(app, Ask), "the question")
    await pilot.press("end", "ctrl+u", *words, "enter")


async def focus(pilot: Pilot[None], screen: ReaderScreen, pane: type) -> None:
    """Tab until ``pane`` has the focus."""
    for _ in range(6):
        if isinstance(screen.focused, pane):
            return
        await pilot.press("tab")
    raise AssertionError(f"tab never reached {pane.__name__}")


async def test_a_key_point_from_the_cursor_framed_renamed_undone_saved_and_reopened(
    tmp_path: Path, brief_copy: Callable[[str], Path]
) -> None:
    src = brief_copy("korea-china-envoy.txt")
    app = app_for(src)
    async with started(app, size=(80, 24)) as pilot:
        screen = reader(app)
        session = screen.session
        await wait_for(pilot, lambda: session.doc.parsed, "parse")
        doc = session.doc
        parsed = dumps(doc)
        # The parse made the sentence a key point: x deletes it, and P makes it again, the analyst's.
        await focus(pilot, screen, KeyPointsPane)
        points = screen.query_one(KeyPointsPane)
        old = the_point(doc)
        assert old is not None
        for _ in range(len(doc.key_points)):
            if points.highlighted_id == old.id:
                break
            await pilot.press("j")
        await pilot.press("x")
        assert the_point(doc) is None and doc.rejected_key_points
        # The sentence under the cursor (search moves it there), then P.
        await focus(pilot, screen, ArticleView)
        await pilot.press("slash", *"delivered a letter", "enter", "escape", "P")
        kp = the_point(doc)
        assert kp is not None and kp.pinned and not doc.rejected_key_points
        # Its frame: actor Park, target Xi, a date, from the Key points pane's f.
        await focus(pilot, screen, KeyPointsPane)
        assert screen.query_one(KeyPointsPane).highlighted_id == kp.id
        await pilot.press("f")
        await wait_for(pilot, lambda: showing(app, FrameEditor), "the frame editor")
        await pilot.press("down", "backspace", "enter")  # Actors: none, then Park (enter on one listed takes it off)
        await choose(pilot, app, "Park Byeong")
        await pilot.press("down", "backspace", "enter")  # Targets
        await choose(pilot, app, "Xi Jinping")
        await pilot.press("down", "down", "enter")  # Date
        await answer(pilot, app, "2025-08")
        await wait_for(pilot, lambda: showing(app, FrameEditor), "back in the frame editor")
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, ReaderScreen), "the reader")
        park = next(e for e in doc.entities if e.name == "Park Byeong-seug")
        xi = next(e for e in doc.entities if e.name == "Xi Jinping")
        frame = doc.event(kp.events[0])
        assert frame is not None and frame.edited
        assert frame.actors == [park.id] and frame.targets == [xi.id] and frame.when and frame.when.date == "2025-08"
        assert "Park Byeong-seug" in title_of(doc, kp) and "Xi Jinping" in title_of(doc, kp)
        # Rename the actor (R in the Entities pane): the new name everywhere at once.
        await focus(pilot, screen, EntitiesPane)
        entities = screen.query_one(EntitiesPane)
        for _ in range(len(doc.entities)):
            if entities.highlighted_id == park.id:
                break
            await pilot.press("j")
        await pilot.press("R")
        await answer(pilot, app, "Park Byeong-Seug")
        await wait_for(pilot, lambda: park.name == "Park Byeong-Seug", "the rename")
        assert "Park Byeong-Seug" in title_of(doc, kp)
        await pilot.press("T")
        timeline = screen.query_one(TimelinePane)
        await wait_for(pilot, lambda: timeline.display and bool(timeline.entries), "the timeline")
        # The pane's row of the point (under ▶, the cursor's sentence), titled with the new name.
        rows = [e for e in timeline.entries.values() if e.key_point == kp.id]
        assert rows and all("Park Byeong-Seug" in e.title for e in rows)
        assert "▶ 2025-08 · statement" in shown(timeline)
        assert "Park Byeong-Seug" in report(doc)
        await pilot.press("T")
        # Undo it all: the brief as parsed.
        for _ in range(4):
            await pilot.press("ctrl+z")
        assert dumps(session.doc) == parsed and not session.dirty
        back = the_point(session.doc)
        assert back is not None and back.id == old.id and not session.doc.rejected_key_points  # the parse's again
        # Redo it all, save, reopen: as left.
        for _ in range(4):
            await pilot.press("ctrl+y")
        left = dumps(session.doc)
        assert "Park Byeong-Seug" in title_of(session.doc, the_point(session.doc) or kp)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: saved(screen), "the save")
    again = load_document(tmp_path / "korea-china-envoy.yaml")
    assert dumps(again) == left
    point = the_point(again)
    assert point is not None and "Park Byeong-Seug" in title_of(again, point)
    assert again.event(point.events[0]) is not None and again.event(point.events[0]).edited  # type: ignore[union-attr]


async def test_delete_merge_and_reattach_from_the_keyboard(tmp_path: Path, brief_copy: Callable[[str], Path]) -> None:
    src = brief_copy("korea-china-envoy.txt")
    app = app_for(src)
    async with started(app, size=(80, 24)) as pilot:
        screen = reader(app)
        session = screen.session
        await wait_for(pilot, lambda: session.doc.parsed, "parse")
        doc = session.doc
        first, second = doc.key_points[0].id, doc.key_points[1].id
        count = len(doc.key_points)
        await focus(pilot, screen, KeyPointsPane)
        points = screen.query_one(KeyPointsPane)
        points.highlight_id(first)
        await pilot.press("m")
        points.highlight_id(second)
        await pilot.press("m")
        assert len(doc.key_points) == count - 1
        kept = doc.key_point(first)
        assert kept is not None and len(kept.evidence) >= 2
        points.highlight_id(first)
        await pilot.press("x")
        assert doc.key_point(first) is None and doc.rejected_key_points
        await pilot.press("ctrl+z", "ctrl+z")
        assert len(doc.key_points) == count and not doc.rejected_key_points
        # A note orphaned by an edit goes back onto the cursor's sentence with r.
        await pilot.press("shift+tab")  # back to where the note is written: the Article
        await focus(pilot, screen, NotesPane)
        await pilot.press("escape")
        screen.article.focus()
        await pilot.press("a", *"check this", "ctrl+s")
        note = doc.notes[-1]
        note.anchor.orphaned = True
        await pilot.press("j", "j")
        span = screen.article.cursor_span
        await focus(pilot, screen, NotesPane)
        screen.query_one(NotesPane).highlight_id(note.id)
        await pilot.press("r")
        assert span is not None and (note.anchor.start, note.anchor.end) == span and not note.anchor.orphaned


async def test_a_new_entity_marked_in_the_frame_editor_undoes_with_the_frame(
    tmp_path: Path, brief_copy: Callable[[str], Path]
) -> None:
    app = app_for(brief_copy("korea-china-envoy.txt"))
    async with started(app, size=(80, 24)) as pilot:
        screen = reader(app)
        session = screen.session
        await wait_for(pilot, lambda: session.doc.parsed, "parse")
        doc = session.doc
        before = dumps(doc)
        kp = the_point(doc)
        assert kp is not None and not any(e.name == "a letter" for e in doc.entities)
        await focus(pilot, screen, KeyPointsPane)
        points = screen.query_one(KeyPointsPane)
        for _ in range(len(doc.key_points)):
            if points.highlighted_id == kp.id:
                break
            await pilot.press("j")
        await pilot.press("f")
        await wait_for(pilot, lambda: showing(app, FrameEditor), "the frame editor")
        editor = app.screen
        assert isinstance(editor, FrameEditor)
        await pilot.press("down", "backspace", "n")  # Actors: none, then a new entity
        # Words that are not in the sentence: one line says so, the question stays, nothing changes.
        await answer(pilot, app, "a parcel")
        error = app.screen.query_one("#ask-error")
        assert isinstance(app.screen, Ask) and "is not in this sentence" in shown(error)
        assert error.region.bottom <= 24 and dumps(doc) == before
        await pilot.press("end", "ctrl+u", *"a letter", "enter")
        await choose(pilot, app, "ORG")
        assert editor.fields.actors == ("+1",) and "a letter (new)" in shown(editor.query_one("#frame-fields"))
        assert dumps(doc) == before  # nothing made until the frame is applied
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, ReaderScreen), "the reader")
        await wait_for(pilot, lambda: any(e.name == "a letter" for e in doc.entities), "the new entity")
        letter = next(e for e in doc.entities if e.name == "a letter")
        assert letter.label == "ORG" and letter.mentions[0].origin == "user"
        assert doc.text[letter.mentions[0].start :].startswith("a letter from President Lee")
        frame = doc.event(kp.events[0])
        assert frame is not None and frame.edited and frame.actors == [letter.id]
        assert "a letter" in title_of(doc, kp)
        # One step: one ctrl+z takes back the entity and the frame edit, ctrl+y makes both again.
        await pilot.press("ctrl+z")
        assert dumps(session.doc) == before and not session.dirty
        await pilot.press("ctrl+y")
        letter = next(e for e in session.doc.entities if e.name == "a letter")
        frame = session.doc.event(kp.events[0])
        assert frame is not None and frame.actors == [letter.id]


def test_orphaned_notes_are_listed_first_in_the_order_written() -> None:
    notes = [Note(f"n{i}", f"note {i}", Anchor("brief", orphaned=i in (2, 4))) for i in range(1, 6)]
    assert [n.id for n in listed(notes)] == ["n2", "n4", "n1", "n3", "n5"]
    assert listed([]) == []


async def test_the_notes_pane_lists_orphans_first(tmp_path: Path, brief_copy: Callable[[str], Path]) -> None:
    app = app_for(brief_copy("korea-china-envoy.txt"))
    async with started(app, size=(80, 24)) as pilot:
        screen = reader(app)
        session = screen.session
        await wait_for(pilot, lambda: session.doc.parsed, "parse")
        doc = session.doc
        sentence = doc.sentences[2]
        where = Anchor("sentence", None, sentence.start, sentence.end, doc.text[sentence.start : sentence.end])
        for text, anchor in (("first", Anchor()), ("lost one", where), ("third", Anchor())):
            session.apply(ch.AddNote(text, anchor))
        doc.notes[1].anchor.orphaned = True  # as an edit of the source leaves it
        session.apply(ch.AddNote("fourth", Anchor()))
        screen.changed()
        await focus(pilot, screen, NotesPane)
        pane = screen.query_one(NotesPane)
        await wait_for(pilot, lambda: [o.id for o in pane.options][:1] == [doc.notes[1].id], "the orphan on top")
        assert [o.id for o in pane.options] == [doc.notes[i].id for i in (1, 0, 2, 3)]
        assert "orphaned: " in shown(pane).split("first")[0]  # on screen above the others


async def test_the_status_line_under_the_frame_editor_names_the_frame(tmp_path: Path) -> None:
    """User trial item 15: it showed the entity last highlighted behind it (``Anan Srisuk · PERSON · 1 mention``)."""
    app = app_for(annotated_copy(tmp_path))
    async with started(app, size=(120, 40)) as pilot:
        screen = reader(app)
        await focus(pilot, screen, EntitiesPane)
        assert "mention" in status(screen)  # an entity's summary
        await focus(pilot, screen, KeyPointsPane)
        screen.query_one(KeyPointsPane).highlighted = 0
        await pilot.press("f")
        await wait_for(pilot, lambda: showing(app, FrameEditor), "the frame editor")
        assert status(screen).startswith("Frame: ") and "mention" not in status(screen)
