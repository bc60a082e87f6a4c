"""Ask: one line of text (a path, a title, words to mark), checked before the dialog closes."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from briefreader.ui.widgets.keybar import KeyBar
from briefreader.ui.widgets.passage import Passage


class Ask(ModalScreen[str | None]):
    """Ask for one line of text (a path, a title, words to mark); returns it, or None on escape.

    ``context`` is shown above the field (the sentence to copy words from);
    ``check`` may refuse an answer with a reason, which is shown while the
    dialog stays open with the typing kept.
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel", id="ask.cancel")]

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
