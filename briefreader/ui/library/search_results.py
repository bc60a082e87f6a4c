"""Search across briefs: a query field and the ranked hits, each the brief's title and the matching sentence.

Hits come from ``LibraryIndex.search`` (bm25 with FTS5), sentences,
key points and notes alike, best first; the matched words are highlighted
in the sentence. Enter opens the brief at that sentence (tinted, the cursor
on it); J / K in the reader go on to the next brief among the results.
"""

from __future__ import annotations

from typing import ClassVar

from rich.padding import Padding
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from briefreader.library import SearchHit
from briefreader.model.display import one_line, visible
from briefreader.ui.library.library_reader import LibraryLink, Stop, Trail, open_stop
from briefreader.ui.widgets.keybar import KeyBar
from briefreader.ui.widgets.line import Line
from briefreader.ui.widgets.pane_list import PaneList

LIMIT = 200
"""Hits listed at most (ranked: the ones after are the weakest)."""
EXCERPT = 180
"""Characters of a long sentence shown around its first match."""
KINDS = {"key_point": "key point", "note": "note"}


class QueryField(Input):
    """The query: enter searches, escape goes back."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape",
            "leave",
            "Leave",
            tooltip="Back to the results, or to the library when there are none",
            id="query.leave",
        ),
        Binding("down,tab", "to_results", "Results", show=False, tooltip="Down into the results", id="query.results"),
    ]
    KEY_HINTS: ClassVar[list[tuple[str, str]]] = [("⏎", "search")]

    class Leave(Message):
        """Escape in the query."""

    class ToResults(Message):
        """Down (or tab) from the query into the results."""

    def action_leave(self) -> None:
        """Escape."""
        self.post_message(self.Leave())

    def action_to_results(self) -> None:
        """Down or tab."""
        self.post_message(self.ToResults())


class ResultList(PaneList):
    """The hits, two or three lines each; enter opens the brief at the hit."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "Open", tooltip="Open the brief at the matching sentence", id="results.open"),
    ]


class SearchResultsScreen(Screen[None]):
    """The query field over the ranked hits of every brief."""

    AUTO_FOCUS = "QueryField"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "new_search", "Search", priority=True, tooltip="Change the query", id="search_results.search"),
        Binding("q,escape", "back", "Back", tooltip="Back to the library", id="search_results.back"),
    ]

    status_line: var[Text] = var(Text)
    """What the status line says (bound into it)."""

    def __init__(self, link: LibraryLink, query: str = "") -> None:
        super().__init__()
        self.link = link
        self.query_text = query
        self.hits: list[SearchHit] = []

    def compose(self) -> ComposeResult:
        """Title, query, results, status, key bar."""
        yield Static(Text("Search all briefs", style="bold"), id="search-title")
        yield QueryField(self.query_text, placeholder='words, "a phrase", prefix*  (enter searches)', id="query")
        yield ResultList(id="results", title="Results")
        yield Line(id="search-status").data_bind(text=SearchResultsScreen.status_line)
        yield KeyBar()

    def on_mount(self) -> None:
        """Type at once (or, given a query, show its hits)."""
        if self.query_text:
            self.run_search(self.query_text)
        else:
            self.set_focus(self.query_one(QueryField))
            self.status_line = Text('All words must match; "quoted words" a phrase; word* a prefix.', style="dim")

    @property
    def results(self) -> ResultList:
        """The list of hits."""
        return self.query_one(ResultList)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the query: search."""
        event.stop()
        self.run_search(event.value)

    def run_search(self, query: str) -> None:
        """Search every brief and list the hits, best first."""
        query = query.strip()
        if not query:
            return
        self.query_text = query
        self.hits = self.link.index.search(query, limit=LIMIT)
        self.results.set_options(grouped(self.hits))
        if not self.hits:
            self.status_line = Text.assemble(
                "No match for ", (one_line(query, 60), "bold"), ("   / to search again", "dim")
            )
            self.set_focus(self.query_one(QueryField))
            return
        self.results.highlighted = 1  # the first hit, under its brief's heading
        self.set_focus(self.results)
        briefs = len({h.rel for h in self.hits})
        ranking = "bm25" if self.link.index.fts else "BM25 without FTS5"
        line = Text(f"{len(self.hits)}{'+' if len(self.hits) == LIMIT else ''} matches in {briefs} briefs")
        line.append(f"  ·  best first ({ranking})   enter opens at the sentence", style="dim")
        self.status_line = line

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on a hit: open its brief there; J / K go on through the other briefs of the results."""
        event.stop()
        chosen = self.hits[int(event.option_id or 0)]
        stops: list[Stop] = []
        position = 0
        for h in self.hits:
            if h is chosen:
                position = len(stops)
                stops.append(_stop(h))
            elif all(s.key != h.rel for s in stops) and h.rel != chosen.rel:
                stops.append(_stop(h))  # the best hit of each other brief
        open_stop(self.app, self.link, Trail(stops, position))

    def on_query_field_leave(self, message: QueryField.Leave) -> None:
        """Escape in the query: to the results if any, else back to the library."""
        if self.hits:
            self.set_focus(self.results)
        else:
            self.dismiss(None)

    def on_query_field_to_results(self, message: QueryField.ToResults) -> None:
        """Down from the query."""
        if self.hits:
            self.set_focus(self.results)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """``/`` is typed, not run, in the query (priority: the focus moves before the next key arrives)."""
        return not (action == "new_search" and isinstance(self.focused, Input))

    def action_new_search(self) -> None:
        """``/``: back to the query."""
        self.set_focus(self.query_one(QueryField))

    def action_back(self) -> None:
        """``q`` / escape: back to the library."""
        self.dismiss(None)


def _stop(h: SearchHit) -> Stop:
    at = (h.start, h.end) if h.end > h.start else None
    return Stop(h.path, h.rel, at)


def grouped(hits: list[SearchHit]) -> list[Option]:
    """Hits under a heading per brief (the brief's title and file); briefs in the order of their best hit."""
    by_brief: dict[str, list[int]] = {}
    for i, h in enumerate(hits):
        by_brief.setdefault(h.rel, []).append(i)
    out = []
    for rel, indexes in by_brief.items():
        h = hits[indexes[0]]
        head = Text(one_line(h.title or rel, 120), style="bold")
        head.append("  " + one_line(rel, 80), style="dim")
        out.append(Option(head, disabled=True))
        out += [Option(Padding(hit_line(hits[i]), (0, 0, 0, 2)), id=str(i)) for i in indexes]
    return out


def hit_line(h: SearchHit) -> Text:
    """A hit as the list shows it: what matched, its words highlighted (a key point or note says so)."""
    line = Text()
    kind = KINDS.get(h.kind)
    if kind:
        line.append(f"{kind}: ", style="italic dim")
    line.append_text(excerpt(h.text, h.highlights))
    return line


def excerpt(text: str, highlights: tuple[tuple[int, int], ...], size: int = EXCERPT) -> Text:
    """The matching text on one line (long text cut around its first match), matches highlighted.

    Control characters become placeholders one for one and line breaks
    spaces, so the highlight offsets stay valid.
    """
    flat = visible(text).replace("\n", " ")
    start, end = 0, len(flat)
    if len(flat) > size:
        first = highlights[0][0] if highlights else 0
        start = max(0, min(first - size // 3, len(flat) - size))
        while start > 0 and not flat[start - 1].isspace() and first - start < size // 2:
            start -= 1
        end = min(len(flat), start + size)
    out = Text("…" if start else "")
    shift = len(out) - start
    out.append(flat[start:end])
    if end < len(flat):
        out.append("…")
    for a, b in highlights:
        a, b = max(a, start), min(b, end)
        if a < b:
            out.stylize("bold reverse", a + shift, b + shift)
    return out
