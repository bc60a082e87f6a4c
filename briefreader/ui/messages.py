"""Messages the panes post up to the screen, which owns the Document.

Panes never edit the Document: they say what the user asked for, and the
screen applies it and pushes the new state back down.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from briefreader.model.document import Document


@dataclass
class CursorMoved(Message):
    """The Article's cursor is on a new sentence (or paragraph before a parse)."""

    start: int
    end: int


@dataclass
class EntityHighlighted(Message):
    """The user moved onto an entity in the Entities pane (None: onto a heading)."""

    entity_id: str | None


@dataclass
class EntityChosen(Message):
    """Enter on an entity: show its first mention."""

    entity_id: str


@dataclass
class KeyPointChosen(Message):
    """Enter on a key point: jump to and highlight its evidence."""

    kp_id: str


@dataclass
class NoteHighlighted(Message):
    """The user moved onto a note: the Article follows its anchor."""

    note_id: str


@dataclass
class NoteChosen(Message):
    """Enter on a note: show its anchor and edit it."""

    note_id: str


@dataclass
class EditRequested(Message):
    """A key asked for an edit: ``action`` names it, ``target`` is an id."""

    action: str
    target: str | None = None


@dataclass
class ParseDone(Message):
    """The worker finished parsing a copy of the Document."""

    parsed: Document
    thread_id: int


@dataclass
class ParseFailed(Message):
    """The worker could not parse (no model, or an error inside spaCy)."""

    reason: str


@dataclass
class SaveDone(Message):
    """A save finished; ``revision`` is the Document revision that was written."""

    path: str
    revision: int


@dataclass
class SaveFailed(Message):
    """A save failed; the work is still in memory."""

    path: str
    reason: str
