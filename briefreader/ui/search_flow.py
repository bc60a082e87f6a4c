"""Search in one brief, as the reading screen runs it: `/`, `n` / `N`, and where focus goes back.

A flow object the screen delegates to (like ``SaveFlow`` and ``EditFlow``),
so the screen stays a composer; the matches go down to the Article through
the screen's reactives, like every other state.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.screen import Screen
from textual.widget import Widget

from briefreader.ui.article import ArticleView
from briefreader.ui.search import Search, SearchField

Publish = Callable[[tuple[tuple[int, int], ...], int | None], None]
"""Hands the matches and the current one down (the screen sets its reactives)."""


class SearchFlow:
    """The last search of a brief and the pane it was started from."""

    def __init__(
        self,
        screen: Screen[None],
        article: Callable[[], ArticleView],
        text: Callable[[], str],
        publish: Publish,
        status: Callable[[str | Text], None],
    ) -> None:
        self.screen = screen
        self.article = article
        self.text = text
        self.publish = publish
        self.status = status
        self.search = Search()
        """The last search: its query, matches and the current one."""
        self.before: Widget | None = None
        """The pane focused when `/` was pressed (focus returns to it)."""

    def open(self) -> None:
        """``/``: the search field, over the status line, with the last query."""
        self.before = self.screen.focused
        self.screen.query_one(SearchField).open(self.search.query)

    def closed(self) -> None:
        """Back to the pane the search was started from."""
        (self.before or self.article()).focus()

    def run(self, query: str) -> None:
        """Find every match and go to the first one after the cursor."""
        article = self.article()
        here = article.cursor_span[0] if article.cursor_span else 0
        self.search.find(self.text(), query, here)
        self.show()

    def step(self, step: int) -> None:
        """``n`` / ``N``: the next or previous match, or a word on how to search."""
        if not self.search.step(step):
            self.screen.notify("No search: press / to search.", severity="warning", markup=False)
            return
        self.show()

    def show(self) -> None:
        """Hand the matches down and put the cursor on the current one."""
        search = self.search
        self.publish(search.matches, search.current)
        if search.current is not None:
            s, e = search.matches[search.current]
            self.article().scroll_to_span(s, e)
            self.article().move_cursor_to_offset(s)
        self.status(search.describe())
