"""The library screen's title and status lines, each drawn from the screen's reactives (bound with ``data_bind``)."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from briefreader.library import BriefInfo
from briefreader.model.display import one_line
from briefreader.ui.library.brief_table import SORT_NAMES


@dataclass(frozen=True)
class Counts:
    """How many briefs the library holds, how many are new, how many the filter lets through."""

    total: int = 0
    new: int = 0
    matching: int = 0


class LibraryTitle(Widget):
    """``Library NAME · 12 briefs, 3 new · 4 match the filter · by date newest first``."""

    counts: reactive[Counts] = reactive(Counts)
    """Bound: the counts."""
    filter: reactive[str] = reactive("")
    """Bound: the filter's words."""
    sort: reactive[str] = reactive("date")
    """Bound: the column sorted by."""
    descending: reactive[bool] = reactive(True)
    """Bound: the order."""

    def __init__(self, folder: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.folder = folder
        """The library's folder name, made safe to show."""

    def render(self) -> Text:
        """Folder, counts, filter and order, on one line."""
        n = self.counts
        line = Text.assemble(("Library ", "bold"), (self.folder, "bold"))
        line.append(f"  ·  {n.total} brief{'s' if n.total != 1 else ''}")
        if n.new:
            line.append(f", {n.new} new")
        if self.filter:
            line.append(f"  ·  {n.matching} match the filter", style="bold")
        order = "newest first" if self.sort == "date" and self.descending else ("↓" if self.descending else "↑")
        line.append(f"  ·  by {SORT_NAMES[self.sort]} {order}", style="dim")
        return line


class LibraryStatus(Widget):
    """The brief under the cursor (its file, or why it cannot be read) on the left, work in progress right."""

    current: reactive[BriefInfo | None] = reactive(None)
    """Bound: the brief under the table's cursor."""
    hint: reactive[str] = reactive("")
    """Bound: what to say when no row is shown (why, and what to do)."""
    progress: reactive[Text] = reactive(Text)
    """Bound: the background work, as it goes."""

    def render(self) -> Text:
        """One line, cut to the width, the progress at the right edge."""
        line = Text(no_wrap=True, overflow="ellipsis")
        b = self.current
        if b is not None:
            line.append(one_line(b.rel, 200), style="dim")
            if b.error:
                line.append(f"  {one_line(b.error, 200)}", style="red")
        elif self.hint:
            line.append(self.hint)
        width = max(20, self.content_region.width or self.app.size.width - 2)
        room = width - self.progress.cell_len - 2
        if self.progress and room > 10:
            line.truncate(room, overflow="ellipsis")
            line.append(" " * (room - line.cell_len + 2))
            line.append_text(self.progress)
        return line
