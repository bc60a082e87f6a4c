"""The one message all panes share: a request to change the Document.

Each intent has its own message class, declared on the widget that sends
it (``EntitiesPane.Relabel``, ``NotesPane.Delete``, ...); they all derive
from ``ChangeRequested``, so the screen applies every one of them the same
way, through the session, with no list of verbs to keep in step.

Each ``change()`` imports ``briefreader.session.changes`` where it runs:
its dozen frozen dataclasses are loaded with the first edit, not before
the reader's first frame.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from briefreader.session.changes import Change


class ChangeRequested(Message):
    """A pane asks for an undoable change; ``change()`` builds it from the message's fields."""

    def change(self) -> Change:
        """The session change this message asks for."""
        raise NotImplementedError
