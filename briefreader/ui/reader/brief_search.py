"""Finding things in the brief: a search and its matches, and an entity's mentions in turn.

The query is typed in ``widgets.search_field``; this keeps what it found and moves the Article to it.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual.screen import Screen
from textual.widget import Widget

from briefreader.model.display import one_line
from briefreader.ui.reader.article import ArticleView, Span
from briefreader.ui.widgets.search_field import SearchField


def find_all(text: str, query: str) -> tuple[tuple[int, int], ...]:
    """Every case-insensitive match of ``query`` in ``text``, in order (none for a blank query)."""
    if not query.strip():
        return ()
    return tuple((m.start(), m.end()) for m in re.finditer(re.escape(query), text, re.IGNORECASE))


def first_after(matches: tuple[tuple[int, int], ...], offset: int) -> int:
    """The index of the first match at or after ``offset``, wrapping round to the first."""
    return bisect.bisect_left([s for s, _e in matches], offset) % len(matches)


@dataclass
class Search:
    """The last search: what was asked, every match, and which one is current (no widgets)."""

    query: str = ""
    matches: tuple[tuple[int, int], ...] = ()
    current: int | None = None

    def find(self, text: str, query: str, here: int) -> None:
        """Search ``text``; the current match is the first at or after the offset ``here``."""
        self.query = query
        self.matches = find_all(text, query)
        self.current = first_after(self.matches, here) if self.matches else None

    def step(self, step: int) -> bool:
        """The next (1) or previous (-1) match, wrapping round; False when there is no search."""
        if not self.matches:
            return False
        self.current = ((self.current or 0) + step) % len(self.matches)
        return True

    def describe(self) -> Text:
        """The status line: "match 2 of 7 for “…”", or that there is none (the query as plain text)."""
        query = one_line(self.query, 60)
        if not self.query.strip():
            return Text()
        if self.current is None:
            return Text.assemble("No match for “", query, "”")
        where = f"match {self.current + 1} of {len(self.matches)} for “"
        return Text.assemble(where, query, ("”   n / N next / previous", ""))


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


class SearchFlow:
    """``/``, ``n`` and ``N`` on one screen: the field, the last search, and the matches shown.

    The screen keeps the matches as reactives (the Article is bound to
    them); this says what they are and moves the Article's cursor.
    """

    def __init__(
        self,
        screen: Screen[Any],
        article: Callable[[], ArticleView],
        text: Callable[[], str],
        show: Callable[[tuple[Span, ...], int | None], None],
        status: Callable[[Text], None],
    ) -> None:
        self.screen = screen
        self.article = article
        """The Article pane (once composed)."""
        self.text = text
        """The brief's text now."""
        self.show = show
        """Hands the matches and the current one to the screen."""
        self.status = status
        self.search = Search()
        """The last search: its query, matches and the current one."""
        self._before: Widget | None = None

    def open(self) -> None:
        """``/``: the field over the status line, with the last query."""
        self._before = self.screen.focused
        self.screen.query_one(SearchField).open(self.search.query)

    def closed(self) -> None:
        """Back to the pane the search was started from."""
        (self._before or self.article()).focus()

    def run(self, query: str) -> None:
        """Find every match and go to the first one after the cursor."""
        span = self.article().cursor_span
        here = span[0] if span else 0
        self.search.find(self.text(), query, here)
        self._show()

    def step(self, step: int) -> None:
        """``n`` / ``N``: the next or previous match, or say there is no search."""
        if not self.search.step(step):
            self.screen.notify("No search: press / to search.", severity="warning", markup=False)
            return
        self._show()

    def _show(self) -> None:
        self.show(self.search.matches, self.search.current)
        if self.search.current is not None:
            s, e = self.search.matches[self.search.current]
            self.article().scroll_to_span(s, e)
            self.article().move_cursor_to_offset(s)
        self.status(self.search.describe())


class SearchKeys:
    """A screen's search keys and the search field's messages, handed to its ``SearchFlow``.

    Mixed into the screen (``class ReaderScreen(SearchKeys, Screen)``): Textual finds
    actions and handlers on any class of the screen. The screen sets ``searching``
    and has ``matches`` and ``current_match`` for the Article to draw.
    """

    searching: SearchFlow
    matches: tuple[Span, ...]
    current_match: int | None

    def action_search(self) -> None:
        """``/``: the search field, over the status line."""
        self.searching.open()

    def on_search_field_closed(self, message: SearchField.Closed) -> None:
        """Back to the pane the search was started from."""
        self.searching.closed()

    def on_search_field_search(self, message: SearchField.Search) -> None:
        """Enter in the search field."""
        self.searching.run(message.query)

    def action_next_match(self, step: int) -> None:
        """``n`` / ``N``."""
        self.searching.step(step)

    def _show_matches(self, matches: tuple[Span, ...], current: int | None) -> None:
        self.matches, self.current_match = matches, current
