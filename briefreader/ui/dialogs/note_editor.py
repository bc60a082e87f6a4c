"""The note editor: a modal with the note's text, its tags and what it is about.

``TextArea`` is imported where it is used: with its document model and
themes it is ~8 ms of imports that the reader's first frame does not need.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Input, Label, Static

from briefreader.model.display import one_line
from briefreader.model.edits import parse_tags
from briefreader.ui.widgets.keybar import KeyBar


@dataclass
class NoteDraft:
    """What the editor gives back: the text and the tags as typed."""

    text: str
    tags: list[str]


class NoteEditor(ModalScreen[NoteDraft | None]):
    """Write or edit a note; ctrl+s keeps it, escape cancels.

    One editor serves the whole app (``open_note_editor``): composing a text
    area, an input and their styles took ~40 ms on every open.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        # Not a priority binding: ctrl+s must wait in line behind the keys typed before it,
        # or a fast burst ("text" then ctrl+s) would be kept before its text arrived.
        Binding("ctrl+s", "keep", "Keep note", tooltip="Keep the note", id="note_editor.keep"),
        Binding(
            "escape",
            "cancel",
            "Cancel",
            priority=True,
            tooltip="Close without changing anything",
            id="note_editor.cancel",
        ),
        # Priority: the focus moves before the next key is handed on, so a tab typed
        # in the same burst as the text (a paste, a fast typist) reaches the tags field.
        Binding(
            "tab",
            "app.focus_next",
            "Tags",
            priority=True,
            tooltip="Between the text and its tags",
            id="note_editor.tags",
        ),
        Binding(
            "shift+tab",
            "app.focus_previous",
            "Text",
            show=False,
            priority=True,
            tooltip="Back to the text",
            id="note_editor.text",
        ),
    ]

    def __init__(self, about: str, text: str = "", tags: list[str] | None = None, title: str = "New note") -> None:
        super().__init__()
        self.about = about
        """What the note is anchored to, in words (plain text)."""
        self.initial_text = text
        self.initial_tags = tags or []
        self.heading = title

    def compose(self) -> ComposeResult:
        """Anchor line, text area, tags field."""
        from textual.widgets import TextArea

        with Vertical(id="note-dialog") as box:
            box.border_title = Content(self.heading)
            yield Static(self._about_line(), id="note-about")
            yield TextArea(self.initial_text, id="note-text", soft_wrap=True, show_line_numbers=False)
            yield Label("Tags (space or comma separated)")
            yield Input(" ".join(self.initial_tags), id="note-tags", placeholder="e.g. follow-up sanctions")
        yield KeyBar()

    def prepare(self, about: str, text: str = "", tags: list[str] | None = None, title: str = "New note") -> None:
        """Set the editor up for another note (before it is shown again)."""
        self.about, self.initial_text, self.initial_tags, self.heading = about, text, tags or [], title
        if self.is_mounted:
            from textual.widgets import TextArea

            self.query_one("#note-dialog").border_title = Content(title)
            self.query_one("#note-about", Static).update(self._about_line())
            area = self.query_one("#note-text", TextArea)
            area.load_text(text)
            area.move_cursor(area.document.end)
            self.query_one("#note-tags", Input).value = " ".join(self.initial_tags)

    def _about_line(self) -> Text:
        return Text.assemble(("About: ", "bold"), one_line(self.about, 200))

    def on_screen_resume(self) -> None:
        """Start typing the note straight away, each time the editor is shown."""
        from textual.widgets import TextArea

        self.query_one("#note-text", TextArea).focus()

    def action_keep(self) -> None:
        """Return the draft (an empty note is refused with a message)."""
        from textual.widgets import TextArea

        text = self.query_one("#note-text", TextArea).text
        if not text.strip():
            self.notify("A note needs some text (escape cancels).", severity="warning", markup=False)
            return
        self.dismiss(NoteDraft(text.rstrip("\n"), parse_tags(self.query_one("#note-tags", Input).value)))

    def action_cancel(self) -> None:
        """Close without changing anything."""
        self.dismiss(None)


EDITOR = "note-editor"
"""The name the one editor is installed under."""


def open_note_editor(
    app: App[Any],
    done: Callable[[NoteDraft | None], None],
    about: str,
    text: str = "",
    tags: list[str] | None = None,
    title: str = "New note",
) -> None:
    """Show the app's note editor for one note; ``done`` gets the draft (None: cancelled)."""
    if not app.is_screen_installed(EDITOR):
        app.install_screen(NoteEditor(about, text, tags, title), EDITOR)
    editor = app.get_screen(EDITOR)
    assert isinstance(editor, NoteEditor)
    editor.prepare(about, text, tags, title)
    app.push_screen(editor, done)


async def warm_up(screen: Screen[Any]) -> None:
    """Mount the editor's kinds of widget once, hidden, so the first note opens as fast as the rest.

    The first text area and input in an app add their styles to the
    stylesheet, which is parsed again: ~60 ms, better spent while the
    reader reads than when they press ``a``.
    """
    from textual.widgets import TextArea

    probes = [TextArea(classes="warm-up"), Input(classes="warm-up")]
    for probe in probes:
        probe.display = False
    await screen.mount_all(probes)
    for probe in probes:
        await probe.remove()
