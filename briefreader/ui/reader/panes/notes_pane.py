"""The Notes pane: each note with what it is anchored to; edit and delete act here."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from briefreader.model.display import one_line
from briefreader.model.document import Document, Note
from briefreader.model.polarity import clipped
from briefreader.model.titles import title_of
from briefreader.session import changes
from briefreader.ui.messages import ChangeRequested
from briefreader.ui.reader.panes.marked_list import MarkedList


def anchor_label(doc: Document, note: Note) -> str:
    """What a note is about, in a few words (plain text)."""
    a = note.anchor
    if a.kind == "entity":
        ent = doc.entity(a.ref or "")
        about = f"entity {one_line(ent.name if ent else a.quote or a.ref or '', 48)}"
    elif a.kind == "key_point":
        kp = doc.key_point(a.ref or "")
        about = f"key point {clipped(title_of(doc, kp) if kp else a.quote or a.ref or '', 48)}"
    elif a.kind in ("sentence", "span"):
        about = f"“{one_line(a.quote or '', 48)}”"
    else:
        about = "the whole brief"
    return ("orphaned: " if a.orphaned else "") + about


def listed(notes: list[Note]) -> list[Note]:
    """The notes in the pane's order: orphaned ones first (they need the analyst: ``r``), then the rest,
    each group in the order written."""
    return [n for n in notes if n.anchor.orphaned] + [n for n in notes if not n.anchor.orphaned]


class NotesPane(MarkedList):
    """Notes in the order they were written, orphaned ones first; ▶ marks those at the Article cursor."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "Edit", tooltip="Edit the note", id="notes.edit"),
        Binding(
            "d,delete", "delete", "Delete", tooltip="Delete the note (asks first; ctrl+z undoes)", id="notes.delete"
        ),
        Binding(
            "r",
            "reattach",
            "Re-attach",
            tooltip="Anchor the note (an orphaned one) to the Article's cursor sentence",
            id="notes.reattach",
        ),
    ]
    NEEDS_ITEM = frozenset({"select", "delete", "reattach"})

    def __init__(self, *, id: str | None = None, title: str = "") -> None:
        super().__init__(id=id, title=title)
        self._shown: object = None

    @dataclass
    class Highlighted(Message):
        """The user moved onto a note: the Article shows its anchor."""

        note_id: str

    def rebuild(self) -> None:
        """Rebuild from the Document when what it shows has changed."""
        doc = self.doc
        if doc is None:
            return
        here, involved = self.marks(doc.notes_for_span, doc.notes_for_entity)
        state = (id(doc), self.revision, here, involved)
        if state == self._shown:
            return
        self._shown = state
        notes = listed(doc.notes)
        options = [Option(_note_line(doc, n, n.id in here, n.id in involved), id=n.id) for n in notes]
        if not options:
            options.append(Option(Text("No notes yet: press a to write one.", style="dim italic"), disabled=True))
        self.replace_options(options, follow=next((n.id for n in notes if n.id in here), None))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """Moving onto a note shows its anchor in the Article."""
        event.stop()
        if event.option_id:
            self.post_message(self.Highlighted(event.option_id))

    def choose(self, option_id: str) -> None:
        """Enter: edit the note."""
        from briefreader.ui.dialogs.note_editor import NoteDraft, open_note_editor

        note = self.doc.note(option_id) if self.doc else None
        if note is None or self.doc is None:
            return
        note_id = note.id

        def done(draft: NoteDraft | None) -> None:
            if draft is not None:
                self.post_message(ChangeRequested(changes.EditNote(note_id, draft.text, tuple(draft.tags))))

        open_note_editor(self.app, done, anchor_label(self.doc, note), note.text, note.tags, "Edit note")

    def action_reattach(self) -> None:
        """``r``: anchor the highlighted note to the sentence under the Article's cursor."""
        note = self.doc.note(self.highlighted_id) if self.doc and self.highlighted_id else None
        if note is None:
            return
        if self.cursor_span is None:
            self.notify("Put the Article's cursor on a sentence first.", severity="warning", markup=False)
            return
        self.post_message(ChangeRequested(changes.Reattach(note.id, *self.cursor_span)))

    def action_delete(self) -> None:
        """``d``: delete the highlighted note, after asking."""
        from briefreader.ui.dialogs.confirm import Confirm

        note = self.doc.note(self.highlighted_id) if self.doc and self.highlighted_id else None
        if note is None:
            return
        note_id = note.id

        def answered(answer: str | None) -> None:
            if answer == "delete":
                self.post_message(ChangeRequested(changes.DeleteNote(note_id)))

        question = Text.assemble("Delete this note?\n\n", (one_line(note.text, 200), "italic"))
        self.app.push_screen(Confirm(question, [("delete", "Delete"), ("keep", "Keep")]), answered)


def _note_line(doc: Document, n: Note, here: bool, involved: bool) -> Text:
    line = Text()
    line.append("▶ " if here else ("• " if involved else "  "), style="bold")
    line.append(one_line(n.text, 70))
    meta = "\n    " + one_line(anchor_label(doc, n), 60)
    if n.tags:
        meta += "  " + " ".join("#" + one_line(t, 20) for t in n.tags)
    line.append(meta, style="dim")
    return line
