"""Items for the choosers: entity labels and entities, as plain Text with style spans."""

from __future__ import annotations

from rich.text import Text

from briefreader.model.display import one_line
from briefreader.model.document import Document
from briefreader.model.labels import LABEL_ORDER, label_rank, style_for


def label_items(doc: Document, current: str | None = None) -> list[tuple[str, Text]]:
    """Every known label and any this brief uses, as chooser items."""
    labels = sorted({*LABEL_ORDER, *(e.label for e in doc.entities)}, key=lambda x: (label_rank(x), x))
    return [
        (lab, Text.assemble(("● ", style_for(lab)), lab, (" (now)" if lab == current else "", "dim"))) for lab in labels
    ]


def entity_items(doc: Document, leave_out: str) -> list[tuple[str, Text]]:
    """The visible entities but one, as chooser items (name, label, mention count)."""
    return [
        (
            e.id,
            Text.assemble(
                ("● ", style_for(e.label)), one_line(e.name, 50), (f"  {e.label} ×{len(e.visible_mentions)}", "dim")
            ),
        )
        for e in doc.visible_entities()
        if e.id != leave_out
    ]
