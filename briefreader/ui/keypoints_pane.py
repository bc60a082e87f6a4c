"""The Key points pane: titles, categories and scores, in score or document order."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from briefreader.model.display import one_line
from briefreader.model.document import Document
from briefreader.ui.lists import PaneList
from briefreader.ui.messages import EditRequested, KeyPointChosen


class KeyPointsPane(PaneList):
    """The brief's key points; ▶ marks the one under the Article cursor."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("p", "edit('pin')", "Pin"),
        Binding("o", "toggle_order", "Order"),
        Binding("t", "edit('retitle')", "Retitle", show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.by_score = True
        """Score order (pinned first) or document order."""

    def show(self, doc: Document, here: set[str], involved: set[str]) -> None:
        """Rebuild from the Document; ``here``: under the cursor, ``involved``: with the selected entity."""
        keep = self.highlighted_id
        points = list(doc.key_points)
        if self.by_score:
            points.sort(key=lambda k: (not k.pinned, -k.score))
        else:
            points.sort(key=lambda k: k.start)
        options = []
        for k in points:
            line = Text()
            mark = "▶ " if k.id in here else ("• " if k.id in involved else "  ")
            line.append(mark, style="bold")
            line.append(one_line(k.title, 70), style="bold" if k.id in here or k.id in involved else "")
            meta = f"\n    {k.category} · {k.score:.2f}"
            if len(k.evidence) > 1:
                meta += f" · {len(k.evidence)} sentences"
            if k.pinned:
                meta += " · pinned"
            line.append(meta, style="dim")
            options.append(Option(line, id=k.id))
        self.replace_options(options, keep, here)
        self.border_subtitle = "by score" if self.by_score else "in text order"

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter: jump to the evidence."""
        event.stop()
        if event.option_id:
            self.post_message(KeyPointChosen(event.option_id))

    def action_toggle_order(self) -> None:
        """Switch between score order and document order."""
        self.by_score = not self.by_score
        self.post_message(EditRequested("refresh"))

    def action_edit(self, action: str) -> None:
        """Ask the screen to pin or retitle the highlighted key point."""
        if self.highlighted_id:
            self.post_message(EditRequested(action, self.highlighted_id))
