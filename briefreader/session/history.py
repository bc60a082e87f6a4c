"""Undo and redo for one Document, cheap per edit.

Each edit says what it may touch (a few entities, key points or notes by
id, and which lists may gain, lose or reorder items). Before and after the
edit, only those objects are copied, and only those lists are copied as
lists of references: undoing puts them back. Nothing else of the brief is
copied, so an edit on a brief with thousands of entities costs the same as
on a small one.

Every state the Document passes through has a serial number, so the
session can tell when undo or redo returns to the state it last saved.
"""

from __future__ import annotations

import copy
import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from briefreader.model.document import Document

ListName = Literal["entities", "key_points", "notes", "events", "rejected_key_points"]
LIMIT = 100
"""Undo levels kept (the oldest are forgotten first)."""

_serials = itertools.count(1)


@dataclass(frozen=True)
class Touch:
    """What one edit may change: objects by id, and lists whose membership or order may change."""

    entities: tuple[str, ...] = ()
    key_points: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    lists: tuple[ListName, ...] = ()
    events: tuple[str, ...] = ()
    """Event frames (``Document.events``) by id."""


@dataclass
class _Memento:
    """The touched part of a Document at one moment."""

    lists: dict[str, list[Any]] = field(default_factory=dict)
    objects: list[tuple[Any, dict[str, Any]]] = field(default_factory=list)

    @classmethod
    def capture(cls, doc: Document, touch: Touch) -> _Memento:
        m = cls()
        for name in touch.lists:
            m.lists[name] = list(getattr(doc, name))
        found: list[object | None] = [doc.entity(i) for i in touch.entities]
        found += [doc.key_point(i) for i in touch.key_points]
        found += [doc.note(i) for i in touch.notes]
        found += [doc.event(i) for i in touch.events]
        m.objects = [(obj, copy.deepcopy(vars(obj))) for obj in found if obj is not None]
        return m

    def restore(self, doc: Document) -> None:
        for name, items in self.lists.items():
            setattr(doc, name, list(items))
        for obj, state in self.objects:
            # Copy again: the same memento may be restored more than once (undo, redo, undo).
            vars(obj).update(copy.deepcopy(state))


@dataclass
class Step:
    """One edit: what it was called, the touched state before and after, and the state's serial."""

    label: str
    touch: Touch
    before: _Memento
    after: _Memento
    serial: int
    base: int
    """The serial of the state the edit started from."""
    kept: str = ""
    """What the edit also wrote outside the Document, which undo cannot take back (a line of
    ``corrections.yaml``), in words; empty when nothing."""


class History:
    """Undo and redo stacks over one Document."""

    def __init__(self) -> None:
        self._undo: list[Step] = []
        self._redo: list[Step] = []
        self.position = next(_serials)
        """The serial of the Document's current state."""

    def apply(self, doc: Document, touch: Touch, edit: Callable[[], str]) -> str:
        """Run ``edit`` (which returns what it did, in words) as one undoable step.

        If the edit raises, what it touched is put back before the error goes on.
        """
        before = _Memento.capture(doc, touch)
        try:
            label = edit()
        except BaseException:
            before.restore(doc)
            raise
        step = Step(label, touch, before, _Memento.capture(doc, touch), next(_serials), self.position)
        self._undo.append(step)
        del self._undo[:-LIMIT]
        self._redo.clear()
        self.position = step.serial
        return label

    def keep_note(self, note: str) -> None:
        """Say, on the last edit, what it also wrote that undoing it leaves in place (see ``Step.kept``)."""
        if self._undo:
            self._undo[-1].kept = note

    def undo(self, doc: Document) -> Step | None:
        """Put the last edit's objects back as they were; None when there is nothing to undo."""
        if not self._undo:
            return None
        step = self._undo.pop()
        step.before.restore(doc)
        self._redo.append(step)
        self.position = step.base
        doc.revision += 1
        return step

    def redo(self, doc: Document) -> Step | None:
        """Apply again the last undone edit; None when there is nothing to redo."""
        if not self._redo:
            return None
        step = self._redo.pop()
        step.after.restore(doc)
        self._undo.append(step)
        self.position = step.serial
        doc.revision += 1
        return step

    def clear(self) -> int:
        """Forget every step (the Document was replaced or re-parsed); returns the new state's serial."""
        self._undo.clear()
        self._redo.clear()
        self.position = next(_serials)
        return self.position
