"""Confirm: a question with a few answers, one button each."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from briefreader.ui.widgets.keybar import KeyBar
from briefreader.ui.widgets.passage import Passage


class Confirm(ModalScreen[str | None]):
    """A question with a few answers; returns the chosen answer's id (None on escape)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="confirm.cancel"),
        Binding("left,up", "app.focus_previous", "Previous button", show=False, id="confirm.previous"),
        Binding("right,down", "app.focus_next", "Next button", show=False, id="confirm.next"),
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
