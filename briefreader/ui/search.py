"""Finding things in the brief: the search field and its matches, and an entity's mentions in turn."""

from __future__ import annotations

import bisect
import re
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen
from textual.widgets import Input

from briefreader.ui.keybar import KeyBar


def find_all(text: str, query: str) -> tuple[tuple[int, int], ...]:
    """Every case-insensitive match of ``query`` in ``text``, in order (none for a blank query)."""
    if not query.strip():
        return ()
    return tuple((m.start(), m.end()) for m in re.finditer(re.escape(query), text, re.IGNORECASE))


def first_after(matches: tuple[tuple[int, int], ...], offset: int) -> int:
    """The index of the first match at or after ``offset``, wrapping round to the first."""
    return bisect.bisect_left([s for s, _e in matches], offset) % len(matches)


def next_index(starts: list[int], current: int | None, here: int, step: int) -> int:
    """The next (``step`` 1) or previous (-1) of spans starting at ``starts``, wrapping round.

    With no current one, the first after the offset ``here`` (or the last
    before it), so ``]`` continues from where the reader is.
    """
    if current is not None:
        return (current + step) % len(starts)
    if step > 0:
        return next((i for i, s in enumerate(starts) if s > here), 0)
    return next((i for i in range(len(starts) - 1, -1, -1) if starts[i] < here), len(starts) - 1)


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
        """One input, docked at the bottom above the key bar."""
        yield Input(self.value, placeholder="search the brief (enter: find, escape: close)", id="search")
        yield KeyBar(hints=[("⏎", "find")])

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter: search for what was typed (empty clears the search)."""
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        """Escape: close without searching."""
        self.dismiss(None)
