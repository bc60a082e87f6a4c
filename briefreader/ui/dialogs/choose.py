"""Choose: pick one item from a list, filtered by typing (a label, an entity, a brief)."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from briefreader.ui.widgets.keybar import KeyBar


class Choose(ModalScreen[str | None]):
    """Pick one item from a list, filtered by typing; returns its id."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel", id="choose.cancel")]

    def __init__(self, title: str, items: list[tuple[str, Text]], allow_new: bool = False, hint: str = "") -> None:
        super().__init__()
        self.heading = title
        self.items = items
        self.allow_new = allow_new
        """When on, enter on text that matches nothing returns the typed text."""
        self.hint = hint

    def compose(self) -> ComposeResult:
        """A filter field above the list."""
        with Vertical(classes="dialog chooser") as box:
            box.border_title = Content(self.heading)
            yield Input(placeholder=self.hint or "type to filter, enter to choose", id="choose-filter")
            yield OptionList(*[Option(t, id=i) for i, t in self.items], id="choose-list", markup=False)
        yield KeyBar(hints=[("↑↓", "move"), ("⏎", "choose")])

    def on_mount(self) -> None:
        """Enter right away chooses the first item."""
        ol = self.query_one("#choose-list", OptionList)
        if ol.option_count:
            ol.highlighted = 0
        self._fit_list()

    def on_resize(self) -> None:
        """The list's height follows the terminal's."""
        self._fit_list()

    def _fit_list(self) -> None:
        """As tall as its items, at most what leaves the filter, borders and key bar on screen.

        Set here rather than in CSS: an auto-height dialog sized its list by
        every item and left the highlight out of view at 80x24.
        """
        ol = self.query_one("#choose-list", OptionList)
        room = max(3, self.app.size.height - 10)
        ol.styles.height = max(3, min(ol.option_count + 2, room))

    def on_input_changed(self, event: Input.Changed) -> None:
        """Show only items whose text holds what was typed."""
        q = event.value.casefold()
        ol = self.query_one("#choose-list", OptionList)
        ol.set_options(Option(t, id=i) for i, t in self.items if q in t.plain.casefold() or q in i.casefold())
        if ol.option_count:
            ol.highlighted = 0
        self._fit_list()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the filter chooses the highlighted item (or the typed text)."""
        ol = self.query_one("#choose-list", OptionList)
        option = ol.highlighted_option
        if option is not None and option.id:
            self.dismiss(option.id)
        elif self.allow_new and event.value.strip():
            self.dismiss(event.value.strip())

    def on_key(self, event: events.Key) -> None:
        """Up, down and the page keys in the filter move through the list (which scrolls to follow)."""
        ol = self.query_one("#choose-list", OptionList)
        moves: dict[str, Callable[[], None]] = {
            "down": ol.action_cursor_down,
            "up": ol.action_cursor_up,
            "pagedown": ol.action_page_down,
            "pageup": ol.action_page_up,
        }
        if event.key in moves and not ol.has_focus:
            moves[event.key]()
            event.stop()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter or click in the list chooses."""
        self.dismiss(event.option_id)

    def action_cancel(self) -> None:
        """Escape: choose nothing."""
        self.dismiss(None)
