"""Helpers for Pilot tests: build the app as the CLI does, wait on conditions."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot

from briefreader.ui.app import BriefReaderApp, make_app
from briefreader.ui.main_screen import MainScreen

DATA = Path(__file__).resolve().parent / "data"
BRIEFS = Path(__file__).resolve().parent.parent / "briefs"


async def wait_for(pilot: Pilot[None], condition: Callable[[], bool], what: str, timeout: float = 60.0) -> None:
    """Let the app run until ``condition`` holds (fails with ``what`` after ``timeout`` seconds)."""
    import time

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


def app_for(path: Path, **kwargs: object) -> BriefReaderApp:
    """The app on one file, with recovery off unless asked for.

    Tests parse in the worker thread, where the model loaded once per test
    run is reused; one test covers the parse process the CLI uses.
    """
    kwargs.setdefault("recovery", False)
    kwargs.setdefault("parse_in_process", False)
    return make_app([path], **kwargs)  # type: ignore[arg-type]


def main_screen(app: BriefReaderApp) -> MainScreen:
    """The reading screen (fails the test when none is open)."""
    screen = app.reader
    assert screen is not None
    return screen
