"""The Entities pane: entities grouped by label, with counts and aliases."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from briefreader.labels import LABEL_NAMES, label_rank, style_for
from briefreader.model.display import one_line
from briefreader.model.document import Document
from briefreader.ui.lists import PaneList
from briefreader.ui.messages import EditRequested, EntityChosen, EntityHighlighted


class EntitiesPane(PaneList):
    """Every visible entity, under a heading per label."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "edit('relabel')", "Relabel"),
        Binding("x", "edit('reject')", "Reject"),
        Binding("m", "edit('merge')", "Merge into…"),
        Binding("R", "edit('rename')", "Rename", show=False),
        Binding("s", "edit('split')", "Split off a spelling", show=False),
        Binding("u", "edit('restore')", "Restore rejected", show=False),
        Binding("h", "toggle_rejected", "Show rejected", show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.show_rejected = False
        """Rejected entities are listed (dimmed) only when this is on."""

    def show(self, doc: Document, marked: set[str] | None = None) -> None:
        """Rebuild the list from the Document, keeping the highlight on the same entity."""
        keep = self.highlighted_id
        groups: dict[str, list[Option]] = {}
        entities = [e for e in doc.entities if e.visible_mentions or (self.show_rejected and e.rejected)]
        entities.sort(key=lambda e: (label_rank(e.label), -len(e.visible_mentions), e.name.casefold()))
        for e in entities:
            count = len(e.visible_mentions)
            line = Text()
            line.append("● ", style=style_for(e.label))
            line.append(one_line(e.name, 40), style="strike dim" if e.rejected else "")
            line.append(f"  ×{count}" if count else "  rejected", style="dim")
            if e.aliases:
                line.append("\n   also " + one_line(", ".join(e.aliases), 60), style="dim italic")
            groups.setdefault(e.label, []).append(Option(line, id=e.id))
        options: list[Option | None] = []
        for label, opts in groups.items():
            head = Text(f"{LABEL_NAMES.get(label, label.title())} · {label} ({len(opts)})", style="bold")
            options.append(Option(head, disabled=True))
            options.extend(opts)
        self.replace_options([o for o in options if o is not None], keep)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """Tell the screen which entity is under the highlight."""
        event.stop()
        self.post_message(EntityHighlighted(event.option_id))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter: show the entity's first mention."""
        event.stop()
        if event.option_id:
            self.post_message(EntityChosen(event.option_id))

    def action_toggle_rejected(self) -> None:
        """List rejected entities too (dimmed, struck through), so they can be restored with u."""
        self.show_rejected = not self.show_rejected
        self.post_message(EditRequested("refresh"))

    def action_edit(self, action: str) -> None:
        """Ask the screen for an edit of the highlighted entity."""
        if self.highlighted_id:
            self.post_message(EditRequested(action, self.highlighted_id))
        else:
            self.notify("Move onto an entity first.", severity="warning")
