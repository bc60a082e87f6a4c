"""The title bar: the brief's title, its date and file, and whether it has unsaved changes.

The title gives way (cut with "…") so the date, the file name and the
"● modified" marker always show, whatever the width. Everything in it is
plain text, filtered for control characters (a file name can hold an
escape sequence that would set the terminal's title).
"""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from briefreader.model.display import one_line
from briefreader.model.document import Document


class TitleBar(Widget):
    """``≡ Title … · 2026-03-14 · file.md · ● modified`` on one line."""

    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        height: 1;
        background: $panel;
        color: $foreground;
        padding: 0 1;
    }
    """

    doc: reactive[Document | None] = reactive(None, always_update=True)
    """Bound: the Document whose title is shown."""
    revision: reactive[int] = reactive(0)
    """Bound: the title can change with an edit (a restore)."""
    dirty: reactive[bool] = reactive(False)
    """Bound: unsaved changes."""

    def __init__(self, file_name: str) -> None:
        super().__init__()
        self.file_name = file_name
        """The source's name, already made safe to show."""

    def render(self) -> Text:
        """Title first, cut to leave room for the rest."""
        doc = self.doc
        if doc is None:
            return Text()
        tail = Text()
        if doc.meta.date:
            tail.append(" · " + one_line(doc.meta.date, 20), style="dim")
        tail.append(" · " + self.file_name, style="dim")
        if self.dirty:
            tail.append("  ● modified", style="bold")
        width = max(20, self.content_region.width or self.app.size.width)
        title = Text("≡ " + one_line(doc.meta.title or self.file_name, 300), style="bold", no_wrap=True)
        room = max(8, width - tail.cell_len)
        if title.cell_len > room:
            title.truncate(room, overflow="ellipsis")
        return Text.assemble(title, tail, no_wrap=True, overflow="ellipsis")
