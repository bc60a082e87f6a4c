"""The search bar: ``/`` opens a field over the bottom line, enter posts ``Submitted``, ``n`` / ``N`` step.

The bar is the container of what it searches, as toolong's ``LogView``
holds its lines and its find field: its keys then act wherever the focus
is inside it, and no screen has to lend it an action. The field is a
widget on its own layer rather than a modal screen: closing a screen
repaints the whole reader under it, and a field that pushed the panes up
would lay them all out again; this one covers the bar's last line (the
status line) and nothing moves.

The bar keeps only the last query; what a query finds, and which match
is current, is the screen's (it knows the text and shows the matches).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input

MATCHES = Binding.Group("Next / previous match")
MATCHES_TIP = "Of the last search (“match 2 of 7”)"


class SearchField(Input):
    """The one-line field of a search bar: enter searches, escape closes."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "close", "Close search", id="search_field.close")]
    KEY_HINTS: ClassVar[list[tuple[str, str]]] = [("⏎", "find")]
    """Keys the field handles itself, for the key bar."""

    def action_close(self) -> None:
        """Escape: close without searching."""
        bar = self.parent
        if isinstance(bar, SearchBar):
            bar.close()


class SearchBar(Vertical):
    """What can be searched, with its search field over its last line."""

    DEFAULT_CSS = """
    SearchBar {
        height: 1fr;
        layers: base search;
        & > SearchField {
            layer: search;
            dock: bottom;
        }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "open", "Search", id="search.open", tooltip="Search the brief (case-insensitive)"),
        Binding("n", "step(1)", "Next match", show=False, group=MATCHES, id="search.next_match", tooltip=MATCHES_TIP),
        Binding(
            "N",
            "step(-1)",
            "Previous match",
            show=False,
            group=MATCHES,
            id="search.previous_match",
            tooltip=MATCHES_TIP,
        ),
    ]
    PLACEHOLDER = "search the brief (enter: find, escape: close)"
    """What the empty field says."""

    @dataclass
    class Submitted(Message):
        """Enter in the field: search for ``query`` (empty clears the search); the field is closed."""

        query: str

    @dataclass
    class Stepped(Message):
        """``n`` (1) or ``N`` (-1): the next or previous match of the last search."""

        step: int

    def __init__(self, *children: Widget, id: str | None = None) -> None:
        super().__init__(*children, id=id)
        self.last_query = ""
        """What was searched last: the field opens with it."""
        self._before: Widget | None = None
        """Where the focus was when the field opened: it goes back there."""

    def compose(self) -> ComposeResult:
        """The field, hidden until ``/``."""
        field = SearchField(placeholder=self.PLACEHOLDER, id="search")
        field.display = False
        yield field

    @property
    def field(self) -> SearchField:
        """The search field."""
        return self.query_one(SearchField)

    def open(self) -> None:
        """Show the field with the last query, ready to type."""
        self._before = self.screen.focused
        field = self.field
        field.value = self.last_query
        field.display = True
        field.focus()

    def close(self) -> None:
        """Hide the field; the focus goes back where it was."""
        self.field.display = False
        before, self._before = self._before, None
        if before is not None and before.is_attached and before.display:
            before.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter: close and search."""
        event.stop()
        self.last_query = event.value
        self.close()
        self.post_message(self.Submitted(event.value))

    def action_open(self) -> None:
        """``/``."""
        self.open()

    def action_step(self, step: int) -> None:
        """``n`` / ``N``."""
        self.post_message(self.Stepped(step))
