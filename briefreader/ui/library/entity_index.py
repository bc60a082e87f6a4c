"""The entity index: every entity across the library's briefs, and the briefs that mention one.

Mentions in different briefs are joined by the index (the clustering
rules of one brief, made safe for many, plus ``alias`` corrections); this
view lists the result, most widely mentioned first, filtered as typed.
Enter lists the briefs that mention the entity; enter there opens a brief
at the entity's first mention (selected, so ] and [ walk its mentions),
and J / K in the reader go on to the next brief that mentions it.

Joining is computed in a thread worker: the first listing after a change
in the library can take a fraction of a second, and waits for a refresh
that holds the index.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import Input, Static

from briefreader.library import EntityMention, EntitySummary
from briefreader.model.display import one_line
from briefreader.model.labels import style_for
from briefreader.ui.library.library_reader import LibraryLink, Stop, Trail, open_stop
from briefreader.ui.widgets.filter_field import FilterField, filter_key
from briefreader.ui.widgets.keybar import KeyBar
from briefreader.ui.widgets.keyed_table import Column, KeyTable, share
from briefreader.ui.widgets.line import Line


class EntityTable(KeyTable):
    """One entity a row; enter lists the briefs that mention it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter", "select", "Briefs", tooltip="List the briefs that mention the entity", id="entity_table.select"
        ),
    ]


class MentionTable(KeyTable):
    """One brief a row; enter opens it at the entity's first mention."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter", "select", "Open", tooltip="Open the brief at the entity's first mention", id="mention_table.select"
        ),
    ]


@dataclass
class Loaded(Message):
    """A listing computed in the worker thread (``error``: why there is none)."""

    items: list[EntitySummary] | list[EntityMention]
    error: str = ""
    words: str = ""
    """The filter it was listed for (a listing for words typed since is dropped)."""


class ListScreen(Screen[None]):
    """What the entity index and an entity's briefs share: title, table, status, key bar, q to go back."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q,escape", "back", "Back", tooltip="Back to the list before", id="entity_list.back")
    ]

    status_line: var[Text] = var(Text)
    """What the status line says (bound into it)."""

    def __init__(self, link: LibraryLink) -> None:
        super().__init__()
        self.link = link

    def action_back(self) -> None:
        """``q`` / escape."""
        self.dismiss(None)


class EntityIndexScreen(ListScreen):
    """Every entity of the library, filtered as typed; enter lists the briefs that mention one."""

    AUTO_FOCUS = "EntityTable"

    BINDINGS: ClassVar[list[BindingType]] = [
        filter_key("entity_index", "Narrow the entities by words of their names and aliases"),
    ]

    filter: var[str] = var("", init=False)
    """Words of a name or alias the entities listed must match."""

    def __init__(self, link: LibraryLink) -> None:
        super().__init__(link)
        self.entities: list[EntitySummary] = []
        """The entities listed, in table order."""
        self.set_reactive(ListScreen.status_line, Text("Joining entities across briefs…", style="dim"))

    def compose(self) -> ComposeResult:
        """Title, filter, table, status, key bar."""
        yield Static(Text("Entity index", style="bold"), id="entity-title")
        yield FilterField("f  filter by name or alias", id="entity-filter")
        yield EntityTable(id="entity-table")
        yield Line(id="entity-status").data_bind(text=EntityIndexScreen.status_line)
        yield KeyBar()

    @property
    def table(self) -> EntityTable:
        """The table of entities."""
        return self.query_one(EntityTable)

    def on_mount(self) -> None:
        """Lay out the columns; list in a worker thread."""
        self.set_focus(self.table)
        self.table.set_columns(entity_columns(self.app.size.width), [])
        self.load()

    def load(self) -> None:
        """List the entities (filtered) in a worker thread."""
        self.table.loading = not self.entities
        words = self.filter

        def work() -> None:
            try:
                items: list[EntitySummary] = self.link.index.entities(filter=words)
            except Exception as exc:  # say why; the library is still there
                self.post_message(Loaded([], f"{type(exc).__name__}: {one_line(str(exc), 200)}", words))
                return
            self.post_message(Loaded(items, "", words))

        self.run_worker(work, thread=True, group="entities", exclusive=True)

    def on_loaded(self, message: Loaded) -> None:
        """Show the listing (unless the filter changed since it was asked for)."""
        if message.words != self.filter:
            return
        table = self.table
        table.loading = False
        if message.error:
            self.status_line = Text(f"Could not list the entities: {message.error}", style="red")
            return
        self.entities = [e for e in message.items if isinstance(e, EntitySummary)]
        table.fill([(str(i), entity_cells(e)) for i, e in enumerate(self.entities)], keep="0")
        unparsed = sum(1 for b in self.link.index.briefs() if not b.parsed)
        line = Text(f"{len(self.entities)} entities")
        if self.filter:
            line.append(" match the filter")
        if unparsed:
            line.append(f"  ·  {unparsed} briefs not parsed yet (the library parses them)", style="dim")
        self.status_line = line

    def on_resize(self) -> None:
        """Columns follow the width."""
        cols = entity_columns(self.app.size.width)
        if cols != self.table.layout_columns:
            self.table.set_columns(cols, [(str(i), entity_cells(e)) for i, e in enumerate(self.entities)])

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """``f`` is typed, not run, in the filter (priority: the focus moves before the next key arrives)."""
        return not (action == "filter" and isinstance(self.focused, Input))

    def action_filter(self) -> None:
        """``f``: type words of a name or alias."""
        self.set_focus(self.query_one(FilterField))

    @on(Input.Changed, "#entity-filter")
    def filter_changed(self, event: Input.Changed) -> None:
        """Every keystroke narrows the list."""
        self.filter = event.value.strip()

    def watch_filter(self) -> None:
        """Other words: list again."""
        self.load()

    def on_filter_field_done(self, event: FilterField.Done) -> None:
        """Back to the table."""
        self.set_focus(self.table)

    def on_key_table_row_selected(self, message: KeyTable.RowSelected) -> None:
        """Enter: the briefs that mention the entity."""
        message.stop()
        i = int(message.key)
        if i < len(self.entities):
            self.app.push_screen(MentioningScreen(self.link, self.entities[i]))


class MentioningScreen(ListScreen):
    """The briefs that mention one entity, newest first; enter opens one at its first mention."""

    AUTO_FOCUS = "MentionTable"

    def __init__(self, link: LibraryLink, entity: EntitySummary) -> None:
        super().__init__(link)
        self.entity = entity
        """The entity whose briefs are listed."""
        self.mentions: list[EntityMention] = []
        """The briefs listed, in table order."""
        self.set_reactive(ListScreen.status_line, Text("Finding the briefs…", style="dim"))

    def compose(self) -> ComposeResult:
        """Title (the entity), table, status, key bar."""
        e = self.entity
        title = Text.assemble((one_line(e.name, 60), f"bold {style_for(e.label)}"), f" · {e.label}")
        if e.aliases:
            title.append("  also " + one_line(", ".join(e.aliases), 80), style="dim italic")
        yield Static(title, id="mention-title")
        yield MentionTable(id="mention-table")
        yield Line(id="mention-status").data_bind(text=MentioningScreen.status_line)
        yield KeyBar()

    @property
    def table(self) -> MentionTable:
        """The table of briefs."""
        return self.query_one(MentionTable)

    def on_mount(self) -> None:
        """Find the briefs in a worker thread."""
        self.set_focus(self.table)
        self.table.set_columns(mention_columns(self.app.size.width), [])
        self.table.loading = True
        key = self.entity.key

        def work() -> None:
            try:
                self.post_message(Loaded(self.link.index.briefs_mentioning(key)))
            except Exception as exc:  # say why; the library is still there
                self.post_message(Loaded([], f"{type(exc).__name__}: {one_line(str(exc), 200)}"))

        self.run_worker(work, thread=True, group="mentions", exclusive=True)

    def on_loaded(self, message: Loaded) -> None:
        """Show the briefs."""
        self.table.loading = False
        if message.error:
            self.status_line = Text(f"Could not list the briefs: {message.error}", style="red")
            return
        self.mentions = [m for m in message.items if isinstance(m, EntityMention)]
        self.table.fill([(str(i), mention_cells(m)) for i, m in enumerate(self.mentions)], keep="0")
        self.show_status()

    def show_status(self) -> None:
        """How many briefs, and the file of the one under the cursor."""
        n = len(self.mentions)
        line = Text(f"Mentioned in {n} brief{'s' if n != 1 else ''}")
        key = self.table.current_key
        if key is not None and int(key) < n:
            line.append("  ·  " + one_line(self.mentions[int(key)].brief.rel, 100), style="dim")
        line.append("   enter opens it at the first mention", style="dim")
        self.status_line = line

    def on_key_table_row_highlighted(self, message: KeyTable.RowHighlighted) -> None:
        """The status line names the file under the cursor."""
        self.show_status()

    def on_key_table_row_selected(self, message: KeyTable.RowSelected) -> None:
        """Enter: open the brief at the first mention; J / K go on through the others."""
        message.stop()
        stops = [Stop(m.brief.path, m.brief.rel, (m.start, m.end), m.name) for m in self.mentions]
        i = int(message.key)
        if i < len(stops):
            open_stop(self.app, self.link, Trail(stops, i))


def entity_columns(width: int) -> list[Column]:
    """Name, label, briefs, mentions, other spellings."""
    cols = [
        Column("name", "Name", 0, weight=3),
        Column("label", "Label", 11 if width >= 100 else 8),
        Column("briefs", "Briefs", 6, right=True),
        Column("mentions", "Mentions", 8, right=True),
        Column("aliases", "Also", 0, weight=2),
    ]
    return share(width - 1, cols)


def entity_cells(e: EntitySummary) -> list[Text]:
    """One entity's row."""
    return [
        Text(one_line(e.name, 200), no_wrap=True, overflow="ellipsis"),
        Text(e.label, style=style_for(e.label), no_wrap=True, overflow="ellipsis"),
        Text(str(e.briefs), justify="right"),
        Text(str(e.mentions), justify="right"),
        Text(one_line(", ".join(e.aliases), 300), style="dim italic", no_wrap=True, overflow="ellipsis"),
    ]


def mention_columns(width: int) -> list[Column]:
    """Title, date, the entity's name there, mentions."""
    cols = [
        Column("title", "Brief", 0, weight=3),
        Column("date", "Date", 10),
        Column("name", "Called", 0, weight=1),
        Column("mentions", "Mentions", 8, right=True),
    ]
    return share(width - 1, cols)


def mention_cells(m: EntityMention) -> list[Text]:
    """One brief's row."""
    b = m.brief
    return [
        Text(one_line(b.title or b.rel, 200), no_wrap=True, overflow="ellipsis"),
        Text(b.date or "—", style="" if b.date else "dim"),
        Text(one_line(m.name, 100), no_wrap=True, overflow="ellipsis"),
        Text(str(m.mentions), justify="right"),
    ]
