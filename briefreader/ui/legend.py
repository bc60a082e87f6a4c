"""The legend above the Article: label colours, counts, and which are hidden."""

from __future__ import annotations

from collections import Counter

from rich.text import Text
from textual.widgets import Static

from briefreader.labels import label_rank, style_for
from briefreader.model.document import Document


def legend_labels(doc: Document) -> list[str]:
    """Labels present in the brief, in legend order (number keys follow it)."""
    labels = {e.label for e in doc.entities if e.visible_mentions}
    return sorted(labels, key=lambda lab: (label_rank(lab), lab))[:9]


class Legend(Static):
    """``1 PERSON 12  2 ORG 5 …``: press the number to hide or show a label."""

    def show(self, doc: Document, hidden: set[str], status: str = "") -> None:
        """Redraw from the Document; ``status`` replaces it while there are no entities."""
        counts = Counter(m_e[1].label for m_e in doc.mentions())
        line = Text(no_wrap=True, overflow="ellipsis")
        labels = legend_labels(doc)
        if not labels:
            line.append(status or "no entities", style="dim italic")
        for i, label in enumerate(labels, start=1):
            line.append(f" {i}", style="dim")
            off = label in hidden
            line.append(f" {label} {counts[label]} ", style="dim strike" if off else style_for(label))
        self.update(line)
