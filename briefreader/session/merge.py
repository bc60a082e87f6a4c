"""Merging notes from another copy of the same brief (someone else's save) into ours.

Two readers on one YAML: A saves note ONE, B saves TWO, A saves again.
Before A's save replaces B's file, B's notes are brought into A's Document,
so the save keeps both. A note is the same note when it has the same id,
was created at the same moment, and has the same text or was edited since
(two readers can each write note ``n1`` in the same second); otherwise it
is another note, and it gets an id of its own if its id is taken.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from briefreader.model.document import Document, Note
from briefreader.model.edits import next_id


@dataclass
class NotesMerged:
    """What a merge brought in."""

    added: int = 0
    updated: int = 0
    orphans: list[str] = field(default_factory=list)

    def describe(self) -> str:
        """One line for the status bar."""
        parts = [f"{self.added} note{'s' if self.added != 1 else ''} added from the file on disk"]
        if self.updated:
            parts.append(f"{self.updated} updated")
        if self.orphans:
            parts.append(f"{len(self.orphans)} could not be anchored (kept as orphaned)")
        return ", ".join(parts)


def _incoming(ours: Document, theirs: Document) -> tuple[list[Note], list[str]]:
    """Their notes, anchored in our text (re-anchored by quote if the text differs)."""
    if theirs.text == ours.text:
        return [copy.deepcopy(n) for n in theirs.notes], []
    from briefreader.model.reanchor import transfer_annotations

    carrier = Document(ours.meta, ours.text, list(ours.blocks), list(ours.sentences))
    report = transfer_annotations(copy.deepcopy(theirs), carrier)
    return carrier.notes, list(report.orphans)


def merge_notes(ours: Document, theirs: Document) -> NotesMerged:
    """Add to ``ours`` every note of ``theirs`` it lacks; a note both have takes the later edit."""
    incoming, orphans = _incoming(ours, theirs)
    report = NotesMerged(orphans=orphans)
    mine = {(n.id, n.created): n for n in ours.notes}
    for note in incoming:
        same = mine.get((note.id, note.created))
        edited = same is not None and (same.updated != same.created or note.updated != note.created)
        if same is not None and (same.text == note.text or edited):
            if note.updated > same.updated and (note.text, note.tags) != (same.text, same.tags):
                same.text, same.tags, same.updated = note.text, list(note.tags), note.updated
                report.updated += 1
            continue
        if any(n.text == note.text and n.anchor.quote == note.anchor.quote for n in ours.notes):
            continue  # the same words on the same place: one note, not two
        if ours.note(note.id) is not None:
            note.id = next_id("n", [n.id for n in ours.notes])
        ours.notes.append(note)
        report.added += 1
    return report
