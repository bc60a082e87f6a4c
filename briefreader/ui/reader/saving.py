"""Saving from a screen: ask first where a save would replace something unexpected, write in a thread.

A save never replaces, unasked, a file this session did not load, one that
changed on disk since it was read or written (another reader: the lost
update), or a read-only file. A failed save keeps the work in memory and
offers another place.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.screen import Screen

from briefreader.io.errors import BriefError
from briefreader.model.display import one_line
from briefreader.session.brief import BriefSession
from briefreader.session.files import FileStamp, SaveRisk, display_name, display_path, is_annotated, real_target

Then = Callable[[], None] | None


class SaveFlow:
    """ctrl+s for one session on one screen."""

    def __init__(self, screen: Screen[Any], session: BriefSession, changed: Callable[[str], None]) -> None:
        self.screen = screen
        self.session = session
        self.changed = changed
        """Called on the main thread with a status line after anything that changed the session."""

    def save(self, target: Path | None = None, then: Then = None) -> None:
        """Save to ``target`` (default: the save path), asking first if it risks someone's work."""
        from briefreader.ui.dialogs.confirm import Confirm

        target = target or self.session.save_path
        risk = self.session.save_risk(target)
        if risk is SaveRisk.NONE:
            self.write(target, then)
            return
        name = display_name(target)
        answers = [("saveas", "Save as…"), ("overwrite", "Overwrite"), ("cancel", "Cancel")]
        if risk is SaveRisk.READ_ONLY:
            question = f"{name} is read-only. Overwrite it anyway?"
            answers[1] = ("overwrite", "Overwrite anyway")
        elif risk is SaveRisk.CHANGED:
            question = (
                f"{name} has changed on disk since this reader opened or saved it (another reader, or an edit"
                " by hand). Saving now would replace those changes."
            )
            answers.insert(0, ("merge", "Merge notes and save"))
        else:
            question = f"{name} already exists, and this reader did not open it: saving would replace it."
            if is_annotated(real_target(target)):
                question = f"{name} already holds annotations this reader did not open: saving would replace them."
                answers.insert(0, ("merge", "Merge notes and save"))

        def answered(choice: str | None) -> None:
            if choice == "overwrite":
                self.write(target, then)
            elif choice == "saveas":
                self.save_as(then)
            elif choice == "merge":
                try:
                    message = self.session.merge_from_disk(target)
                except BriefError as exc:
                    self.screen.notify(
                        one_line(exc.reason, 300), title="Could not read it", severity="error", markup=False
                    )
                    return
                self.changed(message)
                self.save(target, then)

        self.screen.app.push_screen(Confirm(question, answers), answered)

    def save_as(self, then: Then = None) -> None:
        """Ask for a path, then save there (with the same questions)."""
        from briefreader.ui.dialogs.ask import Ask

        suggestion = str(self.session.save_path)

        def answered(value: str | None) -> None:
            if value:
                self.save(Path(value).expanduser(), then)

        self.screen.app.push_screen(Ask("Save as", suggestion, "Escape keeps reading, unsaved."), answered)

    def write(self, target: Path, then: Then = None) -> None:
        """Write a snapshot in a thread; the Document stays as it is whatever happens."""
        snapshot, position = self.session.snapshot()
        self.changed(f"Saving to {display_path(target)}…")
        app = self.screen.app

        def work() -> None:
            try:
                stamp = BriefSession.write(snapshot, target)
            except BriefError as exc:
                app.call_from_thread(self._failed, target, exc.reason, then)
            except Exception as exc:  # the work is in memory; say what happened, never crash
                app.call_from_thread(self._failed, target, f"{type(exc).__name__}: {exc}", then)
            else:
                app.call_from_thread(self._done, target, stamp, position, then)

        self.screen.run_worker(work, thread=True, group="save", name="save")

    def _done(self, target: Path, stamp: FileStamp, position: int, then: Then) -> None:
        self.session.mark_saved(target, stamp, position)
        where = display_path(target)
        self.screen.notify(f"Saved to {where}", markup=False)
        self.changed(f"Saved to {where}")
        if then is not None:
            then()

    def _failed(self, target: Path, reason: str, then: Then) -> None:
        from briefreader.ui.dialogs.ask import Ask

        self.screen.notify(
            f"Could not save to {display_path(target)}: {one_line(reason, 200)}",
            title="Not saved",
            severity="error",
            markup=False,
            timeout=15,
        )
        self.changed("Not saved: your work is still here")
        suggestion = str(Path.home() / target.name)

        def answered(value: str | None) -> None:
            if value:
                self.save(Path(value).expanduser(), then)

        hint = "Your work is still here, unsaved. Escape to keep reading."
        self.screen.app.push_screen(Ask("Save to another place", suggestion, hint), answered)
