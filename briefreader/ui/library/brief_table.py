"""The library's table of briefs: the widget, its columns for a terminal width, a brief's row as ``Text``.

At 80 columns the title gets the room and the file column goes (the
status line names the file under the cursor); from 100 columns the file
is shown, cut from the left so its name stays; from 120 the statuses are
spelled out in full.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType

from briefreader.library import BriefInfo
from briefreader.model.display import one_line
from briefreader.ui.widgets.keyed_table import Column, KeyTable, share


class BriefTable(KeyTable):
    """The briefs, one row each; enter opens the one under the cursor."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter", "select", "Open", tooltip="Open the brief in the reader (q there comes back)", id="library.open"
        ),
    ]


SORT_NAMES: dict[str, str] = {
    "date": "date",
    "title": "title",
    "file": "file",
    "status": "status",
    "entities": "entities",
    "key_points": "key points",
    "notes": "notes",
}
"""Sort keys (``LibraryIndex.briefs``) as the screen words them."""
SHORT_STATUS = {"changed": "changed", "recovery": "recovery", "error": "unreadable"}
"""Statuses in a narrow column (the others are short already)."""
STATUS_STYLE = {
    "new": "bold cyan",
    "annotated": "green",
    "changed": "yellow",
    "recovery": "bold yellow",
    "error": "red",
}


def columns(width: int, sort: str, descending: bool) -> list[Column]:
    """The columns that fit ``width`` cells, the sorted one marked with ▼ (descending) or ▲."""
    wide = width >= 120
    cols = [
        Column("title", "Title", 0, weight=3),
        Column("date", "Date", 10),
    ]
    if width >= 100:
        cols.append(Column("file", "File", 0, weight=1))  # the title gets the room: 51 cells at 120 columns
    cols += [
        Column("status", "Status", 16 if wide else 10),
        Column("entities", "Entities" if wide else "Ents", 8 if wide else 4, right=True),
        Column("key_points", "Key points" if wide else "KPs", 10 if wide else 3, right=True),
        Column("notes", "Notes", 5, right=True),
    ]
    mark = " ▼" if descending else " ▲"
    cols = [Column(c.key, c.heading + mark, c.width, c.right, c.weight) if c.key == sort else c for c in cols]
    cols = [Column(c.key, c.heading, max(c.width, len(c.heading)) if c.width else 0, c.right, c.weight) for c in cols]
    return share(width - 1, cols)  # one cell for the scroll bar


def cells(b: BriefInfo, cols: list[Column]) -> list[Text]:
    """One brief's row, cell per column."""
    out = []
    for c in cols:
        out.append(_cell(b, c))
    return out


def _cell(b: BriefInfo, c: Column) -> Text:
    dim = "dim"
    if c.key == "title":
        return Text(one_line(b.title or b.rel, 300), no_wrap=True, overflow="ellipsis", style=dim if b.error else "")
    if c.key == "date":
        return Text(b.date or "—", style="" if b.date else dim)
    if c.key == "file":
        rel = one_line(b.rel, 500)
        return Text(rel if len(rel) <= c.width else "…" + rel[-(c.width - 1) :], no_wrap=True)
    if c.key == "status":
        words = b.status_text if c.width >= 16 else SHORT_STATUS.get(b.status, b.status)
        return Text(words, style=STATUS_STYLE.get(b.status, ""), no_wrap=True, overflow="ellipsis")
    value: int = getattr(b, c.key)
    if c.key != "notes" and not b.parsed:
        return Text("–", style=dim, justify="right")
    return Text(str(value), justify="right", style="" if value else dim)


def bar(done: int, total: int, width: int = 12) -> Text:
    """A progress bar of ``width`` cells."""
    full = round(width * done / total) if total else width
    return Text.assemble(("▰" * full, "bold"), ("▱" * (width - full), "dim"))
