"""Every change an analyst can ask for, as a small typed value.

A change names what it touches (for a cheap undo step, see ``history``)
and applies itself through ``briefreader.model.edits``, returning a line
that says what happened. The screen builds one from a pane's message and
hands it to ``BriefSession.apply``; new screens add changes here without
touching the session.

Messages are plain text: the UI shows them as ``Text``, never as markup.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Protocol

from briefreader.model import edits
from briefreader.model.display import one_line
from briefreader.model.document import Anchor, Document, Entity
from briefreader.model.template import ids_in
from briefreader.model.titles import title_of
from briefreader.session.history import ListName, Touch

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


def _notes_on(doc: Document, kind: str, ref: str) -> tuple[str, ...]:
    """Ids of the notes anchored to an entity or key point, which an edit of it moves or drops."""
    return tuple(n.id for n in doc.notes if n.anchor.kind == kind and n.anchor.ref == ref)


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
        moved = _notes_on(doc, "entity", self.gone_id)
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
    """Words the model missed, marked by hand as a new entity.

    The new span replaces the visible mentions it overlaps, as an ``add``
    correction does (``edits.add_mention``), and the frames that named a
    replaced entity there name the new one (``edits.followers``); those
    entities, frames and key points are touched, so undo puts them all
    back. Words that are a mention already make no second entity: with its
    label the mark is refused ("already an entity"), with another it
    relabels that entity.
    """

    start: int
    end: int
    label: str

    def touches(self, doc: Document) -> Touch:
        frames, points = edits.followers(doc, self.start, self.end)
        return Touch(entities=self.replaced(doc), key_points=points, events=frames, lists=("entities",))

    def replaced(self, doc: Document) -> tuple[str, ...]:
        """Ids of the entities whose mentions the mark replaces (or relabels)."""
        return tuple(dict.fromkeys(e.id for e, _m in edits.overlapped(doc, self.start, self.end)))

    def apply(self, doc: Document) -> str:
        if (problem := self.known(doc)) is not None:
            raise edits.EditError(problem)
        return self.make(doc)[1]

    def known(self, doc: Document) -> str | None:
        """Why the mark would change nothing (the words are a mention of an entity with its label), or None."""
        same = edits.same_span(doc, self.start, self.end)
        if same is None or same[0].label != self.label.strip().upper():
            return None
        ent = same[0]
        return f"“{one_line(same[1].text, 40)}” is already an entity: {one_line(ent.name, 40)}, {ent.label}"

    def make(self, doc: Document) -> tuple[Entity, str]:
        """Make the mark: the entity, and a line naming it and what it replaced, relabelled or already was."""
        same = edits.same_span(doc, self.start, self.end)
        if same is not None:
            ent, was = same[0], same[0].label
            if self.known(doc) is not None:  # the frame editor's n: the entity there is the one meant
                return ent, f"“{one_line(ent.name, 40)}” is already an entity ({ent.label})"
            edits.add_mention(doc, self.start, self.end, self.label)
            n = len(ent.visible_mentions)
            return ent, f"Relabelled “{one_line(ent.name, 40)}” {was} → {ent.label} ({n} mention{'s' * (n != 1)})"
        replaced = edits.overlapped(doc, self.start, self.end)
        ent = edits.add_mention(doc, self.start, self.end, self.label)
        said = f"Marked “{one_line(ent.name, 40)}” as {ent.label}"
        if replaced:
            # Name both: the analyst sees which entity lost a mention (ctrl+z brings it back).
            said += " in place of " + ", ".join(
                f"“{one_line(m.text, 30)}” ({one_line(e.name, 30)})" for e, m in replaced
            )
        return ent, said


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


@dataclass(frozen=True)
class AddKeyPoint:
    """The sentence at ``start``-``end`` as a key point of the analyst's, framed by its events (or an empty frame)."""

    start: int
    end: int

    def touches(self, doc: Document) -> Touch:
        return Touch(lists=("key_points", "events", "rejected_key_points"))

    def apply(self, doc: Document) -> str:
        kp = edits.add_key_point(doc, self.start, self.end)
        return f"Key point: {one_line(title_of(doc, kp), 60)} (f edits its frame)"


@dataclass(frozen=True)
class DeleteKeyPoint:
    """Remove a key point; its sentences stay rejected, so a re-parse does not bring it back."""

    kp_id: str

    def touches(self, doc: Document) -> Touch:
        notes = _notes_on(doc, "key_point", self.kp_id)
        return Touch(notes=notes, lists=("key_points", "rejected_key_points"))

    def apply(self, doc: Document) -> str:
        kp = edits.delete_key_point(doc, self.kp_id)
        return f"Deleted key point {one_line(title_of(doc, kp), 60)}"


@dataclass(frozen=True)
class JoinKeyPoints:
    """Merge one key point into another: evidence and frames joined."""

    keep_id: str
    gone_id: str

    def touches(self, doc: Document) -> Touch:
        notes = _notes_on(doc, "key_point", self.gone_id)
        return Touch(key_points=(self.keep_id,), notes=notes, lists=("key_points",))

    def apply(self, doc: Document) -> str:
        kp = edits.join_key_points(doc, self.keep_id, self.gone_id)
        n = len(kp.evidence)
        return f"Merged into {one_line(title_of(doc, kp), 50)} ({n} sentence{'s' if n != 1 else ''})"


@dataclass(frozen=True)
class EditFrame:
    """The analyst's frame for an event (``event_id``), or for a key point's first event (``kp_id``).

    A key point with no frame gets one on its first sentence, in the same
    step. The frame is marked ``edited``: a re-parse keeps it as it is.

    ``marks`` are entities marked on the spot in the frame editor (``n``):
    each a ``MarkEntity`` (what ``+`` in the Article makes) with the stand-in
    id the fields name it by until it exists. They are made first, in the
    same step, so one undo takes back the entities and the frame edit.
    """

    fields: edits.FrameFields
    kp_id: str | None = None
    event_id: str | None = None
    marks: tuple[tuple[str, MarkEntity], ...] = ()

    def touches(self, doc: Document) -> Touch:
        target = self._target(doc)
        points = tuple(k.id for k in doc.key_points if (target is not None and k.events[:1] == [target]))
        if self.kp_id is not None and self.kp_id not in points:
            points = (*points, self.kp_id)
        lists: tuple[ListName, ...] = () if target else ("events",)
        if self.marks:
            lists = (*lists, "entities")
        # The entities whose mentions the marks replace, as for MarkEntity
        # (the editor refuses marks that overlap each other).
        replaced = tuple(dict.fromkeys(i for _, mark in self.marks for i in mark.replaced(doc)))
        follow = [edits.followers(doc, mark.start, mark.end) for _, mark in self.marks]
        points = tuple(dict.fromkeys([*points, *(k for _, ks in follow for k in ks)]))
        events = tuple(dict.fromkeys([*((target,) if target else ()), *(v for vs, _ in follow for v in vs)]))
        return Touch(entities=replaced, key_points=points, events=events, lists=lists)

    def _target(self, doc: Document) -> str | None:
        if self.event_id is not None:
            return self.event_id
        kp = doc.key_point(self.kp_id or "")
        return next((i for i in kp.events if doc.event(i) is not None), None) if kp else None

    def apply(self, doc: Document) -> str:
        said: list[str] = []
        ids: dict[str, str] = {}
        for stand_in, mark in self.marks:
            ent, line = mark.make(doc)
            ids[stand_in] = ent.id
            said.append(line)
        fields = self.fields
        if ids:
            fields = replace(
                fields,
                actors=tuple(ids.get(i, i) for i in fields.actors),
                targets=tuple(ids.get(i, i) for i in fields.targets),
                place=ids.get(fields.place, fields.place) if fields.place else None,
            )
        if self.event_id is not None:
            frame = doc.event(self.event_id)
        elif self.kp_id is not None:
            frame = edits.point_frame(doc, self.kp_id)
        else:
            raise edits.EditError("no frame to edit")
        if frame is None:
            raise edits.EditError(f"no event {self.event_id!r}")
        edits.edit_frame(doc, frame.id, fields)
        return "; ".join([*said, f"Frame: {one_line(title_of(doc, frame), 60)}"])


def _names(ev: EventFrame, entity_id: str) -> bool:
    """True when a frame names the entity (as actor, target, place or source, or in its title)."""
    named = entity_id in ev.actors or entity_id in ev.targets or entity_id in (ev.place, ev.source)
    return named or entity_id in ids_in(ev.title_template or "")
