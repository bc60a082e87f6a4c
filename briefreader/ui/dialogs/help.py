"""The help screen: every key, read from the bindings (see ``ui.keys``)."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from briefreader.ui.key_list import KeyRow
from briefreader.ui.widgets.keybar import KeyBar
from briefreader.ui.widgets.moves import moves


def key_table(rows: list[KeyRow]) -> Table:
    """The keys as a Rich table, a heading per place (plain Text cells: nothing here is markup).

    Two columns, so "what it does" keeps room to read at 80 columns.
    """
    table = Table(show_header=False, expand=True, box=None, padding=(0, 1))
    table.add_column("Key", style="bold", no_wrap=True, max_width=24)
    table.add_column("Action", ratio=1)
    last = ""
    for r in rows:
        if r.where != last:
            table.add_row(Text(("\n" if last else "") + r.where, style="bold underline"), Text(""))
            last = r.where
        action = Text(r.name, style="bold")
        if r.what and r.what != r.name:
            action.append("  " + r.what, style="dim")
        table.add_row(Text(r.keys or "ctrl+p"), action)
    return table


class HelpScroll(VerticalScroll):
    """The scrolling box, moved with the reader's keys."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *moves(
            "help",
            ("scroll_down", "scroll_up", "scroll_home", "scroll_end", "page_down", "page_up"),
            ("A line down", "A line up", "The top", "The end", "A page down", "A page up"),
            page_up="pageup,b",
            show_page=True,
        ),
    ]


class HelpScreen(ModalScreen[None]):
    """Lists every key; escape, q, ? or f1 closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark,f1", "close", "Close", id="help.close"),
    ]

    def __init__(self, rows: list[KeyRow]) -> None:
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        """The key table in a scrolling box; the key bar says how to scroll and close."""
        with HelpScroll(id="help-box") as box:
            box.border_title = "briefreader keys"
            box.border_subtitle = "j k space scroll · escape closes"
            yield Static(key_table(self.rows))
        yield KeyBar(hints=[("j k", "scroll")])

    def on_mount(self) -> None:
        """Scroll keys work at once."""
        self.query_one(HelpScroll).focus()

    def action_close(self) -> None:
        """Back to the brief."""
        self.dismiss(None)
