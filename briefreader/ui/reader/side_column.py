"""The side column's panes, mounted just after the first frame.

Entities, Key points, the (hidden) Timeline and Notes were a third of the
reader's start-up beyond a bare Textual app: importing their modules,
matching the stylesheet for each, laying them out and drawing their
borders, all before the Article's text could reach the terminal. The
screen composes an empty column of the same width (the Article wraps the
same) and mounts them into it once the text is on screen; each list fills
itself once it is laid out (``PaneList.refresh_list``), a frame or two
after the text.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.screen import Screen
from textual.widget import Widget

from briefreader.ui.reader.panes.entities_pane import EntitiesPane
from briefreader.ui.reader.panes.keypoints_pane import KeyPointsPane
from briefreader.ui.reader.panes.notes_pane import NotesPane
from briefreader.ui.reader.panes.timeline_pane import TimelinePane, swap_panes
from briefreader.ui.widgets.pane_list import PaneList


def side_panes(s: Any) -> list[Widget]:
    """The four panes, bound to the state of the screen class ``s`` (the ReaderScreen).

    Called by the screen itself (``data_bind`` binds to the widget whose
    code is running: the screen's reactives are the sources). ``s`` is
    passed in, not imported: the screen imports this module.
    """
    ents = EntitiesPane(id="entities").data_bind(s.doc, s.revision, s.parsing, s.selected_entity)
    ents.border_title = "Entities"
    kps = KeyPointsPane(id="keypoints").data_bind(s.doc, s.revision, s.parsing, s.cursor_span, s.selected_entity)
    kps.border_title = "Key points"
    events = TimelinePane(id="timeline").data_bind(s.doc, s.revision, s.parsing, s.cursor_span, s.selected_entity)
    events.border_title = "Timeline"
    notes = NotesPane(id="notes").data_bind(s.doc, s.revision, s.cursor_span, s.selected_entity)
    notes.border_title = "Notes"
    return [ents, kps, events, notes]


def side_filled(screen: Screen[Any]) -> bool:
    """True once the screen's side lists are mounted and filled."""
    lists = screen.query(PaneList)
    return bool(lists) and all(pane.filled for pane in lists)


def toggle_timeline(screen: Screen[Any]) -> Text | None:
    """``T``: the Timeline in place of the Key points, or back; the status line (None before the panes are up)."""
    events = screen.query(TimelinePane)
    return swap_panes(screen.query_one(KeyPointsPane), events.first()) if events else None
