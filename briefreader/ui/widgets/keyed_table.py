"""The tables of the library screens: a heading line, rows drawn only when on screen, a row cursor.

A ``ScrollView`` with ``render_line``, as the Article is: a table of
2,000 briefs costs the rows on screen, not 2,000 rows of measuring
(Textual's ``DataTable`` measures every cell of every row it is given,
about a fifth of a second for the library, before its first frame).
Columns have fixed widths (the screen computes them for the terminal's
width); cells are ``Text``: titles, names and file names are data, never
markup. Rows are replaced wholesale (after a filter, a sort, a refresh)
and the cursor stays on the same row key, or at the same place when that
row is gone. j/k/g/G and the page keys move the cursor; enter chooses.

A long table (the library's 20,000 briefs) gives its rows lazily
(``show``): the keys, and a function that makes a row's cells when the
row is drawn. Seven ``Text`` cells for each of 20,000 rows were 44 MB
and a third of a second before the first frame; the rows on screen are
a few dozen.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import BindingType
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from briefreader.ui.widgets.moves import moves


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
PADDING = 1
"""Cells of space each side of a column."""


class KeyTable(ScrollView, can_focus=True):
    """Rows under a fixed heading line; one row under the cursor."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *moves(
            "table",
            ("cursor(1)", "cursor(-1)", "cursor_to(0)", "cursor_to(-1)", "page(1)", "page(-1)"),
            ("Next row", "Previous row", "First row", "Last row", "A page down", "A page up"),
        ),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {"key-table--header", "key-table--cursor", "key-table--odd"}
    DEFAULT_CSS = """
    KeyTable {
        background: $surface;
        & > .key-table--header {
            background: $panel;
            text-style: bold;
        }
        & > .key-table--odd {
            background: $boost;
        }
        & > .key-table--cursor {
            background: $block-cursor-blurred-background;
        }
        &:focus > .key-table--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: bold;
        }
    }
    """

    @dataclass
    class RowHighlighted(Message):
        """The cursor moved onto another row (None: the table is empty)."""

        key: str | None

    @dataclass
    class RowSelected(Message):
        """Enter (or a click on the cursor's row) on a row."""

        key: str

    @dataclass
    class HeaderSelected(Message):
        """A click on a column's heading."""

        column: str

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.layout_columns: list[Column] = []
        self._keys: Sequence[str] = []
        self._cells_of: Callable[[int], Sequence[Text]] = [].__getitem__
        self._changed: dict[int, Sequence[Text]] = {}  # rows redrawn in place since the last fill
        self._index: dict[str, int] = {}
        self.cursor_row = 0
        """The row under the cursor (an index into the rows)."""
        self._cache: LRUCache[tuple[int, bool, bool], Strip] = LRUCache(256)

    # Rows ---------------------------------------------------------------------------------

    @property
    def row_count(self) -> int:
        """How many rows the table has."""
        return len(self._keys)

    @property
    def current_key(self) -> str | None:
        """The key of the row under the cursor (None when the table is empty)."""
        return self._keys[self.cursor_row] if self._keys else None

    def row_index(self, key: str) -> int | None:
        """Where a row is (None when it is not in the table)."""
        return self._index.get(key)

    def row_cells(self, index: int) -> Sequence[Text]:
        """A row's cells, as given (or as made by the function ``show`` was given)."""
        changed = self._changed.get(index)
        return changed if changed is not None else self._cells_of(index)

    def set_columns(self, columns: list[Column], rows: Iterable[Row], keep: str | None = None) -> None:
        """New columns (a resize, a new sort mark) and the rows laid out under them."""
        self.layout_columns = columns
        self.fill(rows, keep)

    def fill(self, rows: Iterable[Row], keep: str | None = None) -> None:
        """Replace every row, keeping the cursor on ``keep`` (default: the current row) or at its place."""
        pairs = list(rows)
        self.show([k for k, _c in pairs], [c for _k, c in pairs].__getitem__, keep)

    def show(self, keys: Sequence[str], cells_of: Callable[[int], Sequence[Text]], keep: str | None = None) -> None:
        """Replace every row by ``keys``, each row's cells made by ``cells_of(index)`` when it is drawn.

        The cursor stays on ``keep`` (default: the current row) or at its place, as with ``fill``.
        """
        keep = keep if keep is not None else self.current_key
        place = self.cursor_row
        self._keys = keys
        self._cells_of = cells_of
        self._changed = {}
        self._index = {k: i for i, k in enumerate(keys)}
        self._cache.clear()
        self.virtual_size = Size(self._width(), len(self._keys) + 1)
        target = self._index.get(keep, place) if keep is not None else place
        self.cursor_row = max(0, min(target, len(self._keys) - 1))
        self._scroll_to_cursor()
        self.refresh()
        self.post_message(self.RowHighlighted(self.current_key))

    def update_row(self, key: str, cells: Sequence[Text]) -> bool:
        """Redraw one row in place (a brief parsed in the background); False when it is not shown."""
        index = self._index.get(key)
        if index is None:
            return False
        self._changed[index] = cells
        self._cache.clear()
        self.refresh()
        return True

    def _width(self) -> int:
        return sum(c.width + 2 * PADDING for c in self.layout_columns)

    # The cursor ---------------------------------------------------------------------------

    def move_cursor(self, row: int) -> None:
        """Put the cursor on a row (kept within the table) and bring it into view."""
        if not self._keys:
            return
        row = max(0, min(row, len(self._keys) - 1))
        if row == self.cursor_row:
            return
        self.cursor_row = row
        self._cache.clear()
        self._scroll_to_cursor()
        self.refresh()
        self.post_message(self.RowHighlighted(self.current_key))

    def _scroll_to_cursor(self) -> None:
        height = max(1, self.scrollable_content_region.height - 1)  # the heading line is not for rows
        top = round(self.scroll_y)
        if self.cursor_row < top:
            self.scroll_to(y=self.cursor_row, animate=False, immediate=True)
        elif self.cursor_row >= top + height:
            self.scroll_to(y=self.cursor_row - height + 1, animate=False, immediate=True)

    def action_cursor(self, step: int) -> None:
        """``j`` / ``k``."""
        self.move_cursor(self.cursor_row + step)

    def action_cursor_to(self, row: int) -> None:
        """``g`` / ``G`` (-1: the last row)."""
        self.move_cursor(row if row >= 0 else len(self._keys) - 1)

    def action_page(self, direction: int) -> None:
        """Space / page keys: a screenful."""
        self.move_cursor(self.cursor_row + direction * max(1, self.scrollable_content_region.height - 2))

    def action_select(self) -> None:
        """Enter: choose the row under the cursor."""
        if self._keys:
            self.post_message(self.RowSelected(self._keys[self.cursor_row]))

    def on_click(self, event: events.Click) -> None:
        """A click on a heading sorts by it; on a row, moves there (on the cursor's row: chooses it)."""
        if event.y == 0:
            x = event.x + round(self.scroll_x)
            for c in self.layout_columns:
                x -= c.width + 2 * PADDING
                if x < 0:
                    self.post_message(self.HeaderSelected(c.key))
                    return
            return
        row = round(self.scroll_y) + event.y - 1
        if 0 <= row < len(self._keys):
            if row == self.cursor_row:
                self.action_select()
            else:
                self.move_cursor(row)

    def on_resize(self) -> None:
        """Keep the cursor in view."""
        self._scroll_to_cursor()

    def on_focus(self) -> None:
        """The cursor's colour says whether the keys go here."""
        self.refresh()

    def on_blur(self) -> None:
        """The cursor's colour says whether the keys go here."""
        self.refresh()

    def notify_style_update(self) -> None:
        """Theme or CSS changed: cached lines carry old colours."""
        super().notify_style_update()
        self._cache.clear()

    # Drawing ------------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        """The heading on the first line, then the rows from the scroll position."""
        scroll_x = round(self.scroll_x)
        width = self.scrollable_content_region.width
        base = self.rich_style
        if y == 0:
            heading = [Text(c.heading, justify="right" if c.right else "left") for c in self.layout_columns]
            style = base + self.get_component_rich_style("key-table--header", partial=True)
            return self._strip(heading, style).crop_extend(scroll_x, scroll_x + width, style)
        index = round(self.scroll_y) + y - 1
        if index >= len(self._keys):
            return Strip.blank(width, base)
        cursor = index == self.cursor_row
        key = (index, cursor, self.has_focus)
        strip = self._cache.get(key)
        if strip is None:
            style = base
            if index % 2:
                style += self.get_component_rich_style("key-table--odd", partial=True)
            if cursor:
                style += self.get_component_rich_style("key-table--cursor", partial=True)
            strip = self._strip(self.row_cells(index), style)
            self._cache[key] = strip
        return strip.crop_extend(scroll_x, scroll_x + width, base)

    def _strip(self, cells: Sequence[Text], style: Style) -> Strip:
        line = Text(no_wrap=True, end="")
        pad = " " * PADDING
        for column, cell in zip(self.layout_columns, cells, strict=False):
            piece = cell.copy()
            piece.truncate(column.width, overflow="ellipsis")
            piece.align("right" if column.right else "left", column.width)
            line.append(pad)
            line.append_text(piece)
            line.append(pad)
        segments = Segment.apply_style(line.render(self.app.console), style)
        return Strip(list(segments), line.cell_len)

    def get_row_at(self, index: int) -> list[Text]:
        """A row's cells (for tests and callers that read what is shown)."""
        return list(self.row_cells(index))


def share(total: int, columns: list[Column], padding: int = 2 * PADDING) -> list[Column]:
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
