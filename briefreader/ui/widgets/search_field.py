"""The one-line search field drawn over a screen's status line: ``/`` shows it, enter searches, escape closes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Input


class SearchField(Input):
    """The search field, drawn over the bottom of the reading screen: ``/`` shows it.

    A widget on its own layer rather than a modal screen: closing a screen
    repaints the whole reader under it, and a field that pushed the panes up
    would lay them all out again; this one covers the status line and
    nothing moves.
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "close", "Close search")]
    KEY_HINTS: ClassVar[list[tuple[str, str]]] = [("⏎", "find")]
    """Keys the field handles itself, for the key bar."""

    @dataclass
    class Search(Message):
        """Enter: search for ``query`` (empty clears the search)."""

        query: str

    @dataclass
    class Closed(Message):
        """The field closed, with or without a search."""

    def __init__(self) -> None:
        super().__init__(placeholder="search the brief (enter: find, escape: close)", id="search")
        self.display = False

    def open(self, value: str) -> None:
        """Show the field with the last query, ready to type."""
        self.value = value
        self.display = True
        self.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter: close and search."""
        event.stop()
        self.display = False
        self.post_message(self.Closed())
        self.post_message(self.Search(event.value))

    def action_close(self) -> None:
        """Escape: close without searching."""
        self.display = False
        self.post_message(self.Closed())
