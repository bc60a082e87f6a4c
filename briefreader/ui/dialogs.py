"""Small modal dialogs: confirm, choose from a list, type a value.

Every title, question and item is plain text (``Content``/``Text``), never
markup: they show entity names and notes. Each dialog fits and scrolls at
80x24, and carries its own key bar, so the reading screen's keys are not
shown under it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, OptionList, Static
from textual.widgets.option_list import Option

from briefreader.ui.keybar import KeyBar


class Passage(VerticalScroll, can_focus=False):
    """Text in a dialog that scrolls when long (a question, a sentence), never taking the focus."""


class Confirm(ModalScreen[str | None]):
    """A question with a few answers; returns the chosen answer's id (None on escape)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("left,up", "app.focus_previous", "Previous button", show=False),
        Binding("right,down", "app.focus_next", "Next button", show=False),
    ]

    def __init__(self, question: str | Text, answers: list[tuple[str, str]]) -> None:
        super().__init__()
        self.question = question if isinstance(question, Text) else Text(question)
        """Shown as plain text, whatever it holds."""
        self.answers = answers
        """(id, button label) pairs; the first is the default."""

    def compose(self) -> ComposeResult:
        """The question and one button per answer."""
        with Vertical(classes="dialog confirm"):
            with Passage(classes="question"):
                yield Static(self.question)
            with Horizontal(classes="buttons"):
                for i, (answer_id, label) in enumerate(self.answers):
                    yield Button(Content(label), id=answer_id, variant="primary" if i == 0 else "default")
        yield KeyBar(hints=[("←→", "choose"), ("⏎", "answer")])

    def on_mount(self) -> None:
        """The first answer is the default."""
        self.query(Button).first().focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Answer with the button's id."""
        self.dismiss(event.button.id)

    def action_cancel(self) -> None:
        """Escape: no answer."""
        self.dismiss(None)


class Choose(ModalScreen[str | None]):
    """Pick one item from a list, filtered by typing; returns its id."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

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


class Ask(ModalScreen[str | None]):
    """Ask for one line of text (a path, a title, words to mark); returns it, or None on escape.

    ``context`` is shown above the field (the sentence to copy words from);
    ``check`` may refuse an answer with a reason, which is shown while the
    dialog stays open with the typing kept.
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(
        self,
        title: str,
        value: str = "",
        hint: str = "",
        *,
        context: Text | None = None,
        check: Callable[[str], str | None] | None = None,
    ) -> None:
        super().__init__()
        self.heading = title
        self.value = value
        self.hint = hint
        self.context = context
        self.check = check

    def compose(self) -> ComposeResult:
        """Context, one input, a hint and room for a refusal."""
        with Vertical(classes="dialog ask") as box:
            box.border_title = Content(self.heading)
            if self.context is not None:
                with Passage(classes="context"):
                    yield Static(self.context)
            yield Input(self.value, id="ask-input")
            if self.hint:
                yield Static(Text(self.hint, style="dim"), classes="hint")
            yield Static("", id="ask-error")
        yield KeyBar(hints=[("⏎", "ok")])

    def on_mount(self) -> None:
        """Type straight away."""
        self.query_one("#ask-input", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter: return the text, unless ``check`` refuses it."""
        value = event.value.strip()
        if not value:
            return
        problem = self.check(value) if self.check else None
        if problem:
            self.query_one("#ask-error", Static).update(Text(problem, style="bold red"))
            return
        self.dismiss(value)

    def action_cancel(self) -> None:
        """Escape: nothing."""
        self.dismiss(None)
