"""One brief's life under the reader: the Document, its files, undo, saving, recovery.

No widgets here: the screen asks the session to apply a change, undo,
save or restore, and shows what it answers. Everything a person could lose
is guarded in this module: dirty tracking that knows when undo returns to
the saved state, saves that never replace a file the session did not load
(or one that changed on disk since) without the screen asking first, and
recovery files that are never overwritten by another session's.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from briefreader.io.recovery import Pending, find_recoveries, new_recovery_path, remove_recovery, write_recovery
from briefreader.model.document import Document
from briefreader.session.files import FileStamp, SaveRisk, load_annotated, save_risk, write_annotated
from briefreader.session.history import History, Touch
from briefreader.session.merge import merge_notes

if TYPE_CHECKING:
    from briefreader.session.changes import Change


@dataclass
class Opening:
    """What opening found, for the status line and notifications (plain text)."""

    notice: str = ""
    """One line: where the annotations came from, or that the source changed since."""
    problems: list[str] = field(default_factory=list)
    """One line per thing that needs a look (orphaned notes, repaired offsets)."""


class BriefSession:
    """The brief being read: Document, source, save target, undo, dirty state, recovery."""

    def __init__(
        self,
        doc: Document,
        source: Path,
        save_path: Path,
        *,
        stamp: FileStamp | None = None,
        clean: bool = True,
        opening: Opening | None = None,
    ) -> None:
        self.doc = doc
        """The one Document every view renders from."""
        self.source = source
        """The file the brief was opened from (a source or an annotated YAML)."""
        self.save_path = save_path
        """Where ctrl+s writes."""
        self.stamp = stamp
        """The save target as this session last read or wrote it (None: never)."""
        self.history = History()
        self._saved_at: int | None = self.history.position if clean else None
        self.opening = opening or Opening()
        self.recovery_path: Path | None = None
        """This session's own recovery file, once written (or adopted by a restore)."""
        self.orphans: list[str] = []
        """After the last re-parse: each frame, key point or note naming an entity that is gone (to report)."""

    # State ---------------------------------------------------------------------------------

    @property
    def dirty(self) -> bool:
        """True when the Document differs from what was last saved (or loaded)."""
        return self.history.position != self._saved_at

    def apply(self, change: Change) -> str:
        """Make one undoable change; returns what was done (raises ``edits.EditError``)."""
        return self.history.apply(self.doc, change.touches(self.doc), lambda: change.apply(self.doc))

    def undo(self) -> str | None:
        """Undo the last change; returns its description, or None when there is none.

        A change that also wrote outside the brief (``kept_outside``) says
        so: undo takes it out of this brief only, and the analyst must
        know the rest is still in force and where to take it out.
        """
        step = self.history.undo(self.doc)
        if step is None:
            return None
        return f"{step.label}; {step.kept}" if step.kept else step.label

    def kept_outside(self, note: str) -> None:
        """Record that the last change also wrote ``note``'s subject elsewhere, which undo leaves in place."""
        self.history.keep_note(note)

    def redo(self) -> str | None:
        """Redo the last undone change; returns its description, or None when there is none."""
        step = self.history.redo(self.doc)
        return step.label if step else None

    def replace(self, doc: Document, *, clean: bool) -> None:
        """Read another Document into this session (a restore, a fresh start); undo starts again."""
        doc.revision = self.doc.revision + 1
        self.doc = doc
        position = self.history.clear()
        self._saved_at = position if clean else None

    # Parsing ---------------------------------------------------------------------------------

    def parse_copy(self) -> Document:
        """What the parse service gets: the text and blocks only, never the live Document."""
        return Document(self.doc.meta, self.doc.text, list(self.doc.blocks))

    def merge_parse(self, parsed: Document) -> bool:
        """Merge a parse into the Document, keeping every correction, pin and note.

        Returns False (and changes nothing) for a parse of another text.
        A parse is not the analyst's work: a clean brief stays clean. Undo
        starts again from here, because the parse replaced the entities and
        key points that earlier steps point at. Entity ids stay put (see
        ``carry_entities``); what names an entity that is gone is listed in
        ``orphans``.
        """
        from briefreader.model.edits import without_rejected
        from briefreader.model.entity_ids import dangling, referenced, remap, repoint_notes
        from briefreader.model.frames import carry_events, gather
        from briefreader.model.parse_merge import carry_entities, merge_key_points

        doc = self.doc
        if parsed.text != doc.text:
            return False
        was_clean = not self.dirty
        gather(doc)
        gather(parsed)  # a parse that still keeps its frames on the key points
        doc.sentences = parsed.sentences
        # The parse numbered its entities its own way: what it found is pointed at the ids they keep.
        doc.entities, ids = carry_entities(doc.entities, parsed.entities, referenced(doc))
        remap(parsed.events, parsed.key_points, ids)
        repoint_notes(doc)
        before = doc.key_points
        # A point the analyst deleted stays deleted (as a rejected mention keeps an entity hidden).
        doc.key_points = merge_key_points(before, without_rejected(doc, parsed.key_points))
        # The points that survived as they were (pinned) name the fresh frames of the same words.
        kept = [k for k in doc.key_points if any(k is old for old in before)]
        doc.events = carry_events(doc.events, parsed.events, kept)
        doc.parser = parsed.parser
        doc.corrections = parsed.corrections
        doc.revision += 1
        self.orphans = dangling(doc)
        position = self.history.clear()
        if was_clean:
            self._saved_at = position
        return True

    # Saving ----------------------------------------------------------------------------------

    def save_risk(self, target: Path | None = None) -> SaveRisk:
        """What a save to ``target`` (default: the save path) would overwrite unexpectedly."""
        return save_risk(target or self.save_path, self.stamp)

    def snapshot(self) -> tuple[Document, int]:
        """A copy to save from another thread, and the state it is of."""
        return copy.deepcopy(self.doc), self.history.position

    @staticmethod
    def write(snapshot: Document, target: Path) -> FileStamp:
        """Write a snapshot (any thread; raises BriefError); returns the new file's stamp."""
        return write_annotated(snapshot, target)

    def mark_saved(self, target: Path, stamp: FileStamp, position: int) -> None:
        """A save of state ``position`` reached ``target``: it is the save path from now on."""
        self.save_path = target
        self.stamp = stamp
        self._saved_at = position
        if not self.dirty:
            self.clear_recovery()

    def merge_from_disk(self, target: Path | None = None) -> str:
        """Bring in the notes of the YAML on disk (someone else's save), then it counts as read.

        Used before saving over a file that changed since this session read
        it: nothing of ours is dropped, nothing of theirs is lost. Undoable.
        """
        path = target or self.save_path
        loaded = load_annotated(path)
        theirs = loaded.doc
        touch = Touch(notes=tuple(n.id for n in self.doc.notes), lists=("notes",))

        def merge() -> str:
            report = merge_notes(self.doc, theirs)
            self.doc.revision += 1
            return report.describe()

        message = self.history.apply(self.doc, touch, merge)
        self.stamp = loaded.stamp
        return message

    # Recovery --------------------------------------------------------------------------------

    def write_recovery(self) -> Path | None:
        """Write unsaved work aside (raises BriefError); None when there is nothing unsaved."""
        if not self.dirty:
            return None
        if self.recovery_path is None:
            self.recovery_path = new_recovery_path(self.source)
        return write_recovery(self.doc, self.recovery_path)

    def clear_recovery(self) -> None:
        """Remove this session's own recovery file (saved, or quit on purpose)."""
        if self.recovery_path is not None:
            remove_recovery(self.recovery_path)
            self.recovery_path = None

    def pending_recoveries(self) -> list[Pending]:
        """Unsaved work that earlier sessions left on this brief, newest first (never our own)."""
        return [p for p in find_recoveries(self.source) if p.path != self.recovery_path]

    def restore(self, pending: Pending) -> str:
        """Take over unsaved work from an earlier session; its file becomes this session's.

        If the source text changed since, the work is carried onto the new
        text by its quotes (orphans are kept and reported).
        """
        doc = pending.doc
        message = "Restored unsaved work; ctrl+s saves it"
        if doc.text != self.doc.text:
            from briefreader.model.reanchor import transfer_annotations

            fresh = Document(self.doc.meta, self.doc.text, list(self.doc.blocks), list(self.doc.sentences))
            report = transfer_annotations(doc, fresh)
            fresh.parser = self.doc.parser
            doc = fresh
            message += f" (re-anchored to the changed text: {len(report.orphans)} orphaned)"
        self.clear_recovery()
        self.replace(doc, clean=False)
        self.recovery_path = pending.path
        return message

    @staticmethod
    def discard(pending: Pending) -> None:
        """Throw away unsaved work an earlier session left."""
        remove_recovery(pending.path)
