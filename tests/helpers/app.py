"""Helpers for Pilot tests: build the app as the CLI does, wait on conditions, read what is shown."""

from __future__ import annotations

import shutil
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.screen import Screen
from textual.widget import Widget

from briefreader.io.settings import SCOPE_KEY, save_setting
from briefreader.ui.app import BriefReaderApp, make_app
from briefreader.ui.reader.reader_screen import ReaderScreen
from tests.helpers.paths import DATA


@asynccontextmanager
async def started(app: BriefReaderApp, size: tuple[int, int] = (80, 24), **kwargs: Any) -> AsyncIterator[Pilot[None]]:
    """``app.run_test``, once the first screen is complete.

    The reader's side panes are mounted just after the frame that shows the
    text (``ReaderScreen.mount_side_panes``); a person sees them a frame later, and so do tests.
    """
    async with app.run_test(size=size, **kwargs) as pilot:
        await side_panes_up(pilot, app)
        yield pilot


async def side_panes_up(pilot: Pilot[Any], app: BriefReaderApp) -> None:
    """Wait until the reader on screen (if any) shows its side panes, mounted and filled."""
    await wait_for(pilot, lambda: app.reader is None or app.reader.side_ready, "the side panes")


def pressing(*keys: str) -> Callable[[Pilot[Any]], Awaitable[None]]:
    """A snapshot's ``run_before``: once the reader's side panes are up (as a person sees it), press ``keys``."""

    async def run(pilot: Pilot[Any]) -> None:
        app = pilot.app
        assert isinstance(app, BriefReaderApp)
        await side_panes_up(pilot, app)
        await pilot.press(*keys)
        await pilot.wait_for_scheduled_animations()  # a list scrolling to its highlight has arrived

    return run


async def wait_for(pilot: Pilot[None], condition: Callable[[], bool], what: str, timeout: float = 60.0) -> None:
    """Let the app run until ``condition`` holds (fails with ``what`` after ``timeout`` seconds)."""
    end = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > end:
            raise AssertionError(f"timed out waiting for: {what}")
        await pilot.pause(0.02)


def annotated_copy(tmp_path: Path) -> Path:
    """A writable copy of the pre-annotated test brief (opens without spaCy)."""
    target = tmp_path / "glacier-talks.yaml"
    shutil.copy(DATA / "glacier-talks.yaml", target)
    return target


def events_copy(tmp_path: Path) -> Path:
    """A writable copy of the test brief saved with event frames (a timeline; opens without spaCy)."""
    target = tmp_path / "glacier-events.yaml"
    shutil.copy(DATA / "glacier-events.yaml", target)
    return target


def app_for(path: Path, corrections_scope: str = "brief", **kwargs: object) -> BriefReaderApp:
    """The app on one file, with recovery off unless asked for.

    Tests parse in the worker thread, where the model loaded once per test
    run is reused; one test covers the parse process the CLI uses.
    Entity corrections apply to this brief only without asking (the
    setting, in the test's own config folder) unless a test asks for
    ``corrections_scope="ask"`` (the product's default) or ``"all"``.
    """
    save_setting(SCOPE_KEY, corrections_scope)
    kwargs.setdefault("recovery", False)
    kwargs.setdefault("parse_in_process", False)
    return make_app([path], **kwargs)  # type: ignore[arg-type]


def reader(app: BriefReaderApp) -> ReaderScreen:
    """The reading screen (fails the test when none is open)."""
    screen = app.reader
    assert screen is not None
    return screen


def status(screen: ReaderScreen) -> str:
    """The status line as shown."""
    return str(screen.query_one("#status").render())


def shown(widget: Widget, lines: int | None = None) -> str:
    """A widget's visible lines as plain text (what a person reads)."""
    height = widget.size.height if lines is None else lines
    return "\n".join(widget.render_line(y).text for y in range(height))


def showing(app: BriefReaderApp, kind: type[Screen[Any]]) -> bool:
    """True once a dialog of ``kind`` is on top and mounted (its buttons can be clicked)."""
    return isinstance(app.screen, kind) and app.screen.is_mounted


def saved(screen: ReaderScreen) -> bool:
    """True once nothing is unsaved (a save has finished)."""
    return not screen.session.dirty


def record_notifications(app: BriefReaderApp) -> list[str]:
    """Every notification the app shows from now on, as ``title: message`` (plain text)."""
    seen: list[str] = []
    real = app.notify

    def notify(message: str, *, title: str = "", **kwargs: object) -> None:
        seen.append(f"{title}: {message}")
        real(message, title=title, **kwargs)  # type: ignore[arg-type]

    app.notify = notify  # type: ignore[method-assign]
    return seen
