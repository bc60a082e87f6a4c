"""Unsaved work written aside while reading, and offered back on the next start.

A few seconds after the last change this session's work is written to its
own recovery file (``briefreader.io.recovery``). On opening a brief, work
that earlier sessions left on it is offered, newest first, one question at
a time: "Not now" keeps every file for another day.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual.screen import Screen
from textual.timer import Timer

from briefreader.io.errors import BriefError
from briefreader.io.recovery import Pending
from briefreader.model.display import one_line
from briefreader.session.brief import BriefSession

RECOVERY_DELAY = 3.0
"""Seconds after the last change before unsaved work is written aside."""


class RecoveryKeeper:
    """Writes one session's unsaved work aside, and offers back what earlier sessions left."""

    def __init__(self, screen: Screen[Any], session: BriefSession, changed: Callable[[str], None]) -> None:
        self.screen = screen
        self.session = session
        self.changed = changed
        """Called with a status line after a restore."""
        self._timer: Timer | None = None
        self._warned = False

    def touched(self) -> None:
        """An edit happened: write a few seconds after the last one."""
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.screen.set_timer(RECOVERY_DELAY, self.write_now)

    def write_now(self) -> None:
        """Write unsaved work aside now; a failure is said once and never interrupts reading."""
        try:
            self.session.write_recovery()
        except BriefError as exc:
            if not self._warned:
                self._warned = True
                self.screen.notify(
                    f"Could not write the recovery file: {one_line(exc.reason, 200)}", severity="warning", markup=False
                )

    def offer(self) -> None:
        """Offer what earlier sessions left, newest first."""
        pending = self.session.pending_recoveries()
        if pending:
            self._ask(pending)

    def _ask(self, pending: list[Pending]) -> None:
        from briefreader.ui.dialogs.confirm import Confirm

        first, rest = pending[0], pending[1:]
        stamp = first.written.astimezone().strftime("%Y-%m-%d %H:%M")
        n = len(first.doc.notes)
        question = Text(f"Unsaved work on this brief was kept from {stamp} ({n} note{'s' if n != 1 else ''}).")
        if rest:
            question.append(f"\n{len(rest)} older set{'s' if len(rest) != 1 else ''} of unsaved work also kept.")
        question.append("\nRestore it?")

        def answered(choice: str | None) -> None:
            if choice == "restore":
                self.changed(self.session.restore(first))
            elif choice == "discard":
                self.session.discard(first)
                if rest:
                    self._ask(rest)

        answers = [("restore", "Restore"), ("discard", "Discard it"), ("later", "Not now")]
        self.screen.app.push_screen(Confirm(question, answers), answered)
