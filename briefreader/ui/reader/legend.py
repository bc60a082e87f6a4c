"""The legend above the Article: label colours, counts, and which are hidden.

At 80 columns nine labels do not fit on one line: the legend wraps between
entries (never inside one), on up to three lines.
"""

from __future__ import annotations

from collections import Counter

from rich.text import Text
from textual.geometry import Size
from textual.reactive import reactive
from textual.widget import Widget

from briefreader.model.document import Document
from briefreader.model.labels import label_rank, style_for


def legend_labels(doc: Document) -> list[str]:
    """Labels present in the brief, in legend order (number keys follow it)."""
    labels = {e.label for e in doc.entities if e.visible_mentions}
    return sorted(labels, key=lambda lab: (label_rank(lab), lab))[:9]


class Legend(Widget):
    """``1 PERSON 12  2 ORG 5 …``: press the number to hide or show a label."""

    DEFAULT_CSS = """
    Legend {
        height: auto;
    }
    """

    # A new Document, an edit or the parse's end can change how many lines the legend takes: those lay out again.
    doc: reactive[Document | None] = reactive(None, always_update=True, layout=True)
    """Bound: the Document whose labels are counted."""
    revision: reactive[int] = reactive(0, layout=True)
    """Bound: recount after edits."""
    hidden_labels: reactive[frozenset[str]] = reactive(frozenset())
    """Bound: labels shown struck through."""
    parsing: reactive[bool] = reactive(False, layout=True)
    """Bound: say so while there are no entities yet."""

    def render(self) -> Text:
        """The entries, in lines that fit the width."""
        return self.lines(self.content_region.width or self.app.size.width)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """As many lines as the entries take at ``width``."""
        return self.lines(width).plain.count("\n") + 1

    def lines(self, width: int) -> Text:
        """Lay the entries out in lines of ``width`` cells, wrapping between entries, never inside one."""
        doc = self.doc
        if doc is None:
            return Text()
        labels = legend_labels(doc)
        if not labels:
            return Text("parsing…" if self.parsing else "no entities", style="dim italic")
        counts = Counter(e.label for _m, e in doc.mentions())
        width = max(10, width)
        out = Text(no_wrap=True, overflow="ellipsis")
        used = 0
        for i, label in enumerate(labels, start=1):
            entry = Text.assemble(
                (f"{i} ", "dim"),
                (f"{label} {counts[label]}", "dim strike" if label in self.hidden_labels else style_for(label)),
            )
            if used and used + 2 + entry.cell_len > width:
                out.append("\n")
                used = 0
            elif used:
                out.append("  ")
                used += 2
            out.append_text(entry)
            used += entry.cell_len
        return out
