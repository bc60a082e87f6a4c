"""The app's messages that more than one widget sends or more than one screen handles.

``ChangeRequested`` is the one edit message: a pane asks for an edit by
posting it with the typed change (``session.changes``), the way
``Tree.NodeSelected`` carries its node; the screen applies every one the
same way, through the session. What is not an edit stays a message of the
widget that sends it (``EntitiesPane.Highlighted``, ``ArticleView.CursorMoved``).

``FrameWanted`` is sent by the Key points and the Timeline: the screen
opens the frame editor (it knows the taxonomy) and applies its answer.

``Parsed`` and ``Saved`` are what the reading screen's workers report.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from briefreader.model.document import Document
    from briefreader.session.changes import Change


@dataclass
class ChangeRequested(Message):
    """A pane asks for one undoable change of the Document."""

    change: Change
    """What to change: built where the intent is (``changes.Relabel(entity_id, label)``), applied by the screen."""


@dataclass
class FrameWanted(Message):
    """A pane asks for the frame editor: on a key point's frame (``kp_id``) or one event's (``event_id``)."""

    kp_id: str | None = None
    event_id: str | None = None


@dataclass
class Parsed(Message):
    """The parse worker is done: a parsed copy, or why not; ``thread_id`` is the thread it ran in."""

    parsed: Document | None
    reason: str
    thread_id: int


@dataclass
class Saved(Message):
    """A save was written (``reason`` empty), or failed (``reason`` says why; the work is still in memory)."""

    target: Path
    reason: str = ""

    @property
    def ok(self) -> bool:
        """True when the file was written."""
        return not self.reason
