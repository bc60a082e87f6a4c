"""The legend above the Article: label colours, counts, and which are hidden.

At 80 columns nine labels do not fit on one line: the legend wraps between
entries (never inside one), on up to three lines.
"""

from __future__ import annotations

from collections import Counter

from rich.text import Text
from textual.reactive import var
from textual.widgets import Static

from briefreader.model.document import Document
from briefreader.model.labels import label_rank, style_for


def legend_labels(doc: Document) -> list[str]:
    """Labels present in the brief, in legend order (number keys follow it)."""
    labels = {e.label for e in doc.entities if e.visible_mentions}
    return sorted(labels, key=lambda lab: (label_rank(lab), lab))[:9]


class Legend(Static):
    """``1 PERSON 12  2 ORG 5 …``: press the number to hide or show a label."""

    doc: var[Document | None] = var(None, always_update=True)
    """Bound: the Document whose labels are counted."""
    revision: var[int] = var(0)
    """Bound: recount after edits."""
    hidden_labels: var[frozenset[str]] = var(frozenset())
    """Bound: labels shown struck through."""
    parsing: var[bool] = var(False)
    """Bound: say so while there are no entities yet."""

    _height = 0

    def watch_doc(self) -> None:
        """Redraw."""
        self.redraw()

    def watch_revision(self) -> None:
        """Redraw."""
        self.redraw()

    def watch_hidden_labels(self) -> None:
        """Redraw."""
        self.redraw()

    def watch_parsing(self) -> None:
        """Redraw."""
        self.redraw()

    def on_resize(self) -> None:
        """Wrap again for the new width."""
        self.redraw()

    def redraw(self) -> None:
        """Lay the entries out in lines that fit the width."""
        doc = self.doc
        if doc is None:
            return
        labels = legend_labels(doc)
        if not labels:
            self._show(Text("parsing…" if self.parsing else "no entities", style="dim italic"))
            return
        counts = Counter(e.label for _m, e in doc.mentions())
        width = max(10, self.content_region.width or self.app.size.width)
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
        self._show(out)

    def _show(self, line: Text) -> None:
        """Update, laying the screen out again only when the legend's height changes."""
        height = line.plain.count("\n") + 1
        self.update(line, layout=height != self._height)
        self._height = height
