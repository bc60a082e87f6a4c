"""The library screen: every brief under a folder in one table, sorted, filtered, opened with enter.

The table paints from the index as it is (a warm index lists 2,000 briefs
in a few milliseconds); the index is then brought up to date in a thread
and the table fills in, and briefs nobody has parsed are parsed in the
background (``library.library_work``), each row's counts arriving as its parse
finishes. Enter opens a brief in the reader; q there comes back to the
same row, with its status and counts read again; J / K in the reader walk
the rows in the table's order. ``/`` searches every brief, ``e`` opens
the entity index.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import Input

from briefreader.library import BriefInfo, LibraryIndex
from briefreader.model.display import one_line
from briefreader.session import ParseService
from briefreader.session.files import display_name
from briefreader.ui.key_list import KeyRow, key_actions, key_rows
from briefreader.ui.library.brief_table import SORT_NAMES, BriefTable, bar, cells, columns
from briefreader.ui.library.library_lines import Counts, LibraryStatus, LibraryTitle
from briefreader.ui.library.library_reader import LibraryLink, LibraryReaderScreen, Stop, Trail, open_stop
from briefreader.ui.library.library_work import BriefParsed, IndexProgress, IndexRefreshed, LibraryWork
from briefreader.ui.widgets.filter_field import FilterField, filter_key
from briefreader.ui.widgets.keybar import KeyBar
from briefreader.ui.widgets.keyed_table import KeyTable
from briefreader.ui.widgets.search_bar import SearchBar

if TYPE_CHECKING:
    from briefreader.ui.commands import PaletteCommand

RELOAD_EVERY = 0.5
"""Seconds between re-reading the table while a refresh indexes briefs (a cold index fills in)."""


class LibrarySearchBar(SearchBar, inherit_bindings=False):
    """The library's search bar: its field over the status line, enter searches every brief.

    Its ``/`` is the screen's (a priority key, listed with the library's), and there are no matches to step.
    """

    BINDINGS: ClassVar[list[BindingType]] = []
    PLACEHOLDER = 'search every brief: words, "a phrase", prefix*  (enter: search, escape: close)'


class LibraryScreen(Screen[None]):
    """Title, filter, the table of briefs, a progress and status line, the key bar."""

    AUTO_FOCUS = "BriefTable"

    BINDINGS: ClassVar[list[BindingType]] = [
        filter_key("library", "Narrow the rows by words of titles, entity names, tags and notes"),
        Binding("s", "sort", "Sort", tooltip="Sort by a column: date, title, file, status, counts", id="library.sort"),
        Binding("S", "reverse", "Reverse", show=False, tooltip="Reverse the order", id="library.reverse"),
        # Priority, as f: the words typed straight after / land in the field.
        Binding(
            "slash",
            "search",
            "Search",
            priority=True,
            tooltip="Search the text, key points and notes of every brief",
            id="library.search",
        ),
        Binding(
            "e",
            "entities",
            "Entities",
            tooltip="The entity index: every entity across the briefs",
            id="library.entities",
        ),
        Binding(
            "r",
            "refresh",
            "Refresh",
            show=False,
            tooltip="Read the folder again (new, edited, moved briefs)",
            id="library.refresh",
        ),
        Binding("question_mark,f1", "help", "Help", tooltip="Every key", id="library.help"),
        Binding("q", "app.quit", "Quit", tooltip="Quit briefreader", id="library.quit"),
    ]

    sort: var[str] = var("date", init=False)
    """The column the rows are sorted by (``LibraryIndex.briefs``' keys)."""
    descending: var[bool] = var(True, init=False)
    """The order: newest, largest, last first."""
    filter: var[str] = var("", init=False)
    """Words the rows must match (titles, entity names, tags, notes)."""
    progress: var[Text] = var(Text)
    """The background work, as the status line says it."""
    counts: var[Counts] = var(Counts)
    """How many briefs, how many new, how many match (the title line)."""
    current: var[BriefInfo | None] = var(None)
    """The brief under the table's cursor (the status line names it)."""
    hint: var[str] = var("")
    """Why no row is shown (the status line says it)."""

    def __init__(self, index: LibraryIndex, parser: ParseService, *, recovery: bool = True, parse: bool = True) -> None:
        super().__init__()
        self.index = index
        self.work = LibraryWork(self, index, parser, parse=parse)
        self.link = LibraryLink(index, parser, self.work, recovery)
        """What the readers opened from here share with the library."""
        self.rows: list[BriefInfo] = []
        """The briefs shown, in table order."""
        self._width = 0
        self._reloaded = 0.0
        self._resumed = False

    @classmethod
    def key_rows(cls, keymap: dict[str, str] | None = None) -> list[KeyRow]:
        """The help table, from the bindings: the library's screens, and what a reader opened from them adds."""
        return key_rows(key_actions(sections(), keymap)) + reader_rows(keymap)

    # Layout ------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        """One line of title, the filter, the table, one line of status, the key bar."""
        s = LibraryScreen
        with LibrarySearchBar():
            yield LibraryTitle(display_name(self.index.root), id="library-title").data_bind(
                s.counts, s.filter, s.sort, s.descending
            )
            yield FilterField("f  filter by title, entity, tag or note words", id="library-filter")
            yield BriefTable(id="library-table")
            yield LibraryStatus(id="library-status").data_bind(s.current, s.hint, s.progress)
        yield KeyBar()

    @property
    def table(self) -> BriefTable:
        """The table of briefs."""
        return self.query_one(BriefTable)

    def on_mount(self) -> None:
        """Paint the first screenful of what the index holds now; every row, then the refresh, after that frame."""
        width = self.app.size.width
        if self.sort == "date" and self.descending and not self.filter:
            # The newest briefs from one query: 20,000 rows cost a seventh of a second before the first frame.
            self._show(self.index.newest(self.app.size.height), width, None, self.index.counts())
        else:
            self.reload(width=width)
        self.set_focus(self.table)
        self.call_after_refresh(self._start)

    def _start(self) -> None:
        self.reload()
        self._tell_notices()
        self.work.refresh()

    def on_screen_resume(self) -> None:
        """Back from a reader (or search, or the entity index): re-read the folder, the row stays."""
        if self._resumed:
            self.work.refresh()
        self._resumed = True

    def on_resize(self) -> None:
        """Columns follow the width."""
        if self.app.size.width != self._width:
            self.reload(width=self.app.size.width)

    # The rows -----------------------------------------------------------------------------

    def reload(self, width: int | None = None, keep: str | None = None) -> None:
        """Read the rows from the index (sorted, filtered) and show them, the cursor on the same brief."""
        rows = self.index.briefs(self.sort, self.descending, self.filter)
        counts = self.index.counts() if self.filter else (len(rows), sum(b.status == "new" for b in rows))
        self._show(rows, width, keep, counts)

    def _show(self, rows: list[BriefInfo], width: int | None, keep: str | None, counts: tuple[int, int]) -> None:
        """Show ``rows``, each row's cells made when it is drawn, the cursor on the same brief; ``counts``: all, new."""
        self.rows = rows
        self._reloaded = time.monotonic()
        cols = columns(width or self._width, self.sort, self.descending)
        table = self.table
        if width is not None or cols != table.layout_columns:
            self._width = width or self._width
            table.layout_columns = cols

        def row(i: int) -> list[Text]:
            return cells(rows[i], cols)  # read when drawn: a row parsed before its turn shows as it is then

        table.show([b.rel for b in rows], row, keep)
        self.counts = Counts(counts[0], counts[1], len(rows))
        self.show_current()
        if self.rows:
            self.hint = ""
        elif self.filter:
            self.hint = "No brief matches the filter (f, then escape, clears it)."
        elif not self.work.refreshing:
            self.hint = "No briefs in this folder or its subfolders (.txt, .md, .yaml); r reads it again."
        else:
            self.hint = ""

    def watch_sort(self) -> None:
        """Another column: the rows again."""
        self.reload()

    def watch_descending(self) -> None:
        """The other way round: the rows again."""
        self.reload()

    def watch_filter(self) -> None:
        """Other words: the rows again."""
        self.reload()

    def show_current(self) -> None:
        """The status line follows the brief under the cursor."""
        key = self.table.current_key
        at = self.table.row_index(key) if key else None  # the table's rows are self.rows, in order
        self.current = self.rows[at] if at is not None and at < len(self.rows) else None

    def on_key_table_row_highlighted(self, message: KeyTable.RowHighlighted) -> None:
        """The status line names the brief under the cursor."""
        self.show_current()

    def on_key_table_row_selected(self, message: KeyTable.RowSelected) -> None:
        """Enter: open the brief; J / K in the reader follow the table's order."""
        message.stop()
        key = message.key
        stops = [Stop(b.path, b.rel) for b in self.rows]
        at = next((i for i, b in enumerate(self.rows) if b.rel == key), None)
        if at is not None:
            open_stop(self.app, self.link, Trail(stops, at, self._follow))

    def _follow(self, stop: Stop) -> None:
        """The reader moved to another brief of the table: the cursor follows, so q comes back to it."""
        row = self.table.row_index(stop.key)
        if row is not None:  # else the row was filtered away meanwhile: the cursor stays
            self.table.move_cursor(row)

    def on_key_table_header_selected(self, message: KeyTable.HeaderSelected) -> None:
        """A click on a heading sorts by it (again: the other way)."""
        self.sort_by(message.column)

    def sort_by(self, key: str) -> None:
        """Sort by a column; the same one again reverses the order."""
        if key == self.sort:
            self.descending = not self.descending
        else:
            self.descending = key in ("date", "entities", "key_points", "notes")
            self.sort = key

    # Filter -------------------------------------------------------------------------------

    def action_filter(self) -> None:
        """``f``: type words to narrow the rows (the focus moves at once: the next keys typed are the words)."""
        self.set_focus(self.query_one(FilterField))

    @on(Input.Changed, "#library-filter")
    def filter_changed(self, event: Input.Changed) -> None:
        """Every keystroke narrows the rows."""
        self.filter = event.value.strip()

    def on_filter_field_done(self, event: FilterField.Done) -> None:
        """Back to the table."""
        self.set_focus(self.table)

    # Keys ---------------------------------------------------------------------------------

    def action_sort(self) -> None:
        """``s``: choose the column to sort by."""
        from briefreader.ui.dialogs.choose import Choose

        items = []
        for key, name in SORT_NAMES.items():
            line = Text(name.capitalize())
            if key == self.sort:
                line.append("  (now; choose again to reverse)", style="dim")
            items.append((key, line))

        def chosen(key: str | None) -> None:
            if key:
                self.sort_by(key)

        self.app.push_screen(Choose("Sort the briefs by", items), chosen)

    def action_reverse(self) -> None:
        """``S``: the other way round."""
        self.sort_by(self.sort)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """``f`` and ``/`` are typed, not run, while a field has the keys."""
        return not (action in ("filter", "search") and isinstance(self.focused, Input))

    def action_search(self) -> None:
        """``/``: the search field, over the status line (enter lists the hits of every brief)."""
        self.query_one(SearchBar).open()

    def on_search_bar_submitted(self, message: SearchBar.Submitted) -> None:
        """Enter in the search field: the hits, on their own screen."""
        from briefreader.ui.library.search_results import SearchResultsScreen

        if query := message.query.strip():
            self.app.push_screen(SearchResultsScreen(self.link, query))

    def action_entities(self) -> None:
        """``e``: the entity index."""
        from briefreader.ui.library.entity_index import EntityIndexScreen

        self.app.push_screen(EntityIndexScreen(self.link))

    def action_refresh(self) -> None:
        """``r``: read the folder again."""
        self.work.failed.clear()
        self.work.refresh()

    def action_help(self) -> None:
        """``?``: every key of the library."""
        from briefreader.ui.dialogs.help import HelpScreen
        from briefreader.ui.textual_private import keymap_in_force

        self.app.push_screen(HelpScreen(self.key_rows(dict(keymap_in_force(self.app)))))

    def palette_commands(self) -> list[PaletteCommand]:
        """The library's actions, named as the help names them."""
        from briefreader.ui.commands import key_commands
        from briefreader.ui.textual_private import keymap_in_force

        keymap = keymap_in_force(self.app)
        acts = [a for a in key_actions(sections()[:2], keymap) if a.action != "app.quit"]  # the App offers Quit
        return key_commands(self, acts)

    # Background work ----------------------------------------------------------------------

    def on_index_progress(self, message: IndexProgress) -> None:
        """A refresh is indexing: say how far, and show the rows it has committed."""
        p = message.progress
        self.progress = Text(f"Indexing {p.done} of {p.total}…", style="bold")
        if time.monotonic() - self._reloaded >= RELOAD_EVERY:
            self.reload()

    def on_index_refreshed(self, message: IndexRefreshed) -> None:
        """The index is up to date: show it, then parse what nobody has parsed."""
        self.work.refreshing = False
        self.progress = Text()
        if message.error:
            self.notify(f"The index could not be brought up to date: {message.error}", severity="error", markup=False)
        self._tell_notices()
        self.reload()
        # The rows on screen first (newest first, by default), then those the filter hides.
        everything = self.index.briefs() if self.filter else self.rows
        shown = {b.rel for b in self.rows}
        todo = [b.rel for b in [*self.rows, *(b for b in everything if b.rel not in shown)] if _needs_parse(b)]
        if todo and self.work.parse_enabled:
            self.progress = Text(f"Parsing {len(todo)} new brief{'s' if len(todo) != 1 else ''}…", style="bold")
        self.work.parse(todo)

    def on_brief_parsed(self, message: BriefParsed) -> None:
        """One more brief parsed in the background: its row shows its counts."""
        b = self.index.brief(message.rel)
        if b is not None:
            at = self.table.row_index(b.rel)  # the table's rows are self.rows, in order
            if at is not None and at < len(self.rows):
                self.rows[at] = b
            self.table.update_row(b.rel, cells(b, self.table.layout_columns))
            self.show_current()
        if not message.current:
            return
        progress = bar(message.done, message.total)
        self.progress = Text.assemble(("Parsing new briefs ", "bold"), f"{message.done} of {message.total} ", progress)
        if not message.ok and message.reason:
            self.notify(
                f"{one_line(message.rel, 80)}: {one_line(message.reason, 200)}", title="Not parsed", markup=False
            )
        if message.done == message.total:
            self.progress = Text(f"Parsed {message.total} new brief{'s' if message.total != 1 else ''}", style="dim")
            self.reload()

    def _tell_notices(self) -> None:
        for notice in self.index.notices:
            self.notify(one_line(notice, 300), title="Library index", severity="warning", markup=False, timeout=10)
        self.index.notices.clear()


def _needs_parse(b: BriefInfo) -> bool:
    return not b.parsed and b.status != "error"


def sections() -> list[tuple[str, type]]:
    """Where the keys of the library's screens act, in help order (help, the palette, the README).

    The library's own two first (its palette offers those); the reader
    opened from a list adds q, J and K to the reader's keys (listed there).
    """
    from briefreader.ui.library.entity_index import EntityIndexScreen, EntityTable, ListScreen, MentionTable
    from briefreader.ui.library.search_results import QueryField, ResultList, SearchResultsScreen

    return [
        ("Library", LibraryScreen),
        ("Library", BriefTable),
        ("Tables", KeyTable),
        ("Filter", FilterField),
        ("Search results", SearchResultsScreen),
        ("Search query", QueryField),
        ("Search results", ResultList),
        ("Entity index", EntityIndexScreen),
        ("Entity index", EntityTable),
        ("Entity index", ListScreen),
        ("An entity's briefs", MentionTable),
    ]


def reader_rows(keymap: dict[str, str] | None = None) -> list[KeyRow]:
    """The keys a reader opened from a list adds to the reader's (for the README)."""
    added = {"back", "next_brief(1)", "next_brief(-1)"}
    acts = [a for a in key_actions([("Reader from a list", LibraryReaderScreen)], keymap) if a.action in added]
    return key_rows(acts)
