"""Saving a brief: where a save may go (asking first when it would replace something unexpected), and the write.

A save never replaces, unasked, a file this session did not load, one that
changed on disk since it was read or written (another reader: the lost
update), or a read-only file. A failed save keeps the work in memory and
offers another place. The reading screen runs these in its ``save``
worker and reports each save with a ``Saved`` message.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from textual.app import App

from briefreader.io.errors import BriefError
from briefreader.model.display import one_line
from briefreader.model.document import Document
from briefreader.session.brief import BriefSession
from briefreader.session.files import FileStamp, SaveRisk, display_name, is_annotated, real_target

ANSWERS = [("saveas", "Save as…"), ("overwrite", "Overwrite"), ("cancel", "Cancel")]
MERGE = ("merge", "Merge notes and save")


@dataclass(frozen=True)
class Target:
    """Where to write (None: the person cancelled), and what a merge before it said."""

    path: Path | None
    merged: str = ""


def question(target: Path, risk: SaveRisk) -> tuple[str, list[tuple[str, str]]]:
    """What to ask before a save to ``target`` that runs ``risk``, and the answers offered."""
    name = display_name(target)
    answers = list(ANSWERS)
    if risk is SaveRisk.READ_ONLY:
        answers[1] = ("overwrite", "Overwrite anyway")
        return f"{name} is read-only. Overwrite it anyway?", answers
    if risk is SaveRisk.CHANGED:
        said = (
            f"{name} has changed on disk since this reader opened or saved it (another reader, or an edit"
            " by hand). Saving now would replace those changes."
        )
        return said, [MERGE, *answers]
    if is_annotated(real_target(target)):
        return f"{name} already holds annotations this reader did not open: saving would replace them.", [
            MERGE,
            *answers,
        ]
    return f"{name} already exists, and this reader did not open it: saving would replace it.", answers


async def ask_path(app: App[Any], title: str, suggestion: Path, hint: str) -> Path | None:
    """A path typed in a dialog (None: escape)."""
    from briefreader.ui.dialogs.ask import Ask

    value = await app.push_screen_wait(Ask(title, str(suggestion), hint))
    return Path(value).expanduser() if value else None


async def confirm_target(app: App[Any], session: BriefSession, target: Path) -> Target:
    """Where the save goes: ``target`` when it risks nothing, else as the person answers (must run in a worker)."""
    from briefreader.ui.dialogs.confirm import Confirm

    merged = ""
    while True:
        risk = session.save_risk(target)
        if risk is SaveRisk.NONE:
            return Target(target, merged)
        asked, answers = question(target, risk)
        choice = await app.push_screen_wait(Confirm(asked, answers))
        if choice == "overwrite":
            return Target(target, merged)
        if choice == "saveas":
            typed = await ask_path(app, "Save as", session.save_path, "Escape keeps reading, unsaved.")
            if typed is None:
                return Target(None, merged)
            target = typed
        elif choice == "merge":
            try:
                merged = session.merge_from_disk(target)
            except BriefError as exc:
                app.notify(one_line(exc.reason, 300), title="Could not read it", severity="error", markup=False)
                return Target(None, merged)
        else:
            return Target(None, merged)


def write(snapshot: Document, target: Path) -> FileStamp | str:
    """Write a snapshot (in a thread): the new file's stamp, or why it could not be written (never raises)."""
    try:
        return BriefSession.write(snapshot, target)
    except BriefError as exc:
        return exc.reason
    except Exception as exc:  # the work is in memory; say what happened, never crash
        return f"{type(exc).__name__}: {exc}"


async def another_place(app: App[Any], failed: Path) -> Path | None:
    """After a failed save, another place to try (None: keep reading, unsaved)."""
    hint = "Your work is still here, unsaved. Escape to keep reading."
    return await ask_path(app, "Save to another place", Path.home() / failed.name, hint)
