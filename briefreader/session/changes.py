"""Every change an analyst can ask for, as a small typed value.

A change names what it touches (for a cheap undo step, see ``history``)
and applies itself through ``briefreader.model.edits``, returning a line
that says what happened. The screen builds one from a pane's message and
hands it to ``BriefSession.apply``; new screens add changes here without
touching the session.

Messages are plain text: the UI shows them as ``Text``, never as markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from briefreader.model import edits
from briefreader.model.display import one_line
from briefreader.model.document import Anchor, Document
from briefreader.model.template import ids_in
from briefreader.model.titles import title_of
from briefreader.session.history import Touch

if TYPE_CHECKING:
    from briefreader.model.event import EventFrame


class Change(Protocol):
    """An edit of the Document that can be undone."""

    def touches(self, doc: Document) -> Touch:
        """What the edit may change."""
        ...

    def apply(self, doc: Document) -> str:
        """Make the edit (raising ``edits.EditError`` when it cannot) and say what was done."""
        ...


def _name(doc: Document, entity_id: str) -> str:
    ent = doc.entity(entity_id)
    return one_line(ent.name, 40) if ent else entity_id


# Notes -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AddNote:
    """A new note on an anchor."""

    text: str
    anchor: Anchor
    tags: tuple[str, ...] = ()

    def touches(self, doc: Document) -> Touch:
        return Touch(lists=("notes",))

    def apply(self, doc: Document) -> str:
        edits.add_note(doc, self.text, self.anchor, list(self.tags))
        return "Note added"


@dataclass(frozen=True)
class EditNote:
    """New text and tags for a note."""

    note_id: str
    text: str
    tags: tuple[str, ...] = ()

    def touches(self, doc: Document) -> Touch:
        return Touch(notes=(self.note_id,))

    def apply(self, doc: Document) -> str:
        edits.edit_note(doc, self.note_id, self.text, list(self.tags))
        return "Note updated"


@dataclass(frozen=True)
class DeleteNote:
    """Remove a note."""

    note_id: str

    def touches(self, doc: Document) -> Touch:
        return Touch(lists=("notes",))

    def apply(self, doc: Document) -> str:
        edits.delete_note(doc, self.note_id)
        return "Note deleted"


@dataclass(frozen=True)
class Reattach:
    """Anchor a note (an orphaned one) to a sentence or words of the text as it is now."""

    note_id: str
    start: int
    end: int

    def touches(self, doc: Document) -> Touch:
        return Touch(notes=(self.note_id,))

    def apply(self, doc: Document) -> str:
        note = edits.reattach_note(doc, self.note_id, self.start, self.end)
        return f"Note attached to “{one_line(note.anchor.quote or '', 50)}”"


# Entities ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Relabel:
    """Another label for an entity."""

    entity_id: str
    label: str

    def touches(self, doc: Document) -> Touch:
        return Touch(entities=(self.entity_id,))

    def apply(self, doc: Document) -> str:
        ent = edits.relabel_entity(doc, self.entity_id, self.label)
        return f"Relabelled {one_line(ent.name, 40)} as {ent.label}"


@dataclass(frozen=True)
class Rename:
    """Another name for an entity."""

    entity_id: str
    name: str

    def touches(self, doc: Document) -> Touch:
        return Touch(entities=(self.entity_id,))

    def apply(self, doc: Document) -> str:
        ent = edits.rename_entity(doc, self.entity_id, self.name)
        return f"Renamed to {one_line(ent.name, 60)}"


@dataclass(frozen=True)
class Reject:
    """Hide an entity (kept as rejected, so a re-parse does not bring it back)."""

    entity_id: str

    def touches(self, doc: Document) -> Touch:
        return Touch(entities=(self.entity_id,))

    def apply(self, doc: Document) -> str:
        ent = edits.reject_entity(doc, self.entity_id)
        return f"Rejected {one_line(ent.name, 60)} (h lists rejected entities)"


@dataclass(frozen=True)
class Restore:
    """Bring a rejected entity back."""

    entity_id: str

    def touches(self, doc: Document) -> Touch:
        return Touch(entities=(self.entity_id,))

    def apply(self, doc: Document) -> str:
        ent = edits.restore_entity(doc, self.entity_id)
        return f"Restored {one_line(ent.name, 60)}"


@dataclass(frozen=True)
class Merge:
    """Move every mention of ``gone_id`` into ``keep_id``; notes follow."""

    keep_id: str
    gone_id: str

    def touches(self, doc: Document) -> Touch:
        moved = tuple(n.id for n in doc.notes if n.anchor.kind == "entity" and n.anchor.ref == self.gone_id)
        # Event frames name entities by id: those naming the merged one are repointed (undo puts them back).
        gone = self.gone_id
        points = tuple(
            k.id
            for k in doc.key_points
            if any(_names(ev, gone) for ev in ([k.event] if k.event is not None else []) + k.more_events)
            or gone in ids_in(k.title_template or "")
        )
        events = tuple(ev.id for ev in doc.events if _names(ev, gone))
        return Touch(entities=(self.keep_id,), key_points=points, notes=moved, lists=("entities",), events=events)

    def apply(self, doc: Document) -> str:
        gone = _name(doc, self.gone_id)
        keep = edits.merge_entities(doc, self.keep_id, self.gone_id)
        return f"Merged {gone} into {one_line(keep.name, 40)}"


@dataclass(frozen=True)
class Split:
    """Move the mentions spelled ``text`` into an entity of their own."""

    entity_id: str
    text: str

    def touches(self, doc: Document) -> Touch:
        return Touch(entities=(self.entity_id,), lists=("entities",))

    def apply(self, doc: Document) -> str:
        edits.split_mentions(doc, self.entity_id, [self.text])
        return f"“{one_line(self.text, 40)}” is now an entity of its own"


@dataclass(frozen=True)
class MarkEntity:
    """Words the model missed, marked by hand as a new entity."""

    start: int
    end: int
    label: str

    def touches(self, doc: Document) -> Touch:
        return Touch(lists=("entities",))

    def apply(self, doc: Document) -> str:
        ent = edits.add_mention(doc, self.start, self.end, self.label)
        return f"Marked “{one_line(ent.name, 40)}” as {ent.label}"


# Key points --------------------------------------------------------------------------------


@dataclass(frozen=True)
class TogglePin:
    """Pin a key point (first in score order, kept by a re-parse) or unpin it."""

    kp_id: str

    def touches(self, doc: Document) -> Touch:
        return Touch(key_points=(self.kp_id,))

    def apply(self, doc: Document) -> str:
        kp = edits.toggle_pin(doc, self.kp_id)
        return f"{'Pinned' if kp.pinned else 'Unpinned'} {one_line(title_of(doc, kp), 60)}"


@dataclass(frozen=True)
class Retitle:
    """The analyst's own title for a key point (which pins it)."""

    kp_id: str
    title: str

    def touches(self, doc: Document) -> Touch:
        return Touch(key_points=(self.kp_id,))

    def apply(self, doc: Document) -> str:
        edits.retitle_key_point(doc, self.kp_id, self.title)
        return "Retitled (and pinned)"


def _names(ev: EventFrame, entity_id: str) -> bool:
    """True when a frame names the entity (as actor, target, place or source, or in its title)."""
    named = entity_id in ev.actors or entity_id in ev.targets or entity_id in (ev.place, ev.source)
    return named or entity_id in ids_in(ev.title_template or "")
