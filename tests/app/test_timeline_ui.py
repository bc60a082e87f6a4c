"""The reader's timeline (T): dated events by phase in place of the Key points; enter shows the sentence."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from briefreader.model.document import Document
from briefreader.model.event import EventFrame, Trigger, When
from briefreader.model.timeline import TimelineEntry
from briefreader.session import changes as ch
from briefreader.session.files import load_annotated, write_annotated
from briefreader.ui.dialogs.note_editor import NoteEditor
from briefreader.ui.reader.panes.keypoints_pane import KeyPointsPane
from briefreader.ui.reader.panes.timeline_pane import EMPTY, TimelinePane, entry_ids
from tests.helpers.app import annotated_copy, app_for, events_copy, reader, shown, started, status, wait_for


async def test_T_shows_the_timeline_in_place_of_the_key_points_and_back(tmp_path: Path) -> None:
    app = app_for(events_copy(tmp_path))
    async with started(app, size=(120, 40)) as pilot:
        screen = reader(app)
        events, points = screen.query_one(TimelinePane), screen.query_one(KeyPointsPane)
        assert not events.display and points.display
        await pilot.press("T")
        assert events.display and not points.display and screen.focused is events
        assert status(screen).startswith("Timeline: 3 dated events")
        await pilot.press("T")
        assert not events.display and points.display and screen.focused is screen.article
        # From the key points, T shows the timeline in their place, and T again goes back to them.
        await pilot.press("tab", "tab")
        assert screen.focused is points
        await pilot.press("T", "j", "T")
        entry = events.highlighted_entry
        assert screen.focused is points and entry is not None and entry.date == "2026-03-12"  # j moved the timeline


async def test_events_are_listed_by_phase_in_date_order_without_repeating_their_date(tmp_path: Path) -> None:
    app = app_for(events_copy(tmp_path))
    async with started(app, size=(120, 40)) as pilot:
        await pilot.press("T")
        events = reader(app).query_one(TimelinePane)
        text = shown(events)
        order = [
            text.index(w) for w in ("Background (1)", "2019", "The news (1)", "2026-03-12", "Planned (1)", "2026-06")
        ]
        assert order == sorted(order)
        assert "Argentina recalls its ambassador" in text and "2019: Argentina" not in text
        assert "Buenos Aires (June 2026)" not in text  # the date leads the entry; the title does not repeat it
        assert "2026-06 · invitation" in text and "invitation · planned" not in text  # its heading says so


async def test_enter_shows_the_events_sentence_in_the_article_highlighted(tmp_path: Path) -> None:
    app = app_for(events_copy(tmp_path))
    async with started(app, size=(120, 40)) as pilot:
        screen = reader(app)
        doc = screen.session.doc
        visit = next(k for k in doc.key_points if k.event is not None and k.event.type == "visit")
        await pilot.press("T", "j", "enter")  # the second event: the news
        sentence = visit.evidence[0]
        assert screen.article.cursor_span == (sentence.start, sentence.end)
        assert doc.text[sentence.start : sentence.end].startswith("Argentina's Foreign Minister, Lucía Ferrero")
        assert screen.evidence == ((sentence.start, sentence.end),)
        assert status(screen).startswith("2026-03-12  Lucía Ferrero meets Tomás Valdivia")
        # The event under the Article's cursor is marked.
        assert "▶ 2026-03-12" in shown(screen.query_one(TimelinePane))
        # A note written here is about the event's key point.
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, NoteEditor), "the note editor")
        assert "key point Lucía Ferrero meets" in shown(app.screen.query_one("#note-about"), 1)


async def test_a_brief_without_dated_events_says_so(tmp_path: Path) -> None:
    app = app_for(annotated_copy(tmp_path))  # saved before key points had event frames
    async with started(app, size=(120, 40)) as pilot:
        screen = reader(app)
        await pilot.press("T")
        assert EMPTY in shown(screen.query_one(TimelinePane))
        assert status(screen).startswith(EMPTY)


async def test_the_timeline_follows_edits_and_undo(tmp_path: Path) -> None:
    app = app_for(events_copy(tmp_path))
    async with started(app, size=(120, 40)) as pilot:
        screen = reader(app)
        events = screen.query_one(TimelinePane)
        await pilot.press("T")
        visit = next(k for k in screen.session.doc.key_points if k.event is not None and k.event.type == "visit")
        screen.apply(ch.Retitle(visit.id, "Ministers restart the glacier talks"))
        await pilot.pause()
        assert "Ministers restart the glacier talks" in shown(events)
        await pilot.press("ctrl+z")
        assert "Ministers restart" not in shown(events) and "Lucía Ferrero meets" in shown(events)


async def test_the_timeline_fills_in_when_the_parse_finishes(brief_copy: Callable[[str], Path]) -> None:
    app = app_for(brief_copy("chile-argentina-glacier-talks.md"))
    gate = threading.Event()
    parse = app.parser.parse

    def held(doc: Document, **how: bool) -> Document:
        gate.wait(60)
        return parse(doc, **how)

    app.parser.parse = held  # type: ignore[method-assign]
    async with started(app, size=(120, 40)) as pilot:
        screen = reader(app)
        events = screen.query_one(TimelinePane)
        await pilot.press("T")
        await wait_for(pilot, lambda: events.loading, "the parse to start (after the parse cache's miss)")
        assert not events.entries and "parse" in status(screen)
        gate.set()
        await wait_for(pilot, lambda: screen.session.doc.parsed and not screen.parsing, "parse to finish")
        await pilot.pause()
        assert [e.date for e in events.entries.values()] == ["1978", "2019", "2026-03-12", "2026-06"]
        assert "Planned (1)" in shown(events)


def test_two_events_of_one_sentence_get_rows_of_their_own() -> None:
    frame = EventFrame("visit", Trigger(0, 3, "met"), when=When("June", "2026-06"))
    entry = TimelineEntry("2026-06", "planned", "Talks", "visit", "planned", "k1", 0, 10, frame)
    later = TimelineEntry("2026-10", "planned", "Talks again", "visit", "planned", "k1", 0, 10, frame)
    ids = entry_ids([entry, entry, later])
    assert len(ids) == 3 and list(ids.values()) == [entry, entry, later]


async def test_each_event_of_a_point_jumps_to_its_own_sentence(tmp_path: Path) -> None:
    """A point's other dated frames (``more_events``) are rows of their own, each with its sentence."""
    path = events_copy(tmp_path)
    doc = load_annotated(path).doc
    row = next(k for k in doc.key_points if k.event is not None and k.event.when and k.event.when.date == "2019")
    war = doc.text.index("In 1978 the two countries came close to war")
    came = doc.text.index("came", war)
    row.more_events = [
        EventFrame("tension", Trigger(came, came + 4, "came"), when=When("1978", "1978"), title="Close to war")
    ]
    write_annotated(doc, path)
    app = app_for(path)
    async with started(app, size=(120, 40)) as pilot:
        screen = reader(app)
        await pilot.press("T")
        text = shown(screen.query_one(TimelinePane))
        assert "Background (2)" in text and text.index("1978") < text.index("Close to war") < text.index("2019")
        await pilot.press("enter")
        span = screen.article.cursor_span or (0, 0)
        assert screen.session.doc.text[span[0] : span[1]].startswith("In 1978 the two countries")
        await pilot.press("j", "enter")  # 2019: the point's own event, in its own sentence (not the first evidence)
        span = screen.article.cursor_span or (0, 0)
        assert screen.session.doc.text[span[0] : span[1]].startswith("In 2019 a row over a mining project")
