"""This brief only, or all briefs? The question an entity correction asks, and the setting that skips it.

Relabel, reject, merge and mark are corrections an analyst often wants
everywhere ("Nvidia is an ORG", "two-plus-two is no entity"). The reader
asks once per correction; the answer "all briefs" makes the change here
and writes ``corrections.yaml`` (``session.correction_entries``), which every
later parse applies. The setting in ``settings.yaml`` (ask, this brief,
all briefs) skips the question; the dialog's "remember" box and the
palette's "Corrections apply to…" set it.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from briefreader.io.config_folder import corrections_path
from briefreader.io.errors import BriefError
from briefreader.io.settings import SCOPE_KEY, SCOPES, load_settings, save_setting
from briefreader.model.display import one_line
from briefreader.session.correction_entries import Entry, save_for_all, still_held
from briefreader.ui.dialogs.choose import Choose
from briefreader.ui.widgets.keybar import KeyBar
from briefreader.ui.widgets.passage import Passage
from briefreader.ui.widgets.tick_box import TickBox

Answer = tuple[str, bool]
"""(``brief`` or ``all``, whether to remember it)."""


class ScopeDialog(ModalScreen[Answer | None]):
    """Ask where a correction applies; returns (scope, remember), or None on escape (nothing is changed)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="scope_dialog.cancel"),
        Binding("left,up", "app.focus_previous", "Previous", show=False, id="scope_dialog.previous"),
        Binding("right,down", "app.focus_next", "Next", show=False, id="scope_dialog.next"),
    ]

    def __init__(self, entries: list[Entry]) -> None:
        super().__init__()
        self.entries = entries
        """What "all briefs" would write to ``corrections.yaml``."""

    def compose(self) -> ComposeResult:
        """The correction, the question, three answers and the remember box."""
        question = Text("\n".join(e.describe() for e in self.entries), style="bold")
        question.append("\n\nIn this brief only, or in all briefs?\n")
        question.append(
            "All briefs also writes it to corrections.yaml: every brief parsed from now on applies it"
            " (saved briefs keep their annotations until re-parsed).",
            style="dim",
        )
        with Vertical(classes="dialog confirm scope"):
            with Passage(classes="question"):
                yield Static(question)
            yield TickBox(Content("Remember my answer (ctrl+p “Corrections apply to…” changes it)"), id="remember")
            with Horizontal(classes="buttons"):
                yield Button(Content("This brief"), id="brief", variant="primary")
                yield Button(Content("All briefs"), id="all")
                yield Button(Content("Cancel"), id="cancel")
        yield KeyBar(hints=[("←→", "choose"), ("⏎", "answer"), ("space", "tick")])

    def on_mount(self) -> None:
        """This brief only is the default answer."""
        self.query_one("#brief", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Answer with the button's scope."""
        if event.button.id in ("brief", "all"):
            self.dismiss((event.button.id, self.query_one(TickBox).value))
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        """Escape: no change at all."""
        self.dismiss(None)


async def ask_scope(app: App[Any], entries: list[Entry]) -> str | None:
    """Ask where a correction applies (in a worker): ``brief`` or ``all``, remembered if ticked; None: cancelled."""
    answer = await app.push_screen_wait(ScopeDialog(entries))
    if answer is None:
        return None
    scope, remember = answer
    if remember:
        set_default_scope(app, scope)
    return scope


def save_for_all_briefs(app: App[Any], entries: list[Entry]) -> str | None:
    """Write the correction to ``corrections.yaml`` (it was made in this brief), and say so.

    Returns what undoing it in this brief leaves in the file (``still_held``),
    for the session to say at ctrl+z; None when nothing was written.
    """
    try:
        line = save_for_all(entries)
    except BriefError as exc:
        app.notify(
            f"Changed in this brief only: {one_line(exc.reason, 300)}",
            title="Not saved for all briefs",
            severity="error",
            markup=False,
            timeout=15,
        )
        return None
    app.notify(one_line(line, 300), title="Corrections", markup=False)
    return still_held(entries, corrections_path()) if line else None


def set_default_scope(app: App[Any], scope: str) -> None:
    """Keep ``scope`` as the answer from now on (in ``settings.yaml``)."""
    try:
        path = save_setting(SCOPE_KEY, scope)
    except BriefError as exc:
        app.notify(one_line(exc.reason, 300), title="Setting not saved", severity="error", markup=False)
        return
    app.notify(f"Entity corrections: {SCOPES[scope]} (saved in {path.name})", markup=False)


async def choose_default_scope(app: App[Any]) -> None:
    """The palette's "Corrections apply to…": pick the setting (in a worker)."""
    now = load_settings().corrections_scope
    items = [
        (key, Text.assemble(words.capitalize(), ("  (now)", "dim") if key == now else ""))
        for key, words in SCOPES.items()
    ]
    scope = await app.push_screen_wait(Choose("Entity corrections apply to…", items))
    if scope in SCOPES:
        set_default_scope(app, scope)
