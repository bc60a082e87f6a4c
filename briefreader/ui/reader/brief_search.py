"""Finding things in the brief: a search and its matches, and an entity's mentions in turn (no widgets).

The query is typed in the reader's ``SearchBar``; the screen keeps a
``Search`` of it and shows its matches.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from rich.text import Text

from briefreader.model.display import one_line


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
