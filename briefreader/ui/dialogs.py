"""Small modal dialogs: confirm, choose from a list, type a value."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, OptionList, Static
from textual.widgets.option_list import Option


class Confirm(ModalScreen[str | None]):
    """A question with a few answers; returns the chosen answer's id (None on escape)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, question: str, answers: list[tuple[str, str]]) -> None:
        super().__init__()
        self.question = question
        self.answers = answers

    def compose(self) -> ComposeResult:
        """The question and one button per answer."""
        with Vertical(classes="dialog"):
            yield Static(Text(self.question))
            with Horizontal(classes="buttons"):
                for i, (answer_id, label) in enumerate(self.answers):
                    yield Button(label, id=answer_id, variant="primary" if i == 0 else "default")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Answer with the button's id."""
        self.dismiss(event.button.id)

    def action_cancel(self) -> None:
        """Escape: no answer."""
        self.dismiss(None)


class Choose(ModalScreen[str | None]):
    """Pick one item from a list, filtered by typing; returns its id."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, items: list[tuple[str, Text]], allow_new: bool = False) -> None:
        super().__init__()
        self.heading = title
        self.items = items
        self.allow_new = allow_new
        """When on, enter on text that matches nothing returns the typed text."""

    def compose(self) -> ComposeResult:
        """A filter field above the list."""
        with Vertical(classes="dialog chooser") as box:
            box.border_title = self.heading
            yield Input(placeholder="type to filter, enter to choose", id="choose-filter")
            yield OptionList(*[Option(t, id=i) for i, t in self.items], id="choose-list", markup=False)

    def on_mount(self) -> None:
        """Enter right away chooses the first item."""
        ol = self.query_one("#choose-list", OptionList)
        if ol.option_count:
            ol.highlighted = 0

    def on_input_changed(self, event: Input.Changed) -> None:
        """Show only items whose text holds what was typed."""
        q = event.value.casefold()
        ol = self.query_one("#choose-list", OptionList)
        ol.set_options(Option(t, id=i) for i, t in self.items if q in t.plain.casefold() or q in i.casefold())
        if ol.option_count:
            ol.highlighted = 0

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the filter chooses the highlighted item (or the typed text)."""
        ol = self.query_one("#choose-list", OptionList)
        option = ol.highlighted_option
        if option is not None and option.id:
            self.dismiss(option.id)
        elif self.allow_new and event.value.strip():
            self.dismiss(event.value.strip())

    def on_key(self, event: object) -> None:
        """Up and down in the filter move through the list."""
        key = getattr(event, "key", "")
        if key in ("down", "up"):
            ol = self.query_one("#choose-list", OptionList)
            ol.action_cursor_down() if key == "down" else ol.action_cursor_up()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter or click in the list chooses."""
        self.dismiss(event.option_id)

    def action_cancel(self) -> None:
        """Escape: choose nothing."""
        self.dismiss(None)


class Ask(ModalScreen[str | None]):
    """Ask for one line of text (a path, a title); returns it, or None on escape."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, value: str = "", hint: str = "") -> None:
        super().__init__()
        self.heading = title
        self.value = value
        self.hint = hint

    def compose(self) -> ComposeResult:
        """One input and a hint."""
        with Vertical(classes="dialog") as box:
            box.border_title = self.heading
            yield Input(self.value, id="ask-input")
            if self.hint:
                yield Static(Text(self.hint, style="dim"))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter: return the text."""
        if event.value.strip():
            self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        """Escape: nothing."""
        self.dismiss(None)


class SearchBar(ModalScreen[str | None]):
    """The search field, as a one-line overlay at the bottom.

    A screen of its own rather than a field shown in the reading screen:
    showing and hiding a field re-lays out every pane, which costs a visible
    pause on a brief with thousands of entities.
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Close search")]

    def __init__(self, value: str = "") -> None:
        super().__init__()
        self.value = value

    def compose(self) -> ComposeResult:
        """One input, docked at the bottom above the footer."""
        yield Input(self.value, placeholder="search the brief (enter: find, escape: close)", id="search")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter: search for what was typed (empty clears the search)."""
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        """Escape: close without searching."""
        self.dismiss(None)
