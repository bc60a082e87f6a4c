"""The Notes pane: each note with what it is anchored to."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from briefreader.model.display import one_line
from briefreader.model.document import Document, Note
from briefreader.ui.lists import PaneList
from briefreader.ui.messages import EditRequested, NoteChosen, NoteHighlighted


def anchor_label(doc: Document, note: Note) -> str:
    """What a note is about, in a few words."""
    a = note.anchor
    if a.kind == "entity":
        ent = doc.entity(a.ref or "")
        about = f"entity {ent.name if ent else a.quote or a.ref}"
    elif a.kind == "key_point":
        kp = doc.key_point(a.ref or "")
        about = f"key point {kp.title if kp else a.quote or a.ref}"
    elif a.kind in ("sentence", "span"):
        about = f"“{one_line(a.quote or '', 48)}”"
    else:
        about = "the whole brief"
    return ("orphaned: " if a.orphaned else "") + about


class NotesPane(PaneList):
    """Notes in the order they were written; ▶ marks those at the Article cursor."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "Edit"),
        Binding("d,delete", "edit('delete')", "Delete"),
    ]

    def show(self, doc: Document, here: set[str], involved: set[str]) -> None:
        """Rebuild from the Document, keeping the highlight."""
        keep = self.highlighted_id
        options = []
        for n in doc.notes:
            line = Text()
            mark = "▶ " if n.id in here else ("• " if n.id in involved else "  ")
            line.append(mark, style="bold")
            line.append(one_line(n.text, 70))
            meta = "\n    " + one_line(anchor_label(doc, n), 60)
            if n.tags:
                meta += "  " + " ".join("#" + one_line(t, 20) for t in n.tags)
            line.append(meta, style="dim")
            options.append(Option(line, id=n.id))
        if not options:
            options.append(Option(Text("No notes yet: press a to write one.", style="dim italic"), disabled=True))
        self.replace_options(options, keep, here)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """Moving onto a note shows its anchor in the Article."""
        event.stop()
        if event.option_id:
            self.post_message(NoteHighlighted(event.option_id))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter: show the anchor and edit the note."""
        event.stop()
        if event.option_id:
            self.post_message(NoteChosen(event.option_id))

    def action_edit(self, action: str) -> None:
        """Ask the screen to delete the highlighted note."""
        if self.highlighted_id:
            self.post_message(EditRequested(action, self.highlighted_id))
