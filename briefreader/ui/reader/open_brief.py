"""Opening from the reading screen: another brief (ctrl+o), or this one afresh.

ctrl+o chooses a brief from a folder (the current brief's, or any typed),
or takes a typed path; a folder chosen or typed lists its briefs and
subfolders in turn, as the command line accepts a folder. Names are shown
through the visible-text filter: a file name can hold escape sequences.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from rich.text import Text
from textual.screen import Screen

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


def choose_brief(screen: Screen[Any], folder: Path, current: Path | None, chosen: Callable[[Path], None]) -> None:
    """Show the chooser on ``folder``; call ``chosen`` with the brief picked or typed."""
    from briefreader.ui.dialogs.choose import Choose

    def answered(value: str | None) -> None:
        if not value:
            return
        path = Path(value).expanduser()
        if not path.is_absolute():
            path = folder / path
        if path.is_dir():
            choose_brief(screen, path, current, chosen)
        elif path.exists():
            chosen(path)
        else:
            screen.notify(f"No such file or folder: {display_path(path)}", severity="warning", markup=False)

    title = f"Open a brief from {display_path(folder, 50)} (or type a path)"
    screen.app.push_screen(Choose(title, folder_items(folder, current), allow_new=True), answered)


def confirm_start_fresh(screen: Screen[Any], session: BriefSession, done: Callable[[str], None]) -> None:
    """Ask, then set the saved annotations aside and read the source again; ``done`` gets a status line."""
    from briefreader.ui.dialogs.confirm import Confirm

    where = display_name(session.save_path)

    def answered(choice: str | None) -> None:
        if choice == "fresh":
            done(start_fresh(session))

    question = f"Start again from the source, without your annotations? {where} stays as it is on disk."
    screen.app.push_screen(Confirm(question, [("fresh", "Start fresh"), ("cancel", "Cancel")]), answered)
