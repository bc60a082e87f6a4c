"""Which entity changes can also apply to all briefs, and what ``corrections.yaml`` gets for each.

When the analyst relabels, rejects, merges or marks an entity, the reader
asks whether it applies to this brief only or to all briefs. "All briefs"
means entries in ``corrections.yaml`` that every later parse applies (see
``nlp.corrections_pass``); this module says which entries a change stands for,
read from the Document *before* the change is made (a merge removes the
entity whose spellings become aliases), and writes them.

No Textual here: the screen asks the question and calls ``save_for_all``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from briefreader.io.corrections_file import CorrectionChange, apply_changes
from briefreader.io.decode import shown_path
from briefreader.model import edits
from briefreader.model.display import one_line
from briefreader.model.document import Document
from briefreader.model.labels import a_label
from briefreader.nlp.entities import compact
from briefreader.session import changes
from briefreader.session.changes import Change


@dataclass(frozen=True)
class Entry:
    """One line of ``corrections.yaml``: ``kind`` is relabel, reject, alias or add."""

    kind: str
    text: str
    value: str = ""
    """The label (relabel, add) or the entity name (alias); empty for reject."""

    def describe(self) -> str:
        """How the question words it (plain text)."""
        text = one_line(self.text, 40)
        if self.kind == "relabel":
            return f"“{text}” is {self.value}"
        if self.kind == "reject":
            return f"“{text}” is never an entity"
        if self.kind == "alias":
            return f"“{text}” is {one_line(self.value, 40)}"
        return f"“{text}” is always {a_label(self.value)}"


def entries_for(change: Change, doc: Document) -> list[Entry]:
    """The corrections a change stands for across briefs (empty: it is about this brief only).

    Relabel, reject, merge (each spelling of the merged entity becomes an
    alias of the one kept) and mark (an ``add``, also each entity marked in the
    frame editor, ``EditFrame.marks``). Renames, splits, restores,
    notes and key points belong to one brief.
    """
    if isinstance(change, changes.Relabel):
        ent = doc.entity(change.entity_id)
        return [Entry("relabel", ent.name, change.label.strip().upper())] if ent else []
    if isinstance(change, changes.Reject):
        ent = doc.entity(change.entity_id)
        return [Entry("reject", ent.name)] if ent else []
    if isinstance(change, changes.Merge):
        keep, gone = doc.entity(change.keep_id), doc.entity(change.gone_id)
        if keep is None or gone is None:
            return []
        goal = compact(keep.name)
        spellings: dict[str, str] = {}
        for text in [gone.name, *(m.text for m in gone.visible_mentions)]:
            key = compact(text)
            if key and key != goal:
                spellings.setdefault(key, text)
        return [Entry("alias", text, keep.name) for text in spellings.values()]
    if isinstance(change, changes.MarkEntity):
        text = " ".join(doc.text[change.start : change.end].split())
        label = change.label.strip().upper()
        if not text or change.known(doc) is not None:
            return []  # already that entity: nothing to correct, here or anywhere
        if edits.same_span(doc, change.start, change.end) is not None:
            return [Entry("relabel", text, label)]  # a mention already: the mark relabels it
        return [Entry("add", text, label)]
    if isinstance(change, changes.EditFrame):  # entities marked on the spot in the frame editor
        return [e for _, mark in change.marks for e in entries_for(mark, doc)]
    return []


def still_held(entries: list[Entry], path: Path) -> str:
    """What undo says after undoing a change written for all briefs: the file still holds it, and how to remove it.

    Undo takes a change out of this brief only: it never rewrites
    ``corrections.yaml`` behind the analyst's back (another reader may rely
    on the line), so it names the lines and the file to delete them from.
    """
    said = "; ".join(e.describe() for e in entries)
    keys = ", ".join(dict.fromkeys(f"`{e.kind}:`" for e in entries))
    return (
        f"{path.name} still holds {said}: delete it under {keys} in {shown_path(path)}"
        " so briefs parsed later do not apply it"
    )


def save_for_all(entries: list[Entry]) -> str:
    """Write the entries to ``corrections.yaml``; returns a status line (raises BriefError, writing nothing more)."""
    if not entries:
        return ""
    # One write under the file's lock: a merge's aliases all land, beside what other readers wrote meanwhile.
    written = apply_changes([CorrectionChange(e.kind, e.text, e.value) for e in entries])
    line = f"For all briefs: {'; '.join(e.describe() for e in entries)} (in {written.path.name})"
    if written.note:
        line += f"; {written.note}"
    return line
