"""Opening from the reading screen: another brief (ctrl+o), or this one afresh.

ctrl+o chooses a brief from a folder (the current brief's, or any typed),
or takes a typed path; a folder chosen or typed lists its briefs and
subfolders in turn, as the command line accepts a folder. Names are shown
through the visible-text filter: a file name can hold escape sequences.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.text import Text
from textual.app import App

from briefreader.io.sources import find_briefs
from briefreader.session import BriefSession, start_fresh
from briefreader.session.files import display_name, display_path


def folder_items(folder: Path, current: Path | None = None) -> list[tuple[str, Text]]:
    """A folder's subfolders (``name/``) and briefs, as chooser items whose ids are paths."""
    items: list[tuple[str, Text]] = []
    if folder.parent != folder:
        items.append((str(folder.parent), Text("../", style="dim")))
    try:
        subfolders = sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))
        briefs = find_briefs(folder)
    except OSError:
        return items
    items += [(str(p), Text(display_name(p) + "/", style="bold")) for p in subfolders]
    for p in briefs:
        line = Text(display_name(p))
        if current is not None and p == current:
            line.append("  (open now)", style="dim")
        items.append((str(p), line))
    return items


async def choose_brief(app: App[Any], folder: Path, current: Path | None) -> Path | None:
    """The brief picked or typed, from ``folder`` or a folder chosen in turn (in a worker; None: none)."""
    from briefreader.ui.dialogs.choose import Choose

    while True:
        title = f"Open a brief from {display_path(folder, 50)} (or type a path)"
        value = await app.push_screen_wait(Choose(title, folder_items(folder, current), allow_new=True))
        if not value:
            return None
        path = Path(value).expanduser()
        if not path.is_absolute():
            path = folder / path
        if path.is_dir():
            folder = path
        elif path.exists():
            return path
        else:
            app.notify(f"No such file or folder: {display_path(path)}", severity="warning", markup=False)
            return None


async def confirm_start_fresh(app: App[Any], session: BriefSession) -> str | None:
    """Ask, then set the saved annotations aside and read the source again (in a worker); the status line."""
    from briefreader.ui.dialogs.confirm import Confirm

    where = display_name(session.save_path)
    question = f"Start again from the source, without your annotations? {where} stays as it is on disk."
    choice = await app.push_screen_wait(Confirm(question, [("fresh", "Start fresh"), ("cancel", "Cancel")]))
    return start_fresh(session) if choice == "fresh" else None
