"""The help screen: every key, from the one table the footer and README follow."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

KEYS: list[tuple[str, str, str]] = [
    ("Anywhere", "tab / shift+tab", "next / previous pane"),
    ("Anywhere", "j k / ↓ ↑", "move (sentence in the Article, item in a list)"),
    ("Anywhere", "g / G", "top / bottom"),
    ("Anywhere", "space, pgdn / pgup", "page down / up"),
    ("Anywhere", "/", "search the brief; n / N next / previous match"),
    ("Anywhere", "] / [", "next / previous mention of the selected entity"),
    ("Anywhere", "a", "add a note: to the sentence, or the entity / key point in focus"),
    ("Anywhere", "+", "mark words of the cursor's sentence as an entity the model missed"),
    ("Anywhere", "1 … 9", "show / hide a label's highlights (see the legend)"),
    ("Anywhere", "escape", "clear search and highlights"),
    ("Anywhere", "ctrl+z", "undo the last edit"),
    ("Anywhere", "ctrl+s", "save the annotated brief (YAML)"),
    ("Anywhere", "ctrl+o", "open another brief"),
    ("Anywhere", "ctrl+p", "command palette: every action by name"),
    ("Anywhere", "? / f1", "this help"),
    ("Anywhere", "q", "quit (asks when there are unsaved changes)"),
    ("Entities", "enter", "show the first mention"),
    ("Entities", "e", "relabel (PERSON, ORG, GPE, …)"),
    ("Entities", "x", "reject: hide it, also after a re-parse"),
    ("Entities", "m", "merge into another entity"),
    ("Entities", "R", "rename"),
    ("Entities", "s", "split one spelling off into an entity of its own"),
    ("Entities", "h / u", "list rejected entities too / restore the one highlighted"),
    ("Key points", "enter", "jump to the evidence and highlight it"),
    ("Key points", "p", "pin / unpin (pinned come first, survive a re-parse)"),
    ("Key points", "t", "give it your own title"),
    ("Key points", "o", "order by score / by place in the text"),
    ("Notes", "moving onto a note", "shows what it is anchored to"),
    ("Notes", "enter", "edit the note"),
    ("Notes", "d / delete", "delete the note (asks first)"),
    ("Note editor", "ctrl+s / escape", "keep / cancel"),
]


def key_table() -> Table:
    """The keys as a Rich table (plain Text cells: nothing here is markup)."""
    table = Table(show_header=True, header_style="bold", expand=True, box=None, padding=(0, 2))
    table.add_column("Where", style="dim", no_wrap=True)
    table.add_column("Key", style="bold", no_wrap=True)
    table.add_column("What it does")
    last = ""
    for where, key, what in KEYS:
        table.add_row(Text(where if where != last else ""), Text(key), Text(what))
        last = where
    return table


class HelpScreen(ModalScreen[None]):
    """Lists every key; any of escape, q, ? or f1 closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark,f1", "close", "Close"),
    ]

    def compose(self) -> ComposeResult:
        """The key table in a scrolling box."""
        with VerticalScroll(id="help-box") as box:
            box.border_title = "briefreader keys"
            yield Static(key_table())

    def action_close(self) -> None:
        """Back to the brief."""
        self.dismiss(None)
