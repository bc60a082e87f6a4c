"""The reading screen's keys in one place: where each acts, the help's rows, the palette's entries.

Bindings stay on the widgets where they act; this module only says which
widgets make up the reader and reads their bindings (see ``ui.keys``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.binding import Binding
from textual.screen import Screen

from briefreader.model.document import Document
from briefreader.ui.key_list import KeyRow, key_actions, key_rows
from briefreader.ui.reader.legend import legend_labels

if TYPE_CHECKING:
    from briefreader.ui.commands import PaletteCommand

PANE_KEYS = Binding.Group("Next / previous pane")
PANES_TIP = "Between Article, Entities, Key points (or Timeline) and Notes"
MENTIONS = Binding.Group("Next / previous mention")
MENTIONS_TIP = "Of the selected entity (“mention 2 of 4”)"
LABELS = Binding.Group("Hide / show a label")
LABEL_TIP = "Hide or show one label's highlights (numbers as in the legend)"
TIMELINE_TIP = "The dated events by phase, in place of the Key points (T again: back)"
COPY_TIP = "Copy the sentence, or the key point / event / note in focus, with a citation line"
EDIT_TIP = "Edit the source in $EDITOR; on return it is read again, notes and corrections kept"


def grouped(key: str, action: str, name: str, group: Binding.Group, tip: str, id: str) -> Binding:
    """A key listed in help as one row with the others of its group (``]`` / ``[``), not in the key bar."""
    return Binding(key, action, name, show=False, group=group, tooltip=tip, id=id)


def panes() -> list[tuple[str, type]]:
    """Where keys act besides the screen itself, in help order.

    A function: the side panes and the note editor are loaded after the
    first frame, and the help and the palette list them only later.
    """
    from briefreader.ui.dialogs.frame_editor import FrameEditor
    from briefreader.ui.dialogs.note_editor import NoteEditor
    from briefreader.ui.reader.article import ArticleView
    from briefreader.ui.reader.panes.entities_pane import EntitiesPane
    from briefreader.ui.reader.panes.keypoints_pane import KeyPointsPane
    from briefreader.ui.reader.panes.notes_pane import NotesPane
    from briefreader.ui.reader.panes.timeline_pane import TimelinePane
    from briefreader.ui.widgets.pane_list import PaneList

    return [
        ("Article", ArticleView),
        ("Lists", PaneList),
        ("Entities", EntitiesPane),
        ("Key points", KeyPointsPane),
        ("Timeline", TimelinePane),
        ("Notes", NotesPane),
        ("Note editor", NoteEditor),
        ("Frame editor", FrameEditor),
    ]


PALETTE_ONLY: list[tuple[str, str, str]] = [
    ("Save as…", "Save the annotated brief somewhere else", "save_as"),
    ("Re-parse", "Parse the brief again, keeping corrections, pins and notes", "reparse"),
    ("Start fresh", "Set the saved annotations aside and read the source again", "start_fresh"),
    (
        "Corrections apply to…",
        "Where a relabel, reject, merge or mark applies: ask each time, this brief, or all briefs",
        "corrections_scope",
    ),
]
"""Screen actions without a key: (name, what it does, action)."""


def sections(screen: type) -> list[tuple[str, type]]:
    """The search bar's and the screen's own keys ("Anywhere"), then each pane's."""
    from briefreader.ui.widgets.search_bar import SearchBar

    return [("Anywhere", SearchBar), ("Anywhere", screen), *panes()]


def help_rows(screen: type, keymap: Mapping[str, str]) -> list[KeyRow]:
    """The help table: every binding (with ``keymap``'s keys in force), then the palette-only actions."""
    rows = key_rows(key_actions(sections(screen), keymap))
    return rows + [KeyRow("Palette", "", name, what) for name, what, _a in PALETTE_ONLY]


def palette(
    screen: Screen[Any], doc: Document, hidden: frozenset[str], toggle: Callable[[int], None]
) -> list[PaletteCommand]:
    """Every action by the name the help gives it, and one entry per label in the legend."""
    from briefreader.ui.commands import PaletteCommand, key_commands  # when the palette opens
    from briefreader.ui.dialogs.frame_editor import FrameEditor
    from briefreader.ui.dialogs.note_editor import NoteEditor
    from briefreader.ui.textual_private import keymap_in_force
    from briefreader.ui.widgets.pane_list import PaneList

    keymap = keymap_in_force(screen.app)
    acts = [
        a for a in key_actions(sections(type(screen)), keymap) if a.owner not in (PaneList, NoteEditor, FrameEditor)
    ]
    out = key_commands(screen, [a for a in acts if a.group != LABELS.description])
    out += [PaletteCommand(name, what, partial(screen.run_action, action)) for name, what, action in PALETTE_ONLY]
    for i, label in enumerate(legend_labels(doc), start=1):
        verb = "Show" if label in hidden else "Hide"
        out.append(
            PaletteCommand(
                f"{verb} label {label}", f"{verb} its highlights, label {i} in the legend ({i})", partial(toggle, i)
            )
        )
    return out
