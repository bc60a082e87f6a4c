"""Unsaved work written aside while reading, and offered back on the next start.

A few seconds after the last change (``RECOVERY_DELAY``) the reading
screen writes its session's work to its own recovery file
(``briefreader.io.recovery``). On opening a brief, work that earlier
sessions left on it is offered, newest first, one question at a time:
"Not now" keeps every file for another day.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import App

from briefreader.io.recovery import Pending
from briefreader.session.brief import BriefSession

RECOVERY_DELAY = 3.0
"""Seconds after the last change before unsaved work is written aside."""


def recovery_question(first: Pending, older: int) -> Text:
    """ "Unsaved work on this brief was kept from …": the question for the newest set (plain text)."""
    stamp = first.written.astimezone().strftime("%Y-%m-%d %H:%M")
    n = len(first.doc.notes)
    question = Text(f"Unsaved work on this brief was kept from {stamp} ({n} note{'s' if n != 1 else ''}).")
    if older:
        question.append(f"\n{older} older set{'s' if older != 1 else ''} of unsaved work also kept.")
    question.append("\nRestore it?")
    return question


async def offer_recovery(app: App[Any], session: BriefSession) -> str:
    """Offer what earlier sessions left, newest first (in a worker); what a restore said, or ""."""
    from briefreader.ui.dialogs.confirm import Confirm

    pending = session.pending_recoveries()
    answers = [("restore", "Restore"), ("discard", "Discard it"), ("later", "Not now")]
    for i, first in enumerate(pending):
        choice = await app.push_screen_wait(Confirm(recovery_question(first, len(pending) - i - 1), answers))
        if choice == "restore":
            return session.restore(first)
        if choice != "discard":
            return ""
        session.discard(first)
    return ""
