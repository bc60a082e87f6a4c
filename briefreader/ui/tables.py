"""The tables of the library screens: a row cursor moved with the reader's keys, a kept place, plain text.

Built on Textual's ``DataTable``, which draws only the rows on screen and
adds 2,000 rows in a few tens of milliseconds. Cells are ``Text``: titles,
names and file names are data, never markup. Rows are replaced wholesale
(after a filter, a sort, a refresh) and the cursor stays on the same row
key, or at the same place when that row is gone.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import DataTable
from textual.widgets.data_table import RowDoesNotExist

from briefreader.ui.lists import ENDS, MOVE, PAGE


@dataclass(frozen=True)
class Column:
    """A column: its key, its heading and its width in cells (0: share what is left)."""

    key: str
    heading: str
    width: int = 0
    right: bool = False
    """Numbers line up on the right."""
    weight: int = 1
    """For a shared column: its part of the room left."""


Row = tuple[str, Sequence[Text]]
"""A row key and its cells, in column order."""


class KeyTable(DataTable[Text]):
    """A table with a row cursor; j/k/g/G and the page keys move it, enter chooses the row."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "cursor_down", "Down", show=False, group=MOVE, tooltip="Next row"),
        Binding("k,up", "cursor_up", "Up", show=False, group=MOVE, tooltip="Previous row"),
        Binding("g,home", "scroll_top", "Top", show=False, group=ENDS, tooltip="First row"),
        Binding("G,end", "scroll_bottom", "Bottom", show=False, group=ENDS, tooltip="Last row"),
        Binding("space,pagedown", "page_down", "Page down", show=False, group=PAGE, tooltip="A page down"),
        Binding("pageup", "page_up", "Page up", show=False, group=PAGE, tooltip="A page up"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True, show_row_labels=False)
        self.layout_columns: list[Column] = []

    @property
    def current_key(self) -> str | None:
        """The key of the row under the cursor (None when the table is empty)."""
        if not self.row_count:
            return None
        try:
            return self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
        except RowDoesNotExist:
            return None

    def set_columns(self, columns: list[Column], rows: Iterable[Row], keep: str | None = None) -> None:
        """New columns (after a resize): the rows are laid out again."""
        self.layout_columns = columns
        self.clear(columns=True)
        for c in columns:
            self.add_column(Text(c.heading, justify="right" if c.right else "left"), width=c.width, key=c.key)
        self.fill(rows, keep)

    def fill(self, rows: Iterable[Row], keep: str | None = None) -> None:
        """Replace every row, keeping the cursor on ``keep`` (default: the current row) or at its place."""
        keep = keep if keep is not None else self.current_key
        place, scroll = self.cursor_row, self.scroll_y
        self.clear(columns=False)
        for key, cells in rows:
            self.add_row(*cells, key=key)
        target = place
        if keep is not None:
            with contextlib.suppress(RowDoesNotExist):
                target = self.get_row_index(keep)
        if self.row_count:
            self.scroll_to(y=scroll, animate=False, immediate=True)
            self.move_cursor(row=max(0, min(target, self.row_count - 1)), animate=False, scroll=True)

    def update_row(self, key: str, cells: Sequence[Text]) -> bool:
        """Redraw one row in place (a brief parsed in the background); False when it is not shown."""
        try:
            self.get_row_index(key)
        except RowDoesNotExist:
            return False
        for column, cell in zip(self.layout_columns, cells, strict=False):
            self.update_cell(key, column.key, cell)
        return True


def share(total: int, columns: list[Column], padding: int = 2) -> list[Column]:
    """Give the columns of width 0 what the others leave of ``total`` cells, by weight (each has ``padding``)."""
    fixed = sum(c.width for c in columns) + padding * len(columns)
    flexible = [c for c in columns if c.width == 0]
    weights = sum(c.weight for c in flexible) or 1
    left = max(len(flexible) * 8, total - fixed)
    out, given = [], 0
    for c in columns:
        if c.width:
            out.append(c)
            continue
        part = left - given if c is flexible[-1] else left * c.weight // weights
        given += part
        out.append(Column(c.key, c.heading, part, c.right, c.weight))
    return out
