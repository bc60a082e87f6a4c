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

from collections.abc import Callable
from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Checkbox, Static

from briefreader.io.errors import BriefError
from briefreader.io.settings import SCOPE_KEY, SCOPES, load_settings, save_setting
from briefreader.model.display import one_line
from briefreader.model.document import Document
from briefreader.session.changes import Change
from briefreader.session.correction_entries import Entry, entries_for, save_for_all
from briefreader.ui.dialogs.choose import Choose
from briefreader.ui.widgets.keybar import KeyBar
from briefreader.ui.widgets.passage import Passage

Answer = tuple[str, bool]
"""(``brief`` or ``all``, whether to remember it)."""


class ScopeDialog(ModalScreen[Answer | None]):
    """Ask where a correction applies; returns (scope, remember), or None on escape (nothing is changed)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("left,up", "app.focus_previous", "Previous", show=False),
        Binding("right,down", "app.focus_next", "Next", show=False),
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
            yield Checkbox(Content("Remember my answer (ctrl+p “Corrections apply to…” changes it)"), id="remember")
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
            self.dismiss((event.button.id, self.query_one(Checkbox).value))
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        """Escape: no change at all."""
        self.dismiss(None)


class CorrectionScope:
    """Runs entity changes on one reading screen, asking first whether they apply to all briefs."""

    def __init__(self, screen: Screen[Any], doc: Callable[[], Document], apply: Callable[[Change], bool]) -> None:
        self.screen = screen
        self.doc = doc
        """The Document as it is now (entries are read before the change is made)."""
        self.apply = apply
        """Make the change in this brief; True when it was made."""
        self._told: set[str] = set()

    def request(self, change: Change) -> None:
        """Apply ``change``; for a correction that can apply everywhere, first ask (or follow the setting)."""
        entries = entries_for(change, self.doc())
        if not entries:
            self.apply(change)
            return
        settings = load_settings()
        for problem in settings.problems:
            if problem not in self._told:
                self._told.add(problem)
                self.screen.notify(one_line(problem, 300), title="Settings", severity="warning", markup=False)
        if settings.corrections_scope != "ask":
            self._answered(change, entries, settings.corrections_scope)
            return

        def answered(answer: Answer | None) -> None:
            if answer is None:
                return
            scope, remember = answer
            if remember:
                self.set_default(scope)
            self._answered(change, entries, scope)

        self.screen.app.push_screen(ScopeDialog(entries), answered)

    def _answered(self, change: Change, entries: list[Entry], scope: str) -> None:
        if not self.apply(change) or scope != "all":
            return
        try:
            line = save_for_all(entries)
        except BriefError as exc:
            self.screen.notify(
                f"Changed in this brief only: {one_line(exc.reason, 300)}",
                title="Not saved for all briefs",
                severity="error",
                markup=False,
                timeout=15,
            )
            return
        self.screen.notify(one_line(line, 300), title="Corrections", markup=False)

    def set_default(self, scope: str) -> None:
        """Keep ``scope`` as the answer from now on (in ``settings.yaml``)."""
        try:
            path = save_setting(SCOPE_KEY, scope)
        except BriefError as exc:
            self.screen.notify(one_line(exc.reason, 300), title="Setting not saved", severity="error", markup=False)
            return
        self.screen.notify(f"Entity corrections: {SCOPES[scope]} (saved in {path.name})", markup=False)

    def choose_default(self) -> None:
        """The palette's "Corrections apply to…": pick the setting."""
        now = load_settings().corrections_scope
        items = [
            (key, Text.assemble(words.capitalize(), ("  (now)", "dim") if key == now else ""))
            for key, words in SCOPES.items()
        ]

        def chosen(scope: str | None) -> None:
            if scope in SCOPES:
                self.set_default(scope)

        self.screen.app.push_screen(Choose("Entity corrections apply to…", items), chosen)
