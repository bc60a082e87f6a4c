"""What the reader and the library look like at 80x24 and 160x50, on pre-annotated briefs (no parse, no clock)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from tests.helpers.app import annotated_copy, app_for, events_copy, pressing, wait_for
from tests.helpers.library_app import annotated_library, library_app, ready

SMALL = (80, 24)
LARGE = (160, 50)


def test_main_screen_80x24(snap_compare: Callable[..., bool], tmp_path: Path) -> None:
    assert snap_compare(app_for(annotated_copy(tmp_path)), terminal_size=SMALL, run_before=pressing("j", "j"))


def test_main_screen_entity_selected_160x50(snap_compare: Callable[..., bool], tmp_path: Path) -> None:
    assert snap_compare(
        app_for(annotated_copy(tmp_path)),
        terminal_size=LARGE,
        run_before=pressing("tab", "down", "right_square_bracket"),
    )


def test_relabel_dialog_80x24(snap_compare: Callable[..., bool], tmp_path: Path) -> None:
    assert snap_compare(app_for(annotated_copy(tmp_path)), terminal_size=SMALL, run_before=pressing("tab", "e", "up"))


def test_quit_dialog_80x24(snap_compare: Callable[..., bool], tmp_path: Path) -> None:
    async def quit_unsaved(pilot: Pilot[Any]) -> None:
        await pressing("a", *"unsaved", "ctrl+s", "q")(pilot)

    assert snap_compare(app_for(annotated_copy(tmp_path)), terminal_size=SMALL, run_before=quit_unsaved)


def test_help_screen_80x24(snap_compare: Callable[..., bool], tmp_path: Path) -> None:
    assert snap_compare(app_for(annotated_copy(tmp_path)), terminal_size=SMALL, run_before=pressing("question_mark"))


def test_help_screen_160x50(snap_compare: Callable[..., bool], tmp_path: Path) -> None:
    assert snap_compare(app_for(annotated_copy(tmp_path)), terminal_size=LARGE, run_before=pressing("question_mark"))


def test_note_modal_80x24(snap_compare: Callable[..., bool], tmp_path: Path) -> None:
    async def type_note(pilot: Pilot[Any]) -> None:
        await pressing("j", "a", *"Who funds the commission?", "tab", *"budget")(pilot)

    assert snap_compare(app_for(annotated_copy(tmp_path)), terminal_size=SMALL, run_before=type_note)


def test_mark_dialog_160x50(snap_compare: Callable[..., bool], tmp_path: Path) -> None:
    assert snap_compare(app_for(annotated_copy(tmp_path)), terminal_size=LARGE, run_before=pressing("j", "j", "plus"))


# The library's screens, on a library of three annotated briefs (no parse, no clock).


def test_library_80x24(snap_compare: Callable[..., bool], tmp_path: Path) -> None:
    app = library_app(annotated_library(tmp_path / "lib"))

    async def indexed(pilot: Pilot[Any]) -> None:
        await ready(pilot, app)

    assert snap_compare(app, terminal_size=SMALL, run_before=indexed)


def test_search_results_80x24(snap_compare: Callable[..., bool], tmp_path: Path) -> None:
    app = library_app(annotated_library(tmp_path / "lib"))

    async def search(pilot: Pilot[Any]) -> None:
        await ready(pilot, app)
        await pilot.press("slash", *"corvale", "enter")

    assert snap_compare(app, terminal_size=SMALL, run_before=search)


def test_entity_index_80x24(snap_compare: Callable[..., bool], tmp_path: Path) -> None:
    app = library_app(annotated_library(tmp_path / "lib"))

    async def entities(pilot: Pilot[Any]) -> None:
        await ready(pilot, app)
        await pilot.press("e")
        screen = app.screen
        await wait_for(pilot, lambda: bool(getattr(screen, "entities", None)), "the entity listing")

    assert snap_compare(app, terminal_size=SMALL, run_before=entities)


def test_timeline_80x24(snap_compare: Callable[..., bool], tmp_path: Path) -> None:
    """T, then enter on the news: the event's sentence highlighted in the Article, ▶ on its entry."""
    assert snap_compare(app_for(events_copy(tmp_path)), terminal_size=SMALL, run_before=pressing("T", "j", "enter"))
