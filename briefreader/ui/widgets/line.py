"""One line of text bound to a screen's reactive: a title, a status line."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget


class Line(Widget):
    """Shows ``text`` (plain ``Text``: document words are never markup); bind it with ``data_bind``."""

    text: reactive[Text] = reactive(Text)
    """What the line says."""

    def render(self) -> Text:
        """The text as set."""
        return self.text
