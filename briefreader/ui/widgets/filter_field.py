"""The one-line filter above a library table: type to narrow the rows, enter or ↓ back to the table.

The screen re-filters on every ``Input.Changed``; this widget only says
when the typing is done (enter, ↓, tab) or cleared (escape), one message
each.
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Input


def filter_key(scope: str, tooltip: str) -> Binding:
    """A screen's ``f``: into its filter field.

    Priority (checked as the key arrives): the focus moves before the next key
    is handed on, so the words typed straight after ``f`` land in the field;
    the screen's ``check_action`` lets an ``f`` typed into a field through.
    """
    return Binding("f", "filter", "Filter", priority=True, tooltip=tooltip, id=f"{scope}.filter")


class FilterField(Input):
    """Words that narrow a table; escape clears them."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape", "clear_filter", "Clear", tooltip="Clear the filter and go back to the table", id="filter.clear"
        ),
        Binding("down,tab", "done", "Table", tooltip="Back to the table, keeping the filter", id="filter.done"),
    ]
    KEY_HINTS: ClassVar[list[tuple[str, str]]] = [("⏎", "table")]
    """Shown first in the key bar while typing."""

    class Done(Message):
        """The typing is over: the table takes the keys again."""

    def __init__(self, placeholder: str, *, id: str | None = None) -> None:
        super().__init__(placeholder=placeholder, id=id, select_on_focus=False)

    def action_done(self) -> None:
        """Enter, ↓ or tab: back to the table."""
        self.post_message(self.Done())

    def action_clear_filter(self) -> None:
        """Escape: no filter, back to the table."""
        self.value = ""
        self.post_message(self.Done())

    async def action_submit(self) -> None:
        """Enter: the filter is already applied as typed; back to the table."""
        self.post_message(self.Done())
