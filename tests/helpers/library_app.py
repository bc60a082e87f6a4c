"""Helpers for the library screens' Pilot tests: libraries of the project's own briefs, the app on them."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from briefreader.io.settings import SCOPE_KEY, save_setting
from briefreader.ui.app import BriefReaderApp, make_app
from briefreader.ui.library.library_reader import LibraryReaderScreen
from briefreader.ui.library.library_screen import LibraryScreen
from tests.helpers.app import wait_for
from tests.helpers.library_data import GLACIER, MARKET, annotated, make_library, write

TITLES = {
    "harbour": "Harbour talks between Arland and Belmark resume in Corvale",
    "glacier": "Glacier survey finds rapid retreat in the Nordvik range",
    "market": "Fish market prices climb in Corvale",
}


def annotated_library(root: Path) -> Path:
    """Three annotated briefs (no parse needed): the market (newest), the glacier, the harbour (undated)."""
    make_library(root)
    annotated(
        root / "glacier.md",
        {
            "Nordvik": ("LOC", ["Nordvik"]),
            "Polar Institute": ("ORG", ["Polar Institute"]),
            "Hale Ostrow": ("PERSON", ["Hale Ostrow"]),
        },
    )
    annotated(root / "markets" / "fish-market.txt", {"Corvale": ("GPE", ["Corvale"])})
    return root


def new_library(root: Path) -> Path:
    """Two briefs nobody has parsed."""
    write(root / "glacier.md", GLACIER)
    write(root / "markets" / "fish-market.txt", MARKET)
    return root


def library_app(root: Path, *, parse: bool = False, scope: str = "brief") -> BriefReaderApp:
    """The app on a library folder as ``briefreader DIR`` builds it (recovery off, parsing in threads)."""
    save_setting(SCOPE_KEY, scope)
    return make_app([], library=root, recovery=False, parse_in_process=False, parse_library=parse)


def library(app: BriefReaderApp) -> LibraryScreen:
    """The library screen (fails when it is not on the stack)."""
    screen = next((s for s in app.screen_stack if isinstance(s, LibraryScreen)), None)
    assert screen is not None
    return screen


async def ready(pilot: Pilot[None], app: BriefReaderApp) -> LibraryScreen:
    """Wait until the library's index is up to date and its background parses are done."""
    screen = library(app)
    await wait_for(pilot, lambda: bool(screen.rows) and not screen.work.refreshing, "the index refresh")
    await wait_for(pilot, lambda: not screen.work.parsing, "the background parses")
    await pilot.pause()
    return screen


def reading(app: BriefReaderApp) -> LibraryReaderScreen | None:
    """The reader opened from a list, when it is on top."""
    return app.screen if isinstance(app.screen, LibraryReaderScreen) else None


def titles(screen: LibraryScreen) -> list[str]:
    """The table's titles, top to bottom, as shown."""
    table = screen.table
    return [table.get_row_at(i)[0].plain for i in range(table.row_count)]
